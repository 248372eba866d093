"""The optimiser: a marginal-gain greedy grid first, then simulated annealing.

Data -> model -> solve -> read back, each a function. The search works on
(room, start slot) per session with incremental bookkeeping of each voter's
honoured votes; only the voters of a moved session are recounted, and a
move to another room in the same slots recounts nobody. Deterministic for a
seed when ``max_iterations`` is given (time limits stop the search at a
machine-dependent point).
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable

from planner.scheduler.metrics import evaluate, trivial_upper_bound
from planner.scheduler.problem import Problem
from planner.scheduler.rules import Feasibility

# The objective is lexicographic: value, then sessions scheduled, then less
# overflow. As one number the later terms get weights far below one vote.
W_SCHEDULED = 1e-3
W_OVERFLOW = 1e-7


class _State:
    """A grid under construction, with what is needed to score moves fast."""

    def __init__(self, problem: Problem, feasibility: Feasibility):
        self.p = problem
        self.f = feasibility
        n_slots, n_rooms = len(problem.slots), len(problem.rooms)
        index = problem.session_index
        self.n = len(problem.sessions)
        self.pos: list[tuple[int, int] | None] = [None] * self.n
        self.span: list[tuple[int, ...]] = [()] * self.n
        self.occ = [[-1] * n_slots for _ in range(n_rooms)]
        hosts = sorted({h for s in problem.sessions for h in s.hosts})
        self.host_id = {h: i for i, h in enumerate(hosts)}
        self.host_busy = [[-1] * n_slots for _ in hosts]
        self.hosts_of = [[self.host_id[h] for h in s.hosts] for s in problem.sessions]
        voters = list(problem.votes)
        self.voter_votes = [[index[x] for x in problem.votes[v]] for v in voters]
        voter_index = {v: i for i, v in enumerate(voters)}
        self.voter_hosted = [[] for _ in voters]
        for si, s in enumerate(problem.sessions):
            for h in s.hosts:
                if h in voter_index:
                    self.voter_hosted[voter_index[h]].append(si)
        self.voters_of = [[] for _ in range(self.n)]  # whose count depends on a session
        for vi, voted in enumerate(self.voter_votes):
            for si in voted:
                self.voters_of[si].append(vi)
        for vi, hosted in enumerate(self.voter_hosted):
            for si in hosted:
                if vi not in self.voters_of[si]:
                    self.voters_of[si].append(vi)
        self.votes = [0] * self.n
        for voted in self.voter_votes:
            for si in voted:
                self.votes[si] += 1
        # Most voters only vote for one-slot sessions and host nothing: their
        # honoured votes are the number of slots in which one of their
        # sessions runs, kept up to date in place()/remove() by counting.
        # Everyone else is recounted exactly after a move.
        lengths = [x.length for x in problem.sessions]
        self.simple = [not self.voter_hosted[vi] and all(lengths[si] == 1 for si in voted)
                       for vi, voted in enumerate(self.voter_votes)]
        self.simple_of = [[vi for vi in self.voters_of[si] if self.simple[vi]] for si in range(self.n)]
        self.complex_of = [[vi for vi in self.voters_of[si] if not self.simple[vi]] for si in range(self.n)]
        self.cover = [[0] * n_slots if simple else None for simple in self.simple]
        self.capacity = [r.capacity for r in problem.rooms]
        room_index, slot_index = problem.room_index, problem.slot_index
        self.previous = [None] * self.n
        for sid, (room, slot) in problem.previous.items():
            self.previous[index[sid]] = (room_index[room], slot_index[slot])
        self.move_cost = problem.move_cost if problem.has_previous else 0.0
        self.honoured = [0] * len(voters)
        self.total_honoured = 0
        self.moved = sum(1 for x in self.previous if x is not None)  # nothing placed yet
        self.scheduled = 0
        self.overflow = 0
        self.pinned = [False] * self.n
        for si, s in enumerate(problem.sessions):
            if s.pinned is not None:
                self.place(si, room_index[s.pinned[0]], slot_index[s.pinned[1]])
                self.pinned[si] = True
        self.recount(range(len(voters)))

    # -- bookkeeping --------------------------------------------------------

    def count_voter(self, vi: int) -> int:
        span, pos = self.span, self.pos
        own = [span[si] for si in self.voter_hosted[vi] if pos[si] is not None]
        voted = self.voter_votes[vi]
        honoured = 0
        free = []
        hosted = self.voter_hosted[vi]
        for si in voted:
            if pos[si] is None:
                continue
            if si in hosted:
                honoured += 1
                continue
            a, b = span[si][0], span[si][-1]
            if any(a <= o[-1] and o[0] <= b for o in own):
                continue
            free.append((b, a))
        last = -1
        for b, a in sorted(free):
            if a > last:
                honoured += 1
                last = b
        return honoured

    def recount(self, voters) -> int:
        """Recount the voters that are not simple; returns the change in honoured votes."""
        delta = 0
        for vi in voters:
            if self.simple[vi]:
                continue
            new = self.count_voter(vi)
            delta += new - self.honoured[vi]
            self.honoured[vi] = new
        self.total_honoured += delta
        return delta

    def _moved(self, si: int) -> int:
        prev = self.previous[si]
        return 0 if prev is None else int(self.pos[si] != prev)

    def _overflow(self, si: int) -> int:
        pos = self.pos[si]
        return 0 if pos is None else max(0, self.votes[si] - self.capacity[pos[0]])

    def place(self, si: int, room: int, start: int) -> None:
        self.moved -= self._moved(si)
        self.pos[si] = (room, start)
        self.span[si] = self.f.span(si, start)
        for x in self.span[si]:
            self.occ[room][x] = si
            for h in self.hosts_of[si]:
                self.host_busy[h][x] = si
        self.scheduled += 1
        self.overflow += self._overflow(si)
        self.moved += self._moved(si)
        if self.simple_of[si]:  # only one-slot sessions have simple voters
            x = self.span[si][0]
            for vi in self.simple_of[si]:
                row = self.cover[vi]
                if row[x] == 0:
                    self.honoured[vi] += 1
                    self.total_honoured += 1
                row[x] += 1

    def remove(self, si: int) -> None:
        room, _ = self.pos[si]
        if self.simple_of[si]:
            x = self.span[si][0]
            for vi in self.simple_of[si]:
                row = self.cover[vi]
                row[x] -= 1
                if row[x] == 0:
                    self.honoured[vi] -= 1
                    self.total_honoured -= 1
        self.overflow -= self._overflow(si)
        self.moved -= self._moved(si)
        for x in self.span[si]:
            self.occ[room][x] = -1
            for h in self.hosts_of[si]:
                self.host_busy[h][x] = -1
        self.pos[si] = None
        self.span[si] = ()
        self.scheduled -= 1
        self.moved += self._moved(si)

    def is_free(self, si: int, room: int, start: int, ignore: tuple[int, ...] = ()) -> bool:
        span = self.f.span(si, start)
        occ = self.occ[room]
        for x in span:
            if occ[x] != -1 and occ[x] not in ignore:
                return False
            for h in self.hosts_of[si]:
                other = self.host_busy[h][x]
                if other != -1 and other not in ignore:
                    return False
        return bool(span)

    def score(self) -> float:
        return (self.total_honoured - self.move_cost * self.moved + W_SCHEDULED * self.scheduled
                - W_OVERFLOW * self.overflow)

    def grid(self) -> dict:
        slots, rooms, sessions = self.p.slots, self.p.rooms, self.p.sessions
        placed = sorted((self.pos[si][1], self.pos[si][0], si) for si in range(self.n) if self.pos[si] is not None)
        return {
            "assignments": [
                {"session": sessions[si].id, "room": rooms[r].id, "slots": [slots[x].id for x in self.span[si]]}
                for _, r, si in placed
            ],
            "unscheduled": [sessions[si].id for si in range(self.n) if self.pos[si] is None],
        }


def _greedy(state: _State, rng: random.Random) -> None:
    """Place sessions by votes, each where it loses the fewest co-votes."""
    n_slots = len(state.p.slots)
    cover = [[0] * n_slots for _ in state.voter_votes]  # voter -> slot -> scheduled voted sessions there
    for si in range(state.n):
        if state.pos[si] is not None:
            for vi in state.voters_of[si]:
                for x in state.span[si]:
                    cover[vi][x] += 1
    order = sorted((si for si in range(state.n) if state.pos[si] is None),
                   key=lambda si: (-state.votes[si], rng.random()))
    for si in order:
        by_start: dict[int, list[int]] = {}
        for room, start in state.f.places[si]:
            if state.is_free(si, room, start):
                by_start.setdefault(start, []).append(room)
        if not by_start:
            continue
        best = None
        for start, free_rooms in by_start.items():
            span = state.f.span(si, start)
            gain = sum(1 for vi in state.voters_of[si] if not any(cover[vi][x] for x in span))
            prev = state.previous[si]
            bonus = state.move_cost if prev is not None and prev[1] == start and prev[0] in free_rooms else 0
            key = (gain + bonus, -start * 1e-6)
            if best is None or key > best[0]:
                best = (key, start, free_rooms)
        _, start, free_rooms = best
        room = _pick_room(state, si, start, free_rooms)
        state.place(si, room, start)
        for vi in state.voters_of[si]:
            for x in state.span[si]:
                cover[vi][x] += 1
    state.recount(range(len(state.voter_votes)))


def _pick_room(state: _State, si: int, start: int, rooms: list[int]) -> int:
    prev = state.previous[si]
    if prev is not None and prev[1] == start and prev[0] in rooms:
        return prev[0]
    votes = state.votes[si]
    fitting = [r for r in rooms if state.capacity[r] >= votes]
    if fitting:
        return min(fitting, key=lambda r: (state.capacity[r], r))
    return max(rooms, key=lambda r: (state.capacity[r], -r))


def _anneal(state: _State, rng: random.Random, deadline: float, max_iterations: int | None,
            report: Callable[[], None]) -> int:
    """Improve the grid by moves, swaps and (un)scheduling; returns iterations done."""
    movable = [si for si in range(state.n) if not state.pinned[si] and state.f.places[si]]
    if not movable:
        return 0
    best_score = state.score()
    best = (list(state.pos),)
    t_start, t_end = 1.5, 0.02
    started = time.perf_counter()
    budget = max(deadline - started, 1e-6)
    iteration = 0
    current = best_score
    while True:
        if max_iterations is not None:
            if iteration >= max_iterations:
                break
            progress = iteration / max_iterations
        else:
            if iteration % 200 == 0:
                now = time.perf_counter()
                if now >= deadline:
                    break
            progress = min(1.0, (time.perf_counter() - started) / budget) if iteration % 200 == 0 else progress
        temperature = t_start * (t_end / t_start) ** progress
        iteration += 1
        si = movable[rng.randrange(len(movable))]
        places = state.f.places[si]
        room, start = places[rng.randrange(len(places))]
        old = state.pos[si]
        if old == (room, start):
            continue
        occupant = state.occ[room][state.f.span(si, start)[0]] if state.f.span(si, start) else -1
        undo = None
        if state.is_free(si, room, start, ignore=(si,)):
            undo = _move(state, si, room, start)
        elif (occupant != -1 and occupant != si and not state.pinned[occupant] and old is not None
              and state.pos[occupant][1] == start and state.p.sessions[occupant].length == state.p.sessions[si].length
              and (old[0], old[1]) in set(state.f.places[occupant])):
            undo = _swap(state, si, occupant)
        elif occupant != -1 and occupant != si and not state.pinned[occupant] and rng.random() < 0.3:
            undo = _replace(state, si, occupant, room, start)
        elif old is not None and rng.random() < 0.02:
            undo = _unschedule(state, si)
        if undo is None:
            continue
        new = state.score()
        if new >= current or rng.random() < math.exp((new - current) / temperature):
            current = new
            if new > best_score + 1e-12:
                best_score = new
                best = (list(state.pos),)
                report()
        else:
            undo()
            current = state.score()
    _restore(state, best[0])
    return iteration


def _move(state: _State, si: int, room: int, start: int):
    old = state.pos[si]
    same_span = old is not None and old[1] == start
    if old is not None:
        state.remove(si)
    state.place(si, room, start)
    if not same_span:
        state.recount(state.complex_of[si])

    def undo():
        state.remove(si)
        if old is not None:
            state.place(si, *old)
        if not same_span:
            state.recount(state.complex_of[si])

    return undo


def _swap(state: _State, a: int, b: int):
    pa, pb = state.pos[a], state.pos[b]
    state.remove(a)
    state.remove(b)
    if not (state.is_free(a, *pb) and state.is_free(b, *pa)):
        state.place(a, *pa)
        state.place(b, *pb)
        return None
    state.place(a, *pb)
    state.place(b, *pa)
    affected = set(state.complex_of[a]) | set(state.complex_of[b])
    state.recount(affected)

    def undo():
        state.remove(a)
        state.remove(b)
        state.place(a, *pa)
        state.place(b, *pb)
        state.recount(affected)

    return undo


def _replace(state: _State, si: int, occupant: int, room: int, start: int):
    """``si`` takes the place of ``occupant``, which leaves the grid."""
    pos_occ, old = state.pos[occupant], state.pos[si]
    state.remove(occupant)
    if old is not None:
        state.remove(si)
    if not state.is_free(si, room, start):
        if old is not None:
            state.place(si, *old)
        state.place(occupant, *pos_occ)
        return None
    state.place(si, room, start)
    affected = set(state.complex_of[si]) | set(state.complex_of[occupant])
    state.recount(affected)

    def undo():
        state.remove(si)
        if old is not None:
            state.place(si, *old)
        state.place(occupant, *pos_occ)
        state.recount(affected)

    return undo


def _unschedule(state: _State, si: int):
    old = state.pos[si]
    state.remove(si)
    state.recount(state.complex_of[si])

    def undo():
        state.place(si, *old)
        state.recount(state.complex_of[si])

    return undo


def _restore(state: _State, positions: list) -> None:
    for si in range(state.n):
        if state.pos[si] is not None and not state.pinned[si]:
            state.remove(si)
    for si, pos in enumerate(positions):
        if pos is not None and state.pos[si] is None:
            state.place(si, *pos)
    state.recount(range(len(state.voter_votes)))


def _fill_free_places(state: _State) -> None:
    """A session is left out only when no valid place is left for it."""
    for si in sorted(range(state.n), key=lambda si: -state.votes[si]):
        if state.pos[si] is not None:
            continue
        for room, start in state.f.places[si]:
            if state.is_free(si, room, start):
                before = state.score()
                state.place(si, room, start)
                state.recount(state.complex_of[si])
                if state.score() < before:  # it would cost more (moves) than it brings
                    state.remove(si)
                    state.recount(state.complex_of[si])
                    continue
                break


def solve(
    problem: Problem,
    time_limit: float = 10.0,
    seed: int = 0,
    on_improvement: Callable[[dict], None] | None = None,
    max_iterations: int | None = None,
) -> dict:
    """The best grid found within ``time_limit`` seconds, with its metrics.

    ``on_improvement`` receives each better grid (with metrics), at most a
    few times a second, the first valid one as soon as the greedy is done.
    """
    started = time.perf_counter()
    deadline = started + max(time_limit, 0.0)
    rng = random.Random(seed)
    feasibility = Feasibility(problem)
    bound = trivial_upper_bound(problem, feasibility)
    state = _State(problem, feasibility)
    _greedy(state, rng)
    _fill_free_places(state)

    last_report = [0.0]

    def finished() -> dict:
        grid = state.grid()
        grid["metrics"] = evaluate(problem, grid, upper_bound=bound,
                                   seconds=time.perf_counter() - started).to_dict()
        return grid

    def report(force: bool = False) -> None:
        now = time.perf_counter()
        if on_improvement is not None and (force or now - last_report[0] >= 0.25):
            last_report[0] = now
            on_improvement(finished())

    report(force=True)
    if state.total_honoured < bound or state.overflow > 0 or state.moved > 0:
        _anneal(state, rng, deadline, max_iterations, report)
        _fill_free_places(state)
    result = finished()
    if on_improvement is not None:
        on_improvement(result)
    return result
