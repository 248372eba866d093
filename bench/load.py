"""Many visitors at once against `streamlit run` or the front: first load, rerun latency, memory.

    .venv/bin/python bench/load.py                           # 25, 100, 300 per page, ~20 min
    .venv/bin/python bench/load.py --levels 5 --reruns 2     # a quick try
    .venv/bin/python bench/load.py --levels 300 --pages sessions --front   # behind `planner serve`

Builds the demo database (`python -m planner demo`) plus one account per
simulated voter, then for each page and each level N starts a fresh
`streamlit run` (with ``--front``: `python -m planner serve`, Caddy and one
Streamlit worker per CPU) on a copy of it and lets N visitors in, spread
over ``--ramp`` seconds. Each visitor opens the page as a fresh browser
does (``browser_open``): the HTML, every file it references and the
frontend's health and host-config requests over six connections; the
websocket (bench/stclient.py) and the first run, while the JS chunks and
the font a browser loads as the page draws come in (recorded once per page
with headless Chromium, :func:`record_files`); the sign-in cookie
component's iframe and the full rerun its value causes. The first load is
timed until that second run is done. ``--bare`` is the old client: the
websocket and its first run only. Then:

- **sessions**: N signed-in participants (sign-in cookie) on /sessions
  ``--reruns`` times think for ``--think`` seconds and press the vote
  button of a random session (a vote or its withdrawal, written to the
  database); at the end every account's votes in the database must equal
  the toggles it made.
- **schedule**: N signed-out visitors on the published /schedule rerun it
  ``--reruns`` times with the same think times.

Rerun latency is from sending the BackMsg to the script_finished
ForwardMsg. All N connections stay open until the last visitor is done;
the server's RSS (the workers' and Caddy's together behind the front) is
read from /proc before anyone connects, every 0.5 s while they work (peak)
and with all N still connected at the end. The visitors run in this one
process on the same 2 cores as the server; its CPU share is reported, and
so is the CPU everything else on the machine used meanwhile.
"""

from __future__ import annotations

import argparse
import asyncio
import json
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

from frontproc import Front, machine_busy_seconds  # noqa: E402
from frontproc import cpu_seconds as cpu_of  # noqa: E402
from frontproc import rss_mb as rss_of  # noqa: E402
from httpraw import Connection, assets, fetch_all  # noqa: E402
from stclient import Client, auth_cookie, free_port, start_server, stop_server  # noqa: E402

from planner.domain.passwords import hash_password  # noqa: E402
from planner.store import Store  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

RUN_TIMEOUT = 600  # seconds one run (or a whole first load) may take before it counts as timed out
BROWSER_CONNECTIONS = 6  # what a browser opens to one host over HTTP/1.1
WORKER_COOKIE = "planner_worker"  # planner.front.WORKER_COOKIE


def prepare(folder: str, accounts: int) -> str:
    """The demo database plus ``accounts`` confirmed participants load001, load002, ..."""
    db = os.path.join(folder, "load.db")
    subprocess.run([sys.executable, "-m", "planner", "demo", "--db", db], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    store = Store(db)
    shared = hash_password("not-used-the-cookie-signs-in", rounds=4)
    for i in range(accounts):
        name = f"load{i + 1:03d}"
        store.accounts.create(None, username=name, name=f"Load {i + 1}", email=f"{name}@load.example",
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
        self.http: list[float] = []  # seconds until the HTML and its static files were in
        self.run1: list[float] = []  # the first run, from its BackMsg
        self.run2: list[float] = []  # the cookie component's full rerun
        self.http_errors = 0  # answers other than 200 to the page or its files
        self.failed = 0  # visitors whose load failed (connection refused, closed, ...)
        self.reopened = 0  # kept-alive connections the server closed, opened again (as a browser does)
        self.failures: dict[str, int] = {}
        self.files = 0  # files per first load (the last visitor's)
        self.bytes = 0  # bytes on the wire per first load (the last visitor's)
        self.decoded = 0  # ... decoded


def record_files(port: int, page: str, cookie: str | None) -> tuple[list[tuple[str, int]], list[str]]:
    """What headless Chromium fetches besides the HTML's own files when it opens ``page``.

    (the frontend's requests before the websocket: /_stcore/health and
    host-config, under the page's path and the root; the files loaded while
    the page draws: JS chunks of its widgets, the icon font), the former
    with the status Chromium got. Streamlit's
    frontend loads a chunk per kind of element, so the list depends on the
    page; the cookie component's iframe is left out (the visitors fetch it
    from its index.html). Empty lists if Chromium is missing.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return [], []
    if not os.path.exists("/usr/bin/chromium"):
        return [], []
    seen: list[str] = []
    origin = f"http://127.0.0.1:{port}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        context = browser.new_context(viewport={"width": 412, "height": 915})  # a phone
        if cookie:
            context.add_cookies([{"name": k, "value": v, "url": origin} for k, v in _cookies(cookie).items()])
        tab = context.new_page()
        tab.on("response", lambda r: seen.append((r.url, r.status)))
        tab.goto(f"{origin}/{page}")
        idle = "[data-testid=stApp][data-test-script-state=notRunning]"
        tab.wait_for_selector(idle, timeout=120_000)
        time.sleep(3)  # the cookie component's rerun
        tab.wait_for_selector(idle, timeout=120_000)
        browser.close()
    paths = [(u.removeprefix(origin), status) for u, status in seen if u.startswith(origin + "/")]
    # The frontend probes /<page>/_stcore/... first (a 404 on a server at the root), as recorded.
    before = [(u, status) for u, status in paths if "/_stcore/" in u and not u.startswith("/component/")]
    lazy = [u for u, status in paths if u.startswith("/static/") and status == 200]
    return list(dict.fromkeys(before)), list(dict.fromkeys(lazy))


def _cookies(header: str | None) -> dict[str, str]:
    return dict(part.strip().split("=", 1) for part in (header or "").split(";") if "=" in part)


async def browser_open(port: int, page: str, cookie: str | None, level: Level,
                       recorded: tuple[list[str], list[str]]) -> tuple[Client, object]:
    """Open ``page`` as a fresh browser does; the connected client and the page's last run.

    The HTML, then every file it references (Streamlit's JS and CSS bundles,
    the font it preloads, the icon) and the requests the frontend makes
    before it connects (/_stcore/health, /_stcore/host-config), over six
    connections at once; then the websocket and the first run, and while it
    runs the files a browser loads as the page draws (``recorded`` by
    :func:`record_files`: the widgets' JS chunks, the icon font); then the
    sign-in cookie component's iframe (its HTML and files) and the full
    rerun its value causes. Behind the front, Caddy's worker cookie from the
    HTML's answer goes along with everything after it, as a browser's would.
    """
    started = time.perf_counter()
    conns = [Connection("127.0.0.1", port) for _ in range(BROWSER_CONNECTIONS)]
    client = None
    try:
        headers = {"Cookie": cookie} if cookie else {}
        status, answer, body = await conns[0].get(f"/{page}", headers)
        files, size = 1, len(body)
        if status != 200:
            level.http_errors += 1
        jar = _cookies(cookie)
        for set_cookie in answer.get("set-cookie", []):
            name, _, value = set_cookie.split(";", 1)[0].partition("=")
            jar[name.strip()] = value.strip()
        cookie = "; ".join(f"{k}={v}" for k, v in jar.items()) or None
        headers = {"Cookie": cookie} if cookie else {}
        own = assets(body.decode("utf-8", "replace"), f"/{page}")
        before, lazy = recorded
        before = before or [("/_stcore/health", 200), ("/_stcore/host-config", 200)]
        expected = {**{p: 200 for p in own}, **dict(before)}  # what the browser got
        got = await fetch_all(conns, own + [p for p, _ in before], headers)
        files, size = files + len(got), size + sum(n for _, _, n in got)
        level.http_errors += sum(st != expected[p] for p, st, _ in got)
        level.http.append(time.perf_counter() - started)
        client = await Client(port, cookie).__aenter__()
        # The first run and, meanwhile, the chunks the browser loads as the page draws.
        run, got = await asyncio.gather(
            client.open(page), fetch_all(conns, [p for p in lazy if p not in own], headers))
        files, size = files + len(got), size + sum(n for _, _, n in got)
        level.http_errors += sum(st != 200 for _, st, _ in got)
        level.run1.append(run.seconds)
        values = {}
        for name, widget_id in run.components.items():
            index = f"/component/{name}/index.html"
            status, _, body = await conns[0].get(index, headers)
            got = await fetch_all(conns, assets(body.decode("utf-8", "replace"), index), headers)
            files, size = files + 1 + len(got), size + len(body) + sum(n for _, _, n in got)
            level.http_errors += (status != 200) + sum(st != 200 for _, st, _ in got)
            if "CookieManager" in name or "cookie_manager" in name:
                values[widget_id] = json.dumps(jar)  # getAll: every cookie the page can read
        if values:
            run = await client.rerun(values=values)
            level.run2.append(run.seconds)
        level.files, level.bytes, level.decoded = files, sum(c.wire for c in conns), size
        level.reopened += sum(c.reopened for c in conns)
        return client, run
    except BaseException:
        if client is not None:
            await client.__aexit__(None, None, None)
        raise
    finally:
        for c in conns:
            await c.close()


async def visitor(page: str, port: int, cookie: str | None, username: str | None, start: float,
                  reruns: int, think: tuple[float, float], rng: random.Random, level: Level,
                  done: asyncio.Event, finished: list, bare: bool,
                  recorded: tuple[list[str], list[str]] = ([], [])) -> None:
    await asyncio.sleep(start)
    toggled: set[int] = set()
    client = None
    try:
        started = time.perf_counter()
        if bare:  # the websocket and the first run only, as before
            client = await Client(port, cookie).__aenter__()
            run = await asyncio.wait_for(client.open(page), RUN_TIMEOUT)
        else:
            client, run = await asyncio.wait_for(browser_open(port, page, cookie, level, recorded), RUN_TIMEOUT)
        if client.page_path != page:
            raise RuntimeError(f"asked for /{page}, shown /{client.page_path}")
        level.first.append(time.perf_counter() - started)
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
    except Exception as err:  # noqa: BLE001 - a failed visitor is counted, and the others go on
        level.failed += 1
        level.failures[f"{type(err).__name__}: {err}"[:120]] = level.failures.get(
            f"{type(err).__name__}: {err}"[:120], 0) + 1
        finished.append(1)
    finally:
        if client is not None:
            await client.__aexit__(None, None, None)
    if username:
        level.toggled[username] = toggled


async def run_level(page: str, n: int, port: int, pids: list[int], db: str, args,
                    rng: random.Random, recorded: tuple[list[str], list[str]] = ([], [])) -> dict:
    """``pids``: the server's processes (Streamlit, or the front's workers and Caddy): RSS and CPU are summed."""
    level = Level()
    done = asyncio.Event()
    finished: list = []
    samples: list[float] = []
    rss_mb = lambda: sum(rss_of(p) for p in pids)  # noqa: E731
    cpu_seconds = lambda: sum(cpu_of(p) for p in pids)  # noqa: E731
    before = rss_mb()
    cpu0, own0, wall0 = cpu_seconds(), time.process_time(), time.perf_counter()
    busy0, load0 = machine_busy_seconds(), os.getloadavg()[0]
    tasks = []
    for i in range(n):
        username = f"load{i + 1:03d}" if page == "sessions" else None
        cookie = auth_cookie(db, username) if username else None
        tasks.append(asyncio.create_task(visitor(
            page, port, cookie, username, rng.uniform(0, args.ramp), args.reruns, tuple(args.think),
            random.Random(rng.random()), level, done, finished, args.bare, recorded)))
    deadline = time.monotonic() + args.ramp + RUN_TIMEOUT * (args.reruns + 2)
    while len(finished) < n and time.monotonic() < deadline:
        samples.append(rss_mb())
        await asyncio.sleep(0.5)
    wall = time.perf_counter() - wall0
    cpu, own = cpu_seconds() - cpu0, time.process_time() - own0
    others = machine_busy_seconds() - busy0 - cpu - own  # CPU of everything else on the machine
    connected = rss_mb()
    done.set()
    _, pending = await asyncio.wait(tasks, timeout=120)
    for task in pending:  # only if some visitor hangs past the deadline
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return {
        "page": page, "n": n, "level": level, "before": before, "peak": max(samples + [connected]),
        "connected": connected, "wall": wall, "cpu": cpu / wall, "own_cpu": own / wall,
        "others": others / wall, "load": (load0, os.getloadavg()[0]),
    }


def check_votes(db: str, toggled: dict[str, set[int]]) -> tuple[int, int]:
    """(accounts whose stored votes differ from their toggles, accounts checked)."""
    store = Store(db)
    wrong = sum(store.votes.of(store.people.get(name)) != ids for name, ids in toggled.items())
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
    parser.add_argument("--front", action="store_true",
                        help="serve with `python -m planner serve` (Caddy and --workers Streamlit workers) "
                             "instead of one `streamlit run`")
    parser.add_argument("--workers", type=int, help="with --front: workers (default: serve's, one per CPU)")
    parser.add_argument("--bare", action="store_true",
                        help="the old client: the websocket and its first run only, no HTML, static files "
                             "or cookie component rerun (what the tables before 2026-12-06 measured)")
    parser.add_argument("--caddy-encode", action="store_true",
                        help="with --front, an experiment: Caddy compresses (`encode zstd gzip` in its Caddyfile)")
    args = parser.parse_args()
    if args.front and args.flag:
        parser.error("--flag works only without --front")
    levels = [int(x) for x in args.levels.split(",")]
    pages = args.pages.split(",")
    rng = random.Random(args.seed)
    tmp = tempfile.mkdtemp(prefix="load-")
    pristine = prepare(tmp, max(levels))
    rows = []
    recorded: dict[str, tuple[list[str], list[str]]] = {}
    for page in pages:
        for n in levels:
            db = os.path.join(tmp, f"{page}-{n}.db")
            Store(pristine).backup(None, db)
            port = free_port()
            log = os.path.join(tmp, f"{page}-{n}.log")
            if args.front:
                front = Front(db, port, workers=args.workers, log=log, caddy_encode=args.caddy_encode)
                named = front.pids()
                pids = [pid for name, pid in named.items() if name.startswith("worker-") or name == "caddy"]
                ports = front.worker_ports()
                stop = front.stop
            else:
                server = start_server(db, port, log=log, flags=tuple(args.flag))
                pids, ports, stop = [server.pid], [port], lambda server=server: stop_server(server)
            try:
                async def warm_up() -> None:
                    # The first visitor of a fresh server loads "/" (see STACK-NOTES.md: until
                    # then a deep link runs the page file alone), then one run of the page; behind
                    # the front on each worker's own port, so that every worker gets its "/".
                    for p in ports:
                        async with Client(p) as c:
                            await c.open("")
                        async with Client(p, auth_cookie(db, "orga")) as c:
                            await c.open(page)

                asyncio.run(warm_up())
                if not args.bare and page not in recorded:
                    who = auth_cookie(db, f"load{max(levels):03d}") if page == "sessions" else None
                    recorded[page] = record_files(port, page, who)
                    print(f"Chromium on /{page}: {len(recorded[page][1])} files loaded while drawing",
                          file=sys.stderr, flush=True)
                time.sleep(1)
                row = asyncio.run(run_level(page, n, port, pids, db, args, rng, recorded.get(page, ([], []))))
            finally:
                stop()
            if page == "sessions":
                row["votes"] = check_votes(db, row["level"].toggled)
            rows.append(row)
            print_row(row, file=sys.stderr)
    print(table(rows, args))
    shutil.rmtree(tmp, ignore_errors=True)


def print_row(row: dict, file) -> None:
    lv = row["level"]
    if not lv.first:
        print(f"{row['page']} n={row['n']}: nobody loaded the page; failures {lv.failures}", file=file, flush=True)
        return
    print(f"{row['page']} n={row['n']}: first load median {statistics.median(lv.first) * 1000:.0f} ms "
          f"p95 {percentile(lv.first, 0.95) * 1000:.0f} ms, peak {row['peak']:.0f} MB, "
          f"failed {lv.failed}", file=file, flush=True)


def table(rows: list[dict], args) -> str:
    server = (f"`python -m planner serve`, {args.workers or os.cpu_count()} workers (RSS and CPU: the workers "
              "and Caddy together)" if args.front else "one `streamlit run`")
    if args.caddy_encode:
        server += ", Caddy with `encode zstd gzip`"
    client = ("the old client (websocket and first run only)" if args.bare else
              "browser-like first load: HTML, its static files, websocket, first run, cookie component's rerun")
    lines = [
        f"{server}; {client}; {args.reruns} reruns per visitor after the first load, "
        f"{args.think[0]:g}-{args.think[1]:g} s between clicks, arrivals over {args.ramp:g} s"
        + (f"; server options: {', '.join(args.flag)}." if args.flag else "."),
        "",
        "| page | sessions | first load median / p95 | of it: files in / first run / second run, medians "
        "| rerun median | rerun p95 | reruns/s "
        "| server CPU | load generator CPU | other work on the machine | server RSS before → peak MB "
        "| errors, timeouts, failed |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    ms = lambda v: f"{v * 1000:,.0f} ms"  # noqa: E731
    med = lambda v: ms(statistics.median(v)) if v else "–"  # noqa: E731
    for row in rows:
        lv = row["level"]
        first = f"{med(lv.first)} / {ms(percentile(lv.first, 0.95))}" if lv.first else "–"
        parts = "–" if args.bare else f"{med(lv.http)} / {med(lv.run1)} / {med(lv.run2)}"
        lines.append(
            f"| {row['page']} | {row['n']} | {first} | {parts} "
            f"| {med(lv.reruns)} | {ms(percentile(lv.reruns, 0.95)) if lv.reruns else '–'} "
            f"| {len(lv.reruns) / row['wall']:.1f} | {row['cpu']:.0%} | {row['own_cpu']:.0%} "
            f"| {row['others']:.0%} (load {row['load'][0]:.1f} → {row['load'][1]:.1f}) "
            f"| {row['before']:.0f} → {row['peak']:.0f} | {lv.errors + lv.http_errors}, {lv.timeouts}, {lv.failed} |"
        )
    if not args.bare and rows:
        lv = rows[-1]["level"]
        lines += ["", f"A first load fetched {lv.files} files over HTTP, {lv.bytes / 1e6:.1f} MB as sent "
                  f"({lv.decoded / 1e6:.1f} MB decoded). Kept-alive connections the server had closed "
                  "and the client opened again: " + ", ".join(f"{r['n']}: {r['level'].reopened}" for r in rows) + "."]
    for row in rows:
        if row["level"].failures:
            lines.append(f"{row['page']} {row['n']}: " + "; ".join(
                f"{k} ×{v}" for k, v in row["level"].failures.items()))
    checks = [f"{r['n']}: {r['votes'][1] - r['votes'][0]} of {r['votes'][1]}" for r in rows if "votes" in r]
    if checks:
        lines += ["", "Accounts whose stored votes equal the toggles they made: " + "; ".join(checks) + "."]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
