"""The screen's HTML: user text escaped, states in words, QR code present."""

from __future__ import annotations

from datetime import datetime

from planner.domain.board import board
from planner.site.screen import render, render_door
from planner.models import Release, ReleaseItem, Room, Slot, SlotKind

ROOMS = [Room(1, "Saal <Elbe>", 100)]
SLOTS = [Slot(1, "2026-11-28", "10:00", "10:45"), Slot(2, "2026-11-28", "10:45", "11:45", SlotKind.BREAK, "Mittag")]
ITEM = ReleaseItem(7, "<script>alert(1)</script>", ("Ann & Bo",), 1, "Saal <Elbe>", (1,), "2026-11-28", "10:00", "10:45")
RELEASE = Release(1, "v1", "2026-11-27T00:00:00+00:00", (ITEM,))


def test_render_escapes_titles_hosts_rooms():
    b = board(RELEASE, SLOTS, ROOMS, datetime(2026, 11, 28, 10, 5))
    page = render(b, event_name="Camp <3", lang="de", colours={7: "#d62728"}, rooms=list(b.rooms), page=0, pages=1)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Saal &lt;Elbe&gt;" in page and "Ann &amp; Bo" in page and "Camp &lt;3" in page
    assert "border-left-color:#d62728" in page
    assert ">Jetzt<" in page and ">10:05<" in page


def test_render_break_line_and_qr():
    b = board(RELEASE, SLOTS, ROOMS, datetime(2026, 11, 28, 11, 0))
    page = render(b, event_name="Camp", lang="en", colours={}, rooms=list(b.rooms), page=0, pages=2,
                  qr_url="https://camp.example.org/schedule")
    assert "Mittag until 11:45" in page
    assert "Rooms, page 1 of 2" in page
    assert 'src="data:image/svg+xml' in page


def test_render_closed_message():
    b = board(RELEASE, SLOTS, ROOMS, datetime(2026, 11, 28, 12, 0))
    page = render(b, event_name="Camp", lang="de", colours={}, rooms=list(b.rooms), page=0, pages=1)
    assert "Danke fürs Mitmachen! Das Barcamp ist zu Ende." in page


def test_door_mode_lists_now_and_escapes():
    b = board(RELEASE, SLOTS, ROOMS, datetime(2026, 11, 28, 10, 10))
    page = render_door(b, b.rooms[0], lang="en", colours={})
    assert ">Now<" in page and "&lt;script&gt;" in page and "<script>alert" not in page
