"""``python -m planner``: migrate and demo."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from planner.cli import main
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
    assert "--force" in capsys.readouterr().err


def test_module_entry_point_runs(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "planner", "migrate", "--db", str(tmp_path / "x.db")],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0
    assert result.stderr == ""
