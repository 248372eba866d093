"""Printable PDFs of a release: the grid per day as an A3 poster, a sign per room door.

Text is set in Bitstream Vera, which ships with reportlab, so umlauts, ß,
Ç and German quotes print on any machine. Vera has no emoji and few
letters beyond Latin-1: a letter it lacks prints without its accent
(ř -> r), an emoji or other symbol it lacks is left out rather than
printed as a box.

A word wider than its column (German compounds in a poster's narrow room
columns) sets its title a little smaller when that is enough; a longer one
is hyphenated at its syllables (pyphen's dictionaries), never cut without a
hyphen.
"""

from __future__ import annotations

import io
import re
import unicodedata
from functools import lru_cache
from xml.sax.saxutils import escape

import pyphen
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table, TableStyle

from planner.exports import MIME, Export
from planner.exports.ical import slug
from planner.i18n import day_label, slot_label
from planner.models import Event, Release, ReleaseItem, Room, Slot, SlotKind

FONT, BOLD = "Vera", "VeraBd"
MARGIN = 12 * mm
CELL_PADDING = 6  # points, reportlab's default on either side of a table cell
UNBOUNDED = 1e6  # wrap tables at their natural height; drawing shrinks what is too tall
WORDS = {
    "de": {"time": "Zeit", "schedule": "Programm", "none": "Heute keine Sessions in diesem Raum."},
    "en": {"time": "Time", "schedule": "Schedule", "none": "No sessions in this room today."},
}


@lru_cache(maxsize=1)
def _glyphs() -> frozenset[int]:
    """Register the fonts once; the code points they can print."""
    regular = TTFont(FONT, "Vera.ttf")
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(TTFont(BOLD, "VeraBd.ttf"))
    return frozenset(regular.face.charToGlyph)


def printable(text: str) -> str:
    """``text`` with what the font cannot print dropped (accents first, then the letter)."""
    glyphs = _glyphs()
    kept = []
    for ch in text:
        if ord(ch) in glyphs or ch in "\n":
            kept.append(ch)
        else:
            kept.extend(c for c in unicodedata.normalize("NFKD", ch) if ord(c) in glyphs)
    return re.sub(" {2,}", " ", "".join(kept)).strip()


SHY = "\xad"  # a soft hyphen: reportlab breaks there and prints "-"
MIN_WORD_SCALE = 0.85  # a word a little too wide sets its paragraph this much smaller at most


def _para(text: str, style: ParagraphStyle, width: float | None = None, lang: str = "de") -> Paragraph:
    """``text`` as a paragraph; with ``width`` (the room it has), a word a little
    too wide for it sets the paragraph smaller (down to MIN_WORD_SCALE), a word
    wider than that is hyphenated."""
    text = printable(text)
    if width is None:
        return Paragraph(escape(text), style)
    font, size = style.fontName, style.fontSize
    if any(pdfmetrics.stringWidth(w, font, size) > width for w in text.split()):
        widest = max(pdfmetrics.stringWidth(w, font, size) for w in re.split(r"[\s-]+", text))
        scale = min(1.0, width / widest * 0.999) if widest else 1.0
        if scale < MIN_WORD_SCALE:  # far too wide: hyphenated in the poster's type, not tiny
            scale = 1.0
        size *= scale
        style = ParagraphStyle(f"{style.name}-fitted", parent=style, fontSize=size,
                               leading=style.leading * scale, embeddedHyphenation=1)
        text = " ".join(_hyphenated(w, font, size, width, lang) for w in text.split())
    return Paragraph(escape(text), style)


@lru_cache(maxsize=2)
def _dictionary(lang: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="de_DE" if lang == "de" else "en_US")


def _hyphenated(word: str, font: str, size: float, width: float, lang: str) -> str:
    """``word`` with soft hyphens where it may break so that each piece and its
    hyphen fit ``width``: at its syllables, and inside a syllable only where
    even that is too wide (a code name, a URL). A word that fits stays whole;
    so does each part of a hyphenated compound that fits (reportlab breaks
    after its "-" by itself)."""
    dash = pdfmetrics.stringWidth("-", font, size)
    parts = []
    for part in word.split("-"):
        if pdfmetrics.stringWidth(part, font, size) + dash <= width:
            parts.append(part)
            continue
        out = []
        for piece in _dictionary(lang).inserted(part, hyphen=SHY).split(SHY):
            chunk = ""
            for ch in piece:  # a syllable too wide for a line: break it where the line ends
                if chunk and pdfmetrics.stringWidth(chunk + ch, font, size) + dash > width:
                    out.append(chunk)
                    chunk = ""
                chunk += ch
            out.append(chunk)
        parts.append(SHY.join(out))
    return "-".join(parts)


def _styles(base: float) -> dict[str, ParagraphStyle]:
    _glyphs()
    return {
        "title": ParagraphStyle("title", fontName=BOLD, fontSize=base * 1.1, leading=base * 1.3),
        "text": ParagraphStyle("text", fontName=FONT, fontSize=base * 0.85, leading=base * 1.05,
                               textColor=colors.HexColor("#333333")),
        "head": ParagraphStyle("head", fontName=BOLD, fontSize=base * 1.2, leading=base * 1.4,
                               textColor=colors.white),
        "break": ParagraphStyle("break", fontName=FONT, fontSize=base, leading=base * 1.2, alignment=1),
    }


def _days(release: Release, slots: list[Slot]) -> list[str]:
    return sorted({s.day for s in slots} | {i.day for i in release.items})


def _grid_table(release: Release, rooms: list[Room], slots: list[Slot], day: str, width: float,
                lang: str, size: float, row_heights: list[float] | None = None) -> Table:
    """Rooms as columns, slots as rows; a session spans its slots, breaks span the rooms."""
    st = _styles(size)
    time_width = 40 * mm
    room_width = (width - time_width) / max(len(rooms), 1)
    inner = room_width - 2 * CELL_PADDING  # what a room's column has for its words
    day_slots = [s for s in slots if s.day == day]
    row_of = {s.id: i + 1 for i, s in enumerate(day_slots)}
    col_of = {r.id: i + 1 for i, r in enumerate(rooms)}
    data: list[list[object]] = [[_para(WORDS[lang]["time"], st["head"])] + [_para(r.name, st["head"], inner, lang) for r in rooms]]
    data += [[_para(f"{s.start}–{s.end}", st["text"])] + [""] * len(rooms) for s in day_slots]
    commands: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#999999")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#333333")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]
    covered: set[tuple[int, int]] = set()  # (column, row) inside a session's span
    for item in release.items:
        rows = [row_of[s] for s in item.slot_ids if s in row_of]
        col = col_of.get(item.room_id)
        if item.day != day or not rows or col is None:
            continue
        top, bottom = min(rows), max(rows)
        data[top][col] = [_para(item.title, st["title"], inner, lang),
                          _para(", ".join(item.hosts), st["text"], inner, lang)]
        covered |= {(col, r) for r in range(top, bottom + 1)}
        if bottom > top:
            commands.append(("SPAN", (col, top), (col, bottom)))
    for s in day_slots:
        if s.kind is SlotKind.SESSION:
            continue
        row = row_of[s.id]
        commands.append(("BACKGROUND", (1, row), (-1, row), colors.HexColor("#eeeeee")))
        run: list[int] = []
        for col in [*range(1, len(rooms) + 1), None]:  # None closes the last run
            if col is not None and (col, row) not in covered:
                run.append(col)
                continue
            if run:
                data[row][run[0]] = _para(slot_label(s.label, s.kind, lang), st["break"],
                                          room_width * len(run) - 2 * CELL_PADDING, lang)
                if len(run) > 1:
                    commands.append(("SPAN", (run[0], row), (run[-1], row)))
            run = []
    table = Table(data, colWidths=[time_width] + [room_width] * len(rooms), rowHeights=row_heights, repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


def _poster_table(release: Release, rooms: list[Room], slots: list[Slot], day: str, width: float,
                  height: float, lang: str) -> Table:
    """The day's grid in the largest type that fits, its rows stretched by
    their length in minutes to fill the page."""
    for size in (18, 15, 13, 11):
        table = _grid_table(release, rooms, slots, day, width, lang, size)
        _, needed = table.wrap(width, UNBOUNDED)
        if needed <= height:
            break
    extra = height - needed
    minutes = [0] + [s.minutes for s in slots if s.day == day]
    if extra <= 0 or sum(minutes) <= 0:
        return table
    natural = table._rowHeights  # reportlab's row heights after wrap()
    heights = [h + extra * m / sum(minutes) for h, m in zip(natural, minutes)]
    return _grid_table(release, rooms, slots, day, width, lang, size, heights)


def _draw_fitted(canvas: Canvas, flowable, x: float, top: float, width: float, height: float) -> None:
    """Draw ``flowable`` from ``top`` down, shrunk to fit the box if it is taller."""
    _, needed = flowable.wrapOn(canvas, width, UNBOUNDED)
    scale = min(1.0, height / needed) if needed else 1.0
    canvas.saveState()
    canvas.translate(x, top - needed * scale)
    canvas.scale(scale, scale)
    flowable.drawOn(canvas, 0, 0)
    canvas.restoreState()


MIN_HEADER_SIZE = 8.0  # points: a header line smaller than this is cut short instead


def fitted(text: str, font: str, size: float, width: float) -> tuple[str, float]:
    """``text`` (printable) and a font size at most ``size`` at which it fits ``width``:
    smaller for a long room or event name, and cut with "…" if even the smallest is too wide."""
    text = printable(text)
    wide = pdfmetrics.stringWidth(text, font, size)
    if wide <= width:
        return text, size
    size = max(MIN_HEADER_SIZE, size * width / wide * 0.999)  # a hair under: rounding must not cut a letter
    while len(text) > 1 and pdfmetrics.stringWidth(text, font, size) > width:
        text = text[:-2] + "…"
    return text, size


def _line(canvas: Canvas, y: float, text: str, font: str, size: float, width: float) -> None:
    line, size = fitted(text, font, size, width)
    canvas.setFont(font, size)
    canvas.drawString(MARGIN, y, line)


def _header(canvas: Canvas, page_width: float, page_height: float, size: float, title: str, subtitle: str) -> float:
    """Title and subtitle at the top of the page, each within the margins; returns the y below them."""
    y = page_height - MARGIN - size
    _line(canvas, y, title, BOLD, size, page_width - 2 * MARGIN)
    y -= size * 0.9
    _line(canvas, y, subtitle, FONT, size * 0.5, page_width - 2 * MARGIN)
    return y - size * 0.6


def _poster_pages(canvas: Canvas, event: Event, release: Release, rooms: list[Room], slots: list[Slot],
                  lang: str) -> None:
    width, height = landscape(A3)
    for day in _days(release, slots):
        canvas.setPageSize((width, height))
        below = _header(canvas, width, height, 30, event.name,
                        f"{day_label(day, lang)} · {WORDS[lang]['schedule']} {release.name}")
        table = _poster_table(release, rooms, slots, day, width - 2 * MARGIN, below - MARGIN, lang)
        _draw_fitted(canvas, table, MARGIN, below, width - 2 * MARGIN, below - MARGIN)
        canvas.showPage()


def _qr(canvas: Canvas, url: str, x: float, y: float, size: float) -> None:
    widget = QrCodeWidget(url)
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x, y)


def _sign_pages(canvas: Canvas, event: Event, release: Release, rooms: list[Room], slots: list[Slot],
                base_url: str, lang: str) -> None:
    width, height = A4
    st = _styles(16)
    schedule_url = f"{base_url.rstrip('/')}/p/schedule" if base_url else ""
    for day in _days(release, slots):
        for room in rooms:
            items = sorted((i for i in release.items if i.day == day and i.room_id == room.id), key=lambda i: i.start)
            canvas.setPageSize((width, height))
            below = _header(canvas, width, height, 40, room.name, f"{event.name} · {day_label(day, lang)}")
            rows = [_sign_row(i, st, width - 2 * MARGIN - 52 * mm - 2 * CELL_PADDING, lang) for i in items] or [[_para(WORDS[lang]["none"], st["text"]), ""]]
            table = Table(rows, colWidths=[52 * mm, width - 2 * MARGIN - 52 * mm])
            table.setStyle(TableStyle([
                *([] if items else [("SPAN", (0, 0), (1, 0))]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.HexColor("#bbbbbb")),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]))
            qr_size = 40 * mm if schedule_url else 0
            footer = MARGIN + qr_size + (8 * mm if schedule_url else 0)
            _draw_fitted(canvas, table, MARGIN, below, width - 2 * MARGIN, below - footer)
            if schedule_url:
                _qr(canvas, schedule_url, width - MARGIN - qr_size, MARGIN + 5 * mm, qr_size)
                link, size = fitted(schedule_url, FONT, 10, width - 2 * MARGIN)
                canvas.setFont(FONT, size)
                canvas.drawRightString(width - MARGIN, MARGIN, link)
            canvas.showPage()


def _sign_row(item: ReleaseItem, st: dict[str, ParagraphStyle], inner: float, lang: str) -> list[object]:
    return [
        _para(f"{item.start}–{item.end}", st["title"]),
        [_para(item.title, st["title"], inner, lang), _para(", ".join(item.hosts), st["text"], inner, lang)],
    ]


def _document(draw, title: str) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=1, invariant=1)
    canvas.setTitle(printable(title))
    canvas.setCreator("Barcamp Planner")
    draw(canvas)
    canvas.save()
    return buffer.getvalue()


def grid_poster(event: Event, release: Release, rooms: list[Room], slots: list[Slot], lang: str = "de") -> Export:
    """One A3 landscape page per day: rooms across, slots down, breaks across all rooms."""
    data = _document(lambda c: _poster_pages(c, event, release, rooms, slots, lang), f"{event.name} {release.name}")
    return Export(f"{slug(event.name)}-{slug(release.name)}-grid.pdf", MIME["pdf"], data)


def door_signs(event: Event, release: Release, rooms: list[Room], slots: list[Slot], base_url: str = "",
               lang: str = "de") -> Export:
    """One A4 page per room and day: its sessions, and a QR code to ``<base_url>/schedule``."""
    url = base_url or event.base_url
    data = _document(lambda c: _sign_pages(c, event, release, rooms, slots, url, lang), f"{event.name} {release.name}")
    return Export(f"{slug(event.name)}-{slug(release.name)}-signs.pdf", MIME["pdf"], data)


def printables(event: Event, release: Release, rooms: list[Room], slots: list[Slot], base_url: str = "",
               lang: str = "de") -> Export:
    """The posters and then the door signs, in one file (for the command line)."""
    url = base_url or event.base_url

    def draw(canvas: Canvas) -> None:
        _poster_pages(canvas, event, release, rooms, slots, lang)
        _sign_pages(canvas, event, release, rooms, slots, url, lang)

    data = _document(draw, f"{event.name} {release.name}")
    return Export(f"{slug(event.name)}-{slug(release.name)}.pdf", MIME["pdf"], data)
