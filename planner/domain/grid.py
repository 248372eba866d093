"""Placements into what people read: where and when each session runs, once for every view."""

from __future__ import annotations

from collections.abc import Iterable

from planner.domain.sessions import host_names
from planner.domain.timeslots import occupied_slots
from planner.models import Placement, ReleaseItem, Room, Session, Slot


def release_items(placements: Iterable[Placement], sessions: dict[int, Session], rooms: list[Room],
                  slots: list[Slot]) -> list[ReleaseItem]:
    """The placements as frozen release items, in time and room order.

    A session runs in the session slots that follow its first one
    (:func:`occupied_slots`); one whose day ends first keeps the slots it has.
    Placements of sessions not in ``sessions`` (withdrawn) are left out.
    """
    by_id = {r.id: r for r in rooms}
    order = {r.id: i for i, r in enumerate(rooms)}
    slot_by_id = {s.id: s for s in slots}
    items = []
    for p in placements:
        s = sessions.get(p.session_id)
        if s is None or p.room_id not in by_id or p.slot_id not in slot_by_id:
            continue
        used = occupied_slots(slots, p.slot_id, s.length) or [slot_by_id[p.slot_id]]
        items.append(ReleaseItem(
            session_id=s.id, title=s.title, hosts=host_names(s), room_id=p.room_id, room=by_id[p.room_id].name,
            slot_ids=tuple(x.id for x in used), day=used[0].day, start=used[0].start, end=used[-1].end,
        ))
    return sorted(items, key=lambda i: (i.day, i.start, order.get(i.room_id, 0)))
