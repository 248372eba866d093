"""A day's grid as an HTML table (rooms across, slots down); all user text escaped."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from planner.site.grid_rows import Row
from planner.models import Room


@dataclass(frozen=True)
class CellInfo:
    title: str
    hosts: str
    votes: int | None = None  # None: not shown
    colour: str = ""
    pinned: bool = False
    warning: bool = False
    overflow: bool = False  # more votes than the room has seats
    href: str = ""  # the session's own page, when the title is a link to it


STYLE = """
<style>
.bg-grid{border-collapse:separate;border-spacing:0;width:100%;table-layout:fixed;overflow-wrap:anywhere}
.bg-grid th,.bg-grid td{border-right:1px solid rgba(128,128,128,.35);border-bottom:1px solid rgba(128,128,128,.35);padding:6px;vertical-align:top;font-size:.88rem}
.bg-grid th{font-weight:600}
.bg-grid .t{white-space:nowrap;width:6.5rem;color:#555;position:sticky;left:0;background:#fff;z-index:1}
.bg-grid .brk td{text-align:left;font-style:italic;background:#eef0f2}
.bg-grid .brk td span{position:sticky;left:7.5rem}
.bg-grid a{color:inherit}
.bg-grid .cell{border-left:5px solid #999;padding-left:6px}
.bg-grid .blocked{background:repeating-linear-gradient(45deg,rgba(128,128,128,.12) 0 6px,transparent 6px 12px)}
.bg-grid .cont{opacity:.55}
.bg-grid .warn{outline:2px solid #d93025}
.bg-grid small{opacity:.85}
.bg-grid .mk{display:inline-block;font-size:.72rem;font-weight:700;line-height:1.2;padding:0 .35rem;
  border-radius:.6rem;margin-right:.25rem;vertical-align:.1em;color:#fff}
.bg-grid .mk-pin{background:#3d4651}.bg-grid .mk-warn{background:#b3261e}.bg-grid .mk-full{background:#a04800}
</style>
"""


def render_grid(
    rows: list[Row],
    rooms: list[Room],
    cells: dict[int, CellInfo],
    *,
    break_label: dict[str, str],
    votes_text: Callable[[int], str] = lambda n: f"{n} votes",
    seats_word: str = "seats",
    marks: dict[str, str] | None = None,
) -> str:
    """The table; ``break_label`` maps slot kinds to a default label, ``votes_text`` words a number of votes.

    ``marks`` words the badges for a pinned session, a broken rule and a room
    too small (``pin``, ``warning``, ``overflow``): text, not emoji, which
    kiosk PCs without an emoji font show as empty boxes.
    """
    words = {"pin": "pinned", "warning": "rule broken", "overflow": "too full", **(marks or {})}

    def badge(kind: str, css: str) -> str:
        return f"<span class='mk {css}'>{html.escape(words[kind])}</span>"

    head = "".join(
        f"<th>{html.escape(r.name)}<br><small>{r.capacity} {html.escape(seats_word)}</small></th>" for r in rooms
    )
    body = []
    for row in rows:
        time = f"<td class='t'>{row.slot.start}–{row.slot.end}</td>"
        if row.is_break:
            label = html.escape(break_label.get(row.slot.label) or row.slot.label or break_label.get(row.slot.kind, ""))
            # The label stays in view (left, sticky) while a phone swipes the rooms sideways.
            body.append(f"<tr class='brk'>{time}<td colspan='{len(rooms)}'><span>{label}</span></td></tr>")
            continue
        def block(info: CellInfo, starts_here: bool) -> str:
            colour = info.colour or "#999999"
            if not starts_here:
                return f"<div class='cell' style='border-left-color:{colour}'>↳ {html.escape(info.title)}</div>"
            badges = (badge("pin", "mk-pin") if info.pinned else "") + (badge("warning", "mk-warn") if info.warning else "")
            votes = ""
            if info.votes is not None:
                votes = f" · {html.escape(votes_text(info.votes))}" + (" " + badge("overflow", "mk-full") if info.overflow else "")
            warn = " warn" if info.warning else ""
            title = html.escape(info.title)
            if info.href:
                title = f"<a href='{html.escape(info.href, quote=True)}' target='_self'>{title}</a>"
            return (f"<div class='cell{warn}' style='border-left-color:{colour}'>{badges}<b>{title}</b>"
                    f"<br><small>{html.escape(info.hosts)}{votes}</small></div>")

        tds = []
        for cell in row.cells:
            shown = [(cells[sid], first) for sid, first in cell.entries if sid in cells]
            if not shown:
                tds.append("<td class='blocked'></td>" if cell.blocked else "<td></td>")
                continue
            css = " class='cont'" if len(shown) == 1 and not shown[0][1] else ""
            tds.append(f"<td{css}>{''.join(block(info, first) for info, first in shown)}</td>")
        body.append(f"<tr>{time}{''.join(tds)}</tr>")
    return (
        STYLE
        + f"<div style='overflow-x:auto;max-width:100%'><table class='bg-grid' style='min-width:{6.5 + 9 * len(rooms)}rem'><tr><th class='t'></th>{head}</tr>{''.join(body)}</table></div>"
    )
