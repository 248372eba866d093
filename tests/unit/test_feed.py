"""The personal calendar feed: tokens, whose sessions it holds, its address and its iCal."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from planner.errors import PermissionDenied
from planner.exports import ical
from planner.site.addresses import FeedLinks, feed_links, feed_path
from planner.models import RoomDraft, SlotKind
from planner.domain.timeslots import generate_day
from tests.app.conftest import deactivate

HOSTILE = "<script>alert(1)</script>, a; b\\c\nzweite Zeile 🤖 „Ü“"


# -- tokens ------------------------------------------------------------------


def test_feed_token_created_on_first_ask_then_the_same(store, event):
    first = store.agenda.feed_token(event.anna)
    assert store.agenda.feed_token(event.anna) == first
    assert len(first) >= 32
    assert set(first) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def test_feed_token_differs_per_user(store, event):
    assert store.agenda.feed_token(event.anna) != store.agenda.feed_token(event.ben)


def test_feed_token_second_ask_writes_nothing(store, event):
    store.agenda.feed_token(event.anna)
    revision = store.revision()
    store.agenda.feed_token(event.anna)
    assert store.revision() == revision


def test_feed_owner_finds_the_user(store, event):
    assert store.agenda.feed_owner(store.agenda.feed_token(event.anna)) == event.anna


def test_rotate_feed_token_old_one_stops_working(store, event):
    old = store.agenda.feed_token(event.anna)
    new = store.agenda.rotate_feed_token(event.anna)
    assert new != old
    assert store.agenda.feed_token(event.anna) == new
    assert store.agenda.feed_owner(old) is None
    assert store.agenda.feed_owner(new) == event.anna


def test_rotate_feed_token_before_any_creates_one(store, event):
    token = store.agenda.rotate_feed_token(event.cem)
    assert store.agenda.feed_owner(token) == event.cem


@pytest.mark.parametrize("token", ["", "nope", "x" * 32, "a" * 65, "../../etc/passwd", "' OR 1=1 --", None, 42])
def test_feed_owner_unknown_or_malformed_is_none(store, event, token):
    store.agenda.feed_token(event.anna)
    assert store.agenda.feed_owner(token) is None


def test_feed_owner_deactivated_user_is_none(store, event, db_path):
    token = store.agenda.feed_token(event.anna)
    deactivate(db_path, "anna")
    assert store.agenda.feed_owner(token) is None


def test_feed_owner_reactivated_user_gets_the_same_token_back(store, event):
    token = store.agenda.feed_token(event.anna)
    store.people.set_active(event.orga, event.anna.id, False)
    store.people.set_active(event.orga, event.anna.id, True)
    assert store.agenda.feed_owner(token).username == "anna"


def test_feed_token_refused_for_deactivated_user(store, event, db_path):
    deactivate(db_path, "anna")
    with pytest.raises(PermissionDenied):
        store.agenda.feed_token(event.anna)
    with pytest.raises(PermissionDenied):
        store.agenda.rotate_feed_token(event.anna)


def test_feed_token_is_not_in_the_users_table(store, event, db_path):
    token = store.agenda.feed_token(event.anna)
    with sqlite3.connect(db_path) as db:
        rows = db.execute("SELECT * FROM users").fetchall()
    assert [r for r in rows if token in map(str, r)] == []


# -- whose sessions ----------------------------------------------------------


def test_feed_session_ids_hosted_voted_starred(store, event):
    own = event.propose(event.ben, "Bens Session")
    cohosted = event.propose(event.cem, "Cems Session", cohosts=("ben",))
    voted = event.propose(event.anna, "Annas Session")
    starred = event.propose(event.cem, "Noch eine")
    event.propose(event.anna, "Nicht dabei")
    store.votes.cast(event.ben, voted.id)
    store.agenda.set_star(event.ben, starred.id, True)
    assert store.agenda.feed_session_ids(event.ben) == {own.id, cohosted.id, voted.id, starred.id}


def test_feed_session_ids_leave_out_withdrawn_sessions(store, event):
    voted = event.propose(event.anna, "Zurückgezogen")
    store.votes.cast(event.ben, voted.id)
    store.agenda.set_star(event.ben, voted.id, True)
    own = event.propose(event.ben, "Auch zurückgezogen")
    store.sessions.withdraw(event.anna, voted.id)
    store.sessions.withdraw(event.ben, own.id)
    assert store.agenda.feed_session_ids(event.ben) == set()


def test_feed_session_ids_of_someone_without_any_is_empty(store, event):
    event.propose(event.anna, "Annas Session")
    assert store.agenda.feed_session_ids(event.cem) == set()


# -- the address -------------------------------------------------------------


def test_feed_path_shape():
    assert feed_path("abc_DEF-123") == "/p/feed/abc_DEF-123.ics"


@pytest.mark.parametrize(
    ("base_url", "host", "expected"),
    [
        ("https://camp.example.org", None,
         FeedLinks("webcal://camp.example.org/p/feed/T.ics", "https://camp.example.org/p/feed/T.ics")),
        ("https://camp.example.org/", "ignored:8501",
         FeedLinks("webcal://camp.example.org/p/feed/T.ics", "https://camp.example.org/p/feed/T.ics")),
        ("http://example.org/camp", None,
         FeedLinks("webcal://example.org/camp/p/feed/T.ics", "http://example.org/camp/p/feed/T.ics")),
        ("", "localhost:8501", FeedLinks("webcal://localhost:8501/p/feed/T.ics", "http://localhost:8501/p/feed/T.ics")),
        ("", "[::1]:8501", FeedLinks("webcal://[::1]:8501/p/feed/T.ics", "http://[::1]:8501/p/feed/T.ics")),
        ("", None, FeedLinks("webcal://localhost/p/feed/T.ics", "http://localhost/p/feed/T.ics")),
        ("", "evil.org/x?", FeedLinks("webcal://localhost/p/feed/T.ics", "http://localhost/p/feed/T.ics")),
        ("", "a@b", FeedLinks("webcal://localhost/p/feed/T.ics", "http://localhost/p/feed/T.ics")),
    ],
)
def test_feed_links_from_base_url_or_host(base_url, host, expected):
    assert feed_links("T", base_url=base_url, host=host) == expected


# -- the calendar ------------------------------------------------------------


def _published(event, title_a="Robotik <AG> & 🤖", description_a="Mit **Lego**\nund; Kommas, 🤖"):
    store = event.store
    room = store.venue.save_rooms(event.orga, [RoomDraft("Saal „Elbe“; 1, 2", 100)])[0]
    slots = [s for s in store.venue.save_day(event.orga, "2026-11-28", generate_day()) if s.kind is SlotKind.SESSION]
    a = event.propose(event.anna, title_a, description=description_a)
    b = event.propose(event.ben, "Workshop über Mittag", length=2)
    c = event.propose(event.cem, "Dritte Session")
    for session, slot in ((a, slots[0]), (b, slots[1]), (c, slots[4])):
        store.grid.place(event.orga, session.id, room.id, slot.id)
    release = store.releases.publish(event.orga)
    return release, {s.id: s for s in store.sessions.list(include_withdrawn=True)}, a, b, c


def _line(data: bytes, name: str) -> str:
    """The value of the calendar's content line ``name``, unfolded, as written (TEXT escapes kept)."""
    lines = data.decode().replace("\r\n ", "").split("\r\n")
    return next(line.split(":", 1)[1] for line in lines if line.startswith(name + ":"))


def _events(export) -> dict[str, object]:
    return {str(e["uid"]): e for e in Calendar.from_ical(export.data).walk("VEVENT")}


def test_personal_holds_only_the_chosen_sessions_with_the_release_uids(event):
    release, sessions, a, b, c = _published(event)
    ev = event.store.event.get()
    export = ical.personal(ev, release, sessions, {a.id, c.id, 9999}, base_url="https://camp.example.org")
    assert (export.filename, export.mime) == ("mintcamp-test-feed.ics", "text/calendar")
    mine = _events(export)
    full = _events(ical.calendar(ev, release, sessions))
    assert sorted(mine) == sorted([ical.session_uid(ev, a.id), ical.session_uid(ev, c.id)])
    assert set(mine) < set(full)
    for uid, vevent in mine.items():
        for prop in ("summary", "dtstart", "dtend", "location", "sequence", "description"):
            assert vevent.decoded(prop) == full[uid].decoded(prop)
    assert str(mine[ical.session_uid(ev, a.id)]["url"]) == f"https://camp.example.org/schedule?session={a.id}"


def test_personal_times_in_the_event_zone(event):
    release, sessions, a, b, c = _published(event)
    cal = Calendar.from_ical(ical.personal(event.store.event.get(), release, sessions, {b.id}).data)
    workshop = next(iter(cal.walk("VEVENT")))
    berlin = ZoneInfo("Europe/Berlin")
    assert workshop.decoded("dtstart") == datetime(2026, 11, 28, 11, 0, tzinfo=berlin)
    assert workshop.decoded("dtend") == datetime(2026, 11, 28, 12, 45, tzinfo=berlin)
    assert workshop["dtstart"].params["TZID"] == "Europe/Berlin"
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]


@pytest.mark.parametrize(("lang", "name"), [("de", "MINTcamp Test – meine Sessions"), ("en", "MINTcamp Test – my sessions")])
def test_personal_calendar_name_refresh_and_ttl(event, lang, name):
    release, sessions, a, *_ = _published(event)
    cal = Calendar.from_ical(ical.personal(event.store.event.get(), release, sessions, {a.id}, lang=lang).data)
    assert str(cal["x-wr-calname"]) == name
    assert cal["x-wr-timezone"] == "Europe/Berlin"
    assert cal.refresh_interval == timedelta(hours=1)
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in ical.personal(
        event.store.event.get(), release, sessions, {a.id}).data
    assert str(cal["x-published-ttl"]) == "PT1H"


def test_personal_language_defaults_to_the_event_language(event):
    release, sessions, a, *_ = _published(event)
    data = ical.personal(event.store.event.get(), release, sessions, {a.id}).data
    assert _line(data, "X-WR-CALNAME") == "MINTcamp Test – meine Sessions"


def test_personal_hosted_sessions_say_so(event):
    release, sessions, a, b, c = _published(event)
    mine = _events(ical.personal(event.store.event.get(), release, sessions, {a.id, b.id}, hosted={a.id}, lang="en"))
    ev = event.store.event.get()
    assert str(mine[ical.session_uid(ev, a.id)]["description"]) == (
        "You host this session.\n\nAnna Amsel\n\nMit **Lego**\nund; Kommas, 🤖"
    )
    assert str(mine[ical.session_uid(ev, b.id)]["description"]) == "Ben Bär"


@pytest.mark.parametrize("release_or_none", ["published", None])
def test_personal_empty_selection_is_a_valid_calendar(event, release_or_none):
    release, sessions, *_ = _published(event)
    export = ical.personal(event.store.event.get(), release if release_or_none else None, sessions, set())
    cal = Calendar.from_ical(export.data)
    assert cal.name == "VCALENDAR"
    assert list(cal.walk("VEVENT")) == []
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert (str(cal["version"]), cal.refresh_interval) == ("2.0", timedelta(hours=1))


def test_personal_hostile_title_survives_exactly(event, store):
    # A title is one line (newlines become spaces); the description keeps them.
    release, sessions, a, *_ = _published(event, title_a=HOSTILE)
    store.event.update(event.orga, name="Camp, <b>x</b>; 🤖")
    ev = store.event.get()
    vevent = _events(ical.personal(ev, release, sessions, {a.id}))[ical.session_uid(ev, a.id)]
    assert str(vevent["summary"]) == sessions[a.id].title == HOSTILE.replace("\n", " ")
    assert str(vevent["location"]) == "Saal „Elbe“; 1, 2"
    # X-WR-CALNAME is TEXT: commas and semicolons escaped as RFC 5545 says, the rest as is.
    data = ical.personal(ev, release, sessions, {a.id}).data
    assert _line(data, "X-WR-CALNAME") == r"Camp\, <b>x</b>\; 🤖 – meine Sessions"


def test_personal_hostile_description_survives_exactly(event):
    release, sessions, a, *_ = _published(event, description_a=HOSTILE)
    ev = event.store.event.get()
    vevent = _events(ical.personal(ev, release, sessions, {a.id}))[ical.session_uid(ev, a.id)]
    assert str(vevent["description"]) == f"Anna Amsel\n\n{HOSTILE}"
