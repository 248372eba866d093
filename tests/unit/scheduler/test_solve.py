"""The solver: valid grids, pins kept, honest metrics, edge cases (the command line: tests/unit/test_cli.py)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.scheduler.explain import explain
from planner.scheduler.messages import Names
from planner.scheduler.metrics import evaluate
from planner.scheduler.problem import load_problem
from planner.scheduler.rules import check_grid
from planner.scheduler.solve import solve
from planner.scheduler.wording import render

DAY = "2026-11-28"


def _slots(n, day=DAY, start=10):
    return [{"id": f"{day[-2:]}-{i}", "day": day, "start": f"{start + i:02d}:00", "end": f"{start + i:02d}:45"}
            for i in range(n)]


def _problem(**parts):
    data = {"rooms": [{"id": "r1", "name": "A", "capacity": 50, "features": ["projector"]},
                      {"id": "r2", "name": "B", "capacity": 10, "features": []}],
            "slots": _slots(3), "sessions": [], "votes": {}}
    data.update(parts)
    return load_problem(data)


def _solve(problem, **kw):
    kw.setdefault("time_limit", 2)
    kw.setdefault("max_iterations", 3000)
    return solve(problem, **kw)


def test_clashing_favourites_go_to_different_slots():
    p = _problem(sessions=[{"id": f"p{i}"} for i in range(4)],
                 votes={f"v{i}": ["p0", "p1"] for i in range(20)} | {"w": ["p2", "p3"]})
    grid = _solve(p)
    slot_of = {a["session"]: a["slots"][0] for a in grid["assignments"]}
    assert slot_of["p0"] != slot_of["p1"]
    assert grid["metrics"]["honoured_votes"] == 42
    assert grid["metrics"]["optimal"] is True


def test_popular_session_gets_the_big_room():
    p = _problem(sessions=[{"id": "big"}, {"id": "small"}],
                 votes={f"v{i}": ["big"] for i in range(30)} | {"w": ["small"]})
    grid = _solve(p)
    assert {a["session"]: a["room"] for a in grid["assignments"]}["big"] == "r1"
    assert grid["metrics"]["overflow"] == 0


def test_no_votes_at_all_still_schedules_everything():
    p = _problem(sessions=[{"id": f"p{i}"} for i in range(5)])
    grid = _solve(p)
    assert (len(grid["assignments"]), grid["unscheduled"]) == (5, [])
    assert grid["metrics"]["total_votes"] == 0


def test_more_sessions_than_places_leaves_the_least_wanted_out():
    p = _problem(sessions=[{"id": f"p{i}"} for i in range(8)],
                 votes={f"v{i}": [f"p{i}"] * 1 for i in range(6)} | {"x": ["p0"], "y": ["p1"]})
    grid = _solve(p)
    assert len(grid["assignments"]) == 6
    assert sorted(grid["unscheduled"]) == ["p6", "p7"]


def test_a_full_grid_leaves_out_a_workshop_when_two_sessions_in_its_places_win_more():
    # One room, two slots: the workshop (four votes) comes first in the first grid and
    # takes both; "a" and "b" (three votes each) in its places win six.
    workshop = {"id": "w", "length": 2}
    votes = {f"w{i}": ["w"] for i in range(4)} | {f"a{i}": ["a"] for i in range(3)} | {f"b{i}": ["b"] for i in range(3)}
    p = load_problem({"rooms": [{"id": "r1", "capacity": 50}], "slots": _slots(2),
                      "sessions": [workshop, {"id": "a"}, {"id": "b"}], "votes": votes})
    for seed in range(3):
        grid = _solve(p, seed=seed)
        assert (sorted(a["session"] for a in grid["assignments"]), grid["unscheduled"]) == (["a", "b"], ["w"])
        assert grid["metrics"]["honoured_votes"] == 6
    # A workshop that wins more than the two takes their places: the first grid is not the last word.
    votes |= {f"w{i}": ["w"] for i in range(7)}
    p = load_problem({"rooms": [{"id": "r1", "capacity": 50}], "slots": _slots(2),
                      "sessions": [workshop, {"id": "a"}, {"id": "b"}], "votes": votes})
    assert _solve(p)["unscheduled"] == ["a", "b"]


def test_session_no_room_can_take_is_left_out_with_reason():
    p = _problem(sessions=[{"id": "p1", "needs": ["kitchen"]}, {"id": "p2"}], votes={"v": ["p1", "p2"]})
    grid = _solve(p)
    assert grid["unscheduled"] == ["p1"]
    assert [(x.session, x.reason) for x in explain(p, grid).left_out] == [("p1", "explain.no_place")]


def test_host_unavailable_all_day_is_left_out():
    p = _problem(sessions=[{"id": "p1", "hosts": ["u1"]}], unavailable={"u1": [s["id"] for s in _slots(3)]},
                 votes={"v": ["p1"]})
    grid = _solve(p)
    assert grid["unscheduled"] == ["p1"]


def test_two_slot_session_across_lunch():
    slots = [{"id": "a", "day": DAY, "start": "11:00", "end": "11:45"},
             {"id": "b", "day": DAY, "start": "12:15", "end": "13:00"},  # 30 min: may span
             {"id": "c", "day": DAY, "start": "14:00", "end": "14:45"}]  # 60 min: may not
    p = load_problem({"rooms": [{"id": "r1", "capacity": 5}], "slots": slots,
                      "sessions": [{"id": "w", "length": 2}], "votes": {"v": ["w"]}})
    grid = _solve(p)
    assert grid["assignments"] == [{"session": "w", "room": "r1", "slots": ["a", "b"]}]


def test_empty_problem():
    grid = _solve(load_problem({"rooms": [], "slots": [], "sessions": []}))
    assert (grid["assignments"], grid["unscheduled"], grid["metrics"]["honoured_votes"]) == ([], [], 0)


def test_pins_stay_and_host_votes_for_overlapping_sessions_do_not_count():
    p = _problem(sessions=[{"id": "mine", "hosts": ["u1"], "pinned": {"room": "r2", "slot": "28-0"}},
                           {"id": "other"}],
                 slots=_slots(1), votes={"u1": ["other", "mine"]})
    grid = _solve(p)
    assert {"session": "mine", "room": "r2", "slots": ["28-0"]} in grid["assignments"]
    # u1 hosts "mine" at the only slot: their vote for "other" cannot be honoured
    assert grid["metrics"]["honoured_votes"] == 1


def test_previous_grid_is_kept_unless_a_move_wins_more_than_it_costs():
    sessions = [{"id": "p1"}, {"id": "p2"}]
    votes = {"a": ["p1", "p2"], "b": ["p1", "p2"]}
    previous = [{"session": "p1", "room": "r1", "slot": "28-0"}, {"session": "p2", "room": "r2", "slot": "28-0"}]
    # moving p2 away would win 2 votes but cost 3: it stays
    stay = _solve(_problem(sessions=sessions, votes=votes, previous=previous, move_cost=3))
    assert stay["metrics"]["moved"] == 0
    assert stay["metrics"]["value"] == 2
    # at cost 1 the move pays
    move = _solve(_problem(sessions=sessions, votes=votes, previous=previous, move_cost=1))
    assert (move["metrics"]["moved"], move["metrics"]["honoured_votes"], move["metrics"]["value"]) == (1, 4, 3)


def test_same_seed_and_iterations_give_the_same_grid():
    p = _problem(sessions=[{"id": f"p{i}"} for i in range(6)], slots=_slots(4),
                 votes={f"v{i}": [f"p{i % 6}", f"p{(i * 7) % 6}", f"p{(i + 2) % 6}"] for i in range(30)})
    a, b = _solve(p, seed=5), _solve(p, seed=5)
    assert (a["assignments"], a["unscheduled"]) == (b["assignments"], b["unscheduled"])


def test_on_improvement_reports_better_grids():
    p = _problem(sessions=[{"id": f"p{i}"} for i in range(6)],
                 votes={f"v{i}": [f"p{i % 6}", f"p{(i + 1) % 6}"] for i in range(12)})
    seen = []
    final = _solve(p, on_improvement=lambda g: seen.append(g["metrics"]["value"]))
    assert seen[0] <= seen[-1] == final["metrics"]["value"]


def test_explain_names_the_costliest_clash():
    p = _problem(sessions=[{"id": "x"}, {"id": "y"}], slots=_slots(1),
                 rooms=[{"id": "r1", "capacity": 9}, {"id": "r2", "capacity": 9}],
                 votes={f"v{i}": ["x", "y"] for i in range(5)})
    grid = _solve(p)
    why = explain(p, grid)
    assert [(c.first, c.second, c.voters) for c in why.clashes] == [("x", "y", 5)]
    assert len(why.lost) == 5
    names = Names(sessions={"x": "Robotik AG", "y": "MINT-Mädchen"}, slots={"28-0": (DAY, "10:00")})
    assert render(why.clashes[0].said, "en", names) == \
        "5 people wanted both “Robotik AG” and “MINT-Mädchen”, both at Sat 10:00."


# -- property: every grid the solver returns is valid and honestly scored ----

@st.composite
def problems(draw):
    n_rooms = draw(st.integers(1, 3))
    n_slots = draw(st.integers(1, 4))
    rooms = [{"id": f"r{i}", "capacity": draw(st.integers(0, 6)),
              "features": draw(st.lists(st.sampled_from(["projector", "accessible"]), max_size=2, unique=True))}
             for i in range(n_rooms)]
    slots = [{"id": f"s{i}", "day": DAY if i < 3 else "2026-11-29", "start": f"{10 + i:02d}:00", "end": f"{10 + i:02d}:45"}
             for i in range(n_slots)]
    hosts = ["h1", "h2", "h3"]
    sessions = []
    for i in range(draw(st.integers(0, 7))):
        sessions.append({"id": f"p{i}", "hosts": draw(st.lists(st.sampled_from(hosts), max_size=2, unique=True)),
                         "length": draw(st.integers(1, min(2, 3 if n_slots >= 3 else n_slots) if n_slots > 1 else 1)),
                         "needs": draw(st.lists(st.sampled_from(["projector", "accessible"]), max_size=1))})
    ids = [s["id"] for s in sessions]
    votes = {}
    if ids:
        for v in range(draw(st.integers(0, 8))):
            votes[f"v{v}" if v % 3 else hosts[v % 3]] = draw(st.lists(st.sampled_from(ids), max_size=4, unique=True))
    unavailable = {h: draw(st.lists(st.sampled_from([s["id"] for s in slots]), max_size=2, unique=True)) for h in hosts}
    return {"rooms": rooms, "slots": slots, "sessions": sessions, "votes": votes, "unavailable": unavailable}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(), st.integers(0, 3))
def test_solver_grids_break_no_rule_and_report_true_metrics(data, seed):
    problem = load_problem(data)
    grid = solve(problem, time_limit=1, seed=seed, max_iterations=400)
    assert check_grid(problem, grid) == []
    independent = evaluate(problem, grid, upper_bound=grid["metrics"]["upper_bound"]).to_dict()
    assert {k: v for k, v in grid["metrics"].items() if k != "seconds"} == \
        {k: v for k, v in independent.items() if k != "seconds"}
    assert grid["metrics"]["honoured_votes"] <= grid["metrics"]["upper_bound"]
    placed = {a["session"] for a in grid["assignments"]}
    assert placed | set(grid["unscheduled"]) == {s["id"] for s in data["sessions"]}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_pins_stay_where_they_are(data):
    problem = load_problem(data)
    first = solve(problem, time_limit=1, max_iterations=200)
    if not first["assignments"]:
        return
    pin = first["assignments"][0]
    for s in data["sessions"]:
        if s["id"] == pin["session"]:
            s["pinned"] = {"room": pin["room"], "slot": pin["slots"][0]}
    pinned_problem = load_problem(data)
    grid = solve(pinned_problem, time_limit=1, seed=1, max_iterations=300)
    assert pin in grid["assignments"]
    assert check_grid(pinned_problem, grid) == []
