"""The exports by name, built from the store: what the pages and ``python -m planner export`` offer."""

from __future__ import annotations

from planner.exports import Export, csv_files, frab, ical, pdf
from planner.store import Store

FORMATS = ("frab-json", "frab-xml", "ics", "csv", "pdf")


def build(store: Store, fmt: str) -> Export:
    """The export of the event in ``store`` in format ``fmt``.

    Raises ValueError for an unknown format, or when ``fmt`` needs a
    release and nothing has been published yet (only ``csv`` does not).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
    event = store.event.get()
    release = store.releases.latest()
    if fmt == "csv":
        return csv_files.sessions(store.sessions.list(), store.topics.list(), release)
    if release is None:
        raise ValueError(f"no schedule published yet; {fmt} needs a release.")
    sessions = {s.id: s for s in store.sessions.list(include_withdrawn=True)}
    if fmt == "ics":
        return ical.calendar(event, release, sessions, base_url=event.base_url)
    if fmt == "pdf":
        return pdf.printables(event, release, store.venue.rooms(), store.venue.slots(), lang=event.default_language)
    write = frab.schedule_json if fmt == "frab-json" else frab.schedule_xml
    return write(event, release, sessions, store.venue.rooms(), store.topics.list(), slots=store.venue.slots())
