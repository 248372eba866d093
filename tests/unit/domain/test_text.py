"""Cleaning user text, escaping it for Markdown, and safe links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.text import (
    clean_block,
    clean_line,
    escape_markdown,
    readable_on,
    safe_markdown,
    title_key,
    WORD_JOINER,
)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  Robotik   AG ", "Robotik AG"),
        ("Robo\x00tik", "Robotik"),
        ("Ro\u200bbo\u202etik", "Robotik"),
        ("Mädchen", "Mädchen"),
        ("Ma\u0308dchen", "Mädchen"),  # combining umlaut becomes one character
        ("🤖 Robotik", "🤖 Robotik"),
        ("a\nb\tc", "a b c"),
    ],
)
def test_clean_line_normalises(raw, clean):
    assert clean_line(raw) == clean


def test_clean_block_keeps_newlines_drops_controls():
    assert clean_block("a\r\nb\x07\n\n c ") == "a\nb\n\n c"


def test_title_key_folds_case_and_space():
    assert title_key(" Robotik  AG") == title_key("robotik ag")


HOSTILE = [line for line in (Path(__file__).parents[2] / "data" / "hostile.txt").read_text(encoding="utf-8").splitlines() if line]
SHORTCODES = [
    "**bold**", "[x](javascript:alert(1))", "[pad](DATA:text/html,x)", "![x](https://evil.example/x.png)",
    ":streamlit:", ":material/skull:", "a:material/skull:b", ":smile: :+1:", ":red[rot]", ":blue-background[b]",
    ":blue-badge[b]", ":color[x]{foreground=red}", ":help[x]", "$x^2$", "$$x$$", "# Heading", "<b>x</b>",
    "`code`", "&lt;b&gt; &#60;", "mail m@evil.example", "www.evil.example", "WWW.evil.example",
    "https://evil.example", "10:00 - 11:00", "> quote", "1. list", "- item", "| a | b |", "~~strike~~",
]
# What Markdown gives a meaning to, as syntax (Streamlit's directives included).
MD_SYNTAX = set("\\`*_{}[]()<>#+-.!|~$:=^&")
# What Streamlit 1.67 still finds in text after the Markdown parser undid the
# backslash escapes (StreamlitMarkdown.js: ``:material/`` is rewritten before
# parsing, then icons, the logo, emoji and GFM autolinks are found in text nodes).
TEXT_PATTERNS = [
    re.compile(r":material_(\w+):"), re.compile(r":streamlit:"), re.compile(r":\+1:|:-1:|:[\w-]+:"),
    re.compile(r"(https?://|www(?=\.))", re.IGNORECASE), re.compile(r"[-.\w+]+@[-\w]+(?:\.[-\w]+)+"),
    re.compile("(mailto|xmpp):(?!\u2060)", re.IGNORECASE),  # an autolink needs the address right after the colon
]


def _after_parsing(escaped: str) -> str:
    """The text a CommonMark parser leaves of fully escaped input: backslash escapes undone."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", escaped.replace(":material/", ":material_"))


def _unescaped_syntax(escaped: str) -> list[str]:
    """Markdown syntax characters not preceded by their backslash."""
    found, i = [], 0
    while i < len(escaped):
        if escaped[i] == "\\" and i + 1 < len(escaped):
            i += 2
            continue
        if escaped[i] in MD_SYNTAX:
            found.append(escaped[i])
        i += 1
    return found


@pytest.mark.parametrize("text", SHORTCODES + HOSTILE)
def test_escape_markdown_leaves_no_markup(text):
    escaped = escape_markdown(text)
    assert _unescaped_syntax(escaped) == []
    assert [p.pattern for p in TEXT_PATTERNS if p.search(_after_parsing(escaped))] == []
    assert _after_parsing(escaped).replace(WORD_JOINER, "") == text  # ``:material/`` not rewritten either


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters=WORD_JOINER), max_size=60))
def test_escape_markdown_any_text_shows_as_typed(text):
    escaped = escape_markdown(text)
    assert _unescaped_syntax(escaped) == []
    assert [p.pattern for p in TEXT_PATTERNS if p.search(_after_parsing(escaped))] == []
    assert _after_parsing(escaped).replace(WORD_JOINER, "") == text


def test_escape_markdown_joins_invisibly_only_where_streamlit_looks():
    assert escape_markdown(":streamlit: Robotik") == "\\:\u2060streamlit\\:\u2060 Robotik"
    assert escape_markdown("m@example.org") == "m@\u2060example\\.org"
    assert escape_markdown("www.example.org") == "www\u2060\\.example\\.org"
    assert escape_markdown("Robotik AG") == "Robotik AG"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[pad](https://pad.example.org)", "[pad](https://pad.example.org)"),
        ("[x](javascript:alert(1))", "[x](#)"),
        ("[x]( JavaScript:alert(1))", "[x](#)"),
        ("![img](data:image/png;base64,AAA)", "[img](#"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("mail [me](mailto:a@example.org)", "mail [me](mailto:a@example.org)"),
        ("[klick][1]\n\n[1]: javascript:alert(1)", "[klick][1]\n\n[1]: #"),
        ("[a][b]\n  [b]:\n   JavaScript:alert(1)", "[a][b]\n  [b]:\n   #"),
        ("[a][c]\n- [c]: data:text/html,x", "[a][c]\n- [c]: #"),
        ("[ok][1]\n[1]: https://pad.example.org \"Pad\"", "[ok][1]\n[1]: https://pad.example.org \"Pad\""),
    ],
)
def test_safe_markdown_keeps_web_links_and_defuses_the_rest(text, expected):
    assert safe_markdown(text).startswith(expected)
    assert "javascript:" not in safe_markdown(text).lower()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[x](javascript:alert(1)) danach", "[x](#) danach"),  # no stray ")" left behind
        ("[y](javascript:void(0)) und [z](https://z.org)", "[y](#) und [z](https://z.org)"),
        ("[w](https://de.wikipedia.org/wiki/Barcamp_(Konferenz))", "[w](https://de.wikipedia.org/wiki/Barcamp_(Konferenz))"),
        ("[a](https://a.org) (Notiz)", "[a](https://a.org) (Notiz)"),
    ],
)
def test_safe_markdown_reads_parentheses_in_a_link_target_whole(text, expected):
    assert safe_markdown(text) == expected


@pytest.mark.parametrize(("colour", "text"), [("#ffffff", "#000000"), ("#000000", "#ffffff"), ("#d62728", "#ffffff"), ("#ffdd00", "#000000"), ("#1f3b73", "#ffffff")])
def test_readable_on_picks_the_higher_contrast(colour, text):
    assert readable_on(colour) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("![x](https://evil.example/x.png)", "[x](https://evil.example/x.png)"),  # a link, no stray "!"
        ("![x][1]\n\n[1]: https://evil.example/x.png", "[x][1]\n\n[1]: https://evil.example/x.png"),
        (":streamlit: :material/skull: :smile: :+1:", ":\u2060streamlit: :\u2060material/skull: :\u2060smile: :\u2060+1:"),
        # Colour directives and maths as typed, as the public pages show them (they know neither).
        ("[mail](mailto:a@example.org) um 10:00 :red[rot]", "[mail](mailto:a@example.org) um 10:00 :\u2060red[rot]"),
        (":blue-badge[neu] kostet $5 oder $x^2$", ":\u2060blue-badge[neu] kostet \\$5 oder \\$x^2\\$"),
    ],
)
def test_safe_markdown_shows_images_as_links_and_shortcodes_as_typed(text, expected):
    assert safe_markdown(text) == expected
