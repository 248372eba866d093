"""What the venue screen shows at a given moment: now and next per room."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from enum import StrEnum
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

from planner.models import Release, ReleaseItem, Room, Slot, SlotKind

ROOMS_PER_PAGE = 6  # room cards that fit one 1920x1080 screen
SCREEN_PATH = "/p/display"  # the screens on the public server


class BoardState(StrEnum):
    BEFORE = "before"  # the day's programme has not started
    RUNNING = "running"  # sessions are on
    BREAK = "break"  # a break or plenary block (lunch, opening, closing)
    CHANGEOVER = "changeover"  # between two session slots
    CLOSED = "closed"  # after the day's last slot
    NO_PROGRAMME = "no_programme"  # nothing scheduled on this day


@dataclass(frozen=True)
class RoomBoard:
    room: Room
    now: ReleaseItem | None
    next: ReleaseItem | None
    later: tuple[ReleaseItem, ...] = ()  # the rest of the day after next (door mode)
    also_now: tuple[ReleaseItem, ...] = ()  # a room published booked twice: the other sessions now


@dataclass(frozen=True)
class Board:
    day: str
    time: str  # HH:MM
    state: BoardState
    label: str = ""  # the break's or plenary block's label
    until: str = ""  # when the break or block ends
    next_start: str = ""  # when the next sessions start
    more_days: bool = False  # another day of the event follows
    rooms: tuple[RoomBoard, ...] = ()
    kind: str = ""  # the break's or block's kind (names it when it has no label)
    opens: str = ""  # before a day that opens with a block (the welcome): when that starts
    next_day: str = ""  # on a day without programme: the next day that has one


def board(release: Release | None, slots: list[Slot], rooms: list[Room], at: datetime) -> Board:
    """The screen at local time ``at`` (naive, in the event's time zone)."""
    day, time = at.date().isoformat(), at.strftime("%H:%M")
    day_slots = sorted((s for s in slots if s.day == day), key=lambda s: s.start)
    items = sorted(
        (i for i in (release.items if release else ()) if i.day == day), key=lambda i: (i.start, i.room)
    )
    later_days = sorted({s.day for s in slots if s.day > day})
    more_days = bool(later_days)
    if not day_slots:  # the rooms all the same: a door tablet set up the evening before knows its room
        return Board(day, time, BoardState.NO_PROGRAMME, more_days=more_days,
                     rooms=tuple(RoomBoard(room, None, None) for room in rooms),
                     next_day=later_days[0] if later_days else "")

    room_boards = []
    for room in rooms:
        mine = [i for i in items if i.room_id == room.id]
        currents = [i for i in mine if i.start <= time < i.end]  # more than one only in a double booking
        upcoming = [i for i in mine if i.start >= time and i not in currents]
        room_boards.append(RoomBoard(room, currents[0] if currents else None, upcoming[0] if upcoming else None,
                                     tuple(upcoming[1:]), tuple(currents[1:])))

    current_slot = next((s for s in day_slots if s.start <= time < s.end), None)
    later_sessions = [s for s in day_slots if s.kind is SlotKind.SESSION and s.start > time]
    next_start = later_sessions[0].start if later_sessions else ""
    if time < day_slots[0].start:
        first = day_slots[0]
        if first.kind is not SlotKind.SESSION:  # the welcome first, the sessions after it
            return Board(day, time, BoardState.BEFORE, first.label, "", next_start, more_days, tuple(room_boards),
                         kind=first.kind.value, opens=first.start)
        state = BoardState.BEFORE
        next_start = first.start
    elif time >= day_slots[-1].end:
        state = BoardState.CLOSED
    elif current_slot is None:
        state = BoardState.CHANGEOVER
    elif current_slot.kind is not SlotKind.SESSION:
        return Board(day, time, BoardState.BREAK, current_slot.label, current_slot.end, next_start,
                     more_days, tuple(room_boards), kind=current_slot.kind.value)
    else:
        state = BoardState.RUNNING
    return Board(day, time, state, "", "", next_start, more_days, tuple(room_boards))


def local_now(tz_name: str, override: str | None = None, now: datetime | None = None) -> datetime:
    """The wall-clock time at the venue (naive), or the ``?at=`` override.

    The server may run in UTC while the event is in Europe/Berlin: the
    screen always shows the event's local time. A bad override raises
    ValueError.
    """
    if override:
        return datetime.fromisoformat(override).replace(tzinfo=None)
    current = now or datetime.now(timezone.utc)
    return current.astimezone(ZoneInfo(tz_name)).replace(tzinfo=None)


def foyer_rooms(rooms: list[Room], release: Release | None) -> list[Room]:
    """The rooms the foyer screen shows: those the release places sessions in. A room
    added since the release, or one it never uses, only filled the screen (and a
    second page) with "nothing today". Before any release, every room."""
    if release is None or not release.items:
        return list(rooms)
    used = {i.room_id for i in release.items}
    return [r for r in rooms if r.id in used]


def pages_of(rooms: list, per_page: int) -> list[list]:
    """Rooms in groups that fit one screen."""
    per_page = max(per_page, 1)
    return [rooms[i : i + per_page] for i in range(0, len(rooms), per_page)] or [[]]


@dataclass(frozen=True)
class ScreenLink:
    """The address of one venue screen."""

    url: str
    room: Room | None = None  # door mode for this room; None: the foyer screen
    page: int = 0  # the foyer screen's fixed page of rooms (from 1); 0: turning pages
    rooms: tuple[Room, ...] = ()  # the rooms on that page


def screen_links(
    base_url: str, rooms: list[Room], *, token: str = "", at: str = "", per_page: int = ROOMS_PER_PAGE,
    foyer: list[Room] | None = None,
) -> list[ScreenLink]:
    """The foyer screen (plus one fixed page per group of rooms when they do not fit one), then a door per room.

    Absolute under ``base_url`` when the event has a public address, else
    relative (``/p/display``): the app and the public server share a host.
    ``token`` and ``at`` (a moment to rehearse) go into every address.
    ``foyer``: the rooms the foyer screen shows (see :func:`foyer_rooms`; default all).
    """
    root = base_url.rstrip("/") + SCREEN_PATH

    def url(path: str, page: int = 0) -> str:
        query = {"page": str(page) if page else "", "at": at, "token": token}
        text = urlencode({k: v for k, v in query.items() if v}, quote_via=quote, safe=":")
        return f"{path}?{text}" if text else path

    links = [ScreenLink(url(root))]
    groups = pages_of(rooms if foyer is None else foyer, per_page)
    if len(groups) > 1:
        links += [ScreenLink(url(root, n), page=n, rooms=tuple(g)) for n, g in enumerate(groups, start=1)]
    links += [ScreenLink(url(f"{root}/{r.id}"), room=r) for r in rooms]
    return links
