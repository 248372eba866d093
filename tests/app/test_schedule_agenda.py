"""AppTest: the published schedule, a session's page, and my agenda."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import icalendar
import pytest
from streamlit.testing.v1 import AppTest

from planner.models import RoomDraft, SessionDraft, SlotKind
from planner.domain.timeslots import generate_day
from tests.app.conftest import page, signed_in_as

ROOT = Path(__file__).resolve().parents[2]


def _page(path, user=None, query=None):
    at = AppTest.from_file(str(ROOT / path), default_timeout=30)
    at.session_state["lang"] = "de"
    if user is not None:
        signed_in_as(at, user)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def _texts(at):
    return "\n".join(str(e.value) for kind in ("markdown", "caption", "title", "subheader", "info", "warning", "success")
                     for e in getattr(at, kind))


@pytest.fixture
def published(event):
    store = event.store
    saal, werkstatt = store.venue.save_rooms(event.orga, [RoomDraft("Saal Elbe", 120), RoomDraft("Werkstatt", 25)])
    slots = [s for s in store.venue.save_day(event.orga, "2026-11-28", generate_day()) if s.kind is SlotKind.SESSION]
    a = event.propose(event.anna, "Robotik AG")
    b = event.propose(event.ben, "<b>Mädchen</b> in MINT", description="Mehr dazu im [Pad](https://pad.example.org)")
    c = event.propose(event.cem, "Politische Bildung")
    store.grid.place(event.orga, a.id, saal.id, slots[0].id)
    store.grid.place(event.orga, b.id, werkstatt.id, slots[0].id)
    store.grid.place(event.orga, c.id, saal.id, slots[1].id)
    store.votes.cast(event.cem, a.id)
    store.votes.cast(event.cem, b.id)
    v1 = store.releases.publish(event.orga)
    return event, slots, (saal, werkstatt), (a, b, c), v1


def test_release_time_shown_in_the_events_time_zone(published):
    event, *_ = published
    with sqlite3.connect(event.store.path) as db:
        db.execute("UPDATE releases SET created_at = '2026-11-28T08:05:00+00:00'")
    for path in ("app_pages/schedule.py", "app_pages/agenda.py"):
        at = _page(path, event.anna)
        assert "Stand: v1, veröffentlicht 28.11.2026 09:05" in [c.value for c in at.caption], path
    english = page("app_pages/agenda.py", event.anna, lang="en")
    assert any(c.value.endswith("28 Nov 2026, 09:05") for c in english.caption)  # as days are written, not ISO


def test_schedule_not_published_shows_notice(event):
    at = _page("app_pages/schedule.py", event.anna)
    assert [i.value for i in at.info] == ["Das Programm ist noch nicht veröffentlicht."]


def test_schedule_unpublished_signed_out_gets_sign_in(event):
    at = _page("app_pages/schedule.py")
    assert [w.value for w in at.warning] == ["Bitte melde dich zuerst an."]


def test_schedule_lists_release_by_time_and_is_public(published):
    event, _, _, (a, b, c), v1 = published
    at = _page("app_pages/schedule.py")  # signed out: public once published
    text = _texts(at)
    assert "#### 10:00" in text and "#### 11:00" in text
    assert "10:00–10:45 · Saal Elbe · Anna Amsel" in [c.value for c in at.caption]
    assert "**Robotik AG**" in text
    assert r"**\<b\>Mädchen\</b\> in MINT**" in text  # shown as text
    assert at.tabs[0].label == "Sa 28.11."
    assert page("app_pages/schedule.py", lang="en").tabs[0].label == "Sat 28 Nov"


def test_schedule_filter_by_room(published):
    event, _, (saal, werkstatt), (a, b, c), _ = published
    at = _page("app_pages/schedule.py", event.anna)
    at.multiselect(key="schedule_rooms").set_value([werkstatt.id]).run()
    text = _texts(at)
    assert "Robotik AG" not in text
    assert "Mädchen" in text


def test_session_page_by_query_param(published):
    event, _, _, (a, b, c), _ = published
    at = _page("app_pages/schedule.py", event.anna, query={"session": str(b.id)})
    text = _texts(at)
    assert r"\<b\>Mädchen\</b\> in MINT" in at.title[0].value
    assert "**Wann:** Samstag, 28.11.2026, 10:00–10:45" in text
    assert "[Pad](https://pad.example.org)" in text
    at.button(key=f"star_{b.id}").click().run()
    assert event.store.agenda.stars_of(event.anna) == {b.id}


def test_organiser_previews_the_draft(published):
    event, slots, (saal, _), (a, b, c), _ = published
    event.store.grid.place(event.orga, a.id, saal.id, slots[4].id)
    at = _page("app_pages/schedule.py", event.orga)
    at.toggle(key="schedule_preview").set_value(True).run()
    assert "#### 14:45" in _texts(at)
    participant = _page("app_pages/schedule.py", event.anna)
    assert "#### 14:45" not in _texts(participant)
    assert len(participant.toggle) == 0


def test_agenda_shows_voted_and_starred_with_clash(published):
    event, _, _, (a, b, c), _ = published
    event.store.agenda.set_star(event.cem, c.id, True)
    at = _page("app_pages/agenda.py", event.cem)
    text = _texts(at)
    assert text.index("Robotik AG") < text.index("Politische Bildung")
    assert text.count(":red-badge[Überschneidung]") == 2  # a and b both at 10:00
    assert "Gleichzeitig mit: Robotik AG" in text
    assert len(at.get("download_button")) == 1


def test_agenda_holds_my_own_session_and_flags_a_vote_during_it(published, downloads):
    event, _, _, (a, b, c), _ = published
    event.store.votes.cast(event.anna, b.id)  # at 10:00, when Anna hosts Robotik AG
    at = _page("app_pages/agenda.py", event.anna)
    assert [m.value for m in at.markdown] == [
        "**10:00–10:45** · Robotik AG :blue-badge[Du hostest diese Session]",
        r"**10:00–10:45** · \<b\>Mädchen\</b\> in MINT :red-badge[Während deiner Session]",
    ]
    assert [c.value for c in at.caption][1:] == [
        "Saal Elbe · Anna Amsel",
        "Werkstatt · Ben Bär · abgestimmt",
        "Zur selben Zeit hostest du: Robotik AG. Hier kannst du nicht dabei sein.",
    ]
    calendar = icalendar.Calendar.from_ical(downloads(at)["agenda_ical"][2])
    assert sorted(str(e["summary"]) for e in calendar.walk("VEVENT")) == ["<b>Mädchen</b> in MINT", "Robotik AG"]


def test_agenda_of_a_host_who_voted_for_nothing_in_english(published):
    event, _, _, (a, b, c), _ = published
    at = page("app_pages/agenda.py", event.ben, lang="en")
    assert [m.value for m in at.markdown] == [r"**10:00–10:45** · \<b\>Mädchen\</b\> in MINT :blue-badge[You host this session]"]
    assert [i.value for i in at.info] == []
    assert [h.value for h in at.subheader] == ["Saturday, 28 November 2026"]


def test_agenda_marks_changes_since_last_look_then_clears(published):
    event, slots, (saal, _), (a, b, c), v1 = published
    _page("app_pages/agenda.py", event.cem)  # seen v1
    event.store.grid.place(event.orga, a.id, saal.id, slots[3].id)
    event.store.releases.publish(event.orga)
    at = _page("app_pages/agenda.py", event.cem)
    text = _texts(at)
    assert "1 deiner Sessions hat sich seit „v1“ geändert." in [w.value for w in at.warning]
    assert "Vorher: Sa 28.11. 10:00, Saal Elbe" in text
    again = _page("app_pages/agenda.py", event.cem)
    assert [w.value for w in again.warning] == []


def test_agenda_says_which_of_my_sessions_are_no_longer_in_the_schedule(published):
    """A session taken out of the grid vanished from the agenda without a word."""
    event, slots, (saal, _), (a, b, c), v1 = published
    store = event.store
    _page("app_pages/agenda.py", event.cem)  # seen v1: Cem voted for a and b
    store.grid.unplace(event.orga, b.id)
    store.releases.publish(event.orga)
    at = _page("app_pages/agenda.py", event.cem)
    assert [e.value for e in at.error] == [
        "1 deiner Sessions ist seit „v1“ nicht mehr im Programm:\n- \\<b\\>Mädchen\\</b\\> in MINT "
        "(war Sa 28.11. 10:00, Werkstatt)"]
    # Anna never opened her agenda: the change counts since the release before (she may have read v1 anywhere).
    store.votes.cast(event.anna, b.id)
    assert [e.value.split(":")[0] for e in _page("app_pages/agenda.py", event.anna).error] == [
        "1 deiner Sessions ist seit „v1“ nicht mehr im Programm"]
    assert _page("app_pages/agenda.py", event.cem).error == []  # seen now


def test_schedule_list_one_heading_per_start_time(published):
    """A one-slot and a two-slot session starting together share one heading; each card has its own end."""
    event, slots, (saal, werkstatt), (a, b, c), _ = published
    store = event.store
    aula = store.venue.add_room(event.orga, "Aula", 80)
    workshop = event.propose(event.anna, "Lötwerkstatt", length=2)
    store.grid.place(event.orga, a.id, saal.id, slots[1].id)
    store.grid.place(event.orga, workshop.id, werkstatt.id, slots[1].id)
    store.grid.place(event.orga, c.id, aula.id, slots[1].id)
    store.grid.place(event.orga, b.id, saal.id, slots[0].id)
    store.releases.publish(event.orga)
    at = _page("app_pages/schedule.py", event.anna)
    # The lunch stands between the sessions, as on the public list.
    assert [m.value for m in at.markdown if m.value.startswith("#### ")] == ["#### 10:00", "#### 11:00", "#### 12:45"]
    assert [c.value.split(" · ")[:2] for c in at.caption if " · " in c.value] == [
        ["10:00–10:45", "Saal Elbe"],
        ["11:00–11:45", "Saal Elbe"], ["11:00–12:45", "Werkstatt"], ["11:00–11:45", "Aula"],
        ["Mittagspause", "12:45–13:45"],
    ]


def test_session_page_names_it_as_published_until_the_next_release(published):
    """The schedule, the screens and the feeds show a release as it was
    published; a session's own page must not contradict them."""
    event, _, _, (a, b, c), _ = published
    event.store.sessions.update(event.anna, a.id, SessionDraft(title="Robotik AG für Einsteiger", topic_ids=a.topic_ids), a.version)
    at = _page("app_pages/schedule.py", event.anna, query={"session": str(a.id)})
    assert at.title[0].value == "Robotik AG"
    assert "**Hosts:** Anna Amsel" in _texts(at)


def test_a_link_to_a_session_not_in_the_schedule_says_so(published):
    event, *_ = published
    at = _page("app_pages/schedule.py", event.anna, query={"session": "9999"})
    assert [i.value for i in at.info] == ["Diese Session steht nicht (mehr) im Programm. Hier ist das ganze Programm."]
    assert at.title[0].value == "Programm"


def test_a_sessions_page_opened_from_my_agenda_leads_back_there(published):
    event, _, _, (a, b, c), _ = published
    at = page("app_pages/schedule.py", event.anna, run=False)
    assert _way_back(at, a.id, "agenda") == "Zurück zu Mein Programm"
    assert at.title[0].value == "Mein Programm"


def _way_back(at, session_id, came_from):
    """Open a session's page as a link from ``came_from`` does and take its way back: the button's label."""
    at.query_params["session"] = str(session_id)
    at.query_params["from"] = came_from
    at.run()
    back = at.button(key="schedule_back")
    label = back.label
    back.click().run()
    return label


def test_schedule_grid_links_each_session_to_its_page_and_keeps_break_labels_in_view(published):
    """On a phone the grid swipes sideways: the times and a break's label stay at the left, and a
    title opens the session's own page, as in the list."""
    event, _, _, (a, b, c), _ = published
    at = page("app_pages/schedule.py", event.anna, schedule_view="grid")
    grid = next(h.proto.body for h in at.get("html") if "bg-grid" in h.proto.body)
    assert f"<a href='?session={a.id}' target='_self'>Robotik AG</a>" in grid
    assert "<tr class='brk'><td class='t'>12:45–13:45</td><td colspan='2'><span>Mittagspause</span></td></tr>" in grid
    assert ".bg-grid .brk td span{position:sticky" in grid and "position:sticky;left:0" in grid


def test_a_sessions_page_opened_from_the_sessions_leads_back_there_with_the_search_kept(published):
    """It offered only "back to the schedule", and the search was empty on return."""
    event, _, _, (a, b, c), _ = published
    event.store.event.update(event.orga, schedule_published=True)
    at = page("app_pages/sessions.py", event.cem)
    at.text_input(key="filter_text").input("robotik ag").run()
    [link] = [p for p in at.get("page_link") if p.proto.label.startswith("Im Programm")]  # one found
    assert dict(link.proto.query_string and [kv.split("=") for kv in link.proto.query_string.split("&")]) == {
        "session": str(a.id), "from": "sessions"}
    at.switch_page("pages/schedule.py")
    assert _way_back(at, a.id, "sessions") == "Zurück zu den Sessions"
    assert at.title[0].value == "Sessions"
    assert at.text_input(key="filter_text").value == "robotik ag"
    assert len([p for p in at.get("page_link") if p.proto.label.startswith("Im Programm")]) == 1
