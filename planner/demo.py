"""A believable German MINT barcamp, for trying the app, tests and benchmarks."""

from __future__ import annotations

import random
from datetime import date, timedelta

from planner.models import Role, SessionDraft, SessionFormat, SlotKind, User
from planner.domain.passwords import hash_password
from planner.store import Store

# Demo accounts (documented in the README; demo databases only).
ORGANISER = ("orga", "Orga-Team MINTcamp", "orga@mintcamp.example", "Orga-Demo-2026")
PARTICIPANT_PASSWORD = "Demo-Teilnahme-2026"

TOPICS = [
    ("Robotik", "#d62728", "Roboter bauen, programmieren, auf Wettbewerbe gehen."),
    ("Programmieren", "#1f77b4", "Von Scratch bis Python."),
    ("Mädchen in MINT", "#9467bd", "Wie Mädchen dranbleiben, gerade in der Pubertät."),
    ("Schule & Unterricht", "#2ca02c", "MINT im Unterricht der Grund- und weiterführenden Schule."),
    ("Kulturelle & politische Bildung", "#ff7f0e", "MINT weiter denken: Gesellschaft, Kultur, Demokratie."),
    ("Plattformen & Orga", "#7f7f7f", "Werkzeuge für Teilnehmendenverwaltung und Netzwerke."),
    ("Making & 3D-Druck", "#17becf", "Werkstätten, Makerspaces, Druckerfarmen."),
]

# title, topics (indexes into TOPICS), format, length, needs, language, description
SESSIONS = [
    ("Lego Mindstorms in der Grundschule", [0, 3], "workshop", 2, ["projector"], "de",
     "Wir bauen in Zweierteams einen Roboter, der einer Linie folgt, und sprechen darüber, "
     "wie das in der **3. und 4. Klasse** gelingt."),
    ("World Robot Olympiad: So startet euer Team", [0], "talk", 1, ["projector"], "de",
     "Kategorien, Regeln, Zeitplan und was ein Coach wirklich tun muss."),
    ("Mädchen in MINT halten – auch durch die Pubertät", [2, 3], "discussion", 1, [], "de",
     "Warum verlieren wir so viele Mädchen mit 12–14? Erfahrungen aus AGs und Vereinen."),
    ("Plattformen für Teilnehmendenverwaltung im Vergleich", [5], "talk", 1, ["projector"], "de",
     "Anmeldung, Wartelisten, Datenschutz: drei Werkzeuge im Praxistest."),
    ("MINT trifft politische Bildung", [4], "discussion", 1, [], "de",
     "Wie wir Technik und Gesellschaft zusammen denken: Algorithmen, Macht, Mitbestimmung."),
    ("Kulturelle Bildung mit Mikrocontrollern", [4, 6], "workshop", 2, ["whiteboard"], "de",
     "Lichtinstallationen und Klangobjekte mit dem Calliope mini."),
    ("Scratch-Projekte, die Kinder wirklich fertig machen", [1, 3], "talk", 1, ["projector"], "de",
     "Aufgaben, die klein genug anfangen und trotzdem offen bleiben."),
    ("Python im Physikunterricht", [1, 3], "demo", 1, ["projector"], "de",
     "Messwerte mit dem Smartphone erfassen und in Python auswerten."),
    ("3D-Druck in der Schulwerkstatt", [6, 3], "demo", 1, ["projector"], "de",
     "Welcher Drucker, welches Material, welche Regeln für die Werkstatt?"),
    ("Robotik-AG ohne Budget", [0, 5], "discussion", 1, [], "de",
     "Sponsoren, Leihpools, Förderprogramme: was bei euch funktioniert hat."),
    ("Girls' Day das ganze Jahr", [2], "discussion", 1, [], "de",
     "Formate, die über einen Aktionstag hinaus wirken."),
    ("Rollenvorbilder sichtbar machen", [2, 4], "talk", 1, ["projector"], "de",
     "Wer steht vorne, wenn wir über MINT reden? Eine Sammlung guter Beispiele."),
    ("Barcamps für Schülerinnen und Schüler", [5, 3], "discussion", 1, [], "de",
     "Wie aus einem Fachbarcamp ein Jugendbarcamp wird."),
    ("Datenschutz bei Anmeldeplattformen", [5], "discussion", 1, [], "de",
     "DSGVO-konform Teilnehmende verwalten, ohne Zettelwirtschaft."),
    ("Calliope mini oder micro:bit?", [1, 3], "demo", 1, ["projector"], "de",
     "Beide Boards im direkten Vergleich, mit Beispielen zum Ausprobieren."),
    ("Robotics competitions beyond Europe", [0], "talk", 1, ["projector"], "en",
     "What we learned coaching teams at international finals."),
    ("Making im ländlichen Raum", [6, 4], "discussion", 1, [], "de",
     "Mobile Makerspaces, Bibliotheken als Werkstätten."),
    ("KI erklären ohne Hype", [1, 4], "talk", 1, ["projector"], "de",
     "Wie wir Jugendlichen maschinelles Lernen ehrlich und verständlich zeigen."),
    ("Löten für Einsteigerinnen", [6, 2], "workshop", 2, ["whiteboard"], "de",
     "Ein Blinklicht-Bausatz in 90 Minuten, Schutzbrillen inklusive."),
    ("Inklusive MINT-Angebote", [3, 4], "discussion", 1, ["accessible"], "de",
     "Barrierefreie Werkstätten und Materialien für alle Kinder."),
    ("Open Educational Resources für MINT", [3, 5], "talk", 1, ["projector"], "de",
     "Wo es gute freie Materialien gibt und wie wir sie teilen."),
    ("Drohnen im Unterricht", [0, 1], "demo", 1, ["projector"], "de",
     "Programmierbare Mini-Drohnen in der Sporthalle: was erlaubt ist."),
    ("Klimadaten selbst messen", [1, 4], "workshop", 1, ["projector"], "de",
     "Sensoren bauen, Daten sammeln und über Klimapolitik diskutieren."),
    ("Mentoring-Programme für junge Frauen", [2, 5], "talk", 1, ["projector"], "de",
     "Wie Hochschulen und Unternehmen Schülerinnen begleiten."),
    ("Science Slam: kurz, klar, komisch", [4], "other", 1, ["projector"], "de",
     "Wie ihr Forschung in zehn Minuten auf die Bühne bringt."),
]

FIRST_NAMES = [
    "Anna", "Ben", "Clara", "David", "Elif", "Finn", "Greta", "Hannah", "Ilias", "Jana",
    "Jonas", "Katharina", "Lukas", "Lea", "Mehmet", "Mia", "Noah", "Olga", "Paul", "Quirin",
    "Rosa", "Sami", "Sophie", "Tim", "Ursula", "Vincent", "Wiebke", "Xenia", "Yusuf", "Zoe",
]
LAST_NAMES = [
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
    "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
    "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt",
    "Werner", "Krause", "Meier", "Lehmann", "Schmid", "Yilmaz",
]

ROOMS = [
    ("Saal Elbe", 120, ["projector", "accessible"]),
    ("Raum Alster", 40, ["projector"]),
    ("Raum Havel", 30, ["projector", "accessible", "online"]),
    ("Werkstatt", 25, ["whiteboard", "kids-friendly"]),
    ("Lounge", 20, ["accessible"]),
]

SLOTS = [
    ("09:30", "10:00", SlotKind.PLENARY, "@opening"),
    ("10:00", "10:45", SlotKind.SESSION, ""),
    ("11:00", "11:45", SlotKind.SESSION, ""),
    ("12:00", "12:45", SlotKind.SESSION, ""),
    ("12:45", "13:45", SlotKind.BREAK, "@lunch"),
    ("13:45", "14:30", SlotKind.SESSION, ""),
    ("14:45", "15:30", SlotKind.SESSION, ""),
    ("15:45", "16:30", SlotKind.SESSION, ""),
    ("16:30", "17:00", SlotKind.PLENARY, "@closing"),
]

N_PARTICIPANTS = 60


VENUE = "Kulturzentrum Elbe, Hamburg-Altona"
DESCRIPTION = (
    "Ein Tag für alle, die MINT-Bildung machen: Lehrkräfte, Schüler:innen, Makerspaces, Vereine. "
    "**Eintritt frei**, das Programm macht ihr selbst: schlagt Sessions vor und stimmt ab.\n\n"
    "Mittagessen vegetarisch, Kinderbetreuung im 1. Stock."
)


def build_demo(path: str, seed: int = 2026, day: date | None = None) -> Store:
    """Write the demo event into a new, empty database at ``path``."""
    rng = random.Random(seed)
    store = Store(path)
    store.migrate()
    if store.event.is_set_up():
        raise FileExistsError(f"{path} holds an event already; choose a new file.")
    day = day or date.today() + timedelta(days=4)
    orga = store.event.set_up(
        name="MINTcamp Elbe (Demo)",
        starts_on=day,
        ends_on=day,
        timezone_name="Europe/Berlin",
        default_language="de",
        organiser_username=ORGANISER[0],
        organiser_name=ORGANISER[1],
        organiser_email=ORGANISER[2],
        organiser_password=ORGANISER[3],
    )
    store.event.update(orga, venue=VENUE, description=DESCRIPTION)
    topic_ids = [store.topics.create(orga, n, c, d).id for n, c, d in TOPICS]
    for name, capacity, features in ROOMS:
        store.venue.add_room(orga, name, capacity, features)
    for start, end, kind, label in SLOTS:
        store.venue.add_slot(orga, day.isoformat(), start, end, kind, label)

    # One hash for all demo participants: bcrypt costs ~0.3 s per hash.
    shared_hash = hash_password(PARTICIPANT_PASSWORD, store.bcrypt_rounds)
    people: list[User] = []
    for i in range(N_PARTICIPANTS):
        first = FIRST_NAMES[i % len(FIRST_NAMES)]
        last = LAST_NAMES[(i * 7 + i // len(FIRST_NAMES)) % len(LAST_NAMES)]
        username = f"{first.lower()}{i + 1:02d}"
        people.append(
            store.accounts.create(
                None, username=username, name=f"{first} {last}",
                email=f"{username}@mintcamp.example", password_hash=shared_hash,
                role=Role.PARTICIPANT,
            )
        )
    interests = {}
    for person in people:
        liked = rng.sample(topic_ids, rng.choice([1, 2, 2, 3]))
        store.topics.set_interests(person, liked)
        interests[person.id] = set(liked)

    sessions = []
    for i, (title, topics, fmt, length, needs, language, description) in enumerate(SESSIONS):
        host = people[(i * 3) % len(people)]
        cohosts = (people[(i * 3 + 1) % len(people)].username,) if i % 4 == 0 else ()
        sessions.append(
            store.sessions.propose(
                host,
                SessionDraft(
                    title=title, description=description, format=SessionFormat(fmt),
                    length=length, language=language, needs=tuple(needs),
                    topic_ids=tuple(topic_ids[t] for t in topics), cohosts=cohosts,
                    doc_url=f"https://pad.mintcamp.example/s{i + 1}" if i % 3 == 0 else "",
                ),
            )
        )
    # Votes follow interest: a participant votes mostly within their topics,
    # and some sessions are simply more popular (a Zipf-like pull).
    pull = {s.id: 1.0 / (1 + rank) ** 0.6 for rank, s in enumerate(rng.sample(sessions, len(sessions)))}
    for person in people:
        wanted = rng.randint(3, 8)
        weights = [
            pull[s.id] * (4.0 if interests[person.id] & set(s.topic_ids) else 0.6) for s in sessions
        ]
        chosen: set[int] = set()
        while len(chosen) < wanted:
            chosen.add(rng.choices(sessions, weights=weights)[0].id)
        for session_id in sorted(chosen):
            store.votes.cast(person, session_id)
    # Two hosts who cannot be there all day: the availability page shows
    # them, and the scheduler keeps their sessions out of those slots.
    session_slots = [s for s in store.venue.slots() if s.kind is SlotKind.SESSION]
    for host, blocked in ((people[0], session_slots[:2]), (people[15 % len(people)], session_slots[-3:])):
        store.availability.set_unavailable(orga, host.id, [s.id for s in blocked])
    _plan_and_publish(store, orga)
    return store


def _plan_and_publish(store: Store, orga: User) -> None:
    """A published release v1, then a later draft: a pitched session and a re-plan."""
    from planner.scheduler.adapter import placements_from_grid, problem_for_event
    from planner.scheduler.problem import load_problem
    from planner.scheduler.solve import solve

    def plan() -> None:
        grid = solve(load_problem(problem_for_event(store)), time_limit=2, seed=1, max_iterations=4000)
        pinned = {p.session_id for p in store.grid.working() if p.pinned}
        store.grid.replace(orga, placements_from_grid(grid, pinned))

    plan()
    store.releases.publish(orga, "v1")
    # On the morning itself: a session pitched on site, and the grid re-planned
    # around what people saw in v1 (moves must pay for themselves).
    store.sessions.pitch(orga, "Spontan: Calliope-Ecke für Kinder", "Frieda aus Kiel", hands=14, needs=("kids-friendly",))
    plan()
