"""CSV for spreadsheet programs: UTF-8 with a BOM so umlauts survive Excel."""

from __future__ import annotations

import csv
import io

from planner.exports import MIME, Export
from planner.domain.sessions import host_names
from planner.models import Release, Session, Topic, User

BOM = "\ufeff"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv(header: list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        # A leading = + - @ (or a tab or CR before one) would be run as a
        # formula by spreadsheet programs. (An empty cell stays empty.)
        writer.writerow(["'" + v if isinstance(v, str) and v.startswith(_FORMULA_STARTS) else v for v in row])
    return (BOM + buffer.getvalue()).encode("utf-8")


def waiting_list(users: list[User]) -> Export:
    """The waiting list in order: position, name, username, email."""
    rows = [[i, u.name, u.username, u.email] for i, u in enumerate(users, start=1)]
    return Export("waiting-list.csv", MIME["csv"], _csv(["position", "name", "username", "email"], rows))


SESSION_COLUMNS = [
    "id", "title", "hosts", "topics", "format", "length", "language", "votes", "hands",
    "needs", "day", "start", "end", "room", "release",
]


def sessions(all_sessions: list[Session], topics: list[Topic], release: Release | None = None) -> Export:
    """Every session with hosts, topics and votes; room and time from ``release``.

    Sessions of the release come first, in its time and room order; the
    others follow, most votes first, with empty room and time.
    """
    names = {t.id: t.name for t in topics}
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
            s.id, s.title, ", ".join(host_names(s)), ", ".join(names.get(t, "") for t in s.topic_ids),
            s.format.value, s.length, s.language, s.votes, s.hand_votes, ", ".join(s.needs), *place,
        ])
    return Export("sessions.csv", MIME["csv"], _csv(SESSION_COLUMNS, rows))


def topic_votes(topics: list[Topic], all_sessions: list[Session]) -> Export:
    """Per topic: its sessions and their votes and hands.

    A session under two topics counts for both, so the columns do not add
    up to the number of votes cast.
    """
    rows = []
    for topic in topics:
        under = [s for s in all_sessions if topic.id in s.topic_ids]
        rows.append([topic.name, len(under), sum(s.votes for s in under), sum(s.hand_votes for s in under)])
    return Export("topic-votes.csv", MIME["csv"], _csv(["topic", "sessions", "votes", "hands"], rows))
