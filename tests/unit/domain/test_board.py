"""The venue screen's now/next/break/closed at every boundary."""

from __future__ import annotations

from datetime import datetime

import pytest

from planner.domain.board import BoardState, ScreenLink, board, foyer_rooms, local_now, pages_of, screen_links
from planner.models import Release, ReleaseItem, Room, Slot, SlotKind

DAY1, DAY2 = "2026-11-28", "2026-11-29"
ROOMS = [Room(1, "Saal", 100), Room(2, "Werkstatt", 20)]
SLOTS = [
    Slot(1, DAY1, "09:30", "10:00", SlotKind.PLENARY, "Begrüßung"),
    Slot(2, DAY1, "10:00", "10:45"),
    Slot(3, DAY1, "11:00", "11:45"),
    Slot(4, DAY1, "11:45", "12:45", SlotKind.BREAK, "Mittagspause"),
    Slot(5, DAY1, "12:45", "13:30"),
    # day 2 has another pattern
    Slot(6, DAY2, "09:00", "10:30"),
    Slot(7, DAY2, "11:00", "12:30"),
]


def _item(sid, room, slot_ids, day, start, end):
    return ReleaseItem(sid, f"S{sid}", ("Host",), room, ROOMS[room - 1].name, slot_ids, day, start, end)


RELEASE = Release(1, "v1", "2026-11-27T10:00:00+00:00", (
    _item(10, 1, (2,), DAY1, "10:00", "10:45"),
    _item(11, 2, (2, 3), DAY1, "10:00", "11:45"),  # a two-slot workshop
    _item(12, 1, (3,), DAY1, "11:00", "11:45"),
    _item(13, 1, (5,), DAY1, "12:45", "13:30"),
    _item(20, 1, (6,), DAY2, "09:00", "10:30"),
))


def _at(day, hhmm):
    return datetime.fromisoformat(f"{day}T{hhmm}")


def _summary(b):
    return [(r.room.name, r.now.session_id if r.now else None, r.next.session_id if r.next else None) for r in b.rooms]


def test_before_a_day_that_opens_with_the_welcome():
    """The sessions start after the welcome, not at its time."""
    b = board(RELEASE, SLOTS, ROOMS, _at(DAY1, "08:15"))
    assert (b.state, b.label, b.kind, b.opens, b.next_start) == (
        BoardState.BEFORE, "Begrüßung", "plenary", "09:30", "10:00")
    assert _summary(b) == [("Saal", None, 10), ("Werkstatt", None, 11)]


def test_before_a_day_that_opens_with_sessions():
    b = board(RELEASE, SLOTS, ROOMS, _at(DAY2, "08:15"))
    assert (b.state, b.opens, b.next_start) == (BoardState.BEFORE, "", "09:00")


def test_plenary_block_is_a_break_with_label():
    b = board(RELEASE, SLOTS, ROOMS, _at(DAY1, "09:45"))
    assert (b.state, b.label, b.until, b.next_start) == (BoardState.BREAK, "Begrüßung", "10:00", "10:00")


def test_session_starting_exactly_now_is_running():
    b = board(RELEASE, SLOTS, ROOMS, _at(DAY1, "10:00"))
    assert b.state is BoardState.RUNNING
    assert _summary(b) == [("Saal", 10, 12), ("Werkstatt", 11, None)]


def test_last_minute_of_a_slot_is_still_running():
    b = board(RELEASE, SLOTS, ROOMS, _at(DAY1, "10:44"))
    assert _summary(b)[0] == ("Saal", 10, 12)


def test_changeover_between_slots():
    b = board(RELEASE, SLOTS, ROOMS, _at(DAY1, "10:50"))
    assert (b.state, b.next_start) == (BoardState.CHANGEOVER, "11:00")
    # the workshop runs through the changeover in its room
    assert _summary(b) == [("Saal", None, 12), ("Werkstatt", 11, None)]


def test_two_slot_workshop_in_its_second_slot():
    b = board(RELEASE, SLOTS, ROOMS, _at(DAY1, "11:30"))
    assert _summary(b) == [("Saal", 12, 13), ("Werkstatt", 11, None)]


def test_lunch_break_until_and_next():
    b = board(RELEASE, SLOTS, ROOMS, _at(DAY1, "12:00"))
    assert (b.state, b.label, b.until, b.next_start) == (BoardState.BREAK, "Mittagspause", "12:45", "12:45")


def test_after_last_slot_is_closed_and_knows_a_day_follows():
    b = board(RELEASE, SLOTS, ROOMS, _at(DAY1, "13:30"))
    assert (b.state, b.more_days) == (BoardState.CLOSED, True)
    last = board(RELEASE, SLOTS, ROOMS, _at(DAY2, "12:30"))
    assert (last.state, last.more_days) == (BoardState.CLOSED, False)


def test_day_with_another_pattern():
    b = board(RELEASE, SLOTS, ROOMS, _at(DAY2, "10:00"))
    assert b.state is BoardState.RUNNING
    assert _summary(b) == [("Saal", 20, None), ("Werkstatt", None, None)]


def test_day_without_programme():
    assert board(RELEASE, SLOTS, ROOMS, _at("2026-11-27", "10:00")).state is BoardState.NO_PROGRAMME


def test_no_release_yet_shows_empty_rooms():
    b = board(None, SLOTS, ROOMS, _at(DAY1, "10:10"))
    assert _summary(b) == [("Saal", None, None), ("Werkstatt", None, None)]


def test_door_mode_has_the_rest_of_the_day():
    b = board(RELEASE, SLOTS, ROOMS, _at(DAY1, "09:00"))
    saal = b.rooms[0]
    assert (saal.next.session_id, [i.session_id for i in saal.later]) == (10, [12, 13])


@pytest.mark.parametrize(("n", "per", "sizes"), [(0, 6, [0]), (5, 6, [5]), (13, 6, [6, 6, 1]), (12, 6, [6, 6])])
def test_pages_of_rooms(n, per, sizes):
    assert [len(p) for p in pages_of(list(range(n)), per)] == sizes


@pytest.mark.parametrize(
    ("utc", "tz", "local"),
    [
        ("2026-11-28T09:10:00+00:00", "Europe/Berlin", "2026-11-28T10:10"),  # winter: UTC+1
        ("2026-07-04T09:10:00+00:00", "Europe/Berlin", "2026-07-04T11:10"),  # summer: UTC+2
        ("2026-11-28T23:30:00+00:00", "Europe/Berlin", "2026-11-29T00:30"),  # the next day already
        ("2026-11-28T09:10:00+00:00", "UTC", "2026-11-28T09:10"),
    ],
)
def test_local_now_is_the_venue_time(utc, tz, local):
    assert local_now(tz, now=datetime.fromisoformat(utc)).isoformat(timespec="minutes") == local


def test_at_override_wins_and_bad_override_raises():
    assert local_now("Europe/Berlin", "2026-11-28T11:10").isoformat(timespec="minutes") == "2026-11-28T11:10"
    with pytest.raises(ValueError):
        local_now("Europe/Berlin", "gestern")


def test_screen_links_relative_without_a_public_address():
    assert screen_links("", ROOMS) == [
        ScreenLink("/p/display"), ScreenLink("/p/display/1", room=ROOMS[0]), ScreenLink("/p/display/2", room=ROOMS[1]),
    ]


def test_screen_links_under_the_public_address_with_token_and_moment():
    links = screen_links("https://camp.example.org/", ROOMS, token="foyer-7", at="2026-11-28T11:10")
    assert [link.url for link in links] == [
        "https://camp.example.org/p/display?at=2026-11-28T11:10&token=foyer-7",
        "https://camp.example.org/p/display/1?at=2026-11-28T11:10&token=foyer-7",
        "https://camp.example.org/p/display/2?at=2026-11-28T11:10&token=foyer-7",
    ]


def test_screen_links_a_fixed_page_per_group_when_the_rooms_do_not_fit_one():
    rooms = [Room(n, f"R{n}", 10) for n in range(1, 8)]
    links = screen_links("", rooms, per_page=6)
    foyer = [(link.url, link.page, [r.id for r in link.rooms]) for link in links if link.room is None]
    assert foyer == [("/p/display", 0, []), ("/p/display?page=1", 1, [1, 2, 3, 4, 5, 6]), ("/p/display?page=2", 2, [7])]
    assert [link.url for link in links if link.room] == [f"/p/display/{n}" for n in range(1, 8)]


def test_the_foyer_pages_hold_the_rooms_of_the_release_and_every_room_keeps_its_door():
    rooms = [Room(n, f"R{n}", 10) for n in range(1, 8)]
    release = Release(1, "v1", "2026-11-27T10:00:00+00:00", tuple(
        ReleaseItem(10 + n, f"S{n}", (), n, f"R{n}", (2,), DAY1, "10:00", "10:45") for n in (2, 5)))
    assert [r.id for r in foyer_rooms(rooms, release)] == [2, 5]
    assert foyer_rooms(rooms, None) == rooms  # before a release: every room
    links = screen_links("", rooms, per_page=1, foyer=foyer_rooms(rooms, release))
    assert [(link.page, [r.id for r in link.rooms]) for link in links if link.room is None] == [(0, []), (1, [2]), (2, [5])]
    assert [link.room.id for link in links if link.room] == list(range(1, 8))


def test_a_room_published_booked_twice_shows_both_sessions_now():
    """A clash published on purpose (publishing asks first): the screen hides neither."""
    twice = Release(2, "v2", "2026-11-27T10:00:00+00:00", (
        *RELEASE.items, _item(14, 1, (2,), DAY1, "10:00", "10:45")))
    b = board(twice, SLOTS, ROOMS, _at(DAY1, "10:10"))
    saal = b.rooms[0]
    assert (saal.now.session_id, [i.session_id for i in saal.also_now], saal.next.session_id) == (10, [14], 12)
    from planner.site.screen import board_data, render, render_door

    html = render(b, event_name="Camp", lang="de", colours={}, rooms=list(b.rooms), page=0, pages=1)
    door = render_door(b, saal, lang="de", colours={})
    assert all('<div class="vs-title">S10</div>' in x and '<div class="vs-title">S14</div>' in x for x in (html, door))
    assert [r["also_now"] for r in board_data(b, {}, "de")["rooms"]][0][0]["title"] == "S14"


def test_a_long_room_name_is_set_to_fit_and_a_free_rooms_next_session_leads():
    """A door sign shows its whole room name (smaller when long); a foyer card whose room name
    takes two lines keeps two lines for what comes next; a room free now shows its next session
    as large as a running one."""
    from planner.site.screen import render, render_door

    long_rooms = [Room(1, "Großer Veranstaltungssaal im Erdgeschoss", 100), Room(2, "Werkstatt", 20)]
    b = board(RELEASE, SLOTS, long_rooms, _at(DAY1, "09:40"))
    door = render_door(b, b.rooms[0], lang="de", colours={})
    assert '<div class="vs-room vs-long">Großer Veranstaltungssaal im Erdgeschoss</div>' in door
    assert '<div class="vs-label">Als Nächstes · 10:00</div><div class="vs-title">S10</div>' in door
    short = render_door(b, b.rooms[1], lang="de", colours={})
    assert '<div class="vs-room">Werkstatt</div>' in short
    foyer = render(b, event_name="Camp", lang="de", colours={}, rooms=list(b.rooms), page=0, pages=1)
    assert foyer.count('class="vs-card vs-tight"') == 1 and foyer.count('class="vs-card"') == 1
    running = board(RELEASE, SLOTS, ROOMS, _at(DAY1, "10:10"))
    html = render(running, event_name="Camp", lang="de", colours={}, rooms=list(running.rooms), page=0, pages=1)
    assert '<div class="vs-label">Danach · 11:00</div><div class="vs-next">S12</div>' in html


def test_a_room_with_nothing_left_today_says_so():
    """An empty card says why it is empty: nothing today before the day, nothing more once it runs."""
    from planner.site.screen import render

    rooms = [*ROOMS, Room(3, "Lounge", 15)]
    before = board(RELEASE, SLOTS, rooms, _at(DAY1, "09:00"))
    html = render(before, event_name="Camp", lang="de", colours={}, rooms=list(before.rooms), page=0, pages=1)
    assert '<div class="vs-room">Lounge</div><div class="vs-none">Heute keine Sessions in diesem Raum</div>' in html
    running = board(RELEASE, SLOTS, rooms, _at(DAY1, "10:10"))
    html = render(running, event_name="Camp", lang="en", colours={}, rooms=list(running.rooms), page=0, pages=1)
    assert ('<div class="vs-room">Lounge</div><div class="vs-free">Free right now</div>'
            '<div class="vs-none">No more sessions today</div>') in html
    assert html.count('class="vs-none"') == 1  # the Saal and the Werkstatt have more to come
