"""Real Chromium (Debian's) through Playwright against `streamlit run`, the public server, or the whole front."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from planner.domain.auth import COOKIE

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A German browser, as most of the venue's: before an event exists the
    # app speaks the browser's language (see test_first_start.py).
    return {**browser_context_args, "locale": "de-DE"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A `streamlit run` subprocess on a free port and its own database."""

    def __init__(self, db_path: str):
        self.db_path = db_path
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "PLANNER_DB": db_path, "PLANNER_BCRYPT_ROUNDS": "4"}
        self.log = open(Path(db_path).with_suffix(".log"), "w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "streamlit_app.py",
             "--server.headless=true", f"--server.port={self.port}",
             "--server.address=127.0.0.1", "--browser.gatherUsageStats=false",
             "--server.fileWatcherType=none"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"streamlit did not start, see {self.log.name}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


@pytest.fixture
def start_server(tmp_path):
    servers = []

    def start(db_path: str | None = None) -> Server:
        server = Server(db_path or str(tmp_path / "barcamp.db"))
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


class Public:
    """``python -m planner public`` on a port; stop() and start() again on the same one."""

    def __init__(self, db: str, port: int | None = None):
        self.db, self.port = db, port or _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.start()

    def start(self) -> None:
        self.log = open(Path(self.db).with_suffix(".public.log"), "a")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "planner", "public", "--db", self.db, "--port", str(self.port)],
            cwd=ROOT, env={**os.environ, "PLANNER_DB": self.db}, stdout=self.log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/p/health", timeout=2):
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the public server did not start, see {self.log.name}")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)
        self.log.close()


@pytest.fixture
def public(tmp_path):
    servers = []

    def start(db: str) -> Public:
        servers.append(Public(db))
        return servers[-1]

    yield start
    for server in servers:
        if server.proc.poll() is None:
            server.stop()


def wait_idle(page) -> None:
    """Wait until Streamlit finished the run an action started.

    The browser sends a click to the server and the run starts a moment
    later, so "not running" right after a click can be the state before it:
    idle, a short settle, idle again. The one fixed wait left in the browser
    tests; a test that can wait for what the action shows does so as well.
    """
    page.wait_for_selector(IDLE, timeout=30_000)
    page.wait_for_timeout(250)
    page.wait_for_selector(IDLE, timeout=30_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stStatusWidget] [data-testid=stStatusWidgetRunningIcon]')",
        timeout=30_000,
    )


def wait_for_cookie(page, name: str = COOKIE) -> None:
    """After signing in: wait until the browser holds the sign-in cookie.

    The page sets it by script (plain ``streamlit run``) or has the public
    server set it (``planner serve``), a moment after the run; a reload
    before that finds no cookie and a signed-out user.
    """
    deadline = time.monotonic() + 30
    while not any(c["name"] == name for c in page.context.cookies()):
        if time.monotonic() > deadline:
            raise AssertionError(f"no {name} cookie 30 s after signing in")
        page.wait_for_timeout(100)


def wait_signed_in(page) -> None:
    """After a reload: wait until the cookie has signed the user in again (the sidebar names them)."""
    page.get_by_text("Angemeldet als").or_(page.get_by_text("Signed in as")).first.wait_for(timeout=30_000)
    wait_idle(page)


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


class Front:
    """`python -m planner serve` (Caddy, Streamlit workers, public server) on a free port."""

    def __init__(self, db_path: str, workers: int = 2):
        self.db_path = db_path
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(db_path).with_suffix(".front.log")
        env = {**os.environ, "PLANNER_BCRYPT_ROUNDS": "4", "PYTHONUNBUFFERED": "1"}
        with open(self.log_path, "w") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "planner", "serve", "--db", db_path,
                 "--port", str(self.port), "--host", "127.0.0.1", "--workers", str(workers)],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            )
        try:
            self.wait_for_line(r"^Barcamp Planner is at ", timeout=120)
        except AssertionError:
            self.stop()
            raise

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_for_line(self, pattern: str, timeout: float = 60, after: int = 0) -> re.Match:
        """The first line matching ``pattern`` in the supervisor's output from offset ``after``."""
        deadline = time.monotonic() + timeout
        while True:
            match = re.search(pattern, self.log()[after:], re.MULTILINE)
            if match:
                return match
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"no line like {pattern!r} in {self.log_path}:\n{self.log()[-3000:]}")
            time.sleep(0.1)

    def children(self) -> dict[str, tuple[int, int]]:
        """Child name -> (pid, port) from the supervisor's latest "ready" line for each."""
        found = {}
        for name, port, pid in re.findall(r"^(\S+) +ready on \S*?:(\d+) \(pid (\d+)\)$", self.log(), re.MULTILINE):
            found[name] = (int(pid), int(port))
        return found

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def start_front(tmp_path):
    fronts = []

    def start(db_path: str | None = None, workers: int = 2) -> Front:
        front = Front(db_path or str(tmp_path / "front.db"), workers=workers)
        fronts.append(front)
        return front

    yield start
    for front in fronts:
        front.stop()
