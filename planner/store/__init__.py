"""Every SQL statement of the planner, behind one entry point. Returns models, never rows.

``Store(path)`` holds the database path and one part per concept: ``event``,
``accounts``, ``people``, ``sign_ins``, ``registration``, ``topics``,
``venue``, ``availability``, ``sessions``, ``votes``, ``agenda``, ``grid``,
``releases``. Each call opens a short-lived connection; every write runs in
one ``BEGIN IMMEDIATE`` transaction (:mod:`planner.store.db`), so concurrent
writers queue instead of failing on a lock upgrade, and a failed write
leaves nothing behind. The parts share the reads and checks of
:mod:`planner.store.reads`, :mod:`planner.store.checks` and
:mod:`planner.store.writes`; rules without SQL live in :mod:`planner.domain`.
"""

from __future__ import annotations

import os
import sqlite3

from pathlib import Path

from planner.errors import ValidationError
from planner.models import User
from planner.store import migrations
from planner.store.accounts import Accounts
from planner.store.agenda import Agenda
from planner.store.availability import Availability
from planner.store.checks import require_organiser
from planner.store.db import Db, default_db_path
from planner.store.event import EventSettings
from planner.store.grid import Grid
from planner.store.people import People
from planner.store.registration import Places
from planner.store.releases import Releases
from planner.store.sessions import Sessions
from planner.store.sign_ins import SignIns
from planner.store.topics import Topics
from planner.store.venue import Venue
from planner.store.votes import Votes

__all__ = ["Store", "default_db_path"]


class Store:
    """The planner's database: the whole file here, each concept in its part (``store.sessions.propose(...)``)."""

    def __init__(self, path: str | os.PathLike | None = None, bcrypt_rounds: int | None = None):
        self.path = str(path or default_db_path())
        self.db = Db(self.path)
        rounds = bcrypt_rounds or int(os.environ.get("PLANNER_BCRYPT_ROUNDS", "12"))
        self.bcrypt_rounds = min(max(rounds, 4), 15)
        self.event = EventSettings(self)
        self.accounts = Accounts(self)
        self.people = People(self)
        self.sign_ins = SignIns(self)
        self.registration = Places(self)
        self.topics = Topics(self)
        self.venue = Venue(self)
        self.availability = Availability(self)
        self.sessions = Sessions(self)
        self.votes = Votes(self)
        self.agenda = Agenda(self)
        self.grid = Grid(self)
        self.releases = Releases(self)

    def migrate(self) -> list[str]:
        """Create the file if needed, turn on WAL, apply pending migrations."""
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        db = self.db.connect()
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return migrations.migrate(db)
        finally:
            db.close()

    def backup(self, actor: User | None, target: str | os.PathLike) -> None:
        """A consistent copy of the whole database (SQLite's online backup).

        ``actor`` None only for the command line.
        """
        if actor is not None:
            with self.db.read() as db:
                require_organiser(db, actor)
        source = sqlite3.connect(self.path, timeout=10)
        dest = sqlite3.connect(str(target))
        try:
            source.backup(dest)
        finally:
            dest.close()
            source.close()

    def backup_bytes(self, actor: User) -> bytes:
        """The backup as bytes, for a download."""
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "backup.db"
            self.backup(actor, path)
            return path.read_bytes()

    def restore_backup(self, actor: User | None, data: bytes) -> None:
        """Replace the whole database by a backup, in one step.

        The upload is checked first (an SQLite file of this app that passes
        an integrity check); the current organiser must be an organiser in
        it too, so a restore cannot lock everyone out by accident.
        """
        import tempfile

        if actor is not None:
            with self.db.read() as db:
                require_organiser(db, actor)
        if not data.startswith(b"SQLite format 3\x00"):
            raise ValidationError("error.backup_invalid")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "upload.db"
            path.write_bytes(data)
            try:
                check = sqlite3.connect(str(path))
                ok = check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                has_tables = {r[0] for r in check.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                organisers = check.execute(
                    "SELECT username FROM users WHERE role = 'organiser' AND active = 1"
                ).fetchall() if "users" in has_tables else []
                check.close()
            except sqlite3.DatabaseError:
                raise ValidationError("error.backup_invalid") from None
            if not ok or not {"event", "users", "_migrations"} <= has_tables:
                raise ValidationError("error.backup_invalid")
            if actor is not None and (actor.username,) not in [tuple(o) for o in organisers]:
                raise ValidationError("error.backup_foreign")
            with self.db.read() as db:
                row = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'sign_ins'").fetchone()
                last_sign_in = row[0] if row else 0
            source = sqlite3.connect(str(path))
            dest = sqlite3.connect(self.path, timeout=10)
            try:
                source.backup(dest)  # takes the write lock; readers see old or new, never half
            finally:
                dest.close()
                source.close()
        self.migrate()  # an older backup is brought up to date
        with self.db.write() as db:
            # Everyone signs in again: the backup's sign-ins may have been
            # ended since, and its user ids may name other people. Ids of
            # sign-ins stay unused (a tab may still hold one from before).
            db.execute("DELETE FROM sign_ins")
            if not db.execute("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'sign_ins'",
                              [last_sign_in]).rowcount:
                db.execute("INSERT INTO sqlite_sequence(name, seq) VALUES ('sign_ins', ?)", [last_sign_in])

    def revision(self) -> str:
        """A token that changes with every write through the store and every restore.

        Pages cache what they compute from the database under it; read it
        before the data, so that a write in between only files the result
        under a revision no later run asks for.
        """
        with self.db.read() as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
            return row[0] if row else ""

    def cookie_key(self) -> str:
        with self.db.read() as db:
            return db.execute("SELECT value FROM meta WHERE key = 'cookie_key'").fetchone()[0]
