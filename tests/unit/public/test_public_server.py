"""The public server over HTTP: addresses, types, ETag/304, CORS, before the first release, screens."""

from __future__ import annotations

import json

import icalendar

import pytest

from export_data import publish_awkward


@pytest.fixture
def published(event):
    return publish_awkward(event)


def test_before_the_first_release_the_schedule_says_so_and_feeds_are_404(client):
    r = client.get("/p/schedule")
    assert r.status_code == 200 and "Das Programm ist noch nicht veröffentlicht." in r.text
    assert '<html lang="de">' in r.text
    for feed in ("schedule.json", "schedule.xml", "schedule.ics"):
        assert client.get(f"/p/{feed}").status_code == 404
    grid = client.get("/p/grid")
    assert grid.status_code == 200 and "Das Programm ist noch nicht veröffentlicht." in grid.text
    assert 'href="en/grid.html" hreflang="en"' in grid.text  # the language link stays on the grid


def test_the_events_own_language_in_the_address_leads_to_its_pages(client, published):
    """/p/de/... on a German event: the pages in German are one level up."""
    r = client.get("/p/de/schedule?day=2", follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (307, "/p/schedule?day=2")
    assert client.get("/p/de/schedule").text == client.get("/p/schedule").text
    assert client.get("/p/de/nothing-here").status_code == 404


@pytest.mark.parametrize(("path", "mime"), [
    ("/p/schedule", "text/html; charset=utf-8"),
    ("/p/schedule.html", "text/html; charset=utf-8"),
    ("/p/en/schedule", "text/html; charset=utf-8"),
    ("/p/grid", "text/html; charset=utf-8"),
    ("/p/schedule.json", "application/json; charset=utf-8"),
    ("/p/schedule.xml", "application/xml; charset=utf-8"),
    ("/p/schedule.ics", "text/calendar; charset=utf-8"),
    ("/p/static/site.css", "text/css; charset=utf-8"),
    ("/p/static/site.js", "text/javascript; charset=utf-8"),
    ("/p/static/screen.css", "text/css; charset=utf-8"),
    ("/p/board.json", "application/json; charset=utf-8"),
    ("/p/display", "text/html; charset=utf-8"),
    ("/p/screen", "text/html; charset=utf-8"),
])
def test_addresses_and_content_types(client, published, path, mime):
    r = client.get(path)
    assert (r.status_code, r.headers["content-type"]) == (200, mime)
    assert r.headers["x-content-type-options"] == "nosniff"


def test_session_pages_by_id(client, published):
    r = client.get(f"/p/session/{published.robot.id}")
    assert r.status_code == 200 and "Robotik &lt;AG&gt;" in r.text
    assert client.get(f"/p/en/session/{published.robot.id}.html").text.count("Back to the schedule") == 1
    assert client.get("/p/session/99999").status_code == 404


def test_etag_and_304(client, published):
    first = client.get("/p/schedule.json")
    etag = first.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"') and not etag.startswith("W/")
    assert first.headers["cache-control"] == "public, max-age=30"
    again = client.get("/p/schedule.json", headers={"If-None-Match": etag})
    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag)
    assert client.get("/p/schedule.json", headers={"If-None-Match": '"other"'}).status_code == 200
    # pretalx compares the unquoted hash: no 304 then, the full file.
    assert client.get("/p/schedule.json", headers={"If-None-Match": etag.strip('"')}).status_code == 200


def test_feeds_allow_any_origin_pages_do_not(client, published):
    for feed in ("schedule.json", "schedule.xml", "schedule.ics", "board.json"):
        assert client.get(f"/p/{feed}").headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-origin" not in client.get("/p/schedule").headers


def test_a_new_release_changes_the_etag_a_vote_does_not(client, event, published):
    before = client.get("/p/schedule").headers["etag"]
    event.store.votes.cast(event.cem, published.robot.id)
    assert client.get("/p/schedule").headers["etag"] == before
    event.store.event.update(event.orga, name="MINTcamp Umbenannt")
    r = client.get("/p/schedule")
    assert r.headers["etag"] != before and "MINTcamp Umbenannt" in r.text


@pytest.mark.parametrize("path", [
    "/p/../streamlit_app.py", "/p/static/../../planner/store.py", "/p/%2e%2e/%2e%2e/etc/passwd",
    "/p/static/..%2F..%2Fstore.py", "/p/session/../../etc/passwd", "/p/nothing-here",
])
def test_path_traversal_and_unknown_addresses_are_404(client, published, path):
    r = client.get(path)
    assert r.status_code == 404
    assert "import" not in r.text and "root:" not in r.text


def test_unknown_address_page_is_in_the_events_language(client, published):
    r = client.get("/p/nope")
    assert r.status_code == 404 and "Diese Seite gibt es nicht." in r.text


def test_unknown_address_under_the_english_site_answers_in_english(client, published):
    for path in ("/p/en/nope", "/p/en/session/99999"):
        r = client.get(path)
        assert r.status_code == 404 and '<html lang="en"' in r.text and "Diese Seite" not in r.text, path
    assert 'href="/p/en/schedule"' in client.get("/p/en/nope").text


def test_root_redirects_to_the_schedule(client, published):
    r = client.get("/p/", follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (307, "/p/schedule")


def test_board_json_now_and_next(client, published):
    r = client.get("/p/board.json", params={"at": "2026-11-28T10:10"})
    board = r.json()
    assert (board["day"], board["time"], board["state"]) == ("2026-11-28", "10:10", "running")
    hall = next(room for room in board["rooms"] if room["id"] == published.rooms[0].id)
    assert hall["now"]["title"] == "Robotik <AG> & 🤖 für Mädchen"
    assert hall["now"]["hosts"] == ["Anna Amsel", "Ben Bär"]
    assert hall["next"]["title"] == "Workshop über Mittag"


def test_screen_switched_off_and_token(client, event, published):
    event.store.event.update(event.orga, display_enabled=False)
    assert "Der Bildschirm ist ausgeschaltet." in client.get("/p/screen").text
    assert client.get("/p/board.json").status_code == 403
    event.store.event.update(event.orga, display_enabled=True, display_token="geheim")
    assert "braucht seinen Link mit Schlüssel" in client.get("/p/screen").text
    ok = client.get("/p/screen", params={"token": "geheim", "at": "2026-11-28T10:10", "lang": "en"})
    assert "Robotik &lt;AG&gt;" in ok.text and ">Now<" in ok.text


def test_display_page_polls_its_drawing_with_the_same_options(client, published):
    room = published.rooms[0]
    r = client.get(f"/p/display/{room.id}", params={"at": "2026-11-28T10:10", "lang": "en"})
    assert r.status_code == 200 and '<html lang="en">' in r.text
    assert f'data-src="/p/screen?at=2026-11-28T10%3A10&amp;lang=en&amp;room={room.id}"' in r.text
    assert '<script src="/p/static/screen.js"></script>' in r.text
    assert "Robotik &lt;AG&gt;" in r.text  # the first drawing is in the page
    drawing = client.get("/p/screen", params={"at": "2026-11-28T10:10", "lang": "en", "room": str(room.id)})
    assert drawing.status_code == 200 and "vs-door" in drawing.text
    same = client.get("/p/screen", params={"at": "2026-11-28T10:10", "lang": "en", "room": str(room.id)},
                      headers={"If-None-Match": drawing.headers["etag"]})
    assert same.status_code == 304
    assert "Diesen Raum gibt es nicht." in client.get("/p/display/nowhere").text


def test_head_requests_answer_like_get(client, published):
    r = client.head("/p/schedule.ics")
    assert r.status_code == 200 and r.headers["content-type"] == "text/calendar; charset=utf-8"
    assert json.loads(client.get("/p/schedule.json").content)["schedule"]["conference"]["title"] == "MINTcamp Test"


def test_personal_feed_holds_what_one_hosts_voted_or_starred(client, event, published):
    store = event.store
    store.agenda.set_star(event.cem, published.workshop.id, True)
    token = store.agenda.feed_token(event.cem)
    r = client.get(f"/p/feed/{token}.ics")
    assert (r.status_code, r.headers["content-type"]) == (200, "text/calendar; charset=utf-8")
    assert r.headers["cache-control"] == "private, max-age=300"
    calendar = icalendar.Calendar.from_ical(r.content)
    titles = sorted(str(e["summary"]) for e in calendar.walk("VEVENT"))
    assert titles == sorted([published.online.title, published.workshop.title])  # hosts one, starred one
    assert client.get(f"/p/feed/{token}.ics", headers={"If-None-Match": r.headers["etag"]}).status_code == 304


def test_personal_feed_unknown_or_rotated_token_is_404_and_says_nothing(client, event, published):
    old = event.store.agenda.feed_token(event.anna)
    assert client.get(f"/p/feed/{old}.ics").status_code == 200
    new = event.store.agenda.rotate_feed_token(event.anna)
    gone = client.get(f"/p/feed/{old}.ics")
    assert (gone.status_code, gone.text) == (404, "Not found.")
    assert client.get(f"/p/feed/{new}.ics").status_code == 200
    for token in ("x" * 32, "../../etc/passwd", "%00", ""):
        assert client.get(f"/p/feed/{token}.ics").status_code == 404


def test_display_takes_the_room_from_the_query_too(client, published):
    room = published.rooms[0]
    r = client.get("/p/display", params={"room": room.name, "at": "2026-11-28T10:10"})
    assert "vs-door" in r.text and "Robotik &lt;AG&gt;" in r.text


def test_before_an_event_is_set_up_every_address_says_so_in_the_browsers_language(empty_store):
    """It answered "Not set up yet." in tiny plain English text, to a German phone too."""
    from starlette.testclient import TestClient

    from planner.public.server import create_app

    with TestClient(create_app(empty_store.path, check_every=0)) as c:
        german = c.get("/p/schedule", headers={"accept-language": "de-DE,de;q=0.9,en;q=0.8"})
        assert german.status_code == 404 and german.headers["content-type"].startswith("text/html")
        assert '<html lang="de">' in german.text and "Es ist noch keine Veranstaltung eingerichtet." in german.text
        assert '<link rel="stylesheet" href="/p/static/site.css">' in german.text
        assert c.get("/p/static/site.css").status_code == 200  # the page's style is there before set-up too
        english = c.get("/p/display", headers={"accept-language": "en-GB"})
        assert "No event has been set up yet." in english.text
