"""A plain-text view of Markdown with inline HTML, the same length as the source.

Markup is blanked out (tags, emphasis markers, link brackets, table pipes) while the text a reader
sees stays at the same offsets: link text, table cells, headings, footnotes, image alt text and
the ``title``/``alt``/``aria-label``/``href="mailto:..."`` attribute values inside HTML tags.
Detection runs on the view; replacement is applied to the source at the same offsets, so the
Markdown structure survives redaction.
"""

from __future__ import annotations

import functools
import re

COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)/?>")
VISIBLE_ATTR = re.compile(r"""\b(?:alt|title|aria-label|content|href|data-[a-z-]+)\s*=\s*(["'])(.*?)\1""", re.I | re.S)
# Where a name can hide in an address or an identifier: link targets, reference definitions, bare
# URLs, href/src/id/class/name values and heading attribute lists ("{#jane-smith}").
URL_ATTR = re.compile(r"""\b(?:href|src|id|class|name|for|data-[a-z-]+)\s*=\s*(["'])(.*?)\1""", re.I | re.S)
URL_PLACES = re.compile(
    r"\]\((?!mailto:)(?P<a>[^)\s]+)"  # [text](target
    r"|^[ \t]{0,3}\[[^\]]+\]:[ \t]*(?!mailto:)(?P<b>\S+)"  # [ref]: target
    r"|(?<![(\w])(?P<c>https?://[^\s)<>\]\"']+)"  # a bare URL
    r"|\{(?P<d>[#.][^}\n]*)\}",  # {#id .class}
    re.M,
)
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
ENTITY_REF = re.compile(r"&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
MARKUP_ENTITIES = {"lt", "gt", "amp", "quot", "apos", "#60", "#62", "#38", "#34", "#39", "#x3c", "#x3e", "#x26"}
LETTER = r"[^\W\d_]"
INLINE_TAGS = "b|i|em|strong|span|u|mark|small|sup|sub|s|ins|font|a"
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


def normalise_source(text: str) -> str:
    """Undo what hides a word from a reader-level check but not from a reader: zero-width
    characters and soft hyphens, character entities (``&#67;allum``), and markup inside a word
    (``Cal**lum**``, ``Mar<b>tha</b>``). Markup-significant entities (``&lt;``...) stay.
    Unicode look-alikes, format characters and spaced letters: :func:`redaction.normalise.normalise_text`."""
    import html

    from redaction.normalise import normalise_text

    text = normalise_text(ZERO_WIDTH.sub("", text))
    text = ENTITY_REF.sub(
        lambda m: m.group() if m.group(1).lower() in MARKUP_ENTITIES else html.unescape(m.group()), text
    )
    text = re.sub(rf"({LETTER})(\*{{1,3}}|_{{2,3}}|~~)({LETTER}+)\2", r"\1\3", text)
    text = re.sub(rf"(\*{{1,3}}|_{{2,3}}|~~)({LETTER}+)\1(?={LETTER})", r"\2", text)
    text = re.sub(rf"({LETTER})<({INLINE_TAGS})\b[^>]*>({LETTER}+)</\2>", r"\1\3", text, flags=re.I)
    text = re.sub(rf"<({INLINE_TAGS})\b[^>]*>({LETTER}+)</\1>(?={LETTER})", r"\2", text, flags=re.I)
    return text


def url_spans(text: str) -> list[tuple[int, int]]:
    """Where addresses and identifiers stand in ``text`` (see ``URL_PLACES``)."""
    spans = [m.span(g) for m in URL_PLACES.finditer(text) for g in "abcd" if m.group(g)]
    for tag in TAG.finditer(text):
        base = tag.start(2)
        for am in URL_ATTR.finditer(tag.group(2) or ""):
            if not am.group(2).lower().startswith("mailto:"):
                spans.append((base + am.start(2), base + am.end(2)))
    return sorted(spans)


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


@functools.lru_cache(maxsize=64)
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
    # Addresses and ids read as words: "people/jane-smith" -> "people jane smith".
    chars = list(view)
    for s, e in url_spans(text):
        for i in range(s, e):
            chars[i] = text[i] if text[i].isalnum() else " "
    view = "".join(chars)
    assert len(view) == len(text)
    return view
