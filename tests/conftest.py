"""Shared fixtures: a fresh database per test, an event with people and topics."""

from __future__ import annotations

import os

# bcrypt at cost 12 takes ~0.3 s a hash: tests use the minimum cost.
os.environ.setdefault("PLANNER_BCRYPT_ROUNDS", "4")

import pytest  # noqa: E402

from planner.models import Role, SessionDraft, User  # noqa: E402
from planner.store import Store  # noqa: E402

ORGANISER_PASSWORD = "Orga-Passwort-1"
PARTICIPANT_PASSWORD = "Teilnahme-Passwort-1"


@pytest.fixture
def db_path(tmp_path, monkeypatch) -> str:
    path = str(tmp_path / "barcamp.db")
    monkeypatch.setenv("PLANNER_DB", path)
    return path


@pytest.fixture
def empty_store(db_path) -> Store:
    store = Store(db_path, bcrypt_rounds=4)
    store.migrate()
    return store


class EventData:
    """A set-up event: one organiser, three participants, three topics."""

    def __init__(self, store: Store):
        self.store = store
        self.orga: User = store.event.set_up(
            name="MINTcamp Test",
            starts_on="2026-11-28",
            ends_on="2026-11-28",
            timezone_name="Europe/Berlin",
            default_language="de",
            organiser_username="orga",
            organiser_name="Olga Orga",
            organiser_email="orga@example.org",
            organiser_password=ORGANISER_PASSWORD,
        )
        self.anna = store.accounts.create(
            None, username="anna", name="Anna Amsel", email="anna@example.org",
            password=PARTICIPANT_PASSWORD,
        )
        self.ben = store.accounts.create(
            None, username="ben", name="Ben Bär", email="ben@example.org",
            password=PARTICIPANT_PASSWORD,
        )
        self.cem = store.accounts.create(
            None, username="cem", name="Cem Çelik", email="cem@example.org",
            password=PARTICIPANT_PASSWORD, role=Role.PARTICIPANT,
        )
        self.robotik = store.topics.create(self.orga, "Robotik", "#d62728")
        self.bildung = store.topics.create(self.orga, "Politische Bildung", "#ff7f0e")
        self.maedchen = store.topics.create(self.orga, "Mädchen in MINT", "#9467bd")

    def propose(self, user: User, title: str, **fields) -> object:
        fields.setdefault("topic_ids", (self.robotik.id,))
        return self.store.sessions.propose(user, SessionDraft(title=title, **fields))


@pytest.fixture
def event(empty_store) -> EventData:
    return EventData(empty_store)


@pytest.fixture
def store(event) -> Store:
    return event.store


def planned(event: EventData, workshop_seats: int, second_length: int = 1):
    """The event with a hall of 100 and a workshop room, a usual day's slots and two proposals:
    (event, rooms, session slots, "Robotik AG" by Anna, "Mädchen in MINT" by Ben)."""
    from planner.domain.timeslots import generate_day
    from planner.models import RoomDraft, SlotKind

    store = event.store
    rooms = store.venue.save_rooms(event.orga, [RoomDraft("Saal", 100), RoomDraft("Werkstatt", workshop_seats)])
    slots = [s for s in store.venue.save_day(event.orga, "2026-11-28", generate_day()) if s.kind is SlotKind.SESSION]
    a = event.propose(event.anna, "Robotik AG")
    b = event.propose(event.ben, "Mädchen in MINT", length=second_length)
    return event, rooms, slots, a, b
