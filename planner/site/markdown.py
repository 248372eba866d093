"""A session's description (Markdown, as the proposal form says) as safe HTML for the public pages.

The app shows descriptions through Streamlit's Markdown; the public server
has no browser-side renderer, so it renders them here with markdown-it-py
(CommonMark, tables and strikethrough as in GitHub's Markdown). The same
rules as in the app (``domain.text.safe_markdown``): raw HTML is shown as
text, links keep only http(s) and mailto targets (any other is plain text),
and an image becomes a link to it, so a description loads nothing from
another host into a visitor's browser.
"""

from __future__ import annotations

import html
from functools import cache

from markdown_it import MarkdownIt

SAFE_SCHEMES = ("http://", "https://", "mailto:")


@cache
def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.validateLink = lambda url: url.strip().lower().startswith(SAFE_SCHEMES)
    rules = md.renderer.rules
    default_link_open = rules.get("link_open") or (lambda tokens, i, options, env: md.renderer.renderToken(tokens, i, options, env))

    def link_open(tokens, i, options, env):
        tokens[i].attrSet("rel", "nofollow noopener noreferrer")
        return default_link_open(tokens, i, options, env)

    def image(tokens, i, options, env):
        token = tokens[i]
        alt = html.escape(token.content or token.attrGet("src") or "")
        return f'<a href="{html.escape(token.attrGet("src") or "", quote=True)}" rel="nofollow noopener noreferrer">{alt}</a>'

    rules["link_open"] = link_open
    rules["image"] = image
    return md


def markdown_html(text: str) -> str:
    """``text`` (user Markdown) as HTML that runs nothing and loads nothing."""
    return _renderer().render(text)
