"""Seeded planning-problem instances that look like real barcamps.

Zipf-like popularity, voters clustered by topic interest (so co-votes
correlate), a few hosts with two sessions, host and room unavailability,
projector needs, 2-slot workshops across one day with a lunch break, and a
few pins. ``python bench/generate.py large --seed 1 > large.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys

SIZES = {  # sessions, rooms, slots, voters
    "small": (30, 5, 7, 150),
    "medium": (80, 8, 10, 400),
    "large": (250, 20, 14, 2000),
    "xl": (500, 30, 20, 5000),
}
TOPICS = ["robotik", "programmieren", "maedchen", "schule", "bildung", "orga", "making", "ki"]


def _day_slots(day: str, n: int, prefix: str) -> list[dict]:
    """n session slots of 45 min with 15 min changeover and a 60-min lunch after the 3rd."""
    slots, minute = [], 10 * 60
    for i in range(n):
        if i == 3:
            minute += 60
        slots.append({"id": f"{prefix}-{i + 1}", "day": day, "start": f"{minute // 60:02d}:{minute % 60:02d}",
                      "end": f"{(minute + 45) // 60:02d}:{(minute + 45) % 60:02d}"})
        minute += 60
    return slots


def generate(size: str, seed: int = 1) -> dict:
    n_sessions, n_rooms, n_slots, n_voters = SIZES[size]
    rng = random.Random(seed)
    days = ["2026-11-28", "2026-11-29"] if n_slots > 10 else ["2026-11-28"]
    per_day = [n_slots // len(days) + (1 if i < n_slots % len(days) else 0) for i in range(len(days))]
    slots = [s for d, (day, n) in enumerate(zip(days, per_day)) for s in _day_slots(day, n, f"d{d + 1}")]
    rooms = []
    for i in range(n_rooms):
        capacity = rng.choice([15, 20, 25, 30, 40, 60]) if i else 150
        features = [f for f, p in (("projector", 0.7), ("accessible", 0.6), ("whiteboard", 0.3)) if rng.random() < p]
        rooms.append({"id": f"r{i + 1}", "name": f"Raum {i + 1}", "capacity": capacity, "features": features})
    rooms[0]["features"] = ["projector", "accessible", "whiteboard"]
    hosts = [f"h{i + 1}" for i in range(int(n_sessions * 0.85))]
    sessions = []
    for i in range(n_sessions):
        host = hosts[i] if i < len(hosts) else rng.choice(hosts)  # some host twice
        session = {"id": f"p{i + 1}", "title": f"Session {i + 1}", "hosts": [host],
                   "length": 2 if rng.random() < 0.06 else 1,
                   "needs": ["projector"] if rng.random() < 0.35 else [],
                   "topics": [rng.choice(TOPICS)]}
        if rng.random() < 0.1:
            session["hosts"].append(rng.choice(hosts))
            session["hosts"] = sorted(set(session["hosts"]))
        sessions.append(session)
    # popularity: Zipf-like by a random rank
    ranks = list(range(1, n_sessions + 1))
    rng.shuffle(ranks)
    weight = {s["id"]: 1.0 / r ** 0.8 for s, r in zip(sessions, ranks)}
    by_topic: dict[str, list[str]] = {}
    for s in sessions:
        by_topic.setdefault(s["topics"][0], []).append(s["id"])
    votes = {}
    for v in range(n_voters):
        liked = rng.sample(TOPICS, 2)
        k = rng.randint(3, 9)
        pool = [sid for t in liked for sid in by_topic.get(t, [])]
        other = [s["id"] for s in sessions]
        chosen: set[str] = set()
        while len(chosen) < k:
            source = pool if pool and rng.random() < 0.75 else other
            chosen.add(rng.choices(source, weights=[weight[x] for x in source])[0])
        votes[f"u{v + 1}"] = sorted(chosen)
    unavailable = {h: rng.sample([s["id"] for s in slots], rng.randint(1, 3)) for h in rng.sample(hosts, len(hosts) // 8)}
    room_unavailable = {r["id"]: rng.sample([s["id"] for s in slots], 1) for r in rng.sample(rooms[1:], max(1, n_rooms // 6))}
    problem = {"rooms": rooms, "slots": slots, "sessions": sessions, "votes": votes,
               "unavailable": unavailable, "room_unavailable": room_unavailable}
    # two pins where they are surely valid: the big room's first slots
    blocked_hosts, pins = set(unavailable), 0
    for s in sessions:
        if pins < 2 and s["length"] == 1 and not set(s["hosts"]) & blocked_hosts:
            s["pinned"] = {"room": "r1", "slot": slots[pins]["id"]}
            blocked_hosts |= set(s["hosts"])
            pins += 1
    return problem


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", choices=sorted(SIZES))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    json.dump(generate(args.size, args.seed), sys.stdout, indent=1)
