"""Rows from a table editor (lists of dicts, maybe with NaN) into drafts."""

from __future__ import annotations

import math

from planner.errors import ValidationError
from planner.models import RoomDraft, SlotDraft, SlotKind


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or (
        isinstance(value, str) and not value.strip()
    )


def _as_list(value) -> tuple[str, ...]:
    if _blank(value) if not isinstance(value, (list, tuple)) else False:
        return ()
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    return tuple(str(v) for v in value or ())


def room_drafts(rows: list[dict]) -> list[RoomDraft]:
    """Rows with name, capacity, features, online_url, id and position, in position order.

    Entirely empty rows (an added row left blank) are dropped.
    """
    drafts = []
    for index, row in enumerate(rows):
        if all(_blank(row.get(k)) for k in ("name", "capacity")) and not _as_list(row.get("features")):
            continue
        capacity = row.get("capacity")
        if _blank(capacity):
            raise ValidationError("error.room_capacity_invalid", room=str(row.get("name") or "?"))
        try:
            capacity_value = float(capacity)
        except (TypeError, ValueError):
            raise ValidationError("error.room_capacity_invalid", room=str(row.get("name") or "?")) from None
        if not capacity_value.is_integer():
            raise ValidationError("error.room_capacity_invalid", room=str(row.get("name") or "?"))
        position = row.get("position")
        drafts.append(
            (
                float(position) if not _blank(position) else float(index + 1),
                index,
                RoomDraft(
                    name="" if _blank(row.get("name")) else str(row["name"]),
                    capacity=int(capacity_value),
                    features=_as_list(row.get("features")),
                    online_url="" if _blank(row.get("online_url")) else str(row["online_url"]),
                    id=None if _blank(row.get("id")) else int(row["id"]),
                ),
            )
        )
    return [d for _, _, d in sorted(drafts, key=lambda t: (t[0], t[1]))]


def slot_drafts(rows: list[dict]) -> list[SlotDraft]:
    """Rows with start, end, kind and label; blank rows dropped."""
    drafts = []
    for row in rows:
        if _blank(row.get("start")) and _blank(row.get("end")):
            continue
        if _blank(row.get("start")) or _blank(row.get("end")):
            raise ValidationError("error.slot_times_missing")
        kind = row.get("kind")
        drafts.append(
            SlotDraft(
                start=str(row["start"])[:5],
                end=str(row["end"])[:5],
                kind=SlotKind(kind) if not _blank(kind) else SlotKind.SESSION,
                label="" if _blank(row.get("label")) else str(row["label"]),
            )
        )
    return drafts
