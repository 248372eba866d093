"""On a phone (360×740): the sidebar closes once a page is chosen, no page scrolls sideways, no title takes a line more than its words, no tab hides behind a scroll arrow."""

from __future__ import annotations

from dataclasses import replace

import pytest
from playwright.sync_api import expect

from planner import demo
from planner.store import Store
from tests.browser.conftest import shot, wait_for_cookie, wait_idle

pytestmark = pytest.mark.browser

PAGES = ["schedule", "agenda", "sessions", "propose", "topics", "availability", "account",
         "start", "event", "planning", "rooms", "participants", "moderation", "exports", "screens"]


def _sidebar_right(page) -> float:
    return page.evaluate("document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right")


def test_phone_sidebar_closes_after_choosing_a_page_and_no_page_scrolls_sideways(start_server, tmp_path, browser):
    db = str(tmp_path / "demo.db")
    demo.build_demo(db)
    # A session's description with a table wider than a phone: it scrolls inside its box.
    store = Store(db)
    published = store.sessions.get(store.releases.latest().items[0].session_id)
    organiser = store.people.get(demo.ORGANISER[0])
    table = ("| Zeit | Thema | Material | Raum | Hinweis |\n|---|---|---|---|---|\n"
             "| 10:00 | Lötkolben sicher benutzen | Lötstation, Zinn, Entlötlitze | Werkstatt | Schutzbrille mitbringen |\n")
    store.sessions.update(organiser, published.id, replace(published.to_draft(), description=table), published.version)
    server = start_server(db)
    phone = browser.new_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    phone.goto(server.url)
    wait_idle(phone)
    form = phone.get_by_test_id("stForm").first
    form.get_by_role("textbox", name="Benutzername").fill(demo.ORGANISER[0])
    form.get_by_role("textbox", name="Passwort").fill(demo.ORGANISER[3])
    form.get_by_role("button", name="Anmelden").click()
    wait_idle(phone)
    wait_for_cookie(phone)

    phone.get_by_test_id("stExpandSidebarButton").click()
    phone.wait_for_function("document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right > 200")
    phone.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Themen").click()
    phone.wait_for_function("document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right <= 0")
    wait_idle(phone)
    expect(phone.get_by_role("heading", name="Themen", exact=True)).to_be_visible()
    # A language chosen in the menu closes it too (and switching back leaves the page German).
    for language, heading in (("English", "Topics"), ("Deutsch", "Themen")):
        phone.get_by_test_id("stExpandSidebarButton").click()
        phone.wait_for_function("document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right > 200")
        phone.get_by_test_id("stSidebar").get_by_test_id("stButtonGroup").get_by_text(language, exact=True).click()
        phone.wait_for_function("document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right <= 0")
        wait_idle(phone)
        expect(phone.get_by_role("heading", name=heading, exact=True)).to_be_visible()

    wide, tall, cut = {}, {}, {}
    for path in [*PAGES, f"schedule?session={published.id}"]:
        phone.goto(f"{server.url}/{path}")
        wait_idle(phone)
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide[path] = width
            shot(phone, f"60-phone-wide-{path}")
        # The title takes the lines of its words, no line more (the heading's link icon,
        # hover-only, wrapped onto a line of its own under "Mein Programm").
        extra = phone.evaluate("""() => { const h = document.querySelector('h1'), s = getComputedStyle(h);
            return h.getBoundingClientRect().height - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom)
                   - h.querySelector('[data-heading-text]').getBoundingClientRect().height; }""")
        if extra > 1:
            tall[path] = extra
        # Every tab in sight, none behind a scroll arrow (the planning page's "Pitch vor Ort" was).
        tabs = phone.evaluate("[...document.querySelectorAll('[role=tab]')]"
                              ".filter(t => t.getBoundingClientRect().right > 360).map(t => t.innerText)")
        if tabs:
            cut[path] = tabs
    assert wide == {}
    assert tall == {}
    assert cut == {}
    table = phone.locator("[data-testid=stMarkdownContainer] table")
    expect(table).to_be_visible()
    assert table.evaluate("t => t.scrollWidth > t.clientWidth && t.getBoundingClientRect().right <= 360")

    # "Mit Enter absenden • 44/80" goes under a field, not over the typed text (it caught taps too).
    phone.goto(f"{server.url}/account")
    wait_idle(phone)
    phone.get_by_text("Name und E-Mail ändern").click()
    field = phone.locator(".st-key-profile_name input")
    field.fill("Zoë Łukasz-Ünal von und zu Hohenfeldern-Ost")
    hint = phone.locator(".st-key-profile_name [data-testid=InputInstructions]")
    expect(hint).to_be_visible()
    assert hint.bounding_box()["y"] >= field.bounding_box()["y"] + field.bounding_box()["height"] - 1
    field.click()  # nothing covers the field
