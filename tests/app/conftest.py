"""Helpers for the AppTests: a page run as a given user, and what it shows.

Import them as ``from tests.app.conftest import page, ...`` (as the browser
tests do with theirs). The ``event`` fixture of ``tests/conftest.py`` points
``PLANNER_DB`` at a fresh database, which the pages open through ``ui.store()``.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
import streamlit.testing.v1.app_test as app_test
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from planner.models import User
from planner.store import Store, default_db_path
from planner.domain.text import WORD_JOINER

ROOT = Path(__file__).resolve().parents[2]
HARNESS = Path(__file__).resolve().parent / "harness"  # the entrypoint with the pages as pages/ (see there)

# Element kinds a user can type into, pick from or press.
INPUTS = frozenset({
    "text_input", "text_area", "number_input", "selectbox", "multiselect", "radio", "checkbox",
    "toggle", "button", "form_submit_button", "download_button", "link_button", "date_input",
    "time_input", "color_picker", "slider", "select_slider", "button_group", "file_uploader",
    "chat_input", "data_editor", "form", "tab",
})

# Element kinds that carry text a user reads.
TEXTS = ("title", "header", "subheader", "markdown", "caption", "info", "success", "warning", "error")


def page(path: str, user: User | None = None, lang: str = "de", *, run: bool = True, **state) -> AppTest:
    """The page script at ``path`` (from the project root), signed in as ``user`` if given.

    The page runs alone, without the entrypoint's checks (through
    ``tests/app/harness``): each page must guard itself. Built from the entrypoint and
    switched to the page before the first run, links to ``streamlit_app.py``
    resolve as they do in the browser; ``AppTest.from_file("app_pages/x.py")``
    would make the page itself the main script, where they cannot.
    Extra keyword arguments go into ``session_state`` before the first run.
    """
    at = AppTest.from_file(str(HARNESS / "streamlit_app.py"), default_timeout=30)
    at.switch_page(path.replace("app_pages/", "pages/", 1))
    at.session_state["lang"] = lang
    if user is not None:
        signed_in_as(at, user)
    for key, value in state.items():
        at.session_state[key] = value
    return at.run() if run else at


def signed_in_as(at: AppTest, user: User, agent: str = "AppTest") -> int:
    """Seed ``at`` as a browser tab signed in as ``user``; the sign-in's id.

    As the sign-in form does: a sign-in in the database (every run checks
    it is still there) and its id in ``session_state``, with the fields
    streamlit-authenticator used to keep there and pages still read.
    """
    sign_in_id, _ticket = Store(default_db_path()).sign_ins.start(user, agent)
    at.session_state["_sign_in_id"] = sign_in_id
    at.session_state["_sign_in_user"] = user.id
    at.session_state["authentication_status"] = True
    at.session_state["username"] = user.username
    at.session_state["name"] = user.name
    at.session_state["roles"] = [user.role.value]
    return sign_in_id


def app(lang: str | None = None) -> AppTest:
    """The whole app through its entrypoint (authenticator, navigation), run once."""
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30)
    if lang is not None:
        at.session_state["lang"] = lang
    return at.run()


def nodes(at: AppTest) -> list:
    """Every element and block of the main area and the sidebar, in order."""
    return [n for root in (at.main, at.sidebar) for n in root if n is not root]


def kinds(at: AppTest) -> list[str]:
    """The type of every element shown, in order."""
    return [n.type for n in nodes(at)]


def inputs(at: AppTest) -> list[str]:
    """The kinds of every widget, form and tab shown: empty when the page shows nothing to use."""
    return [k for k in kinds(at) if k in INPUTS]


def values(at: AppTest, kind: str) -> list[str]:
    """The text of every element of ``kind`` (``"error"``, ``"markdown"``, ...)."""
    return [e.value for e in at.get(kind)]


def shown(at: AppTest, kind: str) -> list[str]:
    """The text of every element of ``kind`` as the reader sees it: Markdown
    backslash escapes undone, the invisible word joiners of ``escape_markdown`` gone."""
    return [re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", v).replace(WORD_JOINER, "") for v in values(at, kind)]


def texts(at: AppTest) -> list[str]:
    """All text the page shows in headings, Markdown, captions and alerts."""
    return [e.value for kind in TEXTS for e in at.get(kind)]


def expander_labels(at: AppTest) -> list[str]:
    return [e.label for e in at.expander]


def deactivate(db_path: str, username: str) -> None:
    """Switch an account off behind the app's back, as another organiser's click would."""
    with sqlite3.connect(db_path) as db:
        db.execute("UPDATE users SET active = 0 WHERE username = ?", [username])


@pytest.fixture
def downloads(monkeypatch):
    """``downloads(at)``: {key: (filename, mime, bytes)} of every download button shown."""
    managers: list[MediaFileManager] = []

    class KeptManager(MediaFileManager):
        def __init__(self, storage):
            super().__init__(storage)
            managers.append(self)

    monkeypatch.setattr(app_test, "MediaFileManager", KeptManager)

    def read(at) -> dict[str, tuple[str, str, bytes]]:
        manager = managers[-1]
        found = {}
        for button in at.get("download_button"):
            proto = button.proto
            url = manager.execute_deferred(proto.deferred_file_id) if proto.HasField("deferred_file_id") else proto.url
            file = manager.read_file(url.rsplit("/", 1)[-1])
            found[button.key] = (file.filename, file.mimetype, file.content)
        return found

    return read
