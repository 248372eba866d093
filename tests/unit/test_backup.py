"""Backup and restore round-trip; bad uploads refused, nothing changed."""

from __future__ import annotations

import pytest

from planner.errors import PermissionDenied, ValidationError


def test_backup_and_restore_round_trip(event):
    store = event.store
    kept = event.propose(event.anna, "Robotik AG")
    store.votes.cast(event.ben, kept.id)
    data = store.backup_bytes(event.orga)
    assert data.startswith(b"SQLite format 3\x00")
    later = event.propose(event.ben, "Nach der Sicherung")
    store.votes.cast(event.cem, kept.id)
    store.restore_backup(event.orga, data)
    assert [s.title for s in store.sessions.list()] == ["Robotik AG"]
    assert store.sessions.get(kept.id).votes == 1
    assert store.sessions.get(later.id) is None
    assert store.accounts.authenticate("orga", "Orga-Passwort-1") is not None


@pytest.mark.parametrize("data", [b"", b"not a database", b"SQLite format 3\x00" + b"\x00" * 50])
def test_restore_refuses_garbage_and_keeps_data(event, data):
    event.propose(event.anna, "Robotik AG")
    with pytest.raises(ValidationError) as err:
        event.store.restore_backup(event.orga, data)
    assert err.value.key == "error.backup_invalid"
    assert [s.title for s in event.store.sessions.list()] == ["Robotik AG"]


def test_restore_refuses_a_backup_without_me_as_organiser(event, tmp_path):
    from planner.store import Store

    other = Store(tmp_path / "other.db", bcrypt_rounds=4)
    other.migrate()
    other.event.set_up(name="Anderes Camp", starts_on="2026-12-01", ends_on="2026-12-01", timezone_name="UTC",
                 default_language="en", organiser_username="someone", organiser_name="Some One",
                 organiser_email="s@example.org", organiser_password="Something-1")
    foreign = (tmp_path / "other.db").read_bytes()
    with pytest.raises(ValidationError) as err:
        event.store.restore_backup(event.orga, foreign)
    assert err.value.key == "error.backup_foreign"
    assert event.store.event.get().name == "MINTcamp Test"


def test_participant_cannot_backup_or_restore(event):
    with pytest.raises(PermissionDenied):
        event.store.backup_bytes(event.anna)
    with pytest.raises(PermissionDenied):
        event.store.restore_backup(event.anna, b"SQLite format 3\x00")


def test_restore_signs_everyone_out_and_never_reuses_a_sign_in_id(event):
    data = event.store.backup_bytes(event.orga)  # holds no sign-in yet
    _id, ticket = event.store.sign_ins.start(event.anna)
    before = event.store.sign_ins.redeem_ticket(ticket)
    orga_id, _ticket = event.store.sign_ins.start(event.orga)
    event.store.restore_backup(event.orga, data)
    assert event.store.sign_ins.signed_in(token=before) is None
    assert event.store.sign_ins.signed_in(sign_in_id=orga_id) is None
    assert event.store.sign_ins.start(event.anna)[0] > orga_id


def test_restore_of_a_backup_with_sign_ins_brings_none_back(event):
    _id, ticket = event.store.sign_ins.start(event.anna)
    token = event.store.sign_ins.redeem_ticket(ticket)
    data = event.store.backup_bytes(event.orga)
    event.store.sign_ins.sign_out(token=token)
    event.store.restore_backup(event.orga, data)
    assert event.store.sign_ins.signed_in(token=token) is None
