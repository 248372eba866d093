"""AppTest: the waiting list as the person on it sees it."""

from __future__ import annotations

from planner.models import Registration
from tests.app.conftest import page


def _texts(at) -> str:
    return "\n".join(e.value for kind in ("info", "success", "markdown", "caption") for e in at.get(kind))


def _waiting(event):
    event.store.event.update(event.orga, capacity=3)
    return event.store.accounts.sign_up(username="emil", name="Emil Elch", email="emil@example.org", password="Passwort-123")


def test_waiting_list_is_said_before_the_proposal_form_and_no_form_is_offered(event):
    emil = _waiting(event)
    at = page("app_pages/propose.py", emil)
    assert "Du stehst auf der Warteliste. Sobald ein Platz frei wird, kannst du vorschlagen" in _texts(at)
    assert [t.key for t in at.text_input if t.key.startswith("new_")] == []
    assert [b for b in at.get("form_submit_button")] == []


def test_cancelled_participant_gets_no_form_either(event):
    event.store.registration.cancel(event.ben)
    at = page("app_pages/propose.py", event.store.people.get("ben"))
    assert "Du hast deine Teilnahme abgesagt." in _texts(at)
    assert [t.key for t in at.text_input if t.key.startswith("new_")] == []


def test_you_got_a_place_stays_until_dismissed(event):
    emil = _waiting(event)
    event.store.registration.cancel(event.anna)  # a place comes free: Emil moves up
    emil = event.store.people.get("emil")
    assert (emil.registration, emil.promoted_unseen) == (Registration.CONFIRMED, True)
    at = page("app_pages/sessions.py", emil)
    assert "Gute Nachricht: Ein Platz ist frei geworden" in _texts(at)
    at.run()  # the rerun after sign-in (the cookie component) must not wipe it
    assert "Gute Nachricht: Ein Platz ist frei geworden" in _texts(at)
    assert event.store.people.get("emil").promoted_unseen is True
    at.button(key="promoted_ok").click().run()
    assert "Gute Nachricht" not in _texts(at)
    assert event.store.people.get("emil").promoted_unseen is False


def test_the_proposal_form_shows_no_press_enter_hint(event):
    at = page("app_pages/propose.py", event.anna)
    forms = {f.proto.form.form_id: f.proto.form for f in at.get("form")}
    assert forms["new_form"].enter_to_submit is False


def test_the_participants_page_gives_the_waiting_list_in_the_organisers_language(event, downloads):
    """German headers and ";" for a German spreadsheet program; English with ","."""
    _waiting(event)
    german = downloads(page("app_pages/participants.py", event.orga))["waiting_csv"][2].decode("utf-8-sig")
    assert german.splitlines()[:2] == ["Platz;Name;Benutzername;E-Mail", "1;Emil Elch;emil;emil@example.org"]
    english = downloads(page("app_pages/participants.py", event.orga, lang="en"))["waiting_csv"][2].decode("utf-8-sig")
    assert english.splitlines()[0] == "position,name,username,email"
