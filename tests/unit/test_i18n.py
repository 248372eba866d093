"""The message catalogue covers every key the code uses, in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner.errors import ValidationError
from planner.i18n import LANGUAGES, catalogue, t
from planner.models import DEFAULT_FEATURES, Role, SessionFormat, SignupMode, SortOrder

ROOT = Path(__file__).resolve().parents[2]
KEY_RE = re.compile(r"""(?:\btr|\bt|Error|Denied|Conflict|NotFound)\(\s*["']([a-z_]+\.[a-z_.]+)["']""")


def _used_keys() -> set[str]:
    files = [ROOT / "streamlit_app.py", *ROOT.glob("pages/**/*.py"), *ROOT.glob("planner/**/*.py")]
    return {key for f in files for key in KEY_RE.findall(f.read_text(encoding="utf-8"))}


def test_every_literal_key_is_in_the_catalogue():
    missing = sorted(_used_keys() - set(catalogue()))
    assert missing == []


@pytest.mark.parametrize(
    "key",
    [f"format.{f}" for f in SessionFormat]
    + [f"sort.{s}" for s in SortOrder]
    + [f"signup.{m}" for m in SignupMode]
    + [f"role.{r}" for r in Role]
    + [f"feature.{n}" for n in DEFAULT_FEATURES]
    + [f"lang.{code}" for code in LANGUAGES],
)
def test_every_enum_label_is_in_the_catalogue(key):
    assert key in catalogue()


def test_catalogue_source_has_no_duplicate_keys():
    """A key written twice in the dict literal silently keeps only the last text."""
    import ast

    tree = ast.parse((ROOT / "planner" / "i18n.py").read_text(encoding="utf-8"))
    literal = next(n.value for n in tree.body if isinstance(n, ast.AnnAssign) and n.target.id == "MESSAGES")
    keys = [k.value for k in literal.keys]
    assert sorted({k for k in keys if keys.count(k) > 1}) == []


def test_every_message_has_german_and_english():
    incomplete = sorted(k for k, v in catalogue().items() if not all(v.get(lang) for lang in LANGUAGES))
    assert incomplete == []


def test_placeholders_match_between_languages():
    field = re.compile(r"{(\w+)}")
    differ = sorted(
        k for k, v in catalogue().items() if set(field.findall(v["de"])) != set(field.findall(v["en"]))
    )
    assert differ == []


def test_error_message_in_both_languages():
    err = ValidationError("error.title_long", max=120, length=130)
    assert err.message("en") == "The title is 130 characters long; 120 are allowed. Shorten it."
    assert err.message("de") == "Der Titel ist 130 Zeichen lang, erlaubt sind 120. Kürze ihn."


def test_unknown_key_shows_the_key():
    assert t("no.such.key", "de") == "no.such.key"
