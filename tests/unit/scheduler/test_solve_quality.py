"""The faster bookkeeping of the solver (every voter in the slot counters,
voters of several workshops recounted one by one) counts what the metrics
count, and listening to the solver's progress does not change its result."""

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.scheduler import solve as solver
from planner.scheduler.metrics import evaluate
from planner.scheduler.problem import load_problem
from planner.scheduler.rules import Feasibility, check_grid

DAY = "2026-11-28"


@st.composite
def workshop_heavy(draw):
    """Few slots, many workshops, voters who want several of them and host some."""
    n_slots = draw(st.integers(3, 6))
    people = ["a", "b", "c", "d"]
    sessions = [{"id": f"p{i}", "hosts": draw(st.lists(st.sampled_from(people), max_size=1)),
                 "length": draw(st.sampled_from([1, 2, 2, 3]))} for i in range(draw(st.integers(2, 8)))]
    ids = [s["id"] for s in sessions]
    votes = {v: draw(st.lists(st.sampled_from(ids), min_size=1, max_size=6, unique=True))
             for v in people + ["v1", "v2"]}
    data = {"rooms": [{"id": f"r{i}", "capacity": 2} for i in range(draw(st.integers(1, 3)))],
            "slots": [{"id": f"s{i}", "day": DAY, "start": f"{10 + i:02d}:00", "end": f"{10 + i:02d}:45"}
                      for i in range(n_slots)],
            "sessions": sessions, "votes": votes}
    return data, draw(st.integers(0, 1000))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workshop_heavy())
def test_voters_of_several_workshops_are_counted_as_the_metrics_count_them(case):
    data, seed = case
    p = load_problem(data)
    state = solver._State(p, Feasibility(p))
    rng = random.Random(seed)
    solver._greedy(state, rng)
    movable = [si for si in range(state.n) if state.places[si]]
    for _ in range(60):
        change = solver._propose(state, rng, movable) if movable else None
        if change is None:
            continue
        undo = state.apply(change)
        if rng.random() < 0.3:
            state.apply(undo)
        grid = solver._grid(state, state.pos)
        assert check_grid(p, grid) == []
        assert state.honoured == evaluate(p, grid, upper_bound=0).honoured_votes


def _medium_problem() -> dict:
    rng = random.Random(7)
    slots = [{"id": f"s{i}", "day": DAY, "start": f"{9 + i:02d}:00", "end": f"{9 + i:02d}:45"} for i in range(6)]
    sessions = [{"id": f"p{i}", "hosts": [f"h{i % 9}"], "length": 2 if i % 7 == 0 else 1} for i in range(20)]
    votes = {f"v{j}": rng.sample([s["id"] for s in sessions], k=rng.randint(2, 6)) for j in range(60)}
    return {"rooms": [{"id": f"r{i}", "capacity": 10 + 5 * i} for i in range(4)], "slots": slots,
            "sessions": sessions, "votes": votes}


def test_listening_to_the_progress_does_not_change_the_grid():
    p = load_problem(_medium_problem())
    quiet = solver.solve(p, time_limit=60, seed=3, max_iterations=3000)
    heard = []
    loud = solver.solve(p, time_limit=60, seed=3, max_iterations=3000, report_every=0,
                        on_improvement=heard.append)
    assert loud["assignments"] == quiet["assignments"]
    assert len(heard) >= 2 and heard[-1] is loud
