"""Why a grid is as it is: lost votes and their clashes, small rooms, left-out
sessions, and every session moved since the last release with what it gained.

Each finding is data with a ``message(lang, names)``; ``names`` maps ids
(sessions, rooms, slots, people) to what a person reads, ids show otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.i18n import t
from planner.scheduler.metrics import attended
from planner.scheduler.problem import Problem
from planner.scheduler.rules import Feasibility, slot_span


def _name(names: dict[str, str] | None, key: str) -> str:
    return (names or {}).get(key, key)


@dataclass(frozen=True)
class LostVote:
    voter: str
    session: str  # scheduled, voted for, not attended
    instead: str  # the voted or hosted session at the same time that the voter attends
    hosting: bool = False  # ``instead`` is a session the voter hosts

    def message(self, lang: str = "en", names: dict[str, str] | None = None) -> str:
        key = "explain.lost_hosting" if self.hosting else "explain.lost"
        return t(key, lang, voter=_name(names, self.voter), session=_name(names, self.session),
                 instead=_name(names, self.instead))


@dataclass(frozen=True)
class Clash:
    first: str
    second: str
    voters: int  # people who voted for both
    slots: tuple[str, ...]  # where they overlap

    def message(self, lang: str = "en", titles: dict[str, str] | None = None,
                times: dict[str, str] | None = None) -> str:
        return t("explain.clash", lang, n=self.voters, first=_name(titles, self.first),
                 second=_name(titles, self.second), time=_name(times, self.slots[0]))


@dataclass(frozen=True)
class SmallRoom:
    session: str
    room: str
    votes: int
    capacity: int

    def message(self, lang: str = "en", names: dict[str, str] | None = None) -> str:
        return t("explain.small_room", lang, title=_name(names, self.session), votes=self.votes,
                 room=_name(names, self.room), capacity=self.capacity)


@dataclass(frozen=True)
class LeftOut:
    session: str
    votes: int
    reason: str  # a message key: explain.no_place | explain.full | explain.worse | explain.unplaced
    detail: str = ""  # a message key saying more (explain.why.*)
    params: tuple[tuple[str, str], ...] = ()  # for ``detail``

    def message(self, lang: str = "en", names: dict[str, str] | None = None) -> str:
        params = {k: _name(names, v) for k, v in self.params}
        why = t(self.detail, lang, **params) if self.detail else t(self.reason, lang)
        return t("explain.left_out", lang, title=_name(names, self.session), votes=self.votes, why=why)


@dataclass(frozen=True)
class Move:
    """A session of the last release that is elsewhere now (or left out).

    ``gained`` is what the move wins: the honoured votes of the grid minus
    those of the same grid with just this session back at its published
    place (whatever is there now taken out). None when the move was forced:
    the published place is no longer possible (``detail`` says why, with
    ``params``) or a pin holds it now.
    """

    session: str
    before: tuple[str, str]  # (room, first slot) as published
    after: tuple[str, str] | None  # (room, first slot) now; None when left out
    gained: int | None
    cost: float  # move_cost
    detail: str = ""  # a message key (reason.* / explain.move.pinned) for a forced move
    params: tuple[tuple[str, str], ...] = ()

    @property
    def forced(self) -> bool:
        return self.gained is None

    def message(self, lang: str = "en", names: dict[str, str] | None = None) -> str:
        def where(place):
            return f"{_name(names, place[0])}, {_name(names, place[1])}"

        title, before = _name(names, self.session), where(self.before)
        after = where(self.after) if self.after else ""
        if self.forced:
            why = t(self.detail, lang, **{k: _name(names, v) for k, v in self.params})
            key = "explain.move.forced_out" if self.after is None else "explain.move.forced"
            return t(key, lang, title=title, before=before, after=after, why=why)
        key = "explain.move.out" if self.after is None else "explain.move.gain"
        cost = f"{self.cost:g}"
        return t(key, lang, title=title, before=before, after=after, gained=self.gained, cost=cost)


@dataclass(frozen=True)
class Explanation:
    lost: tuple[LostVote, ...]
    clashes: tuple[Clash, ...]  # most costly first
    small_rooms: tuple[SmallRoom, ...]  # fullest first
    left_out: tuple[LeftOut, ...]  # most voted first
    moves: tuple[Move, ...] = ()  # every move since the last release, in the order of ``previous``

    def messages(self, lang: str = "en", names: dict[str, str] | None = None) -> list[str]:
        """Everything in words: moves, clashes, small rooms, left-out sessions (not each lost vote)."""
        return ([m.message(lang, names) for m in self.moves]
                + [c.message(lang, names, names) for c in self.clashes]
                + [x.message(lang, names) for x in self.small_rooms]
                + [x.message(lang, names) for x in self.left_out])


def explain(problem: Problem, grid: dict, top: int = 10) -> Explanation:
    """The story behind ``grid`` (assumed valid; see rules.check_grid)."""
    slot_index = problem.slot_index
    slots = problem.slots
    spans: dict[str, tuple[int, int]] = {}
    room_of: dict[str, str] = {}
    for a in grid.get("assignments", []):
        idx = [slot_index[s] for s in a["slots"]]
        spans[a["session"]] = (min(idx), max(idx))
        room_of[a["session"]] = a["room"]
    hosted_by = problem.hosted_by

    def overlap(a: str, b: str) -> bool:
        return spans[a][0] <= spans[b][1] and spans[b][0] <= spans[a][1]

    lost = []
    for voter, voted in problem.votes.items():
        hosted = hosted_by.get(voter, ())
        going = attended(spans, list(voted), list(hosted))
        busy = sorted(going | {h for h in hosted if h in spans})
        for v in voted:
            if v in spans and v not in going:
                instead = next((g for g in busy if g != v and overlap(g, v)), "")
                lost.append(LostVote(voter, v, instead, instead in hosted))

    co: dict[tuple[str, str], int] = {}
    for voted in problem.votes.values():
        placed = sorted(v for v in voted if v in spans)
        for i, a in enumerate(placed):
            for b in placed[i + 1:]:
                if overlap(a, b):
                    co[(a, b)] = co.get((a, b), 0) + 1
    clashes = sorted(
        (Clash(a, b, n, tuple(slots[x].id for x in range(max(spans[a][0], spans[b][0]),
                                                          min(spans[a][1], spans[b][1]) + 1)))
         for (a, b), n in co.items()),
        key=lambda c: (-c.voters, c.first, c.second),
    )[:top]

    counts = problem.vote_counts
    capacity = {r.id: r.capacity for r in problem.rooms}
    small = sorted(
        (SmallRoom(s, r, counts.get(s, 0), capacity[r]) for s, r in room_of.items() if counts.get(s, 0) > capacity[r]),
        key=lambda x: (x.capacity - x.votes, x.session),
    )
    left_out = sorted((_left_out(problem, Feasibility(problem), spans, room_of)),
                      key=lambda x: (-x.votes, x.session))
    moves = tuple(_moves(problem, spans, room_of))
    return Explanation(tuple(lost), tuple(clashes), tuple(small), tuple(left_out), moves)


def _moves(problem: Problem, spans: dict[str, tuple[int, int]], room_of: dict[str, str]) -> list[Move]:
    """Every session of ``previous`` that is not where it was published, with what that gained."""
    slot_index, slots = problem.slot_index, problem.slots
    hosted_by = problem.hosted_by
    voters_of: dict[str, list[str]] = {}
    for voter, voted in problem.votes.items():
        for sid in voted:
            voters_of.setdefault(sid, []).append(voter)
    out = []
    for sid, (room, first) in problem.previous.items():
        start = slot_index[first]
        after = (room_of[sid], slots[spans[sid][0]].id) if sid in spans else None
        if after == (room, first):
            continue
        s = problem.session(sid)
        if s.pinned is not None:
            out.append(Move(sid, (room, first), after, None, problem.move_cost, "explain.move.pinned"))
            continue
        reason = _placement_reason(problem, s, problem.room_index[room], start)
        if reason is not None:
            out.append(Move(sid, (room, first), after, None, problem.move_cost, *reason))
            continue
        span = slot_span(problem, s.length, start)
        a, b = span[0], span[-1]
        conflicts = {o for o, (c, d) in spans.items() if o != sid and c <= b and a <= d
                     and (room_of[o] == room or set(problem.session(o).hosts) & set(s.hosts))}
        pin = next((o for o in sorted(conflicts) if problem.session(o).pinned is not None), None)
        if pin is not None:
            out.append(Move(sid, (room, first), after, None, problem.move_cost, "explain.move.pin_there",
                            (("pin", pin),)))
            continue
        undone = {o: x for o, x in spans.items() if o not in conflicts and o != sid} | {sid: (a, b)}
        touched = conflicts | {sid}
        people = {v for o in touched for v in voters_of.get(o, ())}
        people |= {h for o in touched for h in problem.session(o).hosts if h in problem.votes}
        gained = 0
        for voter in people:
            voted, hosted = list(problem.votes[voter]), list(hosted_by.get(voter, ()))
            gained += (len(attended(spans, voted, hosted) & set(voted))
                       - len(attended(undone, voted, hosted) & set(voted)))
        out.append(Move(sid, (room, first), after, gained, problem.move_cost))
    return out


def _placement_reason(problem: Problem, s, room: int, start: int) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    """Why ``s`` can no longer be in room index ``room`` from slot index ``start``
    (a message key and its parameters), or None."""
    span = slot_span(problem, s.length, start)
    if not span:
        return "reason.no_such_start", ()
    r = problem.rooms[room]
    missing = sorted(s.needs - r.features)
    if missing:
        return "reason.feature", (("features", ", ".join(missing)),)
    for i in span:
        slot = problem.slots[i].id
        if slot in problem.room_unavailable.get(r.id, ()):
            return "reason.room_unavailable", (("slot", slot),)
        for h in s.hosts:
            if slot in problem.unavailable.get(h, ()):
                return "reason.host_unavailable", (("host", h), ("slot", slot))
    return None


def _left_out(problem: Problem, feasibility: Feasibility, spans: dict[str, tuple[int, int]],
              room_of: dict[str, str]) -> list[LeftOut]:
    """Why each session that is not in the grid is out."""
    counts = problem.vote_counts
    used_rooms = {(room_of[s], x) for s, (a, b) in spans.items() for x in range(a, b + 1)}
    busy_hosts = {(h, x) for s, (a, b) in spans.items() for h in problem.session(s).hosts for x in range(a, b + 1)}
    out = []
    for i, s in enumerate(problem.sessions):
        if s.id in spans:
            continue
        votes = counts.get(s.id, 0)
        places = feasibility.places[i]
        if not places:
            out.append(LeftOut(s.id, votes, "explain.no_place", *_no_place_detail(problem, i)))
            continue
        free = [(r, start) for r, start in places
                if not any((problem.rooms[r].id, x) in used_rooms or any((h, x) in busy_hosts for h in s.hosts)
                           for x in feasibility.span(i, start))]
        if free:
            place = _harmless_place(problem, feasibility, i, free, spans)
            if place is None:  # every free place costs its hosts votes they would rather keep
                out.append(LeftOut(s.id, votes, "explain.worse", "explain.why.worse"))
            else:  # not placed yet (a draft before any run, or a hand edit)
                r, start = place
                out.append(LeftOut(s.id, votes, "explain.unplaced", "explain.why.free",
                                   (("room", problem.rooms[r].id), ("slot", problem.slots[start].id))))
        elif all(any((h, x) in busy_hosts for h in s.hosts for x in feasibility.span(i, start)) for _, start in places):
            out.append(LeftOut(s.id, votes, "explain.full", "explain.why.hosts_busy"))
        else:
            out.append(LeftOut(s.id, votes, "explain.full", "explain.why.full"))
    return out


def _harmless_place(problem: Problem, feasibility: Feasibility, i: int, free: list[tuple[int, int]],
                    spans: dict[str, tuple[int, int]]) -> tuple[int, int] | None:
    """The first free place where putting session ``i`` costs no value, or None.

    Adding a session never stops a voter from attending what they attend
    now, unless they host it: only its hosts' votes can be lost.
    """
    s = problem.sessions[i]
    hosts = [h for h in s.hosts if h in problem.votes]
    if not hosts:
        return free[0]
    hosted_by = problem.hosted_by
    for r, start in free:
        span = feasibility.span(i, start)
        with_it = dict(spans) | {s.id: (span[0], span[-1])}
        delta = 0
        for h in hosts:
            voted, hosted = list(problem.votes[h]), list(hosted_by.get(h, ()))
            delta += len(attended(with_it, voted, hosted) & set(voted)) - len(attended(spans, voted, hosted) & set(voted))
        if problem.previous.get(s.id) == (problem.rooms[r].id, problem.slots[start].id) and problem.has_previous:
            delta += problem.move_cost
        if delta >= 0:
            return r, start
    return None


def _no_place_detail(problem: Problem, i: int) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Which rule leaves a session no place at all."""
    s = problem.sessions[i]
    if not any(s.needs <= r.features for r in problem.rooms):
        return "explain.why.no_room", (("features", ", ".join(sorted(s.needs)) or "–"),)
    starts = [x for x in range(len(problem.slots)) if slot_span(problem, s.length, x)]
    if not starts:
        return "explain.why.too_long", (("length", str(s.length)),)
    blocked = {x for h in s.hosts for x in problem.unavailable.get(h, ())}
    if all(any(problem.slots[x].id in blocked for x in slot_span(problem, s.length, start)) for start in starts):
        return "explain.why.host_away", (("hosts", ", ".join(s.hosts)),)
    return "explain.why.rooms_away", ()
