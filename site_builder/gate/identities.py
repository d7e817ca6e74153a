"""Declared identities: every variant of every person and place in the register.

The register (``redaction.register.Register``) holds the people declared in review front matter
and the private ``register.yaml``. Its matcher is whole-word, case- and accent-insensitive and
spans line breaks. Variants shorter than three characters (initials such as ``KM``) are only
looked for in text a reader sees (HTML page text with tags removed or spaced, and the search
index): elsewhere two capitals are too common to mean anything.
"""

from __future__ import annotations

import logging

from redaction.register import Identity, Register
from site_builder.gate.report import Hit
from site_builder.gate.scan import SiteFile, View, is_reader_data

log = logging.getLogger(__name__)
MIN_VARIANT = 3
KIND = {"declared": "declared person", "staff": "registered staff name", "place": "declared place"}


def reader_text(file: SiteFile, view: View) -> bool:
    """Is ``view`` text a reader sees (where short variants such as initials count)?"""
    if is_reader_data(file.rel):  # either generator's search index, and the open data files
        return True
    return file.is_html and view.name in ("untagged", "spaced")


def identity_hits(register: Register, file: SiteFile, view: View) -> list[Hit]:
    """Every registered variant in ``view``."""
    hits = []
    short_ok = view.name != "path" and reader_text(file, view)
    found_all = register.find(view.text)
    if not found_all:
        return []
    phrases = [(s, e) for s, e in register.allowlist.protected_spans(view.text) if " " in view.text[s:e].strip()]
    for start, end, ident in found_all:
        found = view.text[start:end].strip()
        if len(found) < MIN_VARIANT and not short_ok:
            continue
        if " " not in found and any(s <= start and end <= e for s, e in phrases):
            continue  # "Liberty" in "Deprivation of Liberty Safeguards": the phrase, as the redactor decided
        hits.append(Hit(view.name, start, end, kind_of(ident)))
    return hits


def kind_of(ident: Identity) -> str:
    return KIND.get(ident.kind, "registered identity")
