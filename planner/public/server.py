"""The public server: a Starlette app over the store, under the ``/p/`` prefix."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

PREFIX = "/p"


def create_app(db_path: str) -> Starlette:
    """The ASGI app serving the event in the database at ``db_path``."""

    async def health(request: Request) -> PlainTextResponse:
        return PlainTextResponse("ok")

    return Starlette(routes=[Route(f"{PREFIX}/health", health)])


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8502) -> None:
    """Run the app with uvicorn until interrupted (access log off: feed URLs carry secret tokens)."""
    import uvicorn

    uvicorn.run(create_app(db_path), host=host, port=port, access_log=False, log_level="warning")
