"""Propose a session; edit or withdraw the sessions you host."""

from __future__ import annotations

import streamlit as st

from app_pages import ui
from app_pages.ui.session_form import edit_session_form, forget_edit, session_form
from planner.site.addresses import public_address
from planner.models import Registration, SessionStatus

user = ui.require_user()
store = ui.store()
event = store.event.get()
ui.registration_banner(user)
show_counts = event.votes_visible or user.is_organiser


st.title(ui.tr("propose.heading"))
ui.flash("propose")



def _empty_form(_created: object) -> None:
    """For the next proposal: the old form's values go, it comes back under fresh keys."""
    for key in [k for k in st.session_state if str(k).startswith("new_")]:
        del st.session_state[key]
    ui.next_form("new")


new_tab, mine_tab = st.tabs([ui.tr("propose.new"), ui.tr("propose.mine")], key="propose_tabs")

with new_tab:
    if not event.proposals_open and not user.is_organiser:
        st.info(ui.tr("error.proposals_closed"), icon=":material/lock:")
    elif not user.is_organiser and user.registration is not Registration.CONFIRMED:
        # Say it before the form, not after someone filled it in.
        waiting = user.registration is Registration.WAITING
        st.info(ui.tr("error.on_waiting_list" if waiting else "error.registration_cancelled"),
                icon=":material/hourglass_top:" if waiting else ":material/event_busy:")
    else:
        draft = session_form(store, user, ui.form_keys("new"), None)
        if draft is not None:
            ui.act(store.sessions.propose, user, draft, place="propose", then=_empty_form,
                   done=lambda created: ui.say("propose.created", title=created.title))

with mine_tab:
    mine = [s for s in store.sessions.list(include_withdrawn=True) if s.is_hosted_by(user.id)]
    if not mine:
        st.info(ui.tr("propose.none_yet"), icon=":material/info:")
    for s in mine:
        count = f" · {ui.tr('sessions.votes_n', n=s.votes)}" if show_counts else ""
        status = "" if s.status is SessionStatus.PROPOSED else f" · {ui.tr(f'status.{s.status}')}"
        # Keyed: it stays open when the title in its label changes (a save, someone else's).
        with st.expander(f"{ui.md(s.title)}{count}{status}", key=f"mine_{s.id}"):
            if s.status is SessionStatus.REJECTED:
                st.warning(ui.tr("propose.rejected", reason=ui.md(s.reject_reason)), icon=":material/block:")
                continue
            if s.status is SessionStatus.MERGED:
                merged = store.sessions.get(s.merged_into)
                st.info(ui.tr("propose.merged", title=ui.md(merged.title if merged else "?")), icon=":material/merge:")
                continue
            if s.status is SessionStatus.WITHDRAWN:
                if st.button(ui.tr("propose.restore"), key=f"restore_{s.id}", icon=":material/undo:"):
                    ui.act(store.sessions.restore, user, s.id, place="propose", then=lambda _: forget_edit(s.id),
                           done=ui.say("propose.restored", title=s.title))
                continue
            # The proposal's own address, to collect votes (a chat, a mailing list).
            st.caption(ui.tr("propose.share"))
            st.code(public_address(f"/sessions?session={s.id}", base_url=event.base_url,
                                   host=st.context.headers.get("host")), language=None, wrap_lines=True)
            edit_session_form(store, user, s, place="propose")
            confirm = st.checkbox(ui.tr("propose.withdraw_confirm"), key=f"withdraw_confirm_{s.id}")
            if st.button(ui.tr("propose.withdraw"), key=f"withdraw_{s.id}", disabled=not confirm, icon=":material/delete:"):
                ui.act(store.sessions.withdraw, user, s.id, place="propose", then=lambda _: forget_edit(s.id),
                       done=ui.say("propose.withdrawn", title=s.title))
