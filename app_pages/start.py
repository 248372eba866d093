"""Organisers: where the event stands. A checklist until the first release, then the day's state."""

from __future__ import annotations

import streamlit as st

from app_pages import ui
from planner.domain.checklist import checklist
from planner.models import Role
from planner.domain.releases import diff
from planner.site.addresses import site_path

user = ui.require_user(Role.ORGANISER)
store = ui.store()
event = store.event.get()

st.title(ui.tr("start.title"))
releases = store.releases.all()
steps = checklist(event, rooms=store.venue.rooms(), slots=store.venue.slots(), topics=store.topics.list(),
                  sessions=store.sessions.list(), placements=store.grid.working(), releases=releases)

if not (releases and event.schedule_published):
    done = sum(s.done for s in steps)
    st.write(ui.tr("start.intro"))
    st.progress(done / len(steps), text=ui.tr("start.progress", done=done, total=len(steps)))
    for number, step in enumerate(steps, start=1):
        with st.container(border=True, key=f"step_{step.key}"):
            mark = ":green[:material/check_circle:]" if step.done else ":orange[:material/radio_button_unchecked:]"
            state = ui.tr("start.done") if step.done else ui.tr("start.todo")
            st.markdown(f"{mark} **{number}. {ui.tr(f'checklist.{step.key}')}** · {state}")
            if step.count is not None:
                st.caption(ui.tr(f"checklist.{step.key}_count", n=step.count))
            st.caption(ui.tr(f"checklist.{step.key}_hint"))
            ui.page_link(step.page, ui.tr(f"checklist.{step.key}_go"))
else:
    latest = releases[-1]
    st.success(ui.say("start.published", name=latest.name, when=ui.when(latest.created_at, event.timezone)),
               icon=":material/event_available:")
    changes = diff(latest, store.releases.preview())
    if changes:
        st.warning(ui.tr("start.unpublished", n=len(changes)), icon=":material/edit_calendar:")
    else:
        st.info(ui.tr("start.draft_same"), icon=":material/check:")
    waiting = len(store.registration.waiting_list())
    c1, c2, c3 = st.columns(3)
    c1.metric(ui.tr("start.people"), store.registration.confirmed_count())
    c2.metric(ui.tr("start.waiting"), waiting)
    c3.metric(ui.tr("start.sessions"), len(latest.items))
    if event.display_enabled:
        st.caption(ui.tr("start.screens_on"))
    else:
        st.warning(ui.tr("start.screens_off"), icon=":material/tv_off:")
    with st.container(horizontal=True, key="start_links"):
        st.link_button(ui.tr("schedule.public_site"), site_path("schedule", ui.lang()), icon=":material/open_in_new:")
        ui.page_link("planning", ui.tr("checklist.plan_go"))
        ui.page_link("screens", ui.tr("checklist.screens_go"))
