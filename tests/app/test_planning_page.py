"""AppTest: the planning page: adjust by hand, publish, pitch mode."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner.domain.text import WORD_JOINER, escape_markdown
from tests.app.conftest import signed_in_as
from tests.conftest import planned as planned_event

ROOT = Path(__file__).resolve().parents[2]


def _page(user):
    at = AppTest.from_file(str(ROOT / "app_pages/planning.py"), default_timeout=30)
    at.session_state["lang"] = "de"
    signed_in_as(at, user)
    return at.run()


def _plain(text: str) -> str:
    """Markdown text as the reader sees it (escapes and word joiners gone)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text).replace(WORD_JOINER, "")


def _adjust_tab(at):
    return next(t for t in at.tabs if t.label == "Von Hand ändern")


def _texts(at):
    return "\n".join(str(e.value) for kind in ("markdown", "caption", "subheader", "info", "success", "error")
                     for e in getattr(at, kind))


@pytest.fixture
def planned(event):
    return planned_event(event, 2)


def test_participant_refused(planned):
    event, *_ = planned
    at = _page(event.anna)
    assert [e.value for e in at.error] == ["Diese Seite ist nur für das Orga-Team."]
    assert len(at.tabs) == 0


def test_move_pin_unschedule_by_hand(planned):
    event, rooms, slots, a, b = planned
    at = _page(event.orga)
    assert "Nicht im Plan (2)" in _texts(at)
    at.selectbox(key="adjust_session").set_value(a.id)
    at.selectbox(key="adjust_room").set_value(rooms[1].id)
    at.selectbox(key="adjust_slot").set_value(slots[2].id).run()  # the browser reruns on each change
    at.button(key="adjust_move").click().run()
    placed = event.store.grid.working()
    assert [(p.session_id, p.room_id, p.slot_id, p.pinned) for p in placed] == [(a.id, rooms[1].id, slots[2].id, False)]
    slot = slots[2]
    said = _plain(_adjust_tab(at).success[0].value)  # in the adjust tab, where the edit was made
    assert said == f"„Robotik AG“ liegt jetzt in Werkstatt, Sa {slot.start}. Keine Regel ist verletzt."
    # The session list's label follows the move at once.
    assert at.selectbox(key="adjust_session").format_func(a.id).endswith(f"— Werkstatt, Sa {slot.start}")
    at.button(key="adjust_pin").click().run()
    assert event.store.grid.working()[0].pinned is True
    assert _adjust_tab(at).success[0].value.startswith("„Robotik AG“ ist angepinnt: Der Scheduler lässt sie, wo sie ist.")
    at.button(key="adjust_unschedule").click().run()
    assert event.store.grid.working() == []


def test_swap_two_placed_sessions_by_hand_and_the_box_closes(planned):
    event, rooms, slots, a, b = planned
    event.store.grid.place(event.orga, a.id, rooms[0].id, slots[0].id)
    event.store.grid.place(event.orga, b.id, rooms[1].id, slots[1].id)
    at = _page(event.orga)
    at.selectbox(key="adjust_session").set_value(a.id).run()
    at.selectbox(key="adjust_swap_with").set_value(b.id)
    at.button(key="adjust_swap").click().run()
    placed = {p.session_id: (p.room_id, p.slot_id) for p in event.store.grid.working()}
    assert placed == {a.id: (rooms[1].id, slots[1].id), b.id: (rooms[0].id, slots[0].id)}
    assert [s.value for s in _adjust_tab(at).success] == ["Getauscht. Keine Regel ist verletzt."]
    assert at.session_state["adjust_swap_open"] is False  # the box closed: the result stands below the buttons


def test_publish_shows_changes_then_history(planned):
    event, rooms, slots, a, b = planned
    event.store.grid.place(event.orga, a.id, rooms[0].id, slots[0].id)
    at = _page(event.orga)
    assert "Noch nichts veröffentlicht. Der Entwurf hat 1 Session." in _texts(at)
    at.text_input(key="release_name").input("Samstag v1")
    at.button(key="FormSubmitter:publish_form-Jetzt veröffentlichen").click().run()
    assert [r.name for r in event.store.releases.all()] == ["Samstag v1"]
    assert "„Samstag v1“ ist veröffentlicht (1 Session)." in _texts(at)
    history = [e.label for e in at.expander if e.label.startswith("Samstag v1 · ")]
    assert len(history) == 1 and history[0].endswith(" · 1 Session")
    event.store.grid.place(event.orga, a.id, rooms[0].id, slots[1].id)
    at = _page(event.orga)
    assert "Seit „Samstag v1“ geändert (1):" in _texts(at)
    assert f"- Verschoben: **Robotik AG** ({escape_markdown('Sa 10:00, Saal')} → {escape_markdown('Sa 11:00, Saal')})" in _texts(at)


def test_publish_refuses_a_draft_changed_after_it_was_shown(planned):
    event, rooms, slots, a, b = planned
    event.store.grid.place(event.orga, a.id, rooms[0].id, slots[0].id)
    at = _page(event.orga)
    assert "Noch nichts veröffentlicht. Der Entwurf hat 1 Session." in _texts(at)
    # Another organiser adds a session to the draft while this one reads the list.
    event.store.grid.place(event.orga, b.id, rooms[1].id, slots[0].id)
    at.button(key="FormSubmitter:publish_form-Jetzt veröffentlichen").click().run()
    assert event.store.releases.all() == []
    assert [e.value for e in at.error] == ["Der Entwurf hat sich geändert, seit du die Änderungen gesehen hast. "
                                           "Die Liste ist jetzt aktuell: prüfe sie und veröffentliche dann noch einmal."]
    assert "Noch nichts veröffentlicht. Der Entwurf hat 2 Sessions." in _texts(at)
    # The second click publishes what the page shows now.
    at.button(key="FormSubmitter:publish_form-Jetzt veröffentlichen").click().run()
    assert [sorted(i.session_id for i in r.items) for r in event.store.releases.all()] == [sorted([a.id, b.id])]


def test_pitch_adds_and_places(planned):
    event, rooms, slots, a, b = planned
    at = _page(event.orga)
    at.text_input(key="pitch_title").input("Spontan: Arduino-Ecke")
    at.text_input(key="pitch_host").input("Frieda aus Kiel")
    at.number_input(key="pitch_hands").set_value(14)
    at.selectbox(key="pitch_room").set_value(rooms[0].id)
    at.selectbox(key="pitch_slot").set_value(slots[3].id)
    at.button(key="FormSubmitter:pitch_form-Aufnehmen").click().run()
    created = next(s for s in event.store.sessions.list() if s.title == "Spontan: Arduino-Ecke")
    assert (created.host_name, created.hand_votes) == ("Frieda aus Kiel", 14)
    assert [(p.room_id, p.slot_id) for p in event.store.grid.working()] == [(rooms[0].id, slots[3].id)]


def test_pitch_without_host_refused_and_the_form_keeps_what_was_typed(planned):
    event, rooms, *_ = planned
    at = _page(event.orga)
    at.text_input(key="pitch_title").input("Ohne Host")
    at.number_input(key="pitch_hands").set_value(12)
    at.button(key="FormSubmitter:pitch_form-Aufnehmen").click().run()
    assert "Wer hält die Session? Gib einen Namen (oder @benutzername) an." in [e.value for e in at.error]
    assert "Ohne Host" not in {s.title for s in event.store.sessions.list()}
    assert (at.text_input(key="pitch_title").value, at.number_input(key="pitch_hands").value) == ("Ohne Host", 12)
    # Half a place (a room, no slot) is refused before anything is stored.
    at.text_input(key="pitch_host").input("Frieda aus Kiel")
    at.selectbox(key="pitch_room").set_value(rooms[0].id)
    at.button(key="FormSubmitter:pitch_form-Aufnehmen").click().run()
    assert at.error[-1].value.startswith("Für einen Platz im Raster braucht es Raum und Slot")
    assert "Ohne Host" not in {s.title for s in event.store.sessions.list()}


def test_pitch_shows_its_topic_and_a_clash_it_makes_then_an_empty_form(planned):
    event, rooms, slots, a, b = planned
    event.store.grid.place(event.orga, a.id, rooms[0].id, slots[0].id)
    at = _page(event.orga)
    assert at.selectbox(key="pitch_topic").value == event.robotik.id  # stored as shown, not a hidden default
    at.text_input(key="pitch_title").input("Doppelt belegt")
    at.text_input(key="pitch_host").input("Frieda aus Kiel")
    at.selectbox(key="pitch_topic").set_value(event.maedchen.id)
    at.selectbox(key="pitch_room").set_value(rooms[0].id)
    at.selectbox(key="pitch_slot").set_value(slots[0].id)
    at.button(key="FormSubmitter:pitch_form-Aufnehmen").click().run()
    created = next(s for s in event.store.sessions.list() if s.title == "Doppelt belegt")
    assert created.topic_ids == (event.maedchen.id,)
    assert any("Doppelt belegt" in _plain(e.value) and "Robotik AG" in _plain(e.value) for e in at.error)  # room booked twice
    # Said first, above the rules it breaks (only a green "aufgenommen" stood above them).
    assert any(w.value.startswith("Wo du sie hingelegt hast, geht es so nicht: verschiebe sie unter „Von Hand ändern“. "
                                  "Das verletzt jetzt") for w in at.warning)
    assert at.text_input(key="pitch_r1_title").value == ""


def _generated(planned):
    """The planning page after a 2 s run, cem voting for both sessions."""
    event, _rooms, _slots, a, b = planned
    event.store.votes.cast(event.cem, a.id)
    event.store.votes.cast(event.cem, b.id)
    at = _page(event.orga)
    at.select_slider(key="solve_limit").set_value(2)
    return at.button(key="solve_run").click().run(timeout=60)


def test_generate_then_keep_fills_the_draft(planned):
    event, rooms, slots, a, b = planned
    at = _generated(planned)
    assert "Vorschlag: erfüllte Stimmen 2 von 2, Sessions im Plan 2 von 2, verschoben 0" in [s.value for s in at.success][0]
    assert event.store.grid.working() == []  # nothing changes before "keep"
    at.button(key="solve_keep").click().run()
    placed = event.store.grid.working()
    assert sorted(p.session_id for p in placed) == [a.id, b.id]
    assert len({p.slot_id for p in placed}) == 2  # cem can go to both
    assert "Das erzeugte Raster ist jetzt der Entwurf." in _texts(at)
    assert [m.value for m in at.metric][0] == "2 / 2"


def test_a_proposal_is_not_kept_over_a_draft_changed_meanwhile(planned):
    event, rooms, slots, a, b = planned
    at = _generated(planned)
    assert not at.button(key="solve_keep").disabled
    # Another organiser places a session by hand while this one looks at the proposal.
    event.store.grid.place(event.orga, a.id, rooms[1].id, slots[3].id)
    at.run()
    warning = "Der Entwurf wurde geändert, während dieser Vorschlag entstand (von Hand oder im Pitch)."
    assert any(w.value.startswith(warning) for w in at.warning)
    assert at.button(key="solve_keep").disabled
    assert [(p.session_id, p.room_id, p.slot_id) for p in event.store.grid.working()] == [(a.id, rooms[1].id, slots[3].id)]
    # A new run starts from the changed draft and may be kept.
    at.button(key="solve_run").click().run(timeout=60)
    assert not any(w.value.startswith(warning) for w in at.warning)
    at.button(key="solve_keep").click().run()
    assert sorted(p.session_id for p in event.store.grid.working()) == [a.id, b.id]


def test_publishing_a_draft_that_breaks_rules_asks_first(planned):
    event, rooms, slots, a, b = planned
    c = event.propose(event.anna, "Zweite Session von Anna")
    event.store.grid.place(event.orga, a.id, rooms[0].id, slots[0].id)
    event.store.grid.place(event.orga, c.id, rooms[1].id, slots[0].id)  # Anna twice at 10:00
    at = _page(event.orga)
    publish = "FormSubmitter:publish_form-Jetzt veröffentlichen"
    assert any(w.value == "Der Entwurf verletzt 1 Regel; so veröffentlicht, planen alle ihren Tag danach:"
               for w in at.warning)
    at.button(key=publish).click().run()
    assert event.store.releases.all() == []
    assert "Nichts veröffentlicht: der Entwurf verletzt Regeln." in at.error[-1].value
    at.checkbox(key="publish_anyway").check()
    at.button(key=publish).click().run()
    assert [len(r.items) for r in event.store.releases.all()] == [2]


def test_hand_made_clash_shows_a_named_warning(planned):
    event, rooms, slots, a, b = planned
    c = event.propose(event.anna, "Zweite Session von Anna")
    event.store.grid.place(event.orga, a.id, rooms[0].id, slots[0].id)
    event.store.grid.place(event.orga, c.id, rooms[1].id, slots[0].id)
    at = _page(event.orga)
    assert escape_markdown("„Robotik AG“, „Zweite Session von Anna“ haben zur selben Zeit („Sa 10:00“) denselben Host: „Anna Amsel“.") in [
        e.value for e in at.error
    ]


def test_discard_keeps_the_draft(planned):
    event, rooms, slots, a, b = planned
    event.store.grid.place(event.orga, a.id, rooms[0].id, slots[4].id)
    at = _page(event.orga)
    at.select_slider(key="solve_limit").set_value(2)
    at.button(key="solve_run").click().run(timeout=60)
    at.button(key="solve_discard").click().run()
    assert [(p.session_id, p.slot_id) for p in event.store.grid.working()] == [(a.id, slots[4].id)]


@pytest.mark.parametrize("failure", ["bug", "problem"])
def test_failed_solver_run_changes_nothing(planned, monkeypatch, failure):
    import planner.scheduler.solve as solve_module
    from planner.errors import ProblemError

    event, rooms, slots, a, b = planned
    event.store.grid.place(event.orga, a.id, rooms[0].id, slots[4].id)

    def broken(problem, **kwargs):
        if failure == "bug":
            raise RuntimeError("boom")
        raise ProblemError("error.problem", detail="pins clash")

    monkeypatch.setattr(solve_module, "solve", broken)
    at = _page(event.orga)
    at.select_slider(key="solve_limit").set_value(2)
    at.button(key="solve_run").click().run(timeout=60)
    assert [(p.session_id, p.slot_id) for p in event.store.grid.working()] == [(a.id, slots[4].id)]
    assert [b.key for b in at.button if b.key in ("solve_keep", "solve_discard")] == []
    (status,) = at.main.status
    assert status.icon == ":material/error:"
    if failure == "bug":
        assert status.label.startswith("Die Suche ist abgebrochen")
    assert not at.exception


def test_a_move_that_breaks_a_rule_says_so_where_it_was_made(planned):
    event, rooms, slots, a, b = planned
    event.store.availability.set_unavailable(event.orga, event.anna.id, [slots[2].id])  # Anna hosts Robotik AG
    at = _page(event.orga)
    at.selectbox(key="adjust_session").set_value(a.id)
    at.selectbox(key="adjust_room").set_value(rooms[0].id)
    at.selectbox(key="adjust_slot").set_value(slots[2].id).run()
    at.button(key="adjust_move").click().run()
    adjust = _adjust_tab(at)
    assert adjust.success == []
    assert adjust.warning[0].value.startswith("„Robotik AG“ liegt jetzt in Saal")
    assert adjust.warning[0].value.endswith("Das verletzt jetzt 1 Regel:")
    assert [_plain(e.value) for e in adjust.error] == [
        f"Nicht verfügbar in „Sa {slots[2].start}“: „Anna Amsel“, Host von „Robotik AG“."]


def _grid_tab(at):
    return next(t for t in at.tabs if t.label == "Raster")


def test_each_left_out_session_shows_why_and_what_would_bring_it_in(planned):
    event, rooms, slots, a, b = planned
    event.propose(event.cem, "Film ab", needs=("projector",))  # no room has a projector
    event.store.grid.place(event.orga, a.id, rooms[0].id, slots[0].id)
    at = _page(event.orga)
    lines = [_plain(m.value) for m in _grid_tab(at).markdown if m.value.startswith("- ")]
    assert "Nicht im Plan (2)" in [s.value for s in _grid_tab(at).subheader]
    assert [x for x in lines if x.startswith("- **Film ab**")] == [
        "- **Film ab** · Cem Çelik · 0 Stimmen — Kein Raum hat Beamer. Statte einen Raum aus oder streiche den Bedarf."]
    (mint,) = [x for x in lines if x.startswith("- **Mädchen in MINT**")]
    assert mint.endswith(f"— „Werkstatt“ ist um „Sa {slots[0].start}“ frei. Lege sie dorthin.")


def test_a_pin_that_no_longer_fits_is_named_in_german(planned):
    event, rooms, slots, a, b = planned
    event.store.grid.place(event.orga, a.id, rooms[1].id, slots[0].id, pinned=True)
    event.store.availability.set_unavailable(event.orga, event.anna.id, [slots[0].id])  # Anna hosts Robotik AG
    at = _page(event.orga)
    assert [_plain(e.value) for e in at.error] == [
        f"Die angepinnte Session „Robotik AG“ kann nicht in Raum „Werkstatt“ ab Slot „Sa {slots[0].start}“ liegen: "
        f"Host {event.anna.name} ist in Slot Sa {slots[0].start} nicht verfügbar. Löse den Pin oder ändere die Daten."]
    assert not at.exception


def test_a_hand_edit_that_fails_says_why_and_changes_nothing(planned):
    """The session was withdrawn while the organiser had it selected: the move is refused in words."""
    event, rooms, slots, a, b = planned
    at = _page(event.orga)
    at.selectbox(key="adjust_session").set_value(a.id).run()
    event.store.sessions.withdraw(event.anna, a.id)
    at.button(key="adjust_move").click().run()
    assert event.store.grid.working() == []
    assert [e.value for e in at.error] == ["Diese Session wurde zurückgezogen."]
    assert not _adjust_tab(at).success


def test_without_rooms_and_slots_the_page_says_so_and_links_to_them(event):
    at = _page(event.orga)
    assert [e.value for e in at.info] == ["Lege zuerst Räume und Slots an."]
    # Alone, AppTest runs the page without the menu: the link is plain Markdown then.
    assert [m.value for m in at.markdown] == ["[Zu Räume und Slots](/rooms)"]
    assert len(at.tabs) == 0


def test_room_and_slot_follow_the_chosen_session(planned):
    event, rooms, slots, a, b = planned
    event.store.grid.place(event.orga, b.id, rooms[1].id, slots[2].id)
    at = _page(event.orga)
    at.selectbox(key="adjust_session").set_value(b.id).run()
    assert (at.selectbox(key="adjust_room").value, at.selectbox(key="adjust_slot").value) == (rooms[1].id, slots[2].id)
    assert not at.exception and [w.value for w in at.warning] == []  # no "set via the Session State API" notice
    at.button(key="adjust_move").click().run()  # a click right away moves nothing
    assert [(p.session_id, p.room_id, p.slot_id) for p in event.store.grid.working()] == [(b.id, rooms[1].id, slots[2].id)]


def test_after_a_swap_room_and_slot_show_where_the_session_is_now(planned):
    """They kept its old place (now the other session's): one click on "move" double-booked it."""
    event, rooms, slots, a, b = planned
    store = event.store
    store.grid.place(event.orga, a.id, rooms[0].id, slots[0].id)
    store.grid.place(event.orga, b.id, rooms[1].id, slots[2].id)
    at = _page(event.orga)
    at.selectbox(key="adjust_session").set_value(a.id).run()
    at.selectbox(key="adjust_swap_with").set_value(b.id)
    at.button(key="adjust_swap").click().run()
    places = {p.session_id: (p.room_id, p.slot_id) for p in store.grid.working()}
    assert places == {a.id: (rooms[1].id, slots[2].id), b.id: (rooms[0].id, slots[0].id)}
    assert (at.selectbox(key="adjust_room").value, at.selectbox(key="adjust_slot").value) == places[a.id]
    at.button(key="adjust_move").click().run()  # a click right away moves nothing, doubles nothing
    assert {p.session_id: (p.room_id, p.slot_id) for p in store.grid.working()} == places
