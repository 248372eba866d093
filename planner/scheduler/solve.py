"""The optimiser: a marginal-gain greedy grid, simulated annealing on the slot
choice, then rooms matched to sessions slot by slot.

Data -> model -> solve -> read back, each a function. Where a session goes
is only ever chosen from ``rules.Feasibility`` (the one definition of a
possible place), and the grid is checked by ``rules.check_grid`` in the tests.

Honoured votes are kept up to date incrementally, one bit per voter: per
slot a bit-sliced counter of the voters with a one-slot session there (one
Python int per bit) and a mask of the voters hosting something there, so a
move costs a few big-int operations. Moves and swaps of one-slot sessions
are scored from those counters before they are made (``_State.delta``):
most are refused, and then nothing is made and undone. Workshops (longer
sessions) are recounted when a move touches their voters; a voter of
several workshops is recounted alone, slots as bits. When the sessions need
more places than the rooms have, the grid is full and a workshop could only
trade places with another workshop: then it also moves by making one-slot
sessions give way, or gives its places to sessions left out
(``_propose_long``).

The walk itself runs in C where it can be built (walk.c through native.py,
``_anneal_native``: the same walk on the same score, 14-25 times the
proposals per second); ``_State`` and ``_anneal`` are its reference and the
walk on a machine without a C compiler.

Deterministic for a seed when ``max_iterations`` is given; a bare time limit
stops the search at a machine-dependent point. With a free core a second
search (another seed, a process of its own) runs beside the first; halfway
both go on from the better of their grids, and the better final grid wins
(``solve``'s ``searches``).
"""

from __future__ import annotations

import json
import logging
import math
import os
import random
import select
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from planner.scheduler import child, native
from planner.scheduler.metrics import evaluate, honoured_bound
from planner.scheduler.problem import Problem, load_problem, problem_to_dict
from planner.scheduler.rules import Feasibility, check_grid

Position = tuple[int, int] | None  # (room index, first slot index) or left out
SWAP_SHARE = 0.5  # of the moves into a slot with a free room: a swap with a session there instead
# The annealing's temperatures in votes, from hot to cold. From a greedy grid
# the search may wander far and stays warm to the end (a lost vote is still
# taken one time in twelve); from a published grid it stays near it (each
# move costs move_cost). Chosen on the bench instances (bench/README.md,
# "Quality within 10 s"): a cold finish or a climb from the best grid seen
# ended lower for the same number of moves.
FRESH_TEMPERATURES = (2.0, 0.4)
REPLAN_TEMPERATURES = (0.5, 0.2)
# Searches side by side: a search uses one core, so a second one on
# the second core costs no time and often finds a better grid (bench/README.md,
# "Quality within 10 s"). A helper needs about half a second to start (a new
# interpreter imports the scheduler), so runs under HELPER_MIN_SECONDS stay alone.
MAX_SEARCHES = 2
HELPER_MIN_SECONDS = 2.0
HELPER_GRACE = 2.0  # seconds a helper may be late before its grid is left out
# Halfway through, the searches side by side compare their best grids and
# both go on from the better one, each with its own random walk: a walk that
# fell into a poor basin early does not spend its second half there
# (bench/README.md, "Halfway, the better grid for both").
EXCHANGE_AT = 0.5  # of the search time
EXCHANGE_PATIENCE = 1.0  # at most seconds (and a tenth of the run) to wait for the other search's grid
# A walk with no better grid for this many proposals per session starts again
# (bench/README.md, "Quality within 10 s"): on small problems the best grid of a
# 10 s walk comes within its first fifth; medium and large improve to the end.
STALL_PER_SESSION = 5_000
# Of the proposals, the share that moves a longer session (a workshop) by
# displacing one-slot sessions, when the sessions need more places than there
# are: such a grid is full, has no free run of slots for a workshop, and
# without these moves a workshop stays where the first grid put it. With free
# places left they only cost time (bench/README.md, "Workshops give way").
LONG_SHARE = 0.01
# The walk in C (native.py) looks for a better grid to report this often, and
# makes 14-25 times the proposals per second: its walks settle after as many
# more proposals (bench/README.md, "The walk in C").
NATIVE_SLICE = 0.05
NATIVE_STALL_PER_SESSION = 100_000


class _State:
    """A grid under construction, with what is needed to score a move fast."""

    def __init__(self, problem: Problem, feasibility: Feasibility):
        self.p = problem
        n = self.n = len(problem.sessions)
        n_slots, n_rooms = len(problem.slots), len(problem.rooms)
        index, room_index, slot_index = problem.session_index, problem.room_index, problem.slot_index
        self.length = [s.length for s in problem.sessions]
        self.places = feasibility.places
        self.place_set = [set(p) for p in feasibility.places]
        self.span_from = [{start: feasibility.span(si, start) for _, start in places}
                          for si, places in enumerate(feasibility.places)]
        self.rooms_at: list[dict[int, list[int]]] = []
        for places in feasibility.places:
            by_start: dict[int, list[int]] = {}
            for room, start in places:
                by_start.setdefault(start, []).append(room)
            self.rooms_at.append(by_start)
        self.starts = [sorted(r) for r in self.rooms_at]

        hosts = sorted({h for s in problem.sessions for h in s.hosts})
        host_id = {h: i for i, h in enumerate(hosts)}
        self.hosts_of = [[host_id[h] for h in s.hosts] for s in problem.sessions]
        self.host_busy = [[-1] * n_slots for _ in hosts]
        self.occ = [[-1] * n_slots for _ in range(n_rooms)]
        self.n_free = [n_rooms] * n_slots  # rooms free per slot

        # Voters live in bit masks, one bit each (see the counters below).
        voters = list(problem.votes)
        voted = [[index[x] for x in problem.votes[v]] for v in voters]
        hosted = [[index[x] for x in problem.hosted_by.get(v, ())] for v in voters]
        self.votes = [0] * n
        for chosen in voted:
            for si in chosen:
                self.votes[si] += 1
        self.unit_mask = [0] * n  # voters of a one-slot session
        self.multi_mask = [0] * n  # voters of a longer session who vote for no other longer one
        self.multi2_mask = [0] * n  # voters of a longer session who vote for more longer ones
        self.host_mask = [0] * n  # voters hosting the session
        self.own_votes = [0] * n  # voters hosting the session who voted for it
        self.longs_of: dict[int, list[int]] = {}  # the longer sessions of the voters in multi2_mask
        self.touches: list[set[int]] = []  # the longer sessions whose bonus a move of the session can change
        most = 1
        for vi, chosen in enumerate(voted):
            own = set(hosted[vi])
            others = [si for si in chosen if si not in own]
            long_ones = [si for si in others if self.length[si] > 1]
            bit = 1 << vi
            for si in others:
                if self.length[si] == 1:
                    self.unit_mask[si] |= bit
                elif len(long_ones) == 1:
                    self.multi_mask[si] |= bit
                else:
                    self.multi2_mask[si] |= bit
            for si in own:
                self.host_mask[si] |= bit
                self.own_votes[si] += si in chosen
            if len(long_ones) > 1:
                self.longs_of[vi] = long_ones
            most = max(most, len(others))
        longs = [si for si in range(n) if self.length[si] > 1]
        self.long_voters = [self.multi_mask[si] | self.multi2_mask[si] for si in range(n)]  # whose bonus it may be
        for si in range(n):
            mine = self.unit_mask[si] | self.host_mask[si]
            self.touches.append({x for x in longs if x == si or mine & self.long_voters[x]})
        self.all_mask = [0] * n  # every voter of each session, for the greedy's estimate
        for vi, chosen in enumerate(voted):
            for si in chosen:
                self.all_mask[si] |= 1 << vi
        self.n_planes = most.bit_length()
        self.planes = [[0] * self.n_planes for _ in range(n_slots)]  # unit votes per slot, bit-sliced
        self.host_block = [0] * n_slots  # voters hosting something in the slot
        self.covered = [0] * n_slots  # voters with a one-slot session in the slot (any plane set)
        self.twice = [0] * n_slots  # voters with more than one one-slot session in the slot
        self.long_at: list[list[int]] = [[] for _ in range(n_slots)]  # longer sessions in the slot
        self.bonus = [0] * n  # voters of multi_mask attending a longer session
        self.free2 = [0] * n  # voters of multi2_mask who could attend the longer session
        self.dirty = 0  # voters of several longer sessions to recount
        self.fast_total = 0
        self.complex_h = dict.fromkeys(self.longs_of, 0)
        self.complex_total = 0

        self.first = [-1] * n
        self.last = [-1] * n
        self.span_mask = [0] * n  # the slots a session takes, as bits (0: left out)
        self.pos: list[Position] = [None] * n
        self.capacity = [r.capacity for r in problem.rooms]
        expected = problem.expected
        self.expected = [expected[s.id] for s in problem.sessions]  # who will come: rooms are sized by it
        self.previous: list[Position] = [None] * n
        for sid, (room, slot) in problem.previous.items():
            self.previous[index[sid]] = (room_index[room], slot_index[slot])
        self.move_cost = float(problem.move_cost) if problem.has_previous else 0.0
        self.moved = sum(1 for x in self.previous if x is not None)  # nothing is placed yet
        self.scheduled = 0
        self.overflow = 0
        # Lexicographic objective as one number: value, then fewer moves (a
        # move must win back *more* than it costs), then scheduled, then overflow.
        self.w_moved = 0.5 / (n + 1) if problem.has_previous and problem.previous else 0.0
        self.w_scheduled = 0.5 / (n + 1) * (0.5 / (n + 1) if self.w_moved else 1.0)
        self.w_overflow = self.w_scheduled * 0.5 / (sum(self.expected) + 1)
        self.pinned = [s.pinned is not None for s in problem.sessions]
        self.units = [si for si in range(n) if self.length[si] == 1 and not self.pinned[si]]  # may give way
        for si, s in enumerate(problem.sessions):
            if s.pinned is not None:
                self._set(si, (room_index[s.pinned[0]], slot_index[s.pinned[1]]))
        self.recount()

    # -- counters -----------------------------------------------------------
    # A voter's honoured votes are: own sessions voted for, plus the slots
    # holding a one-slot session they voted for and no session they host,
    # plus the most disjoint longer sessions they voted for among those whose
    # every slot is free of both (a longer session in place of such a slot
    # never does better). That is exactly the most non-overlapping sessions.
    # The slots are counted for all voters at once (bit-sliced counters per
    # slot); so are the longer sessions of voters with only one; voters with
    # several are recounted one by one when one of those changes.

    def _blocked(self, slot: int) -> int:
        return self.host_block[slot] | self.covered[slot]

    def _add(self, slot: int, mask: int) -> None:
        planes, carry = self.planes[slot], mask
        self.fast_total += (mask & ~self._blocked(slot)).bit_count()
        for k in range(self.n_planes):
            if not carry:
                break
            bit = planes[k]
            planes[k] = bit ^ carry
            carry &= bit
        assert not carry, "vote counter overflow"  # n_planes covers every voter's votes
        self._cover(slot)

    def _cover(self, slot: int) -> None:
        """Who has a one-slot session in ``slot``, and who more than one, from its counter."""
        planes, twice = self.planes[slot], 0
        for plane in planes[1:]:
            twice |= plane
        self.covered[slot] = twice | planes[0]
        self.twice[slot] = twice

    def _sub(self, slot: int, mask: int) -> None:
        planes, borrow = self.planes[slot], mask
        for k in range(self.n_planes):
            if not borrow:
                break
            bit = planes[k]
            planes[k] = bit ^ borrow
            borrow &= ~bit
        self._cover(slot)
        self.fast_total -= (mask & ~self._blocked(slot)).bit_count()

    def _block(self, slot: int, mask: int) -> None:
        self.fast_total -= (mask & self.covered[slot] & ~self.host_block[slot]).bit_count()
        self.host_block[slot] |= mask

    def _unblock(self, slot: int, mask: int) -> None:
        self.host_block[slot] &= ~mask
        self.fast_total += (mask & self.covered[slot] & ~self.host_block[slot]).bit_count()

    def _rebonus(self, span: tuple[int, ...], moved: int) -> None:
        """Recount the longer sessions in ``span`` whose voters ``moved`` can change."""
        touches = self.touches[moved]
        todo = {si for x in span for si in self.long_at[x] if si in touches}
        for si in todo:
            blocked = self._span_blocked(si)
            new = (self.multi_mask[si] & ~blocked).bit_count()
            self.fast_total += new - self.bonus[si]
            self.bonus[si] = new
            if self.multi2_mask[si]:
                free = self.multi2_mask[si] & ~blocked
                self.dirty |= free ^ self.free2[si]
                self.free2[si] = free

    def _span_blocked(self, si: int, after: dict[int, tuple[int, int]] | None = None) -> int:
        """The voters busy in some slot of longer session ``si`` (hosting, or with a
        one-slot session there); ``after`` overrides (covered, host-blocked) per slot."""
        blocked = 0
        for x in self.span_from[si][self.first[si]]:
            if after and x in after:
                covered, hosting = after[x]
                blocked |= covered | hosting
            else:
                blocked |= self._blocked(x)
        return blocked

    def _long_bonus(self, vi: int, free2: dict[int, int] | None = None) -> int:
        """The most disjoint longer sessions voter ``vi`` could attend (earliest end
        first); ``free2`` overrides ``self.free2`` for some sessions."""
        bit, own, over = 1 << vi, self.free2, free2 or {}
        free = [(self.last[si], self.span_mask[si]) for si in self.longs_of[vi]
                if (over[si] if si in over else own[si]) & bit]
        if len(free) < 2:
            return len(free)
        free.sort()
        taken = count = 0
        for _, bits in free:
            if not bits & taken:
                taken |= bits
                count += 1
        return count

    def recount(self) -> None:
        """Bring the voters of several longer sessions up to date."""
        dirty, self.dirty = self.dirty, 0
        while dirty:
            low = dirty & -dirty
            dirty ^= low
            vi = low.bit_length() - 1
            new = self._long_bonus(vi)
            self.complex_total += new - self.complex_h[vi]
            self.complex_h[vi] = new

    # -- changes ------------------------------------------------------------

    def _set(self, si: int, pos: Position) -> None:
        """Put session ``si`` at ``pos`` (or take it out); voters of several longer sessions are not recounted."""
        old = self.pos[si]
        prev = self.previous[si]
        long = self.length[si] > 1
        if old is not None:
            room, start = old
            span = self.span_from[si][start]
            for x in span:
                self.occ[room][x] = -1
                self.n_free[x] += 1
                for h in self.hosts_of[si]:
                    self.host_busy[h][x] = -1
            if self.unit_mask[si]:
                self._sub(start, self.unit_mask[si])
            if self.host_mask[si]:
                for x in span:
                    self._unblock(x, self.host_mask[si])
            if long:
                for x in span:
                    self.long_at[x].remove(si)
                self.fast_total -= self.bonus[si]
                self.bonus[si] = 0
                self.dirty |= self.free2[si]
                self.free2[si] = 0
            self.fast_total -= self.own_votes[si]
            self.scheduled -= 1
            self.overflow -= max(0, self.expected[si] - self.capacity[room])
            self.first[si] = self.last[si] = -1
            self.span_mask[si] = 0
            self._rebonus(span, si)
        if pos is not None:
            room, start = pos
            span = self.span_from[si][start]
            for x in span:
                self.occ[room][x] = si
                self.n_free[x] -= 1
                for h in self.hosts_of[si]:
                    self.host_busy[h][x] = si
            if self.unit_mask[si]:
                self._add(start, self.unit_mask[si])
            if self.host_mask[si]:
                for x in span:
                    self._block(x, self.host_mask[si])
            self.fast_total += self.own_votes[si]
            self.scheduled += 1
            self.overflow += max(0, self.expected[si] - self.capacity[room])
            self.first[si], self.last[si] = span[0], span[-1]
            self.span_mask[si] = (2 << span[-1]) - (1 << span[0])
            if long:
                for x in span:
                    self.long_at[x].append(si)
            self._rebonus(span, si)
        if prev is not None:
            self.moved += (pos != prev) - (old != prev)
        self.pos[si] = pos

    def apply(self, changes: list[tuple[int, Position]]) -> list[tuple[int, Position]]:
        """Make the changes in order; returns the changes that undo them."""
        before = {}
        for si, _ in changes:
            before.setdefault(si, self.pos[si])
        for si, pos in changes:
            self._set(si, pos)
        if self.dirty:
            self.recount()
        return [(si, None) for si in before] + [(si, pos) for si, pos in before.items() if pos is not None]

    # -- scoring a change without making it -----------------------------------
    # Most proposed changes are refused, and making then undoing one costs eight
    # _set calls. The common ones (a one-slot session to a free room in another
    # slot, or two one-slot sessions in different slots trading places) are
    # scored from the counters alone (voters of several longer sessions are
    # recounted on the side); other changes are made to be scored.

    def _slot_after(self, slot: int, out: int, into: int) -> tuple[int, int]:
        """(covered, host-blocked) of ``slot`` with session ``out`` taken out and
        ``into`` put in (-1: none); both one-slot sessions."""
        covered, blocked = self.covered[slot], self.host_block[slot]
        if out >= 0:
            mask = self.unit_mask[out]
            if mask:
                covered &= ~(mask & self.planes[slot][0] & ~self.twice[slot])  # voters counted once here, by ``out``
            blocked &= ~self.host_mask[out]  # a voter hosts one session per slot
        if into >= 0:
            covered |= self.unit_mask[into]
            blocked |= self.host_mask[into]
        return covered, blocked

    def delta(self, change: list[tuple[int, Position]], limit: float = -math.inf) -> float | None:
        """The change of ``score()`` that ``apply(change)`` would make, for a move
        or a swap of one-slot sessions between slots in the shape ``_propose``
        gives them (None for any other change: make it to know).

        ``limit``: a change scoring below it is refused anyway. When a bound on
        it falls below ``limit``, the bound is returned and the rest is not
        counted: first its one-slot votes, overflow and moves plus every voter
        freed in a slot of a longer session they voted for winning one there;
        then, with the voters of one longer session counted, each voter of
        several winning one per slot freed for them."""
        length, pos = self.length, self.pos
        if len(change) == 1:
            (a, new_a), = change
            old_a = pos[a]
            if old_a is None or new_a is None or length[a] != 1 or old_a[1] == new_a[1]:
                return None
            (ra, sa), (rb, sb) = old_a, new_a
            b = -1
            after = {sa: self._slot_after(sa, a, -1), sb: self._slot_after(sb, -1, a)}
        elif len(change) == 4:
            a, b = change[0][0], change[1][0]
            if (length[a] != 1 or length[b] != 1 or pos[a] is None or pos[b] is None
                    or change[2:] != [(a, pos[b]), (b, pos[a])]):
                return None  # not two placed sessions trading places
            (ra, sa), (rb, sb) = pos[a], pos[b]
            if sa == sb:
                return None
            after = {sa: self._slot_after(sa, a, b), sb: self._slot_after(sb, b, a)}
        else:
            return None
        expected, capacity = self.expected, self.capacity
        overflow = max(0, expected[a] - capacity[rb]) - max(0, expected[a] - capacity[ra])
        moved = 0
        prev = self.previous[a]
        if prev is not None:
            moved += ((rb, sb) != prev) - ((ra, sa) != prev)
        if b >= 0:
            overflow += max(0, expected[b] - capacity[ra]) - max(0, expected[b] - capacity[rb])
            prev = self.previous[b]
            if prev is not None:
                moved += ((ra, sa) != prev) - ((rb, sb) != prev)
        gain = -(self.move_cost + self.w_moved) * moved - self.w_overflow * overflow
        long_voters, long_at = self.long_voters, self.long_at
        changed = []  # per slot (sa, then sb): the voters whose "busy here" changes
        freed_at = []  # per slot: the voters busy there before and not after
        most = 0  # what the longer sessions can win at most: a voter freed in a slot wins one there
        for slot, (covered, blocked) in after.items():
            was_covered, was_blocked = self.covered[slot], self.host_block[slot]
            gain += (covered & ~blocked).bit_count() - (was_covered & ~was_blocked).bit_count()
            was, now = was_covered | was_blocked, covered | blocked
            changed.append(was ^ now)
            freed_at.append(freed := was & ~now)
            if long_at[slot] and freed:
                theirs = 0
                for si in long_at[slot]:
                    theirs |= long_voters[si]
                most += (freed & theirs).bit_count()
        if gain + most < limit:
            return gain + most
        # The longer sessions running in sa or sb with a voter whose "busy" changes there.
        touched = set()
        for slot, change in zip((sa, sb), changed):
            touched.update(si for si in long_at[slot] if long_voters[si] & change)
        free2: dict[int, int] = {}
        dirty = rising = 0
        for si in touched:
            now = self._span_blocked(si, after)
            if self.multi2_mask[si]:
                free = self.multi2_mask[si] & ~now
                if free != self.free2[si]:
                    free2[si] = free
                    dirty |= free ^ self.free2[si]
                    rising |= free & ~self.free2[si]
            gain += (self.multi_mask[si] & ~now).bit_count() - self.bonus[si]
        if dirty:  # voters of several longer sessions: each wins at most one per slot freed for them
            bound = gain + (rising & freed_at[0]).bit_count() + (rising & freed_at[1]).bit_count()
            if bound < limit:
                return bound
        while dirty:  # voters of several longer sessions, recounted as recount() would
            low = dirty & -dirty
            dirty ^= low
            vi = low.bit_length() - 1
            gain += self._long_bonus(vi, free2) - self.complex_h[vi]
        return gain

    @property
    def honoured(self) -> int:
        return self.fast_total + self.complex_total

    def score(self) -> float:
        return (self.fast_total + self.complex_total - (self.move_cost + self.w_moved) * self.moved
                + self.w_scheduled * self.scheduled - self.w_overflow * self.overflow)

    # -- places -------------------------------------------------------------

    def hosts_free(self, si: int, span: tuple[int, ...], ignore: tuple[int, ...]) -> bool:
        for h in self.hosts_of[si]:
            busy = self.host_busy[h]
            for x in span:
                if busy[x] != -1 and busy[x] not in ignore:
                    return False
        return True

    def free_rooms(self, si: int, start: int, ignore: tuple[int, ...]) -> list[int]:
        span = self.span_from[si][start]
        occ = self.occ
        if len(span) == 1:
            return [r for r in self.rooms_at[si][start] if occ[r][start] == -1 or occ[r][start] in ignore]
        return [r for r in self.rooms_at[si][start] if all(occ[r][x] == -1 or occ[r][x] in ignore for x in span)]

    def best_room(self, si: int, start: int, rooms: list[int]) -> int:
        """The previous room if possible, else the smallest room that seats the
        expected audience, else the biggest. One-slot sessions get their final
        rooms slot by slot in ``_match_rooms``; a small room here keeps the big
        ones free for the search. Longer sessions keep theirs: the biggest."""
        prev = self.previous[si]
        if prev is not None and prev[1] == start and prev[0] in rooms:
            return prev[0]
        audience, capacity = self.expected[si], self.capacity
        if self.length[si] > 1:
            return min(rooms, key=lambda r: (max(0, audience - capacity[r]), -capacity[r], r))
        return min(rooms, key=lambda r: (max(0, audience - capacity[r]), capacity[r], r))


def _keep_previous(state: _State) -> None:
    """Re-planning starts from the published grid: every placement of
    ``previous`` that is still possible and free stays (most votes first)."""
    order = sorted((si for si in range(state.n) if state.previous[si] is not None and state.pos[si] is None),
                   key=lambda si: (-state.votes[si], si))
    for si in order:
        room, start = state.previous[si]
        if (room, start) not in state.place_set[si]:
            continue
        if state.hosts_free(si, state.span_from[si][start], ()) and room in state.free_rooms(si, start, ()):
            state._set(si, (room, start))
    state.recount()


def _settle(state: _State) -> None:
    """Put moved sessions back where they were published whenever that place
    is free and the grid is not worse: no move stays that does not pay."""
    changed = True
    while changed:
        changed = False
        for si in range(state.n):
            prev = state.previous[si]
            if prev is None or state.pos[si] == prev or state.pinned[si] or prev not in state.place_set[si]:
                continue
            room, start = prev
            if not state.hosts_free(si, state.span_from[si][start], (si,)) or room not in state.free_rooms(si, start, (si,)):
                continue
            before = state.score()
            undo = state.apply([(si, None), (si, prev)])
            if state.score() > before + 1e-12:
                changed = True
            else:
                state.apply(undo)


def _greedy(state: _State, rng: random.Random) -> None:
    """Place sessions most-voted first, each in the slot where it loses the fewest co-votes."""
    n_slots = len(state.p.slots)
    cover = [0] * n_slots  # every voter with a voted session in the slot, as bits
    for si in range(state.n):
        if state.pos[si] is not None:
            for x in state.span_from[si][state.pos[si][1]]:
                cover[x] |= state.all_mask[si]
    # Workshops first within equal votes: they need the most room to fit.
    order = sorted((si for si in range(state.n) if state.pos[si] is None and state.places[si]),
                   key=lambda si: (-state.votes[si], -state.length[si], rng.random()))
    for si in order:
        best = None
        mask = state.all_mask[si]
        for start in state.starts[si]:
            span = state.span_from[si][start]
            if not state.hosts_free(si, span, ()):
                continue
            rooms = state.free_rooms(si, start, ())
            if not rooms:
                continue
            taken = 0
            for x in span:
                taken |= cover[x]
            gain = (mask & ~taken).bit_count()
            prev = state.previous[si]
            if prev is not None and prev[1] == start and prev[0] in rooms:
                gain += state.move_cost
            key = (gain, len(rooms), rng.random())
            if best is None or key > best[0]:
                best = (key, start, rooms)
        if best is None:
            continue
        _, start, rooms = best
        state._set(si, (state.best_room(si, start, rooms), start))
        for x in state.span_from[si][start]:
            cover[x] |= mask
    state.recount()


def _fill(state: _State) -> None:
    """A session is left out only when no valid place is left for it: put each
    left-out session where it does best (most votes first)."""
    for si in sorted(range(state.n), key=lambda si: (-state.votes[si], si)):
        if state.pos[si] is not None or not state.places[si]:
            continue
        best = None
        for start in state.starts[si]:
            if not state.hosts_free(si, state.span_from[si][start], ()):
                continue
            rooms = state.free_rooms(si, start, ())
            if not rooms:
                continue
            undo = state.apply([(si, (state.best_room(si, start, rooms), start))])
            if best is None or state.score() > best[0]:
                best = (state.score(), state.pos[si])
            state.apply(undo)
        if best is not None:
            state.apply([(si, best[1])])


def _propose(state: _State, rng: random.Random, movable: list[int],
             longs: list[int] = ()) -> list[tuple[int, Position]] | None:
    """A random change to the slot choice of one session: to a free room in
    another slot, a swap with a session there, or taking a session's place;
    now and then one of a workshop (``longs``: the movable longer sessions),
    see ``_propose_long``."""
    draw = rng.random
    if longs and draw() < LONG_SHARE:
        return _propose_long(state, rng, longs[int(draw() * len(longs))])
    si = movable[int(draw() * len(movable))]
    starts = state.starts[si]
    start = starts[int(draw() * len(starts))]
    old = state.pos[si]
    if old is not None and old[1] == start:
        return None
    span = state.span_from[si][start]
    # A full slot has no free room for a one-slot session from elsewhere (the usual case on a full grid).
    rooms = state.free_rooms(si, start, (si,)) if len(span) > 1 or state.n_free[start] else []
    candidates = state.rooms_at[si][start]
    room = candidates[int(draw() * len(candidates))]
    other = state.occ[room][start]
    if rooms and (old is None or other < 0 or draw() >= SWAP_SHARE):
        if not state.hosts_free(si, span, (si,)):
            return None
        return [(si, (state.best_room(si, start, rooms), start))]
    if (other < 0 or state.pinned[other] or state.length[other] != state.length[si]
            or state.pos[other][1] != start):
        return None
    if old is None:
        if not state.hosts_free(si, span, (other,)):
            return None
        if state.previous[other] is not None:  # published: it is never left out, it makes room by moving
            away = _elsewhere(state, rng, other, room, span, si)
            return None if away is None else [(other, None), (si, (room, start)), (other, away)]
        return [(other, None), (si, (room, start))]
    old_room, old_start = old
    if (old_room, old_start) not in state.place_set[other]:
        return None
    if not (state.hosts_free(si, span, (si, other))
            and state.hosts_free(other, state.span_from[other][old_start], (si, other))):
        return None
    return [(si, None), (other, None), (si, (room, start)), (other, (old_room, old_start))]


def _elsewhere(state: _State, rng: random.Random, x: int, room: int, span: tuple[int, ...],
               newcomer: int) -> Position | None:
    """A free place for session ``x`` once ``newcomer`` has taken its room for
    ``span`` (a left-out session coming in where a published one was: the
    published one moves instead of going out), or None (three random starts tried)."""
    starts = state.starts[x]
    for _ in range(3):
        start = starts[rng.randrange(len(starts))]
        there = state.span_from[x][start]
        overlap = bool(set(there) & set(span))
        if overlap and set(state.hosts_of[x]) & set(state.hosts_of[newcomer]):
            continue
        if not state.hosts_free(x, there, (x,)):
            continue
        rooms = [r for r in state.free_rooms(x, start, (x,)) if not (overlap and r == room)]
        if rooms:
            return state.best_room(x, start, rooms), start
    return None


def _propose_long(state: _State, rng: random.Random, si: int) -> list[tuple[int, Position]] | None:
    """A change of workshop ``si`` that one-slot sessions make room for: a
    left-out workshop goes into a room from a slot, the one-slot sessions
    there are left out; a placed one moves there and those sessions take its
    old places, one each, in order or reversed; or (three times in ten) it is
    left out and sessions left out take its places. Pinned and other longer
    sessions are never displaced."""
    pos = state.pos[si]
    if pos is not None and rng.random() < 0.3:
        room, start = pos
        ours = (si,)
        changes: list[tuple[int, Position]] = [(si, None)]
        waiting = [x for x in state.units if state.pos[x] is None and state.places[x]]
        rng.shuffle(waiting)
        for slot in state.span_from[si][start]:
            for x in waiting:
                if (room, slot) in state.place_set[x] and state.hosts_free(x, (slot,), ours):
                    changes.append((x, (room, slot)))
                    waiting.remove(x)
                    break
        return changes
    start = state.starts[si][rng.randrange(len(state.starts[si]))]
    if pos is not None and pos[1] == start:
        return None
    rooms = state.rooms_at[si][start]
    room = rooms[rng.randrange(len(rooms))]
    span = state.span_from[si][start]
    there = [state.occ[room][x] for x in span]
    if any(o >= 0 and (state.pinned[o] or state.length[o] != 1) for o in there):
        return None
    displaced = tuple(o for o in there if o >= 0)
    if not state.hosts_free(si, span, displaced + (si,)):
        return None
    out = [(o, None) for o in displaced]
    if pos is None:
        return out + [(si, (room, start))]
    old_room, old_start = pos
    old_span = list(state.span_from[si][old_start])
    if len(old_span) != len(span) or set(old_span) & set(span):
        return None
    if rng.random() < 0.5:
        old_span.reverse()
    into = []
    ignore = displaced + (si,)
    for o, slot in zip(there, old_span):
        if o < 0:
            continue
        if (old_room, slot) not in state.place_set[o] or not state.hosts_free(o, (slot,), ignore):
            return None
        into.append((o, (old_room, slot)))
    return [(si, None)] + out + [(si, (room, start))] + into


def _drops_published(state: _State, change: list[tuple[int, Position]]) -> bool:
    """Would ``change`` leave out a session of the published grid that has a place
    now? Re-planning keeps every published session in the programme (it may
    move when that pays); people planned their day by it and its host
    prepared it, so no count of votes for a newcomer cancels it."""
    final = dict(change)
    return any(pos is None and state.previous[si] is not None and state.pos[si] is not None
               for si, pos in final.items())


def _overbooked(problem: Problem) -> bool:
    """Do the sessions need more room-slots than the rooms offer?"""
    return sum(s.length for s in problem.sessions) > problem.room_slots


def _restore(state: _State, positions: list[Position]) -> None:
    """Put every session back where ``positions`` has it."""
    if positions == state.pos:
        return
    for si in range(state.n):
        if state.pos[si] != positions[si]:
            state.apply([(si, None)])
    state.apply([(si, pos) for si, pos in enumerate(positions) if pos is not None and state.pos[si] != pos])


def _walkers(state: _State) -> tuple[list[int], list[int]]:
    """The sessions a walk moves, and those of them it moves with ``_propose_long``."""
    movable = [si for si in range(state.n) if not state.pinned[si] and state.places[si]]
    return movable, [si for si in movable if state.length[si] > 1] if _overbooked(state.p) else []


def _anneal_native(state: _State, rng: random.Random, deadline: float, max_iterations: int | None,
                   t_hot: float, t_cold: float) -> Iterator[list[Position]]:
    """``_anneal``'s walk in C (native.py, walk.c), the same proposals and the
    same acceptance; ``state`` itself stays where it was. Looks for a better
    grid every ``NATIVE_SLICE`` seconds (a run with ``max_iterations`` walks in
    one go, so that it stays deterministic)."""
    movable, longs = _walkers(state)
    if not movable:
        return
    shared = native.native_of(state)
    shared.load(state.pos)
    walk = native.Walk(shared, rng.getrandbits(64), movable, longs, t_hot, t_cold,
                       deadline - time.perf_counter(), max_iterations, NATIVE_STALL_PER_SESSION * len(movable),
                       LONG_SHARE, SWAP_SHARE)
    while True:
        over = walk.run(NATIVE_SLICE if max_iterations is None else math.inf)
        if (best := walk.best()) is not None:
            yield best
        if over:
            return


def _anneal(state: _State, rng: random.Random, deadline: float, max_iterations: int | None,
            t_hot: float, t_cold: float) -> Iterator[list[Position]]:
    """Simulated annealing on the slot choice (temperatures in votes, falling
    from ``t_hot`` to ``t_cold``); yields each new best position list.

    A walk that has found no better grid for ``STALL_PER_SESSION`` proposals
    per session has settled (small problems do within a second or two):
    in the first half of its time it starts again from where it began, hot,
    over the time that is left; later it goes on cooling (a new walk would
    have less time than this one took)."""
    movable, longs = _walkers(state)
    if not movable:
        return
    published = any(x is not None for x in state.previous)
    origin = list(state.pos)
    stall = STALL_PER_SESSION * len(movable)
    started = time.perf_counter()
    budget = max(deadline - started, 1e-6)
    current = best = state.score()
    iteration = since = first = 0  # first: the iteration the walk (re)started at
    temperature = t_hot
    ratio = t_cold / t_hot
    while True:
        if max_iterations is not None and iteration >= max_iterations:
            return
        if iteration % 64 == 0:
            now = time.perf_counter()
            if now >= deadline:
                return
            if max_iterations is not None:
                progress = (iteration - first) / max(max_iterations - first, 1)
            else:
                progress = (now - started) / budget
            if since >= stall and progress < 0.5:  # settled early: again from the start
                _restore(state, origin)
                current = state.score()
                started, budget, first, since = now, max(deadline - now, 1e-6), iteration, 0
                progress = 0.0
            temperature = t_hot * ratio ** progress
        iteration += 1
        since += 1
        change = _propose(state, rng, movable, longs)
        if change is None or (published and _drops_published(state, change)):
            continue
        limit = temperature * math.log(1.0 - rng.random())  # a change scoring less is refused
        delta = state.delta(change, limit)
        if delta is not None:  # scored without making it: made only when taken
            if delta < limit:
                continue
            state.apply(change)
            new = state.score()
        else:
            undo = state.apply(change)
            new = state.score()
            if new - current < limit:
                state.apply(undo)
                continue
        current = new
        if new > best + 1e-9:
            best, since = new, 0
            yield list(state.pos)


def _assign(cost: list[list[float]]) -> list[int]:
    """Cheapest assignment of rows to distinct columns (rows <= columns):
    the Hungarian method with potentials; returns the column of each row."""
    n, m = len(cost), len(cost[0])
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    match, way = [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        match[0], j0 = i, 0
        low, used = [math.inf] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], math.inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if reduced < low[j]:
                        low[j], way[j] = reduced, j0
                    if low[j] < delta:
                        delta, j1 = low[j], j
            for j in range(m + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    low[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    rows = [-1] * n
    for j in range(1, m + 1):
        if match[j]:
            rows[match[j] - 1] = j - 1
    return rows


def _match_rooms(state: _State, positions: list[Position]) -> list[Position]:
    """Within each slot, give the one-slot sessions the rooms that keep
    previous rooms, then minimise overflow (the slots themselves stay)."""
    positions = list(positions)
    n_slots, n_rooms = len(state.p.slots), len(state.p.rooms)
    fixed = [[False] * n_rooms for _ in range(n_slots)]
    by_slot: list[list[int]] = [[] for _ in range(n_slots)]
    for si, pos in enumerate(positions):
        if pos is None:
            continue
        if state.pinned[si] or state.length[si] > 1:
            for x in state.span_from[si][pos[1]]:
                fixed[x][pos[0]] = True
        else:
            by_slot[pos[1]].append(si)
    keep_previous = sum(state.expected) + 1.0  # one move outweighs any overflow
    capacity, expected = state.capacity, state.expected
    for slot, sessions in enumerate(by_slot):
        if len(sessions) < 1:
            continue
        rooms = [r for r in range(n_rooms) if not fixed[slot][r]]
        # Below one seat of overflow: the biggest audiences in the biggest rooms
        # (most of audience x seats), even when every session fits.
        scale = 0.5 / (sum(expected[si] for si in sessions) * max((capacity[r] for r in rooms), default=0) + 1)
        cost = []
        for si in sessions:
            prev = state.previous[si]
            row = []
            for r in rooms:
                if (r, slot) not in state.place_set[si]:
                    row.append(1e15)
                    continue
                c = max(0, expected[si] - capacity[r]) - scale * expected[si] * capacity[r]
                if prev is not None and prev[1] == slot and prev[0] != r:
                    c += keep_previous * state.move_cost
                row.append(c)
            cost.append(row)
        for si, col in zip(sessions, _assign(cost)):
            positions[si] = (rooms[col], slot)
    return positions


def _grid(state: _State, positions: list[Position]) -> dict:
    slots, rooms, sessions = state.p.slots, state.p.rooms, state.p.sessions
    placed = sorted((pos[1], pos[0], si) for si, pos in enumerate(positions) if pos is not None)
    return {
        "assignments": [
            {"session": sessions[si].id, "room": rooms[r].id,
             "slots": [slots[x].id for x in state.span_from[si][start]]}
            for start, r, si in placed
        ],
        "unscheduled": [sessions[si].id for si, pos in enumerate(positions) if pos is None],
    }


Trade = Callable[[float, list[Position]], "list[Position] | None"]


def iter_solve(problem: Problem, time_limit: float = 10.0, seed: int = 0, max_iterations: int | None = None,
               report_every: float = 0.25, exchange: tuple[float, Trade] | None = None) -> Iterator[dict]:
    """Yield better and better grids (contract shape, with ``metrics``); the last is the result.

    The first comes from the greedy, then an improvement at most every
    ``report_every`` seconds, and the final grid always.

    ``exchange``: (when, trade). At ``when`` (``time.time()``; with
    ``max_iterations``, after half of them) the walk hands its score and best
    grid to ``trade`` and goes on from the grid it returns when that one is
    better, else from its own (see ``_trade``).
    """
    started = time.perf_counter()
    deadline = started + max(time_limit, 0.0)
    rng = random.Random(seed)
    feasibility = Feasibility(problem)
    bound = honoured_bound(problem, feasibility)
    state = _State(problem, feasibility)
    _keep_previous(state)
    _greedy(state, rng)
    _fill(state)

    def read_back(positions: list[Position]) -> dict:
        grid = _grid(state, _match_rooms(state, positions))
        grid["metrics"] = evaluate(problem, grid, upper_bound=bound,
                                   seconds=time.perf_counter() - started).to_dict()
        return grid

    yield read_back(state.pos)
    last_report = time.perf_counter()
    best = list(state.pos)  # the annealing walks off; without a better grid, this one stays
    proven = state.honoured >= bound and state.moved == 0
    # Stop short of the limit: filling, room matching and the metrics take a moment.
    margin = min(0.1 * time_limit, 0.05 + 0.002 * state.n)
    if not proven:
        gap = report_every
        hot, cold = REPLAN_TEMPERATURES if problem.previous else FRESH_TEMPERATURES
        walk = _anneal_native if native.usable(state) else _anneal
        legs = _legs(deadline - margin, max_iterations, hot, cold, exchange[0] if exchange else None)
        for leg, (until, iterations, t_hot, t_cold) in enumerate(legs):
            if leg:
                best = _trade(state, best, exchange[1])
            for best in walk(state, rng, until, iterations, t_hot, t_cold):
                now = time.perf_counter()
                if now - last_report >= gap:
                    yield read_back(best)
                    last_report = time.perf_counter()
                    gap = max(report_every, 19 * (last_report - now))  # reports take at most a twentieth of the time
    _restore(state, best)  # the annealing walks off: back to the best grid seen
    _settle(state)
    _fill(state)
    yield read_back(state.pos)


def _legs(end: float, max_iterations: int | None, hot: float, cold: float,
          when: float | None) -> list[tuple[float, int | None, float, float]]:
    """The walk's legs as (until, iterations, hot, cold): one, or two split at
    ``when`` (wall-clock; with ``max_iterations``, half of them each), the
    temperature falling across both as it would in one."""
    if when is None:
        return [(end, max_iterations, hot, cold)]
    if max_iterations is not None:
        half, mid = max_iterations // 2, hot * (cold / hot) ** 0.5
        return [(end, half, hot, mid), (end, max_iterations - half, mid, cold)]
    now = time.perf_counter()
    at = now + (when - time.time())
    if not now < at < end:
        return [(end, None, hot, cold)]
    mid = hot * (cold / hot) ** ((at - now) / (end - now))
    return [(at, None, hot, mid), (end, None, mid, cold)]


def _trade(state: _State, best: list[Position], trade: Trade) -> list[Position]:
    """Hand the best grid to ``trade`` (the other searches); go on from the grid
    it returns if that is valid and better, else from ``best``."""
    _restore(state, best)
    mine = state.score()
    theirs = trade(mine, list(best))
    if theirs is None or theirs == best or not _valid(state, theirs):
        return best
    _restore(state, theirs)
    if state.score() > mine + 1e-9:
        return list(state.pos)
    _restore(state, best)
    return best


def _valid(state: _State, positions: list[Position]) -> bool:
    """Is ``positions`` (from another process) a grid of this problem, pins kept?
    (Places first: ``_grid`` can only spell out places it knows.)"""
    if len(positions) != state.n or any(pos is not None and pos not in state.place_set[si]
                                        for si, pos in enumerate(positions)):
        return False
    return check_grid(state.p, _grid(state, positions)) == []


def solve(problem: Problem, time_limit: float = 10.0, seed: int = 0,
          on_improvement: Callable[[dict], None] | None = None, max_iterations: int | None = None,
          report_every: float = 0.25, searches: int | None = None) -> dict:
    """The best grid found within ``time_limit`` seconds (contract shape, with ``metrics``).

    ``on_improvement`` receives each better grid as it is found, the first
    valid one as soon as the greedy is done, and the final one last.

    ``searches``: how many searches run side by side, each in a process of its
    own with a seed of its own (``seed``, ``seed + 1``...); the best grid of
    all is the result. Halfway (``EXCHANGE_AT``) they compare their best grids
    and all go on from the best one. By default one search per core, at most
    ``MAX_SEARCHES``, and one when ``max_iterations`` makes the run
    deterministic. Only this process's search reports improvements; a helper
    that fails or is late is left out.
    """
    if searches is None:
        searches = 1 if max_iterations is not None else max(1, min(MAX_SEARCHES, os.cpu_count() or 1))
    now = time.time()
    deadline = now + max(time_limit, 0.0)
    when = now + EXCHANGE_AT * max(time_limit, 0.0)
    helpers = []
    if searches > 1 and time_limit >= HELPER_MIN_SECONDS:
        helpers = [h for k in range(1, searches)
                   if (h := _Helper.start(problem, deadline, seed + k, max_iterations, when))]
    patience = min(EXCHANGE_PATIENCE, 0.1 * time_limit) if max_iterations is None else None

    def trade(score: float, positions: list[Position]) -> list[Position]:
        """Our best grid against the helpers': the best goes back to all of them."""
        offers = [(score, positions)]
        for helper in helpers:
            wait = patience if patience is not None else max(0.0, deadline - time.time())
            if (offer := helper.offer(wait)) is not None:
                offers.append(offer)
        chosen = max(offers, key=lambda offer: offer[0])[1]
        for helper in helpers:
            helper.answer(chosen)
        return chosen

    grid: dict = {}
    every = report_every if on_improvement is not None else math.inf  # nobody looks at the grids between
    try:
        for grid in iter_solve(problem, time_limit, seed, max_iterations, every,
                               exchange=(when, trade) if helpers else None):
            if on_improvement is not None:
                on_improvement(grid)
        best, better = grid, False
        for helper in helpers if not grid["metrics"]["optimal"] else ():  # nothing beats a proven optimum
            other = helper.result(max(0.0, deadline - time.time()) + HELPER_GRACE)
            if other is not None and _rank(other) > _rank(best):
                best, better = other, True
    finally:
        for helper in helpers:
            helper.stop()
    if better and on_improvement is not None:
        on_improvement(best)
    return best


class _Helper:
    """One more search in a process of its own (``python -m planner.scheduler.solve``,
    see child.py), until the caller's deadline."""

    def __init__(self, problem: Problem, deadline: float, seed: int, max_iterations: int | None, when: float):
        job = {"problem": problem_to_dict(problem), "deadline": deadline, "seed": seed,
               "max_iterations": max_iterations, "exchange_at": when}
        self.process, self.path = child.start("planner.scheduler.solve", job, stdin=subprocess.PIPE,
                                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    @classmethod
    def start(cls, problem: Problem, deadline: float, seed: int, max_iterations: int | None,
              when: float) -> _Helper | None:
        """A running helper, or None when none could start (this search runs alone)."""
        try:
            return cls(problem, deadline, seed, max_iterations, when)
        except OSError as err:
            logging.getLogger(__name__).warning("no helper search: %r", err)
            return None

    def offer(self, timeout: float) -> tuple[float, list[Position]] | None:
        """The helper's score and best grid halfway, or None when it is not there in time."""
        try:
            ready, _, _ = select.select([self.process.stdout], [], [], timeout)
            if not ready:
                return None
            line = json.loads(self.process.stdout.readline())
            return float(line["score"]), _positions(line["positions"])
        except Exception as err:  # noqa: BLE001 - whatever went wrong, the walks go on without the trade
            logging.getLogger(__name__).warning("a helper search offered no grid: %r", err)
            return None

    def answer(self, positions: list[Position]) -> None:
        """The grid the helper goes on from (its own when it offered none in time: it reads this when it gets there)."""
        try:
            self.process.stdin.write((json.dumps(positions) + "\n").encode())
            self.process.stdin.flush()
        except OSError:
            pass  # the helper is gone; its result says so

    def result(self, timeout: float) -> dict | None:
        """The helper's grid, or None when it broke or is late (this search's grid stands)."""
        try:
            out, _ = self.process.communicate(timeout=timeout)
            if self.process.returncode != 0:
                raise RuntimeError(f"exit code {self.process.returncode}")
            return json.loads(out.splitlines()[-1])  # after its offer, when that was not read
        except Exception as err:  # noqa: BLE001 - whatever went wrong, the caller's grid stands
            logging.getLogger(__name__).warning("a helper search gave no grid: %r", err)
            return None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.path.unlink(missing_ok=True)


def _rank(grid: dict) -> tuple:
    """The solver's objective, read from a grid's metrics: value, then fewer moves,
    then more sessions placed, then less overflow (the same order as ``_State.score``,
    which keeps it incrementally during the search; change both together)."""
    m = grid["metrics"]
    return (m["value"], -m["moved"], m["scheduled"], -m["overflow"])


def _positions(raw: list) -> list[Position]:
    """A grid's positions as JSON gives them back ([room, slot] lists) as the search keeps them."""
    return [tuple(pos) if pos is not None else None for pos in raw]


def _helper_main(path: str) -> None:
    """The helper's side: read the problem, search until the deadline (halfway
    offering its best grid on stdout and reading the one to go on from on
    stdin), print the grid."""
    job = json.loads(Path(path).read_text(encoding="utf-8"))

    def trade(score: float, positions: list[Position]) -> list[Position] | None:
        sys.stdout.write(json.dumps({"score": score, "positions": positions}) + "\n")
        sys.stdout.flush()
        try:
            return _positions(json.loads(sys.stdin.readline()))
        except (ValueError, TypeError):  # the caller is gone or answered nothing: on with our own
            return None

    exchange = (job["exchange_at"], trade) if job.get("exchange_at") is not None else None
    grid: dict = {}
    for grid in iter_solve(load_problem(job["problem"]), max(0.0, job["deadline"] - time.time()), job["seed"],
                           job["max_iterations"], math.inf, exchange=exchange):
        pass
    sys.stdout.write(json.dumps(grid) + "\n")


if __name__ == "__main__":
    _helper_main(sys.argv[1])
