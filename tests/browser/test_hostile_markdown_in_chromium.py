"""Markdown, links, images and Streamlit shortcodes in user text, in real Chromium: shown as typed.

Issue 13: a title ``[pad](DATA:text/html,…)`` became a link in the pitch
tab's labels, ``![x](https://…)`` loaded an image from another host,
``:streamlit:`` showed the logo and ``:material/skull:`` an icon inside
escaped titles. Here every page that shows them is checked in the DOM the
browser built, and screenshots are kept in tests/artifacts/.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot, wait_idle, wait_signed_in
from tests.browser.test_journeys import _sign_in
from tests.hostile import MALLORY_PASSWORD, ORGA_PASSWORD, seed

pytestmark = pytest.mark.browser

# What the hostile text must not have become, anywhere in the page.
MARKUP = {
    "data: link": 'a[href^="data:" i]',
    "javascript: link": 'a[href^="javascript:" i]',
    "link to the foreign host": 'a[href*="evil.example" i]',
    "mail link": 'a[href^="mailto:" i]',
    "image from the foreign host": 'img[src*="evil.example" i]',
    "Streamlit logo": 'img[alt="Streamlit logo"]',
    "skull icon": '[aria-label="skull icon"]',
    "formula": ".katex",
}
# The app colours its own stars, ticks and agenda badges: only the hostile words count.
COLOURED = ".stMarkdownColoredText, .stMarkdownColoredBackground, .stMarkdownBadge"
HOSTILE_WORDS = re.compile(r"rot|blau|Badge")
WORD_JOINER = "\u2060"


def _markup(page, but: str = "") -> dict[str, int]:
    """How many elements of each kind the user text must not become are in the page (outside ``but``)."""
    outside = f":not({but} *)" if but else ""
    counts = {name: page.locator(f"[data-testid=stMain] :is({css}){outside}").count() for name, css in MARKUP.items()}
    counts["coloured text"] = (page.locator(f"[data-testid=stMain] :is({COLOURED}){outside}")
                               .filter(has_text=HOSTILE_WORDS).count())
    return {name: n for name, n in counts.items() if n}


def _visible_text(page) -> str:
    """The page's text as a reader sees it (the invisible word joiners taken out)."""
    return page.locator("[data-testid=stMain]").inner_text().replace(WORD_JOINER, "")


def _open(page, url: str) -> None:
    page.goto(url)
    wait_signed_in(page)


def test_hostile_titles_show_as_typed_for_the_organiser(start_server, tmp_path, browser):
    db = str(tmp_path / "hostile-md.db")
    data = seed(db)
    titles = {s.id: s.title for s in data.sessions}
    server = start_server(db)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(server.url)
    wait_idle(page)
    _sign_in(page, "orga", ORGA_PASSWORD)

    _open(page, f"{server.url}/planning")
    page.get_by_role("tab", name="Pitch vor Ort").click()
    wait_idle(page)
    hands = page.get_by_test_id("stNumberInput")
    expect(hands.nth(len(titles))).to_be_attached(timeout=30_000)  # the hands form draws once the tab is open
    assert hands.count() >= len(titles)
    assert _markup(page) == {}
    labels = [label.replace(WORD_JOINER, "") for label in hands.locator("label").all_inner_texts()]
    for i in range(9):  # the shortcode titles: each label the literal title
        assert f"{titles[data.sessions[i].id]} (1 Stimme)" in labels or f"{titles[data.sessions[i].id]} (0 Stimmen)" in labels
    shot(page, "50-hostile-markdown-pitch")

    page.get_by_role("tab", name="Raster", exact=True).click()
    wait_idle(page)
    assert _markup(page) == {}
    assert page.locator('[data-testid=stMain] a:not([href^="#"])').count() == 0  # headings have anchors
    assert "[pad](DATA:text/html,x) #0" in _visible_text(page)
    shot(page, "51-hostile-markdown-grid")

    _open(page, f"{server.url}/moderation")
    assert _markup(page) == {}
    chosen = page.get_by_test_id("stTextInput").first.locator("input").input_value()  # the edit form's title
    assert chosen in {s.title for s in data.store.sessions.list()}
    page.get_by_role("tab", name="Zusammenführen").click()
    wait_idle(page)
    assert _markup(page) == {}
    assert f"„{chosen}“ wird in die gewählte Session übernommen" in _visible_text(page)
    shot(page, "52-hostile-markdown-moderation")

    _open(page, f"{server.url}/schedule")
    assert _markup(page) == {}
    text = _visible_text(page)
    for title in (":streamlit: Logo #3", ":material/skull: Icon #4", "![x](https://evil.example/x.png) #2",
                  "[pad](data:text/html,x) #1", ":red[rot] :blue-background[blau] :blue-badge[Badge] #5", "$x^2$ Formel #6"):
        assert title in text
    # The topic chips carry topic names through Markdown too.
    chips = [c.replace(WORD_JOINER, "") for c in page.locator(".topic-chip").all_inner_texts()]
    assert ":streamlit: :material/skull:" in chips and "![x](https://evil.example/t.png)" in chips
    shot(page, "53-hostile-markdown-schedule")

    _open(page, f"{server.url}/sessions")
    # Descriptions are Markdown by design (web links, emphasis, lists; colours and
    # formulas show as typed, as on the public pages); the titles, hosts and chips
    # around them are not Markdown at all.
    assert _markup(page, but="[data-testid=stExpanderDetails]") == {}
    assert page.locator('[data-testid=stExpanderDetails] :is(a[href^="data:" i], a[href^="javascript:" i], img)').count() == 0
    assert "[Zeit](https://evil.example) 10:00 www.evil.example m@evil.example #8" in _visible_text(page)
    shot(page, "54-hostile-markdown-sessions")


def test_hostile_titles_show_as_typed_for_a_participant(start_server, tmp_path, browser):
    db = str(tmp_path / "hostile-md.db")
    seed(db)
    server = start_server(db)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(server.url)
    wait_idle(page)
    _sign_in(page, "mallory", MALLORY_PASSWORD)
    for path in ("schedule", "topics", "propose", "agenda"):
        _open(page, f"{server.url}/{path}")
        assert (path, _markup(page)) == (path, {})
    shot(page, "55-hostile-markdown-agenda")
