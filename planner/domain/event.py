"""The event's own rules: dates, time zone, language. Pure functions, no database."""

from __future__ import annotations

import functools
from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from planner.errors import ValidationError
from planner.models import LANGUAGES


def check_date(day) -> str:
    try:
        return date.fromisoformat(str(day)).isoformat()
    except ValueError:
        raise ValidationError("error.day_invalid", value=str(day).strip()[:20]) from None


def check_dates(starts_on, ends_on) -> tuple[str, str]:
    try:
        start = date.fromisoformat(str(starts_on))
        end = date.fromisoformat(str(ends_on))
    except ValueError:
        raise ValidationError("error.date_invalid") from None
    if end < start:
        raise ValidationError("error.dates_order")
    if (end - start).days > 13:
        raise ValidationError("error.dates_too_long", days=14)
    return start.isoformat(), end.isoformat()


def check_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError("error.timezone_invalid", timezone=str(name)[:40]) from None
    return name


DEFAULT_TIMEZONE = "Europe/Berlin"
_REGIONS = ("Africa/", "America/", "Antarctica/", "Arctic/", "Asia/", "Atlantic/", "Australia/", "Europe/",
            "Indian/", "Pacific/")


@functools.cache
def timezone_names() -> tuple[str, ...]:
    """The time zones an event can be in: every region/city zone this machine
    knows (IANA names, sorted) and UTC; the legacy aliases ("CET", "GB",
    "Etc/GMT+1" with its reversed sign) are left out."""
    names = {name for name in available_timezones() if name.startswith(_REGIONS)} | {"UTC"}
    return tuple(sorted(names))


def preferred_timezone(*candidates: str | None) -> str:
    """The first candidate that is a known zone (the event's, the browser's), else the default."""
    names = timezone_names()
    return next((c for c in candidates if c in names), DEFAULT_TIMEZONE)


def check_language(lang: str | None) -> str:
    if lang not in LANGUAGES:
        raise ValidationError("error.language_invalid")
    return lang
