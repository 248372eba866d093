"""Seeded planning problems that look like real barcamps (docs/planning-problem.md).

    python bench/generate.py large --seed 1 --out bench/instances/large.json

Popularity is Zipf-like, voters cluster around one to three favourite topics
(so co-votes correlate) and vote for 3 to 15 sessions, hosts are participants
who vote too, about one host in ten runs two sessions and some sessions have
a co-host, one host in twelve misses half a day, some rooms are closed for a
slot or two, about half the sessions need a projector, 8 % are 2-slot
workshops (a 75-minute lunch splits them), and one session in forty is
pinned where it is valid.

The re-planning family (``replan-small``, ``replan-medium``, ``replan-large``)
starts from that instance, publishes the grid our solver finds in a fixed
number of iterations (deterministic, no clock) as ``previous`` with
``move_cost`` 3, then changes what changes on the day: 5 to 15 sessions
pitched on site (with a show of hands: the people who raise a hand vote for
them, plus a few who did not vote online), one voter in ten swaps a vote,
one session withdrawn, one room closed for the first day, one host of a
published session away for the first day.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

# name: (sessions, rooms, slots, voters, days)
SIZES = {
    "small": (30, 5, 7, 150, 1),
    "medium": (80, 8, 10, 400, 2),
    "large": (250, 20, 14, 2000, 2),
    "xl": (500, 30, 20, 5000, 2),
}
TOPICS = ["mint", "robotik", "schule", "open-source", "datenschutz", "kunst", "inklusion",
          "nachhaltigkeit", "ki", "maker", "didaktik", "gaming", "politik", "medien"]


def _slots(n_slots: int, days: int) -> list[dict]:
    """Slots of 45 min every hour, with a 75-min lunch after the third of a day."""
    per_day = [n_slots // days + (1 if d < n_slots % days else 0) for d in range(days)]
    slots = []
    for d, count in enumerate(per_day):
        minute = 10 * 60
        for i in range(count):
            if i == 3:
                minute += 30  # 12:45 -> 14:00
            slots.append({"id": f"d{d + 1}-{i + 1}", "day": f"2026-11-{28 + d}",
                          "start": f"{minute // 60:02d}:{minute % 60:02d}",
                          "end": f"{(minute + 45) // 60:02d}:{(minute + 45) % 60:02d}"})
            minute += 60
    return slots


def generate(name: str, seed: int = 1) -> dict:
    """A problem of size ``name`` (see SIZES), the same for the same seed."""
    n_sessions, n_rooms, n_slots, n_voters, days = SIZES[name]
    rng = random.Random(f"{name}-{seed}")
    slots = _slots(n_slots, days)
    voters = [f"u{i + 1}" for i in range(n_voters)]

    # Rooms: one hall, a few mid-sized rooms, the rest small; most have a projector.
    rooms = []
    for i in range(n_rooms):
        if i == 0:
            capacity = max(40, n_voters // 6)
        elif i < max(2, n_rooms // 4):
            capacity = max(20, n_voters // 15)
        else:
            capacity = rng.choice([12, 15, 20, 25, 30])
        features = ["projector"] if i == 0 or rng.random() < 0.6 else []
        if rng.random() < 0.4:
            features.append("accessible")
        rooms.append({"id": f"r{i + 1}", "name": f"Raum {i + 1}", "capacity": capacity, "features": features})

    # Sessions: topics, Zipf-like popularity, hosts (some host twice, some co-host).
    topics = TOPICS[: max(5, min(len(TOPICS), n_sessions // 15))]
    popularity = [1.0 / (rank + 1) ** 0.9 for rank in range(n_sessions)]
    rng.shuffle(popularity)
    hosts_pool = rng.sample(voters, k=min(n_voters, n_sessions))
    sessions = []
    for i in range(n_sessions):
        host = hosts_pool[i]
        if i > 0 and rng.random() < 0.1:
            host = sessions[rng.randrange(i)]["hosts"][0]  # a host with two sessions
        hosts = [host]
        if rng.random() < 0.15:
            hosts.append(rng.choice(voters))
        sessions.append({"id": f"p{i + 1}", "title": f"Session {i + 1}", "hosts": list(dict.fromkeys(hosts)),
                         "length": 2 if rng.random() < 0.08 else 1,
                         "needs": ["projector"] if rng.random() < 0.5 else [],
                         "topics": rng.sample(topics, k=rng.choice([1, 1, 2]))})

    # Votes: each voter likes one to three topics and votes for 3 to 15 sessions.
    votes = {}
    for v in voters:
        liked = set(rng.sample(topics, k=rng.choice([1, 2, 2, 3])))
        weights = [popularity[i] * (4.0 if liked & set(s["topics"]) else 0.4) for i, s in enumerate(sessions)]
        wanted = min(n_sessions, max(1, int(rng.triangular(3, 15, 7))))
        chosen: set[int] = set()
        while len(chosen) < wanted:
            chosen.update(rng.choices(range(n_sessions), weights=weights, k=wanted - len(chosen)))
        votes[v] = [sessions[i]["id"] for i in sorted(chosen)]

    # Unavailability: some hosts miss half a day, some rooms a slot or two.
    hosts = sorted({h for s in sessions for h in s["hosts"]})
    unavailable = {}
    for h in rng.sample(hosts, k=len(hosts) // 12):
        day = rng.randrange(days)
        day_slots = [s["id"] for s in slots if s["day"] == f"2026-11-{28 + day}"]
        half = len(day_slots) // 2
        unavailable[h] = day_slots[:half] if rng.random() < 0.5 else day_slots[half:]
    room_unavailable = {}
    for r in rng.sample(rooms[1:], k=max(1, n_rooms // 5)):
        room_unavailable[r["id"]] = [s["id"] for s in rng.sample(slots, k=rng.choice([1, 2]))]

    # Pins: a few one-slot sessions pinned where they are valid and clash with nothing.
    taken: set[tuple[str, str]] = set()
    busy: set[tuple[str, str]] = set()
    for s in rng.sample(sessions, k=max(1, n_sessions // 40)):
        if s["length"] != 1:
            continue
        for _ in range(20):
            room, slot = rng.choice(rooms), rng.choice(slots)
            if (set(s["needs"]) <= set(room["features"]) and (room["id"], slot["id"]) not in taken
                    and slot["id"] not in room_unavailable.get(room["id"], [])
                    and not any(slot["id"] in unavailable.get(h, []) or (h, slot["id"]) in busy for h in s["hosts"])):
                s["pinned"] = {"room": room["id"], "slot": slot["id"]}
                taken.add((room["id"], slot["id"]))
                busy.update((h, slot["id"]) for h in s["hosts"])
                break
    return {"rooms": rooms, "slots": slots, "sessions": sessions, "votes": votes,
            "unavailable": unavailable, "room_unavailable": room_unavailable}


REPLAN = {"replan-small": "small", "replan-medium": "medium", "replan-large": "large"}
PUBLISH_ITERATIONS = 20_000


def generate_replan(name: str, seed: int = 1) -> dict:
    """A re-planning problem: the instance ``REPLAN[name]``, published, then changed on site."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from planner.scheduler.problem import load_problem
    from planner.scheduler.solve import solve

    base = REPLAN[name]
    data = generate(base, seed)
    published = solve(load_problem(data), time_limit=3600, seed=seed, max_iterations=PUBLISH_ITERATIONS)
    rng = random.Random(f"{name}-{seed}")
    slots, rooms, sessions, votes = data["slots"], data["rooms"], data["sessions"], data["votes"]
    voters = list(votes)
    data["previous"] = [{"session": a["session"], "room": a["room"], "slot": a["slots"][0]}
                        for a in published["assignments"]]
    data["move_cost"] = 3

    # One session withdrawn (its votes go with it); the published grid still lists it.
    withdrawn = rng.choice([s for s in sessions if "pinned" not in s])["id"]
    data["sessions"] = sessions = [s for s in sessions if s["id"] != withdrawn]
    for v in voters:
        votes[v] = [x for x in votes[v] if x != withdrawn]
    ids = [s["id"] for s in sessions]

    # One voter in ten swaps a vote.
    for v in rng.sample(voters, k=len(voters) // 10):
        chosen = votes[v]
        if chosen:
            chosen.remove(rng.choice(chosen))
        extra = rng.choice(ids)
        if extra not in chosen:
            chosen.append(extra)

    # Sessions pitched on site: a show of hands among those present.
    first_day = slots[0]["day"]
    first_day_slots = [s["id"] for s in slots if s["day"] == first_day]
    topics = sorted({t for s in sessions for t in s["topics"]})
    for j in range(rng.randint(5, 15)):
        sid = f"n{j + 1}"
        sessions.append({"id": sid, "title": f"Pitch {j + 1}", "hosts": [rng.choice(voters)],
                         "length": 1, "needs": ["projector"] if rng.random() < 0.3 else [],
                         "topics": [rng.choice(topics)]})
        hands = max(2, int(len(voters) * 0.12 / (1 + rng.random() * 4)))
        for v in rng.sample(voters, k=min(len(voters), hands)):
            votes[v].append(sid)
        for i in range(rng.randint(0, max(1, hands // 5))):  # hands beyond the online voters
            votes[f"{sid}-hand{i + 1}"] = [sid]

    # A room closed for the first day (never the hall), a host away for it.
    closed = rng.choice(rooms[1:])["id"]
    data["room_unavailable"][closed] = sorted(set(data["room_unavailable"].get(closed, [])) | set(first_day_slots))
    published_on_day_one = [a for a in published["assignments"] if a["slots"][0] in first_day_slots
                            and a["session"] in ids]
    movable = [a for a in published_on_day_one
               if "pinned" not in next(s for s in sessions if s["id"] == a["session"])]
    if movable:
        chosen = rng.choice(movable)["session"]
        away = next(s for s in sessions if s["id"] == chosen)["hosts"][0]
        pinned_hosts = {h for s in sessions if "pinned" in s for h in s["hosts"]}
        if away not in pinned_hosts:
            data["unavailable"][away] = sorted(set(data["unavailable"].get(away, [])) | set(first_day_slots))
    # A pin in the closed room would make the problem invalid: unpin it there.
    for s in sessions:
        if s.get("pinned", {}).get("room") == closed:
            del s["pinned"]
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", choices=sorted(SIZES) + sorted(REPLAN))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", help="file to write (default: stdout)")
    args = parser.parse_args(argv)
    make = generate_replan if args.size in REPLAN else generate
    text = json.dumps(make(args.size, args.seed), ensure_ascii=False, indent=1)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
