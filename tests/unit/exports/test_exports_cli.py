"""``python -m planner export`` and ``export-problem``."""

from __future__ import annotations

import json

import pytest
from icalendar import Calendar

from export_data import publish_awkward
from planner.cli import main
from planner.exports.adapter import build
from planner.exports.registry import FORMATS
from planner.scheduler.adapter import problem_for_event


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_export_writes_each_format_under_its_name(event, db_path, tmp_path, monkeypatch, capsys, fmt):
    publish_awkward(event)
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--db", db_path, "--format", fmt.name]) == 0
    expected = build(event.store, fmt.name)
    assert (tmp_path / expected.filename).read_bytes()[:200] == expected.data[:200]
    assert capsys.readouterr().err.startswith(f"{db_path} -> {expected.filename} ({fmt.mime}, ")


def test_export_to_out_path_has_the_release(event, db_path, tmp_path):
    p = publish_awkward(event)
    out = tmp_path / "plan.ics"
    assert main(["export", "--db", db_path, "--format", "ics", "--out", str(out)]) == 0
    summaries = sorted(str(e["summary"]) for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert summaries == sorted(i.title for i in p.release.items)


def test_export_frab_json_to_stdout(event, db_path, capsysbinary):
    publish_awkward(event)
    assert main(["export", "--db", db_path, "--format", "frab-json", "--out", "-"]) == 0
    assert json.loads(capsysbinary.readouterr().out)["schedule"]["version"] == "v1"


@pytest.mark.parametrize("fmt", [f.name for f in FORMATS if f.needs_release])
def test_export_before_publishing_exits_2_with_one_line(event, db_path, tmp_path, capsys, fmt):
    assert main(["export", "--db", db_path, "--format", fmt, "--out", str(tmp_path / "x")]) == 2
    assert capsys.readouterr().err == f"export: No schedule published yet; {fmt} needs a release.\n"
    assert not (tmp_path / "x").exists()


def test_export_csv_before_publishing_works(event, db_path, tmp_path):
    event.propose(event.anna, "Löten")
    out = tmp_path / "s.csv"
    assert main(["export", "--db", db_path, "--format", "csv", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8-sig").splitlines()[1].split(",")[1] == "Löten"


@pytest.mark.parametrize(("args", "lines"), [
    ([], ["id,title,hosts,topics,format,length,language,votes,hands,needs,day,start,end,room,release",
          "{id},Löten,Anna Amsel,Robotik,Talk,1,German,0,0,,,,,,"]),
    (["--lang", "de"], ["Nr.;Titel;Hosts;Themen;Format;Länge;Sprache;Stimmen;Handzeichen;Braucht;Tag;Beginn;Ende;Raum;"
                        "Veröffentlichung", "{id};Löten;Anna Amsel;Robotik;Vortrag;1;Deutsch;0;0;;;;;;"]),
])
def test_export_csv_follows_lang(event, db_path, tmp_path, args, lines):
    session = event.propose(event.anna, "Löten")
    out = tmp_path / "s.csv"
    assert main(["export", "--db", db_path, "--format", "csv", *args, "--out", str(out)]) == 0
    assert out.read_bytes().startswith("\ufeff".encode())
    assert out.read_text(encoding="utf-8-sig").splitlines() == [lines[0], lines[1].format(id=session.id)]


@pytest.mark.parametrize(("lang", "message"), [
    ("en", "export: Unknown format “docx”. Use one of: ics, frab-json, frab-xml, csv, pdf, site.\n"),
    ("de", "export: Unbekanntes Format „docx“. Nutze eines von: ics, frab-json, frab-xml, csv, pdf, site.\n"),
])
def test_export_unknown_format_exits_2_in_the_chosen_language(event, db_path, capsys, lang, message):
    assert main(["export", "--db", db_path, "--format", "docx", "--lang", lang]) == 2
    assert capsys.readouterr().err == message


def test_export_missing_or_foreign_database_exits_2(tmp_path, capsys):
    missing = tmp_path / "nope.db"
    assert main(["export", "--db", str(missing), "--format", "csv"]) == 2
    assert capsys.readouterr().err == f"export: {missing} does not exist.\n"
    assert not missing.exists()
    foreign = tmp_path / "notes.db"
    foreign.write_text("not sqlite " * 200)
    assert main(["export-problem", "--db", str(foreign)]) == 2
    assert capsys.readouterr().err == f"export-problem: {foreign} is not a planner database.\n"


def test_export_without_event_exits_2(empty_store, db_path, capsys):
    assert main(["export", "--db", db_path, "--format", "csv"]) == 2
    assert capsys.readouterr().err == f"export: {db_path} holds no event yet; set one up first.\n"


def test_export_problem_writes_the_planning_problem(event, db_path, tmp_path):
    p = publish_awkward(event)
    event.store.grid.set_pinned(event.orga, p.robot.id, True)
    out = tmp_path / "problem.json"
    assert main(["export-problem", "--db", db_path, "--out", str(out)]) == 0
    problem = json.loads(out.read_text(encoding="utf-8"))
    assert problem == problem_for_event(event.store)
    assert sorted(s["title"] for s in problem["sessions"]) == sorted(s.title for s in p.sessions.values())
    assert [s["pinned"] for s in problem["sessions"] if "pinned" in s] == [
        {"room": f"r{p.rooms[0].id}", "slot": f"s{p.slots[0].id}"}]


def test_export_problem_feeds_solve(event, db_path, tmp_path):
    publish_awkward(event)
    problem, grid = tmp_path / "problem.json", tmp_path / "grid.json"
    assert main(["export-problem", "--db", db_path, "--out", str(problem)]) == 0
    assert main(["solve", str(problem), "--time-limit", "1", "--out", str(grid)]) == 0
    assert len(json.loads(grid.read_text())["assignments"]) == 4


def test_export_site_writes_the_folder_the_public_server_serves(event, db_path, tmp_path):
    p = publish_awkward(event)
    out = tmp_path / "site"
    assert main(["export", "--db", db_path, "--format", "site", "--out", str(out)]) == 0
    written = {str(f.relative_to(out)) for f in out.rglob("*") if f.is_file()}
    assert {"index.html", "schedule.html", "en/schedule.html", "schedule.json", "schedule.ics"} <= written
    assert {f"session/{i.session_id}.html" for i in p.release.items} <= written
    assert "Robotik &lt;AG&gt;" in (out / f"session/{p.robot.id}.html").read_text(encoding="utf-8")


def test_export_site_needs_a_folder(event, db_path, tmp_path, capsys):
    publish_awkward(event)
    assert main(["export", "--db", db_path, "--format", "site"]) == 2
    assert capsys.readouterr().err == "export: --out FOLDER is needed for the site.\n"
    (tmp_path / "file").write_text("x")
    assert main(["export", "--db", db_path, "--format", "site", "--out", str(tmp_path / "file")]) == 2
    assert capsys.readouterr().err == f"export: {tmp_path / 'file'} is not a folder.\n"


def test_export_to_a_missing_folder_exits_2(event, db_path, tmp_path, capsys):
    out = tmp_path / "no" / "s.csv"
    assert main(["export", "--db", db_path, "--format", "csv", "--out", str(out)]) == 2
    assert capsys.readouterr().err == f"export: Cannot write {out}: there is no such folder.\n"
    assert main(["export", "--db", db_path, "--format", "csv", "--lang", "de", "--out", str(out)]) == 2
    assert capsys.readouterr().err == f"export: {out} lässt sich nicht schreiben: den Ordner gibt es nicht.\n"
    assert main(["export", "--db", db_path, "--format", "csv", "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"export: {tmp_path} is a folder; name a file.\n"
