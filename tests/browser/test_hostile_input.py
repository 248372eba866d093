"""Hostile and odd text in every field, every page rendered in Chromium: nothing runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from planner.models import RoomDraft, SessionDraft, SlotDraft, SlotKind
from planner.domain.timeslots import generate_day
from planner.store import Store
from tests.browser.conftest import shot, wait_idle, wait_signed_in
from tests.browser.test_journeys import _sign_in

pytestmark = pytest.mark.browser
PAYLOADS = [line for line in (Path(__file__).parents[1] / "data" / "hostile.txt").read_text(encoding="utf-8").splitlines() if line]
DAY = "2026-11-28"


def _seed(path: str) -> Store:
    store = Store(path, bcrypt_rounds=4)
    store.migrate()
    orga = store.event.set_up(name="Camp <script>window.__xss=1</script>", starts_on=DAY, ends_on=DAY,
                        timezone_name="Europe/Berlin", default_language="de", organiser_username="orga",
                        organiser_name='Olga <img src=x onerror="window.__xss=1">', organiser_email="orga@example.org",
                        organiser_password="Orga-Passwort-1")
    store.event.update(orga, venue="<svg onload=window.__xss=1>", description=PAYLOADS[0])
    topics = [store.topics.create(orga, p[:40], "#d62728", p) for p in PAYLOADS[:6]]
    rooms = store.venue.save_rooms(orga, [RoomDraft(p[:80], 10 + i) for i, p in enumerate(PAYLOADS[6:12])])
    day = generate_day()
    day[4] = SlotDraft(day[4].start, day[4].end, SlotKind.BREAK, PAYLOADS[2])
    slots = [s for s in store.venue.save_day(orga, DAY, day) if s.kind is SlotKind.SESSION]
    user = store.accounts.create(None, username="mallory", name=PAYLOADS[1][:80], email="m@example.org",
                             password="Mallory-Passwort-1")
    sessions = []
    for i, payload in enumerate(PAYLOADS):
        title = (payload if len(payload.strip()) >= 3 else f"kurz {payload}")[:120]
        sessions.append(store.sessions.propose(user, SessionDraft(title=f"{title} #{i}", description=payload,
                                                         topic_ids=(topics[i % len(topics)].id,))))
    for i, s in enumerate(sessions[: len(rooms) * len(slots)]):
        store.grid.place(orga, s.id, rooms[i % len(rooms)].id, slots[(i // len(rooms)) % len(slots)].id)
        store.votes.cast(user, s.id)
    store.sessions.reject(orga, sessions[-1].id, PAYLOADS[3])
    store.releases.publish(orga, "v<1>")
    return store


def _assert_nothing_ran(page, alerts):
    assert alerts == []
    assert page.evaluate("() => window.__xss === undefined")
    assert page.locator("script:not([src])").filter(has_text="__xss").count() == 0
    assert page.locator("img[src=x], iframe[src^=javascript], svg[onload], marquee, embed, object").count() == 0
    expect(page.get_by_test_id("stException")).to_have_count(0)


@pytest.mark.parametrize("user", ["mallory", "orga"])
def test_every_page_shows_hostile_text_as_text(start_server, tmp_path, browser, user):
    db = str(tmp_path / "hostile.db")
    _seed(db)
    server = start_server(db)
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    alerts: list[str] = []
    page.on("dialog", lambda d: (alerts.append(d.message), d.dismiss()))
    page.goto(server.url)
    wait_idle(page)
    _sign_in(page, user, "Mallory-Passwort-1" if user == "mallory" else "Orga-Passwort-1")
    paths = ["sessions", "propose", "topics", "schedule", "agenda", "account", "availability"]
    if user == "orga":
        paths += ["planning", "moderation", "participants", "rooms", "event", "exports", "screens"]
    for path in paths:
        page.goto(f"{server.url}/{path}")
        wait_signed_in(page)
        _assert_nothing_ran(page, alerts)
    page.goto(f"{server.url}/sessions")
    wait_signed_in(page)
    expect(page.get_by_text("<script>window.__xss=1</script> #0")).to_be_visible()
    shot(page, f"40-hostile-sessions-{user}")


def test_public_screen_shows_hostile_text_as_text(public, tmp_path, browser):
    store = _seed(str(tmp_path / "hostile-screen.db"))
    server = public(store.path)
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    alerts: list[str] = []
    page.on("dialog", lambda d: (alerts.append(d.message), d.dismiss()))
    page.goto(f"{server.url}/p/display?at={DAY}T10:10&page=1")
    expect(page.get_by_text("<script>window.__xss=1</script> #0")).to_be_visible()
    expect(page.get_by_text("Camp <script>window.__xss=1</script>")).to_be_visible()
    _assert_nothing_ran(page, alerts)
    shot(page, "41-hostile-display")
    room = store.venue.rooms()[0]
    page.goto(f"{server.url}/p/display/{room.id}?at={DAY}T10:10")
    expect(page.get_by_text(room.name, exact=True)).to_be_visible()
    expect(page.get_by_text("<script>window.__xss=1</script> #0")).to_be_visible()
    page.goto(f"{server.url}/p/display?at={DAY}T14:00&page=1")  # a break with a hostile label
    expect(page.get_by_text(f"{PAYLOADS[2]} bis 14:30")).to_be_visible()
    _assert_nothing_ran(page, alerts)
