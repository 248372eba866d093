"""A published release with awkward content, shared by the export tests."""

from __future__ import annotations

from dataclasses import dataclass

from planner.models import Event, Release, Room, RoomDraft, Session, SessionFormat, Slot, SlotKind, Topic
from planner.domain.timeslots import generate_day

ONLINE_URL = "https://meet.example.org/raum?a=1&b=2"


@dataclass
class Published:
    event: Event
    release: Release
    sessions: dict[int, Session]
    rooms: list[Room]
    topics: list[Topic]
    slots: list[Slot]
    robot: Session  # umlauts, emoji and &<> in the title, two hosts, two topics, a pad
    workshop: Session  # two slots over lunch
    online: Session  # in the online room
    pitched: Session  # a host without an account


def publish_awkward(data) -> Published:
    """Two rooms (one online), a day of slots, four sessions placed, release v1."""
    store, orga = data.store, data.orga
    hall, online_room = store.venue.save_rooms(orga, [
        RoomDraft("Saal „Elbe“ & <Co>", 100, ("projector",)),
        RoomDraft("Online-Raum 🌐", 500, ("online",), online_url=ONLINE_URL),
    ])
    slots = [s for s in store.venue.save_day(orga, "2026-11-28", generate_day()) if s.kind is SlotKind.SESSION]
    robot = data.propose(
        data.anna, "Robotik <AG> & 🤖 für Mädchen",
        description="Mit **Lego** & <b>Motoren</b>.\n\nZweiter Absatz: Ärger über Öl & Übermut.",
        cohosts=("ben",), topic_ids=(data.robotik.id, data.maedchen.id), doc_url="https://pad.example.org/robotik",
    )
    workshop = data.propose(data.ben, "Workshop über Mittag", length=2, format=SessionFormat.WORKSHOP)
    online = data.propose(data.cem, "Remote pairing", language="en", topic_ids=(data.bildung.id,))
    pitched = store.sessions.pitch(orga, "Spontan: Calliope-Ecke", "Frieda aus Kiel", hands=7)
    store.votes.cast(data.anna, workshop.id)
    store.votes.cast(data.cem, workshop.id)
    store.votes.cast(data.ben, robot.id)
    store.grid.place(orga, robot.id, hall.id, slots[0].id)
    store.grid.place(orga, workshop.id, hall.id, slots[1].id)
    store.grid.place(orga, online.id, online_room.id, slots[0].id)
    store.grid.place(orga, pitched.id, online_room.id, slots[3].id)
    release = store.releases.publish(orga)
    sessions = {s.id: s for s in store.sessions.list()}
    return Published(
        store.event.get(), release, sessions, store.venue.rooms(), store.topics.list(), store.venue.slots(),
        sessions[robot.id], sessions[workshop.id], sessions[online.id], sessions[pitched.id],
    )
