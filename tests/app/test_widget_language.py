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
