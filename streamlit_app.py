"""The frame: page config, language, sign-in, and the pages this user may see."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from app_pages import ui
from planner.i18n import LANGUAGES
from planner.models import Role

# The favicon is a file of ours: a :material/...: icon would be fetched from a
# font host, which an offline venue network cannot reach.
st.set_page_config(page_title="Barcamp Planner", page_icon=str(Path(__file__).parent / "app_pages/ui/favicon.png"),
                   layout="wide")

store = ui.store()
event = store.event.get()

# Language: the user's own choice, else the event's default.
st.session_state.setdefault("lang", event.default_language if event else "de")

if not store.event.is_set_up():
    st.navigation(
        [st.Page("app_pages/setup.py", title=ui.tr("nav.setup"), icon=":material/build:", url_path="setup")]
    ).run()
    st.stop()

# Who is signed in: this tab's sign-in, or the cookie's, checked against the
# database on every run (see app_pages/ui, "signing in"). A bad cookie of any
# kind means signed out, with one line in the log.
st.session_state["_frame"] = True
found = ui.signed_in()
user = found[0] if found else None

if user is not None and st.session_state.get("_lang_from_user") != user.id:
    # First run after sign-in: a language picked just before signing in wins
    # and is stored; else the user's saved one.
    st.session_state["_lang_from_user"] = user.id
    if st.session_state.pop("_lang_picked", False):
        if user.language != ui.lang():
            store.accounts.set_language(user, ui.lang())
    elif user.language in LANGUAGES:
        # The switch too: it still holds the language from before sign-in
        # and would otherwise save that over the user's choice.
        st.session_state["lang"] = st.session_state["lang_choice"] = user.language

# The page's language for screen readers, hyphenation and translation tools:
# Streamlit's own index.html always says "en".
st.html(f"<script>document.documentElement.lang = {ui.lang()!r};</script>", unsafe_allow_javascript=True)
st.html(ui.sidebar_closer(), unsafe_allow_javascript=True)
# The sign-in cookie: set after a sign-in, deleted after a sign-out or when refused.
cookie_slot = st.empty()
if cookie_script := ui.sync_cookie(found):
    cookie_slot.html(cookie_script, unsafe_allow_javascript=True)


def _sidebar() -> None:
    """Language switch and sign-out."""
    choice = st.segmented_control(
        ui.tr("nav.language"),
        options=list(LANGUAGES),
        format_func=lambda code: {"de": "Deutsch", "en": "English"}[code],
        default=None if "lang_choice" in st.session_state else ui.lang(),
        key="lang_choice",
    )
    if choice and choice != ui.lang():
        st.session_state["lang"] = choice
        if user is None:
            st.session_state["_lang_picked"] = True  # kept when they sign in next
            st.rerun()
        ui.act(store.accounts.set_language, user, choice, place="language")
    if user is not None:
        st.caption(ui.say("nav.signed_in_as", name=user.name, username=user.username))
        # A callback: it runs before the next run, which is then signed out throughout.
        st.button(ui.tr("nav.sign_out"), key="sign_out", icon=":material/logout:", on_click=ui.sign_out)


with st.sidebar:
    _sidebar()

# Every page is registered for everyone, so an address always resolves (a
# reload signs the user in by cookie only after the first run); the menu
# shows what this user's role may see, and each page checks the role itself.
ANYONE, PUBLIC, SIGNED_IN, ORGANISER = "anyone", "public", "signed_in", "organiser"
PAGES = [
    # (section, file, title key, icon, url path, audience)
    ("", "app_pages/signin.py", "nav.signin", ":material/login:", "signin", ANYONE),
    ("nav.group.event", "app_pages/schedule.py", "nav.schedule", ":material/calendar_view_day:", "schedule", PUBLIC),
    ("nav.group.event", "app_pages/agenda.py", "nav.agenda", ":material/event_note:", "agenda", SIGNED_IN),
    ("nav.group.event", "app_pages/sessions.py", "nav.sessions", ":material/how_to_vote:", "sessions", SIGNED_IN),
    ("nav.group.event", "app_pages/propose.py", "nav.propose", ":material/add_circle:", "propose", SIGNED_IN),
    ("nav.group.event", "app_pages/topics.py", "nav.topics", ":material/label:", "topics", SIGNED_IN),
    ("nav.group.event", "app_pages/availability.py", "nav.availability", ":material/event_busy:", "availability", SIGNED_IN),
    ("nav.group.event", "app_pages/account.py", "nav.account", ":material/person:", "account", SIGNED_IN),
    ("nav.group.organise", "app_pages/start.py", "nav.start", ":material/checklist:", "start", ORGANISER),
    ("nav.group.organise", "app_pages/event.py", "nav.event", ":material/settings:", "event", ORGANISER),
    ("nav.group.organise", "app_pages/planning.py", "nav.planning", ":material/grid_on:", "planning", ORGANISER),
    ("nav.group.organise", "app_pages/rooms.py", "nav.rooms", ":material/meeting_room:", "rooms", ORGANISER),
    ("nav.group.organise", "app_pages/participants.py", "nav.participants", ":material/group:", "participants", ORGANISER),
    ("nav.group.organise", "app_pages/moderation.py", "nav.moderation", ":material/gavel:", "moderation", ORGANISER),
    ("nav.group.organise", "app_pages/exports.py", "nav.exports", ":material/download:", "exports", ORGANISER),
    ("nav.group.organise", "app_pages/display.py", "nav.display", ":material/tv:", "screens", ORGANISER),
]


def _visible(audience: str) -> bool:
    if audience == PUBLIC:  # the schedule: for everyone once published
        return user is not None or bool(event and event.schedule_published)
    if user is None:
        return audience == ANYONE
    if audience == ORGANISER:
        return user.role is Role.ORGANISER
    return audience == SIGNED_IN


# The sign-in page is the default, served at "/" (a default page has no
# path of its own); it sends a signed-in user on to the sessions.
sections: dict[str, list[st.Page]] = {}
for section, path, title, icon, url_path, audience in PAGES:
    sections.setdefault(ui.tr(section) if section else "", []).append(
        st.Page(
            path, title=ui.tr(title), icon=icon, url_path=url_path, default=url_path == "signin",
            visibility="visible" if _visible(audience) else "hidden",
        )
    )

page = st.navigation(sections, position="sidebar", expanded=True)
if user is not None and page.url_path != "" and (welcome := st.session_state.pop("welcome", None)):
    # Just signed in: greeted on the page they land on (the start page, "", sends them on).
    st.success(ui.say("auth.welcome", name=welcome))
page.run()
