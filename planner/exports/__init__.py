"""Exports: pure functions of the data, each returning (filename, content type, bytes)."""

from __future__ import annotations

from typing import NamedTuple


class Export(NamedTuple):
    filename: str
    mime: str
    data: bytes
