"""CSV for spreadsheet programs: UTF-8 with a BOM so umlauts survive Excel.

The lists are for people, so they are in the reader's language: headers,
formats and languages in words, and the separator the spreadsheet programs
of that language expect (German Excel and LibreOffice split at ``;``, as
``,`` is their decimal comma). The words come from the message catalogue;
the German headers of title, hosts, topics and length are ones the CSV
import reads, so the sessions list reads back in either language.
"""

from __future__ import annotations

import csv
import io

from planner.exports import MIME, Export
from planner.domain.sessions import host_names
from planner.i18n import catalogue, t
from planner.models import Release, Session, Topic, User

BOM = "\ufeff"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SEPARATORS = {"de": ";"}  # the others: ","

# The columns of each list by their message keys (the English words are the old headers).
WAITING_COLUMNS = ("csv.position", "csv.name", "csv.username", "csv.email")
SESSION_COLUMNS = (
    "csv.id", "csv.title", "csv.hosts", "csv.topics", "csv.format", "csv.length", "csv.language", "csv.votes",
    "csv.hands", "csv.needs", "csv.day", "csv.start", "csv.end", "csv.room", "csv.release",
)
TOPIC_COLUMNS = ("csv.topic", "csv.sessions", "csv.votes", "csv.hands")


def separator(lang: str) -> str:
    """The field separator spreadsheet programs in ``lang`` read."""
    return SEPARATORS.get(lang, ",")


def header(columns: tuple[str, ...], lang: str) -> list[str]:
    """The header row of ``columns`` in ``lang``."""
    return [t(key, lang) for key in columns]


def _word(key: str, code: str, lang: str) -> str:
    """``key`` in ``lang``, or ``code`` as it is when the catalogue has no word for it."""
    return t(key, lang) if key in catalogue() else code


def _csv(columns: tuple[str, ...], rows: list[list[object]], lang: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator(lang), lineterminator="\r\n")
    writer.writerow(header(columns, lang))
    for row in rows:
        # A leading = + - @ (or a tab or CR before one) would be run as a
        # formula by spreadsheet programs. (An empty cell stays empty.)
        writer.writerow(["'" + v if isinstance(v, str) and v.startswith(_FORMULA_STARTS) else v for v in row])
    return (BOM + buffer.getvalue()).encode("utf-8")


def waiting_list(users: list[User], lang: str = "en") -> Export:
    """The waiting list in order: position, name, username, email."""
    rows = [[i, u.name, u.username, u.email] for i, u in enumerate(users, start=1)]
    return Export("waiting-list.csv", MIME["csv"], _csv(WAITING_COLUMNS, rows, lang))


def sessions(all_sessions: list[Session], topics: list[Topic], release: Release | None = None, *,
             lang: str) -> Export:
    """Every session with hosts, topics and votes; room and time from ``release``.

    Sessions of the release come first, in its time and room order; the
    others follow, most votes first, with empty room and time.
    """
    names = {tp.id: tp.name for tp in topics}
    position = {item.session_id: i for i, item in enumerate(release.items)} if release else {}
    ordered = sorted(
        all_sessions,
        key=lambda s: (position.get(s.id, len(position)), -s.demand, s.title.casefold(), s.id),
    )
    rows = []
    for s in ordered:
        item = release.item(s.id) if release else None
        place = [item.day, item.start, item.end, item.room, release.name] if item else ["", "", "", "", ""]
        rows.append([
            s.id, s.title, ", ".join(host_names(s)), ", ".join(names.get(i, "") for i in s.topic_ids),
            _word(f"format.{s.format.value}", s.format.value, lang), s.length,
            _word(f"lang.{s.language}", s.language, lang), s.votes, s.hand_votes,
            ", ".join(_word(f"feature.{n}", n, lang) for n in s.needs), *place,
        ])
    return Export("sessions.csv", MIME["csv"], _csv(SESSION_COLUMNS, rows, lang))


def topic_votes(topics: list[Topic], all_sessions: list[Session], *, lang: str) -> Export:
    """Per topic: its sessions and their votes and hands.

    A session under two topics counts for both, so the columns do not add
    up to the number of votes cast.
    """
    rows = []
    for topic in topics:
        under = [s for s in all_sessions if topic.id in s.topic_ids]
        rows.append([topic.name, len(under), sum(s.votes for s in under), sum(s.hand_votes for s in under)])
    return Export("topic-votes.csv", MIME["csv"], _csv(TOPIC_COLUMNS, rows, lang))
