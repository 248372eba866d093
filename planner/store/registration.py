"""store.registration: places and the waiting list."""

from __future__ import annotations

from planner.models import Registration, User
from planner.store.checks import active_user, require_organiser
from planner.store.db import Part, utc_now
from planner.store.reads import count_confirmed, load_event, load_user, user_from_row
from planner.store.writes import is_full, promote_waiting


class Places(Part):
    """Places and the waiting list."""

    def waiting_list(self) -> list[User]:
        """Participants waiting for a place, first come first."""
        with self._read() as db:
            return [
                user_from_row(r)
                for r in db.query(
                    "SELECT * FROM users WHERE registration = 'waiting' AND active = 1 ORDER BY waiting_since, id"
                )
            ]

    def confirmed_count(self) -> int:
        with self._read() as db:
            return count_confirmed(db)

    def cancel(self, actor: User) -> User:
        """A participant gives their place back; the first waiting person moves up."""
        with self._write() as db:
            me = active_user(db, actor)
            db["users"].update(me.id, {"registration": Registration.CANCELLED.value, "promoted_unseen": 0})
            promote_waiting(db)
            return load_user(db, me.id)

    def rejoin(self, actor: User) -> User:
        """A cancelled participant registers again (a place, or the waiting list)."""
        with self._write() as db:
            me = active_user(db, actor)
            if me.registration is not Registration.CANCELLED:
                return me
            event = load_event(db)
            full = is_full(db, event, extra=0, exclude=me.id)
            db["users"].update(
                me.id,
                {"registration": (Registration.WAITING if full else Registration.CONFIRMED).value,
                 "waiting_since": utc_now() if full else None},
            )
            return load_user(db, me.id)

    def move(self, actor: User, user_id: int, registration: Registration) -> User:
        """Organisers move a person between confirmed, waiting and cancelled."""
        with self._write() as db:
            require_organiser(db, actor)
            target = load_user(db, user_id)
            reg = Registration(registration)
            values: dict[str, object] = {"registration": reg.value}
            if reg is Registration.WAITING and target.registration is not Registration.WAITING:
                values["waiting_since"] = utc_now()
            if reg is Registration.CONFIRMED and target.registration is Registration.WAITING:
                values["promoted_unseen"] = 1
            db["users"].update(user_id, values)
            if reg is not Registration.CONFIRMED:
                promote_waiting(db)
            return load_user(db, user_id)

    def acknowledge_promotion(self, user: User) -> None:
        with self._write() as db:
            db["users"].update(user.id, {"promoted_unseen": 0})
