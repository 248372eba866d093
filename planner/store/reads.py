"""Reads on an open connection that several parts of the store share: rows in, models out."""

from __future__ import annotations

import json

from sqlite_utils import Database

from planner.store.rows import to_model
from planner.domain.grid import release_items
from planner.domain.sessions import Known
from planner.errors import NotFound
from planner.models import (
    Event,
    Host,
    Placement,
    Release,
    ReleaseItem,
    Room,
    Session,
    Slot,
    Topic,
    User,
)


# Whose votes count: active people with a place (organisers always).
VOTE_COUNTS = "u.active = 1 AND (u.role = 'organiser' OR u.registration = 'confirmed')"


def count_confirmed(db: Database, exclude: int | None = None) -> int:
    return db.execute(
        """SELECT COUNT(*) FROM users WHERE role = 'participant' AND active = 1
           AND registration = 'confirmed' AND id != ?""",
        [exclude if exclude is not None else -1],
    ).fetchone()[0]


def load_placements(db: Database) -> list[Placement]:
    return [
        Placement(r[0], r[1], r[2], bool(r[3]))
        for r in db.execute(
            """SELECT p.session_id, p.room_id, p.slot_id, p.pinned FROM placements p
               JOIN sessions s ON s.id = p.session_id WHERE s.status = 'proposed'
               ORDER BY p.session_id"""
        )
    ]


def load_release_items(db: Database) -> list[ReleaseItem]:
    """The working grid as frozen release items, in time and room order."""
    placements = load_placements(db)
    sessions = {s.id: s for s in load_sessions(db, [p.session_id for p in placements])}
    return release_items(placements, sessions, load_rooms(db), load_slots(db))


def load_releases(db: Database) -> list[Release]:
    result = []
    for r in db.query("SELECT * FROM releases ORDER BY id"):
        items = tuple(
            ReleaseItem(**{**i, "hosts": tuple(i["hosts"]), "slot_ids": tuple(i["slot_ids"])})
            for i in json.loads(r["items"])
        )
        result.append(Release(r["id"], r["name"], r["created_at"], items))
    return result


def load_rooms(db: Database) -> list[Room]:
    blocked: dict[int, list[int]] = {}
    for room_id, slot_id in db.execute("SELECT room_id, slot_id FROM room_unavailable ORDER BY slot_id"):
        blocked.setdefault(room_id, []).append(slot_id)
    return [
        to_model(Room, r, unavailable=tuple(blocked.get(r["id"], ())))
        for r in db.query("SELECT * FROM rooms ORDER BY position, id")
    ]


def load_slots(db: Database) -> list[Slot]:
    return [
        to_model(Slot, r)
        for r in db.query("SELECT * FROM slots ORDER BY day, start")
    ]


def load_event(db: Database) -> Event | None:
    rows = list(db.query("SELECT * FROM event WHERE id = 1"))
    if not rows:
        return None
    return to_model(Event, rows[0], has_invite_code=bool(rows[0]["invite_code"]))


def read_invite_code(db: Database) -> str:
    row = db.execute("SELECT invite_code FROM event WHERE id = 1").fetchone()
    return row[0] if row else ""


def count_organisers(db: Database) -> int:
    return db.execute(
        "SELECT COUNT(*) FROM users WHERE role = 'organiser' AND active = 1"
    ).fetchone()[0]


def user_from_row(r: dict) -> User:
    return to_model(User, r)


def load_user(db: Database, user_id: int) -> User:
    rows = list(db.query("SELECT * FROM users WHERE id = ?", [user_id]))
    if not rows:
        raise NotFound("error.user_missing")
    return user_from_row(rows[0])


def load_topics(db: Database) -> list[Topic]:
    return [
        to_model(Topic, r)
        for r in db.query("SELECT * FROM topics ORDER BY position, name")
    ]


def load_known(db: Database) -> Known:
    """What session drafts are checked against, read in the writing transaction."""
    return Known(
        features=frozenset(r[0] for r in db.execute("SELECT name FROM features")),
        topic_ids=frozenset(r[0] for r in db.execute("SELECT id FROM topics")),
        usernames={r[0]: r[1] for r in db.execute("SELECT username, id FROM users WHERE active = 1")},
    )


def load_session(db: Database, session_id: int) -> Session:
    found = load_sessions(db, [session_id])
    if not found:
        raise NotFound("error.session_missing")
    return found[0]


def load_sessions(db: Database, ids: list[int]) -> list[Session]:
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
                WHERE {VOTE_COUNTS} AND v.session_id IN ({marks}) GROUP BY v.session_id""",
            ids,
        ).fetchall()
    )
    result = []
    for sid in ids:
        r = rows.get(sid)
        if r is None:
            continue
        result.append(
            to_model(Session, r, hosts=tuple(hosts.get(sid, ())), topic_ids=tuple(sorted(topics.get(sid, ()))),
                     votes=votes.get(sid, 0))
        )
    return result
