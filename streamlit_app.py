"""The frame: page config, language, sign-in, and the pages this user may see."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from app_pages import ui
from planner.i18n import LANGUAGES
from planner.models import Role

# The favicon is a file of ours: a :material/...: icon would be fetched from a
# font host, which an offline venue network cannot reach.
st.set_page_config(page_title="Barcamp Planner", page_icon=str(Path(__file__).parent / "app_pages/ui/favicon.png"),
                   layout="wide")

store = ui.store()
event = store.event.get()

# Language: the user's own choice, else the event's default (before the
# event is set up, the browser's).
if "lang" not in st.session_state:  # asked once per browser session, not on every run
    st.session_state["lang"] = event.default_language if event else ui.browser_language()

if not store.event.is_set_up():
    st.html(ui.page_language_script(), unsafe_allow_javascript=True)  # as below
    st.html(ui.frame_style())
    st.navigation(
        [st.Page("app_pages/setup.py", title=ui.tr("nav.setup"), icon=":material/build:", url_path="setup")]
    ).run()
    st.stop()

# Who is signed in: this tab's sign-in, or the cookie's, checked against the
# database on every run (see app_pages/ui, "signing in"). A bad cookie of any
# kind means signed out, with one line in the log.
st.session_state["_frame"] = True
found = ui.signed_in()
user = found[0] if found else None

if user is not None and st.session_state.get("_lang_from_user") != user.id:
    # First run after sign-in: a language picked just before signing in wins
    # and is stored; else the user's saved one.
    st.session_state["_lang_from_user"] = user.id
    if st.session_state.pop("_lang_picked", False):
        if user.language != ui.lang():
            store.accounts.set_language(user, ui.lang())
    elif user.language in LANGUAGES:
        # The switch too: it still holds the language from before sign-in
        # and would otherwise save that over the user's choice.
        st.session_state["lang"] = st.session_state["lang_choice"] = user.language

# The page's language on <html> (for screen readers, hyphenation and
# translation tools), and Streamlit's own widget words in it.
st.html(ui.page_language_script(), unsafe_allow_javascript=True)
st.html(ui.sidebar_closer(), unsafe_allow_javascript=True)
st.html(ui.frame_style())
# The sign-in cookie: set after a sign-in, deleted after a sign-out or when refused.
cookie_slot = st.empty()
if cookie_script := ui.sync_cookie(found):
    cookie_slot.html(cookie_script, unsafe_allow_javascript=True)


def _sidebar() -> None:
    """Language switch and sign-out."""
    choice = st.segmented_control(
        ui.tr("nav.language"),
        options=list(LANGUAGES),
        format_func=ui.language_name,
        default=None if "lang_choice" in st.session_state else ui.lang(),
        key="lang_choice",
    )
    if choice and choice != ui.lang():
        st.session_state["lang"] = choice
        if user is None:
            st.session_state["_lang_picked"] = True  # kept when they sign in next
            st.rerun()
        ui.act(store.accounts.set_language, user, choice, place="language")
    if user is not None:
        st.caption(ui.say("nav.signed_in_as", name=user.name, username=user.username))
        # A callback: it runs before the next run, which is then signed out throughout.
        st.button(ui.tr("nav.sign_out"), key="sign_out", icon=":material/logout:", on_click=ui.sign_out)


with st.sidebar:
    _sidebar()

# Every page is registered for everyone, so an address always resolves (a
# reload signs the user in by cookie only after the first run); the menu
# shows what this user's role may see (ui.PAGES), and each page checks the
# role itself.


def _visible(audience: str) -> bool:
    if audience == ui.PUBLIC:  # the schedule: for everyone once published
        return user is not None or bool(event and event.schedule_published)
    if user is None:
        return audience == ui.ANYONE
    if audience == ui.ORGANISER:
        return user.role is Role.ORGANISER
    return audience == ui.SIGNED_IN


# The sign-in page is the default, served at "/" (a default page has no
# path of its own); it sends a signed-in user on to the sessions.
sections: dict[str, list[st.Page]] = {}
for section, path, title, icon, url_path, audience in ui.PAGES:
    sections.setdefault(ui.tr(section) if section else "", []).append(
        st.Page(
            path, title=ui.tr(title), icon=icon, url_path=url_path, default=url_path == "signin",
            visibility="visible" if _visible(audience) else "hidden",
        )
    )

page = st.navigation(sections, position="sidebar", expanded=True)
if user is None and st.session_state.pop("_signed_out_here", False) and page.url_path != "schedule":
    # Just signed out: the start page says so ("please sign in first" on the page one
    # left read like an error); the public schedule stays where it is.
    st.session_state["signin_flash"] = ui.tr("auth.signed_out")
    if page.url_path != "":
        st.switch_page("app_pages/signin.py")
if user is not None and page.url_path != "" and (welcome := st.session_state.pop("welcome", None)):
    # Just signed in: greeted on the page they land on (the start page, "", sends them on).
    st.success(ui.say("auth.welcome", name=welcome))
page.run()
