"""A proven upper bound on honoured votes from a slot-by-slot relaxation, solved as an LP.

The relaxation. Look at the grid slot by slot: in slot t it *starts* a set C
of sessions (each in a room it may use then, no host twice). A voter attends
at most one session that starts in t, so what the grid honours is at most
the sum over slots of f_t(C): the voters with a vote in C, less those who
host a session in C they did not vote for (they are in their own). Every
session starts at most once (a pinned one exactly once, in its place), and in
each slot the sessions running then (started then or earlier, if longer) use
at most the rooms open then, and at most the open rooms with each feature
that some of them need. Everything else (who attends what over several
slots, the rooms of longer sessions...) is left out, which only makes the
bound larger, never wrong.

The LP. Choose per slot one set (a *column*; weights lambda in the LP) under
those rules. There is a column for every possible set, so the LP is solved
over the columns found so far (OR-Tools' GLOP) and a local search finds new
ones that would pay under the LP's prices (column generation). The bound is
not the LP value, which would need every column checked, but its dual
(Lagrangian) value for the final prices pi (per session) and rho (per slot
and resource)::

    sum(pi) + sum(rho * rooms open) + sum over t of max(0, max over C of f_t(C) - w_t(C))

where w_t(C) sums each session's price and the prices of the rooms it uses
while it runs. It holds for any prices pi, rho >= 0 (a pinned session's pi of
any sign), as long as the inner max is not underestimated: a branch and bound
per slot proves it (its node budget spent, it returns the bound of what it
did not search). Every valid grid is one choice of columns, so no grid
honours more.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import math
from collections.abc import Callable
from dataclasses import dataclass

from ortools.linear_solver import pywraplp

from planner.scheduler.problem import Problem, problem_to_dict
from planner.scheduler.rules import Feasibility

EPS = 1e-6
TOLERANCE = 0.25  # a slot's branch and bound stops when it cannot win more than this
MAX_ROUNDS = 150  # of column generation
MAX_NODES = 4_000  # per slot and proof
MAX_SESSIONS = 50  # beyond this the proofs take too long (80 sessions: 25 s): no LP bound
_cache: dict[str, int | None] = {}  # problem fingerprint -> bound: the page asks again and again


def lp_bound(problem: Problem, feasibility: Feasibility | None = None) -> int | None:
    """The LP bound on honoured votes, or None for a problem too big for it."""
    if len(problem.sessions) > MAX_SESSIONS or not problem.votes:
        return None
    key = fingerprint(problem)
    if key not in _cache:
        if len(_cache) >= 16:
            _cache.pop(next(iter(_cache)))
        try:
            _cache[key] = math.floor(LPBound(problem, feasibility).bound() + EPS)
        except RuntimeError:  # the LP solver gave up: the quick bound will do
            _cache[key] = None
    return _cache[key]


def fingerprint(problem: Problem) -> str:
    """What a bound depends on, as a key for the caches."""
    return hashlib.sha256(json.dumps(problem_to_dict(problem), sort_keys=True).encode()).hexdigest()


def climb(candidates: list[int], voters: list[int], away: list[int], w: dict[int, float],
          fits: Callable[[list[int]], bool], column=()) -> tuple[float, tuple[int, ...]]:
    """A local search from ``column`` for a set of sessions worth the most voters less
    their prices ``w``: add, swap or drop a session while that grows and ``fits`` allows."""
    column = list(column)
    while True:
        price = sum(w[i] for i in column)
        seen = gone = 0
        for x in column:
            seen |= voters[x]
            gone |= away[x]
        now = (seen & ~gone).bit_count() - price
        moves = []
        for j in [None, *column]:  # take j out (None: nothing), put i in
            rest = [x for x in column if x != j]
            seen = gone = 0
            for x in rest:
                seen |= voters[x]
                gone |= away[x]
            base = price - (w[j] if j is not None else 0.0)
            if j is not None:
                moves.append(((seen & ~gone).bit_count() - base, rest))
            for i in candidates:
                if i not in column:
                    p = ((seen | voters[i]) & ~(gone | away[i])).bit_count() - base - w[i]
                    if p > now + EPS:
                        moves.append((p, rest + [i]))
        moves.sort(key=lambda m: -m[0])
        for p, c in moves:
            if p <= now + EPS:
                return now, tuple(sorted(column))
            if fits(c):
                column = c
                break
        else:
            return now, tuple(sorted(column))


@dataclass
class _Slot:
    candidates: list[int]  # the sessions that may start here
    rooms: dict[int, frozenset[int]]  # session -> the rooms it may start in here
    width: int  # at most this many sessions start here (rooms open)
    caps: dict[frozenset[str], int]  # per kind of needs: the open rooms that have them


class LPBound:
    """The model: voters as bits, slots with their candidates, the master LP."""

    def __init__(self, problem: Problem, feasibility: Feasibility | None = None):
        feasibility = feasibility or Feasibility(problem)
        self.problem = problem
        sessions, slots, n_slots = problem.sessions, problem.slots, len(problem.slots)
        voter = {v: k for k, v in enumerate(problem.votes)}
        index = problem.session_index
        self.voters = [0] * len(sessions)  # per session: who voted for it
        for v, voted in problem.votes.items():
            for sid in voted:
                self.voters[index[sid]] |= 1 << voter[v]
        self.away = [0] * len(sessions)  # per session: hosts who did not vote for it
        for i, s in enumerate(sessions):
            for h in s.hosts:
                if h in voter and not self.voters[i] >> voter[h] & 1:
                    self.away[i] |= 1 << voter[h]
        self.lengths = [s.length for s in sessions]
        self.pinned = [s.pinned is not None for s in sessions]
        self.needs = [s.needs for s in sessions]
        self.hosts = [frozenset(s.hosts) for s in sessions]
        places = self._places(feasibility)
        open_rooms = [[ri for ri, r in enumerate(problem.rooms) if slots[t].id not in problem.room_unavailable.get(r.id, ())]
                      for t in range(n_slots)]
        needs = {s.needs for s in sessions if s.needs}
        self.slots = []
        for t in range(n_slots):
            rooms = {}
            for i, by_start in enumerate(places):
                if by_start.get(t):
                    rooms[i] = frozenset(by_start[t])
            caps = {k: sum(1 for ri in open_rooms[t] if k <= problem.rooms[ri].features) for k in needs}
            self.slots.append(_Slot(sorted(rooms), rooms, len(open_rooms[t]), caps))
        # Resources: (slot, needs or None for any room) -> rooms open; a session uses
        # one of each kind it needs, in every slot it runs.
        self.features = sorted({f for s in sessions for f in s.needs})
        self.capacity = {}
        for t in range(n_slots):
            self.capacity[t, None] = len(open_rooms[t])
            for f in self.features:
                self.capacity[t, f] = sum(1 for ri in open_rooms[t] if f in problem.rooms[ri].features)

    def _places(self, feasibility: Feasibility) -> list[dict[int, set[int]]]:
        """Per session: start slot -> rooms, pins kept, and nothing over a pinned
        session's room or host while it runs."""
        problem = self.problem
        pins = []
        for i, s in enumerate(problem.sessions):
            if s.pinned is not None:
                start = problem.slot_index[s.pinned[1]]
                pins.append((i, problem.room_index[s.pinned[0]], set(feasibility.span(i, start)), start))
        places: list[dict[int, set[int]]] = []
        for i, options in enumerate(feasibility.places):
            by_start: dict[int, set[int]] = {}
            for room, start in options:
                span = set(feasibility.span(i, start))
                if self.pinned[i] and (room, start) not in {(pr, ps) for j, pr, _, ps in pins if j == i}:
                    continue
                if any(j != i and span & pspan and (room == pr or self.hosts[i] & self.hosts[j])
                       for j, pr, pspan, _ in pins):
                    continue
                by_start.setdefault(start, set()).add(room)
            places.append(by_start)
        return places

    # -- columns

    def value(self, column) -> int:
        """f_t(C): voters with a vote in C, less hosts away in a session of C they did not vote for."""
        seen = away = 0
        for i in column:
            seen |= self.voters[i]
            away |= self.away[i]
        return (seen & ~away).bit_count()

    def fits(self, column, t: int) -> bool:
        """No host twice, and every session in a room of its own: Hall's condition
        over the unions of the sessions' sets of rooms."""
        hosts: set[str] = set()
        kinds: dict[frozenset[int], int] = {}
        rooms = self.slots[t].rooms
        for i in column:
            if hosts & self.hosts[i]:
                return False
            hosts |= self.hosts[i]
            kinds[rooms[i]] = kinds.get(rooms[i], 0) + 1
        sets = list(kinds)
        for mask in range(1, 1 << len(sets)):
            union = frozenset().union(*(sets[k] for k in range(len(sets)) if mask >> k & 1))
            if sum(n for kind, n in kinds.items() if kind <= union) > len(union):
                return False
        return True

    def uses(self, i: int, t: int):
        """The resources session i takes when it starts in slot t."""
        for x in range(t, min(t + self.lengths[i], len(self.slots))):
            yield x, None
            for f in self.needs[i]:
                yield x, f

    def weights(self, t: int, pi: list[float], rho: dict) -> dict[int, float]:
        return {i: pi[i] + sum(rho[key] for key in self.uses(i, t)) for i in self.slots[t].candidates}

    # -- pricing

    def improve(self, t: int, w: dict[int, float], column=()) -> tuple[float, tuple[int, ...]]:
        """A local search from ``column`` over the sessions that may start in slot t."""
        return climb(self.slots[t].candidates, self.voters, self.away, w, lambda c: self.fits(c, t), column)

    def most(self, t: int, w: dict[int, float], known: float,
             max_nodes: int = MAX_NODES) -> tuple[float, tuple[int, ...]]:
        """An upper bound on max over columns of f_t(C) - w(C) (branch and bound;
        within TOLERANCE of the best found, or the bound of the unsearched rest)."""
        slot = self.slots[t]
        voters, away = self.voters, self.away
        # A session that could not win more than its price is never needed.
        items = sorted((i for i in slot.candidates if voters[i].bit_count() - w[i] > 0),
                       key=lambda i: w[i] - voters[i].bit_count())
        best, found = max(known, 0.0), ()

        def gains(seen: int, gone: int, rest) -> list[tuple[float, int]]:
            out = []
            for i in rest:
                g = (voters[i] & ~seen & ~gone).bit_count() - w[i]
                if g > 0:
                    out.append((g, i))
            out.sort(reverse=True)
            return out

        def cap(column, ranked) -> float:
            """The most the best remaining sessions could add: the largest gains, as many as
            rooms are left, per kind of needs as many as rooms with them are left."""
            left = slot.width - len(column)
            used: dict[frozenset[str], int] = {}
            for i in column:
                if self.needs[i]:
                    used[self.needs[i]] = used.get(self.needs[i], 0) + 1
            total = 0.0
            for g, i in ranked:
                if left <= 0:
                    break
                k = self.needs[i]
                if k:
                    if used.get(k, 0) >= slot.caps[k]:
                        continue
                    used[k] = used.get(k, 0) + 1
                total += g
                left -= 1
            return total

        # Best first: the node with the highest bound is opened next, so when the
        # budget is spent, the highest bound still open is as low as it gets.
        ranked = gains(0, 0, items)
        heap = [(-cap([], ranked), 0, (), 0, 0, 0.0, ranked)]
        tick = nodes = 0
        while heap and -heap[0][0] > best + TOLERANCE:
            if nodes >= max_nodes:
                return -heap[0][0], found
            nodes += 1
            _, _, column, seen, gone, value, ranked = heapq.heappop(heap)
            for k, (_, i) in enumerate(ranked):
                c = (*column, i)
                if not self.fits(c, t):
                    continue
                s, g = seen | voters[i], gone | away[i]
                v = (s & ~g).bit_count() - sum(w[x] for x in c)
                if v > best:
                    best, found = v, tuple(sorted(c))
                rest = gains(s, g, [x for _, x in ranked[k + 1:]])
                b = v + cap(c, rest)
                if b > best + TOLERANCE and rest:
                    tick += 1
                    heapq.heappush(heap, (-b, tick, c, s, g, v, rest))
        return best + TOLERANCE, found

    def prove(self, ws: list[dict[int, float]], pi: list[float], rho: dict, mu: list[float]):
        """The Lagrangian bound for these prices, and the best set the proofs met per slot."""
        total = sum(pi) + sum(rho[key] * cap for key, cap in self.capacity.items())
        found = set()
        for t, w in enumerate(ws):
            most, column = self.most(t, w, mu[t])
            total += max(0.0, most)
            found.add(column)
        return total, found

    # -- the LP

    def bound(self, max_rounds: int = MAX_ROUNDS, stats: dict | None = None) -> float:
        n, n_slots = len(self.lengths), len(self.slots)
        master = _Master(self)
        known = master.known
        add = master.add
        pinned: dict[int, list[int]] = {}  # the pins of a slot start together: one column
        for i, s in enumerate(self.problem.sessions):
            if s.pinned is not None:
                pinned.setdefault(self.problem.slot_index[s.pinned[1]], []).append(i)
        for t, column in pinned.items():
            add(t, tuple(column))
        pi, rho, mu = [0.0] * n, {key: 0.0 for key in self.capacity}, [0.0] * n_slots
        best_from = [()] * n_slots
        bound = float("inf")
        rounds, exact = 0, False
        while rounds < max_rounds:
            rounds += 1
            ws = [self.weights(t, pi, rho) for t in range(n_slots)]
            if exact:
                total, found = self.prove(ws, pi, rho, mu)
                bound = min(bound, total)
            else:
                found = {self.improve(t, ws[t], start)[1] for t in range(n_slots) for start in {best_from[t], ()}}
            found.discard(())
            new = 0
            # A set found for one slot may pay in others too (slots are much alike).
            for column in found:
                value = self.value(column)
                for t in range(n_slots):
                    w = ws[t]
                    if ((t, column) not in known and all(i in w for i in column)
                            and value - sum(w[i] for i in column) > mu[t] + EPS and self.fits(column, t)):
                        add(t, column)
                        best_from[t] = column
                        new += 1
            if exact and not new:
                break
            exact = not new  # the local search found nothing: prove it, or find what it missed
            if not exact:
                mu, pi, rho = master.solve()
        if bound == float("inf"):  # out of rounds before a proof: prove the last prices
            bound = self.prove([self.weights(t, pi, rho) for t in range(n_slots)], pi, rho, mu)[0]
        if stats is not None:
            stats.update(rounds=rounds, columns=len(known), lp=master.value)
        return bound


class ColumnLP:
    """A column generation's master LP (GLOP): rows with their bounds, columns added
    one by one (value and coefficients), the optimal prices of the rows."""

    def __init__(self, rows: dict):
        self.rows = rows  # key -> (lower, upper)
        self.columns: list[tuple[float, dict]] = []
        self.value = 0.0
        self._build()

    def _build(self) -> None:
        self.lp = lp = pywraplp.Solver.CreateSolver("GLOP")
        # The dual simplex without presolve: column after column it stays fast and well
        lp.SetSolverSpecificParametersAsString("use_dual_simplex: true use_preprocessing: false")
        self.constraints = {key: lp.Constraint(lower, upper) for key, (lower, upper) in self.rows.items()}
        self.objective = lp.Objective()
        self.objective.SetMaximization()
        for value, coefficients in self.columns:
            self._variable(value, coefficients)

    def _variable(self, value: float, coefficients: dict) -> None:
        var = self.lp.NumVar(0, self.lp.infinity(), "")
        self.objective.SetCoefficient(var, value)
        for key, k in coefficients.items():
            self.constraints[key].SetCoefficient(var, k)

    def add(self, value: float, coefficients: dict) -> None:
        self.columns.append((value, coefficients))
        self._variable(value, coefficients)

    def solve(self) -> dict:
        """The prices (duals) of the rows at an optimum."""
        status = self.lp.Solve()
        if status != pywraplp.Solver.OPTIMAL:  # GLOP re-solving after new columns can give up: start afresh
            self._build()
            status = self.lp.Solve()
        if status != pywraplp.Solver.OPTIMAL:
            raise RuntimeError(f"the bound's LP ended with status {status}")
        self.value = self.objective.Value()
        return {key: row.dual_value() for key, row in self.constraints.items()}


class _Master:
    """The per-slot LP over the columns found so far, and its prices."""

    def __init__(self, model: LPBound):
        self.model = model
        self.known: set[tuple[int, tuple[int, ...]]] = set()
        rows = {("slot", t): (0, 1) for t in range(len(model.slots))}
        rows |= {("session", i): (1 if pinned else 0, 1) for i, pinned in enumerate(model.pinned)}
        rows |= {("use", key): (0, cap) for key, cap in model.capacity.items()}
        self.lp = ColumnLP(rows)

    @property
    def value(self) -> float:
        return self.lp.value

    def add(self, t: int, column: tuple[int, ...]) -> None:
        self.known.add((t, column))
        coefficients: dict = {("slot", t): 1}
        for i in column:
            coefficients["session", i] = 1
            for key in self.model.uses(i, t):
                coefficients["use", key] = coefficients.get(("use", key), 0) + 1
        self.lp.add(self.model.value(column), coefficients)

    def solve(self):
        """The LP's prices: per slot, per session (>= 0 unless pinned), per resource (>= 0)."""
        duals, model = self.lp.solve(), self.model
        return ([duals["slot", t] for t in range(len(model.slots))],
                [duals["session", i] if pinned else max(0.0, duals["session", i]) for i, pinned in enumerate(model.pinned)],
                {key: max(0.0, duals["use", key]) for key in model.capacity})
