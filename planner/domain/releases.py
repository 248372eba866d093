"""What changed between two releases: the changelog people read."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from planner.models import Release, ReleaseItem, Room


class ChangeKind(StrEnum):
    ADDED = "added"
    DROPPED = "dropped"
    MOVED = "moved"  # another time (and maybe room)
    ROOM = "room"  # same time, another room
    RENAMED = "renamed"


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    session_id: int
    before: ReleaseItem | None
    after: ReleaseItem | None

    @property
    def title(self) -> str:
        return (self.after or self.before).title


def diff(old: Release | None, new: Release) -> list[Change]:
    """Changes from ``old`` to ``new``, in the new release's order, dropped ones last."""
    before = {i.session_id: i for i in old.items} if old else {}
    changes = []
    for item in new.items:
        was = before.get(item.session_id)
        if was is None:
            changes.append(Change(ChangeKind.ADDED, item.session_id, None, item))
        elif (was.day, was.start, was.end) != (item.day, item.start, item.end):
            changes.append(Change(ChangeKind.MOVED, item.session_id, was, item))
        elif was.room_id != item.room_id:
            changes.append(Change(ChangeKind.ROOM, item.session_id, was, item))
        elif was.title != item.title:
            changes.append(Change(ChangeKind.RENAMED, item.session_id, was, item))
    now = {i.session_id for i in new.items}
    changes += [Change(ChangeKind.DROPPED, i.session_id, i, None) for i in before.values() if i.session_id not in now]
    return changes


def changed_sessions(old: Release | None, new: Release) -> set[int]:
    """Sessions whose time, room or presence differs (renames aside)."""
    return {c.session_id for c in diff(old, new) if c.kind is not ChangeKind.RENAMED}


def rooms_with_release(rooms: list[Room], release: Release | None) -> list[Room]:
    """The event's rooms, then each room the release still places sessions in
    that has been deleted since, under the name it was published with (no
    seats, no features): what people were told stays on the screens and the
    schedule until the next release."""
    known = {r.id for r in rooms}
    gone: dict[int, Room] = {}
    for item in release.items if release else ():
        if item.room_id not in known and item.room_id not in gone:
            gone[item.room_id] = Room(item.room_id, item.room, 0)
    return [*rooms, *gone.values()]


def without_withdrawn(release: Release, live: set[int] | frozenset[int]) -> Release:
    """``release`` as the screens and the public site show it: only the sessions in
    ``live`` (those still proposed), none withdrawn since it was published."""
    return replace(release, items=tuple(i for i in release.items if i.session_id in live))

