"""What every page shares: the store, the language, the signed-in user, one way to act.

This package sits beside the pages but is not a page. Its parts: ``text``
(language, messages, user text shown literally), ``data`` (the store and
what is computed once per data revision), ``auth`` (signing in, the cookie,
:func:`require_user`), ``actions`` (:func:`act` and :func:`flash`); pages
call them all as ``ui.x``.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitAPIException

from app_pages.ui.actions import act, flash, form_keys, next_form, show_error
from app_pages.ui.auth import current_user, login_form, require_user, sign_out, signed_in, start_sign_in, sync_cookie
from app_pages.ui.data import by_revision, first_part, more_button, store
from app_pages.ui.text import (break_labels, browser_language, date_format, error_text, feature_label, lang,
                               language_name, md, say, topic_chips, tr, when)
from planner.models import Registration, User

__all__ = [
    "act", "break_labels", "browser_language", "by_revision", "current_user", "date_format", "details_button",
    "error_text", "feature_label", "first_part", "flash", "lang", "language_name", "login_form", "md", "more_button",
    "page_language_script", "page_link", "registration_banner", "require_user", "say", "show_error", "sidebar_closer",
    "sign_out", "signed_in", "start_sign_in", "store", "streamlit_words", "sync_cookie", "topic_chips", "tr", "when",
]


@functools.cache
def frame_style() -> str:
    """The frame's own CSS (``frame.css``) as a style element."""
    return f"<style>{(Path(__file__).parent / 'frame.css').read_text(encoding='utf-8')}</style>"


def sidebar_closer() -> str:
    """The script that closes the sidebar on a phone once a page is chosen; read from disk once per process."""
    return f"<script>{(Path(__file__).parent / 'close_sidebar.js').read_text(encoding='utf-8')}</script>"


# Streamlit's own English words in its widgets (as its 1.67 frontend writes
# them) and the messages that take their place; {size} keeps the size it shows.
STREAMLIT_WORDS = {
    "Press Enter to submit form": "chrome.enter_submits",
    "Press Enter to apply": "chrome.enter_applies",
    "Press Ctrl+Enter to submit form": "chrome.ctrl_enter_submits",
    "Press \u2318+Enter to submit form": "chrome.cmd_enter_submits",
    "Press Ctrl+Enter to apply": "chrome.ctrl_enter_applies",
    "Press \u2318+Enter to apply": "chrome.cmd_enter_applies",
    "Drag and drop a file here": "chrome.drop_file",
    "Upload": "chrome.upload",
    "No results": "chrome.no_results",
    "Select all": "chrome.select_all",  # a multiselect's first row
    "Error:": "chrome.error_prefix",  # before the reason under a refused upload
    "Stop": "chrome.stop",  # top right while a page works (the scheduler's run)
    "Stopping...": "chrome.stopping",
    # The box after an address that names no page (its close button aside).
    "Page not found": "chrome.page_not_found",
    "The page that you have requested does not seem to exist. Running the app's main page.": "chrome.no_such_page",
}
# A pattern's one group goes into its message's parameter.
STREAMLIT_PATTERNS = {
    r"^(\S+) per file$": ("chrome.per_file", "size"),
    r"^Select (\d+) matches$": ("chrome.select_matches", "n"),
    r"^Add: (.*)$": ("chrome.add_option", "text"),  # a list that takes new entries, with what was typed
    r"^File must be (\S+) or smaller\.$": ("chrome.file_too_large", "size"),  # under a refused upload
    r"^You have requested page /(.*), but no corresponding file was found in the app's pages/ directory\. "
    r"Running the app's main page\.$": ("chrome.no_such_page_named", "page"),
}


def streamlit_words() -> dict[str, object]:
    """Streamlit's widget words in the user's language, for ``chrome_words.js``."""
    return {
        "exact": {english: tr(key) for english, key in STREAMLIT_WORDS.items()},
        "patterns": [[pattern, tr(key, **{param: "{0}"})] for pattern, (key, param) in STREAMLIT_PATTERNS.items()],
    }


def page_language_script() -> str:
    """The page's language on ``<html>`` (Streamlit's index.html always says "en"), for
    screen readers, hyphenation and translation tools, and Streamlit's widget words in it."""
    words = json.dumps(streamlit_words()).replace("</", "<\\/")
    source = _read_script("chrome_words.js").replace("__WORDS__", words)
    return f"<script>document.documentElement.lang = {lang()!r};\n{source}</script>"


@functools.cache
def _read_script(name: str) -> str:
    return (Path(__file__).parent / name).read_text(encoding="utf-8")


# Who may see a page in the menu.
ANYONE, PUBLIC, SIGNED_IN, ORGANISER = "anyone", "public", "signed_in", "organiser"
PAGES = [
    # (section, file, title key, icon, url path, audience)
    ("", "app_pages/signin.py", "nav.signin", ":material/login:", "signin", ANYONE),
    ("nav.group.event", "app_pages/schedule.py", "nav.schedule", ":material/calendar_view_day:", "schedule", PUBLIC),
    ("nav.group.event", "app_pages/agenda.py", "nav.agenda", ":material/event_note:", "agenda", SIGNED_IN),
    ("nav.group.event", "app_pages/sessions.py", "nav.sessions", ":material/how_to_vote:", "sessions", SIGNED_IN),
    ("nav.group.event", "app_pages/propose.py", "nav.propose", ":material/add_circle:", "propose", SIGNED_IN),
    ("nav.group.event", "app_pages/topics.py", "nav.topics", ":material/label:", "topics", SIGNED_IN),
    ("nav.group.event", "app_pages/availability.py", "nav.availability", ":material/event_busy:", "availability", SIGNED_IN),
    ("nav.group.event", "app_pages/account.py", "nav.account", ":material/person:", "account", SIGNED_IN),
    ("nav.group.organise", "app_pages/start.py", "nav.start", ":material/checklist:", "start", ORGANISER),
    ("nav.group.organise", "app_pages/event.py", "nav.event", ":material/settings:", "event", ORGANISER),
    ("nav.group.organise", "app_pages/planning.py", "nav.planning", ":material/grid_on:", "planning", ORGANISER),
    ("nav.group.organise", "app_pages/rooms.py", "nav.rooms", ":material/meeting_room:", "rooms", ORGANISER),
    ("nav.group.organise", "app_pages/participants.py", "nav.participants", ":material/group:", "participants", ORGANISER),
    ("nav.group.organise", "app_pages/moderation.py", "nav.moderation", ":material/gavel:", "moderation", ORGANISER),
    ("nav.group.organise", "app_pages/exports.py", "nav.exports", ":material/download:", "exports", ORGANISER),
    ("nav.group.organise", "app_pages/display.py", "nav.display", ":material/tv:", "screens", ORGANISER),
]
# url path → page file, for links between pages.
PAGE_FILES = {url_path: path for _section, path, _title, _icon, url_path, _audience in PAGES}


def page_link(url_path: str, label: str) -> None:
    """A link to another page; plain Markdown when the page runs without the menu (a deep link)."""
    try:
        st.page_link(PAGE_FILES[url_path], label=label, icon=":material/arrow_forward:")
    except (StreamlitAPIException, KeyError):
        st.markdown(f"[{label}](/{url_path})")


def registration_banner(user: User) -> None:
    """Where the user stands: waiting list position, moved up, or cancelled."""
    if user.promoted_unseen:
        # Stays until dismissed: the reruns after sign-in must not wipe it.
        st.success(tr("registration.promoted"), icon=":material/celebration:")
        if st.button(tr("registration.promoted_ok"), key="promoted_ok", icon=":material/check:"):
            act(store().registration.acknowledge_promotion, user, place="promoted")
    elif user.registration is Registration.WAITING:
        waiting = [u.id for u in store().registration.waiting_list()]
        position = waiting.index(user.id) + 1 if user.id in waiting else len(waiting)
        st.info(tr("registration.waiting_banner", position=position), icon=":material/hourglass_top:")
    elif user.registration is Registration.CANCELLED:
        st.info(tr("error.registration_cancelled"), icon=":material/event_busy:")


def details_button(session_id: int, on_schedule: bool = False) -> None:
    """Open a session's own page (the schedule with ``?session=<id>``)."""

    def _open() -> None:
        st.query_params["session"] = str(session_id)

    clicked = st.button(tr("schedule.details"), key=f"details_{session_id}", icon=":material/info:",
                        on_click=_open if on_schedule else None)
    if clicked and not on_schedule:  # from My schedule: its page's back button leads there again
        st.switch_page("app_pages/schedule.py", query_params={"session": str(session_id), "from": "agenda"})
