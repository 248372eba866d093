"""The README is the manual: it covers every command, setting and demo account."""

from __future__ import annotations

import re
from pathlib import Path

from planner import demo
from planner.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_shows_the_two_commands():
    assert "make run" in README
    assert "make test" in README


def test_readme_covers_every_cli_command():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    missing = [name for name in sub.choices if f"python -m planner {name}" not in README]
    assert missing == []


def test_readme_covers_every_environment_setting():
    used = set()
    for path in [*ROOT.glob("planner/**/*.py"), *ROOT.glob("app_pages/**/*.py"), ROOT / "streamlit_app.py"]:
        used |= set(re.findall(r"environ(?:\.get)?\(\s*\"(PLANNER_[A-Z_]+)\"", path.read_text(encoding="utf-8")))
        used |= set(re.findall(r"environ\[\"(PLANNER_[A-Z_]+)\"\]", path.read_text(encoding="utf-8")))
    assert used  # the scan found the settings at all
    assert sorted(name for name in used if f"`{name}`" not in README) == []


def test_readme_lists_the_demo_accounts():
    assert f"`{demo.ORGANISER[0]}` | `{demo.ORGANISER[3]}`" in README
    assert f"`{demo.PARTICIPANT_PASSWORD}`" in README


def test_readme_screenshots_exist():
    images = re.findall(r"\]\((docs/screenshots/[^)]+)\)", README)
    assert images
    assert [i for i in images if not (ROOT / i).exists()] == []


def test_readme_layout_names_every_module():
    """The layout section lists every package and module of the library, one line each."""
    layout = README.split("## Layout", 1)[1].split("```")[1]
    missing = []
    for path in sorted((ROOT / "planner").glob("**/*.py")):
        rel = path.relative_to(ROOT)
        name = f"{rel.parent.name}/" if path.name == "__init__.py" else path.name
        if not re.search(rf"(^|\s){re.escape(name)}\s", layout, re.M):
            missing.append(str(rel))
    assert missing == []
