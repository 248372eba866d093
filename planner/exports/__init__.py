"""Exports: pure functions of the data, each returning (filename, content type, bytes).

One module per format (``frab``, ``ical``, ``csv_files``, ``pdf``);
``registry`` lists every format once and ``adapter`` reads the store for them.
"""

from __future__ import annotations

from typing import NamedTuple

# The content type of each kind of file, by its suffix.
MIME = {"json": "application/json", "xml": "application/xml", "ics": "text/calendar", "csv": "text/csv",
        "pdf": "application/pdf"}


class Export(NamedTuple):
    filename: str
    mime: str
    data: bytes
