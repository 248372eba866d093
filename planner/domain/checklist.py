"""The organisers' start checklist: what is set up, what is next."""

from __future__ import annotations

from dataclasses import dataclass

from planner.models import Event, Placement, Release, Room, Session, SessionStatus, Slot, SlotKind, Topic


@dataclass(frozen=True)
class Step:
    key: str  # message key suffix: checklist.<key>
    done: bool
    count: int | None = None  # what there is so far, where a number says it
    page: str = ""  # url path of the page where it is done


def checklist(
    event: Event,
    *,
    rooms: list[Room],
    slots: list[Slot],
    topics: list[Topic],
    sessions: list[Session],
    placements: list[Placement],
    releases: list[Release],
) -> list[Step]:
    """The steps from an empty event to screens at the venue, in the order they are done."""
    live = [s for s in sessions if s.status is SessionStatus.PROPOSED]
    votes = sum(s.votes for s in live)
    session_slots = [s for s in slots if s.kind is SlotKind.SESSION]
    return [
        Step("rooms", bool(rooms), len(rooms), "rooms"),
        Step("slots", bool(session_slots), len(session_slots), "rooms"),
        Step("topics", bool(topics), len(topics), "topics"),
        Step("proposals", event.proposals_open or bool(live), len(live), "event"),
        Step("voting", event.voting_open or votes > 0, votes, "event"),
        Step("plan", bool(placements), len(placements), "planning"),
        Step("publish", bool(releases) and event.schedule_published, len(releases), "planning"),
        Step("screens", bool(releases) and event.display_enabled and bool(event.base_url), None, "screens"),
    ]
