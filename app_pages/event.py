"""Organisers: the event's details, sign-up, phases and how votes are shown."""

from __future__ import annotations

from datetime import date

import streamlit as st

from app_pages import ui
from planner.domain.event import timezone_names
from planner.domain.text import NAME_MAX, VENUE_MAX
from planner.i18n import LANGUAGES
from planner.models import Role, SignupMode, VoteDisplay

user = ui.require_user(Role.ORGANISER)
store = ui.store()
event = store.event.get()

TIMEZONES = sorted({event.timezone, *timezone_names()})  # every zone (type to search), the event's kept

st.title(ui.tr("event.title"))

with st.form("event_form"):
    st.subheader(ui.tr("event.details"))
    name = st.text_input(ui.tr("setup.event_name"), value=event.name, key="event_name", max_chars=NAME_MAX)
    description = st.text_area(ui.tr("event.description"), value=event.description, key="event_description")
    venue = st.text_input(ui.tr("event.venue"), value=event.venue, key="event_venue", max_chars=VENUE_MAX)
    c1, c2, c3 = st.columns(3)
    starts_on = c1.date_input(ui.tr("setup.starts_on"), value=date.fromisoformat(event.starts_on), key="event_starts_on", format=ui.date_format())
    ends_on = c2.date_input(ui.tr("setup.ends_on"), value=date.fromisoformat(event.ends_on), key="event_ends_on", format=ui.date_format())
    timezone_name = c3.selectbox(
        ui.tr("setup.timezone"), TIMEZONES, index=TIMEZONES.index(event.timezone), key="event_timezone"
    )
    language = st.selectbox(
        ui.tr("setup.language"), list(LANGUAGES), index=list(LANGUAGES).index(event.default_language),
        format_func=lambda c: ui.tr(f"lang.{c}"), key="event_language",
    )

    st.subheader(ui.tr("event.registration"))
    mode = st.radio(
        ui.tr("event.signup_mode"), list(SignupMode), index=list(SignupMode).index(event.signup_mode),
        format_func=lambda m: ui.tr(f"signup.{m}"), key="event_signup_mode", horizontal=True,
    )
    invite = st.text_input(
        ui.tr("event.invite_code"), key="event_invite_code",
        placeholder=ui.tr("event.invite_code_set") if event.has_invite_code else "",
        help=ui.tr("event.invite_code_help"),
    )
    capacity = st.number_input(
        ui.tr("event.capacity"), min_value=0, max_value=100_000, step=1,
        value=event.capacity or 0, key="event_capacity", help=ui.tr("event.capacity_help"),
    )

    st.subheader(ui.tr("event.phases"))
    proposals_open = st.toggle(ui.tr("event.proposals_open"), value=event.proposals_open, key="event_proposals_open")
    voting_open = st.toggle(ui.tr("event.voting_open"), value=event.voting_open, key="event_voting_open")
    published = st.toggle(
        ui.tr("event.schedule_published"), value=event.schedule_published, key="event_schedule_published"
    )
    show_votes = st.radio(
        ui.tr("event.show_votes"), list(VoteDisplay), index=list(VoteDisplay).index(event.show_votes),
        format_func=lambda v: ui.tr(f"show_votes.{v}"), key="event_show_votes",
    )
    shuffle = st.toggle(ui.tr("event.shuffle"), value=event.shuffle, key="event_shuffle", help=ui.tr("event.shuffle_help"))
    move_cost = st.number_input(ui.tr("event.move_cost"), 0, 1000, event.move_cost, step=1, key="event_move_cost")

    st.subheader(ui.tr("event.screen"))
    base_url = st.text_input(ui.tr("event.base_url"), value=event.base_url, key="event_base_url",
                             placeholder="https://barcamp.example.org")
    display_enabled = st.toggle(ui.tr("event.display_enabled"), value=event.display_enabled, key="event_display_enabled")
    display_token = st.text_input(ui.tr("event.display_token"), value=event.display_token, key="event_display_token",
                                  help=ui.tr("event.display_token_help"))
    submitted = st.form_submit_button(ui.tr("event.save"), type="primary")

if submitted:
    ui.act(
        lambda: store.event.update(
            user,
            name=name,
            description=description,
            venue=venue,
            starts_on=starts_on,
            ends_on=ends_on,
            timezone_name=timezone_name,
            default_language=language,
            signup_mode=mode,
            invite_code=invite if invite.strip() else None,
            capacity=int(capacity) or None,
            proposals_open=proposals_open,
            voting_open=voting_open,
            schedule_published=published,
            show_votes=show_votes,
            shuffle=shuffle,
            move_cost=int(move_cost),
            base_url=base_url,
            display_enabled=display_enabled,
            display_token=display_token,
        ),
        place="event", done=ui.tr("event.saved"),
    )
ui.flash("event")  # under the save button, where a phone shows it (the form is long)

st.divider()
st.subheader(ui.tr("event.backup"))
st.caption(ui.tr("event.backup_help"))
if st.button(ui.tr("event.backup_make"), key="backup_make", icon=":material/backup:"):
    ui.act(store.backup_bytes, user, place="event", then=lambda data: st.session_state.update(backup_data=data))
if data := st.session_state.get("backup_data"):
    st.download_button(ui.tr("event.backup_download"), data, file_name="barcamp-backup.db",
                       mime="application/vnd.sqlite3", key="backup_download", icon=":material/download:")
with st.form("restore_form"):
    upload = st.file_uploader(ui.tr("event.restore_file"), type=["db", "sqlite", "sqlite3"], key="restore_file")
    sure = st.checkbox(ui.tr("event.restore_confirm"), key="restore_confirm")
    if st.form_submit_button(ui.tr("event.restore_do")):
        if upload is None or not sure:
            st.error(ui.tr("event.restore_needs"))
        else:
            ui.act(store.restore_backup, user, upload.getvalue(), place="event", done=ui.tr("event.restored"))
