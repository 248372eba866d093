"""What a grid is worth (shared/planning-problem.md), computed from the grid alone.

This is deliberately independent of the solver's own bookkeeping: tests
compare the two.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from planner.scheduler.problem import Problem
from planner.scheduler.rules import Feasibility, vote_counts


@dataclass(frozen=True)
class Metrics:
    total_votes: int
    honoured_votes: int
    lost_votes: int
    unscheduled_votes: int
    upper_bound: int
    optimal: bool
    overflow: int
    moved: int
    scheduled: int
    value: float
    seconds: float = 0.0

    def to_dict(self) -> dict:
        data = asdict(self)
        data["seconds"] = round(self.seconds, 3)
        return data


def attended(spans: dict[str, tuple[int, int]], voted: list[str], hosted: list[str]) -> set[str]:
    """The voted sessions a person can attend: the largest set that do not overlap.

    ``spans`` gives each scheduled session its [first, last] slot index. A
    host is in their own sessions the whole time, so sessions overlapping
    them are out; their own counts if they voted for it. For intervals the
    earliest-end-first greedy is optimal.
    """
    own = [spans[h] for h in hosted if h in spans]
    chosen = {v for v in voted if v in hosted and v in spans}
    free = [
        v for v in voted
        if v in spans and v not in hosted and not any(spans[v][0] <= b and a <= spans[v][1] for a, b in own)
    ]
    last = -1
    for v in sorted(free, key=lambda x: (spans[x][1], spans[x][0], x)):
        if spans[v][0] > last:
            chosen.add(v)
            last = spans[v][1]
    return chosen


def trivial_upper_bound(problem: Problem, feasibility: Feasibility | None = None) -> int:
    """Per voter: how many of their placeable sessions fit in the slots at all."""
    feasibility = feasibility or Feasibility(problem)
    index = problem.session_index
    placeable = {s.id for i, s in enumerate(problem.sessions) if feasibility.places[i]}
    n_slots = len(problem.slots)
    bound = 0
    for voted in problem.votes.values():
        lengths = sorted(problem.sessions[index[v]].length for v in voted if v in placeable)
        used = count = 0
        for length in lengths:
            if used + length > n_slots:
                break
            used += length
            count += 1
        bound += count
    return bound


def evaluate(problem: Problem, grid: dict, upper_bound: int | None = None, seconds: float = 0.0) -> Metrics:
    """The metrics of ``grid`` (assumed valid; see rules.check_grid)."""
    slot_index = problem.slot_index
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
    total = honoured = unscheduled_votes = 0
    for voter, voted in problem.votes.items():
        total += len(voted)
        unscheduled_votes += sum(1 for v in voted if v not in spans)
        honoured += len(attended(spans, list(voted), hosted_by.get(voter, [])) & set(voted))
    counts = vote_counts(problem)
    capacity = {r.id: r.capacity for r in problem.rooms}
    overflow = sum(max(0, counts.get(s, 0) - capacity[r]) for s, r in room_of.items())
    moved = 0
    for sid, (room, first) in problem.previous.items():
        if sid not in spans or room_of[sid] != room or spans[sid][0] != slot_index[first]:
            moved += 1
    bound = trivial_upper_bound(problem) if upper_bound is None else upper_bound
    value = honoured - problem.move_cost * moved if problem.has_previous else honoured
    return Metrics(
        total_votes=total,
        honoured_votes=honoured,
        lost_votes=total - honoured - unscheduled_votes,
        unscheduled_votes=unscheduled_votes,
        upper_bound=bound,
        optimal=honoured == bound,
        overflow=overflow,
        moved=moved,
        scheduled=len(spans),
        value=value,
        seconds=seconds,
    )
