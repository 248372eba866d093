"""AppTest: the German interface sets Streamlit's widget texts where Streamlit lets it."""

from __future__ import annotations

import json
import re
from datetime import date

import pyarrow as pa
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
    assert german["exact"]["Show data"] == "Daten anzeigen"
    assert german["exact"]["Copy to clipboard"] == "In die Zwischenablage kopieren"
    assert [ours.replace("{0}", "x") for _, ours in german["patterns"]] == [
        "x pro Datei", "x Treffer auswählen", "Neu: x", "Die Datei darf höchstens x groß sein.",
        "Die Seite /x gibt es nicht. Hier ist die Startseite.", "x Treffer", "Hilfe zu x", "Farbauswahl x",
        "x entfernen", "Datum wählen, x", "Tag, x", "Monat, x", "Jahr, x"]
    assert [ours.replace("{0}", "x") for _, ours in english["patterns"]] == [
        "x per file", "Select x matches", "Add: x", "File must be x or smaller.",
        "You have requested page /x, but no corresponding file was found in the app's pages/ directory. "
        "Running the app's main page.", "x results", "Help for x", "x color picker", "Remove x", "Choose date, x",
        "day, x", "month, x", "year, x"]
    # An English pattern's message is the text it matched, word for word.
    assert [bool(re.fullmatch(pattern, ours.replace("{0}", "7"))) for pattern, ours in english["patterns"]] == [
        True] * len(english["patterns"])
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


def test_the_toolbar_and_screen_reader_words_are_still_streamlits():
    """Each English word the script replaces, as the installed frontend writes it, and the
    places (data-testid) the script looks in for names: an upgrade that moves them shows here."""
    from pathlib import Path

    import streamlit

    from app_pages import ui

    static = Path(streamlit.__file__).parent / "static/static/js"
    bundle = "".join(p.read_text(encoding="utf-8", errors="replace") for p in static.glob("*.js"))
    # Words the frontend builds from pieces (checked in their pieces above; "1 result" from "${n} result").
    pieced = {"Press Enter to submit form", "Press Enter to apply", "Press Ctrl+Enter to submit form",
              "Press \u2318+Enter to submit form", "Press Ctrl+Enter to apply", "Press \u2318+Enter to apply",
              "Error:", "The page that you have requested does not seem to exist. Running the app's main page.",
              "1 result"}
    missing = [english for english in ui.STREAMLIT_WORDS if english not in pieced and f"`{english}`" not in bundle]
    assert missing == []
    for fragment in ["`Help for ${", "} color picker`", "`Remove ${", " result${", "`dateTimeField`",
                     "`stBaseButton-${", "ELEMENT_TOOLBAR=`elementToolbar`", "`stElementToolbarButton`", "`stTooltipIcon`",
                     "`stTextInputRootElement`", "`stNumberInputContainer`", "`stSelectbox`", "`stMultiSelect`",
                     "`stMultiSelectTagsContainer`", "`stDateInputField`", "`stDateInputCalendar`", "`stColorPicker`",
                     "`stFileUploaderDropzoneInput`", "`stVegaLiteChart`", "`stSidebar`", "`stSidebarCollapseButton`",
                     "`stExpandSidebarButton`", "`stSidebarNav`", "`stMainMenuButton`", "`stHeaderActionElements`",
                     "`stStatusWidgetRunningIcon`", "`stTabsScrollLeft`", "`stMainMenuList`",
                     "`stDataFrameColumnVisibilityMenu`", "gdg-search-bar"]:
        assert fragment in bundle, fragment
    script = (Path(ui.__file__).parent / "chrome_words.js").read_text(encoding="utf-8")
    places = set(re.findall(r'data-testid\^?="([\w-]+)"', script))
    assert {place for place in places if f"`{place}`" not in bundle} == {"stBaseButton-elementToolbar", "stTabsScroll"}


@pytest.mark.parametrize(("lang", "header"), [("de", ["Thema", "Kennzahl", "Anzahl"]),
                                              ("en", ["Topic", "Measure", "Count"])])
def test_the_topics_chart_data_has_the_pages_words_as_header(demo_db, lang, header):
    """Streamlit's "Show data" under the chart shows the data's column names as the table's header."""
    from planner.store import Store

    orga = Store().people.get(demo.ORGANISER[0])
    at = page("app_pages/topics.py", orga, lang=lang)
    chart = at.get("vega_lite_chart")[0].proto
    encoding = json.loads(chart.spec)["encoding"]
    assert [encoding["y"]["field"], encoding["yOffset"]["field"], encoding["x"]["field"]] == header
    assert pa.ipc.open_stream(chart.datasets[0].data.data).read_all().column_names == header
