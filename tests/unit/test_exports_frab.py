"""schedule.json and schedule.xml in the c3voc/frab format, checked against its validators."""

from __future__ import annotations

import json
import re
import uuid
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlparse

import jsonschema
import pytest
from lxml import etree

from export_data import ONLINE_URL, publish_awkward
from planner import demo
from planner.exports import frab
from planner.models import Topic

# An unchanged copy of ../shared/schemas/c3voc (voc/schedule, validator/, EUPL-1.2).
SCHEMAS = Path(__file__).resolve().parent / "c3voc"

# jsonschema checks formats only with optional packages; these are the ones the
# schedule schema uses, checked here without them.
FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value: str) -> bool:
    return datetime.fromisoformat(value).tzinfo is not None


@FORMATS.checks("date", raises=ValueError)
def _is_date(value: str) -> bool:
    return date.fromisoformat(value).isoformat() == value


@FORMATS.checks("uuid", raises=ValueError)
def _is_uuid(value: str) -> bool:
    return str(uuid.UUID(value)) == value


@FORMATS.checks("uri")
def _is_uri(value: str) -> bool:
    parsed = urlparse(value)
    return bool(parsed.scheme) and bool(parsed.netloc or parsed.path) and " " not in value


@FORMATS.checks("color")
def _is_color(value: str) -> bool:
    return re.fullmatch(r"#[0-9a-fA-F]{6}", value) is not None


@pytest.fixture(scope="module")
def json_validator():
    schema = json.loads((SCHEMAS / "schedule.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft6Validator(schema, format_checker=FORMATS)


@pytest.fixture(scope="module")
def xml_schema():
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "schedule.xml.xsd")))


def _json_errors(validator, data: bytes) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(json.loads(data))]


def _xml_errors(schema, data: bytes) -> list[str]:
    schema.validate(etree.fromstring(data))
    return [e.message for e in schema.error_log]


def _events(data: bytes) -> dict[str, dict]:
    days = json.loads(data)["schedule"]["conference"]["days"]
    return {e["title"]: e for d in days for events in d["rooms"].values() for e in events}


@pytest.fixture
def published(event):
    return publish_awkward(event)


def _exports(p, base_url="https://camp.example.org/"):
    args = (p.event, p.release, p.sessions, p.rooms, p.topics)
    return (frab.schedule_json(*args, base_url=base_url, slots=p.slots),
            frab.schedule_xml(*args, base_url=base_url, slots=p.slots))


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    return demo.build_demo(str(tmp_path_factory.mktemp("demo") / "demo.db"), day=date(2026, 6, 13))


def test_validators_accept_pretalx_example(json_validator):
    example = (SCHEMAS / "example-pretalx-democon.json").read_bytes()
    assert _json_errors(json_validator, example) == []


def test_frab_json_of_demo_validates(json_validator, demo_store):
    release = demo_store.releases.latest()
    export = frab.schedule_json(
        demo_store.event.get(), release, {s.id: s for s in demo_store.sessions.list()},
        demo_store.venue.rooms(), demo_store.topics.list(), slots=demo_store.venue.slots(),
    )
    assert _json_errors(json_validator, export.data) == []
    assert len(_events(export.data)) == len(release.items)
    conference = json.loads(export.data)["schedule"]["conference"]
    assert (conference["acronym"], conference["start"], conference["daysCount"]) == (
        "mintcamp_elbe_demo", "2026-06-13", 1)
    assert conference["timeslot_duration"] == "00:15"
    assert conference["days"][0]["day_start"] == "2026-06-13T09:30:00+02:00"
    assert conference["days"][0]["day_end"] == "2026-06-13T17:00:00+02:00"
    assert list(conference["days"][0]["rooms"]) == ["Saal Elbe", "Raum Alster", "Raum Havel", "Werkstatt", "Lounge"]


def test_frab_xml_of_demo_validates(xml_schema, demo_store):
    release = demo_store.releases.latest()
    export = frab.schedule_xml(
        demo_store.event.get(), release, {s.id: s for s in demo_store.sessions.list()},
        demo_store.venue.rooms(), demo_store.topics.list(), base_url="https://mintcamp.example",
        slots=demo_store.venue.slots(),
    )
    assert _xml_errors(xml_schema, export.data) == []
    assert len(etree.fromstring(export.data).findall("day/room/event")) == len(release.items)


def test_frab_json_awkward_content_validates(json_validator, published):
    export, _ = _exports(published)
    assert _json_errors(json_validator, export.data) == []
    assert (export.filename, export.mime) == ("mintcamp-test-v1-schedule.json", "application/json")


def test_frab_xml_awkward_content_validates(xml_schema, published):
    _, export = _exports(published)
    assert _xml_errors(xml_schema, export.data) == []
    assert (export.filename, export.mime) == ("mintcamp-test-v1-schedule.xml", "application/xml")


def test_frab_without_base_url_validates_and_uses_urn(json_validator, xml_schema, published):
    as_json, as_xml = _exports(published, base_url="")
    assert _json_errors(json_validator, as_json.data) == []
    assert _xml_errors(xml_schema, as_xml.data) == []
    robot = _events(as_json.data)[published.robot.title]
    assert robot["url"] == f"urn:uuid:{robot['guid']}"
    assert etree.fromstring(as_xml.data).findall("day/room/event/url") == []


def test_frab_json_event_mirrors_pretalx_fields(published):
    pretalx = json.loads((SCHEMAS / "example-pretalx-democon.json").read_bytes())["schedule"]["conference"]
    pretalx_event = next(iter(pretalx["days"][0]["rooms"].values()))[0]
    export, _ = _exports(published)
    ours = json.loads(export.data)["schedule"]["conference"]
    assert set(_events(export.data)[published.robot.title]) == set(pretalx_event)
    assert set(ours["days"][0]) == set(pretalx["days"][0])
    assert set(pretalx) - set(ours) == set()


def test_frab_json_keeps_titles_and_text_exactly(published):
    export, _ = _exports(published)
    robot = _events(export.data)[published.robot.title]
    assert robot["title"] == "Robotik <AG> & 🤖 für Mädchen"
    assert robot["room"] == "Saal „Elbe“ & <Co>"
    assert robot["slug"] == f"mintcamp_test-{published.robot.id}-robotik-ag-fuer-maedchen"
    assert (robot["abstract"], robot["description"]) == (
        "Mit **Lego** & <b>Motoren</b>.", "Zweiter Absatz: Ärger über Öl & Übermut.")
    assert robot["persons"] == [{"id": published.robot.hosts[0].id, "public_name": "Anna Amsel"},
                                {"id": published.robot.hosts[1].id, "public_name": "Ben Bär"}]
    assert robot["links"] == [{"url": "https://pad.example.org/robotik", "title": "Pad", "type": "related"}]
    assert (robot["track"], robot["type"], robot["language"]) == ("Robotik", "talk", "de")
    assert robot["url"] == f"https://camp.example.org/schedule?session={published.robot.id}"


def test_frab_xml_keeps_titles_and_text_exactly(published):
    _, export = _exports(published)
    root = etree.fromstring(export.data)
    titles = sorted(e.findtext("title") for e in root.iter("event"))
    assert titles == sorted(s.title for s in (published.robot, published.workshop, published.online, published.pitched))
    robot = next(e for e in root.iter("event") if e.get("id") == str(published.robot.id))
    assert robot.findtext("room") == "Saal „Elbe“ & <Co>"
    assert [p.text for p in robot.find("persons")] == ["Anna Amsel", "Ben Bär"]
    assert robot.find("../..").get("date") == "2026-11-28"


def test_frab_two_slot_workshop_lasts_both_slots_and_the_break(published):
    as_json, as_xml = _exports(published)
    workshop = _events(as_json.data)[published.workshop.title]
    assert (workshop["date"], workshop["start"], workshop["duration"], workshop["type"]) == (
        "2026-11-28T11:00:00+01:00", "11:00", "01:45", "workshop")
    event_el = etree.fromstring(as_xml.data).find(f"day/room/event[@id='{published.workshop.id}']")
    assert (event_el.findtext("start"), event_el.findtext("duration")) == ("11:00", "01:45")


def test_frab_online_room_carries_its_url(published):
    export, _ = _exports(published)
    conference = json.loads(export.data)["schedule"]["conference"]
    online_room = next(r for r in conference["rooms"] if r["name"] == "Online-Raum 🌐")
    assert (online_room["type"], online_room["url"]) == ("online", ONLINE_URL)
    online = _events(export.data)[published.online.title]
    assert online["links"] == [{"url": ONLINE_URL, "title": "Online", "type": "web"}]
    assert online["language"] == "en"
    assert online["track"] == "Politische Bildung"


def test_frab_pitch_host_without_account_is_a_named_person(published):
    export, _ = _exports(published)
    assert _events(export.data)[published.pitched.title]["persons"] == [
        {"name": "Frieda aus Kiel", "public_name": "Frieda aus Kiel"}]


def test_frab_guid_stays_the_same_in_the_next_release(event, published):
    store = event.store
    later = [s for s in published.slots if s.kind == "session"][4]
    store.grid.place(event.orga, published.robot.id, published.rooms[0].id, later.id)
    v2 = store.releases.publish(event.orga)
    first, _ = _exports(published)
    second = frab.schedule_json(published.event, v2, published.sessions, published.rooms, published.topics,
                                slots=published.slots)
    guid = lambda data: _events(data)[published.robot.title]["guid"]  # noqa: E731
    assert guid(first.data) == guid(second.data)
    assert _events(second.data)[published.robot.title]["start"] == later.start
    assert json.loads(second.data)["schedule"]["version"] == "v2"


def test_frab_guids_are_unique_per_session(published):
    export, _ = _exports(published)
    guids = [e["guid"] for e in _events(export.data).values()]
    assert len(set(guids)) == 4


@pytest.mark.parametrize(("name", "expected"), [
    ("MINTcamp Elbe (Demo)", "mintcamp_elbe_demo"),
    ("BC", "bc_camp"),
    ("Größenwahn 2026", "groessenwahn_2026"),
])
def test_acronym_fits_the_schema(published, name, expected):
    from dataclasses import replace

    assert frab.acronym(replace(published.event, name=name)) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("Mädchen in MINT", "maedchen-in-mint"),
    ("3D-Druck", "topic-3d-druck"),
    ("🤖", "topic-7"),
])
def test_track_slug_starts_with_a_letter(name, expected):
    assert frab.track_slug(Topic(7, name, "#000000")) == expected
