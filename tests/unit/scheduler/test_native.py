"""The walk in C (walk.c, loaded by native.py): it counts a grid as the Python
state counts it, scores a change as making it would, and walks to valid grids;
without it the scheduler walks in Python."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.scheduler import native
from planner.scheduler import solve as solver
from planner.scheduler.metrics import evaluate
from planner.scheduler.problem import load_problem
from planner.scheduler.rules import Feasibility, check_grid
from test_metrics import _published, _some_change, problems  # small problems with workshops, hosts who vote
from test_solve_quality import _medium_problem


def test_the_walk_in_c_is_built_here():
    """make builds it (a machine without a C compiler walks in Python, slower)."""
    assert native.library() is not None


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(), st.booleans())
def test_counts_and_scores_a_change_as_the_python_state_does(case, replan):
    """After each random change (workshops' too), the C state loaded with the
    Python state's grid holds the same grid, votes, moves, sessions and
    overflow; and it scores each move or swap as ``_State.delta`` does."""
    data, seed = case
    if replan:  # a published grid makes moves cost
        data = _published(data, seed)
    p = load_problem(data)
    state = solver._State(p, Feasibility(p))
    rng = random.Random(seed)
    solver._greedy(state, rng)
    shared = native.Native(native.library(), state)
    movable = [si for si in range(state.n) if state.places[si]]
    for _ in range(40):
        shared.load(state.pos)
        assert shared.positions() == state.pos
        assert shared.counts() == {"honoured": state.honoured, "moved": state.moved,
                                   "scheduled": state.scheduled, "overflow": state.overflow}
        assert shared.score() == pytest.approx(state.score(), abs=1e-9)
        change = _some_change(state, rng, movable)
        if change is None:
            continue
        expected = state.delta(change)
        scored = shared.delta(change)
        assert (scored is None) == (expected is None), change
        if expected is not None:
            assert scored == pytest.approx(expected, abs=1e-9), change
        undo = state.apply(change)
        if rng.random() < 0.3:
            state.apply(undo)


def test_solve_walks_in_c_and_a_run_with_max_iterations_gives_the_same_grid(monkeypatch):
    def no_python_walk(*args):
        raise AssertionError("the Python walk ran")

    monkeypatch.setattr(solver, "_anneal", no_python_walk)
    p = load_problem(_medium_problem())
    runs = [solver.solve(p, time_limit=60, seed=4, max_iterations=20_000) for _ in range(2)]
    assert runs[0]["assignments"] == runs[1]["assignments"]
    assert check_grid(p, runs[0]) == []
    greedy = next(solver.iter_solve(p, time_limit=60, seed=4, max_iterations=0))
    assert runs[0]["metrics"]["honoured_votes"] == evaluate(p, runs[0], upper_bound=0).honoured_votes
    assert runs[0]["metrics"]["value"] > greedy["metrics"]["value"]


def test_without_the_library_solve_walks_in_python(monkeypatch):
    walked = []
    python_walk = solver._anneal

    def counted(*args):
        walked.append(True)
        yield from python_walk(*args)

    monkeypatch.setattr(solver, "_anneal", counted)
    monkeypatch.setattr(native, "library", lambda: None)
    p = load_problem(_medium_problem())
    grid = solver.solve(p, time_limit=60, seed=4, max_iterations=3000)
    assert walked and check_grid(p, grid) == []


def _walk(stall: int, iterations: int) -> tuple[native.Walk, solver._State, list[solver.Position]]:
    p = load_problem(_medium_problem())
    state = solver._State(p, Feasibility(p))
    solver._greedy(state, random.Random(5))
    movable, longs = solver._walkers(state)
    shared = native.native_of(state)
    shared.load(state.pos)
    walk = native.Walk(shared, 99, movable, longs, 2.0, 0.4, 60.0, iterations, stall * len(movable),
                       solver.LONG_SHARE, solver.SWAP_SHARE)
    return walk, state, list(state.pos)


def test_a_settled_walk_in_c_starts_again_only_in_its_first_half_and_keeps_the_best_grid():
    walk, state, origin = _walk(stall=2, iterations=4000)
    before = state.score()
    assert walk.run(60.0)
    restarts, last = walk.restarts
    assert restarts > 0 and 0 < last < 4000
    best = walk.best()
    assert best is not None and best != origin
    solver._restore(state, best)
    assert check_grid(state.p, solver._grid(state, best)) == [] and state.score() > before
    settled, *_ = _walk(stall=10**6, iterations=4000)
    settled.run(60.0)
    assert settled.restarts == (0, 0)
    # A walk that settles only late (after 3000 of 4000 proposals) goes on cooling.
    late, *_ = _walk(stall=3000 // len(solver._walkers(state)[0]) + 1, iterations=4000)
    late.run(60.0)
    assert late.restarts == (0, 0)


def test_a_walk_stops_at_the_end_of_its_slice_and_goes_on_where_it_stopped():
    walk, _, _ = _walk(stall=10**6, iterations=None)
    assert walk.run(0.0) is False  # the slice is over, the walk (60 s) is not
    done = walk.iterations
    walk.run(0.05)
    assert walk.iterations > done
