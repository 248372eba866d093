"""My agenda: what I host, voted for or starred in the published schedule, clashes and changes marked."""

from __future__ import annotations

import streamlit as st

from app_pages import ui
from planner.exports import ical
from planner.domain.agenda import agenda, dropped
from planner.i18n import day_label, day_short

user = ui.require_user()
store = ui.store()
event = store.event.get()
releases = store.releases.all()
release = releases[-1] if releases else None

st.title(ui.tr("agenda.title"))
if release is None or not event.schedule_published:
    st.info(ui.tr("schedule.not_published"), icon=":material/schedule:")
    st.stop()

# What the person had seen before this visit: kept for the whole visit, so
# the marks survive reruns (the sign-in cookie alone causes one).
seen_id = st.session_state.setdefault(f"agenda_seen_before_{release.id}", store.agenda.last_seen_release(user))
seen = next((r for r in releases if r.id == seen_id), None)
if seen is None and len(releases) > 1:
    # Never opened here: they read the schedule or the screens, so changes count since the release before.
    seen = releases[-2]
sessions = {s.id: s for s in store.sessions.list()}
hosted = {s.id for s in sessions.values() if s.is_hosted_by(user.id)}
voted, starred = store.votes.of(user), store.agenda.stars_of(user)
entries = agenda(release, voted, starred, seen, hosted=hosted)
titles = {e.item.session_id: e.item.title for e in entries}
changed = [e for e in entries if e.changed]

lang = ui.lang()
st.caption(ui.tr("schedule.release", name=ui.md(release.name), when=ui.when(release.created_at, event.timezone)))
if changed:
    st.warning(ui.tr("agenda.changed_since", n=len(changed), name=ui.md(seen.name)), icon=":material/update:")
gone = dropped(release, seen, voted | starred | hosted)
if gone:
    lines = "".join(f"\n- {ui.md(i.title)} " + ui.tr("agenda.was_at", day=day_short(i.day, lang), start=i.start,
                                                   room=ui.md(i.room)) for i in gone)
    st.error(ui.tr("agenda.dropped", n=len(gone), name=ui.md(seen.name)) + lines, icon=":material/event_busy:")
if not entries:
    st.info(ui.tr("agenda.empty"), icon=":material/event_note:")
else:
    export = ical.calendar(event, release, sessions, only={e.item.session_id for e in entries},
                           filename=f"{ical.slug(event.name)}-{user.username}.ics")
    st.download_button(ui.tr("agenda.ical"), export.data, file_name=export.filename, mime=export.mime,
                       key="agenda_ical", icon=":material/calendar_month:")

last_day = None
for e in entries:
    if e.item.day != last_day:
        st.subheader(day_label(e.item.day, lang))
        last_day = e.item.day
    with st.container(border=True, key=f"agenda_{e.item.session_id}"):
        marks = []
        if e.hosted:
            marks.append(f":blue-badge[{ui.tr('agenda.hosted')}]")
        if e.changed:
            marks.append(f":orange-badge[{ui.tr('agenda.changed')}]")
        if e.clashes_with_own and not e.hosted:
            marks.append(f":red-badge[{ui.tr('agenda.own_clash')}]")
        elif e.clashes_with or e.clashes_with_own:
            marks.append(f":red-badge[{ui.tr('agenda.clash')}]")
        st.markdown(f"**{e.item.start}–{e.item.end}** · {ui.md(e.item.title)} " + " ".join(marks))
        about = [ui.md(e.item.room)]
        if e.item.hosts:
            about.append(ui.md(", ".join(e.item.hosts)))
        if e.voted or e.starred:
            about.append(ui.tr("agenda.voted") if e.voted else ui.tr("agenda.starred"))
        st.caption(" · ".join(about))
        if e.clashes_with_own:
            own = ", ".join(ui.md(titles[c]) for c in e.clashes_with_own)
            st.caption(ui.tr("agenda.own_double" if e.hosted else "agenda.own_clash_with", titles=own))
        if e.clashes_with:
            st.caption(ui.tr("agenda.clash_with", titles=", ".join(ui.md(titles[c]) for c in e.clashes_with)))
        if e.changed and seen is not None and (before := seen.item(e.item.session_id)) is not None:
            st.caption(ui.tr("agenda.was", day=day_short(before.day, lang), start=before.start, room=ui.md(before.room)))
        ui.details_button(e.item.session_id)

# Seen now: the marks go away on the next visit.
if store.agenda.last_seen_release(user) != release.id:
    store.agenda.mark_seen(user, release.id)
