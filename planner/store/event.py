"""store.event: the event itself: its settings, the first set-up."""

from __future__ import annotations

from datetime import date

from planner.domain import passwords, text as validation
from planner.domain.event import check_dates, check_language, check_timezone
from planner.errors import Conflict, NotFound, ValidationError, check_all
from planner.models import Event, Role, SignupMode, User, VoteDisplay
from planner.store.checks import require_organiser
from planner.store.db import Part
from planner.store.reads import count_organisers, load_event, load_user, read_invite_code
from planner.store.writes import insert_user, promote_waiting


class EventSettings(Part):
    """The event itself: its settings, the first set-up."""

    def get(self) -> Event | None:
        with self._read() as db:
            return load_event(db)

    def is_set_up(self) -> bool:
        """True once the event and its first organiser exist."""
        with self._read() as db:
            return load_event(db) is not None and count_organisers(db) > 0

    def set_up(
        self,
        *,
        name: str,
        starts_on: date | str,
        ends_on: date | str,
        timezone_name: str,
        default_language: str,
        organiser_username: str,
        organiser_name: str,
        organiser_email: str,
        organiser_password: str,
        password_repeat: str | None = None,
    ) -> User:
        """Create the event and its first organiser; refused once set up. Every
        wrong field is named at once (``password_repeat``: as typed the second time)."""
        event_name, (start, end), tz, lang, username, display, email, password, _ = check_all(
            lambda: validation.check_name(name, "event_name"), lambda: check_dates(starts_on, ends_on),
            lambda: check_timezone(timezone_name), lambda: check_language(default_language),
            lambda: validation.check_username(organiser_username), lambda: validation.check_name(organiser_name),
            lambda: validation.check_email(organiser_email), lambda: validation.check_password(organiser_password),
            lambda: validation.check_repeat(organiser_password, password_repeat),
        )
        hashed = passwords.hash_password(password, self._store.bcrypt_rounds)
        with self._write() as db:
            if load_event(db) is not None and count_organisers(db) > 0:
                raise Conflict("error.already_set_up")
            db.execute("DELETE FROM event")
            db["event"].insert(
                {
                    "id": 1,
                    "name": event_name,
                    "starts_on": start,
                    "ends_on": end,
                    "timezone": tz,
                    "default_language": lang,
                }
            )
            user_id = insert_user(db, username, display, email, hashed, Role.ORGANISER, lang)
            return load_user(db, user_id)

    def update(
        self,
        actor: User,
        *,
        signup_mode: SignupMode | None = None,
        invite_code: str | None = None,
        proposals_open: bool | None = None,
        voting_open: bool | None = None,
        default_language: str | None = None,
        name: str | None = None,
        description: str | None = None,
        venue: str | None = None,
        starts_on: date | str | None = None,
        ends_on: date | str | None = None,
        timezone_name: str | None = None,
        show_votes: VoteDisplay | None = None,
        shuffle: bool | None = None,
        capacity: int | None | type(...) = ...,
        schedule_published: bool | None = None,
        move_cost: int | None = None,
        base_url: str | None = None,
        display_enabled: bool | None = None,
        display_token: str | None = None,
    ) -> Event:
        """Change the event's settings and phases (organisers only).

        Arguments left out stay as they are; ``capacity=None`` means no limit.
        """
        changes: dict[str, object] = {}
        if name is not None:
            changes["name"] = validation.check_name(name, "event_name")
        if description is not None:
            changes["description"] = validation.check_description(description)
        if venue is not None:
            changes["venue"] = validation.check_venue(venue)
        if timezone_name is not None:
            changes["timezone"] = check_timezone(timezone_name)
        if show_votes is not None:
            changes["show_votes"] = VoteDisplay(show_votes).value
        if shuffle is not None:
            changes["shuffle"] = int(shuffle)
        if schedule_published is not None:
            changes["schedule_published"] = int(schedule_published)
        if base_url is not None:
            changes["base_url"] = validation.check_url(base_url).rstrip("/")
        if display_enabled is not None:
            changes["display_enabled"] = int(display_enabled)
        if display_token is not None:
            token = validation.clean_line(display_token)
            if len(token) > 64 or not all(ch.isalnum() or ch in "-_" for ch in token):
                raise ValidationError("error.display_token_invalid")
            changes["display_token"] = token
        if move_cost is not None:
            if not isinstance(move_cost, int) or not 0 <= move_cost <= 1000:
                raise ValidationError("error.move_cost_invalid")
            changes["move_cost"] = move_cost
        if capacity is not ...:
            if capacity is not None and (not isinstance(capacity, int) or not 1 <= capacity <= 100_000):
                raise ValidationError("error.event_capacity_invalid")
            changes["capacity"] = capacity
        if signup_mode is not None:
            changes["signup_mode"] = SignupMode(signup_mode).value
        if invite_code is not None:
            code = validation.clean_line(invite_code)
            if len(code) > 64:
                raise ValidationError("error.invite_code_long", max=64)
            changes["invite_code"] = code
        if proposals_open is not None:
            changes["proposals_open"] = int(proposals_open)
        if voting_open is not None:
            changes["voting_open"] = int(voting_open)
        if default_language is not None:
            changes["default_language"] = check_language(default_language)
        with self._write() as db:
            require_organiser(db, actor)
            event = load_event(db)
            if event is None:
                raise NotFound("error.no_event")
            if starts_on is not None or ends_on is not None:
                changes["starts_on"], changes["ends_on"] = check_dates(
                    starts_on or event.starts_on, ends_on or event.ends_on
                )
            if changes.get("signup_mode") == SignupMode.INVITE.value:
                code = changes.get("invite_code", read_invite_code(db))
                if not code:
                    raise ValidationError("error.invite_code_missing")
            if changes:
                db["event"].update(1, changes)
            if "capacity" in changes:
                promote_waiting(db)
            return load_event(db)
