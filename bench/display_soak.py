"""The venue screen left running: does the server's memory grow?

    .venv/bin/python bench/display_soak.py --minutes 10

Starts the public server (`python -m planner public`) on a fresh demo
database, opens /p/display in headless Chromium (it polls its drawing every
5 s), stops and restarts the server on the same port after a third of the
time (the page must reconnect by itself), renames the session running now
and publishes a new release halfway (the new title must appear without a
reload), and samples the server's resident memory every 30 s.
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
from dataclasses import replace
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
    orga = store.people.get(ORGANISER[0])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]

    def start_server() -> subprocess.Popen:
        server = subprocess.Popen(
            [sys.executable, "-m", "planner", "public", "--db", db, "--port", str(port)],
            cwd=ROOT, env={**os.environ, "PLANNER_DB": db}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/p/health", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        return server

    server = start_server()
    try:
        day = store.venue.slots()[0].day
        running = next(i for i in store.releases.latest().items if i.day == day and i.start <= "11:10" < i.end)
        renamed = f"{running.title} (neu)"
        restarted_at = None
        samples = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.goto(f"http://127.0.0.1:{port}/p/display?at={day}T11:10")
            start = time.time()
            published = False
            seen_after_publish = None
            while time.time() - start < args.minutes * 60:
                elapsed = time.time() - start
                samples.append((elapsed, rss_mb(server.pid), restarted_at is not None))
                if restarted_at is None and elapsed > args.minutes * 20:
                    server.terminate()
                    server.wait(timeout=10)
                    time.sleep(5)
                    server = start_server()
                    restarted_at = time.time() - start
                if not published and elapsed > args.minutes * 30:
                    session = store.sessions.get(running.session_id)
                    store.sessions.update(orga, session.id, replace(session.to_draft(), title=renamed),
                                         session.version)
                    store.releases.publish(orga, "soak-v2")
                    published = time.time()
                if published and seen_after_publish is None:
                    for _ in range(30):
                        if page.get_by_text(renamed).count():
                            seen_after_publish = time.time() - published
                            break
                        time.sleep(1)
                time.sleep(30)
            ok = page.get_by_text("Jetzt").count() > 0 and page.get_by_text(renamed).count() > 0
            page.screenshot(path=os.path.join(tmp, "soak-end.png"))
            browser.close()
        print("| minutes | server RSS MB |\n|---|---|")
        for seconds, mb, after_restart in samples:
            print(f"| {seconds / 60:.1f} | {mb:.0f}{' (after restart)' if after_restart else ''} |")
        first_after = next(mb for s, mb, r in samples if r)
        print(f"\nserver restarted at {restarted_at / 60:.1f} min; renamed session shown "
              f"{seen_after_publish if seen_after_publish is None else round(seen_after_publish)} s after "
              f"publishing, without a reload; still showing it at the end: {ok}; growth after the restart: "
              f"{samples[-1][1] - first_after:+.0f} MB; screenshot {tmp}/soak-end.png")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
