"""Proposals from CSV: preview writes nothing, errors per row, all rows or none."""

from __future__ import annotations

import pytest

from planner.domain import imports
from planner.site.imports import describe
from planner.domain.sessions import host_names
from planner.errors import Conflict, PermissionDenied, ValidationError
from planner.models import SessionDraft

GOOD = (
    "title,description,host name,topics,length\r\n"
    "Lötstation für alle,\"Zwei Zeilen,\nmit Komma\",@anna,\"Robotik, Mädchen in MINT\",2\r\n"
    "Demokratie & Daten 🗳️,,Frieda aus Kiel,Politische Bildung,\r\n"
)


def _preview(store, text: str | bytes, filename: str = "import.csv"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return imports.preview(store, data, filename)


def test_preview_reads_rows_and_writes_nothing(event):
    # Row numbers are the spreadsheet's: a cell over two lines is still one row.
    rows = _preview(event.store, GOOD)
    assert [(r.row, r.title, r.description, r.host, r.topics, r.length, r.ok) for r in rows] == [
        (2, "Lötstation für alle", "Zwei Zeilen,\nmit Komma", "@anna", ("Robotik", "Mädchen in MINT"), 2, True),
        (3, "Demokratie & Daten 🗳️", "", "Frieda aus Kiel", ("Politische Bildung",), 1, True),
    ]
    assert rows[0].topic_ids == (event.robotik.id, event.maedchen.id)
    assert event.store.sessions.list() == []


def test_preview_reads_german_headers_semicolons_and_bom(event):
    text = "\ufeffTitel;Beschreibung;Host;Themen;Länge\n3D-Druck im Hort;Mit Kindern;Cem;robotik | politische bildung;1\n"
    rows = _preview(event.store, text)
    assert [(r.title, r.host, r.topic_ids, r.errors) for r in rows] == [
        ("3D-Druck im Hort", "Cem", (event.robotik.id, event.bildung.id), ()),
    ]


def test_preview_reports_every_bad_cell_with_row_and_column(event):
    event.propose(event.anna, "Schon da")
    text = (
        "title,host name,topics,length\n"
        "ab,Anna,Robotik,1\n"
        "schon da,Anna,Robotik,1\n"
        "Neue Session,@niemand,Astrologie,zwei\n"
        "Neue Session,,,9\n"
    )
    rows = _preview(event.store, text)
    assert [describe(e, "en") for e in imports.errors_of(rows)] == [
        "Row 2, column “title”: The title needs at least 3 characters.",
        "Row 3, column “title”: There is already a session “schon da”. Choose another title or vote for that one.",
        "Row 4, column “host name”: There is no active account “@niemand”. Leave out the @ to take just the name.",
        "Row 4, column “topics”: Unknown topic: Astrologie. Create it first or check the spelling.",
        "Row 4, column “length”: A session lasts at least 1 slot, at most 4.",
        "Row 5, column “title”: The same title is in row 4 already.",
        "Row 5, column “host name”: Who hosts the session? Give a name (or @username).",
        "Row 5, column “topics”: Choose at least one topic.",
        "Row 5, column “length”: A session lasts at least 1 slot, at most 4.",
    ]
    assert describe(imports.errors_of(rows)[3], "de") == (
        "Zeile 4, Spalte „topics“: Unbekanntes Thema: Astrologie. Lege es zuerst an oder prüfe die Schreibweise.")


def test_preview_refuses_a_row_with_values_beyond_the_header(event):
    text = (
        "title,host name,topics,length\n"
        "Robotik AG,Anna,Robotik,1,extra,more\n"
        "Lego-Werkstatt,Ben,Robotik,1\n"
    )
    rows = _preview(event.store, text)
    assert [r.ok for r in rows] == [False, True]
    assert [describe(e, "en") for e in imports.errors_of(rows)] == [
        "Row 2: This row has more values than the first row names columns (extra, more). "
        "Delete them or name their columns in the first row.",
    ]
    assert describe(imports.errors_of(rows)[0], "de") == (
        "Zeile 2: Diese Zeile hat mehr Werte, als die erste Zeile Spalten benennt (extra, more). "
        "Lösche sie oder benenne ihre Spalten in der ersten Zeile.")
    with pytest.raises(ValidationError):
        imports.import_proposals(event.store, event.orga, rows)
    assert event.store.sessions.list() == []


def test_preview_refuses_a_value_under_an_empty_header_cell(event):
    # What a spreadsheet saves when one row has a value right of the named columns.
    text = "title;host name;topics;;\nRobotik AG;Anna;Robotik;;Notiz\nLego-Werkstatt;Ben;Robotik;;\n"
    rows = _preview(event.store, text)
    assert [(r.row, [e.key for e in r.errors]) for r in rows] == [(2, ["import.extra_values"]), (3, [])]
    assert rows[0].errors[0].params == {"values": "Notiz"}


def test_preview_takes_empty_trailing_cells_and_other_columns(event):
    text = "title,host name,topics,length,votes\nRobotik AG,Anna,Robotik,1,3,,\nLego-Werkstatt,Ben,Robotik,, , \n"
    rows = _preview(event.store, text)
    assert [(r.title, r.length, r.ok) for r in rows] == [("Robotik AG", 1, True), ("Lego-Werkstatt", 1, True)]
    assert [s.title for s in imports.import_proposals(event.store, event.orga, rows)] == ["Robotik AG", "Lego-Werkstatt"]


def test_preview_lists_the_row_error_before_the_cell_errors(event):
    rows = _preview(event.store, "title,host name,topics\nab,Anna,Robotik,extra\n")
    assert [(e.column, e.key) for e in rows[0].errors] == [("", "import.extra_values"), ("title", "error.title_short")]


def test_import_writes_every_row_with_hosts_and_topics(event):
    created = imports.import_proposals(event.store, event.orga, _preview(event.store, GOOD))
    assert [(s.title, s.length, host_names(s), s.topic_ids) for s in created] == [
        ("Lötstation für alle", 2, ("Anna Amsel",), (event.robotik.id, event.maedchen.id)),
        ("Demokratie & Daten 🗳️", 1, ("Frieda aus Kiel",), (event.bildung.id,)),
    ]
    assert [h.username for h in created[0].hosts] == ["anna"]
    assert (created[1].hosts, created[1].host_name) == ((), "Frieda aus Kiel")
    assert event.store.sessions.get(created[0].id).is_hosted_by(event.anna.id) is True
    assert len(event.store.sessions.list()) == 2


def test_import_with_one_bad_row_imports_nothing(event):
    rows = _preview(event.store, GOOD + "Dritte Session,Ben,Unbekannt,1\r\n")
    with pytest.raises(ValidationError) as caught:
        imports.import_proposals(event.store, event.orga, rows)
    assert caught.value.message("de") == "1 Zeile hat Fehler; es wurde nichts importiert."
    assert event.store.sessions.list() == []


def test_import_title_taken_after_preview_imports_nothing_and_names_the_row(event):
    rows = _preview(event.store, GOOD)
    event.propose(event.ben, "Demokratie & Daten 🗳️", topic_ids=(event.bildung.id,))
    with pytest.raises(Conflict) as caught:
        imports.import_proposals(event.store, event.orga, rows)
    assert (caught.value.key, caught.value.params["row"], caught.value.params["entry"]) == ("error.title_taken", 3, 2)
    assert [s.title for s in event.store.sessions.list()] == ["Demokratie & Daten 🗳️"]


def test_import_by_participant_is_refused(event):
    with pytest.raises(PermissionDenied):
        imports.import_proposals(event.store, event.anna, _preview(event.store, GOOD))
    assert event.store.sessions.list() == []


def test_propose_many_is_all_or_nothing(event):
    drafts = [
        (SessionDraft(title="Erste", topic_ids=(event.robotik.id,)), "@ben"),
        (SessionDraft(title="erste", topic_ids=(event.robotik.id,)), "Jemand"),
    ]
    with pytest.raises(Conflict) as caught:
        event.store.sessions.propose_many(event.orga, drafts)
    assert caught.value.params["entry"] == 2
    assert event.store.sessions.list() == []


@pytest.mark.parametrize(("data", "filename", "expected"), [
    ("title,host name,topics\nÄrger,Anna,Robotik\n".encode("latin-1"), "a.csv",
     "The file is not UTF-8 encoded; umlauts would be lost. Save it as “CSV UTF-8”."),
    (b"PK\x03\x04\x00\x00binary", "a.csv", "This is not a CSV file. Save the table as CSV (UTF-8) and upload it again."),
    (b"title,host name,topics\n", "sessions.xlsx",
     "This is not a CSV file. Save the table as CSV (UTF-8) and upload it again."),
    (b"x" * (imports.MAX_BYTES + 1), "a.csv", "The file is too large (at most 1000 kB). Split it up."),
    (b"title,description\nA,B\n", "a.csv",
     "The column host name, topics is missing. The first row needs: title, description, host name, topics, length."),
    (b"", "a.csv", "The file holds no sessions."),
    (("title,host name,topics\n" + "T,H,Robotik\n" * (imports.MAX_ROWS + 1)).encode(), "a.csv",
     "At most 500 sessions per import. Split the file."),
])
def test_preview_refuses_unusable_files_with_a_message(event, data, filename, expected):
    with pytest.raises(ValidationError) as caught:
        _preview(event.store, data, filename)
    assert caught.value.message("en") == expected
