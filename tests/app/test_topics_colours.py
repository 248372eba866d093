"""AppTest: topics get distinct colours, and the interest chart draws them."""

from __future__ import annotations

import json

from planner.domain.topics import PALETTE
from planner.models import Role
from tests.app.conftest import page


def _chart(at) -> dict:
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1
    return json.loads(charts[0].proto.spec)


def new_colour(at):
    """The add form's colour picker (keyed by the colour it suggests)."""
    return next(c for c in at.color_picker if c.key.startswith("topic_new_colour"))


def test_a_new_topic_is_offered_the_next_free_palette_colour(empty_store):
    store = empty_store
    orga = store.event.set_up(name="Camp", starts_on="2026-11-28", ends_on="2026-11-28", timezone_name="Europe/Berlin",
                        default_language="de", organiser_username="orga", organiser_name="Olga",
                        organiser_email="o@example.org", organiser_password="Orga-Passwort-1")
    assert orga.role is Role.ORGANISER
    at = page("app_pages/topics.py", orga)
    assert new_colour(at).value == PALETTE[0]
    store.topics.create(orga, "Robotik", PALETTE[0])
    store.topics.create(orga, "Politische Bildung", PALETTE[1])
    at = page("app_pages/topics.py", orga)
    assert new_colour(at).value == PALETTE[2]


def test_chart_bars_take_the_topics_colours(event):
    event.store.topics.set_interests(event.anna, [event.robotik.id])
    at = page("app_pages/topics.py", event.anna)
    spec = _chart(at)
    scale = spec["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"])) == {
        "Robotik": "#d62728", "Politische Bildung": "#ff7f0e", "Mädchen in MINT": "#9467bd",
    }
    # "Interessierte" and "Stimmen für Sessions" one under the other: side by side they are cut on a phone.
    assert spec["encoding"]["opacity"]["legend"] == {"direction": "vertical", "orient": "bottom", "title": None}


def test_an_empty_chart_has_a_whole_number_axis(event):
    at = page("app_pages/topics.py", event.anna)
    x = _chart(at)["encoding"]["x"]
    assert (x["scale"]["domain"], x["axis"]["format"]) == ([0, 1], "d")


def test_topics_added_one_after_another_each_get_their_own_colour(event):
    """Without touching the picker: the form offers the next free colour each
    time, not the one the last topic took."""
    at = page("app_pages/topics.py", event.orga)
    for name in ("Nachhaltigkeit", "Kunst"):
        at.text_input(key="topic_new_name").input(name)
        at.button(key="FormSubmitter:topic_add_form-Thema anlegen").click().run()
    colours = [t.colour for t in event.store.topics.list()]
    assert colours[3:] == [PALETTE[0], PALETTE[1]]  # the fixture's three are not from the palette
    assert new_colour(at).value == PALETTE[2]
