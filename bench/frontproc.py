"""`python -m planner serve` for the benchmarks: start it, find its processes, stop it.

The front is one supervisor process with children: Caddy, the public
server and N Streamlit workers (planner/front.py). The benchmarks read each
child's resident memory and CPU time from /proc, so they need the pids;
they are found through /proc/<pid>/task/*/children and named by their
command line.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def _cmdline(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return []


ENCODE_WRAPPER = """
import sys
import planner.front as front
plain = front.caddyfile
front.caddyfile = lambda *a, **k: plain(*a, **k).replace("\\thandle /p/* {", "\\tencode zstd gzip\\n\\thandle /p/* {", 1)
from planner.cli import main
sys.exit(main(sys.argv[1:]))
"""


class Front:
    """A running `python -m planner serve` on 127.0.0.1:``port``."""

    def __init__(self, db: str, port: int, workers: int | None = None, log: str = os.devnull,
                 caddy_encode: bool = False):
        self.db, self.port, self.workers = db, port, workers
        args = ["serve", "--db", db, "--port", str(port), "--host", "127.0.0.1"]
        if workers:
            args += ["--workers", str(workers)]
        argv = [sys.executable, "-m", "planner", *args]
        if caddy_encode:
            # An experiment, not the app: the same serve with `encode zstd gzip` in the Caddyfile.
            argv = [sys.executable, "-c", ENCODE_WRAPPER, *args]
        out = open(log, "wb")  # noqa: SIM115 - closed with the process
        self.proc = subprocess.Popen(argv, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                     env={k: v for k, v in os.environ.items() if k != "PLANNER_WORKERS"})
        out.close()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"planner serve exited with {self.proc.returncode}; see {log}")
            if self._ready():
                break
            time.sleep(0.3)
        else:
            self.stop()
            raise RuntimeError("planner serve did not become ready in 120 s")

    def _ready(self) -> bool:
        names = self.pids()
        if "caddy" not in names or "public" not in names:
            return False
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{self.port}/p/health", timeout=2)
            urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_stcore/health", timeout=2)
            return True
        except OSError:
            return False

    def pids(self) -> dict[str, int]:
        """{"supervisor": pid, "caddy": pid, "public": pid, "worker-1": pid, ...}."""
        named = {"supervisor": self.proc.pid}
        workers = []
        for child in _children(self.proc.pid):
            cmd = _cmdline(child)
            if any(part.endswith("caddy") for part in cmd[:1]):
                named["caddy"] = child
            elif "public" in cmd and "planner" in cmd:
                named["public"] = child
            elif "streamlit" in cmd:
                port = next((p.split("=", 1)[1] for p in cmd if p.startswith("--server.port=")), "0")
                workers.append((int(port), child))
        for i, (_, child) in enumerate(sorted(workers), start=1):
            named[f"worker-{i}"] = child
        return named

    def worker_ports(self) -> list[int]:
        """The internal ports of the Streamlit workers, in the order of pids()'s worker-1, worker-2, ..."""
        ports = []
        for name, pid in self.pids().items():
            if name.startswith("worker-"):
                ports.append(int(next(p.split("=", 1)[1] for p in _cmdline(pid) if p.startswith("--server.port="))))
        return ports

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self) -> Front:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU seconds all cores of the machine have spent busy so far (from /proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")
