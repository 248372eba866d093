"""Topics: say which ones you care about, see the interest in each."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app_pages import ui
from planner.domain.topics import next_colour
from planner.models import TopicInterest


def _interest_chart(interest: list[TopicInterest], show_counts: bool) -> alt.Chart:
    """Bars per topic in the topic's own colour: interest, and votes (paler) when they may be shown."""
    interested, votes = ui.tr("topics.column_interested"), ui.tr("topics.column_votes")
    # The columns' names are words: Streamlit's "Show data" shows them as the table's header.
    topic, measure, count = ui.tr("topics.column_topic"), ui.tr("topics.column_measure"), ui.tr("topics.chart_count")
    rows = [{topic: i.topic.name, measure: interested, count: i.interested} for i in interest]
    if show_counts:
        rows += [{topic: i.topic.name, measure: votes, count: i.votes} for i in interest]
    frame = pd.DataFrame(rows, columns=[topic, measure, count])
    names = [i.topic.name for i in interest]
    top = max([1, *frame[count].tolist()])  # an empty chart still has a 0-1 axis in whole numbers
    return alt.Chart(frame).mark_bar().encode(
        x=alt.X(field=count, type="quantitative", title=count, scale=alt.Scale(domain=[0, top]),
                axis=alt.Axis(format="d", tickMinStep=1)),
        y=alt.Y(field=topic, type="nominal", title=None, sort=names),
        yOffset=alt.YOffset(field=measure, type="nominal", sort=[interested, votes]),
        color=alt.Color(field=topic, type="nominal",
                        scale=alt.Scale(domain=names, range=[i.topic.colour for i in interest]), legend=None),
        opacity=alt.Opacity(field=measure, type="nominal", sort=[interested, votes], scale=alt.Scale(range=[1.0, 0.45]),
                            legend=alt.Legend(title=None, orient="bottom", direction="vertical")),  # one per line: fits a phone
        tooltip=[alt.Tooltip(field=topic, type="nominal"), alt.Tooltip(field=measure, type="nominal", title=" "),
                 alt.Tooltip(field=count, type="quantitative")],
    )


user = ui.require_user()
store = ui.store()
show_counts = store.event.get().votes_visible or user.is_organiser

st.title(ui.tr("topics.title"))
ui.flash("topics")

topics = store.topics.list()
by_id = {t.id: t for t in topics}

if not topics:
    st.info(ui.tr("topics.none"), icon=":material/label_off:")
else:
    with st.form("interest_form"):
        st.write(ui.tr("topics.interest_intro"))
        chosen = st.pills(
            ui.tr("topics.mine"),
            list(by_id),
            selection_mode="multi",
            default=sorted(store.topics.interests_of(user)),
            format_func=lambda i: ui.md(by_id[i].name),  # pills render Markdown
            key="interest_pills",
        )
        if st.form_submit_button(ui.tr("topics.save_interest"), type="primary"):
            ui.act(store.topics.set_interests, user, list(chosen or []), place="topics",
                   done=ui.tr("topics.interest_saved", n=len(chosen or [])))

    interest = store.topics.interest()
    st.subheader(ui.tr("topics.chart"))
    st.altair_chart(_interest_chart(interest, show_counts), width="stretch", key="topics_chart")
    sessions = store.sessions.list()
    for item in interest:
        under = sorted(
            (s for s in sessions if item.topic.id in s.topic_ids),
            key=lambda s: (-s.votes if show_counts else 0, s.title.casefold()),
        )
        with st.expander(
            ui.tr("topics.expander", name=ui.md(item.topic.name), interested=item.interested, sessions=item.sessions)
        ):
            st.markdown(ui.topic_chips([item.topic]), unsafe_allow_html=True)
            if item.topic.description:
                st.caption(ui.md(item.topic.description))
            for s in under:
                count = f" — {ui.tr('sessions.votes_n', n=s.votes)}" if show_counts else ""
                st.markdown(f"- {ui.md(s.title)}{count}")
            if not under:
                st.caption(ui.tr("topics.no_sessions"))

if user.is_organiser:
    st.divider()
    st.subheader(ui.tr("topics.manage"))
    with st.form("topic_add_form", clear_on_submit=True):
        c1, c2 = st.columns([3, 1])
        name = c1.text_input(ui.tr("topics.name"), key="topic_new_name")
        # Each new topic its own colour from a palette colour-blind readers can tell apart.
        # Keyed by the suggestion: a picker keeps its value under the same key, so the next topic would get the last one's.
        suggested = next_colour([t.colour for t in topics])
        colour = c2.color_picker(ui.tr("topics.colour"), value=suggested, key=f"topic_new_colour_{suggested[1:]}")
        description = st.text_input(ui.tr("topics.description"), key="topic_new_description")
        if st.form_submit_button(ui.tr("topics.add"), type="primary"):
            ui.act(store.topics.create, user, name, colour, description, place="topics",
                   done=lambda created: ui.say("topics.added", name=created.name))
    if len(topics) >= 2:
        with st.form("topic_merge_form"):
            st.markdown(f"**{ui.tr('topics.merge')}**")
            c1, c2 = st.columns(2)
            source = c1.selectbox(
                ui.tr("topics.merge_source"), list(by_id), format_func=lambda i: by_id[i].name, key="merge_source"
            )
            target = c2.selectbox(
                ui.tr("topics.merge_target"), list(by_id), index=1, format_func=lambda i: by_id[i].name,
                key="merge_target_topic",
            )
            st.caption(ui.tr("topics.merge_help"))
            if st.form_submit_button(ui.tr("topics.merge_do")):
                ui.act(store.topics.merge, user, source, target, place="topics",
                       done=lambda kept: ui.say("topics.merged", source=by_id[source].name, target=kept.name))
    for topic in topics:
        with st.expander(ui.tr("topics.edit", name=ui.md(topic.name))):
            with st.form(f"topic_edit_{topic.id}"):
                c1, c2 = st.columns([3, 1])
                name = c1.text_input(ui.tr("topics.name"), value=topic.name, key=f"topic_name_{topic.id}")
                colour = c2.color_picker(ui.tr("topics.colour"), value=topic.colour, key=f"topic_colour_{topic.id}")
                description = st.text_input(
                    ui.tr("topics.description"), value=topic.description, key=f"topic_description_{topic.id}"
                )
                save = st.form_submit_button(ui.tr("topics.save"))
                sure = st.checkbox(ui.tr("topics.delete_confirm"), key=f"topic_delete_sure_{topic.id}")
                delete = st.form_submit_button(ui.tr("topics.delete"), icon=":material/delete:")
            if delete and not sure:
                st.error(ui.tr("topics.delete_needs_confirm"), icon=":material/error:")
            elif delete:
                ui.act(store.topics.delete, user, topic.id, place="topics",
                       done=ui.say("topics.deleted", name=topic.name))
            elif save:
                ui.act(store.topics.update, user, topic.id, name, colour, description, place="topics",
                       done=ui.say("topics.saved", name=name))
