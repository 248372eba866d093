"""The store: accounts, topics, sessions and votes in a real SQLite file."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace

import pytest

from planner.errors import Conflict, NotFound, PermissionDenied, Refusals, ValidationError
from planner.models import Role, SessionDraft, SessionFormat, SessionStatus, SignupMode
from planner.store import Store
from planner.domain.sessions import host_names
from tests.conftest import ORGANISER_PASSWORD, PARTICIPANT_PASSWORD


def test_migrate_twice_applies_nothing_the_second_time(empty_store):
    assert empty_store.migrate() == []


def test_migrate_sets_wal_and_foreign_keys(empty_store):
    conn = sqlite3.connect(empty_store.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_cookie_key_is_random_per_database(tmp_path):
    a, b = Store(tmp_path / "a.db"), Store(tmp_path / "b.db")
    a.migrate(), b.migrate()
    assert len(a.cookie_key()) >= 40
    assert a.cookie_key() != b.cookie_key()


def test_set_up_creates_event_and_organiser(event):
    assert event.store.event.is_set_up()
    assert event.store.event.get().name == "MINTcamp Test"
    assert event.orga.role is Role.ORGANISER
    assert event.store.accounts.authenticate("orga", ORGANISER_PASSWORD) == event.orga


def test_set_up_twice_is_refused(event):
    with pytest.raises(Conflict) as err:
        event.store.event.set_up(
            name="Again", starts_on="2026-11-28", ends_on="2026-11-28",
            timezone_name="Europe/Berlin", default_language="de",
            organiser_username="mallory", organiser_name="M", organiser_email="m@example.org",
            organiser_password="Something-1",
        )
    assert err.value.key == "error.already_set_up"
    assert event.store.people.get("mallory") is None


@pytest.mark.parametrize(
    ("field", "value", "key"),
    [
        ("starts_on", "2026-11-30", "error.dates_order"),
        ("timezone_name", "Mars/Olympus", "error.timezone_invalid"),
        ("organiser_password", "short", "error.password_short"),
        ("organiser_username", "a b", "error.username_invalid"),
        ("organiser_email", "not-an-email", "error.email_invalid"),
        ("name", "   ", "error.event_name_empty"),
        ("organiser_name", "   ", "error.name_empty"),
    ],
)
def test_set_up_with_bad_field_is_refused_and_writes_nothing(empty_store, field, value, key):
    fields = dict(
        name="Camp", starts_on="2026-11-28", ends_on="2026-11-29", timezone_name="Europe/Berlin",
        default_language="de", organiser_username="orga", organiser_name="Olga",
        organiser_email="orga@example.org", organiser_password="Orga-Passwort-1",
    )
    fields[field] = value
    with pytest.raises(ValidationError) as err:
        empty_store.event.set_up(**fields)
    assert err.value.key == key
    assert empty_store.event.get() is None
    assert empty_store.people.list(active_only=False) == []


def test_password_is_stored_as_bcrypt_hash(event):
    row = sqlite3.connect(event.store.path).execute(
        "SELECT password_hash FROM users WHERE username = 'anna'"
    ).fetchone()
    assert row[0].startswith("$2b$")
    assert PARTICIPANT_PASSWORD not in row[0]


def test_authenticate_wrong_password_returns_none(event):
    assert event.store.accounts.authenticate("anna", "wrong-password") is None


def test_authenticate_password_over_72_bytes_returns_none(event):
    assert event.store.accounts.authenticate("anna", "ä" * 50) is None


def test_sign_up_open_creates_participant(event):
    user = event.store.accounts.sign_up(
        username="Dora", name="Dora Dachs", email="dora@example.org", password="Dora-Pass-1"
    )
    assert (user.username, user.role) == ("dora", Role.PARTICIPANT)
    assert event.store.accounts.authenticate("DORA", "Dora-Pass-1") == user


def test_sign_up_closed_is_refused(event):
    event.store.event.update(event.orga, signup_mode=SignupMode.CLOSED)
    with pytest.raises(PermissionDenied) as err:
        event.store.accounts.sign_up(username="dora", name="Dora", email="d@example.org", password="Dora-Pass-1")
    assert err.value.key == "error.signup_closed"
    assert event.store.people.get("dora") is None


def test_sign_up_invite_needs_the_right_code(event):
    event.store.event.update(event.orga, signup_mode=SignupMode.INVITE, invite_code="MINT-2026")
    with pytest.raises(PermissionDenied):
        event.store.accounts.sign_up(
            username="dora", name="Dora", email="d@example.org", password="Dora-Pass-1",
            invite_code="wrong",
        )
    user = event.store.accounts.sign_up(
        username="dora", name="Dora", email="d@example.org", password="Dora-Pass-1",
        invite_code="MINT-2026",
    )
    assert user.username == "dora"


def test_invite_mode_without_code_is_refused(event):
    with pytest.raises(ValidationError) as err:
        event.store.event.update(event.orga, signup_mode=SignupMode.INVITE)
    assert err.value.key == "error.invite_code_missing"
    assert event.store.event.get().signup_mode is SignupMode.OPEN


def test_sign_up_taken_username_is_refused_case_insensitively(event):
    with pytest.raises(Conflict) as err:
        event.store.accounts.sign_up(username="ANNA", name="A", email="a2@example.org", password="Anna-Pass-2")
    assert err.value.key == "error.username_taken"


def test_participant_cannot_change_event_settings(event):
    with pytest.raises(PermissionDenied):
        event.store.event.update(event.anna, voting_open=False)
    assert event.store.event.get().voting_open is True


def test_change_password_needs_old_password(event):
    with pytest.raises(ValidationError):
        event.store.accounts.change_password("anna", "wrong", "New-Password-1")
    event.store.accounts.change_password("anna", PARTICIPANT_PASSWORD, "New-Password-1")
    assert event.store.accounts.authenticate("anna", PARTICIPANT_PASSWORD) is None
    assert event.store.accounts.authenticate("anna", "New-Password-1").username == "anna"


def test_credentials_hold_active_users_only(event):
    sqlite3.connect(event.store.path, isolation_level=None).execute(
        "UPDATE users SET active = 0 WHERE username = 'ben'"
    )
    creds = event.store.accounts.credentials()["usernames"]
    assert sorted(creds) == ["anna", "cem", "orga"]
    assert creds["orga"]["roles"] == ["organiser"]
    assert creds["anna"]["password"].startswith("$2b$")


def test_propose_stores_every_field(event):
    created = event.store.sessions.propose(
        event.anna,
        SessionDraft(
            title="  Lego   Mindstorms in der Grundschule ",
            description="Mit **Robotern**.",
            format=SessionFormat.WORKSHOP,
            length=2,
            language="de",
            doc_url="https://pad.example.org/lego",
            needs=("projector",),
            topic_ids=(event.robotik.id, event.maedchen.id),
            cohosts=("@ben",),
        ),
    )
    loaded = event.store.sessions.get(created.id)
    assert loaded == created
    assert loaded.title == "Lego Mindstorms in der Grundschule"
    assert [h.username for h in loaded.hosts] == ["anna", "ben"]
    assert loaded.topic_ids == tuple(sorted((event.robotik.id, event.maedchen.id)))
    assert (loaded.format, loaded.length, loaded.needs) == (SessionFormat.WORKSHOP, 2, ("projector",))
    assert loaded.votes == 0


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"title": "  "}, "error.title_short"),
        ({"title": "x" * 121}, "error.title_long"),
        ({"topic_ids": ()}, "error.topic_required"),
        ({"cohosts": ("nobody",)}, "error.cohost_unknown"),
        ({"doc_url": "javascript:alert(1)"}, "error.url_scheme"),
        ({"length": 0}, "error.length_invalid"),
        ({"needs": ("teleporter",)}, "error.need_unknown"),
        ({"description": "x" * 5001}, "error.description_long"),
        ({"language": "fr"}, "error.language_invalid"),
    ],
)
def test_propose_invalid_draft_is_refused_and_nothing_stored(event, fields, key):
    draft = {"title": "Gute Session", "topic_ids": (event.robotik.id,), **fields}
    with pytest.raises((ValidationError, NotFound)) as err:
        event.store.sessions.propose(event.anna, SessionDraft(**draft))
    assert err.value.key == key
    assert event.store.sessions.list(include_withdrawn=True) == []


def test_propose_duplicate_title_is_refused_ignoring_case_and_spaces(event):
    event.propose(event.anna, "Robotik AG")
    with pytest.raises(Conflict) as err:
        event.propose(event.ben, "  robotik   ag ")
    assert err.value.params == {"title": "Robotik AG"}
    assert len(event.store.sessions.list()) == 1


def test_a_taken_title_is_named_with_the_drafts_other_refusals_first_as_the_form_reads(event):
    """A form that names every wrong field at once names a taken title too, not after the rest is fixed."""
    event.propose(event.anna, "Robotik AG")
    with pytest.raises(Refusals) as err:
        event.store.sessions.propose(event.ben, SessionDraft(title="robotik ag", doc_url="ftp://x"))
    assert [e.key for e in err.value.errors] == ["error.title_taken", "error.url_scheme", "error.topic_required"]
    own = event.store.sessions.list()[0]
    edited = event.store.sessions.update(event.anna, own.id, own.to_draft(), own.version)  # its own title is free
    assert edited.title == "Robotik AG"


def test_title_of_withdrawn_session_can_be_used_again(event):
    first = event.propose(event.anna, "Robotik AG")
    event.store.sessions.withdraw(event.anna, first.id)
    again = event.propose(event.ben, "Robotik AG")
    assert again.status is SessionStatus.PROPOSED


def test_proposals_closed_refuses_participants_not_organisers(event):
    event.store.event.update(event.orga, proposals_open=False)
    with pytest.raises(PermissionDenied):
        event.propose(event.anna, "Zu spät")
    assert event.propose(event.orga, "Orga darf").title == "Orga darf"


def test_host_edits_own_session_and_version_increases(event):
    s = event.propose(event.anna, "Robotik AG")
    edited = event.store.sessions.update(
        event.anna, s.id, SessionDraft(title="Robotik-AG", topic_ids=(event.bildung.id,)), 1
    )
    assert (edited.title, edited.topic_ids, edited.version) == ("Robotik-AG", (event.bildung.id,), 2)


def test_other_participant_cannot_edit_or_withdraw(event):
    s = event.propose(event.anna, "Robotik AG")
    with pytest.raises(PermissionDenied):
        event.store.sessions.update(event.ben, s.id, SessionDraft(title="Gekapert", topic_ids=(event.robotik.id,)), 1)
    with pytest.raises(PermissionDenied):
        event.store.sessions.withdraw(event.ben, s.id)
    assert event.store.sessions.get(s.id).title == "Robotik AG"


def test_cohost_and_organiser_can_edit(event):
    s = event.propose(event.anna, "Robotik AG", cohosts=("ben",))
    by_cohost = event.store.sessions.update(event.ben, s.id, s.to_draft(), 1)
    by_orga = event.store.sessions.update(event.orga, s.id, by_cohost.to_draft(), 2)
    assert by_orga.version == 3
    assert [h.username for h in by_orga.hosts] == ["anna", "ben"]


def test_stale_edit_is_refused_as_conflict(event):
    s = event.propose(event.anna, "Robotik AG", cohosts=("ben",))
    event.store.sessions.update(event.ben, s.id, SessionDraft(title="Ben's title", topic_ids=(event.robotik.id,)), 1)
    with pytest.raises(Conflict) as err:
        event.store.sessions.update(event.anna, s.id, SessionDraft(title="Anna's title", topic_ids=(event.robotik.id,)), 1)
    assert err.value.key == "error.session_changed"
    assert event.store.sessions.get(s.id).title == "Ben's title"


def test_vote_and_withdraw_vote(event):
    s = event.propose(event.anna, "Robotik AG")
    assert event.store.votes.cast(event.ben, s.id) is True
    assert event.store.votes.cast(event.ben, s.id) is False
    assert event.store.sessions.get(s.id).votes == 1
    assert event.store.votes.of(event.ben) == {s.id}
    assert event.store.votes.withdraw(event.ben, s.id) is True
    assert event.store.sessions.get(s.id).votes == 0


def test_vote_when_voting_closed_is_refused(event):
    s = event.propose(event.anna, "Robotik AG")
    event.store.event.update(event.orga, voting_open=False)
    with pytest.raises(PermissionDenied) as err:
        event.store.votes.cast(event.ben, s.id)
    assert err.value.key == "error.voting_closed"
    assert event.store.votes.of(event.ben) == set()


def test_vote_for_withdrawn_session_is_refused(event):
    s = event.propose(event.anna, "Robotik AG")
    event.store.sessions.withdraw(event.anna, s.id)
    with pytest.raises(Conflict):
        event.store.votes.cast(event.ben, s.id)


def test_votes_of_deactivated_user_do_not_count(event):
    s = event.propose(event.anna, "Robotik AG")
    event.store.votes.cast(event.ben, s.id)
    event.store.votes.cast(event.cem, s.id)
    sqlite3.connect(event.store.path, isolation_level=None).execute(
        "UPDATE users SET active = 0 WHERE username = 'cem'"
    )
    assert event.store.sessions.get(s.id).votes == 1
    with pytest.raises(PermissionDenied):
        event.store.votes.cast(event.cem, s.id)


def test_concurrent_votes_are_all_stored_once(event):
    sessions = [event.propose(event.anna, f"Session {i}") for i in range(5)]
    voters = [event.store.accounts.create(None, username=f"voter{i}", name=f"V {i}", email=f"v{i}@example.org",
                                      password_hash="$2b$04$x") for i in range(20)]
    errors = []

    def vote(user):
        try:
            for _ in range(3):
                for s in sessions:
                    event.store.votes.cast(user, s.id)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=vote, args=(u,)) for u in voters]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert [event.store.sessions.get(s.id).votes for s in sessions] == [20] * 5


def test_topic_interest_counts_interested_sessions_and_votes(event):
    s = event.propose(event.anna, "Robotik AG", topic_ids=(event.robotik.id, event.bildung.id))
    event.store.votes.cast(event.ben, s.id)
    event.store.topics.set_interests(event.ben, [event.robotik.id])
    event.store.topics.set_interests(event.cem, [event.robotik.id, event.maedchen.id])
    by_name = {i.topic.name: (i.interested, i.sessions, i.votes) for i in event.store.topics.interest()}
    assert by_name == {
        "Robotik": (2, 1, 1),
        "Politische Bildung": (0, 1, 1),
        "Mädchen in MINT": (1, 0, 0),
    }


def test_set_interests_replaces_previous(event):
    event.store.topics.set_interests(event.ben, [event.robotik.id, event.bildung.id])
    event.store.topics.set_interests(event.ben, [event.maedchen.id])
    assert event.store.topics.interests_of(event.ben) == {event.maedchen.id}


def test_topic_name_unique_and_participant_cannot_create(event):
    with pytest.raises(Conflict):
        event.store.topics.create(event.orga, "robotik", "#000000")
    with pytest.raises(PermissionDenied):
        event.store.topics.create(event.anna, "Neu", "#000000")
    with pytest.raises(ValidationError):
        event.store.topics.create(event.orga, "Neu", "red")


def test_add_slot_overlapping_is_refused_with_both_times(event):
    event.store.venue.add_slot(event.orga, "2026-11-28", "10:00", "10:45")
    with pytest.raises(ValidationError) as err:
        event.store.venue.add_slot(event.orga, "2026-11-28", "10:30", "11:15")
    assert (err.value.key, err.value.params) == (
        "error.slots_overlap", {"first": "10:00–10:45", "second": "10:30–11:15"}
    )
    assert len(event.store.venue.slots()) == 1


def test_add_slot_zero_length_is_refused(event):
    with pytest.raises(ValidationError) as err:
        event.store.venue.add_slot(event.orga, "2026-11-28", "10:00", "10:00")
    assert err.value.key == "error.slot_empty"


def test_update_profile_checks_like_sign_up_and_keeps_everything_else(event):
    store = event.store
    changed = store.accounts.update_profile(event.anna, "  Anna Amsel-Meise ", "anna.neu@example.org")
    assert (changed.name, changed.email, changed.username) == ("Anna Amsel-Meise", "anna.neu@example.org", "anna")
    for name, email, key in [("", "a@example.org", "error.name_empty"), ("Anna", "kein-at", "error.email_invalid"),
                             ("x" * 81, "a@example.org", "error.name_long")]:
        with pytest.raises(ValidationError) as err:
            store.accounts.update_profile(event.anna, name, email)
        assert err.value.key == key
    assert store.people.get("anna").email == "anna.neu@example.org"  # nothing half-written


def test_an_organiser_editing_a_pitched_session_keeps_its_host_by_name_and_adds_none(event):
    """The organiser became a host of every pitch they renamed (grid, public page, screens showed them)."""
    store = event.store
    pitched = store.sessions.pitch(event.orga, "Podcasts im Unterricht", "Tom", hands=6)
    draft = replace(pitched.to_draft(), title="Podcasts im Unterricht (Raum 2)")
    edited = store.sessions.update(event.orga, pitched.id, draft, pitched.version)
    assert (edited.title, edited.hosts, edited.host_name) == ("Podcasts im Unterricht (Raum 2)", (), "Tom")
    assert host_names(edited) == ("Tom",)
    with_cohost = store.sessions.update(event.orga, pitched.id, replace(draft, cohosts=("ben",)), edited.version)
    assert [h.username for h in with_cohost.hosts] == ["ben"]  # a co-host chosen on purpose is one
    proposed = event.propose(event.anna, "Robotik AG")  # a session with an account host keeps it first
    again = store.sessions.update(event.orga, proposed.id, replace(proposed.to_draft(), title="Robotik-AG"),
                                  proposed.version)
    assert [h.username for h in again.hosts] == ["anna"]
