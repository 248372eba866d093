"""What the public site shows, read from the store in one go."""

from __future__ import annotations

from dataclasses import replace

from planner.domain.releases import rooms_with_release
from planner.models import SessionStatus
from planner.site.pages import SiteData
from planner.store import Store


def site_data(store: Store) -> SiteData | None:
    """The event's public data; None before set-up. Withdrawn sessions leave the release's view."""
    event = store.event.get()
    if event is None:
        return None
    sessions = {s.id: s for s in store.sessions.list(include_withdrawn=True)}
    release = store.releases.latest() if event.schedule_published else None
    if release is not None:
        live = tuple(i for i in release.items
                     if i.session_id in sessions and sessions[i.session_id].status is SessionStatus.PROPOSED)
        release = replace(release, items=live)
    return SiteData(event, release, sessions, tuple(store.topics.list()), tuple(rooms_with_release(store.venue.rooms(), release)),
                    tuple(store.venue.slots()))
