"""store.venue: rooms (with their features and closed slots) and the days' slots."""

from __future__ import annotations

import json

from planner.domain import text as validation
from planner.domain.event import check_date
from planner.domain.timeslots import check_day
from planner.errors import Conflict, NotFound, ValidationError
from planner.models import Room, RoomDraft, Slot, SlotDraft, SlotKind, User
from planner.store.checks import check_slot_ids, require_organiser
from planner.store.db import Part
from planner.store.reads import load_rooms, load_slots


class Venue(Part):
    """Rooms (with their features and closed slots) and the days' slots."""

    def features(self) -> list[str]:
        with self._read() as db:
            return [r[0] for r in db.execute("SELECT name FROM features ORDER BY rowid")]

    def rooms(self) -> list[Room]:
        with self._read() as db:
            return load_rooms(db)

    def add_room(self, actor: User, name: str, capacity: int, features: list[str] = ()) -> Room:
        """Append one room (the table editor uses :meth:`save_rooms`)."""
        current = [RoomDraft(r.name, r.capacity, r.features, r.online_url, r.id) for r in self.rooms()]
        rooms = self.save_rooms(actor, [*current, RoomDraft(name, capacity, tuple(features))])
        return rooms[-1]

    def save_rooms(self, actor: User, drafts: list[RoomDraft], delete_ids: list[int] = ()) -> list[Room]:
        """Save the whole rooms table at once, in the given order.

        Rows with an id update that room, rows without one add a room, ids in
        ``delete_ids`` are deleted (with their unavailability). Feature labels
        not known yet are added to the event's list. All or nothing.
        """
        cleaned = []
        for draft in drafts:
            name = validation.clean_line(draft.name)
            if not name:
                raise ValidationError("error.room_name_empty")
            if len(name) > validation.NAME_MAX:
                raise ValidationError("error.name_long", max=validation.NAME_MAX, length=len(name))
            capacity = draft.capacity
            if isinstance(capacity, float) and capacity.is_integer():
                capacity = int(capacity)
            if not isinstance(capacity, int) or isinstance(capacity, bool) or not 0 <= capacity <= 100_000:
                raise ValidationError("error.room_capacity_invalid", room=name)
            features = tuple(sorted({f for f in map(validation.check_feature, draft.features) if f}))
            cleaned.append((draft.id, name, capacity, features, validation.check_url(draft.online_url)))
        names = [c[1].casefold() for c in cleaned]
        dupes = sorted({c[1] for c in cleaned if names.count(c[1].casefold()) > 1})
        if dupes:
            raise Conflict("error.room_exists", name=dupes[0])
        with self._write() as db:
            require_organiser(db, actor)
            existing = {r.id for r in load_rooms(db)}
            unknown_ids = {c[0] for c in cleaned if c[0] is not None} - existing
            if unknown_ids:
                raise NotFound("error.room_missing")
            for room_id in delete_ids:
                db.execute("DELETE FROM rooms WHERE id = ?", [room_id])
            known = {r[0] for r in db.execute("SELECT name FROM features")}
            for feature in sorted({f for c in cleaned for f in c[3]} - known):
                db["features"].insert({"name": feature})
            # Park names first so a swap of two names does not trip UNIQUE.
            db.execute("UPDATE rooms SET name = '~' || id || name")
            for position, (room_id, name, capacity, features, url) in enumerate(cleaned, start=1):
                values = {"name": name, "capacity": capacity, "features": json.dumps(list(features)),
                          "online_url": url, "position": position}
                if room_id is None:
                    db["rooms"].insert(values)
                else:
                    db["rooms"].update(room_id, values)
            return load_rooms(db)

    def delete_room(self, actor: User, room_id: int) -> None:
        with self._write() as db:
            require_organiser(db, actor)
            if db.execute("DELETE FROM rooms WHERE id = ?", [room_id]).rowcount == 0:
                raise NotFound("error.room_missing")

    def set_room_unavailable(self, actor: User, blocked: dict[int, list[int]]) -> None:
        """Replace the slots in which each given room cannot be used, all at once."""
        with self._write() as db:
            require_organiser(db, actor)
            known = {r.id for r in load_rooms(db)}
            if set(blocked) - known:
                raise NotFound("error.room_missing")
            for room_id, slot_ids in blocked.items():
                check_slot_ids(db, slot_ids)
                db.execute("DELETE FROM room_unavailable WHERE room_id = ?", [room_id])
                db["room_unavailable"].insert_all(
                    [{"room_id": room_id, "slot_id": s} for s in sorted(set(slot_ids))]
                )

    def slots(self) -> list[Slot]:
        with self._read() as db:
            return load_slots(db)

    def add_slot(
        self, actor: User, day: str, start: str, end: str,
        kind: SlotKind = SlotKind.SESSION, label: str = "",
    ) -> Slot:
        """Add one time window; refused when it overlaps another one that day."""
        day_iso = check_date(day)
        current = [SlotDraft(s.start, s.end, s.kind, s.label) for s in self.slots() if s.day == day_iso]
        new = SlotDraft(start, end, SlotKind(kind), validation.clean_line(label))
        saved = self.save_day(actor, day_iso, [*current, new])
        checked = check_day([new])[0]
        return next(s for s in saved if (s.start, s.end) == (checked.start, checked.end))

    def save_day(self, actor: User, day: str, drafts: list[SlotDraft]) -> list[Slot]:
        """Replace the slots of one day; slots with unchanged times keep their id.

        Refuses zero-length or overlapping slots with a message naming them;
        a removed slot takes its unavailability marks with it.
        """
        day_iso = check_date(day)
        checked = check_day(drafts)
        with self._write() as db:
            require_organiser(db, actor)
            keep = {(s.start, s.end): s.id for s in load_slots(db) if s.day == day_iso}
            wanted = {(d.start, d.end) for d in checked}
            for times, slot_id in keep.items():
                if times not in wanted:
                    db.execute("DELETE FROM slots WHERE id = ?", [slot_id])
            for d in checked:
                values = {"day": day_iso, "start": d.start, "end": d.end, "kind": d.kind.value,
                          "label": d.label}  # checked by check_day
                if (d.start, d.end) in keep:
                    db["slots"].update(keep[(d.start, d.end)], values)
                else:
                    db["slots"].insert(values)
            return [s for s in load_slots(db) if s.day == day_iso]
