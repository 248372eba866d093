"""Organisers: generate the grid, adjust it by hand, publish releases; pitch mode."""

from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from app_pages import ui
from planner.i18n import day_short, decimal, slot_time
from planner.errors import PlannerError, ValidationError
from planner.domain.sessions import host_names
from planner.domain.text import NAME_MAX
from planner.domain.topics import session_colour
from planner.site.grid import CellInfo, render_grid
from planner.site.grid_rows import day_rows
from planner.models import Role, SlotKind
from planner.scheduler.adapter import event_names, grid_from_placements, grid_places, placements_from_grid, preview
from planner.scheduler.adapter import review as planning_review
from planner.domain.releases import ChangeKind, diff
from planner.scheduler.messages import SESSION, PlanError, Say, place
from planner.scheduler.metrics import sharpened
from planner.scheduler.solve import solve
from planner.scheduler.wording import name, render

user = ui.require_user(Role.ORGANISER)
store = ui.store()
lang = ui.lang()
event = store.event.get()

st.title(ui.tr("planning.title"))
ui.flash("planning")

rooms = store.venue.rooms()
slots = store.venue.slots()
session_slots = [s for s in slots if s.kind is SlotKind.SESSION]
if not rooms or not session_slots:
    st.info(ui.tr("rooms.need_rooms_slots"), icon=":material/info:")
    ui.page_link("rooms", ui.tr("checklist.rooms_go"))
    st.stop()

sessions = {s.id: s for s in store.sessions.list()}
topics = {t.id: t for t in store.topics.list()}
grid = {p.session_id: p for p in store.grid.working()}
rooms_by_id = {r.id: r for r in rooms}
slots_by_id = {s.id: s for s in slots}


def hand_edit(message: str, *touched: int) -> dict:
    """The keyword arguments of a button that edits the grid by hand through ``ui.act``:
    the edit is reported where it was made, in the adjust tab, with the rules it breaks now."""
    def then(_: object) -> None:
        st.session_state["adjust_done"] = (message, touched)
        st.session_state["adjust_follow"] = True  # room and slot show where the session is now

    return {"place": "planning", "callback": True, "then": then}


def _label(session_id: int) -> str:
    s = sessions[session_id]
    where = ""
    if session_id in grid:
        p = grid[session_id]
        slot = slots_by_id.get(p.slot_id)
        where = f" — {rooms_by_id[p.room_id].name}, {slot_time(slot.day, slot.start, lang)}" if slot else ""
    return f"{s.title} ({s.demand}){where}"


def said(message: Say) -> str:
    """A message of the scheduler in the user's language, with names for its ids, for a Markdown element."""
    return ui.md(render(message, ui.lang(), names))


@st.fragment(run_every=3)
def wait_for_bound(problem, metrics) -> None:
    """Every few seconds: is a tighter bound proven, or the last? Then the whole page again, with it."""
    now, pending = sharpened(problem, metrics)
    if not pending or now.upper_bound != metrics.upper_bound:
        st.rerun()


try:
    review = ui.by_revision(planning_review)  # problem, checks, metrics: once per change of the data
    names = review.names
except PlannerError as err:  # e.g. a pin that no longer fits after a change
    review, names = None, event_names(store)
    if isinstance(err, PlanError):
        st.error(said(err.said), icon=":material/error:")
    else:
        ui.show_error(err)
problem = review.problem if review else None

current_grid = review.grid if review else grid_from_placements(store)
violations = review.violations if review else []
warned = review.warned if review else frozenset()

generate_tab, grid_tab, adjust_tab, publish_tab, pitch_tab = st.tabs(
    [ui.tr("planning.generate"), ui.tr("planning.grid"), ui.tr("planning.adjust"), ui.tr("planning.publish"),
     ui.tr("planning.pitch")],
    key="planning_tabs", on_change="rerun",  # so .open tells which tab is shown
)

with generate_tab:
    if problem is not None:
        c1, c2 = st.columns([3, 1])
        limit = c1.select_slider(ui.tr("planning.time_limit"), [2, 5, 10, 20, 30, 60], value=10, key="solve_limit",
                                 format_func=lambda v: f"{v} s")
        c2.write("")
        if c2.button(ui.tr("planning.generate_do"), key="solve_run", type="primary", icon=":material/auto_awesome:"):
            with st.status(ui.tr("planning.searching"), expanded=True) as status:
                line = st.empty()

                def progress(g: dict) -> None:
                    m = g["metrics"]
                    line.write(ui.tr("planning.progress", honoured=m["honoured_votes"], total=m["total_votes"],
                                     seconds=decimal(m["seconds"], lang)))

                try:
                    result = solve(problem, time_limit=float(limit), seed=0, on_improvement=progress)
                except PlannerError as err:
                    result = None
                    status.update(label=ui.error_text(err), state="error", expanded=False)
                except Exception:  # a bug in the scheduler must not cost the draft
                    logging.getLogger(__name__).exception("the scheduler failed")
                    result = None
                    status.update(label=ui.tr("planning.solver_failed"), state="error", expanded=False)
                else:
                    status.update(label=ui.tr("planning.found"), state="complete", expanded=False)
            # A failed run changes nothing: the draft stays, an earlier proposal is dropped.
            st.session_state["generated"] = result
            st.session_state["generated_from"] = list(grid.values())  # the draft it started from
        result = st.session_state.get("generated")
        if result:
            m = result["metrics"]
            st.success(ui.tr("planning.result", honoured=m["honoured_votes"], total=m["total_votes"],
                             scheduled=m["scheduled"], n=len(sessions), moved=m["moved"], overflow=m["overflow"]),
                       icon=":material/insights:")
            shown = preview(problem, current_grid, result)
            draft_m, new_m = review.metrics, shown.metrics
            rows = [("planning.honoured", "honoured_votes"), ("planning.lost", "lost_votes"),
                    ("planning.unscheduled_votes", "unscheduled_votes"), ("planning.scheduled_n", "scheduled"),
                    ("planning.overflow", "overflow"), ("planning.overflow_risk", "overflow_risk"),
                    ("planning.moved_since_release", "moved")]
            st.table(pd.DataFrame(
                {ui.tr("planning.draft_column"): [getattr(draft_m, k) for _, k in rows],
                 ui.tr("planning.proposal_column"): [getattr(new_m, k) for _, k in rows]},
                index=[ui.tr(label) for label, _ in rows]))

            def _where(at: tuple[str, str] | None, none: str) -> str:
                return said(place(*at)) if at else ui.tr(none)  # not "–": a session dropped must show

            if shown.changes:
                st.markdown(f"**{ui.tr('planning.changes_vs_draft', n=len(shown.changes))}**")
                for c in shown.changes:
                    st.markdown(f"- **{ui.md(name(SESSION, c.session, ui.lang(), names))}**: "
                                f"{_where(c.before, 'planning.not_in_draft')} → {_where(c.after, 'planning.dropped')}")
            else:
                st.caption(ui.tr("planning.no_changes_vs_draft"))
            with st.expander(ui.tr("planning.proposed_grid")):
                proposed_cells = {  # marked as the draft's grid is: pinned, more votes than seats
                    sid: CellInfo(sessions[sid].title, ", ".join(host_names(sessions[sid])), votes=sessions[sid].demand,
                                  colour=session_colour(sessions[sid], topics), pinned=sid in grid and grid[sid].pinned,
                                  overflow=sessions[sid].demand > rooms_by_id[shown.places[sid][0]].capacity)
                    for sid in shown.places if sid in sessions and shown.places[sid][0] in rooms_by_id
                }
                for day in sorted({s.day for s in slots}):
                    st.html(render_grid(
                        day_rows(day, slots, rooms, shown.places), rooms, proposed_cells,
                        break_label=ui.break_labels(),
                        votes_text=lambda n: ui.tr("sessions.votes_n", n=n), seats_word=ui.tr("planning.seats"),
                        marks={kind: ui.tr(f"planning.mark_{kind}") for kind in ("pin", "warning", "overflow")},
                    ))
            started_from = st.session_state.get("generated_from")
            stale = started_from is not None and set(started_from) != set(grid.values())
            if stale:  # another organiser (or another tab) changed the draft meanwhile
                st.warning(ui.tr("error.draft_changed"), icon=":material/sync_problem:")
            k1, k2 = st.columns(2)
            if k1.button(ui.tr("planning.keep"), key="solve_keep", type="primary", icon=":material/check:",
                         disabled=stale):
                ui.act(store.grid.replace, user, placements_from_grid(result, {i for i, p in grid.items() if p.pinned}),
                       started_from, place="planning", done=ui.tr("planning.kept"),
                       then=lambda _: st.session_state.pop("generated"))
            if k2.button(ui.tr("planning.discard"), key="solve_discard", icon=":material/close:"):
                del st.session_state["generated"]
                st.rerun()

    proposal = shown if problem is not None and st.session_state.get("generated") else None
    st.subheader(ui.tr("planning.quality_proposal" if proposal else "planning.quality"))
    if problem is not None:
        # With a proposal on screen, its numbers and story: the draft's numbers are beside them above.
        quality = proposal or review
        m, sharpening = sharpened(problem, quality.metrics)  # a tighter bound comes from the background
        # Side by side as far as the labels fit whole, then on the next line (five columns cut them off).
        with st.container(horizontal=True, gap="medium"):
            st.metric(ui.tr("planning.honoured"), f"{m.honoured_votes} / {m.total_votes}", width="content")
            st.metric(ui.tr("planning.lost"), m.lost_votes, width="content")
            st.metric(ui.tr("planning.unscheduled_votes"), m.unscheduled_votes, width="content")
            st.metric(ui.tr("planning.overflow"), m.overflow, width="content")
            st.metric(ui.tr("planning.overflow_risk"), m.overflow_risk, help=ui.tr("planning.overflow_risk_help"),
                      width="content")
        if m.moved and problem.move_cost:  # the share counts the moves: say so, or 6/6 at 50 % puzzles
            st.caption(ui.tr("planning.of_best_moves", n=m.of_best, value=f"{m.value:g}", honoured=m.honoured_votes,
                             moved=m.moved, cost=f"{problem.move_cost:g}"), help=ui.tr("planning.of_best_help"))
        else:
            st.caption(ui.tr("planning.of_best", n=m.of_best), help=ui.tr("planning.of_best_help"))
        if sharpening:
            st.caption(ui.tr("planning.bound_pending"))
            wait_for_bound(problem, m)
        for note in quality.notes:
            st.markdown("- " + said(note))
        with st.expander(ui.tr("planning.expected_title")):
            st.caption(ui.tr("planning.expected_help"))
            rows = quality.audience
            st.table(pd.DataFrame({
                ui.tr("planning.session"): [ui.md(x.title) for x in rows],  # st.table renders Markdown
                ui.tr("planning.votes_column"): [x.votes for x in rows],
                ui.tr("planning.hands"): [x.hands for x in rows],
                ui.tr("planning.expected_column"): [x.expected for x in rows],
                ui.tr("planning.room"): [ui.md(x.room) if x.room is not None else "–" for x in rows],
                ui.tr("planning.seats_column"): [str(x.seats) if x.seats is not None else "–" for x in rows],
            }))
    if violations:
        st.subheader(ui.tr("planning.warnings", n=len(violations)))
        for v in violations:
            (st.error if v.is_hard else st.warning)(said(v.said))

with grid_tab:
    placed = review.places if review else grid_places(current_grid)
    cells = {
        sid: CellInfo(
            s.title, ", ".join(host_names(s)), votes=s.demand,
            colour=session_colour(s, topics),
            pinned=grid[sid].pinned,
            warning=sid in warned,
            overflow=s.demand > rooms_by_id[grid[sid].room_id].capacity,
        )
        for sid, s in sessions.items() if sid in grid
    }
    days = sorted({s.day for s in slots})
    for tab, day in zip(st.tabs([day_short(d, lang) for d in days], key="planning_days"), days):
        with tab:
            st.html(render_grid(
                day_rows(day, slots, rooms, placed), rooms, cells,
                break_label=ui.break_labels(),
                votes_text=lambda n: ui.tr("sessions.votes_n", n=n), seats_word=ui.tr("planning.seats"),
                marks={kind: ui.tr(f"planning.mark_{kind}") for kind in ("pin", "warning", "overflow")},
            ))
    unplaced = sorted((s for s in sessions.values() if s.id not in grid), key=lambda s: -s.demand)
    st.subheader(ui.tr("planning.unscheduled", n=len(unplaced)))
    hints = review.hints if review else {}
    for s in unplaced:
        hint = f" — {said(hints[s.id])}" if s.id in hints else ""  # why it is out and what would bring it in
        st.markdown(f"- **{ui.md(s.title)}** · {ui.md(', '.join(host_names(s)))} · {ui.tr('sessions.votes_n', n=s.demand)}"
                    + hint)

with adjust_tab:
    if not sessions:
        st.info(ui.tr("sessions.empty"), icon=":material/info:")
    else:
        def _follow_session() -> None:
            """Room and slot start at the chosen session's place: a click on "move" right away moves nothing."""
            here = grid.get(st.session_state.get("adjust_session"))
            if here is not None:
                st.session_state["adjust_room"], st.session_state["adjust_slot"] = here.room_id, here.slot_id

        chosen = st.selectbox(ui.tr("planning.session"), sorted(sessions, key=lambda i: sessions[i].title.casefold()),
                              format_func=_label, key="adjust_session", on_change=_follow_session)
        s = sessions[chosen]
        # The first session shown, before any choice; and after an edit (a swap moved it,
        # a pin kept it): the boxes showed its old place, one click from double-booking it.
        if "adjust_room" not in st.session_state or st.session_state.pop("adjust_follow", False):
            _follow_session()
        c1, c2 = st.columns(2)
        room_id = c1.selectbox(ui.tr("planning.room"), list(rooms_by_id), format_func=lambda i: f"{rooms_by_id[i].name} ({rooms_by_id[i].capacity})",
                               key="adjust_room")
        slot_id = c2.selectbox(ui.tr("planning.slot"), [x.id for x in session_slots],
                               format_func=lambda i: f"{slot_time(slots_by_id[i].day, slots_by_id[i].start, lang)}–{slots_by_id[i].end}",
                               key="adjust_slot")
        b1, b2, b3, b4 = st.columns(4)
        target = slots_by_id[slot_id]
        b1.button(ui.tr("planning.move"), key="adjust_move", type="primary", icon=":material/open_with:",
                  on_click=ui.act, args=(store.grid.place, user, chosen, room_id, slot_id),
                  kwargs=hand_edit(ui.say("planning.moved", title=s.title, room=rooms_by_id[room_id].name,
                                          when=slot_time(target.day, target.start, lang)), chosen))
        if chosen in grid:
            pinned = grid[chosen].pinned
            b2.button(ui.tr("planning.unpin") if pinned else ui.tr("planning.pin"), key="adjust_pin",
                      icon=":material/push_pin:", on_click=ui.act, args=(store.grid.set_pinned, user, chosen, not pinned),
                      kwargs=hand_edit(ui.say("planning.unpinned" if pinned else "planning.pinned", title=s.title), chosen))
            b3.button(ui.tr("planning.unschedule"), key="adjust_unschedule", icon=":material/remove_circle:",
                      on_click=ui.act, args=(store.grid.unplace, user, chosen),
                      kwargs=hand_edit(ui.say("planning.unscheduled_one", title=s.title), chosen))
            others = [i for i in grid if i != chosen]
            if others:
                def _swap_and_close(*args: object, **kwargs: object) -> None:
                    st.session_state["adjust_swap_open"] = False  # the result shows below the buttons, not under the box
                    ui.act(*args, **kwargs)

                with b4.popover(ui.tr("planning.swap"), icon=":material/swap_horiz:", key="adjust_swap_open",
                                on_change="rerun"):
                    other = st.selectbox(ui.tr("planning.swap_with"), others, format_func=_label, key="adjust_swap_with")
                    st.button(ui.tr("planning.swap"), key="adjust_swap", on_click=_swap_and_close,
                              args=(store.grid.swap, user, chosen, other), kwargs=hand_edit(ui.tr("planning.swapped"), chosen, other))
        if done := st.session_state.pop("adjust_done", None):
            message, touched = done
            broken = review.touching(touched) if review else []
            if broken:
                st.warning(f"{message} {ui.tr('planning.now_breaks', n=len(broken))}", icon=":material/warning:")
                for v in broken:
                    (st.error if v.is_hard else st.warning)(said(v.said))
            else:
                st.success(f"{message} {ui.tr('planning.breaks_none')}", icon=":material/check_circle:")

with publish_tab:
    releases = store.releases.all()
    latest = releases[-1] if releases else None
    preview = store.releases.preview()
    changes = diff(latest, preview)
    # What this organiser saw on the last run is what a click publishes, or nothing (someone else changed it).
    seen = st.session_state.get("publish_seen")
    st.session_state["publish_seen"] = preview.items
    if latest is None:
        st.info(ui.tr("planning.first_release", n=len(preview.items)), icon=":material/info:")
    elif not changes:
        st.info(ui.tr("planning.no_changes", name=ui.md(latest.name)), icon=":material/check:")
    else:
        st.write(ui.tr("planning.changes_since", name=ui.md(latest.name), n=len(changes)))
        for c in changes:
            before = f"{slot_time(c.before.day, c.before.start, lang)}, {c.before.room}" if c.before else ""
            after = f"{slot_time(c.after.day, c.after.start, lang)}, {c.after.room}" if c.after else ""
            st.markdown(f"- {ui.tr(f'change.{c.kind}')}: **{ui.md(c.title)}** "
                        + (f"({ui.md(before)} → {ui.md(after)})" if c.kind in (ChangeKind.MOVED, ChangeKind.ROOM) else ""))
    hard = [v for v in violations if v.is_hard]  # what people would plan their day by
    with st.form("publish_form"):
        name = st.text_input(ui.tr("planning.release_name"), key="release_name",
                             placeholder=f"v{len(releases) + 1}")
        anyway = False
        if hard:
            st.warning(ui.tr("planning.publish_breaks", n=len(hard)), icon=":material/warning:")
            st.markdown("\n".join(f"- {said(v.said)}" for v in hard))
            anyway = st.checkbox(ui.tr("planning.publish_anyway"), key="publish_anyway")
        if st.form_submit_button(ui.tr("planning.publish_do"), type="primary", icon=":material/publish:"):
            if hard and not anyway:
                st.error(ui.tr("planning.publish_confirm_needed"), icon=":material/error:")
            else:
                ui.act(store.releases.publish, user, name, seen, place="planning",
                       done=lambda release: ui.say("planning.published", name=release.name, n=len(release.items)))
    if releases:
        st.subheader(ui.tr("planning.history"))
        for older, newer in zip([None, *releases[:-1]], releases):
            sessions_n = ui.tr("planning.release_sessions", n=len(newer.items))
            with st.expander(f"{ui.md(newer.name)} · {ui.when(newer.created_at, event.timezone)} · {sessions_n}"):
                for c in diff(older, newer):
                    st.markdown(f"- {ui.tr(f'change.{c.kind}')}: {ui.md(c.title)}")

with pitch_tab:
    st.caption(ui.tr("planning.pitch_help"))
    k = ui.form_keys("pitch")  # empty after each pitch; a refusal keeps what was typed
    with st.form(f"{k}_form"):
        c1, c2, c3 = st.columns([4, 3, 1])
        title = c1.text_input(ui.tr("propose.title_field"), key=f"{k}_title")
        host = c2.text_input(ui.tr("planning.host"), key=f"{k}_host", placeholder=ui.tr("planning.host_hint"), max_chars=NAME_MAX)
        hands = c3.number_input(ui.tr("planning.hands"), 0, 100_000, 0, step=1, key=f"{k}_hands")
        c4, c5, c6 = st.columns(3)
        length = c4.selectbox(ui.tr("propose.length"), [1, 2], format_func=lambda n: ui.tr("sessions.length", n=n), key=f"{k}_length")
        needs = c5.multiselect(ui.tr("propose.needs"), store.venue.features(), format_func=ui.feature_label, key=f"{k}_needs",
                               placeholder=ui.tr("propose.choose"))
        # A session has a topic: the first is preselected, so what is stored is what the form shows.
        topic = c6.selectbox(ui.tr("planning.topic"), list(topics), key=f"{k}_topic", placeholder=ui.tr("propose.choose"),
                             format_func=lambda i: topics[i].name)
        c7, c8, c9 = st.columns(3)
        room = c7.selectbox(ui.tr("planning.room"), [None, *rooms_by_id], key=f"{k}_room", placeholder=ui.tr("propose.choose"),
                            format_func=lambda i: ui.tr("planning.later") if i is None else rooms_by_id[i].name)
        slot = c8.selectbox(ui.tr("planning.slot"), [None, *[x.id for x in session_slots]], key=f"{k}_slot", placeholder=ui.tr("propose.choose"),
                            format_func=lambda i: ui.tr("planning.later") if i is None else slot_time(slots_by_id[i].day, slots_by_id[i].start, lang))
        if st.form_submit_button(ui.tr("planning.pitch_add"), type="primary"):
            def pitch():
                if (room is None) != (slot is None):  # half a place: say so before anything is stored
                    raise ValidationError("error.pitch_room_and_slot")
                created = store.sessions.pitch(user, title, host, int(hands), length, tuple(needs), (topic,) if topic else ())
                if room is not None and slot is not None:
                    store.grid.place(user, created.id, room, slot)
                return created

            def next_round(created) -> None:
                ui.next_form("pitch")
                st.session_state["pitch_done"] = created.id  # its rule check shows below on the next run

            ui.act(pitch, place="planning", then=next_round,
                   done=lambda created: ui.say("planning.pitched", title=created.title, n=created.hand_votes))
    if (pitched := st.session_state.pop("pitch_done", None)) is not None and review:
        if broken := review.touching([pitched]):  # taken, but where it was put breaks rules: say so first
            st.warning(f"{ui.tr('planning.pitch_breaks')} {ui.tr('planning.now_breaks', n=len(broken))}",
                       icon=":material/warning:")
        for v in broken:
            (st.error if v.is_hard else st.warning)(said(v.said))
    if sessions and pitch_tab.open:  # a number field per session: too many to draw in a hidden tab
        with st.form("hands_form"):
            st.markdown(f"**{ui.tr('planning.hands_title')}**")
            counts = {}
            for s in sorted(sessions.values(), key=lambda s: s.title.casefold()):
                counts[s.id] = st.number_input(f"{ui.md(s.title)} ({ui.tr('sessions.votes_n', n=s.votes)})", 0, 100_000,
                                               s.hand_votes, step=1, key=f"hands_{s.id}")
            if st.form_submit_button(ui.tr("planning.hands_save")):
                def save_hands():
                    for session_id, n in counts.items():
                        if n != sessions[session_id].hand_votes:
                            store.sessions.set_hands(user, session_id, int(n))

                ui.act(save_hands, place="planning", done=ui.tr("planning.hands_saved"))
