"""store.agenda: a person's own view: stars, the last release seen, the calendar feed."""

from __future__ import annotations

from planner.models import User
from planner.store.checks import active_user
from planner.store.db import Part, utc_now
from planner.store.reads import user_from_row
from planner.store.writes import FEED_TOKEN_RE, new_feed_token


class Agenda(Part):
    """A person's own view: stars, the last release seen, the calendar feed."""

    def set_star(self, user: User, session_id: int, starred: bool) -> None:
        with self._write() as db:
            active_user(db, user)
            if starred:
                db.execute("INSERT OR IGNORE INTO stars(user_id, session_id) VALUES (?, ?)", [user.id, session_id])
            else:
                db.execute("DELETE FROM stars WHERE user_id = ? AND session_id = ?", [user.id, session_id])

    def stars_of(self, user: User) -> set[int]:
        with self._read() as db:
            return {r[0] for r in db.execute("SELECT session_id FROM stars WHERE user_id = ?", [user.id])}

    def last_seen_release(self, user: User) -> int | None:
        with self._read() as db:
            row = db.execute("SELECT release_id FROM seen_release WHERE user_id = ?", [user.id]).fetchone()
            return row[0] if row else None

    def mark_seen(self, user: User, release_id: int) -> None:
        with self._write() as db:
            db.execute(
                "INSERT OR REPLACE INTO seen_release(user_id, release_id) VALUES (?, ?)", [user.id, release_id]
            )

    def feed_token(self, user: User) -> str:
        """The user's secret calendar feed token, created on first ask."""
        with self._read() as db:
            active_user(db, user)
            row = db.execute("SELECT token FROM feed_tokens WHERE user_id = ?", [user.id]).fetchone()
        if row is not None:
            return row[0]
        with self._write() as db:
            active_user(db, user)
            # Someone else's first ask in between wins; theirs is returned.
            db.execute(
                """INSERT INTO feed_tokens(user_id, token, created_at) VALUES (?, ?, ?)
                   ON CONFLICT(user_id) DO NOTHING""",
                [user.id, new_feed_token(), utc_now()],
            )
            return db.execute("SELECT token FROM feed_tokens WHERE user_id = ?", [user.id]).fetchone()[0]

    def rotate_feed_token(self, user: User) -> str:
        """A new feed token for the user; the old one stops working at once."""
        with self._write() as db:
            active_user(db, user)
            token = new_feed_token()
            db.execute(
                """INSERT INTO feed_tokens(user_id, token, created_at) VALUES (?, ?, ?)
                   ON CONFLICT(user_id) DO UPDATE SET token = excluded.token, created_at = excluded.created_at""",
                [user.id, token, utc_now()],
            )
            return token

    def feed_owner(self, token: str) -> User | None:
        """The active user whose feed token this is; None for an unknown, rotated or malformed one."""
        if not isinstance(token, str) or not FEED_TOKEN_RE.fullmatch(token):
            return None
        with self._read() as db:
            rows = list(db.query(
                """SELECT u.* FROM feed_tokens f JOIN users u ON u.id = f.user_id
                   WHERE f.token = ? AND u.active = 1""",
                [token],
            ))
            return user_from_row(rows[0]) if rows else None

    def feed_session_ids(self, user: User) -> set[int]:
        """The live sessions in the user's feed: the ones they host, voted for or starred."""
        with self._read() as db:
            return {
                r[0]
                for r in db.execute(
                    """SELECT s.id FROM sessions s WHERE s.status = 'proposed' AND (
                         s.id IN (SELECT session_id FROM session_hosts WHERE user_id = :u)
                         OR s.id IN (SELECT session_id FROM votes WHERE user_id = :u)
                         OR s.id IN (SELECT session_id FROM stars WHERE user_id = :u))""",
                    {"u": user.id},
                )
            }
