"""AppTest: the session list (app_pages/sessions.py): votes, filters, order, escaping."""

from __future__ import annotations

import pytest

from planner.models import SessionFormat, SortOrder
from planner.domain.text import escape_markdown
from tests.app.conftest import inputs, kinds, nodes, page, values

SESSIONS = "app_pages/sessions.py"


def cards(at) -> list[tuple[str, str | None, str]]:
    """Each session shown: (title Markdown, vote count shown, vote button label)."""
    shown = [n for n in nodes(at) if n.type == "flex_container" and str(n.key).startswith("session_")]
    return [
        (c.markdown[0].value, c.metric[0].value if len(c.metric) else None, c.button[0].label)
        for c in shown
    ]


def titles(at) -> list[str]:
    return [title for title, _, _ in cards(at)]


@pytest.fixture
def three(event):
    """Three sessions with different topics, formats and languages; Robotik AG has two votes."""
    robot = event.propose(event.anna, "Robotik AG", format=SessionFormat.WORKSHOP)
    bildung = event.propose(event.ben, "Demokratie lernen", topic_ids=(event.bildung.id,),
                            description="Wie Schule politische Bildung macht")
    girls = event.propose(event.cem, "Girls in Tech", topic_ids=(event.maedchen.id,), language="en")
    event.store.votes.cast(event.ben, robot.id)
    event.store.votes.cast(event.cem, robot.id)
    event.store.votes.cast(event.anna, girls.id)
    return robot, bildung, girls


def test_sessions_list_shows_titles_counts_and_vote_buttons(event, three):
    at = page(SESSIONS, event.orga)
    assert cards(at) == [
        ("**Robotik AG**", "2", "Abstimmen"),
        ("**Girls in Tech**", "1", "Abstimmen"),
        ("**Demokratie lernen**", "0", "Abstimmen"),
    ]
    assert values(at, "caption")[0] == "3 von 3 Sessions"


def test_sessions_vote_stores_vote_and_count_goes_up(event, three):
    robot, bildung, _ = three
    at = page(SESSIONS, event.anna)
    at.button(key=f"vote_{bildung.id}").click().run()
    assert event.store.votes.of(event.anna) == {three[2].id, bildung.id}
    assert cards(at) == [
        ("**Robotik AG**", "2", "Abstimmen"),
        ("**Demokratie lernen** :green[:material/check_circle:]", "1", "Gestimmt"),
        ("**Girls in Tech** :green[:material/check_circle:]", "1", "Gestimmt"),
    ]
    assert values(at, "caption")[0] == "3 von 3 Sessions"


def test_sessions_voted_session_marked_with_check(event, three):
    at = page(SESSIONS, event.anna)
    assert cards(at)[1] == ("**Girls in Tech** :green[:material/check_circle:]", "1", "Gestimmt")


def test_sessions_unvote_removes_vote_and_count_goes_down(event, three):
    robot, _, _ = three
    at = page(SESSIONS, event.ben)
    assert cards(at)[0] == ("**Robotik AG** :green[:material/check_circle:]", "2", "Gestimmt")
    at.button(key=f"vote_{robot.id}").click().run()
    assert event.store.votes.of(event.ben) == set()
    assert cards(at)[1] == ("**Robotik AG**", "1", "Abstimmen")  # 1 vote each: by title after "Girls"


def test_sessions_vote_twice_is_vote_then_unvote(event, three):
    _, bildung, _ = three
    at = page(SESSIONS, event.orga)
    at.button(key=f"vote_{bildung.id}").click().run()
    assert ("**Demokratie lernen** :green[:material/check_circle:]", "1", "Gestimmt") in cards(at)
    at.button(key=f"vote_{bildung.id}").click().run()
    assert event.store.votes.of(event.orga) == set()
    assert ("**Demokratie lernen**", "0", "Abstimmen") in cards(at)


def test_sessions_filter_text_matches_description_and_host(event, three):
    at = page(SESSIONS, event.orga)
    at.text_input(key="filter_text").input("schule").run()
    assert titles(at) == ["**Demokratie lernen**"]
    at.text_input(key="filter_text").input("cem").run()
    assert titles(at) == ["**Girls in Tech**"]
    assert values(at, "caption")[0] == "1 von 3 Sessions"


def test_sessions_filter_text_without_match_says_so(event, three):
    at = page(SESSIONS, event.orga)
    at.text_input(key="filter_text").input("Quantencomputer").run()
    assert cards(at) == []
    assert values(at, "info") == ["Keine Session passt zu diesen Filtern."]


def test_sessions_filter_topics(event, three):
    at = page(SESSIONS, event.orga)
    at.multiselect(key="filter_topics").set_value([event.bildung.id, event.maedchen.id]).run()
    assert titles(at) == ["**Girls in Tech**", "**Demokratie lernen**"]
    assert at.expander[0].label == "Filter und Sortierung (1 aktiv)"


def test_sessions_filter_format(event, three):
    at = page(SESSIONS, event.orga)
    at.multiselect(key="filter_formats").set_value([SessionFormat.WORKSHOP]).run()
    assert titles(at) == ["**Robotik AG**"]


def test_sessions_filter_language(event, three):
    at = page(SESSIONS, event.orga)
    at.multiselect(key="filter_languages").set_value(["en"]).run()
    assert titles(at) == ["**Girls in Tech**"]


def test_sessions_filter_only_voted(event, three):
    at = page(SESSIONS, event.anna)
    at.toggle(key="filter_only_voted").set_value(True).run()
    assert titles(at) == ["**Girls in Tech** :green[:material/check_circle:]"]


def test_sessions_filters_combine(event, three):
    at = page(SESSIONS, event.orga)
    at.multiselect(key="filter_languages").set_value(["de"])
    at.multiselect(key="filter_topics").set_value([event.robotik.id, event.maedchen.id]).run()
    assert titles(at) == ["**Robotik AG**"]
    assert at.expander[0].label == "Filter und Sortierung (2 aktiv)"


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        (SortOrder.VOTES, ["**Robotik AG**", "**Girls in Tech**", "**Demokratie lernen**"]),
        (SortOrder.NEWEST, ["**Girls in Tech**", "**Demokratie lernen**", "**Robotik AG**"]),
        (SortOrder.TITLE, ["**Demokratie lernen**", "**Girls in Tech**", "**Robotik AG**"]),
    ],
)
def test_sessions_sort(event, three, order, expected):
    at = page(SESSIONS, event.orga)
    at.selectbox(key="filter_sort").set_value(order).run()
    assert titles(at) == expected


def test_sessions_sort_offers_votes_first(event, three):
    at = page(SESSIONS, event.anna)
    assert at.selectbox(key="filter_sort").options == ["Meiste Stimmen", "Neueste", "Titel A–Z"]


def test_sessions_voting_closed_disables_buttons_and_says_so(event, three):
    event.store.event.update(event.orga, voting_open=False)
    at = page(SESSIONS, event.anna)
    assert values(at, "info") == [
        "Die Abstimmung ist geschlossen. Du siehst die Stimmen, kannst aber nicht mehr abstimmen."
    ]
    assert [b.disabled for b in at.button] == [True, True, True]


def test_sessions_empty_list_invites_first_proposal(event):
    at = page(SESSIONS, event.anna)
    assert values(at, "info") == ["Noch keine Sessions. Schlag die erste vor!"]
    assert values(at, "caption") == ["0 von 0 Sessions"]
    assert [(e.proto.label, e.proto.page) for e in at.get("page_link")] == [("Session vorschlagen", "propose")]
    event.store.event.update(event.orga, proposals_open=False)
    assert page(SESSIONS, event.anna).get("page_link") == []  # proposals closed: no way there


def test_sessions_script_title_shown_as_literal_text(event):
    s = event.propose(event.anna, "<script>alert(1)</script>")
    at = page(SESSIONS, event.ben)
    assert cards(at) == [(r"**\<script\>alert\(1\)\</script\>**", "0", "Abstimmen")]
    assert at.button(key=f"vote_{s.id}").label == "Abstimmen"


def test_sessions_markdown_title_shown_as_literal_text(event):
    event.propose(event.anna, "**bold** [x](javascript:alert(1))")
    at = page(SESSIONS, event.ben)
    assert titles(at) == [f"**{escape_markdown('**bold** [x](javascript:alert(1))')}**"]


def test_sessions_user_text_never_in_html_elements(event):
    """Only the topic chips use raw HTML, and they carry no session text."""
    event.propose(event.anna, "<script>alert(1)</script>", description="<img src=x onerror=alert(2)>")
    at = page(SESSIONS, event.ben)
    with_html = [e.value for e in at.markdown if e.proto.allow_html]
    assert [("<script" in v, "<img" in v, "Robotik" in v) for v in with_html] == [(False, False, True)]
    assert len(at.get("html")) == 0


def test_sessions_description_html_escaped_and_unsafe_link_removed(event):
    event.propose(event.anna, "Robotik AG", description="<b>fett</b> [klick](javascript:alert(1)) [ok](https://example.org)")
    at = page(SESSIONS, event.ben)
    assert at.expander[1].label == "Beschreibung"
    assert at.expander[1].markdown[0].value == "&lt;b&gt;fett&lt;/b&gt; [klick](#) [ok](https://example.org)"


def test_sessions_description_reference_link_javascript_removed(event):
    event.propose(event.anna, "Robotik AG", description="[klick][1]\n\n[1]: javascript:alert(1)")
    at = page(SESSIONS, event.ben)
    assert "javascript:" not in at.expander[1].markdown[0].value


def test_sessions_signed_out_sees_sign_in_warning_and_no_sessions(event, three):
    at = page(SESSIONS)
    assert values(at, "warning") == ["Bitte melde dich zuerst an."]
    assert kinds(at) == ["warning", "page_link"]
    assert inputs(at) == []


def test_sessions_vote_after_voting_closed_meanwhile_says_so_in_the_card(event, three):
    _, bildung, _ = three
    at = page(SESSIONS, event.anna)
    event.store.event.update(event.orga, voting_open=False)  # by an organiser, while the list is open
    at.button(key=f"vote_{bildung.id}").click().run()
    assert not at.exception
    assert values(at, "error") == ["Die Abstimmung ist geschlossen."]
    assert event.store.votes.of(event.anna) == {three[2].id}
    card = next(n for n in nodes(at) if n.type == "flex_container" and n.key == f"session_{bildung.id}")
    assert [e.value for e in card.error] == ["Die Abstimmung ist geschlossen."]


def test_a_published_session_says_when_and_where_it_runs_and_links_its_page(event, three):
    """Once the schedule is out, a card leads to the session's own page; before, it has no such link."""
    robot, bildung, girls = three
    assert page(SESSIONS, event.anna).get("page_link") == []
    store = event.store
    saal = store.venue.add_room(event.orga, "Saal <Elbe>", 100)
    from planner.domain.timeslots import generate_day

    slot = store.venue.save_day(event.orga, "2026-11-28", generate_day())[0]
    store.grid.place(event.orga, robot.id, saal.id, slot.id)
    store.releases.publish(event.orga)
    store.event.update(event.orga, schedule_published=True)
    links = page(SESSIONS, event.anna).get("page_link")
    assert [(link.proto.label, link.proto.query_string) for link in links] == [
        ("Im Programm: Sa 28.11. 10:00, Saal \\<Elbe\\>", f"session={robot.id}&from=sessions")]


def test_a_link_to_one_proposal_shows_that_card_to_vote_and_the_way_to_all(event, three):
    """Hosts could not share a proposal to collect votes: only scheduled sessions had a page."""
    robot, bildung, girls = three
    at = page(SESSIONS, event.anna, run=False)
    at.query_params["session"] = str(bildung.id)
    at.run()
    assert titles(at) == ["**Demokratie lernen**"]
    assert values(at, "info") == ["Eine Session über ihren Link."]
    next(c for c in nodes(at) if c.type == "flex_container" and c.key == f"session_{bildung.id}").button[0].click().run()
    assert bildung.id in event.store.votes.of(event.anna)  # voted right there
    at.button(key="sessions_show_all").click().run()
    assert len(titles(at)) == 3 and "session" not in at.query_params
    gone = page(SESSIONS, event.anna, run=False)
    gone.query_params["session"] = "9999"
    gone.run()
    assert len(titles(gone)) == 3
    assert values(gone, "info")[0].startswith("Diese Session gibt es nicht (mehr)")


def test_my_proposal_shows_its_link_to_share(event, three):
    robot, *_ = three
    event.store.event.update(event.orga, base_url="https://camp.example.org")
    at = page("app_pages/propose.py", event.anna)
    assert f"https://camp.example.org/sessions?session={robot.id}" in [c.value for c in at.code]
