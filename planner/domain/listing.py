"""Filtering, searching and ordering the session list: pure functions."""

from __future__ import annotations

import hashlib
import unicodedata

from planner.domain.sessions import host_names
from planner.domain.text import clean_line
from planner.models import Session, SessionQuery, SortOrder, Topic


def _fold(text: str) -> str:
    """Case- and accent-insensitive form for search ("Mädchen" ~ "madchen"), without
    invisible characters (a title copied from the page brings the word joiner
    that keeps Streamlit from reading ":bit?" as a shortcode)."""
    decomposed = unicodedata.normalize("NFKD", clean_line(text).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def matches_text(session: Session, text: str, topics: dict[int, Topic]) -> bool:
    """True if every word of ``text`` occurs in the title, description, hosts or topics."""
    words = _fold(text).split()
    if not words:
        return True
    haystack = _fold(
        " ".join(
            [session.title, session.description]
            + list(host_names(session))
            + [h.username for h in session.hosts]
            + [topics[t].name for t in session.topic_ids if t in topics]
        )
    )
    return all(w in haystack for w in words)


def sort_options(votes_visible: bool, shuffle: bool) -> list[SortOrder]:
    """The orders a user may pick, the default first."""
    options = [SortOrder.RANDOM] if shuffle else []
    if votes_visible:
        options.append(SortOrder.VOTES)
    return options + [SortOrder.NEWEST, SortOrder.TITLE]


def select_sessions(
    sessions: list[Session],
    query: SessionQuery,
    *,
    user_id: int | None = None,
    my_votes: set[int] = frozenset(),
    topics: dict[int, Topic] | None = None,
) -> list[Session]:
    """The sessions that pass every filter of ``query``, in its order."""
    topics = topics or {}
    chosen = [
        s
        for s in sessions
        if (not query.topic_ids or set(s.topic_ids) & set(query.topic_ids))
        and (not query.formats or s.format in query.formats)
        and (not query.languages or s.language in query.languages)
        and (not query.only_mine or (user_id is not None and s.is_hosted_by(user_id)))
        and (not query.only_voted or s.id in my_votes)
        and matches_text(s, query.text, topics)
    ]
    if query.sort is SortOrder.RANDOM:
        # Stable per person, different between people: against bandwagon voting.
        chosen.sort(key=lambda s: hashlib.sha256(f"{user_id}:{s.id}".encode()).digest())
    elif query.sort is SortOrder.VOTES:
        chosen.sort(key=lambda s: (-s.votes, _fold(s.title)))
    elif query.sort is SortOrder.NEWEST:
        chosen.sort(key=lambda s: (s.created_at, s.id), reverse=True)
    else:
        chosen.sort(key=lambda s: (_fold(s.title), s.id))
    return chosen
