"""Cleaning user text, escaping it for Markdown, and safe links."""

from __future__ import annotations

import pytest

from planner.validation import (
    clean_block,
    clean_line,
    escape_markdown,
    readable_on,
    safe_markdown,
    title_key,
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


@pytest.mark.parametrize(
    "text",
    ["**bold**", "[x](javascript:alert(1))", ":red[alarm]", "$x^2$", "# Heading", "<b>x</b>", "`code`"],
)
def test_escape_markdown_backslashes_every_special(text):
    escaped = escape_markdown(text)
    assert all(escaped[i - 1] == "\\" for i, ch in enumerate(escaped) if ch in "*[]():$#<>`" and i > 0)
    assert escaped.replace("\\", "") == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[pad](https://pad.example.org)", "[pad](https://pad.example.org)"),
        ("[x](javascript:alert(1))", "[x](#)"),
        ("[x]( JavaScript:alert(1))", "[x](#)"),
        ("![img](data:image/png;base64,AAA)", "![img](#"),
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


@pytest.mark.parametrize(("colour", "text"), [("#ffffff", "#000000"), ("#000000", "#ffffff"), ("#d62728", "#ffffff"), ("#ffdd00", "#000000"), ("#1f3b73", "#ffffff")])
def test_readable_on_picks_the_higher_contrast(colour, text):
    assert readable_on(colour) == text
