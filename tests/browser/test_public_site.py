"""The public site and screens in Chromium, served by the public server (python -m planner public)."""

from __future__ import annotations

import os
import signal
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from planner.models import RoomDraft, SessionDraft, SlotKind
from planner.domain.timeslots import generate_day
from planner.store import Store
from tests.browser.conftest import shot

pytestmark = pytest.mark.browser
DAY = "2026-11-28"
LONG = ("Warum Roboter im Sachunterricht mehr können als blinken: ein Erfahrungsbericht aus zwölf "
        "Grundschulen mit Calliope mini")  # 120 characters


def _published(path: str, titles: list[str] | None = None, rooms: int = 6) -> tuple[Store, object, list, list]:
    store = Store(path, bcrypt_rounds=4)
    store.migrate()
    orga = store.event.set_up(
        name="MINTcamp Elbe", starts_on=DAY, ends_on=DAY, timezone_name="Europe/Berlin",
        default_language="de", organiser_username="orga", organiser_name="Olga Orga",
        organiser_email="orga@example.org", organiser_password="Orga-Passwort-1",
    )
    store.event.update(orga, base_url="https://camp.example.org")
    robotik = store.topics.create(orga, "Robotik", "#d62728")
    bildung = store.topics.create(orga, "Politische Bildung", "#1f77b4")
    made = store.venue.save_rooms(orga, [RoomDraft(f"Raum {n} – Erdgeschoss links", 30 + n) for n in range(1, rooms + 1)])
    slots = [s for s in store.venue.save_day(orga, DAY, generate_day(
        opening_minutes=30, start="09:30",
        labels={"opening": "Begrüßung & Sessionplanung", "lunch": "Mittagspause", "closing": "Abschluss"}))
             if s.kind is SlotKind.SESSION]
    titles = titles or [f"{LONG[:110]} {n}" for n in range(2 * rooms)]
    sessions = []
    for i, title in enumerate(titles):
        topic = robotik if i % 2 else bildung
        s = store.sessions.pitch(orga, title, f"Host {i} mit einem langen Namen", hands=3)
        store.sessions.update(orga, s.id, SessionDraft(title=title, topic_ids=(topic.id,),
                                                        language="en" if i % 3 == 0 else "de"), s.version)
        store.grid.place(orga, s.id, made[i % rooms].id, slots[(i // rooms) * 2].id)
        sessions.append(store.sessions.get(s.id))
    store.releases.publish(orga)
    return store, orga, made, sessions


def _outside(page, selector: str) -> list[str]:
    """Elements matching ``selector`` that stick out of the window."""
    return page.evaluate(
        """(sel) => [...document.querySelectorAll(sel)].filter(e => {
             const r = e.getBoundingClientRect();
             return r.width > 0 && (r.left < -1 || r.top < -1 || r.right > innerWidth + 1 || r.bottom > innerHeight + 1);
           }).map(e => e.className + ': ' + (e.textContent || '').slice(0, 40) + ' ' + JSON.stringify(e.getBoundingClientRect()))""",
        selector,
    )


def test_schedule_on_a_phone_shows_every_session_of_a_slot_without_sideways_scrolling(start_front, tmp_path, browser):
    store, orga, rooms, sessions = _published(str(tmp_path / "phone.db"))
    server = start_front(store.path, workers=1)  # what make run serves: Caddy in front
    phone = browser.new_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    hosts = set()
    phone.on("request", lambda r: hosts.add(urlparse(r.url).netloc))
    phone.goto(f"{server.url}/p/schedule")
    assert phone.evaluate("document.documentElement.lang") == "de"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    first_slot = phone.locator("section.day .start").first
    expect(first_slot.locator("h3")).to_have_text("10:00")
    expect(first_slot.locator(".card")).to_have_count(len(rooms))
    for card in first_slot.locator(".card").all():
        card.scroll_into_view_if_needed()
        box = card.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    shot(phone, "40-public-phone")

    # Filters work in the page: one room leaves that room's sessions.
    phone.select_option("select[data-filter=room]", str(rooms[1].id))
    expect(phone.locator(".card:visible")).to_have_count(2)
    phone.select_option("select[data-filter=room]", "")
    phone.select_option("select[data-filter=topic]", label="Robotik")
    expect(phone.locator(".card:visible")).to_have_count(len(sessions) // 2)

    # A session's page, then English.
    phone.locator(".card:visible a").first.click()
    expect(phone.locator("h1")).to_contain_text(LONG[:40])
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    shot(phone, "41-public-session-phone")
    phone.get_by_role("link", name="English").click()
    expect(phone.get_by_text("Back to the schedule")).to_be_visible()
    assert phone.evaluate("document.documentElement.lang") == "en"

    phone.goto(f"{server.url}/p/grid")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    expect(phone.locator(".gridhint")).to_be_visible()  # the rooms do not fit: swipe
    shot(phone, "42-public-grid-phone")
    # On a big screen the grid takes its width (it was held to 72rem) and needs no hint.
    wide = browser.new_page(viewport={"width": 1920, "height": 1080})
    wide.goto(f"{server.url}/p/grid")
    assert wide.locator(".gridbox").first.bounding_box()["width"] > 1800
    expect(wide.locator(".gridhint")).to_be_hidden()
    wide.close()

    # On the day (the phone's clock; ?now= rehearses a moment): what runs now is marked, a link leads there.
    phone.goto(f"{server.url}/p/schedule?now={DAY}T10:10")
    expect(phone.locator("#now h3")).to_have_text("10:00Jetzt")
    expect(phone.get_by_role("link", name="↓ Was jetzt läuft")).to_be_visible()
    phone.goto(f"{server.url}/p/schedule?now={DAY}T10:50")  # between two slots: the next one
    expect(phone.locator("#now .mark")).to_have_text("Als Nächstes")
    phone.goto(f"{server.url}/p/schedule?now=2026-01-01T10:10")  # not an event day: no mark, no link
    expect(phone.locator(".mark")).to_have_count(0)
    expect(phone.locator(".jump")).to_be_hidden()

    # A description's Markdown as the app shows it: bold, a table that scrolls in its box, an
    # image as a link (nothing loaded from its host), a script link as plain text.
    first = sessions[0]
    store.sessions.update(orga, first.id, SessionDraft(
        title=first.title, topic_ids=first.topic_ids, language=first.language,
        description="Mit **Lego** und <b>Motoren</b>.\n\n| Zeit | Thema | Material | Raum | Hinweis |\n"
                    "|---|---|---|---|---|\n| 10:00 | Lötkolben sicher benutzen | Lötstation, Zinn, Entlötlitze "
                    "| Werkstatt | Schutzbrille mitbringen |\n\n![Plan](https://evil.example/plan.png) "
                    "[klick](javascript:alert(1))"), store.sessions.get(first.id).version)
    for attempt in range(40):  # the public server reads the database again within a second
        phone.goto(f"{server.url}/p/session/{first.id}?attempt={attempt}")  # past the browser's cache
        if phone.locator(".desc").count():
            break
        phone.wait_for_timeout(250)
    expect(phone.locator(".desc strong")).to_have_text("Lego")
    expect(phone.locator(".desc")).to_contain_text("<b>Motoren</b>")
    expect(phone.locator(".desc table td").first).to_have_text("10:00")
    expect(phone.locator(".desc a")).to_have_count(1)  # the image, as a link; the script link is text
    assert phone.locator(".desc img").count() == 0
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    shot(phone, "41b-public-session-markdown-phone")
    assert hosts == {f"127.0.0.1:{server.port}"}


def test_screen_at_1920_with_a_break_and_long_titles_keeps_everything_inside(start_front, tmp_path, browser):
    store, orga, rooms, sessions = _published(str(tmp_path / "tv.db"))
    server = start_front(store.path, workers=1)
    tv = browser.new_page(viewport={"width": 1920, "height": 1080})
    tv.goto(f"{server.url}/p/display?page=1&at={DAY}T10:10")
    expect(tv.locator(".vs-card")).to_have_count(6)
    assert _outside(tv, ".vs *") == []
    shot(tv, "43-public-screen-running")

    tv.goto(f"{server.url}/p/display?page=1&at={DAY}T13:00")
    expect(tv.get_by_text("Mittagspause bis 13:45", exact=False)).to_be_visible()
    expect(tv.locator("img.vs-qr")).to_be_visible()
    assert _outside(tv, ".vs *") == []
    clamped = tv.evaluate("[...document.querySelectorAll('.vs-next')].every(e => e.scrollHeight >= e.clientHeight)")
    assert clamped
    shot(tv, "44-public-screen-break")

    door = browser.new_page(viewport={"width": 800, "height": 1280})
    door.goto(f"{server.url}/p/display/{rooms[0].id}?at={DAY}T10:10")
    expect(door.locator(".vs-door")).to_be_visible()
    assert _outside(door, ".vs *") == []
    shot(door, "45-public-door")


def test_screen_keeps_updating_across_a_server_restart(public, tmp_path, browser):
    store, orga, rooms, sessions = _published(str(tmp_path / "restart.db"), titles=["Lego Mindstorms", "Löten"])
    server = public(store.path)
    tv = browser.new_page(viewport={"width": 1920, "height": 1080})
    tv.goto(f"{server.url}/p/display?at={DAY}T10:10")
    expect(tv.get_by_text("Lego Mindstorms")).to_be_visible()

    server.stop()
    s = sessions[0]
    store.sessions.update(orga, s.id, SessionDraft(title="Lego Mindstorms – neu im Saal", topic_ids=s.topic_ids),
                         s.version)
    store.releases.publish(orga, "v2")
    tv.wait_for_function("() => document.getElementById('screen').getAttribute('data-missed')",
                         timeout=15_000)  # a poll failed while the server is away
    expect(tv.get_by_text("Lego Mindstorms", exact=True)).to_be_visible()  # the last drawing stays
    server.start()
    expect(tv.get_by_text("Lego Mindstorms – neu im Saal")).to_be_visible(timeout=15_000)

    store.event.update(orga, display_enabled=False)
    expect(tv.get_by_text("Der Bildschirm ist ausgeschaltet.")).to_be_visible(timeout=15_000)


def test_screen_through_the_front_survives_its_server_being_killed(start_front, tmp_path, browser):
    """make run's front: the supervisor restarts a killed public server, the screen carries on by itself."""
    store, orga, rooms, sessions = _published(str(tmp_path / "front-restart.db"), titles=["Lego Mindstorms", "Löten"])
    front = start_front(store.path, workers=1)
    tv = browser.new_page(viewport={"width": 1920, "height": 1080})
    tv.goto(f"{front.url}/p/display?at={DAY}T10:10")
    expect(tv.get_by_text("Lego Mindstorms")).to_be_visible()

    mark = len(front.log())
    os.kill(front.children()["public"][0], signal.SIGKILL)
    s = sessions[0]
    store.sessions.update(orga, s.id, SessionDraft(title="Lego Mindstorms – neu im Saal", topic_ids=s.topic_ids),
                         s.version)
    store.releases.publish(orga, "v2")
    front.wait_for_line(r"^public +ready on ", timeout=30, after=mark)
    expect(tv.get_by_text("Lego Mindstorms – neu im Saal")).to_be_visible(timeout=15_000)
