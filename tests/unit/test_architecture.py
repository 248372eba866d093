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


# What each part of the library may import from planner (shared/DESIGN.md, README "Layout").
# A module may always import from its own package. The edges (the command
# line, the demo, the front, the public server) may import anything.
MAY_IMPORT = {
    "models": set(),
    "errors": {"i18n"},  # PlannerError.message(lang), for the command line
    "i18n": set(),
    "domain": {"models", "errors"},
    "store": {"models", "errors", "domain"},
    "scheduler": {"errors"},
    "site": {"models", "errors", "domain", "i18n", "exports"},
    "exports": {"models", "errors", "domain", "i18n"},
}
# Single modules with a wider door, and why.
MODULE_MAY_IMPORT = {
    "planner.scheduler.adapter": {"models", "domain"},  # the event's data in, the problem out
    "planner.scheduler.wording": {"i18n"},  # the scheduler's messages in words, at the edge
    "planner.exports.adapter": {"store"},  # the exports adapter: reads the store for every format
}
EDGES = {"planner.cli", "planner.__main__", "planner.demo", "planner.front", "planner.public"}
# Imports inside a function, allowed only here (they break a cycle or keep a start fast).
LAZY = {
    ("planner.errors", "planner.i18n"),  # an error worded on demand; i18n imports nothing back
    ("planner.scheduler.messages", "planner.scheduler.wording"),  # PlanError.message for the CLI
    ("planner.scheduler.problem", "planner.scheduler.rules"),  # rules import problem
    ("planner.exports.registry", "planner.exports.pdf"),  # reportlab only when a PDF is asked for
}


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _planner_imports(path: Path):
    """(imported module, imported inside a function?) for every import of planner."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(n) for n in tree.body}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "planner":
            names = [f"planner.{a.name}" for a in node.names] if node.module == "planner" else [node.module]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.split(".")[0] == "planner"]
        else:
            continue
        for name in names:
            yield name, id(node) not in top


def test_each_layer_imports_only_what_the_table_allows():
    offenders = []
    for path in sorted(ROOT.glob("planner/**/*.py")):
        module = _module(path)
        if module == "planner" or any(module == e or module.startswith(e + ".") for e in EDGES):
            continue
        layer = module.split(".")[1]
        allowed = MAY_IMPORT[layer] | MODULE_MAY_IMPORT.get(module, set()) | {layer}
        for name, _ in _planner_imports(path):
            if name.split(".")[1] not in allowed:
                offenders.append(f"{module} -> {name}")
    assert offenders == []


def test_imports_inside_functions_only_from_the_named_list():
    lazy = sorted(
        (_module(path), name)
        for path in ROOT.glob("planner/**/*.py")
        for name, inside in _planner_imports(path)
        if inside and not any(_module(path).startswith(e) for e in EDGES)
    )
    assert [pair for pair in lazy if pair not in LAZY] == []


def test_pages_take_only_the_store_entry_point():
    """Pages go through Store and its parts, never the store's internals."""
    offenders = []
    for page in [*ROOT.glob("app_pages/**/*.py"), ROOT / "streamlit_app.py"]:
        for name, _ in _planner_imports(page):
            if name.startswith("planner.store."):
                offenders.append(f"{page.name}: {name}")
        for node in ast.walk(ast.parse(page.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "planner.store":
                offenders += [f"{page.name}: {a.name}" for a in node.names if a.name not in ("Store", "default_db_path")]
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
