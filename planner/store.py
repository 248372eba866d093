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
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import bcrypt
from sqlite_utils import Database

from planner import migrations, validation
from planner.errors import Conflict, NotFound, PermissionDenied, ValidationError
from planner.i18n import LANGUAGES
from planner.models import (
    Event,
    Host,
    Role,
    Room,
    Session,
    SessionDraft,
    SessionFormat,
    SessionStatus,
    SignupMode,
    Slot,
    SlotKind,
    Topic,
    TopicInterest,
    User,
)

DEFAULT_DB = "data/barcamp.db"
MAX_LENGTH_SLOTS = 4
MAX_COHOSTS = 5
MAX_TOPICS_PER_SESSION = 5


def default_db_path() -> str:
    """The database file: ``PLANNER_DB`` or ``data/barcamp.db``."""
    return os.environ.get("PLANNER_DB") or DEFAULT_DB


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def hash_password(password: str, rounds: int = 12) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=rounds)).decode()


def _password_matches(password: str, hashed: str) -> bool:
    try:
        return bcrypt.checkpw(password.encode("utf-8"), hashed.encode())
    except ValueError:  # over 72 bytes, or a broken hash
        return False


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
    def _write(self) -> Iterator[Database]:
        """One immediate transaction: all of it is written, or none."""
        db = self._connect()
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.rollback()
                raise
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
        hashed = hash_password(password, self.bcrypt_rounds)
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
    ) -> Event:
        """Change sign-up and phase settings (organisers only)."""
        changes: dict[str, object] = {}
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
            if changes.get("signup_mode") == SignupMode.INVITE.value:
                code = changes.get("invite_code", _invite_code(db))
                if not code:
                    raise ValidationError("error.invite_code_missing")
            if changes:
                db["event"].update(1, changes)
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
        hashed = hash_password(password, self.bcrypt_rounds)
        with self._write() as db:
            event = _event(db)
            if event is None:
                raise NotFound("error.no_event")
            if event.signup_mode is SignupMode.CLOSED:
                raise PermissionDenied("error.signup_closed")
            if event.signup_mode is SignupMode.INVITE:
                if validation.clean_line(invite_code) != _invite_code(db):
                    raise PermissionDenied("error.invite_code_wrong")
            return _user(
                db,
                _insert_user(db, clean_username, display, clean_email, hashed, Role.PARTICIPANT, lang),
            )

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
            password_hash = hash_password(validation.check_password(password), self.bcrypt_rounds)
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
            if row is None or not _password_matches(password, row[1]):
                return None
            return _user(db, row[0])

    def change_password(self, username: str, old_password: str, new_password: str) -> None:
        """Replace a user's password after checking the old one."""
        validation.check_password(new_password)
        if self.authenticate(username, old_password) is None:
            raise ValidationError("error.password_wrong")
        hashed = hash_password(new_password, self.bcrypt_rounds)
        with self._write() as db:
            db.execute(
                "UPDATE users SET password_hash = ? WHERE username = ?",
                [hashed, username.lower()],
            )

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
            return [
                Room(r["id"], r["name"], r["capacity"], tuple(json.loads(r["features"])))
                for r in db.query("SELECT * FROM rooms ORDER BY position, id")
            ]

    def add_room(self, actor: User, name: str, capacity: int, features: list[str] = ()) -> Room:
        clean = validation.check_name(name)
        if not isinstance(capacity, int) or not 0 <= capacity <= 100_000:
            raise ValidationError("error.capacity_invalid")
        with self._write() as db:
            _require_organiser(db, actor)
            known = {r[0] for r in db.execute("SELECT name FROM features")}
            unknown = sorted(set(features) - known)
            if unknown:
                raise ValidationError("error.need_unknown", need=", ".join(unknown)[:80])
            if db.execute("SELECT 1 FROM rooms WHERE name = ?", [clean]).fetchone():
                raise Conflict("error.room_exists", name=clean)
            position = db.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM rooms").fetchone()[0]
            db["rooms"].insert(
                {"name": clean, "capacity": capacity, "features": json.dumps(sorted(set(features))),
                 "position": position}
            )
            room_id = db.execute("SELECT last_insert_rowid()").fetchone()[0]
            return Room(room_id, clean, capacity, tuple(sorted(set(features))))

    def list_slots(self) -> list[Slot]:
        with self._read() as db:
            return [
                Slot(r["id"], r["day"], r["start"], r["end"], SlotKind(r["kind"]), r["label"])
                for r in db.query("SELECT * FROM slots ORDER BY day, start")
            ]

    def add_slot(
        self, actor: User, day: str, start: str, end: str,
        kind: SlotKind = SlotKind.SESSION, label: str = "",
    ) -> Slot:
        """Add a time window; refused when it overlaps another one that day."""
        try:
            day_iso = date.fromisoformat(str(day)).isoformat()
            start_t = datetime.strptime(start, "%H:%M").strftime("%H:%M")
            end_t = datetime.strptime(end, "%H:%M").strftime("%H:%M")
        except ValueError:
            raise ValidationError("error.slot_time_invalid") from None
        if end_t <= start_t:
            raise ValidationError("error.slot_empty", start=start_t, end=end_t)
        clean_label = validation.clean_line(label)[:80]
        with self._write() as db:
            _require_organiser(db, actor)
            clash = db.execute(
                "SELECT start, end FROM slots WHERE day = ? AND start < ? AND end > ?",
                [day_iso, end_t, start_t],
            ).fetchone()
            if clash:
                raise ValidationError(
                    "error.slot_overlap", day=day_iso, start=start_t, end=end_t,
                    other_start=clash[0], other_end=clash[1],
                )
            db["slots"].insert(
                {"day": day_iso, "start": start_t, "end": end_t, "kind": SlotKind(kind).value,
                 "label": clean_label}
            )
            slot_id = db.execute("SELECT last_insert_rowid()").fetchone()[0]
            return Slot(slot_id, day_iso, start_t, end_t, SlotKind(kind), clean_label)

    # -- sessions ----------------------------------------------------------

    def propose(self, actor: User, draft: SessionDraft) -> Session:
        """Add a session hosted by ``actor`` and the draft's co-hosts."""
        with self._write() as db:
            event = _event(db)
            if event is None:
                raise NotFound("error.no_event")
            me = _active_user(db, actor)
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

    def all_votes(self) -> dict[int, set[int]]:
        """Voter id -> voted live sessions (active voters only)."""
        result: dict[int, set[int]] = {}
        with self._read() as db:
            for user_id, session_id in db.execute(
                """SELECT v.user_id, v.session_id FROM votes v
                   JOIN sessions s ON s.id = v.session_id
                   JOIN users u ON u.id = v.user_id
                   WHERE s.status = 'proposed' AND u.active = 1"""
            ):
                result.setdefault(user_id, set()).add(session_id)
        return result


# -- helpers on an open connection ------------------------------------------


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
    title = validation.check_title(draft.title)
    description = validation.check_description(draft.description)
    try:
        fmt = SessionFormat(draft.format)
    except ValueError:
        raise ValidationError("error.format_invalid") from None
    if not isinstance(draft.length, int) or not 1 <= draft.length <= MAX_LENGTH_SLOTS:
        raise ValidationError("error.length_invalid", max=MAX_LENGTH_SLOTS)
    language = draft.language
    if language not in ("de", "en"):
        raise ValidationError("error.language_invalid")
    doc_url = validation.check_url(draft.doc_url)
    known_features = {r[0] for r in db.execute("SELECT name FROM features")}
    needs = sorted(set(draft.needs))
    unknown_needs = [n for n in needs if n not in known_features]
    if unknown_needs:
        raise ValidationError("error.need_unknown", need=", ".join(unknown_needs)[:80])
    topic_ids = sorted(set(draft.topic_ids))
    if not topic_ids:
        raise ValidationError("error.topic_required")
    if len(topic_ids) > MAX_TOPICS_PER_SESSION:
        raise ValidationError("error.topics_too_many", max=MAX_TOPICS_PER_SESSION)
    known_topics = {t.id for t in _topics(db)}
    if set(topic_ids) - known_topics:
        raise NotFound("error.topic_missing")
    cohost_ids: list[int] = []
    names = [validation.clean_line(n).lstrip("@").lower() for n in draft.cohosts if n.strip()]
    if len(set(names)) > MAX_COHOSTS:
        raise ValidationError("error.cohosts_too_many", max=MAX_COHOSTS)
    for name in dict.fromkeys(names):
        row = db.execute(
            "SELECT id FROM users WHERE username = ? AND active = 1", [name]
        ).fetchone()
        if row is None:
            raise ValidationError("error.cohost_unknown", username=name[:40])
        if row[0] != first_host_id:
            cohost_ids.append(row[0])
    values = {
        "title": title,
        "title_key": validation.title_key(title),
        "description": description,
        "format": fmt.value,
        "length": draft.length,
        "language": language,
        "doc_url": doc_url,
        "needs": json.dumps(needs),
    }
    return values, cohost_ids, topic_ids


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
                WHERE u.active = 1 AND v.session_id IN ({marks}) GROUP BY v.session_id""",
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
            )
        )
    return result


def _check_can_vote(db: Database, actor: User, session_id: int) -> None:
    me = _active_user(db, actor)
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
