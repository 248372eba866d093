"""Cleaning and checking user text. Pure functions, no database."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlparse

from planner.errors import ValidationError

TITLE_MIN, TITLE_MAX = 3, 120
DESCRIPTION_MAX = 5000
NAME_MAX = 80
USERNAME_MAX = 32  # USERNAME_RE
EMAIL_MAX = 254
USERNAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{2,31}$")
EMAIL_RE = re.compile(r"^[^@\s<>\"']{1,64}@[^@\s<>\"']{1,190}\.[^@\s<>\"'.]{2,}$")
URL_MAX = 500
TOPIC_NAME_MAX = 40
FEATURE_MAX = 40  # a room feature / session need label
SLOT_LABEL_MAX = 80
VENUE_MAX = 200
COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
PASSWORD_MIN = 8
PASSWORD_MAX_BYTES = 72  # bcrypt's limit

# Bidirectional overrides and invisible characters: harmless in a
# description, but in a one-line name they can disguise what it says.
_INVISIBLE = dict.fromkeys(
    [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
     0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F]
)


def _drop_controls(text: str, keep_newlines: bool) -> str:
    allowed = "\n\t" if keep_newlines else ""
    return "".join(
        ch for ch in text if ch in allowed or unicodedata.category(ch) not in ("Cc", "Cs")
    )


def clean_line(text: str | None) -> str:
    """One line of user text: NFC, no control or invisible characters, trimmed."""
    text = unicodedata.normalize("NFC", text or "")
    text = " ".join(text.split())  # tabs and newlines become single spaces
    text = _drop_controls(text, keep_newlines=False).translate(_INVISIBLE)
    return " ".join(text.split())


def clean_block(text: str | None) -> str:
    """Multi-line user text: NFC, no control characters but newlines and tabs."""
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")
    return _drop_controls(text, keep_newlines=True).strip()


def title_key(title: str) -> str:
    """The form of a title used to find duplicates: case and spacing folded."""
    return clean_line(title).casefold()


def check_title(title: str | None) -> str:
    value = clean_line(title)
    if len(value) < TITLE_MIN:
        raise ValidationError("error.title_short", min=TITLE_MIN)
    if len(value) > TITLE_MAX:
        raise ValidationError("error.title_long", max=TITLE_MAX, length=len(value))
    return value


def check_description(text: str | None) -> str:
    value = clean_block(text)
    if len(value) > DESCRIPTION_MAX:
        raise ValidationError("error.description_long", max=DESCRIPTION_MAX, length=len(value))
    return value


def check_url(url: str | None) -> str:
    """An optional web link: empty, or http(s) with a host."""
    value = clean_line(url)
    if not value:
        return ""
    if len(value) > URL_MAX:
        raise ValidationError("error.url_long", max=URL_MAX)
    parsed = urlparse(value)
    if parsed.scheme.lower() not in ("http", "https") or not parsed.netloc:
        raise ValidationError("error.url_scheme", url=value[:60])
    return value


def check_username(username: str | None) -> str:
    value = clean_line(username)
    if not USERNAME_RE.match(value):
        raise ValidationError("error.username_invalid")
    return value.lower()


def check_name(name: str | None, what: str = "name") -> str:
    """A person's name (``what="name"``) or the event's (``"event_name"``): the refusal says which."""
    value = clean_line(name)
    if not value:
        raise ValidationError(f"error.{what}_empty")
    if len(value) > NAME_MAX:
        raise ValidationError(f"error.{what}_long", max=NAME_MAX, length=len(value))
    return value


def check_email(email: str | None) -> str:
    value = clean_line(email)
    if len(value) > EMAIL_MAX or not EMAIL_RE.match(value):
        raise ValidationError("error.email_invalid")
    return value


# What is tried first against any account (the top of the public leak lists,
# German and English, at least PASSWORD_MIN long): refused whatever its length.
COMMON_PASSWORDS = frozenset({
    "password", "password1", "password123", "passwort", "passwort1", "passwort123", "12345678", "123456789",
    "1234567890", "87654321", "11111111", "00000000", "12341234", "qwertz123", "qwerty123", "qwertzui",
    "qwertyui", "asdfghjk", "abcdefgh", "abc12345", "iloveyou", "ichliebedich", "sunshine", "football",
    "fussball", "hallo123", "letmein1", "welcome1", "willkommen", "baseball", "superman", "trustno1",
    "barcamp2026", "barcamp2027",
})


def check_password(password: str | None) -> str:
    value = password or ""
    if len(value) < PASSWORD_MIN:
        raise ValidationError("error.password_short", min=PASSWORD_MIN)
    if value.casefold() in COMMON_PASSWORDS or len(set(value)) == 1:
        raise ValidationError("error.password_common")
    if len(value.encode("utf-8")) > PASSWORD_MAX_BYTES:
        raise ValidationError("error.password_long", max=PASSWORD_MAX_BYTES)
    if value.strip() != value or not value.strip():
        raise ValidationError("error.password_spaces")
    return value


def check_repeat(password: str | None, repeat: str | None) -> None:
    """The password typed twice the same (``repeat`` None: not asked)."""
    if repeat is not None and (password or "") != repeat:
        raise ValidationError("error.password_mismatch")


def check_topic_name(name: str | None) -> str:
    value = clean_line(name)
    if not value:
        raise ValidationError("error.topic_empty")
    if len(value) > TOPIC_NAME_MAX:
        raise ValidationError("error.topic_long", max=TOPIC_NAME_MAX)
    return value


def _shortened(value: str, keep: int = 30) -> str:
    """The start of an over-long text, to name it in a message."""
    return value if len(value) <= keep else value[:keep] + "…"


def check_feature(feature: str | None) -> str:
    """A room feature label (``""`` when blank); refused when longer than FEATURE_MAX."""
    value = clean_line(feature)
    if len(value) > FEATURE_MAX:
        raise ValidationError("error.feature_long", feature=_shortened(value), length=len(value), max=FEATURE_MAX)
    return value


def check_slot_label(label: str | None, start: str = "", end: str = "") -> str:
    """The label of a break or plenary slot; refused when longer than SLOT_LABEL_MAX."""
    value = clean_line(label)
    if len(value) > SLOT_LABEL_MAX:
        raise ValidationError("error.slot_label_long", start=start, end=end, length=len(value), max=SLOT_LABEL_MAX)
    return value


def check_venue(venue: str | None) -> str:
    value = clean_line(venue)
    if len(value) > VENUE_MAX:
        raise ValidationError("error.venue_long", length=len(value), max=VENUE_MAX)
    return value


def check_colour(colour: str | None) -> str:
    value = clean_line(colour)
    if not COLOUR_RE.match(value):
        raise ValidationError("error.colour_invalid", colour=value[:20])
    return value.lower()


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=^&])")
WORD_JOINER = "\u2060"
# Where Streamlit's Markdown still finds something in text it has already
# unescaped: shortcodes (``:streamlit:``, ``:material/skull:``, ``:smile:``)
# after a colon, autolinks after ``http:``/``mailto:``, ``user@host`` and
# ``www.``. An invisible word joiner there breaks the pattern.
_TEXT_PATTERN_START = re.compile(r"(?<=[:@])|(?<=\bwww)(?=\.)", re.IGNORECASE)


def escape_markdown(text: str) -> str:
    """User text for anything Streamlit renders as Markdown, shown as typed.

    Every character Markdown or Streamlit's directives give a meaning
    (links, images, HTML, emphasis, ``:red[..]``, LaTeX between dollars,
    entities like ``&lt;``) is backslashed. Backslashes do not stop what
    Streamlit finds in the text after unescaping it (emoji and icon
    shortcodes, the ``:streamlit:`` logo, bare web and mail addresses made
    links): a word joiner (U+2060, invisible, never stored: clean_line
    drops it) follows each colon and ``@`` and splits ``www.``.
    """
    return _MD_SPECIAL.sub(r"\\\1", _TEXT_PATTERN_START.sub(WORD_JOINER, text))


# The target may hold balanced parentheses (``javascript:alert(1)``), as CommonMark allows.
_LINK_RE = re.compile(r"\]\(\s*<?([^()\s>]*(?:\([^()\s]*\)[^()\s>]*)*)")
# A reference-style link definition: ``[label]: target`` (the target may
# stand on the next line; inside a list item too), used by ``[text][label]`` anywhere in the text.
_LINK_DEF_RE = re.compile(r"^([ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*\[(?:[^\]\\\n]|\\.)+\]:[ \t]*(?:\n[ \t]*)?)(\S+)", re.MULTILINE)
_SAFE_SCHEMES = ("http://", "https://", "mailto:", "#")
# Streamlit's icons, logo and emoji (``:material/skull:``, ``:streamlit:``,
# ``:smile:``): found in text after parsing, so only a joiner stops them.
_SHORTCODE_RE = re.compile(r":(?=(?:material/)?[\w+-]+:)")
_DIRECTIVE_RE = re.compile(r":(?=[\w-]+\[)")  # :red[...], :blue-badge[...], :small[...]


def safe_markdown(text: str) -> str:
    """User Markdown made safe for ``st.markdown`` (raw HTML is off there).

    Links, inline or by reference (``[text][1]`` with ``[1]: target``),
    keep only http(s)/mailto targets; any other scheme (``javascript:``,
    ``data:``, ``vbscript:``) is removed, and HTML tags are escaped so they
    show as text. Images become links: a description loads nothing from
    another host into the reader's browser. Streamlit's icon, logo and
    emoji shortcodes, its colour directives (``:red[...]``) and its maths
    (``$x^2$``) show as typed, as on the public pages, which know none of them.
    """
    text = text.replace("<", "&lt;").replace(">", "&gt;").replace("![", "[")
    text = _SHORTCODE_RE.sub(":" + WORD_JOINER, text)
    text = _DIRECTIVE_RE.sub(":" + WORD_JOINER, text).replace("$", "\\$")

    def _link(match: re.Match) -> str:
        target = match.group(1)
        if target.lower().startswith(_SAFE_SCHEMES):
            return match.group(0)
        return "](#"

    def _definition(match: re.Match) -> str:
        if match.group(2).lower().startswith(_SAFE_SCHEMES):
            return match.group(0)
        return match.group(1) + "#"

    return _LINK_DEF_RE.sub(_definition, _LINK_RE.sub(_link, text))


def readable_on(colour: str) -> str:
    """Black or white, whichever reads better on the background ``#rrggbb``."""

    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    # contrast against black (L+0.05)/0.05 vs against white 1.05/(L+0.05)
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"
