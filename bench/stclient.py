"""A browser-like Streamlit client without a browser, and a `streamlit run` to drive.

The client speaks Streamlit's own websocket protocol (the BackMsg and
ForwardMsg protobufs of the installed streamlit, pinned in requirements.txt):
it asks for a page with a ``rerun_script`` BackMsg, as the browser does on
load and on every click, and counts the run as done at the
``script_finished`` ForwardMsg. A signed-in visitor sends the sign-in cookie
that streamlit-authenticator reads (a JWT signed with the event's cookie
key); no password is checked, so bcrypt stays out of the figures.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from planner.domain.auth import COOKIE
from planner.store import Store

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, port: int, log: str | os.PathLike = os.devnull,
                 script: str = "streamlit_app.py", run_as_script: bool = False,
                 flags: tuple[str, ...] = ()) -> subprocess.Popen:
    """`streamlit run streamlit_app.py` on ``db``, headless on 127.0.0.1:``port``; returns once healthy.

    ``run_as_script``: start ``python script <streamlit flags>`` instead, a
    script that starts Streamlit itself (bench/scale.py's profiled server).
    ``flags``: more Streamlit options, ``"runner.postScriptGC=false"``.
    """
    out = open(log, "wb")  # noqa: SIM115 - closed with the process
    server = subprocess.Popen(
        ([sys.executable, script] if run_as_script else [sys.executable, "-m", "streamlit", "run", script])
        + ["--server.headless=true", f"--server.port={port}", "--server.address=127.0.0.1",
           "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"]
        + [f"--{flag}" for flag in flags],
        cwd=ROOT, env={**os.environ, "PLANNER_DB": db}, stdout=out, stderr=subprocess.STDOUT)
    out.close()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
            return server
        except OSError:
            if server.poll() is not None:
                raise RuntimeError(f"streamlit exited with {server.returncode}; see {log}") from None
            time.sleep(0.2)
    stop_server(server)
    raise RuntimeError("streamlit did not become healthy in 60 s")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def rss_mb(pid: int) -> float:
    """Resident memory of a process now, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def auth_cookie(db: str, username: str) -> str:
    """The Cookie header value that signs ``username`` in: a sign-in in ``db``, as the sign-in form makes one."""
    store = Store(db)
    _sign_in_id, ticket = store.sign_ins.start(store.people.get(username), "bench")
    return f"{COOKIE}={store.sign_ins.redeem_ticket(ticket)}"


@dataclass
class Run:
    """What one script run sent back."""

    seconds: float
    status: int  # ForwardMsg.ScriptFinishedStatus
    buttons: dict[str, str] = field(default_factory=dict)  # user key -> widget id
    fragments: dict[str, str] = field(default_factory=dict)  # widget id -> fragment id, for buttons in one
    alerts: list[str] = field(default_factory=list)  # bodies of st.error/warning/info/success
    components: dict[str, str] = field(default_factory=dict)  # custom component name -> widget id
    deltas: int = 0


class Client:
    """One browser tab: a websocket to /_stcore/stream and the page it shows."""

    def __init__(self, port: int, cookie: str | None = None):
        self.port = port
        self.cookie = cookie
        self.ws = None
        self.page_hash = ""
        self.page_path = ""  # url path of the page shown

    async def __aenter__(self) -> Client:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        self.ws = await websockets.connect(
            f"ws://127.0.0.1:{self.port}/_stcore/stream", subprotocols=["streamlit"],
            additional_headers=headers, max_size=None, open_timeout=120, ping_interval=None)
        return self

    async def __aexit__(self, *exc) -> None:
        await self.ws.close()

    async def open(self, page: str) -> Run:
        """Load ``page`` (its url path, "" for the start page) as a fresh tab does."""
        return await self._run(ClientState(page_name=page), page)

    async def rerun(self, triggers: tuple[str, ...] = (), fragment_id: str = "",
                    values: dict[str, str] | None = None) -> Run:
        """Run the current page again, pressing the buttons with these widget ids.

        With ``fragment_id`` only that fragment runs, as when a browser
        presses a button inside an ``st.fragment``. ``values``: widget id ->
        JSON value, as a custom component sends its value (the sign-in
        cookie component sends all cookies once it has loaded).
        """
        state = ClientState(page_script_hash=self.page_hash, fragment_id=fragment_id)
        for widget_id in triggers:
            state.widget_states.widgets.add(id=widget_id, trigger_value=True)
        for widget_id, value in (values or {}).items():
            state.widget_states.widgets.add(id=widget_id, json_value=value)
        return await self._run(state, None)

    async def _run(self, state: ClientState, page: str | None) -> Run:
        state.context_info.timezone = "Europe/Berlin"
        state.context_info.locale = "de-DE"
        state.context_info.url = f"http://127.0.0.1:{self.port}/{page or ''}"
        msg = BackMsg()
        msg.rerun_script.CopyFrom(state)
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        run = Run(0.0, -1)
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await self.ws.recv())
            kind = fwd.WhichOneof("type")
            if kind == "delta":
                run.deltas += 1
                if fwd.delta.WhichOneof("type") == "new_element":
                    element = fwd.delta.new_element
                    which = element.WhichOneof("type")
                    if which == "button":
                        run.buttons[element.button.id.rsplit("-", 1)[-1]] = element.button.id
                        if fwd.delta.fragment_id:
                            run.fragments[element.button.id] = fwd.delta.fragment_id
                    elif which == "alert":
                        run.alerts.append(element.alert.body)
                    elif which == "component_instance":
                        run.components[element.component_instance.component_name] = element.component_instance.id
            elif kind == "navigation":  # the page st.navigation resolved: reruns ask for it
                self.page_hash = fwd.navigation.page_script_hash
                self.page_path = next((p.url_pathname for p in fwd.navigation.app_pages
                                       if p.page_script_hash == self.page_hash), "")
            elif kind == "script_finished":
                if fwd.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    run = Run(0.0, -1)  # st.rerun or st.switch_page: the next run is the page
                    continue
                run.seconds = time.perf_counter() - started
                run.status = fwd.script_finished
                return run
