"""The public schedule site: every file of it, rendered from a release.

:func:`files` returns the whole site as a mapping ``path -> SiteFile``; the
public server serves that mapping and ``python -m planner export --format
site`` writes it to a folder, so both show the same bytes. The layout:

- ``schedule.html`` (also ``index.html``), ``grid.html`` and
  ``session/<id>.html`` in the event's language, the same under ``en/`` or
  ``de/`` for the other language;
- ``schedule.json`` / ``schedule.xml`` (frab/c3voc), ``schedule.ics``;
- ``static/site.css`` and ``static/site.js`` (filters in the browser, no
  round trip).

Links between pages are relative, so the files work under ``/p/`` as well
as at the root of any static web host. Every string from users goes
through :func:`html.escape`; URLs are kept only when they are http(s).
Nothing is loaded from another host: no fonts, no scripts, no images.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass, replace
from pathlib import Path

from planner.exports import registry
from planner.site.grid_rows import day_rows
from planner.site.markdown import markdown_html
from planner.i18n import LANGUAGES, day_label, slot_label, t, when_and_where
from planner.models import Event, Release, ReleaseItem, Room, Session, Slot, SlotKind, Topic
from planner.domain.agenda import days as release_days
from planner.domain.text import COLOUR_RE, readable_on
from planner.domain.topics import session_colour

STATIC = Path(__file__).with_name("static")
HTML = "text/html; charset=utf-8"
FEEDS = tuple(f.site_path for f in registry.FEEDS)


@dataclass(frozen=True)
class SiteFile:
    mime: str
    data: bytes

    @property
    def etag(self) -> str:
        """A strong ETag, quoted as HTTP wants it."""
        return '"' + hashlib.sha256(self.data).hexdigest()[:32] + '"'


@dataclass(frozen=True)
class SiteData:
    """Everything the public site shows; ``release`` None until the first publish."""

    event: Event
    release: Release | None
    sessions: dict[int, Session]
    topics: tuple[Topic, ...]
    rooms: tuple[Room, ...]
    slots: tuple[Slot, ...]
    # Sessions an earlier release had and this one has not, as last published: their
    # pages say so (a link or a QR code to one found nothing).
    dropped: tuple[ReleaseItem, ...] = ()

    def fingerprint(self) -> str:
        """Changes exactly when what the site shows changes (votes are not shown)."""
        shown = self.release.items if self.release else ()
        sessions = [replace(self.sessions[i.session_id], votes=0, hand_votes=0)
                    for i in shown if i.session_id in self.sessions]
        text = repr((self.event, self.release, sessions, self.topics, self.rooms, self.slots, self.dropped))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _safe_url(url: str) -> str:
    """``url`` when it is http(s), else ""; never a ``javascript:`` or ``data:`` link."""
    return url if url.lower().startswith(("http://", "https://")) else ""


def _colour(colour: str) -> str:
    return colour if COLOUR_RE.match(colour or "") else "#777777"


def languages(event: Event) -> tuple[str, ...]:
    """The event's language first: it is served at the root, the others in a folder each."""
    first = event.default_language if event.default_language in LANGUAGES else LANGUAGES[0]
    return (first, *[lang for lang in LANGUAGES if lang != first])


def lang_prefix(event: Event, lang: str) -> str:
    return "" if lang == languages(event)[0] else f"{lang}/"


def _up(path: str) -> str:
    """The relative way from the file at ``path`` back to the site's root."""
    return "../" * path.count("/")


# -- the frame ----------------------------------------------------------------


def _page(data: SiteData, lang: str, path: str, title: str, body: str, *, switch_to: str,
          root: str | None = None, wide: bool = False) -> bytes:
    """A whole HTML document; ``switch_to`` is this page's path without language prefix.

    Links are relative to ``path`` unless ``root`` gives the site's absolute address.
    ``wide``: the page takes the whole width of a big screen (the grid: more rooms in view).
    """
    wrap = "wrap wide" if wide else "wrap"
    up = _up(path) if root is None else root
    event = data.event
    others = "".join(
        f'<a href="{up}{lang_prefix(data.event, other)}{switch_to}" hreflang="{other}" lang="{other}">'
        f'{_e(t("site.language_name", other))}</a>'
        for other in languages(data.event) if other != lang
    )
    doc = (
        f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="color-scheme" content="light">'
        f"<title>{_e(title)} · {_e(data.event.name)}</title>"
        '<link rel="icon" href="data:,">'
        f'<link rel="stylesheet" href="{up}static/site.css"></head>'
        f'<body><a class="skip" href="#main">{_e(t("site.skip", lang))}</a>'
        f'<header class="top"><div class="{wrap}"><div class="event"><p class="name">{_e(data.event.name)}</p>'
        f'<p class="where">{_e(" · ".join(when_and_where(event.starts_on, event.ends_on, event.venue, lang)))}</p></div>'
        f'<nav class="langs" aria-label="{_e(t("site.languages", lang))}">{others}</nav></div></header>'
        f'<main id="main" class="{wrap}">{body}</main>'
        f'<script src="{up}static/site.js"></script></body></html>\n'
    )
    return doc.encode("utf-8")


def _chips(session: Session | None, topics: dict[int, Topic]) -> str:
    if session is None:
        return ""
    chips = "".join(
        f'<li style="background:{_colour(topics[i].colour)};color:{readable_on(_colour(topics[i].colour))}">'
        f"{_e(topics[i].name)}</li>"
        for i in session.topic_ids if i in topics
    )
    return f'<ul class="chips">{chips}</ul>' if chips else ""


def _first_colour(session: Session | None, topics: dict[int, Topic]) -> str:
    colour = session_colour(session, topics)
    return _colour(colour) if colour else "#777777"


def _filter_attrs(item: ReleaseItem, session: Session | None) -> str:
    topic_ids = " ".join(str(i) for i in (session.topic_ids if session else ()))
    language = session.language if session else ""
    return f'data-topics=" {topic_ids} " data-room="{item.room_id}" data-lang="{_e(language)}"'


def _filters(data: SiteData, lang: str, shown_days: list[str]) -> str:
    """Selects that filter in the browser; hidden until the script shows them."""

    def select(name: str, label: str, everything: str, options: list[tuple[str, str]]) -> str:
        opts = "".join(f'<option value="{_e(v)}">{_e(text)}</option>' for v, text in options)
        return (f'<label>{_e(label)}<select data-filter="{name}">'
                f'<option value="">{_e(everything)}</option>{opts}</select></label>')

    used_topics = {i for s in data.sessions.values() for i in s.topic_ids}
    used_langs = sorted({s.language for s in data.sessions.values()})
    parts = [
        select("day", t("site.day", lang), t("site.all_days", lang),
               [(d, day_label(d, lang)) for d in shown_days]) if len(shown_days) > 1 else "",
        select("topic", t("sessions.topics", lang), t("site.all_topics", lang),
               [(str(tp.id), tp.name) for tp in data.topics if tp.id in used_topics]),
        select("room", t("site.room", lang), t("site.all_rooms", lang),
               [(str(r.id), r.name) for r in data.rooms]),
        select("lang", t("sessions.language", lang), t("site.all_languages", lang),
               [(code, t(f"lang.{code}", lang)) for code in used_langs]) if len(used_langs) > 1 else "",
    ]
    return f'<form class="filters" hidden>{"".join(parts)}</form>'


def _about(event: Event, lang: str, *, folded: bool) -> str:
    """The event's description (folded away above a schedule) and the way into the
    app, when the event has its public address (the site is also a folder of
    files for any host, where only that address leads to the app)."""
    app = _safe_url(event.base_url.rstrip("/") + "/") if event.base_url else ""
    join = f'<p class="join"><a href="{_e(app)}">{_e(t("site.join", lang))}</a></p>' if app else ""
    if not event.description.strip():
        return join
    text = f'<div class="desc">{markdown_html(event.description)}</div>'
    if folded:
        text = f'<details class="about"><summary>{_e(t("site.about", lang))}</summary>{text}</details>'
    return text + join


def _head(data: SiteData, lang: str, current: str) -> str:
    """Title, release line, the event's description and the list/grid switch."""
    release = data.release
    views = "".join(
        f'<a href="{name}.html"{" aria-current=page" if name == current else ""}>{_e(t(key, lang))}</a>'
        for name, key in (("schedule", "schedule.view_list"), ("grid", "schedule.view_grid"))
    )
    return (
        f'<h1>{_e(t("schedule.title", lang))}</h1>'
        f'<p class="meta">{_e(t("site.release", lang, name=release.name))}</p>'
        + _about(data.event, lang, folded=True)
        + f'<nav class="views" aria-label="{_e(t("schedule.view", lang))}">{views}</nav>'
    )


def _feeds(lang: str, up: str) -> str:
    links = "".join(
        f'<li><a href="{up}{f.site_path}" type="{f.mime}">{_e(t(f.site_label, lang))}</a></li>'
        for f in registry.FEEDS
    )
    return f'<footer class="feeds"><h2>{_e(t("site.feeds", lang))}</h2><ul>{links}</ul></footer>'


# -- the schedule by time -----------------------------------------------------


def _card(item: ReleaseItem, data: SiteData, topics: dict[int, Topic], lang: str) -> str:
    s = data.sessions.get(item.session_id)
    hosts = ", ".join(item.hosts)
    return (
        f'<article class="card" {_filter_attrs(item, s)} style="border-left-color:{_first_colour(s, topics)}">'
        f'<h4><a href="session/{item.session_id}.html">{_e(item.title)}</a></h4>'
        f'<p class="when">{item.start}–{item.end} · <span class="room">{_e(item.room)}</span></p>'
        + (f'<p class="hosts">{_e(hosts)}</p>' if hosts else "")
        + _chips(s, topics)
        + "</article>"
    )


def schedule_page(data: SiteData, lang: str) -> bytes:
    """The release as a list by day and start time, one heading per start."""
    assert data.release is not None
    path = f"{lang_prefix(data.event, lang)}schedule.html"
    topics = {tp.id: tp for tp in data.topics}
    shown_days = release_days(data.release)
    sections = []
    for day in shown_days:
        items = [i for i in data.release.items if i.day == day]
        breaks = [s for s in data.slots if s.day == day and s.kind is not SlotKind.SESSION]
        starts = sorted({i.start for i in items} | {b.start for b in breaks})
        blocks = []
        for start in starts:
            for b in (b for b in breaks if b.start == start):
                label = slot_label(b.label, b.kind, lang)
                blocks.append(f'<p class="brk">{b.start}–{b.end} · {_e(label)}</p>')
            at = [i for i in items if i.start == start]
            cards = "".join(_card(i, data, topics, lang) for i in at)
            if cards:  # start and end for the browser's "now" mark (site.js)
                end = max(i.end for i in at)
                blocks.append(f'<div class="start" data-start="{start}" data-end="{end}"><h3>{start}</h3>{cards}</div>')
        sections.append(
            f'<section class="day" data-day="{day}" data-now="{_e(t("site.now", lang))}" '
            f'data-next="{_e(t("site.next", lang))}"><h2>{_e(day_label(day, lang))}</h2>{"".join(blocks)}</section>'
        )
    body = (
        _head(data, lang, "schedule")
        + f'<p class="jump" hidden><a href="#now">{_e(t("site.jump_now", lang))}</a></p>'
        + _filters(data, lang, shown_days)
        + (f'<p class="empty">{_e(t("schedule.empty", lang))}</p>' if not data.release.items else "")
        + "".join(sections)
        + f'<p class="none" hidden>{_e(t("sessions.none", lang))}</p>'
        + _feeds(lang, _up(path))
    )
    return _page(data, lang, path, t("schedule.title", lang), body, switch_to="schedule.html")


# -- the grid -----------------------------------------------------------------


def grid_page(data: SiteData, lang: str) -> bytes:
    """Rooms across, slots down, per day; on a phone the rooms swipe sideways inside the table's box."""
    assert data.release is not None
    path = f"{lang_prefix(data.event, lang)}grid.html"
    topics = {tp.id: tp for tp in data.topics}
    rooms = list(data.rooms)
    items = {i.session_id: i for i in data.release.items}
    shown_days = release_days(data.release)
    sections = []
    for day in shown_days:
        rows = day_rows(day, list(data.slots), rooms,
                        {i.session_id: (i.room_id, i.slot_ids) for i in data.release.items if i.day == day})
        head = "".join(f'<th scope="col">{_e(r.name)}</th>' for r in rooms)
        body = []
        for row in rows:
            time = f'<th scope="row" class="t">{row.slot.start}<br>{row.slot.end}</th>'
            if row.is_break:
                label = slot_label(row.slot.label, row.slot.kind, lang)
                body.append(f'<tr class="brk">{time}<td colspan="{len(rooms)}"><span>{_e(label)}</span></td></tr>')
                continue
            cells = []
            for room, cell in zip(rooms, row.cells):
                blocks = []
                for session_id, starts_here in cell.entries:  # two where a room was published booked twice
                    item = items.get(session_id)
                    if item is None:
                        continue
                    s = data.sessions.get(item.session_id)
                    css = "cell" if starts_here else "cell cont"
                    blocks.append(
                        f'<div class="{css}" {_filter_attrs(item, s)} '
                        f'style="border-left-color:{_first_colour(s, topics)}">'
                        f'<a href="session/{item.session_id}.html">{_e(item.title)}</a>'
                        + (f'<small>{_e(", ".join(item.hosts))}</small>' if starts_here and item.hosts else "")
                        + "</div>"
                    )
                cells.append(f'<td data-label="{_e(room.name)}">{"".join(blocks)}</td>')
            body.append(f"<tr>{time}{''.join(cells)}</tr>")
        sections.append(
            f'<section class="day" data-day="{day}"><h2>{_e(day_label(day, lang))}</h2>'
            f'<div class="gridbox" tabindex="0" role="region" aria-label="{_e(day_label(day, lang))}">'
            f'<table class="grid"><thead><tr><th class="t"></th>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div></section>'
        )
    body = (
        _head(data, lang, "grid") + _filters(data, lang, shown_days)
        + f'<p class="hint gridhint">{_e(t("site.grid_hint", lang))}</p>' + "".join(sections) + _feeds(lang, _up(path))
    )
    return _page(data, lang, path, t("schedule.title", lang), body, switch_to="grid.html", wide=True)


# -- one session --------------------------------------------------------------


def session_page(data: SiteData, item: ReleaseItem, lang: str) -> bytes:
    """A session's own page: what, who, where, when, and its links."""
    path = f"{lang_prefix(data.event, lang)}session/{item.session_id}.html"
    topics = {tp.id: tp for tp in data.topics}
    s = data.sessions.get(item.session_id)
    room = next((r for r in data.rooms if r.id == item.room_id), None)
    facts = [
        (t("schedule.when", lang), f"{day_label(item.day, lang)}, {item.start}–{item.end}"),
        (t("schedule.where", lang), item.room),
    ]
    if item.hosts:
        facts.append((t("schedule.hosts", lang), ", ".join(item.hosts)))
    if s is not None:
        facts.append((t("sessions.format", lang), f"{t(f'format.{s.format}', lang)} · {t(f'lang.{s.language}', lang)}"))
    links = []
    if room is not None and _safe_url(room.online_url):
        links.append((room.online_url, t("schedule.online", lang)))
    if s is not None and _safe_url(s.doc_url):
        links.append((s.doc_url, t("sessions.doc_link", lang)))
    body = (
        f'<p><a class="back" href="../schedule.html">← {_e(t("schedule.back", lang))}</a></p>'
        f'<article class="session"><h1>{_e(item.title)}</h1>{_chips(s, topics)}'
        + "<dl>" + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts) + "</dl>"
        + ("<p class=\"links\">" + "".join(
            f'<a class="button" href="{_e(url)}" rel="noopener noreferrer">{_e(label)}</a>' for url, label in links
        ) + "</p>" if links else "")
        + (f'<div class="desc">{markdown_html(s.description)}</div>' if s and s.description else "")
        + "</article>"
    )
    return _page(data, lang, path, item.title, body, switch_to=f"session/{item.session_id}.html")


def dropped_page(data: SiteData, item: ReleaseItem, lang: str) -> bytes:
    """The page of a session no longer in the schedule: that it is not, and where it was."""
    path = f"{lang_prefix(data.event, lang)}session/{item.session_id}.html"
    body = (
        f'<p><a class="back" href="../schedule.html">← {_e(t("schedule.back", lang))}</a></p>'
        f'<article class="session"><h1>{_e(item.title)}</h1>'
        f'<p class="notyet">{_e(t("site.dropped", lang))}</p>'
        f'<p>{_e(t("site.dropped_was", lang, when=f"{day_label(item.day, lang)}, {item.start}–{item.end}", room=item.room))}</p>'
        "</article>"
    )
    return _page(data, lang, path, item.title, body, switch_to=f"session/{item.session_id}.html")


# -- before the first release -------------------------------------------------


def not_published_page(data: SiteData, lang: str, page: str = "schedule.html") -> bytes:
    """What the schedule's pages (``page``: the list or the grid) say before the first release."""
    path = f"{lang_prefix(data.event, lang)}{page}"
    body = (
        f'<h1>{_e(t("schedule.title", lang))}</h1>'
        f'<p class="notyet">{_e(t("schedule.not_published", lang))}</p>'
        f'<p>{_e(t("site.not_published_hint", lang))}</p>'
        + _about(data.event, lang, folded=False)
    )
    return _page(data, lang, path, t("schedule.title", lang), body, switch_to=page)


# -- the whole site -----------------------------------------------------------


def files(data: SiteData) -> dict[str, SiteFile]:
    """Every file of the site, by path (no leading slash)."""
    out = {
        "static/site.css": SiteFile("text/css; charset=utf-8", (STATIC / "site.css").read_bytes()),
        "static/site.js": SiteFile("text/javascript; charset=utf-8", (STATIC / "site.js").read_bytes()),
    }
    for lang in languages(data.event):
        prefix = lang_prefix(data.event, lang)
        if data.release is None:
            out[f"{prefix}schedule.html"] = SiteFile(HTML, not_published_page(data, lang))
            out[f"{prefix}grid.html"] = SiteFile(HTML, not_published_page(data, lang, "grid.html"))
        else:
            out[f"{prefix}schedule.html"] = SiteFile(HTML, schedule_page(data, lang))
            out[f"{prefix}grid.html"] = SiteFile(HTML, grid_page(data, lang))
            for item in data.release.items:
                out[f"{prefix}session/{item.session_id}.html"] = SiteFile(HTML, session_page(data, item, lang))
            for item in data.dropped:
                out[f"{prefix}session/{item.session_id}.html"] = SiteFile(HTML, dropped_page(data, item, lang))
    out["index.html"] = out["schedule.html"]
    if data.release is not None:
        out.update(feeds(data))
    return out


def feeds(data: SiteData) -> dict[str, SiteFile]:
    """The release for programs: the registry's feeds (iCal, frab JSON and XML)."""
    assert data.release is not None
    lang = data.event.default_language  # the feeds hold data, no words of their own
    return {f.site_path: SiteFile(f"{f.mime}; charset=utf-8", f.write(data, lang).data) for f in registry.FEEDS}


def not_set_up_page(lang: str) -> bytes:
    """What every address under /p/ answers before an event is set up."""
    return (
        f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{_e(t("site.not_set_up_title", lang))}</title><link rel="icon" href="data:,">'
        '<link rel="stylesheet" href="/p/static/site.css"></head>'
        f'<body><main id="main" class="wrap"><h1>{_e(t("site.not_set_up_title", lang))}</h1>'
        f'<p class="notyet">{_e(t("error.no_event", lang))}</p><p>{_e(t("site.not_set_up_hint", lang))}</p>'
        '</main></body></html>\n'
    ).encode("utf-8")


def not_found_page(data: SiteData, lang: str) -> bytes:
    """The answer to an address the site does not have (served at any depth: links are absolute)."""
    body = (
        f'<h1>{_e(t("site.not_found", lang))}</h1>'
        f'<p><a href="/p/{lang_prefix(data.event, lang)}schedule">{_e(t("site.to_schedule", lang))}</a></p>'
    )
    return _page(data, lang, "", t("site.not_found", lang), body, switch_to="schedule.html", root="/p/")
