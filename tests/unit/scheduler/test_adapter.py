"""The event as a planning problem, in the contract's shape."""

from __future__ import annotations

import json
import re

import pytest

from planner.domain.sessions import host_names
from planner.errors import PermissionDenied, ValidationError
from planner.models import RoomDraft, SlotKind
from planner.scheduler.problem import load_problem
from planner.scheduler.adapter import build_problem, grid_from_placements, placements_from_grid, problem_for_event
from planner.domain.timeslots import generate_day


def test_problem_from_event(event):
    store = event.store
    saal, werkstatt = store.venue.save_rooms(
        event.orga, [RoomDraft("Saal", 100, ("projector",)), RoomDraft("Werkstatt", 20)]
    )
    slots = store.venue.save_day(event.orga, "2026-11-28", generate_day(opening_minutes=30, start="09:30"))
    session_slots = [s for s in slots if s.kind is SlotKind.SESSION]
    a = event.propose(event.anna, "Robotik AG", needs=("projector",), length=2, cohosts=("ben",))
    b = event.propose(event.ben, "Mädchen in MINT")
    withdrawn = event.propose(event.cem, "Zurückgezogen")
    store.sessions.withdraw(event.cem, withdrawn.id)
    store.votes.cast(event.cem, a.id)
    store.votes.cast(event.cem, b.id)
    store.votes.cast(event.anna, b.id)
    store.availability.set_unavailable(event.anna, event.anna.id, [session_slots[0].id, slots[0].id])
    store.venue.set_room_unavailable(event.orga, {werkstatt.id: [session_slots[-1].id]})

    problem = build_problem(store, pins={b.id: (werkstatt.id, session_slots[2].id)}, move_cost=2)

    assert problem["rooms"] == [
        {"id": f"r{saal.id}", "name": "Saal", "capacity": 100, "features": ["projector"]},
        {"id": f"r{werkstatt.id}", "name": "Werkstatt", "capacity": 20, "features": []},
    ]
    assert [s["id"] for s in problem["slots"]] == [f"s{s.id}" for s in session_slots]
    assert problem["slots"][0] == {"id": f"s{session_slots[0].id}", "day": "2026-11-28", "start": "10:00", "end": "10:45"}
    assert [s["id"] for s in problem["sessions"]] == [f"p{b.id}", f"p{a.id}"]
    robotik = next(s for s in problem["sessions"] if s["id"] == f"p{a.id}")
    assert (robotik["hosts"], robotik["length"], robotik["needs"]) == ([f"u{event.anna.id}", f"u{event.ben.id}"], 2, ["projector"])
    assert "pinned" not in robotik
    assert problem["sessions"][0]["pinned"] == {"room": f"r{werkstatt.id}", "slot": f"s{session_slots[2].id}"}
    assert problem["votes"] == {
        f"u{event.anna.id}": [f"p{b.id}"],
        f"u{event.cem.id}": sorted([f"p{a.id}", f"p{b.id}"]),
    }
    # the plenary block is not a slot of the problem, so it is not listed
    assert problem["unavailable"] == {f"u{event.anna.id}": [f"s{session_slots[0].id}"]}
    assert problem["room_unavailable"] == {f"r{werkstatt.id}": [f"s{session_slots[-1].id}"]}
    assert problem["move_cost"] == 2
    json.dumps(problem)  # the problem is plain JSON


def test_pitch_session_without_account_and_hands_combine(event):
    store = event.store
    pitched = store.sessions.pitch(event.orga, "Spontan: Arduino-Ecke", "Frieda aus Kiel", hands=5)
    assert (host_names(pitched), pitched.hand_votes, pitched.hosts) == (("Frieda aus Kiel",), 5, ())
    store.votes.cast(event.anna, pitched.id)
    store.votes.cast(event.ben, pitched.id)
    data = build_problem(store)
    entry = next(s for s in data["sessions"] if s["id"] == f"p{pitched.id}")
    assert entry["hands"] == 5
    problem = load_problem(data)
    voters = sorted(v for v, chosen in problem.votes.items() if chosen == (f"p{pitched.id}",))
    # 2 online votes + 3 more hands (5 hands, of which 2 are likely the online voters)
    assert len(voters) == 5
    assert store.sessions.get(pitched.id).demand == 5
    assert entry["hosts"] == []


def test_collect_share_runs_from_the_first_proposal_until_now():
    from datetime import datetime, timezone

    from planner.scheduler.adapter import collect_shares

    now = datetime(2026, 11, 28, 12, tzinfo=timezone.utc)
    created = {1: "2026-11-18T12:00:00+00:00", 2: "2026-11-23T12:00:00+00:00", 3: "2026-11-28T12:00:00+00:00"}
    assert collect_shares(created, now) == {1: 1.0, 2: 0.5, 3: 0.0}


def test_pitch_with_registered_host_and_refusals(event):
    store = event.store
    s = store.sessions.pitch(event.orga, "Robotik Q&A", "@anna", hands=0)
    assert [h.username for h in s.hosts] == ["anna"]
    with pytest.raises(ValidationError):
        store.sessions.pitch(event.orga, "Ohne Host", "  ", hands=3)
    with pytest.raises(PermissionDenied):
        store.sessions.pitch(event.anna, "Teilnehmerin darf nicht", "Anna", hands=3)
    assert store.sessions.set_hands(event.orga, s.id, 12).hand_votes == 12


def test_grid_round_trip_between_solver_shape_and_placements(event):
    store = event.store
    room = store.venue.save_rooms(event.orga, [RoomDraft("Saal", 100)])[0]
    slots = [s for s in store.venue.save_day(event.orga, "2026-11-28", generate_day()) if s.kind is SlotKind.SESSION]
    a = event.propose(event.anna, "Robotik AG", length=2)
    b = event.propose(event.ben, "Mädchen in MINT")
    store.grid.place(event.orga, a.id, room.id, slots[0].id, pinned=True)
    grid = grid_from_placements(store)
    assert grid == {
        "assignments": [{"session": f"p{a.id}", "room": f"r{room.id}", "slots": [f"s{slots[0].id}", f"s{slots[1].id}"]}],
        "unscheduled": [f"p{b.id}"],
    }
    assert placements_from_grid(grid, pinned={a.id}) == store.grid.working()
    store.releases.publish(event.orga)
    problem = problem_for_event(store)
    assert problem["previous"] == [{"session": f"p{a.id}", "room": f"r{room.id}", "slot": f"s{slots[0].id}"}]
    assert problem["move_cost"] == 3
    assert next(s for s in problem["sessions"] if s["id"] == f"p{a.id}")["pinned"] == {"room": f"r{room.id}", "slot": f"s{slots[0].id}"}


def _pinned_but_impossible(event, **propose):
    store = event.store
    saal, werkstatt = store.venue.save_rooms(event.orga, [RoomDraft("Saal", 100, ("projector",)), RoomDraft("Werkstatt", 20)])
    slots = [s for s in store.venue.save_day(event.orga, "2026-11-28", generate_day()) if s.kind is SlotKind.SESSION]
    a = event.propose(event.anna, "Robotik AG", **propose)
    store.grid.place(event.orga, a.id, werkstatt.id, slots[0].id, pinned=True)
    return store, slots


def test_a_pin_that_no_longer_fits_reads_in_german_with_names(event):
    from planner.scheduler.adapter import event_names, review
    from planner.scheduler.messages import PlanError

    store, slots = _pinned_but_impossible(event, needs=("projector",))
    with pytest.raises(PlanError) as err:
        review(store)
    names = event_names(store)
    assert err.value.message("de", names) == (
        f"Die angepinnte Session „Robotik AG“ kann nicht in Raum „Werkstatt“ ab Slot „Sa {slots[0].start}“ liegen: "
        "dem Raum fehlt Beamer. Löse den Pin oder ändere die Daten.")
    assert err.value.message("en", names) == (
        f"The pinned session “Robotik AG” cannot be in room “Werkstatt” from slot “Sat {slots[0].start}”: "
        "the room lacks Projector. Unpin it or change the data.")


def test_a_host_away_at_the_pin_is_named_in_the_readers_language(event):
    from planner.scheduler.adapter import event_names, review
    from planner.scheduler.messages import PlanError

    store, slots = _pinned_but_impossible(event)
    store.availability.set_unavailable(event.anna, event.anna.id, [slots[0].id])
    with pytest.raises(PlanError) as err:
        review(store)
    said = err.value.message("de", event_names(store))
    assert said.endswith(f"liegen: Host Anna Amsel ist in Slot Sa {slots[0].start} nicht verfügbar. "
                         "Löse den Pin oder ändere die Daten.")
    assert not re.search(r"\b[prsu]\d+\b", said)  # no ids


def test_review_says_why_a_session_is_out_in_german_with_names(event):
    from planner.scheduler.adapter import review
    from planner.scheduler.wording import render

    store = event.store
    store.venue.save_rooms(event.orga, [RoomDraft("Saal", 100)])
    store.venue.save_day(event.orga, "2026-11-28", generate_day())
    a = event.propose(event.anna, "Robotik AG", needs=("projector",))
    got = review(store)
    assert render(got.hints[a.id], "de", got.names) == "Kein Raum hat Beamer. Statte einen Raum aus oder streiche den Bedarf."
    assert [render(x, "de", got.names) for x in got.notes] == [
        "„Robotik AG“ (0 Stimmen) ist nicht im Plan: Kein Raum hat Beamer. Statte einen Raum aus oder streiche den Bedarf."]


def test_a_session_longer_than_any_day_is_named_by_its_title(event):
    from planner.scheduler.adapter import event_names, review
    from planner.scheduler.messages import PlanError

    store = event.store
    store.venue.save_rooms(event.orga, [RoomDraft("Saal", 100)])
    store.venue.save_day(event.orga, "2026-11-28", [d for d in generate_day() if d.kind is SlotKind.SESSION][:1])
    event.propose(event.anna, "Robotik AG", length=2)
    with pytest.raises(PlanError) as err:
        review(store)
    assert err.value.message("de", event_names(store)).startswith("Session „Robotik AG“ ist länger als jeder Tag")


def test_a_room_deleted_after_the_release_leaves_previous_and_the_rest_stays(event):
    """A published session in a room deleted since: its place cannot be kept,
    the problem stays valid and the other sessions keep theirs."""
    store = event.store
    saal, lounge = store.venue.save_rooms(event.orga, [RoomDraft("Saal", 100), RoomDraft("Lounge", 15)])
    slots = [s for s in store.venue.save_day(event.orga, "2026-11-28", generate_day()) if s.kind is SlotKind.SESSION]
    a = event.propose(event.anna, "Robotik AG")
    b = event.propose(event.ben, "Mädchen in MINT")
    store.grid.place(event.orga, a.id, saal.id, slots[0].id)
    store.grid.place(event.orga, b.id, lounge.id, slots[1].id)
    store.releases.publish(event.orga)

    store.venue.save_rooms(event.orga, [RoomDraft("Saal", 100, id=saal.id)], delete_ids=[lounge.id])

    problem = problem_for_event(store)
    assert problem["previous"] == [{"session": f"p{a.id}", "room": f"r{saal.id}", "slot": f"s{slots[0].id}"}]
    assert load_problem(problem).previous == {f"p{a.id}": (f"r{saal.id}", f"s{slots[0].id}")}
    assert [p.session_id for p in store.grid.working()] == [a.id]  # the draft lost the deleted room's session
