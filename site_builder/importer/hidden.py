"""Hidden data inside the text of a ``.docx``, stripped at the XML level before conversion.

* comment anchors and references (the comments themselves are removed with their part);
* tracked changes: deleted text (``w:del``, ``w:moveFrom``) is dropped, inserted text (``w:ins``,
  ``w:moveTo``) is accepted as it stands, and formatting changes are dropped with their authors;
* hidden text: runs formatted ``w:vanish`` directly or through a character or paragraph style;
* headers and footers: the section's references to them;
* text "blacked out" in Word (black highlight or black shading): the words are still in the file,
  so they are replaced with █ blocks, as a redaction block already typed in the text stays.

Only counts are reported, never what was dropped.
"""

from __future__ import annotations

from collections import Counter

from lxml import etree

from site_builder.importer.parts import W, parse, serialise

TEXT_PARTS = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")
FALSE = {"0", "false", "off"}
CHANGE_TAGS = (
    "rPrChange",
    "pPrChange",
    "sectPrChange",
    "tblPrChange",
    "trPrChange",
    "tcPrChange",
    "tblGridChange",
    "tblPrExChange",
    "numberingChange",
)
RANGE_TAGS = ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd")
BLOCK = "█"


def _on(el: etree._Element | None) -> bool:
    return el is not None and el.get(f"{W}val", "true").lower() not in FALSE


def _unwrap(el: etree._Element) -> None:
    """Replace ``el`` by its children (an accepted insertion)."""
    parent = el.getparent()
    if parent is None:
        return
    index = parent.index(el)
    for child in list(el):
        parent.insert(index, child)
        index += 1
    parent.remove(el)


def hidden_styles(parts: dict[str, bytes]) -> set[str]:
    """Ids of the styles that hide their text (``w:vanish`` in the style's run properties)."""
    if "word/styles.xml" not in parts:
        return set()
    root = parse(parts["word/styles.xml"])
    return {
        s.get(f"{W}styleId", "")
        for s in root.iter(f"{W}style")
        if _on(s.find(f"{W}rPr/{W}vanish")) or _on(s.find(f"{W}rPr/{W}specVanish"))
    }


def _blacked_out(rpr: etree._Element | None) -> bool:
    if rpr is None:
        return False
    highlight = rpr.find(f"{W}highlight")
    shading = rpr.find(f"{W}shd")
    return (highlight is not None and highlight.get(f"{W}val") == "black") or (
        shading is not None and (shading.get(f"{W}fill") or "").upper() in ("000000", "BLACK")
    )


def strip_text_part(data: bytes, hidden: set[str], dropped: Counter[str]) -> bytes:
    root = parse(data)
    for tag in ("commentRangeStart", "commentRangeEnd"):
        for el in list(root.iter(f"{W}{tag}")):
            el.getparent().remove(el)
            if tag == "commentRangeStart":
                dropped["comment anchors"] += 1
    for el in list(root.iter(f"{W}commentReference")):
        run = el.getparent()
        run.remove(el)
        if run.tag == f"{W}r" and not [c for c in run if c.tag != f"{W}rPr"]:
            run.getparent().remove(run)
    for tag in ("del", "moveFrom"):
        for el in list(root.iter(f"{W}{tag}")):
            if el.getparent() is not None:
                if len(el):
                    dropped["tracked deletions"] += 1
                el.getparent().remove(el)
    for el in list(root.iter(f"{W}delText", f"{W}delInstrText")):
        if el.getparent() is not None:
            el.getparent().remove(el)
    for tag in ("ins", "moveTo"):
        for el in list(root.iter(f"{W}{tag}")):
            if el.getparent() is not None and el.getparent().tag == f"{W}rPr":
                el.getparent().remove(el)  # a paragraph mark's insertion: a marker, no text
            elif el.getparent() is not None:
                dropped["tracked insertions (accepted)"] += 1
                _unwrap(el)
    for tag in CHANGE_TAGS + RANGE_TAGS:
        for el in list(root.iter(f"{W}{tag}")):
            el.getparent().remove(el)
            if tag in CHANGE_TAGS:
                dropped["tracked formatting changes"] += 1
    for p in list(root.iter(f"{W}p")):
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(f"{W}val") in hidden:
            dropped["hidden text"] += 1
            p.getparent().remove(p)
    for run in list(root.iter(f"{W}r")):
        rpr = run.find(f"{W}rPr")
        style = rpr.find(f"{W}rStyle") if rpr is not None else None
        vanish = rpr is not None and (_on(rpr.find(f"{W}vanish")) or _on(rpr.find(f"{W}specVanish")))
        if vanish or (style is not None and style.get(f"{W}val") in hidden):
            dropped["hidden text"] += 1
            run.getparent().remove(run)
        elif _blacked_out(rpr):
            for t in run.iter(f"{W}t"):
                if t.text and t.text.strip():
                    t.text = "".join(BLOCK if not c.isspace() else c for c in t.text)
                    dropped["blacked-out text (kept as █)"] += 1
    for tag in ("headerReference", "footerReference"):
        for el in list(root.iter(f"{W}{tag}")):
            el.getparent().remove(el)
    for el in list(root.iter(f"{W}object", f"{W}dataBinding")):
        el.getparent().remove(el)  # embedded OLE objects and bindings to custom XML data
    return serialise(root)


def strip_text(parts: dict[str, bytes], dropped: Counter[str]) -> None:
    hidden = hidden_styles(parts)
    for name in TEXT_PARTS:
        if name in parts:
            parts[name] = strip_text_part(parts[name], hidden, dropped)
