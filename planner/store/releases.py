"""store.releases: published versions of the grid."""

from __future__ import annotations

import json

from dataclasses import asdict

from planner.domain import text as validation
from planner.errors import Conflict, ValidationError
from planner.models import Release, ReleaseItem, User
from planner.store.checks import require_organiser
from planner.store.db import Part, utc_now
from planner.store.reads import load_release_items, load_releases


class Releases(Part):
    """Published versions of the grid."""

    def publish(self, actor: User, name: str | None = None,
                seen: tuple[ReleaseItem, ...] | None = None) -> Release:
        """Freeze the working grid as a named release (v1, v2, ... by default).

        All in one transaction: a failure leaves the previous release as it was.
        ``seen``: the draft as the organiser saw it (``preview().items``); when
        the draft is not that any more (changed by someone else meanwhile),
        nothing is published: they would publish what they have not checked.
        A draft that is the published release refuses too (an empty changelog).
        """
        with self._write() as db:
            me = require_organiser(db, actor)
            count = db.execute("SELECT COUNT(*) FROM releases").fetchone()[0]
            clean = validation.clean_line(name) or f"v{count + 1}"
            if len(clean) > 40:
                raise ValidationError("error.release_name_long", max=40)
            if db.execute("SELECT 1 FROM releases WHERE name = ?", [clean]).fetchone():
                raise Conflict("error.release_exists", name=clean)
            items = load_release_items(db)
            if seen is not None and set(seen) != set(items):
                raise Conflict("error.release_draft_changed")
            earlier = load_releases(db)
            published = db.execute("SELECT schedule_published FROM event").fetchone()
            if earlier and published and published[0] and set(earlier[-1].items) == set(items):
                # Nothing to tell anyone (a second organiser a moment later, a click too many).
                raise Conflict("error.release_unchanged", name=earlier[-1].name)
            db["releases"].insert(
                {"name": clean, "created_at": utc_now(), "created_by": me.id,
                 "items": json.dumps([asdict(item) for item in items])}
            )
            db["event"].update(1, {"schedule_published": 1})
            return load_releases(db)[-1]

    def preview(self) -> Release:
        """The working grid as it would be published now (not stored)."""
        with self._read() as db:
            return Release(0, "draft", utc_now(), tuple(load_release_items(db)))

    def all(self) -> list[Release]:
        """Every release, oldest first."""
        with self._read() as db:
            return load_releases(db)

    def latest(self) -> Release | None:
        found = self.all()
        return found[-1] if found else None
