"""Proposals per CPU second of the annealing walk, in Python and in C.

    .venv/bin/python bench/walk_speed.py                     # medium-1 and large-1, seeds 3-5
    .venv/bin/python bench/walk_speed.py --instances xl-1 --proposals 200000

Each walk starts from the same greedy grid and makes a fixed number of
proposals (``max_iterations``, so both walks do the same work and no clock
stops them); the table gives the CPU seconds (``time.process_time``) for all
seeds together and the microseconds per proposal. The instances are those of
bench/quality.py (``bench/instances/quality/``, written by its first run).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planner.scheduler import native  # noqa: E402
from planner.scheduler import solve as solver  # noqa: E402
from planner.scheduler.problem import load_problem_file  # noqa: E402
from planner.scheduler.rules import Feasibility  # noqa: E402

INSTANCES = Path(__file__).resolve().parent / "instances" / "quality"
DEFAULT_PROPOSALS = {"medium-1": 400_000, "large-1": 300_000}


def _walk(problem, seed: int, proposals: int, walk) -> tuple[float, float]:
    """CPU seconds of one walk of ``proposals`` from the greedy grid, and its best score."""
    state = solver._State(problem, Feasibility(problem))
    rng = random.Random(seed)
    solver._keep_previous(state)
    solver._greedy(state, rng)
    solver._fill(state)
    hot, cold = solver.REPLAN_TEMPERATURES if problem.previous else solver.FRESH_TEMPERATURES
    started = time.process_time()
    best = list(state.pos)
    for best in walk(state, rng, time.perf_counter() + 3600, proposals, hot, cold):
        pass
    seconds = time.process_time() - started
    solver._restore(state, best)
    return seconds, state.score()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", default=",".join(DEFAULT_PROPOSALS))
    parser.add_argument("--proposals", type=int, help="per walk (default: 400,000 on medium, 300,000 on large)")
    parser.add_argument("--seeds", default="3,4,5")
    args = parser.parse_args()
    if native.library() is None:
        sys.exit("the walk in C is not built (no C compiler?)")
    seeds = [int(s) for s in args.seeds.split(",")]
    print("| instance | proposals per walk | walk | CPU s, all seeds | µs per proposal | best scores |")
    print("|---|---|---|---|---|---|")
    for name in args.instances.split(","):
        problem = load_problem_file(INSTANCES / f"{name}.json")
        proposals = args.proposals or DEFAULT_PROPOSALS.get(name, 300_000)
        for label, walk in (("Python", solver._anneal), ("C", solver._anneal_native)):
            runs = [_walk(problem, seed, proposals, walk) for seed in seeds]
            total = sum(seconds for seconds, _ in runs)
            scores = " / ".join(f"{score:.0f}" for _, score in runs)
            print(f"| {name} | {proposals:,} | {label} | {total:.2f} | {1e6 * total / (proposals * len(seeds)):.2f} "
                  f"| {scores} |", flush=True)


if __name__ == "__main__":
    main()
