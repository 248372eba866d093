"""AppTest: the venue screen (/display), the topics page and the event settings."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from planner.models import RoomDraft, SignupMode, SlotKind, Topic
from planner.slots import generate_day
from planner.validation import escape_markdown
from tests.app.conftest import expander_labels, inputs, page, values

SAVE_EVENT = "FormSubmitter:event_form-Speichern"
ADD_TOPIC = "FormSubmitter:topic_add_form-Thema anlegen"
SAVE_INTEREST = "FormSubmitter:interest_form-Speichern"


# -- the venue screen --------------------------------------------------------


@pytest.fixture
def published(event):
    """Two rooms, a day of slots; Robotik AG now in Saal Elbe, a second session next in the Werkstatt."""
    store = event.store
    saal, werkstatt = store.save_rooms(event.orga, [RoomDraft("Saal Elbe", 120), RoomDraft("Werkstatt", 25)])
    slots = [s for s in store.save_day(event.orga, "2026-11-28", generate_day()) if s.kind is SlotKind.SESSION]
    robotik = event.propose(event.anna, "Robotik AG")
    maedchen = event.propose(event.ben, "<b>Mädchen</b> in MINT", topic_ids=(event.maedchen.id,))
    store.place(event.orga, robotik.id, saal.id, slots[0].id)  # 10:00-10:45
    store.place(event.orga, maedchen.id, werkstatt.id, slots[1].id)  # 11:00-11:45
    store.publish(event.orga)
    return event, (saal, werkstatt), slots


def screen(**query: str) -> AppTest:
    """/display with these query parameters, signed out."""
    at = page("pages/display.py", run=False)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def shown(at: AppTest) -> str:
    """The HTML the screen draws, without its style sheet."""
    return "".join(h.value.split("</style>")[-1] for h in at.get("html"))


def test_display_shows_now_and_next_per_room_without_sign_in(published):
    html = shown(screen(at="2026-11-28T10:10"))
    assert '<div class="vs-clock">10:10</div>' in html
    assert '<div class="vs-room">Saal Elbe</div><div class="vs-label">Jetzt</div>' \
           '<div class="vs-title">Robotik AG</div><div class="vs-meta">10:00–10:45 · Anna Amsel</div>' in html
    assert '<div class="vs-room">Werkstatt</div><div class="vs-free">Gerade frei</div>' \
           '<div class="vs-label">Danach · 11:00</div><div class="vs-next">&lt;b&gt;Mädchen&lt;/b&gt; in MINT</div>' in html
    assert "<b>Mädchen</b>" not in html


def test_display_topic_colour_marks_the_running_session(published):
    html = shown(screen(at="2026-11-28T10:10"))
    assert '<div class="vs-card" style="border-left-color:#d62728"><div class="vs-room">Saal Elbe</div>' in html


def test_display_later_moment_moves_on(published):
    html = shown(screen(at="2026-11-28T11:10"))
    assert '<div class="vs-title">&lt;b&gt;Mädchen&lt;/b&gt; in MINT</div>' in html
    assert "Robotik AG" not in html


def test_display_shows_the_release_not_the_working_grid(published):
    event, (saal, _), slots = published
    late = event.propose(event.cem, "Nachzügler-Session")
    event.store.place(event.orga, late.id, saal.id, slots[1].id)  # placed after publishing
    html = shown(screen(at="2026-11-28T11:10"))
    assert "Nachzügler-Session" not in html
    assert '<div class="vs-room">Saal Elbe</div><div class="vs-free">Gerade frei</div>' in html


def test_display_unpublished_schedule_shows_no_titles(published):
    event, _, _ = published
    event.store.update_event(event.orga, schedule_published=False)
    html = shown(screen(at="2026-11-28T10:10"))
    assert "Robotik AG" not in html and "Mädchen" not in html
    assert '<div class="vs-room">Saal Elbe</div><div class="vs-free">Gerade frei</div>' in html


def test_display_switched_off_says_so_and_shows_no_schedule(published):
    event, _, _ = published
    event.store.update_event(event.orga, display_enabled=False)
    at = screen(at="2026-11-28T10:10")
    assert shown(at) == '<div class="vs"><div class="vs-state">Der Bildschirm ist ausgeschaltet.</div></div>'


@pytest.mark.parametrize("query", [{}, {"token": "falsch"}, {"token": ""}])
def test_display_token_wrong_or_missing_shows_no_schedule(published, query):
    event, _, _ = published
    event.store.update_event(event.orga, display_token="foyer-7")
    at = screen(at="2026-11-28T10:10", **query)
    assert shown(at) == (
        '<div class="vs"><div class="vs-state">Dieser Bildschirm braucht seinen Link mit Schlüssel.</div></div>'
    )


def test_display_right_token_shows_schedule(published):
    event, _, _ = published
    event.store.update_event(event.orga, display_token="foyer-7")
    assert '<div class="vs-title">Robotik AG</div>' in shown(screen(at="2026-11-28T10:10", token="foyer-7"))


@pytest.mark.parametrize("room", ["werkstatt", "WERKSTATT", "id"])
def test_display_door_mode_shows_one_room_by_name_or_id(published, room):
    _, (_, werkstatt), _ = published
    html = shown(screen(at="2026-11-28T10:10", room=str(werkstatt.id) if room == "id" else room))
    assert '<div class="vs vs-door"><div class="vs-head"><div class="vs-room">Werkstatt</div>' in html
    assert '<div class="vs-next">&lt;b&gt;Mädchen&lt;/b&gt; in MINT</div>' in html
    assert "Saal Elbe" not in html and "Robotik AG" not in html


def test_display_door_mode_unknown_room_says_so(published):
    at = screen(at="2026-11-28T10:10", room="Keller")
    assert shown(at) == '<div class="vs"><div class="vs-state">Diesen Raum gibt es nicht.</div></div>'


def test_display_door_mode_lists_the_rest_of_the_day(published):
    event, (saal, _), slots = published
    third = event.propose(event.cem, "Lego Mindstorms")
    event.store.place(event.orga, third.id, saal.id, slots[3].id)  # 13:45
    fourth = event.propose(event.anna, "WRO-Training")
    event.store.place(event.orga, fourth.id, saal.id, slots[4].id)  # 14:45
    event.store.publish(event.orga)
    html = shown(screen(at="2026-11-28T10:10", room="Saal Elbe"))
    assert '<div class="vs-next">Lego Mindstorms</div>' in html
    assert "<ul><li>14:45–15:30 · WRO-Training</li></ul>" in html


def test_display_invalid_time_says_so_and_uses_now(published):
    at = screen(at="morgen früh")
    assert [t.value for t in at.toast] == [
        "Die Zeit in ?at= ist ungültig (Form 2026-11-28T11:10); es gilt die aktuelle Zeit."
    ]
    assert '<div class="vs-clock">' in shown(at)


def test_display_language_from_the_address(published):
    html = shown(screen(at="2026-11-28T10:10", lang="en"))
    assert '<div class="vs-label">Now</div>' in html and '<div class="vs-free">Free right now</div>' in html


def test_display_qr_code_links_the_schedule_at_base_url(published):
    event, _, _ = published
    event.store.update_event(event.orga, base_url="https://mintcamp.example.org/")
    html = shown(screen(at="2026-11-28T10:10"))
    assert "Programm aufs Handy: https://mintcamp.example.org/p/schedule" in html
    assert '<img class="vs-qr" src="data:image/svg+xml' in html


def test_display_without_base_url_has_no_qr_code(published):
    html = shown(screen(at="2026-11-28T10:10"))
    assert '<img class="vs-qr"' not in html and "Programm aufs Handy" not in html


def test_display_break_shows_its_label_and_end(published):
    html = shown(screen(at="2026-11-28T12:50"))
    assert '<div class="vs-state">Lunch bis 13:45</div>' in html  # the label as the slot stores it


def test_display_before_the_day_says_when_it_starts(published):
    html = shown(screen(at="2026-11-28T08:30"))
    assert '<div class="vs-state">Nächste Sessions um 10:00</div>' in html


# -- topics ------------------------------------------------------------------


def add_topic(at: AppTest, name: str, colour: str = "#2ca02c", description: str = "") -> AppTest:
    at.text_input(key="topic_new_name").input(name)
    at.color_picker(key="topic_new_colour").pick(colour)
    at.text_input(key="topic_new_description").input(description)
    return at.button(key=ADD_TOPIC).click().run()


def test_topics_organiser_creates_topic_with_colour_and_description(event):
    at = add_topic(page("pages/topics.py", event.orga), "Nachhaltigkeit", "#2CA02C", "Klima, Energie und Ressourcen")
    created = event.store.list_topics()[-1]
    assert created == Topic(created.id, "Nachhaltigkeit", "#2ca02c", "Klima, Energie und Ressourcen")
    assert values(at, "success") == ["Thema „Nachhaltigkeit“ angelegt."]
    assert "Nachhaltigkeit · 0 Interessierte · 0 Sessions" in expander_labels(at)
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
    at = add_topic(page("pages/topics.py", event.orga), name)
    assert values(at, "error") == [message]
    assert [t.name for t in event.store.list_topics()] == ["Robotik", "Politische Bildung", "Mädchen in MINT"]


def test_topics_participant_cannot_create_or_edit(event):
    at = page("pages/topics.py", event.anna)
    keys = [w.key for w in at.text_input] + [w.key for w in at.color_picker]
    assert [k for k in keys if k and k.startswith("topic_")] == []
    assert "Themen verwalten" not in values(at, "subheader")
    assert [b.key for b in at.button] == [SAVE_INTEREST]


def test_topics_participant_saves_interest_and_sees_counts(event):
    at = page("pages/topics.py", event.anna)
    at.pills(key="interest_pills").set_value([event.robotik.id, event.maedchen.id])
    at.button(key=SAVE_INTEREST).click().run()
    assert event.store.interests_of(event.anna) == {event.robotik.id, event.maedchen.id}
    assert values(at, "success") == ["Gespeichert: 2 Themen."]
    assert "Robotik · 1 Interessierte · 0 Sessions" in expander_labels(at)


def test_topics_shows_sessions_under_each_topic(event):
    event.propose(event.anna, "Robotik AG")
    at = page("pages/topics.py", event.ben)
    assert "Robotik · 0 Interessierte · 1 Sessions" in expander_labels(at)
    assert "- Robotik AG — 0 Stimmen" in values(at, "markdown")


def test_topics_organiser_edits_and_deletes(event):
    at = page("pages/topics.py", event.orga)
    tid = event.bildung.id
    at.text_input(key=f"topic_name_{tid}").input("Demokratiebildung")
    at.color_picker(key=f"topic_colour_{tid}").pick("#17becf")
    at.text_input(key=f"topic_description_{tid}").input("Politik und Gesellschaft")
    at.button(key=f"FormSubmitter:topic_edit_{tid}-Speichern").click().run()
    assert event.store.list_topics()[1] == Topic(tid, "Demokratiebildung", "#17becf", "Politik und Gesellschaft")
    assert values(at, "success") == ["Thema „Demokratiebildung“ gespeichert."]
    at.button(key=f"FormSubmitter:topic_edit_{tid}-Löschen").click().run()
    assert [t.name for t in event.store.list_topics()] == ["Robotik", "Mädchen in MINT"]
    assert values(at, "success") == ["Thema „Demokratiebildung“ gelöscht."]


def test_topics_edit_to_existing_name_refused(event):
    at = page("pages/topics.py", event.orga)
    at.text_input(key=f"topic_name_{event.bildung.id}").input("robotik")
    at.button(key=f"FormSubmitter:topic_edit_{event.bildung.id}-Speichern").click().run()
    assert values(at, "error") == ["Das Thema „robotik“ gibt es schon."]
    assert event.store.list_topics()[1].name == "Politische Bildung"


def test_topics_markdown_in_names_shown_as_text(event):
    event.store.update_topic(event.orga, event.bildung.id, "**Fett** :red[rot]", "#ff7f0e", "*kursiv* <b>x</b>")
    at = page("pages/topics.py", event.orga)
    assert f"{escape_markdown('**Fett** :red[rot]')} · 0 Interessierte · 0 Sessions" in expander_labels(at)
    assert r"\*kursiv\* \<b\>x\</b\>" in values(at, "caption")
    assert at.pills(key="interest_pills").options[1] == escape_markdown("**Fett** :red[rot]")


def test_topics_flash_shows_new_name_as_text(event):
    at = add_topic(page("pages/topics.py", event.orga), "*Kunst* & [MINT](javascript:x)")
    assert event.store.list_topics()[-1].name == "*Kunst* & [MINT](javascript:x)"
    assert values(at, "success") == [f"Thema „{escape_markdown('*Kunst* & [MINT](javascript:x)')}“ angelegt."]


def test_topics_signed_out_sees_only_sign_in_hint(event):
    at = page("pages/topics.py")
    assert values(at, "warning") == ["Bitte melde dich zuerst an."]
    assert inputs(at) == []


# -- event settings ----------------------------------------------------------


def test_event_page_shows_stored_settings(event):
    at = page("pages/event.py", event.orga)
    assert at.text_input(key="event_name").value == "MINTcamp Test"
    assert str(at.date_input(key="event_starts_on").value) == "2026-11-28"
    assert at.selectbox(key="event_timezone").value == "Europe/Berlin"
    assert at.radio(key="event_signup_mode").value is SignupMode.OPEN
    assert at.toggle(key="event_display_enabled").value is True


def test_event_page_saves_details(event):
    at = page("pages/event.py", event.orga)
    at.text_input(key="event_name").input("MINTcamp Nord 2026")
    at.text_area(key="event_description").input("Zwei Tage **MINT** für alle.")
    at.text_input(key="event_venue").input("Kulturhaus Elbe, Hamburg")
    at.date_input(key="event_starts_on").set_value("2026-11-27")
    at.date_input(key="event_ends_on").set_value("2026-11-28")
    at.selectbox(key="event_timezone").set_value("Europe/Vienna")
    at.selectbox(key="event_language").set_value("en")
    at.button(key=SAVE_EVENT).click().run()
    e = event.store.get_event()
    assert (e.name, e.description, e.venue, e.starts_on, e.ends_on, e.timezone, e.default_language) == (
        "MINTcamp Nord 2026", "Zwei Tage **MINT** für alle.", "Kulturhaus Elbe, Hamburg",
        "2026-11-27", "2026-11-28", "Europe/Vienna", "en",
    )
    assert values(at, "success") == ["Einstellungen gespeichert."]
    assert at.text_input(key="event_name").value == "MINTcamp Nord 2026"


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2026-11-28", "2026-11-27", "Das Ende liegt vor dem Beginn. Tausche die Daten."),
        ("2026-11-01", "2026-11-28", "Eine Veranstaltung dauert höchstens 14 Tage."),
    ],
)
def test_event_page_refuses_bad_dates_and_saves_nothing(event, start, end, message):
    at = page("pages/event.py", event.orga)
    at.text_input(key="event_venue").input("Kulturhaus Elbe")
    at.date_input(key="event_starts_on").set_value(start)
    at.date_input(key="event_ends_on").set_value(end)
    at.button(key=SAVE_EVENT).click().run()
    assert values(at, "error") == [message]
    e = event.store.get_event()
    assert (e.starts_on, e.ends_on, e.venue) == ("2026-11-28", "2026-11-28", "")
    assert values(at, "success") == []


def test_event_page_refuses_empty_name(event):
    at = page("pages/event.py", event.orga)
    at.text_input(key="event_name").input("  ")
    at.button(key=SAVE_EVENT).click().run()
    assert values(at, "error") == ["Bitte gib einen Namen an."]
    assert event.store.get_event().name == "MINTcamp Test"


def test_event_page_saves_screen_settings(event):
    at = page("pages/event.py", event.orga)
    at.text_input(key="event_base_url").input("https://mintcamp.example.org/")
    at.toggle(key="event_display_enabled").set_value(False)
    at.text_input(key="event_display_token").input("foyer-7")
    at.button(key=SAVE_EVENT).click().run()
    e = event.store.get_event()
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
    at = page("pages/event.py", event.orga)
    at.text_input(key=key).input(value)
    at.button(key=SAVE_EVENT).click().run()
    assert values(at, "error") == [message]
    e = event.store.get_event()
    assert (e.base_url, e.display_token) == ("", "")


def test_event_page_token_switches_the_screen_to_token_only(event):
    at = page("pages/event.py", event.orga)
    at.text_input(key="event_display_token").input("foyer-7")
    at.button(key=SAVE_EVENT).click().run()
    assert shown(screen(at="2026-11-28T10:10")) == (
        '<div class="vs"><div class="vs-state">Dieser Bildschirm braucht seinen Link mit Schlüssel.</div></div>'
    )


def test_event_page_invite_mode_needs_a_code(event):
    at = page("pages/event.py", event.orga)
    at.radio(key="event_signup_mode").set_value(SignupMode.INVITE)
    at.button(key=SAVE_EVENT).click().run()
    assert values(at, "error") == ["Für Anmeldung mit Einladungscode brauchst du einen Code. Trage ihn ein."]
    assert event.store.get_event().signup_mode is SignupMode.OPEN


def test_event_page_invite_code_saved_and_kept_when_left_empty(event):
    at = page("pages/event.py", event.orga)
    at.radio(key="event_signup_mode").set_value(SignupMode.INVITE)
    at.text_input(key="event_invite_code").input("robo-2026")
    at.button(key=SAVE_EVENT).click().run()
    assert event.store.get_event().signup_mode is SignupMode.INVITE
    at.text_input(key="event_invite_code").input("")
    at.text_input(key="event_venue").input("Kulturhaus Elbe")
    at.button(key=SAVE_EVENT).click().run()
    assert at.text_input(key="event_invite_code").placeholder == (
        "(ein Code ist gesetzt; leer lassen, um ihn zu behalten)"
    )
    user = event.store.sign_up(username="emil", name="Emil Elch", email="emil@example.org",
                               password="Emils-Passwort-1", invite_code="robo-2026")
    assert user.username == "emil"


def test_event_page_capacity_zero_means_no_limit(event):
    event.store.update_event(event.orga, capacity=50)
    at = page("pages/event.py", event.orga)
    assert at.number_input(key="event_capacity").value == 50
    at.number_input(key="event_capacity").set_value(0)
    at.button(key=SAVE_EVENT).click().run()
    assert event.store.get_event().capacity is None


def test_event_page_restore_needs_file_and_confirmation(event):
    at = page("pages/event.py", event.orga)
    at.checkbox(key="restore_confirm").check()
    at.button(key="FormSubmitter:restore_form-Wiederherstellen").click().run()
    assert values(at, "error") == ["Wähle eine Datei und bestätige mit dem Häkchen."]
    assert event.store.get_event().name == "MINTcamp Test"
