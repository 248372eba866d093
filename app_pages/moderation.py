"""Organisers: edit any proposal, reject with a reason, restore, merge two into one."""

from __future__ import annotations

import streamlit as st

from app_pages import ui
from app_pages.ui.session_form import edit_session_form, forget_edit
from planner.domain.sessions import host_names
from planner.models import Role, SessionStatus

user = ui.require_user(Role.ORGANISER)
store = ui.store()

st.title(ui.tr("moderation.title"))
ui.flash("moderation")

sessions = store.sessions.list(include_withdrawn=True)
if not sessions:
    st.info(ui.tr("sessions.empty"), icon=":material/info:")
    st.stop()
by_id = {s.id: s for s in sessions}
live = [s.id for s in sessions if s.status is SessionStatus.PROPOSED]


def _label(session_id: int) -> str:
    s = by_id[session_id]
    status = "" if s.status is SessionStatus.PROPOSED else f" [{ui.tr(f'status.{s.status}')}]"
    return f"{s.title} — {', '.join(host_names(s))} · {ui.tr('sessions.votes_n', n=s.votes)}{status}"


chosen = st.selectbox(ui.tr("moderation.choose"), list(by_id), format_func=_label, key="moderation_session")
s = by_id[chosen]
st.caption(ui.tr(f"status.{s.status}") + (f" · {ui.md(s.reject_reason)}" if s.reject_reason else ""))

edit_tab, reject_tab, merge_tab = st.tabs(
    [ui.tr("moderation.edit"), ui.tr("moderation.reject_restore"), ui.tr("moderation.merge")],
    key="moderation_tabs",
)

with edit_tab:
    if s.status is SessionStatus.PROPOSED:
        edit_session_form(store, user, s, place="moderation")
    else:
        st.info(ui.tr("moderation.not_live"), icon=":material/info:")

with reject_tab:
    if s.status is SessionStatus.PROPOSED:
        with st.form("reject_form"):
            reason = st.text_area(ui.tr("moderation.reason"), key="reject_reason", help=ui.tr("moderation.reason_help"))
            if st.form_submit_button(ui.tr("moderation.reject"), type="primary"):
                ui.act(store.sessions.reject, user, s.id, reason, place="moderation", then=lambda _: forget_edit(s.id),
                       done=ui.say("moderation.rejected", title=s.title))
    elif s.status in (SessionStatus.REJECTED, SessionStatus.WITHDRAWN):
        if st.button(ui.tr("moderation.restore"), key="restore_session", type="primary", icon=":material/undo:"):
            ui.act(store.sessions.restore, user, s.id, place="moderation", then=lambda _: forget_edit(s.id),
                   done=ui.say("propose.restored", title=s.title))
    else:
        st.info(ui.tr("error.session_merged"), icon=":material/merge:")

with merge_tab:
    targets = [i for i in live if i != s.id]
    if s.status is SessionStatus.MERGED or not targets:
        st.info(ui.tr("moderation.merge_none"), icon=":material/info:")
    else:
        st.write(ui.tr("moderation.merge_intro", title=ui.md(s.title)))
        with st.form("merge_form"):
            target = st.selectbox(ui.tr("moderation.merge_into"), targets, format_func=_label, key="merge_target")
            if st.form_submit_button(ui.tr("moderation.merge_do"), type="primary"):
                ui.act(store.sessions.merge, user, s.id, target, place="moderation",
                       done=lambda merged: ui.say("moderation.merged", source=s.title, target=merged.title,
                                                  votes=merged.votes))
