"""What a valid grid is, once: used by the solver, the tests and the planning page.

A placement is a session in a room from a start slot. It is *possible* when
the session's slots follow each other on one day (gaps of at most 30 min),
the room has every needed feature and is available in all of them, and no
host is unavailable in any of them. A grid is *valid* when every placement is
possible and no room or host is used twice at once, and pins stay.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from planner.scheduler.messages import FEATURE, PERSON, ROOM, SESSION, SLOT, Say, ref, say
from planner.scheduler.problem import MAX_GAP_MINUTES, Problem, Session


class Rule(StrEnum):
    UNKNOWN_SESSION = "unknown_session"
    UNKNOWN_ROOM = "unknown_room"
    UNKNOWN_SLOT = "unknown_slot"
    TWICE = "twice"
    WRONG_LENGTH = "wrong_length"
    NOT_CONSECUTIVE = "not_consecutive"
    OVERNIGHT = "overnight"
    SPLIT = "split"
    MISSING_FEATURE = "missing_feature"
    ROOM_UNAVAILABLE = "room_unavailable"
    HOST_UNAVAILABLE = "host_unavailable"
    ROOM_CLASH = "room_clash"
    HOST_CLASH = "host_clash"
    PIN_MOVED = "pin_moved"
    TOO_SMALL = "too_small"  # a warning only: more votes than seats


# Rules whose break makes a grid wrong; TOO_SMALL is advice.
HARD_RULES = frozenset(Rule) - {Rule.TOO_SMALL}


@dataclass(frozen=True)
class Violation:
    """One broken rule and what it involves (ids)."""

    rule: Rule
    sessions: tuple[str, ...] = ()
    rooms: tuple[str, ...] = ()
    slots: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    features: tuple[str, ...] = ()  # what the room lacks (missing_feature)

    @property
    def is_hard(self) -> bool:
        return self.rule in HARD_RULES

    @property
    def said(self) -> Say:
        """The violation as a message, each thing it names in quotes."""
        return say(f"rule.{self.rule}", sessions=ref(SESSION, *self.sessions, quoted=True),
                   rooms=ref(ROOM, *self.rooms, quoted=True), slots=ref(SLOT, *self.slots, quoted=True),
                   hosts=ref(PERSON, *self.hosts, quoted=True), features=ref(FEATURE, *self.features, quoted=True))


def slot_span(problem: Problem, length: int, start: int) -> tuple[int, ...]:
    """The slot indexes a session of ``length`` occupies from slot index ``start``.

    Empty when that is impossible: past the last slot, over night, or across
    a break longer than 30 minutes.
    """
    slots = problem.slots
    span = tuple(range(start, start + length))
    if start < 0 or not span or span[-1] >= len(slots):
        return ()
    for a, b in zip(span, span[1:]):
        if slots[a].day != slots[b].day or slots[b].start - slots[a].end > MAX_GAP_MINUTES:
            return ()
    return span


class Feasibility:
    """Per session: the (room, start slot) places that are possible."""

    def __init__(self, problem: Problem):
        self.problem = problem
        n_slots = len(problem.slots)
        spans = {length: [slot_span(problem, length, start) for start in range(n_slots)]
                 for length in {s.length for s in problem.sessions}}
        slot_index = problem.slot_index
        room_blocked = [{slot_index[x] for x in problem.room_unavailable.get(r.id, ())} for r in problem.rooms]
        self.places: list[list[tuple[int, int]]] = []
        for s in problem.sessions:
            host_blocked = {slot_index[x] for h in s.hosts for x in problem.unavailable.get(h, ())}
            rooms_ok = [ri for ri, r in enumerate(problem.rooms) if s.needs <= r.features]
            places = []
            for start, span in enumerate(spans[s.length]):
                if span and not host_blocked.intersection(span):
                    places += [(ri, start) for ri in rooms_ok if not room_blocked[ri].intersection(span)]
            self.places.append(places)

    def span(self, session_index: int, start: int) -> tuple[int, ...]:
        """The slot indexes a session occupies from ``start`` (empty if impossible)."""
        return slot_span(self.problem, self.problem.sessions[session_index].length, start)


def placement_problem(problem: Problem, session: Session, room: int, start: int) -> Say | None:
    """Why ``session`` cannot be in room index ``room`` from slot index ``start`` (a reason), or None."""
    slots = problem.slots
    span = slot_span(problem, session.length, start)
    if not span:
        return say("reason.no_such_start")
    r = problem.rooms[room]
    missing = sorted(session.needs - r.features)
    if missing:
        return say("reason.feature", features=ref(FEATURE, *missing))
    for i in span:
        if slots[i].id in problem.room_unavailable.get(r.id, ()):
            return say("reason.room_unavailable", slot=ref(SLOT, slots[i].id))
        for h in session.hosts:
            if slots[i].id in problem.unavailable.get(h, ()):
                return say("reason.host_unavailable", host=ref(PERSON, h), slot=ref(SLOT, slots[i].id))
    return None


@dataclass
class Occupancy:
    """Which sessions use each room and each host in each slot: what a room or
    host clash is, once (the grid check, the pin check and the explanations)."""

    rooms: dict[tuple[str, int], list[str]] = field(default_factory=dict)  # (room id, slot index) -> sessions
    hosts: dict[tuple[str, int], list[str]] = field(default_factory=dict)  # (host, slot index) -> sessions

    def add(self, session: Session, room: str, span: Iterable[int]) -> None:
        for x in span:
            self.rooms.setdefault((room, x), []).append(session.id)
            for h in session.hosts:
                self.hosts.setdefault((h, x), []).append(session.id)

    def clashes(self, session: Session, room: str, span: Iterable[int]) -> Iterator[tuple[str, str | None]]:
        """Who is in the way of ``session`` in ``room`` over ``span``, slot by slot:
        (the other session, the host they share or None for the room)."""
        for x in span:
            for other in self.rooms.get((room, x), ()):
                yield other, None
            for h in session.hosts:
                for other in self.hosts.get((h, x), ()):
                    yield other, h


def check_grid(problem: Problem, grid: dict, *, advice: bool = False) -> list[Violation]:
    """Every rule ``grid`` breaks, each naming what is involved.

    With ``advice``, rooms smaller than a session's votes are reported too.
    """
    violations: list[Violation] = []
    sessions = problem.session_index
    rooms = problem.room_index
    slot_of = problem.slot_index
    slots = problem.slots
    seen: set[str] = set()
    use = Occupancy()
    placed: dict[str, tuple[str, tuple[int, ...]]] = {}
    for a in grid.get("assignments", []):
        sid, rid, slot_ids = a.get("session"), a.get("room"), list(a.get("slots") or [])
        if sid not in sessions:
            violations.append(Violation(Rule.UNKNOWN_SESSION, (str(sid),)))
            continue
        if sid in seen:
            violations.append(Violation(Rule.TWICE, (sid,)))
            continue
        seen.add(sid)
        s = problem.sessions[sessions[sid]]
        if rid not in rooms:
            violations.append(Violation(Rule.UNKNOWN_ROOM, (sid,), (str(rid),)))
            continue
        unknown = [x for x in slot_ids if x not in slot_of]
        if unknown or not slot_ids:
            violations.append(Violation(Rule.UNKNOWN_SLOT, (sid,), (), tuple(map(str, unknown))))
            continue
        idx = [slot_of[x] for x in slot_ids]
        if len(idx) != s.length:
            violations.append(Violation(Rule.WRONG_LENGTH, (sid,), (), tuple(slot_ids)))
        elif any(b != a + 1 for a, b in zip(idx, idx[1:])):
            violations.append(Violation(Rule.NOT_CONSECUTIVE, (sid,), (), tuple(slot_ids)))
        elif any(slots[x].day != slots[idx[0]].day for x in idx):
            violations.append(Violation(Rule.OVERNIGHT, (sid,), (), tuple(slot_ids)))
        elif any(slots[b].start - slots[a].end > MAX_GAP_MINUTES for a, b in zip(idx, idx[1:])):
            violations.append(Violation(Rule.SPLIT, (sid,), (), tuple(slot_ids)))
        room = problem.rooms[rooms[rid]]
        if not s.needs <= room.features:
            violations.append(Violation(Rule.MISSING_FEATURE, (sid,), (rid,), features=tuple(sorted(s.needs - room.features))))
        blocked_room = [slots[x].id for x in idx if slots[x].id in problem.room_unavailable.get(rid, ())]
        if blocked_room:
            violations.append(Violation(Rule.ROOM_UNAVAILABLE, (sid,), (rid,), tuple(blocked_room)))
        blocked = [(slots[x].id, h) for x in idx for h in s.hosts if slots[x].id in problem.unavailable.get(h, ())]
        if blocked:
            violations.append(Violation(Rule.HOST_UNAVAILABLE, (sid,), (), tuple(dict.fromkeys(x for x, _ in blocked)),
                                        tuple(dict.fromkeys(h for _, h in blocked))))
        if s.pinned is not None and (rid, slot_ids[0]) != s.pinned:
            violations.append(Violation(Rule.PIN_MOVED, (sid,), (s.pinned[0],), (s.pinned[1],)))
        use.add(s, rid, idx)
        placed[sid] = (rid, tuple(idx))
    for s in problem.sessions:
        if s.pinned is not None and s.id not in seen:
            violations.append(Violation(Rule.PIN_MOVED, (s.id,), (s.pinned[0],), (s.pinned[1],)))
    clashes: dict[tuple[Rule, tuple[str, ...], tuple[str, ...]], dict[str, list[str]]] = {}
    for (rid, x), ids in use.rooms.items():
        if len(ids) > 1:
            clash = clashes.setdefault((Rule.ROOM_CLASH, tuple(sorted(ids)), (rid,)), {"slots": [], "hosts": []})
            clash["slots"].append(slots[x].id)
    for (host, x), ids in use.hosts.items():
        if len(set(ids)) > 1:
            clash = clashes.setdefault((Rule.HOST_CLASH, tuple(sorted(set(ids))), ()), {"slots": [], "hosts": []})
            clash["slots"].append(slots[x].id)
            clash["hosts"].append(host)
    for (rule, ids, room_ids), where in clashes.items():
        violations.append(Violation(rule, ids, room_ids, tuple(dict.fromkeys(where["slots"])),
                                    tuple(dict.fromkeys(where["hosts"]))))
    if advice:
        counts = vote_counts(problem)
        for sid, (rid, _) in placed.items():
            if counts.get(sid, 0) > problem.rooms[rooms[rid]].capacity:
                violations.append(Violation(Rule.TOO_SMALL, (sid,), (rid,)))
    return violations


def vote_counts(problem: Problem) -> dict[str, int]:
    """Votes per session id."""
    return problem.vote_counts
