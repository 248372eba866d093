"""Load and check a planning problem (docs/planning-problem.md).

Bad input raises :class:`ProblemError` with a one-line message; a loaded
:class:`Problem` is internally consistent, with ids mapped to indexes.

Expected attendance (optional fields, so older files stay valid):

- ``participants`` (top level): how many people the event expects;
- per session ``hands``: a show of hands for it on site;
- per session ``collect_share``: the share (0 to 1) of the voting time the
  session was there to collect votes (1: from the start; a session
  proposed halfway through has 0.5).

A show of hands counts people who want the session, so hands beyond the
session's online votes count as that many more voters of just this session
(stand-ins added on loading, named ``<session>#hand<i>``; they are in
``votes`` but not written back by :func:`problem_to_dict`). The estimate of
who comes to session p::

    share    = min(1, online voters / participants)     (1 without participants)
    window   = max(collect_share, 0.25)
    online   = online votes for p / (share * window)
    expected = max(hands, round(online) but at most participants)

Votes are scaled up to everyone who did not vote online, and for the time a
late session could not collect votes (at most four times); a show of hands
is a count of the room, so it is taken as it is (people on site need not
have an account, so it may exceed ``participants``). Without these fields the
estimate is the number of votes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from planner.errors import ProblemError, os_cause
from planner.scheduler.messages import PERSON, ROOM, SESSION, SLOT, PlanError, ref, say

MAX_GAP_MINUTES = 30  # a lunch break longer than this splits a session
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class Room:
    id: str
    name: str
    capacity: int
    features: frozenset[str]


@dataclass(frozen=True)
class Slot:
    id: str
    day: str
    start: int  # minutes after midnight
    end: int
    index: int


@dataclass(frozen=True)
class Session:
    id: str
    title: str
    hosts: tuple[str, ...]
    length: int
    needs: frozenset[str]
    topics: tuple[str, ...]
    pinned: tuple[str, str] | None  # (room id, first slot id)
    hands: int = 0  # a show of hands on site
    collect_share: float = 1.0  # share of the voting time it could collect votes


@dataclass(frozen=True)
class Problem:
    rooms: tuple[Room, ...]
    slots: tuple[Slot, ...]
    sessions: tuple[Session, ...]
    votes: dict[str, tuple[str, ...]]
    unavailable: dict[str, frozenset[str]]
    room_unavailable: dict[str, frozenset[str]]
    previous: dict[str, tuple[str, str]] = field(default_factory=dict)  # session -> (room, first slot)
    move_cost: float = 3
    has_previous: bool = False
    participants: int | None = None
    hand_voters: frozenset[str] = frozenset()  # stand-ins for hands beyond the online votes

    def session(self, session_id: str) -> Session:
        return self.sessions[self.session_index[session_id]]

    # Indexes are computed once: the solver and the rules look ids up often.
    @cached_property
    def session_index(self) -> dict[str, int]:
        return {s.id: i for i, s in enumerate(self.sessions)}

    @cached_property
    def room_index(self) -> dict[str, int]:
        return {r.id: i for i, r in enumerate(self.rooms)}

    @cached_property
    def slot_index(self) -> dict[str, int]:
        return {s.id: s.index for s in self.slots}

    @cached_property
    def vote_counts(self) -> dict[str, int]:
        """Votes per session id (sessions without votes are missing)."""
        return {sid: len(voters) for sid, voters in self.voters_of.items()}

    @cached_property
    def room_slots(self) -> int:
        """The places the rooms offer: each room's slots, less those it is unavailable in."""
        return sum(len(self.slots) - len(self.room_unavailable.get(r.id, ())) for r in self.rooms)

    @cached_property
    def expected(self) -> dict[str, int]:
        """Expected audience per session id (see the module docstring)."""
        online: dict[str, int] = {}
        for voter, chosen in self.votes.items():
            if voter not in self.hand_voters:
                for sid in chosen:
                    online[sid] = online.get(sid, 0) + 1
        return {s.id: expected_audience(online.get(s.id, 0), s.hands, s.collect_share,
                                        len(self.votes) - len(self.hand_voters), self.participants)
                for s in self.sessions}

    @cached_property
    def voters_of(self) -> dict[str, tuple[str, ...]]:
        """Per session id: who voted for it (sessions without votes are missing)."""
        voters: dict[str, list[str]] = {}
        for voter, chosen in self.votes.items():
            for sid in chosen:
                voters.setdefault(sid, []).append(voter)
        return {sid: tuple(v) for sid, v in voters.items()}

    @cached_property
    def hosted_by(self) -> dict[str, tuple[str, ...]]:
        """Per host: the ids of the sessions they host."""
        hosted: dict[str, list[str]] = {}
        for s in self.sessions:
            for h in s.hosts:
                hosted.setdefault(h, []).append(s.id)
        return {h: tuple(ids) for h, ids in hosted.items()}


def expected_audience(votes: int, hands: int = 0, collect_share: float = 1.0, voters: int = 0,
                      participants: int | None = None) -> int:
    """Who is expected to come: ``votes`` (online) scaled to all ``participants``
    and to the whole voting time, or the show of ``hands`` if more."""
    share = min(1.0, voters / participants) if participants and voters else 1.0
    window = max(min(collect_share, 1.0), 0.25)
    online = votes / (share * window)
    scaled = int(online + 0.5)
    if participants:
        scaled = min(scaled, participants)
    return max(hands, scaled)


def _require(cond: bool, message_key: str, **params) -> None:
    if not cond:
        raise ProblemError(message_key, **params)


def _list(data: dict, key: str, required: bool = True) -> list:
    if key not in data:
        _require(not required, "problem.missing", key=key)
        return []
    value = data[key]
    _require(isinstance(value, list), "problem.type", where=key, expected="list")
    return value


def _dict(data: dict, key: str) -> dict:
    value = data.get(key) or {}
    _require(isinstance(value, dict), "problem.type", where=key, expected="object")
    return value


def _str(value, where: str) -> str:
    _require(isinstance(value, str) and value != "", "problem.type", where=where, expected="text")
    return value


def _minutes(value, slot_id: str) -> int:
    match = _TIME.match(str(value)) if isinstance(value, str) else None
    _require(match is not None, "problem.time", slot=slot_id, value=str(value)[:20])
    return int(match.group(1)) * 60 + int(match.group(2))


def load_problem(data: dict) -> Problem:
    """A checked :class:`Problem` from the problem's JSON data."""
    _require(isinstance(data, dict), "problem.not_object")
    rooms, seen = [], set()
    for i, r in enumerate(_list(data, "rooms")):
        _require(isinstance(r, dict), "problem.type", where=f"rooms[{i}]", expected="object")
        rid = _str(r.get("id"), f"rooms[{i}].id")
        _require(rid not in seen, "problem.duplicate", kind="room", id=rid)
        seen.add(rid)
        cap = r.get("capacity", 0)
        _require(isinstance(cap, int) and not isinstance(cap, bool) and cap >= 0, "problem.capacity", room=rid)
        feats = r.get("features", [])
        _require(isinstance(feats, list) and all(isinstance(f, str) for f in feats),
                 "problem.type", where=f"rooms[{i}].features", expected="list of text")
        rooms.append(Room(rid, str(r.get("name", rid)), cap, frozenset(feats)))

    slots, seen = [], set()
    for i, s in enumerate(_list(data, "slots")):
        _require(isinstance(s, dict), "problem.type", where=f"slots[{i}]", expected="object")
        sid = _str(s.get("id"), f"slots[{i}].id")
        _require(sid not in seen, "problem.duplicate", kind="slot", id=sid)
        seen.add(sid)
        day = s.get("day")
        try:
            date.fromisoformat(str(day))
        except ValueError:
            raise ProblemError("problem.day", slot=sid, value=str(day)[:20]) from None
        start, end = _minutes(s.get("start"), sid), _minutes(s.get("end"), sid)
        _require(end > start, "problem.slot_empty", slot=sid)
        slots.append(Slot(sid, str(day), start, end, len(slots)))
    for a, b in zip(slots, slots[1:]):
        _require((a.day, a.end) <= (b.day, b.start), "problem.slot_order", first=a.id, second=b.id)

    slot_ids = {s.id for s in slots}
    room_ids = {r.id for r in rooms}
    longest_day = max((sum(1 for s in slots if s.day == d) for d in {s.day for s in slots}), default=0)
    sessions, seen = [], set()
    for i, p in enumerate(_list(data, "sessions")):
        _require(isinstance(p, dict), "problem.type", where=f"sessions[{i}]", expected="object")
        pid = _str(p.get("id"), f"sessions[{i}].id")
        _require(pid not in seen, "problem.duplicate", kind="session", id=pid)
        seen.add(pid)
        length = p.get("length", 1)
        _require(isinstance(length, int) and not isinstance(length, bool) and length >= 1,
                 "problem.length", session=pid, length=json.dumps(length)[:12])
        if slots and length > longest_day:
            raise PlanError("problem.too_long", session=ref(SESSION, pid), length=length, longest=longest_day)
        hosts = p.get("hosts", [])
        _require(isinstance(hosts, list) and all(isinstance(h, str) for h in hosts),
                 "problem.type", where=f"{pid}.hosts", expected="list of text")
        needs = p.get("needs", [])
        _require(isinstance(needs, list) and all(isinstance(n, str) for n in needs),
                 "problem.type", where=f"{pid}.needs", expected="list of text")
        topics = p.get("topics", []) or []
        _require(isinstance(topics, list) and all(isinstance(x, str) for x in topics),
                 "problem.type", where=f"{pid}.topics", expected="list of text")
        _require(isinstance(p.get("title", ""), str), "problem.type", where=f"{pid}.title", expected="text")
        pinned = None
        if p.get("pinned") is not None:
            pin = p["pinned"]
            _require(isinstance(pin, dict), "problem.type", where=f"{pid}.pinned", expected="object")
            _require(pin.get("room") in room_ids, "problem.unknown_room", where=f"{pid}.pinned", room=str(pin.get("room"))[:40])
            _require(pin.get("slot") in slot_ids, "problem.unknown_slot", where=f"{pid}.pinned", slot=str(pin.get("slot"))[:40])
            pinned = (pin["room"], pin["slot"])
        hands = p.get("hands", 0)
        _require(isinstance(hands, int) and not isinstance(hands, bool) and hands >= 0,
                 "problem.type", where=f"{pid}.hands", expected="whole number from 0")
        share = p.get("collect_share", 1)
        _require(isinstance(share, (int, float)) and not isinstance(share, bool) and 0 <= share <= 1,
                 "problem.type", where=f"{pid}.collect_share", expected="number from 0 to 1")
        sessions.append(Session(pid, str(p.get("title", pid)), tuple(dict.fromkeys(hosts)), length,
                                frozenset(needs), tuple(topics), pinned, hands, float(share)))

    session_ids = {p.id for p in sessions}
    votes = {}
    for voter, chosen in _dict(data, "votes").items():
        _require(isinstance(chosen, list) and all(isinstance(x, str) for x in chosen),
                 "problem.type", where=f"votes.{voter}", expected="list of session ids")
        for pid in chosen:
            _require(pid in session_ids, "problem.unknown_session", where=f"votes.{voter}", session=str(pid)[:40])
        votes[voter] = tuple(dict.fromkeys(chosen))
    online: dict[str, int] = {}
    for chosen in votes.values():
        for pid in chosen:
            online[pid] = online.get(pid, 0) + 1
    hand_voters = set()
    for s in sessions:
        for i in range(max(0, s.hands - online.get(s.id, 0))):
            stand_in = f"{s.id}#hand{i + 1}"
            _require(stand_in not in votes, "problem.duplicate", kind="voter", id=stand_in)
            votes[stand_in] = (s.id,)
            hand_voters.add(stand_in)
    participants = data.get("participants")
    _require(participants is None or (isinstance(participants, int) and not isinstance(participants, bool)
                                      and participants >= 0),
             "problem.type", where="participants", expected="whole number from 0")
    unavailable = {}
    for user, blocked in _dict(data, "unavailable").items():
        _require(isinstance(blocked, list) and all(isinstance(x, str) for x in blocked),
                 "problem.type", where=f"unavailable.{user}", expected="list of slot ids")
        for sid in blocked:
            _require(sid in slot_ids, "problem.unknown_slot", where=f"unavailable.{user}", slot=str(sid)[:40])
        unavailable[user] = frozenset(blocked)
    room_unavailable = {}
    for rid, blocked in _dict(data, "room_unavailable").items():
        _require(rid in room_ids, "problem.unknown_room", where="room_unavailable", room=str(rid)[:40])
        _require(isinstance(blocked, list) and all(isinstance(x, str) for x in blocked),
                 "problem.type", where=f"room_unavailable.{rid}", expected="list of slot ids")
        for sid in blocked:
            _require(sid in slot_ids, "problem.unknown_slot", where=f"room_unavailable.{rid}", slot=str(sid)[:40])
        room_unavailable[rid] = frozenset(blocked)
    previous = {}
    for i, entry in enumerate(_list(data, "previous", required=False)):
        _require(isinstance(entry, dict), "problem.type", where=f"previous[{i}]", expected="object")
        if entry.get("session") not in session_ids:
            continue  # withdrawn since: does not count
        _require(entry.get("room") in room_ids, "problem.unknown_room", where=f"previous[{i}]", room=str(entry.get("room"))[:40])
        _require(entry.get("slot") in slot_ids, "problem.unknown_slot", where=f"previous[{i}]", slot=str(entry.get("slot"))[:40])
        previous[entry["session"]] = (entry["room"], entry["slot"])
    move_cost = data.get("move_cost", 3)
    _require(isinstance(move_cost, (int, float)) and not isinstance(move_cost, bool) and move_cost >= 0, "problem.move_cost")

    problem = Problem(tuple(rooms), tuple(slots), tuple(sessions), votes, unavailable, room_unavailable,
                      previous, move_cost, "previous" in data, participants, frozenset(hand_voters))
    _check_pins(problem)
    return problem


def _check_pins(problem: Problem) -> None:
    """Pins must be valid places, and must not clash with each other."""
    from planner.scheduler.rules import Occupancy, placement_problem, slot_span

    pinned = Occupancy()
    room_index, slot_index = problem.room_index, problem.slot_index
    for s in problem.sessions:
        if s.pinned is None:
            continue
        room, slot = s.pinned
        reason = placement_problem(problem, s, room_index[room], slot_index[slot])
        if reason is not None:
            raise PlanError("problem.pin_invalid", session=ref(SESSION, s.id), room=ref(ROOM, room),
                            slot=ref(SLOT, slot), reason=reason)
        span = slot_span(problem, s.length, slot_index[slot])
        for other, host in pinned.clashes(s, room, span):
            reason = say("reason.same_room") if host is None else say("reason.same_host", host=ref(PERSON, host))
            raise PlanError("problem.pins_clash", first=ref(SESSION, other), second=ref(SESSION, s.id), reason=reason)
        pinned.add(s, room, span)


def load_problem_file(path: str | Path) -> Problem:
    """Read and load a problem file; every failure is a ProblemError."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ProblemError("problem.file_encoding", path=str(path)) from None
    except OSError as exc:
        key, params = os_cause("problem.file", exc)
        raise ProblemError(key, path=str(path), **params) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProblemError("problem.json", line=exc.lineno, column=exc.colno) from None
    return load_problem(data)


def problem_to_dict(problem: Problem) -> dict:
    """The problem's JSON data again: ``load_problem(problem_to_dict(p)) == p``."""

    def hhmm(minutes: int) -> str:
        return f"{minutes // 60:02d}:{minutes % 60:02d}"

    data: dict = {
        "rooms": [{"id": r.id, "name": r.name, "capacity": r.capacity, "features": sorted(r.features)}
                  for r in problem.rooms],
        "slots": [{"id": s.id, "day": s.day, "start": hhmm(s.start), "end": hhmm(s.end)} for s in problem.slots],
        "sessions": [],
        "votes": {v: list(chosen) for v, chosen in problem.votes.items() if v not in problem.hand_voters},
        "unavailable": {u: sorted(blocked) for u, blocked in problem.unavailable.items()},
        "room_unavailable": {r: sorted(blocked) for r, blocked in problem.room_unavailable.items()},
        "move_cost": problem.move_cost,
    }
    for s in problem.sessions:
        entry = {"id": s.id, "title": s.title, "hosts": list(s.hosts), "length": s.length,
                 "needs": sorted(s.needs), "topics": list(s.topics)}
        if s.pinned is not None:
            entry["pinned"] = {"room": s.pinned[0], "slot": s.pinned[1]}
        if s.hands:
            entry["hands"] = s.hands
        if s.collect_share != 1:
            entry["collect_share"] = s.collect_share
        data["sessions"].append(entry)
    if problem.participants is not None:
        data["participants"] = problem.participants
    if problem.has_previous:
        data["previous"] = [{"session": sid, "room": room, "slot": slot}
                            for sid, (room, slot) in problem.previous.items()]
    return data
