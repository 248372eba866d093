"""The public server: the schedule site, its feeds and the venue screens under ``/p/``.

A plain Starlette app in a process of its own (``python -m planner
public``): routes inside the Streamlit process starve while scripts run
(STACK-NOTES.md). Nothing here runs per visitor but a dictionary look-up:

- the site's files are rendered by :func:`planner.site.pages.files` when
  what they show changes. The store's revision is looked at no more than
  once a second; a new revision is read and fingerprinted, and the files
  are rendered again only when the fingerprint changed (a vote changes the
  revision but not the site);
- a screen's drawing is cached per minute, room, page and language.

Every answer carries a strong ETag and answers ``If-None-Match`` with 304;
the feeds allow any origin. Feed tokens are never logged (uvicorn's access
log is off).
"""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from urllib.parse import urlencode, urlsplit

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from planner.domain import auth
from planner.domain.board import ROOMS_PER_PAGE, board, foyer_rooms, local_now, pages_of
from planner.exports import ical
from planner.i18n import LANGUAGES, t
from planner.public.source import site_data
from planner.site import pages, screen
from planner.site.pages import FEEDS, SiteData, SiteFile
from planner.store import Store

PREFIX = "/p"
SECONDS_PER_PAGE = 15
PAGE_MAX_AGE = 30  # seconds a browser or proxy may keep a page without asking again
SECURITY = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
        "connect-src 'self'; base-uri 'none'; form-action 'none'"
    ),
}
STATIC = {  # served before an event is set up too (the site's files come with the event)
    "static/site.css": SiteFile("text/css; charset=utf-8", (pages.STATIC / "site.css").read_bytes()),
    "static/screen.css": SiteFile("text/css; charset=utf-8", screen.CSS.encode("utf-8")),
    "static/screen.js": SiteFile("text/javascript; charset=utf-8",
                                 (pages.STATIC / "screen.js").read_bytes()),
}


class Site:
    """The rendered site, renewed when the data it shows changes."""

    def __init__(self, store: Store, check_every: float = 1.0):
        self.store = store
        self.check_every = check_every
        self.data: SiteData | None = None
        self.files: dict[str, SiteFile] = {}
        self.fingerprint = ""
        self._revision: str | None = None
        self._checked = float("-inf")
        self._lock = threading.Lock()

    def due(self) -> bool:
        return time.monotonic() - self._checked >= self.check_every

    def refresh(self) -> None:
        """Look at the store's revision; render again only when what the site shows changed."""
        with self._lock:
            if not self.due():
                return
            self._checked = time.monotonic()
            revision = self.store.revision()
            if revision == self._revision:
                return
            data = site_data(self.store)
            fingerprint = data.fingerprint() if data else ""
            if fingerprint != self.fingerprint or data is None:
                self.files = pages.files(data) if data else {}
                self.fingerprint = fingerprint
            self.data = data
            self._revision = revision


def _etag_matches(header: str, etag: str) -> bool:
    """``If-None-Match`` against our quoted strong ETag (weak comparison, as RFC 9110 wants for GET)."""
    for candidate in header.split(","):
        candidate = candidate.strip()
        if candidate == "*" or candidate.removeprefix("W/") == etag:
            return True
    return False


def _answer(request: Request, f: SiteFile, *, max_age: int = PAGE_MAX_AGE, cors: bool = False,
            status: int = 200, private: bool = False) -> Response:
    scope = "private" if private else "public"
    headers = {**SECURITY, "ETag": f.etag,
               "Cache-Control": f"{scope}, max-age={max_age}" if max_age else "no-cache"}
    if cors:
        headers["Access-Control-Allow-Origin"] = "*"
    if status == 200 and _etag_matches(request.headers.get("if-none-match", ""), f.etag):
        return Response(status_code=304, headers=headers)
    return Response(f.data, status_code=status, headers={**headers, "Content-Type": f.mime})


def _lang(request: Request, data: SiteData) -> str:
    wanted = request.query_params.get("lang", "")
    return wanted if wanted in LANGUAGES else pages.languages(data.event)[0]


def create_app(db_path: str, check_every: float = 1.0) -> Starlette:
    """The ASGI app serving the event in the database at ``db_path``."""
    store = Store(db_path)
    site = Site(store, check_every)
    log = auth.logger()
    drawings: OrderedDict[tuple, SiteFile] = OrderedDict()

    async def current() -> Site:
        if site.due():
            await run_in_threadpool(site.refresh)
        return site

    def not_found(request: Request, data: SiteData | None) -> Response:
        if data is None:  # no event yet: said in the browser's language, on the site's own page
            accepted = request.headers.get("accept-language", "").strip().lower()
            lang = "de" if accepted.startswith("de") else "en"
            return HTMLResponse(pages.not_set_up_page(lang), status_code=404, headers=SECURITY)
        lang = _lang(request, data)
        head = request.url.path.removeprefix(f"{PREFIX}/").split("/")[0]
        if "lang" not in request.query_params and head in LANGUAGES:
            lang = head  # /p/en/nope: the English site's own 404
        body = SiteFile(pages.HTML, pages.not_found_page(data, lang))
        return _answer(request, body, status=404, max_age=0)

    async def health(request: Request) -> Response:
        return PlainTextResponse("ok")

    async def root(request: Request) -> Response:
        return RedirectResponse(f"{PREFIX}/schedule", status_code=307)

    async def static(request: Request) -> Response:
        name = f"static/{request.path_params['name']}"
        s = await current()
        f = STATIC.get(name) or s.files.get(name)
        if f is None:
            return not_found(request, s.data)
        return _answer(request, f, max_age=300)

    async def site_file(request: Request) -> Response:
        """A file of the rendered site; ``/p/schedule`` and ``/p/schedule.html`` are the same."""
        s = await current()
        path = request.path_params["path"].strip("/")
        f = s.files.get(path) or s.files.get(f"{path}.html")
        head, _, rest = path.partition("/")
        if f is None and s.data is not None and head == s.data.event.default_language and rest:
            # /p/de/schedule on a German event: the pages in the event's own language live one level up.
            query = f"?{request.url.query}" if request.url.query else ""
            return RedirectResponse(f"{PREFIX}/{rest}{query}", status_code=307)
        if f is None or ".." in path.split("/"):
            return not_found(request, s.data)
        return _answer(request, f, cors=path in FEEDS)

    # -- the venue screens ----------------------------------------------------

    def _refusal(data: SiteData, request: Request) -> str:
        event = data.event
        if not event.display_enabled:
            return "display.off"
        if event.display_token and request.query_params.get("token") != event.display_token:
            return "display.token_needed"
        return ""

    def _qr_url(data: SiteData, request: Request) -> str:
        if data.event.base_url:
            return f"{data.event.base_url.rstrip('/')}{PREFIX}/schedule"
        host = request.headers.get("host", "")
        if not host or host.split(":")[0] in ("localhost", "127.0.0.1", "[::1]"):
            return ""  # a QR code to localhost helps nobody's phone
        return f"{request.url.scheme}://{host}{PREFIX}/schedule"

    def _board_now(data: SiteData, request: Request):
        try:
            at = local_now(data.event.timezone, request.query_params.get("at") or None)
        except ValueError:
            at = local_now(data.event.timezone)
        return board(data.release, list(data.slots), list(data.rooms), at)

    def _colours(data: SiteData) -> dict[int, str]:
        topics = {tp.id: tp.colour for tp in data.topics}
        return {s.id: topics[s.topic_ids[0]] for s in data.sessions.values()
                if s.topic_ids and s.topic_ids[0] in topics}

    def _drawing(data: SiteData, request: Request, room: str) -> SiteFile:
        """The screen's inner HTML now: all rooms (a page of them) or one room's door."""
        lang = _lang(request, data)
        q = request.query_params
        turn = int(time.time() // SECONDS_PER_PAGE)
        key = (site.fingerprint, room, q.get("page", ""), q.get("at", ""), lang, q.get("token", ""),
               local_now(data.event.timezone).strftime("%Y-%m-%d %H:%M"), turn, _qr_url(data, request))
        if key in drawings:
            drawings.move_to_end(key)
            return drawings[key]
        if refused := _refusal(data, request):
            html = screen.message(t(refused, lang))
        else:
            b = _board_now(data, request)
            colours, qr = _colours(data), _qr_url(data, request)
            if room:
                rb = next((r for r in b.rooms
                           if str(r.room.id) == room or r.room.name.casefold() == room.casefold()), None)
                html = (screen.render_door(b, rb, lang=lang, colours=colours, qr_url=qr, style=False) if rb
                        else screen.message(t("display.room_unknown", lang)))
            else:
                shown = {r.id for r in foyer_rooms(list(data.rooms), data.release)}
                groups = pages_of([rb for rb in b.rooms if rb.room.id in shown], ROOMS_PER_PAGE)
                fixed = q.get("page", "")
                known = fixed.isdigit() and 1 <= int(fixed) <= len(groups)
                page = int(fixed) - 1 if known else turn % len(groups)
                # A page that does not exist (rooms deleted since the TV was set up, a typo) shows
                # every page in turn and says so, rather than page 1 as if it were page 2.
                notice = t("display.page_unknown", lang, page=fixed[:8], pages=len(groups)) if fixed and not known else ""
                html = screen.render(b, event_name=data.event.name, lang=lang, colours=colours, rooms=groups[page],
                                     page=page, pages=len(groups), qr_url=qr, style=False, notice=notice)
        drawing = SiteFile("text/html; charset=utf-8", html.encode("utf-8"))
        drawings[key] = drawing
        while len(drawings) > 512:
            drawings.popitem(last=False)
        return drawing

    async def display(request: Request) -> Response:
        """The screen page: the first drawing inline, then it redraws itself from ``/p/screen``."""
        s = await current()
        if s.data is None:
            return not_found(request, None)
        # /p/display/<room>, or ?room= as the drawing it polls takes it: both draw the door at once.
        room = request.path_params.get("room", "") or request.query_params.get("room", "")
        query = dict(request.query_params)
        if room:
            query["room"] = room
        drawing = _drawing(s.data, request, room)
        page = screen.shell(lang=_lang(request, s.data), title=s.data.event.name,
                            src=f"{PREFIX}/screen?{urlencode(query)}", initial=drawing.data.decode("utf-8"))
        return _answer(request, SiteFile("text/html; charset=utf-8", page.encode("utf-8")), max_age=0)

    async def screen_drawing(request: Request) -> Response:
        s = await current()
        if s.data is None:
            return not_found(request, None)
        return _answer(request, _drawing(s.data, request, request.query_params.get("room", "")), max_age=0)

    async def board_json(request: Request) -> Response:
        """Now and next per room as JSON, for screens of one's own."""
        s = await current()
        if s.data is None:
            return not_found(request, None)
        if refused := _refusal(s.data, request):
            body = json.dumps({"error": refused}).encode("utf-8")
            return _answer(request, SiteFile("application/json", body), status=403, cors=True, max_age=0)
        data = screen.board_data(_board_now(s.data, request), _colours(s.data), _lang(request, s.data))
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        return _answer(request, SiteFile("application/json; charset=utf-8", body), cors=True, max_age=0)

    def _personal_feed(data: SiteData, token: str) -> SiteFile | None:
        owner = store.agenda.feed_owner(token)
        if owner is None:
            return None
        ids = store.agenda.feed_session_ids(owner)
        hosted = {i for i in ids if i in data.sessions and data.sessions[i].is_hosted_by(owner.id)}
        export = ical.personal(data.event, data.release, data.sessions, ids, base_url=data.event.base_url,
                               lang=owner.language, hosted=hosted)
        return SiteFile("text/calendar; charset=utf-8", export.data)

    async def feed(request: Request) -> Response:
        """A person's calendar: what they host, voted for or starred. Unknown tokens learn nothing."""
        s = await current()
        f = await run_in_threadpool(_personal_feed, s.data, request.path_params["token"]) if s.data else None
        if f is None:
            return PlainTextResponse("Not found.", status_code=404, headers=SECURITY)
        return _answer(request, f, private=True, max_age=300, cors=True)

    # -- the sign-in cookie ---------------------------------------------------
    # Streamlit cannot set a response header from a script, so the app hands
    # the browser a one-time ticket and the browser posts it here (same host:
    # Caddy sends /p/* to this process): the answer sets the cookie HttpOnly,
    # SameSite=Lax, and Secure behind TLS. See README, "Signing in".

    def _same_origin(request: Request) -> bool:
        """A fetch from the app's own pages, not a form or link on another site (login CSRF)."""
        if request.headers.get("sec-fetch-site", "same-origin") != "same-origin":
            return False
        origin = request.headers.get("origin")
        return origin is None or urlsplit(origin).netloc == request.headers.get("host", "")

    def _cookie(response: Response, request: Request, name: str, value: str, max_age: int) -> None:
        secure = request.headers.get("x-forwarded-proto", request.url.scheme) == "https"
        response.set_cookie(name, value, max_age=max_age, path="/", secure=secure, httponly=True, samesite="lax")

    async def sign_in_cookie(request: Request) -> Response:
        """Trade a one-time ticket for the sign-in cookie."""
        headers = {**SECURITY, "Cache-Control": "no-store"}
        if not _same_origin(request):
            log.info("sign-in ticket refused: not from the app's own page")
            return PlainTextResponse("Forbidden.", status_code=403, headers=headers)
        form = await request.form()
        token = await run_in_threadpool(store.sign_ins.redeem_ticket, form.get("ticket", ""))
        if token is None:
            log.info("sign-in ticket refused: unknown, used or expired")
            return PlainTextResponse("Forbidden.", status_code=403, headers=headers)
        response = Response(status_code=204, headers=headers)
        _cookie(response, request, auth.COOKIE, token, int(auth.LIFETIME.total_seconds()))
        return response

    async def sign_out_cookie(request: Request) -> Response:
        """End the sign-in named by the cookie (if any) and delete the cookie."""
        headers = {**SECURITY, "Cache-Control": "no-store"}
        if not _same_origin(request):
            return PlainTextResponse("Forbidden.", status_code=403, headers=headers)
        await run_in_threadpool(lambda: store.sign_ins.sign_out(token=request.cookies.get(auth.COOKIE)))
        response = Response(status_code=204, headers=headers)
        for name in (auth.COOKIE, *auth.LEGACY_COOKIES):
            _cookie(response, request, name, "", 0)
        return response

    routes = [
        Route(f"{PREFIX}/auth/cookie", sign_in_cookie, methods=["POST"]),
        Route(f"{PREFIX}/auth/sign-out", sign_out_cookie, methods=["POST"]),
        Route(f"{PREFIX}/health", health),
        Route(f"{PREFIX}", root),
        Route(f"{PREFIX}/", root),
        Route(f"{PREFIX}/static/{{name}}", static),
        Route(f"{PREFIX}/board.json", board_json),
        Route(f"{PREFIX}/screen", screen_drawing),
        Route(f"{PREFIX}/feed/{{token}}.ics", feed),
        Route(f"{PREFIX}/display", display),
        Route(f"{PREFIX}/display/{{room:path}}", display),
        Route(f"{PREFIX}/{{path:path}}", site_file),
    ]
    return Starlette(routes=routes)


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8502) -> None:
    """Run the app with uvicorn until interrupted (access log off: feed URLs carry secret tokens)."""
    import uvicorn

    uvicorn.run(create_app(db_path), host=host, port=port, access_log=False, log_level="warning")
