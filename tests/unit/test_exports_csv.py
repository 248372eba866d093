"""CSV exports: sessions with their place in the release, votes per topic."""

from __future__ import annotations

import csv
import io

from export_data import publish_awkward
from planner.exports import csv_files


def _rows(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode("utf-8"))
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_sessions_csv_lists_release_order_then_unplaced(event):
    p = publish_awkward(event)
    extra = event.propose(event.anna, "=HYPERLINK(\"http://evil\")", topic_ids=(event.bildung.id,))
    all_sessions = event.store.sessions.list()
    export = csv_files.sessions(all_sessions, p.topics, p.release)
    rows = _rows(export.data)
    assert (export.filename, export.mime) == ("sessions.csv", "text/csv")
    assert rows[0] == csv_files.SESSION_COLUMNS
    assert [r[1] for r in rows[1:]] == [
        "Robotik <AG> & 🤖 für Mädchen", "Remote pairing", "Workshop über Mittag", "Spontan: Calliope-Ecke",
        "'=HYPERLINK(\"http://evil\")",
    ]
    assert rows[1] == [
        str(p.robot.id), "Robotik <AG> & 🤖 für Mädchen", "Anna Amsel, Ben Bär", "Robotik, Mädchen in MINT",
        "talk", "1", "de", "1", "0", "", "2026-11-28", "10:00", "10:45", "Saal „Elbe“ & <Co>", "v1",
    ]
    assert rows[3][2:4] == ["Ben Bär", "Robotik"]
    assert rows[3][7] == "2"  # votes
    assert rows[3][10:13] == ["2026-11-28", "11:00", "12:45"]
    assert rows[4][2] == "Frieda aus Kiel"
    assert rows[4][8] == "7"  # hands
    assert rows[5][0] == str(extra.id)
    assert rows[5][10:] == ["", "", "", "", ""]


def test_sessions_csv_without_release_has_no_places(event):
    event.propose(event.anna, "Löten für Einsteigerinnen")
    rows = _rows(csv_files.sessions(event.store.sessions.list(), event.store.topics.list()).data)
    assert [r[1] for r in rows[1:]] == ["Löten für Einsteigerinnen"]
    assert rows[1][10:] == ["", "", "", "", ""]


def test_topic_votes_csv_counts_sessions_votes_and_hands(event):
    p = publish_awkward(event)
    rows = _rows(csv_files.topic_votes(p.topics, list(p.sessions.values())).data)
    assert rows == [
        ["topic", "sessions", "votes", "hands"],
        ["Robotik", "3", "3", "7"],
        ["Politische Bildung", "1", "0", "0"],
        ["Mädchen in MINT", "1", "1", "0"],
    ]
