"""The session form, shared by proposing, editing and moderating."""

from __future__ import annotations

import streamlit as st

from app_pages import ui
from planner.errors import Conflict
from planner.models import Session, SessionDraft, SessionFormat, User
from planner.domain.sessions import MAX_COHOSTS, MAX_LENGTH_SLOTS, MAX_TOPICS_PER_SESSION
from planner.store import Store


def session_form(store: Store, user: User, prefix: str, current: Session | None) -> SessionDraft | None:
    """The proposal form; returns the draft when submitted."""
    topics = {t.id: t for t in store.topics.list()}
    features = store.venue.features()
    hosts = {h.id for h in current.hosts[:1]} if current else {user.id}
    others = {u.username: u for u in store.people.list() if u.id not in hosts}
    draft = current.to_draft() if current else SessionDraft(title="", language=ui.lang())
    # No "Press Enter to submit form" hint: on a phone it covers the pad field.
    with st.form(f"{prefix}_form", clear_on_submit=False, enter_to_submit=False):
        title = st.text_input(ui.tr("propose.title_field"), value=draft.title, key=f"{prefix}_title")
        description = st.text_area(
            ui.tr("propose.description"), value=draft.description, key=f"{prefix}_description",
            help=ui.tr("propose.description_help"), height=160,
        )
        c1, c2, c3 = st.columns(3)
        fmt = c1.selectbox(
            ui.tr("sessions.format"), list(SessionFormat), index=list(SessionFormat).index(draft.format),
            format_func=lambda f: ui.tr(f"format.{f}"), key=f"{prefix}_format",
        )
        length = c2.selectbox(
            ui.tr("propose.length"), list(range(1, MAX_LENGTH_SLOTS + 1)), index=draft.length - 1,
            format_func=lambda n: ui.tr("sessions.length", n=n), key=f"{prefix}_length",
            help=ui.tr("propose.length_help"),
        )
        language = c3.selectbox(
            ui.tr("sessions.language"), ["de", "en"], index=["de", "en"].index(draft.language),
            format_func=lambda c: ui.tr(f"lang.{c}"), key=f"{prefix}_language",
        )
        topic_ids = st.multiselect(
            ui.tr("sessions.topics"), list(topics), default=[t for t in draft.topic_ids if t in topics],
            format_func=lambda i: topics[i].name, key=f"{prefix}_topics", placeholder=ui.tr("propose.choose"),
            max_selections=MAX_TOPICS_PER_SESSION, select_all=False,  # Enter takes the first match, not all
        ) if topics else []  # none created yet: a proposal needs none
        needs = st.multiselect(
            ui.tr("propose.needs"), features, default=[n for n in draft.needs if n in features],
            format_func=ui.feature_label, key=f"{prefix}_needs", placeholder=ui.tr("propose.choose"), select_all=False,
        )
        cohosts = st.multiselect(
            ui.tr("propose.cohosts"), list(others), default=[c for c in draft.cohosts if c in others],
            format_func=lambda name: f"{others[name].name} (@{name})", key=f"{prefix}_cohosts", placeholder=ui.tr("propose.choose"),
            help=ui.tr("propose.cohosts_help"), max_selections=MAX_COHOSTS,
            filter_mode="contains",  # "ben" finds Ben, not everyone whose name holds b, e and n
            select_all=False,  # "ben" and Enter took both Bens ("2 Treffer auswählen" came first)
        )
        doc_url = st.text_input(
            ui.tr("propose.doc_url"), value=draft.doc_url, key=f"{prefix}_doc_url",
            placeholder="https://pad.example.org/…",
        )
        label = ui.tr("propose.save") if current else ui.tr("propose.submit")
        if not st.form_submit_button(label, type="primary"):
            return None
    return SessionDraft(
        title=title, description=description, format=fmt, length=length, language=language,
        doc_url=doc_url, needs=tuple(needs), topic_ids=tuple(topic_ids), cohosts=tuple(cohosts),
    )


def edit_session_form(store: Store, user: User, s: Session, place: str) -> None:
    """The edit form of ``s``; saves it, refusing a save over someone else's.

    The form remembers the version it was loaded from. When someone else
    saved in between, the save is refused and the page runs again at once:
    the form holds the stored version under fresh widget keys (a browser
    keeps the values of widgets whose keys stay the same), the refusal right
    under it, and the user's own text below that to copy. The confirmation
    waits for ``ui.flash(place)``.
    """
    version_key = f"edit_version_{s.id}"
    conflict = f"edit_conflict_{s.id}"
    st.session_state.setdefault(version_key, s.version)
    prefix = ui.form_keys(f"edit_{s.id}")
    draft = session_form(store, user, prefix, s)
    ui.flash(conflict)  # under the form, where the save button was pressed
    if mine := st.session_state.get(f"edit_mine_{s.id}"):
        st.caption(ui.tr("propose.your_version"))
        st.code(f"{mine.title}\n\n{mine.description}".strip(), language=None, wrap_lines=True)
    if draft is None:
        return

    def save() -> Session:
        try:
            return store.sessions.update(user, s.id, draft, st.session_state[version_key])
        except Conflict as err:
            st.session_state[f"edit_mine_{s.id}"] = draft
            ui.next_form(f"edit_{s.id}")  # the stored version under fresh keys
            del st.session_state[version_key]
            st.session_state[f"{conflict}_error"] = err  # for ui.flash(conflict) in the run that follows
            st.rerun()

    def saved(new: Session) -> None:
        forget_edit(s.id)
        st.session_state[version_key] = new.version

    ui.act(save, place=place, then=saved, done=lambda new: ui.say("propose.saved", title=new.title))


def forget_edit(session_id: int) -> None:
    """Start the edit form of a session afresh from what is stored (after a withdraw, a restore, a save)."""
    for key in (f"edit_version_{session_id}", f"edit_mine_{session_id}"):
        st.session_state.pop(key, None)
