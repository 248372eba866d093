"""The address of a person's calendar feed: ``/p/feed/<token>.ics`` on the public server.

The token is the only key to the feed: whoever has the address can read it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

FEED_PATH = "/p/feed/{token}.ics"

# A request's Host header as browsers send it: a name or IPv4 address, or an
# IPv6 address in brackets, with an optional port.
_HOST_RE = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?")


class FeedLinks(NamedTuple):
    webcal: str  # opens a calendar program and subscribes
    web: str  # the same as http(s), for "subscribe from URL" forms (Google, Outlook on the web)


def feed_path(token: str) -> str:
    """The feed's path on the public server."""
    return FEED_PATH.format(token=token)


def feed_links(token: str, *, base_url: str = "", host: str | None = None) -> FeedLinks:
    """The feed's addresses, from the event's public address or else the request's host.

    With ``base_url`` (``https://camp.example.org``) the web address is
    below it and the webcal one replaces its scheme; without it the
    request's ``host`` is used with http (``localhost`` if it is missing or
    not a host name).
    """
    web = public_address(feed_path(token), base_url=base_url, host=host)
    return FeedLinks("webcal://" + web.split("://", 1)[1], web)


def site_path(page: str, lang: str) -> str:
    """A page of the public site in ``lang``: German at /p/, English below /p/en/."""
    return f"/p/en/{page}" if lang == "en" else f"/p/{page}"


def public_address(path: str, *, base_url: str = "", host: str | None = None) -> str:
    """``path`` on the public server, below ``base_url`` or else on the request's ``host`` with http."""
    if base_url:
        return base_url.rstrip("/") + path
    clean = (host or "").strip()
    return f"http://{clean if _HOST_RE.fullmatch(clean) else 'localhost'}{path}"
