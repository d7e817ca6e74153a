"""Redaction cached by content, so that an unchanged document costs close to nothing.

A build redacts in two steps (``Redactor.redact_all``): each document's own decisions (the full
names and one-word names it holds), then each document with the names of the whole build that can
matter to it (``redaction.relevance``). Both are cached on disk, keyed by hashes of everything
they read:

* decisions: the document's text, its public terms, and the *version* (the redaction code, its
  data files, the analysis configuration, the register's identities and the partnership's public
  words). Analysis findings are a function of the text and the analysis configuration, so an
  entry that is found needs no analysis at all.
* redaction: the same, plus the document's kind and the names that can matter to it. A new name
  in one document therefore redoes only the documents that hold a part of it.

The cache lives in the private ``.openness/cache`` (never published). A damaged or missing entry
is recomputed; an entry is written whole (a temporary file, then a rename) or not at all.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from redaction.allowlist import Allowlist
from redaction.apply import Redacted, Replacement
from redaction.engine import Finding, config_version
from redaction.markdown_view import plain_view
from redaction.memo import digest, write_json
from redaction.redactor import Redactor
from redaction.register import Register
from redaction.relevance import RelevanceIndex, doc_keys
from redaction.words import counted

log = logging.getLogger(__name__)
Analyse = Callable[[list[str]], list[list[Finding]]]


@functools.cache
def code_version() -> str:
    """Hash of the redaction package's code and data: a change to any of them makes entries stale."""
    package = Path(__file__).parent
    h = hashlib.sha256(config_version().encode())
    for path in sorted([*package.rglob("*.py"), *(p for p in (package / "data").rglob("*") if p.is_file())]):
        h.update(path.relative_to(package).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


@functools.lru_cache(maxsize=4)  # the stage and two gate checks ask for the same pair
def fingerprint(register: Register, allowlist: Allowlist) -> str:
    """The version entries are valid for: code and data, the register's identities, public words."""
    identities = sorted(
        (i.name, i.replacement, i.kind, i.source, sorted(i.variants), sorted(i.initials), sorted(i.explicit))
        for i in register.identities
    )
    material = [code_version(), identities, sorted(allowlist.user_terms), sorted(allowlist.public_contacts)]
    return hashlib.sha256(json.dumps(material, ensure_ascii=False).encode()).hexdigest()


class RedactionCache:
    """``Redactor.redact_all`` with both steps cached by content; ``decided``, ``redacted`` and
    ``analysed`` count the documents that had to be worked out in this run."""

    def __init__(self, folder: Path | None, redactor: Redactor) -> None:
        self.folder = folder
        self.redactor = redactor
        self.version = fingerprint(redactor.register, redactor.allowlist)
        self.decided: list[int] = []  # indexes of the texts whose decisions were worked out
        self.redacted: list[int] = []  # indexes of the texts redacted (not read from the cache)

    def key(self, step: str, *parts: Any) -> str:
        """The entry's key: the step, the version and ``parts`` (a text is hashed as it is, not
        written out as JSON first: that took a tenth of a second of every build)."""
        return digest(step, self.version, *parts)

    def _load(self, key: str) -> Any:
        if self.folder is None:
            return None
        try:
            return json.loads((self.folder / key[:2] / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _store(self, key: str, value: Any) -> None:
        if self.folder is None:
            return
        write_json(self.folder / key[:2] / f"{key}.json", value)

    def redact_all(
        self, texts: Sequence[str], kinds: Sequence[str], terms: Sequence[frozenset[str]], analyse: Analyse
    ) -> list[Redacted]:
        """What ``Redactor.redact_all`` returns for these texts; ``analyse`` is asked only for the
        texts something must be worked out for."""
        findings: dict[int, list[Finding]] = {}

        def analysed(indexes: list[int]) -> None:
            todo = [i for i in indexes if i not in findings]
            if todo:
                findings.update(zip(todo, analyse([texts[i] for i in todo]), strict=True))

        keys1 = [self.key("decisions", t, sorted(p)) for t, p in zip(texts, terms, strict=True)]
        decided: list[Any] = [self._load(k) for k in keys1]
        self.decided = [i for i, d in enumerate(decided) if not _valid_decision(d)]
        analysed(self.decided)
        for i in self.decided:
            names, singles = self.redactor.decisions_in(texts[i], findings[i], terms[i])
            decided[i] = {"names": sorted(names), "singles": sorted(singles)}
            decided[i]["keys"] = sorted(doc_keys(plain_view(texts[i])))
            self._store(keys1[i], decided[i])
        index = RelevanceIndex(
            {n for d in decided for n in d["names"]},
            {s for d in decided for s in d["singles"]},
            self.redactor.allowlist,
        )
        relevant = [index.for_doc(frozenset(d["keys"])) for d in decided]
        keys2 = [
            self.key("redacted", t, k, sorted(p), sorted(doc_names), sorted(doc_singles))
            for t, k, p, (doc_names, doc_singles) in zip(texts, kinds, terms, relevant, strict=True)
        ]
        out: list[Redacted | None] = [_redacted(self._load(k)) for k in keys2]
        self.redacted = [i for i, r in enumerate(out) if r is None]
        analysed(self.redacted)
        for i in self.redacted:
            names, singles = relevant[i]
            red = self.redactor.redact(texts[i], findings[i], names, kinds[i], singles, terms[i])
            self._store(keys2[i], {"text": red.text, "replacements": [asdict(r) for r in red.replacements]})
            out[i] = red
        if self.decided or self.redacted:
            log.info(
                "redacted %s; %d from cache", counted(len(self.redacted), "document"), len(texts) - len(self.redacted)
            )
        return [r for r in out if r is not None]


def _valid_decision(value: Any) -> bool:
    """A cached decision as written: three lists of text (anything else is worked out again)."""
    return isinstance(value, dict) and all(
        isinstance(value.get(k), list) and all(isinstance(x, str) for x in value[k])
        for k in ("names", "singles", "keys")
    )


def _redacted(value: Any) -> Redacted | None:
    """A cached redaction, or None when the entry is missing or damaged."""
    if not isinstance(value, dict) or not isinstance(value.get("text"), str):
        return None
    try:
        return Redacted(value["text"], [Replacement(**r) for r in value.get("replacements", [])])
    except TypeError:
        return None
