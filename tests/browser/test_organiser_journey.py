"""Issue 3 in Chromium: an organiser prepares rooms and slots; phases reach participants."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from planner.models import SlotKind
from tests.browser.conftest import shot, wait_idle
from tests.browser.test_journeys import _event, _sign_in

pytestmark = pytest.mark.browser


def test_organiser_sets_up_rooms_and_slots_and_phases_are_honoured(start_server, tmp_path, browser):
    db = str(tmp_path / "orga.db")
    store = _event(db)
    server = start_server(db)

    orga = browser.new_page(viewport={"width": 1920, "height": 1080})
    orga.goto(server.url)
    wait_idle(orga)
    _sign_in(orga, "orga", "Orga-Passwort-1")
    orga.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Räume und Slots").click()
    wait_idle(orga)

    form = orga.get_by_test_id("stForm").filter(has_text="Raum hinzufügen")
    for name, capacity in [("Saal Elbe", "120"), ("Raum Alster", "40"), ("Werkstatt", "25")]:
        form.get_by_role("textbox", name="Name").fill(name)
        form.get_by_role("spinbutton", name="Plätze").fill(capacity)
        form.get_by_role("button", name="Raum hinzufügen").click()
        wait_idle(orga)
        expect(orga.get_by_text(f"Raum „{name}“ hinzugefügt.")).to_be_visible()
    assert [(r.name, r.capacity) for r in store.venue.rooms()] == [
        ("Saal Elbe", 120), ("Raum Alster", 40), ("Werkstatt", 25),
    ]
    shot(orga, "10-rooms")
    # Streamlit's own rows of a list in German: "Select all" and, for a new feature, "Add: ...".
    features = form.get_by_role("combobox", name="Ausstattung")
    features.click()
    expect(orga.get_by_role("option", name="Alle auswählen")).to_be_visible()
    features.type("Kinderecke")
    expect(orga.get_by_role("option", name="Neu: Kinderecke")).to_be_visible()
    assert orga.get_by_role("option", name="Add: Kinderecke").count() == 0
    features.fill("")
    for _ in range(3):  # an open list hides the rest of the page from get_by_role
        if not orga.get_by_role("option").count():
            break
        features.press("Escape")
    expect(orga.get_by_role("option")).to_have_count(0)
    # Streamlit's names for its own controls in German too: a table's toolbar (and
    # the tooltip of a button there), the (?) after a label.
    rooms_table = orga.get_by_test_id("stDataFrame").first
    rooms_table.hover()
    add_row = rooms_table.get_by_role("button", name="Zeile hinzufügen")
    expect(add_row).to_be_visible()
    add_row.hover()
    expect(orga.get_by_role("tooltip")).to_have_text("Zeile hinzufügen")
    expect(form.get_by_role("button", name="Hilfe zu Ausstattung")).to_have_count(1)
    assert orga.get_by_role("button", name="Add row").count() == 0

    orga.get_by_role("tab", name="Tage und Slots").click()
    orga.get_by_role("button", name="Erzeugen").click()
    wait_idle(orga)
    expect(orga.get_by_text("8 Slots für den Tag gespeichert.")).to_be_visible()
    assert sum(1 for s in store.venue.slots() if s.kind is SlotKind.SESSION) == 7
    orga.get_by_role("tab", name="Tage und Slots").click()
    shot(orga, "11-slots")

    # Close proposals and voting
    orga.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Veranstaltung").click()
    wait_idle(orga)
    orga.get_by_text("Einreichung offen").click()
    orga.get_by_text("Abstimmung offen").click()
    orga.get_by_role("button", name="Speichern").click()
    wait_idle(orga)
    expect(orga.get_by_text("Einstellungen gespeichert.")).to_be_visible()
    assert (store.event.get().proposals_open, store.event.get().voting_open) == (False, False)

    ben = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    ben.goto(server.url)
    wait_idle(ben)
    _sign_in(ben, "ben", "Ben-Passwort-1")
    shot(ben, "12a-after-sign-in")
    expect(ben.get_by_text("Die Abstimmung ist geschlossen.", exact=False)).to_be_visible(timeout=20_000)
    expect(ben.get_by_role("button", name="Abstimmen")).to_be_disabled()
    shot(ben, "12-voting-closed-phone")
    ben.goto(f"{server.url}/propose")
    wait_idle(ben)
    expect(ben.get_by_text("Die Einreichung von Sessions ist geschlossen.")).to_be_visible()
    expect(ben.get_by_role("button", name="Vorschlagen")).to_have_count(0)

    # Open voting again: the participant can vote after a reload
    orga.get_by_text("Abstimmung offen").click()
    orga.get_by_role("button", name="Speichern").click()
    wait_idle(orga)
    ben.goto(f"{server.url}/sessions")
    wait_idle(ben)
    shot(ben, "13-voting-open-phone")
    ben.get_by_role("button", name="Abstimmen").first.click()
    wait_idle(ben)
    assert store.votes.of(store.people.get("ben")) == {1}
