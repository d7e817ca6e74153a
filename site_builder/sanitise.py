"""Sanitise every page's HTML with nh3 (the Ammonia sanitiser), as a Python-Markdown extension.

Minutes pasted from Word are full of inline HTML, and a source may hold HTML that runs code. This
extension runs last in Python-Markdown, on each page's rendered body with its raw HTML restored,
so it sees exactly what the page will show. It keeps structure (headings, tables, lists, emphasis,
links, images, ``id`` and ``class``) and removes everything that could run or load something:
``<script>``, ``<style>``, ``on*=`` handlers, ``javascript:`` and ``data:`` URLs, ``<iframe>``,
``<object>``, ``<embed>``, ``<form>``, ``<meta>``, inline ``style`` and images from other hosts.
Broken HTML (a list opened and never closed) comes out well-formed. Because it is a Markdown
extension named in the generated config, any generator that renders with Python-Markdown (MkDocs,
Zensical) applies it; the theme's own templates are not touched.
"""

from __future__ import annotations

import html
import urllib.parse
from typing import Any

import nh3
from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

TAGS = set(nh3.ALLOWED_TAGS) | {"tfoot", "section"}
ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"id", "class", "title", "lang", "dir", "role", "aria-label", "aria-hidden", "aria-current", "tabindex"},
    "a": {"href", "hreflang", "title"},
    "img": {"src", "alt", "width", "height", "title"},
    "abbr": {"title"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
#: Elements removed together with everything inside them.
DROP_WITH_CONTENT = {"script", "style", "template", "iframe", "object", "embed", "noscript", "svg", "math"}


def _attribute(tag: str, attr: str, value: str) -> str | None:
    """Drop images (and other resources) that would be loaded from another host."""
    if tag == "img" and attr == "src":
        parsed = urllib.parse.urlsplit(value.strip())
        if parsed.scheme or parsed.netloc:
            return None
    return value


def clean(html: str) -> str:
    """The sanitised, well-formed version of an HTML fragment."""
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=ATTRIBUTES,
        attribute_filter=_attribute,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def plain_text(text: str) -> str:
    """``text`` as plain words: every tag (and a script's content) removed, entities decoded, and
    no ``<`` or ``>`` left, so a title is safe wherever a template prints it."""
    stripped = html.unescape(nh3.clean(text, tags=set(), clean_content_tags=DROP_WITH_CONTENT))
    return " ".join(stripped.replace("<", " ").replace(">", " ").split())


class SanitisePostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        return clean(text)


class SanitiseExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Priority 0: after the raw-HTML postprocessor (30) has put the stashed HTML back.
        md.postprocessors.register(SanitisePostprocessor(md), "openness_sanitise", 0)


def makeExtension(**kwargs: Any) -> SanitiseExtension:
    return SanitiseExtension(**kwargs)
