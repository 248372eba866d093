"""AppTest: first set-up, sign-in and sign-up, my account, and the frame's menu and sign-out.

Sign-in, sign-up and sign-out need the entrypoint (it builds the
authenticator and the menu). The ``frame`` fixture makes
every run go through ``streamlit_app.py`` as it does in a browser, and
records the menu the entrypoint sends.
"""

from __future__ import annotations

import sqlite3

import bcrypt
import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest, local_script_runner

from planner.i18n import date_range
from planner.models import Registration, Role, SignupMode
from planner.domain.text import escape_markdown
from tests.app.conftest import deactivate, inputs, page, texts, values
from tests.conftest import ORGANISER_PASSWORD, PARTICIPANT_PASSWORD

SIGN_IN = "FormSubmitter:login_form-Anmelden"
SIGN_UP = "FormSubmitter:signup_form-Registrieren"
SET_UP = "FormSubmitter:setup_form-Einrichten"
CHANGE_PASSWORD = "FormSubmitter:password_form-Passwort ändern"
NEW_PASSWORD = "Neues-Passwort-2"

PARTICIPANT_MENU = [
    ("Barcamp", "Programm"), ("Barcamp", "Mein Programm"), ("Barcamp", "Sessions"),
    ("Barcamp", "Session vorschlagen"), ("Barcamp", "Themen"), ("Barcamp", "Meine Verfügbarkeit"),
    ("Barcamp", "Mein Konto"),
]
ORGANISER_PAGES = {"Start", "Bildschirme", "Veranstaltung", "Planung", "Räume und Slots", "Teilnehmende", "Moderation"}


class Frame:
    """Runs of the whole app, each through the entrypoint, and the menu of the last run."""

    def __init__(self):
        self.messages: list = []

    def open(self, user=None, lang: str = "de") -> AppTest:
        """The start page ``/`` (the sign-in), signed in as ``user`` if given."""
        return page("app_pages/signin.py", user, lang)

    def menu(self) -> list[tuple[str, str]]:
        """(section, title) of every page the menu of the last run shows."""
        navigation = [m.navigation for m in self.messages if m.WhichOneof("type") == "navigation"][-1]
        return [(p.section_header, p.page_name) for p in navigation.app_pages if not p.is_hidden]


@pytest.fixture
def frame(monkeypatch) -> Frame:
    recorder = Frame()
    parse = local_script_runner.parse_tree_from_messages

    def recording(messages):
        recorder.messages = list(messages)
        return parse(messages)

    init = PagesManager.__init__

    def without_folder_mode(self, *args, **kwargs):
        init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(local_script_runner, "parse_tree_from_messages", recording)
    monkeypatch.setattr(PagesManager, "__init__", without_folder_mode)
    return recorder


def sign_in(at: AppTest, username: str, password: str) -> AppTest:
    """Fill the authenticator's sign-in form (its fields have no keys) and submit."""
    name_field, password_field = [w for w in at.text_input if w.form_id == "login_form"]
    name_field.input(username)
    password_field.input(password)
    return at.button(key=SIGN_IN).click().run()


def password_hash(db_path: str, username: str) -> str:
    with sqlite3.connect(db_path) as db:
        return db.execute("SELECT password_hash FROM users WHERE username = ?", [username]).fetchone()[0]


def verifies(hashed: str, password: str) -> bool:
    return bcrypt.checkpw(password.encode(), hashed.encode())


# -- first set-up ------------------------------------------------------------


def fill_setup(at: AppTest, **fields) -> AppTest:
    values_ = {
        "setup_event_name": "MINTcamp Hamburg", "setup_username": "olga", "setup_name": "Olga Orga",
        "setup_email": "olga@example.org", "setup_password": ORGANISER_PASSWORD, "setup_repeat": ORGANISER_PASSWORD,
    } | fields
    for key, value in values_.items():
        at.text_input(key=key).input(value)
    return at


def test_setup_first_start_shows_only_the_setup_page(frame, empty_store):
    at = frame.open()
    assert at.title[0].value == "Barcamp einrichten"
    assert frame.menu() == [("", "Einrichtung")]
    assert [w.key for w in at.text_input] == [
        "setup_event_name", "setup_username", "setup_name", "setup_email", "setup_password", "setup_repeat",
    ]


def test_setup_creates_event_and_organiser_with_bcrypt_hash(frame, empty_store, db_path):
    at = fill_setup(frame.open())
    at.selectbox(key="setup_timezone").set_value("Europe/Vienna")
    at.selectbox(key="setup_language").set_value("en")
    at.button(key=SET_UP).click().run()
    event = empty_store.event.get()
    assert (event.name, event.timezone, event.default_language) == ("MINTcamp Hamburg", "Europe/Vienna", "en")
    olga = empty_store.people.get("olga")
    assert (olga.name, olga.email, olga.role) == ("Olga Orga", "olga@example.org", Role.ORGANISER)
    hashed = password_hash(db_path, "olga")
    assert hashed.startswith("$2b$") and verifies(hashed, ORGANISER_PASSWORD)
    # The next run is the sign-in page, in the event's language, with the hint.
    assert values(at, "success") == ["Set up. Sign in as @olga now."]
    assert [t.label for t in at.tabs] == ["Sign in", "Sign up"]


def test_setup_speaks_english_on_request_and_makes_it_the_events_language(frame, empty_store):
    """No sidebar before the set-up: the language switch is on the page, and
    the event's default language follows it."""
    at = frame.open()
    assert at.segmented_control(key="setup_lang").value == "de"
    at.segmented_control(key="setup_lang").set_value("en").run()
    assert at.title[0].value == "Set up your barcamp"
    assert at.selectbox(key="setup_timezone").label == "Time zone"
    assert at.selectbox(key="setup_language").value == "en"
    fill_setup(at).button(key="FormSubmitter:setup_form-Set up").click().run()
    assert empty_store.event.get().default_language == "en"
    assert values(at, "success") == ["Set up. Sign in as @olga now."]


def test_setup_offers_every_time_zone(frame, empty_store):
    """A barcamp in Helsinki or São Paulo, not only the five zones of German-speaking Europe."""
    at = frame.open()
    zones = at.selectbox(key="setup_timezone").options
    assert {"Europe/Helsinki", "America/Sao_Paulo", "Asia/Tokyo", "UTC"} <= set(zones)
    assert "CET" not in zones and not any(z.startswith("Etc/") for z in zones)  # aliases with confusing names
    assert at.selectbox(key="setup_timezone").value == "Europe/Berlin"  # no browser in the test: the default
    fill_setup(at).selectbox(key="setup_timezone").set_value("America/Sao_Paulo")
    at.button(key=SET_UP).click().run()
    assert empty_store.event.get().timezone == "America/Sao_Paulo"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"setup_password": "kurz-1", "setup_repeat": "kurz-1"}, "Das Passwort braucht mindestens 8 Zeichen."),
        ({"setup_repeat": "Anderes-Passwort-1"}, "Die beiden Passwörter stimmen nicht überein."),
        ({"setup_password": " Leerzeichen-1 ", "setup_repeat": " Leerzeichen-1 "},
         "Das Passwort darf nicht mit Leerzeichen beginnen oder enden."),
        ({"setup_event_name": "  "}, "Bitte gib der Veranstaltung einen Namen."),
        ({"setup_name": ""}, "Bitte gib einen Anzeigenamen an."),
        ({"setup_username": "o"}, "Der Benutzername braucht 3–32 Zeichen: Buchstaben a–z ohne Umlaute, Ziffern, Punkt, Binde- oder "
                                  "Unterstrich, am Anfang ein Buchstabe oder eine Ziffer."),
        ({"setup_email": "olga"}, "Das sieht nicht wie eine E-Mail-Adresse aus."),
    ],
)
def test_setup_refuses_bad_input_with_message_and_stores_nothing(frame, empty_store, fields, message):
    at = fill_setup(frame.open(), **fields)
    at.button(key=SET_UP).click().run()
    assert values(at, "error") == [message]
    assert empty_store.event.is_set_up() is False
    assert empty_store.event.get() is None
    assert at.text_input(key="setup_event_name").value == fields.get("setup_event_name", "MINTcamp Hamburg")


def test_setup_refuses_end_before_start(frame, empty_store):
    at = fill_setup(frame.open())
    at.date_input(key="setup_starts_on").set_value("2026-11-28")
    at.date_input(key="setup_ends_on").set_value("2026-11-27")
    at.button(key=SET_UP).click().run()
    assert values(at, "error") == ["Das Ende liegt vor dem Beginn. Tausche die Daten."]
    assert empty_store.event.is_set_up() is False


def test_setup_page_once_set_up_shows_no_form(event):
    at = page("app_pages/setup.py")
    assert values(at, "info") == ["Die Veranstaltung ist schon eingerichtet."]
    assert inputs(at) == []
    assert [u.username for u in event.store.people.list()] == ["anna", "ben", "cem", "orga"]


def test_setup_set_up_event_starts_on_sign_in_not_setup(frame, event):
    at = frame.open()
    assert at.title[0].value == "MINTcamp Test"
    assert ("", "Einrichtung") not in frame.menu()
    assert "setup_event_name" not in [w.key for w in at.text_input]


# -- sign in -----------------------------------------------------------------


def test_signin_right_password_signs_in_and_goes_to_sessions(frame, event):
    at = sign_in(frame.open(), "anna", PARTICIPANT_PASSWORD)
    assert values(at, "success") == ["Hallo Anna Amsel!"]
    assert (at.session_state["authentication_status"], at.session_state["username"]) == (True, "anna")
    assert at.title[0].value == "Sessions"  # the start page sent the signed-in user on
    at.run()  # and the next run keeps them signed in there
    assert at.title[0].value == "Sessions"
    assert values(at, "caption")[-1] == "Angemeldet als Anna Amsel (@anna)"


def test_signin_username_is_case_insensitive(frame, event):
    at = sign_in(frame.open(), "ANNA", PARTICIPANT_PASSWORD)
    assert at.session_state["username"] == "anna"


def test_signin_wrong_password_says_so_and_stays_signed_out(frame, event):
    at = sign_in(frame.open(), "anna", "Falsches-Passwort-1")
    assert values(at, "error") == ["Benutzername oder Passwort stimmt nicht."]
    assert at.session_state["authentication_status"] is False
    at.run()
    assert at.title[0].value == "MINTcamp Test"
    assert frame.menu() == [("", "Anmelden")]


def test_signin_unknown_user_gets_the_same_message(frame, event):
    at = sign_in(frame.open(), "niemand", PARTICIPANT_PASSWORD)
    assert values(at, "error") == ["Benutzername oder Passwort stimmt nicht."]


def test_signin_deactivated_account_cannot_sign_in(frame, event, db_path):
    deactivate(db_path, "ben")
    at = sign_in(frame.open(), "ben", PARTICIPANT_PASSWORD)
    assert values(at, "error") == ["Benutzername oder Passwort stimmt nicht."]
    assert at.session_state["authentication_status"] is not True
    at.run()
    assert frame.menu() == [("", "Anmelden")]


def test_signin_welcome_shows_the_name_as_text(frame, event):
    event.store.accounts.create(None, username="mallory", name="**M** :red[x] <b>y</b>",
                            email="m@example.org", password=PARTICIPANT_PASSWORD)
    at = sign_in(frame.open(), "mallory", PARTICIPANT_PASSWORD)
    assert values(at, "success") == [f"Hallo {escape_markdown('**M** :red[x] <b>y</b>')}!"]


def test_signin_event_name_with_markdown_shown_as_text(frame, event):
    event.store.event.update(event.orga, name="**Fett** :red[rot] <b>x</b>")
    at = frame.open()
    assert at.title[0].value == escape_markdown("**Fett** :red[rot] <b>x</b>")


def test_signin_page_says_when_where_and_what_the_event_is(frame, event):
    """The event's days, venue and description (set on the Event page) greet whoever arrives first."""
    store = event.store
    before = store.event.get()
    at = frame.open()
    assert at.caption[0].value == date_range(before.starts_on, before.ends_on, "de")  # no venue, no description yet
    assert (before.venue, before.description, at.expander) == ("", "", [])
    store.event.update(event.orga, venue="Kulturzentrum <Elbe>", starts_on="2026-12-11", ends_on="2026-12-12",
                       description="**Eintritt frei.** Mehr: [Website](https://camp.example.org) <script>x</script>")
    at = frame.open()
    assert at.caption[0].value == f"Fr 11.12. – Sa 12.12.2026 · {escape_markdown('Kulturzentrum <Elbe>')}"
    about = [m.value for m in at.markdown if "Eintritt" in m.value]
    assert about == ["**Eintritt frei.** Mehr: [Website](https://camp.example.org) &lt;script&gt;x&lt;/script&gt;"]
    assert frame.open(lang="en").caption[0].value.startswith("Fri 11 Dec – Sat 12 Dec 2026 · ")
    store.event.update(event.orga, description="Lang. " * 100)  # a long text folds away above the form
    at = frame.open()
    assert [e.label for e in at.expander] == ["Über die Veranstaltung"]
    assert "Lang. Lang." in at.expander[0].markdown[0].value


# -- sign up -----------------------------------------------------------------


def fill_signup(at: AppTest, **fields) -> AppTest:
    values_ = {
        "signup_username": "emil", "signup_name": "Emil Elch", "signup_email": "emil@example.org",
        "signup_password": "Emils-Passwort-1", "signup_repeat": "Emils-Passwort-1",
    } | fields
    for key, value in values_.items():
        at.text_input(key=key).input(value)
    return at


def test_signup_open_creates_participant_and_signs_in(frame, event, db_path):
    at = fill_signup(frame.open())
    at.button(key=SIGN_UP).click().run()
    emil = event.store.people.get("emil")
    assert (emil.name, emil.email, emil.role, emil.registration) == (
        "Emil Elch", "emil@example.org", Role.PARTICIPANT, Registration.CONFIRMED,
    )
    assert emil.language == "de"
    assert verifies(password_hash(db_path, "emil"), "Emils-Passwort-1")
    assert values(at, "success") == ["Willkommen, Emil Elch! Dein Konto ist angelegt und du bist angemeldet."]
    assert (at.session_state["authentication_status"], at.session_state["username"]) == (True, "emil")
    at.button(key="signup_continue").click().run()
    assert at.title[0].value == "Sessions"
    assert frame.menu() == PARTICIPANT_MENU


def test_signup_welcome_shows_the_name_as_text(frame, event):
    at = fill_signup(frame.open(), signup_name="*Emil* [x](javascript:alert(1))")
    at.button(key=SIGN_UP).click().run()
    assert event.store.people.get("emil").name == "*Emil* [x](javascript:alert(1))"
    assert values(at, "success") == [
        f"Willkommen, {escape_markdown('*Emil* [x](javascript:alert(1))')}! Dein Konto ist angelegt und du bist angemeldet."
    ]


def test_signup_closed_shows_message_and_no_form(frame, event):
    event.store.event.update(event.orga, signup_mode=SignupMode.CLOSED)
    at = frame.open()
    assert values(at, "info") == ["Die Anmeldung ist geschlossen."]
    assert [w.key for w in at.text_input if w.key and w.key.startswith("signup_")] == []
    assert [t.label for t in at.tabs] == ["Anmelden", "Registrieren"]
    assert SIGN_IN in [b.key for b in at.button]  # signing in still works


def test_signup_invite_code_wrong_refused(frame, event):
    event.store.event.update(event.orga, signup_mode=SignupMode.INVITE, invite_code="robo-2026")
    at = fill_signup(frame.open(), signup_invite="robo-2025")
    at.button(key=SIGN_UP).click().run()
    assert values(at, "error") == ["Der Einladungscode stimmt nicht. Frag das Orga-Team."]
    assert event.store.people.get("emil") is None
    assert at.session_state["authentication_status"] is not True


def test_signup_invite_code_right_creates_account(frame, event):
    event.store.event.update(event.orga, signup_mode=SignupMode.INVITE, invite_code="robo-2026")
    at = fill_signup(frame.open(), signup_invite=" robo-2026 ")
    at.button(key=SIGN_UP).click().run()
    assert event.store.people.get("emil").registration is Registration.CONFIRMED
    assert values(at, "success") == ["Willkommen, Emil Elch! Dein Konto ist angelegt und du bist angemeldet."]


def test_signup_open_mode_asks_no_invite_code(frame, event):
    at = frame.open()
    assert "signup_invite" not in [w.key for w in at.text_input]
    assert [w.key for w in at.text_input if w.key.startswith("signup_")] == [
        "signup_username", "signup_name", "signup_email", "signup_password", "signup_repeat"]
    assert at.button(key="FormSubmitter:signup_form-Registrieren").label == "Registrieren"


def test_signup_event_full_goes_on_waiting_list_and_says_so(frame, event):
    event.store.event.update(event.orga, capacity=3)  # anna, ben and cem
    at = fill_signup(frame.open())
    at.button(key=SIGN_UP).click().run()
    assert event.store.people.get("emil").registration is Registration.WAITING
    assert values(at, "info") == [
        "Die Veranstaltung ist voll. Du stehst auf Platz 1 der Warteliste; wird ein Platz frei, "
        "rückst du automatisch nach."
    ]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"signup_repeat": "Anderes-Passwort-1"}, "Die beiden Passwörter stimmen nicht überein."),
        ({"signup_password": "kurz", "signup_repeat": "kurz"}, "Das Passwort braucht mindestens 8 Zeichen."),
        ({"signup_username": "Anna"}, "Den Benutzernamen „anna“ gibt es schon. Wähle einen anderen."),
        ({"signup_name": " "}, "Bitte gib einen Anzeigenamen an."),
        ({"signup_email": "emil@"}, "Das sieht nicht wie eine E-Mail-Adresse aus."),
    ],
)
def test_signup_refuses_bad_input_with_message(frame, event, fields, message):
    at = fill_signup(frame.open(), **fields)
    at.button(key=SIGN_UP).click().run()
    assert values(at, "error") == [message]
    assert event.store.people.get("emil") is None
    assert len(event.store.people.list()) == 4
    assert at.session_state["authentication_status"] is not True


def test_signup_names_every_wrong_field_at_once(frame, event):
    at = fill_signup(frame.open(), signup_username="a", signup_name=" ", signup_email="emil@",
                     signup_password="kurz", signup_repeat="anders")
    at.button(key=SIGN_UP).click().run()
    assert values(at, "error") == ["\n".join([
        "- Der Benutzername braucht 3–32 Zeichen: Buchstaben a–z ohne Umlaute, Ziffern, Punkt, Binde- oder Unterstrich, "
        "am Anfang ein Buchstabe oder eine Ziffer.",
        "- Bitte gib einen Anzeigenamen an.",
        "- Das sieht nicht wie eine E-Mail-Adresse aus.",
        "- Das Passwort braucht mindestens 8 Zeichen.",
        "- Die beiden Passwörter stimmen nicht überein.",
    ])]
    assert len(event.store.people.list()) == 4


def test_signup_names_a_taken_username_with_the_other_wrong_fields(frame, event):
    at = fill_signup(frame.open(), signup_username="Anna", signup_password="kurz", signup_repeat="kurz")
    at.button(key=SIGN_UP).click().run()
    assert values(at, "error") == ["- Den Benutzernamen „anna“ gibt es schon. Wähle einen anderen.\n- Das Passwort braucht mindestens 8 Zeichen."]


def test_setup_names_every_wrong_field_at_once(frame, empty_store):
    at = fill_setup(frame.open(), setup_event_name=" ", setup_email="olga", setup_repeat="Anderes-Passwort-1")
    at.button(key=SET_UP).click().run()
    assert values(at, "error") == ["\n".join([
        "- Bitte gib der Veranstaltung einen Namen.",
        "- Das sieht nicht wie eine E-Mail-Adresse aus.",
        "- Die beiden Passwörter stimmen nicht überein.",
    ])]
    assert empty_store.event.get() is None


# -- my account --------------------------------------------------------------


def change_password(at: AppTest, old: str, new: str, repeat: str | None = None) -> AppTest:
    at.text_input(key="pw_old").input(old)
    at.text_input(key="pw_new").input(new)
    at.text_input(key="pw_repeat").input(new if repeat is None else repeat)
    return at.button(key=CHANGE_PASSWORD).click().run()


def test_account_shows_who_i_am(event):
    at = page("app_pages/account.py", event.anna)
    assert at.title[0].value == "Mein Konto"
    assert values(at, "markdown")[0] == f"**Anna Amsel** (@anna) · {escape_markdown('anna@example.org')} · Teilnehmer:in"


def test_account_user_text_shown_literally(event):
    event.store.accounts.create(None, username="mallory", name="**M** <img src=x> :red[x]",
                            email="m@example.org", password=PARTICIPANT_PASSWORD)
    mallory = event.store.people.get("mallory")
    at = page("app_pages/account.py", mallory)
    assert values(at, "markdown")[0].startswith(f"**{escape_markdown('**M** <img src=x> :red[x]')}** (@mallory)")


def test_account_change_password_stores_new_hash(event, db_path):
    before = password_hash(db_path, "anna")
    at = change_password(page("app_pages/account.py", event.anna), PARTICIPANT_PASSWORD, NEW_PASSWORD)
    assert values(at, "success") == ["Dein Passwort ist geändert."]
    assert "Auf allen anderen Geräten bist du jetzt abgemeldet." in values(at, "caption")
    assert at.session_state["authentication_status"] is True  # this device stays signed in
    after = password_hash(db_path, "anna")
    assert after != before and after.startswith("$2b$")
    assert verifies(after, NEW_PASSWORD) and not verifies(after, PARTICIPANT_PASSWORD)
    assert event.store.accounts.authenticate("anna", PARTICIPANT_PASSWORD) is None
    assert event.store.accounts.authenticate("anna", NEW_PASSWORD).username == "anna"


def test_account_new_password_signs_in_old_does_not(frame, event):
    change_password(page("app_pages/account.py", event.anna), PARTICIPANT_PASSWORD, NEW_PASSWORD)
    old = sign_in(frame.open(), "anna", PARTICIPANT_PASSWORD)
    assert values(old, "error") == ["Benutzername oder Passwort stimmt nicht."]
    new = sign_in(frame.open(), "anna", NEW_PASSWORD)
    assert new.session_state["authentication_status"] is True


@pytest.mark.parametrize(
    ("old", "new", "repeat", "message"),
    [
        ("Falsches-Passwort-1", NEW_PASSWORD, None, "Das bisherige Passwort stimmt nicht."),
        (PARTICIPANT_PASSWORD, NEW_PASSWORD, "Anderes-Passwort-2", "Die beiden Passwörter stimmen nicht überein."),
        (PARTICIPANT_PASSWORD, "kurz", None, "Das Passwort braucht mindestens 8 Zeichen."),
    ],
)
def test_account_change_password_refused_keeps_old_hash(event, db_path, old, new, repeat, message):
    before = password_hash(db_path, "anna")
    at = change_password(page("app_pages/account.py", event.anna), old, new, repeat)
    assert values(at, "error") == [message]
    assert password_hash(db_path, "anna") == before
    assert values(at, "success") == []


def test_account_wrong_current_password_in_english_keeps_old_hash(event, db_path):
    before = password_hash(db_path, "anna")
    at = page("app_pages/account.py", event.anna, lang="en")
    at.text_input(key="pw_old").input("Wrong-Password-1")
    at.text_input(key="pw_new").input(NEW_PASSWORD)
    at.text_input(key="pw_repeat").input(NEW_PASSWORD)
    at.button(key="FormSubmitter:password_form-Change password").click().run()
    assert not at.exception
    assert values(at, "error") == ["The current password is wrong."]
    assert values(at, "success") == []
    assert password_hash(db_path, "anna") == before


def test_account_cancel_needs_confirmation_then_rejoin(event):
    at = page("app_pages/account.py", event.anna)
    assert at.button(key="cancel_registration").disabled is True
    at.checkbox(key="cancel_confirm").check().run()
    at.button(key="cancel_registration").click().run()
    assert event.store.people.get("anna").registration is Registration.CANCELLED
    assert values(at, "info") == [
        "Du hast deine Teilnahme abgesagt. Melde dich unter „Mein Konto“ wieder an."
    ]
    at.button(key="rejoin").click().run()
    assert event.store.people.get("anna").registration is Registration.CONFIRMED


def test_account_organiser_has_no_participation_section(event):
    at = page("app_pages/account.py", event.orga)
    assert "Teilnahme" not in values(at, "subheader")
    assert "cancel_registration" not in [b.key for b in at.button]
    assert values(at, "subheader") == ["Passwort ändern", "Kalender-Abo", "Angemeldete Geräte"]
    assert values(at, "markdown")[0].endswith(" · Orga")


def test_account_signed_out_sees_only_sign_in_hint(event):
    at = page("app_pages/account.py")
    assert values(at, "warning") == ["Bitte melde dich zuerst an."]
    assert [w.key for w in at.text_input] == []


def test_language_switch_saved_for_the_user(frame, event):
    at = frame.open(event.anna)
    at.segmented_control(key="lang_choice").set_value("en").run()
    assert event.store.people.get("anna").language == "en"
    assert at.title[0].value == "Sessions"
    assert values(at, "caption")[-1] == "Signed in as Anna Amsel (@anna)"


def test_language_saved_is_taken_at_next_sign_in(frame, event):
    event.store.accounts.set_language(event.anna, "en")
    at = sign_in(frame.open(lang="de"), "anna", PARTICIPANT_PASSWORD)
    assert at.title[0].value == "Sessions"  # signed in before the run: straight on, in English
    assert event.store.people.get("anna").language == "en"
    assert at.session_state["lang"] == "en"
    assert at.button(key="sign_out").label == "Sign out"


def test_language_picked_before_sign_in_is_kept_and_stored(frame, event):
    event.store.accounts.set_language(event.anna, "de")
    at = frame.open(lang="de")
    at.segmented_control(key="lang_choice").set_value("en").run()
    name_field, password_field = [w for w in at.text_input if w.form_id == "login_form"]
    name_field.input("anna")
    password_field.input(PARTICIPANT_PASSWORD)
    at = at.button(key="FormSubmitter:login_form-Sign in").click().run()
    assert at.session_state["lang"] == "en"
    assert at.title[0].value == "Sessions"
    assert at.button(key="sign_out").label == "Sign out"
    assert event.store.people.get("anna").language == "en"


# -- the frame: menu and sign-out --------------------------------------------


def test_frame_signed_out_menu_shows_only_sign_in(frame, event):
    frame.open()
    assert frame.menu() == [("", "Anmelden")]


def test_frame_signed_out_menu_shows_published_schedule(frame, event):
    event.store.event.update(event.orga, schedule_published=True)
    frame.open()
    assert frame.menu() == [("", "Anmelden"), ("Barcamp", "Programm")]


def test_signin_page_links_the_published_schedule(frame, event):
    """On a phone the menu is folded away: the sign-in page itself leads to the schedule once it is public."""
    assert frame.open().get("page_link") == []  # not published yet: nothing to see
    event.store.event.update(event.orga, schedule_published=True)
    at = frame.open()
    assert [(link.proto.label, link.proto.page) for link in at.get("page_link")] == [
        ("Zum Programm – ohne Anmeldung", "schedule")]
    at = frame.open(lang="en")
    assert [link.proto.label for link in at.get("page_link")] == ["See the schedule – no sign-in needed"]


def test_frame_participant_menu_has_no_organiser_page(frame, event):
    frame.open(event.anna)
    assert frame.menu() == PARTICIPANT_MENU
    assert [title for section, title in frame.menu() if section == "Orga"] == []


def test_frame_organiser_menu_has_the_organiser_pages(frame, event):
    frame.open(event.orga)
    assert [entry for entry in frame.menu() if entry[0] != "Orga"] == PARTICIPANT_MENU
    assert {title for section, title in frame.menu() if section == "Orga"} >= ORGANISER_PAGES


def test_frame_sign_out_ends_the_session(frame, event):
    at = frame.open(event.anna)
    at.button(key="sign_out").click().run()
    assert at.session_state["authentication_status"] is None
    assert at.session_state["username"] is None
    assert frame.menu() == [("", "Anmelden")]
    at.run()
    assert "sign_out" not in [b.key for b in at.button]
    assert at.title[0].value == "MINTcamp Test"  # the start page again, with the sign-in form
    assert SIGN_IN in [b.key for b in at.button]
    assert "Noch keine Sessions. Schlag die erste vor!" not in texts(at)


def test_signing_out_on_a_members_page_goes_to_the_start_page_and_says_so(frame, event):
    """It said "Bitte melde dich zuerst an." on the page one had just left."""
    at = frame.open(event.anna)
    assert at.title[0].value == "Sessions"
    at.button(key="sign_out").click().run()
    assert at.title[0].value == "MINTcamp Test"
    assert values(at, "success") == ["Du bist abgemeldet."]
    assert values(at, "warning") == []
    at.run()
    assert values(at, "success") == []  # said once


def test_a_link_to_a_members_page_signed_out_offers_sign_up_too(frame, event):
    at = frame.open()
    at.switch_page("pages/sessions.py").run()
    assert values(at, "warning") == ["Bitte melde dich zuerst an."]
    assert [(p.proto.label, p.proto.page) for p in at.get("page_link")] == [
        ("Noch kein Konto? Zur Registrierung", "")]  # the start page: "/"


def test_frame_deactivated_user_is_signed_out_on_next_run(frame, event, db_path):
    at = frame.open(event.anna)
    assert at.title[0].value == "Sessions"
    deactivate(db_path, "anna")
    at.run()
    assert at.session_state["authentication_status"] is None
    assert frame.menu() == [("", "Anmelden")]
    assert "sign_out" not in [b.key for b in at.button]


def test_frame_sidebar_shows_the_name_as_text(frame, event):
    event.store.accounts.create(None, username="mallory", name="**M** :red[x]",
                            email="m@example.org", password=PARTICIPANT_PASSWORD)
    at = frame.open(event.store.people.get("mallory"))
    assert values(at, "caption")[-1] == f"Angemeldet als {escape_markdown('**M** :red[x]')} (@mallory)"


def test_signin_page_offers_the_other_language_on_the_page_and_keeps_it_for_the_account(event):
    """On a phone the sidebar's switch hides behind the menu button: the page has one too."""
    from tests.app.conftest import app

    at = app()
    assert [b.label for b in at.button if b.key == "signin_lang_en"] == ["English"]
    at.button(key="signin_lang_en").click().run()
    assert at.session_state["lang"] == "en"
    assert [b.label for b in at.button if b.key == "signin_lang_de"] == ["Deutsch"]
    assert "FormSubmitter:login_form-Sign in" in [b.key for b in at.button]
    name_field, password_field = [w for w in at.text_input if w.form_id == "login_form"]
    name_field.input("anna")
    password_field.input(PARTICIPANT_PASSWORD)
    at.button(key="FormSubmitter:login_form-Sign in").click().run()
    assert event.store.people.get("anna").language == "en"


def test_name_fields_stop_typing_at_their_limits(frame, event):
    """Short fields show their limit as a counter; the store refuses longer ones all the same."""
    at = frame.open()
    limits = {w.key: w.max_chars for w in at.text_input if w.key and w.key.startswith("signup_")}
    assert {k: limits[k] for k in ("signup_username", "signup_name", "signup_email")} == {
        "signup_username": 32, "signup_name": 80, "signup_email": 254}
