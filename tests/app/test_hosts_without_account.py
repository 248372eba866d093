"""AppTest: a host without an account (pitched on site, imported from CSV) is named on every page."""

from __future__ import annotations

import pytest

from planner.models import RoomDraft, SlotKind
from planner.domain.timeslots import generate_day
from tests.app.conftest import page, shown

HOST = "Frieda *aus* Kiel"  # Markdown in a name is shown as typed


@pytest.fixture
def pitched(event):
    """A pitched session without an account and Anna's session, both in release v1."""
    store = event.store
    saal, werkstatt = store.venue.save_rooms(event.orga, [RoomDraft("Saal Elbe", 120), RoomDraft("Werkstatt", 25)])
    slots = [s for s in store.venue.save_day(event.orga, "2026-11-28", generate_day()) if s.kind is SlotKind.SESSION]
    robot = event.propose(event.anna, "Robotik AG")
    spontan = store.sessions.pitch(event.orga, "Spontan: Calliope-Ecke", HOST, hands=7)
    store.grid.place(event.orga, robot.id, saal.id, slots[0].id)
    store.grid.place(event.orga, spontan.id, werkstatt.id, slots[0].id)
    store.releases.publish(event.orga)
    return event, spontan


def test_schedule_list_names_the_host_without_account(pitched):
    event, spontan = pitched
    at = page("app_pages/schedule.py")
    assert f"10:00–10:45 · Werkstatt · {HOST}" in shown(at, "caption")


def test_session_page_names_the_host_without_account(pitched):
    event, spontan = pitched
    at = page("app_pages/schedule.py", event.anna, run=False)
    at.query_params["session"] = str(spontan.id)
    at.run()
    assert any(f"**Hosts:** {HOST}" in m for m in shown(at, "markdown"))


def test_draft_preview_names_the_host_without_account(pitched):
    event, spontan = pitched
    at = page("app_pages/schedule.py", event.orga)
    at.toggle(key="schedule_preview").set_value(True).run()
    assert f"10:00–10:45 · Werkstatt · {HOST}" in shown(at, "caption")


def test_sessions_page_names_the_host_without_account(pitched):
    event, spontan = pitched
    at = page("app_pages/sessions.py", event.anna)
    assert any(c.startswith(f"{HOST} · ") for c in shown(at, "caption"))


def test_moderation_names_the_host_without_account(pitched):
    event, spontan = pitched
    at = page("app_pages/moderation.py", event.orga)
    assert f"Spontan: Calliope-Ecke — {HOST} · 0 Stimmen" in at.selectbox(key="moderation_session").options
