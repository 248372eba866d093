"""The demo shows what a new organiser should see, availability included."""

from __future__ import annotations

from datetime import date

from planner import demo
from planner.models import SlotKind


def test_demo_has_hosts_away_and_the_grid_respects_them(tmp_path):
    store = demo.build_demo(str(tmp_path / "demo.db"), day=date(2026, 6, 13))
    away = {user_id: slots for user_id, slots in store.availability.all().items() if slots}
    assert len(away) == 2
    slots = {s.id: s for s in store.venue.slots() if s.kind is SlotKind.SESSION}
    sessions = {s.id: s for s in store.sessions.list()}
    hosted_away = 0
    for p in store.grid.working():
        s = sessions[p.session_id]
        for host in s.hosts:
            if host.id in away:
                hosted_away += 1
                used = [sid for sid in sorted(slots) if sid >= p.slot_id][: s.length]
                assert not set(used) & away[host.id], (s.title, host.name)
    assert hosted_away >= 2
