"""store.availability: when people cannot host."""

from __future__ import annotations

from planner.errors import PermissionDenied
from planner.models import Role, User
from planner.store.checks import active_user, check_slot_ids
from planner.store.db import Part
from planner.store.reads import load_user


class Availability(Part):
    """When people cannot host."""

    def set_unavailable(self, actor: User, user_id: int, slot_ids: list[int]) -> None:
        """The slots in which a host cannot host (themselves or by an organiser)."""
        with self._write() as db:
            me = active_user(db, actor)
            if me.id != user_id and me.role is not Role.ORGANISER:
                raise PermissionDenied("error.organisers_only")
            load_user(db, user_id)
            check_slot_ids(db, slot_ids)
            db.execute("DELETE FROM host_unavailable WHERE user_id = ?", [user_id])
            db["host_unavailable"].insert_all([{"user_id": user_id, "slot_id": s} for s in sorted(set(slot_ids))])

    def of(self, user_id: int) -> set[int]:
        with self._read() as db:
            return {r[0] for r in db.execute("SELECT slot_id FROM host_unavailable WHERE user_id = ?", [user_id])}

    def all(self) -> dict[int, set[int]]:
        """User id -> the slots they cannot host in, for everyone who marked any."""
        result: dict[int, set[int]] = {}
        with self._read() as db:
            for user_id, slot_id in db.execute("SELECT user_id, slot_id FROM host_unavailable"):
                result.setdefault(user_id, set()).add(slot_id)
        return result
