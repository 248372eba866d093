"""Every page, as organiser, participant and signed-out visitor, with hostile user text.

Streamlit renders Markdown in labels, help texts, captions, alerts, tab and
expander titles, toasts, metrics and the options of radios and pills. In
every such field of every element shown, user text must stand only in its
escaped form (``escape_markdown``, which also stops ``:streamlit:``,
``:material/…:`` and emoji): a raw copy would render as a link, an image, an
icon or a colour. Where Streamlit shows text as typed (selectbox and
multiselect options, text fields), the escaped form would show its
backslashes and must not appear. Session descriptions are Markdown by
design: they may stand in their ``safe_markdown`` form (its own tests in
tests/unit/domain/test_text.py).
"""

from __future__ import annotations

import pytest
from google.protobuf.message import Message

from planner.domain.text import WORD_JOINER, escape_markdown, safe_markdown
from planner.i18n import t
from tests.app.conftest import nodes, page
from tests.hostile import seed

# Proto fields that Streamlit renders as Markdown.
MARKDOWN_FIELDS = {"label", "help", "body", "delta", "content", "tooltip"}
# Elements whose "body" is not Markdown (HTML escaped on its own, code, JSON).
NOT_MARKDOWN_ELEMENTS = {"html", "code", "json", "iframe", "imgs", "arrow_data_frame", "exception"}
# Fields shown as typed.
PLAIN_FIELDS = {"options", "value", "default", "placeholder", "raw_values", "formatted_options"}
# What a leaked raw user text leaves behind in a Markdown field.
DANGER = ["](", "![", "<b>", "<script", "<img", ":streamlit:", ":material/skull", ":red[", "$x^2$", "evil.example",
          "data:", "javascript:", ":smile:"]


def _strings(message: Message, path: str = ""):
    """(field path, text) of every string in a proto message, recursively."""
    for fd, value in message.ListFields():
        name = f"{path}.{fd.name}" if path else fd.name
        repeated = not isinstance(value, (str, bytes, Message, int, float, bool))
        items = value if repeated else [value]
        for item in items:
            if isinstance(item, Message):
                yield from _strings(item, name)
            elif isinstance(item, str):
                yield name, item


def _fields(at) -> list[tuple[str, str, str]]:
    """(element type, field path, text) of every string of every element and block shown."""
    found = []
    for node in nodes(at):
        proto = getattr(node, "proto", None)
        if isinstance(proto, Message):
            found += [(node.type, path, text) for path, text in _strings(proto)]
    for toast in at.toast:
        found += [("toast", path, text) for path, text in _strings(toast.proto)]
    return found


def _problems(at, user_texts: list[str], descriptions: set[str] = frozenset()) -> list[str]:
    escaped = [(u, escape_markdown(u)) for u in user_texts if escape_markdown(u) != u]
    described = sorted((safe_markdown(d) for d in descriptions), key=len, reverse=True)
    problems = []
    for kind, path, text in _fields(at):
        last = path.rsplit(".", 1)[-1]
        markdown = last in MARKDOWN_FIELDS or (kind == "radio" and last == "options")
        if markdown and kind not in NOT_MARKDOWN_ELEMENTS:
            rest = text
            for form in [form for _, form in escaped] + described:
                rest = rest.replace(form, "§")
            leaked = [d for d in DANGER if d in rest.lower()] + [u for u, _ in escaped if u in rest]
            if leaked:
                problems.append(f"{kind}.{path}: {leaked[:3]} in {text[:160]!r}")
        elif last in PLAIN_FIELDS and (WORD_JOINER in text or any(form in text for _, form in escaped)):
            problems.append(f"{kind}.{path} shows an escaped text with its backslashes: {text[:160]!r}")
    return problems


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("hostile") / "hostile.db")
    data = seed(path)
    return path, data, (data.user_texts(), data.descriptions())


@pytest.fixture
def hostile_db(hostile, monkeypatch):
    path, data, texts = hostile
    monkeypatch.setenv("PLANNER_DB", path)
    return data, texts


# Each page and its title, in German (as the organiser reads it) and English (as mallory does).
PARTICIPANT_PAGES = {
    "sessions": ("Sessions", "Sessions"), "propose": ("Session vorschlagen", "Propose a session"),
    "topics": ("Themen", "Topics"), "schedule": ("Programm", "Schedule"), "agenda": ("Mein Programm", "My agenda"),
    "account": ("Mein Konto", "My account"), "availability": ("Meine Verfügbarkeit", "My availability"),
}
ORGANISER_PAGES = {**{path: de for path, (de, _en) in PARTICIPANT_PAGES.items()},
                   "planning": "Planung", "moderation": "Moderation", "participants": "Teilnehmende",
                   "rooms": "Räume und Slots", "event": "Veranstaltung", "exports": "Exporte & Import"}
PLANNING_TABS = ["Raster erzeugen", "Raster", "Von Hand anpassen", "Veröffentlichen", "Pitch vor Ort"]


def _check(at, texts):
    assert not at.exception, [e.value for e in at.exception]
    assert _problems(at, *texts) == []


@pytest.mark.parametrize(("path", "title"), ORGANISER_PAGES.items())
def test_organiser_pages_show_hostile_text_literally(hostile_db, path, title):
    data, texts = hostile_db
    at = page(f"app_pages/{path}.py", data.orga)
    _check(at, texts)
    assert at.title[0].value == title


@pytest.mark.parametrize(("path", "title"), [(path, en) for path, (_de, en) in PARTICIPANT_PAGES.items()])
def test_participant_pages_show_hostile_text_literally(hostile_db, path, title):
    data, texts = hostile_db
    at = page(f"app_pages/{path}.py", data.mallory, lang="en")
    _check(at, texts)
    assert at.title[0].value == title


def test_visitor_pages_show_hostile_text_literally(hostile_db):
    data, texts = hostile_db
    schedule = page("app_pages/schedule.py")  # published: open to everyone
    _check(schedule, texts)
    assert schedule.title[0].value == "Programm"
    assert escape_markdown(data.sessions[0].title) in [m.value.split("**")[1] for m in schedule.markdown
                                                         if m.value.startswith("**")]
    display = page("app_pages/display.py")  # for organisers: the sign-in hint
    _check(display, texts)
    assert [w.value for w in display.warning] == ["Bitte melde dich zuerst an."]
    signin = page("app_pages/signin.py")  # without the entrypoint: the way to it
    _check(signin, texts)
    assert [link.proto.label for link in signin.get("page_link")] == ["Zur Startseite"]


@pytest.mark.parametrize("tab", PLANNING_TABS)
def test_planning_tabs_show_hostile_text_literally(hostile_db, tab):
    data, texts = hostile_db
    at = page("app_pages/planning.py", data.orga, planning_tabs=tab)
    _check(at, texts)
    if tab == "Pitch vor Ort":  # the show-of-hands fields: one per session, the title in the label
        labels = [n.label for n in at.number_input if str(n.key).startswith("hands_")]
        assert len(labels) == len(data.store.sessions.list())
        assert f"{escape_markdown(data.sessions[0].title)} (1 Stimme)" in labels


def test_schedule_views_show_hostile_text_literally(hostile_db):
    data, texts = hostile_db
    at = page("app_pages/schedule.py", data.orga)
    at.segmented_control(key="schedule_view").set_value("grid").run()
    _check(at, texts)
    at.toggle(key="schedule_preview").set_value(True).run()
    _check(at, texts)
    at = page("app_pages/schedule.py", data.mallory, run=False)
    at.query_params["session"] = str(data.sessions[2].id)
    _check(at.run(), texts)
    assert at.title[0].value == escape_markdown(data.sessions[2].title)


def test_moderation_of_each_session_shows_hostile_text_literally(hostile_db):
    data, texts = hostile_db
    at = page("app_pages/moderation.py", data.orga)
    for s in data.store.sessions.list(include_withdrawn=True)[:8] + [data.sessions[-1]]:
        at.selectbox(key="moderation_session").set_value(s.id).run()
        _check(at, texts)
        assert at.selectbox(key="moderation_session").value == s.id
        status = data.store.sessions.get(s.id).status  # data.sessions[-1] is as first proposed
        assert at.caption[0].value.startswith(t(f"status.{status}", "de"))


def test_the_walk_finds_a_raw_title_in_a_label(hostile_db):
    """The check itself: a label with the raw title is reported, its escaped form is not."""
    data, texts = hostile_db
    at = page("app_pages/planning.py", data.orga, planning_tabs="Pitch vor Ort")
    raw = data.sessions[0].title
    assert _problems(at, *texts) == []
    label = next(n for n in at.number_input if n.key == f"hands_{data.sessions[0].id}")
    label.proto.label = raw
    assert _problems(at, *texts) == [f"number_input.label: ['](', 'data:', {raw!r}] in {raw!r}"]
