"""The venue screen left running: does the server's memory grow?

    .venv/bin/python bench/display_soak.py --minutes 10

Starts `streamlit run` on a fresh demo database, opens /display in headless
Chromium (it redraws every 5 s), publishes a new release halfway, and
samples the server's resident memory every 30 s.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    from playwright.sync_api import sync_playwright

    from planner.demo import ORGANISER, build_demo

    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    db = os.path.join(tmp, "soak.db")
    store = build_demo(db)
    orga = store.get_user(ORGANISER[0])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.headless=true",
         f"--server.port={port}", "--server.address=127.0.0.1", "--browser.gatherUsageStats=false",
         "--server.fileWatcherType=none"],
        cwd=ROOT, env={**os.environ, "PLANNER_DB": db}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        day = store.list_slots()[0].day
        samples = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.goto(f"http://127.0.0.1:{port}/display?at={day}T11:10")
            start = time.time()
            published = False
            while time.time() - start < args.minutes * 60:
                samples.append((time.time() - start, rss_mb(server.pid)))
                if not published and time.time() - start > args.minutes * 30:
                    store.publish(orga, "soak-v2")
                    published = True
                time.sleep(30)
            ok = page.get_by_text("Jetzt").count() > 0
            browser.close()
        print(f"| minutes | server RSS MB |\n|---|---|")
        for seconds, mb in samples:
            print(f"| {seconds / 60:.1f} | {mb:.0f} |")
        print(f"\nstill showing sessions at the end: {ok}; growth first->last: "
              f"{samples[-1][1] - samples[0][1]:+.0f} MB; after the first minute: "
              f"{samples[-1][1] - next(mb for s, mb in samples if s >= 60):+.0f} MB")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
