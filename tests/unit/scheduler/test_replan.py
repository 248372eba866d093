"""Re-planning after a release: the published grid is the start, and a
session moves only when the move wins back more than ``move_cost``."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from planner.i18n import t
from planner.scheduler.explain import Move, explain
from planner.scheduler.messages import Names
from planner.scheduler.metrics import evaluate
from planner.scheduler.problem import load_problem
from planner.scheduler.rules import check_grid
from planner.scheduler.solve import solve
from planner.scheduler.wording import render

DAY = "2026-11-28"


@st.composite
def planned(draw):
    """A small problem (hosts do not vote, so placing a session never costs a
    vote) and the grid the solver publishes for it."""
    n_rooms, n_slots = draw(st.integers(1, 3)), draw(st.integers(1, 4))
    rooms = [{"id": f"r{i}", "capacity": draw(st.integers(0, 6)),
              "features": draw(st.lists(st.sampled_from(["projector"]), max_size=1))} for i in range(n_rooms)]
    slots = [{"id": f"s{i}", "day": DAY, "start": f"{10 + i:02d}:00", "end": f"{10 + i:02d}:45"}
             for i in range(n_slots)]
    sessions = [{"id": f"p{i}", "hosts": draw(st.lists(st.sampled_from(["h1", "h2", "h3"]), max_size=1)),
                 "length": draw(st.integers(1, 2)) if n_slots > 1 else 1,
                 "needs": draw(st.lists(st.sampled_from(["projector"]), max_size=1))}
                for i in range(draw(st.integers(1, 7)))]
    ids = [s["id"] for s in sessions]
    votes = {f"v{v}": draw(st.lists(st.sampled_from(ids), max_size=4, unique=True)) for v in range(draw(st.integers(0, 10)))}
    data = {"rooms": rooms, "slots": slots, "sessions": sessions, "votes": votes,
            "move_cost": draw(st.sampled_from([1, 3]))}
    published = solve(load_problem(data), time_limit=1, seed=draw(st.integers(0, 3)), max_iterations=300)
    data["previous"] = [{"session": a["session"], "room": a["room"], "slot": a["slots"][0]}
                        for a in published["assignments"]]
    return data, published


def _value(problem, assignments) -> float:
    return evaluate(problem, {"assignments": assignments}, upper_bound=0).value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(planned(), st.integers(0, 3))
def test_replan_with_nothing_changed_keeps_the_grid_unless_a_move_pays(case, seed):
    data, published = case
    problem = load_problem(data)
    grid = solve(problem, time_limit=1, seed=seed, max_iterations=300)
    m = grid["metrics"]
    assert check_grid(problem, grid) == []
    assert m["value"] >= _value(problem, published["assignments"])
    if published["metrics"]["optimal"]:  # nothing can win anything back
        assert m["moved"] == 0
        # Every published placement stays as it was; a session left out before may be added
        # where a place is free (more sessions scheduled is the solver's next aim).
        kept = [a for a in grid["assignments"] if a["session"] in {p["session"] for p in published["assignments"]}]
        assert sorted(kept, key=lambda a: a["session"]) == sorted(published["assignments"], key=lambda a: a["session"])
    if m["moved"]:
        assert m["honoured_votes"] - published["metrics"]["honoured_votes"] > problem.move_cost * m["moved"]
    assert len(explain(problem, grid).moves) == m["moved"]
    # no published session is left out (nothing changed: each still has its place)
    assert {a["session"] for a in published["assignments"]} <= {a["session"] for a in grid["assignments"]}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(planned(), st.data())
def test_replan_after_a_withdrawal_moves_only_what_pays(case, data_):
    data, published = case
    assume(published["assignments"])
    gone = data_.draw(st.sampled_from([a["session"] for a in published["assignments"]]))
    changed = copy.deepcopy(data)
    changed["sessions"] = [s for s in changed["sessions"] if s["id"] != gone]
    changed["votes"] = {v: [x for x in chosen if x != gone] for v, chosen in changed["votes"].items()}
    problem = load_problem(changed)
    grid = solve(problem, time_limit=1, seed=1, max_iterations=300)
    m = grid["metrics"]
    assert check_grid(problem, grid) == []
    stay = [a for a in published["assignments"] if a["session"] != gone]
    assert m["value"] >= _value(problem, stay)
    if m["moved"]:
        assert m["value"] > _value(problem, stay)
    # a move whose published place is free again would be undone unless it pays
    where = {a["session"]: a for a in grid["assignments"]}
    for entry in problem.previous:
        before = next(a for a in published["assignments"] if a["session"] == entry)
        if where.get(entry) == before:
            continue
        back = [a for a in grid["assignments"] if a["session"] != entry] + [before]
        if check_grid(problem, {"assignments": back}) == []:
            assert _value(problem, back) < m["value"]
    moves = explain(problem, grid).moves
    assert sorted(x.session for x in moves) == sorted(s for s in problem.previous if where.get(s) != next(
        a for a in published["assignments"] if a["session"] == s))


def _replan_case():
    """Two slots, two rooms; p1 and p2 share their voters, and p3 is new."""
    return {
        "rooms": [{"id": "r1", "name": "Hall", "capacity": 50}, {"id": "r2", "name": "Lounge", "capacity": 10}],
        "slots": [{"id": "a", "day": DAY, "start": "10:00", "end": "10:45"},
                  {"id": "b", "day": DAY, "start": "11:00", "end": "11:45"}],
        "sessions": [{"id": "p1"}, {"id": "p2"}, {"id": "p3"}],
        "previous": [{"session": "p1", "room": "r1", "slot": "a"}, {"session": "p2", "room": "r1", "slot": "b"}],
        "move_cost": 3,
    }


def test_new_session_goes_to_a_free_place_and_nothing_moves():
    data = _replan_case() | {"votes": {f"v{i}": ["p1", "p2", "p3"] for i in range(4)}}
    problem = load_problem(data)
    grid = solve(problem, time_limit=1, max_iterations=500)
    placed = {a["session"]: (a["room"], a["slots"][0]) for a in grid["assignments"]}
    assert (placed["p1"], placed["p2"], grid["metrics"]["moved"]) == (("r1", "a"), ("r1", "b"), 0)
    assert explain(problem, grid).moves == ()


def test_a_published_session_is_never_cancelled_for_a_newcomer_with_more_votes():
    """Re-planning keeps every published session in the programme: a pitch with ten
    votes does not push out one with a single vote that people planned their day by."""
    data = _replan_case() | {"rooms": [{"id": "r1", "name": "Hall", "capacity": 50}],
                             "votes": {**{f"v{i}": ["p3"] for i in range(10)}, "w": ["p1", "p2"]}}
    problem = load_problem(data)
    for seed in range(4):
        grid = solve(problem, time_limit=1, seed=seed, max_iterations=2_000)
        placed = {a["session"]: (a["room"], a["slots"][0]) for a in grid["assignments"]}
        assert placed == {"p1": ("r1", "a"), "p2": ("r1", "b")}
    # Without a published grid the ten votes win a place, as they should.
    fresh = load_problem({k: v for k, v in data.items() if k != "previous"})
    assert "p3" in {a["session"] for a in solve(fresh, time_limit=1, max_iterations=2_000)["assignments"]}


def test_a_newcomer_that_needs_a_published_sessions_room_gets_it_by_moving_that_session():
    """The only kids' room is taken by a published session; a free place is left elsewhere.
    The pitch comes in and the published session moves there (it must not go out, and the
    two steps one by one each lose: only the move together pays)."""
    data = {
        "rooms": [{"id": "kids", "capacity": 30, "features": ["kids-friendly"]}, {"id": "hall", "capacity": 50}],
        "slots": [{"id": "a", "day": DAY, "start": "10:00", "end": "10:45"}],
        "sessions": [{"id": "p1"}, {"id": "pitch", "needs": ["kids-friendly"], "hands": 10}],
        "votes": {"w": ["p1"]},
        "previous": [{"session": "p1", "room": "kids", "slot": "a"}],
        "move_cost": 3,
    }
    problem = load_problem(data)
    for seed in range(3):
        grid = solve(problem, time_limit=1, seed=seed, max_iterations=2_000)
        assert {a["session"]: a["room"] for a in grid["assignments"]} == {"p1": "hall", "pitch": "kids"}
        assert grid["metrics"]["moved"] == 1


def test_a_move_that_pays_is_explained_with_its_gain():
    # Room r1 is closed in slot b now: p2 must move (forced); nothing else moves.
    data = _replan_case() | {"votes": {"v": ["p2"]}, "room_unavailable": {"r1": ["b"]}}
    problem = load_problem(data)
    grid = solve(problem, time_limit=1, max_iterations=500)
    (move,) = explain(problem, grid).moves
    assert (move.session, move.forced, move.detail) == ("p2", True, "reason.room_unavailable")
    names = Names(sessions={"p2": "Robotik"}, rooms={"r1": "Hall", "r2": "Lounge"},
                  slots={"a": (DAY, "10:00"), "b": (DAY, "11:00")})
    assert render(move.said, "en", names).startswith("“Robotik” had to move from Hall, Sat 11:00 to ")
    assert render(move.said, "en", names).endswith(": the room is unavailable in slot Sat 11:00.")
    # Four people want p1 and p3 and p3 can only be at 10:00 (its host is away at 11):
    # moving p1 to 11:00 wins 4 votes for a cost of 3.
    data = _replan_case() | {"votes": {f"v{i}": ["p1", "p3"] for i in range(4)},
                             "sessions": [{"id": "p1"}, {"id": "p2"}, {"id": "p3", "hosts": ["h"]}],
                             "unavailable": {"h": ["b"]}}
    problem = load_problem(data)
    grid = solve(problem, time_limit=1, max_iterations=2000)
    moves = explain(problem, grid).moves
    assert [(x.session, x.gained) for x in moves] == [("p1", 4)]
    assert grid["metrics"]["value"] == 8 - 3
    # p3 (four votes, the bigger audience) has the hall at 10:00 now: the four votes are what
    # p1's move made room for, and the explanation says so.
    assert {a["session"]: (a["room"], a["slots"][0]) for a in grid["assignments"]}["p3"] == ("r1", "a")
    assert moves[0].made_room_for == ("p3",)
    assert render(moves[0].said, "en", names) == \
        "“p1” moves from Hall, Sat 10:00 to Lounge, Sat 11:00, making room for “p3”: that wins 4 votes (a move costs 3)."
    assert render(moves[0].said, "de", names) == ("„p1“ zieht von Hall, Sa 10:00 nach Lounge, Sa 11:00 und macht Platz "
                                                  "für „p3“: das bringt 4 Stimmen (eine Verschiebung kostet 3).")


def test_a_move_names_the_sessions_it_made_room_for_and_only_those():
    # Built by hand: a move that made room for nobody says only its gain; one that made room for
    # two sessions names both.
    names = Names(sessions={"p1": "Robotik"}, rooms={"r1": "Hall", "r2": "Lounge"},
                  slots={"a": (DAY, "10:00"), "b": (DAY, "11:00")})
    move = Move("p1", ("r1", "a"), ("r2", "b"), 5, 3.0)
    assert render(move.said, "en", names) == \
        "“Robotik” moves from Hall, Sat 10:00 to Lounge, Sat 11:00: that wins 5 votes (a move costs 3)."
    out = Move("p1", ("r1", "a"), None, 1, 0.5, made_room_for=("p2", "p3"))
    assert render(out.said, "de", names) == ("„Robotik“ (bisher Hall, Sa 10:00) ist nicht mehr im Plan und macht "
                                             "Platz für „p2“, „p3“: das bringt 1 Stimme (eine Verschiebung kostet 0.5).")


def test_move_messages_have_plural_forms():
    assert t("explain.move.wins", "en", gained=1, cost="3") == "that wins 1 vote (a move costs 3)"
    assert t("explain.move.wins", "de", gained=2, cost="3") == "das bringt 2 Stimmen (eine Verschiebung kostet 3)"
    assert t("explain.move.little", "de", gained=1, cost="3") == \
        "das bringt nur 1 Stimme, nicht mehr, als eine Verschiebung kostet (3)"
    assert t("explain.move.costs", "en", lost=1, cost="3") == "that costs 1 honoured vote, plus a move (3)"
    assert t("explain.move.costs", "de", lost=4, cost="3") == "das kostet 4 erfüllte Stimmen, dazu eine Verschiebung (3)"


def test_a_move_that_does_not_pay_says_so_instead_of_a_gain_below_zero():
    # A draft adjusted by hand can move a published session to a worse place: the explanation
    # says what it costs, never "wins -4 votes"; one that wins no more than a move costs says "only".
    names = Names(sessions={"p1": "Robotik"}, rooms={"r1": "Hall", "r2": "Lounge"},
                  slots={"a": (DAY, "10:00"), "b": (DAY, "11:00")})
    said = {g: render(Move("p1", ("r1", "a"), ("r2", "b"), g, 3.0).said, lang, names)
            for g in (-4, 0, 3, 4) for lang in ("de",)}
    assert said[-4] == "„Robotik“ zieht von Hall, Sa 10:00 nach Lounge, Sa 11:00: das kostet 4 erfüllte Stimmen, " \
                       "dazu eine Verschiebung (3)."
    assert said[0].endswith(": das bringt keine Stimme (eine Verschiebung kostet 3).")
    assert said[3].endswith(": das bringt nur 3 Stimmen, nicht mehr, als eine Verschiebung kostet (3).")
    assert said[4].endswith(": das bringt 4 Stimmen (eine Verschiebung kostet 3).")
    out = Move("p1", ("r1", "a"), None, -1, 3.0, made_room_for=("p2",))
    assert render(out.said, "en", names) == ("“Robotik” (was Hall, Sat 10:00) is no longer in the grid, making room "
                                             "for “p2”: that costs 1 honoured vote, plus a move (3).")
    assert "-" not in render(out.said, "de", names)