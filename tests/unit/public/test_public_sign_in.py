"""The public server sets and deletes the sign-in cookie (HttpOnly, SameSite=Lax, Secure behind TLS)."""

from __future__ import annotations

import logging

import pytest

from planner.domain import auth

SAME_ORIGIN = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}


def _set_cookie(response) -> list[str]:
    return response.headers.get_list("set-cookie")


def test_ticket_sets_an_httponly_lax_cookie_with_the_token(client, event):
    _id, ticket = event.store.sign_ins.start(event.anna)
    r = client.post("/p/auth/cookie", data={"ticket": ticket}, headers=SAME_ORIGIN)
    assert r.status_code == 204
    [cookie] = _set_cookie(r)
    name, token = cookie.split(";")[0].split("=", 1)
    assert name == auth.COOKIE
    assert event.store.sign_ins.signed_in(token=token)[0] == event.anna
    attributes = {a.strip().lower() for a in cookie.split(";")[1:]}
    assert {"httponly", "path=/", "samesite=lax", f"max-age={14 * 86400}"} <= attributes
    assert "secure" not in attributes  # plain HTTP here
    assert r.headers["cache-control"] == "no-store"


def test_ticket_behind_tls_sets_a_secure_cookie(client, event):
    _id, ticket = event.store.sign_ins.start(event.anna)
    r = client.post("/p/auth/cookie", data={"ticket": ticket}, headers={**SAME_ORIGIN, "X-Forwarded-Proto": "https"})
    assert "secure" in {a.strip().lower() for a in _set_cookie(r)[0].split(";")}


def test_ticket_works_once(client, event):
    _id, ticket = event.store.sign_ins.start(event.anna)
    assert client.post("/p/auth/cookie", data={"ticket": ticket}, headers=SAME_ORIGIN).status_code == 204
    again = client.post("/p/auth/cookie", data={"ticket": ticket}, headers=SAME_ORIGIN)
    assert again.status_code == 403 and _set_cookie(again) == []


@pytest.mark.parametrize("headers", [
    {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
    {"Origin": "https://evil.example"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "none"},
])
def test_ticket_from_another_site_is_refused_and_stays_unused(client, event, headers):
    _id, ticket = event.store.sign_ins.start(event.anna)
    r = client.post("/p/auth/cookie", data={"ticket": ticket}, headers=headers)
    assert r.status_code == 403 and _set_cookie(r) == []
    assert client.post("/p/auth/cookie", data={"ticket": ticket}, headers=SAME_ORIGIN).status_code == 204


@pytest.fixture
def auth_log():
    """The lines ``planner.domain.auth`` writes during the test."""
    lines: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            lines.append(record.getMessage())

    handler = Keep()
    auth.logger().addHandler(handler)
    yield lines
    auth.logger().removeHandler(handler)


@pytest.mark.parametrize("ticket", ["", "garbage", "A" * 43])
def test_unknown_ticket_is_refused_and_logged_without_it(client, ticket, auth_log):
    r = client.post("/p/auth/cookie", data={"ticket": ticket}, headers=SAME_ORIGIN)
    assert r.status_code == 403 and _set_cookie(r) == []
    assert auth_log == ["sign-in ticket refused: unknown, used or expired"]


def test_ticket_only_by_post(client, event):
    _id, ticket = event.store.sign_ins.start(event.anna)
    r = client.get(f"/p/auth/cookie?ticket={ticket}")
    assert r.status_code == 404 and _set_cookie(r) == []
    assert event.store.sign_ins.redeem_ticket(ticket) is not None  # still unused


def test_sign_out_ends_the_sign_in_and_deletes_the_cookies(client, event):
    _id, ticket = event.store.sign_ins.start(event.anna)
    token = event.store.sign_ins.redeem_ticket(ticket)
    r = client.post("/p/auth/sign-out", headers={**SAME_ORIGIN, "Cookie": f"{auth.COOKIE}={token}"})
    assert r.status_code == 204
    assert event.store.sign_ins.signed_in(token=token) is None
    deleted = {c.split("=", 1)[0]: c.lower() for c in _set_cookie(r)}
    assert set(deleted) == {auth.COOKIE, *auth.LEGACY_COOKIES}
    assert all("max-age=0" in c and "httponly" in c for c in deleted.values())


def test_sign_out_from_another_site_is_refused(client, event):
    _id, ticket = event.store.sign_ins.start(event.anna)
    token = event.store.sign_ins.redeem_ticket(ticket)
    r = client.post("/p/auth/sign-out", headers={"Origin": "https://evil.example", "Cookie": f"{auth.COOKIE}={token}"})
    assert r.status_code == 403
    assert event.store.sign_ins.signed_in(token=token)[0] == event.anna
