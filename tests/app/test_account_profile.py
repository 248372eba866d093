"""AppTest: a person changes their name and e-mail on My account."""

from __future__ import annotations

from tests.app.conftest import page, values


def test_name_and_email_change_is_stored_and_shown(event):
    at = page("app_pages/account.py", event.anna)
    at.text_input(key="profile_name").input("Anna <b>Amsel</b>")
    at.text_input(key="profile_email").input("anna.neu@example.org")
    at.button(key="FormSubmitter:profile_form-Speichern").click().run()
    stored = event.store.people.get("anna")
    assert (stored.name, stored.email) == ("Anna <b>Amsel</b>", "anna.neu@example.org")
    assert "Name und E-Mail gespeichert." in values(at, "success")
    assert any("Anna \\<b\\>Amsel\\</b\\>" in m for m in values(at, "markdown"))  # shown as text


def test_a_bad_email_is_refused_in_the_users_language_and_nothing_changes(event):
    at = page("app_pages/account.py", event.anna, lang="en")
    at.text_input(key="profile_email").input("not-an-address")
    at.button(key="FormSubmitter:profile_form-Save").click().run()
    assert values(at, "error") == ["That does not look like an email address."]
    assert event.store.people.get("anna").email == "anna@example.org"


def test_an_empty_name_is_refused_and_nothing_changes(event):
    at = page("app_pages/account.py", event.anna)
    at.text_input(key="profile_name").input("   ")
    at.text_input(key="profile_email").input("anna.neu@example.org")
    at.button(key="FormSubmitter:profile_form-Speichern").click().run()
    assert not at.exception
    assert values(at, "error") == ["Bitte gib einen Anzeigenamen an."]
    assert values(at, "success") == []
    stored = event.store.people.get("anna")
    assert (stored.name, stored.email) == ("Anna Amsel", "anna@example.org")
    assert at.session_state["name"] == "Anna Amsel"

