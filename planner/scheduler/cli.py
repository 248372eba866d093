"""``python -m planner solve PROBLEM.json [--time-limit S] [--seed N] [--out GRID.json]``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from planner.errors import PlannerError
from planner.scheduler.problem import load_problem_file
from planner.scheduler.solve import solve


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line and exit 2, like every other bad input
        print(f"error: {message}", file=sys.stderr)
        raise SystemExit(2)


def main_solve(argv: list[str] | None = None) -> int:
    """Solve a problem file; grid JSON on stdout or to --out. Exit 2 on bad input."""
    parser = _Parser(prog="python -m planner solve", description="Solve a planning problem file.")
    parser.add_argument("problem", help="the planning problem (JSON)")
    parser.add_argument("--time-limit", type=float, default=10.0, help="seconds to search (default: 10)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    parser.add_argument("--out", help="write the grid here instead of stdout")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.time_limit < 0:
        print("error: --time-limit must not be negative", file=sys.stderr)
        return 2
    try:
        problem = load_problem_file(args.problem)
    except PlannerError as err:
        print(f"error: {err.message('en')}", file=sys.stderr)
        return 2
    grid = solve(problem, time_limit=args.time_limit, seed=args.seed)
    text = json.dumps(grid, ensure_ascii=False, indent=2)
    if args.out:
        try:
            Path(args.out).write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            print(f"error: cannot write {args.out}: {exc.strerror}", file=sys.stderr)
            return 2
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main_solve())
