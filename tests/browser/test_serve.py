"""`python -m planner serve`: Caddy in front of two Streamlit workers and the public server."""

from __future__ import annotations

import os
import signal
import socket
import urllib.request

import pytest
from playwright.sync_api import expect

from planner.front import WORKER_COOKIE
from planner.models import SessionDraft
from planner.store import Store
from tests.browser.conftest import shot, wait_for_cookie, wait_idle, wait_signed_in
from tests.browser.test_exports_journey import (
    test_organiser_downloads_schedule_json_and_imports_a_csv as _exports_journey,
)

pytestmark = pytest.mark.browser


def _get(url: str) -> tuple[int, str, list[str]]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode(), response.headers.get_all("Set-Cookie") or []


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def _alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie nobody reaped counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


def test_front_serves_the_public_server_and_the_app(start_front):
    front = start_front()

    assert _get(f"{front.url}/p/health")[:2] == (200, "ok")
    status, html, cookies = _get(f"{front.url}/")
    assert status == 200
    assert '<div id="root">' in html
    assert any(c.startswith(f"{WORKER_COOKIE}=") for c in cookies)  # sticky by cookie
    assert _get(f"{front.url}/_stcore/health")[:2] == (200, "ok")
    assert sorted(front.children()) == ["caddy", "public", "worker-1", "worker-2"]


def test_front_restarts_a_killed_worker(start_front):
    front = start_front()
    pid, port = front.children()["worker-1"]
    seen = len(front.log())

    os.kill(pid, signal.SIGKILL)

    front.wait_for_line(rf"^worker-1 killed by SIGKILL \(pid {pid}\); restarting", after=seen)
    front.wait_for_line(r"^worker-1 +ready on ", after=seen)
    new_pid, new_port = front.children()["worker-1"]
    assert new_pid != pid
    assert new_port == port  # Caddy's list of upstreams stays right
    assert _get(f"http://127.0.0.1:{new_port}/_stcore/health")[:2] == (200, "ok")
    assert _get(f"{front.url}/")[0] == 200
    assert front.proc.poll() is None


def test_front_stops_every_child_on_ctrl_c(start_front):
    front = start_front()
    children = front.children()
    ports = [port for _, port in children.values()]
    assert all(_listening(port) for port in ports)

    front.proc.send_signal(signal.SIGINT)

    assert front.proc.wait(timeout=30) == 0
    assert [name for name, (pid, _) in children.items() if _alive(pid)] == []
    assert [port for port in ports if _listening(port)] == []
    assert front.log().rstrip().endswith("Stopped.")


def test_front_journey_set_up_sign_in_vote_reload(start_front, tmp_path, page, browser):
    db = str(tmp_path / "front-journey.db")
    front = start_front(db)  # an empty database: the app shows the set-up page

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(front.url)
    wait_idle(page)
    page.get_by_role("textbox", name="Name der Veranstaltung").fill("MINTcamp Front")
    page.get_by_role("textbox", name="Benutzername").fill("olga")
    page.get_by_role("textbox", name="Anzeigename").fill("Olga Orga")
    page.get_by_role("textbox", name="E-Mail").fill("olga@example.org")
    page.get_by_role("textbox", name="Passwort", exact=True).fill("Orga-Passwort-1")
    page.get_by_role("textbox", name="Passwort wiederholen").fill("Orga-Passwort-1")
    page.get_by_role("button", name="Einrichten").click()
    wait_idle(page)
    # The event exists: the sign-in page under its name replaces the set-up form.
    expect(page.get_by_role("heading", name="MINTcamp Front")).to_be_visible(timeout=20_000)
    expect(page.get_by_role("tab", name="Anmelden")).to_be_visible()
    store = Store(db, bcrypt_rounds=4)
    olga = store.people.get("olga")
    assert olga.role == "organiser"

    # Someone else's session to vote for, straight into the database.
    robotik = store.topics.create(olga, "Robotik", "#d62728")
    ben = store.accounts.create(None, username="ben", name="Ben Bär", email="ben@example.org",
                            password="Ben-Passwort-1")
    session = store.sessions.propose(ben, SessionDraft(title="World Robot Olympiad", topic_ids=(robotik.id,)))

    form = page.get_by_test_id("stForm").first
    form.get_by_role("textbox", name="Benutzername").fill("olga")
    form.get_by_role("textbox", name="Passwort").fill("Orga-Passwort-1")
    form.get_by_role("button", name="Anmelden").click()
    wait_idle(page)
    wait_for_cookie(page)
    expect(page.get_by_text("Angemeldet als Olga Orga (@olga)")).to_be_visible(timeout=20_000)

    page.get_by_role("link", name="Sessions").click()
    wait_idle(page)
    card = page.locator(f".st-key-session_{session.id}")
    card.get_by_role("button", name="Abstimmen").click()
    wait_idle(page)
    expect(card.get_by_role("button", name="Gestimmt")).to_be_visible()
    assert store.votes.of(olga) == {session.id}

    worker = [c["value"] for c in page.context.cookies() if c["name"] == WORKER_COOKIE]
    page.reload()
    wait_idle(page)
    wait_signed_in(page)
    expect(page.get_by_text("Angemeldet als Olga Orga (@olga)")).to_be_visible()
    expect(page.locator(f".st-key-session_{session.id}").get_by_role("button", name="Gestimmt")).to_be_visible()
    assert [c["value"] for c in page.context.cookies() if c["name"] == WORKER_COOKIE] == worker
    assert store.votes.of(olga) == {session.id}
    shot(page, "front-voted-after-reload")

    # A second visitor, while the first one's page stays open, goes to the other worker.
    other = browser.new_context()
    try:
        second = other.new_page()
        second.goto(front.url)
        wait_idle(second)
        expect(second.get_by_role("tab", name="Registrieren")).to_be_visible()
        assert [c["value"] for c in other.cookies() if c["name"] == WORKER_COOKIE] != worker
    finally:
        other.close()


def test_front_keeps_downloads_and_uploads_on_one_worker(start_front, tmp_path, browser):
    """The exports journey through the front: download buttons and the CSV upload
    live in one worker's memory, so they work only if the browser sticks to it."""
    _exports_journey(start_front, tmp_path, browser)
