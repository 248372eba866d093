"""Benchmark the scheduler against the baselines; writes the table into bench/README.md.

    .venv/bin/python bench/run.py                       # all sizes: ours 10 s and 60 s, baselines
    .venv/bin/python bench/run.py --sizes small,medium --short 5 --long 20
    .venv/bin/python bench/run.py --sizes replan-small,replan-medium,replan-large   # re-planning table

Every run is a child process of its own, so its peak memory (max RSS, the
CBC solver of conference-scheduler included) is its own. Every grid is
checked with rules.check_grid before it counts; metrics come from
metrics.evaluate, not from the solver.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from generate import REPLAN, SIZES, generate, generate_replan  # noqa: E402

from planner.scheduler.metrics import evaluate, honoured_bound  # noqa: E402
from planner.scheduler.problem import load_problem, load_problem_file  # noqa: E402
from planner.scheduler.rules import check_grid  # noqa: E402
from planner.scheduler.wording import render  # noqa: E402


def child(kind: str, path: str, limit: float, seed: int, out: str) -> None:
    """Run one solver on one problem file and write its grid, trace and peak memory."""
    problem = load_problem_file(path)
    trace: list[tuple[float, float]] = []
    started = time.perf_counter()
    if kind == "ours":
        from planner.scheduler.solve import solve

        grid = solve(problem, time_limit=limit, seed=seed, report_every=0.02,
                     on_improvement=lambda g: trace.append((time.perf_counter() - started, g["metrics"]["value"])))
    elif kind == "keep":  # the published grid kept, new sessions placed where they fit: no search
        from planner.scheduler.solve import solve

        grid = solve(problem, time_limit=limit, seed=seed, max_iterations=0)
    elif kind == "greedy":
        from baselines import plain_greedy

        grid = plain_greedy(problem)
    else:
        from baselines import conference_scheduler_grid

        grid = conference_scheduler_grid(problem, time_limit=limit)
    wall = time.perf_counter() - started
    rss = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    grid.update(trace=trace, wall=wall, peak_mb=rss / 1024)
    Path(out).write_text(json.dumps(grid), encoding="utf-8")


def run(kind: str, path: Path, limit: float, seed: int, wall_limit: float) -> dict | str:
    """The child's result, or why there is none."""
    out = path.with_name(f"{path.stem}-{kind}-{limit:g}.out.json")
    out.unlink(missing_ok=True)
    try:
        done = subprocess.run([sys.executable, __file__, "--child", kind, str(path), str(limit), str(seed), str(out)],
                              capture_output=True, text=True, timeout=wall_limit)
    except subprocess.TimeoutExpired:
        return f"not finished within {wall_limit:g} s"
    if done.returncode != 0:
        return "failed: " + (done.stderr.strip().splitlines() or ["?"])[-1][:120]
    return json.loads(out.read_text(encoding="utf-8"))


def within(trace: list, final: float, share: float = 0.005) -> float | None:
    """Seconds until the value first came within ``share`` of ``final``."""
    for seconds, value in trace:
        if value >= final - abs(final) * share:
            return seconds
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="small,medium,large,xl")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--short", type=float, default=10.0, help="our solver's time limit (s)")
    parser.add_argument("--long", type=float, default=60.0, help="the longer run for the best known value (s)")
    parser.add_argument("--cs-limit", type=float, default=120.0, help="CBC's time limit for conference-scheduler (s)")
    parser.add_argument("--cs-wall", type=float, default=600.0, help="give up on conference-scheduler after (s)")
    parser.add_argument("--no-readme", action="store_true", help="print only, leave README.md alone")
    args = parser.parse_args()
    work = HERE / "instances"
    work.mkdir(exist_ok=True)
    rows = []
    for size in args.sizes.split(","):
        path = work / f"{size}.json"
        make = generate_replan if size in REPLAN else generate
        path.write_text(json.dumps(make(size, args.seed)), encoding="utf-8")
        problem = load_problem(json.loads(path.read_text(encoding="utf-8")))
        started = time.perf_counter()
        bound = honoured_bound(problem)
        bound_s = time.perf_counter() - started
        runs = {
            f"ours {args.short:g} s": run("ours", path, args.short, args.seed, args.short + 60),
            f"ours {args.long:g} s": run("ours", path, args.long, args.seed, args.long + 60),
        }
        if size in REPLAN:  # the baselines know nothing of a previous grid
            runs["published kept"] = run("keep", path, 60, args.seed, 600)
        else:
            runs["plain greedy"] = run("greedy", path, 0, args.seed, 600)
            runs["conference-scheduler"] = run("cs", path, args.cs_limit, args.seed, args.cs_wall)
        results = {}
        for name, grid in runs.items():
            if isinstance(grid, str):
                results[name] = grid
                continue
            broken = check_grid(problem, grid)
            if broken:
                results[name] = f"invalid grid: {render(broken[0].said, 'en')}"
                continue
            results[name] = (grid, evaluate(problem, grid, upper_bound=bound))
        best = max(m.value for x in results.values() if not isinstance(x, str) for m in [x[1]])
        for name, result in results.items():
            shape = "/".join(map(str, SIZES[REPLAN.get(size, size)][:4]))
            if size in REPLAN:
                shape += f", +{sum(1 for s in problem.sessions if s.id.startswith('n'))} pitched"
            row = {"size": size, "shape": shape, "solver": name, "bound": bound,
                   "bound_s": bound_s, "best": best}
            if isinstance(result, str):
                row["note"] = result
            else:
                grid, m = result
                row.update(total=m.total_votes, honoured=m.honoured_votes, value=m.value, lost=m.lost_votes,
                           moved=m.moved, overflow_risk=m.overflow_risk,
                           unscheduled=m.unscheduled_votes, overflow=m.overflow, scheduled=m.scheduled,
                           pct_best=100 * m.value / best if best else 100.0,
                           pct_bound=100 * m.honoured_votes / bound if bound else 100.0,
                           wall=grid["wall"], peak_mb=grid["peak_mb"],
                           first=grid["trace"][0][0] if grid["trace"] else None,
                           to_half_pct=within(grid["trace"], m.value) if grid["trace"] else None)
            rows.append(row)
            print(json.dumps(row), flush=True)
    if not args.no_readme:
        if all(size in REPLAN for size in args.sizes.split(",")):
            write_replan_table(rows, args)
        else:
            write_table(rows, args)


def _num(value, fmt: str) -> str:
    return "–" if value is None else format(value, fmt)


def write_table(rows: list[dict], args: argparse.Namespace) -> None:
    """Replace the results block of bench/README.md."""
    readme = HERE / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- results:start -->", "<!-- results:end -->"
    flags = " ".join(sys.argv[1:])
    lines = [start, "",
             f"`.venv/bin/python bench/run.py {flags}`".replace(" `", "`") + f" — seed {args.seed}, "
             f"{subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores, "
             f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}.", "",
             "| instance | solver | honoured | % of best known | % of bound | lost | unscheduled votes | overflow "
             "| first grid s | within 0.5 % of own final s | wall s | peak MB |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        head = f"| {r['size']} ({r['shape']}, {r.get('total', '?')} votes, bound {r['bound']}) | {r['solver']} "
        if "note" in r:
            lines.append(head + f"| {r['note']} | | | | | | | | | |")
            continue
        lines.append(
            head + f"| {r['honoured']} | {r['pct_best']:.2f} | {r['pct_bound']:.1f} | {r['lost']} | "
            f"{r['unscheduled']} | {r['overflow']} | {_num(r['first'], '.2f')} | {_num(r['to_half_pct'], '.2f')} | "
            f"{r['wall']:.1f} | {r['peak_mb']:.0f} |")
    lines += ["", end]
    block = "\n".join(lines)
    if start in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end):]
    else:
        text += "\n" + block + "\n"
    readme.write_text(text, encoding="utf-8")


def write_replan_table(rows: list[dict], args: argparse.Namespace) -> None:
    """Replace the re-planning block of bench/README.md."""
    readme = HERE / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- replan:start -->", "<!-- replan:end -->"
    flags = " ".join(sys.argv[1:])
    load = open("/proc/loadavg").read().split()[:3] if Path("/proc/loadavg").exists() else ["?"]
    lines = [start, "",
             f"`.venv/bin/python bench/run.py {flags}` — seed {args.seed}, "
             f"{subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores, "
             f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}, load average at the end "
             f"{' '.join(load)}.", "",
             "| instance | solver | value | % of best known | honoured | moved | lost | unscheduled votes "
             "| overflow | wall s |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        head = f"| {r['size']} ({r['shape']}, {r.get('total', '?')} votes) | {r['solver']} "
        if "note" in r:
            lines.append(head + f"| {r['note']} | | | | | | | |")
            continue
        lines.append(head + f"| {r['value']:g} | {r['pct_best']:.2f} | {r['honoured']} | {r['moved']} | {r['lost']} | "
                     f"{r['unscheduled']} | {r['overflow']} | {r['wall']:.1f} |")
    lines += ["", end]
    block = "\n".join(lines)
    if start in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end):]
    else:
        text += "\n" + block + "\n"
    readme.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], float(sys.argv[4]), int(sys.argv[5]), sys.argv[6])
    else:
        main()
