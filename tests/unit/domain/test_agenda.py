"""Reading a release: the list grouped by start time, a person's agenda with hosted sessions."""

from __future__ import annotations

from planner.models import Release, ReleaseItem
from planner.domain.agenda import dropped, agenda, by_start


def _item(sid, start, end, room_id=1, day="2026-11-28"):
    return ReleaseItem(sid, f"S{sid}", ("Host",), room_id, f"Raum {room_id}", (sid,), day, start, end)


def test_by_start_one_group_per_start_time_rooms_in_given_order():
    items = [
        _item(1, "11:00", "11:45", room_id=1),
        _item(2, "11:00", "12:45", room_id=2),  # a two-slot workshop starting with them
        _item(3, "11:00", "11:45", room_id=3),
        _item(4, "10:00", "10:45", room_id=2),
        _item(5, "12:00", "12:45", room_id=1),
    ]
    groups = by_start(items)
    assert [(start, [i.session_id for i in group]) for start, group in groups] == [
        ("10:00", [4]), ("11:00", [1, 2, 3]), ("12:00", [5]),
    ]


def test_by_start_of_nothing_is_empty():
    assert by_start([]) == []


def _release(*items):
    return Release(1, "v1", "2026-11-27T10:00:00+00:00", items)


def _marks(entries):
    return [(e.item.session_id, e.hosted, e.voted, e.starred, e.clashes_with, e.clashes_with_own) for e in entries]


def test_agenda_holds_the_sessions_the_person_hosts():
    release = _release(_item(1, "10:00", "10:45"), _item(2, "11:00", "11:45"), _item(3, "12:00", "12:45"))
    entries = agenda(release, voted={3}, starred=set(), seen=None, hosted={1})
    assert _marks(entries) == [
        (1, True, False, False, (), ()),
        (3, False, True, False, (), ()),
    ]


def test_agenda_vote_at_the_time_of_ones_own_session_is_flagged_as_such():
    release = _release(
        _item(1, "10:00", "10:45", room_id=1),  # hosted
        _item(2, "10:00", "10:45", room_id=2),  # voted: clashes with the own session and with 3
        _item(3, "10:00", "11:45", room_id=3),  # starred two-slot workshop
        _item(4, "11:00", "11:45", room_id=1),  # voted: clashes with 3 only
    )
    entries = agenda(release, voted={2, 4}, starred={3}, seen=None, hosted={1})
    assert _marks(entries) == [
        (1, True, False, False, (), ()),
        (2, False, True, False, (3,), (1,)),
        (3, False, False, True, (2, 4), (1,)),
        (4, False, True, False, (3,), ()),
    ]


def test_agenda_hosting_two_sessions_at_once_is_flagged_on_both():
    release = _release(_item(1, "10:00", "10:45", room_id=1), _item(2, "10:30", "11:15", room_id=2))
    entries = agenda(release, voted={1}, starred=set(), seen=None, hosted={1, 2})
    assert _marks(entries) == [(1, True, True, False, (), (2,)), (2, True, False, False, (), (1,))]


def test_agenda_other_days_never_clash_with_ones_own_session():
    release = _release(_item(1, "10:00", "10:45"), _item(2, "10:00", "10:45", day="2026-11-29"))
    entries = agenda(release, voted={2}, starred=set(), seen=None, hosted={1})
    assert [e.clashes_with_own for e in entries] == [(), ()]


def test_dropped_lists_ones_sessions_that_the_release_seen_had_and_this_one_has_not():
    before = Release(1, "v1", "2026-11-27T10:00:00+00:00",
                     (_item(1, "10:00", "10:45"), _item(2, "11:00", "11:45"), _item(3, "12:00", "12:45")))
    after = Release(2, "v2", "2026-11-28T08:00:00+00:00", (_item(1, "10:00", "10:45"),))
    assert [i.session_id for i in dropped(after, before, {1, 2, 3})] == [2, 3]
    assert dropped(after, before, {2})[0] == before.items[1]  # where it was, for "was Fr 11:00, ..."
    assert dropped(after, before, {1}) == []  # still there
    assert dropped(after, None, {2}) == [] and dropped(after, after, {2}) == []
