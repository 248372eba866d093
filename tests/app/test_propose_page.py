"""AppTest: proposing sessions and editing or withdrawing your own (app_pages/propose.py)."""

from __future__ import annotations

import re

import pytest

from planner.models import SessionDraft, SessionFormat, SessionStatus
from planner.domain.text import escape_markdown
from tests.app.conftest import expander_labels, inputs, page, shown, values

PROPOSE = "app_pages/propose.py"
SUBMIT = "FormSubmitter:new_form-Vorschlagen"


def fill(at, title="Lego-Roboter bauen", topics=None, **fields):
    """Fill the new-session form; ``fields`` by the key's suffix (description, doc_url, ...)."""
    at.text_input(key="new_title").input(title)
    at.multiselect(key="new_topics").set_value(topics if topics is not None else [])
    for name, value in fields.items():
        widget = at.get_by_key(f"new_{name}")
        if hasattr(widget, "input"):
            widget.input(value)
        else:
            widget.set_value(value)
    return at


def save_edit(at, session_id, title):
    prefix = edit_prefix(at, session_id)
    at.text_input(key=f"{prefix}_title").input(title)
    return at.button(key=f"FormSubmitter:{prefix}_form-Speichern").click().run()


def edit_prefix(at, session_id):
    """The widget key prefix of the session's edit form (it changes when the form reloads after a conflict)."""
    (key,) = [t.key for t in at.text_input if re.fullmatch(rf"edit_{session_id}(_r\d+)?_title", t.key or "")]
    return key.removesuffix("_title")


def test_propose_stores_every_field(event):
    at = page(PROPOSE, event.anna)
    fill(
        at,
        title="Lego-Roboter bauen",
        topics=[event.robotik.id, event.maedchen.id],
        description="Wir bauen **gemeinsam** einen Roboter.",
        format=SessionFormat.WORKSHOP,
        length=2,
        language="en",
        needs=["projector", "whiteboard"],
        cohosts=["ben"],
        doc_url="https://pad.example.org/lego",
    )
    at.button(key=SUBMIT).click().run()
    [s] = event.store.sessions.list()
    assert (s.title, s.description, s.format, s.length, s.language, s.doc_url) == (
        "Lego-Roboter bauen", "Wir bauen **gemeinsam** einen Roboter.", SessionFormat.WORKSHOP, 2, "en",
        "https://pad.example.org/lego",
    )
    assert (s.topic_ids, s.needs, [h.username for h in s.hosts]) == (
        (event.robotik.id, event.maedchen.id), ("projector", "whiteboard"), ["anna", "ben"]
    )


def test_propose_success_flash_and_empty_form(event):
    at = page(PROPOSE, event.anna)
    fill(at, topics=[event.robotik.id]).button(key=SUBMIT).click().run()
    assert shown(at, "success") == ["„Lego-Roboter bauen“ ist vorgeschlagen."]
    # A fresh form (fresh keys: the browser keeps what the old one held), empty for the next proposal.
    assert (at.text_input(key="new_r1_title").value, at.multiselect(key="new_r1_topics").value) == ("", [])
    assert "new_title" not in at.session_state
    assert expander_labels(at) == [r"Lego\-Roboter bauen · 0 Stimmen"]
    at.text_input(key="new_r1_title").input("Löten für Anfänger")
    at.multiselect(key="new_r1_topics").set_value([event.robotik.id])
    at.button(key="FormSubmitter:new_r1_form-Vorschlagen").click().run()
    assert shown(at, "success") == ["„Löten für Anfänger“ ist vorgeschlagen."]
    assert sorted(s.title for s in event.store.sessions.list()) == ["Lego-Roboter bauen", "Löten für Anfänger"]
    assert at.text_input(key="new_r2_title").value == ""


def test_propose_cohost_choices_exclude_yourself(event):
    at = page(PROPOSE, event.anna)
    assert at.multiselect(key="new_cohosts").options == ["Ben Bär (@ben)", "Cem Çelik (@cem)", "Olga Orga (@orga)"]
    # No "Select all" / "2 Treffer auswählen" row: Enter after "ben" takes the first match, not every Ben.
    assert [at.multiselect(key=f"new_{k}").proto.select_all for k in ("cohosts", "topics", "needs")] == [0, 0, 0]


@pytest.mark.parametrize(
    ("title", "fields", "message"),
    [
        ("", {}, "Der Titel braucht mindestens 3 Zeichen."),
        ("   ", {}, "Der Titel braucht mindestens 3 Zeichen."),
        ("x" * 121, {}, "Der Titel ist 121 Zeichen lang, erlaubt sind 120. Kürze ihn."),
        ("Lego-Roboter bauen", {"doc_url": "javascript:alert(1)"},
         "„javascript:alert(1)“ ist kein Web-Link. Er muss mit https:// oder http:// beginnen."),
    ],
    ids=["empty", "blank", "121-chars", "javascript-link"],
)
def test_propose_invalid_shows_message_and_stores_nothing(event, title, fields, message):
    at = page(PROPOSE, event.anna)
    fill(at, title=title, topics=[event.robotik.id], **fields).button(key=SUBMIT).click().run()
    assert shown(at, "error") == [message]
    assert event.store.sessions.list() == []
    assert at.text_input(key="new_title").value == title  # kept for correcting


def test_propose_names_every_wrong_field_at_once(event):
    """Not one refusal per click: the title, the description, the link and the missing topic together."""
    at = page(PROPOSE, event.anna)
    fill(at, title="x" * 5000, topics=[], description="y" * 5001, doc_url="javascript:alert(1)")
    at.button(key=SUBMIT).click().run()
    assert shown(at, "error") == ["\n".join([
        "- Der Titel ist 5000 Zeichen lang, erlaubt sind 120. Kürze ihn.",
        "- Die Beschreibung ist 5001 Zeichen lang, erlaubt sind 5000. Kürze sie oder verlinke ein Pad.",
        "- „javascript:alert(1)“ ist kein Web-Link. Er muss mit https:// oder http:// beginnen.",
        "- Wähle mindestens ein Thema.",
    ])]
    assert event.store.sessions.list() == []


def test_propose_title_and_description_are_never_cut_while_typing(event):
    """A typing limit cuts a pasted text at the limit (Streamlit's too): a
    title or description that is too long is refused with its length instead,
    and stays in the field to shorten."""
    at = page(PROPOSE, event.anna)
    limits = {w.key: w.max_chars for w in [*at.text_input, *at.text_area] if w.key.startswith("new_")}
    assert limits == {"new_title": 0, "new_description": 0, "new_doc_url": 0}


def test_propose_title_of_120_chars_accepted(event):
    at = page(PROPOSE, event.anna)
    fill(at, title="x" * 120, topics=[event.robotik.id]).button(key=SUBMIT).click().run()
    assert [s.title for s in event.store.sessions.list()] == ["x" * 120]


def test_propose_without_topic_refused(event):
    at = page(PROPOSE, event.anna)
    fill(at, topics=[]).button(key=SUBMIT).click().run()
    assert values(at, "error") == ["Wähle mindestens ein Thema."]
    assert event.store.sessions.list() == []


def test_propose_before_any_topic_exists_takes_the_proposal_without(event):
    """A new event: Sessions says "propose the first!", so the form must not wait for topics."""
    for topic in event.store.topics.list():
        event.store.topics.delete(event.orga, topic.id)
    at = page(PROPOSE, event.anna)
    assert "new_topics" not in [m.key for m in at.multiselect]  # nothing to choose from: no field
    at.text_input(key="new_title").input("Lego-Roboter bauen")
    at.button(key=SUBMIT).click().run()
    assert values(at, "error") == []
    [s] = event.store.sessions.list()
    assert (s.title, s.topic_ids) == ("Lego-Roboter bauen", ())


def test_propose_duplicate_title_in_other_case_refused(event):
    event.propose(event.ben, "Robotik AG")
    at = page(PROPOSE, event.anna)
    fill(at, title="  robotik   ag ", topics=[event.robotik.id]).button(key=SUBMIT).click().run()
    assert values(at, "error") == [
        "Es gibt schon eine Session „Robotik AG“. Wähle einen anderen Titel oder stimme für die bestehende."
    ]
    assert [s.title for s in event.store.sessions.list()] == ["Robotik AG"]


def test_propose_flash_shows_markdown_title_literally(event):
    at = page(PROPOSE, event.anna)
    fill(at, title="**fett** :red[rot] [x](https://evil.example)", topics=[event.robotik.id])
    at.button(key=SUBMIT).click().run()
    assert values(at, "success") == [f"„{escape_markdown('**fett** :red[rot] [x](https://evil.example)')}“ ist vorgeschlagen."]


def test_propose_duplicate_title_message_shows_other_title_literally(event):
    event.propose(event.ben, "[Hier abstimmen](https://evil.example)")
    at = page(PROPOSE, event.anna)
    fill(at, title="[hier abstimmen](https://evil.example)", topics=[event.robotik.id])
    at.button(key=SUBMIT).click().run()
    assert "](https://evil.example)" not in values(at, "error")[0]
    assert shown(at, "error") == [
        "Es gibt schon eine Session „[Hier abstimmen](https://evil.example)“. "
        "Wähle einen anderen Titel oder stimme für die bestehende."
    ]


def test_propose_closed_participant_sees_info_and_no_form(event):
    event.store.event.update(event.orga, proposals_open=False)
    at = page(PROPOSE, event.anna)
    assert values(at, "info") == ["Die Einreichung von Sessions ist geschlossen.", "Du hostest noch keine Session."]
    assert [f.key for f in at.get("form")] == []
    assert inputs(at) == ["tab", "tab"]


def test_propose_closed_organiser_still_proposes(event):
    event.store.event.update(event.orga, proposals_open=False)
    at = page(PROPOSE, event.orga)
    fill(at, topics=[event.bildung.id]).button(key=SUBMIT).click().run()
    assert [s.title for s in event.store.sessions.list()] == ["Lego-Roboter bauen"]


def test_my_sessions_lists_only_sessions_i_host(event):
    event.propose(event.anna, "Robotik AG")
    event.propose(event.ben, "Demokratie lernen")
    event.propose(event.cem, "Girls in Tech", cohosts=("anna",))
    at = page(PROPOSE, event.anna)
    assert expander_labels(at) == ["Girls in Tech · 0 Stimmen", "Robotik AG · 0 Stimmen"]
    ben = page(PROPOSE, event.ben)
    assert expander_labels(ben) == ["Demokratie lernen · 0 Stimmen"]


def test_my_sessions_empty_says_so(event):
    event.propose(event.ben, "Demokratie lernen")
    at = page(PROPOSE, event.anna)
    assert values(at, "info") == ["Du hostest noch keine Session."]
    assert [k for k in at.session_state if str(k).startswith("edit_")] == []


def test_edit_own_session_saves(event):
    s = event.propose(event.anna, "Robotik AG")
    at = page(PROPOSE, event.anna)
    at.multiselect(key=f"edit_{s.id}_topics").set_value([event.bildung.id])
    save_edit(at, s.id, "Robotik-AG für alle")
    saved = event.store.sessions.get(s.id)
    assert (saved.title, saved.topic_ids, saved.version) == ("Robotik-AG für alle", (event.bildung.id,), 2)
    assert shown(at, "success") == ["„Robotik-AG für alle“ ist gespeichert."]
    assert expander_labels(at) == [r"Robotik\-AG für alle · 0 Stimmen"]


def test_edit_twice_in_a_row_saves_both(event):
    s = event.propose(event.anna, "Robotik AG")
    at = page(PROPOSE, event.anna)
    save_edit(at, s.id, "Robotik AG 2")
    save_edit(at, s.id, "Robotik AG 3")
    assert (event.store.sessions.get(s.id).title, values(at, "error")) == ("Robotik AG 3", [])


def test_edit_conflict_shows_message_and_keeps_other_version(event):
    s = event.propose(event.anna, "Robotik AG", cohosts=("ben",))
    at = page(PROPOSE, event.anna)
    event.store.sessions.update(event.ben, s.id, SessionDraft(
        title="Robotik AG (mit Ben)", topic_ids=(event.robotik.id,), cohosts=("ben",)), 1)
    save_edit(at, s.id, "Robotik AG von Anna")
    assert shown(at, "error") == [
        "„Robotik AG (mit Ben)“ wurde inzwischen von jemand anderem geändert. "
        "Die neue Fassung ist geladen; prüfe sie und speichere erneut."
    ]
    assert (event.store.sessions.get(s.id).title, event.store.sessions.get(s.id).version) == ("Robotik AG (mit Ben)", 2)
    # In the same click's answer: the refusal inside the session's box, above the
    # reloaded form, and the user's own text to copy (not only after a second click).
    box, = at.expander
    assert [e.value for e in box.error] == values(at, "error")
    assert at.text_input(key=f"{edit_prefix(at, s.id)}_title").value == "Robotik AG (mit Ben)"
    assert [c.value for c in box.code] == [f"http://localhost/sessions?session={s.id}", "Robotik AG von Anna"]


def test_edit_after_conflict_shows_other_version_and_saves(event):
    s = event.propose(event.anna, "Robotik AG")
    at = page(PROPOSE, event.anna)
    event.store.sessions.update(event.orga, s.id, SessionDraft(title="Robotik (Orga)", topic_ids=(event.robotik.id,)), 1)
    save_edit(at, s.id, "Robotik AG von Anna")
    assert at.text_input(key=f"{edit_prefix(at, s.id)}_title").value == "Robotik (Orga)"
    assert "Deine nicht gespeicherte Fassung (zum Kopieren)" in values(at, "caption")
    assert [c.value for c in at.code] == [f"http://localhost/sessions?session={s.id}", "Robotik AG von Anna"]
    save_edit(at, s.id, "Robotik AG von Anna")
    assert (event.store.sessions.get(s.id).title, values(at, "error")) == ("Robotik AG von Anna", [])


def test_edit_invalid_title_shows_message_and_keeps_stored(event):
    s = event.propose(event.anna, "Robotik AG")
    at = page(PROPOSE, event.anna)
    save_edit(at, s.id, "ab")
    assert values(at, "error") == ["Der Titel braucht mindestens 3 Zeichen."]
    assert event.store.sessions.get(s.id).title == "Robotik AG"


def test_withdraw_button_disabled_until_confirmed(event):
    s = event.propose(event.anna, "Robotik AG")
    at = page(PROPOSE, event.anna)
    assert at.button(key=f"withdraw_{s.id}").disabled is True
    at.checkbox(key=f"withdraw_confirm_{s.id}").check().run()
    assert at.button(key=f"withdraw_{s.id}").disabled is False
    assert event.store.sessions.get(s.id).status is SessionStatus.PROPOSED


def test_withdraw_after_confirm_withdraws(event):
    s = event.propose(event.anna, "Robotik AG")
    event.store.votes.cast(event.ben, s.id)
    at = page(PROPOSE, event.anna)
    at.checkbox(key=f"withdraw_confirm_{s.id}").check().run()
    at.button(key=f"withdraw_{s.id}").click().run()
    assert event.store.sessions.get(s.id).status is SessionStatus.WITHDRAWN
    assert values(at, "success") == ["„Robotik AG“ ist zurückgezogen."]
    assert expander_labels(at) == ["Robotik AG · 1 Stimme · zurückgezogen"]
    assert [b.key for b in at.button] == ["FormSubmitter:new_form-Vorschlagen", f"restore_{s.id}"]


def test_withdrawn_session_gone_from_session_list(event):
    s = event.propose(event.anna, "Robotik AG")
    at = page(PROPOSE, event.anna)
    at.checkbox(key=f"withdraw_confirm_{s.id}").check().run()
    at.button(key=f"withdraw_{s.id}").click().run()
    assert event.store.sessions.list() == []
    assert values(at, "success") == ["„Robotik AG“ ist zurückgezogen."]
    assert expander_labels(at) == ["Robotik AG · 0 Stimmen · zurückgezogen"]
    assert at.button(key=f"restore_{s.id}").label == "Wieder einreichen"


def test_restore_withdrawn_session(event):
    s = event.propose(event.anna, "Robotik AG")
    event.store.sessions.withdraw(event.anna, s.id)
    at = page(PROPOSE, event.anna)
    at.button(key=f"restore_{s.id}").click().run()
    assert event.store.sessions.get(s.id).status is SessionStatus.PROPOSED
    assert values(at, "success") == ["„Robotik AG“ ist wieder eingereicht."]


def test_edit_after_own_withdraw_and_restore_saves(event):
    s = event.propose(event.anna, "Robotik AG")
    at = page(PROPOSE, event.anna)
    at.checkbox(key=f"withdraw_confirm_{s.id}").check().run()
    at.button(key=f"withdraw_{s.id}").click().run()
    at.button(key=f"restore_{s.id}").click().run()
    save_edit(at, s.id, "Robotik AG neu")
    assert (values(at, "error"), event.store.sessions.get(s.id).title) == ([], "Robotik AG neu")


def test_propose_signed_out_shows_nothing(event):
    at = page(PROPOSE)
    assert values(at, "warning") == ["Bitte melde dich zuerst an."]
    assert inputs(at) == []
