"""Search, filter and order of the session list."""

from __future__ import annotations

import pytest

from planner.domain.listing import select_sessions
from planner.models import Host, Session, SessionFormat, SessionQuery, SessionStatus, SortOrder, Topic

TOPICS = {1: Topic(1, "Robotik", "#ff0000"), 2: Topic(2, "Politische Bildung", "#00ff00")}


def _session(id, title, votes=0, topic_ids=(1,), fmt=SessionFormat.TALK, language="de",
             hosts=(Host(10, "anna", "Anna Amsel"),), created_at="2026-11-01T10:00:00", description=""):
    return Session(id, title, description, fmt, 1, language, "", (), SessionStatus.PROPOSED,
                   tuple(hosts), tuple(topic_ids), votes, created_at, created_at)


SESSIONS = [
    _session(1, "Lego Mindstorms in der Grundschule", votes=5, created_at="2026-11-01T10:00:00"),
    _session(2, "Mädchen in MINT", votes=9, topic_ids=(2,), fmt=SessionFormat.DISCUSSION,
             hosts=(Host(11, "ben", "Ben Bär"),), created_at="2026-11-03T10:00:00"),
    _session(3, "World Robot Olympiad", votes=5, language="en", fmt=SessionFormat.WORKSHOP,
             created_at="2026-11-02T10:00:00", description="Teams und Regeln"),
]


def _ids(query, **kw):
    return [s.id for s in select_sessions(SESSIONS, query, topics=TOPICS, **kw)]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [(SortOrder.VOTES, [2, 1, 3]), (SortOrder.NEWEST, [2, 3, 1]), (SortOrder.TITLE, [1, 2, 3])],
)
def test_sort_orders(sort, expected):
    assert _ids(SessionQuery(sort=sort)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("madchen", [2]),  # accents folded
        ("MINDSTORMS", [1]),
        ("ben", [2]),  # host username
        ("politische", [2]),  # topic name
        ("regeln teams", [3]),  # every word, any order, description
        ("robot olympiad xyz", []),
        ("Robot\u2060 Olym\u200bpiad", [3]),  # copied from the page: its invisible word joiner and the like
        ("", [2, 1, 3]),
    ],
)
def test_text_search(text, expected):
    assert _ids(SessionQuery(text=text)) == expected


def test_filters_combine():
    query = SessionQuery(topic_ids=(1,), formats=(SessionFormat.WORKSHOP,), languages=("en",))
    assert _ids(query) == [3]


def test_only_voted_and_only_mine():
    assert _ids(SessionQuery(only_voted=True), my_votes={1, 3}) == [1, 3]
    assert _ids(SessionQuery(only_mine=True), user_id=11) == [2]


def test_text_search_finds_the_host_without_account():
    pitched = Session(4, "Calliope-Ecke", "", SessionFormat.DISCUSSION, 1, "de", "", (), SessionStatus.PROPOSED,
                      (), (1,), 0, "2026-11-04T10:00:00", "2026-11-04T10:00:00", host_name="Frieda aus Kiel")
    found = select_sessions([*SESSIONS, pitched], SessionQuery(text="frieda"), topics=TOPICS)
    assert [s.id for s in found] == [4]
