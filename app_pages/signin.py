"""Sign in, or sign up as a participant."""

from __future__ import annotations

import streamlit as st

from app_pages import ui
from planner.domain.text import EMAIL_MAX, NAME_MAX, USERNAME_MAX, safe_markdown
from planner.i18n import LANGUAGES, when_and_where
from planner.models import SignupMode, User

ABOUT_INLINE = 400  # characters of the event's description shown open above the sign-in form

store = ui.store()
event = store.event.get()
if event is None or not st.session_state.get("_frame"):
    # Opened without the entrypoint (a deep link right after a restart).
    st.page_link("streamlit_app.py", label=ui.tr("auth.to_start"), icon=":material/home:")
    st.stop()



def _pick_language(code: str) -> None:
    """As the sidebar's switch does; on a phone that sits behind the menu button."""
    st.session_state["lang"] = st.session_state["lang_choice"] = code
    st.session_state["_lang_picked"] = True  # kept when they sign in next


st.title(ui.md(event.name))
days, *venue = when_and_where(event.starts_on, event.ends_on, event.venue, ui.lang())
st.caption(" · ".join([days, *map(ui.md, venue)]))  # the venue is the organisers' text: no Markdown
for code in (c for c in LANGUAGES if c != ui.lang()):
    st.button(ui.language_name(code), key=f"signin_lang_{code}", icon=":material/translate:", type="tertiary",
              on_click=_pick_language, args=(code,))
if event.description.strip():
    # What the event is, for whoever arrives here first; a long text folds away above the form.
    if len(event.description) <= ABOUT_INLINE:
        st.markdown(safe_markdown(event.description))
    else:
        with st.expander(ui.tr("site.about"), icon=":material/info:"):
            st.markdown(safe_markdown(event.description))
ui.flash("signin")

user = ui.current_user()
if user is not None:
    if st.session_state.pop("signed_up", None) == user.id:
        st.success(ui.say("auth.signed_up", name=user.name), icon=":material/celebration:")
        ui.registration_banner(user)  # the event was full: where on the waiting list
        st.button(ui.tr("auth.continue"), key="signup_continue", type="primary")
        st.stop()
    # Signed in (by the form, or by the cookie on a reload): organisers to
    # where the event stands, everyone else on to the sessions.
    st.switch_page("app_pages/start.py" if user.is_organiser else "app_pages/sessions.py")


def _sign_up() -> None:
    """The sign-up button: before the frame's next run, so that run is signed in throughout."""
    state = st.session_state
    ui.act(lambda: store.accounts.sign_up(
        username=state.get("signup_username", ""),
        name=state.get("signup_name", ""),
        email=state.get("signup_email", ""),
        password=state.get("signup_password", ""),
        password_repeat=state.get("signup_repeat", ""),
        invite_code=state.get("signup_invite", ""),
        language=ui.lang(),
    ), place="signup", then=_signed_up, callback=True)


def _signed_up(new: User) -> None:
    ui.start_sign_in(new)  # signed in at once, cookie included
    st.session_state["signed_up"] = new.id


if event.schedule_published:
    # On a phone the menu is folded away: the schedule, open to everyone, is one tap from here.
    ui.page_link("schedule", ui.tr("auth.see_schedule"))

sign_in_tab, sign_up_tab = st.tabs([ui.tr("auth.sign_in"), ui.tr("auth.sign_up")], key="signin_tabs")

with sign_in_tab:
    ui.login_form()

with sign_up_tab:
    if event.signup_mode is SignupMode.CLOSED:
        st.info(ui.tr("error.signup_closed"), icon=":material/lock:")
    else:
        with st.form("signup_form"):
            st.text_input(ui.tr("auth.username"), key="signup_username", help=ui.tr("auth.username_help"), max_chars=USERNAME_MAX)
            st.text_input(ui.tr("auth.name"), key="signup_name", max_chars=NAME_MAX)
            st.text_input(ui.tr("auth.email"), key="signup_email", max_chars=EMAIL_MAX)
            st.text_input(ui.tr("auth.password"), type="password", key="signup_password", help=ui.tr("auth.password_help"))
            st.text_input(ui.tr("auth.password_repeat"), type="password", key="signup_repeat")
            if event.signup_mode is SignupMode.INVITE:
                st.text_input(ui.tr("auth.invite_code"), key="signup_invite")
            st.form_submit_button(ui.tr("auth.sign_up"), type="primary", on_click=_sign_up)
        ui.flash("signup")
