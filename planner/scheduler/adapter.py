"""The event's data as a planning problem (shared/planning-problem.md).

Ids in the problem are prefixed strings: rooms ``r<id>``, slots ``s<id>``,
sessions ``p<id>``, people ``u<id>``. Only session slots are offered (breaks
and plenary blocks never receive sessions); only live sessions, and votes of
active people with a place, count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from planner.models import Placement, SlotKind
from planner.scheduler.explain import Explanation, explain
from planner.scheduler.metrics import Metrics, evaluate
from planner.scheduler.problem import Problem, load_problem
from planner.scheduler.rules import Violation, check_grid
from planner.domain.timeslots import occupied_slots
from planner.store import Store


def room_key(room_id: int) -> str:
    return f"r{room_id}"


def slot_key(slot_id: int) -> str:
    return f"s{slot_id}"


def session_key(session_id: int) -> str:
    return f"p{session_id}"


def user_key(user_id: int) -> str:
    return f"u{user_id}"


def parse_key(key: str) -> int:
    """'p12' -> 12."""
    return int(key[1:])


def collect_shares(created: dict[int, str], now: datetime | None = None) -> dict[int, float]:
    """Per session: the share of the voting time it could collect votes, from
    the first proposal until ``now`` (1 for the first, near 0 for a pitch today).

    Without ``now``, the newest proposal stands for it: the same data give the
    same problem whenever it is built (an exported problem replays).
    """
    stamps = {}
    for sid, text in created.items():
        try:
            stamp = datetime.fromisoformat(text)
        except (TypeError, ValueError):
            continue
        stamps[sid] = stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)
    if not stamps:
        return {}
    first = min(stamps.values())
    now = now or max(stamps.values())
    total = (now - first).total_seconds()
    if total <= 0:
        return {sid: 1.0 for sid in stamps}
    return {sid: round(min(1.0, max(0.0, (now - stamp).total_seconds() / total)), 3)
            for sid, stamp in stamps.items()}


def build_problem(store: Store, pins: dict[int, tuple[int, int]] | None = None,
                  previous: list[dict] | None = None, move_cost: int | None = None,
                  now: datetime | None = None) -> dict:
    """The planning problem of the event in ``store``.

    ``pins`` maps session id -> (room id, first slot id); ``previous`` is the
    last published grid in the problem's own shape. For the expected
    audiences: the people who count as ``participants``, each session's show
    of ``hands`` and the share of the voting time it had (``collect_share``,
    from its proposal until ``now``).
    """
    slots = [s for s in store.venue.slots() if s.kind is SlotKind.SESSION]
    slot_ids = {s.id for s in slots}
    rooms = store.venue.rooms()
    sessions = store.sessions.list()
    live = {s.id for s in sessions}
    problem: dict = {
        "rooms": [
            {"id": room_key(r.id), "name": r.name, "capacity": r.capacity, "features": list(r.features)}
            for r in rooms
        ],
        "slots": [
            {"id": slot_key(s.id), "day": s.day, "start": s.start, "end": s.end} for s in slots
        ],
        "sessions": [],
        "votes": {},
        "unavailable": {},
        "room_unavailable": {},
        "participants": store.votes.voters(),
    }
    shares = collect_shares({s.id: s.created_at for s in sessions}, now)
    for s in sessions:
        entry = {
            "id": session_key(s.id),
            "title": s.title,
            "hosts": [user_key(h.id) for h in s.hosts],  # a pitch host without account has no clashes to check
            "length": s.length,
            "needs": list(s.needs),
            "topics": [f"t{t}" for t in s.topic_ids],
        }
        if s.hand_votes:
            entry["hands"] = s.hand_votes  # hands beyond the online votes count as votes (problem.py)
        if shares.get(s.id, 1.0) < 1.0:
            entry["collect_share"] = shares[s.id]
        if pins and s.id in pins:
            room_id, slot_id = pins[s.id]
            entry["pinned"] = {"room": room_key(room_id), "slot": slot_key(slot_id)}
        problem["sessions"].append(entry)
    for voter, voted in sorted(store.votes.for_planning().items()):
        chosen = sorted(session_key(v) for v in voted if v in live)
        if chosen:
            problem["votes"][user_key(voter)] = chosen
    hosts = {h.id for s in sessions for h in s.hosts}
    unavailable = store.availability.all()
    for user_id in sorted(hosts):
        blocked = sorted(unavailable.get(user_id, set()) & slot_ids)
        if blocked:
            problem["unavailable"][user_key(user_id)] = [slot_key(b) for b in blocked]
    for r in rooms:
        blocked = [b for b in r.unavailable if b in slot_ids]
        if blocked:
            problem["room_unavailable"][room_key(r.id)] = [slot_key(b) for b in blocked]
    if previous:
        problem["previous"] = previous
    if move_cost is not None:
        problem["move_cost"] = move_cost
    return problem


def previous_from_release(release) -> list[dict]:
    """The last published grid in the problem's ``previous`` shape."""
    if release is None:
        return []
    return [
        {"session": session_key(i.session_id), "room": room_key(i.room_id), "slot": slot_key(i.slot_ids[0])}
        for i in release.items
        if i.slot_ids
    ]


def problem_for_event(store: Store) -> dict:
    """The problem the planning page solves: pins from the draft, ``previous``
    and ``move_cost`` from the last release and the event's setting."""
    event = store.event.get()
    pins = {p.session_id: (p.room_id, p.slot_id) for p in store.grid.working() if p.pinned}
    previous = previous_from_release(store.releases.latest())
    return build_problem(store, pins=pins, previous=previous or None,
                         move_cost=event.move_cost if previous else None)


def placements_from_grid(grid: dict, pinned: set[int] = frozenset()) -> list[Placement]:
    """A solver grid (``assignments``) as placements of the working grid."""
    return [
        Placement(parse_key(a["session"]), parse_key(a["room"]), parse_key(a["slots"][0]),
                  parse_key(a["session"]) in pinned)
        for a in grid.get("assignments", [])
        if a.get("slots")
    ]


def grid_from_placements(store: Store) -> dict:
    """The working grid in the solver's grid shape (for checking and metrics)."""
    slots = store.venue.slots()
    sessions = {s.id: s for s in store.sessions.list()}
    assignments = []
    placed = set()
    for p in store.grid.working():
        s = sessions.get(p.session_id)
        if s is None:
            continue
        used = occupied_slots(slots, p.slot_id, s.length)
        assignments.append({"session": session_key(s.id), "room": room_key(p.room_id),
                            "slots": [slot_key(x.id) for x in used] or [slot_key(p.slot_id)]})
        placed.add(s.id)
    return {"assignments": assignments,
            "unscheduled": [session_key(i) for i in sorted(sessions) if i not in placed]}


@dataclass(frozen=True)
class Review:
    """The working grid held against the event's problem: what the planning page shows."""

    problem: Problem
    grid: dict
    violations: list[Violation]
    metrics: Metrics
    explanation: Explanation


def review(store: Store) -> Review:
    """Load the event's problem (raises a PlannerError if it cannot be planned as
    it stands), then check, measure and explain the working grid."""
    problem = load_problem(problem_for_event(store))
    grid = grid_from_placements(store)
    return Review(problem, grid, check_grid(problem, grid, advice=True), evaluate(problem, grid),
                  explain(problem, grid, top=5))


@dataclass(frozen=True)
class PlaceChange:
    """A session whose place differs between the draft and a proposal ((room, first slot) or None)."""

    session: str
    before: tuple[str, str] | None
    after: tuple[str, str] | None


@dataclass(frozen=True)
class Preview:
    """A solver run before it is kept: its numbers, its story and what it changes in the draft."""

    metrics: Metrics
    explanation: Explanation
    changes: tuple[PlaceChange, ...]  # in the order of the problem's sessions


def places(grid: dict) -> dict[str, tuple[str, str]]:
    """Session id -> (room, first slot) of a grid."""
    return {a["session"]: (a["room"], a["slots"][0]) for a in grid.get("assignments", []) if a.get("slots")}


def preview(problem: Problem, draft: dict, proposal: dict) -> Preview:
    """Measure and explain ``proposal`` and list what it changes in ``draft``."""
    before, after = places(draft), places(proposal)
    changes = tuple(PlaceChange(s.id, before.get(s.id), after.get(s.id)) for s in problem.sessions
                    if before.get(s.id) != after.get(s.id))
    return Preview(evaluate(problem, proposal), explain(problem, proposal, top=5), changes)
