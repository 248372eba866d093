"""The generic row mapper: columns by field name, converted by the model's field types."""

from __future__ import annotations

from planner.models import Event, Room, Session, SessionFormat, SessionStatus, SignupMode, Slot, SlotKind, User
from planner.store.rows import to_model


def test_enums_booleans_and_json_tuples_come_from_their_columns():
    row = {"id": 3, "name": "Saal", "capacity": 80, "features": '["projector", "online"]', "online_url": "",
           "position": 2}  # a column the model does not have is left alone
    assert to_model(Room, row, unavailable=(7,)) == Room(3, "Saal", 80, ("projector", "online"), "", (7,))
    assert to_model(Slot, {"id": 1, "day": "2026-11-28", "start": "10:00", "end": "10:45", "kind": "break",
                           "label": "@lunch"}).kind is SlotKind.BREAK


def test_missing_columns_take_the_model_defaults_and_null_stays_none():
    user = to_model(User, {"id": 1, "username": "ada", "name": "Ada", "email": "a@example.org", "role": "organiser",
                           "active": 0, "registration": "waiting", "promoted_unseen": 1, "language": None})
    assert (user.active, user.promoted_unseen, user.language) == (False, True, None)
    assert user.registration.value == "waiting" and user.is_organiser


def test_given_fields_win_over_columns():
    row = {"id": 5, "title": "Wikis", "description": "", "format": "workshop", "length": 2, "language": "de",
           "doc_url": "", "needs": "[]", "status": "proposed", "created_at": "t", "updated_at": "t", "version": 4,
           "reject_reason": None, "merged_into": None, "host_name": "Gast", "hand_votes": 3, "votes": 99}
    s = to_model(Session, row, hosts=(), topic_ids=(1, 2), votes=7)
    assert (s.format, s.status, s.needs, s.topic_ids, s.votes, s.merged_into) == (
        SessionFormat.WORKSHOP, SessionStatus.PROPOSED, (), (1, 2), 7, None)


def test_an_event_row_reads_whole():
    row = {"name": "MINTcamp", "description": "", "starts_on": "2026-11-28", "ends_on": "2026-11-28",
           "timezone": "Europe/Berlin", "default_language": "de", "signup_mode": "open", "proposals_open": 1,
           "voting_open": 0, "venue": "", "show_votes": "always", "shuffle": 0, "capacity": None,
           "schedule_published": 1, "move_cost": 3, "base_url": "", "display_enabled": 1, "display_token": ""}
    event = to_model(Event, row, has_invite_code=False)
    assert (event.signup_mode, event.proposals_open, event.voting_open, event.capacity) == (SignupMode.OPEN, True, False, None)
