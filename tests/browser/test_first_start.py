"""First start in Chromium: the set-up page speaks the browser's language, guesses its time zone, and switches."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot, wait_idle

pytestmark = pytest.mark.browser


def _selected(page, label: str) -> str:
    return page.get_by_test_id("stSelectbox").filter(has_text=label).locator("input").input_value()


def test_set_up_page_follows_the_browser_and_switches_language(start_server, tmp_path, browser):
    server = start_server(str(tmp_path / "empty.db"))  # an empty database: only the set-up page

    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
                                  locale="en-GB", timezone_id="Europe/Helsinki")
    page = context.new_page()
    page.goto(server.url)
    wait_idle(page)
    expect(page.get_by_role("heading", name="Set up your barcamp")).to_be_visible(timeout=20_000)
    # The browser's zone (not one of the five of German-speaking Europe) and language are the first guess.
    assert _selected(page, "Time zone") == "Europe/Helsinki"
    assert _selected(page, "Default language") == "English"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, "first-start-360-en")

    # Streamlit's own hint under a field being typed in, in the page's language.
    page.get_by_role("textbox", name="Event name").fill("Camp")
    # (the field's counter, "4/80", stands beside it)
    expect(page.get_by_test_id("InputInstructions")).to_contain_text("Press Enter to submit form")

    page.get_by_test_id("stButtonGroup").get_by_text("Deutsch", exact=True).click()
    wait_idle(page)
    expect(page.get_by_role("heading", name="Barcamp einrichten")).to_be_visible()
    assert _selected(page, "Standardsprache") == "Deutsch"
    assert _selected(page, "Zeitzone") == "Europe/Helsinki"
    assert page.evaluate("document.documentElement.lang") == "de"
    page.get_by_role("textbox", name="Name der Veranstaltung").fill("Camp Helsinki")
    expect(page.get_by_test_id("InputInstructions")).to_contain_text("Mit Enter absenden")
    assert "Press Enter" not in page.get_by_test_id("InputInstructions").inner_text()
    context.close()

    german = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-AT", timezone_id="Europe/Vienna")
    page = german.new_page()
    page.goto(server.url)
    wait_idle(page)
    expect(page.get_by_role("heading", name="Barcamp einrichten")).to_be_visible(timeout=20_000)
    assert _selected(page, "Zeitzone") == "Europe/Vienna"
    german.close()
