"""Organisers: the exports of the latest release as downloads, and proposals imported from CSV.

Only the open tab runs. The schedule files and the sessions list are built
once per change of the data (shared with the schedule page); the PDFs are built on a button press
(reportlab takes a while for a big event) and kept for this release; the
planning problem is built when its button is clicked. No download reruns
the page.
"""

from __future__ import annotations

import json

import streamlit as st

from app_pages import ui
from planner.domain import imports
from planner.site.imports import describe
from planner.errors import PlannerError
from planner.exports import Export, csv_files, pdf
from planner.exports.adapter import build
from planner.models import Release, Role
from planner.scheduler.adapter import problem_for_event

user = ui.require_user(Role.ORGANISER)
store = ui.store()
event = store.event.get()

st.title(ui.tr("exports.title"))
st.caption(ui.tr("exports.intro"))

files_tab, import_tab = st.tabs(
    [ui.tr("exports.tab_files"), ui.tr("import.title")], key="exports_tabs", on_change="rerun"
)


def _offer(label: str, explanation: str, key: str, export: Export, icon: str = ":material/download:") -> None:
    """A download button with one line on what reads the file.

    ``export.data`` may be a function: Streamlit then calls it on the click.
    """
    left, right = st.columns([2, 3], vertical_alignment="center")
    left.download_button(label, export.data, file_name=export.filename, mime=export.mime, key=key,
                         icon=icon, on_click="ignore", width="stretch")
    right.caption(explanation)


def _problem_json() -> bytes:
    # Runs on the click, in a thread of its own: no Streamlit calls in here.
    return (json.dumps(problem_for_event(store), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _build_pdfs(release: Release) -> None:
    rooms, slots = store.venue.rooms(), store.venue.slots()
    lang = event.default_language  # they hang at the venue
    st.session_state["exports_pdfs"] = (release.id, [
        pdf.grid_poster(event, release, rooms, slots, lang=lang),
        pdf.door_signs(event, release, rooms, slots, lang=lang),
    ])


if files_tab.open:
    with files_tab:
        release = store.releases.latest()
        st.subheader(ui.tr("exports.schedule"))
        if release is None:
            st.info(ui.tr("exports.no_release"), icon=":material/schedule:")
            st.caption(ui.tr("exports.no_release_lists"))
        else:
            st.caption(ui.say("exports.release", release=release.name)
                       + f" · {ui.when(release.created_at, event.timezone)}")
            if not event.schedule_published:
                st.warning(ui.tr("exports.not_public"), icon=":material/visibility_off:")
            if not event.base_url:
                st.caption(ui.tr("exports.no_base_url"))
            _offer(ui.tr("exports.frab_json"), ui.tr("exports.frab_json_help"), "exports_frab_json",
                   ui.by_revision(build, "frab-json"))
            _offer(ui.tr("exports.frab_xml"), ui.tr("exports.frab_xml_help"), "exports_frab_xml",
                   ui.by_revision(build, "frab-xml"))
            _offer(ui.tr("exports.ics"), ui.tr("exports.ics_help"), "exports_ics",
                   ui.by_revision(build, "ics"), icon=":material/calendar_month:")

            st.subheader(ui.tr("exports.printouts"))
            left, right = st.columns([2, 3], vertical_alignment="center")
            if left.button(ui.tr("exports.pdf_build"), key="exports_pdf_build", icon=":material/print:",
                           width="stretch"):
                with st.spinner(ui.tr("exports.pdf_building")):
                    _build_pdfs(release)
            right.caption(ui.tr("exports.pdf_help"))
            built_for, pdfs = st.session_state.get("exports_pdfs", (None, []))
            if built_for == release.id:
                poster, signs = pdfs
                _offer(ui.tr("exports.poster"), ui.tr("exports.poster_help"), "exports_poster", poster,
                       icon=":material/picture_as_pdf:")
                _offer(ui.tr("exports.signs"), ui.tr("exports.signs_help"), "exports_signs", signs,
                       icon=":material/picture_as_pdf:")

        st.subheader(ui.tr("exports.lists"))
        _offer(ui.tr("exports.sessions_csv"), ui.tr("exports.sessions_csv_help"), "exports_sessions_csv",
               ui.by_revision(build, "csv", ui.lang()), icon=":material/table:")
        _offer(ui.tr("exports.topics_csv"), ui.tr("exports.topics_csv_help"), "exports_topics_csv",
               csv_files.topic_votes(store.topics.list(), store.sessions.list(), lang=ui.lang()),
               icon=":material/table:")
        _offer(ui.tr("exports.waiting_csv"), ui.tr("exports.waiting_csv_help"), "exports_waiting_csv",
               csv_files.waiting_list(store.registration.waiting_list(), lang=ui.lang()), icon=":material/table:")

        st.subheader(ui.tr("exports.planning"))
        _offer(ui.tr("exports.problem"), ui.tr("exports.problem_help"), "exports_problem",
               Export("planning-problem.json", "application/json", _problem_json), icon=":material/data_object:")


def _import(rows: list[imports.ImportRow]) -> None:
    ui.act(imports.import_proposals, store, user, rows, place="import", callback=True,
           done=lambda done: ui.tr("import.done", count=len(done)), then=_fresh_uploader)


def _fresh_uploader(_done: object) -> None:
    """The imported file would now only show taken titles."""
    st.session_state["import_round"] += 1


def _preview_table(rows: list[imports.ImportRow]) -> None:
    """The rows as read, user text as plain cells (a dataframe renders no Markdown)."""
    lang = ui.lang()
    st.dataframe(
        [
            {
                ui.tr("import.col_row"): r.row,
                ui.tr("import.col_ok"): r.ok,
                ui.tr("import.col_title"): r.title,
                ui.tr("import.col_hosts"): r.host,
                ui.tr("import.col_topics"): ", ".join(r.topics),
                ui.tr("import.col_length"): r.shown_length,
                ui.tr("import.col_errors"): " · ".join(describe(e, lang) for e in r.errors),
            }
            for r in rows
        ],
        hide_index=True, key="import_preview", width="stretch",
        column_config={ui.tr("import.col_ok"): st.column_config.CheckboxColumn(width="small"),
                       ui.tr("import.col_errors"): st.column_config.TextColumn(width="large")},
    )


SHOWN_ERRORS = 20

if import_tab.open:
    with import_tab:
        ui.flash("import")
        st.caption(ui.tr("import.help", max_rows=imports.MAX_ROWS, max_mb=imports.MAX_BYTES // 1_000_000))
        upload_round = st.session_state.setdefault("import_round", 0)
        upload = st.file_uploader(
            ui.tr("import.upload"), type=["csv"], key=f"import_file_{upload_round}",
            # The drop zone says "1MB pro Datei"; Streamlit refuses a larger file itself (its MB is
            # 1,000,000 bytes, imports.MAX_BYTES), with its message in our words (ui.STREAMLIT_PATTERNS).
            max_upload_size=1,
        )
        if upload is not None:
            try:
                rows = imports.preview(store, upload.getvalue(), upload.name)
            except PlannerError as err:
                ui.show_error(err)
            else:
                if not rows:
                    st.warning(ui.tr("import.empty"), icon=":material/warning:")
                    st.stop()
                st.subheader(ui.tr("import.preview", count=len(rows)))
                _preview_table(rows)
                refused = imports.errors_of(rows)
                if refused:
                    bad = len({e.row for e in refused})
                    st.error(ui.tr("import.refused", bad=bad, count=len(rows)) + " " + ui.tr("import.fix_first"),
                             icon=":material/error:")
                    st.markdown("\n".join(f"- {ui.md(describe(e, ui.lang()))}" for e in refused[:SHOWN_ERRORS]))
                    if len(refused) > SHOWN_ERRORS:
                        st.caption(ui.tr("import.more_errors", count=len(refused) - SHOWN_ERRORS))
                else:
                    st.success(ui.tr("import.all_ok", count=len(rows)), icon=":material/check:")
                    st.button(ui.tr("import.do", count=len(rows)), key="import_do", type="primary",
                              icon=":material/upload:", on_click=_import, args=(rows,))
