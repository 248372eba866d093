"""AppTest: the calendar subscription on "My account": the secret feed link, and a new one."""

from __future__ import annotations

import sqlite3

from tests.app.conftest import deactivate, page, values

BASE = "https://camp.example.org"


def codes(at) -> list[str]:
    return [c.value for c in at.code]


def subscribe_url(at) -> str:
    return at.get("link_button")[0].proto.url


def test_feed_link_from_the_event_address_holds_the_stored_token(event):
    event.store.event.update(event.orga, base_url=BASE)
    at = page("app_pages/account.py", event.anna)
    token = event.store.agenda.feed_token(event.anna)
    assert codes(at) == [f"webcal://camp.example.org/p/feed/{token}.ics", f"{BASE}/p/feed/{token}.ics"]
    assert subscribe_url(at) == f"webcal://camp.example.org/p/feed/{token}.ics"
    assert event.store.agenda.feed_owner(token) == event.anna


def test_feed_link_without_event_address_uses_http_and_the_host(event):
    at = page("app_pages/account.py", event.anna)
    token = event.store.agenda.feed_token(event.anna)
    webcal, web = codes(at)
    assert webcal.startswith("webcal://") and webcal.endswith(f"/p/feed/{token}.ics")
    assert web == "http://" + webcal.removeprefix("webcal://")


def test_feed_section_in_german(event):
    at = page("app_pages/account.py", event.anna)
    assert "Kalender-Abo" in values(at, "subheader")
    assert at.button(key="feed_rotate").label == "Neuen Link erstellen"
    assert at.checkbox(key="feed_rotate_confirm").label == (
        "Ja, der bisherige Link soll sofort aufhören zu funktionieren."
    )
    assert values(at, "caption")[:3] == [
        "Abonniere dein Programm in deinem Kalender (Apple, Google, Outlook, Thunderbird …). Es enthält die "
        "Sessions, die du hältst, für die du gestimmt oder die du dir gemerkt hast, mit Raum und Zeit, und folgt "
        "jeder neuen Veröffentlichung des Programms von selbst; dein Kalender fragt etwa stündlich nach. Vor der "
        "ersten Veröffentlichung ist es leer.",
        "Dieselbe Adresse für „Per URL abonnieren“ (z. B. im Google Kalender):",
        ":material/lock: Wer diesen Link kennt, kann dein Programm lesen, ohne sich anzumelden. "
        "Gib ihn nicht weiter; ist er doch bekannt geworden, erstelle unten einen neuen.",
    ]


def test_feed_section_in_english(event):
    at = page("app_pages/account.py", event.anna, lang="en")
    assert "Calendar subscription" in values(at, "subheader")
    assert at.button(key="feed_rotate").label == "Make a new link"
    assert at.get("link_button")[0].proto.label == "Subscribe in my calendar"


def test_feed_rotate_needs_confirmation(event):
    at = page("app_pages/account.py", event.anna)
    assert at.checkbox(key="feed_rotate_confirm").value is False
    assert at.button(key="feed_rotate").disabled is True
    at.checkbox(key="feed_rotate_confirm").check().run()
    assert at.button(key="feed_rotate").disabled is False


def test_feed_rotate_changes_the_stored_token_and_the_shown_link(event):
    event.store.event.update(event.orga, base_url=BASE)
    at = page("app_pages/account.py", event.anna)
    old = event.store.agenda.feed_token(event.anna)
    at.checkbox(key="feed_rotate_confirm").check().run()
    at.button(key="feed_rotate").click().run()
    new = event.store.agenda.feed_token(event.anna)
    assert new != old
    assert codes(at) == [f"webcal://camp.example.org/p/feed/{new}.ics", f"{BASE}/p/feed/{new}.ics"]
    assert event.store.agenda.feed_owner(old) is None
    assert event.store.agenda.feed_owner(new) == event.anna
    assert values(at, "success") == [
        "Dein neuer Link ist oben. Der bisherige funktioniert nicht mehr: Trage den neuen in deinem Kalender ein."
    ]
    assert at.checkbox(key="feed_rotate_confirm").value is False
    assert at.button(key="feed_rotate").disabled is True
    at.run()  # the message is shown once
    assert values(at, "success") == []
    assert event.store.agenda.feed_token(event.anna) == new


def test_feed_second_user_sees_their_own_token(event):
    page("app_pages/account.py", event.anna)
    anna = event.store.agenda.feed_token(event.anna)
    at = page("app_pages/account.py", event.ben)
    ben = event.store.agenda.feed_token(event.ben)
    assert ben != anna
    assert all(ben in c and anna not in c for c in codes(at))
    assert ben in subscribe_url(at) and anna not in subscribe_url(at)


def test_feed_organiser_has_a_link_too(event):
    at = page("app_pages/account.py", event.orga)
    assert codes(at)[1].endswith(f"/p/feed/{event.store.agenda.feed_token(event.orga)}.ics")


def test_feed_rotate_after_the_account_was_switched_off_changes_nothing(event, db_path):
    at = page("app_pages/account.py", event.anna)
    old = event.store.agenda.feed_token(event.anna)
    at.checkbox(key="feed_rotate_confirm").check().run()
    deactivate(db_path, "anna")  # by an organiser, while the page is open
    at.button(key="feed_rotate").click().run()
    assert not at.exception
    assert values(at, "warning")[0].startswith("Du bist inzwischen abgemeldet")  # switched off by the organisers
    assert values(at, "success") == []
    with sqlite3.connect(db_path) as db:
        assert db.execute("SELECT token FROM feed_tokens WHERE user_id = ?", [event.anna.id]).fetchall() == [(old,)]
