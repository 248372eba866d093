"""AppTest: the exports page (downloads, the CSV import) and the schedule page's frab downloads.

AppTest keeps the bytes of a download button in the media file manager of
the run, which it throws away afterwards; the ``downloads`` fixture (in
tests/app/conftest.py) keeps the manager of the last run and reads every
button's file from it, calling a deferred button's function as a click in
the browser would.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import icalendar
import pytest
from lxml import etree

from planner import demo
from planner.domain.sessions import host_names
from planner.models import RoomDraft, SessionStatus, SlotKind
from planner.domain.timeslots import generate_day
from planner.domain.text import escape_markdown
from tests.app.conftest import inputs, page, values

BOM = b"\xef\xbb\xbf"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("demo") / "demo.db")
    demo.build_demo(path, day=date(2026, 6, 13))
    return path


@pytest.fixture
def demo_store(demo_db, monkeypatch):
    """The demo (a published release v1, a later draft) as the app's database."""
    monkeypatch.setenv("PLANNER_DB", demo_db)
    from planner.store import Store

    return Store(demo_db)


def _published(event):
    """Two rooms, one day of slots, three sessions placed and released as v1."""
    store = event.store
    saal, werkstatt = store.venue.save_rooms(event.orga, [RoomDraft("Saal Elbe", 120), RoomDraft("Werkstatt", 25)])
    slots = [s for s in store.venue.save_day(event.orga, "2026-11-28", generate_day()) if s.kind is SlotKind.SESSION]
    for (title, host), room, slot in zip(
        [("Robotik AG", event.anna), ("Mädchen in MINT", event.ben), ("Politische Bildung", event.cem)],
        [saal, werkstatt, saal], [slots[0], slots[0], slots[1]],
    ):
        store.grid.place(event.orga, event.propose(host, title).id, room.id, slot.id)
    return store.releases.publish(event.orga)


def _import_tab(user, lang="de"):
    label = {"de": "Sessions importieren", "en": "Import sessions"}[lang]
    return page("app_pages/exports.py", user, lang, exports_tabs=label)


def _csv_file(*rows: str, header: str = "title,description,host name,topics,length") -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode("utf-8")


def _csv_rows(data: bytes, delimiter: str = ";") -> list[dict[str, str]]:
    """A downloaded list as rows by header; German lists are separated by ``;``."""
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


# -- who may see it ---------------------------------------------------------------


def test_exports_page_refuses_participant_and_shows_no_widget(event):
    at = page("app_pages/exports.py", event.anna)
    assert values(at, "error") == ["Diese Seite ist nur für das Orga-Team."]
    assert inputs(at) == []


def test_exports_page_signed_out_shows_only_the_sign_in_hint(event):
    at = page("app_pages/exports.py")
    assert values(at, "warning") == ["Bitte melde dich zuerst an."]
    assert inputs(at) == []


# -- downloads ----------------------------------------------------------------------


def test_organiser_downloads_every_export_of_the_demo_release(demo_store, downloads):
    release = demo_store.releases.latest()
    at = page("app_pages/exports.py", demo_store.people.get("orga"))
    files = downloads(at)
    assert {key: (name, mime) for key, (name, mime, _) in files.items()} == {
        "exports_frab_json": ("mintcamp-elbe-demo-v1-schedule.json", "application/json"),
        "exports_frab_xml": ("mintcamp-elbe-demo-v1-schedule.xml", "application/xml"),
        "exports_ics": ("mintcamp-elbe-demo-v1.ics", "text/calendar"),
        "exports_sessions_csv": ("sessions.csv", "text/csv"),
        "exports_topics_csv": ("topic-votes.csv", "text/csv"),
        "exports_waiting_csv": ("waiting-list.csv", "text/csv"),
        "exports_problem": ("planning-problem.json", "application/json"),
    }
    schedule = json.loads(files["exports_frab_json"][2])["schedule"]
    assert sum(len(events) for day in schedule["conference"]["days"] for events in day["rooms"].values()) == 25
    xml = etree.fromstring(files["exports_frab_xml"][2])
    assert (xml.tag, len(xml.findall(".//event"))) == ("schedule", 25)
    calendar = icalendar.Calendar.from_ical(files["exports_ics"][2])
    assert len(calendar.walk("VEVENT")) == len(release.items) == 25
    for key in ("exports_sessions_csv", "exports_topics_csv", "exports_waiting_csv"):
        assert files[key][2].startswith(BOM)
    sessions = _csv_rows(files["exports_sessions_csv"][2])
    assert len(sessions) == len(demo_store.sessions.list())
    assert sum(1 for row in sessions if row["Veröffentlichung"] == "v1") == 25
    topics = _csv_rows(files["exports_topics_csv"][2])
    assert [row["Thema"] for row in topics] == [t.name for t in demo_store.topics.list()]
    problem = json.loads(files["exports_problem"][2])
    assert len(problem["sessions"]) == len(demo_store.sessions.list())


@pytest.mark.parametrize(("lang", "headers"), [
    ("de", {"exports_sessions_csv": "Nr.;Titel;Hosts;Themen;Format;Länge;Sprache;Stimmen;Handzeichen;Braucht;"
                                     "Tag;Beginn;Ende;Raum;Veröffentlichung",
            "exports_topics_csv": "Thema;Sessions;Stimmen;Handzeichen",
            "exports_waiting_csv": "Platz;Name;Benutzername;E-Mail"}),
    ("en", {"exports_sessions_csv": "id,title,hosts,topics,format,length,language,votes,hands,needs,day,start,end,"
                                     "room,release",
            "exports_topics_csv": "topic,sessions,votes,hands",
            "exports_waiting_csv": "position,name,username,email"}),
])
def test_lists_are_in_the_users_language(event, downloads, lang, headers):
    _published(event)
    at = page("app_pages/exports.py", event.orga, lang)
    files = downloads(at)
    assert {key: files[key][2].decode("utf-8-sig").splitlines()[0] for key in headers} == headers
    rows = _csv_rows(files["exports_sessions_csv"][2], ";" if lang == "de" else ",")
    shown = {"de": ("Titel", "Format", "Sprache", "Raum"), "en": ("title", "format", "language", "room")}[lang]
    assert tuple(rows[0][h] for h in shown) == {
        "de": ("Robotik AG", "Vortrag", "Deutsch", "Saal Elbe"), "en": ("Robotik AG", "Talk", "German", "Saal Elbe"),
    }[lang]


def test_each_download_says_what_reads_it(demo_store):
    at = page("app_pages/exports.py", demo_store.people.get("orga"), "en")
    captions = "\n".join(values(at, "caption"))
    for program in ("Giggity", "ConfClerk", "EventFahrplan", "calendar programs", "spreadsheet programs"):
        assert program in captions
    assert "Published schedule v1" in captions


def test_pdfs_are_built_on_the_button_press(demo_store, downloads):
    at = page("app_pages/exports.py", demo_store.people.get("orga"))
    assert {"exports_poster", "exports_signs"} & set(downloads(at)) == set()
    at.button(key="exports_pdf_build").click().run()
    files = downloads(at)
    assert files["exports_poster"][:2] == ("mintcamp-elbe-demo-v1-grid.pdf", "application/pdf")
    assert files["exports_signs"][:2] == ("mintcamp-elbe-demo-v1-signs.pdf", "application/pdf")
    assert files["exports_poster"][2].startswith(b"%PDF") and files["exports_signs"][2].startswith(b"%PDF")
    at.run()  # kept for this release: no second build needed
    assert {"exports_poster", "exports_signs"} <= set(downloads(at))


def test_nothing_published_says_so_and_still_offers_the_lists(event, downloads):
    event.propose(event.anna, "Robotik AG")
    at = page("app_pages/exports.py", event.orga)
    assert values(at, "info") == [
        "Noch kein Programm veröffentlicht. Programm-Dateien, Kalender und Aushänge gibt es ab der ersten "
        "Veröffentlichung."
    ]
    files = downloads(at)
    assert sorted(files) == ["exports_problem", "exports_sessions_csv", "exports_topics_csv", "exports_waiting_csv"]
    rows = _csv_rows(files["exports_sessions_csv"][2])
    assert [(r["Titel"], r["Raum"]) for r in rows] == [("Robotik AG", "")]
    assert len(at.button) == 0  # no PDFs without a release


def test_release_taken_off_the_schedule_is_still_offered_with_a_warning(event, downloads):
    _published(event)
    event.store.event.update(event.orga, schedule_published=False)
    at = page("app_pages/exports.py", event.orga)
    assert values(at, "warning") == ["Das Programm ist gerade nicht öffentlich: Diese Dateien sieht nur das Orga-Team."]
    assert "exports_frab_json" in downloads(at)


# -- import ---------------------------------------------------------------------------


def test_import_preview_shows_errors_per_row_and_imports_nothing(event):
    upload = _csv_file(
        "Robotik AG,Wir bauen Roboter,Anna Amsel,Robotik,1",
        "Löten für alle,,Ben,Lötkolben,1",
        "Ohne Host,,,Robotik,1",
        "Zu lang,,Cem,Robotik,9",
        "Halber Slot,,Cem,Robotik,1.5",
    )
    at = _import_tab(event.orga)
    at.file_uploader(key="import_file_0").set_value(("proposals.csv", upload, "text/csv")).run()
    table = at.dataframe[0].value
    assert table[["Zeile", "OK", "Titel", "Host", "Themen"]].values.tolist() == [
        [2, True, "Robotik AG", "Anna Amsel", "Robotik"],
        [3, False, "Löten für alle", "Ben", "Lötkolben"],
        [4, False, "Ohne Host", "", "Robotik"],
        [5, False, "Zu lang", "Cem", "Robotik"],
        [6, False, "Halber Slot", "Cem", "Robotik"],
    ]
    # What the file had, not "None", where a length is not a length.
    assert table["Länge (Slots)"].tolist() == ["1", "1", "1", "9", "1.5"]
    errors = table["Fehler"].tolist()
    assert errors[0] == ""
    assert errors[1].startswith("Zeile 3, Spalte „topics“: Unbekanntes Thema: Lötkolben.")
    assert errors[2].startswith("Zeile 4, Spalte „host name“: ")
    assert errors[3].startswith("Zeile 5, Spalte „length“: ")
    assert values(at, "error")[0].startswith("Zeilen mit Fehlern: 4 von 5. Nichts wird importiert")
    assert [b.key for b in at.button] == []  # no import button while any row is refused
    assert event.store.sessions.list() == []


def test_import_preview_speaks_english(event):
    at = _import_tab(event.orga, "en")
    # The limits stand above the drop zone: a refused file's reason is only a tooltip there.
    assert any(c.endswith("Per file at most: sessions 500, size 1 MB.") for c in values(at, "caption"))
    at.file_uploader(key="import_file_0").set_value(
        ("proposals.csv", _csv_file("Robotik AG,,Anna,Chemie,1"), "text/csv")).run()
    assert at.dataframe[0].value["Errors"].tolist() == [
        "Row 2, column “topics”: Unknown topic: Chemie. Create it first or check the spelling."
    ]


def test_import_refuses_a_row_with_extra_values_and_takes_empty_trailing_cells(event):
    at = _import_tab(event.orga)
    at.file_uploader(key="import_file_0").set_value(("proposals.csv", _csv_file(
        "Robotik AG,,Anna,Robotik,1,extra,more", "Lego-Werkstatt,,Ben,Robotik,1,,"), "text/csv")).run()
    table = at.dataframe[0].value
    assert table["OK"].tolist() == [False, True]
    assert table["Fehler"].tolist() == [
        "Zeile 2: Diese Zeile hat mehr Werte, als die erste Zeile Spalten benennt (extra, more). "
        "Lösche sie oder benenne ihre Spalten in der ersten Zeile.",
        "",
    ]
    assert [b.key for b in at.button] == []
    assert event.store.sessions.list() == []


def test_import_of_a_valid_file_stores_every_row(event):
    upload = _csv_file(
        "Robotik AG,Wir bauen **Roboter**,@anna,Robotik,2",
        "Mädchen in MINT,,Frieda aus Kiel,\"Mädchen in MINT, Robotik\",",
        "Politische Bildung,,Cem Çelik,Politische Bildung,1",
    )
    at = _import_tab(event.orga)
    at.file_uploader(key="import_file_0").set_value(("proposals.csv", upload, "text/csv")).run()
    assert values(at, "success") == ["Alle 3 Zeilen sind in Ordnung."]
    at.button(key="import_do").click().run()
    assert values(at, "success") == ["3 Sessions importiert."]
    stored = {s.title: s for s in event.store.sessions.list()}
    assert sorted(stored) == ["Mädchen in MINT", "Politische Bildung", "Robotik AG"]
    assert [h.username for h in stored["Robotik AG"].hosts] == ["anna"]
    assert stored["Robotik AG"].length == 2
    assert host_names(stored["Mädchen in MINT"]) == ("Frieda aus Kiel",)
    assert set(stored["Mädchen in MINT"].topic_ids) == {event.maedchen.id, event.robotik.id}
    assert all(s.status is SessionStatus.PROPOSED for s in stored.values())
    # A fresh, empty uploader: the same file is not previewed again as "title taken".
    assert [u.key for u in at.file_uploader] == ["import_file_1"] and len(at.dataframe) == 0


def test_import_refuses_when_a_title_was_taken_since_the_preview(event):
    at = _import_tab(event.orga)
    at.file_uploader(key="import_file_0").set_value(
        ("proposals.csv", _csv_file("Robotik AG,,Anna,Robotik,1", "Lego,,Ben,Robotik,1"), "text/csv")).run()
    event.propose(event.cem, "Lego")  # someone else, between preview and click
    at.button(key="import_do").click().run()
    assert [s.title for s in event.store.sessions.list()] == ["Lego"]  # nothing of the file
    assert values(at, "error")[0].startswith("Es gibt schon eine Session „Lego“.")
    assert at.dataframe[0].value["OK"].tolist() == [True, False]  # the preview, checked again


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("title;Thema\nRobotik AG;Robotik\n".encode("utf-8"), "Es fehlt die Spalte host name."),
        ("title,host name,topics\nLöten,Ben,Robotik\n".encode("latin-1"), "Die Datei ist nicht UTF-8-kodiert"),
        (b"title,host name,topics\x00\n", "Das ist keine CSV-Datei."),
        (b"title,host name,topics\n" + b"x" * 1_000_001, "Die Datei ist zu groß (höchstens 1000 kB)."),
        (b"", "Die Datei enthält keine Sessions."),
    ],
    ids=["column-missing", "latin-1", "binary", "too-large", "empty"],
)
def test_import_refuses_unusable_files_with_a_message(event, data, message):
    at = _import_tab(event.orga)
    at.file_uploader(key="import_file_0").set_value(("proposals.csv", data, "text/csv")).run()
    assert len(at.error) == 1 and at.error[0].value.startswith(message)
    assert len(at.dataframe) == 0 and len(at.button) == 0


def test_import_of_a_header_alone_says_the_file_holds_no_sessions(event):
    at = _import_tab(event.orga)
    at.file_uploader(key="import_file_0").set_value(("proposals.csv", _csv_file(), "text/csv")).run()
    assert values(at, "warning") == ["Die Datei enthält keine Sessions."]
    assert len(at.dataframe) == 0 and len(at.button) == 0


def test_import_shows_user_text_as_text(event):
    title = "**Fett** <b>x</b> [klick](javascript:alert(1))"
    at = _import_tab(event.orga)
    at.file_uploader(key="import_file_0").set_value(
        ("proposals.csv", _csv_file(f'"{title}",,Ben,":red[Rot]",1'), "text/csv")).run()
    assert at.dataframe[0].value["Titel"].tolist() == [title]  # a cell, not Markdown
    listed = values(at, "markdown")[-1]
    assert escape_markdown(":red[Rot]") in listed and ":red[Rot]" not in listed


# -- the schedule page -------------------------------------------------------------------


def test_schedule_page_links_the_public_site_and_its_feeds_once_published(event):
    _published(event)
    event.store.event.update(event.orga, base_url="https://camp.example.org")
    at = page("app_pages/schedule.py")  # signed out: the schedule is public now
    assert [c.value for c in at.get("code")] == [
        "https://camp.example.org/p/schedule.ics", "https://camp.example.org/p/schedule.json",
        "https://camp.example.org/p/schedule.xml",
    ]
    assert [b.proto.url for b in at.get("link_button")] == ["/p/schedule"]
    assert at.get("download_button") == []
    english = page("app_pages/schedule.py", lang="en")
    assert [b.proto.url for b in english.get("link_button")] == ["/p/en/schedule"]  # the site in the reader's language
    signed_in = page("app_pages/schedule.py", event.anna)
    assert "Nur deine Sessions (gehostet, gewählt, gemerkt) als Kalender-Abo" in " ".join(
        c.value for c in signed_in.caption)


def test_schedule_page_offers_no_feeds_before_publishing(event):
    event.propose(event.anna, "Robotik AG")
    at = page("app_pages/schedule.py", event.orga)
    assert at.get("code") == [] and at.get("link_button") == []
    assert values(at, "info") == ["Das Programm ist noch nicht veröffentlicht."]
    at.toggle(key="schedule_preview").set_value(True).run()  # the draft is not public
    assert at.get("code") == [] and at.get("link_button") == []
    assert values(at, "warning") == [
        "Entwurf: So sähe das Programm aus, wenn du jetzt veröffentlichst. Teilnehmende sehen ihn nicht."]
