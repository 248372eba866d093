"""Message catalogue, German and English: ``t(key, lang, **params)``.

Messages live in dicts ``{key: {"de": ..., "en": ...}}``. This module holds
the app's; ``planner.scheduler.messages.MESSAGES`` adds the scheduler's.
A missing translation falls back to English, a missing key shows the key.
"""

from __future__ import annotations

LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"

MESSAGES: dict[str, dict[str, str]] = {
    "error.generic": {"de": "Etwas ist schiefgelaufen.", "en": "Something went wrong."},
    "error.invalid": {"de": "Ungültige Eingabe.", "en": "Invalid input."},
    "error.not_found": {"de": "Nicht gefunden.", "en": "Not found."},
    "error.permission": {
        "de": "Dafür fehlt dir die Berechtigung.",
        "en": "You are not allowed to do this.",
    },
    "error.conflict": {
        "de": "Jemand anderes hat das gerade geändert. Bitte lade neu.",
        "en": "Someone else changed this just now. Please reload.",
    },
    "error.problem": {"de": "Das Planungsproblem ist ungültig.", "en": "The planning problem is invalid."},

    # -- errors a user can fix
    "error.account_inactive": {"de": "Dein Konto ist nicht (mehr) aktiv. Wende dich an das Orga-Team.", "en": "Your account is not active (any more). Ask the organisers."},
    "error.already_set_up": {"de": "Die Veranstaltung ist schon eingerichtet. Melde dich als Orga an.", "en": "The event is set up already. Sign in as an organiser."},
    "error.cohost_unknown": {"de": "Co-Host „{username}“ ist nicht registriert. Bitte sie, sich zuerst anzumelden.", "en": "Co-host “{username}” is not registered. Ask them to sign up first."},
    "error.cohosts_too_many": {"de": "Höchstens {max} Co-Hosts pro Session.", "en": "At most {max} co-hosts per session."},
    "error.colour_invalid": {"de": "„{colour}“ ist keine Farbe. Nutze die Form #rrggbb.", "en": "“{colour}” is not a colour. Use the form #rrggbb."},
    "error.date_invalid": {"de": "Bitte gib gültige Daten an (JJJJ-MM-TT).", "en": "Please give valid dates (YYYY-MM-DD)."},
    "error.dates_order": {"de": "Das Ende liegt vor dem Beginn. Tausche die Daten.", "en": "The end is before the start. Swap the dates."},
    "error.dates_too_long": {"de": "Eine Veranstaltung dauert höchstens {days} Tage.", "en": "An event lasts at most {days} days."},
    "error.description_long": {"de": "Die Beschreibung ist {length} Zeichen lang, erlaubt sind {max}. Kürze sie oder verlinke ein Pad.", "en": "The description is {length} characters long; {max} are allowed. Shorten it or link a pad."},
    "error.email_invalid": {"de": "Das sieht nicht wie eine E-Mail-Adresse aus.", "en": "That does not look like an email address."},
    "error.format_invalid": {"de": "Unbekanntes Format.", "en": "Unknown format."},
    "error.invite_code_long": {"de": "Der Einladungscode ist zu lang (höchstens {max} Zeichen).", "en": "The invite code is too long (at most {max} characters)."},
    "error.invite_code_missing": {"de": "Für Anmeldung mit Einladungscode brauchst du einen Code. Trage ihn ein.", "en": "Sign-up by invite code needs a code. Enter one."},
    "error.invite_code_wrong": {"de": "Der Einladungscode stimmt nicht. Frag das Orga-Team.", "en": "The invite code is wrong. Ask the organisers."},
    "error.language_invalid": {"de": "Unbekannte Sprache.", "en": "Unknown language."},
    "error.length_invalid": {"de": "Eine Session dauert 1 bis {max} Slots.", "en": "A session lasts 1 to {max} slots."},
    "error.name_empty": {"de": "Bitte gib einen Namen an.", "en": "Please enter a name."},
    "error.name_long": {"de": "Der Name ist zu lang (höchstens {max} Zeichen).", "en": "The name is too long (at most {max} characters)."},
    "error.need_unknown": {"de": "Unbekannte Ausstattung: {need}.", "en": "Unknown equipment: {need}."},
    "error.no_event": {"de": "Es ist noch keine Veranstaltung eingerichtet.", "en": "No event has been set up yet."},
    "error.not_your_session": {"de": "Das ist nicht deine Session: nur ihre Hosts und das Orga-Team können sie ändern.", "en": "This is not your session: only its hosts and the organisers can change it."},
    "error.organisers_only": {"de": "Diese Seite ist nur für das Orga-Team.", "en": "This page is for organisers only."},
    "error.password_long": {"de": "Das Passwort ist zu lang (höchstens {max} Bytes).", "en": "The password is too long (at most {max} bytes)."},
    "error.password_mismatch": {"de": "Die beiden Passwörter stimmen nicht überein.", "en": "The two passwords do not match."},
    "error.password_short": {"de": "Das Passwort braucht mindestens {min} Zeichen.", "en": "The password needs at least {min} characters."},
    "error.password_spaces": {"de": "Das Passwort darf nicht mit Leerzeichen beginnen oder enden.", "en": "The password must not start or end with a space."},
    "error.password_wrong": {"de": "Das bisherige Passwort stimmt nicht.", "en": "The current password is wrong."},
    "error.proposals_closed": {"de": "Die Einreichung von Sessions ist geschlossen.", "en": "Session proposals are closed."},
    "error.session_changed": {"de": "„{title}“ wurde inzwischen von jemand anderem geändert. Die neue Fassung ist geladen; prüfe sie und speichere erneut.", "en": "“{title}” was changed by someone else meanwhile. Their version is loaded; check it and save again."},
    "error.session_missing": {"de": "Diese Session gibt es nicht (mehr).", "en": "This session does not exist (any more)."},
    "error.session_withdrawn": {"de": "Diese Session wurde zurückgezogen.", "en": "This session was withdrawn."},
    "error.signup_closed": {"de": "Die Anmeldung ist geschlossen.", "en": "Sign-up is closed."},
    "error.timezone_invalid": {"de": "Unbekannte Zeitzone „{timezone}“.", "en": "Unknown time zone “{timezone}”."},
    "error.title_long": {"de": "Der Titel ist {length} Zeichen lang, erlaubt sind {max}. Kürze ihn.", "en": "The title is {length} characters long; {max} are allowed. Shorten it."},
    "error.title_short": {"de": "Der Titel braucht mindestens {min} Zeichen.", "en": "The title needs at least {min} characters."},
    "error.title_taken": {"de": "Es gibt schon eine Session „{title}“. Wähle einen anderen Titel oder stimme für die bestehende.", "en": "There is already a session “{title}”. Choose another title or vote for that one."},
    "error.topic_empty": {"de": "Bitte gib dem Thema einen Namen.", "en": "Please give the topic a name."},
    "error.topic_exists": {"de": "Das Thema „{name}“ gibt es schon.", "en": "The topic “{name}” exists already."},
    "error.topic_long": {"de": "Der Themenname ist zu lang (höchstens {max} Zeichen).", "en": "The topic name is too long (at most {max} characters)."},
    "error.topic_missing": {"de": "Dieses Thema gibt es nicht (mehr). Lade die Seite neu.", "en": "This topic does not exist (any more). Reload the page."},
    "error.topic_required": {"de": "Wähle mindestens ein Thema.", "en": "Choose at least one topic."},
    "error.topics_too_many": {"de": "Höchstens {max} Themen pro Session.", "en": "At most {max} topics per session."},
    "error.url_long": {"de": "Der Link ist zu lang (höchstens {max} Zeichen).", "en": "The link is too long (at most {max} characters)."},
    "error.url_scheme": {"de": "„{url}“ ist kein Web-Link. Er muss mit https:// oder http:// beginnen.", "en": "“{url}” is not a web link. It must start with https:// or http://."},
    "error.user_missing": {"de": "Dieses Konto gibt es nicht.", "en": "This account does not exist."},
    "error.username_invalid": {"de": "Der Benutzername braucht 3–32 Zeichen: Buchstaben, Ziffern, Punkt, Binde- oder Unterstrich, am Anfang ein Buchstabe oder eine Ziffer.", "en": "The username needs 3–32 characters: letters, digits, dot, hyphen or underscore, starting with a letter or digit."},
    "error.username_taken": {"de": "Den Benutzernamen „{username}“ gibt es schon. Wähle einen anderen.", "en": "The username “{username}” is taken. Choose another."},
    "error.capacity_invalid": {"de": "Die Kapazität muss eine ganze Zahl ab 0 sein.", "en": "The capacity must be a whole number from 0."},
    "error.room_exists": {"de": "Den Raum „{name}“ gibt es schon.", "en": "The room “{name}” exists already."},
    "error.slot_time_invalid": {"de": "Bitte gib Tag (JJJJ-MM-TT) und Uhrzeiten (HH:MM) an.", "en": "Please give a day (YYYY-MM-DD) and times (HH:MM)."},
    "error.slot_empty": {"de": "Der Slot {start}–{end} endet nicht nach seinem Beginn.", "en": "The slot {start}–{end} does not end after it starts."},
    "error.slot_overlap": {"de": "Der Slot {start}–{end} am {day} überschneidet sich mit {other_start}–{other_end}.", "en": "The slot {start}–{end} on {day} overlaps {other_start}–{other_end}."},
    "error.voting_closed": {"de": "Die Abstimmung ist geschlossen.", "en": "Voting is closed."},
    # -- navigation and frame
    "nav.setup": {"de": "Einrichtung", "en": "Set-up"},
    "nav.signin": {"de": "Anmelden", "en": "Sign in"},
    "nav.sessions": {"de": "Sessions", "en": "Sessions"},
    "nav.propose": {"de": "Session vorschlagen", "en": "Propose a session"},
    "nav.topics": {"de": "Themen", "en": "Topics"},
    "nav.account": {"de": "Mein Konto", "en": "My account"},
    "nav.event": {"de": "Veranstaltung", "en": "Event"},
    "nav.group.event": {"de": "Barcamp", "en": "Barcamp"},
    "nav.group.organise": {"de": "Orga", "en": "Organise"},
    "nav.language": {"de": "Sprache", "en": "Language"},
    "nav.sign_out": {"de": "Abmelden", "en": "Sign out"},
    "nav.signed_in_as": {"de": "Angemeldet als {name} (@{username})", "en": "Signed in as {name} (@{username})"},
    "lang.de": {"de": "Deutsch", "en": "German"},
    "lang.en": {"de": "Englisch", "en": "English"},
    "role.participant": {"de": "Teilnehmer:in", "en": "Participant"},
    "role.organiser": {"de": "Orga", "en": "Organiser"},
    "format.talk": {"de": "Vortrag", "en": "Talk"},
    "format.discussion": {"de": "Diskussion", "en": "Discussion"},
    "format.workshop": {"de": "Workshop", "en": "Workshop"},
    "format.demo": {"de": "Demo", "en": "Demo"},
    "format.other": {"de": "Anderes", "en": "Other"},
    "feature.projector": {"de": "Beamer", "en": "Projector"},
    "feature.accessible": {"de": "Barrierefrei", "en": "Accessible"},
    "feature.whiteboard": {"de": "Whiteboard", "en": "Whiteboard"},
    "feature.kids-friendly": {"de": "Kinderfreundlich", "en": "Kids-friendly"},
    "feature.online": {"de": "Online/hybrid", "en": "Online/hybrid"},
    "sort.votes": {"de": "Meiste Stimmen", "en": "Most votes"},
    "sort.newest": {"de": "Neueste", "en": "Newest"},
    "sort.title": {"de": "Titel A–Z", "en": "Title A–Z"},
    "signup.open": {"de": "Offen", "en": "Open"},
    "signup.invite": {"de": "Mit Einladungscode", "en": "With invite code"},
    "signup.closed": {"de": "Geschlossen", "en": "Closed"},
    # -- set-up
    "setup.title": {"de": "Barcamp einrichten", "en": "Set up your barcamp"},
    "setup.intro": {"de": "Willkommen! Lege die Veranstaltung und das erste Orga-Konto an. Es gibt kein Standardpasswort: Du wählst es jetzt.", "en": "Welcome! Create the event and the first organiser account. There is no default password: you choose it now."},
    "setup.event": {"de": "Veranstaltung", "en": "Event"},
    "setup.event_name": {"de": "Name der Veranstaltung", "en": "Event name"},
    "setup.starts_on": {"de": "Erster Tag", "en": "First day"},
    "setup.ends_on": {"de": "Letzter Tag", "en": "Last day"},
    "setup.timezone": {"de": "Zeitzone", "en": "Time zone"},
    "setup.language": {"de": "Standardsprache", "en": "Default language"},
    "setup.organiser": {"de": "Erstes Orga-Konto", "en": "First organiser account"},
    "setup.submit": {"de": "Einrichten", "en": "Set up"},
    "setup.created": {"de": "Eingerichtet. Melde dich jetzt als @{username} an.", "en": "Set up. Sign in as @{username} now."},
    "setup.done_already": {"de": "Die Veranstaltung ist schon eingerichtet.", "en": "The event is set up already."},
    # -- accounts
    "auth.sign_in": {"de": "Anmelden", "en": "Sign in"},
    "auth.sign_up": {"de": "Registrieren", "en": "Sign up"},
    "auth.username": {"de": "Benutzername", "en": "Username"},
    "auth.username_help": {"de": "3–32 Zeichen: Buchstaben, Ziffern, . _ -", "en": "3–32 characters: letters, digits, . _ -"},
    "auth.name": {"de": "Anzeigename", "en": "Display name"},
    "auth.email": {"de": "E-Mail", "en": "Email"},
    "auth.password": {"de": "Passwort", "en": "Password"},
    "auth.password_help": {"de": "Mindestens 8 Zeichen.", "en": "At least 8 characters."},
    "auth.password_repeat": {"de": "Passwort wiederholen", "en": "Repeat password"},
    "auth.invite_code": {"de": "Einladungscode", "en": "Invite code"},
    "auth.wrong": {"de": "Benutzername oder Passwort stimmt nicht.", "en": "Username or password is wrong."},
    "auth.welcome": {"de": "Hallo {name}!", "en": "Hello {name}!"},
    "auth.signed_up": {"de": "Willkommen, {name}! Dein Konto ist angelegt und du bist angemeldet.", "en": "Welcome, {name}! Your account is created and you are signed in."},
    "auth.continue": {"de": "Weiter", "en": "Continue"},
    "auth.sign_in_first": {"de": "Bitte melde dich zuerst an.", "en": "Please sign in first."},
    "auth.to_start": {"de": "Zur Startseite", "en": "To the start page"},
    # -- sessions
    "sessions.title": {"de": "Sessions", "en": "Sessions"},
    "sessions.voting_closed": {"de": "Die Abstimmung ist geschlossen. Du siehst die Stimmen, kannst aber nicht mehr abstimmen.", "en": "Voting is closed. You see the votes but cannot vote any more."},
    "sessions.search": {"de": "Suche", "en": "Search"},
    "sessions.search_hint": {"de": "Titel, Beschreibung, Host, Thema …", "en": "Title, description, host, topic …"},
    "sessions.topics": {"de": "Themen", "en": "Topics"},
    "sessions.format": {"de": "Format", "en": "Format"},
    "sessions.language": {"de": "Sprache", "en": "Language"},
    "sessions.sort": {"de": "Sortierung", "en": "Order"},
    "sessions.filters": {"de": "Filter und Sortierung ({n} aktiv)", "en": "Filters and order ({n} active)"},
    "sessions.filters_none": {"de": "Filter und Sortierung", "en": "Filters and order"},
    "sessions.choose": {"de": "Alle", "en": "All"},
    "sessions.only_voted": {"de": "Nur meine Stimmen", "en": "Only my votes"},
    "sessions.count": {"de": "{shown} von {total} Sessions · du hast {votes} Stimmen vergeben", "en": "{shown} of {total} sessions · you have cast {votes} votes"},
    "sessions.none": {"de": "Keine Session passt zu diesen Filtern.", "en": "No session matches these filters."},
    "sessions.empty": {"de": "Noch keine Sessions. Schlag die erste vor!", "en": "No sessions yet. Propose the first one!"},
    "sessions.length": {"de": "{n} Slot(s)", "en": "{n} slot(s)"},
    "sessions.votes": {"de": "Stimmen", "en": "Votes"},
    "sessions.votes_n": {"de": "{n} Stimmen", "en": "{n} votes"},
    "sessions.vote": {"de": "Abstimmen", "en": "Vote"},
    "sessions.unvote": {"de": "Gestimmt ✓", "en": "Voted ✓"},
    "sessions.details": {"de": "Beschreibung", "en": "Description"},
    "sessions.doc_link": {"de": "Dokumentation (Pad)", "en": "Documentation (pad)"},
    # -- propose
    "propose.heading": {"de": "Sessions vorschlagen", "en": "Propose sessions"},
    "propose.new": {"de": "Neue Session", "en": "New session"},
    "propose.mine": {"de": "Meine Sessions", "en": "My sessions"},
    "propose.title_field": {"de": "Titel", "en": "Title"},
    "propose.description": {"de": "Beschreibung", "en": "Description"},
    "propose.description_help": {"de": "Markdown ist erlaubt: **fett**, *kursiv*, Listen, Links.", "en": "Markdown is allowed: **bold**, *italic*, lists, links."},
    "propose.length": {"de": "Länge", "en": "Length"},
    "propose.length_help": {"de": "Ein Slot ist ein Zeitfenster im Plan; ein langer Workshop braucht zwei.", "en": "A slot is one time window of the grid; a long workshop takes two."},
    "propose.needs": {"de": "Braucht", "en": "Needs"},
    "propose.cohosts": {"de": "Co-Hosts", "en": "Co-hosts"},
    "propose.choose": {"de": "Auswählen …", "en": "Choose …"},
    "propose.cohosts_help": {"de": "Andere registrierte Teilnehmende, die mit dir die Session halten.", "en": "Other registered participants who host the session with you."},
    "propose.doc_url": {"de": "Link zur Dokumentation (Pad), optional", "en": "Documentation link (pad), optional"},
    "propose.submit": {"de": "Vorschlagen", "en": "Propose"},
    "propose.save": {"de": "Speichern", "en": "Save"},
    "propose.created": {"de": "„{title}“ ist vorgeschlagen.", "en": "“{title}” is proposed."},
    "propose.saved": {"de": "„{title}“ ist gespeichert.", "en": "“{title}” is saved."},
    "propose.withdrawn": {"de": "„{title}“ ist zurückgezogen.", "en": "“{title}” is withdrawn."},
    "propose.withdraw": {"de": "Zurückziehen", "en": "Withdraw"},
    "propose.withdraw_confirm": {"de": "Ja, ich möchte diese Session zurückziehen.", "en": "Yes, I want to withdraw this session."},
    "propose.none_yet": {"de": "Du hostest noch keine Session.", "en": "You do not host any session yet."},
    "propose.no_topics": {"de": "Das Orga-Team hat noch keine Themen angelegt. Danach kannst du Sessions vorschlagen.", "en": "The organisers have not created topics yet. You can propose sessions once they have."},
    # -- topics
    "topics.title": {"de": "Themen", "en": "Topics"},
    "topics.none": {"de": "Noch keine Themen.", "en": "No topics yet."},
    "topics.interest_intro": {"de": "Welche Themen interessieren dich? Das hilft beim Planen.", "en": "Which topics do you care about? It helps the planning."},
    "topics.mine": {"de": "Meine Themen", "en": "My topics"},
    "topics.save_interest": {"de": "Speichern", "en": "Save"},
    "topics.interest_saved": {"de": "Gespeichert: {n} Themen.", "en": "Saved: {n} topics."},
    "topics.chart": {"de": "Interesse je Thema", "en": "Interest per topic"},
    "topics.chart_count": {"de": "Anzahl", "en": "Count"},
    "topics.column_topic": {"de": "Thema", "en": "Topic"},
    "topics.column_interested": {"de": "Interessierte", "en": "Interested"},
    "topics.column_votes": {"de": "Stimmen für Sessions", "en": "Votes for sessions"},
    "topics.expander": {"de": "{name} · {interested} Interessierte · {sessions} Sessions", "en": "{name} · {interested} interested · {sessions} sessions"},
    "topics.no_sessions": {"de": "Noch keine Session zu diesem Thema.", "en": "No session on this topic yet."},
    "topics.manage": {"de": "Themen verwalten", "en": "Manage topics"},
    "topics.name": {"de": "Name", "en": "Name"},
    "topics.colour": {"de": "Farbe", "en": "Colour"},
    "topics.description": {"de": "Beschreibung", "en": "Description"},
    "topics.add": {"de": "Thema anlegen", "en": "Add topic"},
    "topics.added": {"de": "Thema „{name}“ angelegt.", "en": "Topic “{name}” added."},
    "topics.edit": {"de": "{name} bearbeiten", "en": "Edit {name}"},
    "topics.save": {"de": "Speichern", "en": "Save"},
    "topics.saved": {"de": "Thema „{name}“ gespeichert.", "en": "Topic “{name}” saved."},
    "topics.delete": {"de": "Löschen", "en": "Delete"},
    "topics.deleted": {"de": "Thema „{name}“ gelöscht.", "en": "Topic “{name}” deleted."},
    # -- account
    "account.title": {"de": "Mein Konto", "en": "My account"},
    "account.change_password": {"de": "Passwort ändern", "en": "Change password"},
    "account.old_password": {"de": "Bisheriges Passwort", "en": "Current password"},
    "account.new_password": {"de": "Neues Passwort", "en": "New password"},
    "account.password_changed": {"de": "Dein Passwort ist geändert.", "en": "Your password is changed."},
    # -- event settings
    "event.title": {"de": "Veranstaltung", "en": "Event"},
    "event.summary": {"de": "{name} · {starts} bis {ends} · {tz}", "en": "{name} · {starts} to {ends} · {tz}"},
    "event.signup_mode": {"de": "Anmeldung", "en": "Sign-up"},
    "event.invite_code": {"de": "Einladungscode", "en": "Invite code"},
    "event.invite_code_set": {"de": "(ein Code ist gesetzt; leer lassen, um ihn zu behalten)", "en": "(a code is set; leave empty to keep it)"},
    "event.invite_code_help": {"de": "Wer sich registriert, muss diesen Code eingeben, wenn die Anmeldung „Mit Einladungscode“ ist.", "en": "People signing up must enter this code when sign-up is “With invite code”."},
    "event.proposals_open": {"de": "Einreichung offen", "en": "Proposals open"},
    "event.voting_open": {"de": "Abstimmung offen", "en": "Voting open"},
    "event.save": {"de": "Speichern", "en": "Save"},
    "event.saved": {"de": "Einstellungen gespeichert.", "en": "Settings saved."},
}


def _catalogue() -> dict[str, dict[str, str]]:
    merged = dict(MESSAGES)
    try:
        from planner.scheduler.messages import MESSAGES as scheduler_messages
    except ImportError:  # the scheduler package is optional for the catalogue
        scheduler_messages = {}
    merged.update(scheduler_messages)
    return merged


_CATALOGUE: dict[str, dict[str, str]] | None = None


def catalogue() -> dict[str, dict[str, str]]:
    """All messages, loaded once."""
    global _CATALOGUE
    if _CATALOGUE is None:
        _CATALOGUE = _catalogue()
    return _CATALOGUE


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """The message ``key`` in ``lang``, formatted with ``params``."""
    entry = catalogue().get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry.get("en") or key
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text
