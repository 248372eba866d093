"""iCalendar (RFC 5545) of a release or of one person's agenda.

UIDs are stable per event and session, so importing a newer release updates
the calendar entries instead of adding copies; SEQUENCE grows with the
release so calendar programs take the newer time.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event as VEvent

from planner.exports import Export
from planner.models import Event, Release, ReleaseItem, Session


def slug(text: str) -> str:
    """A lower-case ASCII slug of an event name, for UIDs and file names."""
    cleaned = re.sub(r"[^a-z0-9]+", "-", text.lower().translate(str.maketrans("äöüß", "aous"))).strip("-")
    return cleaned or "barcamp"


def session_uid(event: Event, session_id: int) -> str:
    return f"session-{session_id}@{slug(event.name)}.barcamp-planner"


def _vevent(event: Event, release: Release, item: ReleaseItem, session: Session | None, base_url: str) -> VEvent:
    tz = ZoneInfo(event.timezone)
    start = datetime.fromisoformat(f"{item.day}T{item.start}").replace(tzinfo=tz)
    end = datetime.fromisoformat(f"{item.day}T{item.end}").replace(tzinfo=tz)
    vevent = VEvent()
    vevent.add("uid", session_uid(event, item.session_id))
    vevent.add("summary", item.title)
    vevent.add("dtstart", start)
    vevent.add("dtend", end)
    vevent.add("dtstamp", datetime.fromisoformat(release.created_at))
    vevent.add("sequence", release.id)
    vevent.add("location", item.room)
    lines = [", ".join(item.hosts)]
    if session is not None and session.description:
        lines += ["", session.description]
    vevent.add("description", "\n".join(lines))
    if base_url:
        vevent.add("url", f"{base_url.rstrip('/')}/schedule?session={item.session_id}")
    return vevent


def calendar(
    event: Event,
    release: Release,
    sessions: dict[int, Session],
    only: set[int] | None = None,
    base_url: str = "",
    filename: str | None = None,
) -> Export:
    """The release (or the sessions in ``only``) as an .ics file."""
    cal = Calendar()
    cal.add("prodid", "-//Barcamp Planner//barcamp-planner//DE")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{event.name} ({release.name})")
    cal.add("x-wr-timezone", event.timezone)
    for item in release.items:
        if only is not None and item.session_id not in only:
            continue
        cal.add_component(_vevent(event, release, item, sessions.get(item.session_id), base_url))
    cal.add_missing_timezones()
    name = filename or f"{slug(event.name)}-{slug(release.name)}.ics"
    return Export(name, "text/calendar", cal.to_ical())
