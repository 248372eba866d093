"""Connections: one short-lived connection per call, every write one ``BEGIN IMMEDIATE`` transaction.

A write also sets a new revision (see :meth:`Store.revision`) unless it says it changes
nothing a page shows. :class:`Part` is what each part of the store is made from.
"""

from __future__ import annotations

import os
import random
import sqlite3
import time

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone

from sqlite_utils import Database


DEFAULT_DB = "data/barcamp.db"


def default_db_path() -> str:
    """The database file: ``PLANNER_DB`` or ``data/barcamp.db``."""
    return os.environ.get("PLANNER_DB") or DEFAULT_DB


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def iso_stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


WRITE_PATIENCE_SECONDS = 60


def begin_immediate(db: Database) -> None:
    """Take the write lock, waiting as long as a crowd of writers needs.

    SQLite's busy handler gives up after busy_timeout even when the lock is
    only ever held for milliseconds at a time; with hundreds of voters at
    once a writer can lose that race for longer. Retrying the BEGIN (never a
    half-done transaction) keeps "database is locked" away from users.
    """
    deadline = time.monotonic() + WRITE_PATIENCE_SECONDS
    while True:
        try:
            db.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            contended = "locked" in str(exc) or "busy" in str(exc)
            if not contended or time.monotonic() > deadline:
                raise
            time.sleep(0.005 + random.random() * 0.02)


def new_revision(db: Database) -> None:
    """Mark the data as changed (see Store.revision), inside the write's transaction."""
    db.execute(
        "INSERT INTO meta(key, value) VALUES ('revision', lower(hex(randomblob(8)))) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value"
    )


class Db:
    """The database file, opened per call (sqlite3 connections must not cross Streamlit's threads)."""

    def __init__(self, path: str):
        self.path = path

    def connect(self) -> Database:
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA foreign_keys = ON")
        return Database(conn)

    @contextmanager
    def read(self) -> Iterator[Database]:
        db = self.connect()
        try:
            yield db
        finally:
            db.close()

    @contextmanager
    def write(self, revision: bool = True) -> Iterator[Database]:
        """One immediate transaction: all of it is written, or none.

        ``revision=False`` for writes no page shows (sign-ins): they leave
        every cached result valid.
        """
        db = self.connect()
        try:
            begin_immediate(db)
            try:
                yield db
            except BaseException:
                db.rollback()
                raise
            if revision:
                new_revision(db)
            db.execute("COMMIT")
        finally:
            db.close()


class Part:
    """One concept's share of the store (``store.sessions``, ``store.votes``, ...)."""

    def __init__(self, store):
        self._store = store

    def _read(self):
        return self._store.db.read()

    def _write(self, revision: bool = True):
        return self._store.db.write(revision)
