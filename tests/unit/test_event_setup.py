"""Issue 3: phases, rooms, slots, topics merge, waiting list, users, availability, moderation."""

from __future__ import annotations

import pytest

from planner.errors import Conflict, NotFound, PermissionDenied, ValidationError
from planner.exports import csv_files
from planner.models import (
    Registration,
    Role,
    RoomDraft,
    SessionStatus,
    SlotDraft,
    SlotKind,
    VoteDisplay,
)
from planner.domain.timeslots import check_day, generate_day
from planner.site.editor_rows import room_drafts, slot_drafts


# -- slots -------------------------------------------------------------------


def test_generate_day_usual_pattern():
    slots = generate_day()
    assert [(s.start, s.end, s.kind) for s in slots] == [
        ("10:00", "10:45", SlotKind.SESSION),
        ("11:00", "11:45", SlotKind.SESSION),
        ("12:00", "12:45", SlotKind.SESSION),
        ("12:45", "13:45", SlotKind.BREAK),
        ("13:45", "14:30", SlotKind.SESSION),
        ("14:45", "15:30", SlotKind.SESSION),
        ("15:45", "16:30", SlotKind.SESSION),
        ("16:45", "17:30", SlotKind.SESSION),
    ]


def test_generate_day_with_opening_and_closing_blocks():
    slots = generate_day("09:30", "17:30", opening_minutes=30, closing_minutes=30,
                         labels={"opening": "Pitch", "closing": "Ende"})
    assert (slots[0].start, slots[0].end, slots[0].kind, slots[0].label) == ("09:30", "10:00", SlotKind.PLENARY, "Pitch")
    assert (slots[-1].kind, slots[-1].label) == (SlotKind.PLENARY, "Ende")
    assert slots[-1].end <= "17:30"
    check_day(slots)  # the generator never makes overlapping slots


@pytest.mark.parametrize("length", [20, 30, 45, 60, 90])
def test_generate_day_never_overlaps_and_stays_in_the_day(length):
    slots = generate_day("08:00", "18:00", session_minutes=length, changeover_minutes=10)
    assert check_day(slots) == slots
    assert slots[-1].end <= "18:00"


def test_check_day_refuses_overlap_naming_both():
    with pytest.raises(ValidationError) as err:
        check_day([SlotDraft("10:00", "11:00"), SlotDraft("10:30", "11:30")])
    assert err.value.params == {"first": "10:00–11:00", "second": "10:30–11:30"}


def test_check_day_refuses_zero_length():
    with pytest.raises(ValidationError) as err:
        check_day([SlotDraft("10:00", "10:00")])
    assert (err.value.key, err.value.params) == ("error.slot_empty", {"start": "10:00", "end": "10:00"})


def test_check_day_normalises_and_sorts():
    assert check_day([SlotDraft("9:00", "9:45"), SlotDraft("08:00", "08:45")]) == [
        SlotDraft("08:00", "08:45"), SlotDraft("09:00", "09:45"),
    ]


def test_save_day_keeps_ids_of_unchanged_slots_and_drops_their_marks(event):
    store = event.store
    first = store.venue.save_day(event.orga, "2026-11-28", [SlotDraft("10:00", "10:45"), SlotDraft("11:00", "11:45")])
    store.availability.set_unavailable(event.anna, event.anna.id, [first[1].id])
    second = store.venue.save_day(event.orga, "2026-11-28", [SlotDraft("10:00", "10:45", SlotKind.PLENARY, "Pitch"), SlotDraft("12:00", "12:45")])
    assert second[0].id == first[0].id
    assert (second[0].kind, second[0].label) == (SlotKind.PLENARY, "Pitch")
    assert store.availability.of(event.anna.id) == set()


def test_save_day_refused_leaves_old_slots(event):
    store = event.store
    store.venue.save_day(event.orga, "2026-11-28", [SlotDraft("10:00", "10:45")])
    with pytest.raises(ValidationError):
        store.venue.save_day(event.orga, "2026-11-28", [SlotDraft("10:00", "11:00"), SlotDraft("10:30", "11:30")])
    assert [(s.start, s.end) for s in store.venue.slots()] == [("10:00", "10:45")]


def test_participant_cannot_change_slots(event):
    with pytest.raises(PermissionDenied):
        event.store.venue.save_day(event.anna, "2026-11-28", [SlotDraft("10:00", "10:45")])


# -- rooms -------------------------------------------------------------------


def test_save_rooms_adds_updates_reorders_and_deletes(event):
    store = event.store
    a, b = store.venue.save_rooms(event.orga, [RoomDraft("Saal Elbe", 120, ("projector",)), RoomDraft("Werkstatt", 25)])
    saved = store.venue.save_rooms(
        event.orga,
        [RoomDraft("Werkstatt", 30, ("3D-Drucker",), id=b.id), RoomDraft("Raum Havel", 40, online_url="https://meet.example.org/havel")],
        delete_ids=[a.id],
    )
    assert [(r.name, r.capacity, r.features) for r in saved] == [
        ("Werkstatt", 30, ("3D-Drucker",)), ("Raum Havel", 40, ()),
    ]
    assert saved[0].id == b.id
    assert "3D-Drucker" in store.venue.features()  # organisers define their own labels
    assert saved[1].online_url == "https://meet.example.org/havel"


def test_save_rooms_swapping_two_names_works(event):
    a, b = event.store.venue.save_rooms(event.orga, [RoomDraft("A", 10), RoomDraft("B", 20)])
    swapped = event.store.venue.save_rooms(event.orga, [RoomDraft("B", 10, id=a.id), RoomDraft("A", 20, id=b.id)])
    assert [(r.id, r.name) for r in swapped] == [(a.id, "B"), (b.id, "A")]


@pytest.mark.parametrize(
    ("drafts", "key"),
    [
        ([RoomDraft("", 10)], "error.room_name_empty"),
        ([RoomDraft("A", -1)], "error.room_capacity_invalid"),
        ([RoomDraft("A", 10), RoomDraft("a", 20)], "error.room_exists"),
        ([RoomDraft("A", 10, online_url="javascript:alert(1)")], "error.url_scheme"),
        ([RoomDraft("A", 10, ("x" * 41,))], "error.feature_long"),
        ([RoomDraft("x" * 81, 10)], "error.name_long"),
    ],
)
def test_save_rooms_refuses_bad_rows_and_keeps_the_old_table(event, drafts, key):
    event.store.venue.save_rooms(event.orga, [RoomDraft("Alt", 5)])
    with pytest.raises((ValidationError, Conflict)) as err:
        event.store.venue.save_rooms(event.orga, drafts)
    assert err.value.key == key
    assert [r.name for r in event.store.venue.rooms()] == ["Alt"]


def test_room_unavailable_round_trip(event):
    room = event.store.venue.save_rooms(event.orga, [RoomDraft("Saal", 100)])[0]
    slots = event.store.venue.save_day(event.orga, "2026-11-28", generate_day())
    event.store.venue.set_room_unavailable(event.orga, {room.id: [slots[0].id, slots[1].id]})
    assert event.store.venue.rooms()[0].unavailable == (slots[0].id, slots[1].id)
    with pytest.raises(NotFound):
        event.store.venue.set_room_unavailable(event.orga, {room.id: [99999]})
    assert event.store.venue.rooms()[0].unavailable == (slots[0].id, slots[1].id)


def test_room_drafts_from_table_rows_with_nan_and_order():
    nan = float("nan")
    rows = [
        {"position": 2, "name": "B", "capacity": 20.0, "features": ["projector"], "online_url": nan, "id": 7.0},
        {"position": 1, "name": "A", "capacity": 10, "features": None, "online_url": None, "id": nan},
        {"position": nan, "name": None, "capacity": nan, "features": [], "online_url": None, "id": nan},
    ]
    assert room_drafts(rows) == [
        RoomDraft("A", 10, (), "", None), RoomDraft("B", 20, ("projector",), "", 7),
    ]


def test_room_drafts_missing_capacity_is_refused():
    with pytest.raises(ValidationError) as err:
        room_drafts([{"name": "A", "capacity": None}])
    assert err.value.params == {"room": "A"}


def test_slot_drafts_from_rows():
    rows = [{"start": "10:00", "end": "10:45", "kind": None, "label": None}, {"start": None, "end": None}]
    assert slot_drafts(rows) == [SlotDraft("10:00", "10:45", SlotKind.SESSION, "")]


# -- topics ------------------------------------------------------------------


def test_merge_topics_moves_sessions_and_interest_once(event):
    s1 = event.propose(event.anna, "Robotik AG", topic_ids=(event.robotik.id, event.maedchen.id))
    s2 = event.propose(event.anna, "MINT für Mädchen", topic_ids=(event.maedchen.id,))
    event.store.topics.set_interests(event.ben, [event.robotik.id, event.maedchen.id])
    event.store.topics.set_interests(event.cem, [event.maedchen.id])
    event.store.topics.merge(event.orga, event.maedchen.id, event.robotik.id)
    assert [t.name for t in event.store.topics.list()] == ["Robotik", "Politische Bildung"]
    assert event.store.sessions.get(s1.id).topic_ids == (event.robotik.id,)
    assert event.store.sessions.get(s2.id).topic_ids == (event.robotik.id,)
    assert event.store.topics.interests_of(event.ben) == {event.robotik.id}
    assert event.store.topics.interests_of(event.cem) == {event.robotik.id}


# -- phases and vote display -----------------------------------------------


def test_votes_visible_follows_setting_and_phase(event):
    store = event.store
    assert store.event.get().votes_visible is True
    store.event.update(event.orga, show_votes=VoteDisplay.AFTER_VOTING)
    assert store.event.get().votes_visible is False
    store.event.update(event.orga, voting_open=False)
    assert store.event.get().votes_visible is True


def test_update_event_details(event):
    e = event.store.event.update(event.orga, name="MINTcamp 2027", venue="Hamburg", ends_on="2026-11-29", shuffle=True)
    assert (e.name, e.venue, e.starts_on, e.ends_on, e.shuffle) == ("MINTcamp 2027", "Hamburg", "2026-11-28", "2026-11-29", True)


# -- waiting list ------------------------------------------------------------


def _sign_up(store, name):
    return store.accounts.sign_up(username=name, name=name.title(), email=f"{name}@example.org", password="Passwort-123")


def test_full_event_puts_new_sign_ups_on_the_waiting_list(event):
    store = event.store
    store.event.update(event.orga, capacity=4)  # anna, ben, cem take 3 places
    dora = _sign_up(store, "dora")
    emil = _sign_up(store, "emil")
    fritz = _sign_up(store, "fritz")
    assert dora.registration is Registration.CONFIRMED
    assert (emil.registration, fritz.registration) == (Registration.WAITING, Registration.WAITING)
    assert [u.username for u in store.registration.waiting_list()] == ["emil", "fritz"]


def test_cancel_moves_the_first_waiting_person_up(event):
    store = event.store
    store.event.update(event.orga, capacity=3)
    emil = _sign_up(store, "emil")
    _sign_up(store, "fritz")
    store.registration.cancel(event.anna)
    assert store.people.get("emil").registration is Registration.CONFIRMED
    assert store.people.get("emil").promoted_unseen is True
    assert store.people.get("fritz").registration is Registration.WAITING
    store.registration.acknowledge_promotion(emil)
    assert store.people.get("emil").promoted_unseen is False


def test_raising_capacity_promotes_in_order(event):
    store = event.store
    store.event.update(event.orga, capacity=3)
    for name in ("emil", "fritz", "gert"):
        _sign_up(store, name)
    store.event.update(event.orga, capacity=5)
    assert [u.username for u in store.registration.waiting_list()] == ["gert"]


def test_waiting_participant_cannot_vote_or_propose(event):
    store = event.store
    s = event.propose(event.anna, "Robotik AG")
    store.event.update(event.orga, capacity=3)
    emil = _sign_up(store, "emil")
    with pytest.raises(PermissionDenied) as err:
        store.votes.cast(emil, s.id)
    assert err.value.key == "error.on_waiting_list"
    with pytest.raises(PermissionDenied):
        event.propose(emil, "Warteliste")


def test_organiser_moves_people_on_and_off_the_list(event):
    store = event.store
    store.event.update(event.orga, capacity=3)
    emil = _sign_up(store, "emil")
    store.registration.move(event.orga, emil.id, Registration.CONFIRMED)
    assert store.people.get("emil").registration is Registration.CONFIRMED
    with pytest.raises(PermissionDenied):
        store.registration.move(event.anna, emil.id, Registration.WAITING)


def test_waiting_list_csv_has_bom_and_defuses_formulas(event):
    store = event.store
    store.event.update(event.orga, capacity=3)
    store.accounts.sign_up(username="emil", name="=HYPERLINK(\"x\")", email="emil@example.org", password="Passwort-123")
    store.accounts.sign_up(username="fritz", name="Fritz Müller", email="fritz@example.org", password="Passwort-123")
    export = csv_files.waiting_list(store.registration.waiting_list())
    assert export.filename == "waiting-list.csv"
    assert export.data.startswith("\ufeff".encode())
    assert export.data.decode("utf-8-sig").splitlines() == [
        "position,name,username,email",
        "1,\"'=HYPERLINK(\"\"x\"\")\",emil,emil@example.org",
        "2,Fritz Müller,fritz,fritz@example.org",
    ]


# -- users -------------------------------------------------------------------


def test_role_change_and_last_organiser_protected(event):
    store = event.store
    with pytest.raises(Conflict) as err:
        store.people.set_role(event.orga, event.orga.id, Role.PARTICIPANT)
    assert err.value.key == "error.last_organiser"
    store.people.set_role(event.orga, event.ben.id, Role.ORGANISER)
    assert store.people.set_role(event.orga, event.orga.id, Role.PARTICIPANT).role is Role.PARTICIPANT


def test_deactivate_signs_out_and_votes_stop_counting(event):
    store = event.store
    s = event.propose(event.anna, "Robotik AG")
    store.votes.cast(event.ben, s.id)
    store.people.set_active(event.orga, event.ben.id, False)
    assert "ben" not in store.accounts.credentials()["usernames"]
    assert store.sessions.get(s.id).votes == 0
    with pytest.raises(Conflict):
        store.people.set_active(event.orga, event.orga.id, False)


def test_search_users_by_any_field(event):
    assert [u.username for u in event.store.people.search("çelik")] == ["cem"]
    assert [u.username for u in event.store.people.search("BEN@")] == ["ben"]


def test_participant_cannot_change_roles(event):
    with pytest.raises(PermissionDenied):
        event.store.people.set_role(event.anna, event.anna.id, Role.ORGANISER)
    assert event.store.people.get("anna").role is Role.PARTICIPANT


# -- availability ------------------------------------------------------------


def test_host_sets_own_availability_organiser_on_behalf_others_not(event):
    store = event.store
    slots = store.venue.save_day(event.orga, "2026-11-28", generate_day())
    store.availability.set_unavailable(event.anna, event.anna.id, [slots[0].id])
    store.availability.set_unavailable(event.orga, event.ben.id, [slots[1].id, slots[2].id])
    assert store.availability.of(event.anna.id) == {slots[0].id}
    assert store.availability.of(event.ben.id) == {slots[1].id, slots[2].id}
    with pytest.raises(PermissionDenied):
        store.availability.set_unavailable(event.anna, event.ben.id, [])
    assert store.availability.of(event.ben.id) == {slots[1].id, slots[2].id}


# -- moderation --------------------------------------------------------------


def test_reject_with_reason_and_restore(event):
    store = event.store
    s = event.propose(event.anna, "Robotik AG")
    with pytest.raises(ValidationError):
        store.sessions.reject(event.orga, s.id, "  ")
    rejected = store.sessions.reject(event.orga, s.id, "Passt nicht zum Thema")
    assert (rejected.status, rejected.reject_reason) == (SessionStatus.REJECTED, "Passt nicht zum Thema")
    assert s.id not in {x.id for x in store.sessions.list()}
    with pytest.raises(PermissionDenied):
        store.sessions.restore(event.anna, s.id)  # hosts restore only what they withdrew
    restored = store.sessions.restore(event.orga, s.id)
    assert (restored.status, restored.reject_reason) == (SessionStatus.PROPOSED, "")


def test_participant_cannot_reject(event):
    s = event.propose(event.anna, "Robotik AG")
    with pytest.raises(PermissionDenied):
        event.store.sessions.reject(event.ben, s.id, "nein")
    assert event.store.sessions.get(s.id).status is SessionStatus.PROPOSED


def test_merge_sessions_moves_hosts_topics_and_votes_once(event):
    store = event.store
    a = event.propose(event.anna, "Robotik AG", topic_ids=(event.robotik.id,))
    b = event.propose(event.ben, "Roboter-AG", topic_ids=(event.maedchen.id,))
    store.votes.cast(event.cem, a.id)
    store.votes.cast(event.cem, b.id)  # voted for both: keeps one vote
    store.votes.cast(event.anna, b.id)
    merged = store.sessions.merge(event.orga, b.id, a.id)
    assert [h.username for h in merged.hosts] == ["anna", "ben"]
    assert merged.topic_ids == tuple(sorted((event.robotik.id, event.maedchen.id)))
    assert merged.votes == 2
    assert store.votes.of(event.cem) == {a.id}
    gone = store.sessions.get(b.id)
    assert (gone.status, gone.merged_into, gone.votes) == (SessionStatus.MERGED, a.id, 0)
    with pytest.raises(Conflict):
        store.sessions.restore(event.orga, b.id)


def test_merge_sessions_carries_hands_and_hosts_without_account(event):
    store, orga = event.store, event.orga
    target = store.sessions.pitch(orga, "Calliope-Ecke", "Frieda aus Kiel", hands=7)
    source = store.sessions.pitch(orga, "Calliope für Kinder", "Jo vom Makerspace", hands=5)
    store.votes.cast(event.anna, source.id)
    merged = store.sessions.merge(orga, source.id, target.id)
    assert (merged.hand_votes, merged.votes, merged.host_name) == (12, 1, "Frieda aus Kiel, Jo vom Makerspace")
    again = store.sessions.pitch(orga, "Calliope nochmal", "Frieda aus Kiel", hands=1)
    assert store.sessions.merge(orga, again.id, target.id).host_name == "Frieda aus Kiel, Jo vom Makerspace"


def test_save_rooms_feature_at_its_limit_kept_whole(event):
    saved = event.store.venue.save_rooms(event.orga, [RoomDraft("A", 10, ("x" * 40,))])
    assert saved[0].features == ("x" * 40,)
    assert "x" * 40 in event.store.venue.features()


def test_save_rooms_long_feature_refused_naming_it(event):
    with pytest.raises(ValidationError) as err:
        event.store.venue.save_rooms(event.orga, [RoomDraft("A", 10, ("Rollstuhlgerechter Zugang über den Hof " * 2,))])
    assert err.value.message("de") == (
        "Das Merkmal „Rollstuhlgerechter Zugang über…“ ist 77 Zeichen lang, erlaubt sind 40. Kürze es."
    )
    assert err.value.message("en") == (
        "The feature “Rollstuhlgerechter Zugang über…” is 77 characters long; 40 are allowed. Shorten it."
    )
    assert event.store.venue.rooms() == [] and "Rollstuhlgerechter" not in " ".join(event.store.venue.features())


def test_save_day_label_at_its_limit_kept_whole(event):
    saved = event.store.venue.save_day(event.orga, "2026-11-28", [SlotDraft("12:00", "13:00", SlotKind.BREAK, "p" * 80)])
    assert saved[0].label == "p" * 80


def test_save_day_long_label_refused_naming_the_slot_and_keeps_the_old_day(event):
    event.store.venue.save_day(event.orga, "2026-11-28", [SlotDraft("10:00", "11:00")])
    with pytest.raises(ValidationError) as err:
        event.store.venue.save_day(event.orga, "2026-11-28", [SlotDraft("12:00", "13:00", SlotKind.BREAK, "p" * 81)])
    assert err.value.message("de") == "Die Bezeichnung des Slots 12:00–13:00 ist 81 Zeichen lang, erlaubt sind 80. Kürze sie."
    assert err.value.message("en") == "The label of the slot 12:00–13:00 is 81 characters long; 80 are allowed. Shorten it."
    assert [(s.start, s.end) for s in event.store.venue.slots()] == [("10:00", "11:00")]


def test_add_slot_long_label_refused(event):
    with pytest.raises(ValidationError) as err:
        event.store.venue.add_slot(event.orga, "2026-11-28", "12:00", "13:00", SlotKind.BREAK, "p" * 81)
    assert err.value.key == "error.slot_label_long"
    assert event.store.venue.slots() == []


def test_update_event_venue_at_its_limit_kept_whole(event):
    assert event.store.event.update(event.orga, venue="v" * 200).venue == "v" * 200


def test_update_event_long_venue_refused_and_nothing_changed(event):
    with pytest.raises(ValidationError) as err:
        event.store.event.update(event.orga, venue="v" * 201, name="Neuer Name")
    assert err.value.message("de") == "Der Ort ist 201 Zeichen lang, erlaubt sind 200. Kürze ihn."
    assert err.value.message("en") == "The venue is 201 characters long; 200 are allowed. Shorten it."
    assert (event.store.event.get().venue, event.store.event.get().name) == ("", "MINTcamp Test")
