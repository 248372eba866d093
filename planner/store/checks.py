"""Checks on an open connection: who may act, and whether what they name exists and is live."""

from __future__ import annotations

import json

from sqlite_utils import Database

from planner.domain.sessions import Known, check_draft
from planner.errors import Conflict, NotFound, PermissionDenied, ValidationError
from planner.models import Registration, Role, SessionDraft, SessionStatus, SlotKind, User
from planner.store.reads import load_event, load_known, user_from_row


def require_registered(user: User) -> None:
    if user.role is Role.PARTICIPANT and user.registration is not Registration.CONFIRMED:
        raise PermissionDenied(
            "error.on_waiting_list" if user.registration is Registration.WAITING else "error.registration_cancelled"
        )


def check_live(db: Database, session_id: int) -> None:
    """The session exists and is proposed (not withdrawn, rejected or merged)."""
    row = db.execute("SELECT status FROM sessions WHERE id = ?", [session_id]).fetchone()
    if row is None:
        raise NotFound("error.session_missing")
    if row[0] != SessionStatus.PROPOSED.value:
        raise Conflict("error.session_withdrawn")


def check_placeable(db: Database, session_id: int, room_id: int, slot_id: int) -> None:
    check_live(db, session_id)
    if not db.execute("SELECT 1 FROM rooms WHERE id = ?", [room_id]).fetchone():
        raise NotFound("error.room_missing")
    slot = db.execute("SELECT kind FROM slots WHERE id = ?", [slot_id]).fetchone()
    if slot is None:
        raise NotFound("error.slot_missing")
    if slot[0] != SlotKind.SESSION.value:
        raise ValidationError("error.slot_not_for_sessions")


def check_slot_ids(db: Database, slot_ids) -> None:
    known = {r[0] for r in db.execute("SELECT id FROM slots")}
    if set(slot_ids) - known:
        raise NotFound("error.slot_missing")


def active_user(db: Database, actor: User) -> User:
    """The acting user as the database knows them now (role, active)."""
    rows = list(db.query("SELECT * FROM users WHERE id = ?", [actor.id]))
    if not rows or not rows[0]["active"]:
        raise PermissionDenied("error.account_inactive")
    return user_from_row(rows[0])


def require_organiser(db: Database, actor: User) -> User:
    me = active_user(db, actor)
    if me.role is not Role.ORGANISER:
        raise PermissionDenied("error.organisers_only")
    return me


def draft_columns(db: Database, draft: SessionDraft, first_host_id: int | None, known: Known | None = None, *,
                  session_id: int | None = None):
    """Validate a draft against the database (or ``known``, read once by a caller that checks
    many), its title not taken by a live session but ``session_id``; every refusal at once.
    Returns (columns, co-host ids, topic ids)."""
    checked = check_draft(draft, known or load_known(db), first_host_id=first_host_id,
                          title_taken=lambda key: _title_taken(db, key, session_id))
    return {**checked.values, "needs": json.dumps(checked.values["needs"])}, list(checked.cohost_ids), list(checked.topic_ids)


def _title_taken(db: Database, key: str, session_id: int | None) -> Conflict | None:
    row = db.execute(
        "SELECT id, title FROM sessions WHERE title_key = ? AND status = 'proposed'", [key]
    ).fetchone()
    return Conflict("error.title_taken", title=row[1]) if row is not None and row[0] != session_id else None


def check_title_free(db: Database, key: str, session_id: int | None) -> None:
    if (taken := _title_taken(db, key, session_id)) is not None:
        raise taken


def check_can_vote(db: Database, actor: User, session_id: int) -> None:
    me = active_user(db, actor)
    require_registered(me)
    event = load_event(db)
    if event is None:
        raise NotFound("error.no_event")
    if not event.voting_open:
        raise PermissionDenied("error.voting_closed")
    check_live(db, session_id)
