"""A plain-text view of Markdown with inline HTML, the same length as the source.

Markup is blanked out (tags, emphasis markers, link brackets, table pipes) while the text a reader
sees stays at the same offsets: link text, table cells, headings, footnotes, image alt text and
the ``title``/``alt``/``aria-label``/``href="mailto:..."`` attribute values inside HTML tags.
Detection runs on the view; replacement is applied to the source at the same offsets, so the
Markdown structure survives redaction.
"""

from __future__ import annotations

import re

COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)/?>")
VISIBLE_ATTR = re.compile(r"""\b(?:alt|title|aria-label|content|href|data-[a-z-]+)\s*=\s*(["'])(.*?)\1""", re.I | re.S)
BLOCK_TAGS = {
    "p",
    "br",
    "li",
    "ul",
    "ol",
    "div",
    "tr",
    "td",
    "th",
    "table",
    "thead",
    "tbody",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "section",
    "hr",
    "dt",
    "dd",
    "dl",
    "caption",
    "figcaption",
    "figure",
}
ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")
# Markdown punctuation that carries no text: emphasis, code ticks, heading hashes, list bullets,
# link and image brackets, footnote markers, table pipes.
FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]:?")
LINK_OPEN = re.compile(r"!?\[(?=[^\]]*\]\()")
LINK_MID = re.compile(r"\]\(")
EMPHASIS = re.compile(r"(\*{1,3}|_{2,3}|`+|~~)")
UNDERSCORE_EMPH = re.compile(r"(?<![\w])_(?=\S)|(?<=\S)_(?![\w])")
HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})(?=[ \t])", re.M)
BULLET = re.compile(r"^[ \t]*([-+*>]|\d+\.)(?=[ \t])", re.M)
PIPE = re.compile(r"\|")


def strip_comments(text: str) -> str:
    """Remove HTML comments (``<!-- ... -->``): they never reach the site."""
    return COMMENT.sub("", text)


def _blank(match: re.Match[str], newline: bool = False) -> str:
    n = match.end() - match.start()
    return ("\n" + " " * (n - 1)) if newline and n else " " * n


def _blank_group(match: re.Match[str]) -> str:
    lead = match.group()[: match.start(1) - match.start()]
    return lead + " " * len(match.group(1))


def _tag_view(match: re.Match[str]) -> str:
    name = match.group(1).lower()
    chars = list(_blank(match, newline=name in BLOCK_TAGS))
    attrs = match.group(2) or ""
    base = match.start(2) - match.start()
    for am in VISIBLE_ATTR.finditer(attrs):
        value = am.group(2)
        start = base + am.start(2)
        if value.lower().startswith("mailto:"):
            value, start = value[7:], start + 7
        elif value.startswith(("http:", "https:", "/", "#", ".")) or "://" in value:
            # Keep the URL visible: e-mail, phone and register checks read it; NER does not care.
            pass
        chars[start : start + len(value)] = list(value)
    return "".join(chars)


def plain_view(text: str) -> str:
    """The same-length reading view of ``text`` (see module docstring)."""
    view = TAG.sub(_tag_view, text)
    view = ENTITY.sub(lambda m: " " * len(m.group()), view)
    view = FOOTNOTE.sub(lambda m: _blank(m), view)
    view = LINK_OPEN.sub(lambda m: _blank(m), view)
    view = LINK_MID.sub(lambda m: "  ", view)
    view = EMPHASIS.sub(lambda m: _blank(m), view)
    view = UNDERSCORE_EMPH.sub(" ", view)
    view = HEADING.sub(_blank_group, view)
    view = BULLET.sub(_blank_group, view)
    view = PIPE.sub("\n", view)
    assert len(view) == len(text)
    return view
