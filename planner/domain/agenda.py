"""Reading a release: days, the list by start time, filters, a person's agenda with clashes and changes."""

from __future__ import annotations

from dataclasses import dataclass

from planner.models import Release, ReleaseItem, Session
from planner.domain.releases import changed_sessions


@dataclass(frozen=True)
class AgendaEntry:
    item: ReleaseItem
    clashes_with: tuple[int, ...]  # agenda sessions the person does not host, at an overlapping time
    changed: bool  # moved, added or re-roomed since the release the person last saw
    voted: bool
    starred: bool
    hosted: bool = False  # the person hosts it
    clashes_with_own: tuple[int, ...] = ()  # sessions the person hosts at an overlapping time: they cannot go


def overlaps(a: ReleaseItem, b: ReleaseItem) -> bool:
    return a.day == b.day and a.start < b.end and b.start < a.end


def days(release: Release) -> list[str]:
    return sorted({i.day for i in release.items})


def by_start(items: list[ReleaseItem]) -> list[tuple[str, list[ReleaseItem]]]:
    """The items of one day grouped by start time: one group per start, early first.

    Within a start the items keep their order (the room order of the release);
    a one-slot and a two-slot session starting together share a group.
    """
    groups: dict[str, list[ReleaseItem]] = {}
    for item in sorted(items, key=lambda i: i.start):  # stable: room order kept
        groups.setdefault(item.start, []).append(item)
    return list(groups.items())


def filter_items(
    release: Release,
    sessions: dict[int, Session],
    *,
    day: str | None = None,
    topic_ids: tuple[int, ...] = (),
    room_ids: tuple[int, ...] = (),
    languages: tuple[str, ...] = (),
) -> list[ReleaseItem]:
    """Release items matching every filter (sessions withdrawn since are left out)."""
    result = []
    for item in release.items:
        s = sessions.get(item.session_id)
        if s is None:
            continue
        if day and item.day != day:
            continue
        if topic_ids and not set(s.topic_ids) & set(topic_ids):
            continue
        if room_ids and item.room_id not in room_ids:
            continue
        if languages and s.language not in languages:
            continue
        result.append(item)
    return result


def agenda(
    release: Release,
    voted: set[int],
    starred: set[int],
    seen: Release | None,
    *,
    hosted: set[int] | frozenset[int] = frozenset(),
) -> list[AgendaEntry]:
    """The sessions a person hosts, voted for or starred, in time order, clashes and changes marked.

    A session the person wants to attend that overlaps one they host is
    marked in ``clashes_with_own``, not as an ordinary clash: they cannot go.
    A hosted session lists in ``clashes_with`` no session it keeps its host
    from; those are marked on their own entries.
    """
    mine = [i for i in release.items if i.session_id in voted | starred | hosted]
    mine.sort(key=lambda i: (i.day, i.start, i.room))
    changed = changed_sessions(seen, release) if seen is not None and seen.id != release.id else set()
    entries = []
    for i in mine:
        others = [o for o in mine if o is not i and overlaps(i, o)]
        own = i.session_id in hosted
        entries.append(
            AgendaEntry(
                item=i,
                clashes_with=() if own else tuple(o.session_id for o in others if o.session_id not in hosted),
                changed=i.session_id in changed,
                voted=i.session_id in voted,
                starred=i.session_id in starred,
                hosted=own,
                clashes_with_own=tuple(o.session_id for o in others if o.session_id in hosted),
            )
        )
    return entries


def dropped(release: Release, seen: Release | None, wanted: set[int] | frozenset[int]) -> list[ReleaseItem]:
    """The sessions of ``wanted`` (hosted, voted for, starred) that ``seen`` had and
    ``release`` has no more, as ``seen`` had them: on an agenda they would just vanish."""
    if seen is None or seen.id == release.id:
        return []
    now = {i.session_id for i in release.items}
    return sorted((i for i in seen.items if i.session_id in wanted and i.session_id not in now),
                  key=lambda i: (i.day, i.start, i.room))
