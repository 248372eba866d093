"""The frame: page config, language, sign-in, and the pages this user may see."""

from __future__ import annotations

import streamlit as st
import streamlit_authenticator as stauth
from streamlit_authenticator.utilities.exceptions import LoginError

from pages import ui
from planner.i18n import LANGUAGES
from planner.models import Role

COOKIE_NAME = "barcamp_planner_auth"

st.set_page_config(page_title="Barcamp Planner", page_icon=":material/event:", layout="wide")

store = ui.store()
event = store.get_event()

# Language: the user's own choice, else the event's default.
st.session_state.setdefault("lang", event.default_language if event else "de")

if not store.is_set_up():
    st.navigation(
        [st.Page("pages/setup.py", title=ui.tr("nav.setup"), icon=":material/build:", url_path="setup")]
    ).run()
    st.stop()

authenticator = stauth.Authenticate(
    store.credentials(),
    cookie_name=COOKIE_NAME,
    cookie_key=store.cookie_key(),
    cookie_expiry_days=14,
    auto_hash=False,
    login_sleep_time=0,
)
st.session_state["_authenticator"] = authenticator

try:
    authenticator.login(location="unrendered")
except LoginError:
    # A cookie for an account that is gone or deactivated: sign it out.
    authenticator.logout(location="unrendered")

user = ui.current_user()
if st.session_state.get("authentication_status") and user is None:
    authenticator.logout(location="unrendered")
elif user is None and st.session_state.get("logout") and COOKIE_NAME in st.context.cookies:
    # The browser may still hold the cookie after a quick sign-out: delete
    # it once more, or a reload would sign the user in again.
    if st.session_state.get("_cookie_deletes", 0) < 2:
        st.session_state["_cookie_deletes"] = st.session_state.get("_cookie_deletes", 0) + 1
        authenticator.cookie_controller.delete_cookie()

if user is not None and st.session_state.get("_lang_from_user") != user.id:
    # First run after sign-in: take the user's saved language.
    st.session_state["_lang_from_user"] = user.id
    if user.language in LANGUAGES:
        st.session_state["lang"] = user.language

with st.sidebar:
    choice = st.segmented_control(
        ui.tr("nav.language"),
        options=list(LANGUAGES),
        format_func=lambda code: {"de": "Deutsch", "en": "English"}[code],
        default=ui.lang(),
        key="lang_choice",
    )
    if choice and choice != ui.lang():
        st.session_state["lang"] = choice
        if user is not None:
            store.set_language(user, choice)
        st.rerun()
    if user is not None:
        st.caption(ui.tr("nav.signed_in_as", name=user.name, username=user.username))
        if st.button(ui.tr("nav.sign_out"), key="sign_out", icon=":material/logout:"):
            authenticator.logout(location="unrendered")
            st.session_state["_cookie_deletes"] = 0
            user = None

pages: dict[str, list[st.Page]] = {}
if user is None:
    pages[""] = [
        st.Page("pages/signin.py", title=ui.tr("nav.signin"), icon=":material/login:", url_path="signin", default=True),
    ]
else:
    pages[ui.tr("nav.group.event")] = [
        st.Page("pages/sessions.py", title=ui.tr("nav.sessions"), icon=":material/how_to_vote:", url_path="sessions", default=True),
        st.Page("pages/propose.py", title=ui.tr("nav.propose"), icon=":material/add_circle:", url_path="propose"),
        st.Page("pages/topics.py", title=ui.tr("nav.topics"), icon=":material/label:", url_path="topics"),
        st.Page("pages/availability.py", title=ui.tr("nav.availability"), icon=":material/event_busy:", url_path="availability"),
        st.Page("pages/account.py", title=ui.tr("nav.account"), icon=":material/person:", url_path="account"),
    ]
    if user.role is Role.ORGANISER:
        pages[ui.tr("nav.group.organise")] = [
            st.Page("pages/event.py", title=ui.tr("nav.event"), icon=":material/settings:", url_path="event"),
            st.Page("pages/rooms.py", title=ui.tr("nav.rooms"), icon=":material/meeting_room:", url_path="rooms"),
            st.Page("pages/participants.py", title=ui.tr("nav.participants"), icon=":material/group:", url_path="participants"),
            st.Page("pages/moderation.py", title=ui.tr("nav.moderation"), icon=":material/gavel:", url_path="moderation"),
        ]

st.navigation(pages).run()
