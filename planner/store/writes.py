"""Writes on an open connection that several parts of the store share."""

from __future__ import annotations

import re
import secrets

from sqlite_utils import Database

from planner.errors import Conflict
from planner.models import Event, Registration, Role
from planner.store.db import utc_now
from planner.store.reads import count_confirmed, load_event


# Feed tokens are URL-safe (``secrets.token_urlsafe``); anything else is no token.
FEED_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{16,64}")


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


def is_full(db: Database, event: Event, extra: int = 0, exclude: int | None = None) -> bool:
    """True if the event has no free place (organisers do not take places)."""
    if event.capacity is None:
        return False
    waiting = db.execute(
        "SELECT COUNT(*) FROM users WHERE registration = 'waiting' AND active = 1 AND id != ?",
        [exclude if exclude is not None else -1],
    ).fetchone()[0]
    # Nobody jumps the queue: while people wait, a newcomer waits too.
    return waiting > 0 or count_confirmed(db, exclude) + extra >= event.capacity


def promote_waiting(db: Database) -> None:
    """Move people up from the waiting list while places are free."""
    event = load_event(db)
    if event is None:
        return
    for row in db.execute(
        "SELECT id FROM users WHERE registration = 'waiting' AND active = 1 ORDER BY waiting_since, id"
    ).fetchall():
        if event.capacity is not None and count_confirmed(db) >= event.capacity:
            break
        db["users"].update(row[0], {"registration": Registration.CONFIRMED.value, "promoted_unseen": 1})


def insert_user(db, username, name, email, password_hash, role: Role, language) -> int:
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
            "created_at": utc_now(),
        }
    )
    return db.execute("SELECT last_insert_rowid()").fetchone()[0]


def write_hosts_topics(db: Database, session_id: int, host_ids: list[int], topic_ids) -> None:
    db.execute("DELETE FROM session_hosts WHERE session_id = ?", [session_id])
    db.execute("DELETE FROM session_topics WHERE session_id = ?", [session_id])
    db["session_hosts"].insert_all(
        [{"session_id": session_id, "user_id": u, "position": i} for i, u in enumerate(host_ids)]
    )
    db["session_topics"].insert_all(
        [{"session_id": session_id, "topic_id": t} for t in topic_ids]
    )
