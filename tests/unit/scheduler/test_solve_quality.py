"""The faster bookkeeping of the solver (every voter in the slot counters,
voters of several workshops recounted one by one) counts what the metrics
count, and listening to the solver's progress does not change its result."""

import random
import time

from hypothesis import HealthCheck, given, settings

from planner.scheduler import solve as solver
from planner.scheduler.metrics import evaluate
from planner.scheduler.problem import load_problem
from planner.scheduler.rules import Feasibility, check_grid
from test_metrics import problems  # small problems with workshops, hosts who vote

DAY = "2026-11-28"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_voters_of_several_workshops_are_counted_as_the_metrics_count_them(case):
    """The counts kept move by move during a hot annealing walk (swaps
    included) equal a recount from scratch, at every best grid and at the end."""
    data, seed = case
    p = load_problem(data)
    state = solver._State(p, Feasibility(p))
    rng = random.Random(seed)
    solver._greedy(state, rng)
    seen = [list(state.pos)]
    seen += solver._anneal(state, rng, time.perf_counter() + 60, 400, 3.0, 1.0)
    seen.append(list(state.pos))
    for positions in seen[1:-1]:
        assert check_grid(p, solver._grid(state, positions)) == []
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


def test_two_searches_trade_grids_halfway_and_give_the_better(monkeypatch):
    """Halfway the helper offers its best grid, the better of the two goes back
    to it, both go on from there; the result is the better of their final grids."""
    p = load_problem(_medium_problem())
    offers, answers, results = [], [], []
    real_offer, real_answer, real_result = solver._Helper.offer, solver._Helper.answer, solver._Helper.result

    def offer(self, timeout):
        offers.append(real_offer(self, timeout))
        return offers[-1]

    def answer(self, positions):
        answers.append(positions)
        real_answer(self, positions)

    def result(self, timeout):
        results.append(real_result(self, timeout))
        return results[-1]

    monkeypatch.setattr(solver._Helper, "offer", offer)
    monkeypatch.setattr(solver._Helper, "answer", answer)
    monkeypatch.setattr(solver._Helper, "result", result)
    own = []
    real_trade = solver._trade

    def trade(state, best, trade_):
        state_score = solver._State(p, Feasibility(p))
        solver._restore(state_score, best)
        own.append((state_score.score(), list(best)))
        return real_trade(state, best, trade_)

    monkeypatch.setattr(solver, "_trade", trade)
    heard = []
    both = solver.solve(p, time_limit=60, seed=3, max_iterations=300, searches=2, on_improvement=heard.append)
    assert len(offers) == len(answers) == len(own) == 1 and offers[0] is not None
    (helper_score, helper_grid), (our_score, our_grid) = offers[0], own[0]
    assert answers[0] == (helper_grid if helper_score > our_score else our_grid)  # the better one, for both
    assert both["metrics"]["value"] >= int(max(helper_score, our_score))  # neither walk loses its start
    assert results[0] is not None and solver._rank(both) == max(solver._rank(both), solver._rank(results[0]))
    assert check_grid(p, both) == []
    assert heard[-1]["assignments"] == both["assignments"]  # the page sees the grid it gets


def _walked(p, seed, iterations):
    state = solver._State(p, Feasibility(p))
    rng = random.Random(seed)
    solver._greedy(state, rng)
    best = list(state.pos)
    for best in solver._anneal(state, rng, time.perf_counter() + 60, iterations, 2.0, 0.4):
        pass
    solver._restore(state, best)
    return state.score(), best


def test_a_walk_goes_on_from_a_better_grid_it_is_handed_halfway():
    p = load_problem(_medium_problem())
    good_score, good = _walked(p, 9, 4000)
    calls = []

    def trade(score, positions):
        calls.append((score, positions))
        return good

    *_, final = solver.iter_solve(p, 60, seed=3, max_iterations=60, exchange=(0.0, trade))
    assert len(calls) == 1 and calls[0][0] < good_score  # 30 proposals do not reach the long walk's grid
    assert final["metrics"]["value"] >= int(good_score)
    assert check_grid(p, final) == []


def test_a_walk_keeps_its_own_grid_when_handed_a_worse_or_broken_one():
    p = load_problem(_medium_problem())
    own = list(solver.iter_solve(p, 60, seed=3, max_iterations=3000, exchange=(0.0, lambda s, g: g)))[-1]
    greedy = solver._State(p, Feasibility(p))
    solver._greedy(greedy, random.Random(3))
    clash = list(greedy.pos)
    placed = [si for si, pos in enumerate(clash) if pos is not None and greedy.length[si] == 1]
    clash[placed[1]] = clash[placed[0]]  # two sessions in one room at once
    for handed in (list(greedy.pos), clash, clash[:-1], None):
        *_, final = solver.iter_solve(p, 60, seed=3, max_iterations=3000, exchange=(0.0, lambda s, g, h=handed: h))
        assert final["assignments"] == own["assignments"]  # as if it had been handed its own grid


def test_a_run_too_short_for_a_helper_stays_one_search():
    p = load_problem(_medium_problem())
    quick = solver.solve(p, time_limit=1, seed=3, max_iterations=300, searches=2)
    assert quick["assignments"] == solver.solve(p, time_limit=60, seed=3, max_iterations=300, searches=1)["assignments"]


def test_a_helper_that_cannot_start_leaves_the_run_to_the_first_search(monkeypatch):
    p = load_problem(_medium_problem())
    alone = solver.solve(p, time_limit=60, seed=3, max_iterations=300, searches=1)

    def no_process(*args, **kwargs):
        raise OSError("no processes left")

    monkeypatch.setattr(solver.subprocess, "Popen", no_process)
    both = solver.solve(p, time_limit=60, seed=3, max_iterations=300, searches=2)
    assert both["assignments"] == alone["assignments"]


def test_a_settled_walk_starts_again_from_its_start_and_keeps_the_best_grid(monkeypatch):
    """With no better grid for STALL_PER_SESSION proposals per session in the first
    half of its time, the walk goes back to the grid it began from; the grids it
    reports still only get better."""
    p = load_problem(_medium_problem())
    state = solver._State(p, Feasibility(p))
    rng = random.Random(5)
    solver._greedy(state, rng)
    origin = list(state.pos)
    restarts = []
    real_restore = solver._restore
    proposals = []
    real_propose = solver._propose

    def propose(*args):
        proposals.append(None)
        return real_propose(*args)

    def restore(state_, positions):
        restarts.append(len(proposals))
        assert positions == origin
        real_restore(state_, positions)

    monkeypatch.setattr(solver, "_restore", restore)
    monkeypatch.setattr(solver, "_propose", propose)
    monkeypatch.setattr(solver, "STALL_PER_SESSION", 2)
    scores = []
    for positions in solver._anneal(state, rng, time.perf_counter() + 60, 4000, 2.0, 0.4):
        grid = solver._grid(state, positions)
        assert check_grid(p, grid) == []
        scores.append(evaluate(p, grid, upper_bound=0).honoured_votes)
    assert restarts
    # Only a walk in the first half of what is left starts again; a later one goes on cooling.
    first = 0
    for at in restarts:
        assert at - first < (4000 - first) / 2
        first = at
    assert scores == sorted(scores) and scores[-1] > scores[0]
    assert state.honoured <= scores[-1]  # the walk itself may stand lower: the caller keeps the best
