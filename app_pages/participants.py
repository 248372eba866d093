"""Organisers: accounts (search, role, deactivate) and the waiting list."""

from __future__ import annotations

import functools

import streamlit as st

from app_pages import ui
from planner.exports import csv_files
from planner.models import Registration, Role

user = ui.require_user(Role.ORGANISER)
store = ui.store()
event = store.event.get()

st.title(ui.tr("participants.title"))
ui.flash("participants")

waiting = store.registration.waiting_list()
confirmed = store.registration.confirmed_count()
limit = event.capacity
st.caption(
    ui.tr("participants.summary", confirmed=confirmed, limit=limit if limit else "∞", waiting=len(waiting))
)

# The buttons act in a callback: the next run already shows the change.
_act = functools.partial(ui.act, place="participants", callback=True)

users_tab, waiting_tab = st.tabs(
    [ui.tr("participants.accounts"), ui.tr("participants.waiting", n=len(waiting))], key="participants_tabs"
)

with users_tab:
    query = st.text_input(ui.tr("participants.search"), key="participants_search")
    found = store.people.search(query)
    unavailable = store.availability.all()
    st.caption(ui.tr("participants.found", n=len(found)))
    for person in ui.first_part(found, "participants"):
        with st.container(border=True, key=f"user_{person.id}"):
            c1, c2, c3, c4 = st.columns([4, 2, 2, 2], vertical_alignment="center")
            state = ui.tr(f"registration.{person.registration}") if person.role is Role.PARTICIPANT else ""
            inactive = "" if person.active else f" · {ui.tr('participants.inactive')}"
            c1.markdown(f"**{ui.md(person.name)}** (@{ui.md(person.username)}) · {ui.md(person.email)}")
            c1.caption(f"{ui.tr(f'role.{person.role}')} {('· ' + state) if state else ''}{inactive}")
            other_role = Role.PARTICIPANT if person.role is Role.ORGANISER else Role.ORGANISER
            c2.button(
                ui.tr(f"participants.make_{other_role}"), key=f"role_{person.id}",
                on_click=_act, args=(store.people.set_role, user, person.id, other_role),
                kwargs={"done": ui.say("participants.role_changed", name=person.name)},
            )
            c3.button(
                ui.tr("participants.deactivate") if person.active else ui.tr("participants.activate"),
                key=f"active_{person.id}", disabled=person.id == user.id,
                on_click=_act, args=(store.people.set_active, user, person.id, not person.active),
                kwargs={"done": ui.say("participants.active_changed", name=person.name)},
            )
            if person.role is Role.PARTICIPANT and person.registration is not Registration.CONFIRMED:
                c4.button(
                    ui.tr("participants.confirm"), key=f"confirm_{person.id}",
                    on_click=_act, args=(store.registration.move, user, person.id, Registration.CONFIRMED),
                    kwargs={"done": ui.say("participants.confirmed", name=person.name)},
                )
            if availability := unavailable.get(person.id):
                c1.caption(ui.tr("participants.unavailable_n", n=len(availability)))
    ui.more_button(len(found), "participants")

with waiting_tab:
    if not waiting:
        st.info(ui.tr("participants.no_waiting"), icon=":material/info:")
    else:
        export = csv_files.waiting_list(waiting, ui.lang())
        st.download_button(
            ui.tr("participants.export_csv"), export.data, file_name=export.filename, mime=export.mime,
            key="waiting_csv", icon=":material/download:",
        )
        for position, person in enumerate(waiting, start=1):
            with st.container(border=True, key=f"waiting_{person.id}"):
                c1, c2, c3 = st.columns([5, 2, 2], vertical_alignment="center")
                c1.markdown(f"{position}. **{ui.md(person.name)}** (@{ui.md(person.username)})")
                c2.button(
                    ui.tr("participants.confirm"), key=f"promote_{person.id}", type="primary",
                    on_click=_act, args=(store.registration.move, user, person.id, Registration.CONFIRMED),
                    kwargs={"done": ui.say("participants.confirmed", name=person.name)},
                )
                c3.button(
                    ui.tr("participants.remove"), key=f"drop_{person.id}",
                    on_click=_act, args=(store.registration.move, user, person.id, Registration.CANCELLED),
                    kwargs={"done": ui.say("participants.removed", name=person.name)},
                )
