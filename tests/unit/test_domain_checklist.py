"""The start checklist follows the event from empty to published."""

from __future__ import annotations

from planner.domain.checklist import checklist
from planner.models import RoomDraft, SlotKind
from planner.domain.timeslots import generate_day


def _state(store):
    return {s.key: (s.done, s.count) for s in checklist(
        store.event.get(), rooms=store.venue.rooms(), slots=store.venue.slots(), topics=store.topics.list(),
        sessions=store.sessions.list(), placements=store.grid.working(), releases=store.releases.all())}


def test_an_empty_event_has_everything_to_do_but_topics_and_open_phases(empty_store):
    store = empty_store
    store.event.set_up(name="Camp", starts_on="2026-11-28", ends_on="2026-11-28", timezone_name="Europe/Berlin",
                 default_language="de", organiser_username="orga", organiser_name="Olga",
                 organiser_email="o@example.org", organiser_password="Orga-Passwort-1")
    state = _state(store)
    assert [k for k, (done, _) in state.items() if not done] == [
        "rooms", "slots", "topics", "plan", "publish", "screens"]
    assert state["rooms"] == (False, 0)


def test_steps_get_done_as_the_organisers_go(event):
    store, orga = event.store, event.orga
    room, = store.venue.save_rooms(orga, [RoomDraft("Saal", 50)])
    slots = [s for s in store.venue.save_day(orga, "2026-11-28", generate_day()) if s.kind is SlotKind.SESSION]
    s = event.propose(event.anna, "Robotik AG")
    store.votes.cast(event.ben, s.id)
    store.grid.place(orga, s.id, room.id, slots[0].id)
    state = _state(store)
    assert state["rooms"] == (True, 1) and state["slots"] == (True, 7) and state["topics"] == (True, 3)
    assert state["voting"] == (True, 1) and state["plan"] == (True, 1) and state["publish"] == (False, 0)
    store.releases.publish(orga)
    assert _state(store)["publish"] == (True, 1) and _state(store)["screens"] == (False, None)
    store.event.update(orga, base_url="https://camp.example.org")
    assert _state(store)["screens"] == (True, None)
