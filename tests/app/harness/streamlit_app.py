"""The entrypoint as AppTests of one page see it (tests/app/conftest.page).

The app keeps its pages in ``app_pages/`` so that Streamlit never runs a
page file without the entrypoint. Page tests want exactly that: this
folder links the pages as ``pages/`` too, so Streamlit's folder mode runs
the page alone (its own guard is what is tested); the entrypoint itself
runs only when a page switches to it.
"""

import runpy
from pathlib import Path

runpy.run_path(str(Path(__file__).resolve().parents[3] / "streamlit_app.py"), run_name="__main__")
