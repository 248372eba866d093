"""The published schedule by day; a session's own page; organisers preview the draft."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from app_pages import ui
from planner.exports.registry import FEEDS
from planner.site.addresses import public_address, site_path
from planner.site.grid import CellInfo, render_grid
from planner.site.grid_rows import day_rows
from planner.domain.releases import rooms_with_release
from planner.domain.topics import session_colour
from planner.domain.agenda import by_start, days, filter_items
from planner.i18n import day_label, day_short, slot_label
from planner.models import SlotKind
from planner.domain.text import safe_markdown

store = ui.store()
event = store.event.get()
user = ui.current_user()
release = store.releases.latest()
sessions = {s.id: s for s in store.sessions.list()}
topics = {t.id: t for t in store.topics.list()}
slots = store.venue.slots()

preview = False
if user is not None and user.is_organiser:
    preview = st.toggle(ui.tr("schedule.preview_draft"), key="schedule_preview")
if preview:
    # The working grid as it would be published now, for the organisers' eyes only.
    release = replace(store.releases.preview(), name=ui.tr("schedule.draft"))
elif release is None or not event.schedule_published:
    if user is None:
        ui.require_user()  # nothing public yet: the sign-in form
    st.title(ui.tr("schedule.title"))
    st.info(ui.tr("schedule.not_published"), icon=":material/schedule:")
    st.stop()
rooms = rooms_with_release(store.venue.rooms(), release)  # a room deleted since the release stays in it
rooms_by_id = {r.id: r for r in rooms}

starred = store.agenda.stars_of(user) if user else set()


def _colour(session_id: int) -> str:
    return session_colour(sessions.get(session_id), topics)


def _chips(session_id: int) -> str:
    s = sessions.get(session_id)
    return ui.topic_chips([topics[t] for t in s.topic_ids if t in topics]) if s else ""


# -- one session's page ---------------------------------------------------------
chosen = st.query_params.get("session")
found = chosen and chosen.isdigit() and release.item(int(chosen)) and int(chosen) in sessions
if chosen and not found:  # an old link, or a session withdrawn since: say so above the whole schedule
    st.info(ui.tr("schedule.session_not_in_release"), icon=":material/info:")
    del st.query_params["session"]  # said once; the address is the schedule's again
if found:
    item, s = release.item(int(chosen)), sessions[int(chosen)]
    # Opened from My agenda or the Sessions list: back there, else to the whole schedule.
    came_from, back = {"agenda": ("app_pages/agenda.py", "schedule.back_agenda"),
                       "sessions": ("app_pages/sessions.py", "schedule.back_sessions")}.get(
        st.query_params.get("from"), (None, "schedule.back"))
    if st.button(ui.tr(back), key="schedule_back", icon=":material/arrow_back:"):
        if came_from:
            st.switch_page(came_from)
        del st.query_params["session"]
        st.rerun()
    st.title(ui.md(item.title))  # the release's words: what the schedule and the screens say
    st.markdown(_chips(s.id), unsafe_allow_html=True)
    room = rooms_by_id.get(item.room_id)
    st.markdown(
        f"**{ui.tr('schedule.when')}:** {day_label(item.day, ui.lang())}, {item.start}–{item.end}  \n"
        f"**{ui.tr('schedule.where')}:** {ui.md(item.room)}  \n"
        f"**{ui.tr('schedule.hosts')}:** {ui.md(', '.join(item.hosts))}  \n"
        f"**{ui.tr('sessions.format')}:** {ui.tr(f'format.{s.format}')} · {ui.tr(f'lang.{s.language}')}"
    )
    if room is not None and room.online_url:
        st.link_button(ui.tr("schedule.online"), room.online_url, icon=":material/videocam:")
    if s.doc_url:
        st.link_button(ui.tr("sessions.doc_link"), s.doc_url, icon=":material/description:")
    if s.description:
        st.markdown(safe_markdown(s.description))
    if user is not None:
        on = s.id in starred
        st.button(
            ui.tr("schedule.unstar") if on else ui.tr("schedule.star"), key=f"star_{s.id}",
            icon=":material/star:", on_click=ui.act, args=(store.agenda.set_star, user, s.id, not on),
            kwargs={"place": "star", "callback": True},
        )
        ui.flash("star")
    st.stop()

# -- the schedule -------------------------------------------------------------
st.title(ui.tr("schedule.title"))
if preview:
    st.warning(ui.tr("schedule.draft_caption"), icon=":material/visibility:")
else:
    st.caption(ui.tr("schedule.release", name=ui.md(release.name), when=ui.when(release.created_at, event.timezone)))
if not release.items:
    st.info(ui.tr("schedule.empty"), icon=":material/info:")
    st.stop()

c1, c2, c3, c4 = st.columns([2, 2, 2, 2])
topic_ids = c1.multiselect(ui.tr("sessions.topics"), list(topics), format_func=lambda i: topics[i].name,
                           key="schedule_topics", placeholder=ui.tr("sessions.choose"))
room_ids = c2.multiselect(ui.tr("schedule.rooms"), list(rooms_by_id), format_func=lambda i: rooms_by_id[i].name,
                          key="schedule_rooms", placeholder=ui.tr("sessions.choose"))
languages = c3.multiselect(ui.tr("sessions.language"), ["de", "en"], format_func=lambda c: ui.tr(f"lang.{c}"),
                           key="schedule_languages", placeholder=ui.tr("sessions.choose"))
view = c4.segmented_control(ui.tr("schedule.view"), ["list", "grid"], default="list",
                            format_func=lambda v: ui.tr(f"schedule.view_{v}"), key="schedule_view")


if not preview:
    # The public site serves the same release without a script run: the
    # address to share, and the feeds that apps and calendars subscribe to.
    with st.container(horizontal=True, key="schedule_public"):
        st.link_button(ui.tr("schedule.public_site"), site_path("schedule", ui.lang()), icon=":material/open_in_new:")
    with st.expander(ui.tr("schedule.subscribe"), icon=":material/rss_feed:"):
        if user is not None:
            st.caption(ui.tr("schedule.my_feed"))
        host = st.context.headers.get("host")
        for feed in FEEDS:
            st.caption(ui.tr(feed.site_label))
            st.code(public_address(f"/p/{feed.site_path}", base_url=event.base_url, host=host), language=None, wrap_lines=True)

release_days = days(release)
for tab, day in zip(st.tabs([day_short(d, ui.lang()) for d in release_days], key="schedule_days"), release_days):
    with tab:
        shown = filter_items(release, sessions, day=day, topic_ids=tuple(topic_ids),
                             room_ids=tuple(room_ids), languages=tuple(languages))
        if view == "grid":
            shown_ids = {i.session_id for i in shown}
            shown_rooms = [r for r in rooms if not room_ids or r.id in room_ids]
            rows = day_rows(day, slots, shown_rooms,
                            {i.session_id: (i.room_id, i.slot_ids) for i in release.items if i.session_id in shown_ids})
            cells = {
                i.session_id: CellInfo(i.title, ", ".join(i.hosts), colour=_colour(i.session_id),
                                       href=f"?session={i.session_id}")  # its own page, as in the list
                for i in release.items if i.session_id in shown_ids
            }
            st.html(render_grid(rows, shown_rooms, cells, seats_word=ui.tr("planning.seats"),
                                break_label=ui.break_labels()))
            if len(shown_rooms) > 2:
                st.caption(ui.tr("site.grid_hint"))
            continue
        if not shown:
            st.info(ui.tr("sessions.none"), icon=":material/search_off:")
            continue
        # The day's breaks and plenary blocks between the sessions, as on the public list.
        blocks = [(x.start, x) for x in slots if x.day == day and x.kind is not SlotKind.SESSION]
        entries = sorted([*blocks, *by_start(shown)], key=lambda e: (e[0], isinstance(e[1], list)))
        for start, group in entries:
            st.markdown(f"#### {start}")
            if not isinstance(group, list):
                st.caption(f"{ui.md(slot_label(group.label, group.kind, ui.lang()))} · {group.start}–{group.end}")
                continue
            for item in group:
                with st.container(border=True, key=f"item_{item.session_id}"):
                    st.markdown(f"**{ui.md(item.title)}**"
                                + (" :orange[:material/star:]" if item.session_id in starred else ""))
                    st.caption(f"{item.start}–{item.end} · {ui.md(item.room)} · {ui.md(', '.join(item.hosts))}")
                    chips = _chips(item.session_id)
                    if chips:
                        st.markdown(chips, unsafe_allow_html=True)
                    ui.details_button(item.session_id, on_schedule=True)
