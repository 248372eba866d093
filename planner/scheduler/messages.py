"""What the scheduler says, as data: a message key and its parameters.

Ids stay ids here: a parameter that names sessions, rooms, slots, people or
room features is a :class:`Ref`, a nested reason is a :class:`Say`. The edge
turns them into text in the reader's language, with the names of
:class:`Names` (see planner.scheduler.wording).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.errors import ProblemError

SESSION, ROOM, SLOT, PERSON, FEATURE = "session", "room", "slot", "person", "feature"


@dataclass(frozen=True)
class Ref:
    """Things of one ``kind`` a message names, by id; shown as their names, joined by commas."""

    kind: str
    ids: tuple[str, ...]
    quoted: bool = False  # each name in quotes (for messages that name several)


@dataclass(frozen=True)
class Say:
    """A message key and its parameters (plain values, :class:`Ref` or a nested :class:`Say`)."""

    key: str
    params: tuple[tuple[str, object], ...] = ()


def say(key: str, **params: object) -> Say:
    return Say(key, tuple(params.items()))


def ref(kind: str, *ids: str, quoted: bool = False) -> Ref:
    return Ref(kind, tuple(ids), quoted)


def place(room: str, slot: str) -> Say:
    """Where a session is: a room from a slot."""
    return say("explain.place", room=ref(ROOM, room), slot=ref(SLOT, slot))


@dataclass(frozen=True)
class Names:
    """What a person reads for the ids of a problem; an id without a name shows as it is."""

    sessions: dict[str, str] = field(default_factory=dict)  # id -> title
    rooms: dict[str, str] = field(default_factory=dict)  # id -> name
    slots: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (ISO day, "HH:MM")
    people: dict[str, str] = field(default_factory=dict)  # id -> name


class PlanError(ProblemError):
    """A problem that cannot be planned, naming what is involved (params may hold Ref and Say)."""

    @property
    def said(self) -> Say:
        return Say(self.key, tuple(self.params.items()))

    def message(self, lang: str = "en", names: Names | None = None) -> str:
        from planner.scheduler.wording import render

        return render(self.said, lang, names)
