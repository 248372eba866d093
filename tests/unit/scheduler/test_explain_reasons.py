"""Why a session is not in the grid: true before any run, too."""

from __future__ import annotations

from planner.scheduler import explain as explain_module
from planner.scheduler.explain import explain
from planner.scheduler.messages import Names
from planner.scheduler.problem import load_problem
from planner.scheduler.wording import render

DAY = "2026-11-28"


def _problem(**parts):
    data = {"rooms": [{"id": "r1", "name": "Hall", "capacity": 50}],
            "slots": [{"id": "a", "day": DAY, "start": "10:00", "end": "10:45"},
                      {"id": "b", "day": DAY, "start": "11:00", "end": "11:45"}],
            "sessions": [{"id": "p1"}, {"id": "p2", "hosts": ["h"]}], "votes": {"v": ["p1", "p2"]}}
    data.update(parts)
    return load_problem(data)


def test_empty_draft_says_not_placed_yet_with_a_free_place():
    why = explain(_problem(), {"assignments": []})
    assert [(x.session, x.reason, x.detail) for x in why.left_out] == [
        ("p1", "explain.unplaced", "explain.why.free"), ("p2", "explain.unplaced", "explain.why.free")]
    names = Names(sessions={"p1": "Robotik"}, rooms={"r1": "Hall"}, slots={"a": (DAY, "10:00")})
    assert render(why.left_out[0].said, "en", names) == \
        "“Robotik” (1 vote) is not in the grid: “Hall” is free at “Sat 10:00”. Put it there."
    assert render(why.left_out[0].said, "de", names) == \
        "„Robotik“ (1 Stimme) ist nicht im Plan: „Hall“ ist um „Sa 10:00“ frei. Lege sie dorthin."


def test_the_free_place_suggested_seats_who_is_expected():
    """A pitch with 30 hands was sent to the 12-seat lounge, the first free place."""
    p = _problem(rooms=[{"id": "lounge", "capacity": 12}, {"id": "hall", "capacity": 120},
                        {"id": "room", "capacity": 40}],
                 sessions=[{"id": "big", "hands": 30}, {"id": "small", "hands": 5}, {"id": "huge", "hands": 500}],
                 votes={}, participants=600)
    why = {x.session: dict(x.params) for x in explain(p, {"assignments": []}).left_out}
    assert p.expected["big"] >= 30 and p.expected["small"] <= 12
    assert why["big"]["room"].ids == ("room",)  # the smallest that seats them
    assert why["small"]["room"].ids == ("lounge",)
    assert why["huge"]["room"].ids == ("hall",)  # none seats them: the biggest


def test_a_place_that_costs_the_host_votes_is_worse():
    # h hosts p2 and voted for p1 and p3, which fill both slots: p2 anywhere costs h a vote.
    p = _problem(rooms=[{"id": "r1", "capacity": 50}, {"id": "r2", "capacity": 50}],
                 sessions=[{"id": "p1"}, {"id": "p2", "hosts": ["h"]}, {"id": "p3"}],
                 votes={"h": ["p1", "p3"]})
    grid = {"assignments": [{"session": "p1", "room": "r1", "slots": ["a"]},
                            {"session": "p3", "room": "r1", "slots": ["b"]}]}
    (out,) = explain(p, grid).left_out
    assert (out.session, out.reason, out.detail) == ("p2", "explain.worse", "explain.why.worse")


def _full_grid(**parts):
    """One room, two slots, both taken by a and b (three voters each); the workshop w (two
    slots) is out."""
    data = {"rooms": [{"id": "r1", "name": "Hall", "capacity": 50}],
            "slots": [{"id": "a", "day": DAY, "start": "10:00", "end": "10:45"},
                      {"id": "b", "day": DAY, "start": "11:00", "end": "11:45"}],
            "sessions": [{"id": "w", "length": 2}, {"id": "a"}, {"id": "b"}],
            "votes": {f"w{i}": ["w"] for i in range(4)} | {f"a{i}": ["a"] for i in range(3)}
            | {f"b{i}": ["b"] for i in range(3)}}
    data.update(parts)
    grid = {"assignments": [{"session": "a", "room": "r1", "slots": ["a"]},
                            {"session": "b", "room": "r1", "slots": ["b"]}]}
    return load_problem(data), grid


def test_a_full_grid_says_whom_a_session_would_displace_and_what_it_costs():
    p, grid = _full_grid()
    (out,) = explain(p, grid).left_out
    assert (out.session, out.reason, out.detail) == ("w", "explain.full", "explain.why.displace")
    names = Names(sessions={"w": "Löten für alle", "a": "Robotik", "b": "Mikrocontroller"})
    # In: w's four voters; out: the six of a and b.
    assert render(out.said, "de", names) == (
        "„Löten für alle“ (4 Stimmen) ist nicht im Plan: Alle passenden Plätze sind belegt; am günstigsten ginge sie "
        "zulasten von „Robotik“, „Mikrocontroller“: 2 erfüllte Stimmen weniger. Soll sie trotzdem stattfinden, "
        "lege sie von Hand in den Plan und pinne sie.")
    assert render(out.said, "en", names).endswith(
        "every fitting place is taken; the cheapest would displace “Robotik”, “Mikrocontroller”: 2 honoured votes "
        "fewer. If it should run anyway, place it by hand and pin it.")


def test_a_full_grid_without_a_costly_displacement_says_only_that_it_is_full():
    # Seven voters for w: it would win more than a and b (a draft not searched yet).
    p, grid = _full_grid(votes={f"w{i}": ["w"] for i in range(7)} | {f"a{i}": ["a"] for i in range(3)}
                         | {f"b{i}": ["b"] for i in range(3)})
    assert [(x.session, x.detail) for x in explain(p, grid).left_out] == [("w", "explain.why.full")]
    # A pinned session does not make way: nothing to weigh.
    p, _ = _full_grid(sessions=[{"id": "w", "length": 2}, {"id": "a", "pinned": {"room": "r1", "slot": "a"}},
                                {"id": "b"}])
    assert [(x.session, x.detail) for x in explain(p, grid).left_out] == [("w", "explain.why.full")]


def test_no_price_when_not_every_place_could_be_weighed(monkeypatch):
    # A big overbooked event has thousands of places to try: past the budget the
    # explanation says only "full" rather than name a place that may not be the cheapest.
    p, grid = _full_grid()
    monkeypatch.setattr(explain_module._Displacement, "BUDGET", 5)  # w's place touches ten voters
    assert [(x.session, x.detail) for x in explain(p, grid).left_out] == [("w", "explain.why.full")]
