"""Benchmark the scheduler against baselines; writes the table into bench/README.md.

    .venv/bin/python bench/run.py            # all sizes, 10 s and 60 s runs
    .venv/bin/python bench/run.py --quick    # small and medium, 5 s and 20 s

Each solver run is a subprocess so its peak memory (max RSS) is its own.
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
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from baselines import plain_greedy  # noqa: E402
from generate import SIZES, generate  # noqa: E402

from planner.scheduler.metrics import evaluate  # noqa: E402
from planner.scheduler.problem import load_problem  # noqa: E402
from planner.scheduler.rules import check_grid  # noqa: E402

CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from planner.scheduler.problem import load_problem
from planner.scheduler.solve import solve
problem = load_problem(json.load(open({path!r})))
trace = []
t0 = time.perf_counter()
grid = solve(problem, time_limit={limit}, seed={seed},
             on_improvement=lambda g: trace.append((time.perf_counter() - t0, g["metrics"]["value"])))
grid["trace"] = trace
grid["wall"] = time.perf_counter() - t0
grid["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
json.dump(grid, open({out!r}, "w"))
"""


def run_solver(path: Path, limit: float, seed: int, out: Path) -> dict:
    code = CHILD.format(root=str(ROOT), path=str(path), limit=limit, seed=seed, out=str(out))
    subprocess.run([sys.executable, "-c", code], check=True)
    return json.loads(out.read_text())


def within(trace: list, final: float, share: float = 0.005) -> float:
    """Seconds until the value came within ``share`` of the final value."""
    for seconds, value in trace:
        if value >= final - abs(final) * share:
            return seconds
    return trace[-1][0] if trace else 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sizes = ["small", "medium"] if args.quick else ["small", "medium", "large", "xl"]
    short, long = (5, 20) if args.quick else (10, 60)
    work = HERE / "instances"
    work.mkdir(exist_ok=True)
    rows = []
    for size in sizes:
        path = work / f"{size}.json"
        path.write_text(json.dumps(generate(size, args.seed)))
        problem = load_problem(json.loads(path.read_text()))
        t0 = time.perf_counter()
        greedy = plain_greedy(problem)
        greedy_s = time.perf_counter() - t0
        assert check_grid(problem, greedy) == []
        g_m = evaluate(problem, greedy)
        ours = run_solver(path, short, args.seed, work / f"{size}-{short}.json")
        assert check_grid(problem, ours) == []
        best = ours if size == "xl" else run_solver(path, long, args.seed, work / f"{size}-{long}.json")
        assert check_grid(problem, best) == []
        m, b = ours["metrics"], best["metrics"]
        best_known = max(m["value"], b["value"], g_m.value)
        rows.append({
            "size": size, "shape": "/".join(map(str, SIZES[size])), "total": m["total_votes"],
            "ours": m["honoured_votes"], "value": m["value"], "best": best_known, "bound": m["upper_bound"],
            "pct_best": 100 * m["value"] / best_known, "pct_bound": 100 * m["honoured_votes"] / m["upper_bound"],
            "lost": m["lost_votes"], "unsched": m["unscheduled_votes"], "overflow": m["overflow"],
            "first": ours["trace"][0][0], "to_half_pct": within(ours["trace"], m["value"]),
            "wall": ours["wall"], "rss": ours["max_rss_mb"],
            "long_value": b["value"], "greedy": g_m.honoured_votes, "greedy_pct": 100 * g_m.value / best_known,
            "greedy_s": greedy_s, "short": short, "long": long,
        })
        print(json.dumps(rows[-1]), flush=True)
    write_table(rows, " ".join(sys.argv[1:]))


def write_table(rows: list[dict], flags: str) -> None:
    readme = HERE / "README.md"
    text = readme.read_text() if readme.exists() else ""
    start, end = "<!-- results:start -->", "<!-- results:end -->"
    lines = [start, "", f"Command: `.venv/bin/python bench/run.py {flags}`".rstrip() + "  ",
             f"Machine: {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores; seed 1; "
             f"our solver ran {rows[0]['short']} s (and {rows[0]['long']} s for the best known value).", "",
             "| instance (sessions/rooms/slots/voters) | votes | honoured (ours) | % of best known | % of upper bound | "
             "lost | unscheduled votes | overflow | first grid s | within 0.5 % of final after s | wall s | peak MB | "
             f"{rows[0]['long']} s value | plain greedy honoured (% of best) |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(
            f"| {r['size']} ({r['shape']}) | {r['total']} | {r['ours']} | {r['pct_best']:.2f} | {r['pct_bound']:.1f} | "
            f"{r['lost']} | {r['unsched']} | {r['overflow']} | {r['first']:.2f} | {r['to_half_pct']:.2f} | "
            f"{r['wall']:.1f} | {r['rss']:.0f} | {r['long_value'] if r['size'] != 'xl' else '–'} | "
            f"{r['greedy']} ({r['greedy_pct']:.1f} %) |")
    lines += ["", end]
    block = "\n".join(lines)
    if start in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end):]
    else:
        text += "\n" + block + "\n"
    readme.write_text(text)


if __name__ == "__main__":
    main()
