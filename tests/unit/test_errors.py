"""planner.errors: several refusals of one form at once."""

from __future__ import annotations

import pytest

from planner.errors import NotFound, Refusals, ValidationError, check_all, refuse


def _fails(key: str):
    def check():
        raise ValidationError(key)
    return check


def test_check_all_returns_every_result_when_nothing_is_wrong():
    assert check_all(lambda: 1, lambda: "a", lambda: None) == [1, "a", None]


def test_check_all_raises_one_refusal_as_itself():
    with pytest.raises(ValidationError) as caught:
        check_all(lambda: 1, _fails("error.name_empty"))
    assert type(caught.value) is ValidationError and caught.value.key == "error.name_empty"


def test_check_all_raises_every_refusal_in_order_and_flattens_nested_ones():
    nested = Refusals([ValidationError("error.title_short", min=3), NotFound("error.topic_missing")])

    def inner():
        raise nested

    with pytest.raises(Refusals) as caught:
        check_all(_fails("error.name_empty"), lambda: 2, inner, _fails("error.email_invalid"))
    assert [e.key for e in caught.value.errors] == [
        "error.name_empty", "error.title_short", "error.topic_missing", "error.email_invalid"]
    assert caught.value.key == "error.name_empty"  # the first's, for code that reads one
    assert caught.value.message("en").split("\n")[0] == "Please enter a display name."
    assert len(caught.value.message("de").split("\n")) == 4


def test_refuse_nothing_raises_nothing():
    assert refuse([]) is None
