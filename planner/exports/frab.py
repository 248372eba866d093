"""A release as ``schedule.json`` and ``schedule.xml`` in the c3voc/frab format.

The format frab introduced and pretalx writes; Giggity, ConfClerk,
EventFahrplan and the c3voc tooling read it. Both files are built from one
description of the schedule (:func:`_schedule`), so they always agree.

Choices where the format leaves room:

- ``guid`` is a UUID5 of the event (name and first day) and the session id,
  so a newer release updates the apps' entries instead of adding copies.
- The ``acronym`` is the event's name as lower-case ASCII with ``_`` (the
  JSON schema allows no ``-`` inside it); the event slug is
  ``<acronym>-<session id>-<title slug>`` like pretalx.
- Topics are tracks; a session's track is its first topic in topic order.
- The session description is split: its first paragraph is the
  ``abstract``, the rest the ``description`` (apps show both, one after
  the other, so nothing is shown twice).
- Without a base URL the JSON ``url`` is ``urn:uuid:<guid>`` (the schema
  requires a URI); the XML, which wants http(s), leaves it out.
- Barcamp sessions are not recorded unless the hosts agree on the spot:
  ``do_not_record`` is true.
"""

from __future__ import annotations

import json
import re
import unicodedata
import uuid
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta
from math import gcd
from zoneinfo import ZoneInfo

from planner.exports import MIME, Export
from planner.exports.ical import slug as event_slug
from planner.models import Event, Release, ReleaseItem, Room, Session, Slot, Topic

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
GENERATOR = {"name": "barcamp-planner", "version": "1"}
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "barcamp-planner.invalid")
_TRANSLITERATE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
# The JSON schema's pattern for time zones; others are left out (dates carry offsets).
_TIME_ZONE_RE = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")
# Characters XML 1.0 cannot carry at all.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def slugify(text: str, fallback: str = "session", max_length: int = 60) -> str:
    """Lower-case ASCII words joined by ``-``: 'Mädchen & MINT 🤖' -> 'maedchen-mint'."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE)).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:max_length].strip("-") or fallback


def acronym(event: Event) -> str:
    """The event's short name: at least four of ``a-z 0-9 _``."""
    short = slugify(event.name, fallback="barcamp", max_length=40).replace("-", "_")
    return short if len(short) >= 4 else f"{short}_camp".strip("_")


def session_guid(event: Event, session_id: int) -> str:
    """Stable across releases: the same session keeps its guid."""
    return str(uuid.uuid5(_NAMESPACE, f"{event_slug(event.name)}/{event.starts_on}/session/{session_id}"))


def room_guid(event: Event, room_id: int) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{event_slug(event.name)}/{event.starts_on}/room/{room_id}"))


def track_slug(topic: Topic) -> str:
    """A track slug; the XML schema wants it to start with a letter."""
    words = slugify(topic.name, fallback=f"topic-{topic.id}")
    return words if words[0].isalpha() else f"topic-{words}"


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _minutes(clock: str) -> int:
    hours, mins = map(int, clock.split(":"))
    return hours * 60 + mins


def _split_description(text: str) -> tuple[str, str]:
    """(first paragraph, the rest)."""
    parts = re.split(r"\n\s*\n", text.strip(), maxsplit=1)
    return parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")


def _days(event: Event, release: Release) -> list[str]:
    first, last = date.fromisoformat(event.starts_on), date.fromisoformat(event.ends_on)
    days = {(first + timedelta(days=i)).isoformat() for i in range((last - first).days + 1)}
    return sorted(days | {i.day for i in release.items})


def _timeslot_minutes(slots: list[Slot]) -> int:
    """The finest step of the slot grid (15 for slots starting on the quarter hour)."""
    step = 0
    for s in slots:
        step = gcd(gcd(step, _minutes(s.start)), _minutes(s.end))
    return step or 15


def _schedule(
    event: Event,
    release: Release,
    sessions: dict[int, Session],
    rooms: list[Room],
    topics: list[Topic],
    slots: list[Slot],
    base_url: str,
) -> dict:
    """The schedule as the JSON file holds it; the XML is written from this too."""
    tz = ZoneInfo(event.timezone)
    base = base_url.rstrip("/")
    short = acronym(event)
    topic_order = {t.id: i for i, t in enumerate(topics)}
    topic_names = {t.id: t.name for t in topics}
    room_by_id = {r.id: r for r in rooms}

    def moment(day: str, clock: str) -> datetime:
        return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=tz)

    def entry(item: ReleaseItem) -> dict:
        session = sessions.get(item.session_id)
        guid = session_guid(event, item.session_id)
        abstract, description = _split_description(session.description if session else "")
        topic_ids = sorted(session.topic_ids if session else (), key=lambda t: topic_order.get(t, 0))
        if session is not None:
            persons = [{"id": h.id, "public_name": h.name} for h in session.hosts]
            if session.host_name:
                persons.append({"name": session.host_name, "public_name": session.host_name})
        else:
            persons = [{"name": name, "public_name": name} for name in item.hosts]
        links = []
        if session is not None and session.doc_url:
            links.append({"url": session.doc_url, "title": "Pad", "type": "related"})
        room = room_by_id.get(item.room_id)
        if room is not None and room.online_url:
            links.append({"url": room.online_url, "title": "Online", "type": "web"})
        return {
            "guid": guid,
            "id": item.session_id,
            "logo": "",
            "date": moment(item.day, item.start).isoformat(),
            "start": item.start,
            "duration": _hhmm(_minutes(item.end) - _minutes(item.start)),
            "room": item.room,
            "slug": f"{short}-{item.session_id}-{slugify(item.title)}",
            "url": f"{base}/schedule?session={item.session_id}" if base else f"urn:uuid:{guid}",
            "title": item.title,
            "subtitle": "",
            "track": topic_names.get(topic_ids[0]) if topic_ids else None,
            "type": session.format.value if session else "other",
            "language": session.language if session else event.default_language,
            "abstract": abstract,
            "description": description,
            "recording_license": "",
            "do_not_record": True,
            "persons": persons,
            "links": links,
            "attachments": [],
        }

    days = []
    for index, day in enumerate(_days(event, release), start=1):
        day_slots = [s for s in slots if s.day == day]
        starts = min((s.start for s in day_slots), default="00:00")
        ends = max((s.end for s in day_slots), default="23:59")
        by_room: dict[str, list[dict]] = {r.name: [] for r in rooms}
        for item in sorted(release.items, key=lambda i: i.start):
            if item.day == day:
                by_room.setdefault(item.room, []).append(entry(item))
        days.append({
            "index": index,
            "date": day,
            "day_start": moment(day, starts).isoformat(),
            "day_end": moment(day, ends).isoformat(),
            "rooms": by_room,
        })

    conference = {
        "acronym": short,
        "title": event.name,
        "start": days[0]["date"],
        "end": days[-1]["date"],
        "daysCount": len(days),
        "timeslot_duration": _hhmm(_timeslot_minutes(slots)),
        "rooms": [_room(event, r) for r in rooms],
        "tracks": [{"name": t.name, "slug": track_slug(t), "color": t.colour} for t in topics],
        "days": days,
    }
    if _TIME_ZONE_RE.match(event.timezone):
        conference["time_zone_name"] = event.timezone
    if base:
        conference["url"] = f"{base}/schedule"
    schedule: dict = {"version": release.name}
    if base:
        schedule["base_url"] = f"{base}/"
    schedule["conference"] = conference
    return {"$schema": SCHEMA_URL, "generator": dict(GENERATOR), "schedule": schedule}


def _room(event: Event, room: Room) -> dict:
    entry = {"name": room.name, "guid": room_guid(event, room.id), "description": None,
             "capacity": room.capacity}
    if room.online_url:
        entry.update({"type": "online", "url": room.online_url})
    return entry


def _filename(event: Event, release: Release, suffix: str) -> str:
    return f"{event_slug(event.name)}-{event_slug(release.name)}-schedule.{suffix}"


def schedule_json(
    event: Event,
    release: Release,
    sessions: dict[int, Session],
    rooms: list[Room],
    topics: list[Topic],
    base_url: str = "",
    slots: list[Slot] = (),
) -> Export:
    """``schedule.json`` of a release.

    ``base_url`` (default: the event's) makes session links; ``slots`` give
    each day's start and end and the grid step.
    """
    data = _schedule(event, release, sessions, rooms, topics, list(slots), base_url or event.base_url)
    body = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return Export(_filename(event, release, "json"), MIME["json"], body.encode("utf-8"))


def _text(value: object) -> str:
    return _XML_ILLEGAL.sub("", "" if value is None else str(value))


def _sub(parent: ET.Element, tag: str, text: object = None, **attrs: object) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _text(text)
    return element


def schedule_xml(
    event: Event,
    release: Release,
    sessions: dict[int, Session],
    rooms: list[Room],
    topics: list[Topic],
    base_url: str = "",
    slots: list[Slot] = (),
) -> Export:
    """``schedule.xml`` of a release, the same content as :func:`schedule_json`."""
    data = _schedule(event, release, sessions, rooms, topics, list(slots), base_url or event.base_url)["schedule"]
    conference = data["conference"]
    root = ET.Element("schedule")
    _sub(root, "generator", name=GENERATOR["name"], version=GENERATOR["version"])
    _sub(root, "version", data["version"])
    conf = _sub(root, "conference")
    for key in ("acronym", "title", "start", "end"):
        _sub(conf, key, conference[key])
    _sub(conf, "days", conference["daysCount"])
    _sub(conf, "timeslot_duration", conference["timeslot_duration"])
    if "base_url" in data:
        _sub(conf, "base_url", data["base_url"])
        _sub(conf, "url", conference["url"])
    if "time_zone_name" in conference:
        _sub(conf, "time_zone_name", conference["time_zone_name"])
    for track in conference["tracks"]:
        _sub(conf, "track", track["name"], name=track["name"], color=track["color"].lower(), slug=track["slug"])
    room_guids = {r["name"]: r["guid"] for r in conference["rooms"]}
    for day in conference["days"]:
        day_el = _sub(root, "day", index=day["index"], date=day["date"], start=day["day_start"], end=day["day_end"])
        for room_name, events in day["rooms"].items():
            room_attrs = {"name": room_name}
            if room_name in room_guids:
                room_attrs["guid"] = room_guids[room_name]
            room_el = _sub(day_el, "room", **room_attrs)
            for ev in events:
                _event_xml(room_el, ev)
    ET.indent(root)
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
    return Export(_filename(event, release, "xml"), MIME["xml"], body)


def _event_xml(parent: ET.Element, ev: dict) -> None:
    el = _sub(parent, "event", id=ev["id"], guid=ev["guid"])
    for key in ("date", "start", "duration", "room", "slug", "title", "subtitle"):
        _sub(el, key, ev[key])
    _sub(el, "track", ev["track"] or "")
    for key in ("type", "language", "abstract", "description"):
        _sub(el, key, ev[key])
    recording = _sub(el, "recording")
    _sub(recording, "license", ev["recording_license"])
    _sub(recording, "optout", "true" if ev["do_not_record"] else "false")
    persons = _sub(el, "persons")
    for person in ev["persons"]:
        attrs = {"id": person["id"]} if "id" in person else {}
        _sub(persons, "person", person["public_name"], **attrs)
    links = _sub(el, "links")
    for link in ev["links"]:
        _sub(links, "link", link["title"], href=link["url"], type=link["type"])
    _sub(el, "attachments")
    if ev["url"].startswith(("http://", "https://")):
        _sub(el, "url", ev["url"])
