"""AppTest: the German interface sets Streamlit's widget texts where Streamlit lets it."""

from __future__ import annotations

from datetime import date

import pytest

from planner import demo
from tests.app.conftest import page

PAGES = ["schedule", "agenda", "sessions", "propose", "topics", "availability", "account", "start", "event",
         "planning", "rooms", "participants", "moderation", "exports", "display"]
STREAMLIT_ENGLISH = {"Choose an option", "Choose options", "Select a date"}


@pytest.fixture
def demo_db(db_path):
    demo.build_demo(db_path, day=date(2026, 6, 13))
    return demo


@pytest.mark.parametrize("name", PAGES)
def test_no_streamlit_english_placeholder_and_dates_in_german_order(demo_db, name):
    from planner.store import Store

    store = Store()
    orga = store.people.get(demo.ORGANISER[0])
    at = page(f"app_pages/{name}.py", orga)
    # An empty placeholder makes Streamlit show its own English one ("Choose options").
    shown = [w for w in at.get("multiselect")] + [w for w in at.get("selectbox") if w.index is None]
    english = [w.key for w in shown if not w.proto.placeholder or w.proto.placeholder in STREAMLIT_ENGLISH]
    assert english == []
    assert [d.proto.format for d in at.get("date_input")] == ["DD.MM.YYYY"] * len(at.get("date_input"))


def test_streamlit_words_in_german_and_unchanged_in_english():
    """Where Streamlit gives no parameter (the "Press Enter" hint, the drop zone, "No results"),
    the frame's script puts the page's words in: German differs, English is Streamlit's own."""
    import streamlit as st

    from app_pages import ui

    try:
        st.session_state["lang"] = "de"
        german = ui.streamlit_words()
        st.session_state["lang"] = "en"
        english = ui.streamlit_words()
        script = ui.page_language_script()
    finally:
        del st.session_state["lang"]
    assert german["exact"]["Press Enter to submit form"] == "Mit Enter absenden"
    assert all(ours != streamlit for streamlit, ours in german["exact"].items())
    assert all(ours == streamlit for streamlit, ours in english["exact"].items())
    assert [ours.replace("{0}", "x") for _, ours in german["patterns"]] == [
        "x pro Datei", "x Treffer auswählen", "Neu: x", "Die Datei darf höchstens x groß sein.",
        "Die Seite /x gibt es nicht. Hier ist die Startseite."]
    assert [ours.replace("{0}", "x") for _, ours in english["patterns"]] == [
        "x per file", "Select x matches", "Add: x", "File must be x or smaller.",
        "You have requested page /x, but no corresponding file was found in the app's pages/ directory. "
        "Running the app's main page."]
    assert script.startswith("<script>document.documentElement.lang = 'en';") and "__WORDS__" not in script


def test_the_words_are_still_streamlits():
    """The English the script looks for is in the installed Streamlit's frontend (an upgrade may change it)."""
    from pathlib import Path

    import streamlit

    bundle = "".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in (Path(streamlit.__file__).parent / "static/static/js").glob("*.js"))
    for fragment in ["Press Enter to ${", "`submit form`", "`apply`", "Drag and drop a file here", "`Upload`",
                     "`No results`", " per file`", "+Enter to ${", "`Page not found`",
                     "`The page that you have requested does not seem to exist`", ". Running the app's main page.`",
                     ", but no corresponding file was found in the app's pages/ directory`",
                     "`Select all`", "`Select ${", " matches`", "`Add: ${", "`__select_all__`", "`__select_matches__`",
                     "`__creatable__`", "`File must be ${", " or smaller.`", "`stFileChip`", "`Error: `", "`Stop`", "`Stopping...`", "`stStatusWidget`"]:
        assert fragment in bundle, fragment
