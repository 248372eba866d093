"""A day of a grid as rows of cells: slots down, rooms across."""

from __future__ import annotations

from dataclasses import dataclass

from planner.models import Room, Slot, SlotKind


@dataclass(frozen=True)
class Cell:
    # (session id, starts here): empty when free; False in the second slot of
    # a long session. More than one where a room is booked twice (a hand-made
    # clash the planning page warns about): every one is shown, none hidden.
    entries: tuple[tuple[int, bool], ...] = ()
    blocked: bool = False  # the room is unavailable in this slot


@dataclass(frozen=True)
class Row:
    slot: Slot
    cells: tuple[Cell, ...]  # one per room; empty for breaks and plenary blocks

    @property
    def is_break(self) -> bool:
        return self.slot.kind is not SlotKind.SESSION


def day_rows(
    day: str,
    slots: list[Slot],
    rooms: list[Room],
    placed: dict[int, tuple[int, tuple[int, ...]]],
) -> list[Row]:
    """Rows of one day. ``placed`` maps session id -> (room id, slot ids it runs in)."""
    at: dict[tuple[int, int], list[tuple[int, bool]]] = {}
    for session_id, (room_id, slot_ids) in placed.items():
        for index, slot_id in enumerate(slot_ids):
            at.setdefault((room_id, slot_id), []).append((session_id, index == 0))
    rows = []
    for slot in [s for s in slots if s.day == day]:
        if slot.kind is not SlotKind.SESSION:
            rows.append(Row(slot, ()))
            continue
        cells = []
        for room in rooms:
            cells.append(Cell(tuple(at.get((room.id, slot.id), ())), slot.id in room.unavailable))
        rows.append(Row(slot, tuple(cells)))
    return rows
