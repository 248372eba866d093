"""Sign-in that really ends, in Chromium: copied cookies, password changes, forged cookies, two workers."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from planner.domain.auth import COOKIE
from tests.browser.conftest import wait_for_cookie, wait_idle, wait_signed_in
from tests.browser.test_journeys import _event, _sign_in

pytestmark = pytest.mark.browser

SIGNED_IN = "Angemeldet als Ben Bär (@ben)"


def _open(page, url: str) -> None:
    page.goto(url)
    wait_idle(page)


def _assert_signed_out(page) -> None:
    """The sign-in page, no one named in the sidebar, no exception box."""
    form = page.get_by_test_id("stForm").first
    expect(form.get_by_role("textbox", name="Benutzername")).to_be_visible(timeout=20_000)
    wait_idle(page)  # a cookie that still counted would have signed in on this very run
    expect(page.get_by_text("Angemeldet als")).to_have_count(0)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def _fresh(browser, url: str, cookies: list[dict]):
    """A new browser (context) holding only ``cookies``."""
    context = browser.new_context()
    context.add_cookies([{"name": c["name"], "value": c["value"], "url": url} for c in cookies])
    return context, context.new_page()


def _b64(data: dict | bytes) -> str:
    raw = data if isinstance(data, bytes) else json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _jwt(payload: dict, key: str | None) -> str:
    """A token as streamlit-authenticator made them (HS256), or unsigned (``alg: none``) without ``key``."""
    header = _b64({"alg": "HS256" if key else "none", "typ": "JWT"})
    body = _b64(payload)
    if key is None:
        return f"{header}.{body}."
    signature = hmac.new(key.encode(), f"{header}.{body}".encode(), hashlib.sha256).digest()
    return f"{header}.{body}.{_b64(signature)}"


@pytest.fixture(params=["streamlit", "front"])
def served(request, start_server, start_front, tmp_path):
    """The app as ``streamlit run`` (cookie set by script) and behind ``planner serve`` (HttpOnly cookie)."""
    db = str(tmp_path / "signout.db")
    store = _event(db)
    server = start_server(db) if request.param == "streamlit" else start_front(db, workers=2)
    return store, server, request.param


def test_signed_out_cookie_signs_no_one_in_a_fresh_browser(served, browser, page):
    store, server, kind = served
    _open(page, server.url)
    _sign_in(page, "ben", "Ben-Passwort-1")
    expect(page.get_by_text(SIGNED_IN)).to_be_visible(timeout=20_000)
    [cookie] = [c for c in page.context.cookies() if c["name"] == COOKIE]
    assert cookie["httpOnly"] is (kind == "front")
    assert cookie["sameSite"] == "Lax"
    copied = page.context.cookies()

    # The copy works while the sign-in lasts (so the test below could fail) ...
    context, other = _fresh(browser, server.url, copied)
    _open(other, server.url)
    wait_signed_in(other)
    expect(other.get_by_text(SIGNED_IN)).to_be_visible()
    context.close()

    page.get_by_role("button", name="Abmelden").click()
    wait_idle(page)
    expect(page.get_by_text("Angemeldet als")).to_have_count(0)
    assert store.sign_ins.of(store.people.get("ben")) == []
    # The start page, saying so (not "Bitte melde dich zuerst an." on the page just left).
    expect(page.get_by_text("Du bist abgemeldet.")).to_be_visible()
    expect(page.get_by_text("Bitte melde dich zuerst an.")).to_have_count(0)

    # ... and is dead once signed out, in a fresh browser too.
    context, other = _fresh(browser, server.url, copied)
    _open(other, server.url)
    _assert_signed_out(other)
    context.close()
    page.reload()
    wait_idle(page)
    _assert_signed_out(page)
    assert [c for c in page.context.cookies() if c["name"] == COOKIE] == []  # deleted too


def test_password_change_signs_the_other_browser_out_on_its_next_run(start_server, tmp_path, browser, page):
    db = str(tmp_path / "password.db")
    store = _event(db)
    server = start_server(db)
    _open(page, server.url)
    _sign_in(page, "ben", "Ben-Passwort-1")
    context = browser.new_context()
    other = context.new_page()
    _open(other, server.url)
    _sign_in(other, "ben", "Ben-Passwort-1")
    expect(other.get_by_text(SIGNED_IN)).to_be_visible(timeout=20_000)
    assert len(store.sign_ins.of(store.people.get("ben"))) == 2

    page.get_by_role("link", name="Mein Konto").click()
    wait_idle(page)
    page.get_by_role("textbox", name="Bisheriges Passwort").fill("Ben-Passwort-1")
    page.get_by_role("textbox", name="Neues Passwort").fill("Ben-Passwort-2")
    page.get_by_role("textbox", name="Passwort wiederholen").fill("Ben-Passwort-2")
    page.get_by_role("button", name="Passwort ändern").click()
    wait_idle(page)
    expect(page.get_by_text("Dein Passwort ist geändert.")).to_be_visible()

    other.get_by_role("link", name="Themen").click()  # its next run, no reload
    wait_idle(other)
    expect(other.get_by_text("Bitte melde dich zuerst an.")).to_be_visible()
    expect(other.get_by_text("Angemeldet als")).to_have_count(0)
    expect(other.get_by_test_id("stException")).to_have_count(0)
    context.close()

    page.reload()  # the browser that changed it stays signed in
    wait_idle(page)
    wait_signed_in(page)
    expect(page.get_by_text(SIGNED_IN)).to_be_visible()


def test_bad_cookies_mean_signed_out_without_an_exception(start_server, tmp_path, browser, page):
    db = str(tmp_path / "forged.db")
    store = _event(db)
    server = start_server(db)
    key = store.cookie_key()
    soon, past = time.time() + 86400, time.time() - 86400

    _open(page, server.url)
    _sign_in(page, "ben", "Ben-Passwort-1")
    bens = [c for c in page.context.cookies() if c["name"] == COOKIE]
    store.people.set_active(store.people.get("orga"), store.people.get("ben").id, False)

    bad = {
        "alg none": _jwt({"username": "orga", "exp_date": soon}, None),
        "wrong key": _jwt({"username": "orga", "exp_date": soon}, "not-the-key"),
        "expired": _jwt({"username": "orga", "exp_date": past}, key),
        "right key": _jwt({"username": "orga", "exp_date": soon}, key),  # the old kind of cookie: no more
        "garbage": "%%%<script>alert(1)</script>",
        "unknown token": "A" * 43,
        "deactivated": bens[0]["value"],
    }
    # Every kind under today's name; under the old name (streamlit-authenticator's own
    # cookie) the kinds it once took: a token signed with the key, and its forgeries.
    old_name = {"alg none", "wrong key", "right key", "garbage"}
    for reason, value in bad.items():
        for name in (COOKIE, "barcamp_planner_auth") if reason in old_name else (COOKIE,):
            context, other = _fresh(browser, server.url, [{"name": name, "value": value}])
            _open(other, server.url)
            _assert_signed_out(other)
            _open(other, f"{server.url}/event")  # an organiser page by its address
            expect(other.get_by_text("Bitte melde dich zuerst an.")).to_be_visible()
            expect(other.get_by_test_id("stException")).to_have_count(0)
            context.close()

    log = Path(db).with_suffix(".log").read_text(encoding="utf-8")
    assert "planner.domain.auth: sign-in cookie refused: not a token" in log
    assert "planner.domain.auth: sign-in cookie refused: unknown, ended or expired" in log
    assert not [reason for reason, value in bad.items() if value in log]


def test_front_two_workers_keep_the_sign_in_over_reloads(start_front, tmp_path, page):
    db = str(tmp_path / "front.db")
    store = _event(db)
    front = start_front(db, workers=2)
    _open(page, front.url)
    _sign_in(page, "ben", "Ben-Passwort-1")
    wait_for_cookie(page)
    for _ in range(4):
        page.reload()
        wait_idle(page)
        wait_signed_in(page)
        expect(page.get_by_text(SIGNED_IN)).to_be_visible()
    # A new browser tab lands on whichever worker has the fewest connections: still signed in.
    for _ in range(2):
        other = page.context.new_page()
        other.context.clear_cookies(name="planner_worker")
        _open(other, front.url)
        wait_signed_in(other)
        expect(other.get_by_text(SIGNED_IN)).to_be_visible()
        other.close()
    [device] = store.sign_ins.of(store.people.get("ben"))
    assert device.pending is False and device.agent.startswith("Chrome")
