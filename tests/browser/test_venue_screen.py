"""The venue screens of the public server in Chromium: pages of rooms, moments of the day, a door, live changes, the token.

Layout at 1920×1080 and on a door tablet, and a restart of the server, are
in test_public_site.py.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from planner.models import RoomDraft, SessionDraft, SlotKind
from planner.domain.timeslots import generate_day
from planner.store import Store
from tests.browser.conftest import shot

pytestmark = pytest.mark.browser
DAY = "2026-11-28"


def _published(path: str) -> tuple[Store, object, list, list]:
    """Eight rooms (two pages of six), one session in each, release v1."""
    store = Store(path, bcrypt_rounds=4)
    store.migrate()
    orga = store.event.set_up(
        name="MINTcamp Elbe", starts_on=DAY, ends_on=DAY, timezone_name="Europe/Berlin",
        default_language="de", organiser_username="orga", organiser_name="Olga Orga",
        organiser_email="orga@example.org", organiser_password="Orga-Passwort-1",
    )
    store.event.update(orga, base_url="https://camp.example.org")
    topic = store.topics.create(orga, "Robotik", "#d62728")
    rooms = store.venue.save_rooms(orga, [RoomDraft(f"Raum {n}", 30 + n) for n in range(1, 9)])
    slots = [s for s in store.venue.save_day(orga, DAY, generate_day(
        opening_minutes=30, start="09:30",
        labels={"opening": "Begrüßung & Sessionplanung", "lunch": "Mittagspause", "closing": "Abschluss"}))
             if s.kind is SlotKind.SESSION]
    titles = ["Lego Mindstorms in der Grundschule", "World Robot Olympiad", "Mädchen in MINT",
              "MINT trifft politische Bildung", "Calliope mini oder micro:bit?", "KI erklären ohne Hype",
              "3D-Druck in der Schulwerkstatt", "Löten für Einsteigerinnen"]
    sessions = [store.sessions.propose(orga, SessionDraft(title=t, topic_ids=(topic.id,))) for t in titles]
    for i, s in enumerate(sessions):
        store.grid.place(orga, s.id, rooms[i].id, slots[i % 2].id)
    store.releases.publish(orga)
    return store, orga, rooms, sessions


def test_screen_pages_moments_and_door_mode(public, tmp_path, browser):
    store, orga, rooms, sessions = _published(str(tmp_path / "screen.db"))
    server = public(store.path)
    tv = browser.new_page(viewport={"width": 1920, "height": 1080})

    tv.goto(f"{server.url}/p/display?page=1&at={DAY}T10:10")
    expect(tv.get_by_text("Lego Mindstorms in der Grundschule")).to_be_visible()
    expect(tv.get_by_text("10:10", exact=True)).to_be_visible()
    expect(tv.get_by_text("Räume, Seite 1 von 2")).to_be_visible()
    expect(tv.get_by_text("3D-Druck in der Schulwerkstatt")).to_have_count(0)
    assert tv.evaluate("() => document.scrollingElement.scrollHeight <= window.innerHeight + 1")
    shot(tv, "20-screen-1010")
    tv.goto(f"{server.url}/p/display?page=2&at={DAY}T10:10")
    expect(tv.get_by_text("3D-Druck in der Schulwerkstatt")).to_be_visible()
    expect(tv.get_by_text("Räume, Seite 2 von 2")).to_be_visible()

    tv.goto(f"{server.url}/p/display?at={DAY}T09:40")
    expect(tv.get_by_text("Begrüßung & Sessionplanung bis 10:00", exact=False)).to_be_visible()
    shot(tv, "21-screen-opening")

    tv.goto(f"{server.url}/p/display?at={DAY}T18:00")
    expect(tv.get_by_text("Danke fürs Mitmachen! Das Barcamp ist zu Ende.")).to_be_visible()
    shot(tv, "22-screen-closed")

    door = browser.new_page(viewport={"width": 800, "height": 1280})
    door.goto(f"{server.url}/p/display/{rooms[1].id}?at={DAY}T09:45")
    expect(door.get_by_text("Raum 2", exact=True)).to_be_visible()
    expect(door.get_by_text("World Robot Olympiad")).to_be_visible()
    expect(door.get_by_text("Lego Mindstorms in der Grundschule")).to_have_count(0)
    shot(door, "23-door")


def test_new_release_and_switching_off_and_on_reach_a_running_screen(public, tmp_path, browser):
    store, orga, rooms, sessions = _published(str(tmp_path / "live.db"))
    server = public(store.path)
    tv = browser.new_page(viewport={"width": 1920, "height": 1080})
    tv.goto(f"{server.url}/p/display?page=1&at={DAY}T10:10")
    expect(tv.get_by_text("Lego Mindstorms in der Grundschule")).to_be_visible()

    store.sessions.update(orga, sessions[0].id,
                         SessionDraft(title="Lego Mindstorms – neu im Saal", topic_ids=sessions[0].topic_ids), 1)
    store.releases.publish(orga, "v2")
    expect(tv.get_by_text("Lego Mindstorms – neu im Saal")).to_be_visible(timeout=15_000)

    # Organisers switch the screen off while it runs: it goes dark within 15 s, and comes back.
    store.event.update(orga, display_enabled=False)
    expect(tv.get_by_text("Der Bildschirm ist ausgeschaltet.")).to_be_visible(timeout=15_000)
    expect(tv.get_by_text("Lego Mindstorms – neu im Saal")).to_have_count(0)
    store.event.update(orga, display_enabled=True)
    expect(tv.get_by_text("Lego Mindstorms – neu im Saal")).to_be_visible(timeout=15_000)


def test_screen_token(public, tmp_path, browser):
    store, orga, rooms, sessions = _published(str(tmp_path / "token.db"))
    store.event.update(orga, display_token="foyer-2026")
    server = public(store.path)
    tv = browser.new_page(viewport={"width": 1920, "height": 1080})
    tv.goto(f"{server.url}/p/display?page=1&at={DAY}T10:10")
    expect(tv.get_by_text("Dieser Bildschirm braucht seinen Link mit Schlüssel.")).to_be_visible()
    expect(tv.get_by_text("Lego Mindstorms in der Grundschule")).to_have_count(0)
    tv.goto(f"{server.url}/p/display/{rooms[0].id}?at={DAY}T10:10")
    expect(tv.get_by_text("Dieser Bildschirm braucht seinen Link mit Schlüssel.")).to_be_visible()
    tv.goto(f"{server.url}/p/display?token=foyer-2026&page=1&at={DAY}T10:10")
    expect(tv.get_by_text("Lego Mindstorms in der Grundschule")).to_be_visible()
    shot(tv, "24-token")
    # The page keeps its token when it polls: still the schedule once its first redraw replaced the drawing.
    tv.evaluate("document.querySelector('#screen .vs').dataset.first = '1'")
    tv.wait_for_function("() => !document.querySelector('#screen .vs[data-first]')", timeout=15_000)
    expect(tv.get_by_text("Lego Mindstorms in der Grundschule")).to_be_visible()
