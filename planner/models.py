"""The vocabulary of the planner as frozen dataclasses and StrEnums."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    PARTICIPANT = "participant"
    ORGANISER = "organiser"


class SignupMode(StrEnum):
    OPEN = "open"
    INVITE = "invite"
    CLOSED = "closed"


class SessionFormat(StrEnum):
    TALK = "talk"
    DISCUSSION = "discussion"
    WORKSHOP = "workshop"
    DEMO = "demo"
    OTHER = "other"


class SessionStatus(StrEnum):
    PROPOSED = "proposed"
    WITHDRAWN = "withdrawn"
    REJECTED = "rejected"
    MERGED = "merged"


class Registration(StrEnum):
    CONFIRMED = "confirmed"
    WAITING = "waiting"
    CANCELLED = "cancelled"


class VoteDisplay(StrEnum):
    ALWAYS = "always"
    AFTER_VOTING = "after_voting"


class SlotKind(StrEnum):
    SESSION = "session"
    BREAK = "break"
    PLENARY = "plenary"


class SortOrder(StrEnum):
    RANDOM = "random"
    VOTES = "votes"
    NEWEST = "newest"
    TITLE = "title"


# Room features a session can need; organisers may add their own labels.
DEFAULT_FEATURES = ("projector", "accessible", "whiteboard", "kids-friendly", "online")
LANGUAGES = ("de", "en")  # of the interface, of accounts and of the event (planner.i18n has the same)
SESSION_LANGUAGES = LANGUAGES


@dataclass(frozen=True)
class Event:
    name: str
    description: str
    starts_on: str  # ISO date
    ends_on: str  # ISO date
    timezone: str
    default_language: str
    signup_mode: SignupMode
    proposals_open: bool
    voting_open: bool
    has_invite_code: bool = False
    move_cost: int = 3
    base_url: str = ""
    display_enabled: bool = True
    display_token: str = ""
    venue: str = ""
    show_votes: VoteDisplay = VoteDisplay.ALWAYS
    shuffle: bool = False
    capacity: int | None = None
    schedule_published: bool = False

    @property
    def votes_visible(self) -> bool:
        """Whether vote counts are shown to participants now."""
        return self.show_votes is VoteDisplay.ALWAYS or not self.voting_open


@dataclass(frozen=True)
class User:
    id: int
    username: str
    name: str
    email: str
    role: Role
    active: bool = True
    language: str | None = None
    registration: Registration = Registration.CONFIRMED
    promoted_unseen: bool = False

    @property
    def is_organiser(self) -> bool:
        return self.role is Role.ORGANISER


@dataclass(frozen=True)
class SignIn:
    """One browser signed in to one account (a "device" on the account page)."""

    id: int
    user_id: int
    created_at: str
    last_seen_at: str
    expires_at: str
    agent: str = ""
    pending: bool = False  # the browser has not fetched its cookie yet


@dataclass(frozen=True)
class Host:
    id: int
    username: str
    name: str


@dataclass(frozen=True)
class Topic:
    id: int
    name: str
    colour: str
    description: str = ""


@dataclass(frozen=True)
class SessionDraft:
    """What a host fills in to propose or edit a session."""

    title: str
    description: str = ""
    format: SessionFormat = SessionFormat.TALK
    length: int = 1
    language: str = "de"
    doc_url: str = ""
    needs: tuple[str, ...] = ()
    topic_ids: tuple[int, ...] = ()
    cohosts: tuple[str, ...] = ()  # usernames, the proposing user excluded


@dataclass(frozen=True)
class Session:
    id: int
    title: str
    description: str
    format: SessionFormat
    length: int
    language: str
    doc_url: str
    needs: tuple[str, ...]
    status: SessionStatus
    hosts: tuple[Host, ...]
    topic_ids: tuple[int, ...]
    votes: int
    created_at: str
    updated_at: str
    version: int = 1
    reject_reason: str = ""
    merged_into: int | None = None
    host_name: str = ""  # pitch mode: a host without an account
    hand_votes: int = 0  # pitch mode: a show of hands

    @property
    def demand(self) -> int:
        """How many people want it: online votes or hands, whichever is more."""
        return max(self.votes, self.hand_votes)

    def is_hosted_by(self, user_id: int) -> bool:
        return any(h.id == user_id for h in self.hosts)

    def to_draft(self) -> SessionDraft:
        return SessionDraft(
            title=self.title,
            description=self.description,
            format=self.format,
            length=self.length,
            language=self.language,
            doc_url=self.doc_url,
            needs=self.needs,
            topic_ids=self.topic_ids,
            cohosts=tuple(h.username for h in self.hosts[1:]),
        )


@dataclass(frozen=True)
class TopicInterest:
    topic: Topic
    interested: int
    sessions: int
    votes: int


@dataclass(frozen=True)
class SessionQuery:
    """Filters and order of the session list."""

    text: str = ""
    topic_ids: tuple[int, ...] = ()
    formats: tuple[SessionFormat, ...] = ()
    languages: tuple[str, ...] = ()
    only_mine: bool = False
    only_voted: bool = False
    sort: SortOrder = SortOrder.VOTES


@dataclass(frozen=True)
class Room:
    id: int
    name: str
    capacity: int
    features: tuple[str, ...] = ()
    online_url: str = ""
    unavailable: tuple[int, ...] = ()  # slot ids


@dataclass(frozen=True)
class RoomDraft:
    """One row of the rooms table editor; ``id`` None for a new room."""

    name: str
    capacity: int
    features: tuple[str, ...] = ()
    online_url: str = ""
    id: int | None = None


@dataclass(frozen=True)
class Slot:
    id: int
    day: str  # ISO date
    start: str  # HH:MM
    end: str  # HH:MM
    kind: SlotKind = SlotKind.SESSION
    label: str = ""

    @property
    def minutes(self) -> int:
        h1, m1 = map(int, self.start.split(":"))
        h2, m2 = map(int, self.end.split(":"))
        return (h2 * 60 + m2) - (h1 * 60 + m1)


@dataclass(frozen=True)
class SlotDraft:
    """A time window to create: start and end as HH:MM on one day."""

    start: str
    end: str
    kind: SlotKind = SlotKind.SESSION
    label: str = ""


@dataclass(frozen=True)
class Placement:
    """A session in the working grid: its room and first slot."""

    session_id: int
    room_id: int
    slot_id: int
    pinned: bool = False


@dataclass(frozen=True)
class ReleaseItem:
    """One session of a published grid, frozen as it was published."""

    session_id: int
    title: str
    hosts: tuple[str, ...]
    room_id: int
    room: str
    slot_ids: tuple[int, ...]
    day: str
    start: str
    end: str


@dataclass(frozen=True)
class Release:
    id: int
    name: str
    created_at: str
    items: tuple[ReleaseItem, ...]

    def item(self, session_id: int) -> ReleaseItem | None:
        return next((i for i in self.items if i.session_id == session_id), None)
