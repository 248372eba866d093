"""Your account: who you are, and a new password."""

from __future__ import annotations

import streamlit as st

from pages import ui
from planner.errors import PlannerError
from planner.models import Registration, Role

user = ui.require_user()
store = ui.store()

st.title(ui.tr("account.title"))
ui.registration_banner(user)
st.markdown(
    f"**{ui.md(user.name)}** (@{ui.md(user.username)}) · {ui.md(user.email)} · {ui.tr(f'role.{user.role}')}"
)

with st.form("password_form", clear_on_submit=True):
    st.subheader(ui.tr("account.change_password"))
    old = st.text_input(ui.tr("account.old_password"), type="password", key="pw_old")
    new = st.text_input(ui.tr("account.new_password"), type="password", key="pw_new", help=ui.tr("auth.password_help"))
    repeat = st.text_input(ui.tr("auth.password_repeat"), type="password", key="pw_repeat")
    submitted = st.form_submit_button(ui.tr("account.change_password"), type="primary")

if submitted:
    if new != repeat:
        st.error(ui.tr("error.password_mismatch"))
    else:
        try:
            store.change_password(user.username, old, new)
        except PlannerError as err:
            ui.show_error(err)
        else:
            st.success(ui.tr("account.password_changed"), icon=":material/check_circle:")

if user.role is Role.PARTICIPANT:
    st.subheader(ui.tr("account.participation"))
    if user.registration is Registration.CANCELLED:
        if st.button(ui.tr("account.rejoin"), key="rejoin", type="primary"):
            store.rejoin(user)
            st.rerun()
    else:
        confirm = st.checkbox(ui.tr("account.cancel_confirm"), key="cancel_confirm")
        if st.button(ui.tr("account.cancel"), key="cancel_registration", disabled=not confirm):
            store.cancel_registration(user)
            st.rerun()
