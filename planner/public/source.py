"""What the public site shows, read from the store in one go."""

from __future__ import annotations

from planner.domain.releases import rooms_with_release, without_withdrawn
from planner.models import ReleaseItem, SessionStatus
from planner.site.pages import SiteData
from planner.store import Store


def site_data(store: Store) -> SiteData | None:
    """The event's public data; None before set-up. Withdrawn sessions leave the release's view."""
    event = store.event.get()
    if event is None:
        return None
    sessions = {s.id: s for s in store.sessions.list(include_withdrawn=True)}
    releases = store.releases.all() if event.schedule_published else []
    release = releases[-1] if releases else None
    dropped: dict[int, ReleaseItem] = {}
    if release is not None:
        release = without_withdrawn(release, {sid for sid, s in sessions.items() if s.status is SessionStatus.PROPOSED})
        now = {i.session_id for i in release.items}
        # The latest place each dropped session had; the latest release's own count too
        # (withdrawn since: out of its view, so dropped).
        for published in releases:
            dropped.update((i.session_id, i) for i in published.items if i.session_id not in now)
    return SiteData(event, release, sessions, tuple(store.topics.list()), tuple(rooms_with_release(store.venue.rooms(), release)),
                    tuple(store.venue.slots()), tuple(sorted(dropped.values(), key=lambda i: i.session_id)))
