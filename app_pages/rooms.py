"""Organisers: rooms (capacity, features, online link, unavailability) and the slots of each day."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from app_pages import ui
from planner.models import Role, SlotKind
from planner.i18n import built_in_label, day_label, day_short, slot_label
from planner.domain.timeslots import generate_day, occupied_slots, to_minutes
from planner.site.editor_rows import room_drafts, slot_drafts
from planner.domain.text import FEATURE_MAX, NAME_MAX, SLOT_LABEL_MAX

user = ui.require_user(Role.ORGANISER)
store = ui.store()
event = store.event.get()


def _slots_saved(saved: list) -> str:
    return ui.tr("rooms.slots_saved", n=len(saved))


def _generated(saved: list, end: str) -> str:
    """Saved, and when the pattern leaves the day's end empty (no whole session fits there), that too."""
    last = max((s.end for s in saved), default="")
    early = last and to_minutes(last) < to_minutes(end)
    return _slots_saved(saved) + (" " + ui.tr("rooms.gen_ends_early", last=last, end=end) if early else "")


st.title(ui.tr("rooms.title"))
ui.flash("rooms")

rooms_tab, slots_tab, blocked_tab = st.tabs(
    [ui.tr("rooms.rooms"), ui.tr("rooms.slots"), ui.tr("rooms.unavailable")], key="rooms_tabs"
)

with rooms_tab:
    rooms = store.venue.rooms()
    features = store.venue.features()
    with st.form("room_add_form", clear_on_submit=True):
        st.markdown(f"**{ui.tr('rooms.add')}**")
        c1, c2, c3 = st.columns([3, 1, 3])
        new_name = c1.text_input(ui.tr("rooms.name"), key="room_new_name", max_chars=NAME_MAX)
        new_capacity = c2.number_input(ui.tr("rooms.capacity"), 0, 100_000, 30, step=1, key="room_new_capacity")
        new_features = c3.multiselect(
            ui.tr("rooms.features"), features, format_func=ui.feature_label, key="room_new_features",
            placeholder=ui.tr("propose.choose"), accept_new_options=True,
            help=ui.tr("rooms.features_help", max=FEATURE_MAX),
        )
        if st.form_submit_button(ui.tr("rooms.add"), type="primary"):
            ui.act(store.venue.add_room, user, new_name, int(new_capacity), list(new_features), place="rooms",
                   done=lambda added: ui.say("rooms.added", name=added.name))
    st.caption(ui.tr("rooms.help"))
    frame = pd.DataFrame(
        [
            {"position": i + 1, "name": r.name, "capacity": r.capacity, "features": list(r.features),
             "online_url": r.online_url, "id": r.id}
            for i, r in enumerate(rooms)
        ],
        columns=["position", "name", "capacity", "features", "online_url", "id"],
    )
    with st.form("rooms_form"):
        edited = st.data_editor(
            frame,
            key="rooms_editor",
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            column_order=["position", "name", "capacity", "features", "online_url"],
            column_config={
                "position": st.column_config.NumberColumn(ui.tr("rooms.position"), min_value=1, step=1, width=50),
                # Name and seats in the first 300 px: on a phone the seats were off the screen.
                "name": st.column_config.TextColumn(ui.tr("rooms.name"), required=True, max_chars=NAME_MAX, width=120),
                "capacity": st.column_config.NumberColumn(ui.tr("rooms.capacity"), min_value=0, step=1, required=True,
                                                          width=70),
                "features": st.column_config.MultiselectColumn(
                    ui.tr("rooms.features"), options=features, accept_new_options=True,
                    format_func=ui.feature_label, help=ui.tr("rooms.features_help", max=FEATURE_MAX),
                ),
                "online_url": st.column_config.LinkColumn(ui.tr("rooms.online_url")),
            },
        )
        rows = edited.to_dict("records")
        kept = {int(r["id"]) for r in rows if pd.notna(r.get("id"))}
        deleted = [r for r in rooms if r.id not in kept]
        confirm = st.checkbox(ui.tr("rooms.confirm_delete"), key="rooms_confirm_delete")
        save = st.form_submit_button(ui.tr("rooms.save"), type="primary")
    # What this browser's table was built from: when another organiser saves in between,
    # Streamlit rebuilds the table from the new rooms and the edits made here are gone,
    # so the save would store nothing and say "saved".
    shown = tuple((r.id, r.name, r.capacity, r.features, r.online_url) for r in rooms)
    built_from = st.session_state.get("rooms_shown", shown)
    st.session_state["rooms_shown"] = shown
    if save and built_from != shown:
        st.error(ui.tr("rooms.changed_meanwhile"), icon=":material/sync_problem:")
    elif save:
        gone = {r.id for r in deleted}
        titles = {s.id: s.title for s in store.sessions.list()}
        unplaced = [titles[p.session_id] for p in store.grid.working() if p.room_id in gone and p.session_id in titles]
        if deleted and not confirm:
            message = ui.tr("rooms.delete_needs_confirm", names=", ".join(ui.md(r.name) for r in deleted))
            if unplaced:
                message += " " + ui.tr("rooms.delete_unplaces", n=len(unplaced), titles=", ".join(map(ui.md, unplaced)))
            st.error(message)
        else:
            def _saved(saved: list) -> str:
                told = ui.tr("rooms.saved", n=len(saved))
                return f"{told} {ui.tr('rooms.unplaced_by_delete', n=len(unplaced))}" if unplaced else told

            ui.act(lambda: store.venue.save_rooms(user, room_drafts(rows), delete_ids=sorted(gone)),
                   place="rooms", done=_saved, then=lambda _: st.session_state.pop("rooms_editor", None))

with slots_tab:
    first, last = date.fromisoformat(event.starts_on), date.fromisoformat(event.ends_on)
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    day = st.selectbox(
        ui.tr("rooms.day"), days, format_func=lambda d, lang=ui.lang(): day_label(d.isoformat(), lang), key="slots_day"
    )
    slots = [s for s in store.venue.slots() if s.day == day.isoformat()]

    with st.expander(ui.tr("rooms.generator"), expanded=not slots):
        with st.form("generator_form"):
            c1, c2, c3, c4 = st.columns(4)
            g_start = c1.text_input(ui.tr("rooms.gen_start"), value="10:00", key="gen_start")
            g_end = c2.text_input(ui.tr("rooms.gen_end"), value="17:30", key="gen_end")
            g_length = c3.number_input(ui.tr("rooms.gen_length"), 5, 240, 45, step=5, key="gen_length")
            g_change = c4.number_input(ui.tr("rooms.gen_changeover"), 0, 120, 15, step=5, key="gen_changeover")
            c5, c6, c7, c8 = st.columns(4)
            g_lunch = c5.text_input(ui.tr("rooms.gen_lunch"), value="12:30", key="gen_lunch")
            g_lunch_len = c6.number_input(ui.tr("rooms.gen_lunch_length"), 0, 180, 60, step=5, key="gen_lunch_length")
            g_open = c7.number_input(ui.tr("rooms.gen_opening"), 0, 180, 0, step=5, key="gen_opening")
            g_close = c8.number_input(ui.tr("rooms.gen_closing"), 0, 180, 0, step=5, key="gen_closing")
            if slots:
                st.warning(ui.tr("rooms.gen_replaces", n=len(slots)), icon=":material/warning:")
            generate = st.form_submit_button(ui.tr("rooms.generate"), type="primary")
        if generate:
            ui.act(lambda: store.venue.save_day(user, day.isoformat(), generate_day(
                       g_start, g_end, int(g_length), int(g_change), g_lunch or None, int(g_lunch_len),
                       int(g_open), int(g_close))),
                   place="rooms", done=lambda saved: _generated(saved, g_end))

    slot_frame = pd.DataFrame(
        # Built-in labels in the organiser's language; saved back as keys when left as they are.
        [{"start": s.start, "end": s.end, "kind": s.kind.value,
          "label": slot_label(s.label, "", ui.lang()) if s.label else ""} for s in slots],
        columns=["start", "end", "kind", "label"],
    )
    with st.form("slots_form"):
        edited_slots = st.data_editor(
            slot_frame,
            key="slots_editor",
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            column_config={
                "start": st.column_config.TextColumn(ui.tr("rooms.slot_start"), required=True, max_chars=5, validate=r"^\d{1,2}:\d{2}$"),
                "end": st.column_config.TextColumn(ui.tr("rooms.slot_end"), required=True, max_chars=5, validate=r"^\d{1,2}:\d{2}$"),
                "kind": st.column_config.SelectboxColumn(
                    ui.tr("rooms.slot_kind"), options=[k.value for k in SlotKind], required=True,
                    default=SlotKind.SESSION.value, format_func=lambda k: ui.tr(f"slotkind.{k}"),
                ),
                "label": st.column_config.TextColumn(ui.tr("rooms.slot_label"), max_chars=SLOT_LABEL_MAX),
            },
        )
        save_slots = st.form_submit_button(ui.tr("rooms.save_slots"), type="primary")
    if save_slots:
        rows = [{**r, "label": built_in_label(str(r.get("label") or ""), ui.lang())}
                for r in edited_slots.to_dict("records")]
        ui.act(lambda: store.venue.save_day(user, day.isoformat(), slot_drafts(rows)), place="rooms", done=_slots_saved)

with blocked_tab:
    rooms = store.venue.rooms()
    session_slots = [s for s in store.venue.slots() if s.kind is SlotKind.SESSION]
    if not rooms or not session_slots:
        st.info(ui.tr("rooms.need_rooms_slots"), icon=":material/info:")
    else:
        by_id = {s.id: s for s in session_slots}
        with st.form("room_blocked_form"):
            choices = {}
            for room in rooms:
                choices[room.id] = st.multiselect(
                    ui.say("rooms.blocked_in", room=room.name, capacity=room.capacity),
                    list(by_id),
                    default=[s for s in room.unavailable if s in by_id],
                    format_func=lambda i, lang=ui.lang(): f"{day_short(by_id[i].day, lang)} {by_id[i].start}–{by_id[i].end}",
                    key=f"room_blocked_{room.id}",
                    placeholder=ui.tr("rooms.always_free"),
                )
            if st.form_submit_button(ui.tr("rooms.save"), type="primary"):
                def _blocked_saved(_: object) -> str:
                    """Saved; and the draft's sessions that sit where a room is closed now (the schedule
                    keeps them until the next release, so the organiser must know)."""
                    live = {x.id: x for x in store.sessions.list()}
                    caught = [live[p.session_id].title for p in store.grid.working() if p.session_id in live
                              and {x.id for x in occupied_slots(session_slots, p.slot_id, live[p.session_id].length)}
                              & set(choices.get(p.room_id, ()))]
                    told = ui.tr("rooms.blocked_saved")
                    if caught:
                        told += " " + ui.tr("rooms.blocked_catches", n=len(caught), titles=", ".join(map(ui.md, caught)))
                    return told

                ui.act(store.venue.set_room_unavailable, user, choices, place="rooms", done=_blocked_saved)
