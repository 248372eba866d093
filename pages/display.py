"""The venue screen at /display: now and next per room, updating itself.

Public (no sign-in), showing only the published release; organisers can
switch it off or require ``?token=``. ``?room=<id or name>`` is door mode,
``?at=2026-11-28T11:10`` shows any moment (rehearsal, tests), ``?page=2``
keeps one group of rooms instead of turning the pages every 15 seconds.
"""

from __future__ import annotations

import time

import streamlit as st

from pages import ui
from planner.site import screen as display_html
from planner.display import board, local_now, pages_of
from planner.i18n import LANGUAGES

ROOMS_PER_PAGE = 6
SECONDS_PER_PAGE = 15

store = ui.store()
params = st.query_params
if params.get("lang") in LANGUAGES:
    st.session_state["lang"] = params["lang"]
st.html(display_html.STYLE)  # dark, full screen, no Streamlit chrome

override = params.get("at")
if override:
    try:
        local_now("UTC", override)  # an override is local time already: the zone is not used
    except ValueError:
        st.toast(ui.tr("display.at_invalid"))
        override = None


def show_state(key: str) -> None:
    """A message in place of the schedule."""
    st.html(f'<div class="vs"><div class="vs-state">{ui.tr(key)}</div></div>')


def refusal(current) -> str:
    """Why this screen may not show the schedule now: a message key, or "" when it may."""
    if current is None or not current.display_enabled:
        return "display.off"
    if current.display_token and params.get("token") != current.display_token:
        return "display.token_needed"
    return ""


@st.fragment(run_every=5)
def screen() -> None:
    """Redrawn every 5 s: a new release or the next minute shows without a reload.

    The switch and the token are checked on every redraw: a screen left
    running all day goes dark within seconds when organisers switch it off
    or set a token, and comes on when they switch it on.
    """
    current = store.get_event()
    if refused := refusal(current):
        show_state(refused)
        return
    release = store.latest_release() if current.schedule_published else None
    rooms = store.list_rooms()
    at = local_now(current.timezone, override)
    b = board(release, store.list_slots(), rooms, at)
    topics = {t.id: t.colour for t in store.list_topics()}
    colours = {
        s.id: topics[s.topic_ids[0]] for s in store.list_sessions() if s.topic_ids and s.topic_ids[0] in topics
    }
    qr_url = f"{current.base_url.rstrip('/')}/p/schedule" if current.base_url else ""
    wanted_room = params.get("room")
    if wanted_room:
        rb = next(
            (r for r in b.rooms if str(r.room.id) == wanted_room or r.room.name.casefold() == wanted_room.casefold()),
            None,
        )
        if rb is None:
            show_state("display.room_unknown")
            return
        st.html(display_html.render_door(b, rb, lang=ui.lang(), colours=colours, qr_url=qr_url))
        return
    groups = pages_of(list(b.rooms), ROOMS_PER_PAGE)
    fixed = params.get("page", "")
    if fixed.isdigit() and 1 <= int(fixed) <= len(groups):
        page = int(fixed) - 1  # one screen per group, e.g. two TVs side by side
    else:
        page = int(time.time() // SECONDS_PER_PAGE) % len(groups)
    st.html(
        display_html.render(
            b, event_name=current.name, lang=ui.lang(), colours=colours, rooms=groups[page],
            page=page, pages=len(groups), qr_url=qr_url,
        )
    )


screen()
