"""iCalendar (RFC 5545) of a release, of one person's agenda, and of their feed.

UIDs are stable per event and session, so importing a newer release updates
the calendar entries instead of adding copies; SEQUENCE grows with the
release so calendar programs take the newer time. The personal feed uses
the same UIDs, so a session in both calendars is the same entry.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event as VEvent, Timezone, vDuration, vText

from planner.exports import MIME, Export
from planner.i18n import t
from planner.models import Event, Release, ReleaseItem, Session

# How often a subscribed calendar should fetch the personal feed again.
FEED_REFRESH = timedelta(hours=1)


def slug(text: str) -> str:
    """A lower-case ASCII slug of an event name, for UIDs and file names."""
    cleaned = re.sub(r"[^a-z0-9]+", "-", text.lower().translate(str.maketrans("äöüß", "aous"))).strip("-")
    return cleaned or "barcamp"


def session_uid(event: Event, session_id: int) -> str:
    return f"session-{session_id}@{slug(event.name)}.barcamp-planner"


def _vevent(
    event: Event, release: Release, item: ReleaseItem, session: Session | None, base_url: str, note: str = ""
) -> VEvent:
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
    lines = [note, ""] if note else []
    lines.append(", ".join(item.hosts))
    if session is not None and session.description:
        lines += ["", session.description]
    vevent.add("description", "\n".join(lines))
    if base_url:
        vevent.add("url", f"{base_url.rstrip('/')}/schedule?session={item.session_id}")
    return vevent


def _calendar(
    event: Event,
    release: Release | None,
    items: Iterable[ReleaseItem],
    sessions: dict[int, Session],
    name: str,
    base_url: str = "",
    notes: dict[int, str] | None = None,
) -> Calendar:
    """A VCALENDAR named ``name`` with ``items`` of ``release`` in the event's time zone."""
    cal = Calendar()
    cal.add("prodid", "-//Barcamp Planner//barcamp-planner//DE")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", vText(name))
    cal.add("x-wr-timezone", event.timezone)
    for item in items:
        note = (notes or {}).get(item.session_id, "")
        cal.add_component(_vevent(event, release, item, sessions.get(item.session_id), base_url, note))
    cal.add_missing_timezones()
    if not cal.timezones:  # no events: the zone anyway, and RFC 5545 wants one component
        cal.add_component(Timezone.from_tzid(event.timezone))
    return cal


def calendar(
    event: Event,
    release: Release,
    sessions: dict[int, Session],
    only: set[int] | None = None,
    base_url: str = "",
    filename: str | None = None,
) -> Export:
    """The release (or the sessions in ``only``) as an .ics file."""
    items = [i for i in release.items if only is None or i.session_id in only]
    cal = _calendar(event, release, items, sessions, f"{event.name} ({release.name})", base_url)
    name = filename or f"{slug(event.name)}-{slug(release.name)}.ics"
    return Export(name, MIME["ics"], cal.to_ical())


def personal(
    event: Event,
    release: Release | None,
    sessions: dict[int, Session],
    session_ids: Collection[int],
    *,
    base_url: str = "",
    lang: str | None = None,
    hosted: Collection[int] = (),
) -> Export:
    """One person's calendar feed: the sessions in ``session_ids`` of ``release``.

    Named after the event ("… – my sessions", in ``lang``, else the event's
    language), with the release calendar's UIDs, and a refresh interval for
    subscribed calendars. Sessions in ``hosted`` say so in their
    description. Without a release (nothing published yet) or without any of
    the sessions in it, the calendar is valid and empty.
    """
    lang = lang or event.default_language
    items = [i for i in release.items if i.session_id in session_ids] if release is not None else []
    notes = {sid: t("feed.you_host", lang) for sid in hosted}
    cal = _calendar(event, release, items, sessions, t("feed.calname", lang, event=event.name), base_url, notes)
    cal.add("refresh-interval", FEED_REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(FEED_REFRESH))
    return Export(f"{slug(event.name)}-feed.ics", MIME["ics"], cal.to_ical())
