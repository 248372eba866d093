"""Messages: navigation, languages and words shared by several pages."""

MESSAGES: dict[str, dict] = {
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
    "nav.rooms": {"de": "Räume und Slots", "en": "Rooms and slots"},
    "nav.participants": {"de": "Teilnehmende", "en": "Participants"},
    "nav.moderation": {"de": "Moderation", "en": "Moderation"},
    "nav.availability": {"de": "Meine Verfügbarkeit", "en": "My availability"},
    # -- schedule and agenda
    "nav.schedule": {"de": "Programm", "en": "Schedule"},
    "nav.agenda": {"de": "Mein Programm", "en": "My agenda"},
    "nav.display": {"de": "Bildschirme", "en": "Venue screens"},
    "nav.planning": {"de": "Planung", "en": "Planning"},
    # -- exports and the proposal import
    "nav.exports": {"de": "Exporte & Import", "en": "Exports & import"},

    # -- Streamlit's own words in its widgets (app_pages/ui, STREAMLIT_WORDS)
    "chrome.enter_submits": {"de": "Mit Enter absenden", "en": "Press Enter to submit form"},
    "chrome.enter_applies": {"de": "Mit Enter übernehmen", "en": "Press Enter to apply"},
    "chrome.ctrl_enter_submits": {"de": "Mit Strg+Enter absenden", "en": "Press Ctrl+Enter to submit form"},
    "chrome.cmd_enter_submits": {"de": "Mit \u2318+Enter absenden", "en": "Press \u2318+Enter to submit form"},
    "chrome.ctrl_enter_applies": {"de": "Mit Strg+Enter übernehmen", "en": "Press Ctrl+Enter to apply"},
    "chrome.cmd_enter_applies": {"de": "Mit \u2318+Enter übernehmen", "en": "Press \u2318+Enter to apply"},
    "chrome.drop_file": {"de": "Datei hierher ziehen", "en": "Drag and drop a file here"},
    "chrome.upload": {"de": "Hochladen", "en": "Upload"},
    "chrome.no_results": {"de": "Keine Treffer", "en": "No results"},
    "chrome.per_file": {"de": "{size} pro Datei", "en": "{size} per file"},
    "chrome.select_all": {"de": "Alle auswählen", "en": "Select all"},
    "chrome.select_matches": {"de": "{n} Treffer auswählen", "en": "Select {n} matches"},
    "chrome.add_option": {"de": "Neu: {text}", "en": "Add: {text}"},
    "chrome.stop": {"de": "Anhalten", "en": "Stop"},
    "chrome.stopping": {"de": "Wird angehalten …", "en": "Stopping..."},
    "chrome.error_prefix": {"de": "Fehler:", "en": "Error:"},
    "chrome.file_too_large": {"de": "Die Datei darf höchstens {size} groß sein.", "en": "File must be {size} or smaller."},
    "chrome.page_not_found": {"de": "Seite nicht gefunden", "en": "Page not found"},
    "chrome.no_such_page": {"de": "Diese Seite gibt es nicht. Hier ist die Startseite.", "en": "The page that you have requested does not seem to exist. Running the app's main page."},
    "chrome.no_such_page_named": {"de": "Die Seite /{page} gibt es nicht. Hier ist die Startseite.", "en": "You have requested page /{page}, but no corresponding file was found in the app's pages/ directory. Running the app's main page."},

    # -- the organisers' start page
    "nav.start": {"de": "Start", "en": "Start"},
}
