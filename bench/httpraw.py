"""A minimal HTTP/1.1 client over asyncio streams, for load generators that share 2 cores with the server.

httpx costs about 28 ms of CPU per fresh client and a few ms per request;
this costs well under a millisecond. It speaks just enough HTTP/1.1 for
our own servers: GET, keep-alive, Content-Length or chunked bodies.
"""

from __future__ import annotations

import asyncio
import re
import zlib
from urllib.parse import urljoin, urlsplit

BROWSER_HEADERS = {
    "User-Agent": "Mozilla/5.0 (Linux; Android 14) barcamp-planner-bench",
    "Accept": "*/*",
    "Accept-Language": "de-DE,de;q=0.9,en;q=0.8",
    # Browsers also offer br and zstd; neither Streamlit (gzip, for its HTML) nor the public
    # server nor Caddy (no `encode`) answers with them, and this client decodes gzip only.
    "Accept-Encoding": "gzip, deflate",
}

# What a browser fetches by itself from a page's HTML: scripts, stylesheets,
# module preloads, preloaded fonts, icons.
_TAG = re.compile(r"<(script|link)\b([^>]*)>", re.S | re.I)
_ATTR = re.compile(r"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_FETCHED_RELS = {"stylesheet", "modulepreload", "preload", "icon", "shortcut icon"}


def assets(html: str, page_path: str) -> list[str]:
    """Paths (same origin) of the files the HTML makes a browser load, in document order."""
    found = []
    for tag, attrs in _TAG.findall(html):
        a = {m[0].lower(): m[1] or m[2] or m[3] for m in _ATTR.findall(attrs)}
        url = a.get("src") if tag.lower() == "script" else (
            a.get("href") if a.get("rel", "").lower() in _FETCHED_RELS else None)
        if not url or url.startswith(("data:", "http:", "https:", "//")):
            continue
        path = urlsplit(urljoin(f"http://x{page_path}", url)).path
        if path not in found:
            found.append(path)
    return found


class Connection:
    """One keep-alive HTTP/1.1 connection to host:port."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.wire = 0  # body bytes received, as sent (compressed or not)
        self.reopened = 0  # kept-alive connections found closed by the server and opened again

    async def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, list[str]], bytes]:
        """(status, headers by lower-case name -> values, body decoded); ``self.wire``: bytes on the wire.

        A kept-alive connection the server has closed meanwhile (uvicorn
        closes idle ones after 5 s) is opened again and the request sent
        once more, as browsers do.
        """
        reused = self.writer is not None
        try:
            return await self._get(path, headers)
        except (asyncio.IncompleteReadError, ConnectionError) as err:
            await self.close()
            if not reused or (isinstance(err, asyncio.IncompleteReadError) and err.partial):
                raise
            self.reopened += 1
            return await self._get(path, headers)

    async def _get(self, path: str, headers: dict[str, str] | None) -> tuple[int, dict[str, list[str]], bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        head = f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n" + "".join(
            f"{k}: {v}\r\n" for k, v in {**BROWSER_HEADERS, **(headers or {})}.items()) + "\r\n"
        self.writer.write(head.encode())
        status = int((await self.reader.readuntil(b"\r\n")).split()[1])
        answer: dict[str, list[str]] = {}
        while (line := await self.reader.readuntil(b"\r\n")) != b"\r\n":
            name, _, value = line.decode("latin-1").partition(":")
            answer.setdefault(name.strip().lower(), []).append(value.strip())
        one = {k: v[-1] for k, v in answer.items()}
        if "content-length" in one:
            body = await self.reader.readexactly(int(one["content-length"]))
        elif one.get("transfer-encoding", "").lower() == "chunked":
            parts = []
            while size := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
                parts.append(await self.reader.readexactly(size))
                await self.reader.readexactly(2)
            await self.reader.readuntil(b"\r\n")
            body = b"".join(parts)
        elif status in (204, 304):
            body = b""
        else:
            body = await self.reader.read()
            await self.close()
        if one.get("connection", "").lower() == "close":
            await self.close()
        self.wire += len(body)
        encoding = one.get("content-encoding", "identity").lower()
        if encoding in ("gzip", "deflate"):
            body = zlib.decompress(body, 16 + zlib.MAX_WBITS if encoding == "gzip" else zlib.MAX_WBITS)
        elif encoding != "identity":
            raise ValueError(f"{path}: content-encoding {encoding}")
        return status, answer, body

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


async def fetch_all(connections: list[Connection], paths: list[str], headers: dict[str, str] | None = None
                    ) -> list[tuple[str, int, int]]:
    """GET every path over these connections at once, as a browser does; (path, status, bytes) each."""
    queue = list(paths)
    out: list[tuple[str, int, int]] = []

    async def work(conn: Connection) -> None:
        while queue:
            path = queue.pop(0)
            status, _, body = await conn.get(path, headers)
            out.append((path, status, len(body)))

    await asyncio.gather(*(work(c) for c in connections))
    return out
