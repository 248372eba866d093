"""Signing in: who this tab's user is, checked against the database on every run, and the cookie.

Each page calls :func:`require_user` at its top, because Streamlit can run
a page file without the entrypoint (see STACK-NOTES.md): the role is
checked here, from the database, on every run.
"""

from __future__ import annotations

import json
import os
import time
from datetime import datetime, timezone

import streamlit as st

from app_pages.ui.data import store
from app_pages.ui.text import tr
from planner.domain import auth
from planner.models import Role, SignIn, User

# -- signing in ----------------------------------------------------------------
#
# A sign-in lives in the database (Store.start_sign_in); this browser tab
# remembers its id in session_state (server memory), a reload finds it again
# by the cookie's random token. Every run checks it: signed out elsewhere,
# expired, password changed or account deactivated means signed out here.
# The cookie is set by the public server (HttpOnly) when PLANNER_AUTH_URL
# names it (`planner serve`), else by a script in the page.

_STATE_KEYS = ("authentication_status", "username", "name", "email", "roles")
_TICKET_MAX_AGE = 60.0  # seconds before a pending sign-in gets a fresh ticket
_log = auth.logger()


def _auth_url() -> str:
    return os.environ.get("PLANNER_AUTH_URL", "").rstrip("/")


def _remember(user: User, sign_in_id: int) -> None:
    st.session_state.update(
        _sign_in_id=sign_in_id, _sign_in_user=user.id, authentication_status=True, username=user.username,
        name=user.name, email=user.email, roles=[user.role.value],
    )


def _forget(status: bool | None = None) -> None:
    for key in ("_sign_in_id", "_sign_in_user", "_sign_in_ticket", "_sign_in_token"):
        st.session_state.pop(key, None)
    for key in _STATE_KEYS:
        st.session_state[key] = None
    st.session_state["authentication_status"] = status


def _cookies() -> dict[str, str]:
    """The cookies this tab's connection was opened with (none in AppTests)."""
    try:
        return {k: v for k, v in st.context.cookies.items() if isinstance(k, str) and isinstance(v, str)}
    except Exception:  # no request behind this run
        return {}


def _cookie() -> str | None:
    return _cookies().get(auth.COOKIE)


def _refuse_cookie(reason: str | None) -> None:
    """Never read this tab's cookie again; ``reason`` goes to the log (once per tab)."""
    token = _cookie()
    if token is not None:
        mark = auth.digest(token)
        if reason and st.session_state.get("_refused_cookie") != mark:
            _log.info("sign-in cookie refused: %s", reason)
        st.session_state["_refused_cookie"] = mark


def signed_in() -> tuple[User, SignIn] | None:
    """The signed-in, active user and their sign-in, checked against the database now."""
    for key in _STATE_KEYS:  # pages read these as streamlit-authenticator kept them
        st.session_state.setdefault(key, None)
    s = store()
    sign_in_id = st.session_state.get("_sign_in_id")
    if sign_in_id is not None:
        found = s.sign_ins.signed_in(sign_in_id=sign_in_id)
        if found is not None and found[0].id == st.session_state.get("_sign_in_user"):
            _remember(found[0], sign_in_id)
            return found
        _log.info("sign-in ended (signed out elsewhere, new password, deactivated or expired); signed out")
        _forget()
        _refuse_cookie(None)  # the same sign-in, or one refused before
        return None
    token = _cookie()
    if token is None or st.session_state.get("_refused_cookie") == auth.digest(token):
        if st.session_state.get("authentication_status"):
            _forget()  # signed-in state without a sign-in behind it
        return None
    found = s.sign_ins.signed_in(token=token)
    if found is None:
        _refuse_cookie("not a token" if not auth.is_token(token) else "unknown, ended or expired")
        _forget()
        return None
    _remember(found[0], found[1].id)
    return found


def current_user() -> User | None:
    """The signed-in, active user as the database knows them now."""
    found = signed_in()
    return found[0] if found else None


def start_sign_in(user: User) -> None:
    """Sign this tab in as ``user`` (password checked, or just signed up); the cookie follows."""
    try:
        agent = auth.short_agent(str(st.context.headers.get("User-Agent") or ""))
    except Exception:  # no request behind this run
        agent = ""
    sign_in_id, ticket = store().sign_ins.start(user, agent)
    _forget()
    _remember(user, sign_in_id)
    if _auth_url():
        st.session_state["_sign_in_ticket"] = (ticket, time.monotonic())
    else:
        st.session_state["_sign_in_token"] = store().sign_ins.redeem_ticket(ticket)


def sign_out() -> None:
    """End this tab's sign-in: its cookie is dead everywhere, at once."""
    sign_in_id = st.session_state.get("_sign_in_id")
    if sign_in_id is not None:
        store().sign_ins.sign_out(sign_in_id=sign_in_id)
    _refuse_cookie(None)
    _forget()
    st.session_state["_signed_out_here"] = True  # the frame goes on to the start page, saying so


def sync_cookie(found: tuple[User, SignIn] | None) -> str:
    """The script that brings the browser's cookie in line with this run's sign-in ("" if none is needed).

    Signed in here but the cookie not yet set: with the public server, post
    the one-time ticket to it (the answer sets an HttpOnly cookie); without,
    set the cookie from the script. Signed out but a cookie still sent: delete it.
    """
    url = _auth_url()
    cookies = _cookies()
    if found is not None:
        user, sign_in = found
        if url:
            if not sign_in.pending:
                return ""
            ticket, issued = st.session_state.get("_sign_in_ticket") or (None, 0.0)
            if ticket is None or time.monotonic() - issued > _TICKET_MAX_AGE:
                ticket = store().sign_ins.new_ticket(sign_in.id)
                if ticket is None:
                    return ""
                st.session_state["_sign_in_ticket"] = (ticket, time.monotonic())
            return (
                f"<script>fetch({json.dumps(url + '/cookie')}, {{method: 'POST', credentials: 'same-origin', "
                f"headers: {{'Content-Type': 'application/x-www-form-urlencoded'}}, "
                f"body: 'ticket=' + {json.dumps(ticket)}}});</script>"
            )
        token = st.session_state.get("_sign_in_token")
        if token is None or cookies.get(auth.COOKIE) == token:
            return ""
        expires = datetime.fromisoformat(sign_in.expires_at)
        max_age = max(int((expires - datetime.now(timezone.utc)).total_seconds()), 0)
        return (
            f"<script>document.cookie = {json.dumps(f'{auth.COOKIE}={token}; path=/; max-age={max_age}; samesite=lax')}"
            " + (location.protocol === 'https:' ? '; secure' : '');</script>"
        )
    stale = [name for name in (auth.COOKIE, *auth.LEGACY_COOKIES) if name in cookies]
    if not stale:
        return ""
    if url:
        return (f"<script>fetch({json.dumps(url + '/sign-out')}, "
                "{method: 'POST', credentials: 'same-origin'});</script>")
    return "<script>" + "".join(
        f"document.cookie = {json.dumps(f'{name}=; path=/; max-age=0; samesite=lax')};" for name in stale
    ) + "</script>"


def require_user(role: Role | None = None) -> User:
    """The signed-in user, or stop the page with a message.

    ``role=Role.ORGANISER`` refuses everyone else. Nothing of the page is
    shown before this check.
    """
    user = current_user()
    if user is None:
        if st.session_state.pop("_signed_out_everywhere", False):
            st.success(tr("auth.signed_out_everywhere"), icon=":material/logout:")
        elif st.session_state.pop("_signed_out_meanwhile", False):
            st.warning(tr("auth.signed_out_meanwhile"), icon=":material/lock:")
        else:
            st.warning(tr("auth.sign_in_first"), icon=":material/lock:")
        login_form()
        if st.session_state.get("_frame"):  # a link sent here: the start page also signs people up
            st.page_link("app_pages/signin.py", label=tr("auth.no_account"), icon=":material/person_add:")
        st.stop()
    if role is Role.ORGANISER and user.role is not Role.ORGANISER:
        st.error(tr("error.organisers_only"), icon=":material/block:")
        st.stop()
    return user


def _submit_sign_in() -> None:
    """The sign-in form's button: check the password before this run's frame asks who is signed in."""
    username = st.session_state.get("login_username") or ""
    password = st.session_state.get("login_password") or ""
    user = store().accounts.authenticate(username, password) if username and password else None
    if user is None:
        _forget(status=False)
        return
    start_sign_in(user)
    st.session_state["welcome"] = user.name


def login_form() -> None:
    """The sign-in form, where the entrypoint runs (it keeps the cookie in line).

    Without it (a page file run directly after a server restart) nothing is
    shown but a link to the start page.
    """
    if not st.session_state.get("_frame"):
        st.page_link("streamlit_app.py", label=tr("auth.to_start"), icon=":material/home:")
        return
    with st.form("login_form"):
        st.subheader(tr("auth.sign_in"))
        st.text_input(tr("auth.username"), key="login_username", autocomplete="username")
        st.text_input(tr("auth.password"), type="password", key="login_password", autocomplete="current-password")
        st.form_submit_button(tr("auth.sign_in"), on_click=_submit_sign_in)
    if st.session_state.get("authentication_status") is False:
        st.error(tr("auth.wrong"), icon=":material/error:")
