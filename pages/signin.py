"""Sign in, or sign up as a participant."""

from __future__ import annotations

import streamlit as st

from pages import ui
from planner.errors import PlannerError
from planner.models import SignupMode

store = ui.store()
event = store.get_event()
authenticator = st.session_state.get("_authenticator")
if event is None or authenticator is None:
    # Opened without the entrypoint (a deep link right after a restart).
    st.page_link("streamlit_app.py", label=ui.tr("auth.to_start"), icon=":material/home:")
    st.stop()

st.title(ui.md(event.name))
if flash := st.session_state.pop("flash", None):
    st.success(flash, icon=":material/check_circle:")

if (signed_in := ui.current_user()) is not None:
    # Signed in (the run after the sign-in, whose cookie is written by now):
    # organisers to where the event stands, everyone else to the sessions.
    st.switch_page("pages/start.py" if signed_in.is_organiser else "pages/sessions.py")

sign_in_tab, sign_up_tab = st.tabs([ui.tr("auth.sign_in"), ui.tr("auth.sign_up")], key="signin_tabs")

with sign_in_tab:
    ui.login_form()

with sign_up_tab:
    if event.signup_mode is SignupMode.CLOSED:
        st.info(ui.tr("error.signup_closed"), icon=":material/lock:")
    else:
        with st.form("signup_form"):
            username = st.text_input(ui.tr("auth.username"), key="signup_username", help=ui.tr("auth.username_help"))
            name = st.text_input(ui.tr("auth.name"), key="signup_name")
            email = st.text_input(ui.tr("auth.email"), key="signup_email")
            password = st.text_input(ui.tr("auth.password"), type="password", key="signup_password", help=ui.tr("auth.password_help"))
            repeat = st.text_input(ui.tr("auth.password_repeat"), type="password", key="signup_repeat")
            invite = ""
            if event.signup_mode is SignupMode.INVITE:
                invite = st.text_input(ui.tr("auth.invite_code"), key="signup_invite")
            submitted = st.form_submit_button(ui.tr("auth.sign_up"), type="primary")
        if submitted:
            if password != repeat:
                st.error(ui.tr("error.password_mismatch"))
            else:
                try:
                    user = store.sign_up(
                        username=username,
                        name=name,
                        email=email,
                        password=password,
                        invite_code=invite,
                        language=ui.lang(),
                    )
                except PlannerError as err:
                    ui.show_error(err)
                else:
                    # Sign the new participant in at once, cookie included.
                    st.session_state.update(
                        authentication_status=True,
                        username=user.username,
                        name=user.name,
                        email=user.email,
                        roles=[user.role.value],
                        logout=None,
                    )
                    authenticator.cookie_controller.set_cookie()
                    st.success(ui.say("auth.signed_up", name=user.name), icon=":material/celebration:")
                    ui.registration_banner(user)  # the event was full: where on the waiting list
                    st.button(ui.tr("auth.continue"), key="signup_continue", type="primary")
