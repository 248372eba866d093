"""The annealing walk in C (walk.c), loaded with ctypes.

The walk is where a 10-second run spends its time; in Python each proposal
costs some microseconds of interpreter (bench/README.md, "The walk in C").
walk.c keeps the same score as ``solve._State`` and walks as ``solve._anneal``
does; ``solve`` uses it when it can be built and falls back to the Python walk
when not (no C compiler, or ``PLANNER_NATIVE=0``).

The library is built on first use with the system's C compiler (``CC``, else
``cc``) into ``__pycache__`` beside this file, named by a hash of the source,
so an edited walk.c is built again; ``python -m planner.scheduler.native``
builds it ahead (``make`` does, so a first run does not wait for it).
"""

from __future__ import annotations

import ctypes
import hashlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import weakref
from array import array
from pathlib import Path
from typing import Any

Position = tuple[int, int] | None  # (room index, first slot index) or left out, as in solve.py
_State = Any  # solve._State (solve imports this module, not the other way round)

SOURCE = Path(__file__).with_name("walk.c")
FLAGS = ["-O2", "-shared", "-fPIC"]
MAX_SLOTS = 64  # a voter's longer sessions are compared as 64-bit slot masks
MAX_ROOMS = 255  # the walk's room lists live on its stack; a voter's sessions in a slot fit a byte
MAX_LONGS = 64  # longer sessions one voter votes for (a voter's list of them lives on the stack)
_log = logging.getLogger(__name__)
_loaded: list = []  # [library or None], once tried


def _path() -> Path:
    digest = hashlib.sha256(SOURCE.read_bytes() + " ".join(FLAGS).encode()).hexdigest()[:16]
    return SOURCE.with_name("__pycache__") / f"walk-{digest}.so"


def build() -> Path | None:
    """The compiled walk, built if it is not there yet; None without a compiler."""
    path = _path()
    if path.exists():
        return path
    compiler = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
    if not compiler:
        _log.warning("no C compiler: the scheduler walks in Python")
        return None
    path.parent.mkdir(exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".so", dir=path.parent)
    os.close(fd)
    try:
        subprocess.run([compiler, *FLAGS, "-o", tmp, str(SOURCE), "-lm"], check=True,
                       capture_output=True, timeout=300)
        os.replace(tmp, path)  # whole or not at all: another process may build it at the same time
        for stale in path.parent.glob("walk-*.so"):  # builds of earlier versions of walk.c
            if stale != path:
                stale.unlink(missing_ok=True)
    except (OSError, subprocess.SubprocessError) as error:
        _log.warning("the walk in C could not be built (%s): the scheduler walks in Python", error)
        Path(tmp).unlink(missing_ok=True)
        return None
    return path


def library() -> ctypes.CDLL | None:
    """The loaded walk, or None (then the scheduler walks in Python)."""
    if os.environ.get("PLANNER_NATIVE", "1") == "0":
        return None
    if not _loaded:
        path = build()
        lib = None
        if path is not None:
            try:
                lib = ctypes.CDLL(str(path))
            except OSError as error:
                _log.warning("the walk in C could not be loaded (%s): the scheduler walks in Python", error)
        if lib is not None:
            _declare(lib)
        _loaded.append(lib)
    return _loaded[0]


def _declare(lib: ctypes.CDLL) -> None:
    p, i, d, l, u64 = ctypes.c_void_p, ctypes.c_int, ctypes.c_double, ctypes.c_long, ctypes.c_uint64
    ints = ctypes.POINTER(ctypes.c_int)
    signatures = {
        "st_new": (p, [ints, ctypes.POINTER(ctypes.c_double)]),
        "st_free": (None, [p]),
        "st_load": (None, [p, ints, ints]),
        "st_positions": (None, [p, ints, ints]),
        "st_score": (d, [p]),
        "st_delta": (i, [p, ints, i, ctypes.POINTER(ctypes.c_double)]),
        "st_honoured": (l, [p]),
        "st_moved": (l, [p]),
        "st_scheduled": (l, [p]),
        "st_overflow": (l, [p]),
        "walk_new": (p, [p, u64, ints, i, ints, i, d, d, d, l, l, d, d]),
        "walk_free": (None, [p]),
        "walk_run": (i, [p, d]),
        "walk_best": (i, [p, ints, ints]),
        "walk_iterations": (l, [p]),
        "walk_restarts": (l, [p]),
        "walk_first": (l, [p]),
    }
    for name, (restype, argtypes) in signatures.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes


def _ints(values) -> ctypes.Array:
    data = array("i", values)
    return (ctypes.c_int * max(len(data), 1)).from_buffer(data) if data else (ctypes.c_int * 1)()


def _bits(mask: int) -> list[int]:
    """The voters (bit indexes) in ``mask``, lowest first."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def _lists(blob: list[int], lists: list[list[int]]) -> None:
    """Append ``lists`` as offsets (one more than lists) and then their values."""
    offset = 0
    blob.append(0)
    for values in lists:
        offset += len(values)
        blob.append(offset)
    for values in lists:
        blob.extend(values)


class Native:
    """``state``'s problem in C, with a grid of its own (``load`` puts one in)."""

    def __init__(self, lib: ctypes.CDLL, state: _State):
        self.lib, self.n = lib, state.n
        n, n_slots, n_rooms = state.n, len(state.p.slots), len(state.p.rooms)
        n_voters = len(state.p.votes)  # voter index = bit index in _State's masks
        longs = [si for si in range(n) if state.length[si] > 1]
        long_id = [-1] * n
        for k, si in enumerate(longs):
            long_id[si] = k
        prev = [x if x is not None else (-1, -1) for x in state.previous]
        blob = [n, n_slots, n_rooms, n_voters, len(state.host_busy)]
        blob += state.length + [int(x) for x in state.pinned] + state.expected
        blob += [r for r, _ in prev] + [s for _, s in prev] + state.own_votes + long_id + state.capacity
        for masks in (state.unit_mask, state.multi_mask, state.multi2_mask, state.host_mask):
            _lists(blob, [_bits(m) for m in masks])
        _lists(blob, state.hosts_of)
        _lists(blob, state.starts)
        _lists(blob, [state.rooms_at[si].get(x, []) for si in range(n) for x in range(n_slots)])
        _lists(blob, [state.longs_of.get(vi, []) for vi in range(n_voters)])
        blob += [int((room, x) in state.place_set[si]) for si in range(n) for room in range(n_rooms)
                 for x in range(n_slots)]
        weights = (ctypes.c_double * 4)(state.move_cost, state.w_moved, state.w_scheduled, state.w_overflow)
        self.handle = lib.st_new(_ints(blob), weights)

    def __del__(self):
        if getattr(self, "handle", None):
            self.lib.st_free(self.handle)
            self.handle = None

    def load(self, positions: list[Position]) -> None:
        rooms = _ints([-1 if x is None else x[0] for x in positions])
        starts = _ints([-1 if x is None else x[1] for x in positions])
        self.lib.st_load(self.handle, rooms, starts)

    def positions(self) -> list[Position]:
        rooms, starts = (ctypes.c_int * self.n)(), (ctypes.c_int * self.n)()
        self.lib.st_positions(self.handle, rooms, starts)
        return _positions(rooms, starts)

    def score(self) -> float:
        return self.lib.st_score(self.handle)

    def delta(self, change: list[tuple[int, Position]]) -> float | None:
        """The change of ``score()`` the change would make, scored without making
        it; None for a change of another shape than a move or a swap of one-slot sessions."""
        triples = [x for si, pos in change for x in (si, *(pos if pos is not None else (-1, -1)))]
        out = ctypes.c_double()
        return out.value if self.lib.st_delta(self.handle, _ints(triples), len(change), ctypes.byref(out)) else None

    def counts(self) -> dict[str, int]:
        """What the score is made of, as ``_State`` counts it."""
        return {name: getattr(self.lib, f"st_{name}")(self.handle)
                for name in ("honoured", "moved", "scheduled", "overflow")}


def _positions(rooms, starts) -> list[Position]:
    return [None if r < 0 else (r, s) for r, s in zip(rooms, starts)]


class Walk:
    """One annealing walk in C from the native state's grid (see solve._anneal)."""

    def __init__(self, native: Native, seed: int, movable: list[int], longs: list[int], t_hot: float,
                 t_cold: float, seconds: float, max_iterations: int | None, stall: int,
                 long_share: float, swap_share: float):
        self.native, self.lib = native, native.lib
        self.handle = self.lib.walk_new(
            native.handle, seed, _ints(movable), len(movable), _ints(longs), len(longs), t_hot, t_cold,
            seconds, -1 if max_iterations is None else max_iterations, stall, long_share, swap_share)

    def __del__(self):
        if getattr(self, "handle", None):
            self.lib.walk_free(self.handle)
            self.handle = None

    def run(self, seconds: float) -> bool:
        """Walk on for at most ``seconds``; True when the walk is over."""
        return bool(self.lib.walk_run(self.handle, seconds))

    def best(self) -> list[Position] | None:
        """The best grid seen, if it is new since the last call."""
        n = self.native.n
        rooms, starts = (ctypes.c_int * n)(), (ctypes.c_int * n)()
        if not self.lib.walk_best(self.handle, rooms, starts):
            return None
        return _positions(rooms, starts)

    @property
    def iterations(self) -> int:
        return self.lib.walk_iterations(self.handle)

    @property
    def restarts(self) -> tuple[int, int]:
        """How often the walk started again, and at which proposal the last time."""
        return self.lib.walk_restarts(self.handle), self.lib.walk_first(self.handle)


def usable(state: _State) -> bool:
    """Can this state's problem walk in C (a library, and sizes walk.c takes)?"""
    return (len(state.p.slots) <= MAX_SLOTS and len(state.p.rooms) <= MAX_ROOMS
            and max(state.length, default=1) <= 16
            and max(map(len, state.longs_of.values()), default=0) <= MAX_LONGS and library() is not None)


_made: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # state -> its Native, as long as the state lives


def native_of(state: _State) -> Native:
    """The state's problem in C, made once per state (each leg of a walk loads its grid)."""
    if state not in _made:
        _made[state] = Native(library(), state)
    return _made[state]


if __name__ == "__main__":  # build ahead: python -m planner.scheduler.native
    built = build()
    print(built if built else "not built (see the warning above)")
    sys.exit(0 if built else 1)
