"""The registry of export formats: each listed once, each written as a file another program reads."""

from __future__ import annotations

import csv
import io
import json

import pytest
from icalendar import Calendar
from lxml import etree
from pypdf import PdfReader

from export_data import publish_awkward
from planner.errors import ValidationError
from planner.exports.adapter import build
from planner.exports.registry import BY_NAME, FEEDS, FORMATS


def _ics(data: bytes) -> str:
    return " ".join(str(e["summary"]) for e in Calendar.from_ical(data).walk("VEVENT"))


def _frab_json(data: bytes) -> str:
    days = json.loads(data)["schedule"]["conference"]["days"]
    return " ".join(e["title"] for d in days for events in d["rooms"].values() for e in events)


def _frab_xml(data: bytes) -> str:
    return " ".join(etree.fromstring(data).xpath("//event/title/text()"))


def _csv(data: bytes) -> str:
    return " ".join(row["title"] for row in csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def _pdf(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


# How another program reads each format: to the text of its session titles.
READERS = {"ics": _ics, "frab-json": _frab_json, "frab-xml": _frab_xml, "csv": _csv, "pdf": _pdf}


def test_every_format_is_listed_once_and_has_a_reader():
    assert len(BY_NAME) == len(FORMATS)
    assert sorted(READERS) == sorted(BY_NAME)
    paths = [f.site_path for f in FEEDS]
    assert len(set(paths)) == len(paths) == 3
    assert all(f.site_label for f in FEEDS)


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_each_format_writes_the_release_for_its_reader(event, fmt):
    publish_awkward(event)
    export = build(event.store, fmt.name)
    assert export.mime == fmt.mime
    assert export.filename.endswith(f".{fmt.suffix}")
    text = READERS[fmt.name](export.data)
    for title in ("Remote pairing", "Workshop über Mittag", "Spontan: Calliope-Ecke"):
        assert title in text


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f.needs_release], ids=lambda f: f.name)
def test_a_format_that_needs_a_release_refuses_before_the_first(event, fmt):
    with pytest.raises(ValidationError) as caught:
        build(event.store, fmt.name)
    assert caught.value.message("en") == f"No schedule published yet; {fmt.name} needs a release."


def test_the_sessions_list_needs_no_release(event):
    event.propose(event.anna, "Löten")
    assert _csv(build(event.store, "csv").data) == "Löten"


def test_an_unknown_format_names_the_known_ones(event):
    with pytest.raises(ValidationError) as caught:
        build(event.store, "docx")
    assert caught.value.message("de") == f"Unbekanntes Format „docx“. Nutze eines von: {', '.join(BY_NAME)}."

