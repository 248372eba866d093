"""The event's time zones: every real zone, no confusing aliases, a sensible first guess."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from planner.domain.event import DEFAULT_TIMEZONE, check_timezone, preferred_timezone, timezone_names
from planner.errors import ValidationError


def test_every_region_zone_is_offered_sorted_and_valid():
    names = timezone_names()
    assert list(names) == sorted(names)
    assert {"Europe/Berlin", "Europe/Helsinki", "America/Sao_Paulo", "Asia/Kolkata", "Pacific/Auckland", "UTC"} <= set(names)
    for name in names:
        assert check_timezone(name) == name
        ZoneInfo(name)


@pytest.mark.parametrize("alias", ["CET", "GB", "Etc/GMT+1", "US/Eastern", "posixrules", "Zulu"])
def test_aliases_are_not_offered(alias):
    assert alias not in timezone_names()


@pytest.mark.parametrize(
    ("candidates", "expected"),
    [
        (("Europe/Vienna", "Asia/Tokyo"), "Europe/Vienna"),  # the event's, when it has one
        ((None, "Asia/Tokyo"), "Asia/Tokyo"),  # else the browser's
        ((None, "Etc/GMT-2"), DEFAULT_TIMEZONE),  # a zone we do not offer
        (("Mars/Olympus",), DEFAULT_TIMEZONE),
        ((), DEFAULT_TIMEZONE),
    ],
)
def test_preferred_timezone(candidates, expected):
    assert preferred_timezone(*candidates) == expected


def test_an_unknown_zone_is_refused_with_its_key():
    with pytest.raises(ValidationError) as err:
        check_timezone("Mars/Olympus")
    assert err.value.key == "error.timezone_invalid"
