"""A session's hosts as people read them, with or without an account."""

from __future__ import annotations

import pytest

from planner.domain.sessions import host_names
from planner.models import Host, Session, SessionFormat, SessionStatus

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
