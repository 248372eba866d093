"""The venue screen as HTML: large type, dark, high contrast; all user text escaped."""

from __future__ import annotations

import html

import segno

from planner.domain.board import Board, BoardState, RoomBoard
from planner.i18n import day_label, slot_label, t
from planner.models import ReleaseItem

# Colours checked for WCAG AA on the background (#0b0f14): white 19:1,
# SOFT 11:1, ACCENT 9:1.
BACKGROUND, TEXT, SOFT, ACCENT, CARD = "#0b0f14", "#ffffff", "#c9d1d9", "#ffd166", "#161b22"

# What hides Streamlit's frame when the screen runs as an app page.
_STREAMLIT_FRAME = """
header[data-testid="stHeader"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
footer { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container { padding: 0 !important; max-width: 100% !important; }
.stApp, [data-testid="stAppViewContainer"] { background: #0b0f14 !important; overflow: hidden !important; }
"""

# The screen itself: one column as high as the window (head, state line, the
# rooms, the foot with the QR code), so nothing is pushed below the bottom;
# long titles, room names and the state line wrap and end in an ellipsis
# after their last whole line (two or three), so a door sign always shows
# the whole room name and the times in the state line.
CSS = f"""
html, body {{ margin: 0; background: {BACKGROUND}; overflow: hidden; }}
/* The foyer screen is laid out for 1920×1080 and scales with the window, so a 1280×800 projector
   shows the same lines, smaller, instead of cutting them (16 px = 1/67.5 of 1080, 1/120 of 1920). */
html:has(.vs:not(.vs-door)) {{ font-size: min(1.4815vh, 0.8333vw); }}
.vs {{ color: {TEXT}; font-family: "Source Sans Pro", "Segoe UI", system-ui, sans-serif; box-sizing: border-box;
  height: 100vh; padding: 1.2rem 2rem; display: flex; flex-direction: column; overflow: hidden; }}
.vs *, .vs *::before, .vs *::after {{ box-sizing: border-box; }}
.vs-head {{ display: flex; justify-content: space-between; align-items: baseline; gap: 2rem; flex: none; }}
.vs-head > div:first-child {{ min-width: 0; flex: 1 1 auto; }}
.vs-clock {{ flex: none; }}
.vs-event {{ font-size: 2.6rem; font-weight: 700; line-height: 1.2; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }}
.vs-clock {{ font-size: 3.4rem; font-weight: 700; line-height: 1.1; color: {ACCENT}; font-variant-numeric: tabular-nums; }}
.vs-day {{ font-size: 1.6rem; color: {SOFT}; }}
.vs-state {{ font-size: 2.2rem; line-height: 1.2; margin: 0.3rem 0 0.8rem; color: {ACCENT}; flex: none;
  overflow-wrap: anywhere; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }}
.vs-grid {{ display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); grid-auto-rows: minmax(0, 1fr);
  gap: 1.2rem; flex: 1 1 auto; min-height: 0; }}
.vs-card {{ background: {CARD}; border-radius: 0.8rem; padding: 1rem 1.4rem; border-left: 0.8rem solid #555;
  overflow: hidden; min-height: 0; display: flex; flex-direction: column; }}
.vs-room {{ font-size: 2rem; line-height: 1.15; color: {SOFT}; font-weight: 600; overflow-wrap: anywhere; flex: none;
  display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }}
.vs-label {{ font-size: 1.75rem; color: {ACCENT}; text-transform: uppercase; letter-spacing: 0.08em; margin-top: 0.5rem; flex: none; }}
.vs-title {{ font-size: 2.7rem; font-weight: 700; line-height: 1.15; overflow-wrap: anywhere;
  display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; flex: none; }}
.vs-meta {{ font-size: 1.8rem; color: {SOFT}; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; flex: none; }}
.vs-next {{ font-size: 2rem; color: {TEXT}; margin-top: 0.2rem; overflow-wrap: anywhere; line-height: 1.2;
  display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; flex: none; }}
.vs-tight .vs-next {{ -webkit-line-clamp: 2; }}
.vs-free {{ font-size: 2rem; color: {SOFT}; margin-top: 0.6rem; }}
.vs-none {{ font-size: 1.8rem; color: {SOFT}; margin-top: 0.6rem; }}
.vs-foot {{ display: flex; justify-content: space-between; align-items: center; gap: 1rem; margin-top: auto; padding-top: 0.8rem;
  font-size: 1.5rem; color: {SOFT}; flex: none; }}
.vs-foot > div {{ min-width: 0; overflow-wrap: anywhere; }}
.vs-qr {{ height: 7rem; width: 7rem; border-radius: 0.4rem; flex: none; }}
.vs-door .vs-card {{ flex: none; }}
.vs-door .vs-title {{ font-size: 3.2rem; -webkit-line-clamp: 4; }}
.vs-door .vs-meta {{ white-space: normal; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; }}
.vs-door .vs-room {{ font-size: 3rem; color: {TEXT}; -webkit-line-clamp: 3; }}
.vs-door .vs-room.vs-long {{ font-size: 2.2rem; }}
.vs-door ul {{ flex: 1 1 auto; min-height: 0; overflow: hidden; margin: 0.4rem 0 0; padding-left: 1.6rem; }}
.vs-door li {{ font-size: 1.8rem; line-height: 1.2; margin: 0.3rem 0; overflow-wrap: anywhere;
  display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }}
"""

STYLE = f"<style>{_STREAMLIT_FRAME}{CSS}</style>"

# A door sign's room name longer than this is set smaller (three lines of it fit a tablet).
LONG_ROOM_NAME = 20
# A foyer card's room name longer than this takes two lines.
LONG_ROOM_NAME_CARD = 30


def qr_svg(url: str) -> str:
    """A QR code for ``url`` as an image (dark on white: phones read that best)."""
    uri = segno.make(url, error="m").svg_data_uri(scale=5, dark="#000000", light="#ffffff", border=2)
    return f'<img class="vs-qr" src="{uri}" alt="QR: {html.escape(url)}">'



def _state_line(b: Board, lang: str) -> str:
    if b.state is BoardState.BREAK:
        line = t("display.break_until", lang, label=slot_label(b.label, b.kind or "break", lang), until=b.until)
        if b.next_start and b.next_start != b.until:
            line += " · " + t("display.next_at", lang, time=b.next_start)
        return line
    if b.state is BoardState.BEFORE and b.opens:
        line = t("display.opens_with", lang, label=slot_label(b.label, b.kind or "plenary", lang), time=b.opens)
        return line + (" · " + t("display.next_at", lang, time=b.next_start) if b.next_start else "")
    if b.state in (BoardState.BEFORE, BoardState.CHANGEOVER) and b.next_start:
        return t("display.next_at", lang, time=b.next_start)
    if b.state is BoardState.CLOSED:
        return t("display.closed_tomorrow" if b.more_days else "display.closed_end", lang)
    if b.state is BoardState.NO_PROGRAMME:
        if b.next_day:
            return t("display.no_programme_next", lang, day=day_label(b.next_day, lang))
        return t("display.no_programme", lang)
    return ""


def _item_line(item: ReleaseItem) -> str:
    hosts = html.escape(", ".join(item.hosts))
    return f"{item.start}–{item.end}" + (f" · {hosts}" if hosts else "")


def _free(b: Board, rb: RoomBoard, lang: str) -> str:
    """"Free right now" while the day runs (before it opens a room is not free, it is not open
    yet), and that nothing comes when nothing does."""
    before = b.state is BoardState.BEFORE
    free = "" if before else f'<div class="vs-free">{t("display.free", lang)}</div>'
    if rb.next is None and not rb.later:
        free += f'<div class="vs-none">{t("display.none_today" if before else "display.none_left", lang)}</div>'
    return free


def _next(rb: RoomBoard, lang: str) -> str:
    """"Danach · 12:00" and the title under what runs now; "Als Nächstes · 09:30" and the title
    as large as a running one when nothing runs."""
    label = t("display.next" if rb.now else "display.next_first", lang)
    return (f'<div class="vs-label">{label} · {rb.next.start}</div>'
            f'<div class="{"vs-next" if rb.now else "vs-title"}">{html.escape(rb.next.title)}</div>')


def _card(b: Board, rb: RoomBoard, colours: dict[int, str], lang: str) -> str:
    colour = colours.get(rb.now.session_id if rb.now else -1, "#555555")
    # A room name on two lines leaves two lines for what comes next (a 1920×1080 card holds no more).
    tight = " vs-tight" if len(rb.room.name) > LONG_ROOM_NAME_CARD or rb.also_now else ""
    parts = [f'<div class="vs-card{tight}" style="border-left-color:{colour}">',
             f'<div class="vs-room">{html.escape(rb.room.name)}</div>']
    if rb.now:
        parts += [f'<div class="vs-label">{t("display.now", lang)}</div>']
        for item in (rb.now, *rb.also_now):  # two where the room was published booked twice
            parts += [f'<div class="vs-title">{html.escape(item.title)}</div>', f'<div class="vs-meta">{_item_line(item)}</div>']
    else:
        parts.append(_free(b, rb, lang))
    if rb.next:
        parts.append(_next(rb, lang))
    parts.append("</div>")
    return "".join(parts)


def render(
    b: Board,
    *,
    event_name: str,
    lang: str,
    colours: dict[int, str],
    rooms: list[RoomBoard],
    page: int,
    pages: int,
    qr_url: str = "",
    style: bool = True,
    notice: str = "",
) -> str:
    """The full screen: header with clock, state line, a page of room cards, footer.

    ``style`` False leaves out the ``<style>`` block (the public page links the CSS once);
    ``notice`` (plain text) takes the footer's page line, e.g. for a page asked for that does not exist.
    """
    cards = "".join(_card(b, rb, colours, lang) for rb in rooms)
    over = b.state in (BoardState.NO_PROGRAMME, BoardState.CLOSED)  # the state line says it all; no empty cards
    paging = t("display.page", lang, page=page + 1, pages=pages) if pages > 1 else ""
    paging = html.escape(notice) if notice else paging
    qr = qr_svg(qr_url) if qr_url else ""
    qr_hint = f'{t("display.scan", lang)} {html.escape(qr_url)}' if qr_url else ""
    state = _state_line(b, lang)
    return (
        (STYLE if style else "")
        + '<div class="vs">'
        + f'<div class="vs-head"><div><div class="vs-event">{html.escape(event_name)}</div>'
        + f'<div class="vs-day">{html.escape(day_label(b.day, lang))}</div></div><div class="vs-clock">{b.time}</div></div>'
        + (f'<div class="vs-state">{html.escape(state)}</div>' if state else "")
        + (f'<div class="vs-grid">{cards}</div>' if not over else "")
        + f'<div class="vs-foot"><div>{paging}</div><div style="flex:1;text-align:right">{qr_hint}</div>{qr}</div>'
        + "</div>"
    )


def render_door(
    b: Board, rb: RoomBoard, *, lang: str, colours: dict[int, str], qr_url: str = "", style: bool = True
) -> str:
    """One room for a tablet by its door: now, next, and the rest of the day."""
    rest = "".join(
        f"<li>{i.start}–{i.end} · {html.escape(i.title)}</li>" for i in rb.later
    )
    state = _state_line(b, lang)
    colour = colours.get(rb.now.session_id if rb.now else -1, "#555555")
    now = (
        f'<div class="vs-label">{t("display.now", lang)}</div>' + "".join(
            f'<div class="vs-title">{html.escape(i.title)}</div><div class="vs-meta">{_item_line(i)}</div>'
            for i in (rb.now, *rb.also_now))
        if rb.now else _free(b, rb, lang)
    )
    nxt = (
        _next(rb, lang) + f'<div class="vs-meta">{_item_line(rb.next)}</div>' if rb.next else ""
    )
    qr = qr_svg(qr_url) if qr_url else ""
    long = " vs-long" if len(rb.room.name) > LONG_ROOM_NAME else ""  # smaller, so the whole name shows
    return (
        (STYLE if style else "")
        + '<div class="vs vs-door">'
        + f'<div class="vs-head"><div class="vs-room{long}">{html.escape(rb.room.name)}</div><div class="vs-clock">{b.time}</div></div>'
        + (f'<div class="vs-state">{html.escape(state)}</div>' if state else "")
        + (f'<div class="vs-card" style="border-left-color:{colour}">{now}{nxt}</div>'
           if b.state not in (BoardState.NO_PROGRAMME, BoardState.CLOSED) else "")
        + (f'<div class="vs-label">{t("display.later", lang)}</div><ul>{rest}</ul>' if rest else "")
        + f'<div class="vs-foot"><div>{html.escape(day_label(b.day, lang))}</div>{qr}</div>'
        + "</div>"
    )


def message(text: str) -> str:
    """A line in place of the schedule (switched off, token needed, no such room)."""
    return f'<div class="vs"><div class="vs-state">{html.escape(text)}</div></div>'


def shell(*, lang: str, title: str, src: str, initial: str) -> str:
    """The public screen page: the first drawing, then ``screen.js`` fetches ``src`` and redraws.

    ``src`` is the address of the drawing (same host); the script asks for
    it every few seconds with the last ETag, swaps it in when it changed,
    and keeps the last drawing through a dropped network or a restart.
    """
    return (
        f'<!doctype html>\n<html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{html.escape(title)}</title><link rel="icon" href="data:,">'
        '<link rel="stylesheet" href="/p/static/screen.css"></head>'
        f'<body><div id="screen" data-src="{html.escape(src, quote=True)}">{initial}</div>'
        '<script src="/p/static/screen.js"></script></body></html>\n'
    )


def _item_data(item: ReleaseItem | None, colours: dict[int, str]) -> dict | None:
    if item is None:
        return None
    return {"session": item.session_id, "title": item.title, "hosts": list(item.hosts),
            "start": item.start, "end": item.end, "colour": colours.get(item.session_id, "")}


def board_data(b: Board, colours: dict[int, str], lang: str) -> dict:
    """The board as plain data for ``board.json``: now and next per room, a break's label in ``lang``."""
    label = slot_label(b.label, "break", lang) if b.state is BoardState.BREAK else ""
    return {
        "day": b.day, "time": b.time, "state": str(b.state), "label": label, "until": b.until,
        "next_start": b.next_start, "more_days": b.more_days,
        "rooms": [
            {"id": rb.room.id, "name": rb.room.name, "now": _item_data(rb.now, colours),
             "also_now": [_item_data(i, colours) for i in rb.also_now],
             "next": _item_data(rb.next, colours), "later": [_item_data(i, colours) for i in rb.later]}
            for rb in b.rooms
        ],
    }
