"""Reading a release: the list grouped by start time, a person's agenda with hosted sessions."""

from __future__ import annotations

from planner.models import ReleaseItem
from planner.schedule import by_start


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
