"""``python -m planner export`` and ``export-problem``: the exports from the command line.

Bad input (no such database, no event, nothing published yet) prints one
line and exits 2, like every other command.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path

from planner.exports import Export
from planner.exports.formats import FORMATS, build
from planner.store import Store


class CommandError(Exception):
    """Input the command cannot work with; the message is printed as is."""


def add_commands(subparsers) -> None:
    """Register ``export`` and ``export-problem`` on the planner's subparsers."""
    p = subparsers.add_parser("export", help="write the schedule or a list in a format other programs read")
    p.add_argument("--db", required=True, help="database file")
    p.add_argument("--format", required=True, help=f"one of {', '.join(FORMATS)}, or site (a folder)")
    p.add_argument("--out", help="file to write (default: a name from the event in this folder; - for stdout); "
                                 "for site the folder to write")
    p.set_defaults(func=_run(_cmd_export))

    p = subparsers.add_parser("export-problem", help="write the planning problem (JSON) of the event")
    p.add_argument("--db", required=True, help="database file")
    p.add_argument("--out", help="file to write (default: stdout)")
    p.set_defaults(func=_run(_cmd_export_problem))


def _run(command):
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except CommandError as err:
            print(f"{args.command}: {err}", file=sys.stderr)
            return 2

    return run


def _open(path: str) -> Store:
    if not Path(path).is_file():
        raise CommandError(f"{path} does not exist.")
    store = Store(path)
    try:
        store.migrate()
    except sqlite3.DatabaseError:
        raise CommandError(f"{path} is not a planner database.") from None
    if store.event.get() is None:
        raise CommandError(f"{path} holds no event yet; set one up first.")
    return store


def build_export(store: Store, fmt: str) -> Export:
    """The export of the event in ``store`` in format ``fmt``; a refusal as a CommandError."""
    try:
        return build(store, fmt)
    except ValueError as err:
        raise CommandError(str(err)) from None


def _write(data: bytes, out: str | None) -> str:
    if out in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return "stdout"
    Path(out).write_bytes(data)
    return out


def _cmd_export(args: argparse.Namespace) -> int:
    if args.format == "site":
        return _export_site(_open(args.db), args.out)
    export = build_export(_open(args.db), args.format)
    target = _write(export.data, args.out or export.filename)
    print(f"{args.db} -> {target} ({export.mime}, {len(export.data)} bytes)", file=sys.stderr)
    return 0


def _cmd_export_problem(args: argparse.Namespace) -> int:
    from planner.scheduler.adapter import problem_for_event

    problem = problem_for_event(_open(args.db))
    _write((json.dumps(problem, ensure_ascii=False, indent=2) + "\n").encode("utf-8"), args.out)
    return 0


def _export_site(store: Store, out: str | None) -> int:
    """The public site as a folder any static web host can serve (what /p/ serves, file for file)."""
    from planner.public.source import site_data
    from planner.site.pages import files

    if not out or out == "-":
        raise CommandError("--out FOLDER is needed for the site.")
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise CommandError(f"{out} is not a folder.")
    site = files(site_data(store))
    for path, f in site.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(f.data)
    print(f"{store.path} -> {folder}/ ({len(site)} files)", file=sys.stderr)
    return 0
