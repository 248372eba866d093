"""The venue screen as HTML: large type, dark, high contrast; all user text escaped."""

from __future__ import annotations

import html

import segno

from planner.display import Board, BoardState, RoomBoard
from planner.i18n import t
from planner.models import ReleaseItem

# Colours checked for WCAG AA on the background (#0b0f14): white 19:1,
# SOFT 11:1, ACCENT 9:1.
BACKGROUND, TEXT, SOFT, ACCENT, CARD = "#0b0f14", "#ffffff", "#c9d1d9", "#ffd166", "#161b22"

STYLE = f"""
<style>
header[data-testid="stHeader"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
footer {{ display: none !important; }}
html, body, .stApp, [data-testid="stAppViewContainer"] {{ background: {BACKGROUND} !important; overflow: hidden !important; }}
[data-testid="stMainBlockContainer"], .block-container {{ padding: 1.2rem 2rem !important; max-width: 100% !important; }}
.vs {{ color: {TEXT}; font-family: "Source Sans Pro", "Segoe UI", sans-serif; }}
.vs-head {{ display: flex; justify-content: space-between; align-items: baseline; margin-bottom: 0.6rem; }}
.vs-event {{ font-size: 2.6rem; font-weight: 700; }}
.vs-clock {{ font-size: 3.4rem; font-weight: 700; color: {ACCENT}; font-variant-numeric: tabular-nums; }}
.vs-day {{ font-size: 1.6rem; color: {SOFT}; }}
.vs-state {{ font-size: 2.2rem; margin: 0.4rem 0 1rem; color: {ACCENT}; }}
.vs-grid {{ display: grid; grid-template-columns: repeat(3, 1fr); grid-auto-rows: 1fr; gap: 1.2rem;
  height: calc(100vh - 20rem); }}
.vs-card {{ background: {CARD}; border-radius: 0.8rem; padding: 1.2rem 1.4rem; border-left: 0.8rem solid #555;
  overflow: hidden; }}
.vs-room {{ font-size: 2rem; color: {SOFT}; font-weight: 600; }}
.vs-label {{ font-size: 1.4rem; color: {ACCENT}; text-transform: uppercase; letter-spacing: 0.08em; margin-top: 0.6rem; }}
.vs-title {{ font-size: 2.6rem; font-weight: 700; line-height: 1.15; overflow-wrap: anywhere;
  display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }}
.vs-meta {{ font-size: 1.6rem; color: {SOFT}; }}
.vs-next {{ font-size: 1.9rem; color: {TEXT}; margin-top: 0.3rem; overflow-wrap: anywhere;
  display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }}
.vs-free {{ font-size: 2rem; color: {SOFT}; margin-top: 0.6rem; }}
.vs-foot {{ display: flex; justify-content: space-between; align-items: center; gap: 1rem; margin-top: 1rem;
  font-size: 1.5rem; color: {SOFT}; }}
.vs-qr {{ height: 7rem; width: 7rem; border-radius: 0.4rem; }}
.vs-door .vs-title {{ font-size: 3.4rem; }}
.vs-door .vs-room {{ font-size: 3rem; color: {TEXT}; }}
.vs-door li {{ font-size: 1.8rem; margin: 0.3rem 0; }}
</style>
"""


def qr_svg(url: str) -> str:
    """A QR code for ``url`` as an image (dark on white: phones read that best)."""
    uri = segno.make(url, error="m").svg_data_uri(scale=5, dark="#000000", light="#ffffff", border=2)
    return f'<img class="vs-qr" src="{uri}" alt="QR: {html.escape(url)}">'



def _state_line(b: Board, lang: str) -> str:
    if b.state is BoardState.BREAK:
        line = t("display.break_until", lang, label=b.label or t("slotkind.break", lang), until=b.until)
        if b.next_start and b.next_start != b.until:
            line += " · " + t("display.next_at", lang, time=b.next_start)
        return line
    if b.state in (BoardState.BEFORE, BoardState.CHANGEOVER) and b.next_start:
        return t("display.next_at", lang, time=b.next_start)
    if b.state is BoardState.CLOSED:
        return t("display.closed_tomorrow" if b.more_days else "display.closed_end", lang)
    if b.state is BoardState.NO_PROGRAMME:
        return t("display.no_programme", lang)
    return ""


def _item_line(item: ReleaseItem) -> str:
    return f"{item.start}–{item.end} · {html.escape(', '.join(item.hosts))}"


def _card(rb: RoomBoard, colours: dict[int, str], lang: str) -> str:
    colour = colours.get(rb.now.session_id if rb.now else -1, "#555555")
    parts = [f'<div class="vs-card" style="border-left-color:{colour}">',
             f'<div class="vs-room">{html.escape(rb.room.name)}</div>']
    if rb.now:
        parts += [f'<div class="vs-label">{t("display.now", lang)}</div>',
                  f'<div class="vs-title">{html.escape(rb.now.title)}</div>',
                  f'<div class="vs-meta">{_item_line(rb.now)}</div>']
    else:
        parts.append(f'<div class="vs-free">{t("display.free", lang)}</div>')
    if rb.next:
        parts += [f'<div class="vs-label">{t("display.next", lang)} · {rb.next.start}</div>',
                  f'<div class="vs-next">{html.escape(rb.next.title)}</div>']
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
) -> str:
    """The full screen: header with clock, state line, a page of room cards, footer."""
    cards = "".join(_card(rb, colours, lang) for rb in rooms)
    paging = t("display.page", lang, page=page + 1, pages=pages) if pages > 1 else ""
    qr = qr_svg(qr_url) if qr_url else ""
    qr_hint = f'{t("display.scan", lang)} {html.escape(qr_url)}' if qr_url else ""
    state = _state_line(b, lang)
    return (
        STYLE
        + '<div class="vs">'
        + f'<div class="vs-head"><div><div class="vs-event">{html.escape(event_name)}</div>'
        + f'<div class="vs-day">{b.day}</div></div><div class="vs-clock">{b.time}</div></div>'
        + (f'<div class="vs-state">{html.escape(state)}</div>' if state else "")
        + (f'<div class="vs-grid">{cards}</div>' if b.state is not BoardState.NO_PROGRAMME else "")
        + f'<div class="vs-foot"><div>{paging}</div><div style="flex:1;text-align:right">{qr_hint}</div>{qr}</div>'
        + "</div>"
    )


def render_door(b: Board, rb: RoomBoard, *, lang: str, colours: dict[int, str], qr_url: str = "") -> str:
    """One room for a tablet by its door: now, next, and the rest of the day."""
    rest = "".join(
        f"<li>{i.start}–{i.end} · {html.escape(i.title)}</li>" for i in rb.later
    )
    state = _state_line(b, lang)
    colour = colours.get(rb.now.session_id if rb.now else -1, "#555555")
    now = (
        f'<div class="vs-label">{t("display.now", lang)}</div><div class="vs-title">{html.escape(rb.now.title)}</div>'
        f'<div class="vs-meta">{_item_line(rb.now)}</div>'
        if rb.now else f'<div class="vs-free">{t("display.free", lang)}</div>'
    )
    nxt = (
        f'<div class="vs-label">{t("display.next", lang)} · {rb.next.start}</div>'
        f'<div class="vs-next">{html.escape(rb.next.title)}</div><div class="vs-meta">{_item_line(rb.next)}</div>'
        if rb.next else ""
    )
    qr = qr_svg(qr_url) if qr_url else ""
    return (
        STYLE
        + '<div class="vs vs-door">'
        + f'<div class="vs-head"><div class="vs-room">{html.escape(rb.room.name)}</div><div class="vs-clock">{b.time}</div></div>'
        + (f'<div class="vs-state">{html.escape(state)}</div>' if state else "")
        + f'<div class="vs-card" style="border-left-color:{colour}">{now}{nxt}</div>'
        + (f'<div class="vs-label">{t("display.later", lang)}</div><ul>{rest}</ul>' if rest else "")
        + f'<div class="vs-foot"><div>{b.day}</div>{qr}</div>'
        + "</div>"
    )
