"""Sign-ins kept on the server: start, cookie ticket, check, expire, end."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from planner.domain import auth
from planner.errors import ValidationError
from planner.store import Store
from tests.conftest import PARTICIPANT_PASSWORD


def _signed_in(store: Store, user, agent: str = "Chrome · Android") -> tuple[int, str]:
    """A sign-in whose browser holds its cookie: (id, token)."""
    sign_in_id, ticket = store.sign_ins.start(user, agent)
    return sign_in_id, store.sign_ins.redeem_ticket(ticket)


def _age(db_path: str, sign_in_id: int, column: str, delta: timedelta) -> None:
    stamp = (datetime.now(timezone.utc) + delta).isoformat(timespec="seconds")
    with sqlite3.connect(db_path) as db:
        db.execute(f"UPDATE sign_ins SET {column} = ? WHERE id = ?", [stamp, sign_in_id])


def test_sign_in_token_finds_the_user_and_the_device(event):
    sign_in_id, token = _signed_in(event.store, event.anna)
    user, sign_in = event.store.sign_ins.signed_in(token=token)
    assert user == event.anna
    assert (sign_in.id, sign_in.user_id, sign_in.agent, sign_in.pending) == (sign_in_id, event.anna.id,
                                                                          "Chrome · Android", False)
    assert event.store.sign_ins.signed_in(sign_in_id=sign_in_id)[0] == event.anna


def test_sign_in_keeps_only_hashes_of_token_and_ticket(event, db_path):
    sign_in_id, ticket = event.store.sign_ins.start(event.anna)
    token = event.store.sign_ins.redeem_ticket(ticket)
    dump = "\n".join(sqlite3.connect(db_path).iterdump())
    assert ticket not in dump and token not in dump
    assert auth.digest(token) in dump


def test_sign_in_before_the_cookie_is_fetched_is_pending(event):
    sign_in_id, _ticket = event.store.sign_ins.start(event.anna)
    assert event.store.sign_ins.signed_in(sign_in_id=sign_in_id)[1].pending is True


def test_sign_in_ticket_works_once(event):
    _id, ticket = event.store.sign_ins.start(event.anna)
    assert auth.is_token(event.store.sign_ins.redeem_ticket(ticket))
    assert event.store.sign_ins.redeem_ticket(ticket) is None


def test_sign_in_ticket_expired_is_refused(event, db_path):
    sign_in_id, ticket = event.store.sign_ins.start(event.anna)
    _age(db_path, sign_in_id, "ticket_expires_at", timedelta(seconds=-1))
    assert event.store.sign_ins.redeem_ticket(ticket) is None
    fresh = event.store.sign_ins.new_ticket(sign_in_id)
    assert auth.is_token(event.store.sign_ins.redeem_ticket(fresh))
    assert event.store.sign_ins.new_ticket(sign_in_id) is None  # the cookie is out: no more tickets


@pytest.mark.parametrize("token", ["", "x", "a" * 42, "a" * 44, "eyJhbGciOiJub25lIn0.eyJ1c2VybmFtZSI6ImFubmEifQ.",
                                   "a" * 42 + "!", None, 42])
def test_sign_in_malformed_token_is_nobody(event, token):
    _signed_in(event.store, event.anna)
    assert event.store.sign_ins.signed_in(token=token) is None
    assert event.store.sign_ins.redeem_ticket(token) is None


def test_sign_in_unknown_token_is_nobody(event):
    _signed_in(event.store, event.anna)
    assert event.store.sign_ins.signed_in(token="A" * 43) is None
    assert event.store.sign_ins.signed_in(sign_in_id=999) is None


def test_sign_in_expired_is_nobody_and_cleared_by_the_next_sign_in(event, db_path):
    sign_in_id, token = _signed_in(event.store, event.anna)
    _age(db_path, sign_in_id, "expires_at", timedelta(seconds=-1))
    assert event.store.sign_ins.signed_in(token=token) is None
    assert event.store.sign_ins.of(event.anna) == []
    _signed_in(event.store, event.ben)
    with sqlite3.connect(db_path) as db:
        assert db.execute("SELECT COUNT(*) FROM sign_ins WHERE id = ?", [sign_in_id]).fetchone()[0] == 0


def test_sign_in_lasts_fourteen_days(event):
    _id, token = _signed_in(event.store, event.anna)
    sign_in = event.store.sign_ins.signed_in(token=token)[1]
    life = datetime.fromisoformat(sign_in.expires_at) - datetime.fromisoformat(sign_in.created_at)
    assert life == timedelta(days=14)


def test_sign_in_last_seen_written_only_after_a_while(event, db_path):
    sign_in_id, token = _signed_in(event.store, event.anna)
    _age(db_path, sign_in_id, "last_seen_at", timedelta(minutes=-4))
    four = event.store.sign_ins.signed_in(token=token)[1].last_seen_at
    assert event.store.sign_ins.signed_in(token=token)[1].last_seen_at == four  # not written
    _age(db_path, sign_in_id, "last_seen_at", timedelta(minutes=-6))
    event.store.sign_ins.signed_in(token=token)
    seen = event.store.sign_ins.signed_in(token=token)[1].last_seen_at
    assert datetime.now(timezone.utc) - datetime.fromisoformat(seen) < timedelta(minutes=1)


def test_sign_in_writes_leave_the_revision_alone(event):
    before = event.store.revision()
    sign_in_id, token = _signed_in(event.store, event.anna)
    event.store.sign_ins.sign_out(token=token)
    assert event.store.revision() == before


def test_sign_out_by_token_ends_only_that_sign_in(event):
    _a, phone = _signed_in(event.store, event.anna)
    _b, laptop = _signed_in(event.store, event.anna, "Firefox · Linux")
    event.store.sign_ins.sign_out(token=phone)
    assert event.store.sign_ins.signed_in(token=phone) is None
    assert event.store.sign_ins.signed_in(token=laptop)[0] == event.anna


def test_sign_out_by_id(event):
    sign_in_id, token = _signed_in(event.store, event.anna)
    event.store.sign_ins.sign_out(sign_in_id=sign_in_id)
    assert event.store.sign_ins.signed_in(token=token) is None


def test_sign_ins_of_lists_own_devices_only(event):
    _signed_in(event.store, event.anna, "Chrome · Android")
    _signed_in(event.store, event.anna, "Firefox · Linux")
    _signed_in(event.store, event.ben, "Safari · iPhone")
    assert sorted(s.agent for s in event.store.sign_ins.of(event.anna)) == ["Chrome · Android", "Firefox · Linux"]


def test_end_sign_in_of_someone_else_changes_nothing(event):
    anna_id, anna_token = _signed_in(event.store, event.anna)
    event.store.sign_ins.end(event.ben, anna_id)
    assert event.store.sign_ins.signed_in(token=anna_token)[0] == event.anna
    event.store.sign_ins.end(event.anna, anna_id)
    assert event.store.sign_ins.signed_in(token=anna_token) is None


def test_sign_out_everywhere_ends_all_of_the_user(event):
    _a, phone = _signed_in(event.store, event.anna)
    _b, laptop = _signed_in(event.store, event.anna)
    _c, ben = _signed_in(event.store, event.ben)
    assert event.store.sign_ins.sign_out_everywhere(event.anna) == 2
    assert [event.store.sign_ins.signed_in(token=t) for t in (phone, laptop)] == [None, None]
    assert event.store.sign_ins.signed_in(token=ben)[0] == event.ben


def test_change_password_ends_all_other_sign_ins(event):
    here_id, here = _signed_in(event.store, event.anna)
    _b, elsewhere = _signed_in(event.store, event.anna)
    _c, ben = _signed_in(event.store, event.ben)
    event.store.accounts.change_password("anna", PARTICIPANT_PASSWORD, "Neues-Passwort-2", keep_sign_in=here_id)
    assert event.store.sign_ins.signed_in(token=elsewhere) is None
    assert event.store.sign_ins.signed_in(token=here)[0].username == "anna"
    assert event.store.sign_ins.signed_in(token=ben)[0] == event.ben


def test_change_password_without_keep_ends_every_sign_in(event):
    _a, token = _signed_in(event.store, event.anna)
    event.store.accounts.change_password("anna", PARTICIPANT_PASSWORD, "Neues-Passwort-2")
    assert event.store.sign_ins.signed_in(token=token) is None


def test_change_password_refused_keeps_the_sign_ins(event):
    _a, token = _signed_in(event.store, event.anna)
    with pytest.raises(Exception):
        event.store.accounts.change_password("anna", "Falsches-Passwort-1", "Neues-Passwort-2")
    assert event.store.sign_ins.signed_in(token=token)[0] == event.anna


def test_deactivation_ends_all_sign_ins_and_reactivation_brings_none_back(event):
    _a, token = _signed_in(event.store, event.anna)
    event.store.people.set_active(event.orga, event.anna.id, False)
    assert event.store.sign_ins.of(event.anna) == []
    event.store.people.set_active(event.orga, event.anna.id, True)
    assert event.store.sign_ins.signed_in(token=token) is None


def test_deactivated_behind_the_stores_back_is_nobody(event, db_path):
    _a, token = _signed_in(event.store, event.anna)
    with sqlite3.connect(db_path) as db:
        db.execute("UPDATE users SET active = 0 WHERE id = ?", [event.anna.id])
    assert event.store.sign_ins.signed_in(token=token) is None


def test_ticket_of_a_deactivated_user_is_refused(event, db_path):
    _id, ticket = event.store.sign_ins.start(event.anna)
    with sqlite3.connect(db_path) as db:
        db.execute("UPDATE users SET active = 0 WHERE id = ?", [event.anna.id])
    assert event.store.sign_ins.redeem_ticket(ticket) is None


def test_start_sign_in_refuses_a_deactivated_user(event):
    event.store.people.set_active(event.orga, event.anna.id, False)
    with pytest.raises(Exception):
        event.store.sign_ins.start(event.anna)


@pytest.mark.parametrize(("ua", "short"), [
    ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36",
     "Chrome · Android"),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Version/17.5 Mobile/15E148 Safari/604.1", "Safari · iPhone"),
    ("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox · Linux"),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 "
     "Edg/131.0", "Edge · Windows"),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
     "Safari/605.1.15", "Safari · macOS"),
    ("curl/8.5.0", "curl/8.5.0"),
    ("", ""),
    (None, ""),
    ("x" * 200, "x" * 60),
])
def test_short_agent(ua, short):
    assert auth.short_agent(ua) == short


def test_sign_in_ids_are_never_used_again(event):
    first, _token = _signed_in(event.store, event.anna)
    event.store.sign_ins.sign_out(sign_in_id=first)
    second, _token = _signed_in(event.store, event.ben)
    assert second != first
    assert event.store.sign_ins.signed_in(sign_in_id=first) is None


def test_devices_signed_in_before_0009_lose_their_english_word(event):
    """A database from before: "Chrome on Android" becomes "Chrome · Android"; other names stay."""
    from sqlite_utils import Database

    from planner.store.migrations import MIGRATIONS

    phone, _ = _signed_in(event.store, event.anna, "Chrome on Android")
    tool, _ = _signed_in(event.store, event.anna, "curl/8.5.0")
    db = Database(event.store.path)
    db.execute("UPDATE sign_ins SET agent = 'Chrome on Android' WHERE id = ?", [phone])
    dict(MIGRATIONS)["0009_agent_without_words"](db)
    db.conn.commit()
    agents = dict(db.execute("SELECT id, agent FROM sign_ins").fetchall())
    assert (agents[phone], agents[tool]) == ("Chrome · Android", "curl/8.5.0")


@pytest.mark.parametrize("password", ["password", "Passwort123", "12345678", "aaaaaaaaaa", "Barcamp2026"])
def test_a_password_from_the_top_of_the_leak_lists_is_refused(event, password):
    from planner.domain import text

    with pytest.raises(ValidationError) as err:
        text.check_password(password)
    assert err.value.key == "error.password_common"
    assert text.check_password("Lötkolben-Werkstatt-7") == "Lötkolben-Werkstatt-7"


def test_a_new_password_must_differ_from_the_old(event):
    with pytest.raises(ValidationError) as err:
        event.store.accounts.change_password("anna", PARTICIPANT_PASSWORD, PARTICIPANT_PASSWORD)
    assert err.value.key == "error.password_same"
