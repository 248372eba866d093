"""Sign-ins: the cookie's name and lifetimes, a device's short name, the auth log.

A sign-in is one browser signed in to one account (not to be confused with
a *session*, a proposal). The browser's cookie carries a random token; the
database keeps only its SHA-256 (see Store.start_sign_in), so a backup or
a copied database file holds no usable cookie.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sys
from datetime import timedelta

COOKIE = "barcamp_planner_session"
"""The sign-in cookie: a random token, nothing else."""
LEGACY_COOKIES = ("barcamp_planner_auth",)
"""Cookies of earlier versions (a signed JWT): never read, cleared when seen."""

LIFETIME = timedelta(days=14)
"""A sign-in ends this long after it began (the cookie's Max-Age too)."""
TICKET_LIFETIME = timedelta(minutes=2)
"""How long the browser has to fetch its cookie from the server after signing in."""
TOUCH_EVERY = timedelta(minutes=5)
"""``last seen`` is written at most this often (not a write per script run)."""

TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{43}")
"""``secrets.token_urlsafe(32)``: anything else in the cookie is no token."""

_AGENT_MAX = 60


def digest(secret: str) -> str:
    """What the database keeps of a token or ticket."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def is_token(value: object) -> bool:
    return isinstance(value, str) and TOKEN_RE.fullmatch(value) is not None


_BROWSERS = (  # (marker, name): the first that matches wins; order matters
    ("Edg/", "Edge"), ("EdgA/", "Edge"), ("EdgiOS/", "Edge"), ("OPR/", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"), ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"), ("Chromium/", "Chromium"), ("Chrome/", "Chrome"), ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("CrOS", "ChromeOS"),
    ("Windows", "Windows"), ("Mac OS X", "macOS"), ("Macintosh", "macOS"), ("Linux", "Linux"),
)


def short_agent(user_agent: str | None) -> str:
    """A browser's User-Agent in short, e.g. "Chrome · Android" (no words: it is stored and
    read in either language); "" when there is none."""
    ua = (user_agent or "").strip()
    if not ua:
        return ""
    browser = next((name for marker, name in _BROWSERS if marker in ua), "")
    system = next((name for marker, name in _SYSTEMS if marker in ua), "")
    if browser and system:
        text = f"{browser} · {system}"
    else:
        text = browser or system or ua.split(" ")[0]
    text = "".join(ch for ch in text if ch.isprintable())
    return text[:_AGENT_MAX]


def logger() -> logging.Logger:
    """``planner.domain.auth``: one line per refused cookie or ticket, never a token.

    Streamlit configures only its own loggers; without a handler of its own
    an INFO line would go nowhere.
    """
    log = logging.getLogger("planner.domain.auth")
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False
    return log
