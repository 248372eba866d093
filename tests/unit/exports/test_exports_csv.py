"""CSV exports: sessions with their place in the release, votes per topic, the waiting list;
headers, words and separator in the reader's language."""

from __future__ import annotations

import csv
import io

import pytest

from export_data import publish_awkward
from planner.domain import imports
from planner.exports import csv_files
from planner.models import RoomDraft

SESSION_HEADERS = {
    "en": ["id", "title", "hosts", "topics", "format", "length", "language", "votes", "hands", "needs", "day",
           "start", "end", "room", "release"],
    "de": ["Nr.", "Titel", "Hosts", "Themen", "Format", "Länge", "Sprache", "Stimmen", "Handzeichen", "Braucht",
           "Tag", "Beginn", "Ende", "Raum", "Veröffentlichung"],
}


def _rows(data: bytes, delimiter: str = ",") -> list[list[str]]:
    assert data.startswith("\ufeff".encode("utf-8"))
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


def test_sessions_csv_lists_release_order_then_unplaced(event):
    p = publish_awkward(event)
    extra = event.propose(event.anna, "=HYPERLINK(\"http://evil\")", topic_ids=(event.bildung.id,))
    all_sessions = event.store.sessions.list()
    export = csv_files.sessions(all_sessions, p.topics, p.release, lang="en")
    rows = _rows(export.data)
    assert (export.filename, export.mime) == ("sessions.csv", "text/csv")
    assert rows[0] == SESSION_HEADERS["en"]
    assert [r[1] for r in rows[1:]] == [
        "Robotik <AG> & 🤖 für Mädchen", "Remote pairing", "Workshop über Mittag", "Spontan: Calliope-Ecke",
        "'=HYPERLINK(\"http://evil\")",
    ]
    assert rows[1] == [
        str(p.robot.id), "Robotik <AG> & 🤖 für Mädchen", "Anna Amsel, Ben Bär", "Robotik, Mädchen in MINT",
        "Talk", "1", "German", "1", "0", "", "2026-11-28", "10:00", "10:45", "Saal „Elbe“ & <Co>", "v1",
    ]
    assert rows[2][6] == "English"
    assert rows[3][2:5] == ["Ben Bär", "Robotik", "Workshop"]
    assert rows[3][7] == "2"  # votes
    assert rows[3][10:13] == ["2026-11-28", "11:00", "12:45"]
    assert rows[4][2] == "Frieda aus Kiel"
    assert rows[4][8] == "7"  # hands
    assert rows[5][0] == str(extra.id)
    assert rows[5][10:] == ["", "", "", "", ""]


def test_sessions_csv_in_german_has_german_headers_words_and_semicolons(event):
    p = publish_awkward(event)
    data = csv_files.sessions(event.store.sessions.list(), p.topics, p.release, lang="de").data
    assert data.decode("utf-8-sig").splitlines()[0] == ";".join(SESSION_HEADERS["de"])
    rows = _rows(data, delimiter=";")
    assert rows[1] == [
        str(p.robot.id), "Robotik <AG> & 🤖 für Mädchen", "Anna Amsel, Ben Bär", "Robotik, Mädchen in MINT",
        "Vortrag", "1", "Deutsch", "1", "0", "", "2026-11-28", "10:00", "10:45", "Saal „Elbe“ & <Co>", "v1",
    ]
    assert (rows[2][6], rows[3][4]) == ("Englisch", "Workshop")


@pytest.mark.parametrize(("lang", "needs"), [("de", "Bastelkiste, Beamer, Whiteboard"),
                                               ("en", "Bastelkiste, Projector, Whiteboard")])
def test_sessions_csv_names_needs_in_words_and_own_labels_as_typed(event, lang, needs):
    event.store.venue.save_rooms(event.orga, [RoomDraft("Werkstatt", 30, ("Bastelkiste",))])
    event.propose(event.anna, "Löten für Einsteigerinnen", needs=("projector", "whiteboard", "Bastelkiste"))
    data = csv_files.sessions(event.store.sessions.list(), event.store.topics.list(), lang=lang).data
    rows = _rows(data, delimiter=csv_files.separator(lang))
    assert rows[1][9] == needs


def test_sessions_csv_without_release_has_no_places(event):
    event.propose(event.anna, "Löten für Einsteigerinnen")
    rows = _rows(csv_files.sessions(event.store.sessions.list(), event.store.topics.list(), lang="en").data)
    assert [r[1] for r in rows[1:]] == ["Löten für Einsteigerinnen"]
    assert rows[1][10:] == ["", "", "", "", ""]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_sessions_csv_reads_back_into_the_import_in_either_language(event, lang):
    p = publish_awkward(event)
    data = csv_files.sessions(event.store.sessions.list(), p.topics, p.release, lang=lang).data
    rows = imports.read_csv(data, "sessions.csv")
    assert {k: v for k, v in rows[0].items() if k != imports.ROW} == {
        "title": "Robotik <AG> & 🤖 für Mädchen", "host name": "Anna Amsel, Ben Bär",
        "topics": "Robotik, Mädchen in MINT", "length": "1",
    }
    assert rows[2]["length"] == "2"


@pytest.mark.parametrize(("lang", "delimiter", "expected"), [
    ("en", ",", [["topic", "sessions", "votes", "hands"], ["Robotik", "3", "3", "7"],
                 ["Politische Bildung", "1", "0", "0"], ["Mädchen in MINT", "1", "1", "0"]]),
    ("de", ";", [["Thema", "Sessions", "Stimmen", "Handzeichen"], ["Robotik", "3", "3", "7"],
                 ["Politische Bildung", "1", "0", "0"], ["Mädchen in MINT", "1", "1", "0"]]),
])
def test_topic_votes_csv_counts_sessions_votes_and_hands(event, lang, delimiter, expected):
    p = publish_awkward(event)
    rows = _rows(csv_files.topic_votes(p.topics, list(p.sessions.values()), lang=lang).data, delimiter)
    assert rows == expected


@pytest.mark.parametrize(("lang", "lines"), [
    ("en", ["position,name,username,email", "1,Fritz Müller,fritz,fritz@example.org"]),
    ("de", ["Platz;Name;Benutzername;E-Mail", "1;Fritz Müller;fritz;fritz@example.org"]),
])
def test_waiting_list_csv_in_each_language(event, lang, lines):
    store = event.store
    store.event.update(event.orga, capacity=3)
    store.accounts.sign_up(username="fritz", name="Fritz Müller", email="fritz@example.org", password="Passwort-123")
    export = csv_files.waiting_list(store.registration.waiting_list(), lang=lang)
    assert export.data.decode("utf-8-sig").splitlines() == lines
