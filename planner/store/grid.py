"""store.grid: the working grid: placing sessions by hand or from the scheduler."""

from __future__ import annotations

from planner.errors import Conflict, NotFound
from planner.models import Placement, User
from planner.store.checks import check_placeable, require_organiser
from planner.store.db import Part
from planner.store.reads import load_placements


class Grid(Part):
    """The working grid: placing sessions by hand or from the scheduler."""

    def working(self) -> list[Placement]:
        """The draft grid: placed live sessions, by session id."""
        with self._read() as db:
            return load_placements(db)

    def place(self, actor: User, session_id: int, room_id: int, slot_id: int,
              pinned: bool | None = None) -> Placement:
        """Put a session into a room from a slot on (replacing its old place).

        Only the existence of things is checked here; whether the grid is
        valid (free room, host elsewhere, features) is the rules' job, shown
        as warnings.
        """
        with self._write() as db:
            require_organiser(db, actor)
            check_placeable(db, session_id, room_id, slot_id)
            old = db.execute("SELECT pinned FROM placements WHERE session_id = ?", [session_id]).fetchone()
            keep_pin = bool(old[0]) if old else False
            db.execute(
                "INSERT OR REPLACE INTO placements(session_id, room_id, slot_id, pinned) VALUES (?, ?, ?, ?)",
                [session_id, room_id, slot_id, int(keep_pin if pinned is None else pinned)],
            )
            return Placement(session_id, room_id, slot_id, keep_pin if pinned is None else pinned)

    def unplace(self, actor: User, session_id: int) -> None:
        with self._write() as db:
            require_organiser(db, actor)
            db.execute("DELETE FROM placements WHERE session_id = ?", [session_id])

    def swap(self, actor: User, first_id: int, second_id: int) -> None:
        """Exchange the places of two placed sessions; pins stay with the session."""
        with self._write() as db:
            require_organiser(db, actor)
            places = {p.session_id: p for p in load_placements(db)}
            if first_id not in places or second_id not in places:
                raise NotFound("error.not_placed")
            a, b = places[first_id], places[second_id]
            db.execute("UPDATE placements SET room_id = ?, slot_id = ? WHERE session_id = ?", [b.room_id, b.slot_id, a.session_id])
            db.execute("UPDATE placements SET room_id = ?, slot_id = ? WHERE session_id = ?", [a.room_id, a.slot_id, b.session_id])

    def set_pinned(self, actor: User, session_id: int, pinned: bool) -> None:
        with self._write() as db:
            require_organiser(db, actor)
            if db.execute("UPDATE placements SET pinned = ? WHERE session_id = ?", [int(pinned), session_id]).rowcount == 0:
                raise NotFound("error.not_placed")

    def replace(self, actor: User, placements: list[Placement],
                since: list[Placement] | None = None) -> list[Placement]:
        """Keep a generated grid: the working grid becomes ``placements``.

        Pinned sessions must stay exactly where they are pinned. ``since``:
        the working grid the run started from; when it is not the working
        grid any more (a session placed, moved or pinned by hand, or a pitch
        placed, in the meantime), nothing is written: keeping would lose
        that change.
        """
        with self._write() as db:
            require_organiser(db, actor)
            now = load_placements(db)
            if since is not None and set(since) != set(now):
                raise Conflict("error.draft_changed")
            pinned = {p.session_id: p for p in now if p.pinned}
            new = {p.session_id: p for p in placements}
            for session_id, pin in pinned.items():
                got = new.get(session_id)
                if got is None or (got.room_id, got.slot_id) != (pin.room_id, pin.slot_id):
                    raise Conflict("error.pin_moved")
            for p in placements:
                check_placeable(db, p.session_id, p.room_id, p.slot_id)
            db.execute("DELETE FROM placements")
            db["placements"].insert_all(
                [{"session_id": p.session_id, "room_id": p.room_id, "slot_id": p.slot_id,
                  "pinned": int(p.session_id in pinned)} for p in placements]
            )
            return load_placements(db)
