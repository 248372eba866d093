"""store.sessions: proposals: propose, import, pitch, edit, moderate."""

from __future__ import annotations

from planner.domain import text as validation
from planner.domain.sessions import resolve_host
from planner.errors import Conflict, NotFound, PermissionDenied, ValidationError
from planner.models import Role, Session, SessionDraft, SessionFormat, SessionStatus, User
from planner.store.checks import (
    active_user,
    check_title_free,
    draft_columns,
    require_organiser,
    require_registered,
)
from planner.store.db import Part, utc_now
from planner.store.reads import load_event, load_known, load_session, load_sessions, load_topics
from planner.store.writes import write_hosts_topics


class Sessions(Part):
    """Proposals: propose, import, pitch, edit, moderate."""

    def propose(self, actor: User, draft: SessionDraft) -> Session:
        """Add a session hosted by ``actor`` and the draft's co-hosts."""
        with self._write() as db:
            event = load_event(db)
            if event is None:
                raise NotFound("error.no_event")
            me = active_user(db, actor)
            require_registered(me)
            if not event.proposals_open and me.role is not Role.ORGANISER:
                raise PermissionDenied("error.proposals_closed")
            values, cohost_ids, topic_ids = draft_columns(db, draft, me.id)
            now = utc_now()
            db["sessions"].insert(
                {**values, "status": SessionStatus.PROPOSED.value, "created_by": me.id,
                 "created_at": now, "updated_at": now, "version": 1}
            )
            session_id = db.execute("SELECT last_insert_rowid()").fetchone()[0]
            write_hosts_topics(db, session_id, [me.id, *cohost_ids], topic_ids)
            return load_sessions(db, [session_id])[0]

    def propose_many(self, actor: User, proposals: list[tuple[SessionDraft, str]]) -> list[Session]:
        """Organisers add several sessions at once (an import): all, or none.

        Each entry is a draft and its host: ``@username`` of an active
        account becomes the host; any other text is kept as the host's name
        without an account, as for on-site pitches. The first refused entry
        raises its error with ``params["entry"]`` (1-based) and nothing is
        written; titles must differ from live sessions and from each other.
        """
        with self._write() as db:
            me = require_organiser(db, actor)
            created: list[int] = []
            known = load_known(db)  # accounts, topics and features do not change within this write
            for number, (draft, host) in enumerate(proposals, start=1):
                try:
                    host_id, name = resolve_host(host, known.usernames)
                    host_ids = [host_id] if host_id else []
                    values, cohost_ids, topic_ids = draft_columns(db, draft, host_ids[0] if host_ids else me.id, known)
                    now = utc_now()
                    db["sessions"].insert(
                        {**values, "status": SessionStatus.PROPOSED.value, "created_by": me.id,
                         "created_at": now, "updated_at": now, "version": 1, "host_name": name}
                    )
                    session_id = db.execute("SELECT last_insert_rowid()").fetchone()[0]
                    write_hosts_topics(db, session_id, [*host_ids, *cohost_ids], topic_ids)
                    created.append(session_id)
                except (ValidationError, NotFound, Conflict) as err:
                    err.params.setdefault("entry", number)
                    raise
            return load_sessions(db, created)

    def pitch(
        self, actor: User, title: str, host_name: str, hands: int, length: int = 1,
        needs: tuple[str, ...] = (), topic_ids: tuple[int, ...] = (),
    ) -> Session:
        """On-site pitch: an organiser enters a session fast.

        The host need not have an account (``host_name``); a registered
        host given by @username becomes a real host. ``hands`` is the show of
        hands. Without topics it gets the event's first one (a session has a
        topic; the planning page's form shows that one preselected).
        """
        with self._write() as db:
            me = require_organiser(db, actor)
            known = load_known(db)
            host_id, name = resolve_host(host_name, known.usernames)
            if not isinstance(hands, int) or not 0 <= hands <= 100_000:
                raise ValidationError("error.hands_invalid")
            host_ids = [host_id] if host_id else []
            topics = tuple(topic_ids) or tuple(t.id for t in load_topics(db)[:1])
            draft = SessionDraft(title=title, length=length, needs=tuple(needs), topic_ids=topics,
                                 format=SessionFormat.DISCUSSION)
            values, _, topic_list = draft_columns(db, draft, me.id, known)
            now = utc_now()
            db["sessions"].insert(
                {**values, "status": SessionStatus.PROPOSED.value, "created_by": me.id, "created_at": now,
                 "updated_at": now, "version": 1, "host_name": name, "hand_votes": hands}
            )
            session_id = db.execute("SELECT last_insert_rowid()").fetchone()[0]
            write_hosts_topics(db, session_id, host_ids, topic_list)
            return load_sessions(db, [session_id])[0]

    def update(
        self, actor: User, session_id: int, draft: SessionDraft, expected_version: int
    ) -> Session:
        """Edit a session (its hosts or an organiser).

        ``expected_version`` is the version the editor saw: if someone saved
        in between, :class:`Conflict` is raised and nothing is written.
        """
        with self._write() as db:
            me = active_user(db, actor)
            current = load_session(db, session_id)
            if not (current.is_hosted_by(me.id) or me.role is Role.ORGANISER):
                raise PermissionDenied("error.not_your_session")
            if current.status is not SessionStatus.PROPOSED:
                raise Conflict("error.session_withdrawn")
            if current.version != expected_version:
                raise Conflict("error.session_changed", title=current.title)
            # A session pitched on site has its host by name only: an organiser's edit
            # keeps it so (the organiser became a host of every pitch they edited).
            first_host = current.hosts[0].id if current.hosts else None
            values, cohost_ids, topic_ids = draft_columns(db, draft, first_host, session_id=session_id)
            db["sessions"].update(
                session_id, {**values, "updated_at": utc_now(), "version": current.version + 1}
            )
            write_hosts_topics(db, session_id, [*([first_host] if first_host else []), *cohost_ids], topic_ids)
            return load_sessions(db, [session_id])[0]

    def withdraw(self, actor: User, session_id: int) -> Session:
        """Take a session back; its votes stay stored but no longer count."""
        with self._write() as db:
            me = active_user(db, actor)
            current = load_session(db, session_id)
            if not (current.is_hosted_by(me.id) or me.role is Role.ORGANISER):
                raise PermissionDenied("error.not_your_session")
            db["sessions"].update(
                session_id,
                {"status": SessionStatus.WITHDRAWN.value, "updated_at": utc_now(),
                 "version": current.version + 1},
            )
            return load_sessions(db, [session_id])[0]

    def reject(self, actor: User, session_id: int, reason: str) -> Session:
        """Organisers turn a proposal down with a reason its hosts see."""
        clean = validation.check_description(reason)
        if not clean:
            raise ValidationError("error.reason_required")
        with self._write() as db:
            require_organiser(db, actor)
            current = load_session(db, session_id)
            db["sessions"].update(
                session_id,
                {"status": SessionStatus.REJECTED.value, "reject_reason": clean,
                 "updated_at": utc_now(), "version": current.version + 1},
            )
            return load_sessions(db, [session_id])[0]

    def restore(self, actor: User, session_id: int) -> Session:
        """Bring back a rejected or withdrawn session (organisers; hosts their withdrawn ones)."""
        with self._write() as db:
            me = active_user(db, actor)
            current = load_session(db, session_id)
            may = me.role is Role.ORGANISER or (
                current.status is SessionStatus.WITHDRAWN and current.is_hosted_by(me.id)
            )
            if not may:
                raise PermissionDenied("error.organisers_only")
            if current.status is SessionStatus.MERGED:
                raise Conflict("error.session_merged")
            check_title_free(db, validation.title_key(current.title), session_id)
            db["sessions"].update(
                session_id,
                {"status": SessionStatus.PROPOSED.value, "reject_reason": "",
                 "updated_at": utc_now(), "version": current.version + 1},
            )
            return load_sessions(db, [session_id])[0]

    def merge(self, actor: User, source_id: int, target_id: int) -> Session:
        """Fold session ``source_id`` into ``target_id``.

        Hosts (with or without an account), topics and votes move over; a
        voter who voted for both keeps one vote. Show-of-hands counts add up
        (a show of hands has no names to count a person once). The source
        stays stored as merged, pointing at the target.
        """
        if source_id == target_id:
            raise ValidationError("error.merge_same")
        with self._write() as db:
            require_organiser(db, actor)
            source = load_session(db, source_id)
            target = load_session(db, target_id)
            if target.status is not SessionStatus.PROPOSED or source.status is SessionStatus.MERGED:
                raise Conflict("error.merge_not_live")
            hosts = [h.id for h in target.hosts] + [h.id for h in source.hosts if not target.is_hosted_by(h.id)]
            topics = sorted(set(target.topic_ids) | set(source.topic_ids))
            write_hosts_topics(db, target_id, hosts, topics)
            db.execute(
                """INSERT OR IGNORE INTO votes(user_id, session_id, created_at)
                   SELECT user_id, ?, created_at FROM votes WHERE session_id = ?""",
                [target_id, source_id],
            )
            db.execute("DELETE FROM votes WHERE session_id = ?", [source_id])
            db["sessions"].update(
                source_id,
                {"status": SessionStatus.MERGED.value, "merged_into": target_id,
                 "updated_at": utc_now(), "version": source.version + 1},
            )
            names = [n for whole in (target.host_name, source.host_name) for n in whole.split(", ") if n]
            host_name = ", ".join(dict.fromkeys(names))[: validation.NAME_MAX]
            db["sessions"].update(target_id, {"updated_at": utc_now(), "version": target.version + 1,
                                              "hand_votes": target.hand_votes + source.hand_votes,
                                              "host_name": host_name})
            return load_sessions(db, [target_id])[0]

    def set_hands(self, actor: User, session_id: int, hands: int) -> Session:
        """Record a show of hands for a session."""
        if not isinstance(hands, int) or not 0 <= hands <= 100_000:
            raise ValidationError("error.hands_invalid")
        with self._write() as db:
            require_organiser(db, actor)
            load_session(db, session_id)
            db["sessions"].update(session_id, {"hand_votes": hands})
            return load_sessions(db, [session_id])[0]

    def get(self, session_id: int) -> Session | None:
        with self._read() as db:
            found = load_sessions(db, [session_id])
            return found[0] if found else None

    def list(self, include_withdrawn: bool = False) -> list[Session]:
        """All sessions, newest first."""
        with self._read() as db:
            where = "" if include_withdrawn else "WHERE status = 'proposed'"
            ids = [r[0] for r in db.execute(f"SELECT id FROM sessions {where} ORDER BY id DESC")]
            return load_sessions(db, ids)
