"""30 door screens polling the public server for an hour: memory, 304s, a publish reaching every screen.

    .venv/bin/python bench/screens_soak.py --minutes 60
    .venv/bin/python bench/screens_soak.py --minutes 4 --db /tmp/scale.db   # a short try

Builds the big event of bench/scale.py (250 sessions, 20 rooms, release
v1; or copies ``--db``), starts the front (`python -m planner serve
--workers 1` on 127.0.0.1; the screens only talk to /p/, so one idle
worker is enough) and lets ``--screens`` clients poll through Caddy as
planner/site/static/screen.js does: every 5 s `GET /p/screen?...` with
the last ETag in If-None-Match, keeping the last drawing on a 304. One
screen per room door (`?room=<id>`), the rest on the all-rooms screen
(`?page=N`, spread over its pages). All ask with ``at`` on the event's
first morning (the event lies in the future), so the clock on the drawing
stands still; on the day it ticks once a minute and each screen then gets
one 200 a minute.

Halfway through, every session that is on in any room in the first two
session slots of that morning (what the screens show as now and next) is
renamed through planner.store.Store (update_session) and a new release is
published; each screen must show the new title of every renamed session it
showed before, on a 200 after the publish: the time from publish to that
200 is reported per screen. The public server's and Caddy's RSS are
sampled every 30 s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from frontproc import Front, cpu_seconds, rss_mb  # noqa: E402
from stclient import free_port  # noqa: E402

from planner.store import Store  # noqa: E402

EVERY = 5.0  # screen.js polls every 5 s
TIMEOUT = 10.0


class Screen:
    def __init__(self, name: str, url: str):
        self.name, self.url = name, url
        self.etag: str | None = None
        self.text = ""
        self.ok = self.not_modified = self.errors = self.timeouts = 0
        self.latencies: list[float] = []
        self.expect: list[str] = []  # new titles this screen must come to show
        self.seen_after: float | None = None  # seconds from publish to the 200 showing them all


async def poll(screen: Screen, port: int, until: float, state: dict) -> None:
    # Screens come up spread over the first poll interval, as they would in a day.
    await asyncio.sleep((hash(screen.name) % 1000) / 1000 * EVERY)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=TIMEOUT) as client:
        while time.monotonic() < until:
            headers = {"If-None-Match": screen.etag} if screen.etag else {}
            started = time.perf_counter()
            try:
                r = await client.get(screen.url, headers=headers)
                screen.latencies.append(time.perf_counter() - started)
                if r.status_code == 200:
                    screen.ok += 1
                    screen.etag = r.headers.get("etag")
                    screen.text = r.text
                    published = state.get("published")
                    if (published and screen.seen_after is None and screen.expect
                            and all(title in screen.text for title in screen.expect)):
                        screen.seen_after = time.monotonic() - published
                elif r.status_code == 304:
                    screen.not_modified += 1
                else:
                    screen.errors += 1
            except httpx.TimeoutException:
                screen.timeouts += 1
            except httpx.HTTPError:
                screen.errors += 1
            await asyncio.sleep(max(0.0, EVERY - (time.perf_counter() - started)))


def rename_and_publish(db: str, morning: tuple[str, list[str]], screens: list[Screen]) -> int:
    """Rename what the screens show as now and next on the first morning; publish. How many renamed."""
    store = Store(db)
    orga = next(u for u in store.people.list() if u.role.value == "organiser")
    day, starts = morning
    items = [i for i in store.releases.latest().items if i.day == day and i.start in starts]
    renamed = {}
    for item in items:
        session = store.sessions.get(item.session_id)
        new = f"{session.title} (umbenannt)"
        store.sessions.update(orga, session.id, replace(session.to_draft(), title=new), session.version)
        renamed[item.title] = new
    for screen in screens:
        screen.expect = [new for old, new in renamed.items() if old in screen.text]
    store.releases.publish(orga, "soak-v2")
    return len(renamed)


async def soak(args, db: str, front: Front) -> dict:
    store = Store(db)
    rooms = store.venue.rooms()
    slots = [s for s in store.venue.slots() if s.kind.value == "session"]
    day = min(s.day for s in slots)
    starts = sorted(s.start for s in slots if s.day == day)[:2]
    at = f"{day}T{starts[0][:2]}:{int(starts[0][3:]) + 5:02d}"  # five minutes into the first session slot
    pages = -(-len(rooms) // 6)  # planner.public.server.ROOMS_PER_PAGE
    screens = [Screen(f"room {r.id}", f"/p/screen?room={r.id}&at={at}") for r in rooms[:args.screens]]
    for i in range(args.screens - len(screens)):
        screens.append(Screen(f"page {i % pages + 1} #{i // pages + 1}",
                              f"/p/screen?page={i % pages + 1}&at={at}"))
    pids = front.pids()
    state: dict = {}
    started = time.monotonic()
    until = started + args.minutes * 60
    cpu0 = {name: cpu_seconds(pid) for name, pid in pids.items()}
    samples = [(0.0, rss_mb(pids["public"]), rss_mb(pids["caddy"]))]
    tasks = [asyncio.create_task(poll(s, front.port, until, state)) for s in screens]
    renamed = 0
    while time.monotonic() < until:
        await asyncio.sleep(min(30.0, max(0.1, until - time.monotonic())))
        elapsed = time.monotonic() - started
        samples.append((elapsed, rss_mb(pids["public"]), rss_mb(pids["caddy"])))
        if "published" not in state and elapsed >= args.minutes * 30:
            # The drawings the screens hold now are what the publish must change.
            renamed = await asyncio.to_thread(rename_and_publish, db, (day, starts), screens)
            state["published"] = time.monotonic()
            state["published_at_min"] = (state["published"] - started) / 60
            print(f"published at {state['published_at_min']:.1f} min: {renamed} sessions renamed",
                  file=sys.stderr, flush=True)
        print(f"{elapsed / 60:5.1f} min  public {samples[-1][1]:.0f} MB  caddy {samples[-1][2]:.0f} MB",
              file=sys.stderr, flush=True)
    await asyncio.gather(*tasks)
    wall = time.monotonic() - started
    cpu = {name: (cpu_seconds(pid) - cpu0[name]) / wall for name, pid in pids.items()}
    return {"screens": screens, "samples": samples, "renamed": renamed, "state": state, "cpu": cpu,
            "at": at, "wall": wall}


def report(result: dict, args) -> str:
    screens: list[Screen] = result["screens"]
    samples = result["samples"]
    ok = sum(s.ok for s in screens)
    nm = sum(s.not_modified for s in screens)
    errors = sum(s.errors for s in screens)
    timeouts = sum(s.timeouts for s in screens)
    lat = sorted(x for s in screens for x in s.latencies)
    waiting = [s for s in screens if s.expect]
    seen = sorted(s.seen_after for s in waiting if s.seen_after is not None)
    lines = [
        f"{len(screens)} screens ({sum(s.name.startswith('room') for s in screens)} doors, the rest on the "
        f"all-rooms pages), a poll every {EVERY:g} s each, at={result['at']}, "
        f"{result['wall'] / 60:.1f} minutes.",
        "",
        "| minutes | public server RSS MB | Caddy RSS MB |",
        "|---:|---:|---:|",
    ]
    marks = {0.0}
    step = 10 if args.minutes >= 30 else max(1, round(args.minutes / 4))
    for m in range(step, int(args.minutes) + 1, step):
        marks.add(m * 60.0)
    shown = [min(samples, key=lambda s, t=t: abs(s[0] - t)) for t in sorted(marks)] + [samples[-1]]
    for elapsed, public, caddy in sorted(set(shown)):
        lines.append(f"| {elapsed / 60:.1f} | {public:.0f} | {caddy:.0f} |")
    lines += [
        "",
        f"Requests: {ok + nm + errors + timeouts:,}; 200: {ok:,}, 304: {nm:,} "
        f"({nm / max(ok + nm, 1):.1%} of the answers), errors {errors}, timeouts {timeouts}; "
        f"latency median {statistics.median(lat) * 1000:.1f} ms, p95 "
        f"{lat[int(0.95 * (len(lat) - 1))] * 1000:.1f} ms, max {lat[-1] * 1000:.0f} ms.",
        f"Publish at {result['state'].get('published_at_min', float('nan')):.1f} min, {result['renamed']} sessions "
        f"renamed; screens that showed one of them: {len(waiting)} of {len(screens)}; showing the new "
        f"title(s) after the publish: {len(seen)} of {len(waiting)}"
        + (f", after {seen[0]:.1f} s (first) / {statistics.median(seen):.1f} s (median) / {seen[-1]:.1f} s (last)."
           if seen else "."),
        "Average CPU share over the run: " + ", ".join(f"{n} {c:.1%}" for n, c in result["cpu"].items()) + ".",
    ]
    missing = [s.name for s in waiting if s.seen_after is None]
    if missing:
        lines.append("Never showed the new title: " + ", ".join(missing))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=60)
    parser.add_argument("--screens", type=int, default=30)
    parser.add_argument("--db", help="the big event of bench/scale.py to copy (default: build one)")
    parser.add_argument("--json", help="write the samples and per-screen figures here too")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="screens-")
    db = os.path.join(tmp, "screens.db")
    if args.db:
        Store(args.db).backup(None, db)
    else:
        from scale import build
        build(db)
    with Front(db, free_port(), workers=1, log=os.path.join(tmp, "front.log")) as front:
        result = asyncio.run(soak(args, db, front))
    text = report(result, args)
    print(text)
    if args.json:
        Path(args.json).write_text(json.dumps({
            "samples": result["samples"],
            "screens": [{"name": s.name, "ok": s.ok, "304": s.not_modified, "errors": s.errors,
                         "timeouts": s.timeouts, "expect": s.expect, "seen_after": s.seen_after}
                        for s in result["screens"]]}, indent=1))
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
