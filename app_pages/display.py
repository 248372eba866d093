"""Organisers: the addresses of the venue screens, to open on a TV in the foyer or a tablet by a door.

The screens themselves are plain pages of the public server
(``/p/display``, ``/p/display/<room>``); this page lists them for this
event, with the screen token when one is set.
"""

from __future__ import annotations

from datetime import date, time

import streamlit as st

from app_pages import ui
from planner.domain.board import foyer_rooms, screen_links
from planner.domain.releases import without_withdrawn
from planner.models import Role

user = ui.require_user(Role.ORGANISER)
store = ui.store()
event = store.event.get()
rooms = store.venue.rooms()

st.title(ui.tr("screens.title"))
st.markdown(ui.tr("screens.intro"))

if event.display_enabled:
    st.success(ui.tr("screens.on"), icon=":material/tv:")
else:
    st.warning(ui.tr("screens.off"), icon=":material/tv_off:")
if not event.schedule_published:
    st.info(ui.tr("screens.unpublished"), icon=":material/info:")
if event.display_token:
    st.caption(ui.tr("screens.token_set"))
if not event.base_url:
    st.caption(ui.tr("screens.no_base_url"))
st.page_link("app_pages/event.py", label=ui.tr("screens.to_event"), icon=":material/settings:")

at = ""
if st.toggle(ui.tr("screens.rehearse"), key="screens_rehearse", help=ui.tr("screens.rehearse_help")):
    first, last = date.fromisoformat(event.starts_on), date.fromisoformat(event.ends_on)
    c1, c2 = st.columns(2)
    day = c1.date_input(ui.tr("screens.rehearse_day"), value=first, min_value=first, max_value=last,
                        key="screens_at_day", format=ui.date_format())
    moment = c2.time_input(ui.tr("screens.rehearse_time"), value=time(10, 0), step=300, key="screens_at_time")
    at = f"{day.isoformat()}T{moment.strftime('%H:%M')}"

# The foyer's rooms as the screen counts them: the public release, without sessions withdrawn since.
public = store.releases.latest() if event.schedule_published else None
if public is not None:
    public = without_withdrawn(public, {s.id for s in store.sessions.list()})
links = screen_links(event.base_url, rooms, token=event.display_token, at=at, foyer=foyer_rooms(rooms, public))


def show(label: str, url: str, key: str) -> None:
    """A screen's address: a button that opens it and the address to copy."""
    c1, c2 = st.columns([1, 2], vertical_alignment="center")
    c1.link_button(label, url, key=key, icon=":material/open_in_new:")
    with c2:
        st.code(url, language=None, wrap_lines=True)


st.subheader(ui.tr("screens.foyer"))
st.caption(ui.tr("screens.foyer_help"))
for link in (s for s in links if s.room is None):
    if link.page:
        label = ui.say("screens.foyer_page", page=link.page, rooms=", ".join(r.name for r in link.rooms))
    else:
        label = ui.tr("screens.foyer_all")
    show(label, link.url, f"screens_foyer_{link.page}")

st.subheader(ui.tr("screens.doors"))
st.caption(ui.tr("screens.doors_help"))
doors = [s for s in links if s.room is not None]
if not doors:
    st.info(ui.tr("screens.no_rooms"), icon=":material/meeting_room:")
for link in doors:
    show(ui.md(link.room.name), link.url, f"screens_door_{link.room.id}")
