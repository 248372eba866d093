"""Uploads refused cleanly: the CSV import's limits in both languages, nothing stored.

test_imports.py checks the English message of each refusal; here: the
German one too, the edges of each limit, files that are empty in other
ways, that a refused upload stores nothing, and Streamlit's own upload cap.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from planner.domain import imports
from planner.errors import ValidationError

ROOT = Path(__file__).resolve().parents[2]
HEADER = "title,host name,topics\n"


def _rows(n: int) -> bytes:
    return (HEADER + "".join(f"Session {i},Jemand,Robotik\n" for i in range(n))).encode()


def _refusal(store, data: bytes, filename: str = "import.csv") -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        imports.preview(store, data, filename)
    return caught.value


@pytest.mark.parametrize(("data", "filename", "key", "de"), [
    # wrong type: by name, or binary content under a .csv name
    (_rows(1), "sessions.xlsx", "import.not_csv",
     "Das ist keine CSV-Datei. Speichere die Tabelle als CSV (UTF-8) und lade sie erneut hoch."),
    (_rows(1), "sessions.csv.exe", "import.not_csv",
     "Das ist keine CSV-Datei. Speichere die Tabelle als CSV (UTF-8) und lade sie erneut hoch."),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.csv", "import.not_csv",
     "Das ist keine CSV-Datei. Speichere die Tabelle als CSV (UTF-8) und lade sie erneut hoch."),
    # wrong encoding: Excel's "Unicode text" (UTF-16, NUL bytes) and Windows-1252
    (HEADER.encode("utf-16"), "a.csv", "import.not_csv",
     "Das ist keine CSV-Datei. Speichere die Tabelle als CSV (UTF-8) und lade sie erneut hoch."),
    ((HEADER + "Übung,Jürgen,Robotik\n").encode("cp1252"), "a.csv", "import.encoding",
     "Die Datei ist nicht UTF-8-kodiert, Umlaute gingen verloren. Speichere sie als „CSV UTF-8“."),
    # too large, too many rows
    (b"x" * (imports.MAX_BYTES + 1), "a.csv", "import.too_large",
     "Die Datei ist zu groß (höchstens 1000 kB). Teile sie auf."),
    (_rows(imports.MAX_ROWS + 1), "a.csv", "import.too_many_rows",
     "Höchstens 500 Sessions pro Import. Teile die Datei auf."),
    # empty in several ways
    (b"", "a.csv", "import.empty", "Die Datei enthält keine Sessions."),
    (b"\xef\xbb\xbf", "a.csv", "import.empty", "Die Datei enthält keine Sessions."),
    (b"\n\n", "a.csv", "import.empty", "Die Datei enthält keine Sessions."),
    (b"   \r\n", "a.csv", "import.empty", "Die Datei enthält keine Sessions."),
])
def test_unusable_upload_is_refused_in_german_and_english(event, data, filename, key, de):
    err = _refusal(event.store, data, filename)
    assert err.key == key
    assert err.message("de") == de
    assert err.message("en") != de and err.message("en")


@pytest.mark.parametrize(("data", "filename"), [
    (_rows(1), "sessions.xlsx"),
    ((HEADER + "Übung,Jürgen,Robotik\n").encode("cp1252"), "a.csv"),
    (_rows(imports.MAX_ROWS + 1), "a.csv"),
    (b"", "a.csv"),
])
def test_refused_upload_stores_nothing(event, data, filename):
    before = event.store.sessions.list()
    _refusal(event.store, data, filename)
    assert event.store.sessions.list() == before


def test_file_with_only_a_header_or_blank_rows_imports_nothing(event):
    rows = imports.preview(event.store, (HEADER + ",,\n\n").encode(), "a.csv")
    assert rows == []
    with pytest.raises(ValidationError) as caught:
        imports.import_proposals(event.store, event.orga, rows)
    assert caught.value.key == "import.empty"
    assert caught.value.message("de") == "Die Datei enthält keine Sessions."
    assert event.store.sessions.list() == []


def test_limits_are_inclusive(event):
    rows = imports.preview(event.store, _rows(imports.MAX_ROWS), "a.CSV")
    assert len(rows) == imports.MAX_ROWS
    padded = _rows(1) + b"\n" * (imports.MAX_BYTES - len(_rows(1)))  # blank lines are skipped
    assert len(padded) == imports.MAX_BYTES
    assert [r.title for r in imports.preview(event.store, padded, "a.txt")] == ["Session 0"]


def test_streamlit_upload_cap_is_set_and_leaves_room_for_a_backup():
    # Streamlit keeps an upload in memory; its default cap is 200 MB per file.
    # The CSV uploader sets its own smaller cap; the backup restore uses this
    # one, and a 2,000-person event's backup is about 2 MB (bench/scale.py).
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    cap_mb = config["server"]["maxUploadSize"]
    assert imports.MAX_BYTES / 1e6 <= 20 <= cap_mb <= 100
