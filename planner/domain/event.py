"""The event's own rules: dates, time zone, language. Pure functions, no database."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from planner.errors import ValidationError
from planner.models import LANGUAGES


def check_date(day) -> str:
    try:
        return date.fromisoformat(str(day)).isoformat()
    except ValueError:
        raise ValidationError("error.slot_time_invalid") from None


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


def check_language(lang: str | None) -> str:
    if lang not in LANGUAGES:
        raise ValidationError("error.language_invalid")
    return lang
