"""The event's data as a planning problem (docs/planning-problem.md).

Ids in the problem are prefixed strings: rooms ``r<id>``, slots ``s<id>``,
sessions ``p<id>``, people ``u<id>``. Only session slots are offered (breaks
and plenary blocks never receive sessions); only live sessions, and votes of
active people with a place, count.

Going back, :func:`review` and :func:`preview` hold a grid against the
problem and return what the planning page shows: the numbers, the findings
as messages (planner.scheduler.messages, put in words at the edge with
:func:`event_names`), the expected audience and the grid's places by the
event's ids. ``store`` is the event's Store (this module reads, never writes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from planner.domain.timeslots import occupied_slots
from planner.models import Placement, SlotKind
from planner.scheduler.explain import Explanation, explain
from planner.scheduler.messages import ROOM, SESSION, Names, Say, ref, say
from planner.scheduler.metrics import Metrics, evaluate
from planner.scheduler.problem import Problem, load_problem
from planner.scheduler.rules import Violation, check_grid


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


def build_problem(store, pins: dict[int, tuple[int, int]] | None = None,
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
        # A room deleted or a slot removed since the release: those places
        # cannot be kept, whatever the solver does (the release's own
        # changelog still shows the sessions as moved).
        places = {room_key(r.id) for r in rooms}, {slot_key(s) for s in slot_ids}
        problem["previous"] = [e for e in previous if e["room"] in places[0] and e["slot"] in places[1]]
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


def problem_for_event(store) -> dict:
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


def grid_from_placements(store) -> dict:
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


def grid_places(grid: dict) -> dict[int, tuple[int, tuple[int, ...]]]:
    """A solver grid by the event's ids: session id -> (room id, the slot ids it runs in)."""
    return {parse_key(a["session"]): (parse_key(a["room"]), tuple(parse_key(x) for x in a["slots"]))
            for a in grid.get("assignments", []) if a.get("slots")}


def event_names(store) -> Names:
    """What people read for the problem's ids: titles, room names, slot times, hosts' names."""
    sessions = store.sessions.list()
    return Names(sessions={session_key(s.id): s.title for s in sessions},
                 rooms={room_key(r.id): r.name for r in store.venue.rooms()},
                 slots={slot_key(x.id): (x.day, x.start) for x in store.venue.slots()},
                 people={user_key(h.id): h.name for s in sessions for h in s.hosts})


@dataclass(frozen=True)
class Audience:
    """Who is expected to come to a session, and where it is (room None: not in the grid)."""

    title: str
    votes: int  # online, without the show of hands
    hands: int
    expected: int
    room: str | None
    seats: int | None


@dataclass(frozen=True)
class Assessment:
    """A grid held against the problem: its numbers, its story as messages, its
    expected audience (most expected first) and its places by the event's ids."""

    metrics: Metrics
    explanation: Explanation
    notes: tuple[Say, ...]  # moves, clashes, small rooms, left-out sessions, rooms likely too small
    audience: tuple[Audience, ...]
    places: dict[int, tuple[int, tuple[int, ...]]]

    @property
    def hints(self) -> dict[int, Say]:
        """Per session left out: why, and what would bring it in."""
        return {parse_key(x.session): x.hint for x in self.explanation.left_out}


def _assess(problem: Problem, grid: dict) -> dict:
    """The fields of an :class:`Assessment` of ``grid``."""
    why = explain(problem, grid, top=5)
    expected = problem.expected
    seats, room_names = {r.id: r.capacity for r in problem.rooms}, {r.id: r.name for r in problem.rooms}
    room_of = {a["session"]: a["room"] for a in grid.get("assignments", [])}
    flagged = {small.session for small in why.small_rooms}  # more votes than seats: said already
    at_risk = sorted((sid for sid, rid in room_of.items()
                      if sid not in flagged and expected.get(sid, 0) > seats.get(rid, 0)),
                     key=lambda sid: seats.get(room_of[sid], 0) - expected.get(sid, 0))
    risks = [say("planning.risk_line", title=ref(SESSION, sid), expected=expected[sid], room=ref(ROOM, room_of[sid]),
                 seats=seats.get(room_of[sid], 0)) for sid in at_risk]
    online = {sid: sum(1 for v in voters if v not in problem.hand_voters)  # hands are counted as voters too
              for sid, voters in problem.voters_of.items()}
    audience = [Audience(s.title, online.get(s.id, 0), s.hands, expected.get(s.id, 0),
                         room_names.get(room_of.get(s.id)), seats.get(room_of.get(s.id)))
                for s in sorted(problem.sessions, key=lambda x: -expected.get(x.id, 0))]
    notes = [x.said for x in why.moves] + [x.said for x in why.clashes] + [x.said for x in why.host_clashes]
    notes += [x.said for x in why.small_rooms]
    notes += [x.said for x in why.left_out] + risks
    return dict(metrics=evaluate(problem, grid), explanation=why, notes=tuple(notes), audience=tuple(audience),
                places=grid_places(grid))


@dataclass(frozen=True)
class Review(Assessment):
    """The working grid held against the event's problem: what the planning page shows."""

    problem: Problem
    grid: dict
    violations: list[Violation]
    names: Names

    @property
    def warned(self) -> frozenset[int]:
        """The sessions of the event that break a rule."""
        return frozenset(i for v in self.violations if v.is_hard for i in _event_sessions(v))

    def touching(self, session_ids) -> list[Violation]:
        """The violations (and advice) that name any of the event's ``session_ids``."""
        return [v for v in self.violations if _event_sessions(v) & set(session_ids)]


def _event_sessions(violation: Violation) -> set[int]:
    """The event's session ids a violation names (not an unknown id of a hand-made grid)."""
    return {parse_key(sid) for sid in violation.sessions if sid[:1] == "p" and sid[1:].isdigit()}


def review(store) -> Review:
    """Load the event's problem (raises a PlannerError if it cannot be planned as
    it stands), then check, measure and explain the working grid."""
    problem = load_problem(problem_for_event(store))
    grid = grid_from_placements(store)
    return Review(**_assess(problem, grid), problem=problem, grid=grid,
                  violations=check_grid(problem, grid, advice=True), names=event_names(store))


@dataclass(frozen=True)
class PlaceChange:
    """A session whose place differs between the draft and a proposal ((room, first slot) or None)."""

    session: str
    before: tuple[str, str] | None
    after: tuple[str, str] | None


@dataclass(frozen=True)
class Preview(Assessment):
    """A solver run before it is kept: its numbers, its story and what it changes in the draft."""

    changes: tuple[PlaceChange, ...]  # in the order of the problem's sessions


def places(grid: dict) -> dict[str, tuple[str, str]]:
    """Session id -> (room, first slot) of a grid."""
    return {a["session"]: (a["room"], a["slots"][0]) for a in grid.get("assignments", []) if a.get("slots")}


def preview(problem: Problem, draft: dict, proposal: dict) -> Preview:
    """Measure and explain ``proposal`` and list what it changes in ``draft``."""
    before, after = places(draft), places(proposal)
    changes = tuple(PlaceChange(s.id, before.get(s.id), after.get(s.id)) for s in problem.sessions
                    if before.get(s.id) != after.get(s.id))
    return Preview(**_assess(problem, proposal), changes=changes)
