"""CSV for spreadsheet programs: UTF-8 with a BOM so umlauts survive Excel."""

from __future__ import annotations

import csv
import io

from planner.exports import Export
from planner.models import User

BOM = "\ufeff"


def _csv(header: list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        # A leading = + - @ would be run as a formula by spreadsheet programs.
        writer.writerow(["'" + v if isinstance(v, str) and v[:1] in "=+-@" else v for v in row])
    return (BOM + buffer.getvalue()).encode("utf-8")


def waiting_list(users: list[User]) -> Export:
    """The waiting list in order: position, name, username, email."""
    rows = [[i, u.name, u.username, u.email] for i, u in enumerate(users, start=1)]
    return Export("waiting-list.csv", "text/csv", _csv(["position", "name", "username", "email"], rows))
