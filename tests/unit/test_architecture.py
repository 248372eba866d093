"""House rules that keep the layers apart."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_planner_never_imports_streamlit():
    offenders = sorted(
        str(p.relative_to(ROOT)) for p in ROOT.glob("planner/**/*.py") if "streamlit" in _imports(p)
    )
    assert offenders == []


def test_domain_imports_only_models_and_errors():
    """planner/domain holds pure rules: models in, values out (shared/DESIGN.md)."""
    allowed = {"planner.models", "planner.errors", "planner.domain"}
    offenders = []
    for path in ROOT.glob("planner/domain/**/*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "planner":
                if not any(node.module == a or node.module.startswith(a + ".") for a in allowed):
                    offenders.append(f"{path.name}: {node.module}")
            elif isinstance(node, ast.Import):
                offenders += [f"{path.name}: {a.name}" for a in node.names if a.name.split(".")[0] == "planner"]
    assert offenders == []


def test_pages_hold_no_sql():
    sql = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE)\b.+\b(FROM|INTO|SET|WHERE)\b")
    offenders = sorted(
        str(p.relative_to(ROOT))
        for p in [*ROOT.glob("app_pages/**/*.py"), ROOT / "streamlit_app.py"]
        if sql.search(p.read_text(encoding="utf-8")) or "sqlite" in _imports(p)
    )
    assert offenders == []


def test_every_page_checks_the_user_at_its_top():
    """Streamlit can run a page file without the entrypoint: each page guards itself."""
    unguarded = []
    for page in sorted(ROOT.glob("app_pages/*.py")):
        text = page.read_text(encoding="utf-8")
        if page.name in ("setup.py", "signin.py"):
            guarded = "st.stop()" in text  # public pages that stop when not applicable
        elif page.name == "schedule.py":
            # public once published; before that, signed-out people get the sign-in form
            guarded = "schedule_published" in text and "ui.require_user()" in text
        else:
            guarded = "ui.require_user(" in text
        if not guarded:
            unguarded.append(page.name)
    assert unguarded == []


def test_every_widget_has_a_key():
    widget = re.compile(
        r"\.(text_input|text_area|selectbox|multiselect|radio|toggle|checkbox|pills|"
        r"date_input|color_picker|segmented_control|number_input|button)\("
    )
    missing = []
    for page in [*ROOT.glob("app_pages/**/*.py"), ROOT / "streamlit_app.py"]:
        source = page.read_text(encoding="utf-8")
        for match in widget.finditer(source):
            depth, i = 0, match.end() - 1
            while True:  # find the matching parenthesis of the call
                depth += {"(": 1, ")": -1}.get(source[i], 0)
                if depth == 0:
                    break
                i += 1
            if "key=" not in source[match.end() : i]:
                line = source.count("\n", 0, match.start()) + 1
                missing.append(f"{page.name}:{line}")
    assert missing == []


def test_no_method_defined_twice_in_a_class():
    """A second def of the same name silently replaces the first."""
    twice = []
    for path in ROOT.glob("planner/**/*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                names = [n.name for n in node.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
                twice += [f"{path.name}:{node.name}.{n}" for n in set(names) if names.count(n) > 1]
    assert sorted(twice) == []


def test_test_files_have_unique_names():
    """The test folders have no __init__.py: two files of one name stop the whole suite's collection."""
    names = [p.name for p in ROOT.glob("tests/**/test_*.py") if "harness" not in p.parts]
    assert sorted({n for n in names if names.count(n) > 1}) == []
