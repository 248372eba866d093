"""Proposals from a CSV file: a preview first, then every row or none.

The file has a header row with the columns ``title``, ``description``,
``host name``, ``topics`` and ``length`` (German headers ``Titel``,
``Beschreibung``, ``Host``, ``Themen``, ``Länge`` work too; ``description``
and ``length`` may be left out). Separators ``,`` and ``;`` are both read,
as spreadsheet programs write either. Topics are named, separated by
commas (or ``|`` in a comma-separated file); the length counts slots.

Hosts without an account: a host given as ``@username`` must be an active
account and becomes the session's host, who can then edit it. Any other
text is kept as the host's name without an account, exactly as for a
session pitched on site. We create no placeholder accounts: an account
nobody can sign in to would sit in the participant list, count towards the
capacity and hold a made-up e-mail address; a name on the session is all
the schedule needs, and an organiser can still add the person later.

:func:`preview` reads and checks everything and writes nothing;
:func:`import_proposals` writes all rows in one transaction, and refuses
the whole file while any row has an error.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from planner.domain import text as validation
from planner.errors import PlannerError, ValidationError
from planner.models import Session, SessionDraft, Topic, User
from planner.domain.sessions import Known, draft_refusals, resolve_host

MAX_BYTES = 1_000_000
MAX_ROWS = 500
COLUMNS = ("title", "description", "host name", "topics", "length")
REQUIRED = ("title", "host name", "topics")
ROW = "_row"
EXTRA = "_extra"  # values in a row under no column name: refused, as they would be lost
# Header spellings people use, folded (lower case, no spaces, - or _).
_ALIASES = {
    "title": "title", "titel": "title",
    "description": "description", "beschreibung": "description",
    "hostname": "host name", "host": "host name", "hosts": "host name", "name": "host name",
    "topics": "topics", "topic": "topics", "themen": "topics", "thema": "topics",
    "length": "length", "länge": "length", "laenge": "length", "slots": "length",
}


@dataclass(frozen=True)
class RowError:
    """What is wrong in one cell (or the whole row, ``column`` empty)."""

    row: int  # line of the file, the header being line 1
    column: str
    key: str
    params: dict = field(default_factory=dict)

    @property
    def where(self) -> tuple[str, dict]:
        """The message key and parameters naming the cell (or row)."""
        return ("import.where_cell" if self.column else "import.where_row"), {"row": self.row, "column": self.column}


@dataclass(frozen=True)
class ImportRow:
    row: int
    title: str
    description: str
    host: str
    topics: tuple[str, ...]
    length: int | None
    topic_ids: tuple[int, ...] = ()
    errors: tuple[RowError, ...] = ()
    length_text: str = ""  # the length as the file has it (shown when it is not a length)

    @property
    def shown_length(self) -> str:
        """The length for the preview: the number, or what the file had instead."""
        return str(self.length) if self.length is not None else self.length_text

    @property
    def ok(self) -> bool:
        return not self.errors


def _fold(header: str) -> str:
    return re.sub(r"[\s_-]+", "", header.strip().lower())


def read_csv(data: bytes, filename: str = "proposals.csv") -> list[dict[str, str]]:
    """The rows of an uploaded file as dicts keyed by our column names
    (and :data:`ROW`, the row number a spreadsheet shows; :data:`EXTRA`, the
    values beyond the header or under an empty header cell, if there are any).

    Raises :class:`ValidationError` for what makes the whole file unusable:
    too big, not a CSV file, not UTF-8, no header or a required column
    missing, too many rows.
    """
    if len(data) > MAX_BYTES:
        raise ValidationError("import.too_large", max_kb=MAX_BYTES // 1000)
    if not filename.lower().endswith((".csv", ".txt")) or b"\x00" in data:
        raise ValidationError("import.not_csv")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError("import.encoding") from None
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ValidationError("import.empty")
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header, *body = list(reader)
    except csv.Error:
        raise ValidationError("import.not_csv") from None
    names = [_ALIASES.get(_fold(h), "") for h in header]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise ValidationError("import.column_missing", column=", ".join(missing))
    rows = []
    for number, cells in enumerate(body, start=2):  # the row numbers a spreadsheet shows
        if not any(c.strip() for c in cells):
            continue  # blank lines at the end of a spreadsheet export
        row = {name: cells[i] if i < len(cells) else "" for i, name in enumerate(names) if name}
        # Columns the header does not name (a column named something else is
        # left out on purpose, as the sessions export's votes). Empty cells
        # there are harmless: spreadsheets write "a,b,c,,".
        extra = [c.strip() for i, c in enumerate(cells) if (i >= len(header) or not header[i].strip()) and c.strip()]
        if extra:
            row[EXTRA] = ", ".join(extra)
        rows.append({**row, ROW: str(number)})
    if len(rows) > MAX_ROWS:
        raise ValidationError("import.too_many_rows", max=MAX_ROWS)
    return rows


def _split_topics(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in (validation.clean_line(p) for p in re.split(r"[,;|]", text)) if n))


def check_rows(rows: list[dict[str, str]], topics: list[Topic], users: list[User],
               taken_titles: set[str]) -> list[ImportRow]:
    """Check every row with the session check the store uses; ``taken_titles`` are the title keys of live sessions."""
    by_name = {validation.title_key(tp.name): tp.id for tp in topics}
    known = Known(topic_ids=frozenset(by_name.values()), usernames={u.username: u.id for u in users if u.active})
    seen: dict[str, int] = {}
    result = []
    for index, cells in enumerate(rows, start=2):
        number = int(cells.get(ROW, index))
        errors: list[RowError] = []

        def refuse(column: str, err: PlannerError) -> None:
            errors.append(RowError(number, column, err.key, dict(err.params)))

        title = validation.clean_line(cells.get("title"))
        description = cells.get("description", "")
        host = validation.clean_line(cells.get("host name"))
        names = _split_topics(cells.get("topics", ""))
        unknown = [n for n in names if validation.title_key(n) not in by_name]
        length: int | None = 1
        raw_length = validation.clean_line(cells.get("length"))
        if raw_length:
            length = int(raw_length) if re.fullmatch(r"[0-9]{1,2}", raw_length) else 0
        draft = SessionDraft(title=title, description=description, length=length,
                             topic_ids=tuple(by_name[validation.title_key(n)] for n in names if n not in unknown))
        for column, err in draft_refusals(draft, known):
            if column == "topics" and unknown:
                continue  # said below, with the names
            refuse({"length": "length", "topics": "topics", "description": "description"}.get(column, "title"), err)
        if unknown:
            refuse("topics", ValidationError("import.topic_unknown", topic=", ".join(unknown)[:80]))
        key = validation.title_key(title)
        if key in taken_titles:
            refuse("title", ValidationError("error.title_taken", title=title))
        elif title and key in seen:
            refuse("title", ValidationError("import.title_twice", other=seen[key]))
        seen.setdefault(key, number)
        try:
            resolve_host(host, known.usernames)
        except PlannerError as err:
            refuse("host name", err)
        if cells.get(EXTRA):
            errors.append(RowError(number, "", "import.extra_values", {"values": cells[EXTRA][:80]}))
        if any(e.column == "length" for e in errors):
            length = None
        if not any(e.column == "description" for e in errors):
            description = validation.check_description(description)
        errors.sort(key=lambda e: COLUMNS.index(e.column) if e.column else -1)  # the whole row's first
        result.append(ImportRow(
            row=number, title=title, description=description, host=host, topics=names, length=length,
            length_text=raw_length[:20], topic_ids=draft.topic_ids, errors=tuple(errors),
        ))
    return result


def preview(store, data: bytes, filename: str = "proposals.csv") -> list[ImportRow]:
    """Read and check an upload against the event; nothing is written."""
    rows = read_csv(data, filename)
    taken = {validation.title_key(s.title) for s in store.sessions.list()}
    return check_rows(rows, store.topics.list(), store.people.list(active_only=True), taken)


def errors_of(rows: list[ImportRow]) -> list[RowError]:
    return [e for r in rows for e in r.errors]


def import_proposals(store, actor: User, rows: list[ImportRow]) -> list[Session]:
    """Write every row as a proposal in one transaction; none if any row is refused.

    A row the database refuses now (someone took the title since the
    preview) raises its error with ``params["row"]`` set to its line.
    """
    refused = errors_of(rows)
    if refused:
        raise ValidationError("import.has_errors", count=len({e.row for e in refused}))
    if not rows:
        raise ValidationError("import.empty")
    language = store.event.get().default_language if store.event.get() else "de"
    proposals = [
        (SessionDraft(title=r.title, description=r.description, length=r.length or 1,
                      language=language, topic_ids=r.topic_ids), r.host)
        for r in rows
    ]
    try:
        return store.sessions.propose_many(actor, proposals)
    except PlannerError as err:
        if "entry" in err.params:
            err.params["row"] = rows[err.params["entry"] - 1].row
        raise
