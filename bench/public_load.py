"""A crowd opening the public schedule through the front while signed-in people vote.

    .venv/bin/python bench/public_load.py                         # 300 and 1,000 visitors, ~4 min
    .venv/bin/python bench/public_load.py --levels 50 --voters 10  # a quick try

Builds the big event of bench/scale.py (250 sessions, 20 rooms, 2 days,
2,000 accounts, 20,000 votes, release v1 published; or copies ``--db``)
and for each level starts a fresh front on a copy of it (`python -m
planner serve`, default workers: one per CPU, on 127.0.0.1). Then:

- **voters**: ``--voters`` signed-in participants (the sign-in cookie of
  bench/load.py) connect through the front's port to /sessions over
  Streamlit's websocket (bench/stclient.py), arriving over 10 s; once all
  have the page they press a random vote button every 2-6 s (a card's
  fragment rerun, as in a browser) until the crowd is through. They run in a
  child process of their own, so the crowd's client does not slow theirs.
- **crowd**: N visitors arrive uniformly within ``--ramp`` seconds; each is
  a fresh browser (no cache, no cookies, keep-alive connections of its
  own): GET /p/schedule, then the files its HTML references (`<link
  rel=stylesheet>`, `<script src>`: /p/static/site.css and site.js),
  fetched at once over the open connection and a second one. The client is
  bench/httpraw.py, a minimal HTTP/1.1 client over asyncio streams: httpx
  cost ~28 ms of the generator's CPU per visitor, too much to share 2
  cores with the server.
  Timed per visitor from its arrival: until the HTML is fully read, and
  until the static files are in too.

Errors are answers other than 200 and failed connections; a timeout is a
visitor not done within ``--timeout`` seconds. RSS of every process of the front is
read from /proc before the crowd and every 0.25 s during it (peak); CPU
shares are over the crowd's wall time. All traffic goes to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from frontproc import Front, cpu_seconds, machine_busy_seconds, rss_mb  # noqa: E402
from httpraw import Connection, assets as page_assets  # noqa: E402
from stclient import Client, auth_cookie, free_port  # noqa: E402

from planner.store import Store  # noqa: E402

def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


# -- the crowd ----------------------------------------------------------------


class Crowd:
    def __init__(self):
        self.html: list[float] = []  # seconds from arrival until the HTML was read
        self.full: list[float] = []  # ... until the static files were in too
        self.errors = 0
        self.timeouts = 0
        self.requests = 0
        self.bytes = 0
        self.assets: set[str] = set()
        self.error_kinds: dict[str, int] = {}


async def visitor(port: int, at: float, t0: float, timeout: float, crowd: Crowd) -> None:
    await asyncio.sleep(max(0.0, t0 + at - time.perf_counter()))
    started = time.perf_counter()
    first, second = Connection("127.0.0.1", port), Connection("127.0.0.1", port)
    try:
        async with asyncio.timeout(timeout):
            status, _, body = await first.get("/p/schedule")
            crowd.requests += 1
            if status != 200:
                raise RuntimeError(f"schedule {status}")
            crowd.bytes += len(body)
            crowd.html.append(time.perf_counter() - started)
            assets = page_assets(body.decode("utf-8", "replace"), "/p/schedule")
            crowd.assets.update(assets)
            # As a browser: the files at once, over the open connection and a second one.
            answers = await asyncio.gather(*((first if i % 2 == 0 else second).get(a)
                                             for i, a in enumerate(assets)))
            crowd.requests += len(answers)
            for a, (status, _, data) in zip(assets, answers):
                if status != 200:
                    raise RuntimeError(f"{a} {status}")
                crowd.bytes += len(data)
            crowd.full.append(time.perf_counter() - started)
    except TimeoutError:
        crowd.timeouts += 1
    except (OSError, asyncio.IncompleteReadError, RuntimeError, ValueError) as err:
        crowd.errors += 1
        kind = type(err).__name__ + (f": {err}" if isinstance(err, RuntimeError) else "")
        crowd.error_kinds[kind] = crowd.error_kinds.get(kind, 0) + 1
    finally:
        await first.close()
        await second.close()


# -- the voters (a child process) ---------------------------------------------


async def _voters(port: int, sign_in_db: str, n: int, ramp: float, seed: int, start_voting, stop_voting,
                  deadline: float) -> dict:
    rng = random.Random(seed)
    out = {"first": [], "votes": [], "errors": 0, "timeouts": 0, "toggled": {}}
    loaded = asyncio.Event()
    ready = [0]

    async def one(i: int) -> None:
        name = f"user{i + 1:04d}"
        my = random.Random(rng.random())
        await asyncio.sleep(my.uniform(0, ramp))
        toggled: set[int] = set()
        counted = False
        try:
            async with Client(port, auth_cookie(sign_in_db, name)) as client:
                run = await asyncio.wait_for(client.open("sessions"), 300)
                out["first"].append(run.seconds)
                if client.page_path != "sessions":
                    raise RuntimeError(f"shown /{client.page_path}")
                counted = True
                ready[0] += 1
                if ready[0] == n:
                    loaded.set()
                await loaded.wait()
                buttons, fragments = dict(run.buttons), dict(run.fragments)
                while not stop_voting.is_set() and time.time() < deadline:
                    await asyncio.sleep(my.uniform(2, 6))
                    key = my.choice(sorted(k for k in buttons if k.startswith("vote_")))
                    widget = buttons[key]
                    run = await asyncio.wait_for(client.rerun((widget,), fragments.get(widget, "")), 300)
                    toggled ^= {int(key.removeprefix("vote_"))}
                    buttons.update(run.buttons)
                    fragments.update(run.fragments)
                    out["votes"].append((time.time(), run.seconds))
                    if any("rror" in a or "Fehler" in a for a in run.alerts):
                        out["errors"] += 1
        except TimeoutError:
            out["timeouts"] += 1
        except Exception as err:  # noqa: BLE001 - counted and reported
            out["errors"] += 1
            print(f"voter {name}: {type(err).__name__}: {err}", file=sys.stderr)
        finally:
            out["toggled"][name] = sorted(toggled)
            if not counted:  # a voter that never got the page does not hold the others up
                ready[0] += 1
                if ready[0] == n:
                    loaded.set()

    async def all_loaded() -> None:
        await asyncio.wait_for(loaded.wait(), 300)
        start_voting.set()

    waiter = asyncio.create_task(all_loaded())
    await asyncio.gather(*(one(i) for i in range(n)))
    waiter.cancel()
    return out


def voters_main(port, sign_in_db, n, ramp, seed, start_voting, stop_voting, deadline, queue) -> None:
    own0 = time.process_time()
    out = asyncio.run(_voters(port, sign_in_db, n, ramp, seed, start_voting, stop_voting, deadline))
    out["cpu"] = time.process_time() - own0
    queue.put(out)


# -- one level ----------------------------------------------------------------


async def crowd_level(port: int, n: int, ramp: float, timeout: float, pids: dict[str, int], rng: random.Random,
                      voters_pid: int | None = None):
    crowd = Crowd()
    before = {name: rss_mb(pid) for name, pid in pids.items()}
    peak = dict(before)
    cpu0 = {name: cpu_seconds(pid) for name, pid in pids.items()}
    own0 = time.process_time()
    busy0, load0 = machine_busy_seconds(), os.getloadavg()[0]
    voters0 = cpu_seconds(voters_pid) if voters_pid else 0.0
    arrivals = sorted(rng.uniform(0, ramp) for _ in range(n))
    t0 = time.perf_counter()
    tasks = [asyncio.create_task(visitor(port, at, t0, timeout, crowd)) for at in arrivals]
    pending = set(tasks)
    while pending:
        _, pending = await asyncio.wait(pending, timeout=0.25)
        for name, pid in pids.items():
            peak[name] = max(peak[name], rss_mb(pid))
    wall = time.perf_counter() - t0
    cpu = {name: (cpu_seconds(pid) - cpu0[name]) / wall for name, pid in pids.items()}
    own = (time.process_time() - own0) / wall
    voters_cpu = (cpu_seconds(voters_pid) - voters0) / wall if voters_pid else 0.0
    others = (machine_busy_seconds() - busy0) / wall - sum(cpu.values()) - own - voters_cpu
    return {"crowd": crowd, "before": before, "peak": peak, "cpu": cpu, "wall": wall,
            "own_cpu": own, "voters_cpu": voters_cpu, "others": others, "load": (load0, os.getloadavg()[0]),
            "t0": time.time() - wall}


def run_level(pristine: str, tmp: str, n: int, args) -> dict:
    db = os.path.join(tmp, f"public-{n}.db")
    Store(pristine).backup(None, db)
    store = Store(db)
    sign_in_db = db  # voters sign in through the store, as the form does
    votes_before = {f"user{i + 1:04d}": store.votes.of(store.people.get(f"user{i + 1:04d}"))
                    for i in range(args.voters)}
    port = free_port()
    with Front(db, port, workers=args.workers, log=os.path.join(tmp, f"front-{n}.log"),
               caddy_encode=args.caddy_encode) as front:
        pids = front.pids()
        # The first visitor of each worker must load "/" (STACK-NOTES.md: until then a deep link
        # to /sessions runs the page file alone, without the entrypoint): on each worker's own port.
        async def warm() -> None:
            for worker_port in front.worker_ports():
                async with Client(worker_port) as c:
                    await c.open("")
            async with httpx.AsyncClient() as c:
                await c.get(f"http://127.0.0.1:{port}/p/schedule")
        asyncio.run(warm())
        voters = None
        if args.voters:
            ctx = mp.get_context("spawn")
            start_voting, stop_voting, queue = ctx.Event(), ctx.Event(), ctx.Queue()
            voters = ctx.Process(target=voters_main, args=(
                port, sign_in_db, args.voters, 10.0, args.seed, start_voting, stop_voting,
                time.time() + 600, queue))
            voters.start()
            if not start_voting.wait(timeout=300):
                print("voters did not all load /sessions within 300 s; starting the crowd anyway",
                      file=sys.stderr)
            time.sleep(3)  # let the votes get going
        voted_from = time.time()
        row = asyncio.run(crowd_level(port, n, args.ramp, args.timeout, pids, random.Random(args.seed + n),
                                      voters.pid if voters else None))
        if voters:
            stop_voting.set()
            out = queue.get(timeout=600)
            voters.join(timeout=60)
            row["voters"] = out
            row["voted_from"] = voted_from
    if voters:
        store = Store(db)
        out["right"] = sum(store.votes.of(store.people.get(name)) == votes_before[name] ^ set(ids)
                           for name, ids in out["toggled"].items())
    row["n"] = n
    row["pids"] = pids
    return row


# -- report -------------------------------------------------------------------


def ms(v: float) -> str:
    return f"{v * 1000:,.0f} ms"


def table(rows: list[dict], args) -> str:
    lines = [
        f"Crowd arriving uniformly within {args.ramp:g} s; {args.voters} signed-in voters on /sessions "
        f"clicking every 2-6 s through the same front; workers: {args.workers or os.cpu_count()}; "
        f"timeout {args.timeout:g} s per visitor"
        + ("; Caddy with `encode zstd gzip`." if args.caddy_encode else "."),
        "",
        "| visitors | HTML p50 / p95 / max | HTML + CSS + JS p50 / p95 / max | errors, timeouts "
        "| visitors/s | requests/s | MB/s | load generator CPU (crowd + voters) | other work on the machine |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        c: Crowd = row["crowd"]
        h = f"{ms(percentile(c.html, .5))} / {ms(percentile(c.html, .95))} / {ms(max(c.html))}" if c.html else "–"
        f = f"{ms(percentile(c.full, .5))} / {ms(percentile(c.full, .95))} / {ms(max(c.full))}" if c.full else "–"
        lines.append(
            f"| {row['n']:,} | {h} | {f} | {c.errors}, {c.timeouts} | {len(c.full) / row['wall']:.0f} "
            f"| {c.requests / row['wall']:.0f} | {c.bytes / row['wall'] / 1e6:.1f} "
            f"| {row['own_cpu']:.0%} + {row['voters_cpu']:.0%} "
            f"| {row['others']:.0%} (load {row['load'][0]:.1f} → {row['load'][1]:.1f}) |")
    checks = [f"{r['n']}: {r['voters']['right']} of {len(r['voters']['toggled'])}" for r in rows if r.get("voters")]
    if checks:
        lines += ["", "Voters whose stored votes equal their votes before plus the toggles they made: "
                  + "; ".join(checks) + "."]
    lines += ["", "| visitors | voters' vote p50 / p95 / max during the crowd | votes | voters' errors, timeouts "
              "| voters' first load of /sessions p50 / p95 | voters' client CPU |",
              "|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        v = row.get("voters")
        if not v:
            continue
        during = [s for at, s in v["votes"] if row["t0"] <= at <= row["t0"] + row["wall"]]
        lines.append(
            f"| {row['n']:,} | " + (f"{ms(percentile(during, .5))} / {ms(percentile(during, .95))} / {ms(max(during))}"
                                   if during else "–")
            + f" | {len(during)} of {len(v['votes'])} | {v['errors']}, {v['timeouts']} "
            f"| {ms(percentile(v['first'], .5))} / {ms(percentile(v['first'], .95))} | {v['cpu']:.1f} s |")
    names = list(rows[0]["pids"])
    lines += ["", "| visitors | " + " | ".join(f"{n} RSS MB before → peak (CPU)" for n in names) + " |",
              "|---:|" + "---:|" * len(names)]
    for row in rows:
        lines.append(f"| {row['n']:,} | " + " | ".join(
            f"{row['before'][n]:.0f} → {row['peak'][n]:.0f} ({row['cpu'][n]:.0%})" for n in names) + " |")
    for row in rows:
        if row["crowd"].error_kinds:
            lines.append(f"\n{row['n']}: errors " + ", ".join(f"{k} ×{v}" for k, v in row["crowd"].error_kinds.items()))
    lines.append("\nFiles each visitor loaded after the HTML: " + ", ".join(
        sorted({a for r in rows for a in r["crowd"].assets})))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--levels", default="300,1000", help="visitors, comma-separated")
    parser.add_argument("--ramp", type=float, default=10.0, help="visitors arrive within this many seconds")
    parser.add_argument("--voters", type=int, default=100, help="signed-in people voting at the same time")
    parser.add_argument("--workers", type=int, help="Streamlit workers (default: serve's, one per CPU)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds a visitor may take before it counts as timed out")
    parser.add_argument("--db", help="the big event of bench/scale.py to copy (default: build one)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--caddy-encode", action="store_true",
                        help="an experiment: Caddy compresses (`encode zstd gzip` added to serve's Caddyfile)")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="public-load-")
    pristine = os.path.join(tmp, "pristine.db")
    if args.db:
        Store(args.db).backup(None, pristine)
    else:
        from scale import build
        build(pristine)
    rows = []
    for n in [int(x) for x in args.levels.split(",")]:
        row = run_level(pristine, tmp, n, args)
        c = row["crowd"]
        print(f"{n}: HTML p95 {ms(percentile(c.html, .95)) if c.html else '–'}, errors {c.errors}, "
              f"timeouts {c.timeouts}", file=sys.stderr, flush=True)
        rows.append(row)
    print(table(rows, args))
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
