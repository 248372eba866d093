"""Organisers: sign-up mode, invite code, and which phases are open."""

from __future__ import annotations

import streamlit as st

from pages import ui
from planner.errors import PlannerError
from planner.i18n import LANGUAGES
from planner.models import Role, SignupMode

user = ui.require_user(Role.ORGANISER)
store = ui.store()
event = store.get_event()

st.title(ui.tr("event.title"))
st.caption(ui.tr("event.summary", name=ui.md(event.name), starts=event.starts_on, ends=event.ends_on, tz=event.timezone))

with st.form("event_form"):
    mode = st.radio(
        ui.tr("event.signup_mode"),
        list(SignupMode),
        index=list(SignupMode).index(event.signup_mode),
        format_func=lambda m: ui.tr(f"signup.{m}"),
        key="event_signup_mode",
        horizontal=True,
    )
    invite = st.text_input(
        ui.tr("event.invite_code"),
        key="event_invite_code",
        placeholder=ui.tr("event.invite_code_set") if event.has_invite_code else "",
        help=ui.tr("event.invite_code_help"),
    )
    proposals_open = st.toggle(ui.tr("event.proposals_open"), value=event.proposals_open, key="event_proposals_open")
    voting_open = st.toggle(ui.tr("event.voting_open"), value=event.voting_open, key="event_voting_open")
    language = st.selectbox(
        ui.tr("setup.language"), list(LANGUAGES), index=list(LANGUAGES).index(event.default_language),
        format_func=lambda c: ui.tr(f"lang.{c}"), key="event_language",
    )
    submitted = st.form_submit_button(ui.tr("event.save"), type="primary")

if submitted:
    try:
        store.update_event(
            user,
            signup_mode=mode,
            invite_code=invite if invite.strip() else None,
            proposals_open=proposals_open,
            voting_open=voting_open,
            default_language=language,
        )
    except PlannerError as err:
        ui.show_error(err)
    else:
        st.success(ui.tr("event.saved"), icon=":material/check_circle:")
