"""One definition of a valid grid: every rule broken on purpose is caught and named."""

from __future__ import annotations

import pytest

from planner.errors import ProblemError
from planner.scheduler.problem import load_problem
from planner.scheduler.messages import Names
from planner.scheduler.rules import Rule, check_grid
from planner.scheduler.wording import render


def base(**extra) -> dict:
    problem = {
        "rooms": [
            {"id": "r1", "name": "Saal", "capacity": 2, "features": ["projector"]},
            {"id": "r2", "name": "Werkstatt", "capacity": 10, "features": []},
        ],
        "slots": [
            {"id": "a", "day": "2026-11-28", "start": "10:00", "end": "10:45"},
            {"id": "b", "day": "2026-11-28", "start": "11:00", "end": "11:45"},
            {"id": "c", "day": "2026-11-28", "start": "13:00", "end": "13:45"},  # after a 75-min lunch
            {"id": "d", "day": "2026-11-29", "start": "10:00", "end": "10:45"},
        ],
        "sessions": [
            {"id": "p1", "hosts": ["u1"], "needs": ["projector"]},
            {"id": "p2", "hosts": ["u2"]},
            {"id": "p3", "hosts": ["u1"], "length": 2},
        ],
        "votes": {"v1": ["p1", "p2", "p3"], "v2": ["p1"], "v3": ["p1"]},
        "unavailable": {"u2": ["d"]},
        "room_unavailable": {"r2": ["c"]},
    }
    problem.update(extra)
    return problem


def _a(session, room, *slots):
    return {"session": session, "room": room, "slots": list(slots)}


VALID = [_a("p1", "r1", "a"), _a("p2", "r2", "a"), _a("p3", "r1", "b", "c")]


def rules(grid_assignments, problem=None, advice=False):
    p = load_problem(problem or base())
    return [(v.rule, v.sessions) for v in check_grid(p, {"assignments": grid_assignments}, advice=advice)]


def test_a_split_session_across_a_long_lunch_is_named():
    assert rules(VALID) == [(Rule.SPLIT, ("p3",))]


def test_valid_grid_breaks_nothing():
    grid = [_a("p1", "r1", "a"), _a("p2", "r2", "b"), _a("p3", "r1", "b", "c")]
    p = base()
    p["slots"][2]["start"], p["slots"][2]["end"] = "12:00", "12:45"  # a 15-min gap: fine
    assert rules(grid, p) == []


@pytest.mark.parametrize(
    ("assignments", "expected"),
    [
        ([_a("p1", "r2", "a")], (Rule.MISSING_FEATURE, ("p1",))),
        ([_a("p2", "r2", "c")], (Rule.ROOM_UNAVAILABLE, ("p2",))),
        ([_a("p2", "r1", "d")], (Rule.HOST_UNAVAILABLE, ("p2",))),
        ([_a("p1", "r1", "a"), _a("p2", "r1", "a")], (Rule.ROOM_CLASH, ("p1", "p2"))),
        ([_a("p1", "r1", "a"), _a("p3", "r2", "a", "b")], (Rule.HOST_CLASH, ("p1", "p3"))),
        ([_a("p3", "r2", "a")], (Rule.WRONG_LENGTH, ("p3",))),
        ([_a("p3", "r1", "a", "c")], (Rule.NOT_CONSECUTIVE, ("p3",))),
        ([_a("p3", "r1", "c", "d")], (Rule.OVERNIGHT, ("p3",))),
        ([_a("p9", "r1", "a")], (Rule.UNKNOWN_SESSION, ("p9",))),
        ([_a("p2", "r9", "a")], (Rule.UNKNOWN_ROOM, ("p2",))),
        ([_a("p2", "r1", "zz")], (Rule.UNKNOWN_SLOT, ("p2",))),
        ([_a("p2", "r1", "a"), _a("p2", "r2", "b")], (Rule.TWICE, ("p2",))),
    ],
)
def test_each_rule_broken_on_purpose_is_caught(assignments, expected):
    assert expected in rules(assignments)


def test_pin_moved_and_pin_left_out_are_caught():
    p = base()
    p["sessions"][1]["pinned"] = {"room": "r2", "slot": "b"}
    assert rules([_a("p2", "r2", "a")], p) == [(Rule.PIN_MOVED, ("p2",))]
    assert rules([], p) == [(Rule.PIN_MOVED, ("p2",))]


def test_too_small_room_is_advice_only():
    assert rules([_a("p1", "r1", "a")], advice=True) == [(Rule.TOO_SMALL, ("p1",))]
    assert rules([_a("p1", "r1", "a")]) == []


def test_violation_message_names_titles():
    p = load_problem(base())
    (v,) = check_grid(p, {"assignments": [_a("p1", "r2", "a")]})
    names = Names(sessions={"p1": "Robotik AG"}, rooms={"r2": "Werkstatt"})
    assert render(v.said, "en", names) == "“Werkstatt” lacks what “Robotik AG” needs: “Projector”."
    assert render(v.said, "de", names) == "„Werkstatt“ fehlt, was „Robotik AG“ braucht: „Beamer“."


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (lambda p: p.pop("rooms"), "problem.missing"),
        (lambda p: p["sessions"].append({"id": "p1"}), "problem.duplicate"),
        (lambda p: p["slots"].__setitem__(1, {"id": "b", "day": "2026-11-28", "start": "10:30", "end": "11:15"}), "problem.slot_order"),
        (lambda p: p["slots"][0].update(start="25:00"), "problem.time"),
        (lambda p: p["slots"][0].update(end="10:00"), "problem.slot_empty"),
        (lambda p: p["sessions"][0].update(length=4), "problem.too_long"),
        (lambda p: p["sessions"][0].update(pinned={"room": "r9", "slot": "a"}), "problem.unknown_room"),
        (lambda p: p["votes"].update(v9=["p7"]), "problem.unknown_session"),
        (lambda p: p["unavailable"].update(u1=["zz"]), "problem.unknown_slot"),
        (lambda p: p["sessions"][1].update(pinned={"room": "r2", "slot": "d"}), "problem.pin_invalid"),
        (lambda p: p.update(move_cost=-1), "problem.move_cost"),
    ],
)
def test_bad_problem_is_a_readable_error(change, key):
    p = base()
    change(p)
    with pytest.raises(ProblemError) as err:
        load_problem(p)
    assert err.value.key == key
    assert "\n" not in err.value.message("en")


def test_clashing_pins_are_a_readable_error():
    p = base()
    p["sessions"][0]["pinned"] = {"room": "r1", "slot": "a"}
    p["sessions"][1]["pinned"] = {"room": "r1", "slot": "a"}
    with pytest.raises(ProblemError) as err:
        load_problem(p)
    assert err.value.message("en") == "The pinned sessions “p1” and “p2” clash: the same room at the same time. Unpin one of them."


def test_pins_of_one_host_at_once_clash():
    p = base()
    p["sessions"][0]["pinned"] = {"room": "r1", "slot": "b"}
    p["sessions"][2]["pinned"] = {"room": "r2", "slot": "a"}
    p["slots"][2]["start"], p["slots"][2]["end"] = "12:00", "12:45"
    with pytest.raises(ProblemError) as err:
        load_problem(p)
    assert "host u1 would be in two places" in err.value.message("en")
