"""The message catalogue covers every key the code uses, in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner.errors import ValidationError
from planner.i18n import LANGUAGES, catalogue, day_label, day_short, t
from planner.domain.releases import ChangeKind
from planner.models import (DEFAULT_FEATURES, Registration, Role, SessionFormat, SessionStatus, SignupMode, SlotKind,
                            SortOrder, VoteDisplay)
from planner.scheduler.rules import Rule

ROOT = Path(__file__).resolve().parents[2]
KEY_RE = re.compile(r"""(?:\btr|\bt|Error|Denied|Conflict|NotFound)\(\s*["']([a-z_]+\.[a-z_.]+)["']""")


def _used_keys() -> set[str]:
    files = [ROOT / "streamlit_app.py", *ROOT.glob("app_pages/**/*.py"), *ROOT.glob("planner/**/*.py")]
    return {key for f in files for key in KEY_RE.findall(f.read_text(encoding="utf-8"))}


def test_every_literal_key_is_in_the_catalogue():
    missing = sorted(_used_keys() - set(catalogue()))
    assert missing == []


# Every enum a page (or the library for a page) turns into a word, by the key it looks up:
# ui.tr(f"role.{user.role}"), ui.tr(f"participants.make_{other_role}"), the scheduler's say(f"rule.{rule}"), ...
ENUM_WORDS = [
    ("role.", Role), ("participants.make_", Role), ("registration.", Registration), ("signup.", SignupMode),
    ("show_votes.", VoteDisplay), ("status.", SessionStatus), ("format.", SessionFormat), ("sort.", SortOrder),
    ("slotkind.", SlotKind), ("change.", ChangeKind), ("rule.", Rule),
]


@pytest.mark.parametrize(
    "key",
    [prefix + member.value for prefix, enum in ENUM_WORDS for member in enum]
    + [f"feature.{n}" for n in DEFAULT_FEATURES]
    + [f"lang.{code}" for code in LANGUAGES],
)
def test_every_enum_member_has_a_german_and_an_english_word(key):
    assert key in catalogue()
    words = catalogue()[key]
    assert all(words.get(lang) for lang in LANGUAGES), words
    assert key not in _forms(words["de"]) + _forms(words["en"])
    assert t(key, "de") != key


def test_the_enum_list_names_every_enum_a_page_translates():
    """A new ``tr(f"prefix.{x}")`` over an enum needs its line in ENUM_WORDS."""
    pattern = re.compile(r"""\b(?:tr|t|say)\(\s*f["']([a-z_.]+[._])\{""")
    files = [ROOT / "streamlit_app.py", *ROOT.glob("app_pages/**/*.py"), *ROOT.glob("planner/**/*.py")]
    prefixes = {m for f in files for m in pattern.findall(f.read_text(encoding="utf-8"))}
    # Not enums: languages, built-in slot labels, checklist steps, grid marks, schedule views.
    not_enums = {"lang.", "slotlabel.", "checklist.", "planning.mark_", "schedule.view_"}
    assert prefixes - not_enums == {prefix for prefix, _ in ENUM_WORDS}


def test_catalogue_source_has_no_duplicate_keys():
    """A key written twice in the dict literal silently keeps only the last text."""
    import ast

    keys = []
    for area in (ROOT / "planner" / "i18n").glob("*.py"):
        if area.name == "__init__.py":
            continue
        tree = ast.parse(area.read_text(encoding="utf-8"))
        literal = next(n.value for n in tree.body if isinstance(n, ast.AnnAssign) and n.target.id == "MESSAGES")
        keys += [k.value for k in literal.keys]
    assert len(keys) > 500
    assert sorted({k for k in keys if keys.count(k) > 1}) == []


def test_every_message_has_german_and_english():
    incomplete = sorted(k for k, v in catalogue().items() if not all(v.get(lang) for lang in LANGUAGES))
    assert incomplete == []


def _forms(text) -> list[str]:
    """A message's texts in one language: one, or its plural forms."""
    return list(text.values()) if isinstance(text, dict) else [text]


def test_placeholders_match_between_languages_and_plural_forms():
    field = re.compile(r"{(\w+)}")
    differ = sorted(
        k for k, v in catalogue().items()
        if len({frozenset(field.findall(f)) for lang in LANGUAGES for f in _forms(v[lang])}) != 1
    )
    assert differ == []


def test_plural_messages_have_both_forms_and_name_a_count_they_use():
    for key, v in catalogue().items():
        for lang in LANGUAGES:
            if isinstance(v[lang], dict):
                assert set(v[lang]) == {"one", "other"}, (key, lang)
                assert "{" + v.get("count", "n") + "}" in v[lang]["other"], key


# Nouns that must not follow a lone "1" (and verbs that must not follow "1 ... Sessions").
WRONG_AFTER_ONE = re.compile(
    r"(?<![\d.,])1 (Themen|Sessions|Stimmen|Räume|Slots|Konten|Hände|Zeilen|Personen|weitere Fehler|"
    r"topics|sessions|votes|rooms|slots|accounts|hands|rows|people|more errors)\b"
    r"|1 deiner Sessions haben|1 rows have|1 Zeilen haben"
)


@pytest.mark.parametrize("n", [0, 1, 2])
def test_every_message_reads_right_with_counts_0_1_2(n):
    """Every numeric placeholder set to n: no "1 Themen", "1 sessions", "1 deiner Sessions haben"."""
    field = re.compile(r"{(\w+)}")
    wrong = []
    for key, v in catalogue().items():
        names = {name for lang in LANGUAGES for f in _forms(v[lang]) for name in field.findall(f)}
        for lang in LANGUAGES:
            text = t(key, lang, **{name: n for name in names})
            if n == 1 and WRONG_AFTER_ONE.search(text):
                wrong.append((key, lang, text))
            if "{" in text:
                wrong.append((key, lang, text))
    assert wrong == []


def test_plural_forms_in_both_languages():
    assert t("topics.interest_saved", "de", n=1) == "Gespeichert: 1 Thema."
    assert t("topics.interest_saved", "de", n=0) == "Gespeichert: 0 Themen."
    assert t("agenda.changed_since", "de", n=1, name="v2") == "1 deiner Sessions hat sich seit „v2“ geändert."
    assert t("sessions.votes_n", "en", n=1) == "1 vote"
    assert t("import.more_errors", "en", count=1) == "… and 1 more error in the table."


def test_error_message_in_both_languages():
    err = ValidationError("error.title_long", max=120, length=130)
    assert err.message("en") == "The title is 130 characters long; 120 are allowed. Shorten it."
    assert err.message("de") == "Der Titel ist 130 Zeichen lang, erlaubt sind 120. Kürze ihn."


def test_unknown_key_shows_the_key():
    assert t("no.such.key", "de") == "no.such.key"


def test_built_in_slot_labels_are_keys_shown_in_the_readers_language():
    from planner.i18n import built_in_label, slot_label

    assert (slot_label("@lunch", "break", "de"), slot_label("@lunch", "break", "en")) == ("Mittagspause", "Lunch")
    assert slot_label("Kaffee & Kuchen", "break", "en") == "Kaffee & Kuchen"  # typed by organisers: as typed
    assert slot_label("", "plenary", "en") == "Plenary"
    assert slot_label("@unknown", "break", "de") == "@unknown"
    assert (built_in_label("Mittagspause", "de"), built_in_label("Lunch", "en")) == ("@lunch", "@lunch")
    assert built_in_label("Mittagspause", "en") == "Mittagspause"


def test_the_catalogue_speaks_the_languages_the_models_allow():
    from planner import models

    assert LANGUAGES == models.LANGUAGES


def test_days_read_as_people_write_them():
    assert day_label("2026-11-28", "de") == "Samstag, 28.11.2026"
    assert day_label("2026-11-28", "en") == "Saturday, 28 November 2026"
    assert day_short("2026-11-28", "de") == "Sa 28.11."
    assert day_short("2026-11-28", "en") == "Sat 28 Nov"
    assert day_short("2027-01-04", "en") == "Mon 4 Jan"
    assert [day_short(f"2026-{m:02}-01", "en").split()[-1] for m in range(1, 13)] == [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def test_decimal_numbers_as_each_language_writes_them():
    from planner.i18n import decimal

    assert (decimal(3.25, "de"), decimal(3.25, "en"), decimal(0.06, "de", 2)) == ("3,2", "3.2", "0,06")


def test_each_page_heading_begins_with_its_name_in_the_menu():
    """What the menu calls a page is what its heading says (it may add a few words after it)."""
    headings = {"account": "account.title", "agenda": "agenda.title", "availability": "availability.title",
                "display": "screens.title", "event": "event.title", "exports": "exports.title",
                "moderation": "moderation.title", "participants": "participants.title",
                "planning": "planning.title", "propose": "propose.heading", "rooms": "rooms.title",
                "schedule": "schedule.title", "sessions": "sessions.title", "start": "start.title",
                "topics": "topics.title"}
    differ = [(page, lang) for page, key in headings.items() for lang in LANGUAGES
              if not t(key, lang).startswith(t(f"nav.{page}", lang))]
    assert differ == []
