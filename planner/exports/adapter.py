"""The one place that reads the store for the exports: what the exports page and ``python -m planner export`` write."""

from __future__ import annotations

from dataclasses import dataclass

from planner.domain.releases import rooms_with_release
from planner.exports import Export
from planner.exports.registry import export
from planner.models import Event, Release, Room, Session, Slot, Topic
from planner.store import Store


@dataclass(frozen=True)
class EventData:
    """The event with its latest release, published to the public or not (the registry's Inputs)."""

    event: Event
    release: Release | None
    sessions: dict[int, Session]
    topics: list[Topic]
    rooms: list[Room]
    slots: list[Slot]


def event_data(store: Store) -> EventData:
    release = store.releases.latest()
    return EventData(store.event.get(), release,
                     {s.id: s for s in store.sessions.list(include_withdrawn=True)},
                     store.topics.list(), rooms_with_release(store.venue.rooms(), release), store.venue.slots())


def build(store: Store, name: str, lang: str = "en") -> Export:
    """The export of the event in ``store`` in format ``name``, the CSV list in ``lang``
    (see registry.export for the refusals)."""
    return export(name, event_data(store), lang)
