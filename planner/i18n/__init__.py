"""Message catalogue, German and English: ``t(key, lang, **params)``.

Messages live in dicts ``{key: {"de": ..., "en": ...}}``, one module per
area of the app (``common``, ``errors``, ``setup``, ``sessions``, ``people``,
``public``, ``planning``, ``scheduler``). A key belongs to exactly one area;
a missing translation falls back to English, a missing key shows the key.
This package imports nothing else of the planner.
"""

from __future__ import annotations

import importlib
from datetime import date

LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"
AREAS = ("common", "errors", "setup", "sessions", "people", "public", "planning", "scheduler")


def _catalogue() -> dict[str, dict[str, str]]:
    merged: dict[str, dict] = {}
    for area in AREAS:
        messages = importlib.import_module(f"{__name__}.{area}").MESSAGES
        twice = merged.keys() & messages.keys()
        if twice:
            raise RuntimeError(f"message keys in two areas: {sorted(twice)}")
        merged.update(messages)
    return merged


_CATALOGUE: dict[str, dict[str, str]] | None = None


def catalogue() -> dict[str, dict[str, str]]:
    """All messages, loaded once."""
    global _CATALOGUE
    if _CATALOGUE is None:
        _CATALOGUE = _catalogue()
    return _CATALOGUE


WEEKDAYS = {
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")


def _weekday(day: str, lang: str) -> tuple[date, str]:
    value = date.fromisoformat(day)
    return value, WEEKDAYS.get(lang, WEEKDAYS["en"])[value.weekday()]


def _short(weekday: str, lang: str) -> str:
    """'Sa' / 'Sat'."""
    return weekday[:2] if lang == "de" else weekday[:3]


def day_label(day: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """An ISO date as people read it: 'Samstag, 28.11.2026' / 'Saturday, 28 November 2026'."""
    value, weekday = _weekday(day, lang)
    if lang == "de":
        return f"{weekday}, {value:%d.%m.%Y}"
    return f"{weekday}, {value.day} {MONTHS_EN[value.month - 1]} {value.year}"


def day_short(day: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """An ISO date for a tab or a list: 'Sa 28.11.' / 'Sat 28 Nov'."""
    value, weekday = _weekday(day, lang)
    if lang == "de":
        return f"{_short(weekday, lang)} {value:%d.%m.}"
    return f"{_short(weekday, lang)} {value.day} {MONTHS_EN[value.month - 1][:3]}"


def date_range(first: str, last: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """An event's days: 'Samstag, 28.11.2026', or 'Fr 27.11. – Sa 28.11.2026' /
    'Fri 27 Nov – Sat 28 Nov 2026' for more than one."""
    if last <= first:
        return day_label(first, lang)
    return f"{day_short(first, lang)} – {day_short(last, lang)}{'' if lang == 'de' else ' '}{last[:4]}"


def when_and_where(starts_on: str, ends_on: str, venue: str, lang: str) -> tuple[str, ...]:
    """An event's days, then its venue if it has one: what a first visitor reads under its name."""
    return (date_range(starts_on, ends_on, lang), *((venue,) if venue else ()))


def slot_time(day: str, start: str, lang: str) -> str:
    """A slot as people read it in a sentence: 'Sa 10:00' / 'Sat 10:00'."""
    return f"{_short(_weekday(day, lang)[1], lang)} {start}"


BUILT_IN_LABEL = "@"  # a slot label "@lunch" is the built-in label "lunch", shown in each reader's language
BUILT_IN_LABELS = ("opening", "lunch", "closing")


def slot_label(label: str, kind: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A slot's label as people read it: a built-in one in ``lang``, one typed by organisers as typed,
    none as the name of its kind (Pause, Plenum)."""
    if label.startswith(BUILT_IN_LABEL) and label[1:] in BUILT_IN_LABELS:
        return t(f"slotlabel.{label[1:]}", lang)
    return label or t(f"slotkind.{kind}", lang)


def built_in_label(text: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The stored form of a label typed in ``lang``: the built-in key when it is one's wording, else the text."""
    for name in BUILT_IN_LABELS:
        if text and text == t(f"slotlabel.{name}", lang):
            return BUILT_IN_LABEL + name
    return text


def decimal(value: float, lang: str = DEFAULT_LANGUAGE, digits: int = 1) -> str:
    """A number with ``digits`` decimals as the language writes it: 3,5 in German, 3.5 in English."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "de" else text


def plural_form(n: object) -> str:
    """German and English both: "one" for exactly 1, "other" for 0, 2, ... (and anything not a number)."""
    return "one" if n == 1 else "other"


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """The message ``key`` in ``lang``, formatted with ``params``.

    A message with plural forms holds ``{"one": ..., "other": ...}`` per
    language; the count is the parameter named by the entry's ``"count"``
    (default ``n``).
    """
    entry = catalogue().get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry.get("en") or key
    if isinstance(text, dict):
        text = text[plural_form(params.get(entry.get("count", "n")))]
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text
