"""Loading problems and explaining grids (the command line: tests/unit/test_cli.py)."""

from __future__ import annotations

import json

import pytest

from planner.errors import ProblemError
from planner.scheduler.explain import explain
from planner.scheduler.messages import Names
from planner.scheduler.problem import load_problem, load_problem_file, problem_to_dict
from planner.scheduler.rules import Rule, check_grid
from planner.scheduler.solve import iter_solve, solve
from planner.scheduler.wording import render

DAY = "2026-11-28"


def _data(**parts) -> dict:
    data = {
        "rooms": [{"id": "r1", "name": "Saal", "capacity": 3, "features": ["projector"]},
                  {"id": "r2", "name": "Werkstatt", "capacity": 10, "features": []}],
        "slots": [{"id": "a", "day": DAY, "start": "10:00", "end": "10:45"},
                  {"id": "b", "day": DAY, "start": "11:00", "end": "11:45"},
                  {"id": "c", "day": DAY, "start": "13:00", "end": "13:45"}],  # after a 75-min lunch
        "sessions": [{"id": "p1", "title": "Robotik AG", "hosts": ["u1"], "needs": ["projector"], "topics": ["mint"]},
                     {"id": "p2", "hosts": ["u2"], "length": 2}],
        "votes": {"v1": ["p1", "p2"]},
        "unavailable": {"u1": ["b"]},
        "room_unavailable": {"r2": ["c"]},
        "previous": [{"session": "p1", "room": "r1", "slot": "a"}],
        "move_cost": 2,
    }
    data.update(parts)
    return data


def test_problem_round_trips_through_a_dict():
    problem = load_problem(_data())
    assert load_problem(json.loads(json.dumps(problem_to_dict(problem)))) == problem


@pytest.mark.parametrize(
    ("change", "english"),
    [
        (lambda d: d["rooms"].append({"id": "r1"}), "The room id “r1” occurs twice."),
        (lambda d: d["slots"].append(dict(d["slots"][0])), "The slot id “a” occurs twice."),
        (lambda d: d["sessions"][0].update(length=4), "Session “p1” is longer than any day (slots: 4, longest day: 3). Shorten it or add slots."),
        (lambda d: d["sessions"][0].update(pinned={"room": "r1", "slot": "b"}),
         "The pinned session “p1” cannot be in room “r1” from slot “b”: host u1 is unavailable in slot b. Unpin it or change the data."),
        (lambda d: d["sessions"][0].update(pinned={"room": "r2", "slot": "a"}),
         "The pinned session “p1” cannot be in room “r2” from slot “a”: the room lacks Projector. Unpin it or change the data."),
        (lambda d: d["sessions"][1].update(pinned={"room": "r1", "slot": "b"}),
         "The pinned session “p2” cannot be in room “r1” from slot “b”: there are not enough consecutive slots on that day from this slot. Unpin it or change the data."),
        (lambda d: d.update(votes={"v1": "p1"}), "“votes.v1” has the wrong type: expected list of session ids."),
        (lambda d: d["slots"].reverse(), "The slots “c” and “b” are not in time order or overlap."),
        (lambda d: d["sessions"][0].update(topics="mint"), "“p1.topics” has the wrong type: expected list of text."),
    ],
)
def test_bad_problem_is_one_readable_line(change, english):
    data = _data()
    change(data)
    with pytest.raises(ProblemError) as err:
        load_problem(data)
    assert err.value.message("en") == english
    assert "\n" not in err.value.message("de")


def test_bad_problem_message_in_german():
    data = _data()
    data["sessions"][0]["pinned"] = {"room": "r9", "slot": "a"}
    with pytest.raises(ProblemError) as err:
        load_problem(data)
    assert err.value.message("de") == "„p1.pinned“ verweist auf den unbekannten Raum „r9“."


def test_problem_file_errors_say_what_to_do_in_the_chosen_language(tmp_path):
    """Never an exception's class name or the system's English sentence in a German message."""
    def error(path):
        with pytest.raises(ProblemError) as err:
            load_problem_file(path)
        return err.value.message("de"), err.value.message("en")

    assert error(tmp_path / "nope.json") == (f"Die Datei {tmp_path / 'nope.json'} gibt es nicht.",
                                            f"There is no file {tmp_path / 'nope.json'}.")
    assert error(tmp_path)[0] == f"{tmp_path} ist ein Ordner, keine Datei."
    (tmp_path / "latin1.json").write_bytes('{"rooms": [{"id": "Küche"}]}'.encode("latin-1"))
    assert error(tmp_path / "latin1.json")[0] == \
        f"Die Datei {tmp_path / 'latin1.json'} ist nicht in UTF-8 gespeichert. Speichere sie als UTF-8."
    (tmp_path / "bad.json").write_text("[1, 2", encoding="utf-8")
    assert error(tmp_path / "bad.json") == ("Die Datei ist kein gültiges JSON (Zeile 1, Spalte 6).",
                                           "The file is not valid JSON (line 1, column 6).")


def test_problem_errors_name_where_the_wrong_value_is():
    with pytest.raises(ProblemError) as err:
        load_problem(_data(room_unavailable={"r99": ["a"]}))
    assert err.value.message("en") == "“room_unavailable” refers to the unknown room “r99”."
    with pytest.raises(ProblemError) as err:
        load_problem(_data(sessions=[{"id": "p1", "length": "2"}]))
    assert err.value.message("en") == 'Session “p1” has length "2"; a whole number from 1 is allowed.'


def test_two_slot_session_may_not_span_a_long_lunch():
    data = _data(sessions=[{"id": "w", "length": 2}], votes={"v": ["w"]}, previous=[],
                 rooms=[{"id": "r1", "capacity": 5}], room_unavailable={})
    data["slots"][0]["start"], data["slots"][0]["end"] = "08:00", "08:45"  # a-b: 75 min apart
    grid = solve(load_problem(data), time_limit=0.5, max_iterations=100)
    assert (grid["assignments"], grid["unscheduled"]) == ([], ["w"])
    assert check_grid(load_problem(data), {"assignments": [{"session": "w", "room": "r1", "slots": ["b", "c"]}]})[0].rule \
        == Rule.SPLIT


def test_violation_names_the_host():
    problem = load_problem(_data(previous=[]))
    grid = {"assignments": [{"session": "p1", "room": "r1", "slots": ["b"]}]}
    (v,) = check_grid(problem, grid)
    assert (v.rule, v.sessions, v.slots, v.hosts) == (Rule.HOST_UNAVAILABLE, ("p1",), ("b",), ("u1",))


def test_explain_says_why_sessions_are_out():
    data = _data(previous=[], unavailable={"u3": ["a", "b", "c"]}, room_unavailable={})
    data["sessions"] += [{"id": "kitchen", "needs": ["stove"]}, {"id": "away", "hosts": ["u3"]},
                         {"id": "late"}, {"id": "later"}, {"id": "latest"}, {"id": "long", "length": 3}]
    problem = load_problem(data)
    grid = {"assignments": [{"session": "p1", "room": "r1", "slots": ["a"]},
                            {"session": "p2", "room": "r2", "slots": ["a", "b"]},
                            {"session": "late", "room": "r1", "slots": ["b"]},
                            {"session": "later", "room": "r1", "slots": ["c"]}]}
    out = {x.session: render(x.said, "en", Names(sessions={"latest": "Letzte"})) for x in explain(problem, grid).left_out}
    assert out == {
        "kitchen": "“kitchen” (0 votes) is not in the grid: no room has stove. Equip a room or drop the need.",
        "away": "“away” (0 votes) is not in the grid: its hosts (u3) are unavailable whenever it could run. "
                "Change their availability.",
        "latest": "“Letzte” (0 votes) is not in the grid: “r2” is free at “c”. Put it there.",
        "long": "“long” (0 votes) is not in the grid: it lasts 3 slots, and no day has that many in a row without "
                "a break of more than 30 minutes. Shorten it or add slots.",
    }


def test_explain_lost_votes_name_the_clash_and_the_host():
    data = _data(previous=[], unavailable={}, room_unavailable={},
                 sessions=[{"id": "x"}, {"id": "y", "hosts": ["h"]}], votes={"v": ["x", "y"], "h": ["x"]})
    problem = load_problem(data)
    grid = {"assignments": [{"session": "x", "room": "r1", "slots": ["a"]}, {"session": "y", "room": "r2", "slots": ["a"]}]}
    why = explain(problem, grid)
    assert [render(x.said, "en") for x in why.lost] == [
        "v wanted “y” but attends “x” at the same time.",
        "h wanted “x” but hosts “y” at the same time.",
    ]
    assert why.small_rooms == ()
    # Votes lost to hosting are told with the clashes (they were counted but never explained).
    assert [render(x.said, "en") for x in why.host_clashes] == ["h hosts “y” and wanted “x”, both at a."]
    assert render(why.host_clashes[0].said, "en") in [render(x, "en") for x in why.said]


def test_hosts_who_want_each_others_sessions_at_the_same_time_are_told_per_pair():
    # Ben hosts Lego and voted for Feedback, Anna hosts Feedback and voted for Lego, both at 10:00;
    # two hosts of one session who want the same other session are told together.
    data = _data(previous=[], unavailable={}, room_unavailable={},
                 sessions=[{"id": "lego", "hosts": ["ben", "cem"]}, {"id": "feedback", "hosts": ["anna"]}],
                 votes={"ben": ["feedback"], "cem": ["feedback"], "anna": ["lego"]})
    problem = load_problem(data)
    grid = {"assignments": [{"session": "lego", "room": "r1", "slots": ["a"]},
                            {"session": "feedback", "room": "r2", "slots": ["a"]}]}
    names = Names(sessions={"lego": "Lego Spike", "feedback": "Feedback-Kultur"},
                  people={"ben": "Ben", "cem": "Cem", "anna": "Anna"}, slots={"a": (DAY, "10:00")})
    assert [render(x.said, "de", names) for x in explain(problem, grid).host_clashes] == [
        "Ben, Cem leiten „Lego Spike“ und wollten „Feedback-Kultur“, beide um Sa 10:00.",
        "Anna leitet „Feedback-Kultur“ und wollte „Lego Spike“, beide um Sa 10:00.",
    ]


def test_iter_solve_yields_the_greedy_grid_first_and_the_result_last():
    problem = load_problem(_data(previous=[]))
    grids = list(iter_solve(problem, time_limit=0.5, seed=3, max_iterations=200))
    assert all(check_grid(problem, g) == [] for g in grids)
    assert grids[-1] == solve(problem, time_limit=0.5, seed=3, max_iterations=200) | {"metrics": grids[-1]["metrics"]}
