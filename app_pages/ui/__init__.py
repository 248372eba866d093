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
from app_pages.ui.data import by_revision, first_part, more_button, remember_widgets, restore_widgets, store
from app_pages.ui.text import (break_labels, browser_language, date_format, error_text, feature_label, lang,
                               language_name, md, say, topic_chips, tr, when)
from planner.models import Registration, User

__all__ = [
    "act", "break_labels", "browser_language", "by_revision", "current_user", "date_format", "details_button",
    "error_text", "feature_label", "first_part", "flash", "lang", "language_name", "login_form", "md", "more_button",
    "page_language_script", "page_link", "registration_banner", "remember_widgets", "require_user", "restore_widgets",
    "say", "show_error", "sidebar_closer",
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
    # The toolbar over a chart, a table (st.data_editor, "Show data") and a code box.
    "Show data": "chrome.show_data",
    "Show chart": "chrome.show_chart",
    "Download as PNG": "chrome.download_png",
    "Copy Vega-Lite spec": "chrome.copy_chart_spec",
    "Copied!": "chrome.spec_copied",
    "Fullscreen": "chrome.fullscreen",
    "Close fullscreen": "chrome.close_fullscreen",
    "Add row": "chrome.add_row",
    "Delete row(s)": "chrome.delete_rows",
    "Clear selection": "chrome.clear_selection",
    "Show/hide columns": "chrome.show_hide_columns",
    "Download as CSV": "chrome.download_csv",
    "Search": "chrome.search",
    "Copy to clipboard": "chrome.copy_to_clipboard",
    "Copied": "chrome.copied",
    # A table's search bar.
    "Type to search": "chrome.type_to_search",
    "1 result": "chrome.search_result",
    "over 1000": "chrome.search_many",
    "Previous Result": "chrome.previous_result",
    "Next Result": "chrome.next_result",
    "Close Search": "chrome.close_search",
    # What a screen reader says for the parts of a widget (aria-label, placeholder).
    "Help": "chrome.help",
    "Choose an option": "chrome.choose_option",  # a select box's placeholder, also behind its value
    "Choose options": "chrome.choose_options",
    "Choose or add an option": "chrome.choose_or_add_option",
    "Choose or add options": "chrome.choose_or_add_options",
    "Add an option": "chrome.add_an_option",
    "Add options": "chrome.add_options",
    "No options to select": "chrome.no_options",
    "Open": "chrome.open",
    "Clear value": "chrome.clear_value",
    "Clear all": "chrome.clear_all",
    "Selected values": "chrome.selected_values",
    "Clear entry": "chrome.clear_entry",
    "Show password": "chrome.show_password",
    "Hide password": "chrome.hide_password",
    "Decrement": "chrome.decrement",
    "Increment": "chrome.increment",
    "Choose date": "chrome.choose_date",
    "Clear date": "chrome.clear_date",
    "Use arrow keys to navigate dates. Enter to select. Escape to close.": "chrome.date_keys",
    "Previous month": "chrome.previous_month",
    "Next month": "chrome.next_month",
    "file upload": "chrome.file_upload",
    "Vega visualization": "chrome.chart",  # what Vega calls a chart without a description
    # The frame around the pages.
    "Sidebar": "chrome.sidebar",
    "Collapse sidebar": "chrome.collapse_sidebar",
    "Expand sidebar": "chrome.expand_sidebar",
    "App pages": "chrome.app_pages",
    "Main menu": "chrome.main_menu",
    "Link to heading": "chrome.link_to_heading",
    "Close": "chrome.close",
    "Running...": "chrome.running",
    "Scroll tabs left": "chrome.scroll_tabs_left",
    "Scroll tabs right": "chrome.scroll_tabs_right",
    # The main menu (top right).
    "Light": "chrome.theme_light",
    "Dark": "chrome.theme_dark",
    "Print": "chrome.print",
    "Record screen": "chrome.record_screen",
    "Cancel recording": "chrome.cancel_recording",
    "Stop recording": "chrome.stop_recording",
}
# A pattern's one group goes into its message's parameter.
STREAMLIT_PATTERNS = {
    r"^(\S+) per file$": ("chrome.per_file", "size"),
    r"^Select (\d+) matches$": ("chrome.select_matches", "n"),
    r"^Add: (.*)$": ("chrome.add_option", "text"),  # a list that takes new entries, with what was typed
    r"^File must be (\S+) or smaller\.$": ("chrome.file_too_large", "size"),  # under a refused upload
    r"^You have requested page /(.*), but no corresponding file was found in the app's pages/ directory\. "
    r"Running the app's main page\.$": ("chrome.no_such_page_named", "page"),
    r"^(\d+) results$": ("chrome.search_results", "n"),  # a table's search bar
    r"^Help for (.*)$": ("chrome.help_for", "label"),  # the (?) after a label
    r"^(.*) color picker$": ("chrome.colour_picker", "label"),
    r"^Remove (.*)$": ("chrome.remove_tag", "value"),  # the x on a multiselect's chosen value
    r"^Choose date, (.*)$": ("chrome.choose_date_in", "month"),  # the month an open calendar shows
    # A date field's parts, each with the field's label after the comma.
    r"^day, (.*)$": ("chrome.day_of", "label"),
    r"^month, (.*)$": ("chrome.month_of", "label"),
    r"^year, (.*)$": ("chrome.year_of", "label"),
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
