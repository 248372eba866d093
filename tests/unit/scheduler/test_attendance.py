"""Expected attendance: votes scaled to everyone and to the voting time, or a
show of hands; the biggest expected audiences get the biggest rooms."""

from __future__ import annotations

import pytest

from planner.scheduler.metrics import evaluate
from planner.scheduler.problem import expected_audience, load_problem, problem_to_dict
from planner.scheduler.solve import solve

DAY = "2026-11-28"


@pytest.mark.parametrize(("votes", "hands", "share", "voters", "participants", "expected"), [
    (10, 0, 1.0, 0, None, 10),  # no extra data: the votes
    (10, 0, 1.0, 50, 200, 40),  # a quarter of the people voted: 10 / 0.25
    (10, 0, 0.5, 50, 200, 80),  # and it could collect votes half the time: 10 / (0.25 * 0.5)
    (3, 0, 0.1, 100, 100, 12),  # pitched late: scaled at most four times (window 0.25)
    (3, 25, 0.0, 100, 100, 25),  # a show of hands counts the room as it is
    (30, 0, 1.0, 10, 100, 100),  # never more than the participants
    (7, 0, 1.0, 150, 100, 7),  # more voters than participants: share 1
    (2, 40, 1.0, 10, 20, 40),  # hands may be more than the registered participants
    (5, 0, 1.0, 30, 100, 17),  # 5 / 0.3 = 16.7, rounded
])
def test_expected_audience_by_hand(votes, hands, share, voters, participants, expected):
    assert expected_audience(votes, hands, share, voters, participants) == expected


def _data(**parts):
    data = {"rooms": [{"id": "hall", "capacity": 120}, {"id": "mid", "capacity": 40},
                      {"id": "lounge", "capacity": 15}],
            "slots": [{"id": f"s{i}", "day": DAY, "start": f"{10 + i}:00", "end": f"{10 + i}:45"} for i in range(3)],
            "sessions": [{"id": "a"}, {"id": "b"}, {"id": "c"}], "votes": {}}
    data.update(parts)
    return data


def test_problem_expected_uses_online_votes_hands_and_window():
    votes = {f"v{i}": ["a"] for i in range(8)} | {"w1": ["b"], "w2": ["b"]}
    p = load_problem(_data(votes=votes, participants=40,
                           sessions=[{"id": "a"}, {"id": "b", "hands": 12, "collect_share": 0.5}, {"id": "c"}]))
    # 10 online voters of 40 participants: share 0.25. a: 8 / 0.25 = 32.
    # b: 2 online votes / (0.25 * 0.5) = 16 > 12 hands. c: nothing.
    assert p.expected == {"a": 32, "b": 16, "c": 0}
    # the 10 hands beyond b's 2 online votes are voters of b (honoured like votes)
    assert p.vote_counts["b"] == 12


def test_old_files_stay_valid_and_round_trip():
    data = _data(votes={"v": ["a"]})
    p = load_problem(data)
    assert p.expected == {"a": 1, "b": 0, "c": 0}
    assert "participants" not in problem_to_dict(p)
    with_fields = load_problem(_data(votes={"v": ["a"]}, participants=9,
                                     sessions=[{"id": "a", "hands": 3, "collect_share": 0.5}, {"id": "b"}, {"id": "c"}]))
    assert load_problem(problem_to_dict(with_fields)) == with_fields


@pytest.mark.parametrize("bad", [{"participants": -1}, {"participants": "many"},
                                 {"sessions": [{"id": "a", "hands": -2}]},
                                 {"sessions": [{"id": "a", "collect_share": 1.5}]}])
def test_bad_attendance_fields_are_refused(bad):
    from planner.errors import ProblemError

    with pytest.raises(ProblemError):
        load_problem(_data(**bad))


def test_lone_sessions_get_the_biggest_free_room():
    # Three sessions, each alone in its slot: the hall is free every time.
    p = load_problem(_data(votes={"v1": ["a", "b", "c"], "v2": ["a", "b"], "v3": ["a"]}))
    grid = solve(p, time_limit=1, max_iterations=500)
    assert {a["room"] for a in grid["assignments"]} == {"hall"}


def test_biggest_expected_audience_gets_the_biggest_room_even_when_all_fit():
    # One slot; by votes (10, 8, 6) every session fits every room. b was
    # proposed late (a quarter of the voting time): 8 / 0.25 = 32 expected.
    data = _data(slots=[{"id": "s0", "day": DAY, "start": "10:00", "end": "10:45"}], participants=24,
                 sessions=[{"id": "a"}, {"id": "b", "collect_share": 0.25}, {"id": "c"}],
                 votes={f"v{i}": ["a"] for i in range(10)} | {f"w{i}": ["b"] for i in range(8)}
                 | {f"x{i}": ["c"] for i in range(6)})
    p = load_problem(data)
    assert p.expected == {"a": 10, "b": 24, "c": 6}  # at most the 24 participants
    grid = solve(p, time_limit=1, max_iterations=500)
    room = {a["session"]: a["room"] for a in grid["assignments"]}
    assert room == {"b": "hall", "a": "mid", "c": "lounge"}
    assert (evaluate(p, grid).overflow, evaluate(p, grid).overflow_risk) == (0, 0)
