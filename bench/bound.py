"""How tight the scheduler's proven bounds are: the quick bound, the LP bound
(bound.py, up to 50 sessions) and the pooled bound (pooled.py, 51 to 120)
against the best grid known, with the bounds' time and memory.

    .venv/bin/python bench/bound.py --sizes small,medium --seeds 1,2 --solve 0

The best grid known is the 5-minute reference of bench/quality.py
(quality_reference.json, the same instances), else our solver's grid after
``--solve`` seconds. Each instance runs in a child process of its own (peak
memory is its own).
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
from planner.scheduler.pooled import pooled_bound  # noqa: E402
from planner.scheduler.problem import load_problem  # noqa: E402


REFERENCES = HERE / "quality_reference.json"


def child(size: str, seed: int, solve_seconds: float, pooled_seconds: float) -> dict:
    problem = load_problem(generate(size, seed))
    started = time.perf_counter()
    quick = honoured_bound(problem)
    quick_s = time.perf_counter() - started
    started = time.perf_counter()
    lp = lp_bound(problem)
    lp_s = time.perf_counter() - started
    pooled_stats: dict = {}
    pooled = pooled_bound(problem, seconds=pooled_seconds, stats=pooled_stats) if pooled_seconds else None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    best = json.loads(REFERENCES.read_text()).get(f"{size}-{seed}", {}).get("value") if REFERENCES.exists() else None
    if best is None and solve_seconds:
        from planner.scheduler.solve import solve

        best = solve(problem, time_limit=solve_seconds, seed=1)["metrics"]["honoured_votes"]
    return dict(size=size, seed=seed, sessions=len(problem.sessions), quick=quick, quick_s=quick_s,
                lp=lp, lp_s=lp_s, pooled=pooled,
                pooled_s=pooled_stats.get("seconds"), pooled_lp=pooled_stats.get("lp"), peak_mb=peak, best=best)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="small,medium")
    parser.add_argument("--seeds", default="1,2")
    parser.add_argument("--solve", type=float, default=60,
                        help="seconds of our solver for the best grid where no reference is known (0: none)")
    parser.add_argument("--pooled", type=float, default=60, help="seconds for the pooled bound (0: none)")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1]), float(args.child[2]), float(args.child[3]))))
        return
    print("| instance | best grid known | quick bound | best / quick % | LP bound | best / LP % | LP bound s "
          f"| pooled bound ({args.pooled:g} s) | best / pooled % | pooled s | its LP | peak MB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for size in args.sizes.split(","):
        for seed in args.seeds.split(","):
            out = subprocess.run([sys.executable, __file__, "--child", size, seed, str(args.solve), str(args.pooled)],
                                 capture_output=True, text=True, check=True).stdout
            r = json.loads(out)
            best = r["best"]

            def pct(bound):
                return f"{100 * best / bound:.1f}" if best is not None and bound else "–"

            lp, pooled = r["lp"], r["pooled"]
            print(f"| {size} seed {seed} ({r['sessions']} sessions) | {best if best is not None else '–'} | {r['quick']} | "
                  f"{pct(r['quick'])} | {lp if lp is not None else '– (too big)'} | {pct(lp) if lp is not None else '–'} | "
                  f"{r['lp_s']:.2f} | {pooled if pooled is not None else '–'} | {pct(pooled)} | "
                  f"{r['pooled_s'] or 0:.1f} | {r['pooled_lp'] or 0:.1f} | {r['peak_mb']:.0f} |", flush=True)


if __name__ == "__main__":
    main()
