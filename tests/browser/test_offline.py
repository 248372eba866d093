"""At an offline venue: no page asks any host but the app's own (favicon, fonts, icons included)."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from planner import demo
from tests.browser.conftest import wait_for_cookie, wait_idle

pytestmark = pytest.mark.browser

PAGES = ["signin", "schedule", "agenda", "sessions", "propose", "topics", "availability", "account",
         "event", "planning", "rooms", "participants", "moderation", "exports", "screens"]


def test_a_walk_through_every_page_asks_only_our_own_host(start_server, tmp_path, browser):
    db = str(tmp_path / "demo.db")
    demo.build_demo(db)
    server = start_server(db)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    hosts: set[str] = set()
    page.on("request", lambda r: hosts.add(urlparse(r.url).netloc or r.url.split(":", 1)[0]))

    page.goto(f"{server.url}/schedule")  # signed out: the published schedule
    wait_idle(page)
    page.goto(f"{server.url}/")
    wait_idle(page)
    form = page.get_by_test_id("stForm").first
    form.get_by_role("textbox", name="Benutzername").fill(demo.ORGANISER[0])
    form.get_by_role("textbox", name="Passwort").fill(demo.ORGANISER[3])
    form.get_by_role("button", name="Anmelden").click()
    wait_idle(page)
    wait_for_cookie(page)
    for path in PAGES:
        page.goto(f"{server.url}/{path}")
        wait_idle(page)
        page.wait_for_load_state("networkidle")  # icons and images load after the run
    own = urlparse(server.url).netloc
    assert hosts - {own, "data", "blob"} == set()
