"""Days and slots: the usual pattern generated, hand-edited lists checked."""

from __future__ import annotations

from datetime import datetime

from planner.errors import ValidationError
from planner.models import Slot, SlotDraft, SlotKind
from planner.domain.text import check_slot_label


def to_minutes(hhmm: str) -> int:
    """'10:45' -> 645; raises ValidationError on anything else."""
    try:
        parsed = datetime.strptime(str(hhmm).strip(), "%H:%M")
    except ValueError:
        raise ValidationError("error.time_invalid", value=str(hhmm).strip()[:20]) from None
    return parsed.hour * 60 + parsed.minute


def to_hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def generate_day(
    start: str = "10:00",
    end: str = "17:30",
    session_minutes: int = 45,
    changeover_minutes: int = 15,
    lunch_start: str | None = "12:30",
    lunch_minutes: int = 60,
    opening_minutes: int = 0,
    closing_minutes: int = 0,
    labels: dict[str, str] | None = None,
) -> list[SlotDraft]:
    """The usual barcamp day as slots.

    An optional opening/pitch block first, then sessions of
    ``session_minutes`` with ``changeover_minutes`` between them; the lunch
    break starts at the session boundary nearest to ``lunch_start`` (the
    earlier one on a tie); an optional closing block at the end.
    """
    # Built-in labels are stored as keys ("@lunch") and shown in each reader's language.
    names = {"opening": "@opening", "lunch": "@lunch", "closing": "@closing", **(labels or {})}
    if session_minutes < 5 or changeover_minutes < 0 or lunch_minutes < 0:
        raise ValidationError("error.generator_invalid")
    t, day_end = to_minutes(start), to_minutes(end)
    if day_end <= t:
        raise ValidationError("error.slot_empty", start=start, end=end)
    lunch_at = to_minutes(lunch_start) if lunch_start and lunch_minutes else None
    slots: list[SlotDraft] = []
    if opening_minutes:
        slots.append(SlotDraft(to_hhmm(t), to_hhmm(t + opening_minutes), SlotKind.PLENARY, names["opening"]))
        t += opening_minutes
    session_end_limit = day_end - closing_minutes
    while t + session_minutes <= session_end_limit:
        if lunch_at is not None and t + session_minutes > lunch_at:
            if abs(t + session_minutes - lunch_at) < abs(t - lunch_at):
                slots.append(SlotDraft(to_hhmm(t), to_hhmm(t + session_minutes)))
                t += session_minutes
            slots.append(SlotDraft(to_hhmm(t), to_hhmm(t + lunch_minutes), SlotKind.BREAK, names["lunch"]))
            t += lunch_minutes
            lunch_at = None
            continue
        slots.append(SlotDraft(to_hhmm(t), to_hhmm(t + session_minutes)))
        t += session_minutes + changeover_minutes
    if closing_minutes:
        close_start = max(t - changeover_minutes, to_minutes(slots[-1].end) if slots else t)
        slots.append(SlotDraft(to_hhmm(close_start), to_hhmm(close_start + closing_minutes), SlotKind.PLENARY, names["closing"]))
    return slots


def check_day(drafts: list[SlotDraft]) -> list[SlotDraft]:
    """Times normalised and sorted; refuses zero-length or overlapping slots, naming them."""
    normal = []
    for d in drafts:
        start, end = to_minutes(d.start), to_minutes(d.end)
        if end <= start:
            raise ValidationError("error.slot_empty", start=d.start, end=d.end)
        label = check_slot_label(d.label, to_hhmm(start), to_hhmm(end))
        normal.append(SlotDraft(to_hhmm(start), to_hhmm(end), SlotKind(d.kind), label))
    normal.sort(key=lambda d: d.start)
    for a, b in zip(normal, normal[1:]):
        if to_minutes(b.start) < to_minutes(a.end):
            raise ValidationError(
                "error.slots_overlap", first=f"{a.start}–{a.end}", second=f"{b.start}–{b.end}"
            )
    return normal


def occupied_slots(slots: list[Slot], first_slot_id: int, length: int) -> list[Slot]:
    """The session slots a session of ``length`` starting in ``first_slot_id`` runs in.

    The following session slots of the same day, in time order; fewer than
    ``length`` when the day ends first (the rules report that).
    """
    ordered = [s for s in slots if s.kind is SlotKind.SESSION]
    start = next((i for i, s in enumerate(ordered) if s.id == first_slot_id), None)
    if start is None:
        return []
    day = ordered[start].day
    return [s for s in ordered[start : start + length] if s.day == day]
