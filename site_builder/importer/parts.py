"""Package-level hidden data: whole parts of a ``.docx`` that never travel.

Comments (and who wrote them), document properties (author, last modified by, company, custom
properties), the thumbnail, headers, footers, custom XML data, the glossary, embedded objects and
Word's settings that name people or paths (document variables, the attached template). Each part
is removed together with every relationship and content-type entry that points to it.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter

from lxml import etree

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
}
W = "{" + NS["w"] + "}"
#: Kind reported for each part removed (regex on the part name), counted as the report says.
PART_KINDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^word/comments\.xml$"), "comments"),
    (re.compile(r"^word/(?:comments\w+|people)\.xml$"), ""),  # comment threads and authors: counted with comments
    (re.compile(r"^docProps/(?:core|app|custom)\.xml$"), "document properties"),
    (re.compile(r"^docProps/thumbnail\.\w+$"), "thumbnail"),
    (re.compile(r"^word/header\d*\.xml$"), "headers"),
    (re.compile(r"^word/footer\d*\.xml$"), "footers"),
    (re.compile(r"^customXml/"), "custom XML data"),
    (re.compile(r"^word/glossary/"), "glossary (building blocks)"),
    (re.compile(r"^word/embeddings/"), "embedded objects"),
]


def parse(data: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)
    return etree.fromstring(data, parser)


def serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _count(name: str, data: bytes, kind: str) -> int:
    """How many items a removed part held: comments, property values, or one part."""
    if kind == "comments":
        return len(parse(data).findall(f"{W}comment"))
    if kind == "document properties":
        return sum(1 for el in parse(data).iter() if isinstance(el.tag, str) and (el.text or "").strip())
    return 1


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _target(rels_name: str, target: str) -> str:
    folder = posixpath.dirname(posixpath.dirname(rels_name))
    return posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))


def remove_parts(parts: dict[str, bytes], dropped: Counter[str]) -> None:
    """Remove every hidden part, with the relationships and content types that point to it."""
    doomed = set()
    for name in list(parts):
        for rx, kind in PART_KINDS:
            if rx.search(name):
                doomed.add(name)
                if kind and parts[name].strip():
                    dropped[kind] += _count(name, parts[name], kind)
                break
    for name in list(doomed):
        doomed.add(_rels_name(name))
    for name in doomed:
        parts.pop(name, None)
    for rels in [n for n in parts if n.endswith(".rels")]:
        root = parse(parts[rels])
        for rel in root.findall("rel:Relationship", NS):
            if rel.get("TargetMode") == "External":
                continue
            if _target(rels, rel.get("Target", "")) in doomed:
                root.remove(rel)
        parts[rels] = serialise(root)
    types = parse(parts["[Content_Types].xml"])
    for override in types.findall("ct:Override", NS):
        if override.get("PartName", "").lstrip("/") in doomed:
            types.remove(override)
    parts["[Content_Types].xml"] = serialise(types)


def clean_settings(parts: dict[str, bytes], dropped: Counter[str]) -> None:
    """Document variables, the attached template's path and the mail-merge data source."""
    name = "word/settings.xml"
    if name not in parts:
        return
    root = parse(parts[name])
    for tag, kind in (
        ("docVars", "document variables"),
        ("attachedTemplate", "template path"),
        ("mailMerge", "mail merge data"),
    ):
        for el in root.findall(f"{W}{tag}"):
            root.remove(el)
            dropped[kind] += 1
    parts.pop("word/_rels/settings.xml.rels", None)  # the template's path names the author's folder
    for el in root.findall(f"{W}rsids"):
        root.remove(el)  # revision session ids: not personal, but they tie copies of a file together
    parts[name] = serialise(root)
