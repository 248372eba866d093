"""A scheduler job in a process of its own: ``python -m <module> <file>``.

Plain child processes rather than multiprocessing: under Streamlit
``__main__`` is the page script, which a spawned process would run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def start(module: str, job: dict, **popen) -> tuple[subprocess.Popen, Path]:
    """Start ``python -m module file`` with ``job`` as JSON in a temporary file and this
    checkout on the child's path; the file is the caller's to delete. Raises OSError
    (the file deleted) when no process starts."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as file:
        json.dump(job, file)
    path = Path(file.name)
    root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
    try:
        return subprocess.Popen([sys.executable, "-m", module, str(path)], env=env, **popen), path
    except OSError:
        path.unlink(missing_ok=True)
        raise
