"""Hosts mark the slots in which they cannot host; organisers do it on their behalf."""

from __future__ import annotations

import streamlit as st

from app_pages import ui
from planner.models import SlotKind
from planner.i18n import day_label

user = ui.require_user()
store = ui.store()

st.title(ui.tr("availability.title"))
ui.flash("availability")

person = user
if user.is_organiser:
    people = store.people.list()
    ids = [u.id for u in people]
    by_id = {u.id: u for u in people}
    chosen = st.selectbox(
        ui.tr("availability.for_whom"), ids, index=ids.index(user.id),
        format_func=lambda i: f"{by_id[i].name} (@{by_id[i].username})", key="availability_person",
    )
    person = by_id[chosen]

slots = [s for s in store.venue.slots() if s.kind is SlotKind.SESSION]
if not slots:
    st.info(ui.tr("availability.no_slots"), icon=":material/info:")
    st.stop()

st.write(ui.tr("availability.intro"))
blocked = store.availability.of(person.id)
with st.form("availability_form"):
    days = sorted({s.day for s in slots})
    chosen_slots = []
    for day in days:
        st.markdown(f"**{day_label(day, ui.lang())}**")
        for slot in [s for s in slots if s.day == day]:
            if st.checkbox(
                ui.tr("availability.slot", start=slot.start, end=slot.end),
                value=slot.id in blocked, key=f"unavailable_{person.id}_{slot.id}",
            ):
                chosen_slots.append(slot.id)
    if st.form_submit_button(ui.tr("availability.save"), type="primary"):
        ui.act(store.availability.set_unavailable, user, person.id, chosen_slots, place="availability",
               done=ui.tr("availability.saved", n=len(chosen_slots)))
