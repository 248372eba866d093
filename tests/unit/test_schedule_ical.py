"""Agenda with clashes and changes; iCal that calendar programs read."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar

from planner.exports import ical
from planner.models import Release, ReleaseItem, RoomDraft, SlotKind
from planner.domain.agenda import agenda, filter_items
from planner.domain.timeslots import generate_day


def _item(sid, start, end, room_id=1, day="2026-11-28", title=None):
    return ReleaseItem(sid, title or f"S{sid}", ("Host",), room_id, f"Raum {room_id}", (sid,), day, start, end)


def test_agenda_marks_clashes_and_changes():
    old = Release(1, "v1", "2026-11-27T10:00:00+00:00", (_item(1, "10:00", "10:45"), _item(2, "11:00", "11:45", 2)))
    new = Release(2, "v2", "2026-11-28T08:00:00+00:00", (
        _item(1, "10:00", "10:45"), _item(2, "10:00", "11:45", 2), _item(3, "14:00", "14:45"),
    ))
    entries = agenda(new, voted={1, 2}, starred={3}, seen=old)
    assert [(e.item.session_id, e.clashes_with, e.changed, e.voted, e.starred) for e in entries] == [
        (1, (2,), False, True, False),
        (2, (1,), True, True, False),
        (3, (), True, False, True),
    ]


def test_agenda_first_look_marks_nothing_changed():
    new = Release(1, "v1", "2026-11-27T10:00:00+00:00", (_item(1, "10:00", "10:45"),))
    assert agenda(new, {1}, set(), seen=None)[0].changed is False


def _published(event):
    store = event.store
    room = store.venue.save_rooms(event.orga, [RoomDraft("Saal „Elbe“ & Co", 100)])[0]
    slots = [s for s in store.venue.save_day(event.orga, "2026-11-28", generate_day()) if s.kind is SlotKind.SESSION]
    a = event.propose(event.anna, "Robotik <AG> & 🤖", description="Mit **Lego**", cohosts=("ben",))
    b = event.propose(event.ben, "Workshop über Mittag", length=2)
    store.grid.place(event.orga, a.id, room.id, slots[0].id)
    store.grid.place(event.orga, b.id, room.id, slots[1].id)
    return store.releases.publish(event.orga), {s.id: s for s in store.sessions.list()}, a, b


def test_ical_of_release_parses_with_stable_uids_and_local_times(event):
    release, sessions, a, b = _published(event)
    export = ical.calendar(event.store.event.get(), release, sessions, base_url="https://camp.example.org/")
    assert export.mime == "text/calendar"
    assert export.filename == "mintcamp-test-v1.ics"
    cal = Calendar.from_ical(export.data)
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    first = events[f"session-{a.id}@mintcamp-test.barcamp-planner"]
    assert str(first["summary"]) == "Robotik <AG> & 🤖"
    assert str(first["location"]) == "Saal „Elbe“ & Co"
    assert first.decoded("dtstart") == datetime(2026, 11, 28, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert str(first["url"]) == f"https://camp.example.org/schedule?session={a.id}"
    assert "Anna Amsel, Ben Bär" in str(first["description"])
    workshop = events[f"session-{b.id}@mintcamp-test.barcamp-planner"]
    assert (workshop.decoded("dtstart").hour, workshop.decoded("dtend").strftime("%H:%M")) == (11, "12:45")
    assert len(list(cal.walk("VTIMEZONE"))) == 1


def test_ical_uid_is_the_same_in_the_next_release(event):
    release, sessions, a, _ = _published(event)
    slots = [s for s in event.store.venue.slots() if s.kind is SlotKind.SESSION]
    event.store.grid.place(event.orga, a.id, event.store.venue.rooms()[0].id, slots[4].id)
    v2 = event.store.releases.publish(event.orga)
    uids = lambda r: {str(e["uid"]) for e in Calendar.from_ical(ical.calendar(event.store.event.get(), r, sessions).data).walk("VEVENT")}  # noqa: E731
    assert uids(release) == uids(v2)
    second = Calendar.from_ical(ical.calendar(event.store.event.get(), v2, sessions, only={a.id}).data)
    assert [int(e["sequence"]) for e in second.walk("VEVENT")] == [v2.id]


def test_filter_items_by_topic_room_language(event):
    release, sessions, a, b = _published(event)
    assert [i.session_id for i in filter_items(release, sessions, topic_ids=(event.robotik.id,))] == [a.id, b.id]
    assert filter_items(release, sessions, languages=("en",)) == []
    assert [i.session_id for i in filter_items(release, sessions, day="2026-11-28")] == [a.id, b.id]
