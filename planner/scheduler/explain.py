"""Why a grid is as it is: lost votes and their clashes, small rooms, left-out sessions.

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
    reason: str  # a message key: explain.no_place | explain.full | explain.worse
    detail: str = ""  # a message key saying more (explain.why.*)
    params: tuple[tuple[str, str], ...] = ()  # for ``detail``

    def message(self, lang: str = "en", names: dict[str, str] | None = None) -> str:
        params = {k: _name(names, v) for k, v in self.params}
        why = t(self.detail, lang, **params) if self.detail else t(self.reason, lang)
        return t("explain.left_out", lang, title=_name(names, self.session), votes=self.votes, why=why)


@dataclass(frozen=True)
class Explanation:
    lost: tuple[LostVote, ...]
    clashes: tuple[Clash, ...]  # most costly first
    small_rooms: tuple[SmallRoom, ...]  # fullest first
    left_out: tuple[LeftOut, ...]  # most voted first

    def messages(self, lang: str = "en", names: dict[str, str] | None = None) -> list[str]:
        """Everything in words: clashes, small rooms, left-out sessions (not each lost vote)."""
        return ([c.message(lang, names, names) for c in self.clashes]
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
    return Explanation(tuple(lost), tuple(clashes), tuple(small), tuple(left_out))


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
            r, start = free[0]
            out.append(LeftOut(s.id, votes, "explain.worse", "explain.why.free",
                               (("room", problem.rooms[r].id), ("slot", problem.slots[start].id))))
        elif all(any((h, x) in busy_hosts for h in s.hosts for x in feasibility.span(i, start)) for _, start in places):
            out.append(LeftOut(s.id, votes, "explain.full", "explain.why.hosts_busy"))
        else:
            out.append(LeftOut(s.id, votes, "explain.full", "explain.why.full"))
    return out


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
