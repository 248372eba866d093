"""A session's description as HTML on the public pages: Markdown shown, nothing run, nothing loaded."""

from __future__ import annotations

import pytest

from planner.site.markdown import markdown_html


def test_markdown_is_rendered_as_the_app_shows_it():
    assert markdown_html("Wir **löten** und *messen*.") == "<p>Wir <strong>löten</strong> und <em>messen</em>.</p>\n"
    table = markdown_html("| Zeit | Thema |\n|---|---|\n| 10:00 | Löten |")
    assert "<table>" in table and "<td>Löten</td>" in table
    assert markdown_html("[Pad](https://pad.example.org/x)") == \
        '<p><a href="https://pad.example.org/x" rel="nofollow noopener noreferrer">Pad</a></p>\n'


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<b onclick=alert(1)>x</b>",
    "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](data:text/html,<script>alert(1)</script>)",
    "[x][1]\n\n[1]: javascript:alert(1)", "[x](vbscript:msgbox)", "<a href='javascript:alert(1)'>x</a>",
])
def test_hostile_markdown_runs_nothing(text):
    out = markdown_html(text).lower()
    assert "<script" not in out and "<img" not in out and "<b " not in out and "<a href='" not in out
    assert "<a " not in out  # a link with an unsafe target is plain text, raw HTML is text
    assert "&lt;" in out or "javascript:" in out or "vbscript:" in out or "data:" in out  # shown, not dropped


def test_an_image_becomes_a_link_and_loads_nothing():
    out = markdown_html("![Schaltplan](https://evil.example/x.png)")
    assert out == '<p><a href="https://evil.example/x.png" rel="nofollow noopener noreferrer">Schaltplan</a></p>\n'
    assert "<img" not in markdown_html("![](data:image/png;base64,AAAA)")
