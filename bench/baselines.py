"""Baselines to measure our solver against.

``plain_greedy``: most votes first, into the biggest free room, earliest slot.

``conference_scheduler_grid``: PyCon UK's ``conference-scheduler`` (an ILP in
PuLP, solved by the CBC that ships with PuLP) on the part of our problem it
can express. It knows no votes, only each event's demand, so its objective
is the smallest total overflow; it cannot say "these two sessions share
voters". It has no multi-slot events, so workshops are placed first by the
plain greedy and their rooms taken out; it must schedule every event, so it gets the
one-slot sessions that the plain greedy fitted in (a set that surely fits). Hosts
become clashes between events, host and room unavailability and missing
features become unavailable slots, pins become the only slot available.
"""

from __future__ import annotations

from datetime import datetime

from planner.scheduler.problem import Problem
from planner.scheduler.rules import Feasibility


def plain_greedy(problem: Problem) -> dict:
    """Most votes first, into the biggest free room, in the earliest free slot."""
    f = Feasibility(problem)
    counts = problem.vote_counts
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


def conference_scheduler_grid(problem: Problem, time_limit: float = 60.0) -> dict:
    """The grid ``conference-scheduler`` finds (see the module doc for what it can express)."""
    import pulp
    from conference_scheduler import scheduler
    from conference_scheduler.resources import Event, Slot

    f = Feasibility(problem)
    counts = problem.vote_counts
    # The plain greedy's grid shows a set of sessions that fits: its workshops
    # stay, its one-slot sessions are what conference-scheduler places anew.
    greedy = plain_greedy(problem)
    fixed = {"assignments": [a for a in greedy["assignments"] if problem.session(a["session"]).length > 1]}
    taken = {(a["room"], x) for a in fixed["assignments"] for x in a["slots"]}
    busy = {(h, x) for a in fixed["assignments"] for h in problem.session(a["session"]).hosts for x in a["slots"]}

    cells = [(ri, x) for ri, r in enumerate(problem.rooms) for x, slot in enumerate(problem.slots)
             if (r.id, slot.id) not in taken and slot.id not in problem.room_unavailable.get(r.id, ())]
    slots = [Slot(venue=problem.rooms[ri].id, starts_at=_when(problem, x),
                  duration=problem.slots[x].end - problem.slots[x].start,
                  capacity=problem.rooms[ri].capacity, session=problem.slots[x].day) for ri, x in cells]
    index = problem.session_index
    ones = [index[a["session"]] for a in greedy["assignments"] if len(a["slots"]) == 1]
    places = {i: set(f.places[i]) for i in ones}
    for i in ones:
        if problem.sessions[i].pinned:
            room, slot = problem.sessions[i].pinned
            places[i] = {(problem.room_index[room], problem.slot_index[slot])}
    events = [Event(problem.sessions[i].id, duration=problem.slots[0].end - problem.slots[0].start,
                    demand=counts.get(problem.sessions[i].id, 0)) for i in ones]
    for event, i in zip(events, ones):
        hosts = set(problem.sessions[i].hosts)
        event.add_unavailability(*[slot for slot, (ri, x) in zip(slots, cells)
                                   if (ri, x) not in places[i] or any((h, problem.slots[x].id) in busy for h in hosts)])
        event.add_unavailability(*[other for other, j in zip(events, ones)
                                   if j != i and hosts & set(problem.sessions[j].hosts)])
    solver = pulp.PULP_CBC_CMD(msg=False, timeLimit=time_limit)
    from conference_scheduler.lp_problem import objective_functions
    found = scheduler.solution(events, slots, objective_function=objective_functions.efficiency_capacity_demand_difference,
                               solver=solver)
    assignments = list(fixed["assignments"])
    for e, c in found:
        ri, x = cells[c]
        assignments.append({"session": events[e].name, "room": problem.rooms[ri].id, "slots": [problem.slots[x].id]})
    placed = {a["session"] for a in assignments}
    return {"assignments": assignments, "unscheduled": [s.id for s in problem.sessions if s.id not in placed]}


def _when(problem: Problem, x: int) -> datetime:
    slot = problem.slots[x]
    return datetime.fromisoformat(slot.day).replace(hour=slot.start // 60, minute=slot.start % 60)
