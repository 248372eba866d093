"""store.votes: who wants to attend what."""

from __future__ import annotations

from planner.models import User
from planner.store.checks import check_can_vote
from planner.store.db import Part, utc_now
from planner.store.reads import VOTE_COUNTS


class Votes(Part):
    """Who wants to attend what."""

    def cast(self, actor: User, session_id: int) -> bool:
        """Vote for a session; True if the vote is new, False if it was there."""
        with self._write() as db:
            check_can_vote(db, actor, session_id)
            cursor = db.execute(
                "INSERT OR IGNORE INTO votes(user_id, session_id, created_at) VALUES (?, ?, ?)",
                [actor.id, session_id, utc_now()],
            )
            return cursor.rowcount == 1

    def withdraw(self, actor: User, session_id: int) -> bool:
        """Take a vote back; True if there was one."""
        with self._write() as db:
            check_can_vote(db, actor, session_id)
            cursor = db.execute(
                "DELETE FROM votes WHERE user_id = ? AND session_id = ?", [actor.id, session_id]
            )
            return cursor.rowcount == 1

    def set(self, actor: User, session_id: int, wanted: bool) -> bool:
        """Make the vote be there (or not); True if anything changed."""
        if wanted:
            return self.cast(actor, session_id)
        return self.withdraw(actor, session_id)

    def of(self, user: User) -> set[int]:
        with self._read() as db:
            return {
                r[0] for r in db.execute("SELECT session_id FROM votes WHERE user_id = ?", [user.id])
            }

    def for_planning(self) -> dict[int, set[int]]:
        """Voter id -> voted live sessions, for people who count (active, with a place)."""
        result: dict[int, set[int]] = {}
        with self._read() as db:
            for user_id, session_id in db.execute(
                f"""SELECT v.user_id, v.session_id FROM votes v
                   JOIN sessions s ON s.id = v.session_id
                   JOIN users u ON u.id = v.user_id
                   WHERE s.status = 'proposed' AND {VOTE_COUNTS}"""
            ):
                result.setdefault(user_id, set()).add(session_id)
        return result

    def voters(self) -> int:
        """How many people count for planning (active, with a place): the
        participants whose share of online voters sizes the expected audiences."""
        with self._read() as db:
            return db.execute(f"SELECT COUNT(*) FROM users u WHERE {VOTE_COUNTS}").fetchone()[0]
