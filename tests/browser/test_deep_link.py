"""A link into a page as the first request a freshly started server sees.

Streamlit runs a file of a folder named ``pages/`` on its own, without the
entrypoint, until someone opens ``/`` (its older multipage mode): the menu
then lists every file, and a signed-in phone opening /sessions was shown
"please sign in". The pages live in ``app_pages/``, so every address goes
through the entrypoint from the first request on.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from planner import demo
from tests.browser.conftest import wait_for_cookie, wait_idle, wait_signed_in

pytestmark = pytest.mark.browser


def test_deep_links_on_a_fresh_server_go_through_the_entrypoint(start_server, tmp_path, browser):
    db = str(tmp_path / "demo.db")
    demo.build_demo(db)
    server = start_server(db)
    context = browser.new_context()
    visitor = context.new_page()
    visitor.goto(f"{server.url}/schedule")  # the very first request of this server
    wait_idle(visitor)
    links = [text.split("\n")[-1] for text in visitor.get_by_test_id("stSidebarNavLink").all_inner_texts()]
    assert links == ["Anmelden", "Programm"]  # the menu of the entrypoint, not every file

    visitor.goto(server.url)
    wait_idle(visitor)
    form = visitor.get_by_test_id("stForm").first
    form.get_by_role("textbox", name="Benutzername").fill("anna01")
    form.get_by_role("textbox", name="Passwort").fill(demo.PARTICIPANT_PASSWORD)
    form.get_by_role("button", name="Anmelden").click()
    wait_idle(visitor)
    wait_for_cookie(visitor)

    fresh = start_server(db)  # a restart: a new process that has seen nobody open /
    phone = context.new_page()
    phone.goto(f"{fresh.url}/sessions")
    wait_signed_in(phone)
    # The sidebar names her before the page below it is drawn: wait for the vote buttons.
    expect(phone.get_by_test_id("stButton").filter(has_text="Abstimmen").first).to_be_visible(timeout=20_000)
    assert phone.get_by_text("Bitte melde dich zuerst an.").count() == 0

    # An address that names no page: Streamlit's box says so in the page's language, and the start page runs.
    phone.goto(f"{fresh.url}/gibtsnicht")
    wait_signed_in(phone)
    box = phone.get_by_role("dialog")
    expect(box).to_contain_text("Seite nicht gefunden", timeout=20_000)
    expect(box).to_contain_text("Diese Seite gibt es nicht. Hier ist die Startseite.")  # Streamlit names none
    assert "Page not found" not in box.inner_text()
