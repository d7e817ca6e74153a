"""What the site shows a reader, as passages of plain text the questions are asked about.

For every HTML page: its ``<title>``, the content of its ``<meta>`` tags (description, social
cards...), image alt text and element titles, every block of visible text (headings, paragraphs,
table cells, list items, navigation, link text) and the addresses of external and ``mailto:``
links. For search indexes: MkDocs writes ``search/search_index.json`` (``docs: [{location, title,
text}]``); Zensical writes ``search.json`` at the site root; both are read as generic JSON, every
string value being a passage of the page named by the nearest ``location``/``url``/``path``.

Passages are split at block boundaries, so a heading, a table cell or a list item starts a new
sentence; where a link's text begins inside a passage is kept (``Passage.starts``). Scripts,
styles and the redaction stamp are not text a reader sees.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from site_builder.gate.scan import SiteFile, normalise

log = logging.getLogger(__name__)
SEARCH_FILES = ("search/search_index.json", "search.json", "search/search.json")
BLOCKS = {
    "p", "br", "li", "ul", "ol", "div", "tr", "td", "th", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "section", "dt", "dd", "figcaption", "nav", "header", "footer", "article", "pre",
    "label", "button", "option", "summary", "details", "aside", "main", "form", "caption", "hr",
}  # fmt: skip
HIDDEN = {"script", "style", "template", "svg"}
META_SKIP = {"openness-redaction", "viewport", "generator", "theme-color", "color-scheme", "robots"}
PAGE_KEYS = ("location", "url", "path", "href")
SKIP_KEYS = {"separator", "lang", "pipeline", "boost", "tags"}
SPACES = re.compile(r"[ \t\r\f\v]+")
LINK_START = "\ue000"  # private-use mark put where a link's text begins, removed from the passage


@dataclass(frozen=True)
class Passage:
    """One piece of text the site shows: on which page, in which part (``text``, ``title``...)."""

    page: str  # site path of the HTML page, e.g. ``about/index.html``
    part: str
    text: str
    starts: tuple[int, ...] = ()  # offsets in ``text`` where a link's text begins (a start, like a heading's)


class _PageReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.in_title = False
        self.blocks: list[list[str]] = [[]]
        self.title: list[str] = []
        self.extra: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in HIDDEN:
            self.hidden += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "meta" and a.get("content"):
            name = (a.get("name") or a.get("property") or a.get("http-equiv") or "").lower()
            if name not in META_SKIP and "charset" not in a:
                self.extra.append(("meta", a["content"]))
        if tag in BLOCKS:
            self.blocks.append([])
        if a.get("alt"):
            self.extra.append(("alt", a["alt"]))
        for key in ("title", "aria-label", "placeholder"):
            if a.get(key) and tag != "meta":
                self.extra.append((key, a[key]))
        if tag == "a" and not self.hidden and not self.in_title:
            self.blocks[-1].append(LINK_START)
        href = a.get("href", "") if tag == "a" else ""
        if href.startswith(("mailto:", "http://", "https://", "tel:")):
            self.extra.append(("link address", href))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in HIDDEN:
            self.hidden -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag == "title":
            self.in_title = False
        if tag in BLOCKS:
            self.blocks.append([])

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.in_title:
            self.title.append(data)
        else:
            self.blocks[-1].append(data)


def clean(text: str) -> str:
    return SPACES.sub(" ", normalise(text)).strip()


def marked(page: str, text: str) -> Passage:
    """A text passage without its link marks, with the offsets where each link's text begins."""
    out: list[str] = []
    starts: list[int] = []
    pending = False
    for c in text.replace(LINK_START + " ", " " + LINK_START):
        if c == LINK_START:
            pending = True
            continue
        if c == " " and (not out or out[-1] == " "):
            continue
        if pending and not c.isspace():
            starts.append(len(out))
            pending = False
        out.append(c)
    body = "".join(out).strip()
    lead = len("".join(out)) - len("".join(out).lstrip())
    return Passage(page, "text", body, tuple(p - lead for p in starts if p - lead < len(body)))


def html_passages(file: SiteFile) -> list[Passage]:
    reader = _PageReader()
    reader.feed(file.raw)
    reader.close()
    out = [Passage(file.rel, "title", clean(" ".join(reader.title)))]
    out += [marked(file.rel, clean("".join(b))) for b in reader.blocks]
    out += [Passage(file.rel, part, clean(value)) for part, value in reader.extra]
    return [p for p in out if p.text]


def page_of(location: str) -> str:
    """``about/#anchor`` or ``about/`` -> ``about/index.html``; ``""`` -> ``index.html``."""
    path = location.split("#", 1)[0].split("?", 1)[0].lstrip("/")
    if not path or path.endswith("/"):
        return path + "index.html"
    return path if "." in path.rsplit("/", 1)[-1] else path + "/index.html"


def _walk(node: Any, page: str, out: list[Passage]) -> None:
    if isinstance(node, dict):
        loc = next((node[k] for k in PAGE_KEYS if isinstance(node.get(k), str)), None)
        here = page_of(loc) if loc is not None else page
        for key, value in node.items():
            if key in PAGE_KEYS or key in SKIP_KEYS:
                continue
            if isinstance(value, str):
                text = clean(re.sub(r"<[^>]*>", " ", value))
                if text:
                    out.append(Passage(here, "search index", text))
            else:
                _walk(value, here, out)
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, str):
                text = clean(item)
                if text:
                    out.append(Passage(page, "search index", text))
            else:
                _walk(item, page, out)


def search_passages(file: SiteFile) -> list[Passage]:
    """Every text of a search index, by the page it points to (the config section is skipped)."""
    raw = file.raw.strip()
    if not raw.startswith(("{", "[")):
        raw = raw.split("=", 1)[-1].strip().rstrip(";")  # var __index = {...};
    try:
        data = json.loads(raw)
    except ValueError:
        log.warning("%s: not JSON: read as plain text", file.rel)
        return [Passage(file.rel, "search index", clean(raw))]
    if isinstance(data, dict):
        data = {k: v for k, v in data.items() if k != "config"}
    out: list[Passage] = []
    _walk(data, file.rel, out)
    return out


def is_search_index(rel: str) -> bool:
    return rel in SEARCH_FILES or rel.endswith(("search_index.json", "/search.json"))


def site_passages(files: list[SiteFile]) -> Iterator[Passage]:
    """Every passage of every page and search index of a built site."""
    for f in files:
        if f.is_html:
            yield from html_passages(f)
        elif f.kind == "data" and is_search_index(f.rel):
            yield from search_passages(f)
