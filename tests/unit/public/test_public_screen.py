"""The venue screen served by the public server: /p/display (all rooms) and /p/display/<room> (door mode)."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from planner.domain.board import local_now
from planner.models import RoomDraft, SlotKind
from planner.domain.timeslots import generate_day

OFF = '<div class="vs"><div class="vs-state">Der Bildschirm ist ausgeschaltet.</div></div>'
TOKEN_NEEDED = '<div class="vs"><div class="vs-state">Dieser Bildschirm braucht seinen Link mit Schlüssel.</div></div>'
DRAWING = re.compile(r'<div id="screen" data-src="([^"]*)">(.*)</div><script', re.S)


@pytest.fixture
def published(event):
    """Two rooms, a day of slots; Robotik AG now in Saal Elbe, a second session next in the Werkstatt."""
    store = event.store
    saal, werkstatt = store.venue.save_rooms(event.orga, [RoomDraft("Saal Elbe", 120), RoomDraft("Werkstatt", 25)])
    slots = [s for s in store.venue.save_day(event.orga, "2026-11-28", generate_day()) if s.kind is SlotKind.SESSION]
    robotik = event.propose(event.anna, "Robotik AG")
    maedchen = event.propose(event.ben, "<b>Mädchen</b> in MINT", topic_ids=(event.maedchen.id,))
    store.grid.place(event.orga, robotik.id, saal.id, slots[0].id)  # 10:00-10:45
    store.grid.place(event.orga, maedchen.id, werkstatt.id, slots[1].id)  # 11:00-11:45
    store.releases.publish(event.orga)
    return event, (saal, werkstatt), slots


def shown(client: TestClient, room: str = "", headers: dict | None = None, **query: str) -> str:
    """What the screen at /p/display (or /p/display/<room>) draws; the drawing it polls is the same."""
    r = client.get(f"/p/display/{room}" if room else "/p/display", params=query, headers=headers)
    assert r.status_code == 200
    src, initial = DRAWING.search(r.text).groups()
    polled = client.get(src.replace("&amp;", "&"), headers=headers)
    assert polled.status_code == 200 and polled.text == initial
    return initial


def test_screen_shows_now_and_next_per_room_without_sign_in(client, published):
    html = shown(client, at="2026-11-28T10:10")
    assert '<div class="vs-clock">10:10</div>' in html
    assert '<div class="vs-room">Saal Elbe</div><div class="vs-label">Jetzt</div>' \
           '<div class="vs-title">Robotik AG</div><div class="vs-meta">10:00–10:45 · Anna Amsel</div>' in html
    assert '<div class="vs-room">Werkstatt</div><div class="vs-free">Gerade frei</div>' \
           '<div class="vs-label">Als Nächstes · 11:00</div><div class="vs-title">&lt;b&gt;Mädchen&lt;/b&gt; in MINT</div>' in html
    assert "<b>Mädchen</b>" not in html


def test_screen_topic_colour_marks_the_running_session(client, published):
    html = shown(client, at="2026-11-28T10:10")
    assert '<div class="vs-card" style="border-left-color:#d62728"><div class="vs-room">Saal Elbe</div>' in html


def test_screen_later_moment_moves_on(client, published):
    html = shown(client, at="2026-11-28T11:10")
    assert '<div class="vs-title">&lt;b&gt;Mädchen&lt;/b&gt; in MINT</div>' in html
    assert "Robotik AG" not in html


def test_screen_shows_the_release_not_the_working_grid(client, published):
    event, (saal, _), slots = published
    late = event.propose(event.cem, "Nachzügler-Session")
    event.store.grid.place(event.orga, late.id, saal.id, slots[1].id)  # placed after publishing
    html = shown(client, at="2026-11-28T11:10")
    assert "Nachzügler-Session" not in html
    assert '<div class="vs-room">Saal Elbe</div><div class="vs-free">Gerade frei</div>' in html


def test_screen_leaves_out_a_session_withdrawn_after_the_release(client, published):
    event, _, _ = published
    robotik = next(s for s in event.store.sessions.list() if s.title == "Robotik AG")
    event.store.sessions.withdraw(event.anna, robotik.id)
    html = shown(client, at="2026-11-28T10:10")
    assert "Robotik AG" not in html
    # Nothing of the release is left in the room: the foyer leaves it out, its door says it is free.
    assert '<div class="vs-room">Saal Elbe</div>' not in html
    assert "Gerade frei" in shown(client, "Saal Elbe", at="2026-11-28T10:10")


def test_screen_unpublished_schedule_shows_no_titles(client, published):
    event, _, _ = published
    event.store.event.update(event.orga, schedule_published=False)
    html = shown(client, at="2026-11-28T10:10")
    assert "Robotik AG" not in html and "Mädchen" not in html
    assert '<div class="vs-room">Saal Elbe</div><div class="vs-free">Gerade frei</div>' in html


@pytest.mark.parametrize("room", ["", "Werkstatt"])
def test_screen_switched_off_says_so_and_shows_no_schedule(client, published, room):
    event, _, _ = published
    event.store.event.update(event.orga, display_enabled=False)
    assert shown(client, room, at="2026-11-28T10:10") == OFF


@pytest.mark.parametrize("query", [{}, {"token": "falsch"}, {"token": ""}])
@pytest.mark.parametrize("room", ["", "Werkstatt"])
def test_screen_token_wrong_or_missing_shows_no_schedule(client, published, query, room):
    event, _, _ = published
    event.store.event.update(event.orga, display_token="foyer-7")
    assert shown(client, room, at="2026-11-28T10:10", **query) == TOKEN_NEEDED


def test_screen_right_token_shows_schedule(client, published):
    event, _, _ = published
    event.store.event.update(event.orga, display_token="foyer-7")
    assert '<div class="vs-title">Robotik AG</div>' in shown(client, at="2026-11-28T10:10", token="foyer-7")


def test_screen_token_set_while_running_darkens_the_polled_drawing(client, published):
    event, _, _ = published
    assert "Robotik AG" in client.get("/p/screen", params={"at": "2026-11-28T10:10"}).text
    event.store.event.update(event.orga, display_token="foyer-7")
    assert client.get("/p/screen", params={"at": "2026-11-28T10:10"}).text == TOKEN_NEEDED


@pytest.mark.parametrize("room", ["werkstatt", "WERKSTATT", "id"])
def test_screen_door_mode_shows_one_room_by_name_or_id(client, published, room):
    _, (_, werkstatt), _ = published
    html = shown(client, str(werkstatt.id) if room == "id" else room, at="2026-11-28T10:10")
    assert '<div class="vs vs-door"><div class="vs-head"><div class="vs-room">Werkstatt</div>' in html
    assert '<div class="vs-title">&lt;b&gt;Mädchen&lt;/b&gt; in MINT</div>' in html
    assert "Saal Elbe" not in html and "Robotik AG" not in html


def test_screen_door_mode_by_a_name_with_spaces(client, published):
    html = shown(client, "Saal Elbe", at="2026-11-28T10:10")
    assert '<div class="vs-room">Saal Elbe</div>' in html and '<div class="vs-title">Robotik AG</div>' in html


def test_screen_door_mode_by_query_draws_the_door_from_the_start(client, published):
    """``/p/display?room=`` used to draw all rooms first and the door only from the first poll on."""
    r = client.get("/p/display", params={"room": "Werkstatt", "at": "2026-11-28T10:10"})
    src, initial = DRAWING.search(r.text).groups()
    assert client.get(src.replace("&amp;", "&")).text == initial
    assert '<div class="vs vs-door"><div class="vs-head"><div class="vs-room">Werkstatt</div>' in initial


def test_screen_door_mode_unknown_room_says_so(client, published):
    assert shown(client, "Keller", at="2026-11-28T10:10") == (
        '<div class="vs"><div class="vs-state">Diesen Raum gibt es nicht.</div></div>'
    )


def test_screen_door_mode_lists_the_rest_of_the_day(client, published):
    event, (saal, _), slots = published
    third = event.propose(event.cem, "Lego Mindstorms")
    event.store.grid.place(event.orga, third.id, saal.id, slots[3].id)  # 13:45
    fourth = event.propose(event.anna, "WRO-Training")
    event.store.grid.place(event.orga, fourth.id, saal.id, slots[4].id)  # 14:45
    event.store.releases.publish(event.orga)
    html = shown(client, str(saal.id), at="2026-11-28T10:10")
    assert '<div class="vs-next">Lego Mindstorms</div>' in html
    assert "<ul><li>14:45–15:30 · WRO-Training</li></ul>" in html


def test_screen_invalid_time_silently_uses_now(client, published):
    """The old Streamlit screen said so in a toast; the public page has nowhere to say it."""
    before = local_now("Europe/Berlin").strftime("%H:%M")
    html = shown(client, at="morgen früh")
    after = local_now("Europe/Berlin").strftime("%H:%M")
    clock = re.search(r'<div class="vs-clock">(\d\d:\d\d)</div>', html).group(1)
    assert clock in {before, after}


def test_screen_language_from_the_address(client, published):
    r = client.get("/p/display", params={"at": "2026-11-28T10:10", "lang": "en"})
    assert '<html lang="en">' in r.text
    html = shown(client, at="2026-11-28T10:10", lang="en")
    assert '<div class="vs-label">Now</div>' in html and '<div class="vs-free">Free right now</div>' in html


def test_screen_unknown_language_falls_back_to_the_events(client, published):
    html = shown(client, at="2026-11-28T10:10", lang="fr")
    assert '<div class="vs-label">Jetzt</div>' in html


def test_screen_qr_code_links_the_schedule_at_base_url(client, published):
    event, _, _ = published
    event.store.event.update(event.orga, base_url="https://mintcamp.example.org/")
    html = shown(client, at="2026-11-28T10:10")
    assert "Programm aufs Handy: https://mintcamp.example.org/p/schedule" in html
    assert '<img class="vs-qr" src="data:image/svg+xml' in html
    assert 'alt="QR: https://mintcamp.example.org/p/schedule"' in html


def test_screen_without_base_url_on_localhost_has_no_qr_code(client, published):
    html = shown(client, headers={"host": "127.0.0.1:8502"}, at="2026-11-28T10:10")
    assert '<img class="vs-qr"' not in html and "Programm aufs Handy" not in html


def test_screen_without_base_url_links_the_schedule_on_the_host_it_was_opened_at(client, published):
    html = shown(client, headers={"host": "camp.local:8080"}, at="2026-11-28T10:10")
    assert "Programm aufs Handy: http://camp.local:8080/p/schedule" in html
    assert '<img class="vs-qr" src="data:image/svg+xml' in html


def test_screen_break_shows_its_label_and_end(client, published):
    html = shown(client, at="2026-11-28T12:50")
    # The generated lunch is stored as the built-in "@lunch", shown in the screen's language.
    assert '<div class="vs-state">Mittagspause bis 13:45</div>' in html
    english = shown(client, at="2026-11-28T12:50", lang="en")
    assert '<div class="vs-state">Lunch until 13:45</div>' in english


def test_screen_before_the_day_says_when_it_starts(client, published):
    html = shown(client, at="2026-11-28T08:30")
    assert '<div class="vs-state">Nächste Sessions um 10:00</div>' in html


def test_screen_before_a_day_that_opens_with_the_welcome_names_it_and_when_sessions_start(client, published):
    event, _, _ = published
    slots = event.store.venue.save_day(event.orga, "2026-11-28", generate_day(start="09:30", opening_minutes=30))
    assert (slots[0].kind, slots[0].start, slots[1].start) == (SlotKind.PLENARY, "09:30", "10:00")
    html = shown(client, at="2026-11-28T08:30")
    assert '<div class="vs-state">Begrüßung &amp; Sessionplanung um 09:30 · Nächste Sessions um 10:00</div>' in html
    english = shown(client, at="2026-11-28T08:30", lang="en")
    assert '<div class="vs-state">Welcome &amp; session pitch at 09:30 · Next sessions at 10:00</div>' in english


def test_screen_pages_of_six_rooms(client, published):
    event, _, _ = published
    event.store.venue.save_rooms(event.orga, [RoomDraft(f"Raum {n}", 20) for n in range(3, 9)])
    event.store.event.update(event.orga, schedule_published=False)  # before a release: every room
    first = shown(client, at="2026-11-28T10:10", page="1")
    second = shown(client, at="2026-11-28T10:10", page="2")
    assert first.count('class="vs-card"') == 6 and "Räume, Seite 1 von 2" in first
    assert second.count('class="vs-card"') == 2 and "Räume, Seite 2 von 2" in second
    assert '<div class="vs-room">Raum 8</div>' in second and '<div class="vs-room">Raum 8</div>' not in first
    third = shown(client, at="2026-11-28T10:10", page="3")
    assert "Seite 3 gibt es nicht, nur 1 bis 2: hier alle Seiten im Wechsel." in third
    assert "vs-card" in third and "Räume, Seite" not in third


def test_the_foyer_shows_the_rooms_of_the_release_not_rooms_added_since(client, published):
    """Two rooms added on the morning pushed the foyer to "Seite 2 von 2" with "nothing today"."""
    event, _, _ = published
    event.store.venue.save_rooms(event.orga, [*event.store.venue.rooms(), *(RoomDraft(f"Raum {n}", 20) for n in range(3, 9))])
    html = shown(client, at="2026-11-28T10:10")
    assert html.count('class="vs-card"') == 2 and "Räume, Seite" not in html
    assert '<div class="vs-room">Raum 3</div>' not in html
    assert '<div class="vs-room">Raum 3</div>' in shown(client, "Raum 3", at="2026-11-28T10:10")  # its door works


def test_a_page_that_does_not_exist_says_so_and_shows_the_rooms(client, published):
    for page in ("2", "0", "<b>x"):
        html = shown(client, at="2026-11-28T10:10", page=page)
        assert html.count('class="vs-card"') == 2, page
    assert "Seite 2 gibt es nicht: alle Räume passen auf 1 Seite." in shown(client, at="2026-11-28T10:10", page="2")
    assert "There is no page &lt;b&gt;x: all rooms fit on 1 page." in shown(client, page="<b>x", lang="en")
    assert "gibt es nicht" not in shown(client, at="2026-11-28T10:10", page="1")


def test_a_room_deleted_after_the_release_stays_on_the_screen_and_the_schedule(client, published):
    """What people were told stands until the next release: the sessions of a
    room deleted since keep it, under its published name, on the screen, the
    schedule and the feeds."""
    event, (saal, werkstatt), _slots = published
    event.store.venue.save_rooms(event.orga, [RoomDraft("Saal Elbe", 120, id=saal.id)], delete_ids=[werkstatt.id])
    html = shown(client, at="2026-11-28T10:10")
    assert '<div class="vs-room">Werkstatt</div><div class="vs-free">Gerade frei</div>' \
           '<div class="vs-label">Als Nächstes · 11:00</div><div class="vs-title">&lt;b&gt;Mädchen&lt;/b&gt; in MINT</div>' in html
    schedule = client.get("/p/schedule").text
    assert "Werkstatt" in schedule and "&lt;b&gt;Mädchen&lt;/b&gt; in MINT" in schedule
    feed = client.get("/p/schedule.json").json()
    rooms = feed["schedule"]["conference"]["days"][0]["rooms"]
    assert [t["title"] for t in rooms["Werkstatt"]] == ["<b>Mädchen</b> in MINT"]


def test_screens_on_days_around_the_programme(client, published):
    """The evening before: the door knows its room and the foyer says when it starts; before the
    day opens no room is "free"; after the last slot no empty cards under the closing line."""
    _event, (saal, _werkstatt), _slots = published
    door = shown(client, str(saal.id), at="2026-11-27T19:00")
    assert "Diesen Raum gibt es nicht." not in door and '<div class="vs-room">Saal Elbe</div>' in door
    assert '<div class="vs-state">Heute steht kein Programm an. Nächster Programmtag: Samstag, 28.11.2026.</div>' in door
    assert "vs-card" not in door
    foyer = shown(client, at="2026-11-27T19:00")
    assert "Nächster Programmtag: Samstag, 28.11.2026." in foyer and "vs-card" not in foyer
    before = shown(client, at="2026-11-28T08:30")
    assert "Gerade frei" not in before and '<div class="vs-label">Als Nächstes · 10:00</div>' in before
    closed = shown(client, at="2026-11-28T19:00")
    assert "vs-card" not in closed and "Gerade frei" not in closed
    assert "Heute steht kein Programm an.</div>" in shown(client, at="2026-11-29T10:00")  # after the last day
