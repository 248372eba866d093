"""Every SQL statement of the planner. Returns models, never rows.

A :class:`Store` holds only the database path: each call opens a short-lived
connection (sqlite3 connections must not cross Streamlit's threads). Every
write runs in one ``BEGIN IMMEDIATE`` transaction, so concurrent writers
queue on the busy timeout instead of failing on a lock upgrade, and a
failed write leaves nothing behind.
"""

from __future__ import annotations

import json
import os
import random
import re
import secrets
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlite_utils import Database

from planner.domain import passwords
from planner.store import migrations
from planner.domain import auth
from planner.domain import text as validation
from planner.domain.grid import release_items
from planner.domain.sessions import Known, check_draft, resolve_host
from planner.errors import Conflict, NotFound, PermissionDenied, ValidationError
from planner.models import (
    LANGUAGES,
    Event,
    Host,
    Placement,
    Registration,
    Release,
    ReleaseItem,
    Role,
    Room,
    RoomDraft,
    Session,
    SessionDraft,
    SignIn,
    SessionFormat,
    SessionStatus,
    SignupMode,
    Slot,
    SlotDraft,
    SlotKind,
    Topic,
    TopicInterest,
    User,
    VoteDisplay,
)
from planner.domain.timeslots import check_day

DEFAULT_DB = "data/barcamp.db"


def default_db_path() -> str:
    """The database file: ``PLANNER_DB`` or ``data/barcamp.db``."""
    return os.environ.get("PLANNER_DB") or DEFAULT_DB


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


class Store:
    """The planner's database, opened per call."""

    def __init__(self, path: str | os.PathLike | None = None, bcrypt_rounds: int | None = None):
        self.path = str(path or default_db_path())
        rounds = bcrypt_rounds or int(os.environ.get("PLANNER_BCRYPT_ROUNDS", "12"))
        self.bcrypt_rounds = min(max(rounds, 4), 15)

    # -- connections -------------------------------------------------------

    def _connect(self) -> Database:
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA foreign_keys = ON")
        return Database(conn)

    @contextmanager
    def _read(self) -> Iterator[Database]:
        db = self._connect()
        try:
            yield db
        finally:
            db.close()

    @contextmanager
    def _write(self, revision: bool = True) -> Iterator[Database]:
        """One immediate transaction: all of it is written, or none.

        ``revision=False`` for writes no page shows (sign-ins): they leave
        every cached result valid.
        """
        db = self._connect()
        try:
            _begin_immediate(db)
            try:
                yield db
            except BaseException:
                db.rollback()
                raise
            if revision:
                _new_revision(db)
            db.execute("COMMIT")
        finally:
            db.close()

    def migrate(self) -> list[str]:
        """Create the file if needed, turn on WAL, apply pending migrations."""
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        db = self._connect()
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
            with self._read() as db:
                _require_organiser(db, actor)
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
            with self._read() as db:
                _require_organiser(db, actor)
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
            with self._read() as db:
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
        with self._write() as db:
            # Everyone signs in again: the backup's sign-ins may have been
            # ended since, and its user ids may name other people. Ids of
            # sign-ins stay unused (a tab may still hold one from before).
            db.execute("DELETE FROM sign_ins")
            if not db.execute("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'sign_ins'",
                              [last_sign_in]).rowcount:
                db.execute("INSERT INTO sqlite_sequence(name, seq) VALUES ('sign_ins', ?)", [last_sign_in])
            # (and a new revision: nothing cached from before the restore is read again)

    def revision(self) -> str:
        """A token that changes with every write through the store and every restore.

        Pages cache what they compute from the database under it; read it
        before the data, so that a write in between only files the result
        under a revision no later run asks for.
        """
        with self._read() as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
            return row[0] if row else ""

    def cookie_key(self) -> str:
        with self._read() as db:
            return db.execute("SELECT value FROM meta WHERE key = 'cookie_key'").fetchone()[0]

    # -- event -------------------------------------------------------------

    def get_event(self) -> Event | None:
        with self._read() as db:
            return _event(db)

    def is_set_up(self) -> bool:
        """True once the event and its first organiser exist."""
        with self._read() as db:
            return _event(db) is not None and _organiser_count(db) > 0

    def set_up(
        self,
        *,
        name: str,
        starts_on: date | str,
        ends_on: date | str,
        timezone_name: str,
        default_language: str,
        organiser_username: str,
        organiser_name: str,
        organiser_email: str,
        organiser_password: str,
    ) -> User:
        """Create the event and its first organiser; refused once set up."""
        event_name = validation.check_name(name)
        start, end = _check_dates(starts_on, ends_on)
        tz = _check_timezone(timezone_name)
        lang = _check_language(default_language)
        username = validation.check_username(organiser_username)
        display = validation.check_name(organiser_name)
        email = validation.check_email(organiser_email)
        password = validation.check_password(organiser_password)
        hashed = passwords.hash_password(password, self.bcrypt_rounds)
        with self._write() as db:
            if _event(db) is not None and _organiser_count(db) > 0:
                raise Conflict("error.already_set_up")
            db.execute("DELETE FROM event")
            db["event"].insert(
                {
                    "id": 1,
                    "name": event_name,
                    "starts_on": start,
                    "ends_on": end,
                    "timezone": tz,
                    "default_language": lang,
                }
            )
            user_id = _insert_user(db, username, display, email, hashed, Role.ORGANISER, lang)
            return _user(db, user_id)

    def update_event(
        self,
        actor: User,
        *,
        signup_mode: SignupMode | None = None,
        invite_code: str | None = None,
        proposals_open: bool | None = None,
        voting_open: bool | None = None,
        default_language: str | None = None,
        name: str | None = None,
        description: str | None = None,
        venue: str | None = None,
        starts_on: date | str | None = None,
        ends_on: date | str | None = None,
        timezone_name: str | None = None,
        show_votes: VoteDisplay | None = None,
        shuffle: bool | None = None,
        capacity: int | None | type(...) = ...,
        schedule_published: bool | None = None,
        move_cost: int | None = None,
        base_url: str | None = None,
        display_enabled: bool | None = None,
        display_token: str | None = None,
    ) -> Event:
        """Change the event's settings and phases (organisers only).

        Arguments left out stay as they are; ``capacity=None`` means no limit.
        """
        changes: dict[str, object] = {}
        if name is not None:
            changes["name"] = validation.check_name(name)
        if description is not None:
            changes["description"] = validation.check_description(description)
        if venue is not None:
            changes["venue"] = validation.check_venue(venue)
        if timezone_name is not None:
            changes["timezone"] = _check_timezone(timezone_name)
        if show_votes is not None:
            changes["show_votes"] = VoteDisplay(show_votes).value
        if shuffle is not None:
            changes["shuffle"] = int(shuffle)
        if schedule_published is not None:
            changes["schedule_published"] = int(schedule_published)
        if base_url is not None:
            changes["base_url"] = validation.check_url(base_url).rstrip("/")
        if display_enabled is not None:
            changes["display_enabled"] = int(display_enabled)
        if display_token is not None:
            token = validation.clean_line(display_token)
            if len(token) > 64 or not all(ch.isalnum() or ch in "-_" for ch in token):
                raise ValidationError("error.display_token_invalid")
            changes["display_token"] = token
        if move_cost is not None:
            if not isinstance(move_cost, int) or not 0 <= move_cost <= 1000:
                raise ValidationError("error.move_cost_invalid")
            changes["move_cost"] = move_cost
        if capacity is not ...:
            if capacity is not None and (not isinstance(capacity, int) or not 1 <= capacity <= 100_000):
                raise ValidationError("error.event_capacity_invalid")
            changes["capacity"] = capacity
        if signup_mode is not None:
            changes["signup_mode"] = SignupMode(signup_mode).value
        if invite_code is not None:
            code = validation.clean_line(invite_code)
            if len(code) > 64:
                raise ValidationError("error.invite_code_long", max=64)
            changes["invite_code"] = code
        if proposals_open is not None:
            changes["proposals_open"] = int(proposals_open)
        if voting_open is not None:
            changes["voting_open"] = int(voting_open)
        if default_language is not None:
            changes["default_language"] = _check_language(default_language)
        with self._write() as db:
            _require_organiser(db, actor)
            event = _event(db)
            if event is None:
                raise NotFound("error.no_event")
            if starts_on is not None or ends_on is not None:
                changes["starts_on"], changes["ends_on"] = _check_dates(
                    starts_on or event.starts_on, ends_on or event.ends_on
                )
            if changes.get("signup_mode") == SignupMode.INVITE.value:
                code = changes.get("invite_code", _invite_code(db))
                if not code:
                    raise ValidationError("error.invite_code_missing")
            if changes:
                db["event"].update(1, changes)
            if "capacity" in changes:
                _promote_waiting(db)
            return _event(db)

    # -- users -------------------------------------------------------------

    def sign_up(
        self,
        *,
        username: str,
        name: str,
        email: str,
        password: str,
        invite_code: str = "",
        language: str | None = None,
    ) -> User:
        """Register a participant, honouring the event's sign-up mode."""
        clean_username = validation.check_username(username)
        display = validation.check_name(name)
        clean_email = validation.check_email(email)
        validation.check_password(password)
        lang = _check_language(language) if language else None
        hashed = passwords.hash_password(password, self.bcrypt_rounds)
        with self._write() as db:
            event = _event(db)
            if event is None:
                raise NotFound("error.no_event")
            if event.signup_mode is SignupMode.CLOSED:
                raise PermissionDenied("error.signup_closed")
            if event.signup_mode is SignupMode.INVITE:
                if validation.clean_line(invite_code) != _invite_code(db):
                    raise PermissionDenied("error.invite_code_wrong")
            user_id = _insert_user(db, clean_username, display, clean_email, hashed, Role.PARTICIPANT, lang)
            if _is_full(db, event, extra=0, exclude=user_id):
                db["users"].update(
                    user_id, {"registration": Registration.WAITING.value, "waiting_since": _now()}
                )
            return _user(db, user_id)

    def create_user(
        self,
        actor: User | None,
        *,
        username: str,
        name: str,
        email: str,
        password: str | None = None,
        password_hash: str | None = None,
        role: Role = Role.PARTICIPANT,
    ) -> User:
        """Add an account directly (organisers; ``actor=None`` only for the CLI and demo)."""
        clean_username = validation.check_username(username)
        display = validation.check_name(name)
        clean_email = validation.check_email(email)
        if password_hash is None:
            password_hash = passwords.hash_password(validation.check_password(password), self.bcrypt_rounds)
        with self._write() as db:
            if actor is not None:
                _require_organiser(db, actor)
            return _user(
                db, _insert_user(db, clean_username, display, clean_email, password_hash, Role(role), None)
            )

    def authenticate(self, username: str, password: str) -> User | None:
        """The active user with this name and password, else None."""
        with self._read() as db:
            row = db.execute(
                "SELECT id, password_hash FROM users WHERE username = ? AND active = 1",
                [validation.clean_line(username).lower()],
            ).fetchone()
            if row is None or not passwords.matches(password, row[1]):
                return None
            return _user(db, row[0])

    def change_password(
        self, username: str, old_password: str, new_password: str, keep_sign_in: int | None = None
    ) -> None:
        """Replace a user's password after checking the old one.

        Ends every sign-in of the user in the same transaction, except
        ``keep_sign_in`` (the browser that changed it stays signed in).
        """
        validation.check_password(new_password)
        user = self.authenticate(username, old_password)
        if user is None:
            raise ValidationError("error.password_wrong")
        hashed = passwords.hash_password(new_password, self.bcrypt_rounds)
        with self._write() as db:
            db.execute("UPDATE users SET password_hash = ? WHERE id = ?", [hashed, user.id])
            db.execute("DELETE FROM sign_ins WHERE user_id = ? AND id IS NOT ?", [user.id, keep_sign_in])

    def get_user(self, username: str) -> User | None:
        with self._read() as db:
            row = db.execute(
                "SELECT id FROM users WHERE username = ?", [(username or "").lower()]
            ).fetchone()
            return _user(db, row[0]) if row else None

    def list_users(self, active_only: bool = True) -> list[User]:
        with self._read() as db:
            sql = "SELECT * FROM users" + (" WHERE active = 1" if active_only else "")
            return [_user_from_row(r) for r in db.query(sql + " ORDER BY name COLLATE NOCASE")]

    def update_profile(self, actor: User, name: str, email: str) -> User:
        """A person changes their own display name and e-mail (checked as at sign-up)."""
        display = validation.check_name(name)
        clean_email = validation.check_email(email)
        with self._write() as db:
            me = _active_user(db, actor)
            db["users"].update(me.id, {"name": display, "email": clean_email})
            return _user(db, me.id)

    def set_language(self, user: User, language: str) -> None:
        lang = _check_language(language)
        with self._write() as db:
            db["users"].update(user.id, {"language": lang})

    def credentials(self) -> dict:
        """Active users in the shape streamlit-authenticator reads."""
        with self._read() as db:
            users = {
                row["username"]: {
                    "name": row["name"],
                    "email": row["email"],
                    "password": row["password_hash"],
                    "roles": [row["role"]],
                }
                for row in db.query(
                    "SELECT username, name, email, password_hash, role FROM users WHERE active = 1"
                )
            }
        return {"usernames": users}

    # -- sign-ins ----------------------------------------------------------

    def start_sign_in(self, user: User, agent: str = "") -> tuple[int, str]:
        """A new sign-in for ``user`` (checked by password, or just signed up).

        ``agent`` names the device in short (``auth.short_agent``).
        Returns its id and a one-time ticket, which :meth:`redeem_ticket`
        trades for the cookie's token within ``auth.TICKET_LIFETIME``.
        Ended and expired sign-ins of everyone are cleared on the way.
        """
        ticket = secrets.token_urlsafe(32)
        now = datetime.now(timezone.utc)
        with self._write(revision=False) as db:
            me = _active_user(db, user)
            db.execute("DELETE FROM sign_ins WHERE expires_at <= ?", [_stamp(now)])
            db.execute(
                """INSERT INTO sign_ins(user_id, ticket_hash, ticket_expires_at, created_at, last_seen_at,
                                        expires_at, agent) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                [me.id, auth.digest(ticket), _stamp(now + auth.TICKET_LIFETIME), _stamp(now), _stamp(now),
                 _stamp(now + auth.LIFETIME), validation.clean_line(agent)[:60]],
            )
            return db.execute("SELECT last_insert_rowid()").fetchone()[0], ticket

    def new_ticket(self, sign_in_id: int) -> str | None:
        """A fresh ticket for a sign-in whose browser has not fetched its cookie yet; else None."""
        ticket = secrets.token_urlsafe(32)
        now = datetime.now(timezone.utc)
        with self._write(revision=False) as db:
            changed = db.execute(
                """UPDATE sign_ins SET ticket_hash = ?, ticket_expires_at = ?
                   WHERE id = ? AND token_hash IS NULL AND expires_at > ?""",
                [auth.digest(ticket), _stamp(now + auth.TICKET_LIFETIME), sign_in_id, _stamp(now)],
            ).rowcount
            return ticket if changed else None

    def redeem_ticket(self, ticket: str) -> str | None:
        """The cookie's token for a ticket, once; None for an unknown, used or expired one."""
        if not auth.is_token(ticket):
            return None
        token = secrets.token_urlsafe(32)
        now = _stamp(datetime.now(timezone.utc))
        with self._write(revision=False) as db:
            changed = db.execute(
                """UPDATE sign_ins SET token_hash = ?, ticket_hash = NULL, ticket_expires_at = NULL
                   WHERE ticket_hash = ? AND ticket_expires_at > ? AND expires_at > ?
                     AND user_id IN (SELECT id FROM users WHERE active = 1)""",
                [auth.digest(token), auth.digest(ticket), now, now],
            ).rowcount
            return token if changed else None

    def signed_in(self, *, sign_in_id: int | None = None, token: str | None = None) -> tuple[User, SignIn] | None:
        """The active user and the sign-in behind an id or a cookie token; None if it ended.

        Ended means signed out, expired, or the user deactivated. Writes
        ``last seen`` at most every ``auth.TOUCH_EVERY``.
        """
        if sign_in_id is None and not auth.is_token(token):
            return None
        now = datetime.now(timezone.utc)
        where = "s.id = ?" if sign_in_id is not None else "s.token_hash = ?"
        with self._read() as db:
            rows = list(db.query(
                f"""SELECT u.*, s.id AS s_id, s.created_at AS s_created, s.last_seen_at AS s_seen,
                           s.expires_at AS s_expires, s.agent AS s_agent, s.token_hash IS NULL AS s_pending
                    FROM sign_ins s JOIN users u ON u.id = s.user_id
                    WHERE {where} AND s.expires_at > ? AND u.active = 1""",
                [sign_in_id if sign_in_id is not None else auth.digest(token), _stamp(now)],
            ))
        if not rows:
            return None
        r = rows[0]
        sign_in = SignIn(r["s_id"], r["id"], r["s_created"], r["s_seen"], r["s_expires"], r["s_agent"],
                         bool(r["s_pending"]))
        if datetime.fromisoformat(sign_in.last_seen_at) <= now - auth.TOUCH_EVERY:
            with self._write(revision=False) as db:
                db.execute("UPDATE sign_ins SET last_seen_at = ? WHERE id = ?", [_stamp(now), sign_in.id])
        return _user_from_row(r), sign_in

    def sign_ins_of(self, user: User) -> list[SignIn]:
        """The user's current sign-ins (devices), the most recently seen first."""
        with self._read() as db:
            return [
                SignIn(r["id"], r["user_id"], r["created_at"], r["last_seen_at"], r["expires_at"], r["agent"],
                       r["token_hash"] is None)
                for r in db.query(
                    "SELECT * FROM sign_ins WHERE user_id = ? AND expires_at > ? ORDER BY last_seen_at DESC, id DESC",
                    [user.id, _now()],
                )
            ]

    def sign_out(self, *, sign_in_id: int | None = None, token: str | None = None) -> None:
        """End one sign-in, named by its id or its cookie's token: the cookie is dead everywhere."""
        if sign_in_id is None and not auth.is_token(token):
            return
        with self._write(revision=False) as db:
            if sign_in_id is not None:
                db.execute("DELETE FROM sign_ins WHERE id = ?", [sign_in_id])
            else:
                db.execute("DELETE FROM sign_ins WHERE token_hash = ?", [auth.digest(token)])

    def end_sign_in(self, user: User, sign_in_id: int) -> None:
        """A user signs one of their own devices out (someone else's id changes nothing)."""
        with self._write(revision=False) as db:
            db.execute("DELETE FROM sign_ins WHERE id = ? AND user_id = ?", [sign_in_id, user.id])

    def sign_out_everywhere(self, user: User) -> int:
        """End every sign-in of ``user``; how many there were."""
        with self._write(revision=False) as db:
            return db.execute("DELETE FROM sign_ins WHERE user_id = ?", [user.id]).rowcount

    # -- topics ------------------------------------------------------------

    def list_topics(self) -> list[Topic]:
        with self._read() as db:
            return _topics(db)

    def create_topic(self, actor: User, name: str, colour: str, description: str = "") -> Topic:
        clean = validation.check_topic_name(name)
        col = validation.check_colour(colour)
        desc = validation.check_description(description)
        with self._write() as db:
            _require_organiser(db, actor)
            if db.execute("SELECT 1 FROM topics WHERE name = ?", [clean]).fetchone():
                raise Conflict("error.topic_exists", name=clean)
            position = db.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM topics").fetchone()[0]
            db["topics"].insert(
                {"name": clean, "colour": col, "description": desc, "position": position}
            )
            topic_id = db.execute("SELECT last_insert_rowid()").fetchone()[0]
            return Topic(topic_id, clean, col, desc)

    def update_topic(
        self, actor: User, topic_id: int, name: str, colour: str, description: str = ""
    ) -> Topic:
        clean = validation.check_topic_name(name)
        col = validation.check_colour(colour)
        desc = validation.check_description(description)
        with self._write() as db:
            _require_organiser(db, actor)
            if not db.execute("SELECT 1 FROM topics WHERE id = ?", [topic_id]).fetchone():
                raise NotFound("error.topic_missing")
            other = db.execute(
                "SELECT 1 FROM topics WHERE name = ? AND id != ?", [clean, topic_id]
            ).fetchone()
            if other:
                raise Conflict("error.topic_exists", name=clean)
            db["topics"].update(topic_id, {"name": clean, "colour": col, "description": desc})
            return Topic(topic_id, clean, col, desc)

    def delete_topic(self, actor: User, topic_id: int) -> None:
        with self._write() as db:
            _require_organiser(db, actor)
            db.execute("DELETE FROM topics WHERE id = ?", [topic_id])

    def merge_topics(self, actor: User, source_id: int, target_id: int) -> Topic:
        """Fold topic ``source_id`` into ``target_id``: sessions and interest move over."""
        if source_id == target_id:
            raise ValidationError("error.merge_same")
        with self._write() as db:
            _require_organiser(db, actor)
            topics = {t.id: t for t in _topics(db)}
            if source_id not in topics or target_id not in topics:
                raise NotFound("error.topic_missing")
            db.execute(
                """INSERT OR IGNORE INTO session_topics(session_id, topic_id)
                   SELECT session_id, ? FROM session_topics WHERE topic_id = ?""",
                [target_id, source_id],
            )
            db.execute(
                """INSERT OR IGNORE INTO topic_interest(user_id, topic_id)
                   SELECT user_id, ? FROM topic_interest WHERE topic_id = ?""",
                [target_id, source_id],
            )
            db.execute("DELETE FROM topics WHERE id = ?", [source_id])
            return topics[target_id]

    def set_interests(self, user: User, topic_ids: list[int]) -> None:
        """Replace the topics this user cares about."""
        with self._write() as db:
            known = {t.id for t in _topics(db)}
            unknown = set(topic_ids) - known
            if unknown:
                raise NotFound("error.topic_missing")
            db.execute("DELETE FROM topic_interest WHERE user_id = ?", [user.id])
            db["topic_interest"].insert_all(
                [{"user_id": user.id, "topic_id": t} for t in sorted(set(topic_ids))]
            )

    def interests_of(self, user: User) -> set[int]:
        with self._read() as db:
            return {
                r[0]
                for r in db.execute(
                    "SELECT topic_id FROM topic_interest WHERE user_id = ?", [user.id]
                )
            }

    def topic_interest(self) -> list[TopicInterest]:
        """Per topic: interested users, live sessions under it, votes for them."""
        with self._read() as db:
            rows = db.execute(
                """
                SELECT t.id,
                  (SELECT COUNT(*) FROM topic_interest i JOIN users u ON u.id = i.user_id
                    WHERE i.topic_id = t.id AND u.active = 1),
                  (SELECT COUNT(*) FROM session_topics st JOIN sessions s ON s.id = st.session_id
                    WHERE st.topic_id = t.id AND s.status = 'proposed'),
                  (SELECT COUNT(*) FROM session_topics st JOIN sessions s ON s.id = st.session_id
                    JOIN votes v ON v.session_id = s.id
                    WHERE st.topic_id = t.id AND s.status = 'proposed')
                FROM topics t
                """
            ).fetchall()
            topics = {t.id: t for t in _topics(db)}
        return [TopicInterest(topics[r[0]], r[1], r[2], r[3]) for r in rows if r[0] in topics]

    def features(self) -> list[str]:
        with self._read() as db:
            return [r[0] for r in db.execute("SELECT name FROM features ORDER BY rowid")]

    # -- rooms and slots ---------------------------------------------------

    def list_rooms(self) -> list[Room]:
        with self._read() as db:
            return _rooms(db)

    def add_room(self, actor: User, name: str, capacity: int, features: list[str] = ()) -> Room:
        """Append one room (the table editor uses :meth:`save_rooms`)."""
        current = [RoomDraft(r.name, r.capacity, r.features, r.online_url, r.id) for r in self.list_rooms()]
        rooms = self.save_rooms(actor, [*current, RoomDraft(name, capacity, tuple(features))])
        return rooms[-1]

    def save_rooms(self, actor: User, drafts: list[RoomDraft], delete_ids: list[int] = ()) -> list[Room]:
        """Save the whole rooms table at once, in the given order.

        Rows with an id update that room, rows without one add a room, ids in
        ``delete_ids`` are deleted (with their unavailability). Feature labels
        not known yet are added to the event's list. All or nothing.
        """
        cleaned = []
        for draft in drafts:
            name = validation.clean_line(draft.name)
            if not name:
                raise ValidationError("error.room_name_empty")
            if len(name) > validation.NAME_MAX:
                raise ValidationError("error.name_long", max=validation.NAME_MAX)
            capacity = draft.capacity
            if isinstance(capacity, float) and capacity.is_integer():
                capacity = int(capacity)
            if not isinstance(capacity, int) or isinstance(capacity, bool) or not 0 <= capacity <= 100_000:
                raise ValidationError("error.room_capacity_invalid", room=name)
            features = tuple(sorted({f for f in map(validation.check_feature, draft.features) if f}))
            cleaned.append((draft.id, name, capacity, features, validation.check_url(draft.online_url)))
        names = [c[1].casefold() for c in cleaned]
        dupes = sorted({c[1] for c in cleaned if names.count(c[1].casefold()) > 1})
        if dupes:
            raise Conflict("error.room_exists", name=dupes[0])
        with self._write() as db:
            _require_organiser(db, actor)
            existing = {r.id for r in _rooms(db)}
            unknown_ids = {c[0] for c in cleaned if c[0] is not None} - existing
            if unknown_ids:
                raise NotFound("error.room_missing")
            for room_id in delete_ids:
                db.execute("DELETE FROM rooms WHERE id = ?", [room_id])
            known = {r[0] for r in db.execute("SELECT name FROM features")}
            for feature in sorted({f for c in cleaned for f in c[3]} - known):
                db["features"].insert({"name": feature})
            # Park names first so a swap of two names does not trip UNIQUE.
            db.execute("UPDATE rooms SET name = '~' || id || name")
            for position, (room_id, name, capacity, features, url) in enumerate(cleaned, start=1):
                values = {"name": name, "capacity": capacity, "features": json.dumps(list(features)),
                          "online_url": url, "position": position}
                if room_id is None:
                    db["rooms"].insert(values)
                else:
                    db["rooms"].update(room_id, values)
            return _rooms(db)

    def delete_room(self, actor: User, room_id: int) -> None:
        with self._write() as db:
            _require_organiser(db, actor)
            if db.execute("DELETE FROM rooms WHERE id = ?", [room_id]).rowcount == 0:
                raise NotFound("error.room_missing")

    def set_room_unavailable(self, actor: User, blocked: dict[int, list[int]]) -> None:
        """Replace the slots in which each given room cannot be used, all at once."""
        with self._write() as db:
            _require_organiser(db, actor)
            known = {r.id for r in _rooms(db)}
            if set(blocked) - known:
                raise NotFound("error.room_missing")
            for room_id, slot_ids in blocked.items():
                _check_slot_ids(db, slot_ids)
                db.execute("DELETE FROM room_unavailable WHERE room_id = ?", [room_id])
                db["room_unavailable"].insert_all(
                    [{"room_id": room_id, "slot_id": s} for s in sorted(set(slot_ids))]
                )

    def list_slots(self) -> list[Slot]:
        with self._read() as db:
            return _slots(db)

    def add_slot(
        self, actor: User, day: str, start: str, end: str,
        kind: SlotKind = SlotKind.SESSION, label: str = "",
    ) -> Slot:
        """Add one time window; refused when it overlaps another one that day."""
        day_iso = _check_day(day)
        current = [SlotDraft(s.start, s.end, s.kind, s.label) for s in self.list_slots() if s.day == day_iso]
        new = SlotDraft(start, end, SlotKind(kind), validation.clean_line(label))
        saved = self.save_day(actor, day_iso, [*current, new])
        checked = check_day([new])[0]
        return next(s for s in saved if (s.start, s.end) == (checked.start, checked.end))

    def save_day(self, actor: User, day: str, drafts: list[SlotDraft]) -> list[Slot]:
        """Replace the slots of one day; slots with unchanged times keep their id.

        Refuses zero-length or overlapping slots with a message naming them;
        a removed slot takes its unavailability marks with it.
        """
        day_iso = _check_day(day)
        checked = check_day(drafts)
        with self._write() as db:
            _require_organiser(db, actor)
            keep = {(s.start, s.end): s.id for s in _slots(db) if s.day == day_iso}
            wanted = {(d.start, d.end) for d in checked}
            for times, slot_id in keep.items():
                if times not in wanted:
                    db.execute("DELETE FROM slots WHERE id = ?", [slot_id])
            for d in checked:
                values = {"day": day_iso, "start": d.start, "end": d.end, "kind": d.kind.value,
                          "label": d.label}  # checked by check_day
                if (d.start, d.end) in keep:
                    db["slots"].update(keep[(d.start, d.end)], values)
                else:
                    db["slots"].insert(values)
            return [s for s in _slots(db) if s.day == day_iso]

    # -- availability ------------------------------------------------------

    def set_unavailable(self, actor: User, user_id: int, slot_ids: list[int]) -> None:
        """The slots in which a host cannot host (themselves or by an organiser)."""
        with self._write() as db:
            me = _active_user(db, actor)
            if me.id != user_id and me.role is not Role.ORGANISER:
                raise PermissionDenied("error.organisers_only")
            _user(db, user_id)
            _check_slot_ids(db, slot_ids)
            db.execute("DELETE FROM host_unavailable WHERE user_id = ?", [user_id])
            db["host_unavailable"].insert_all([{"user_id": user_id, "slot_id": s} for s in sorted(set(slot_ids))])

    def unavailable_of(self, user_id: int) -> set[int]:
        with self._read() as db:
            return {r[0] for r in db.execute("SELECT slot_id FROM host_unavailable WHERE user_id = ?", [user_id])}

    def unavailability(self) -> dict[int, set[int]]:
        """User id -> the slots they cannot host in, for everyone who marked any."""
        result: dict[int, set[int]] = {}
        with self._read() as db:
            for user_id, slot_id in db.execute("SELECT user_id, slot_id FROM host_unavailable"):
                result.setdefault(user_id, set()).add(slot_id)
        return result

    # -- participants ------------------------------------------------------

    def search_users(self, text: str = "", include_inactive: bool = True) -> list[User]:
        """Users whose name, username or email contains ``text`` (case-insensitive)."""
        needle = validation.clean_line(text).casefold()
        return [
            u for u in self.list_users(active_only=not include_inactive)
            if not needle or needle in f"{u.name} {u.username} {u.email}".casefold()
        ]

    def set_role(self, actor: User, user_id: int, role: Role) -> User:
        with self._write() as db:
            _require_organiser(db, actor)
            target = _user(db, user_id)
            if target.role is Role.ORGANISER and Role(role) is not Role.ORGANISER and _organiser_count(db) <= 1:
                raise Conflict("error.last_organiser")
            db["users"].update(user_id, {"role": Role(role).value})
            return _user(db, user_id)

    def set_active(self, actor: User, user_id: int, active: bool) -> User:
        """Deactivate (signs them out, their votes stop counting) or reactivate."""
        with self._write() as db:
            me = _require_organiser(db, actor)
            target = _user(db, user_id)
            if not active and target.id == me.id:
                raise Conflict("error.deactivate_self")
            if not active and target.role is Role.ORGANISER and _organiser_count(db) <= 1:
                raise Conflict("error.last_organiser")
            db["users"].update(user_id, {"active": int(active)})
            if not active:
                db.execute("DELETE FROM sign_ins WHERE user_id = ?", [user_id])
                _promote_waiting(db)
            return _user(db, user_id)

    def waiting_list(self) -> list[User]:
        """Participants waiting for a place, first come first."""
        with self._read() as db:
            return [
                _user_from_row(r)
                for r in db.query(
                    "SELECT * FROM users WHERE registration = 'waiting' AND active = 1 ORDER BY waiting_since, id"
                )
            ]

    def confirmed_count(self) -> int:
        with self._read() as db:
            return _confirmed_count(db)

    def cancel_registration(self, actor: User) -> User:
        """A participant gives their place back; the first waiting person moves up."""
        with self._write() as db:
            me = _active_user(db, actor)
            db["users"].update(me.id, {"registration": Registration.CANCELLED.value, "promoted_unseen": 0})
            _promote_waiting(db)
            return _user(db, me.id)

    def rejoin(self, actor: User) -> User:
        """A cancelled participant registers again (a place, or the waiting list)."""
        with self._write() as db:
            me = _active_user(db, actor)
            if me.registration is not Registration.CANCELLED:
                return me
            event = _event(db)
            full = _is_full(db, event, extra=0, exclude=me.id)
            db["users"].update(
                me.id,
                {"registration": (Registration.WAITING if full else Registration.CONFIRMED).value,
                 "waiting_since": _now() if full else None},
            )
            return _user(db, me.id)

    def move_registration(self, actor: User, user_id: int, registration: Registration) -> User:
        """Organisers move a person between confirmed, waiting and cancelled."""
        with self._write() as db:
            _require_organiser(db, actor)
            target = _user(db, user_id)
            reg = Registration(registration)
            values: dict[str, object] = {"registration": reg.value}
            if reg is Registration.WAITING and target.registration is not Registration.WAITING:
                values["waiting_since"] = _now()
            if reg is Registration.CONFIRMED and target.registration is Registration.WAITING:
                values["promoted_unseen"] = 1
            db["users"].update(user_id, values)
            if reg is not Registration.CONFIRMED:
                _promote_waiting(db)
            return _user(db, user_id)

    def acknowledge_promotion(self, user: User) -> None:
        with self._write() as db:
            db["users"].update(user.id, {"promoted_unseen": 0})

    # -- sessions ----------------------------------------------------------

    def propose(self, actor: User, draft: SessionDraft) -> Session:
        """Add a session hosted by ``actor`` and the draft's co-hosts."""
        with self._write() as db:
            event = _event(db)
            if event is None:
                raise NotFound("error.no_event")
            me = _active_user(db, actor)
            _require_registered(me)
            if not event.proposals_open and me.role is not Role.ORGANISER:
                raise PermissionDenied("error.proposals_closed")
            values, cohost_ids, topic_ids = _check_draft(db, draft, me.id)
            _check_title_free(db, values["title_key"], None)
            now = _now()
            db["sessions"].insert(
                {**values, "status": SessionStatus.PROPOSED.value, "created_by": me.id,
                 "created_at": now, "updated_at": now, "version": 1}
            )
            session_id = db.execute("SELECT last_insert_rowid()").fetchone()[0]
            _write_hosts_topics(db, session_id, [me.id, *cohost_ids], topic_ids)
            return _sessions(db, [session_id])[0]

    def update_session(
        self, actor: User, session_id: int, draft: SessionDraft, expected_version: int
    ) -> Session:
        """Edit a session (its hosts or an organiser).

        ``expected_version`` is the version the editor saw: if someone saved
        in between, :class:`Conflict` is raised and nothing is written.
        """
        with self._write() as db:
            me = _active_user(db, actor)
            current = _session_or_404(db, session_id)
            if not (current.is_hosted_by(me.id) or me.role is Role.ORGANISER):
                raise PermissionDenied("error.not_your_session")
            if current.status is not SessionStatus.PROPOSED:
                raise Conflict("error.session_withdrawn")
            if current.version != expected_version:
                raise Conflict("error.session_changed", title=current.title)
            first_host = current.hosts[0].id if current.hosts else me.id
            values, cohost_ids, topic_ids = _check_draft(db, draft, first_host)
            _check_title_free(db, values["title_key"], session_id)
            db["sessions"].update(
                session_id, {**values, "updated_at": _now(), "version": current.version + 1}
            )
            _write_hosts_topics(db, session_id, [first_host, *cohost_ids], topic_ids)
            return _sessions(db, [session_id])[0]

    def withdraw(self, actor: User, session_id: int) -> Session:
        """Take a session back; its votes stay stored but no longer count."""
        with self._write() as db:
            me = _active_user(db, actor)
            current = _session_or_404(db, session_id)
            if not (current.is_hosted_by(me.id) or me.role is Role.ORGANISER):
                raise PermissionDenied("error.not_your_session")
            db["sessions"].update(
                session_id,
                {"status": SessionStatus.WITHDRAWN.value, "updated_at": _now(),
                 "version": current.version + 1},
            )
            return _sessions(db, [session_id])[0]

    def reject(self, actor: User, session_id: int, reason: str) -> Session:
        """Organisers turn a proposal down with a reason its hosts see."""
        clean = validation.check_description(reason)
        if not clean:
            raise ValidationError("error.reason_required")
        with self._write() as db:
            _require_organiser(db, actor)
            current = _session_or_404(db, session_id)
            db["sessions"].update(
                session_id,
                {"status": SessionStatus.REJECTED.value, "reject_reason": clean,
                 "updated_at": _now(), "version": current.version + 1},
            )
            return _sessions(db, [session_id])[0]

    def restore(self, actor: User, session_id: int) -> Session:
        """Bring back a rejected or withdrawn session (organisers; hosts their withdrawn ones)."""
        with self._write() as db:
            me = _active_user(db, actor)
            current = _session_or_404(db, session_id)
            may = me.role is Role.ORGANISER or (
                current.status is SessionStatus.WITHDRAWN and current.is_hosted_by(me.id)
            )
            if not may:
                raise PermissionDenied("error.organisers_only")
            if current.status is SessionStatus.MERGED:
                raise Conflict("error.session_merged")
            _check_title_free(db, validation.title_key(current.title), session_id)
            db["sessions"].update(
                session_id,
                {"status": SessionStatus.PROPOSED.value, "reject_reason": "",
                 "updated_at": _now(), "version": current.version + 1},
            )
            return _sessions(db, [session_id])[0]

    def merge_sessions(self, actor: User, source_id: int, target_id: int) -> Session:
        """Fold session ``source_id`` into ``target_id``.

        Hosts (with or without an account), topics and votes move over; a
        voter who voted for both keeps one vote. Show-of-hands counts add up
        (a show of hands has no names to count a person once). The source
        stays stored as merged, pointing at the target.
        """
        if source_id == target_id:
            raise ValidationError("error.merge_same")
        with self._write() as db:
            _require_organiser(db, actor)
            source = _session_or_404(db, source_id)
            target = _session_or_404(db, target_id)
            if target.status is not SessionStatus.PROPOSED or source.status is SessionStatus.MERGED:
                raise Conflict("error.merge_not_live")
            hosts = [h.id for h in target.hosts] + [h.id for h in source.hosts if not target.is_hosted_by(h.id)]
            topics = sorted(set(target.topic_ids) | set(source.topic_ids))
            _write_hosts_topics(db, target_id, hosts, topics)
            db.execute(
                """INSERT OR IGNORE INTO votes(user_id, session_id, created_at)
                   SELECT user_id, ?, created_at FROM votes WHERE session_id = ?""",
                [target_id, source_id],
            )
            db.execute("DELETE FROM votes WHERE session_id = ?", [source_id])
            db["sessions"].update(
                source_id,
                {"status": SessionStatus.MERGED.value, "merged_into": target_id,
                 "updated_at": _now(), "version": source.version + 1},
            )
            names = [n for whole in (target.host_name, source.host_name) for n in whole.split(", ") if n]
            host_name = ", ".join(dict.fromkeys(names))[: validation.NAME_MAX]
            db["sessions"].update(target_id, {"updated_at": _now(), "version": target.version + 1,
                                              "hand_votes": target.hand_votes + source.hand_votes,
                                              "host_name": host_name})
            return _sessions(db, [target_id])[0]

    def pitch(
        self, actor: User, title: str, host_name: str, hands: int, length: int = 1,
        needs: tuple[str, ...] = (), topic_ids: tuple[int, ...] = (),
    ) -> Session:
        """On-site pitch: an organiser enters a session fast.

        The host need not have an account (``host_name``); a registered
        host given by @username becomes a real host. ``hands`` is the show of
        hands. Topics are optional here.
        """
        with self._write() as db:
            me = _require_organiser(db, actor)
            host_id, name = resolve_host(host_name, _known(db).usernames)
            if not isinstance(hands, int) or not 0 <= hands <= 100_000:
                raise ValidationError("error.hands_invalid")
            host_ids = [host_id] if host_id else []
            topics = tuple(topic_ids) or tuple(t.id for t in _topics(db)[:1])
            draft = SessionDraft(title=title, length=length, needs=tuple(needs), topic_ids=topics,
                                 format=SessionFormat.DISCUSSION)
            values, _, topic_list = _check_draft(db, draft, me.id)
            _check_title_free(db, values["title_key"], None)
            now = _now()
            db["sessions"].insert(
                {**values, "status": SessionStatus.PROPOSED.value, "created_by": me.id, "created_at": now,
                 "updated_at": now, "version": 1, "host_name": name, "hand_votes": hands}
            )
            session_id = db.execute("SELECT last_insert_rowid()").fetchone()[0]
            _write_hosts_topics(db, session_id, host_ids, topic_list)
            return _sessions(db, [session_id])[0]

    def set_hands(self, actor: User, session_id: int, hands: int) -> Session:
        """Record a show of hands for a session."""
        if not isinstance(hands, int) or not 0 <= hands <= 100_000:
            raise ValidationError("error.hands_invalid")
        with self._write() as db:
            _require_organiser(db, actor)
            _session_or_404(db, session_id)
            db["sessions"].update(session_id, {"hand_votes": hands})
            return _sessions(db, [session_id])[0]

    def get_session(self, session_id: int) -> Session | None:
        with self._read() as db:
            found = _sessions(db, [session_id])
            return found[0] if found else None

    def list_sessions(self, include_withdrawn: bool = False) -> list[Session]:
        """All sessions, newest first."""
        with self._read() as db:
            where = "" if include_withdrawn else "WHERE status = 'proposed'"
            ids = [r[0] for r in db.execute(f"SELECT id FROM sessions {where} ORDER BY id DESC")]
            return _sessions(db, ids)

    # -- the working grid and releases --------------------------------------

    def working_grid(self) -> list[Placement]:
        """The draft grid: placed live sessions, by session id."""
        with self._read() as db:
            return _placements(db)

    def place(self, actor: User, session_id: int, room_id: int, slot_id: int,
              pinned: bool | None = None) -> Placement:
        """Put a session into a room from a slot on (replacing its old place).

        Only the existence of things is checked here; whether the grid is
        valid (free room, host elsewhere, features) is the rules' job, shown
        as warnings.
        """
        with self._write() as db:
            _require_organiser(db, actor)
            _check_placeable(db, session_id, room_id, slot_id)
            old = db.execute("SELECT pinned FROM placements WHERE session_id = ?", [session_id]).fetchone()
            keep_pin = bool(old[0]) if old else False
            db.execute(
                "INSERT OR REPLACE INTO placements(session_id, room_id, slot_id, pinned) VALUES (?, ?, ?, ?)",
                [session_id, room_id, slot_id, int(keep_pin if pinned is None else pinned)],
            )
            return Placement(session_id, room_id, slot_id, keep_pin if pinned is None else pinned)

    def unplace(self, actor: User, session_id: int) -> None:
        with self._write() as db:
            _require_organiser(db, actor)
            db.execute("DELETE FROM placements WHERE session_id = ?", [session_id])

    def swap(self, actor: User, first_id: int, second_id: int) -> None:
        """Exchange the places of two placed sessions; pins stay with the session."""
        with self._write() as db:
            _require_organiser(db, actor)
            places = {p.session_id: p for p in _placements(db)}
            if first_id not in places or second_id not in places:
                raise NotFound("error.not_placed")
            a, b = places[first_id], places[second_id]
            db.execute("UPDATE placements SET room_id = ?, slot_id = ? WHERE session_id = ?", [b.room_id, b.slot_id, a.session_id])
            db.execute("UPDATE placements SET room_id = ?, slot_id = ? WHERE session_id = ?", [a.room_id, a.slot_id, b.session_id])

    def set_pinned(self, actor: User, session_id: int, pinned: bool) -> None:
        with self._write() as db:
            _require_organiser(db, actor)
            if db.execute("UPDATE placements SET pinned = ? WHERE session_id = ?", [int(pinned), session_id]).rowcount == 0:
                raise NotFound("error.not_placed")

    def replace_grid(self, actor: User, placements: list[Placement]) -> list[Placement]:
        """Keep a generated grid: the working grid becomes ``placements``.

        Pinned sessions must stay exactly where they are pinned.
        """
        with self._write() as db:
            _require_organiser(db, actor)
            pinned = {p.session_id: p for p in _placements(db) if p.pinned}
            new = {p.session_id: p for p in placements}
            for session_id, pin in pinned.items():
                got = new.get(session_id)
                if got is None or (got.room_id, got.slot_id) != (pin.room_id, pin.slot_id):
                    raise Conflict("error.pin_moved")
            for p in placements:
                _check_placeable(db, p.session_id, p.room_id, p.slot_id)
            db.execute("DELETE FROM placements")
            db["placements"].insert_all(
                [{"session_id": p.session_id, "room_id": p.room_id, "slot_id": p.slot_id,
                  "pinned": int(p.session_id in pinned)} for p in placements]
            )
            return _placements(db)

    def publish(self, actor: User, name: str | None = None) -> Release:
        """Freeze the working grid as a named release (v1, v2, ... by default).

        All in one transaction: a failure leaves the previous release as it was.
        """
        with self._write() as db:
            me = _require_organiser(db, actor)
            count = db.execute("SELECT COUNT(*) FROM releases").fetchone()[0]
            clean = validation.clean_line(name) or f"v{count + 1}"
            if len(clean) > 40:
                raise ValidationError("error.release_name_long", max=40)
            if db.execute("SELECT 1 FROM releases WHERE name = ?", [clean]).fetchone():
                raise Conflict("error.release_exists", name=clean)
            items = _release_items(db)
            db["releases"].insert(
                {"name": clean, "created_at": _now(), "created_by": me.id,
                 "items": json.dumps([asdict(item) for item in items])}
            )
            db["event"].update(1, {"schedule_published": 1})
            return _releases(db)[-1]

    def preview_release(self) -> Release:
        """The working grid as it would be published now (not stored)."""
        with self._read() as db:
            return Release(0, "draft", _now(), tuple(_release_items(db)))

    def releases(self) -> list[Release]:
        """Every release, oldest first."""
        with self._read() as db:
            return _releases(db)

    def latest_release(self) -> Release | None:
        found = self.releases()
        return found[-1] if found else None

    def last_seen_release(self, user: User) -> int | None:
        with self._read() as db:
            row = db.execute("SELECT release_id FROM seen_release WHERE user_id = ?", [user.id]).fetchone()
            return row[0] if row else None

    def mark_seen(self, user: User, release_id: int) -> None:
        with self._write() as db:
            db.execute(
                "INSERT OR REPLACE INTO seen_release(user_id, release_id) VALUES (?, ?)", [user.id, release_id]
            )

    def set_star(self, user: User, session_id: int, starred: bool) -> None:
        with self._write() as db:
            _active_user(db, user)
            if starred:
                db.execute("INSERT OR IGNORE INTO stars(user_id, session_id) VALUES (?, ?)", [user.id, session_id])
            else:
                db.execute("DELETE FROM stars WHERE user_id = ? AND session_id = ?", [user.id, session_id])

    def stars_of(self, user: User) -> set[int]:
        with self._read() as db:
            return {r[0] for r in db.execute("SELECT session_id FROM stars WHERE user_id = ?", [user.id])}

    # -- votes -------------------------------------------------------------

    def cast_vote(self, actor: User, session_id: int) -> bool:
        """Vote for a session; True if the vote is new, False if it was there."""
        with self._write() as db:
            _check_can_vote(db, actor, session_id)
            cursor = db.execute(
                "INSERT OR IGNORE INTO votes(user_id, session_id, created_at) VALUES (?, ?, ?)",
                [actor.id, session_id, _now()],
            )
            return cursor.rowcount == 1

    def withdraw_vote(self, actor: User, session_id: int) -> bool:
        """Take a vote back; True if there was one."""
        with self._write() as db:
            _check_can_vote(db, actor, session_id)
            cursor = db.execute(
                "DELETE FROM votes WHERE user_id = ? AND session_id = ?", [actor.id, session_id]
            )
            return cursor.rowcount == 1

    def set_vote(self, actor: User, session_id: int, wanted: bool) -> bool:
        """Make the vote be there (or not); True if anything changed."""
        if wanted:
            return self.cast_vote(actor, session_id)
        return self.withdraw_vote(actor, session_id)

    def votes_of(self, user: User) -> set[int]:
        with self._read() as db:
            return {
                r[0] for r in db.execute("SELECT session_id FROM votes WHERE user_id = ?", [user.id])
            }

    def planning_votes(self) -> dict[int, set[int]]:
        """Voter id -> voted live sessions, for people who count (active, with a place)."""
        result: dict[int, set[int]] = {}
        with self._read() as db:
            for user_id, session_id in db.execute(
                f"""SELECT v.user_id, v.session_id FROM votes v
                   JOIN sessions s ON s.id = v.session_id
                   JOIN users u ON u.id = v.user_id
                   WHERE s.status = 'proposed' AND {_VOTE_COUNTS}"""
            ):
                result.setdefault(user_id, set()).add(session_id)
        return result

    def planning_people(self) -> int:
        """How many people count for planning (active, with a place): the
        participants whose share of online voters sizes the expected audiences."""
        with self._read() as db:
            return db.execute(f"SELECT COUNT(*) FROM users u WHERE {_VOTE_COUNTS}").fetchone()[0]

    def propose_many(self, actor: User, proposals: list[tuple[SessionDraft, str]]) -> list[Session]:
        """Organisers add several sessions at once (an import): all, or none.

        Each entry is a draft and its host: ``@username`` of an active
        account becomes the host; any other text is kept as the host's name
        without an account, as for on-site pitches. The first refused entry
        raises its error with ``params["entry"]`` (1-based) and nothing is
        written; titles must differ from live sessions and from each other.
        """
        with self._write() as db:
            me = _require_organiser(db, actor)
            created: list[int] = []
            for number, (draft, host) in enumerate(proposals, start=1):
                try:
                    host_id, name = resolve_host(host, _known(db).usernames)
                    host_ids = [host_id] if host_id else []
                    values, cohost_ids, topic_ids = _check_draft(db, draft, host_ids[0] if host_ids else me.id)
                    _check_title_free(db, values["title_key"], None)
                    now = _now()
                    db["sessions"].insert(
                        {**values, "status": SessionStatus.PROPOSED.value, "created_by": me.id,
                         "created_at": now, "updated_at": now, "version": 1, "host_name": name}
                    )
                    session_id = db.execute("SELECT last_insert_rowid()").fetchone()[0]
                    _write_hosts_topics(db, session_id, [*host_ids, *cohost_ids], topic_ids)
                    created.append(session_id)
                except (ValidationError, NotFound, Conflict) as err:
                    err.params.setdefault("entry", number)
                    raise
            return _sessions(db, created)

    # -- calendar feed -----------------------------------------------------

    def feed_token(self, user: User) -> str:
        """The user's secret calendar feed token, created on first ask."""
        with self._read() as db:
            _active_user(db, user)
            row = db.execute("SELECT token FROM feed_tokens WHERE user_id = ?", [user.id]).fetchone()
        if row is not None:
            return row[0]
        with self._write() as db:
            _active_user(db, user)
            # Someone else's first ask in between wins; theirs is returned.
            db.execute(
                """INSERT INTO feed_tokens(user_id, token, created_at) VALUES (?, ?, ?)
                   ON CONFLICT(user_id) DO NOTHING""",
                [user.id, _new_feed_token(), _now()],
            )
            return db.execute("SELECT token FROM feed_tokens WHERE user_id = ?", [user.id]).fetchone()[0]

    def rotate_feed_token(self, user: User) -> str:
        """A new feed token for the user; the old one stops working at once."""
        with self._write() as db:
            _active_user(db, user)
            token = _new_feed_token()
            db.execute(
                """INSERT INTO feed_tokens(user_id, token, created_at) VALUES (?, ?, ?)
                   ON CONFLICT(user_id) DO UPDATE SET token = excluded.token, created_at = excluded.created_at""",
                [user.id, token, _now()],
            )
            return token

    def feed_owner(self, token: str) -> User | None:
        """The active user whose feed token this is; None for an unknown, rotated or malformed one."""
        if not isinstance(token, str) or not _FEED_TOKEN_RE.fullmatch(token):
            return None
        with self._read() as db:
            rows = list(db.query(
                """SELECT u.* FROM feed_tokens f JOIN users u ON u.id = f.user_id
                   WHERE f.token = ? AND u.active = 1""",
                [token],
            ))
            return _user_from_row(rows[0]) if rows else None

    def feed_session_ids(self, user: User) -> set[int]:
        """The live sessions in the user's feed: the ones they host, voted for or starred."""
        with self._read() as db:
            return {
                r[0]
                for r in db.execute(
                    """SELECT s.id FROM sessions s WHERE s.status = 'proposed' AND (
                         s.id IN (SELECT session_id FROM session_hosts WHERE user_id = :u)
                         OR s.id IN (SELECT session_id FROM votes WHERE user_id = :u)
                         OR s.id IN (SELECT session_id FROM stars WHERE user_id = :u))""",
                    {"u": user.id},
                )
            }


# -- helpers on an open connection ------------------------------------------

WRITE_PATIENCE_SECONDS = 60


def _begin_immediate(db: Database) -> None:
    """Take the write lock, waiting as long as a crowd of writers needs.

    SQLite's busy handler gives up after busy_timeout even when the lock is
    only ever held for milliseconds at a time; with hundreds of voters at
    once a writer can lose that race for longer. Retrying the BEGIN (never a
    half-done transaction) keeps "database is locked" away from users.
    """
    deadline = time.monotonic() + WRITE_PATIENCE_SECONDS
    while True:
        try:
            db.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            contended = "locked" in str(exc) or "busy" in str(exc)
            if not contended or time.monotonic() > deadline:
                raise
            time.sleep(0.005 + random.random() * 0.02)


def _new_revision(db: Database) -> None:
    """Mark the data as changed (see Store.revision), inside the write's transaction."""
    db.execute(
        "INSERT INTO meta(key, value) VALUES ('revision', lower(hex(randomblob(8)))) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value"
    )


# Feed tokens are URL-safe (``secrets.token_urlsafe``); anything else is no token.
_FEED_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{16,64}")


def _new_feed_token() -> str:
    return secrets.token_urlsafe(24)


# Whose votes count: active people with a place (organisers always).
_VOTE_COUNTS = "u.active = 1 AND (u.role = 'organiser' OR u.registration = 'confirmed')"


def _require_registered(user: User) -> None:
    if user.role is Role.PARTICIPANT and user.registration is not Registration.CONFIRMED:
        raise PermissionDenied(
            "error.on_waiting_list" if user.registration is Registration.WAITING else "error.registration_cancelled"
        )


def _confirmed_count(db: Database, exclude: int | None = None) -> int:
    return db.execute(
        """SELECT COUNT(*) FROM users WHERE role = 'participant' AND active = 1
           AND registration = 'confirmed' AND id != ?""",
        [exclude if exclude is not None else -1],
    ).fetchone()[0]


def _is_full(db: Database, event: Event, extra: int = 0, exclude: int | None = None) -> bool:
    """True if the event has no free place (organisers do not take places)."""
    if event.capacity is None:
        return False
    waiting = db.execute(
        "SELECT COUNT(*) FROM users WHERE registration = 'waiting' AND active = 1 AND id != ?",
        [exclude if exclude is not None else -1],
    ).fetchone()[0]
    # Nobody jumps the queue: while people wait, a newcomer waits too.
    return waiting > 0 or _confirmed_count(db, exclude) + extra >= event.capacity


def _promote_waiting(db: Database) -> None:
    """Move people up from the waiting list while places are free."""
    event = _event(db)
    if event is None:
        return
    for row in db.execute(
        "SELECT id FROM users WHERE registration = 'waiting' AND active = 1 ORDER BY waiting_since, id"
    ).fetchall():
        if event.capacity is not None and _confirmed_count(db) >= event.capacity:
            break
        db["users"].update(row[0], {"registration": Registration.CONFIRMED.value, "promoted_unseen": 1})


def _placements(db: Database) -> list[Placement]:
    return [
        Placement(r[0], r[1], r[2], bool(r[3]))
        for r in db.execute(
            """SELECT p.session_id, p.room_id, p.slot_id, p.pinned FROM placements p
               JOIN sessions s ON s.id = p.session_id WHERE s.status = 'proposed'
               ORDER BY p.session_id"""
        )
    ]


def _check_placeable(db: Database, session_id: int, room_id: int, slot_id: int) -> None:
    row = db.execute("SELECT status FROM sessions WHERE id = ?", [session_id]).fetchone()
    if row is None:
        raise NotFound("error.session_missing")
    if row[0] != SessionStatus.PROPOSED.value:
        raise Conflict("error.session_withdrawn")
    if not db.execute("SELECT 1 FROM rooms WHERE id = ?", [room_id]).fetchone():
        raise NotFound("error.room_missing")
    slot = db.execute("SELECT kind FROM slots WHERE id = ?", [slot_id]).fetchone()
    if slot is None:
        raise NotFound("error.slot_missing")
    if slot[0] != SlotKind.SESSION.value:
        raise ValidationError("error.slot_not_for_sessions")


def _release_items(db: Database) -> list[ReleaseItem]:
    """The working grid as frozen release items, in time and room order."""
    placements = _placements(db)
    sessions = {s.id: s for s in _sessions(db, [p.session_id for p in placements])}
    return release_items(placements, sessions, _rooms(db), _slots(db))


def _releases(db: Database) -> list[Release]:
    result = []
    for r in db.query("SELECT * FROM releases ORDER BY id"):
        items = tuple(
            ReleaseItem(**{**i, "hosts": tuple(i["hosts"]), "slot_ids": tuple(i["slot_ids"])})
            for i in json.loads(r["items"])
        )
        result.append(Release(r["id"], r["name"], r["created_at"], items))
    return result


def _check_day(day) -> str:
    try:
        return date.fromisoformat(str(day)).isoformat()
    except ValueError:
        raise ValidationError("error.slot_time_invalid") from None


def _check_slot_ids(db: Database, slot_ids) -> None:
    known = {r[0] for r in db.execute("SELECT id FROM slots")}
    if set(slot_ids) - known:
        raise NotFound("error.slot_missing")


def _rooms(db: Database) -> list[Room]:
    blocked: dict[int, list[int]] = {}
    for room_id, slot_id in db.execute("SELECT room_id, slot_id FROM room_unavailable ORDER BY slot_id"):
        blocked.setdefault(room_id, []).append(slot_id)
    return [
        Room(r["id"], r["name"], r["capacity"], tuple(json.loads(r["features"])), r["online_url"],
             tuple(blocked.get(r["id"], ())))
        for r in db.query("SELECT * FROM rooms ORDER BY position, id")
    ]


def _slots(db: Database) -> list[Slot]:
    return [
        Slot(r["id"], r["day"], r["start"], r["end"], SlotKind(r["kind"]), r["label"])
        for r in db.query("SELECT * FROM slots ORDER BY day, start")
    ]


def _event(db: Database) -> Event | None:
    rows = list(db.query("SELECT * FROM event WHERE id = 1"))
    if not rows:
        return None
    r = rows[0]
    return Event(
        name=r["name"],
        description=r["description"],
        starts_on=r["starts_on"],
        ends_on=r["ends_on"],
        timezone=r["timezone"],
        default_language=r["default_language"],
        signup_mode=SignupMode(r["signup_mode"]),
        proposals_open=bool(r["proposals_open"]),
        voting_open=bool(r["voting_open"]),
        has_invite_code=bool(r["invite_code"]),
        venue=r["venue"],
        show_votes=VoteDisplay(r["show_votes"]),
        shuffle=bool(r["shuffle"]),
        capacity=r["capacity"],
        schedule_published=bool(r["schedule_published"]),
        move_cost=r["move_cost"],
        base_url=r["base_url"],
        display_enabled=bool(r["display_enabled"]),
        display_token=r["display_token"],
    )


def _invite_code(db: Database) -> str:
    row = db.execute("SELECT invite_code FROM event WHERE id = 1").fetchone()
    return row[0] if row else ""


def _organiser_count(db: Database) -> int:
    return db.execute(
        "SELECT COUNT(*) FROM users WHERE role = 'organiser' AND active = 1"
    ).fetchone()[0]


def _insert_user(db, username, name, email, password_hash, role: Role, language) -> int:
    if db.execute("SELECT 1 FROM users WHERE username = ?", [username]).fetchone():
        raise Conflict("error.username_taken", username=username)
    db["users"].insert(
        {
            "username": username,
            "name": name,
            "email": email,
            "password_hash": password_hash,
            "role": role.value,
            "active": 1,
            "language": language,
            "created_at": _now(),
        }
    )
    return db.execute("SELECT last_insert_rowid()").fetchone()[0]


def _user_from_row(r: dict) -> User:
    return User(
        id=r["id"],
        username=r["username"],
        name=r["name"],
        email=r["email"],
        role=Role(r["role"]),
        active=bool(r["active"]),
        language=r["language"],
        registration=Registration(r["registration"]),
        promoted_unseen=bool(r["promoted_unseen"]),
    )


def _user(db: Database, user_id: int) -> User:
    rows = list(db.query("SELECT * FROM users WHERE id = ?", [user_id]))
    if not rows:
        raise NotFound("error.user_missing")
    return _user_from_row(rows[0])


def _active_user(db: Database, actor: User) -> User:
    """The acting user as the database knows them now (role, active)."""
    rows = list(db.query("SELECT * FROM users WHERE id = ?", [actor.id]))
    if not rows or not rows[0]["active"]:
        raise PermissionDenied("error.account_inactive")
    return _user_from_row(rows[0])


def _require_organiser(db: Database, actor: User) -> User:
    me = _active_user(db, actor)
    if me.role is not Role.ORGANISER:
        raise PermissionDenied("error.organisers_only")
    return me


def _topics(db: Database) -> list[Topic]:
    return [
        Topic(r["id"], r["name"], r["colour"], r["description"])
        for r in db.query("SELECT * FROM topics ORDER BY position, name")
    ]


def _check_dates(starts_on, ends_on) -> tuple[str, str]:
    try:
        start = date.fromisoformat(str(starts_on))
        end = date.fromisoformat(str(ends_on))
    except ValueError:
        raise ValidationError("error.date_invalid") from None
    if end < start:
        raise ValidationError("error.dates_order")
    if (end - start).days > 13:
        raise ValidationError("error.dates_too_long", days=14)
    return start.isoformat(), end.isoformat()


def _check_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError("error.timezone_invalid", timezone=str(name)[:40]) from None
    return name


def _check_language(lang: str | None) -> str:
    if lang not in LANGUAGES:
        raise ValidationError("error.language_invalid")
    return lang


def _check_draft(db: Database, draft: SessionDraft, first_host_id: int):
    """Validate a draft against the database; returns (columns, co-host ids, topic ids)."""
    checked = check_draft(draft, _known(db), first_host_id=first_host_id)
    return {**checked.values, "needs": json.dumps(checked.values["needs"])}, list(checked.cohost_ids), list(checked.topic_ids)


def _known(db: Database) -> Known:
    """What session drafts are checked against, read in the writing transaction."""
    return Known(
        features=frozenset(r[0] for r in db.execute("SELECT name FROM features")),
        topic_ids=frozenset(r[0] for r in db.execute("SELECT id FROM topics")),
        usernames={r[0]: r[1] for r in db.execute("SELECT username, id FROM users WHERE active = 1")},
    )


def _check_title_free(db: Database, key: str, session_id: int | None) -> None:
    row = db.execute(
        "SELECT id, title FROM sessions WHERE title_key = ? AND status = 'proposed'", [key]
    ).fetchone()
    if row is not None and row[0] != session_id:
        raise Conflict("error.title_taken", title=row[1])


def _write_hosts_topics(db: Database, session_id: int, host_ids: list[int], topic_ids) -> None:
    db.execute("DELETE FROM session_hosts WHERE session_id = ?", [session_id])
    db.execute("DELETE FROM session_topics WHERE session_id = ?", [session_id])
    db["session_hosts"].insert_all(
        [{"session_id": session_id, "user_id": u, "position": i} for i, u in enumerate(host_ids)]
    )
    db["session_topics"].insert_all(
        [{"session_id": session_id, "topic_id": t} for t in topic_ids]
    )


def _session_or_404(db: Database, session_id: int) -> Session:
    found = _sessions(db, [session_id])
    if not found:
        raise NotFound("error.session_missing")
    return found[0]


def _sessions(db: Database, ids: list[int]) -> list[Session]:
    """Sessions with hosts, topics and live vote counts, in the order of ``ids``."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = {r["id"]: r for r in db.query(f"SELECT * FROM sessions WHERE id IN ({marks})", ids)}
    hosts: dict[int, list[Host]] = {}
    for r in db.query(
        f"""SELECT h.session_id, u.id, u.username, u.name FROM session_hosts h
            JOIN users u ON u.id = h.user_id
            WHERE h.session_id IN ({marks}) ORDER BY h.session_id, h.position""",
        ids,
    ):
        hosts.setdefault(r["session_id"], []).append(Host(r["id"], r["username"], r["name"]))
    topics: dict[int, list[int]] = {}
    for sid, tid in db.execute(
        f"SELECT session_id, topic_id FROM session_topics WHERE session_id IN ({marks})", ids
    ):
        topics.setdefault(sid, []).append(tid)
    votes = dict(
        db.execute(
            f"""SELECT v.session_id, COUNT(*) FROM votes v JOIN users u ON u.id = v.user_id
                WHERE {_VOTE_COUNTS} AND v.session_id IN ({marks}) GROUP BY v.session_id""",
            ids,
        ).fetchall()
    )
    result = []
    for sid in ids:
        r = rows.get(sid)
        if r is None:
            continue
        result.append(
            Session(
                id=sid,
                title=r["title"],
                description=r["description"],
                format=SessionFormat(r["format"]),
                length=r["length"],
                language=r["language"],
                doc_url=r["doc_url"],
                needs=tuple(json.loads(r["needs"])),
                status=SessionStatus(r["status"]),
                hosts=tuple(hosts.get(sid, ())),
                topic_ids=tuple(sorted(topics.get(sid, ()))),
                votes=votes.get(sid, 0),
                created_at=r["created_at"],
                updated_at=r["updated_at"],
                version=r["version"],
                reject_reason=r["reject_reason"],
                merged_into=r["merged_into"],
                host_name=r["host_name"],
                hand_votes=r["hand_votes"],
            )
        )
    return result


def _check_can_vote(db: Database, actor: User, session_id: int) -> None:
    me = _active_user(db, actor)
    _require_registered(me)
    event = _event(db)
    if event is None:
        raise NotFound("error.no_event")
    if not event.voting_open:
        raise PermissionDenied("error.voting_closed")
    row = db.execute("SELECT status FROM sessions WHERE id = ?", [session_id]).fetchone()
    if row is None:
        raise NotFound("error.session_missing")
    if row[0] != SessionStatus.PROPOSED.value:
        raise Conflict("error.session_withdrawn")
