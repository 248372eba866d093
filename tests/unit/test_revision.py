"""The data revision that page caches are keyed on, and the bulk reads the big pages use."""

from __future__ import annotations

import pytest

from planner.errors import PermissionDenied


def test_revision_changes_with_every_write_and_only_then(event):
    store = event.store
    first = store.revision()
    assert store.revision() == first  # reads leave it alone
    store.sessions.list()
    assert store.revision() == first
    session = event.propose(event.anna, "Robotik AG")
    second = store.revision()
    store.votes.cast(event.ben, session.id)
    third = store.revision()
    assert len({first, second, third}) == 3
    assert all(len(r) == 16 for r in (first, second, third))


def test_revision_unchanged_by_a_refused_write(event):
    before = event.store.revision()
    with pytest.raises(PermissionDenied):
        event.store.topics.create(event.anna, "Nur fürs Orga-Team", "#123456")
    assert event.store.revision() == before


def test_revision_after_restore_is_new(event, tmp_path):
    store = event.store
    backup = tmp_path / "backup.db"
    store.backup(event.orga, backup)
    at_backup = store.revision()
    event.propose(event.anna, "Nach dem Backup")
    store.restore_backup(event.orga, backup.read_bytes())
    assert store.revision() not in (at_backup, "")
    assert [s.title for s in store.sessions.list()] == []


def test_unavailability_is_everyone_s_unavailable_of(event):
    store = event.store
    slots = [store.venue.add_slot(event.orga, "2026-11-28", start, end).id
             for start, end in (("10:00", "10:45"), ("11:00", "11:45"), ("12:00", "12:45"))]
    store.availability.set_unavailable(event.anna, event.anna.id, slots[:2])
    store.availability.set_unavailable(event.orga, event.ben.id, slots[2:])
    assert store.availability.all() == {
        event.anna.id: store.availability.of(event.anna.id),
        event.ben.id: store.availability.of(event.ben.id),
    }
    assert store.availability.all()[event.anna.id] == set(slots[:2])
