"""Printable PDFs: the grid poster per day and the door signs per room."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from export_data import publish_awkward
from planner.exports import pdf
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.pdfbase import pdfmetrics


def _pages(data: bytes) -> list[tuple[tuple[int, int], str]]:
    reader = PdfReader(io.BytesIO(data))
    return [((round(p.mediabox.width), round(p.mediabox.height)), p.extract_text()) for p in reader.pages]


def _size(pagesize) -> tuple[int, int]:
    return round(pagesize[0]), round(pagesize[1])


@pytest.fixture
def published(event):
    return publish_awkward(event)


def test_grid_poster_is_one_a3_landscape_page_with_rooms_titles_and_breaks(published):
    p = published
    export = pdf.grid_poster(p.event, p.release, p.rooms, p.slots)
    pages = _pages(export.data)
    assert (export.filename, export.mime) == ("mintcamp-test-v1-grid.pdf", "application/pdf")
    assert [size for size, _ in pages] == [_size(landscape(A3))]
    text = pages[0][1]
    for expected in ("MINTcamp Test", "Samstag, 28.11.2026", "Saal „Elbe“ & <Co>", "Online-Raum",
                     "Robotik <AG> & für Mädchen", "Workshop über Mittag", "Remote pairing",
                     "Spontan: Calliope-Ecke", "Cem Çelik", "Mittagspause", "10:00–10:45"):
        assert expected in text, expected
    assert "🤖" not in text and "🌐" not in text  # the font has no emoji: left out, not a box


def test_door_signs_are_one_a4_page_per_room_with_its_sessions_and_the_link(published):
    p = published
    export = pdf.door_signs(p.event, p.release, p.rooms, p.slots, base_url="https://camp.example.org/")
    pages = _pages(export.data)
    assert [size for size, _ in pages] == [_size(A4), _size(A4)]
    hall, online = pages[0][1], pages[1][1]
    assert hall.startswith("Saal „Elbe“ & <Co>")
    assert ("Robotik <AG> & für Mädchen" in hall, "Workshop über Mittag" in hall, "Remote pairing" in hall) == (
        True, True, False)
    assert "11:00–12:45" in hall
    assert online.startswith("Online-Raum")
    assert ("Remote pairing" in online, "Spontan: Calliope-Ecke" in online) == (True, True)
    assert "https://camp.example.org/p/schedule" in hall


def test_door_sign_of_an_empty_room_says_so_and_without_base_url_has_no_link(event, published):
    p = published
    export = pdf.door_signs(p.event, p.release, p.rooms, p.slots, lang="en")
    assert p.event.base_url == ""
    texts = [text for _, text in _pages(export.data)]
    assert ["/schedule" in t for t in texts] == [False, False]
    event.store.grid.place(event.orga, p.online.id, p.rooms[0].id, p.slots[0].id)
    event.store.grid.unplace(event.orga, p.pitched.id)
    v2 = event.store.releases.publish(event.orga)
    texts = [text for _, text in _pages(pdf.door_signs(p.event, v2, p.rooms, p.slots, lang="en").data)]
    assert "No sessions in this room today." in texts[1]


def test_printables_hold_posters_then_signs(published):
    p = published
    pages = _pages(pdf.printables(p.event, p.release, p.rooms, p.slots).data)
    assert [size for size, _ in pages] == [_size(landscape(A3)), _size(A4), _size(A4)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Mädchen & Jungen", "Mädchen & Jungen"),
    ("Robotik 🤖 AG", "Robotik AG"),
    ("Doğan Şahin, Wałęsa, Dvořák", "Doğan Şahin, Wałesa, Dvorák"),
    ("Pfeil → hier ✓", "Pfeil hier"),
    ("„Zitat“ – ß", "„Zitat“ – ß"),
])
def test_printable_keeps_what_the_font_has(text, expected):
    assert pdf.printable(text) == expected


def test_header_lines_shrink_to_fit_the_page_and_are_cut_only_when_even_the_smallest_is_too_wide():
    width = A4[0] - 2 * pdf.MARGIN
    assert pdf.fitted("Saal", pdf.BOLD, 40, width) == ("Saal", 40)
    subtitle = "MINTcamp Elbe (Demo) · Thursday, 10 December 2026"  # 554 pt at 20 pt: wider than the 527 pt
    line, size = pdf.fitted(subtitle, pdf.FONT, 20, width)
    assert line == subtitle and 18 < size < 20
    assert pdfmetrics.stringWidth(line, pdf.FONT, size) <= width
    line, size = pdf.fitted("Großer Hörsaal " * 20, pdf.BOLD, 40, width)
    assert size == pdf.MIN_HEADER_SIZE and line.startswith("Großer Hörsaal Großer") and line.endswith("…")
    assert pdfmetrics.stringWidth(line, pdf.BOLD, size) <= width


def test_a_door_sign_with_a_long_room_name_keeps_the_whole_name_smaller(event, published):
    p = published
    long_name = "Großer Hörsaal der Fakultät für Maschinenbau"  # 40 pt: wider than A4
    room = p.rooms[0]
    renamed = [r if r.id != room.id else type(r)(**{**r.__dict__, "name": long_name}) for r in p.rooms]
    sizes = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes.setdefault(text.strip(), size)

    reader = PdfReader(io.BytesIO(pdf.door_signs(p.event, p.release, renamed, p.slots, lang="en").data))
    page = reader.pages[0]
    assert page.extract_text().startswith(long_name)
    page.extract_text(visitor_text=visit)
    size = next(s for text, s in sizes.items() if text.startswith("Großer"))
    assert size < 40
    assert pdfmetrics.stringWidth(long_name, pdf.BOLD, size) <= A4[0] - 2 * pdf.MARGIN + 0.01


def test_a_long_public_address_under_the_qr_code_stays_on_the_page(published):
    p = published
    for repeat, whole in ((9, True), (12, False)):  # smaller; then, below 8 pt, cut (the QR code holds it whole)
        base = "https://" + "barcamp-" * repeat + "example.org/"
        reader = PdfReader(io.BytesIO(pdf.door_signs(p.event, p.release, p.rooms, p.slots, base_url=base).data))
        runs = []
        reader.pages[0].extract_text(visitor_text=lambda text, cm, tm, font, size: runs.append((text, tm, size)))
        text, tm, size = next(r for r in runs if r[0].startswith("https://barcamp-"))
        assert (text.strip() == f"{base}p/schedule") is whole and text.strip().endswith("…") is not whole
        assert size < 10 and tm[4] >= pdf.MARGIN - 0.01  # starts inside the left margin


def _lines(paragraph, width: float) -> list[str]:
    paragraph.wrap(width, 1e6)
    return [" ".join(words) for _, words in paragraph.blPara.lines]


@pytest.mark.parametrize(("text", "lang"), [
    ("Bürgerbeteiligungsverfahren", "de"),
    ("Donaudampfschifffahrtsgesellschaftskapitänsmützen im Wandel", "de"),
    ("Internationalization", "en"),
    ("Xq7zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "de"),  # no syllables the dictionary knows
])
def test_a_word_far_too_wide_for_its_column_is_hyphenated_never_cut_without_a_hyphen(text, lang):
    style, width = pdf._styles(18)["title"], 120.0
    paragraph = pdf._para(text, style, width, lang)
    lines = _lines(paragraph, width)
    size = paragraph.style.fontSize
    assert size == style.fontSize  # far too wide for smaller type to help: the poster's size, hyphenated
    assert len(lines) > len(text.split())  # some word did break
    assert all(pdfmetrics.stringWidth(line, pdf.BOLD, size) <= width + 0.01 for line in lines)
    # Read back: a line ending in "-" goes on in the next word, any other ends a word;
    # so a break inside a word without a hyphen would not give the text back.
    assert "".join(line[:-1] if line.endswith("-") else line + " " for line in lines).strip() == text


def test_a_word_that_fits_smaller_is_only_set_smaller_and_compounds_break_at_their_own_hyphens():
    style, width = pdf._styles(18)["title"], 210.0
    smaller = pdf._para("Klimaschutzkonzepte", style, width)  # 238 pt at 19.8 pt: fits at 17.4 pt
    assert _lines(smaller, width) == ["Klimaschutzkonzepte"]
    assert smaller.style.fontSize < style.fontSize
    compound = pdf._para("Open-Source-Lizenzen verstehen", style, width)
    assert compound.style.fontSize == style.fontSize  # each part fits: nothing smaller
    assert _lines(compound, width) == ["Open-Source-", "Lizenzen", "verstehen"]
    plain = pdf._para("Kurz und gut", style, width)
    assert (plain.style, _lines(plain, width)) == (style, ["Kurz und gut"])


def test_the_poster_hyphenates_a_long_compound_in_a_narrow_room_column(published):
    p = published
    rooms = [type(p.rooms[0])(**{**p.rooms[0].__dict__, "id": 1000 + k, "name": f"Raum {k}"}) for k in range(10)]
    rooms[0] = p.rooms[0]
    item = next(i for i in p.release.items if i.room_id == p.rooms[0].id)
    items = [type(item)(**{**item.__dict__, "title": "Bürgerbeteiligungsverfahren verstehen"}), *(
        i for i in p.release.items if i is not item)]
    release = type(p.release)(**{**p.release.__dict__, "items": tuple(items)})
    text = _pages(pdf.grid_poster(p.event, release, rooms, p.slots).data)[0][1]
    assert "Bürgerbeteiligungsverfahren" not in text  # 11 columns: it cannot stand whole at poster size...
    lines = [line.strip() for line in text.splitlines()]
    at = next(k for k, line in enumerate(lines) if line.startswith("Bürger"))
    # ...at its syllables, with a hyphen: Bürger-/beteili-/gungs-/verfah-/ren ver-/stehen
    assert all(line.endswith("-") for line in lines[at:at + 5])
    assert "".join(line[:-1] for line in lines[at:at + 5]) + lines[at + 5] == "Bürgerbeteiligungsverfahren verstehen"
