"""store.people: the people of the event as organisers see them: look up, roles, deactivation."""

from __future__ import annotations

from planner.domain import text as validation
from planner.errors import Conflict
from planner.models import Role, User
from planner.store.checks import require_organiser
from planner.store.db import Part
from planner.store.reads import count_organisers, load_user, user_from_row
from planner.store.writes import promote_waiting


class People(Part):
    """The people of the event as organisers see them: look up, roles, deactivation."""

    def get(self, username: str) -> User | None:
        with self._read() as db:
            row = db.execute(
                "SELECT id FROM users WHERE username = ?", [(username or "").lower()]
            ).fetchone()
            return load_user(db, row[0]) if row else None

    def list(self, active_only: bool = True) -> list[User]:
        with self._read() as db:
            sql = "SELECT * FROM users" + (" WHERE active = 1" if active_only else "")
            return [user_from_row(r) for r in db.query(sql + " ORDER BY name COLLATE NOCASE")]

    def search(self, text: str = "", include_inactive: bool = True) -> list[User]:
        """Users whose name, username or email contains ``text`` (case-insensitive)."""
        needle = validation.clean_line(text).casefold()
        return [
            u for u in self.list(active_only=not include_inactive)
            if not needle or needle in f"{u.name} {u.username} {u.email}".casefold()
        ]

    def set_role(self, actor: User, user_id: int, role: Role) -> User:
        with self._write() as db:
            require_organiser(db, actor)
            target = load_user(db, user_id)
            if target.role is Role.ORGANISER and Role(role) is not Role.ORGANISER and count_organisers(db) <= 1:
                raise Conflict("error.last_organiser")
            db["users"].update(user_id, {"role": Role(role).value})
            return load_user(db, user_id)

    def set_active(self, actor: User, user_id: int, active: bool) -> User:
        """Deactivate (signs them out, their votes stop counting) or reactivate."""
        with self._write() as db:
            me = require_organiser(db, actor)
            target = load_user(db, user_id)
            if not active and target.id == me.id:
                raise Conflict("error.deactivate_self")
            if not active and target.role is Role.ORGANISER and count_organisers(db) <= 1:
                raise Conflict("error.last_organiser")
            db["users"].update(user_id, {"active": int(active)})
            if not active:
                db.execute("DELETE FROM sign_ins WHERE user_id = ?", [user_id])
                promote_waiting(db)
            return load_user(db, user_id)
