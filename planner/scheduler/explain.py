"""Why a grid is as it is: lost votes and their clashes, small rooms, left-out sessions."""

from __future__ import annotations

from dataclasses import dataclass

from planner.i18n import t
from planner.scheduler.metrics import attended
from planner.scheduler.problem import Problem
from planner.scheduler.rules import Feasibility, vote_counts


@dataclass(frozen=True)
class LostVote:
    voter: str
    session: str  # scheduled, voted for, not attended
    instead: str  # the voted (or hosted) session at the same time that the voter attends


@dataclass(frozen=True)
class Clash:
    first: str
    second: str
    voters: int  # people who voted for both
    slots: tuple[str, ...]  # where they overlap

    def message(self, lang: str, titles: dict[str, str], times: dict[str, str]) -> str:
        return t("explain.clash", lang, n=self.voters, first=titles.get(self.first, self.first),
                 second=titles.get(self.second, self.second), time=times.get(self.slots[0], self.slots[0]))


@dataclass(frozen=True)
class SmallRoom:
    session: str
    room: str
    votes: int
    capacity: int


@dataclass(frozen=True)
class LeftOut:
    session: str
    votes: int
    reason: str  # explain.no_place | explain.full | explain.worse


@dataclass(frozen=True)
class Explanation:
    lost: tuple[LostVote, ...]
    clashes: tuple[Clash, ...]  # most costly first
    small_rooms: tuple[SmallRoom, ...]
    left_out: tuple[LeftOut, ...]


def explain(problem: Problem, grid: dict, top: int = 10) -> Explanation:
    """The story behind ``grid``."""
    slot_index = problem.slot_index
    slots = problem.slots
    spans: dict[str, tuple[int, int]] = {}
    room_of: dict[str, str] = {}
    for a in grid.get("assignments", []):
        idx = [slot_index[s] for s in a["slots"]]
        spans[a["session"]] = (min(idx), max(idx))
        room_of[a["session"]] = a["room"]
    hosted_by: dict[str, list[str]] = {}
    for s in problem.sessions:
        for h in s.hosts:
            hosted_by.setdefault(h, []).append(s.id)

    def overlap(a: str, b: str) -> bool:
        return spans[a][0] <= spans[b][1] and spans[b][0] <= spans[a][1]

    lost = []
    for voter, voted in problem.votes.items():
        going = attended(spans, list(voted), hosted_by.get(voter, []))
        busy = going | {h for h in hosted_by.get(voter, []) if h in spans}
        for v in voted:
            if v in spans and v not in going:
                instead = next((g for g in sorted(busy) if g != v and overlap(g, v)), "")
                lost.append(LostVote(voter, v, instead))

    co: dict[tuple[str, str], int] = {}
    for voted in problem.votes.values():
        placed = sorted(v for v in voted if v in spans)
        for i, a in enumerate(placed):
            for b in placed[i + 1:]:
                if overlap(a, b):
                    co[(a, b)] = co.get((a, b), 0) + 1
    clashes = sorted(
        (Clash(a, b, n, tuple(slots[x].id for x in range(max(spans[a][0], spans[b][0]), min(spans[a][1], spans[b][1]) + 1)))
         for (a, b), n in co.items()),
        key=lambda c: (-c.voters, c.first, c.second),
    )[:top]

    counts = vote_counts(problem)
    capacity = {r.id: r.capacity for r in problem.rooms}
    small = sorted(
        (SmallRoom(s, r, counts.get(s, 0), capacity[r]) for s, r in room_of.items() if counts.get(s, 0) > capacity[r]),
        key=lambda x: x.capacity - x.votes,
    )

    feasibility = Feasibility(problem)
    left_out = []
    for i, s in enumerate(problem.sessions):
        if s.id in spans:
            continue
        if not feasibility.places[i]:
            reason = "explain.no_place"
        elif any(_free(problem, feasibility, i, room, start, spans, room_of, hosted_by)
                 for room, start in feasibility.places[i]):
            reason = "explain.worse"
        else:
            reason = "explain.full"
        left_out.append(LeftOut(s.id, counts.get(s.id, 0), reason))
    left_out.sort(key=lambda x: -x.votes)
    return Explanation(tuple(lost), tuple(clashes), tuple(small), tuple(left_out))


def _free(problem, feasibility, i, room, start, spans, room_of, hosted_by) -> bool:
    span = feasibility.span(i, start)
    room_id = problem.rooms[room].id
    hosts = set(problem.sessions[i].hosts)
    for other, (a, b) in spans.items():
        if a <= span[-1] and span[0] <= b:
            if room_of[other] == room_id:
                return False
            if hosts & set(problem.session(other).hosts):
                return False
    return True
