"""The store, values computed once per data revision, and long lists shown in parts."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

import streamlit as st

from app_pages.ui.text import tr
from planner.store import Store, default_db_path

T = TypeVar("T")


@st.cache_resource(max_entries=4)
def _migrated(path: str) -> Store:
    """One migration run per database file and server process.

    A Store holds only the path, so sharing it across threads is safe.
    """
    store = Store(path)
    store.migrate()
    return store


def store() -> Store:
    return _migrated(default_db_path())


@st.cache_data(max_entries=32, show_spinner=False)
def _by_revision(path: str, revision: str, name: str, args: tuple, _build: Callable) -> object:
    return _build(Store(path), *args)


def by_revision(build: Callable[..., T], *args: Hashable) -> T:
    """``build(store, *args)``, computed once per data revision for every session.

    For what many reruns would otherwise rebuild from unchanged data (the
    grid's checks and metrics, the schedule's downloads). ``build`` reads
    the database itself, after the revision was read (see Store.revision).
    The result is a copy: change it freely.
    """
    s = store()
    return _by_revision(s.path, s.revision(), f"{build.__module__}.{build.__qualname__}", args, build)


def first_part(items: list, key: str, step: int = 50) -> list:
    """The first ``step`` of ``items``, ``step`` more after each press of
    :func:`more_button` with the same ``key``: long lists cost every rerun."""
    return items[: st.session_state.get(f"{key}_limit", step)]


def more_button(total: int, key: str, step: int = 50) -> None:
    """The button under a list cut by :func:`first_part`, while some are left."""
    limit = st.session_state.get(f"{key}_limit", step)
    if total > limit:
        st.button(tr("list.more", n=min(step, total - limit), left=total - limit), key=f"{key}_more",
                  icon=":material/expand_more:", on_click=_set_state, args=(f"{key}_limit", limit + step))


def _set_state(key: str, value: object) -> None:
    st.session_state[key] = value


def restore_widgets(*keys: str) -> None:
    """Before a page's widgets: the values they had when the person left the page.
    Streamlit forgets a widget's value once a run does not show it (another
    page); :func:`remember_widgets` keeps a copy that it does not forget."""
    for key in keys:
        if key not in st.session_state and f"_kept_{key}" in st.session_state:
            st.session_state[key] = st.session_state[f"_kept_{key}"]


def remember_widgets(*keys: str) -> None:
    """After a page's widgets: keep their values for :func:`restore_widgets`."""
    for key in keys:
        if key in st.session_state:
            st.session_state[f"_kept_{key}"] = st.session_state[key]

