"""AppTest: My account lists the signed-in devices and signs them out."""

from __future__ import annotations

import re

from planner.domain.text import escape_markdown
from tests.app.conftest import page, values
from tests.app.test_account_signin_setup import change_password, frame  # noqa: F401 (a fixture)
from tests.conftest import PARTICIPANT_PASSWORD


def _other_device(store, user, agent: str) -> tuple[int, str]:
    sign_in_id, ticket = store.sign_ins.start(user, agent)
    return sign_in_id, store.sign_ins.redeem_ticket(ticket)


def _device_lines(at) -> list[str]:
    return [v for v in values(at, "markdown") if v.startswith(":material/devices:")]


def test_account_lists_my_devices_and_marks_this_one(event):
    _other_device(event.store, event.anna, "Firefox · Linux")
    _other_device(event.store, event.ben, "Safari · iPhone")  # someone else's: not listed
    at = page("app_pages/account.py", event.anna)
    assert "Angemeldete Geräte" in values(at, "subheader")
    lines = _device_lines(at)
    assert len(lines) == 2
    assert sorted(line.split("  \n")[0] for line in lines) == [
        ":material/devices: AppTest · **dieses Gerät**",
        ":material/devices: Firefox · Linux",
    ]
    stamp = r"\d\d\.\d\d\.20\d\d \d\d:\d\d"  # German dates: day.month.year
    assert all(re.search(f"angemeldet {stamp}", line) and re.search(f"zuletzt gesehen {stamp}", line) for line in lines)


def test_account_device_name_shown_as_text(event):
    _other_device(event.store, event.anna, "**X** [a](javascript:alert(1))")
    at = page("app_pages/account.py", event.anna)
    assert ":material/devices: " + escape_markdown("**X** [a](javascript:alert(1))") in [
        line.split("  \n")[0] for line in _device_lines(at)
    ]


def test_account_sign_out_one_device(event):
    phone_id, phone = _other_device(event.store, event.anna, "Chrome · Android")
    at = page("app_pages/account.py", event.anna)
    at.button(key=f"device_sign_out_{phone_id}").click().run()
    assert event.store.sign_ins.signed_in(token=phone) is None
    assert [line.split("  \n")[0] for line in _device_lines(at)] == [":material/devices: AppTest · **dieses Gerät**"]
    assert at.title[0].value == "Mein Konto"  # this device is still signed in
    assert "Chrome · Android ist abgemeldet." in [x.value for x in at.success]


def test_account_sign_out_everywhere_ends_every_device_this_one_too(event):
    _phone_id, phone = _other_device(event.store, event.anna, "Chrome · Android")
    _ben_id, ben = _other_device(event.store, event.ben, "Safari · iPhone")
    at = page("app_pages/account.py", event.anna)
    at.button(key="sign_out_everywhere").click().run()
    assert event.store.sign_ins.of(event.anna) == []
    assert event.store.sign_ins.signed_in(token=phone) is None
    assert event.store.sign_ins.signed_in(token=ben)[0] == event.ben
    assert values(at, "success") == ["Du bist jetzt auf allen Geräten abgemeldet, auch auf diesem."]
    assert values(at, "warning") == []
    assert at.session_state["authentication_status"] is None


def test_a_vote_from_a_tab_signed_out_elsewhere_changes_nothing_and_says_why(event):
    """The vote button reruns only its card (no frame, no sign-in check of its own)."""
    s = event.propose(event.ben, "Löten für alle")
    at = page("app_pages/sessions.py", event.anna)
    event.store.sign_ins.sign_out_everywhere(event.anna)  # "Überall abmelden" on her laptop
    at.button(key=f"vote_{s.id}").click().run()
    assert event.store.votes.of(event.anna) == set()
    assert values(at, "warning")[0].startswith("Du bist inzwischen abgemeldet")
    assert f"vote_{s.id}" not in [b.key for b in at.button]


def test_account_password_change_signs_out_the_other_devices_only(event):
    _phone_id, phone = _other_device(event.store, event.anna, "Chrome · Android")
    at = change_password(page("app_pages/account.py", event.anna), PARTICIPANT_PASSWORD, "Neues-Passwort-2")
    assert values(at, "success") == ["Dein Passwort ist geändert."]
    assert event.store.sign_ins.signed_in(token=phone) is None
    at.run()
    assert at.title[0].value == "Mein Konto"
    assert [line.split("  \n")[0] for line in _device_lines(at)] == [":material/devices: AppTest · **dieses Gerät**"]


def test_frame_signed_out_elsewhere_is_signed_out_on_the_next_run(frame, event):  # noqa: F811
    at = frame.open(event.anna)
    assert at.title[0].value == "Sessions"
    event.store.sign_ins.sign_out_everywhere(event.anna)  # from another device
    at.run()
    assert at.session_state["authentication_status"] is None
    assert frame.menu() == [("", "Anmelden")]
    assert "sign_out" not in [b.key for b in at.button]


def test_frame_sign_out_deletes_the_sign_in(frame, event):  # noqa: F811
    at = frame.open(event.anna)
    sign_in_id = at.session_state["_sign_in_id"]
    at.button(key="sign_out").click().run()
    assert event.store.sign_ins.signed_in(sign_in_id=sign_in_id) is None
    assert event.store.sign_ins.of(event.anna) == []
    assert [w.key for w in at.text_input][:2] == ["login_username", "login_password"]  # the sign-in form again


def test_frame_sign_in_form_records_the_device(frame, event):  # noqa: F811
    from tests.app.test_account_signin_setup import sign_in

    sign_in(frame.open(), "anna", PARTICIPANT_PASSWORD)
    [device] = event.store.sign_ins.of(event.anna)
    assert device.pending is False  # without PLANNER_AUTH_URL the page sets the cookie itself
    assert (device.user_id, device.agent) == (event.anna.id, "")  # AppTest sends no User-Agent
