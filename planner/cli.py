"""``python -m planner COMMAND``: one parser, thin commands over the library.

One rule for errors: whatever the user can fix (a PlannerError, a bad
argument) is one line on stderr, ``COMMAND: message`` (a PlannerError in
the language of ``--lang``), and exit code 2. No traceback.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path

from planner.errors import NotFound, PlannerError, ValidationError, os_cause
from planner.i18n import LANGUAGES
from planner.store import Store, default_db_path

PROG = "python -m planner"


def _refuse(command: str, message: str) -> int:
    print(f"{command}: {message}", file=sys.stderr)
    return 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # a bad argument: one line and exit 2, like every other refusal
        self.exit(_refuse(self.prog.split()[-1], message))


def _existing(path: str) -> str:
    if not Path(path).is_file():
        raise NotFound("error.db_missing", path=path)
    return path


def _migrate(path: str) -> list[str]:
    """Create or upgrade the database at ``path``; the migrations applied."""
    try:
        return Store(path).migrate()
    except sqlite3.DatabaseError:
        raise ValidationError("error.db_foreign", path=path) from None


def _open(path: str) -> Store:
    """The store of an existing planner database with an event."""
    _migrate(_existing(path))
    store = Store(path)
    if store.event.get() is None:
        raise NotFound("error.event_missing", path=path)
    return store


def _write(data: bytes, out: str | None) -> str:
    """``data`` to the file ``out``, or to stdout for None or ``-``; where it went."""
    if out in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return "stdout"
    try:
        Path(out).write_bytes(data)
    except OSError as exc:
        key, params = os_cause("error.cannot_write", exc)
        raise ValidationError(key, path=out, **params) from None
    return out


def _json(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# -- the commands -------------------------------------------------------------


def _cmd_migrate(args: argparse.Namespace) -> int:
    applied = _migrate(args.db)
    print(f"{args.db}: " + (", ".join(applied) if applied else "up to date"))
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from planner import demo

    if Path(args.db).exists() and not args.force:
        raise PlannerError("error.db_exists", path=args.db)
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
    try:
        Store(_existing(args.db)).backup(None, args.out)
    except sqlite3.OperationalError as exc:
        if not Path(args.out).parent.is_dir():
            raise ValidationError("error.cannot_write_missing", path=args.out) from None
        raise ValidationError("error.cannot_write", path=args.out, reason="SQLite") from None
    except sqlite3.DatabaseError:
        raise ValidationError("error.db_foreign", path=args.db) from None
    print(f"{args.db} -> {args.out}")
    return 0


def _cmd_public(args: argparse.Namespace) -> int:
    from planner.public.server import serve

    _migrate(args.db)
    serve(args.db, host=args.host, port=args.port)
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from planner.front import FrontError, serve

    try:
        return serve(args.db, port=args.port, host=args.host, workers=args.workers,
                     public_port=args.public_port, domain=args.domain)
    except FrontError as err:  # English only: the front's messages are not in the catalogue
        return _refuse(args.command, str(err))


def _cmd_export(args: argparse.Namespace) -> int:
    from planner.exports.adapter import build

    from planner.exports.registry import BY_NAME

    if args.format not in (*BY_NAME, "site"):
        raise ValidationError("error.export_format_unknown", format=args.format, formats=", ".join((*BY_NAME, "site")))
    store = _open(args.db)
    if args.format == "site":
        return _export_site(store, args.out)
    export = build(store, args.format, args.lang)  # the CSV list's headers and words follow --lang
    target = _write(export.data, args.out or export.filename)
    print(f"{args.db} -> {target} ({export.mime}, {len(export.data)} bytes)", file=sys.stderr)
    return 0


def _export_site(store: Store, out: str | None) -> int:
    """The public site as a folder any static web host can serve (what /p/ serves, file for file)."""
    from planner.public.source import site_data
    from planner.site.pages import files

    if not out or out == "-":
        raise ValidationError("error.site_needs_folder")
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise ValidationError("error.not_a_folder", path=out)
    site = files(site_data(store))
    for path, f in site.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(f.data)
    print(f"{store.path} -> {folder}/ ({len(site)} files)", file=sys.stderr)
    return 0


def _cmd_export_problem(args: argparse.Namespace) -> int:
    from planner.scheduler.adapter import problem_for_event

    _write(_json(problem_for_event(_open(args.db))), args.out)
    return 0


def _cmd_solve(args: argparse.Namespace) -> int:
    from planner.scheduler.problem import load_problem_file
    from planner.scheduler.solve import solve

    if args.time_limit < 0:
        raise ValidationError("error.time_limit_negative")
    grid = solve(load_problem_file(args.problem), time_limit=args.time_limit, seed=args.seed)
    _write(_json(grid), args.out)
    return 0


# -- the parser ---------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    from planner.exports.registry import BY_NAME

    parser = _Parser(prog=PROG, description="Barcamp Planner")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGUAGES, default="en", help="language of messages and of CSV exports (default: en)")
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, func, text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=text, description=text, parents=[common])
        p.set_defaults(func=func)
        return p

    def db(p: argparse.ArgumentParser, required: bool = False) -> None:
        if required:
            p.add_argument("--db", required=True, help="database file")
        else:
            p.add_argument("--db", default=default_db_path(), help="database file (default: %(default)s)")

    p = command("migrate", _cmd_migrate, "create or upgrade the database")
    db(p)

    p = command("demo", _cmd_demo, "write the demo database (a German MINT barcamp)")
    p.add_argument("--db", required=True, help="database file to create")
    p.add_argument("--seed", type=int, default=2026, help="random seed for votes")
    p.add_argument("--force", action="store_true", help="replace an existing file")

    p = command("backup", _cmd_backup, "write a consistent copy of the database")
    db(p)
    p.add_argument("--out", required=True, help="file to write the copy to")

    p = command("public", _cmd_public, "serve the public schedule, feeds and venue screens (under /p/)")
    db(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    p.add_argument("--port", type=int, default=8502, help="port to listen on (default: %(default)s)")

    p = command("serve", _cmd_serve, "serve the whole app on one port: Caddy, Streamlit workers, the public server")
    db(p)
    p.add_argument("--port", type=int, default=8501, help="port to serve on (default: %(default)s)")
    p.add_argument("--host", help="address to listen on (default: all)")
    p.add_argument("--workers", type=int, help="Streamlit processes (default: PLANNER_WORKERS or one per CPU)")
    p.add_argument("--public-port", type=int, help="internal port of the public server (default: a free one)")
    p.add_argument("--domain", help="serve HTTPS for this domain on 443, with certificates Caddy gets itself")

    p = command("export", _cmd_export, "write the schedule or a list in a format other programs read")
    db(p, required=True)
    p.add_argument("--format", required=True, help=f"one of {', '.join(BY_NAME)}, or site (a folder)")
    p.add_argument("--out", help="file to write (default: a name from the event in this folder; - for stdout); "
                                 "for site the folder to write")

    p = command("export-problem", _cmd_export_problem, "write the planning problem (JSON) of the event")
    db(p, required=True)
    p.add_argument("--out", help="file to write (default: stdout)")

    p = command("solve", _cmd_solve, "solve a planning problem file; the grid (JSON) to stdout or --out")
    p.add_argument("problem", help="the planning problem (JSON)")
    p.add_argument("--time-limit", type=float, default=10.0, help="seconds to search (default: %(default)s)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default: %(default)s)")
    p.add_argument("--out", help="write the grid here instead of stdout")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help (0) or a bad argument (2, the line is printed)
        return int(exc.code or 0)
    try:
        return args.func(args)
    except PlannerError as err:
        return _refuse(args.command, err.message(args.lang))
