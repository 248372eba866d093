"""Issue 7 in Chromium: an organiser of the demo downloads the schedule and imports proposals."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from planner import demo
from tests.browser.conftest import shot, wait_idle
from tests.browser.test_journeys import _sign_in

pytestmark = pytest.mark.browser


def test_organiser_downloads_schedule_json_and_imports_a_csv(start_server, tmp_path, browser):
    db = str(tmp_path / "demo.db")
    store = demo.build_demo(db)
    server = start_server(db)

    orga = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    orga.goto(server.url)
    wait_idle(orga)
    _sign_in(orga, demo.ORGANISER[0], demo.ORGANISER[3])
    orga.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Exporte & Import").click()
    wait_idle(orga)
    assert orga.url.endswith("/exports")
    expect(orga.get_by_text("Veröffentlichtes Programm v1", exact=False)).to_be_visible()
    shot(orga, "exports")

    with orga.expect_download() as download:
        orga.get_by_role("button", name="Programm (frab/c3voc JSON)").click()
    assert download.value.suggested_filename.endswith("-v1-schedule.json")
    schedule = json.loads(open(download.value.path(), encoding="utf-8").read())["schedule"]
    assert schedule["conference"]["title"] == "MINTcamp Elbe (Demo)"

    # Built only on the click (a deferred download).
    with orga.expect_download() as download:
        orga.get_by_role("button", name="Planungsproblem (JSON)").click()
    assert download.value.suggested_filename == "planning-problem.json"
    assert len(json.loads(open(download.value.path(), encoding="utf-8").read())["sessions"]) == 26

    orga.get_by_role("tab", name="Sessions importieren").click()
    wait_idle(orga)
    before = len(store.sessions.list())
    # Streamlit's words in the drop zone, in German.
    expect(orga.get_by_test_id("stFileUploaderDropzone")).to_contain_text("Hochladen")
    expect(orga.get_by_test_id("stFileUploaderDropzoneInstructions")).to_have_text("1MB pro Datei • CSV")
    # A file over the limit: Streamlit refuses it, in German.
    orga.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        {"name": "gross.csv", "mimeType": "text/csv", "buffer": b"x" * 1_200_000})
    chip = orga.get_by_test_id("stFileChip")
    expect(chip).to_contain_text("Fehler: Die Datei darf höchstens 1.0MB groß sein.")
    assert "Error" not in chip.inner_text()
    chip.get_by_test_id("stFileChipDeleteBtn").get_by_role("button").click()
    expect(orga.get_by_test_id("stFileChip")).to_have_count(0)
    assert len(store.sessions.list()) == before
    orga.get_by_test_id("stFileUploaderDropzoneInput").set_input_files({
        "name": "vorschlaege.csv",
        "mimeType": "text/csv",
        "buffer": (
            "Titel;Beschreibung;Host;Themen;Länge\r\n"
            "Arduino im Sachunterricht;Erste Schaltungen mit Kindern;Frieda aus Kiel;Robotik, Schule & Unterricht;1\r\n"
            "Physical Computing mit Senioren;;@anna01;Programmieren;2\r\n"
        ).encode("utf-8"),
    })
    wait_idle(orga)
    expect(orga.get_by_text("Vorschau: 2 Zeilen")).to_be_visible()
    expect(orga.get_by_text("Alle 2 Zeilen sind in Ordnung.")).to_be_visible()
    # The table draws on a canvas once its grid has loaded (its cells are not in the DOM).
    expect(orga.get_by_test_id("stDataFrame").locator("canvas").first).to_be_visible()
    shot(orga, "exports-import-preview")
    orga.get_by_role("button", name="2 Sessions importieren").click()
    wait_idle(orga)
    expect(orga.get_by_text("2 Sessions importiert.")).to_be_visible()
    titles = {s.title: s for s in store.sessions.list()}
    assert len(titles) == before + 2
    assert titles["Physical Computing mit Senioren"].length == 2
    assert [h.username for h in titles["Physical Computing mit Senioren"].hosts] == ["anna01"]


def test_exports_by_deep_link_on_fresh_server_shows_nothing(start_server, tmp_path, page):
    db = str(tmp_path / "demo.db")
    demo.build_demo(db)
    server = start_server(db)
    page.goto(f"{server.url}/exports")  # before anybody has loaded "/": the page file runs alone
    wait_idle(page)
    expect(page.get_by_text("Bitte melde dich zuerst an.")).to_be_visible()
    expect(page.get_by_test_id("stDownloadButton")).to_have_count(0)
    expect(page.get_by_test_id("stFileUploader")).to_have_count(0)
    assert "schedule.json" not in page.content()
