"""Every export format once: the name ``--format`` takes, what it needs, its file type,
where the public site serves it, and the function that writes it.

The exports page, ``python -m planner export``, the public site and the
schedule page's feed list all pick formats from :data:`FORMATS`. A format
writes from :class:`Inputs`, which the exports adapter reads from the store
and the public site has in its own data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from planner.errors import ValidationError
from planner.exports import MIME, Export, csv_files, frab, ical
from planner.models import Event, Release, Room, Session, SessionStatus, Slot, Topic


class Inputs(Protocol):
    """What the formats write from; ``sessions`` holds withdrawn ones too (a release may name them)."""

    event: Event
    release: Release | None
    sessions: Mapping[int, Session]
    topics: Sequence[Topic]
    rooms: Sequence[Room]
    slots: Sequence[Slot]


@dataclass(frozen=True)
class Format:
    name: str  # what ``--format`` takes
    suffix: str  # the file type: ``MIME[suffix]``
    write: Callable[[Inputs, str], Export]  # write(inputs, lang): the words of a list in the reader's language
    needs_release: bool = True
    site_path: str | None = None  # the public site serves it here, and lists it under this message key:
    site_label: str | None = None

    @property
    def mime(self) -> str:
        return MIME[self.suffix]


def _frab_json(d: Inputs, lang: str) -> Export:
    return frab.schedule_json(d.event, d.release, d.sessions, list(d.rooms), list(d.topics), slots=list(d.slots))


def _frab_xml(d: Inputs, lang: str) -> Export:
    return frab.schedule_xml(d.event, d.release, d.sessions, list(d.rooms), list(d.topics), slots=list(d.slots))


def _ics(d: Inputs, lang: str) -> Export:
    return ical.calendar(d.event, d.release, d.sessions, base_url=d.event.base_url)


def _csv(d: Inputs, lang: str) -> Export:
    live = [s for s in d.sessions.values() if s.status is SessionStatus.PROPOSED]
    return csv_files.sessions(live, list(d.topics), d.release, lang=lang)


def _pdf(d: Inputs, lang: str) -> Export:
    from planner.exports.pdf import printables  # reportlab loads only when a PDF is asked for, not in the public server

    # They hang at the venue: in the event's language.
    return printables(d.event, d.release, list(d.rooms), list(d.slots), lang=d.event.default_language)


FORMATS: tuple[Format, ...] = (
    Format("ics", "ics", _ics, site_path="schedule.ics", site_label="site.feed_ics"),
    Format("frab-json", "json", _frab_json, site_path="schedule.json", site_label="site.feed_json"),
    Format("frab-xml", "xml", _frab_xml, site_path="schedule.xml", site_label="site.feed_xml"),
    Format("csv", "csv", _csv, needs_release=False),
    Format("pdf", "pdf", _pdf),
)
BY_NAME = {f.name: f for f in FORMATS}
# What the public site serves beside its pages, for calendars and conference apps.
FEEDS = tuple(f for f in FORMATS if f.site_path)


def export(name: str, data: Inputs, lang: str = "en") -> Export:
    """The file of format ``name``, its words (a CSV list's headers) in ``lang``; the feeds hold data only,
    the printables the event's language. A ValidationError for an unknown name or a release it needs and lacks."""
    fmt = BY_NAME.get(name)
    if fmt is None:
        raise ValidationError("error.export_format_unknown", format=name, formats=", ".join(BY_NAME))
    if fmt.needs_release and data.release is None:
        raise ValidationError("error.export_needs_release", format=name)
    return fmt.write(data, lang)
