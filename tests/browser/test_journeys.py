"""The main journeys, clicked through in Chromium against a real server."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from planner.models import SessionDraft
from planner.store import Store
from tests.browser.conftest import shot, wait_for_cookie, wait_idle

pytestmark = pytest.mark.browser


def _event(path: str) -> Store:
    store = Store(path, bcrypt_rounds=4)
    store.migrate()
    orga = store.event.set_up(
        name="MINTcamp Browser", starts_on="2026-11-28", ends_on="2026-11-28",
        timezone_name="Europe/Berlin", default_language="de", organiser_username="orga",
        organiser_name="Olga Orga", organiser_email="orga@example.org",
        organiser_password="Orga-Passwort-1",
    )
    robotik = store.topics.create(orga, "Robotik", "#d62728")
    store.topics.create(orga, "Politische Bildung", "#ff7f0e")
    host = store.accounts.create(None, username="ben", name="Ben Bär", email="ben@example.org",
                             password="Ben-Passwort-1")
    store.sessions.propose(host, SessionDraft(title="World Robot Olympiad", topic_ids=(robotik.id,)))
    return store


def _sign_in(page, username: str, password: str) -> None:
    form = page.get_by_test_id("stForm").first
    form.get_by_role("textbox", name="Benutzername").fill(username)
    form.get_by_role("textbox", name="Passwort").fill(password)
    form.get_by_role("button", name="Anmelden").click()
    wait_idle(page)
    wait_for_cookie(page)


def test_participant_signs_up_proposes_votes_and_sees_the_count(start_server, tmp_path, page):
    db = str(tmp_path / "journey.db")
    store = _event(db)
    server = start_server(db)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(server.url)
    wait_idle(page)
    shot(page, "01-sign-in")

    # Sign up
    page.get_by_role("tab", name="Registrieren").click()
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("textbox", name="Anzeigename"))
    form.get_by_role("textbox", name="Benutzername").fill("clara")
    form.get_by_role("textbox", name="Anzeigename").fill("Clara Chemie")
    form.get_by_role("textbox", name="E-Mail").fill("clara@example.org")
    form.get_by_role("textbox", name="Passwort", exact=True).fill("Clara-Passwort-1")
    form.get_by_role("textbox", name="Passwort wiederholen").fill("Clara-Passwort-1")
    form.get_by_role("button", name="Registrieren").click()
    wait_idle(page)
    expect(page.get_by_text("Angemeldet als Clara Chemie (@clara)")).to_be_visible(timeout=20_000)
    assert store.people.get("clara").name == "Clara Chemie"

    # Propose
    page.get_by_role("link", name="Session vorschlagen").click()
    wait_idle(page)
    page.get_by_role("textbox", name="Titel").fill("Lego Mindstorms in der Grundschule")
    page.get_by_role("textbox", name="Beschreibung").fill("Wir bauen **Roboter**. <script>alert(1)</script>")
    page.get_by_test_id("stMultiSelect").filter(has_text="Themen").click()
    page.get_by_role("option", name="Robotik").click()
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Vorschlagen").click()
    wait_idle(page)
    expect(page.get_by_text("„Lego Mindstorms in der Grundschule“ ist vorgeschlagen.")).to_be_visible()
    # The form is empty for the next proposal (a browser keeps a form's values under the same keys).
    expect(page.get_by_role("textbox", name="Titel")).to_have_value("")
    expect(page.get_by_role("textbox", name="Beschreibung")).to_have_value("")
    shot(page, "02-proposed")
    created = [s for s in store.sessions.list() if s.title == "Lego Mindstorms in der Grundschule"]
    assert [h.username for h in created[0].hosts] == ["clara"]

    # Vote for Ben's session and see its count go up
    page.get_by_role("link", name="Sessions").click()
    wait_idle(page)
    card = page.locator(".st-key-session_1")
    expect(card.get_by_text("World Robot Olympiad")).to_be_visible()
    expect(card.get_by_test_id("stMetricValue")).to_have_text("0")
    card.get_by_role("button", name="Abstimmen").click()
    wait_idle(page)
    expect(card.get_by_test_id("stMetricValue")).to_have_text("1")
    expect(card.get_by_role("button", name="Gestimmt")).to_be_visible()
    shot(page, "03-voted")
    assert store.votes.of(store.people.get("clara")) == {1}

    # The description is shown as text: no script element came from it.
    page.locator(".st-key-session_2").get_by_text("Beschreibung").click()
    expect(page.get_by_text("<script>alert(1)</script>", exact=False)).to_be_visible()
    assert page.evaluate("() => [...document.scripts].some(s => s.textContent.includes('alert(1)'))") is False

    # Phone-sized window
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    wait_idle(page)
    expect(page.locator(".st-key-session_1").get_by_test_id("stMetricValue")).to_have_text("1")
    shot(page, "04-phone-sessions")


def test_sign_out_survives_a_reload(start_server, tmp_path, page):
    db = str(tmp_path / "signout.db")
    _event(db)
    server = start_server(db)
    page.goto(server.url)
    wait_idle(page)
    _sign_in(page, "ben", "Ben-Passwort-1")
    expect(page.get_by_text("Angemeldet als Ben Bär (@ben)")).to_be_visible(timeout=20_000)

    page.reload()  # the cookie signs a returning user in
    wait_idle(page)
    expect(page.get_by_text("Angemeldet als Ben Bär (@ben)")).to_be_visible(timeout=20_000)

    page.get_by_role("button", name="Abmelden").click()
    wait_idle(page)
    expect(page.get_by_text("Du bist abgemeldet.")).to_be_visible()  # on the start page, said once
    expect(page.get_by_text("Angemeldet als")).to_have_count(0)
    page.reload()
    wait_idle(page)
    expect(page.get_by_role("textbox", name="Benutzername")).to_be_visible()
    expect(page.get_by_text("Angemeldet als")).to_have_count(0)
    page.goto(server.url)
    wait_idle(page)
    expect(page.get_by_role("tab", name="Registrieren")).to_be_visible()


def test_organiser_page_by_deep_link_on_fresh_server_shows_nothing(start_server, tmp_path, page):
    db = str(tmp_path / "deeplink.db")
    _event(db)
    server = start_server(db)
    page.goto(f"{server.url}/event")  # the first request of this server
    wait_idle(page)
    shot(page, "05-deep-link-event")
    expect(page.get_by_text("Bitte melde dich zuerst an.")).to_be_visible()
    expect(page.get_by_test_id("stMain").get_by_role("radio")).to_have_count(0)  # the sidebar has the language switch
    expect(page.get_by_text("Einladungscode")).to_have_count(0)
    assert not re.search(r"Abstimmung offen", page.content())


def test_participant_cannot_reach_organiser_page(start_server, tmp_path, page):
    db = str(tmp_path / "participant.db")
    _event(db)
    server = start_server(db)
    page.goto(server.url)
    wait_idle(page)
    _sign_in(page, "ben", "Ben-Passwort-1")
    expect(page.get_by_text("Angemeldet als Ben Bär (@ben)")).to_be_visible(timeout=20_000)
    expect(page.get_by_role("link", name="Veranstaltung")).to_have_count(0)
    page.goto(f"{server.url}/event")
    wait_idle(page)
    expect(page.get_by_text("Abstimmung offen")).to_have_count(0)
