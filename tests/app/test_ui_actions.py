"""AppTest: ui.act, the one way a page acts: the library's error in the user's language, or the
confirmation after the rerun (once), never an exception box."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app.conftest import values


def _script() -> None:
    import streamlit as st

    from app_pages import ui
    from planner.errors import ValidationError

    def store(value: str) -> str:
        if not value:
            raise ValidationError("error.name_long", max=80, length=95)
        st.session_state["stored"] = value
        return value

    ui.flash("demo")
    if st.button("inline", key="inline"):
        ui.act(store, st.session_state.get("value", ""), place="demo",
               done=lambda value: ui.say("topics.saved", name=value))
    st.button("callback", key="callback", on_click=lambda: ui.act(
        store, st.session_state.get("value", ""), place="demo", callback=True, done=ui.tr("event.saved")))
    st.caption("end of page")


def _app(lang: str = "de", **state) -> AppTest:
    at = AppTest.from_function(_script, default_timeout=30)
    at.session_state["lang"] = lang
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def test_an_error_is_shown_where_the_action_was_taken_and_nothing_is_stored():
    at = _app(lang="en").button(key="inline").click().run()
    assert not at.exception
    assert values(at, "error") == ["The name is 95 characters long, 80 are allowed. Shorten it."]
    assert values(at, "success") == []
    assert "stored" not in at.session_state
    assert values(at, "caption") == ["end of page"]  # the page goes on


def test_a_confirmation_survives_the_rerun_once_with_user_text_shown_literally():
    at = _app(value="**Lena**").button(key="inline").click().run()
    assert at.session_state["stored"] == "**Lena**"
    assert values(at, "success") == ["Thema „\\*\\*Lena\\*\\*“ gespeichert."]
    assert values(at.run(), "success") == []


def test_an_error_in_a_callback_waits_for_the_page_in_the_users_language():
    at = _app().button(key="callback").click().run()
    assert not at.exception
    assert values(at, "error") == ["Der Name ist 95 Zeichen lang, erlaubt sind 80. Kürze ihn."]
    assert values(at.run(), "error") == []


def test_a_callback_confirmation_is_shown_on_the_clicks_run():
    at = _app(value="Lena").button(key="callback").click().run()
    assert at.session_state["stored"] == "Lena"
    assert values(at, "success") == ["Einstellungen gespeichert."]
    assert values(at, "error") == []
