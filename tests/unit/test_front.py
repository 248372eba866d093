"""``python -m planner serve``: the Caddyfile, the shared cookie secret, the CLI's refusals."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from planner import front
from planner.cli import main
from planner.store import Store


def _validate(tmp_path: Path, text: str) -> subprocess.CompletedProcess:
    config = tmp_path / "Caddyfile"
    config.write_text(text, encoding="utf-8")
    return subprocess.run(
        [front.caddy_binary(), "validate", "--adapter", "caddyfile", "--config", str(config)],
        capture_output=True, text=True, timeout=60, env={**os.environ, "XDG_DATA_HOME": str(tmp_path)},
    )


def test_caddy_binary_comes_with_the_requirements():
    path = front.caddy_binary()
    assert Path(path).is_file()
    assert os.access(path, os.X_OK)


def test_caddyfile_for_two_workers_sticks_by_cookie_and_routes_p_to_the_public_server():
    text = front.caddyfile(8501, 9000, [9001, 9002])
    assert "\tadmin off\n" in text
    assert "\tauto_https off\n" in text
    assert "\n:8501 {\n" in text
    assert "\thandle /p/* {\n\t\treverse_proxy 127.0.0.1:9000\n\t}" in text
    assert "reverse_proxy 127.0.0.1:9001 127.0.0.1:9002 {" in text
    assert f"lb_policy cookie {front.WORKER_COOKIE} {{" in text
    assert "health_uri /_stcore/health" in text
    assert "ip_hash" not in text
    assert "bind" not in text  # all interfaces by default


def test_caddyfile_is_valid_for_caddy(tmp_path):
    result = _validate(tmp_path, front.caddyfile(8501, 9000, [9001, 9002]))
    assert result.returncode == 0, result.stderr
    assert "Valid configuration" in result.stdout + result.stderr


def test_caddyfile_with_a_domain_and_host_is_valid_for_caddy(tmp_path):
    text = front.caddyfile(8501, 9000, [9001], site_address="barcamp.example.org", host="127.0.0.1")
    assert "auto_https off" not in text
    assert "\nbarcamp.example.org {\n\tbind 127.0.0.1\n" in text
    result = _validate(tmp_path, text)
    assert result.returncode == 0, result.stderr


def test_caddyfile_needs_a_worker():
    with pytest.raises(ValueError):
        front.caddyfile(8501, 9000, [])


def test_cookie_secret_is_stable_per_database_and_differs_between_databases(tmp_path):
    a, b = Store(tmp_path / "a.db"), Store(tmp_path / "b.db")
    a.migrate()
    b.migrate()
    secret_a = front.cookie_secret(a.cookie_key())
    assert front.cookie_secret(Store(tmp_path / "a.db").cookie_key()) == secret_a
    assert front.cookie_secret(b.cookie_key()) != secret_a
    assert a.cookie_key() not in secret_a  # not the sign-in cookie's key itself
    assert len(secret_a) == 64


@pytest.mark.parametrize(
    ("argument", "env", "expected"),
    [(3, "", 3), (None, "2", 2), (None, "", os.cpu_count() or 1)],
)
def test_worker_count_from_argument_environment_or_cpus(monkeypatch, argument, env, expected):
    monkeypatch.setenv("PLANNER_WORKERS", env)
    assert front.worker_count(argument) == expected


@pytest.mark.parametrize("env", ["zwei", "0"])
def test_serve_refuses_a_bad_worker_count_in_one_line(monkeypatch, tmp_path, capsys, env):
    monkeypatch.setenv("PLANNER_WORKERS", env)
    assert main(["serve", "--db", str(tmp_path / "x.db")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("serve: ")
    assert err.count("\n") == 1
    assert not (tmp_path / "x.db").exists()


def test_serve_refuses_a_port_in_use_in_one_line(tmp_path, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--db", str(tmp_path / "x.db"), "--port", str(port), "--workers", "1"]) == 2
    assert capsys.readouterr().err == f"serve: Port {port} is in use; pass --port or stop what listens there.\n"


def test_supervisor_gives_up_on_a_child_that_keeps_crashing(monkeypatch, capsys):
    monkeypatch.setattr(front, "FIRST_BACKOFF", 0.01)
    crashing = front.Child(
        "boom", [sys.executable, "-c", "print('no database'); raise SystemExit(3)"],
        where="-", ready=lambda: False,
    )
    never = front.Child("caddy", [sys.executable, "-c", "raise SystemExit(9)"], where="-", ready=lambda: True)

    assert front.Supervisor([crashing], never, "http://x/").run() == 1

    out = capsys.readouterr().out
    assert out.count("[boom] no database\n") == front.MAX_CRASHES
    assert "boom exited with code 3 (pid " in out
    assert (
        f"boom crashed {front.MAX_CRASHES} times in a row right after starting (last: exited with code 3); "
        "giving up. Its output is above, prefixed [boom].\n"
    ) in out
    assert never.proc is None  # nothing in front of a backend that never answered
    assert "http://x/" not in out


def test_the_front_compresses_what_it_sends():
    """A venue's Wi-Fi is the narrow part: the schedule goes out as 8 KB instead of 101 KB."""
    from planner.front import caddyfile

    assert "\tencode zstd gzip\n" in caddyfile(8501, 8502, [8503, 8504])


def test_workers_show_the_browser_no_traceback():
    command = front.worker_command(8123)
    assert command[:4] == [sys.executable, "-m", "streamlit", "run"] and "--server.port=8123" in command
    assert "--client.showErrorDetails=type" in command  # paths and data stay in the console
    assert "--server.address=127.0.0.1" in command  # only Caddy faces the network
