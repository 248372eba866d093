"""``python -m planner ...``: thin commands over the library."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from planner.errors import PlannerError
from planner.store import Store, default_db_path


def _cmd_migrate(args: argparse.Namespace) -> int:
    applied = Store(args.db).migrate()
    print(f"{args.db}: " + (", ".join(applied) if applied else "up to date"))
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from planner import demo

    if Path(args.db).exists() and not args.force:
        print(f"{args.db} exists; pass --force to replace it.", file=sys.stderr)
        return 2
    for suffix in ("", "-wal", "-shm"):
        Path(args.db + suffix).unlink(missing_ok=True)
    store = demo.build_demo(args.db, seed=args.seed)
    print(
        f"{args.db}: demo event with {len(store.sessions.list())} sessions, "
        f"{len(store.people.list())} accounts. Sign in as '{demo.ORGANISER[0]}' "
        f"with '{demo.ORGANISER[3]}' (organiser) or e.g. 'anna01' with "
        f"'{demo.PARTICIPANT_PASSWORD}' (participant)."
    )
    return 0


def _cmd_backup(args: argparse.Namespace) -> int:
    Store(args.db).backup(None, args.out)
    print(f"{args.db} -> {args.out}")
    return 0


def _cmd_public(args: argparse.Namespace) -> int:
    from planner.public.server import serve

    Store(args.db).migrate()
    serve(args.db, host=args.host, port=args.port)
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from planner.front import FrontError, serve

    try:
        return serve(args.db, port=args.port, host=args.host, workers=args.workers,
                     public_port=args.public_port, domain=args.domain)
    except FrontError as err:
        print(f"serve: {err}", file=sys.stderr)
        return 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m planner", description="Barcamp Planner")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("migrate", help="create or upgrade the database")
    p.add_argument("--db", default=default_db_path(), help="database file (default: %(default)s)")
    p.set_defaults(func=_cmd_migrate)

    p = sub.add_parser("demo", help="write the demo database (a German MINT barcamp)")
    p.add_argument("--db", required=True, help="database file to create")
    p.add_argument("--seed", type=int, default=2026, help="random seed for votes")
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.set_defaults(func=_cmd_demo)

    p = sub.add_parser("backup", help="write a consistent copy of the database")
    p.add_argument("--db", default=default_db_path(), help="database file (default: %(default)s)")
    p.add_argument("--out", required=True, help="file to write the copy to")
    p.set_defaults(func=_cmd_backup)

    p = sub.add_parser("public", help="serve the public schedule, feeds and venue screens (under /p/)")
    p.add_argument("--db", default=default_db_path(), help="database file (default: %(default)s)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    p.add_argument("--port", type=int, default=8502, help="port to listen on (default: %(default)s)")
    p.set_defaults(func=_cmd_public)

    p = sub.add_parser("serve", help="serve the whole app on one port: Caddy, Streamlit workers, the public server")
    p.add_argument("--db", default=default_db_path(), help="database file (default: %(default)s)")
    p.add_argument("--port", type=int, default=8501, help="port to serve on (default: %(default)s)")
    p.add_argument("--host", help="address to listen on (default: all)")
    p.add_argument("--workers", type=int, help="Streamlit processes (default: PLANNER_WORKERS or one per CPU)")
    p.add_argument("--public-port", type=int, help="internal port of the public server (default: a free one)")
    p.add_argument("--domain", help="serve HTTPS for this domain on 443, with certificates Caddy gets itself")
    p.set_defaults(func=_cmd_serve)

    from planner.exports.cli import add_commands
    add_commands(sub)

    p = sub.add_parser("solve", help="solve a planning problem file", add_help=False)
    p.set_defaults(func=None)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "solve":
        # The scheduler's command parses its own arguments (planning-problem.md).
        from planner.scheduler.cli import main_solve

        return main_solve(argv[1:])
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except PlannerError as err:
        print(err.message("en"), file=sys.stderr)
        return 2
