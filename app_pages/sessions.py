"""All proposed sessions: search, filter, sort, and vote."""

from __future__ import annotations

import streamlit as st

from app_pages import ui
from planner.domain.sessions import host_names
from planner.domain.listing import select_sessions, sort_options
from planner.models import Registration, SessionFormat, SessionQuery
from planner.domain.text import safe_markdown
from planner.i18n import day_short

user = ui.require_user()
store = ui.store()
event = store.event.get()


def _toggle_vote(session_id: int, wanted: bool) -> None:
    ui.act(store.votes.set, user, session_id, wanted, place=f"vote_{session_id}", callback=True)
    # The card reruns alone (a fragment): it reads its session afresh.
    st.session_state["vote_fresh"] = session_id


st.title(ui.tr("sessions.title"))
ui.registration_banner(user)
# Organisers always see counts; participants per the event's setting.
show_counts = event.votes_visible or user.is_organiser
if not event.votes_visible:
    st.caption(ui.tr("sessions.counts_hidden"))
if not event.voting_open:
    st.info(ui.tr("sessions.voting_closed"), icon=":material/lock:")

topics = {t.id: t for t in store.topics.list()}
release = store.releases.latest() if event.schedule_published else None  # where each session runs, once published
my_votes = store.votes.of(user)
sessions = store.sessions.list()

# The search and filters as they were when the person opened a session's page and came back.
FILTERS = ("filter_text", "filter_topics", "filter_formats", "filter_languages", "filter_sort", "filter_only_voted")
ui.restore_widgets(*FILTERS)
text = st.text_input(
    ui.tr("sessions.search"), key="filter_text", placeholder=ui.tr("sessions.search_hint")
)
active = sum(
    bool(st.session_state.get(k))
    for k in ("filter_topics", "filter_formats", "filter_languages", "filter_only_voted")
)
with st.expander(ui.tr("sessions.filters", n=active) if active else ui.tr("sessions.filters_none"),
                 key="sessions_filters"):  # keyed: it stays open while its label counts the filters
    c1, c2 = st.columns(2)
    topic_ids = c1.multiselect(
        ui.tr("sessions.topics"), list(topics), format_func=lambda i: topics[i].name,
        key="filter_topics", placeholder=ui.tr("sessions.choose"),
    )
    formats = c2.multiselect(
        ui.tr("sessions.format"), list(SessionFormat), format_func=lambda f: ui.tr(f"format.{f}"),
        key="filter_formats", placeholder=ui.tr("sessions.choose"),
    )
    c3, c4 = st.columns(2)
    languages = c3.multiselect(
        ui.tr("sessions.language"), ["de", "en"], format_func=lambda c: ui.tr(f"lang.{c}"),
        key="filter_languages", placeholder=ui.tr("sessions.choose"),
    )
    sort = c4.selectbox(
        ui.tr("sessions.sort"), sort_options(show_counts, event.shuffle),
        format_func=lambda o: ui.tr(f"sort.{o}"), key="filter_sort",
    )
    only_voted = st.toggle(ui.tr("sessions.only_voted"), key="filter_only_voted")
ui.remember_widgets(*FILTERS)

query = SessionQuery(
    text=text,
    topic_ids=tuple(topic_ids),
    formats=tuple(formats),
    languages=tuple(languages),
    only_voted=only_voted,
    sort=sort,
)
shown = select_sessions(sessions, query, user_id=user.id, my_votes=my_votes, topics=topics)
# A link to one proposal (hosts share it to collect votes): that card alone, and the way to all.
one = st.query_params.get("session", "")
if one.isdigit() and (picked := next((x for x in sessions if x.id == int(one)), None)) is not None:
    shown = [picked]
    with st.container(horizontal=True, vertical_alignment="center", key="sessions_one"):
        st.info(ui.tr("sessions.only_one"), icon=":material/link:", width="stretch")
        if st.button(ui.tr("sessions.show_all"), key="sessions_show_all", icon=":material/list:"):
            del st.query_params["session"]
            st.rerun()
elif one:  # withdrawn, merged or never there
    st.info(ui.tr("sessions.one_gone"), icon=":material/info:")
    del st.query_params["session"]
# No count of my votes here: a vote reruns only its card, a count above the list would lag.
st.caption(ui.tr("sessions.count", shown=len(shown), total=len(sessions)))
if not shown:
    st.info(ui.tr("sessions.none") if sessions else ui.tr("sessions.empty"), icon=":material/search_off:")
    if not sessions and event.proposals_open:
        ui.page_link("propose", ui.tr("nav.propose"))

@st.fragment
def _card(s, voted: bool) -> None:
    """One session with its vote button. A vote reruns only this card, not the
    whole page: with a hundred people voting at once that is what keeps the
    server answering (bench/README.md, "Load")."""
    if st.session_state.get("_signed_out_meanwhile"):  # the vote was refused: the whole page says why
        st.rerun(scope="app")
    if st.session_state.get("vote_fresh") == s.id:
        del st.session_state["vote_fresh"]
        s = store.sessions.get(s.id) or s
        voted = s.id in store.votes.of(user)
    with st.container(border=True, key=f"session_{s.id}"):
        head, vote_col = st.columns([5, 1], vertical_alignment="center")
        with head:
            st.markdown(f"**{ui.md(s.title)}**" + (" :green[:material/check_circle:]" if voted else ""))
            hosts = ", ".join(host_names(s))
            details = [
                ui.tr(f"format.{s.format}"),
                ui.tr("sessions.length", n=s.length),
                ui.tr(f"lang.{s.language}"),
            ] + [ui.feature_label(n) for n in s.needs]
            st.caption(ui.md(hosts) + " · " + " · ".join(ui.md(d) for d in details))
            chips = ui.topic_chips([topics[t] for t in s.topic_ids if t in topics])
            if chips:
                st.markdown(chips, unsafe_allow_html=True)
            if release is not None and (item := release.item(s.id)) is not None:
                st.page_link("app_pages/schedule.py", icon=":material/event:", query_params={"session": str(s.id), "from": "sessions"},
                             label=ui.tr("sessions.in_schedule", when=f"{day_short(item.day, ui.lang())} {item.start}",
                                         room=ui.md(item.room)))
        with vote_col:
            if show_counts:
                st.metric(ui.tr("sessions.votes"), s.votes)
            st.button(
                ui.tr("sessions.unvote") if voted else ui.tr("sessions.vote"),
                key=f"vote_{s.id}",
                type="primary" if voted else "secondary",
                icon=":material/check_circle:" if voted else ":material/how_to_vote:",
                disabled=not event.voting_open or user.registration is not Registration.CONFIRMED,
                on_click=_toggle_vote,
                args=(s.id, not voted),
                width="stretch",
            )
        ui.flash(f"vote_{s.id}")
        if s.description or s.doc_url:
            with st.expander(ui.tr("sessions.details")):
                if s.description:
                    st.markdown(safe_markdown(s.description))
                if s.doc_url:
                    st.link_button(ui.tr("sessions.doc_link"), s.doc_url, icon=":material/description:")


# 50 cards at a time: each is a dozen elements, 250 took a second a rerun (bench/README.md, "Scale").
for s in ui.first_part(shown, "sessions"):
    _card(s, s.id in my_votes)
ui.more_button(len(shown), "sessions")
