"""store.sign_ins: sign-ins: one browser signed in to one account (only token digests are stored)."""

from __future__ import annotations

import secrets

from datetime import datetime, timezone

from planner.domain import auth, text as validation
from planner.models import SignIn, User
from planner.store.checks import active_user
from planner.store.db import Part, iso_stamp, utc_now
from planner.store.reads import user_from_row


class SignIns(Part):
    """Sign-ins: one browser signed in to one account (only token digests are stored)."""

    def start(self, user: User, agent: str = "") -> tuple[int, str]:
        """A new sign-in for ``user`` (checked by password, or just signed up).

        ``agent`` names the device in short (``auth.short_agent``).
        Returns its id and a one-time ticket, which :meth:`redeem_ticket`
        trades for the cookie's token within ``auth.TICKET_LIFETIME``.
        Ended and expired sign-ins of everyone are cleared on the way.
        """
        ticket = secrets.token_urlsafe(32)
        now = datetime.now(timezone.utc)
        with self._write(revision=False) as db:
            me = active_user(db, user)
            db.execute("DELETE FROM sign_ins WHERE expires_at <= ?", [iso_stamp(now)])
            db.execute(
                """INSERT INTO sign_ins(user_id, ticket_hash, ticket_expires_at, created_at, last_seen_at,
                                        expires_at, agent) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                [me.id, auth.digest(ticket), iso_stamp(now + auth.TICKET_LIFETIME), iso_stamp(now), iso_stamp(now),
                 iso_stamp(now + auth.LIFETIME), validation.clean_line(agent)[:60]],
            )
            return db.execute("SELECT last_insert_rowid()").fetchone()[0], ticket

    def new_ticket(self, sign_in_id: int) -> str | None:
        """A fresh ticket for a sign-in whose browser has not fetched its cookie yet; else None."""
        ticket = secrets.token_urlsafe(32)
        now = datetime.now(timezone.utc)
        with self._write(revision=False) as db:
            changed = db.execute(
                """UPDATE sign_ins SET ticket_hash = ?, ticket_expires_at = ?
                   WHERE id = ? AND token_hash IS NULL AND expires_at > ?""",
                [auth.digest(ticket), iso_stamp(now + auth.TICKET_LIFETIME), sign_in_id, iso_stamp(now)],
            ).rowcount
            return ticket if changed else None

    def redeem_ticket(self, ticket: str) -> str | None:
        """The cookie's token for a ticket, once; None for an unknown, used or expired one."""
        if not auth.is_token(ticket):
            return None
        token = secrets.token_urlsafe(32)
        now = iso_stamp(datetime.now(timezone.utc))
        with self._write(revision=False) as db:
            changed = db.execute(
                """UPDATE sign_ins SET token_hash = ?, ticket_hash = NULL, ticket_expires_at = NULL
                   WHERE ticket_hash = ? AND ticket_expires_at > ? AND expires_at > ?
                     AND user_id IN (SELECT id FROM users WHERE active = 1)""",
                [auth.digest(token), auth.digest(ticket), now, now],
            ).rowcount
            return token if changed else None

    def signed_in(self, *, sign_in_id: int | None = None, token: str | None = None) -> tuple[User, SignIn] | None:
        """The active user and the sign-in behind an id or a cookie token; None if it ended.

        Ended means signed out, expired, or the user deactivated. Writes
        ``last seen`` at most every ``auth.TOUCH_EVERY``.
        """
        if sign_in_id is None and not auth.is_token(token):
            return None
        now = datetime.now(timezone.utc)
        where = "s.id = ?" if sign_in_id is not None else "s.token_hash = ?"
        with self._read() as db:
            rows = list(db.query(
                f"""SELECT u.*, s.id AS s_id, s.created_at AS s_created, s.last_seen_at AS s_seen,
                           s.expires_at AS s_expires, s.agent AS s_agent, s.token_hash IS NULL AS s_pending
                    FROM sign_ins s JOIN users u ON u.id = s.user_id
                    WHERE {where} AND s.expires_at > ? AND u.active = 1""",
                [sign_in_id if sign_in_id is not None else auth.digest(token), iso_stamp(now)],
            ))
        if not rows:
            return None
        r = rows[0]
        sign_in = SignIn(r["s_id"], r["id"], r["s_created"], r["s_seen"], r["s_expires"], r["s_agent"],
                         bool(r["s_pending"]))
        if datetime.fromisoformat(sign_in.last_seen_at) <= now - auth.TOUCH_EVERY:
            with self._write(revision=False) as db:
                db.execute("UPDATE sign_ins SET last_seen_at = ? WHERE id = ?", [iso_stamp(now), sign_in.id])
        return user_from_row(r), sign_in

    def of(self, user: User) -> list[SignIn]:
        """The user's current sign-ins (devices), the most recently seen first."""
        with self._read() as db:
            return [
                SignIn(r["id"], r["user_id"], r["created_at"], r["last_seen_at"], r["expires_at"], r["agent"],
                       r["token_hash"] is None)
                for r in db.query(
                    "SELECT * FROM sign_ins WHERE user_id = ? AND expires_at > ? ORDER BY last_seen_at DESC, id DESC",
                    [user.id, utc_now()],
                )
            ]

    def sign_out(self, *, sign_in_id: int | None = None, token: str | None = None) -> None:
        """End one sign-in, named by its id or its cookie's token: the cookie is dead everywhere."""
        if sign_in_id is None and not auth.is_token(token):
            return
        with self._write(revision=False) as db:
            if sign_in_id is not None:
                db.execute("DELETE FROM sign_ins WHERE id = ?", [sign_in_id])
            else:
                db.execute("DELETE FROM sign_ins WHERE token_hash = ?", [auth.digest(token)])

    def end(self, user: User, sign_in_id: int) -> None:
        """A user signs one of their own devices out (someone else's id changes nothing)."""
        with self._write(revision=False) as db:
            db.execute("DELETE FROM sign_ins WHERE id = ? AND user_id = ?", [sign_in_id, user.id])

    def sign_out_everywhere(self, user: User) -> int:
        """End every sign-in of ``user``; how many there were."""
        with self._write(revision=False) as db:
            return db.execute("DELETE FROM sign_ins WHERE user_id = ?", [user.id]).rowcount
