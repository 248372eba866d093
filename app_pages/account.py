"""Your account: who you are, a new password, your calendar subscription, your participation."""

from __future__ import annotations

import streamlit as st

from app_pages import ui
from planner.domain.text import EMAIL_MAX, NAME_MAX
from planner.site.addresses import feed_links
from planner.models import Registration, Role

user = ui.require_user()
store = ui.store()

st.title(ui.tr("account.title"))
ui.registration_banner(user)
st.markdown(
    f"**{ui.md(user.name)}** (@{ui.md(user.username)}) · {ui.md(user.email)} · {ui.tr(f'role.{user.role}')}"
)

ui.flash("profile")
with st.expander(ui.tr("account.edit_profile"), icon=":material/edit:"):
    with st.form("profile_form"):
        new_name = st.text_input(ui.tr("auth.name"), value=user.name, key="profile_name", max_chars=NAME_MAX)
        new_email = st.text_input(ui.tr("auth.email"), value=user.email, key="profile_email", max_chars=EMAIL_MAX)
        if st.form_submit_button(ui.tr("account.save_profile"), type="primary"):
            ui.act(store.accounts.update_profile, user, new_name, new_email, place="profile",
                   done=ui.tr("account.profile_saved"), then=lambda changed: st.session_state.update(name=changed.name))

with st.form("password_form", clear_on_submit=True):
    st.subheader(ui.tr("account.change_password"))
    old = st.text_input(ui.tr("account.old_password"), type="password", key="pw_old")
    new = st.text_input(ui.tr("account.new_password"), type="password", key="pw_new", help=ui.tr("auth.password_help"))
    repeat = st.text_input(ui.tr("auth.password_repeat"), type="password", key="pw_repeat")
    submitted = st.form_submit_button(ui.tr("account.change_password"), type="primary")

if ui.flash("password"):
    st.caption(ui.tr("account.password_changed_elsewhere"))
if submitted:
    if new != repeat:
        st.error(ui.tr("error.password_mismatch"), icon=":material/error:")
    else:
        # Every other device is signed out; this one stays signed in.
        this_sign_in = st.session_state.get("_sign_in_id")
        ui.act(lambda: store.accounts.change_password(user.username, old, new, keep_sign_in=this_sign_in),
               place="password", done=ui.tr("account.password_changed"))


def _rotate_feed() -> None:
    """Before the rerun draws the link: it shows the new one, the confirmation unticked."""
    ui.act(store.agenda.rotate_feed_token, user, place="feed", done=ui.tr("account.feed_rotated"), callback=True)
    st.session_state["feed_rotate_confirm"] = False


st.subheader(ui.tr("account.feed_title"))
st.caption(ui.tr("account.feed_intro"))
event = store.event.get()
links = feed_links(store.agenda.feed_token(user), base_url=event.base_url if event else "",
                   host=st.context.headers.get("host"))
st.code(links.webcal, language=None, wrap_lines=True)
st.link_button(ui.tr("account.feed_subscribe"), links.webcal, key="feed_subscribe", icon=":material/calendar_month:")
st.caption(ui.tr("account.feed_web"))
st.code(links.web, language=None, wrap_lines=True)
st.caption(":material/lock: " + ui.tr("account.feed_private"))
ui.flash("feed")
confirm = st.checkbox(ui.tr("account.feed_rotate_confirm"), key="feed_rotate_confirm")
st.button(ui.tr("account.feed_rotate"), key="feed_rotate", disabled=not confirm, on_click=_rotate_feed,
          icon=":material/autorenew:")

st.subheader(ui.tr("account.devices_title"))
st.caption(ui.tr("account.devices_intro"))
ui.flash("devices")
here = st.session_state.get("_sign_in_id")
tz = event.timezone if event else "UTC"
for device in store.sign_ins.of(user):
    with st.container(border=True, key=f"device_{device.id}", horizontal=True, vertical_alignment="center"):
        name = ui.md(device.agent) if device.agent else ui.tr("account.device_unknown")
        this = f" · **{ui.tr('account.device_this')}**" if device.id == here else ""
        times = ui.tr("account.device_times", created=ui.when(device.created_at, tz), seen=ui.when(device.last_seen_at, tz))
        st.markdown(f":material/devices: {name}{this}  \n{times}", width="stretch")
        # A callback: the next run already knows this device is signed out.
        st.button(ui.tr("account.device_sign_out"), key=f"device_sign_out_{device.id}", on_click=ui.act,
                  args=(store.sign_ins.end, user, device.id),
                  kwargs={"place": "devices", "callback": True, "done": ui.tr("account.device_signed_out", name=name)})


def _sign_out_everywhere() -> None:
    ui.act(store.sign_ins.sign_out_everywhere, user, place="devices", callback=True)
    st.session_state["_signed_out_everywhere"] = True  # the next run, signed out, says it worked


st.button(ui.tr("account.sign_out_everywhere"), key="sign_out_everywhere", icon=":material/logout:",
          help=ui.tr("account.sign_out_everywhere_help"), on_click=_sign_out_everywhere)


if user.role is Role.PARTICIPANT:
    st.subheader(ui.tr("account.participation"))
    if user.registration is Registration.CANCELLED:
        if st.button(ui.tr("account.rejoin"), key="rejoin", type="primary"):
            ui.act(store.registration.rejoin, user, place="participation")
    else:
        confirm = st.checkbox(ui.tr("account.cancel_confirm"), key="cancel_confirm")
        if st.button(ui.tr("account.cancel"), key="cancel_registration", disabled=not confirm):
            ui.act(store.registration.cancel, user, place="participation")
