"""What every page shares: the store, the language, the signed-in user.

This package sits inside ``pages/`` but is not a page: Streamlit's folder
scan picks up only ``pages/*.py``. Each page calls :func:`require_user` at
its top, because Streamlit can run a page file without the entrypoint
(see STACK-NOTES.md): the role is checked here, from the database, on every
run.
"""

from __future__ import annotations

from datetime import datetime, timezone
from collections.abc import Callable, Hashable
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from planner.errors import PlannerError
from planner.i18n import DEFAULT_LANGUAGE, LANGUAGES, catalogue, t
from planner.models import Registration, Role, Topic, User
from planner.store import Store, default_db_path
from planner.validation import COLOUR_RE, escape_markdown, readable_on

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


def lang() -> str:
    value = st.session_state.get("lang")
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def tr(key: str, **params: object) -> str:
    """The message ``key`` in the user's language."""
    return t(key, lang(), **params)


def when(stamp: str, tz_name: str) -> str:
    """A stored UTC time stamp as local date and time in ``tz_name`` (the event's zone), ``YYYY-MM-DD HH:MM``."""
    try:
        moment = datetime.fromisoformat(stamp)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return moment.astimezone(ZoneInfo(tz_name)).strftime("%Y-%m-%d %H:%M")
    except (ValueError, KeyError, ZoneInfoNotFoundError):
        return stamp[:16].replace("T", " ")


def say(key: str, **params: object) -> str:
    """The message ``key`` for a Markdown element, user text in ``params`` shown literally."""
    return tr(key, **{name: md(v) if isinstance(v, str) else v for name, v in params.items()})


def error_text(err: PlannerError) -> str:
    """What went wrong, for a Markdown element: names and titles in it shown literally."""
    return say(err.key, **err.params)


def show_error(err: PlannerError) -> None:
    st.error(error_text(err), icon=":material/error:")


def current_user() -> User | None:
    """The signed-in, active user as the database knows them now."""
    if not st.session_state.get("authentication_status"):
        return None
    username = st.session_state.get("username")
    if not username:
        return None
    user = store().get_user(username)
    if user is None or not user.active:
        return None
    return user


def require_user(role: Role | None = None) -> User:
    """The signed-in user, or stop the page with a message.

    ``role=Role.ORGANISER`` refuses everyone else. Nothing of the page is
    shown before this check.
    """
    user = current_user()
    if user is None:
        st.warning(tr("auth.sign_in_first"), icon=":material/lock:")
        login_form()
        st.stop()
    if role is Role.ORGANISER and user.role is not Role.ORGANISER:
        st.error(tr("error.organisers_only"), icon=":material/block:")
        st.stop()
    return user


def topic_chips(topics: list[Topic]) -> str:
    """Topic labels in their colours, as HTML for ``st.markdown(..., unsafe_allow_html=True)``.

    Markdown still applies between the tags: the names go through :func:`md`
    (which also keeps ``<`` and ``&`` from being read as HTML).
    """
    chips = []
    for topic in topics:
        colour = topic.colour if COLOUR_RE.match(topic.colour) else "#777777"
        chips.append(
            f'<span class="topic-chip" style="background:{colour};color:{readable_on(colour)};'
            'padding:0.1rem 0.5rem;border-radius:0.8rem;margin-right:0.3rem;'
            f'font-size:0.85rem;white-space:nowrap">{md(topic.name)}</span>'
        )
    return "".join(chips)


def md(text: str) -> str:
    """User text for a Markdown element: shown literally."""
    return escape_markdown(text)


def registration_banner(user: User) -> None:
    """Where the user stands: waiting list position, moved up, or cancelled."""
    if user.promoted_unseen:
        st.success(tr("registration.promoted"), icon=":material/celebration:")
        store().acknowledge_promotion(user)
    elif user.registration is Registration.WAITING:
        waiting = [u.id for u in store().waiting_list()]
        position = waiting.index(user.id) + 1 if user.id in waiting else len(waiting)
        st.info(tr("registration.waiting_banner", position=position), icon=":material/hourglass_top:")
    elif user.registration is Registration.CANCELLED:
        st.info(tr("error.registration_cancelled"), icon=":material/event_busy:")


def feature_label(feature: str) -> str:
    """A room feature in the user's language; organisers' own labels as typed."""
    key = f"feature.{feature}"
    return tr(key) if key in catalogue() else feature


def login_form() -> None:
    """The sign-in form, where the entrypoint made an authenticator this run.

    Without one (a page file run directly after a server restart) nothing is
    shown but a link to the start page.
    """
    authenticator = st.session_state.get("_authenticator")
    if authenticator is None:
        st.page_link("streamlit_app.py", label=tr("auth.to_start"), icon=":material/home:")
        return
    authenticator.login(
        location="main",
        key="login_form",
        fields={
            "Form name": tr("auth.sign_in"),
            "Username": tr("auth.username"),
            "Password": tr("auth.password"),
            "Login": tr("auth.sign_in"),
        },
    )
    status = st.session_state.get("authentication_status")
    if status is False:
        st.error(tr("auth.wrong"), icon=":material/error:")
    elif status:
        # The cookie is written by this run's component; it reruns the app.
        st.session_state.pop("_cookie_deletes", None)
        st.success(say("auth.welcome", name=st.session_state.get("name") or ""))


def details_button(session_id: int, on_schedule: bool = False) -> None:
    """Open a session's own page (the schedule with ``?session=<id>``)."""

    def _open() -> None:
        st.query_params["session"] = str(session_id)

    clicked = st.button(tr("schedule.details"), key=f"details_{session_id}", icon=":material/info:",
                        on_click=_open if on_schedule else None)
    if clicked and not on_schedule:
        st.switch_page("pages/schedule.py", query_params={"session": str(session_id)})
