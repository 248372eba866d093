"""AppTest: what changed for big events (bench/scale.py): the session list in steps,
the participants' unavailability from one query, the planning figures cached
per data revision yet never stale."""

from __future__ import annotations

from planner.models import RoomDraft, SlotKind
from planner.domain.timeslots import generate_day
from tests.app.conftest import nodes, page, texts


def _cards(at) -> int:
    return sum(1 for n in nodes(at) if n.type == "flex_container" and str(n.key).startswith("session_"))


def test_sessions_list_shows_fifty_then_the_rest_on_request(event):
    for i in range(60):
        event.propose(event.anna, f"Session {i:02d}")
    at = page("app_pages/sessions.py", event.ben)
    assert _cards(at) == 50
    assert at.button(key="sessions_more").label == "10 weitere zeigen (noch 10)"
    assert "60 von 60 Sessions" in [c.value for c in at.caption]
    at.button(key="sessions_more").click().run()
    assert _cards(at) == 60
    assert "sessions_more" not in [b.key for b in at.button]


def test_sessions_list_of_fifty_has_no_more_button(event):
    for i in range(50):
        event.propose(event.anna, f"Session {i:02d}")
    at = page("app_pages/sessions.py", event.ben)
    assert _cards(at) == 50
    assert "sessions_more" not in [b.key for b in at.button]


def test_participants_show_how_many_slots_each_host_cannot(event):
    slots = [s.id for s in event.store.venue.save_day(event.orga, "2026-11-28", generate_day()) if s.kind is SlotKind.SESSION]
    event.store.availability.set_unavailable(event.anna, event.anna.id, slots[:2])
    event.store.availability.set_unavailable(event.ben, event.ben.id, slots[:1])
    at = page("app_pages/participants.py", event.orga)
    assert [c.value for c in at.caption].count("In 2 Slots nicht verfügbar") == 1
    assert [c.value for c in at.caption].count("In 1 Slot nicht verfügbar") == 1


def test_planning_figures_follow_a_change_made_elsewhere(event):
    store = event.store
    rooms = store.venue.save_rooms(event.orga, [RoomDraft("Saal", 100)])
    slots = [s for s in store.venue.save_day(event.orga, "2026-11-28", generate_day()) if s.kind is SlotKind.SESSION]
    robot = event.propose(event.anna, "Robotik AG")
    store.grid.place(event.orga, robot.id, rooms[0].id, slots[0].id)
    store.votes.cast(event.ben, robot.id)
    at = page("app_pages/planning.py", event.orga)
    assert at.metric[0].value == "1 / 1"
    at.run()  # a rerun with nothing changed shows the same (from the cache)
    assert at.metric[0].value == "1 / 1"
    store.votes.cast(event.cem, robot.id)  # another organiser's or voter's session writes
    at.run()
    assert at.metric[0].value == "2 / 2"
    store.grid.unplace(event.orga, robot.id)
    at.run()
    assert at.metric[0].value == "0 / 2"
    assert "Nicht im Plan (1)" in texts(at)


def test_planning_hands_form_only_in_the_open_pitch_tab(event):
    robot = event.propose(event.anna, "Robotik AG")
    event.store.venue.save_rooms(event.orga, [RoomDraft("Saal", 100)])
    event.store.venue.save_day(event.orga, "2026-11-28", generate_day())
    at = page("app_pages/planning.py", event.orga)  # the first tab is open
    assert f"hands_{robot.id}" not in [n.key for n in at.number_input]
    at = page("app_pages/planning.py", event.orga, planning_tabs="Pitch vor Ort")
    at.number_input(key=f"hands_{robot.id}").set_value(12)
    at.button(key="FormSubmitter:hands_form-Handzeichen speichern").click().run()
    assert event.store.sessions.get(robot.id).hand_votes == 12
    assert "Handzeichen gespeichert." in [s.value for s in at.success]


def test_participants_list_shows_fifty_then_the_rest_on_request(event):
    for i in range(50):  # with the organiser and three participants: 54 accounts
        event.store.accounts.create(None, username=f"person{i:02d}", name=f"Person {i:02d}",
                                email=f"person{i:02d}@example.org", password_hash="x")
    at = page("app_pages/participants.py", event.orga)
    rows = lambda: sum(1 for n in nodes(at) if str(getattr(n, "key", "")).startswith("user_"))  # noqa: E731
    assert rows() == 50
    assert at.button(key="participants_more").label == "4 weitere zeigen (noch 4)"
    at.button(key="participants_more").click().run()
    assert rows() == 54
    assert "participants_more" not in [b.key for b in at.button]
