"""What a grid is worth, counted from the grid alone; and the solver's own count agrees."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.scheduler import solve as solver
from planner.scheduler.metrics import evaluate, honoured_bound
from planner.scheduler.problem import load_problem
from planner.scheduler.rules import Feasibility, Rule, check_grid

DAY = "2026-11-28"


def _problem(sessions, votes, n_slots=3, rooms=None, **extra):
    data = {
        "rooms": rooms or [{"id": "r1", "capacity": 2}, {"id": "r2", "capacity": 5}, {"id": "r3", "capacity": 9}],
        "slots": [{"id": f"s{i}", "day": DAY, "start": f"{10 + i:02d}:00", "end": f"{10 + i:02d}:45"}
                  for i in range(n_slots)],
        "sessions": sessions, "votes": votes,
    }
    data.update(extra)
    return load_problem(data)


def _grid(*placed):
    return {"assignments": [{"session": s, "room": r, "slots": list(slots)} for s, r, *slots in placed]}


def test_honoured_votes_one_per_voter_and_slot():
    p = _problem([{"id": "a"}, {"id": "b"}, {"id": "c"}], {"v": ["a", "b", "c"], "w": ["a"]})
    m = evaluate(p, _grid(("a", "r1", "s0"), ("b", "r2", "s0"), ("c", "r3", "s1")))
    assert (m.total_votes, m.honoured_votes, m.lost_votes, m.unscheduled_votes) == (4, 3, 1, 0)


def test_workshop_and_talks_count_the_most_sessions_that_do_not_overlap():
    p = _problem([{"id": "w", "length": 2}, {"id": "t0"}, {"id": "t1"}, {"id": "t2"}],
                 {"v": ["w", "t0", "t1", "t2"], "x": ["w", "t2"]})
    m = evaluate(p, _grid(("w", "r1", "s0", "s1"), ("t0", "r2", "s0"), ("t1", "r2", "s1"), ("t2", "r2", "s2")))
    # v: t0, t1, t2 beat the workshop; x: both fit
    assert m.honoured_votes == 3 + 2


def test_host_cannot_attend_what_overlaps_their_session():
    p = _problem([{"id": "mine", "hosts": ["h"], "length": 2}, {"id": "t0"}, {"id": "t2"}],
                 {"h": ["t0", "t2"], "k": ["mine", "t0"]})
    m = evaluate(p, _grid(("mine", "r1", "s0", "s1"), ("t0", "r2", "s0"), ("t2", "r2", "s2")))
    # h hosts at s0-s1 and did not vote for it: only t2; k: one of mine/t0
    assert (m.honoured_votes, m.lost_votes) == (1 + 1, 2)


def test_overflow_moved_and_value():
    previous = [{"session": "a", "room": "r1", "slot": "s0"}, {"session": "b", "room": "r1", "slot": "s1"},
                {"session": "c", "room": "r1", "slot": "s2"}]
    p = _problem([{"id": "a"}, {"id": "b"}, {"id": "c"}], {f"v{i}": ["a"] for i in range(4)},
                 previous=previous, move_cost=2)
    m = evaluate(p, _grid(("a", "r1", "s0"), ("b", "r2", "s1")))  # b changed room, c left out
    assert (m.overflow, m.moved, m.honoured_votes, m.value, m.scheduled) == (2, 2, 4, 0, 2)


def test_previous_session_withdrawn_since_does_not_count():
    p = _problem([{"id": "a"}], {}, previous=[{"session": "gone", "room": "r1", "slot": "s0"}])
    assert evaluate(p, _grid(("a", "r1", "s1"))).moved == 0


def test_bound_is_votes_a_voter_can_fit():
    p = _problem([{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d", "pinned": {"room": "r1", "slot": "s0"}},
                  {"id": "e", "pinned": {"room": "r2", "slot": "s0"}}],
                 {"v": ["a", "b", "c", "d"], "w": ["d", "e"]}, n_slots=3)
    # v: four sessions, three slots; w: both pins at s0
    assert honoured_bound(p) == 3 + 1


def test_bound_counts_workshops_by_length():
    p = _problem([{"id": "w1", "length": 2}, {"id": "w2", "length": 2}], {"v": ["w1", "w2"]}, n_slots=3)
    assert honoured_bound(p) == 1


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_solver_bound_holds_and_first_grid_is_valid(seed):
    p = _problem([{"id": f"p{i}", "length": 1 + (i % 4 == 0), "hosts": [f"h{i % 3}"]} for i in range(9)],
                 {f"v{i}": [f"p{(i * k) % 9}" for k in (1, 2, 5)] for i in range(12)} | {"h1": ["p0", "p4"]},
                 n_slots=4)
    grids = list(solver.iter_solve(p, time_limit=1, seed=seed, max_iterations=300))
    assert check_grid(p, grids[0]) == []
    assert all(g["metrics"]["honoured_votes"] <= g["metrics"]["upper_bound"] for g in grids)
    assert grids[-1]["metrics"]["value"] >= grids[0]["metrics"]["value"]


# -- the solver's incremental count equals the independent one ------------------

@st.composite
def problems(draw):
    n_slots = draw(st.integers(1, 5))
    n_sessions = draw(st.integers(1, 8))
    sessions = [{"id": f"p{i}", "hosts": draw(st.lists(st.sampled_from(["a", "b", "c", "v1"]), max_size=2, unique=True)),
                 "length": draw(st.integers(1, min(3, n_slots)))} for i in range(n_sessions)]
    ids = [s["id"] for s in sessions]
    votes = {v: draw(st.lists(st.sampled_from(ids), max_size=5, unique=True)) for v in ["a", "b", "v1", "v2", "v3"]}
    data = {"rooms": [{"id": f"r{i}", "capacity": 3} for i in range(draw(st.integers(1, 3)))],
            "slots": [{"id": f"s{i}", "day": DAY, "start": f"{10 + i:02d}:00", "end": f"{10 + i:02d}:45"}
                      for i in range(n_slots)],
            "sessions": sessions, "votes": votes}
    return data, draw(st.integers(0, 1000))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_solver_bookkeeping_equals_independent_metrics_after_random_moves(case):
    """After each random move: the solver's counts are those of metrics.evaluate, and
    its own fast copy of room and host use sees exactly the clashes of rules.check_grid."""
    data, seed = case
    p = load_problem(data)
    state = solver._State(p, Feasibility(p))
    rng = random.Random(seed)
    solver._greedy(state, rng)
    movable = [si for si in range(state.n) if state.places[si]]
    for _ in range(40):
        change = _some_change(state, rng, movable)
        if change is None:
            continue
        undo = state.apply(change)
        if rng.random() < 0.3:
            state.apply(undo)
        grid = solver._grid(state, state.pos)
        m = evaluate(p, grid, upper_bound=0)
        assert check_grid(p, grid) == []
        assert (state.honoured, state.overflow, state.scheduled) == (m.honoured_votes, m.overflow, m.scheduled)
        _solver_sees_the_clashes_the_rules_see(p, state, rng.choice(movable))


def _some_change(state, rng, movable):
    """What the annealing proposes, the workshops' changes (rare there) two times in five."""
    longs = [si for si in movable if state.length[si] > 1]
    if longs and rng.random() < 0.4:
        return solver._propose_long(state, rng, rng.choice(longs))
    return solver._propose(state, rng, movable) if movable else None


def _solver_sees_the_clashes_the_rules_see(p, state, si):
    """Every possible place of session ``si`` is free for the solver exactly when
    check_grid finds no room or host clash with ``si`` put there."""
    for room, start in state.places[si]:
        free = room in state.free_rooms(si, start, (si,)) and state.hosts_free(si, state.span_from[si][start], (si,))
        grid = solver._grid(state, [(room, start) if i == si else pos for i, pos in enumerate(state.pos)])
        found = [v for v in check_grid(p, grid)
                 if v.rule in (Rule.ROOM_CLASH, Rule.HOST_CLASH) and p.sessions[si].id in v.sessions]
        assert free == (found == []), (p.sessions[si].id, room, start, found)




def _scores_changes_as_making_them(data, seed, steps):
    """How many proposals ``_State.delta`` scored; each equals what ``apply`` changes,
    and with a limit it is that or, when below the limit, a bound on it."""
    rng = random.Random(seed)
    p = load_problem(data)
    state = solver._State(p, Feasibility(p))
    solver._greedy(state, rng)
    movable = [si for si in range(state.n) if state.places[si]]
    scored = 0
    for _ in range(steps):
        change = _some_change(state, rng, movable)
        if change is None:
            continue
        delta = state.delta(change)
        if delta is not None:
            limit = delta + rng.choice([-2.0, -0.1, 0.1, 1.0, 3.0])
            bounded = state.delta(change, limit)
            if bounded < limit:  # refused without the longer sessions: never one that would be taken
                assert bounded >= delta - 1e-9, change
            else:
                assert bounded == pytest.approx(delta, abs=1e-9), change
        before = state.score()
        undo = state.apply(change)
        if delta is not None:
            scored += 1
            assert state.score() - before == pytest.approx(delta, abs=1e-9), change
        if rng.random() < 0.5:
            state.apply(undo)
    return scored


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(), st.booleans())
def test_solver_scores_a_change_without_making_it_exactly_as_making_it_would(case, replan):
    """``_State.delta`` (the annealing's shortcut for moves and swaps of one-slot
    sessions) equals the change of ``score()`` that ``apply`` makes, whatever
    hosts, longer sessions and voters of several longer sessions are around."""
    data, seed = case
    if replan:  # a published grid makes moves cost
        data = _published(data, seed)
    _scores_changes_as_making_them(data, seed, 60)


def _published(data: dict, seed: int) -> dict:
    """``data`` with a quick grid of it as the published one, and a move cost."""
    first = solver.solve(load_problem(data), time_limit=1, seed=seed, max_iterations=30)
    return {**data, "previous": [{"session": a["session"], "room": a["room"], "slot": a["slots"][0]}
                                 for a in first["assignments"]], "move_cost": 1 + seed % 3}


def test_solver_scores_most_changes_of_a_busy_grid_without_making_them():
    """On a fuller grid (workshops, hosts who vote, voters of several workshops,
    small rooms) the shortcut is taken, and agrees with making the change."""
    rng = random.Random(7)
    sessions = [{"id": f"p{i}", "hosts": [f"v{rng.randrange(30)}"], "length": 2 if i % 6 == 0 else 1}
                for i in range(24)]
    votes = {f"v{k}": rng.sample([s["id"] for s in sessions], rng.randint(2, 9)) for k in range(40)}
    data = {"rooms": [{"id": f"r{i}", "capacity": 4 + 6 * i} for i in range(4)],
            "slots": [{"id": f"s{i}", "day": DAY, "start": f"{10 + i:02d}:00", "end": f"{10 + i:02d}:45"}
                      for i in range(7)],
            "sessions": sessions, "votes": votes}
    assert _scores_changes_as_making_them(data, 3, 600) > 100  # two in five are workshop changes, made to be scored
