"""AppTest: the venue screens page (the screens' addresses), the topics page and the event settings."""

from __future__ import annotations

from datetime import time

import pytest
from starlette.testclient import TestClient
from streamlit.testing.v1 import AppTest

from planner.domain.timeslots import generate_day
from planner.models import RoomDraft, SignupMode, SlotKind, Topic
from planner.public.server import create_app
from planner.domain.text import escape_markdown
from tests.app.conftest import expander_labels, inputs, page, values

SAVE_EVENT = "FormSubmitter:event_form-Speichern"
ADD_TOPIC = "FormSubmitter:topic_add_form-Thema anlegen"
SAVE_INTEREST = "FormSubmitter:interest_form-Speichern"


# -- the venue screens page -------------------------------------------------


@pytest.fixture
def rooms(event):
    """Eight rooms: the foyer screen needs two pages of six."""
    return event.store.venue.save_rooms(event.orga, [RoomDraft(f"Raum {n}", 20) for n in range(1, 8)]
                                  + [RoomDraft("*Keller* <b>", 10)])


def links(at: AppTest) -> list[tuple[str, str]]:
    """(label, address) of every link button the page shows, in order."""
    return [(b.proto.label, b.proto.url) for b in at.get("link_button")]


def test_screens_lists_the_foyer_pages_and_a_door_per_room_under_the_public_address(event, rooms):
    event.store.event.update(event.orga, base_url="https://mintcamp.example.org/")
    at = page("app_pages/display.py", event.orga)
    base = "https://mintcamp.example.org/p/display"
    assert links(at) == [
        ("Alle Räume", base),
        ("Seite 1: Raum 1, Raum 2, Raum 3, Raum 4, Raum 5, Raum 6", f"{base}?page=1"),
        (r"Seite 2: Raum 7, \*Keller\* \<b\>", f"{base}?page=2"),
        *[(f"Raum {n}", f"{base}/{rooms[n - 1].id}") for n in range(1, 8)],
        (r"\*Keller\* \<b\>", f"{base}/{rooms[7].id}"),
    ]
    assert [c.value for c in at.code] == [url for _, url in links(at)]
    assert values(at, "title") == ["Bildschirme vor Ort"]
    assert values(at, "success") == ["Die Bildschirme sind eingeschaltet."]


def test_screens_addresses_carry_the_token(event, rooms):
    event.store.event.update(event.orga, display_token="foyer-7")
    at = page("app_pages/display.py", event.orga)
    assert [c.value for c in at.code][:3] == [
        "/p/display?token=foyer-7", "/p/display?page=1&token=foyer-7", "/p/display?page=2&token=foyer-7",
    ]
    assert [c.value for c in at.code][3:] == [f"/p/display/{r.id}?token=foyer-7" for r in rooms]
    assert "Ein Bildschirm-Schlüssel ist gesetzt; jede Adresse unten enthält ihn. Gib sie nur an die Geräte vor Ort." \
        in values(at, "caption")


def test_screens_up_to_six_rooms_need_no_fixed_pages(event):
    saal, werkstatt = event.store.venue.save_rooms(event.orga, [RoomDraft("Saal Elbe", 120), RoomDraft("Werkstatt", 25)])
    at = page("app_pages/display.py", event.orga)
    assert links(at) == [("Alle Räume", "/p/display"), ("Saal Elbe", f"/p/display/{saal.id}"),
                         ("Werkstatt", f"/p/display/{werkstatt.id}")]
    assert "Ohne öffentliche Adresse der App sind die Adressen relativ zu diesem Server (/p/…)." \
        in values(at, "caption")


def test_screens_without_rooms_offer_the_foyer_and_say_there_are_no_doors(event):
    at = page("app_pages/display.py", event.orga)
    assert links(at) == [("Alle Räume", "/p/display")]
    assert values(at, "info") == ["Das Programm ist noch nicht veröffentlicht: Die Bildschirme zeigen die Räume "
                                  "noch ohne Sessions.", "Noch keine Räume angelegt."]


def test_screens_switched_off_says_so_and_links_the_event_page(event):
    event.store.event.update(event.orga, display_enabled=False)
    at = page("app_pages/display.py", event.orga)
    assert values(at, "warning") == ["Die Bildschirme sind ausgeschaltet: Sie zeigen statt des Programms nur einen Hinweis."]
    assert [p.proto.page for p in at.get("page_link")] == ["event"]


def test_screens_rehearse_a_moment_adds_it_to_every_address(event, rooms):
    event.store.event.update(event.orga, display_token="foyer-7")
    at = page("app_pages/display.py", event.orga)
    at.toggle(key="screens_rehearse").set_value(True).run()
    at.time_input(key="screens_at_time").set_value(time(11, 10)).run()
    assert [c.value for c in at.code][:2] == [
        "/p/display?at=2026-11-28T11:10&token=foyer-7", "/p/display?page=1&at=2026-11-28T11:10&token=foyer-7",
    ]
    assert [c.value for c in at.code][-1] == f"/p/display/{rooms[-1].id}?at=2026-11-28T11:10&token=foyer-7"


def test_screens_in_english(event, rooms):
    at = page("app_pages/display.py", event.orga, lang="en")
    assert values(at, "title") == ["Venue screens"]
    assert links(at)[:2] == [("All rooms", "/p/display"),
                             ("Page 1: Raum 1, Raum 2, Raum 3, Raum 4, Raum 5, Raum 6", "/p/display?page=1")]


def test_screens_refused_to_a_participant(event, rooms):
    event.store.event.update(event.orga, display_token="foyer-7")
    at = page("app_pages/display.py", event.anna)
    assert values(at, "error") == ["Diese Seite ist nur für das Orga-Team."]
    assert links(at) == [] and len(at.code) == 0


def test_screens_refused_to_a_signed_out_visitor(event, rooms):
    event.store.event.update(event.orga, display_token="foyer-7")
    at = page("app_pages/display.py")
    assert values(at, "warning") == ["Bitte melde dich zuerst an."]
    assert links(at) == [] and len(at.code) == 0
    assert "foyer-7" not in str([n.proto for n in at.main])


# -- topics ------------------------------------------------------------------


def add_topic(at: AppTest, name: str, colour: str = "#2ca02c", description: str = "") -> AppTest:
    at.text_input(key="topic_new_name").input(name)
    next(c for c in at.color_picker if c.key.startswith("topic_new_colour")).pick(colour)
    at.text_input(key="topic_new_description").input(description)
    return at.button(key=ADD_TOPIC).click().run()


def test_topics_organiser_creates_topic_with_colour_and_description(event):
    at = add_topic(page("app_pages/topics.py", event.orga), "Nachhaltigkeit", "#2CA02C", "Klima, Energie und Ressourcen")
    created = event.store.topics.list()[-1]
    assert created == Topic(created.id, "Nachhaltigkeit", "#2ca02c", "Klima, Energie und Ressourcen")
    assert values(at, "success") == ["Thema „Nachhaltigkeit“ angelegt."]
    assert "Nachhaltigkeit · Interessierte: 0 · Sessions: 0" in expander_labels(at)
    assert "Klima, Energie und Ressourcen" in values(at, "caption")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Bitte gib dem Thema einen Namen."),
        ("   ", "Bitte gib dem Thema einen Namen."),
        ("Robotik", "Das Thema „Robotik“ gibt es schon."),
        ("ROBOTIK", "Das Thema „ROBOTIK“ gibt es schon."),
        ("x" * 41, "Der Themenname ist zu lang (höchstens 40 Zeichen)."),
    ],
)
def test_topics_create_refused_with_message(event, name, message):
    at = add_topic(page("app_pages/topics.py", event.orga), name)
    assert values(at, "error") == [message]
    assert [t.name for t in event.store.topics.list()] == ["Robotik", "Politische Bildung", "Mädchen in MINT"]


def test_topics_participant_cannot_create_or_edit(event):
    at = page("app_pages/topics.py", event.anna)
    keys = [w.key for w in at.text_input] + [w.key for w in at.color_picker]
    assert [k for k in keys if k and k.startswith("topic_")] == []
    assert "Themen verwalten" not in values(at, "subheader")
    assert [b.key for b in at.button] == [SAVE_INTEREST]


def test_topics_participant_saves_interest_and_sees_counts(event):
    at = page("app_pages/topics.py", event.anna)
    at.pills(key="interest_pills").set_value([event.robotik.id, event.maedchen.id])
    at.button(key=SAVE_INTEREST).click().run()
    assert event.store.topics.interests_of(event.anna) == {event.robotik.id, event.maedchen.id}
    assert values(at, "success") == ["Gespeichert: 2 Themen."]
    assert "Robotik · Interessierte: 1 · Sessions: 0" in expander_labels(at)


def test_topics_shows_sessions_under_each_topic(event):
    event.propose(event.anna, "Robotik AG")
    at = page("app_pages/topics.py", event.ben)
    assert "Robotik · Interessierte: 0 · Sessions: 1" in expander_labels(at)
    assert "- Robotik AG — 0 Stimmen" in values(at, "markdown")


def test_topics_organiser_edits_and_deletes(event):
    at = page("app_pages/topics.py", event.orga)
    tid = event.bildung.id
    at.text_input(key=f"topic_name_{tid}").input("Demokratiebildung")
    at.color_picker(key=f"topic_colour_{tid}").pick("#17becf")
    at.text_input(key=f"topic_description_{tid}").input("Politik und Gesellschaft")
    at.button(key=f"FormSubmitter:topic_edit_{tid}-Speichern").click().run()
    assert event.store.topics.list()[1] == Topic(tid, "Demokratiebildung", "#17becf", "Politik und Gesellschaft")
    assert values(at, "success") == ["Thema „Demokratiebildung“ gespeichert."]
    at.button(key=f"FormSubmitter:topic_edit_{tid}-Löschen").click().run()  # not ticked: nothing happens
    assert values(at, "error") == ["Nichts gelöscht: setze erst das Häkchen zum Löschen."]
    assert len(event.store.topics.list()) == 3
    at.checkbox(key=f"topic_delete_sure_{tid}").check()
    at.button(key=f"FormSubmitter:topic_edit_{tid}-Löschen").click().run()
    assert [t.name for t in event.store.topics.list()] == ["Robotik", "Mädchen in MINT"]
    assert values(at, "success") == ["Thema „Demokratiebildung“ gelöscht."]


def test_a_topic_that_is_a_sessions_only_one_cannot_be_deleted(event):
    s = event.propose(event.anna, "Wetterstation bauen", topic_ids=(event.bildung.id,))
    event.propose(event.ben, "Beides", topic_ids=(event.bildung.id, event.robotik.id))
    at = page("app_pages/topics.py", event.orga)
    at.checkbox(key=f"topic_delete_sure_{event.bildung.id}").check()
    at.button(key=f"FormSubmitter:topic_edit_{event.bildung.id}-Löschen").click().run()
    assert values(at, "error") == ["„Politische Bildung“ ist das einzige Thema von 1 Session (Wetterstation bauen). "
                                   "Führe es mit einem anderen Thema zusammen oder gib ihr erst ein weiteres Thema."]
    assert len(event.store.topics.list()) == 3 and event.store.sessions.get(s.id).topic_ids == (event.bildung.id,)


def test_topics_edit_to_existing_name_refused(event):
    at = page("app_pages/topics.py", event.orga)
    at.text_input(key=f"topic_name_{event.bildung.id}").input("robotik")
    at.button(key=f"FormSubmitter:topic_edit_{event.bildung.id}-Speichern").click().run()
    assert values(at, "error") == ["Das Thema „robotik“ gibt es schon."]
    assert event.store.topics.list()[1].name == "Politische Bildung"


def test_topics_markdown_in_names_shown_as_text(event):
    event.store.topics.update(event.orga, event.bildung.id, "**Fett** :red[rot]", "#ff7f0e", "*kursiv* <b>x</b>")
    at = page("app_pages/topics.py", event.orga)
    assert f"{escape_markdown('**Fett** :red[rot]')} · Interessierte: 0 · Sessions: 0" in expander_labels(at)
    assert r"\*kursiv\* \<b\>x\</b\>" in values(at, "caption")
    assert at.pills(key="interest_pills").options[1] == escape_markdown("**Fett** :red[rot]")


def test_topics_flash_shows_new_name_as_text(event):
    at = add_topic(page("app_pages/topics.py", event.orga), "*Kunst* & [MINT](javascript:x)")
    assert event.store.topics.list()[-1].name == "*Kunst* & [MINT](javascript:x)"
    assert values(at, "success") == [f"Thema „{escape_markdown('*Kunst* & [MINT](javascript:x)')}“ angelegt."]


def test_topics_signed_out_sees_only_sign_in_hint(event):
    at = page("app_pages/topics.py")
    assert values(at, "warning") == ["Bitte melde dich zuerst an."]
    assert inputs(at) == []


# -- event settings ----------------------------------------------------------


def test_event_page_shows_stored_settings(event):
    at = page("app_pages/event.py", event.orga)
    assert at.text_input(key="event_name").value == "MINTcamp Test"
    assert str(at.date_input(key="event_starts_on").value) == "2026-11-28"
    assert at.selectbox(key="event_timezone").value == "Europe/Berlin"
    assert at.radio(key="event_signup_mode").value is SignupMode.OPEN
    assert at.toggle(key="event_display_enabled").value is True


def test_event_page_saves_details(event):
    at = page("app_pages/event.py", event.orga)
    at.text_input(key="event_name").input("MINTcamp Nord 2026")
    at.text_area(key="event_description").input("Zwei Tage **MINT** für alle.")
    at.text_input(key="event_venue").input("Kulturhaus Elbe, Hamburg")
    at.date_input(key="event_starts_on").set_value("2026-11-27")
    at.date_input(key="event_ends_on").set_value("2026-11-28")
    at.selectbox(key="event_timezone").set_value("Europe/Helsinki")  # any zone, not only five
    at.selectbox(key="event_language").set_value("en")
    at.button(key=SAVE_EVENT).click().run()
    e = event.store.event.get()
    assert (e.name, e.description, e.venue, e.starts_on, e.ends_on, e.timezone, e.default_language) == (
        "MINTcamp Nord 2026", "Zwei Tage **MINT** für alle.", "Kulturhaus Elbe, Hamburg",
        "2026-11-27", "2026-11-28", "Europe/Helsinki", "en",
    )
    assert values(at, "success") == ["Einstellungen gespeichert."]
    assert at.text_input(key="event_name").value == "MINTcamp Nord 2026"
    # Under the save button, where a phone shows it, not above the long form.
    order = [getattr(node, "type", "") for node in at.main.children.values()]
    assert order[:3] == ["title", "form", "success"]


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2026-11-28", "2026-11-27", "Das Ende liegt vor dem Beginn. Tausche die Daten."),
        ("2026-11-01", "2026-11-28", "Eine Veranstaltung dauert höchstens 14 Tage."),
    ],
)
def test_event_page_refuses_bad_dates_and_saves_nothing(event, start, end, message):
    at = page("app_pages/event.py", event.orga)
    at.text_input(key="event_venue").input("Kulturhaus Elbe")
    at.date_input(key="event_starts_on").set_value(start)
    at.date_input(key="event_ends_on").set_value(end)
    at.button(key=SAVE_EVENT).click().run()
    assert values(at, "error") == [message]
    e = event.store.event.get()
    assert (e.starts_on, e.ends_on, e.venue) == ("2026-11-28", "2026-11-28", "")
    assert values(at, "success") == []


def test_event_page_refuses_empty_name(event):
    at = page("app_pages/event.py", event.orga)
    at.text_input(key="event_name").input("  ")
    at.button(key=SAVE_EVENT).click().run()
    assert values(at, "error") == ["Bitte gib der Veranstaltung einen Namen."]
    assert event.store.event.get().name == "MINTcamp Test"


def test_event_page_saves_screen_settings(event):
    at = page("app_pages/event.py", event.orga)
    at.text_input(key="event_base_url").input("https://mintcamp.example.org/")
    at.toggle(key="event_display_enabled").set_value(False)
    at.text_input(key="event_display_token").input("foyer-7")
    at.button(key=SAVE_EVENT).click().run()
    e = event.store.event.get()
    assert (e.base_url, e.display_enabled, e.display_token) == ("https://mintcamp.example.org", False, "foyer-7")
    assert values(at, "success") == ["Einstellungen gespeichert."]


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("event_base_url", "ftp://mintcamp.example.org",
         f"„{escape_markdown('ftp://mintcamp.example.org')}“ ist kein Web-Link. Er muss mit https:// oder http:// beginnen."),
        ("event_display_token", "foyer 7!",
         "Der Bildschirm-Schlüssel darf nur Buchstaben, Ziffern, - und _ enthalten (höchstens 64)."),
    ],
)
def test_event_page_refuses_bad_screen_settings(event, key, value, message):
    at = page("app_pages/event.py", event.orga)
    at.text_input(key=key).input(value)
    at.button(key=SAVE_EVENT).click().run()
    assert values(at, "error") == [message]
    e = event.store.event.get()
    assert (e.base_url, e.display_token) == ("", "")


def test_event_page_token_switches_the_screen_to_token_only(event):
    at = page("app_pages/event.py", event.orga)
    at.text_input(key="event_display_token").input("foyer-7")
    at.button(key=SAVE_EVENT).click().run()
    with TestClient(create_app(event.store.path, check_every=0)) as public:
        assert public.get("/p/screen", params={"at": "2026-11-28T10:10"}).text == (
            '<div class="vs"><div class="vs-state">Dieser Bildschirm braucht seinen Link mit Schlüssel.</div></div>'
        )


def test_event_page_invite_mode_needs_a_code(event):
    at = page("app_pages/event.py", event.orga)
    at.radio(key="event_signup_mode").set_value(SignupMode.INVITE)
    at.button(key=SAVE_EVENT).click().run()
    assert values(at, "error") == ["Für Anmeldung mit Einladungscode brauchst du einen Code. Trage ihn ein."]
    assert event.store.event.get().signup_mode is SignupMode.OPEN


def test_event_page_invite_code_saved_and_kept_when_left_empty(event):
    at = page("app_pages/event.py", event.orga)
    at.radio(key="event_signup_mode").set_value(SignupMode.INVITE)
    at.text_input(key="event_invite_code").input("robo-2026")
    at.button(key=SAVE_EVENT).click().run()
    assert event.store.event.get().signup_mode is SignupMode.INVITE
    at.text_input(key="event_invite_code").input("")
    at.text_input(key="event_venue").input("Kulturhaus Elbe")
    at.button(key=SAVE_EVENT).click().run()
    assert at.text_input(key="event_invite_code").placeholder == (
        "(ein Code ist gesetzt; leer lassen, um ihn zu behalten)"
    )
    user = event.store.accounts.sign_up(username="emil", name="Emil Elch", email="emil@example.org",
                               password="Emils-Passwort-1", invite_code="robo-2026")
    assert user.username == "emil"


def test_event_page_capacity_zero_means_no_limit(event):
    event.store.event.update(event.orga, capacity=50)
    at = page("app_pages/event.py", event.orga)
    assert at.number_input(key="event_capacity").value == 50
    at.number_input(key="event_capacity").set_value(0)
    at.button(key=SAVE_EVENT).click().run()
    assert event.store.event.get().capacity is None


def test_event_page_restore_needs_file_and_confirmation(event):
    at = page("app_pages/event.py", event.orga)
    at.checkbox(key="restore_confirm").check()
    at.button(key="FormSubmitter:restore_form-Wiederherstellen").click().run()
    assert values(at, "error") == ["Wähle eine Datei und bestätige mit dem Häkchen."]
    assert event.store.event.get().name == "MINTcamp Test"


def test_screens_count_the_foyers_rooms_as_the_screen_does(event, rooms):
    """The rooms of the public release, without sessions withdrawn since (the screen's own rule)."""
    store = event.store
    slot = next(s for s in store.venue.save_day(event.orga, "2026-11-28", generate_day()) if s.kind is SlotKind.SESSION)
    placed = [event.propose(event.anna, f"Session {n}") for n in range(7)]
    for session, room in zip(placed, rooms):
        store.grid.place(event.orga, session.id, room.id, slot.id)
    store.releases.publish(event.orga)
    store.event.update(event.orga, schedule_published=True)
    assert [label for label, _ in links(page("app_pages/display.py", event.orga)) if label.startswith("Seite")] == [
        "Seite 1: Raum 1, Raum 2, Raum 3, Raum 4, Raum 5, Raum 6", "Seite 2: Raum 7"]  # the Keller has nothing
    store.sessions.withdraw(event.anna, placed[6].id)  # Raum 7's only session: six rooms, one page
    assert [label for label, _ in links(page("app_pages/display.py", event.orga)) if label.startswith("Seite")] == []
