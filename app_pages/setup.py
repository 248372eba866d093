"""First start: create the event and the first organiser account."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from app_pages import ui
from planner.domain.event import preferred_timezone, timezone_names
from planner.domain.text import EMAIL_MAX, NAME_MAX, USERNAME_MAX
from planner.i18n import LANGUAGES

store = ui.store()
if store.event.is_set_up():
    # Reachable by deep link on a running event: show nothing of the form.
    st.info(ui.tr("setup.done_already"), icon=":material/check_circle:")
    st.page_link("streamlit_app.py", label=ui.tr("auth.to_start"), icon=":material/home:")
    st.stop()

TIMEZONES = list(timezone_names())


def _switch_language() -> None:
    """The page's language, and the event's default language with it (until picked apart)."""
    choice = st.session_state.get("setup_lang")
    if choice:
        st.session_state["lang"] = st.session_state["setup_language"] = choice


# No sidebar yet: the language switch is on the page (the first guess is the browser's language).
st.segmented_control(
    ui.tr("nav.language"), options=list(LANGUAGES), format_func=ui.language_name,
    default=ui.lang(), key="setup_lang", on_change=_switch_language,
)
st.session_state.setdefault("setup_language", ui.lang())
st.title(ui.tr("setup.title"))
st.write(ui.tr("setup.intro"))

with st.form("setup_form"):
    st.subheader(ui.tr("setup.event"))
    name = st.text_input(ui.tr("setup.event_name"), key="setup_event_name", max_chars=NAME_MAX)
    col1, col2 = st.columns(2)
    starts_on = col1.date_input(
        ui.tr("setup.starts_on"), value=date.today() + timedelta(days=30), key="setup_starts_on", format=ui.date_format()
    )
    ends_on = col2.date_input(
        ui.tr("setup.ends_on"), value=date.today() + timedelta(days=30), key="setup_ends_on", format=ui.date_format()
    )
    col3, col4 = st.columns(2)
    # Every zone (type to search); the browser's is the first guess.
    timezone_name = col3.selectbox(
        ui.tr("setup.timezone"), TIMEZONES, index=TIMEZONES.index(preferred_timezone(st.context.timezone)),
        key="setup_timezone",
    )
    language = col4.selectbox(
        ui.tr("setup.language"),
        list(LANGUAGES),
        format_func=ui.language_name,  # the same words in either language: the choice survives a switch
        key="setup_language",
    )
    st.subheader(ui.tr("setup.organiser"))
    username = st.text_input(ui.tr("auth.username"), key="setup_username", help=ui.tr("auth.username_help"),
                             max_chars=USERNAME_MAX)
    display_name = st.text_input(ui.tr("auth.name"), key="setup_name", max_chars=NAME_MAX)
    email = st.text_input(ui.tr("auth.email"), key="setup_email", max_chars=EMAIL_MAX)
    password = st.text_input(ui.tr("auth.password"), type="password", key="setup_password", help=ui.tr("auth.password_help"))
    repeat = st.text_input(ui.tr("auth.password_repeat"), type="password", key="setup_repeat")
    submitted = st.form_submit_button(ui.tr("setup.submit"), type="primary")

if submitted:
    ui.act(
        lambda: store.event.set_up(
            name=name,
            starts_on=starts_on,
            ends_on=ends_on,
            timezone_name=timezone_name,
            default_language=language,
            organiser_username=username,
            organiser_name=display_name,
            organiser_email=email,
            organiser_password=password,
            password_repeat=repeat,
        ),
        # Confirmed on the sign-in page, in the event's language (set first).
        place="signin", then=lambda _: st.session_state.update(lang=language),
        done=lambda organiser: ui.tr("setup.created", username=organiser.username),
    )
