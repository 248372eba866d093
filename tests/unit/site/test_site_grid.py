"""The app's grid table: user text escaped, marks as words a kiosk PC without emoji fonts can show."""

from __future__ import annotations

import re

from planner.site.grid_rows import day_rows
from planner.i18n import t
from planner.models import Room, Slot
from planner.site.grid import CellInfo, render_grid

ROOMS = [Room(1, "Saal <Elbe>", 20), Room(2, "Lounge", 10)]
SLOTS = [Slot(1, "2026-11-28", "10:00", "10:45")]


def test_marks_are_words_in_the_users_language_not_emoji():
    rows = day_rows("2026-11-28", SLOTS, ROOMS, {7: (1, (1,)), 8: (2, (1,))})
    cells = {7: CellInfo("<b>Robotik</b>", "Ann", votes=30, pinned=True, warning=True, overflow=True),
             8: CellInfo("Löten", "Bo", votes=1)}
    table = render_grid(rows, ROOMS, cells, break_label={}, seats_word="Plätze",
                        votes_text=lambda n: t("sessions.votes_n", "de", n=n),
                        marks={"pin": "angepinnt", "warning": "Regel verletzt", "overflow": "zu voll"})
    assert ">angepinnt</span>" in table and ">Regel verletzt</span>" in table and ">zu voll</span>" in table
    assert table.count("class='mk ") == 3  # none on the session that breaks nothing
    assert not re.search("[\U0001F300-\U0001FAFF\u2600-\u27BF]", table)
    assert "&lt;b&gt;Robotik&lt;/b&gt;" in table and "Saal &lt;Elbe&gt;" in table
    assert "Ann · 30 Stimmen" in table and "Bo · 1 Stimme<" in table  # one vote is no "1 Stimmen"


def test_a_room_booked_twice_shows_both_sessions_in_its_cell():
    """A hand-made clash: the grid shows both (the planning page warns), it hides neither."""
    slots = [*SLOTS, Slot(2, "2026-11-28", "11:00", "11:45")]
    rows = day_rows("2026-11-28", slots, ROOMS, {7: (1, (1,)), 8: (1, (1, 2)), 9: (2, (2,))})
    assert [c.entries for c in rows[0].cells] == [((7, True), (8, True)), ()]
    assert [c.entries for c in rows[1].cells] == [((8, False),), ((9, True),)]
    cells = {7: CellInfo("Robotik", "Ann", warning=True), 8: CellInfo("Löten", "Bo", warning=True),
             9: CellInfo("Kunst", "Cy")}
    table = render_grid(rows, ROOMS, cells, break_label={})
    first_row = table.split("<tr>")[2]
    assert "<b>Robotik</b>" in first_row and "<b>Löten</b>" in first_row
    assert "↳ Löten" in table.split("<tr>")[3]
