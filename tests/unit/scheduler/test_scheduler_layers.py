"""The scheduler's import rule (shared/DESIGN.md): it imports planner.errors only;
its adapter also models and domain; wording.py, the one module that puts its
messages in words, also i18n. So reasons stay data until the edge."""

from __future__ import annotations

import ast
from pathlib import Path

SCHEDULER = Path(__file__).resolve().parents[3] / "planner" / "scheduler"
ALSO = {"adapter.py": {"planner.models", "planner.domain"}, "wording.py": {"planner.i18n"}}


def _planner_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        modules = [a.name for a in node.names] if isinstance(node, ast.Import) else (
            [node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
        found |= {".".join(m.split(".")[:2]) for m in modules if m.split(".")[0] == "planner"}
    return found


def test_scheduler_imports_follow_the_rule():
    offenders = []
    for path in sorted(SCHEDULER.glob("*.py")):
        allowed = {"planner.errors", "planner.scheduler"} | ALSO.get(path.name, set())
        offenders += [f"{path.name}: {m}" for m in sorted(_planner_imports(path) - allowed)]
    assert offenders == []
