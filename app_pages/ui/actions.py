"""One way to act: call the library, show its error or the confirmation, run the page again.

A confirmation must survive that run: :func:`act` leaves it in
``session_state`` under a *place* (``"rooms"``: ``rooms_flash``) and
:func:`flash` at that place on the page shows it once. An error is shown
where the action was taken; from a widget callback, which draws nothing,
it waits for :func:`flash` too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from app_pages.ui.text import error_text
from planner.errors import PlannerError

T = TypeVar("T")


def show_error(err: PlannerError) -> None:
    st.error(error_text(err), icon=":material/error:")


def act(call: Callable[..., T], *args: object, place: str, done: str | Callable[[T], str] | None = None,
        then: Callable[[T], object] | None = None, callback: bool = False) -> None:
    """``call(*args)``; its PlannerError in the user's language, or ``then(result)``, then the confirmation ``done``.

    ``done`` is a text, or makes one from the result; :func:`flash` at
    ``place`` shows it on the next run, which starts at once. With
    ``callback=True`` (as a widget's ``on_click``) the click's own run is
    the next one, and an error waits for :func:`flash` as well.
    """
    if callback and st.session_state.get("_sign_in_id") is not None:
        # A callback runs before the frame asks who is signed in, and a card's
        # vote (a fragment) without the frame at all: ask here. Signed out
        # elsewhere, or a new password, since the page was drawn: nothing happens.
        from app_pages.ui.auth import signed_in

        if signed_in() is None:
            st.session_state["_signed_out_meanwhile"] = True
            return
    try:
        result = call(*args)
    except PlannerError as err:
        if callback:
            st.session_state[f"{place}_error"] = err
        else:
            show_error(err)
        return
    if then is not None:
        then(result)
    if done is not None:
        st.session_state[f"{place}_flash"] = done(result) if callable(done) else done
    if not callback:
        st.rerun()


def form_keys(name: str) -> str:
    """The key prefix of a form that starts empty after each success (``name``,
    then ``name_r1``, ...): a browser keeps what a form with the same keys held,
    whatever the session state says. A refusal keeps the keys, and the text."""
    count = st.session_state.get(f"_round_{name}", 0)
    return name if count == 0 else f"{name}_r{count}"


def next_form(name: str) -> None:
    """After a success: the form ``name`` comes back under fresh keys, empty."""
    st.session_state[f"_round_{name}"] = st.session_state.get(f"_round_{name}", 0) + 1


def flash(place: str) -> bool:
    """Show what :func:`act` left at ``place``: the confirmation, an error from a callback. Was there a confirmation?"""
    done = st.session_state.pop(f"{place}_flash", None)
    if done:
        st.success(done, icon=":material/check_circle:")
    if (err := st.session_state.pop(f"{place}_error", None)) is not None:
        show_error(err)
    return bool(done)
