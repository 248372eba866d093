"""Baselines to measure our solver against."""

from __future__ import annotations

from planner.scheduler.problem import Problem
from planner.scheduler.rules import Feasibility, vote_counts


def plain_greedy(problem: Problem) -> dict:
    """Most votes first, into the biggest free room, in the earliest free slot."""
    f = Feasibility(problem)
    counts = vote_counts(problem)
    room_index, slot_index = problem.room_index, problem.slot_index
    used: set[tuple[int, int]] = set()
    busy: set[tuple[str, int]] = set()
    assignments, placed = [], set()

    def put(i: int, room: int, start: int) -> None:
        s = problem.sessions[i]
        span = f.span(i, start)
        used.update((room, x) for x in span)
        busy.update((h, x) for h in s.hosts for x in span)
        assignments.append({"session": s.id, "room": problem.rooms[room].id,
                            "slots": [problem.slots[x].id for x in span]})
        placed.add(i)

    for i, s in enumerate(problem.sessions):
        if s.pinned:
            put(i, room_index[s.pinned[0]], slot_index[s.pinned[1]])
    order = sorted((i for i in range(len(problem.sessions)) if i not in placed),
                   key=lambda i: -counts.get(problem.sessions[i].id, 0))
    for i in order:
        s = problem.sessions[i]
        options = sorted(f.places[i], key=lambda rs: (-problem.rooms[rs[0]].capacity, rs[1]))
        for room, start in options:
            span = f.span(i, start)
            if all((room, x) not in used for x in span) and all((h, x) not in busy for h in s.hosts for x in span):
                put(i, room, start)
                break
    return {"assignments": assignments,
            "unscheduled": [s.id for i, s in enumerate(problem.sessions) if i not in placed]}
