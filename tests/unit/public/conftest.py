"""The public server under test, on the test's event."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from planner.public.server import create_app


@pytest.fixture
def client(event):
    # check_every=0: every request looks at the store's revision (in production: once a second).
    with TestClient(create_app(event.store.path, check_every=0)) as c:
        yield c
