"""store.accounts: accounts as their owners use them: sign up, password, profile, language."""

from __future__ import annotations

from planner.domain import passwords, text as validation
from planner.domain.event import check_language
from planner.errors import Conflict, NotFound, PermissionDenied, ValidationError, check_all
from planner.models import Registration, Role, SignupMode, User
from planner.store.checks import active_user, require_organiser
from planner.store.db import Part, utc_now
from planner.store.reads import load_event, load_user, read_invite_code
from planner.store.writes import insert_user, is_full


class Accounts(Part):
    """Accounts as their owners use them: sign up, password, profile, language."""

    def sign_up(
        self,
        *,
        username: str,
        name: str,
        email: str,
        password: str,
        invite_code: str = "",
        language: str | None = None,
        password_repeat: str | None = None,
    ) -> User:
        """Register a participant, honouring the event's sign-up mode. Every wrong
        field is named at once (``password_repeat``: as typed the second time)."""
        clean_username, _, display, clean_email, _, _, lang = check_all(
            lambda: validation.check_username(username), lambda: self._username_free(username),
            lambda: validation.check_name(name),
            lambda: validation.check_email(email), lambda: validation.check_password(password),
            lambda: validation.check_repeat(password, password_repeat),
            lambda: check_language(language) if language else None,
        )
        hashed = passwords.hash_password(password, self._store.bcrypt_rounds)
        with self._write() as db:
            event = load_event(db)
            if event is None:
                raise NotFound("error.no_event")
            if event.signup_mode is SignupMode.CLOSED:
                raise PermissionDenied("error.signup_closed")
            if event.signup_mode is SignupMode.INVITE:
                if validation.clean_line(invite_code) != read_invite_code(db):
                    raise PermissionDenied("error.invite_code_wrong")
            user_id = insert_user(db, clean_username, display, clean_email, hashed, Role.PARTICIPANT, lang)
            if is_full(db, event, extra=0, exclude=user_id):
                db["users"].update(
                    user_id, {"registration": Registration.WAITING.value, "waiting_since": utc_now()}
                )
            return load_user(db, user_id)

    def _username_free(self, username: str) -> None:
        """Refused when taken, with the other fields' refusals (insert_user checks again when writing)."""
        try:
            clean = validation.check_username(username)
        except ValidationError:
            return  # the format's own refusal says it
        with self._read() as db:
            if db.execute("SELECT 1 FROM users WHERE username = ?", [clean]).fetchone():
                raise Conflict("error.username_taken", username=clean)

    def create(
        self,
        actor: User | None,
        *,
        username: str,
        name: str,
        email: str,
        password: str | None = None,
        password_hash: str | None = None,
        role: Role = Role.PARTICIPANT,
    ) -> User:
        """Add an account directly (organisers; ``actor=None`` only for the CLI and demo)."""
        clean_username, display, clean_email, password = check_all(
            lambda: validation.check_username(username), lambda: validation.check_name(name),
            lambda: validation.check_email(email),
            lambda: validation.check_password(password) if password_hash is None else None,
        )
        if password_hash is None:
            password_hash = passwords.hash_password(password, self._store.bcrypt_rounds)
        with self._write() as db:
            if actor is not None:
                require_organiser(db, actor)
            return load_user(
                db, insert_user(db, clean_username, display, clean_email, password_hash, Role(role), None)
            )

    def authenticate(self, username: str, password: str) -> User | None:
        """The active user with this name and password, else None."""
        with self._read() as db:
            row = db.execute(
                "SELECT id, password_hash FROM users WHERE username = ? AND active = 1",
                [validation.clean_line(username).lower()],
            ).fetchone()
            if row is None or not passwords.matches(password, row[1]):
                return None
            return load_user(db, row[0])

    def change_password(
        self, username: str, old_password: str, new_password: str, keep_sign_in: int | None = None
    ) -> None:
        """Replace a user's password after checking the old one.

        Ends every sign-in of the user in the same transaction, except
        ``keep_sign_in`` (the browser that changed it stays signed in).
        """
        validation.check_password(new_password)
        user = self.authenticate(username, old_password)
        if user is None:
            raise ValidationError("error.password_wrong")
        if new_password == old_password:
            raise ValidationError("error.password_same")
        hashed = passwords.hash_password(new_password, self._store.bcrypt_rounds)
        with self._write() as db:
            db.execute("UPDATE users SET password_hash = ? WHERE id = ?", [hashed, user.id])
            db.execute("DELETE FROM sign_ins WHERE user_id = ? AND id IS NOT ?", [user.id, keep_sign_in])

    def update_profile(self, actor: User, name: str, email: str) -> User:
        """A person changes their own display name and e-mail (checked as at sign-up)."""
        display = validation.check_name(name)
        clean_email = validation.check_email(email)
        with self._write() as db:
            me = active_user(db, actor)
            db["users"].update(me.id, {"name": display, "email": clean_email})
            return load_user(db, me.id)

    def set_language(self, user: User, language: str) -> None:
        lang = check_language(language)
        with self._write() as db:
            db["users"].update(user.id, {"language": lang})

    def credentials(self) -> dict:
        """Active users in the shape streamlit-authenticator reads."""
        with self._read() as db:
            users = {
                row["username"]: {
                    "name": row["name"],
                    "email": row["email"],
                    "password": row["password_hash"],
                    "roles": [row["role"]],
                }
                for row in db.query(
                    "SELECT username, name, email, password_hash, role FROM users WHERE active = 1"
                )
            }
        return {"usernames": users}
