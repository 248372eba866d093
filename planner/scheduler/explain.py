"""Why a grid is as it is: lost votes and their clashes, small rooms, left-out
sessions, and every session moved since the last release with what it gained.

Each finding is data; its ``said`` is the message (a key with ids as
parameters) that planner.scheduler.wording puts in words for the reader.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.scheduler.messages import FEATURE, PERSON, ROOM, SESSION, SLOT, Say, place, ref, say
from planner.scheduler.metrics import attended, spans_and_rooms
from planner.scheduler.problem import Problem
from planner.scheduler.rules import Feasibility, Occupancy, placement_problem, slot_span


@dataclass(frozen=True)
class LostVote:
    voter: str
    session: str  # scheduled, voted for, not attended
    instead: str  # the voted or hosted session at the same time that the voter attends
    hosting: bool = False  # ``instead`` is a session the voter hosts

    @property
    def said(self) -> Say:
        return say("explain.lost_hosting" if self.hosting else "explain.lost", voter=ref(PERSON, self.voter),
                   session=ref(SESSION, self.session), instead=ref(SESSION, self.instead))


@dataclass(frozen=True)
class Clash:
    first: str
    second: str
    voters: int  # people who voted for both
    slots: tuple[str, ...]  # where they overlap

    @property
    def said(self) -> Say:
        return say("explain.clash", n=self.voters, first=ref(SESSION, self.first), second=ref(SESSION, self.second),
                   time=ref(SLOT, self.slots[0]))


@dataclass(frozen=True)
class HostClash:
    """Hosts of one session who voted for another at the same time: their votes for it are lost."""

    hosted: str
    wanted: str
    hosts: tuple[str, ...]  # the voting hosts (person ids)
    slot: str  # the first slot the two share

    @property
    def said(self) -> Say:
        return say("explain.host_clash" if len(self.hosts) == 1 else "explain.host_clash_many", people=ref(PERSON, *self.hosts),
                   hosted=ref(SESSION, self.hosted), wanted=ref(SESSION, self.wanted), time=ref(SLOT, self.slot))


@dataclass(frozen=True)
class SmallRoom:
    session: str
    room: str
    votes: int
    capacity: int

    @property
    def said(self) -> Say:
        return say("explain.small_room", title=ref(SESSION, self.session), votes=self.votes,
                   room=ref(ROOM, self.room), capacity=self.capacity)


@dataclass(frozen=True)
class LeftOut:
    session: str
    votes: int
    reason: str  # a message key: explain.no_place | explain.full | explain.worse | explain.unplaced
    detail: str = ""  # a message key saying more, with a hint what to do (explain.why.*)
    params: tuple[tuple[str, object], ...] = ()  # for ``detail``

    @property
    def hint(self) -> Say:
        """Why it is out and what would bring it in."""
        return Say(self.detail, self.params) if self.detail else say(self.reason)

    @property
    def said(self) -> Say:
        return say("explain.left_out", title=ref(SESSION, self.session), votes=self.votes, why=self.hint)


@dataclass(frozen=True)
class Move:
    """A session of the last release that is elsewhere now (or left out).

    ``gained`` is what the move wins: the honoured votes of the grid minus
    those of the same grid with just this session back at its published
    place (whatever is there now taken out). None when the move was forced:
    the published place is no longer possible (``detail`` says why, with
    ``params``) or a pin holds it now.
    """

    session: str
    before: tuple[str, str]  # (room, first slot) as published
    after: tuple[str, str] | None  # (room, first slot) now; None when left out
    gained: int | None
    cost: float  # move_cost
    detail: str = ""  # a message key (reason.* / explain.move.pinned) for a forced move
    params: tuple[tuple[str, object], ...] = ()
    # The sessions in its published place now: what ``gained`` counts is
    # mostly theirs when the move only made room for them.
    made_room_for: tuple[str, ...] = ()

    @property
    def forced(self) -> bool:
        return self.gained is None

    @property
    def said(self) -> Say:
        where = {"title": ref(SESSION, self.session), "before": place(*self.before),
                 "after": place(*self.after) if self.after else ""}
        if self.forced:
            key = "explain.move.forced_out" if self.after is None else "explain.move.forced"
            return say(key, **where, why=Say(self.detail, self.params))
        key = "explain.move.out" if self.after is None else "explain.move.gain"
        if self.made_room_for:
            return say(f"{key}_for", **where, verdict=self.verdict, others=ref(SESSION, *self.made_room_for, quoted=True))
        return say(key, **where, verdict=self.verdict)

    @property
    def verdict(self) -> Say:
        """What the move wins against what it costs; a move made by hand may win little or lose."""
        cost = f"{self.cost:g}"
        if self.gained > self.cost:
            return say("explain.move.wins", gained=self.gained, cost=cost)
        if self.gained > 0:
            return say("explain.move.little", gained=self.gained, cost=cost)
        if self.gained == 0:
            return say("explain.move.nothing", cost=cost)
        return say("explain.move.costs", lost=-self.gained, cost=cost)


@dataclass(frozen=True)
class Explanation:
    lost: tuple[LostVote, ...]
    clashes: tuple[Clash, ...]  # most costly first
    small_rooms: tuple[SmallRoom, ...]  # fullest first
    left_out: tuple[LeftOut, ...]  # most voted first
    moves: tuple[Move, ...] = ()  # every move since the last release, in the order of ``previous``
    host_clashes: tuple[HostClash, ...] = ()  # most hosts first

    @property
    def said(self) -> list[Say]:
        """Everything to tell: moves, clashes (of voters, then of hosts), small rooms, left-out
        sessions (not each lost vote)."""
        return [x.said for x in (*self.moves, *self.clashes, *self.host_clashes, *self.small_rooms, *self.left_out)]


def explain(problem: Problem, grid: dict, top: int = 10) -> Explanation:
    """The story behind ``grid`` (assumed valid; see rules.check_grid)."""
    slots = problem.slots
    spans, room_of = spans_and_rooms(problem, grid)
    hosted_by = problem.hosted_by

    def overlap(a: str, b: str) -> bool:
        return spans[a][0] <= spans[b][1] and spans[b][0] <= spans[a][1]

    lost = []
    now: dict[str, int] = {}  # voter -> honoured votes in this grid
    for voter, voted in problem.votes.items():
        hosted = hosted_by.get(voter, ())
        going = attended(spans, list(voted), list(hosted))
        now[voter] = len(going & set(voted))
        busy = sorted(going | {h for h in hosted if h in spans})
        for v in voted:
            if v in spans and v not in going:
                instead = next((g for g in busy if g != v and overlap(g, v)), "")
                lost.append(LostVote(voter, v, instead, instead in hosted))

    co: dict[tuple[str, str], int] = {}
    for voted in problem.votes.values():
        placed = sorted(v for v in voted if v in spans)
        for i, a in enumerate(placed):
            for b in placed[i + 1:]:
                if overlap(a, b):
                    co[(a, b)] = co.get((a, b), 0) + 1
    clashes = sorted(
        (Clash(a, b, n, tuple(slots[x].id for x in range(max(spans[a][0], spans[b][0]),
                                                          min(spans[a][1], spans[b][1]) + 1)))
         for (a, b), n in co.items()),
        key=lambda c: (-c.voters, c.first, c.second),
    )[:top]

    counts = problem.vote_counts
    capacity = {r.id: r.capacity for r in problem.rooms}
    small = sorted(
        (SmallRoom(s, r, counts.get(s, 0), capacity[r]) for s, r in room_of.items() if counts.get(s, 0) > capacity[r]),
        key=lambda x: (x.capacity - x.votes, x.session),
    )
    use = _occupancy(problem, spans, room_of)
    left_out = sorted((_left_out(problem, Feasibility(problem), spans, use, now)),
                      key=lambda x: (-x.votes, x.session))
    moves = tuple(_moves(problem, spans, room_of, use, now))
    hosting: dict[tuple[str, str], list[str]] = {}  # (hosted, wanted) -> voting hosts
    for x in lost:
        if x.hosting:
            hosting.setdefault((x.instead, x.session), []).append(x.voter)
    host_clashes = sorted(
        (HostClash(hosted, wanted, tuple(sorted(people)), slots[max(spans[hosted][0], spans[wanted][0])].id)
         for (hosted, wanted), people in hosting.items()),
        key=lambda c: (-len(c.hosts), c.hosted, c.wanted),
    )[:top]
    return Explanation(tuple(lost), tuple(clashes), tuple(small), tuple(left_out), moves, tuple(host_clashes))


def _moves(problem: Problem, spans: dict[str, tuple[int, int]], room_of: dict[str, str], use: Occupancy,
           now: dict[str, int]) -> list[Move]:
    """Every session of ``previous`` that is not where it was published, with what that gained."""
    slot_index, slots = problem.slot_index, problem.slots
    out = []
    for sid, (room, first) in problem.previous.items():
        start = slot_index[first]
        after = (room_of[sid], slots[spans[sid][0]].id) if sid in spans else None
        if after == (room, first):
            continue
        s = problem.session(sid)
        if s.pinned is not None:
            out.append(Move(sid, (room, first), after, None, problem.move_cost, "explain.move.pinned"))
            continue
        reason = placement_problem(problem, s, problem.room_index[room], start)
        if reason is not None:
            out.append(Move(sid, (room, first), after, None, problem.move_cost, reason.key, reason.params))
            continue
        span = slot_span(problem, s.length, start)
        a, b = span[0], span[-1]
        conflicts = {o for o, _ in use.clashes(s, room, span) if o != sid}
        pin = next((o for o in sorted(conflicts) if problem.session(o).pinned is not None), None)
        if pin is not None:
            out.append(Move(sid, (room, first), after, None, problem.move_cost, "explain.move.pin_there",
                            (("pin", ref(SESSION, pin)),)))
            continue
        undone = {o: x for o, x in spans.items() if o not in conflicts and o != sid} | {sid: (a, b)}
        people = _people(problem, conflicts | {sid})
        gained = sum(now[v] for v in people) - _honoured(problem, undone, people)
        out.append(Move(sid, (room, first), after, gained, problem.move_cost, made_room_for=tuple(sorted(conflicts))))
    return out


def _people(problem: Problem, sessions) -> set[str]:
    """Whose honoured votes a change of ``sessions`` can change: their voters and voting hosts."""
    people = {v for o in sessions for v in problem.voters_of.get(o, ())}
    return people | {h for o in sessions for h in problem.session(o).hosts if h in problem.votes}


def _honoured(problem: Problem, spans: dict[str, tuple[int, int]], people: set[str]) -> int:
    """The honoured votes of ``people`` in the grid ``spans``."""
    total = 0
    for voter in people:
        voted, hosted = list(problem.votes[voter]), list(problem.hosted_by.get(voter, ()))
        total += len(attended(spans, voted, hosted) & set(voted))
    return total


def _occupancy(problem: Problem, spans: dict[str, tuple[int, int]], room_of: dict[str, str]) -> Occupancy:
    """Who uses which room and host when in the grid."""
    use = Occupancy()
    for sid, (a, b) in spans.items():
        use.add(problem.session(sid), room_of[sid], range(a, b + 1))
    return use


def _left_out(problem: Problem, feasibility: Feasibility, spans: dict[str, tuple[int, int]],
              use: Occupancy, now: dict[str, int]) -> list[LeftOut]:
    """Why each session that is not in the grid is out (``use``: who uses which room and host when)."""
    counts = problem.vote_counts
    weigher = _Displacement(problem, feasibility, spans, use, now)
    out = []
    for i, s in enumerate(problem.sessions):
        if s.id in spans:
            continue
        votes = counts.get(s.id, 0)
        places = feasibility.places[i]
        if not places:
            out.append(LeftOut(s.id, votes, "explain.no_place", *_no_place_detail(problem, i)))
            continue
        free = [(r, start) for r, start in places
                if not any(use.clashes(s, problem.rooms[r].id, feasibility.span(i, start)))]
        if free:
            # Suggest the room that seats who is expected (the smallest such), else the biggest:
            # the first free place sent a 30-hand pitch to a 12-seat lounge.
            audience = problem.expected.get(s.id, 0)
            free.sort(key=lambda p: (problem.rooms[p[0]].capacity < audience,
                                     abs(problem.rooms[p[0]].capacity - audience), p[1]))
            place = _harmless_place(problem, feasibility, i, free, spans, now)
            if place is None:  # every free place costs its hosts votes they would rather keep
                out.append(LeftOut(s.id, votes, "explain.worse", "explain.why.worse"))
            else:  # not placed yet (a draft before any run, or a hand edit)
                r, start = place
                out.append(LeftOut(s.id, votes, "explain.unplaced", "explain.why.free",
                                   (("room", ref(ROOM, problem.rooms[r].id)), ("slot", ref(SLOT, problem.slots[start].id)))))
        elif all(any(host is not None for _, host in use.clashes(s, problem.rooms[r].id, feasibility.span(i, start)))
                 for r, start in places):
            out.append(LeftOut(s.id, votes, "explain.full", "explain.why.hosts_busy"))
        else:
            cheapest = weigher.cheapest(i)
            if cheapest is None:
                out.append(LeftOut(s.id, votes, "explain.full", "explain.why.full"))
            else:
                lost, others = cheapest
                out.append(LeftOut(s.id, votes, "explain.full", "explain.why.displace",
                                   (("others", ref(SESSION, *others, quoted=True)), ("lost", lost))))
    return out


class _Displacement:
    """What bringing a left-out session into a full grid would cost.

    Each voter's honoured votes in the grid are ``now`` (counted once, by
    ``explain``); the whole explanation weighs at most ``BUDGET`` voters in changed grids (a big
    overbooked event has thousands of places to try), and a session whose
    places were not all weighed gets no price: "cheapest" must be true.
    """

    BUDGET = 20_000

    def __init__(self, problem: Problem, feasibility: Feasibility, spans: dict[str, tuple[int, int]],
                 use: Occupancy, now: dict[str, int]):
        self.problem, self.feasibility, self.spans, self.use, self.now = problem, feasibility, spans, use, now
        self.left = self.BUDGET

    def cheapest(self, i: int) -> tuple[int, tuple[str, ...]] | None:
        """Where session ``i`` would cost the fewest honoured votes if the
        sessions in its room there made way (none of them pinned, its hosts
        free): (votes lost, the sessions left out then). None when no such
        place exists, one would not cost votes (a grid not searched yet:
        then "full" is all there is to say) or the budget ran out."""
        problem, spans = self.problem, self.spans
        s = problem.sessions[i]
        best = None
        for r, start in self.feasibility.places[i]:
            span = self.feasibility.span(i, start)
            found = list(self.use.clashes(s, problem.rooms[r].id, span))
            if any(host is not None for _, host in found):
                continue
            others = tuple(sorted({o for o, _ in found}))
            if any(problem.session(o).pinned is not None for o in others):
                continue
            people = _people(problem, (s.id, *others))
            self.left -= len(people)
            if self.left < 0:
                return None
            with_it = {o: x for o, x in spans.items() if o not in others} | {s.id: (span[0], span[-1])}
            change = _honoured(problem, with_it, people) - sum(self.now[v] for v in people)
            if best is None or change > best[0]:
                best = (change, others)
        if best is None or best[0] >= 0:
            return None
        return -best[0], best[1]


def _harmless_place(problem: Problem, feasibility: Feasibility, i: int, free: list[tuple[int, int]],
                    spans: dict[str, tuple[int, int]], now: dict[str, int]) -> tuple[int, int] | None:
    """The first free place where putting session ``i`` costs no value, or None.

    Adding a session never stops a voter from attending what they attend
    now, unless they host it: only its hosts' votes can be lost.
    """
    s = problem.sessions[i]
    hosts = {h for h in s.hosts if h in problem.votes}
    if not hosts:
        return free[0]
    for r, start in free:
        span = feasibility.span(i, start)
        with_it = dict(spans) | {s.id: (span[0], span[-1])}
        delta = _honoured(problem, with_it, hosts) - sum(now[h] for h in hosts)
        if problem.previous.get(s.id) == (problem.rooms[r].id, problem.slots[start].id) and problem.has_previous:
            delta += problem.move_cost
        if delta >= 0:
            return r, start
    return None


def _no_place_detail(problem: Problem, i: int) -> tuple[str, tuple[tuple[str, object], ...]]:
    """Which rule leaves a session no place at all."""
    s = problem.sessions[i]
    if not any(s.needs <= r.features for r in problem.rooms):
        return "explain.why.no_room", (("features", ref(FEATURE, *sorted(s.needs))),)
    starts = [x for x in range(len(problem.slots)) if slot_span(problem, s.length, x)]
    if not starts:
        return "explain.why.too_long", (("length", str(s.length)),)
    blocked = {x for h in s.hosts for x in problem.unavailable.get(h, ())}
    if all(any(problem.slots[x].id in blocked for x in slot_span(problem, s.length, start)) for start in starts):
        return "explain.why.host_away", (("hosts", ref(PERSON, *s.hosts)),)
    return "explain.why.rooms_away", ()
