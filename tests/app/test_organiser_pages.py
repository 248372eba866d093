"""AppTest: the organiser pages of issue 3 (rooms, slots, participants, moderation, availability, event)."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from app_pages import ui
from planner.models import Registration, RoomDraft, SessionStatus, SlotKind, VoteDisplay
from planner.domain.timeslots import generate_day
from tests.app.conftest import page, values


def _page(path: str, user=None, lang: str = "de") -> AppTest:
    return page(path, user, lang)


def _texts(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "title", "subheader", "info", "success", "error", "warning")
             for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


ORGANISER_PAGES = ["app_pages/rooms.py", "app_pages/participants.py", "app_pages/moderation.py", "app_pages/event.py",
                   "app_pages/planning.py", "app_pages/exports.py", "app_pages/display.py", "app_pages/start.py"]


def test_every_organiser_page_of_the_menu_is_checked_here():
    """A new organiser page in the menu (ui.PAGES) must be added to the refusal tests above."""
    in_menu = {path for _section, path, _title, _icon, _url, audience in ui.PAGES if audience == ui.ORGANISER}
    assert in_menu == set(ORGANISER_PAGES)


@pytest.mark.parametrize("path", ORGANISER_PAGES)
def test_organiser_page_refuses_participant_and_shows_no_widget(event, path):
    at = _page(path, event.anna)
    assert [e.value for e in at.error] == ["Diese Seite ist nur für das Orga-Team."]
    assert (len(at.text_input), len(at.button), len(at.tabs), len(at.toggle)) == (0, 0, 0, 0)


@pytest.mark.parametrize("path", ORGANISER_PAGES + ["app_pages/availability.py"])
def test_page_signed_out_shows_only_the_sign_in_hint(event, path):
    at = _page(path)
    assert [e.value for e in at.warning] == ["Bitte melde dich zuerst an."]
    assert (len(at.text_input), len(at.button), len(at.tabs)) == (0, 0, 0)


def test_rooms_table_shows_stored_rooms_in_order(event):
    event.store.venue.save_rooms(event.orga, [RoomDraft("Saal Elbe", 120, ("projector",)), RoomDraft("Werkstatt", 25)])
    at = _page("app_pages/rooms.py", event.orga)
    table = at.dataframe[0].value  # the rooms editor; typing into it is tested in Chromium
    assert table[["position", "name", "capacity"]].values.tolist() == [[1, "Saal Elbe", 120], [2, "Werkstatt", 25]]
    assert [list(f) for f in table["features"]] == [["projector"], []]


def test_slot_generator_creates_the_usual_day(event):
    at = _page("app_pages/rooms.py", event.orga)
    at.text_input(key="gen_start").input("09:30")
    at.number_input(key="gen_opening").set_value(30)
    at.button(key="FormSubmitter:generator_form-Erzeugen").click().run()
    slots = event.store.venue.slots()
    assert [(s.start, s.kind) for s in slots][:2] == [("09:30", SlotKind.PLENARY), ("10:00", SlotKind.SESSION)]
    # Built-in labels are stored as keys and shown in each reader's language.
    assert slots[0].label == "@opening"
    assert any(s.kind is SlotKind.BREAK and s.label == "@lunch" for s in slots)
    assert [e.value for e in at.success] == [f"{len(slots)} Slots für den Tag gespeichert."]
    assert "Begrüßung & Sessionplanung" in list(at.get("data_editor")[-1].value["label"])


def test_slot_generator_says_when_the_day_ends_before_the_end_entered(event):
    """09:00–17:30 with 45-minute sessions, a 30-minute opening and closing: the last session ends at
    16:15, the closing at 16:45; one more session would not fit before 17:30, and the page says so."""
    at = _page("app_pages/rooms.py", event.orga)
    at.text_input(key="gen_start").input("09:00")
    at.number_input(key="gen_opening").set_value(30)
    at.number_input(key="gen_closing").set_value(30)
    at.button(key="FormSubmitter:generator_form-Erzeugen").click().run()
    slots = event.store.venue.slots()
    assert (slots[-1].start, slots[-1].end, slots[-1].label) == ("16:15", "16:45", "@closing")
    assert [e.value for e in at.success] == [
        f"{len(slots)} Slots für den Tag gespeichert. Der Tag endet um 16:45: bis 17:30 passt keine weitere "
        "Session. Verlängere die Sessions oder das Ende des Abschlusses von Hand, wenn die Zeit gefüllt sein soll."]


def test_built_in_slot_labels_show_in_the_readers_language_and_save_back_as_keys(event):
    from planner.domain.timeslots import generate_day

    event.store.venue.save_day(event.orga, "2026-11-28", generate_day())
    english = _page("app_pages/rooms.py", event.orga, lang="en")
    assert "Lunch" in list(english.get("data_editor")[-1].value["label"])
    english.button(key="FormSubmitter:slots_form-Save slots").click().run()  # saved as shown
    assert [s.label for s in event.store.venue.slots() if s.kind is SlotKind.BREAK] == ["@lunch"]
    german = _page("app_pages/rooms.py", event.orga)
    assert "Mittagspause" in list(german.get("data_editor")[-1].value["label"])


def test_slot_generator_bad_time_shows_message_and_keeps_slots(event):
    at = _page("app_pages/rooms.py", event.orga)
    at.text_input(key="gen_start").input("25:99")
    at.button(key="FormSubmitter:generator_form-Erzeugen").click().run()
    assert [e.value.replace("\\", "").replace("\u2060", "") for e in at.error] == [
        "„25:99“ ist keine Uhrzeit. Schreib sie als HH:MM, etwa 09:30."]  # the value as typed, no Markdown
    assert event.store.venue.slots() == []


def test_room_unavailability_saved(event):
    room = event.store.venue.save_rooms(event.orga, [RoomDraft("Saal", 100)])[0]
    slots = event.store.venue.save_day(event.orga, "2026-11-28", generate_day())
    at = _page("app_pages/rooms.py", event.orga)
    at.multiselect(key=f"room_blocked_{room.id}").set_value([slots[0].id])
    at.button(key="FormSubmitter:room_blocked_form-Speichern").click().run()
    assert event.store.venue.rooms()[0].unavailable == (slots[0].id,)
    assert [x.value for x in at.success] == ["Sperrzeiten gespeichert."]


def test_closing_a_room_where_the_draft_has_sessions_names_them(event):
    """It said only "Sperrzeiten gespeichert." though a session sat in the closed slot."""
    store = event.store
    room = store.venue.save_rooms(event.orga, [RoomDraft("Saal", 100)])[0]
    slots = [s for s in store.venue.save_day(event.orga, "2026-11-28", generate_day()) if s.kind is SlotKind.SESSION]
    talk = event.propose(event.anna, "KI erklären ohne Hype")
    workshop = event.propose(event.ben, "Löten", length=2)
    store.grid.place(event.orga, talk.id, room.id, slots[0].id)
    store.grid.place(event.orga, workshop.id, room.id, slots[1].id)  # runs on into slots[2]
    at = _page("app_pages/rooms.py", event.orga)
    at.multiselect(key=f"room_blocked_{room.id}").set_value([slots[2].id, slots[4].id])
    at.button(key="FormSubmitter:room_blocked_form-Speichern").click().run()
    assert [x.value for x in at.success] == [
        "Sperrzeiten gespeichert. Im Entwurf liegt dort noch 1 Session: Löten. "
        "Verschiebe sie in der Planung oder lass das Raster neu berechnen."]


def test_participants_page_changes_role_and_deactivates(event):
    at = _page("app_pages/participants.py", event.orga)
    assert "Anna Amsel" in _texts(at)
    at.button(key=f"role_{event.anna.id}").click().run()
    assert event.store.people.get("anna").role == "organiser"
    at.button(key=f"active_{event.ben.id}").click().run()
    assert event.store.people.get("ben").active is False
    assert "Konto von Ben Bär geändert." in _texts(at)


def test_participants_page_last_organiser_refusal_shown(event):
    at = _page("app_pages/participants.py", event.orga)
    at.button(key=f"role_{event.orga.id}").click().run()
    assert "Das ist das letzte Orga-Konto. Ernenne zuerst jemand anderen zur Orga." in _texts(at)
    assert event.store.people.get("orga").role == "organiser"


def test_participants_search_filters(event):
    at = _page("app_pages/participants.py", event.orga)
    at.text_input(key="participants_search").input("çelik").run()
    assert "4 Konten" not in _texts(at)
    assert "1 Konto" in _texts(at)


def test_waiting_list_promote_and_csv(event):
    event.store.event.update(event.orga, capacity=3)
    emil = event.store.accounts.sign_up(username="emil", name="Emil Elch", email="emil@example.org", password="Passwort-123")
    at = _page("app_pages/participants.py", event.orga)
    assert at.tabs[1].label == "Warteliste (1)"
    assert len(at.get("download_button")) == 1
    at.button(key=f"promote_{emil.id}").click().run()
    assert event.store.people.get("emil").registration is Registration.CONFIRMED


def test_waiting_participant_sees_position_and_cannot_vote(event):
    s = event.propose(event.anna, "Robotik AG")
    event.store.event.update(event.orga, capacity=3)
    emil = event.store.accounts.sign_up(username="emil", name="Emil Elch", email="emil@example.org", password="Passwort-123")
    at = _page("app_pages/sessions.py", emil)
    assert "Du stehst auf Platz 1 der Warteliste" in _texts(at)
    assert at.button(key=f"vote_{s.id}").disabled is True


def test_moderation_reject_with_reason_host_sees_it(event):
    s = event.propose(event.anna, "Robotik AG")
    at = _page("app_pages/moderation.py", event.orga)
    at.text_area(key="reject_reason").input("Bitte als Workshop einreichen")
    at.button(key="FormSubmitter:reject_form-Ablehnen").click().run()
    assert event.store.sessions.get(s.id).status is SessionStatus.REJECTED
    host = _page("app_pages/propose.py", event.anna)
    assert "Das Orga-Team hat diese Session abgelehnt: Bitte als Workshop einreichen" in _texts(host)


def test_moderation_merge_two_sessions(event):
    a = event.propose(event.anna, "Robotik AG")
    b = event.propose(event.ben, "Roboter AG")
    event.store.votes.cast(event.cem, a.id)
    event.store.votes.cast(event.cem, b.id)
    at = _page("app_pages/moderation.py", event.orga)
    at.selectbox(key="moderation_session").set_value(b.id).run()
    at.selectbox(key="merge_target").set_value(a.id)
    at.button(key="FormSubmitter:merge_form-Zusammenführen").click().run()
    merged = event.store.sessions.get(a.id)
    assert ([h.username for h in merged.hosts], merged.votes) == (["anna", "ben"], 1)
    assert "„Roboter AG“ ist jetzt Teil von „Robotik AG“ (1 Stimme)." in _texts(at)


def test_moderation_edit_any_session(event):
    s = event.propose(event.anna, "Robotik AG")
    at = _page("app_pages/moderation.py", event.orga)
    at.text_input(key=f"edit_{s.id}_title").input("Robotik-AG für alle")
    at.button(key=f"FormSubmitter:edit_{s.id}_form-Speichern").click().run()
    assert event.store.sessions.get(s.id).title == "Robotik-AG für alle"


def test_availability_host_marks_slots(event):
    slots = event.store.venue.save_day(event.orga, "2026-11-28", generate_day())
    at = _page("app_pages/availability.py", event.anna)
    at.checkbox(key=f"unavailable_{event.anna.id}_{slots[0].id}").check()
    at.button(key="FormSubmitter:availability_form-Speichern").click().run()
    assert event.store.availability.of(event.anna.id) == {slots[0].id}
    assert len(at.selectbox) == 0  # participants choose nobody else


def test_availability_organiser_on_behalf(event):
    slots = event.store.venue.save_day(event.orga, "2026-11-28", generate_day())
    at = _page("app_pages/availability.py", event.orga)
    at.selectbox(key="availability_person").set_value(event.ben.id).run()
    at.checkbox(key=f"unavailable_{event.ben.id}_{slots[1].id}").check()
    at.button(key="FormSubmitter:availability_form-Speichern").click().run()
    assert event.store.availability.of(event.ben.id) == {slots[1].id}


def test_event_page_saves_phases_and_vote_display(event):
    at = _page("app_pages/event.py", event.orga)
    at.toggle(key="event_voting_open").set_value(False)
    at.radio(key="event_show_votes").set_value(VoteDisplay.AFTER_VOTING)
    at.number_input(key="event_capacity").set_value(50)
    at.text_input(key="event_venue").input("Kulturhaus Elbe")
    at.button(key="FormSubmitter:event_form-Speichern").click().run()
    e = event.store.event.get()
    assert (e.voting_open, e.show_votes, e.capacity, e.venue) == (False, VoteDisplay.AFTER_VOTING, 50, "Kulturhaus Elbe")


def test_counts_hidden_while_voting_when_set(event):
    event.propose(event.anna, "Robotik AG")
    event.store.event.update(event.orga, show_votes=VoteDisplay.AFTER_VOTING)
    at = _page("app_pages/sessions.py", event.ben)
    assert len(at.metric) == 0
    assert "Die Stimmenzahlen werden erst nach Ende der Abstimmung gezeigt." in _texts(at)
    orga = _page("app_pages/sessions.py", event.orga)
    assert len(orga.metric) == 1


def test_topics_merge_by_organiser(event):
    s = event.propose(event.anna, "Mädchen-AG", topic_ids=(event.maedchen.id,))
    at = _page("app_pages/topics.py", event.orga)
    at.selectbox(key="merge_source").set_value(event.maedchen.id)
    at.selectbox(key="merge_target_topic").set_value(event.robotik.id)
    at.button(key="FormSubmitter:topic_merge_form-Zusammenführen").click().run()
    assert [t.name for t in event.store.topics.list()] == ["Robotik", "Politische Bildung"]
    assert event.store.sessions.get(s.id).topic_ids == (event.robotik.id,)
    assert "„Mädchen in MINT“ ist in „Robotik“ aufgegangen." in _texts(at)


def test_topics_merge_form_hidden_from_participants(event):
    at = _page("app_pages/topics.py", event.anna)
    assert [sb.key for sb in at.selectbox] == []
    assert (at.title[0].value, values(at, "subheader")) == ("Themen", ["Interesse je Thema"])
    assert [p.key for p in at.get("button_group")] == ["interest_pills"]  # their own interests, nothing to manage


def test_event_venue_field_shows_its_limit(event):
    """The field stops typing at 200 (the store refuses longer venues, tests/unit/store/test_event_setup.py)."""
    at = _page("app_pages/event.py", event.orga)
    assert at.text_input(key="event_venue").proto.max_chars == 200
    at.text_input(key="event_venue").input("v" * 201)  # refused by the field, as in the browser
    assert at.text_input(key="event_venue").value == ""
    at.text_input(key="event_venue").input("v" * 200)
    at.button(key="FormSubmitter:event_form-Speichern").click().run()
    assert event.store.event.get().venue == "v" * 200


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("de", "Das Merkmal „Induktionsschleife für Hörgerä…“ ist 47 Zeichen lang, erlaubt sind 40. Kürze es."),
        ("en", "The feature “Induktionsschleife für Hörgerä…” is 47 characters long; 40 are allowed. Shorten it."),
    ],
)
def test_room_with_a_long_new_feature_is_refused_with_the_limit(event, lang, message):
    at = _page("app_pages/rooms.py", event.orga, lang=lang)
    features = at.multiselect(key="room_new_features")
    assert "40" in features.help
    at.text_input(key="room_new_name").input("Saal")
    features.set_value(["Induktionsschleife für Hörgeräte im ganzen Saal"])
    at.get("form_submit_button")[0].click().run()
    assert [e.value for e in at.error] == [message]
    assert event.store.venue.rooms() == []


def test_rooms_tables_show_the_name_and_label_limits(event):
    at = _page("app_pages/rooms.py", event.orga)
    assert at.text_input(key="room_new_name").proto.max_chars == 80
    configs = [json.loads(d.proto.columns) for d in at.dataframe]
    assert configs[0]["name"]["type_config"]["max_chars"] == 80
    assert configs[1]["label"]["type_config"]["max_chars"] == 80


@pytest.mark.parametrize("lang, asked, told", [
    ("de", "Im Entwurf liegt dort 1 Session, sie wird wieder unverplant: Robotik AG.",
     "1 Raum gespeichert. 1 Session ist nicht mehr im Entwurf verplant."),
    ("en", "The draft has 1 session there; it becomes unplaced: Robotik AG.",
     "1 room saved. 1 session is no longer placed in the draft."),
])
def test_deleting_a_room_names_the_draft_sessions_it_unplaces(event, lang, asked, told):
    store = event.store
    saal, lounge = store.venue.save_rooms(event.orga, [RoomDraft("Saal", 100), RoomDraft("Lounge", 15)])
    slots = [s for s in store.venue.save_day(event.orga, "2026-11-28", generate_day()) if s.kind is SlotKind.SESSION]
    a = event.propose(event.anna, "Robotik AG")
    b = event.propose(event.ben, "Mädchen in MINT")
    store.grid.place(event.orga, a.id, lounge.id, slots[0].id)
    store.grid.place(event.orga, b.id, saal.id, slots[0].id)
    # The table editor's state as the browser sends it after the Lounge row was deleted.
    at = page("app_pages/rooms.py", event.orga, lang, run=False)
    at.session_state["rooms_editor"] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [1]}
    at.run()
    save = next(b for b in at.button if b.label in ("Speichern", "Save"))
    save.click().run()
    assert asked in at.error[0].value and "Lounge" in at.error[0].value
    assert [r.name for r in store.venue.rooms()] == ["Saal", "Lounge"]  # nothing deleted unconfirmed

    at.checkbox(key="rooms_confirm_delete").check()
    next(b for b in at.button if b.label in ("Speichern", "Save")).click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [told]
    assert [r.name for r in store.venue.rooms()] == ["Saal"]
    assert [p.session_id for p in store.grid.working()] == [b.id]


def test_a_rooms_save_after_another_organisers_save_is_refused_not_silently_lost(event):
    """B's rename was dropped while the page said "5 Räume gespeichert" (A had saved a capacity meanwhile)."""
    store = event.store
    store.venue.save_rooms(event.orga, [RoomDraft("Saal", 100), RoomDraft("Werkstatt", 25)])
    at = page("app_pages/rooms.py", event.orga)  # B opens the page
    saal, werkstatt = store.venue.rooms()
    store.venue.save_rooms(event.orga, [RoomDraft("Saal", 100, id=saal.id), RoomDraft("Werkstatt", 28, id=werkstatt.id)])
    at.session_state["rooms_editor"] = {"edited_rows": {1: {"name": "Werkstatt OG"}}, "added_rows": [], "deleted_rows": []}
    next(b for b in at.button if b.label == "Speichern").click().run()
    assert [e.value for e in at.error] == [
        "Ein anderes Orga-Mitglied hat die Räume inzwischen gespeichert; deine Änderung ist nicht gespeichert. "
        "Die Tabelle zeigt jetzt den neuen Stand: trage sie dort noch einmal ein und speichere."]
    assert [(r.name, r.capacity) for r in store.venue.rooms()] == [("Saal", 100), ("Werkstatt", 28)]
    at.session_state["rooms_editor"] = {"edited_rows": {1: {"name": "Werkstatt OG"}}, "added_rows": [], "deleted_rows": []}
    next(b for b in at.button if b.label == "Speichern").click().run()  # again, on the new state: both changes stay
    assert at.error == []
    assert [(r.name, r.capacity) for r in store.venue.rooms()] == [("Saal", 100), ("Werkstatt OG", 28)]
