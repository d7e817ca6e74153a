"""The content checks of one output file, and of a search index part by part.

:class:`FileScanner` looks in every view of a file (and in its path) for declared identities,
structured identifiers and text of unpublished documents. :func:`clean_by_parts` judges a search
index by its parts (``index_parts``), each remembered by content, so that one edited page does not
mean scanning the whole index again; any doubt sends the caller back to the whole-file scan.
"""

from __future__ import annotations

from dataclasses import dataclass

from redaction.memo import Memo, digest
from redaction.register import Register
from site_builder.gate.entries import SiteEntry
from site_builder.gate.identifiers import IdentifierScanner
from site_builder.gate.identities import identity_hits
from site_builder.gate.index_parts import search_index_parts
from site_builder.gate.report import Hit
from site_builder.gate.scan import SiteFile, normalise, path_view, text_views
from site_builder.gate.unpublished import UnpublishedText


@dataclass(frozen=True)
class FileScanner:
    """The content checks of one file: declared identities, identifiers, unpublished text."""

    register: Register
    identifiers: IdentifierScanner
    unpublished: UnpublishedText

    def hits(self, f: SiteFile, path: bool = True) -> list[Hit]:
        """Every hit in the views of ``f`` (and in its path view, unless ``path`` is False)."""
        found: list[Hit] = []
        for v in [f.path_view, *f.views] if path else f.views:
            found += identity_hits(self.register, f, v)
            found += self.identifiers.scan(v.text, v.name)
        spaced = next((v for v in f.views if v.name == "spaced"), f.views[0] if f.views else None)
        if spaced is not None:
            kind = "text of an unpublished document"
            found += [Hit(spaced.name, s, e, kind) for s, e in self.unpublished.find(spaced.text)]
        if f.kind == "unreadable":
            found.append(Hit("text", 0, 0, "file the gate cannot read as text", detail="refused unread"))
        return found


def part_keys(e: SiteEntry, version: str) -> tuple[list[str], list[str]] | None:
    """The parts of a search index and their memo keys, or None when it cannot be split."""
    parts = search_index_parts(e.data) if e.data is not None and e.path.suffix != ".gz" else None
    if parts is None:
        return None
    return parts, [digest(version, "search index part", e.rel, p) for p in parts]


def remember_parts(e: SiteEntry, memo: Memo, version: str) -> None:
    """After a clean scan of the whole index: each part is clean too. A part is the file's own
    entries regrouped; it could only differ at its two ends, where brackets stand instead of a
    neighbour's JSON keys, and no check matches on brackets."""
    split = part_keys(e, version)
    for key in split[1] if split else []:
        memo.put(key, "data")


def clean_by_parts(e: SiteEntry, scanner: FileScanner, memo: Memo, version: str) -> bool:
    """Whether a search index is clean, judged part by part (``index_parts``); False when it
    cannot be split, when most parts are new, or when any part has a hit (the caller then scans
    the whole file, which reports the hits)."""
    split = part_keys(e, version)
    if split is None:
        return False
    parts, keys = split
    new = [i for i, k in enumerate(keys) if memo.get(k) != "data"]
    if len(new) * 2 > len(parts):
        return False
    if scanner.hits(SiteFile(e.rel, e.path, "data", path_view=path_view(e.rel)), path=True):
        return False
    for i in new:
        part = SiteFile(e.rel, e.path, "data", raw=parts[i], views=text_views(normalise(parts[i])))
        if scanner.hits(part, path=False):
            return False
        memo.put(keys[i], "data")
    return True
