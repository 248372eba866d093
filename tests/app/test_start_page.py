"""AppTest: the organisers' start page, from an empty event to the day itself."""

from __future__ import annotations

from planner.models import RoomDraft, SlotKind
from planner.domain.timeslots import generate_day
from tests.app.conftest import page


def _markdown(at) -> list[str]:
    return [m.value for m in at.markdown]


def test_after_set_up_the_checklist_shows_what_is_done_and_what_is_next(empty_store):
    store = empty_store
    orga = store.event.set_up(name="Camp", starts_on="2026-11-28", ends_on="2026-11-28", timezone_name="Europe/Berlin",
                        default_language="de", organiser_username="orga", organiser_name="Olga",
                        organiser_email="o@example.org", organiser_password="Orga-Passwort-1")
    at = page("app_pages/start.py", orga)
    steps = [m for m in _markdown(at) if "**" in m]
    assert len(steps) == 8
    assert steps[0] == ":orange[:material/radio_button_unchecked:] **1. Räume anlegen** · offen"
    assert at.get("progress")[0].proto.text == "2 von 8 Schritten erledigt"  # proposals and voting start open
    assert "0 Räume" in [c.value for c in at.caption]


def test_checklist_moves_on_and_speaks_english(event):
    store, orga = event.store, event.orga
    store.venue.save_rooms(orga, [RoomDraft("Saal", 50)])
    store.venue.save_day(orga, "2026-11-28", generate_day())
    at = page("app_pages/start.py", orga, lang="en")
    steps = [m for m in _markdown(at) if "**" in m]
    assert steps[0] == ":green[:material/check_circle:] **1. Add rooms** · done"
    assert steps[5] == ":orange[:material/radio_button_unchecked:] **6. Plan the grid** · to do"
    assert "1 room" in [c.value for c in at.caption] and "7 session slots" in [c.value for c in at.caption]


def test_after_publishing_it_shows_the_days_state(event):
    store, orga = event.store, event.orga
    room, = store.venue.save_rooms(orga, [RoomDraft("Saal", 50)])
    slots = [s for s in store.venue.save_day(orga, "2026-11-28", generate_day()) if s.kind is SlotKind.SESSION]
    a = event.propose(event.anna, "Robotik AG")
    store.grid.place(orga, a.id, room.id, slots[0].id)
    store.releases.publish(orga, "v1")
    at = page("app_pages/start.py", orga)
    assert [s.value for s in at.success][0].startswith("Veröffentlicht: „v1“")
    assert [i.value for i in at.info] == ["Der Entwurf entspricht dem veröffentlichten Programm."]
    b = event.propose(event.ben, "Löten")
    store.grid.place(orga, b.id, room.id, slots[1].id)
    at = page("app_pages/start.py", orga)
    assert [w.value for w in at.warning] == [
        "Der Entwurf weicht in 1 Session vom veröffentlichten Programm ab: veröffentliche ihn, damit alle es sehen."]
    assert [m.value for m in at.metric] == ["3", "0", "1"]  # organisers take no place
