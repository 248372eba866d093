"""A session's hosts as people read them, with or without an account."""

from __future__ import annotations

import pytest

from planner.domain.sessions import Known, check_draft, draft_refusals, host_names, resolve_host
from planner.errors import ValidationError
from planner.models import Host, Session, SessionDraft, SessionFormat, SessionStatus

ANNA = Host(10, "anna", "Anna Amsel")
BEN = Host(11, "ben", "Ben Bär")


def _session(hosts=(), host_name=""):
    return Session(1, "Robotik AG", "", SessionFormat.TALK, 1, "de", "", (), SessionStatus.PROPOSED,
                   tuple(hosts), (1,), 0, "2026-11-01T10:00:00", "2026-11-01T10:00:00", host_name=host_name)


@pytest.mark.parametrize(
    ("hosts", "host_name", "expected"),
    [
        ((ANNA, BEN), "", ("Anna Amsel", "Ben Bär")),
        ((), "Frieda aus Kiel", ("Frieda aus Kiel",)),
        ((ANNA,), "Frieda aus Kiel", ("Anna Amsel", "Frieda aus Kiel")),
        ((), "", ()),
    ],
)
def test_host_names_accounts_first_then_the_host_without_account(hosts, host_name, expected):
    assert host_names(_session(hosts, host_name)) == expected


KNOWN = Known(features=frozenset({"projector"}), topic_ids=frozenset({1, 2}), usernames={"ada": 7, "bob": 8})


def test_a_good_draft_passes_with_its_cohosts_and_topics():
    draft = SessionDraft(title="  Wikis  ", topic_ids=(2, 1, 2), cohosts=("@Bob", "ada"), needs=("projector",))
    checked = check_draft(draft, KNOWN, first_host_id=7)
    assert checked.values["title"] == "Wikis" and checked.values["title_key"] == "wikis"
    assert checked.cohost_ids == (8,)  # the first host is no co-host of their own session
    assert checked.topic_ids == (1, 2)
    assert checked.values["needs"] == ["projector"]


def test_every_refusal_is_listed_with_its_field():
    draft = SessionDraft(title="x", length=9, topic_ids=(), needs=("laser",), cohosts=("nobody",), language="fr")
    fields = {name: err.key for name, err in draft_refusals(draft, KNOWN)}
    assert fields == {
        "title": "error.title_short", "length": "error.length_invalid", "language": "error.language_invalid",
        "needs": "error.need_unknown", "topics": "error.topic_required", "cohosts": "error.cohost_unknown",
    }
    with pytest.raises(ValidationError) as raised:
        check_draft(draft, KNOWN)
    assert raised.value.key == "error.title_short"  # the store refuses with the first


def test_before_the_organisers_create_topics_a_proposal_needs_none():
    """Otherwise a new event sends participants in a circle (Sessions: "propose the first!";
    Propose: "wait for topics"); once topics exist, one is required."""
    without = Known(features=KNOWN.features, topic_ids=frozenset(), usernames=KNOWN.usernames)
    assert check_draft(SessionDraft(title="Wikis"), without).topic_ids == ()
    assert [(f, e.key) for f, e in draft_refusals(SessionDraft(title="Wikis"), KNOWN)] == [
        ("topics", "error.topic_required")]
    assert [(f, e.key) for f, e in draft_refusals(SessionDraft(title="Wikis", topic_ids=(1,)), without)] == [
        ("topics", "error.topic_missing")]


def test_an_unknown_topic_is_not_found():
    refusals = draft_refusals(SessionDraft(title="Wikis", topic_ids=(3,)), KNOWN)
    assert [(f, e.key) for f, e in refusals] == [("topics", "error.topic_missing")]


@pytest.mark.parametrize(
    "written, expected",
    [("@Ada", (7, "")), ("Grace Hopper", (None, "Grace Hopper")), ("  Ünal  ", (None, "Ünal"))],
)
def test_a_host_is_an_account_or_a_name(written, expected):
    assert resolve_host(written, KNOWN.usernames) == expected


@pytest.mark.parametrize(
    "written, key", [("", "error.host_required"), ("@nobody", "error.host_unknown"), ("x" * 81, "error.name_long")]
)
def test_a_host_that_is_refused(written, key):
    with pytest.raises(ValidationError) as raised:
        resolve_host(written, KNOWN.usernames)
    assert raised.value.key == key
