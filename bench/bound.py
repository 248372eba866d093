"""How tight the scheduler's proven bound is: the quick bound and the LP bound
against the best grid our solver finds, with the bound's time and memory.

    .venv/bin/python bench/bound.py --sizes small,medium --seeds 1,2 --solve 60

Each instance runs in a child process of its own (peak memory is its own).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from generate import generate  # noqa: E402

from planner.scheduler.bound import lp_bound  # noqa: E402
from planner.scheduler.metrics import honoured_bound  # noqa: E402
from planner.scheduler.problem import load_problem  # noqa: E402


def child(size: str, seed: int, solve_seconds: float) -> dict:
    problem = load_problem(generate(size, seed))
    started = time.perf_counter()
    quick = honoured_bound(problem)
    quick_s = time.perf_counter() - started
    started = time.perf_counter()
    lp = lp_bound(problem)
    lp_s = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    best = None
    if solve_seconds:
        from planner.scheduler.solve import solve

        best = solve(problem, time_limit=solve_seconds, seed=1)["metrics"]["honoured_votes"]
    return dict(size=size, seed=seed, sessions=len(problem.sessions), quick=quick, quick_s=quick_s,
                lp=lp, lp_s=lp_s, peak_mb=peak, best=best)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="small,medium")
    parser.add_argument("--seeds", default="1,2")
    parser.add_argument("--solve", type=float, default=60, help="seconds of our solver for the best grid (0: none)")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1]), float(args.child[2]))))
        return
    print(f"| instance | best grid (ours, {args.solve:g} s) | quick bound | best / quick % | LP bound | best / LP % "
          "| LP bound s | peak MB |")
    print("|---|---|---|---|---|---|---|---|")
    for size in args.sizes.split(","):
        for seed in args.seeds.split(","):
            out = subprocess.run([sys.executable, __file__, "--child", size, seed, str(args.solve)],
                                 capture_output=True, text=True, check=True).stdout
            r = json.loads(out)
            best = r["best"]

            def pct(bound):
                return f"{100 * best / bound:.1f}" if best is not None and bound else "–"

            lp = r["lp"]
            print(f"| {size} seed {seed} ({r['sessions']} sessions) | {best if best is not None else '–'} | {r['quick']} | "
                  f"{pct(r['quick'])} | {lp if lp is not None else '– (too big)'} | {pct(lp) if lp is not None else '–'} | "
                  f"{r['lp_s']:.2f} | {r['peak_mb']:.0f} |", flush=True)


if __name__ == "__main__":
    main()
