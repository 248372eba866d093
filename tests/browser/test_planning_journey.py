"""Issue 5 in Chromium: generate and publish, the agenda shows it, a move in v2 is marked."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout, expect

from planner.models import RoomDraft, SessionDraft
from planner.domain.timeslots import generate_day, occupied_slots
from planner.store import Store
from tests.browser.conftest import shot, wait_idle
from tests.browser.test_journeys import _sign_in

pytestmark = pytest.mark.browser


def _event(path: str) -> Store:
    store = Store(path, bcrypt_rounds=4)
    store.migrate()
    orga = store.event.set_up(
        name="MINTcamp Planung", starts_on="2026-11-28", ends_on="2026-11-28", timezone_name="Europe/Berlin",
        default_language="de", organiser_username="orga", organiser_name="Olga Orga",
        organiser_email="orga@example.org", organiser_password="Orga-Passwort-1",
    )
    topic = store.topics.create(orga, "Robotik", "#d62728")
    store.venue.save_rooms(orga, [RoomDraft("Saal Elbe", 120), RoomDraft("Werkstatt", 25)])
    store.venue.save_day(orga, "2026-11-28", generate_day())
    ben = store.accounts.create(None, username="ben", name="Ben Bär", email="ben@example.org", password="Ben-Passwort-1")
    titles = ["Lego Mindstorms in der Grundschule", "World Robot Olympiad", "Mädchen in MINT", "KI erklären ohne Hype"]
    sessions = [store.sessions.propose(orga, SessionDraft(title=t, topic_ids=(topic.id,))) for t in titles]
    store.votes.cast(ben, sessions[0].id)
    store.votes.cast(ben, sessions[1].id)
    return store


def _choose(page, key: str, option: str) -> None:
    """Pick ``option`` in the select box with ``key``; a click that lands during a run
    does not open the list, so open it until it is open."""
    for _ in range(5):
        page.locator(f".st-key-{key}").click()
        choice = page.get_by_role("option", name=option, exact=False)
        try:
            choice.wait_for(timeout=5_000)
        except PlaywrightTimeout:
            wait_idle(page)
            continue
        choice.click()
        wait_idle(page)
        return
    raise AssertionError(f"the list of {key} never showed {option!r}")


def test_generate_publish_agenda_move_and_see_it_marked(start_server, tmp_path, browser):
    db = str(tmp_path / "plan.db")
    store = _event(db)
    server = start_server(db)

    orga = browser.new_page(viewport={"width": 1600, "height": 1000})
    orga.goto(server.url)
    wait_idle(orga)
    _sign_in(orga, "orga", "Orga-Passwort-1")
    orga.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Planung").click()
    wait_idle(orga)
    orga.get_by_role("button", name="Raster erzeugen").click()
    wait_idle(orga)
    expect(orga.get_by_text("Vorschlag: erfüllte Stimmen 2 von 2", exact=False)).to_be_visible(timeout=30_000)
    orga.get_by_role("button", name="Übernehmen").click()
    expect(orga.get_by_text("Das erzeugte Raster ist jetzt der Entwurf.")).to_be_visible(timeout=30_000)
    assert len(store.grid.working()) == 4
    orga.get_by_role("tab", name="Raster").click()
    shot(orga, "30-planning-grid")
    orga.get_by_role("tab", name="Veröffentlichen").click()
    orga.get_by_role("button", name="Jetzt veröffentlichen").click()
    wait_idle(orga)
    expect(orga.get_by_text("„v1“ ist veröffentlicht (4 Sessions).")).to_be_visible()

    ben = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    ben.goto(server.url)
    wait_idle(ben)
    _sign_in(ben, "ben", "Ben-Passwort-1")
    ben.goto(f"{server.url}/agenda")
    wait_idle(ben)
    expect(ben.get_by_text("Lego Mindstorms in der Grundschule")).to_be_visible()
    expect(ben.get_by_text("World Robot Olympiad")).to_be_visible()
    shot(ben, "31-agenda-v1-phone")

    # The organiser moves Lego to another slot and publishes v2
    lego = next(s for s in store.sessions.list() if s.title.startswith("Lego"))
    before = next(p for p in store.grid.working() if p.session_id == lego.id)
    # A time nothing else runs at (the sessions share their host, Olga): the move breaks no rule.
    slots = store.venue.slots()
    busy = {x.id for p in store.grid.working() if p.session_id != lego.id
            for x in occupied_slots(slots, p.slot_id, store.sessions.get(p.session_id).length)}
    target = next(s for s in slots if s.kind == "session" and s.id != before.slot_id
                  and len(run := occupied_slots(slots, s.id, lego.length)) == lego.length
                  and not {x.id for x in run} & busy)
    orga.get_by_role("tab", name="Von Hand ändern").click()
    wait_idle(orga)
    _choose(orga, "adjust_session", "Lego Mindstorms")  # room and slot now show where Lego is
    _choose(orga, "adjust_slot", target.start)
    orga.get_by_role("button", name="Hierhin legen").click()
    wait_idle(orga)
    assert next(p for p in store.grid.working() if p.session_id == lego.id).slot_id == target.id
    orga.get_by_role("tab", name="Veröffentlichen").click()
    expect(orga.get_by_text("Verschoben: Lego Mindstorms", exact=False)).to_be_visible()
    orga.get_by_role("button", name="Jetzt veröffentlichen").click()
    wait_idle(orga)
    expect(orga.get_by_text("„v2“ ist veröffentlicht", exact=False)).to_be_visible()

    ben.reload()
    wait_idle(ben)
    expect(ben.get_by_text("1 deiner Sessions hat sich seit „v1“ geändert.")).to_be_visible(timeout=20_000)
    expect(ben.get_by_text("geändert", exact=True)).to_be_visible()
    shot(ben, "32-agenda-v2-changed-phone")
