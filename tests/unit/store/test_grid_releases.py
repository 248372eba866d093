"""The working grid, pins, releases and their changelog."""

from __future__ import annotations

import pytest

from planner.errors import Conflict, PermissionDenied, ValidationError
from planner.models import Placement, SlotKind
from planner.domain.releases import ChangeKind, changed_sessions, diff
from planner.domain.timeslots import occupied_slots
from tests.conftest import planned as planned_event


@pytest.fixture
def grid(event):
    return planned_event(event, 20, second_length=2)


def test_place_move_swap_unplace(grid):
    event, rooms, slots, a, b = grid
    store = event.store
    store.grid.place(event.orga, a.id, rooms[0].id, slots[0].id)
    store.grid.place(event.orga, b.id, rooms[1].id, slots[1].id)
    store.grid.swap(event.orga, a.id, b.id)
    assert store.grid.working() == [
        Placement(a.id, rooms[1].id, slots[1].id), Placement(b.id, rooms[0].id, slots[0].id),
    ]
    store.grid.unplace(event.orga, a.id)
    assert [p.session_id for p in store.grid.working()] == [b.id]


def test_participant_cannot_touch_the_grid(grid):
    event, rooms, slots, a, _ = grid
    with pytest.raises(PermissionDenied):
        event.store.grid.place(event.anna, a.id, rooms[0].id, slots[0].id)
    with pytest.raises(PermissionDenied):
        event.store.releases.publish(event.anna)
    assert event.store.grid.working() == []


def test_place_into_a_break_is_refused(grid):
    event, rooms, _, a, _ = grid
    lunch = next(s for s in event.store.venue.slots() if s.kind is SlotKind.BREAK)
    with pytest.raises(ValidationError):
        event.store.grid.place(event.orga, a.id, rooms[0].id, lunch.id)


def test_pin_survives_moves_and_blocks_a_grid_that_moves_it(grid):
    event, rooms, slots, a, b = grid
    store = event.store
    store.grid.place(event.orga, a.id, rooms[0].id, slots[0].id, pinned=True)
    store.grid.place(event.orga, a.id, rooms[0].id, slots[0].id)  # re-placing keeps the pin
    assert store.grid.working()[0].pinned is True
    with pytest.raises(Conflict):
        store.grid.replace(event.orga, [Placement(a.id, rooms[1].id, slots[0].id)])
    kept = store.grid.replace(event.orga, [Placement(a.id, rooms[0].id, slots[0].id), Placement(b.id, rooms[1].id, slots[2].id)])
    assert [(p.session_id, p.pinned) for p in kept] == [(a.id, True), (b.id, False)]


def test_keeping_a_run_refuses_when_the_draft_changed_since_it_started(grid):
    event, rooms, slots, a, b = grid
    store = event.store
    store.grid.place(event.orga, a.id, rooms[0].id, slots[0].id)
    started = store.grid.working()
    proposal = [Placement(a.id, rooms[1].id, slots[1].id), Placement(b.id, rooms[0].id, slots[0].id)]
    # Meanwhile another organiser moves a by hand: keeping would overwrite that.
    store.grid.place(event.orga, a.id, rooms[0].id, slots[2].id)
    with pytest.raises(Conflict) as refused:
        store.grid.replace(event.orga, proposal, since=started)
    assert refused.value.key == "error.draft_changed"
    assert [(p.session_id, p.room_id, p.slot_id) for p in store.grid.working()] == [(a.id, rooms[0].id, slots[2].id)]
    # A pin set meanwhile counts as a change too; the same draft as at the start is kept.
    store.grid.place(event.orga, a.id, rooms[0].id, slots[0].id)
    store.grid.set_pinned(event.orga, a.id, True)
    with pytest.raises(Conflict):
        store.grid.replace(event.orga, proposal, since=started)
    store.grid.set_pinned(event.orga, a.id, False)
    kept = store.grid.replace(event.orga, proposal, since=started)
    assert {(p.session_id, p.room_id, p.slot_id) for p in kept} == {(a.id, rooms[1].id, slots[1].id),
                                                                   (b.id, rooms[0].id, slots[0].id)}


def test_occupied_slots_of_a_two_slot_session(grid):
    event, _, slots, _, _ = grid
    all_slots = event.store.venue.slots()
    assert [s.id for s in occupied_slots(all_slots, slots[2].id, 2)] == [slots[2].id, slots[3].id]  # across lunch
    assert [s.id for s in occupied_slots(all_slots, slots[-1].id, 2)] == [slots[-1].id]  # the day ends


def test_publish_freezes_the_grid_and_names_releases(grid):
    event, rooms, slots, a, b = grid
    store = event.store
    store.grid.place(event.orga, a.id, rooms[0].id, slots[0].id)
    store.grid.place(event.orga, b.id, rooms[1].id, slots[0].id)
    v1 = store.releases.publish(event.orga)
    assert v1.name == "v1"
    item = v1.item(b.id)
    assert (item.title, item.room, item.day, item.start, item.end, item.hosts) == (
        "Mädchen in MINT", "Werkstatt", "2026-11-28", "10:00", "11:45", ("Ben Bär",)
    )
    assert store.event.get().schedule_published is True
    store.grid.place(event.orga, a.id, rooms[0].id, slots[1].id)
    assert store.releases.latest().item(a.id).start == "10:00"  # frozen
    with pytest.raises(Conflict):
        store.releases.publish(event.orga, "V1")
    final = store.releases.publish(event.orga, "Samstag final")
    assert [r.name for r in store.releases.all()] == ["v1", "Samstag final"]
    assert final.item(a.id).start == "11:00"


def test_publish_refuses_a_draft_other_than_the_one_seen(grid):
    event, rooms, slots, a, b = grid
    store = event.store
    store.grid.place(event.orga, a.id, rooms[0].id, slots[0].id)
    seen = store.releases.preview().items
    store.grid.place(event.orga, a.id, rooms[0].id, slots[1].id)  # moved by someone else meanwhile
    with pytest.raises(Conflict) as refused:
        store.releases.publish(event.orga, "v1", seen=seen)
    assert refused.value.key == "error.release_draft_changed"
    assert (store.releases.all(), store.event.get().schedule_published) == ([], False)
    release = store.releases.publish(event.orga, "v1", seen=store.releases.preview().items)
    assert release.item(a.id).slot_ids == (slots[1].id,)


def test_publishing_the_published_draft_again_is_refused_until_it_changes(grid):
    """Two organisers press publish a moment apart: the second one gets no empty release."""
    event, rooms, slots, a, b = grid
    store = event.store
    store.grid.place(event.orga, a.id, rooms[0].id, slots[0].id)
    seen = store.releases.preview().items
    store.releases.publish(event.orga, "Stand 10 Uhr", seen=seen)
    with pytest.raises(Conflict) as refused:
        store.releases.publish(event.orga, "Stand 10:01", seen=seen)
    assert (refused.value.key, refused.value.params) == ("error.release_unchanged", {"name": "Stand 10 Uhr"})
    assert [r.name for r in store.releases.all()] == ["Stand 10 Uhr"]
    store.event.update(event.orga, schedule_published=False)  # taken off: publishing it again puts it back
    store.releases.publish(event.orga, "wieder da")
    assert store.event.get().schedule_published is True
    store.grid.place(event.orga, b.id, rooms[1].id, slots[0].id)
    assert store.releases.publish(event.orga).name == "v3"


def test_changelog_lists_moved_added_dropped(grid):
    event, rooms, slots, a, b = grid
    store = event.store
    c = event.propose(event.cem, "Politische Bildung")
    store.grid.place(event.orga, a.id, rooms[0].id, slots[0].id)
    store.grid.place(event.orga, b.id, rooms[1].id, slots[0].id)
    v1 = store.releases.publish(event.orga)
    store.grid.place(event.orga, a.id, rooms[0].id, slots[1].id)  # moved
    store.grid.place(event.orga, b.id, rooms[0].id, slots[3].id)  # moved
    store.grid.place(event.orga, c.id, rooms[1].id, slots[4].id)  # added
    v2 = store.releases.publish(event.orga)
    store.grid.unplace(event.orga, c.id)
    store.grid.place(event.orga, a.id, rooms[1].id, slots[1].id)  # same time, other room
    v3 = store.releases.publish(event.orga)
    assert [(ch.kind, ch.session_id) for ch in diff(v1, v2)] == [
        (ChangeKind.MOVED, a.id), (ChangeKind.MOVED, b.id), (ChangeKind.ADDED, c.id),
    ]
    assert [(ch.kind, ch.session_id) for ch in diff(v2, v3)] == [(ChangeKind.ROOM, a.id), (ChangeKind.DROPPED, c.id)]
    assert changed_sessions(None, v1) == {a.id, b.id}
    assert diff(v3, v3) == []


def test_stars_and_seen_release(grid):
    event, rooms, slots, a, _ = grid
    store = event.store
    store.agenda.set_star(event.cem, a.id, True)
    assert store.agenda.stars_of(event.cem) == {a.id}
    store.agenda.set_star(event.cem, a.id, False)
    assert store.agenda.stars_of(event.cem) == set()
    store.grid.place(event.orga, a.id, rooms[0].id, slots[0].id)
    v1 = store.releases.publish(event.orga)
    assert store.agenda.last_seen_release(event.cem) is None
    store.agenda.mark_seen(event.cem, v1.id)
    assert store.agenda.last_seen_release(event.cem) == v1.id


def test_withdrawn_session_leaves_the_working_grid(grid):
    event, rooms, slots, a, _ = grid
    event.store.grid.place(event.orga, a.id, rooms[0].id, slots[0].id)
    event.store.sessions.withdraw(event.anna, a.id)
    assert event.store.grid.working() == []


def test_publish_that_fails_midway_leaves_the_previous_release(grid, monkeypatch):
    """The release row is written, then something breaks: nothing of the new release stays."""
    import planner.store.releases as store_module

    event, rooms, slots, a, b = grid
    store = event.store
    store.grid.place(event.orga, a.id, rooms[0].id, slots[0].id)
    v1 = store.releases.publish(event.orga)
    store.event.update(event.orga, schedule_published=False)
    store.grid.place(event.orga, b.id, rooms[1].id, slots[1].id)

    def broken(db):
        raise OSError("disk full")

    monkeypatch.setattr(store_module, "load_releases", broken)
    with pytest.raises(OSError):
        store.releases.publish(event.orga, "v2")
    monkeypatch.undo()
    assert [(r.name, r.items) for r in store.releases.all()] == [("v1", v1.items)]
    assert store.event.get().schedule_published is False
    assert store.releases.publish(event.orga, "v2").name == "v2"  # the name is free, the store still works


def test_release_item_keeps_the_pitched_host_without_account(grid):
    event, rooms, slots, a, _ = grid
    store = event.store
    pitched = store.sessions.pitch(event.orga, "Spontan: Calliope-Ecke", "Frieda aus Kiel", hands=7)
    store.grid.place(event.orga, a.id, rooms[0].id, slots[0].id)
    store.grid.place(event.orga, pitched.id, rooms[1].id, slots[0].id)
    release = store.releases.publish(event.orga)
    assert [(i.title, i.hosts) for i in release.items] == [
        ("Robotik AG", ("Anna Amsel",)), ("Spontan: Calliope-Ecke", ("Frieda aus Kiel",)),
    ]
    assert store.releases.preview().item(pitched.id).hosts == ("Frieda aus Kiel",)


def test_release_items_are_made_in_one_place_in_time_and_room_order():
    from planner.domain.grid import release_items
    from planner.models import Host, Placement, Room, Session, SessionFormat, SessionStatus, Slot, SlotKind

    rooms = [Room(1, "Saal", 100), Room(2, "Lounge", 15)]
    slots = [Slot(1, "2026-11-28", "10:00", "10:45", SlotKind.SESSION), Slot(2, "2026-11-28", "11:00", "11:45", SlotKind.SESSION)]

    def session(sid, length=1, host_name=""):
        return Session(sid, f"S{sid}", "", SessionFormat.TALK, length, "de", "", (), SessionStatus.PROPOSED,
                       (Host(9, "ada", "Ada"),), (1,), 0, "", "", host_name=host_name)

    sessions = {1: session(1, length=2, host_name="Gast"), 2: session(2)}
    placements = [Placement(2, 1, 1), Placement(1, 2, 1), Placement(3, 1, 2)]  # session 3 is withdrawn
    items = release_items(placements, sessions, rooms, slots)
    assert [(i.session_id, i.room, i.slot_ids, i.start, i.end) for i in items] == [
        (2, "Saal", (1,), "10:00", "10:45"), (1, "Lounge", (1, 2), "10:00", "11:45")]
    assert items[1].hosts == ("Ada", "Gast")
