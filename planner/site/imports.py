"""The CSV import's findings as people read them."""

from __future__ import annotations

from planner.domain.imports import RowError
from planner.i18n import t


def describe(error: RowError, lang: str) -> str:
    """'Row 3, column “topics”: …' in ``lang``."""
    key, params = error.where
    return f"{t(key, lang, **params)}: {t(error.key, lang, **error.params)}"
