"""Every page with a big event: 2,000 users, 250 sessions, 20,000 votes.

    .venv/bin/python bench/scale.py                    # build, measure every page (~3 min)
    .venv/bin/python bench/scale.py --db /tmp/big.db   # keep (or reuse) the database
    .venv/bin/python bench/scale.py --db /tmp/big.db --profile participants   # where its time goes

The event is built through the store (event, topics, rooms, 2 days of
slots, 250 proposals with hosts and co-hosts, a plan from the scheduler and
a published release) with bulk inserts where the store has no bulk call
(2,000 accounts, 20,000 votes with Zipf-like popularity, topic interests,
stars, host unavailability). Then one `streamlit run` serves the app and
another an empty page; a websocket client (bench/stclient.py) opens each
page and reruns it ``--reruns`` times, one run at a time: every page as the
organiser, the schedule and the sign-in page also signed out. The ratio is
a page's median rerun time over the empty page's; the server's CPU time per
rerun (from /proc) is less swayed by other work on the machine.

``--profile PAGE`` serves the app from a child process whose script runs
pyinstrument records (bench/requirements.txt), reruns PAGE as the
organiser and prints where the time went (SCALE_PROFILE_ALL=1: Streamlit's
own frames too).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from stclient import Client, auth_cookie, cpu_seconds, free_port, start_server, stop_server  # noqa: E402

from planner.models import SessionDraft, SessionFormat, SlotKind  # noqa: E402
from planner.domain.passwords import hash_password  # noqa: E402
from planner.store import Store  # noqa: E402

USERS, SESSIONS, VOTES = 2000, 250, 20_000
ORGANISER = ("orga", "Orga Team", "orga@scale.example", "Scale-Orga-2026")
TOPICS = ["Robotik", "Programmieren", "Schule", "Open Source", "Datenschutz", "Kunst", "Inklusion",
          "Nachhaltigkeit", "KI", "Making", "Didaktik", "Gaming", "Politik", "Medien"]
# (day, start, end, kind): 7 session slots a day around a lunch break.
DAY_SLOTS = [("09:00", "09:30", SlotKind.PLENARY), ("09:45", "10:30", SlotKind.SESSION),
             ("10:45", "11:30", SlotKind.SESSION), ("11:45", "12:30", SlotKind.SESSION),
             ("12:30", "13:30", SlotKind.BREAK), ("13:30", "14:15", SlotKind.SESSION),
             ("14:30", "15:15", SlotKind.SESSION), ("15:30", "16:15", SlotKind.SESSION),
             ("16:30", "17:15", SlotKind.SESSION)]
# Pages as the organiser (url path), then signed out.
ORGANISER_PAGES = ["schedule", "agenda", "display", "sessions", "propose", "topics", "availability",
                   "account", "event", "planning", "rooms", "participants", "moderation"]
SIGNED_OUT_PAGES = ["schedule", ""]  # "" is the sign-in page
LOREM = ("Wir sammeln Erfahrungen, zeigen Beispiele aus der Praxis und diskutieren, was an Schulen, "
         "in Vereinen und Makerspaces funktioniert. Bringt Fragen mit, gern auch Material zum Teilen. ")


def build(path: str, seed: int = 1) -> Store:
    """The big event in a new database at ``path``."""
    rng = random.Random(seed)
    store = Store(path, bcrypt_rounds=4)
    store.migrate()
    first_day = date.today() + timedelta(days=10)
    orga = store.event.set_up(name="Großes Barcamp (Skalentest)", starts_on=first_day,
                        ends_on=first_day + timedelta(days=1), timezone_name="Europe/Berlin",
                        default_language="de", organiser_username=ORGANISER[0], organiser_name=ORGANISER[1],
                        organiser_email=ORGANISER[2], organiser_password=ORGANISER[3])
    colours = ["#d62728", "#1f77b4", "#9467bd", "#2ca02c", "#ff7f0e", "#7f7f7f", "#17becf"]
    topic_ids = [store.topics.create(orga, n, colours[i % len(colours)], f"Alles zu {n}.").id
                 for i, n in enumerate(TOPICS)]
    for i in range(20):
        capacity = 300 if i == 0 else 120 if i < 5 else rng.choice([20, 25, 30, 40, 60])
        features = ["projector"] if i < 3 or rng.random() < 0.6 else []
        if rng.random() < 0.4:
            features.append("accessible")
        store.venue.add_room(orga, f"Raum {i + 1}", capacity, features)
    for d in range(2):
        for start, end, kind in DAY_SLOTS:
            store.venue.add_slot(orga, (first_day + timedelta(days=d)).isoformat(), start, end, kind,
                           "Mittag" if kind is SlotKind.BREAK else "Plenum" if kind is SlotKind.PLENARY else "")

    shared = hash_password("Scale-Test-2026", rounds=4)
    now = "2026-11-01T08:00:00+00:00"
    with store.db.write() as db:  # 2,000 accounts at once; the store adds them one by one
        db["users"].insert_all(
            {"username": f"user{i:04d}", "name": f"Person {i:04d}", "email": f"user{i:04d}@scale.example",
             "password_hash": shared, "role": "participant", "active": 1, "language": None, "created_at": now}
            for i in range(1, USERS + 1))
    people = [u for u in store.people.list() if u.username.startswith("user")]

    sessions = []
    for i in range(SESSIONS):
        host = people[(i * 7) % len(people)]
        cohosts = (people[(i * 7 + 3) % len(people)].username,) if rng.random() < 0.15 else ()
        sessions.append(store.sessions.propose(host, SessionDraft(
            title=f"Session {i + 1}: {rng.choice(TOPICS)} in der Praxis", description=LOREM * rng.randint(1, 3),
            format=rng.choice(list(SessionFormat)), length=2 if rng.random() < 0.08 else 1,
            language="en" if rng.random() < 0.1 else "de",
            needs=("projector",) if rng.random() < 0.5 else (),
            topic_ids=tuple(rng.sample(topic_ids, rng.choice([1, 1, 2]))), cohosts=cohosts,
            doc_url=f"https://pad.scale.example/s{i + 1}" if i % 3 == 0 else "")))

    # Votes: ten each, Zipf-like popularity -> exactly 20,000.
    weights = [1.0 / (rank + 1) ** 0.9 for rank in range(SESSIONS)]
    rng.shuffle(weights)
    votes, interests, stars = [], [], []
    for person in people:
        chosen: set[int] = set()
        while len(chosen) < VOTES // USERS:
            chosen.add(rng.choices(sessions, weights=weights)[0].id)
        votes += [{"user_id": person.id, "session_id": s, "created_at": now} for s in sorted(chosen)]
        interests += [{"user_id": person.id, "topic_id": t} for t in rng.sample(topic_ids, rng.choice([1, 2, 3]))]
        stars += [{"user_id": person.id, "session_id": s} for s in rng.sample(sorted(chosen), 3)]
    slot_ids = [s.id for s in store.venue.slots() if s.kind is SlotKind.SESSION]
    hosts = sorted({h.id for s in sessions for h in s.hosts})
    away = [{"user_id": h, "slot_id": s} for h in rng.sample(hosts, len(hosts) // 12)
            for s in rng.sample(slot_ids, 3)]
    with store.db.write() as db:
        db["votes"].insert_all(votes)
        db["topic_interest"].insert_all(interests)
        db["stars"].insert_all(stars)
        db["host_unavailable"].insert_all(away)

    from planner.scheduler.adapter import placements_from_grid, problem_for_event
    from planner.scheduler.problem import load_problem
    from planner.scheduler.solve import solve

    grid = solve(load_problem(problem_for_event(store)), time_limit=10, seed=1)
    store.grid.replace(orga, placements_from_grid(grid, set()))
    store.releases.publish(orga, "v1")
    return store


async def measure(port: int, page: str, cookie: str | None, reruns: int, pid: int | None = None) -> tuple[list[float], float]:
    """Seconds of each rerun of ``page`` after its first load, and the server's
    CPU seconds per rerun (less swayed than wall time by other work on the machine)."""
    async with Client(port, cookie) as client:
        await client.open(page)
        cpu = cpu_seconds(pid) if pid else 0.0
        seconds = [(await client.rerun()).seconds for _ in range(reruns)]
        cpu = (cpu_seconds(pid) - cpu) / max(reruns, 1) if pid else 0.0
        if client.page_path != page:
            raise RuntimeError(f"asked for /{page}, shown /{client.page_path}")
        return seconds, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="database file; built if missing (default: a temporary one)")
    parser.add_argument("--reruns", type=int, default=20)
    parser.add_argument("--pages", help="organiser pages to measure, comma-separated (default: all)")
    parser.add_argument("--profile", metavar="PAGE", help="profile one page (as the organiser) with pyinstrument")
    args = parser.parse_args()
    db = args.db or os.path.join(tempfile.mkdtemp(prefix="scale-"), "scale.db")
    if not Path(db).exists():
        started = time.perf_counter()
        build(db)
        print(f"built {db} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    if args.profile:
        profile(db, args.profile)
        return
    store = Store(db)
    counts = (len(store.people.list()), len(store.sessions.list()), sum(s.votes for s in store.sessions.list()))
    cookie = auth_cookie(db, ORGANISER[0])
    pages = args.pages.split(",") if args.pages else ORGANISER_PAGES

    empty = Path(tempfile.mkdtemp(prefix="empty-")) / "empty_page.py"
    empty.write_text("import streamlit as st\n", encoding="utf-8")
    base_port, app_port = free_port(), free_port()
    base = start_server(db, base_port, script=str(empty))
    app = start_server(db, app_port)
    try:
        asyncio.run(measure(app_port, "", None, 0))  # the first visitor loads "/" (STACK-NOTES.md)
        load_before = os.getloadavg()[0]
        results = [("empty page", None, asyncio.run(measure(base_port, "", None, args.reruns, base.pid)))]
        for page in pages:
            results.append((page, "organiser", asyncio.run(measure(app_port, page, cookie, args.reruns, app.pid))))
        for page in SIGNED_OUT_PAGES:
            results.append((page or "signin", "signed out",
                            asyncio.run(measure(app_port, page, None, args.reruns, app.pid))))
    finally:
        stop_server(app)
        stop_server(base)
    print(report(results, counts, args.reruns, (load_before, os.getloadavg()[0])))


def report(results, counts, reruns: int, loads: tuple[float, float]) -> str:
    base = statistics.median(results[0][2][0])
    lines = [f"{counts[0]:,} active accounts, {counts[1]} sessions, {counts[2]:,} counted votes; "
             f"{reruns} reruns of each page, one at a time; the machine's load average "
             f"{loads[0]:.1f} before, {loads[1]:.1f} after.", "",
             "| page | as | median ms | max ms | ratio to empty page | server CPU ms per rerun |",
             "|---|---|---:|---:|---:|---:|"]
    for page, who, (seconds, cpu) in results:
        median = statistics.median(seconds)
        lines.append(f"| {page} | {who or '–'} | {median * 1000:.0f} | {max(seconds) * 1000:.0f} "
                     f"| {median / base:.1f} | {cpu * 1000:.0f} |")
    return "\n".join(lines)


def profile(db: str, page: str, reruns: int = 5) -> None:
    """Where the server's reruns of ``page`` (as the organiser) spend their time.

    Runs `streamlit run` in a child process whose script runs are profiled by
    pyinstrument (see serve_profiled), reruns the page and prints the profile.
    """
    out = Path(tempfile.mkdtemp(prefix="profile-")) / "profile.txt"
    port = free_port()
    cookie = auth_cookie(db, ORGANISER[0])
    env_before = os.environ.get("SCALE_PROFILE_OUT")
    os.environ["SCALE_PROFILE_OUT"] = str(out)
    server = start_server(db, port, script=str(HERE / "scale.py"), run_as_script=True)
    try:
        asyncio.run(measure(port, "", None, 0))
        asyncio.run(measure(port, page, cookie, reruns))
    finally:
        stop_server(server)
        if env_before is None:
            os.environ.pop("SCALE_PROFILE_OUT")
    print(out.read_text(encoding="utf-8"))


def serve_profiled() -> None:
    """`streamlit run streamlit_app.py` with every script run after the first two profiled.

    A profiler per run (the next run's thread may start before the last one
    has returned), combined at exit.
    """
    import atexit
    import threading
    from functools import reduce

    from pyinstrument import Profiler
    from pyinstrument.renderers import ConsoleRenderer
    from pyinstrument.session import Session
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.web import cli

    original = script_runner.ScriptRunner._run_script
    sessions: list[Session] = []
    runs = []
    lock = threading.Lock()

    def run_script(self, *args, **kwargs):
        with lock:
            runs.append(1)
            if len(runs) <= 2:  # the start page and the first load
                return original(self, *args, **kwargs)
        profiler = Profiler(interval=0.0005)
        profiler.start()
        try:
            return original(self, *args, **kwargs)
        finally:
            with lock:
                sessions.append(profiler.stop())

    def write() -> None:
        if sessions:
            text = ConsoleRenderer(unicode=True, show_all=bool(os.environ.get("SCALE_PROFILE_ALL"))).render(reduce(Session.combine, sessions))
            Path(os.environ["SCALE_PROFILE_OUT"]).write_text(text, encoding="utf-8")

    script_runner.ScriptRunner._run_script = run_script
    atexit.register(write)
    sys.argv = ["streamlit", "run", str(ROOT / "streamlit_app.py"), *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    if os.environ.get("SCALE_PROFILE_OUT") and "--server.headless=true" in sys.argv:
        serve_profiled()
    else:
        main()
