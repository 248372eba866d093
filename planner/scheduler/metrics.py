"""What a grid is worth (docs/planning-problem.md), computed from the grid alone.

This is deliberately independent of the solver's own bookkeeping: tests
compare the two.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, replace

from planner.scheduler.bound import lp_bound
from planner.scheduler.pooled import known as pooled_known
from planner.scheduler.pooled import later as pooled_later
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
    overflow_risk: int = 0  # sum of max(0, expected audience - seats): see problem.expected
    of_best: int = 0  # the grid's value is at least this % of the best possible one: see share_of_best

    def to_dict(self) -> dict:
        """The grid file's metrics (docs/planning-problem.md); ``of_best`` is the page's, not the file's."""
        data = asdict(self)
        data["seconds"] = round(self.seconds, 3)
        del data["of_best"]
        return data


def spans_and_rooms(problem: Problem, grid: dict) -> tuple[dict[str, tuple[int, int]], dict[str, str]]:
    """Per scheduled session of ``grid``: its [first, last] slot index, and its room."""
    spans: dict[str, tuple[int, int]] = {}
    room_of: dict[str, str] = {}
    for a in grid.get("assignments", []):
        idx = [problem.slot_index[s] for s in a["slots"]]
        spans[a["session"]] = (min(idx), max(idx))
        room_of[a["session"]] = a["room"]
    return spans, room_of


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


def proven_bound(problem: Problem, feasibility: Feasibility | None = None) -> int:
    """The best proven bound on honoured votes there is now: the LP bound of
    bound.py where the problem is small enough for it, the pooled bound if this
    process has computed it (see :func:`sharpened`), never above the quick one."""
    feasibility = feasibility or Feasibility(problem)
    bounds = [honoured_bound(problem, feasibility), lp_bound(problem, feasibility), pooled_known(problem)]
    return min(b for b in bounds if b is not None)


def sharpened(problem: Problem, metrics: Metrics) -> tuple[Metrics, bool]:
    """``metrics`` held against the pooled bound (pooled.py) as far as it is proven, and
    whether it is still being computed. The first call starts it in the background: it
    takes about a minute, too long to wait for, so a page shows the quick bound meanwhile."""
    done, better = pooled_later(problem)
    if better is None or better >= metrics.upper_bound:
        return metrics, not done
    return replace(metrics, upper_bound=better, optimal=metrics.honoured_votes == better,
                   of_best=_of_best(problem, metrics.value, better)), not done


def forced_moves(problem: Problem, feasibility: Feasibility | None = None) -> int:
    """Sessions of ``previous`` that every valid grid moves: their published place
    is no longer possible (room closed, host away, a feature gone) or they are pinned elsewhere."""
    if not problem.previous:
        return 0
    feasibility = feasibility or Feasibility(problem)
    forced = 0
    for sid, (room, slot) in problem.previous.items():
        i = problem.session_index[sid]
        place = (problem.room_index[room], problem.slot_index[slot])
        pinned = problem.sessions[i].pinned
        forced += place not in feasibility.places[i] or (pinned is not None and pinned != (room, slot))
    return forced


def _of_best(problem: Problem, value: float, bound: int) -> int:
    """:func:`share_of_best` of a grid worth ``value`` in ``problem``, the moves no grid avoids counted."""
    forced = forced_moves(problem) if problem.has_previous else 0
    return share_of_best(value, bound, forced, problem.move_cost)


def share_of_best(value: float, bound: int, forced: int, move_cost: float) -> int:
    """floor(100 * value / the best value possible), the latter bounded by the honoured-vote
    bound less the moves no grid avoids; 100 when nothing can be honoured at all."""
    best = bound - move_cost * forced
    if best <= 0:
        return 100
    return max(0, min(100, math.floor(100 * value / best + 1e-9)))


def honoured_bound(problem: Problem, feasibility: Feasibility | None = None) -> int:
    """A quick proven bound on honoured votes; the smaller of two relaxations.

    Per voter: distinct sessions a voter attends start in distinct slots,
    so their honoured votes are at most a largest matching of their voted
    sessions to the slots each can start in (pinned sessions only in theirs;
    slots taken by a pinned session they host are blocked for others), and
    at most as many of them as fit into the slots end to end.
    Over all: the scheduled sessions fit in the room-slots there are, so the
    votes they carry are at most a fractional knapsack of votes by length.
    """
    feasibility = feasibility or Feasibility(problem)
    index, slot_index = problem.session_index, problem.slot_index
    starts = [frozenset(start for _, start in places) for places in feasibility.places]
    lengths = [s.length for s in problem.sessions]
    pinned_span: dict[str, tuple[int, ...]] = {}
    for i, s in enumerate(problem.sessions):
        if s.pinned is not None:
            pinned_span[s.id] = feasibility.span(i, slot_index[s.pinned[1]])
            starts[i] = frozenset({slot_index[s.pinned[1]]})
    per_voter = 0
    memo: dict[frozenset[int], int] = {}
    n_slots = len(problem.slots)
    for voter, voted in problem.votes.items():
        hosted = problem.hosted_by.get(voter, ())
        blocked = {x for sid in hosted for x in pinned_span.get(sid, ())}
        own = sum(1 for sid in voted if sid in hosted and sid in pinned_span)
        options = frozenset(index[sid] for sid in voted if not (sid in hosted and sid in pinned_span))
        if blocked:
            per_voter += own + _voter_bound([starts[i] - blocked for i in options],
                                            [lengths[i] for i in options], n_slots - len(blocked))
            continue
        if options not in memo:
            memo[options] = _voter_bound([starts[i] for i in options], [lengths[i] for i in options], n_slots)
        per_voter += memo[options]
    cells = problem.room_slots
    counts = problem.vote_counts
    items = sorted(((counts.get(s.id, 0), s.length) for i, s in enumerate(problem.sessions)
                    if feasibility.places[i]), key=lambda x: -x[0] / x[1])
    overall = 0.0
    for votes, length in items:
        take = min(1.0, cells / length)
        overall += votes * take
        cells -= length * take
        if cells <= 0:
            break
    return min(per_voter, int(overall + 1e-9))


def _voter_bound(options: list[frozenset[int]], lengths: list[int], free_slots: int) -> int:
    """At most a matching of sessions to start slots, and at most as many
    sessions as fit into the free slots end to end, shortest first."""
    packed = used = 0
    for length in sorted(length for length, o in zip(lengths, options) if o):
        if used + length > free_slots:
            break
        used += length
        packed += 1
    return min(packed, _matching(options))


def _matching(options: list[frozenset[int]]) -> int:
    """Size of a largest matching of items to slots (each item: the slots it may take)."""
    owner: dict[int, int] = {}

    def augment(item: int, seen: set[int]) -> bool:
        for slot in options[item]:
            if slot not in seen:
                seen.add(slot)
                if slot not in owner or augment(owner[slot], seen):
                    owner[slot] = item
                    return True
        return False

    return sum(1 for item in range(len(options)) if augment(item, set()))


def evaluate(problem: Problem, grid: dict, upper_bound: int | None = None, seconds: float = 0.0) -> Metrics:
    """The metrics of ``grid`` (assumed valid; see rules.check_grid)."""
    slot_index = problem.slot_index
    spans, room_of = spans_and_rooms(problem, grid)
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
    expected = problem.expected
    risk = sum(max(0, expected[s] - capacity[r]) for s, r in room_of.items())
    moved = 0
    for sid, (room, first) in problem.previous.items():
        if sid not in spans or room_of[sid] != room or spans[sid][0] != slot_index[first]:
            moved += 1
    bound = proven_bound(problem) if upper_bound is None else upper_bound
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
        overflow_risk=risk,
        of_best=_of_best(problem, value, bound),
    )
