"""The scheduler's messages in words, in the reader's language: the one module
of the scheduler that imports planner.i18n (the edge calls it: the planning
page, and PlanError.message for the command line)."""

from __future__ import annotations

from planner.i18n import catalogue, slot_time, t
from planner.scheduler.messages import FEATURE, PERSON, ROOM, SESSION, SLOT, Names, Ref, Say

_QUOTES = {"de": ("„", "“"), "en": ("“", "”")}


def name(kind: str, id_: str, lang: str, names: Names) -> str:
    """What a person reads for the id ``id_`` of ``kind``: its name, else the id."""
    if kind == SLOT and id_ in names.slots:
        return slot_time(*names.slots[id_], lang)
    if kind == FEATURE:
        key = f"feature.{id_}"
        return t(key, lang) if key in catalogue() else id_
    known = {SESSION: names.sessions, ROOM: names.rooms, PERSON: names.people}.get(kind, {})
    return known.get(id_, id_)


def render(message: Say, lang: str, names: Names | None = None) -> str:
    """``message`` in ``lang``: ids as names, nested reasons in the same language."""
    names = names or Names()
    opening, closing = _QUOTES.get(lang, _QUOTES["en"])

    def value(v: object) -> object:
        if isinstance(v, Say):
            return render(v, lang, names)
        if isinstance(v, Ref):
            shown = [name(v.kind, i, lang, names) for i in v.ids]
            return ", ".join(f"{opening}{x}{closing}" if v.quoted else x for x in shown) or "–"
        return v

    return t(message.key, lang, **{k: value(v) for k, v in message.params})
