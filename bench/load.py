"""Many visitors at once against `streamlit run`: rerun latency and the server's memory.

    .venv/bin/python bench/load.py                           # 25, 100, 300 per page, ~20 min
    .venv/bin/python bench/load.py --levels 5 --reruns 2     # a quick try

Builds the demo database (`python -m planner demo`) plus one account per
simulated voter, then for each page and each level N starts a fresh
`streamlit run` on a copy of it and lets N visitors in, spread over
``--ramp`` seconds, each a websocket client of its own (bench/stclient.py):

- **sessions**: N signed-in participants (sign-in cookie) open /sessions and
  then ``--reruns`` times think for ``--think`` seconds and press the vote
  button of a random session (a vote or its withdrawal, written to the
  database); at the end every account's votes in the database must equal
  the toggles it made.
- **schedule**: N signed-out visitors open the published /schedule and rerun
  it ``--reruns`` times with the same think times.

Latency is from sending the BackMsg to the script_finished ForwardMsg. All
N connections stay open until the last visitor is done; the server's RSS is
read from /proc before anyone connects, every 0.5 s while they work (peak)
and with all N still connected at the end. The visitors run in this one
process on the same 2 cores as the server; its CPU share is reported too.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from stclient import Client, auth_cookie, cpu_seconds, free_port, rss_mb, start_server, stop_server  # noqa: E402

from planner.store import Store, hash_password  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

RUN_TIMEOUT = 300  # seconds one run may take before it counts as timed out


def prepare(folder: str, accounts: int) -> str:
    """The demo database plus ``accounts`` confirmed participants load001, load002, ..."""
    db = os.path.join(folder, "load.db")
    subprocess.run([sys.executable, "-m", "planner", "demo", "--db", db], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    store = Store(db)
    shared = hash_password("not-used-the-cookie-signs-in", rounds=4)
    for i in range(accounts):
        name = f"load{i + 1:03d}"
        store.create_user(None, username=name, name=f"Load {i + 1}", email=f"{name}@load.example",
                          password_hash=shared)
    return db


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


class Level:
    """Figures of one page at one level."""

    def __init__(self):
        self.first: list[float] = []
        self.reruns: list[float] = []
        self.errors = 0  # runs that showed an error or failed
        self.timeouts = 0
        self.toggled: dict[str, set[int]] = {}


async def visitor(page: str, port: int, cookie: str | None, username: str | None, start: float,
                  reruns: int, think: tuple[float, float], rng: random.Random, level: Level,
                  done: asyncio.Event, finished: list) -> None:
    await asyncio.sleep(start)
    toggled: set[int] = set()
    try:
        async with Client(port, cookie) as client:
            run = await asyncio.wait_for(client.open(page), RUN_TIMEOUT)
            if client.page_path != page:
                raise RuntimeError(f"asked for /{page}, shown /{client.page_path}")
            level.first.append(run.seconds)
            buttons, fragments = dict(run.buttons), dict(run.fragments)
            for _ in range(reruns):
                await asyncio.sleep(rng.uniform(*think))
                if page == "sessions":
                    key = rng.choice(sorted(k for k in buttons if k.startswith("vote_")))
                    widget = buttons[key]
                    # A vote button inside a fragment reruns only its card, as in a browser.
                    run = await asyncio.wait_for(client.rerun((widget,), fragments.get(widget, "")), RUN_TIMEOUT)
                    toggled ^= {int(key.removeprefix("vote_"))}
                    buttons.update(run.buttons)
                    fragments.update(run.fragments)
                else:
                    run = await asyncio.wait_for(client.rerun(), RUN_TIMEOUT)
                level.reruns.append(run.seconds)
                finished_ok = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)
                if run.status not in finished_ok or any("rror" in a or "Fehler" in a for a in run.alerts):
                    level.errors += 1
            finished.append(1)
            await done.wait()  # stay connected until everyone is done
    except TimeoutError:
        level.timeouts += 1
        finished.append(1)
    if username:
        level.toggled[username] = toggled


async def run_level(page: str, n: int, port: int, pid: int, db: str, args, rng: random.Random) -> dict:
    level = Level()
    done = asyncio.Event()
    finished: list = []
    samples: list[float] = []
    before = rss_mb(pid)
    cpu0, own0, wall0 = cpu_seconds(pid), time.process_time(), time.perf_counter()
    tasks = []
    for i in range(n):
        username = f"load{i + 1:03d}" if page == "sessions" else None
        cookie = auth_cookie(db, username) if username else None
        tasks.append(asyncio.create_task(visitor(
            page, port, cookie, username, rng.uniform(0, args.ramp), args.reruns, tuple(args.think),
            random.Random(rng.random()), level, done, finished)))
    while len(finished) < n:
        samples.append(rss_mb(pid))
        await asyncio.sleep(0.5)
    wall = time.perf_counter() - wall0
    cpu, own = cpu_seconds(pid) - cpu0, time.process_time() - own0
    connected = rss_mb(pid)
    done.set()
    await asyncio.gather(*tasks)
    return {
        "page": page, "n": n, "level": level, "before": before, "peak": max(samples + [connected]),
        "connected": connected, "wall": wall, "cpu": cpu / wall, "own_cpu": own / wall,
    }


def check_votes(db: str, toggled: dict[str, set[int]]) -> tuple[int, int]:
    """(accounts whose stored votes differ from their toggles, accounts checked)."""
    store = Store(db)
    wrong = sum(store.votes_of(store.get_user(name)) != ids for name, ids in toggled.items())
    return wrong, len(toggled)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--levels", default="25,100,300", help="concurrent sessions, comma-separated")
    parser.add_argument("--pages", default="sessions,schedule")
    parser.add_argument("--reruns", type=int, default=5, help="reruns per visitor after the first load")
    parser.add_argument("--think", type=float, nargs=2, default=(2.0, 6.0), metavar=("MIN", "MAX"),
                        help="seconds between a visitor's clicks, uniform (default 2 6)")
    parser.add_argument("--ramp", type=float, default=10.0, help="visitors arrive over this many seconds")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--flag", action="append", default=[], metavar="OPTION=VALUE",
                        help="a Streamlit option for the server, e.g. runner.postScriptGC=false")
    args = parser.parse_args()
    levels = [int(x) for x in args.levels.split(",")]
    pages = args.pages.split(",")
    rng = random.Random(args.seed)
    tmp = tempfile.mkdtemp(prefix="load-")
    pristine = prepare(tmp, max(levels))
    rows = []
    for page in pages:
        for n in levels:
            db = os.path.join(tmp, f"{page}-{n}.db")
            Store(pristine).backup(None, db)
            port = free_port()
            server = start_server(db, port, log=os.path.join(tmp, f"{page}-{n}.log"), flags=tuple(args.flag))
            try:
                async def warm_up() -> None:
                    # The first visitor of a fresh server loads "/" (see STACK-NOTES.md: until
                    # then a deep link runs the page file alone), then one run of the page.
                    async with Client(port) as c:
                        await c.open("")
                    async with Client(port, auth_cookie(db, "orga")) as c:
                        await c.open(page)

                asyncio.run(warm_up())
                time.sleep(1)
                row = asyncio.run(run_level(page, n, port, server.pid, db, args, rng))
            finally:
                stop_server(server)
            if page == "sessions":
                row["votes"] = check_votes(db, row["level"].toggled)
            rows.append(row)
            print_row(row, file=sys.stderr)
    print(table(rows, args))
    shutil.rmtree(tmp, ignore_errors=True)


def print_row(row: dict, file) -> None:
    lv = row["level"]
    print(f"{row['page']} n={row['n']}: rerun median {statistics.median(lv.reruns) * 1000:.0f} ms "
          f"p95 {percentile(lv.reruns, 0.95) * 1000:.0f} ms, peak {row['peak']:.0f} MB", file=file, flush=True)


def table(rows: list[dict], args) -> str:
    lines = [
        f"{args.reruns} reruns per visitor after the first load, {args.think[0]:g}-{args.think[1]:g} s "
        f"between clicks, arrivals over {args.ramp:g} s"
        + (f"; server options: {', '.join(args.flag)}." if args.flag else "."),
        "",
        "| page | sessions | first load median / p95 | rerun median | rerun p95 | reruns/s "
        "| server CPU | load generator CPU | server RSS before → peak MB | errors, timeouts |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lv = row["level"]
        ms = lambda v: f"{v * 1000:,.0f} ms"  # noqa: E731
        lines.append(
            f"| {row['page']} | {row['n']} | {ms(statistics.median(lv.first))} / {ms(percentile(lv.first, 0.95))} "
            f"| {ms(statistics.median(lv.reruns))} | {ms(percentile(lv.reruns, 0.95))} "
            f"| {len(lv.reruns) / row['wall']:.1f} | {row['cpu']:.0%} | {row['own_cpu']:.0%} "
            f"| {row['before']:.0f} → {row['peak']:.0f} | {lv.errors}, {lv.timeouts} |"
        )
    checks = [f"{r['n']}: {r['votes'][1] - r['votes'][0]} of {r['votes'][1]}" for r in rows if "votes" in r]
    if checks:
        lines += ["", "Accounts whose stored votes equal the toggles they made: " + "; ".join(checks) + "."]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
