"""An event whose every user text is Markdown, HTML or a Streamlit shortcode.

Shared by the AppTest walk over every page (tests/app/test_hostile_markdown.py)
and the browser check (tests/browser/test_hostile_markdown.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from planner.models import RoomDraft, SessionDraft, SlotDraft, SlotKind
from planner.domain.timeslots import generate_day
from planner.store import Store

DAY = "2026-11-28"
ORGA_PASSWORD = "Orga-Passwort-1"
MALLORY_PASSWORD = "Mallory-Passwort-1"
HOSTILE = [line for line in (Path(__file__).parent / "data" / "hostile.txt").read_text(encoding="utf-8").splitlines()
           if line]
# What issue 13 saw get through, and Streamlit's own shortcodes.
SHORTCODES = [
    "[pad](DATA:text/html,x)",
    "[pad](data:text/html,x)",
    "![x](https://evil.example/x.png)",
    ":streamlit: Logo",
    ":material/skull: Icon",
    ":red[rot] :blue-background[blau] :blue-badge[Badge]",
    "$x^2$ Formel",
    ":smile: :+1: Emoji",
    "[Zeit](https://evil.example) 10:00 www.evil.example m@evil.example",
]


@dataclass
class HostileEvent:
    store: Store
    orga: object
    mallory: object
    sessions: list = field(default_factory=list)
    rooms: list = field(default_factory=list)
    topics: list = field(default_factory=list)

    def user_texts(self) -> list[str]:
        """Every text a user typed, as stored: longest first."""
        s = self.store
        event = s.event.get()
        texts = {event.name, event.venue, event.description}
        for x in s.sessions.list(include_withdrawn=True):
            texts |= {x.title, x.description, x.reject_reason, *(h.name for h in x.hosts), *x.needs}
        for t in s.topics.list():
            texts |= {t.name, t.description}
        for r in s.venue.rooms():
            texts |= {r.name, *r.features}
        texts |= {x.label for x in s.venue.slots()}
        texts |= {r.name for r in s.releases.all()}
        for u in s.people.list():
            texts |= {u.name, u.username, u.email}
        texts |= set(s.venue.features())
        return sorted((t for t in texts if t), key=len, reverse=True)

    def descriptions(self) -> set[str]:
        """The session descriptions: Markdown by design, shown through ``safe_markdown``."""
        return {x.description for x in self.store.sessions.list(include_withdrawn=True) if x.description}


def seed(path: str) -> HostileEvent:
    """A published event in ``path`` with hostile text in every field a user fills in."""
    store = Store(path, bcrypt_rounds=4)
    store.migrate()
    orga = store.event.set_up(name="Camp :streamlit: [pad](data:text/html,x)", starts_on=DAY, ends_on=DAY,
                        timezone_name="Europe/Berlin", default_language="de", organiser_username="orga",
                        organiser_name="Olga :material/skull: ![x](https://evil.example/o.png)",
                        organiser_email="orga@example.org", organiser_password=ORGA_PASSWORD)
    store.event.update(orga, venue="Halle ![x](https://evil.example/v.png) :red[rot]", description=HOSTILE[0])
    topic_names = ["[pad](data:text/html,x)", ":streamlit: :material/skull:", "![x](https://evil.example/t.png)",
                   ":red[rot] $x^2$ :smile:", "<b>fett</b> **Thema**"]
    topics = [store.topics.create(orga, name, "#d62728", SHORTCODES[i]) for i, name in enumerate(topic_names)]
    rooms = store.venue.save_rooms(orga, [
        RoomDraft("Saal [pad](data:text/html,x)", 40, (":material/skull: Beamer",)),
        RoomDraft(":streamlit: Raum", 30, ("![x](https://evil.example/f.png)",)),
        RoomDraft("![x](https://evil.example/r.png)", 20, (":red[rot]",)),
        RoomDraft("Raum :material/skull:", 10),
    ])
    day = generate_day()
    day[4] = SlotDraft(day[4].start, day[4].end, SlotKind.BREAK, "Pause :streamlit: [pad](data:text/html,x)")
    slots = [s for s in store.venue.save_day(orga, DAY, day) if s.kind is SlotKind.SESSION]
    mallory = store.accounts.create(None, username="mallory", name=":material/skull: Mallory [pad](data:text/html,x)",
                                email="m@example.org", password=MALLORY_PASSWORD)
    sessions = []
    titles = SHORTCODES + HOSTILE
    for i, payload in enumerate(titles):
        title = (payload if len(payload.strip()) >= 3 else f"kurz {payload}")[:115]
        needs = (rooms[i % len(rooms)].features[:1]) if i < 3 else ()
        sessions.append(store.sessions.propose(mallory, SessionDraft(title=f"{title} #{i}", description=payload,
                                                            topic_ids=(topics[i % len(topics)].id,), needs=needs)))
    store.sessions.pitch(orga, ":streamlit: Pitch [pad](data:text/html,x)", "Gast :material/skull: ![x](https://evil.example/g.png)",
                5, topic_ids=(topics[0].id,))
    placed = sessions[: len(rooms) * len(slots)]
    for i, s in enumerate(placed[:12]):
        store.grid.place(orga, s.id, rooms[i % len(rooms)].id, slots[(i // len(rooms)) % len(slots)].id)
        store.votes.cast(mallory, s.id)
    store.sessions.reject(orga, sessions[-1].id, "Grund :streamlit: [pad](data:text/html,x)")
    store.releases.publish(orga, ":streamlit: v1 [p](data:x)")
    # A change after the release: the publish tab lists it, the agenda marks it.
    store.grid.place(orga, sessions[0].id, rooms[-1].id, slots[-1].id)
    store.agenda.set_star(mallory, sessions[1].id, True)
    return HostileEvent(store, orga, mallory, sessions, rooms, topics)
