"""``python -m planner``: one parser; whatever the user can fix is one line on stderr and exit 2.

The export commands are tested in test_exports_cli.py, ``serve`` in test_front.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from planner.cli import build_parser, main
from planner.scheduler.problem import load_problem
from planner.scheduler.rules import check_grid
from planner.store import Store

ROOT = Path(__file__).resolve().parents[2]


def test_migrate_creates_database(tmp_path, capsys):
    db = tmp_path / "new.db"
    assert main(["migrate", "--db", str(db)]) == 0
    assert "0001_initial" in capsys.readouterr().out
    assert Store(db).migrate() == []


def test_demo_writes_a_believable_barcamp(tmp_path):
    db = str(tmp_path / "demo.db")
    assert main(["demo", "--db", db]) == 0
    store = Store(db)
    sessions = store.sessions.list()
    assert len(sessions) == 26  # 25 proposals and one pitched on site
    assert [r.name for r in store.releases.all()] == ["v1"]
    assert len(store.releases.latest().items) >= 20
    assert len(store.grid.working()) > len(store.releases.latest().items)  # the later draft
    assert len([u for u in store.people.list() if u.role == "participant"]) == 60
    assert len(store.venue.rooms()) == 5
    assert sum(1 for s in store.venue.slots() if s.kind == "session") == 6
    assert "Lego Mindstorms in der Grundschule" in {s.title for s in sessions}
    assert sum(s.votes for s in sessions) >= 60 * 3
    assert store.accounts.authenticate("orga", "Orga-Demo-2026").role == "organiser"
    assert store.accounts.authenticate("anna01", "Demo-Teilnahme-2026") is not None


def test_demo_is_deterministic_for_a_seed(tmp_path):
    a, b = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    main(["demo", "--db", a, "--seed", "7"])
    main(["demo", "--db", b, "--seed", "7"])
    votes = lambda path: sorted((s.title, s.votes) for s in Store(path).sessions.list())  # noqa: E731
    assert votes(a) == votes(b)


def test_demo_refuses_to_overwrite_without_force(tmp_path, capsys):
    db = tmp_path / "demo.db"
    db.write_text("keep me")
    assert main(["demo", "--db", str(db)]) == 2
    assert db.read_text() == "keep me"
    assert capsys.readouterr().err == f"demo: {db} exists; pass --force to replace it.\n"
    assert main(["demo", "--db", str(db), "--lang", "de"]) == 2
    assert capsys.readouterr().err == f"demo: {db} gibt es schon; mit --force wird die Datei ersetzt.\n"


def test_module_entry_point_runs(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "planner", "migrate", "--db", str(tmp_path / "x.db")],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0
    assert result.stderr == ""


@pytest.fixture
def foreign(tmp_path) -> Path:
    path = tmp_path / "notes.db"
    path.write_text("not sqlite " * 200)
    return path


def test_migrate_refuses_a_foreign_file_in_one_line(foreign, capsys):
    assert main(["migrate", "--db", str(foreign)]) == 2
    assert capsys.readouterr().err == f"migrate: {foreign} is not a planner database.\n"
    assert foreign.read_text().startswith("not sqlite")


def test_public_refuses_a_foreign_file_before_serving(foreign, capsys):
    assert main(["public", "--db", str(foreign), "--lang", "de"]) == 2
    assert capsys.readouterr().err == f"public: {foreign} ist keine Datenbank dieser App.\n"


def test_backup_writes_a_copy_with_the_same_data(event, db_path, tmp_path, capsys):
    event.propose(event.anna, "Löten")
    copy = tmp_path / "copy.db"
    assert main(["backup", "--db", db_path, "--out", str(copy)]) == 0
    assert capsys.readouterr().out == f"{db_path} -> {copy}\n"
    assert [s.title for s in Store(copy).sessions.list()] == ["Löten"]


def test_backup_refusals_are_one_line(db_path, foreign, tmp_path, capsys):
    missing = tmp_path / "nope.db"
    assert main(["backup", "--db", str(missing), "--out", str(tmp_path / "c.db")]) == 2
    assert capsys.readouterr().err == f"backup: {missing} does not exist.\n"
    assert not missing.exists()
    assert main(["backup", "--db", str(foreign), "--out", str(tmp_path / "c.db")]) == 2
    assert capsys.readouterr().err == f"backup: {foreign} is not a planner database.\n"
    out = tmp_path / "no" / "c.db"
    Store(db_path).migrate()
    assert main(["backup", "--db", db_path, "--out", str(out)]) == 2
    assert capsys.readouterr().err == f"backup: Cannot write {out}: there is no such folder.\n"
    assert main(["backup", "--db", db_path, "--out", str(out), "--lang", "de"]) == 2
    assert capsys.readouterr().err == f"backup: {out} lässt sich nicht schreiben: den Ordner gibt es nicht.\n"


@pytest.mark.parametrize(("argv", "line"), [
    ([], "planner: the following arguments are required: command"),
    (["plan"], "planner: argument command: invalid choice: 'plan' (choose from "),
    (["demo"], "demo: the following arguments are required: --db"),
    (["export", "--db", "x.db", "--format", "csv", "--lang", "fr"], "export: argument --lang: invalid choice: 'fr'"),
])
def test_a_bad_argument_is_one_line_and_exit_2(capsys, argv, line):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(line)
    assert err.count("\n") == 1


def test_help_lists_every_command_and_exits_0(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    commands = next(a for a in build_parser()._actions if a.dest == "command").choices
    assert all(name in out for name in commands)


# -- solve ----------------------------------------------------------------------

DAY = "2026-11-28"
PROBLEM = {"rooms": [{"id": "r1", "capacity": 5}],
           "slots": [{"id": f"s{i}", "day": DAY, "start": f"{10 + i}:00", "end": f"{10 + i}:45"} for i in range(2)],
           "sessions": [{"id": "p1"}], "votes": {"v": ["p1"]}}


@pytest.fixture
def problem(tmp_path) -> Path:
    path = tmp_path / "p.json"
    path.write_text(json.dumps(PROBLEM), encoding="utf-8")
    return path


def test_solve_writes_the_grid_to_out(problem, tmp_path, capsys):
    out = tmp_path / "g.json"
    assert main(["solve", str(problem), "--time-limit", "0.2", "--seed", "1", "--out", str(out)]) == 0
    grid = json.loads(out.read_text(encoding="utf-8"))
    assert grid["metrics"]["honoured_votes"] == 1
    assert check_grid(load_problem(PROBLEM), grid) == []
    assert capsys.readouterr().out == ""


def test_solve_through_python_m_prints_the_grid(problem):
    result = subprocess.run([sys.executable, "-m", "planner", "solve", str(problem), "--time-limit", "0.3"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stderr) == (0, "")
    grid = json.loads(result.stdout)
    assert check_grid(load_problem(PROBLEM), grid) == []
    assert sorted(grid["metrics"]) == ["honoured_votes", "lost_votes", "moved", "optimal", "overflow",
                                       "overflow_risk", "scheduled", "seconds", "total_votes",
                                       "unscheduled_votes", "upper_bound", "value"]


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ("{not json", "solve: The file is not valid JSON (line 1, column 2)."),
        ('{"rooms": [], "slots": []}', "solve: The problem lacks “sessions”."),
        ('{"rooms": [], "slots": [], "sessions": [{"id": "p1", "pinned": {"room": "r9", "slot": "s1"}}]}',
         "solve: “p1.pinned” refers to the unknown room “r9”."),
    ],
)
def test_solve_bad_input_is_one_line_and_exit_2(tmp_path, capsys, content, line):
    path = tmp_path / "p.json"
    path.write_text(content)
    assert main(["solve", str(path)]) == 2
    assert capsys.readouterr().err == line + "\n"


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (["--time-limit", "-1"], "solve: --time-limit must not be negative."),
        (["--time-limit", "-1", "--lang", "de"], "solve: --time-limit darf nicht negativ sein."),
        (["--seed", "x"], "solve: argument --seed: invalid int value: 'x'"),
        (["--time-limit", "0.1", "--out", "{tmp}/no/g.json"],
         "solve: Cannot write {tmp}/no/g.json: there is no such folder."),
    ],
)
def test_solve_bad_arguments_are_one_line_and_exit_2(problem, tmp_path, capsys, argv, line):
    assert main(["solve", str(problem), *(a.format(tmp=tmp_path) for a in argv)]) == 2
    assert capsys.readouterr().err == line.format(tmp=tmp_path) + "\n"


def test_solve_through_python_m_never_prints_a_traceback(tmp_path):
    path = tmp_path / "p.json"
    path.write_text('{"rooms": 5, "slots": [], "sessions": []}')
    result = subprocess.run([sys.executable, "-m", "planner", "solve", str(path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr == "solve: “rooms” has the wrong type: expected list.\n"
    missing = subprocess.run([sys.executable, "-m", "planner", "solve", str(tmp_path / "nope.json")], cwd=ROOT,
                             capture_output=True, text=True, timeout=60)
    assert (missing.returncode, missing.stderr.count("\n"), "Traceback" in missing.stderr) == (2, 1, False)
