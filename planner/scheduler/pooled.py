"""A proven upper bound on honoured votes for problems too big for bound.py's
per-slot LP: the slots pooled into one, the pricing proven by a MIP solver.

The relaxation is bound.py's, with the slots taken as alike. A grid starts a
set C_t of sessions in each slot t, and honours at most the sum of f(C_t)
(bound.py's f: voters with a vote in C, less hosts away in a session of C
they did not vote for). Forget which slot a set is in; what is left:

- at most as many sets as there are slots, each session in at most one set
  (a pinned one in exactly one);
- each set fits some slot: at most as many sessions as the most rooms open
  at once, for each feature at most as many as the most rooms with it, no
  host twice;
- all sets together use at most the room-slots open (a session of length L
  uses L of them), and for each feature at most the open room-slots with it.

Every valid grid satisfies these, so the best choice of sets under them
bounds every grid. The LP over sets is solved by column generation (GLOP),
new sets found by bound.climb and a short annealing; with one pool instead
of one problem per slot, a proof needs one pricing problem, not one per slot.

The bound is the Lagrangian value for the LP's final prices pi (per session,
>= 0 unless pinned), rho (per kind of room-slot, >= 0)::

    sum(pi) + sum(rho * room-slots) + slots * max(0, max over sets C of f(C) - w(C))

where w(C) sums each session's price and length times the prices of the
room-slots it uses. It holds for any such prices; the inner max is proven by
SCIP (bundled with OR-Tools) as a MIP over the same rules, voters as
variables. On the bench's medium instances (80 sessions) the best grid known
is 93.8 % and 98.2 % of it after a minute (bench/README.md).

A page cannot wait for that: :func:`later` computes it in a child process
(``python -m planner.scheduler.pooled``) and answers from a cache once done.
"""

from __future__ import annotations

import json
import logging
import math
import os
import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ortools.linear_solver import pywraplp

from planner.scheduler import child
from planner.scheduler.bound import EPS, ColumnLP, LPBound, climb, fingerprint
from planner.scheduler.bound import MAX_SESSIONS as LP_SESSIONS
from planner.scheduler.problem import Problem, load_problem, problem_to_dict
from planner.scheduler.rules import Feasibility

SECONDS = 60.0  # for one bound: about half to find the sets, the rest to prove (more rounds while time is left)
MAX_SESSIONS = 120  # beyond this the sets are not found in time (250 sessions: the LP is far from solved after 60 s)
STARTS = 20  # random pairs a round climbs from (besides the last sets found)
SHAKES = 3  # annealing runs per round when the local search finds no new set
SHAKE_MOVES = 20_000


class PooledBound:
    """The pooled relaxation of a problem and its column generation."""

    def __init__(self, problem: Problem, feasibility: Feasibility | None = None):
        model = LPBound(problem, feasibility or Feasibility(problem))
        self.value = model.value  # f(C), as bound.py counts it
        self.voters, self.away, self.lengths = model.voters, model.away, model.lengths
        self.needs, self.hosts, self.pinned = model.needs, model.hosts, model.pinned
        self.candidates = sorted({i for slot in model.slots for i in slot.candidates})
        n_slots = len(model.slots)
        self.slots = n_slots
        self.features = model.features
        self.width = max((slot.width for slot in model.slots), default=0)
        self.most_with = {f: max(model.capacity[t, f] for t in range(n_slots)) for f in self.features}
        self.cells = {key: sum(model.capacity[t, key] for t in range(n_slots)) for key in [None, *self.features]}

    def fits(self, column) -> bool:
        """Sessions that could start together in some slot (as far as the pool can tell)."""
        if len(column) > self.width:
            return False
        hosts: set[str] = set()
        used: dict[str, int] = {}
        for i in column:
            if hosts & self.hosts[i]:
                return False
            hosts |= self.hosts[i]
            for f in self.needs[i]:
                used[f] = used.get(f, 0) + 1
                if used[f] > self.most_with[f]:
                    return False
        return True

    def uses(self, i: int) -> dict:
        """The room-slots session i takes, by kind (None: any room)."""
        return {None: self.lengths[i], **{f: self.lengths[i] for f in self.needs[i]}}

    def weights(self, pi: dict[int, float], rho: dict) -> dict[int, float]:
        return {i: pi[i] + sum(rho[k] * n for k, n in self.uses(i).items()) for i in self.candidates}

    # -- finding sets

    def shake(self, w: dict[int, float], rng: random.Random, moves: int = SHAKE_MOVES) -> tuple[float, tuple[int, ...]]:
        """Simulated annealing over sets (add, drop, swap a session), then a climb from the best seen:
        the climb alone stops at the first set no single change improves."""
        column: list[int] = []
        now = best = 0.0
        found: tuple[int, ...] = ()
        for k in range(moves):
            temperature = 4.0 * (0.05 / 4.0) ** (k / moves)
            r = rng.random()
            i = rng.choice(self.candidates)
            if not column or (r < 0.2 and len(column) < self.width):
                if i in column:
                    continue
                new = column + [i]
            elif r < 0.3:
                j = rng.randrange(len(column))
                new = column[:j] + column[j + 1:]
            else:
                if i in column:
                    continue
                j = rng.randrange(len(column))
                new = column[:j] + column[j + 1:] + [i]
            if not self.fits(new):
                continue
            v = self.value(new) - sum(w[x] for x in new)
            if v >= now or rng.random() < math.exp((v - now) / temperature):
                column, now = new, v
                if now > best + EPS:
                    best, found = now, tuple(sorted(column))
        return climb(self.candidates, self.voters, self.away, w, self.fits, found)

    def most(self, w: dict[int, float], seconds: float) -> tuple[float, tuple[int, ...]] | None:
        """An upper bound on max over sets C of f(C) - w(C), and the best set found (SCIP;
        when time runs out, the bound of what it did not search). None without SCIP."""
        # A session that cannot win more than its price is never needed in a best set.
        items = [i for i in self.candidates if self.voters[i].bit_count() - w[i] > 0]
        if not items:
            return 0.0, ()
        mip = pywraplp.Solver.CreateSolver("SCIP")
        if mip is None:
            return None
        mip.SetSolverSpecificParametersAsString("timing/clocktype = 1")  # CPU seconds, as the column generation counts
        mip.SetTimeLimit(max(1, int(seconds * 1000)))
        x = {i: mip.BoolVar("") for i in items}
        by_voter: dict[int, list[int]] = {}
        for i in items:
            for v in _bits(self.voters[i]):
                by_voter.setdefault(v, []).append(i)
        y = {v: mip.NumVar(0, 1, "") for v in by_voter}
        for v, sessions in by_voter.items():
            mip.Add(y[v] <= sum(x[i] for i in sessions))
        for i in items:  # a host away in a session they did not vote for counts for nothing in that slot
            for v in _bits(self.away[i]):
                if v in y:
                    mip.Add(y[v] <= 1 - x[i])
        mip.Add(sum(x.values()) <= self.width)
        for f in self.features:
            mip.Add(sum(x[i] for i in items if f in self.needs[i]) <= self.most_with[f])
        for k, i in enumerate(items):
            for j in items[k + 1:]:
                if self.hosts[i] & self.hosts[j]:
                    mip.Add(x[i] + x[j] <= 1)
        mip.Maximize(sum(y.values()) - sum(w[i] * x[i] for i in items))
        status = mip.Solve()
        if status not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
            return None
        column = tuple(sorted(i for i in items if x[i].solution_value() > 0.5))
        return mip.Objective().BestBound() + 1e-4, column  # a hair above: the solver's own tolerance

    # -- the LP

    def bound(self, seconds: float = SECONDS, stats: dict | None = None,
              on_proof: Callable[[float], None] | None = None) -> float | None:
        """The best Lagrangian bound proven within about ``seconds`` of CPU time; None when none was.
        ``on_proof`` hears the best one so far after each proof (the first is often good enough)."""
        if not self.candidates:  # no session has a place: nothing is honoured
            return 0.0
        # The time is the process's CPU time: behind a solver run on a busy machine (this
        # runs niced) the bound waits instead of cutting its search short.
        started, wall = time.process_time(), time.perf_counter()
        deadline = started + seconds
        master = _PoolMaster(self)
        for i in self.candidates:  # every session alone: the LP is feasible from the start
            master.add((i,))
        rng = random.Random(1)
        found: list[tuple[int, ...]] = []
        best = math.inf
        proofs = rounds = 0
        while True:
            rounds += 1
            mu, pi, rho = master.solve()
            w = self.weights(pi, rho)
            new = 0
            starts = [(), *found[-8:], *(tuple(rng.sample(self.candidates, min(2, len(self.candidates))))
                                         for _ in range(STARTS))]
            for start in starts:
                if time.process_time() < deadline and self.fits(start):
                    new += self._offer(master, w, mu, found, climb(self.candidates, self.voters, self.away, w,
                                                                   self.fits, start)[1])
            for _ in range(0 if new else SHAKES):
                if time.process_time() < deadline:
                    new += self._offer(master, w, mu, found, self.shake(w, rng)[1])
            now = time.process_time()
            if new and now < started + seconds / 2:
                continue
            # Nothing new found, or half the time gone: prove these prices (once at least).
            if now >= deadline and proofs:
                break
            proven = self.most(w, max(1.0, deadline - now, seconds / 10 if not proofs else 0))
            if proven is None:
                break
            proofs += 1
            top, column = proven
            constant = sum(pi.values()) + sum(rho[k] * self.cells[k] for k in self.cells)
            best = min(best, constant + self.slots * max(0.0, top))
            if on_proof is not None:
                on_proof(best)
            if best - master.value < 0.5 or not self._offer(master, w, mu, found, column):
                break  # the LP is solved: no set pays at its prices
        if stats is not None:
            stats.update(rounds=rounds, proofs=proofs, columns=len(master.known), lp=master.value,
                         seconds=time.perf_counter() - wall, cpu=time.process_time() - started)
        return None if best == math.inf else best

    def _offer(self, master: _PoolMaster, w: dict[int, float], mu: float, found: list, column) -> int:
        """Add ``column`` to the LP when it pays at these prices and is new: 1 if added."""
        if column and column not in master.known and self.fits(column) \
                and self.value(column) - sum(w[i] for i in column) > mu + EPS:
            master.add(column)
            found.append(column)
            return 1
        return 0


class _PoolMaster:
    """The pooled LP over the sets found so far, and its prices."""

    def __init__(self, model: PooledBound):
        self.model = model
        self.known: set[tuple[int, ...]] = set()
        rows = {"count": (0, model.slots)}
        rows |= {("session", i): (1 if model.pinned[i] else 0, 1) for i in model.candidates}
        rows |= {("cells", k): (0, n) for k, n in model.cells.items()}
        self.lp = ColumnLP(rows)

    @property
    def value(self) -> float:
        return self.lp.value

    def add(self, column: tuple[int, ...]) -> None:
        self.known.add(column)
        coefficients: dict = {"count": 1}
        for i in column:
            coefficients["session", i] = 1
            for k, n in self.model.uses(i).items():
                coefficients["cells", k] = coefficients.get(("cells", k), 0) + n
        self.lp.add(self.model.value(column), coefficients)

    def solve(self) -> tuple[float, dict[int, float], dict]:
        """The LP's prices: per set (mu), per session (>= 0 unless pinned), per kind of room-slot (>= 0)."""
        duals, model = self.lp.solve(), self.model
        return (duals["count"],
                {i: duals["session", i] if model.pinned[i] else max(0.0, duals["session", i]) for i in model.candidates},
                {k: max(0.0, duals["cells", k]) for k in model.cells})


def _bits(mask: int):
    """The positions of the set bits of ``mask``."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def pooled_bound(problem: Problem, feasibility: Feasibility | None = None, seconds: float = SECONDS,
                 on_proof: Callable[[int], None] | None = None, stats: dict | None = None) -> int | None:
    """The pooled bound on honoured votes, or None (no votes, too big, or nothing proven in time);
    ``on_proof`` hears each better one as it is proven, ``stats`` gets the run's (see PooledBound.bound)."""
    if not problem.votes or len(problem.sessions) > MAX_SESSIONS:
        return None
    try:
        value = PooledBound(problem, feasibility).bound(
            seconds, stats, on_proof=None if on_proof is None else lambda v: on_proof(math.floor(v + EPS)))
    except RuntimeError:  # the LP solver gave up: the quick bound will do
        return None
    return None if value is None else math.floor(value + EPS)


# -- in the background, for the page

_known: dict[str, int | None] = {}  # fingerprint -> the bound (None: nothing better proven)
_running: dict[str, int | None] = {}  # fingerprint -> the best bound its process has proven so far
_lock = threading.Lock()


def later(problem: Problem) -> tuple[bool, int | None]:
    """(done, bound): the pooled bound of ``problem`` once a child process has proven it.
    The first call starts that process (one at a time: a change of the votes while one runs
    waits for it); until it ends the answer is (False, the best bound it has proven so far,
    or None). Problems small enough for bound.py's LP have their bound at once and need
    none: (True, None)."""
    if not _in_range(problem):
        return True, None
    key = fingerprint(problem)
    with _lock:
        if key in _known:
            return True, _known[key]
        if key in _running:
            return False, _running[key]
        if not _running:
            _running[key] = None
            threading.Thread(target=_child, args=(key, problem_to_dict(problem)), daemon=True,
                             name="pooled-bound").start()
    return False, None


def _in_range(problem: Problem) -> bool:
    """Too big for bound.py's LP, small enough for this one, with votes to bound."""
    return bool(problem.votes) and LP_SESSIONS < len(problem.sessions) <= MAX_SESSIONS


def known(problem: Problem) -> int | None:
    """The pooled bound of ``problem`` if it was computed in this process, else None (starts nothing)."""
    if not _in_range(problem):
        return None
    key = fingerprint(problem)
    with _lock:
        return _known[key] if key in _known else _running.get(key)


def _child(key: str, data: dict) -> None:
    """Run ``python -m planner.scheduler.pooled`` on the problem (it lowers its own priority) and
    keep each bound it proves, the last as the answer."""
    path = None
    try:
        process, path = child.start("planner.scheduler.pooled", data, stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL, text=True)
        timer = threading.Timer(SECONDS * 3, process.kill)  # a process that hangs is stopped
        timer.start()
        try:
            for line in process.stdout:
                value = json.loads(line)["bound"]
                with _lock:
                    _running[key] = value
            process.wait()
        finally:
            timer.cancel()
    except (OSError, ValueError, KeyError) as err:
        logging.getLogger(__name__).warning("the pooled bound failed: %r", err)
    finally:
        if path is not None:
            path.unlink(missing_ok=True)
        with _lock:
            _known[key] = _running.pop(key, None)
            if len(_known) > 16:
                _known.pop(next(iter(_known)))


if __name__ == "__main__":
    os.nice(10)  # behind the pages and the solver (set here: a preexec_fn is unsafe in a threaded server)
    pooled_bound(load_problem(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))),
                 on_proof=lambda value: print(json.dumps({"bound": value}), flush=True))
