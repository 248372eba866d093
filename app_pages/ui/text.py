"""Words on the screen: the user's language, messages, user text shown literally."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from planner.domain.text import COLOUR_RE, escape_markdown, readable_on
from planner.errors import PlannerError, Refusals
from planner.i18n import DEFAULT_LANGUAGE, LANGUAGES, MONTHS_EN, catalogue, t
from planner.models import Topic


def lang() -> str:
    value = st.session_state.get("lang")
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def browser_language() -> str:
    """The browser's language when the app speaks it, else the default (used
    before there is an event whose default language could say)."""
    code = (getattr(st.context, "locale", None) or "")[:2].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def language_name(code: str) -> str:
    """A language in its own words ("Deutsch", "English"): how a language switch names it."""
    return t("site.language_name", code)


def tr(key: str, **params: object) -> str:
    """The message ``key`` in the user's language."""
    return t(key, lang(), **params)


def md(text: str) -> str:
    """User text for a Markdown element: shown literally."""
    return escape_markdown(text)


def say(key: str, **params: object) -> str:
    """The message ``key`` for a Markdown element, user text in ``params`` shown literally."""
    return tr(key, **{name: md(v) if isinstance(v, str) else v for name, v in params.items()})


def error_text(err: PlannerError) -> str:
    """What went wrong, for a Markdown element: names and titles in it shown literally;
    several refusals of one form as a list."""
    if isinstance(err, Refusals):
        return "\n".join(f"- {say(one.key, **one.params)}" for one in err.errors)
    return say(err.key, **err.params)


def date_format() -> str:
    """How a date input shows dates in the user's language (Streamlit's default is American)."""
    return "DD.MM.YYYY" if lang() == "de" else "YYYY-MM-DD"


def when(stamp: str, tz_name: str) -> str:
    """A stored UTC time stamp as local date and time in ``tz_name`` (the event's zone):
    ``28.11.2026 09:05`` in German, ``28 Nov 2026, 09:05`` in English (as the days
    are written elsewhere; ISO dates stood out among them)."""
    try:
        moment = datetime.fromisoformat(stamp)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        local = moment.astimezone(ZoneInfo(tz_name))
        if lang() == "de":
            return local.strftime("%d.%m.%Y %H:%M")
        return f"{local.day} {MONTHS_EN[local.month - 1][:3]} {local.year}, {local:%H:%M}"
    except (ValueError, KeyError, ZoneInfoNotFoundError):
        return stamp[:16].replace("T", " ")


def break_labels() -> dict[str, str]:
    """Words for breaks in the grid: by kind, and the built-in labels ("@lunch") in the user's language."""
    from planner.i18n import BUILT_IN_LABEL, BUILT_IN_LABELS

    return {**{kind: tr(f"slotkind.{kind}") for kind in ("break", "plenary")},
            **{BUILT_IN_LABEL + name: tr(f"slotlabel.{name}") for name in BUILT_IN_LABELS}}


def feature_label(feature: str) -> str:
    """A room feature in the user's language; organisers' own labels as typed."""
    key = f"feature.{feature}"
    return tr(key) if key in catalogue() else feature


def topic_chips(topics: list[Topic]) -> str:
    """Topic labels in their colours, as HTML for ``st.markdown(..., unsafe_allow_html=True)``.

    Markdown still applies between the tags: the names go through :func:`md`
    (which also keeps ``<`` and ``&`` from being read as HTML).
    """
    chips = []
    for topic in topics:
        colour = topic.colour if COLOUR_RE.match(topic.colour) else "#777777"
        chips.append(
            f'<span class="topic-chip" style="background:{colour};color:{readable_on(colour)};'
            'padding:0.1rem 0.5rem;border-radius:0.8rem;margin-right:0.3rem;'
            f'font-size:0.85rem;white-space:nowrap">{md(topic.name)}</span>'
        )
    return "".join(chips)
