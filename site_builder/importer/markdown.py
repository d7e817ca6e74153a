"""Mammoth's HTML as clean Markdown: headings, paragraphs, lists, bold, italic, links and
footnotes in Markdown; tables as Markdown tables when every cell is one line of text, otherwise as
well-formed HTML tables (an items table with lists inside its cells), with a header row.
"""

from __future__ import annotations

import re
from collections import Counter
from html import escape

import nh3
from lxml import etree, html

INLINE_ESCAPE = re.compile(r"([\\`*_<>])")
LINE_START = re.compile(r"^(\s*)([#>+\-]|\d+[.)])(?=\s)", re.M)
CELL_TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "br", "sup", "sub"}
PUBLIC_LINK = re.compile(r"(?:https?://|mailto:|#)", re.I)
FOOTNOTE_REF = re.compile(r"#(footnote|endnote)-(\d+)$")


def note_key(kind: str, num: str) -> str:
    """Footnotes keep their number; endnotes are numbered apart ("e1")."""
    return num if kind == "footnote" else f"e{num}"


def _escape(text: str) -> str:
    return INLINE_ESCAPE.sub(r"\\\1", text.replace("\xa0", " "))


class Converter:
    def __init__(self, dropped: Counter[str] | None = None) -> None:
        self.dropped: Counter[str] = dropped if dropped is not None else Counter()

    def inline(self, el: etree._Element) -> str:
        """The Markdown of an element's content, on one line."""
        out = [_escape(el.text or "")]
        for child in el:
            out.append(self.inline_element(child))
            out.append(_escape(child.tail or ""))
        return "".join(out)

    def inline_element(self, el: etree._Element) -> str:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "br":
            return "<br>"
        if tag == "img":
            return f"<!-- image: {el.get('src', '')} -->"
        inner = self.inline(el)
        if tag in ("strong", "b") and inner.strip():
            return f"**{inner}**"
        if tag in ("em", "i") and inner.strip():
            return f"*{inner}*"
        if tag == "sup":
            link = el.find("a")
            m = FOOTNOTE_REF.search(link.get("href", "")) if link is not None else None
            return f"[^{note_key(m.group(1), m.group(2))}]" if m else f"<sup>{inner}</sup>"
        if tag == "a":
            href = el.get("href", "")
            if not href or href.startswith("#_") or not inner.strip():
                return inner  # a bookmark, not a link
            if not PUBLIC_LINK.match(href):
                self.dropped["links to local files"] += 1  # file:///C:/Users/<name>/... names its author
                return inner
            return f"[{inner}]({href.replace(' ', '%20').replace(')', '%29')})"
        return inner

    def block(self, el: etree._Element, depth: int = 0) -> list[str]:
        tag = el.tag if isinstance(el.tag, str) else ""
        if re.fullmatch(r"h[1-6]", tag):
            text = self.inline(el).strip()
            return [f"{'#' * int(tag[1])} {text}", ""] if text else []
        if tag in ("ul", "ol"):
            return [*self.list_lines(el, depth), ""]
        if tag == "table":
            return [self.table(el), ""]
        text = LINE_START.sub(r"\1\\\2", self.inline(el).strip())
        return [text, ""] if text else []

    def list_lines(self, el: etree._Element, depth: int) -> list[str]:
        lines = []
        for n, li in enumerate(el.findall("li"), 1):
            marker = f"{n}." if el.tag == "ol" else "-"
            pad = "    " * depth
            nested = [c for c in li if c.tag in ("ul", "ol")]
            for c in nested:
                li.remove(c)
            lines.append(f"{pad}{marker} {self.inline(li).strip()}")
            for c in nested:
                lines += self.list_lines(c, depth + 1)
        return lines

    def table(self, el: etree._Element) -> str:
        rows = [r for r in el.iter("tr")]
        cells = [[c for c in r if c.tag in ("td", "th")] for r in rows]
        simple = all(
            len(c.findall(".//p")) <= 1 and not c.findall(".//ul") and not c.findall(".//ol")
            for row in cells
            for c in row
        )
        width = max((sum(int(c.get("colspan", "1")) for c in row) for row in cells), default=0)
        if simple and width and all(not c.get("rowspan") for row in cells for c in row):
            lines = []
            for i, row in enumerate(cells):
                texts = []
                for c in row:
                    texts += [self.inline(c).strip().replace("|", "\\|")] + [""] * (int(c.get("colspan", "1")) - 1)
                texts += [""] * (width - len(texts))
                lines.append("| " + " | ".join(t or " " for t in texts) + " |")
                if i == 0:
                    lines.append("|" + "---|" * width)
            return "\n".join(lines)
        return self.html_table(cells)

    def html_table(self, cells: list[list[etree._Element]]) -> str:
        out = ["<table>"]
        for i, row in enumerate(cells):
            tag = "th" if i == 0 else "td"
            if i == 0:
                out.append("<thead>")
            elif i == 1:
                out.append("<tbody>")
            out.append("<tr>")
            for c in row:
                span = "".join(f' {a}="{int(c.get(a))}"' for a in ("colspan", "rowspan") if c.get(a, "").isdigit())
                scope = ' scope="col"' if tag == "th" else ""
                kids = list(c)
                if len(kids) == 1 and kids[0].tag == "p" and not (c.text or "").strip():
                    c = kids[0]  # a cell of one paragraph: its text alone
                    kids = list(c)
                inner = escape(c.text or "") + "".join(html.tostring(x, encoding="unicode") for x in kids)
                inner = nh3.clean(inner, tags=CELL_TAGS, attributes={"a": {"href"}}, link_rel=None)
                out.append(f"<{tag}{scope}{span}>{inner.strip()}</{tag}>")
            out.append("</tr>")
            if i == 0:
                out.append("</thead>")
        if len(cells) > 1:
            out.append("</tbody>")
        out.append("</table>")
        return "\n".join(out)

    def convert(self, source: str) -> str:
        root = html.fragment_fromstring(source or "<p></p>", create_parent="div")
        lines: list[str] = []
        for el in root:
            if el.tag == "ol" and any((li.get("id") or "").startswith(("footnote-", "endnote-")) for li in el):
                for li in el.findall("li"):
                    kind, _, num = (li.get("id") or "").partition("-")
                    for back in li.iter("a"):
                        if (back.get("href") or "").startswith("#footnote-ref") or (back.get("href") or "").startswith(
                            "#endnote-ref"
                        ):
                            back.drop_tree()
                    text = " ".join(self.inline(p).strip() for p in (li.findall("p") or [li]))
                    lines += [f"[^{note_key(kind, num)}]: {text.strip()}", ""]
                continue
            lines += self.block(el)
        text = "\n".join(lines)
        return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def to_markdown(source_html: str, dropped: Counter[str] | None = None) -> str:
    return Converter(dropped).convert(source_html)
