"""The LP bound (bound.py) and the pooled bound (pooled.py): never below what
a valid grid honours, found by trying every grid of tiny problems; tighter
than the quick bound where sessions must share slots."""

from __future__ import annotations

import threading
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.scheduler.bound import lp_bound
from planner.scheduler.metrics import evaluate, forced_moves, honoured_bound, proven_bound, share_of_best
from planner.scheduler.metrics import sharpened
from planner.scheduler.pooled import later, pooled_bound
from planner.scheduler.problem import load_problem
from planner.scheduler.rules import Feasibility, check_grid

DAY = "2026-11-28"


def _problem(sessions, votes, n_slots=2, n_rooms=2, **extra):
    return load_problem({
        "rooms": [{"id": f"r{i}", "capacity": 10} for i in range(n_rooms)],
        "slots": [{"id": f"s{i}", "day": DAY, "start": f"{10 + i:02d}:00", "end": f"{10 + i:02d}:45"}
                  for i in range(n_slots)],
        "sessions": [{"id": s, "hosts": []} for s in sessions], "votes": votes, **extra})


def test_sessions_that_must_share_slots_lose_votes_the_quick_bound_misses():
    # 4 sessions in 2 slots of 2 rooms: every split puts two voters' pairs together.
    votes = {"v1": ["a", "b"], "v2": ["c", "d"], "v3": ["a", "c"], "v4": ["b", "d"], "v5": ["a", "d"], "v6": ["b", "c"]}
    problem = _problem("abcd", votes)
    assert honoured_bound(problem) == 12
    assert lp_bound(problem) == proven_bound(problem) == pooled_bound(problem) == 10
    grid = {"assignments": [{"session": s, "room": f"r{i % 2}", "slots": [f"s{i // 2}"]} for i, s in enumerate("abcd")]}
    assert evaluate(problem, grid).honoured_votes == 10 and evaluate(problem, grid).optimal


def test_share_of_best_counts_the_moves_no_grid_avoids():
    assert share_of_best(90, 100, 0, 3) == 90
    assert share_of_best(90, 100, 2, 3) == 95  # 90 of at most 100 - 2 * 3
    assert share_of_best(0, 0, 0, 3) == 100  # nothing to honour: any grid is the best
    assert share_of_best(-3, 10, 0, 3) == 0
    problem = _problem("ab", {"v": ["a"]}, room_unavailable={"r0": ["s0"]},
                       previous=[{"session": "a", "room": "r0", "slot": "s0"}, {"session": "b", "room": "r1", "slot": "s1"}])
    assert forced_moves(problem) == 1  # a's room is closed now


@st.composite
def tiny(draw):
    """Up to 4 sessions, 2 rooms, 3 slots (a long lunch after the second), hosts who vote, pins, a previous grid."""
    n_slots, n_rooms = draw(st.integers(1, 3)), draw(st.integers(1, 2))
    slots = [{"id": f"s{i}", "day": DAY, "start": start, "end": end}
             for i, (start, end) in enumerate([("10:00", "10:45"), ("11:00", "11:45"), ("13:00", "13:45")][:n_slots])]
    rooms = [{"id": f"r{i}", "capacity": 5, "features": draw(st.lists(st.just("projector"), max_size=1))}
             for i in range(n_rooms)]
    people = ["h1", "h2", "v1", "v2", "v3"]
    sessions = [{"id": f"p{i}", "hosts": draw(st.lists(st.sampled_from(people[:2]), max_size=1)),
                 "length": draw(st.integers(1, 2)) if n_slots > 1 else 1,
                 "needs": draw(st.lists(st.just("projector"), max_size=1))}
                for i in range(draw(st.integers(1, 4)))]
    ids = [s["id"] for s in sessions]
    data = {"rooms": rooms, "slots": slots, "sessions": sessions,
            "votes": {v: draw(st.lists(st.sampled_from(ids), max_size=3, unique=True)) for v in people},
            "unavailable": {"h1": draw(st.lists(st.sampled_from([s["id"] for s in slots]), max_size=1))},
            "room_unavailable": {"r0": draw(st.lists(st.sampled_from([s["id"] for s in slots]), max_size=1))}}
    places = Feasibility(load_problem(data)).places
    if places[0] and draw(st.booleans()):
        room, start = draw(st.sampled_from(places[0]))
        sessions[0]["pinned"] = {"room": f"r{room}", "slot": f"s{start}"}
    if draw(st.booleans()):
        data["previous"] = [{"session": sid, "room": draw(st.sampled_from([r["id"] for r in rooms])),
                             "slot": draw(st.sampled_from([s["id"] for s in slots]))}
                            for sid in draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))]
    return data


def _every_grid(problem):
    """Every valid grid (sessions left out included), by trying every place of every session."""
    places = Feasibility(problem).places
    n_slots = len(problem.slots)

    def go(i, chosen):
        if i == len(problem.sessions):
            grid = {"assignments": chosen}
            if not check_grid(problem, grid):
                yield grid
            return
        yield from go(i + 1, chosen)
        s = problem.sessions[i]
        for room, start in places[i]:
            if start + s.length <= n_slots:
                slots = [problem.slots[start + k].id for k in range(s.length)]
                yield from go(i + 1, chosen + [{"session": s.id, "room": problem.rooms[room].id, "slots": slots}])

    yield from go(0, [])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny())
def test_bound_is_never_below_the_best_grid_found_by_trying_them_all(data):
    problem = load_problem(data)
    results = [evaluate(problem, grid, upper_bound=0) for grid in _every_grid(problem)]
    best = max(m.honoured_votes for m in results)
    lp = lp_bound(problem)
    assert lp is not None and lp >= best
    pooled = pooled_bound(problem, seconds=5)
    assert pooled is None and not any(problem.votes.values()) or pooled >= best
    bound = proven_bound(problem)
    assert best <= bound <= honoured_bound(problem)
    # With a previous grid: no grid's value beats the bound less the moves none avoids.
    forced = forced_moves(problem)
    assert max(m.value for m in results) <= bound - problem.move_cost * forced
    assert all(m.moved >= forced for m in results)


def _crowded_parts(extra_voter=False):
    votes = {"v1": ["a", "b"], "v2": ["c", "d"], "v3": ["a", "c"], "v4": ["b", "d"], "v5": ["a", "d"], "v6": ["b", "c"]}
    others = [f"x{i}" for i in range(48)]
    votes |= {f"w{i}": [sid] for i, sid in enumerate(others)}
    if extra_voter:
        votes["w0"] = []  # one vote less, one more voter: the same bound
        votes["w48"] = ["x0"]
    return [*"abcd", *others], votes


def _crowded():
    """52 sessions for 2 slots of 26 rooms: four voters' favourites a-d must share slots
    (as in the first test: 2 of their 12 votes are lost), 48 sessions of one voter each."""
    return _problem(*_crowded_parts(), n_slots=2, n_rooms=26)


def _wait(problem):
    """pooled.later until the child has answered (the limit is generous, not a timing)."""
    for _ in range(900):
        done, value = later(problem)
        if done:
            return done, value
        time.sleep(0.1)
    return later(problem)


def test_beyond_the_lp_a_pooled_bound_is_proven_in_the_background_and_sharpens_the_share():
    problem = _crowded()
    assert lp_bound(problem) is None and honoured_bound(problem) == 60  # 12 + 48: the quick bound misses the clash
    others = [s.id for s in problem.sessions[4:]]
    order = ["a", "b", *others[:24], "c", "d", *others[24:]]  # a, b in the first slot, c, d in the second
    grid = {"assignments": [{"session": sid, "room": f"r{i % 26}", "slots": [f"s{i // 26}"]}
                            for i, sid in enumerate(order)]}
    before = evaluate(problem, grid)
    assert (before.honoured_votes, before.upper_bound, before.of_best) == (58, 60, 96)
    done, value = later(problem)
    assert (done, value) == (False, None)  # started, in a process of its own
    assert sharpened(problem, before) == (before, True)
    changed = _problem(*_crowded_parts(extra_voter=True), n_slots=2, n_rooms=26)
    assert later(changed) == (False, None)  # waits for the one running: one process at a time
    assert len([t for t in threading.enumerate() if t.name == "pooled-bound"]) == 1
    assert _wait(problem) == (True, 58)
    assert _wait(changed) == (True, 58)  # started once the first was done
    after, pending = sharpened(problem, before)
    assert not pending and (after.upper_bound, after.of_best, after.optimal) == (58, 100, True)
    assert proven_bound(problem) == 58 and evaluate(problem, grid).of_best == 100


def test_problems_the_lp_bound_covers_start_nothing_in_the_background():
    problem = _problem("abcd", {"v1": ["a", "b"]})
    assert later(problem) == (True, None)
    assert not [t for t in threading.enumerate() if t.name == "pooled-bound"]


def test_each_proof_is_heard_as_it_comes_the_last_is_the_bound():
    heard = []
    value = pooled_bound(_crowded(), on_proof=heard.append)
    assert heard and heard[-1] == value == 58 and heard == sorted(heard, reverse=True)
