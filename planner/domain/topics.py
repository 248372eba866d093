"""Topic rules that need no database: the colour a new topic gets."""

from __future__ import annotations

# Okabe and Ito's palette for colour-blind readers (black left out: it reads
# as text), then Tableau's ten for events with more topics.
PALETTE = (
    "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7",
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
)


def next_colour(used: list[str] | tuple[str, ...]) -> str:
    """The first palette colour no topic has yet; after all of them, round again."""
    taken = {c.lower() for c in used}
    free = [c for c in PALETTE if c not in taken]
    return free[0] if free else PALETTE[len(used) % len(PALETTE)]


def session_colour(session, topics: dict) -> str:
    """A session's colour in grids and lists: its first topic's; "" without one."""
    if session is not None and session.topic_ids and session.topic_ids[0] in topics:
        return topics[session.topic_ids[0]].colour
    return ""
