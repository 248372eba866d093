"""The public site's files: every page parses, user text stays text, feeds validate, links resolve."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

import icalendar
import jsonschema
import pytest
from lxml import etree

from export_data import ONLINE_URL, publish_awkward
from planner.models import RoomDraft, SlotKind
from planner.public.source import site_data
from planner.site import pages
from planner.domain.timeslots import generate_day

HOSTILE = [line for line in (Path(__file__).parents[2] / "data" / "hostile.txt").read_text("utf-8").splitlines()
           if line.strip()]
SCHEMAS = Path(__file__).resolve().parents[2] / "data" / "c3voc"


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(data: bytes) -> Elements:
    parser = Elements()
    parser.feed(data.decode("utf-8"))
    parser.close()
    return parser


@pytest.fixture
def published(event):
    return publish_awkward(event)


@pytest.fixture
def site(event, published):
    return pages.files(site_data(event.store))


def test_site_has_every_page_in_both_languages_and_the_feeds(site, published):
    ids = sorted(published.release.items, key=lambda i: i.session_id)
    expected = {"index.html", "static/site.css", "static/site.js", *pages.FEEDS}
    for prefix in ("", "en/"):
        expected |= {f"{prefix}schedule.html", f"{prefix}grid.html"}
        expected |= {f"{prefix}session/{i.session_id}.html" for i in ids}
    assert set(site) == expected


def test_pages_declare_their_language(site):
    assert parse(site["schedule.html"].data).tags[0] == ("html", {"lang": "de"})
    assert parse(site["en/schedule.html"].data).tags[0] == ("html", {"lang": "en"})
    assert b"Programm" in site["schedule.html"].data and b"Schedule" in site["en/schedule.html"].data


def test_no_request_to_another_host(site):
    for path, f in site.items():
        if not path.endswith(".html"):
            continue
        for tag, attrs in parse(f.data).tags:
            for attr in ("src", "href"):
                value = attrs.get(attr) or ""
                if tag in ("script", "link", "img"):
                    assert not value.startswith(("http:", "https:", "//")), (path, tag, value)


def test_relative_links_resolve_to_files_of_the_site(site):
    """What works under /p/ works on any static host: every internal link points at a file."""
    for path, f in site.items():
        if not path.endswith(".html"):
            continue
        for tag, attrs in parse(f.data).tags:
            target = attrs.get("href") or attrs.get("src") or ""
            if tag not in ("a", "link", "script") or not target or ":" in target or target.startswith("#"):
                continue
            resolved = PurePosixPath(path).parent / target
            parts = []
            for part in resolved.parts:
                if part == "..":
                    parts.pop()
                elif part != ".":
                    parts.append(part)
            assert "/".join(parts) in site, (path, target)


def test_session_page_shows_hosts_room_time_links_and_topics(site, published):
    robot = published.robot
    page = site[f"session/{robot.id}.html"].data.decode()
    assert "Robotik &lt;AG&gt; &amp; 🤖 für Mädchen" in page
    assert "Anna Amsel, Ben Bär" in page
    assert "Saal „Elbe“ &amp; &lt;Co&gt;" in page
    assert "Samstag, 28.11.2026, 10:00–10:45" in page
    assert 'href="https://pad.example.org/robotik"' in page
    assert "Mädchen in MINT" in page and "Robotik" in page
    # The description's Markdown is shown as the app shows it; its raw HTML stays text.
    assert ('<div class="desc"><p>Mit <strong>Lego</strong> &amp; &lt;b&gt;Motoren&lt;/b&gt;.</p>\n'
            '<p>Zweiter Absatz: Ärger über Öl &amp; Übermut.</p>\n</div>') in page
    online = site[f"en/session/{published.online.id}.html"].data.decode()
    assert f'href="{ONLINE_URL.replace("&", "&amp;")}"' in online and "Join online" in online


def test_host_without_account_is_shown(site, published):
    assert "Frieda aus Kiel" in site[f"session/{published.pitched.id}.html"].data.decode()


def test_schedule_lists_every_session_once_with_one_heading_per_start(site, published):
    page = parse(site["schedule.html"].data)
    links = [a["href"] for tag, a in page.tags if tag == "a" and a.get("href", "").startswith("session/")]
    assert sorted(links) == sorted(f"session/{i.session_id}.html" for i in published.release.items)
    starts = [text for text in page.text if len(text) == 5 and text[2] == ":"]
    assert len(starts) == len(set(starts))


def test_before_the_first_release_a_page_says_so_and_there_are_no_feeds(event):
    site = pages.files(site_data(event.store))
    assert set(site) == {"index.html", "schedule.html", "en/schedule.html", "grid.html", "en/grid.html",
                         "static/site.css", "static/site.js"}
    assert "Das Programm ist noch nicht veröffentlicht." in site["schedule.html"].data.decode()
    assert "The schedule is not published yet." in site["en/schedule.html"].data.decode()


def test_header_says_when_and_where_and_the_description_and_the_way_into_the_app_show(event, published):
    store = event.store
    store.event.update(event.orga, venue="Kulturzentrum <Elbe>", starts_on="2026-11-27", ends_on="2026-11-28",
                       description="**Eintritt frei.** <b>nie fett</b>")
    site = pages.files(site_data(store))
    page = site["schedule.html"].data.decode()
    assert '<p class="where">Fr 27.11. – Sa 28.11.2026 · Kulturzentrum &lt;Elbe&gt;</p>' in page
    assert ('<details class="about"><summary>Über die Veranstaltung</summary><div class="desc">'
            "<p><strong>Eintritt frei.</strong> &lt;b&gt;nie fett&lt;/b&gt;</p>") in page
    assert 'class="join"' not in page  # no public address: the folder of files knows no way to the app
    assert "Fri 27 Nov – Sat 28 Nov 2026" in site["en/session/%d.html" % published.robot.id].data.decode()
    store.event.update(event.orga, base_url="https://camp.example.org/", description="")
    site = pages.files(site_data(store))
    page = site["en/grid.html"].data.decode()
    assert ('<p class="join"><a href="https://camp.example.org/">Take part: sign in to the app, propose sessions '
            "and vote</a></p>") in page
    assert "<details" not in page


def test_before_the_first_release_the_description_shows_open(event):
    event.store.event.update(event.orga, description="Wir treffen uns im *Foyer*.", base_url="https://c.example.org")
    page = pages.files(site_data(event.store))["schedule.html"].data.decode()
    assert '<div class="desc"><p>Wir treffen uns im <em>Foyer</em>.</p>\n</div>' in page
    assert "<details" not in page and '<a href="https://c.example.org/">Mitmachen' in page


def test_feeds_validate(site):
    schema = json.loads((SCHEMAS / "schedule.schema.json").read_text(encoding="utf-8"))
    assert list(jsonschema.Draft6Validator(schema).iter_errors(json.loads(site["schedule.json"].data))) == []
    xsd = etree.XMLSchema(etree.parse(str(SCHEMAS / "schedule.xml.xsd")))
    assert xsd.validate(etree.fromstring(site["schedule.xml"].data)), xsd.error_log
    calendar = icalendar.Calendar.from_ical(site["schedule.ics"].data)
    assert len(calendar.walk("VEVENT")) == 4


def test_hostile_text_everywhere_stays_text(event):
    """Titles, hosts, rooms, topics, event name and descriptions from tests/data/hostile.txt."""
    store, orga = event.store, event.orga
    store.event.update(orga, name="<script>window.__xss=1</script> Camp", venue=HOSTILE[2][:80],
                       description="\n\n".join(HOSTILE[:20]), base_url="https://camp.example.org")
    rooms = store.venue.save_rooms(orga, [RoomDraft(f"R{i} {HOSTILE[i][:30]}", 20) for i in range(3)])
    slots = [s for s in store.venue.save_day(orga, "2026-11-28", generate_day()) if s.kind is SlotKind.SESSION]
    topic = store.topics.create(orga, HOSTILE[1][:40], "#123456")
    placed = 0
    for n, line in enumerate(HOSTILE):
        title = f"{n} {line}"[:120]
        s = store.sessions.pitch(orga, title if len(title) >= 3 else f"{title}xyz", line[:80] or "x", hands=1)
        store.sessions.update(orga, s.id, s.to_draft().__class__(**{**s.to_draft().__dict__,
                             "description": line, "topic_ids": (topic.id,)}), s.version)
        if placed < len(rooms) * len(slots):
            store.grid.place(orga, s.id, rooms[placed % len(rooms)].id, slots[placed // len(rooms)].id)
            placed += 1
    store.releases.publish(orga)
    site = pages.files(site_data(store))
    for path, f in site.items():
        if not path.endswith(".html"):
            continue
        parsed = parse(f.data)
        scripts = [a for tag, a in parsed.tags if tag == "script"]
        assert scripts == [{"src": "../static/site.js" if path.count("/") == 1 else
                            "../../static/site.js" if path.count("/") == 2 else "static/site.js"}], path
        foreign = {"img", "svg", "iframe", "object", "video", "math", "marquee", "input", "style", "b", "i",
                   "details", "textarea"}
        ours = [("details", {"class": "about"})]  # the event's description folds away above the schedule
        assert [tag for tag, a in parsed.tags if tag in foreign and (tag, a) not in ours] == [], path
        handlers = [(tag, k) for tag, attrs in parsed.tags for k in attrs if k.startswith("on")]
        assert handlers == [], path
        hrefs = [a.get("href", "") for tag, a in parsed.tags if tag == "a"]
        assert not any(h.lower().startswith(("javascript:", "data:")) for h in hrefs), path
    assert "<script>window.__xss=1</script> Camp" in "".join(parse(site["schedule.html"].data).text)


def test_fingerprint_ignores_votes_but_not_titles(event, published):
    before = site_data(event.store).fingerprint()
    event.store.votes.cast(event.cem, published.robot.id)
    assert site_data(event.store).fingerprint() == before
    s = event.store.sessions.get(published.robot.id)
    draft = s.to_draft().__class__(**{**s.to_draft().__dict__, "description": "Neu"})
    event.store.sessions.update(event.orga, s.id, draft, s.version)
    assert site_data(event.store).fingerprint() != before


def test_a_session_dropped_from_the_schedule_keeps_a_page_that_says_so(event, published):
    """Its link (shared, on a door sign's QR code) answered "Diese Seite gibt es nicht."."""
    store, robot = event.store, published.robot
    before = next(i for i in published.release.items if i.session_id == robot.id)
    store.grid.unplace(event.orga, robot.id)
    store.releases.publish(event.orga)
    site = pages.files(site_data(store))
    page = site[f"session/{robot.id}.html"].data.decode()
    assert "Diese Session ist nicht mehr im Programm." in page
    assert f"Zuletzt stand sie am Samstag, 28.11.2026, {before.start}–{before.end} in Saal „Elbe“ &amp; &lt;Co&gt;." in page
    assert "This session is no longer in the schedule." in site[f"en/session/{robot.id}.html"].data.decode()
    assert f"session/{robot.id}.html" not in site["schedule.html"].data.decode()  # not listed
    store.sessions.withdraw(event.cem, published.online.id)  # withdrawn after the release: the same
    assert "nicht mehr im Programm" in pages.files(site_data(store))[f"session/{published.online.id}.html"].data.decode()
