"""The only place the schema changes: an ordered registry of migrations.

Each migration runs once, inside the transaction that records it in
``_migrations``; a database is brought up to date by :func:`migrate`.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime, timezone

from sqlite_utils import Database

MIGRATIONS: list[tuple[str, Callable[[Database], None]]] = []


def migration(name: str):
    """Register a migration under a stable name; order is definition order."""

    def register(fn: Callable[[Database], None]):
        MIGRATIONS.append((name, fn))
        return fn

    return register


@migration("0001_initial")
def _initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE event (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            name TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            starts_on TEXT NOT NULL,
            ends_on TEXT NOT NULL,
            timezone TEXT NOT NULL,
            default_language TEXT NOT NULL,
            signup_mode TEXT NOT NULL DEFAULT 'open',
            invite_code TEXT NOT NULL DEFAULT '',
            proposals_open INTEGER NOT NULL DEFAULT 1,
            voting_open INTEGER NOT NULL DEFAULT 1
        );
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE COLLATE NOCASE,
            name TEXT NOT NULL,
            email TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('participant', 'organiser')),
            active INTEGER NOT NULL DEFAULT 1,
            language TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE topics (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            colour TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE features (
            name TEXT PRIMARY KEY
        );
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            title_key TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            format TEXT NOT NULL,
            length INTEGER NOT NULL DEFAULT 1 CHECK (length >= 1),
            language TEXT NOT NULL,
            doc_url TEXT NOT NULL DEFAULT '',
            needs TEXT NOT NULL DEFAULT '[]',
            status TEXT NOT NULL DEFAULT 'proposed',
            created_by INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1
        );
        -- one live session per title (case and spacing folded)
        CREATE UNIQUE INDEX sessions_live_title
            ON sessions(title_key) WHERE status = 'proposed';
        CREATE TABLE session_hosts (
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES users(id),
            position INTEGER NOT NULL,
            PRIMARY KEY (session_id, user_id)
        );
        CREATE INDEX session_hosts_user ON session_hosts(user_id);
        CREATE TABLE session_topics (
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
            PRIMARY KEY (session_id, topic_id)
        );
        CREATE TABLE votes (
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            PRIMARY KEY (user_id, session_id)
        );
        CREATE INDEX votes_session ON votes(session_id);
        CREATE TABLE topic_interest (
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
            PRIMARY KEY (user_id, topic_id)
        );
        """
    )
    db["features"].insert_all(
        [{"name": n} for n in ("projector", "accessible", "whiteboard", "kids-friendly", "online")]
    )
    # The cookie signing key: generated once per database, never in the code.
    db.execute(
        "INSERT INTO meta(key, value) VALUES ('cookie_key', ?)", (secrets.token_urlsafe(32),)
    )


def applied(db: Database) -> list[str]:
    """Names of the migrations already applied, in order."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    return [row[0] for row in db.execute("SELECT name FROM _migrations ORDER BY rowid")]


def migrate(db: Database) -> list[str]:
    """Apply every pending migration, each in its own immediate transaction.

    Returns the names applied now. Safe to call from several processes at
    once: the write lock is taken before the list of applied ones is read
    again.
    """
    done_now = []
    for name, fn in MIGRATIONS:
        if name in applied(db):
            continue
        db.execute("BEGIN IMMEDIATE")
        try:
            if name in applied(db):  # another process was quicker
                db.execute("ROLLBACK")
                continue
            fn(db)
            db.execute(
                "INSERT INTO _migrations(name, applied_at) VALUES (?, ?)",
                [name, datetime.now(timezone.utc).isoformat(timespec="seconds")],
            )
            db.execute("COMMIT")
        except BaseException:
            db.rollback()
            raise
        done_now.append(name)
    return done_now


@migration("0002_rooms_slots")
def _rooms_slots(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE rooms (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            capacity INTEGER NOT NULL CHECK (capacity >= 0),
            features TEXT NOT NULL DEFAULT '[]',
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE slots (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            start TEXT NOT NULL,
            end TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'session'
                CHECK (kind IN ('session', 'break', 'plenary')),
            label TEXT NOT NULL DEFAULT '',
            CHECK (start < end)
        );
        CREATE INDEX slots_day ON slots(day, start);
        """
    )


@migration("0003_event_setup")
def _event_setup(db: Database) -> None:
    db.executescript(
        """
        ALTER TABLE event ADD COLUMN venue TEXT NOT NULL DEFAULT '';
        ALTER TABLE event ADD COLUMN show_votes TEXT NOT NULL DEFAULT 'always'
            CHECK (show_votes IN ('always', 'after_voting'));
        ALTER TABLE event ADD COLUMN shuffle INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE event ADD COLUMN capacity INTEGER;
        ALTER TABLE event ADD COLUMN schedule_published INTEGER NOT NULL DEFAULT 0;

        ALTER TABLE rooms ADD COLUMN online_url TEXT NOT NULL DEFAULT '';
        CREATE TABLE room_unavailable (
            room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
            slot_id INTEGER NOT NULL REFERENCES slots(id) ON DELETE CASCADE,
            PRIMARY KEY (room_id, slot_id)
        );
        CREATE TABLE host_unavailable (
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            slot_id INTEGER NOT NULL REFERENCES slots(id) ON DELETE CASCADE,
            PRIMARY KEY (user_id, slot_id)
        );

        -- Registration: confirmed, waiting (for a place) or cancelled.
        ALTER TABLE users ADD COLUMN registration TEXT NOT NULL DEFAULT 'confirmed'
            CHECK (registration IN ('confirmed', 'waiting', 'cancelled'));
        ALTER TABLE users ADD COLUMN waiting_since TEXT;
        ALTER TABLE users ADD COLUMN promoted_unseen INTEGER NOT NULL DEFAULT 0;

        -- Moderation: rejected with a reason the host sees, merged into another.
        ALTER TABLE sessions ADD COLUMN reject_reason TEXT NOT NULL DEFAULT '';
        ALTER TABLE sessions ADD COLUMN merged_into INTEGER REFERENCES sessions(id);
        """
    )


@migration("0004_grid_releases")
def _grid_releases(db: Database) -> None:
    db.executescript(
        """
        -- The working grid (draft): where each placed session starts.
        CREATE TABLE placements (
            session_id INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
            room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
            slot_id INTEGER NOT NULL REFERENCES slots(id) ON DELETE CASCADE,
            pinned INTEGER NOT NULL DEFAULT 0
        );
        -- Published grids, frozen: what people saw, kept for ever.
        CREATE TABLE releases (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            created_at TEXT NOT NULL,
            created_by INTEGER REFERENCES users(id),
            items TEXT NOT NULL
        );
        CREATE TABLE seen_release (
            user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
            release_id INTEGER NOT NULL REFERENCES releases(id)
        );
        CREATE TABLE stars (
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            PRIMARY KEY (user_id, session_id)
        );
        ALTER TABLE event ADD COLUMN move_cost INTEGER NOT NULL DEFAULT 3;
        """
    )


@migration("0005_display")
def _display(db: Database) -> None:
    db.executescript(
        """
        ALTER TABLE event ADD COLUMN base_url TEXT NOT NULL DEFAULT '';
        ALTER TABLE event ADD COLUMN display_enabled INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE event ADD COLUMN display_token TEXT NOT NULL DEFAULT '';
        """
    )


@migration("0006_pitch")
def _pitch(db: Database) -> None:
    db.executescript(
        """
        -- On-site pitch: a host without an account, and a show of hands.
        ALTER TABLE sessions ADD COLUMN host_name TEXT NOT NULL DEFAULT '';
        ALTER TABLE sessions ADD COLUMN hand_votes INTEGER NOT NULL DEFAULT 0;
        """
    )


@migration("0007_feed_tokens")
def _feed_tokens(db: Database) -> None:
    # A table of its own, not a column on users: the secret stays out of
    # every ``SELECT * FROM users`` (user lists, credentials, the User
    # model), a token exists only once someone asks for it, and a rotation
    # touches one row.
    db.executescript(
        """
        CREATE TABLE feed_tokens (
            user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
            token TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL
        );
        """
    )


@migration("0008_sign_ins")
def _sign_ins(db: Database) -> None:
    # One row per signed-in browser. The cookie carries a random token; only
    # its SHA-256 is kept. A new sign-in first holds a one-time ticket, which
    # the browser trades for its cookie (token_hash is NULL until then).
    db.executescript(
        """
        -- AUTOINCREMENT: an id is never used again, so a browser that still
        -- holds the id of an ended sign-in can never find someone else's.
        CREATE TABLE sign_ins (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            token_hash TEXT UNIQUE,
            ticket_hash TEXT UNIQUE,
            ticket_expires_at TEXT,
            created_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            agent TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX sign_ins_user ON sign_ins(user_id);
        """
    )


@migration("0009_agent_without_words")
def _agent_without_words(db: Database) -> None:
    # Devices were named "Chrome on Android", English in the German account
    # page; now "Chrome · Android" in any language (auth.short_agent).
    db.execute("UPDATE sign_ins SET agent = replace(agent, ' on ', ' · ') WHERE agent LIKE '% on %'")
