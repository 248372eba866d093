"""Many people at once, through the same store functions the pages use."""

from __future__ import annotations

import random
import sqlite3
import threading

from planner.errors import Conflict
from planner.models import RoomDraft, SessionDraft, SlotKind
from planner.domain.timeslots import generate_day

VOTERS, TOGGLES, SESSIONS = 200, 50, 100


def _people(store, n, prefix):
    hashed = "$2b$04$" + "x" * 53  # never used to sign in
    return [
        store.accounts.create(None, username=f"{prefix}{i:03d}", name=f"Person {i}", email=f"{prefix}{i}@example.org",
                          password_hash=hashed)
        for i in range(n)
    ]


def test_200_voters_toggling_at_once_lose_and_duplicate_nothing(event):
    store = event.store
    sessions = [store.sessions.propose(event.orga, SessionDraft(title=f"Session {i:03d}", topic_ids=(event.robotik.id,)))
                for i in range(SESSIONS)]
    voters = _people(store, VOTERS, "v")
    expected: dict[int, set[int]] = {}
    plans = {}
    for voter in voters:
        rng = random.Random(voter.id)
        plan = [(rng.choice(sessions).id, rng.random() < 0.6) for _ in range(TOGGLES)]
        plans[voter.id] = plan
        final: set[int] = set()
        for session_id, wanted in plan:
            (final.add if wanted else final.discard)(session_id)
        expected[voter.id] = final
    errors: list[Exception] = []
    start = threading.Barrier(VOTERS)

    def run(voter):
        start.wait()
        try:
            for session_id, wanted in plans[voter.id]:
                store.votes.set(voter, session_id, wanted)
        except Exception as exc:  # every error is a failure of the test
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(v,)) for v in voters]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    assert {v.id: store.votes.of(v) for v in voters} == expected
    rows = sqlite3.connect(store.path).execute(
        "SELECT COUNT(*), COUNT(DISTINCT user_id || '-' || session_id) FROM votes"
    ).fetchone()
    assert rows[0] == rows[1] == sum(len(s) for s in expected.values())
    counts = {s.id: s.votes for s in store.sessions.list()}
    assert counts == {s.id: sum(s.id in e for e in expected.values()) for s in sessions}


def test_concurrent_proposals_with_the_same_title_store_exactly_one(event):
    store = event.store
    people = _people(store, 30, "p")
    outcomes: list[str] = []
    start = threading.Barrier(len(people))

    def run(person):
        start.wait()
        try:
            store.sessions.propose(person, SessionDraft(title="Robotik AG", topic_ids=(event.robotik.id,)))
            outcomes.append("ok")
        except Conflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=run, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict"] * 29 + ["ok"]
    assert [s.title for s in store.sessions.list()] == ["Robotik AG"]


def test_host_and_organiser_editing_at_once_never_mix(event):
    store = event.store
    s = event.propose(event.anna, "Robotik AG")
    results: list[str] = []
    start = threading.Barrier(2)

    def edit(user, title):
        start.wait()
        try:
            store.sessions.update(user, s.id, SessionDraft(title=title, description=title, topic_ids=(event.robotik.id,)), 1)
            results.append(title)
        except Conflict:
            results.append("conflict")

    threads = [threading.Thread(target=edit, args=(event.anna, "Annas Fassung")),
               threading.Thread(target=edit, args=(event.orga, "Orga-Fassung"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    saved = store.sessions.get(s.id)
    assert sorted(results) == sorted([saved.title, "conflict"])
    assert saved.description == saved.title  # one whole version, never a mix
    assert saved.version == 2


def test_publish_while_people_vote(event):
    store = event.store
    room = store.venue.save_rooms(event.orga, [RoomDraft("Saal", 100)])[0]
    slots = [x for x in store.venue.save_day(event.orga, "2026-11-28", generate_day()) if x.kind is SlotKind.SESSION]
    sessions = [event.propose(event.orga, f"Session {i}") for i in range(5)]
    for i, s in enumerate(sessions):
        store.grid.place(event.orga, s.id, room.id, slots[i].id)
    voters = _people(store, 40, "w")
    errors: list[Exception] = []

    def vote(v):
        try:
            for s in sessions:
                store.votes.cast(v, s.id)
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=vote, args=(v,)) for v in voters]
    for t in threads:
        t.start()
    release = store.releases.publish(event.orga)
    for t in threads:
        t.join()
    assert errors == []
    assert len(release.items) == 5
    assert [s.votes for s in store.sessions.list()] == [40] * 5
