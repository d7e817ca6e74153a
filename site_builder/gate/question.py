"""One question, its occurrences, and the span helpers the detectors share."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from site_builder.gate.vocabulary import fold

KINDS = (
    "repeat", "person name", "older date", "address", "named place", "reference number", "name-word", "unknown word",
)  # fmt: skip  # most telling first


@dataclass
class Question:
    """One thing to answer: ``text`` as the site shows it, on ``page``, in ``context``."""

    text: str
    page: str
    kinds: list[str]
    context: str
    part: str
    source: str = ""
    keys: list[str] = field(default_factory=list)  # occurrence keys ("this occurrence only")
    contexts: list[str] = field(default_factory=list)  # the sentence of each occurrence
    index_keys: list[str] = field(default_factory=list)  # the same words in the page's search index

    @property
    def kind(self) -> str:
        return next(k for k in KINDS if k in self.kinds)

    def as_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "source": self.source,
            "page": self.page,
            "kind": self.kind,
            "kinds": self.kinds,
            "context": self.context,
            "part": self.part,
            "occurrences": len(self.keys),
            "keys": list(self.keys),
            "contexts": list(self.contexts),
            "index_keys": list(self.index_keys),
        }


def occurrence_key(page: str, text: str, context: str) -> str:
    """The key of one occurrence: its page, its words and its sentence (hashed)."""
    material = "\0".join((page.strip("/"), fold(" ".join(text.split())), fold(" ".join(context.split()))))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:20]


def sentence(text: str, start: int, end: int, limit: int = 140) -> str:
    lo = max(0, start - limit)
    left = text[lo:start]
    cut = max(left.rfind(". "), left.rfind("\n"), left.rfind("? "), left.rfind("! "))
    lo = lo + cut + 1 if cut >= 0 else lo
    right = text[end : end + limit]
    stops = [i for i in (right.find(". "), right.find("\n"), right.find("? ")) if i >= 0]
    hi = end + (min(stops) + 1 if stops else len(right))
    return " ".join(text[lo:hi].split())


def fold_index_into_pages(questions: list[Question]) -> list[Question]:
    """A question from a search index whose words a question of the page itself holds is part of
    that question: one answer covers both (the index repeats the page's text)."""
    pages: dict[str, list[Question]] = {}
    for q in questions:
        if q.part != "search index":
            pages.setdefault(q.page, []).append(q)
    out = []
    for q in questions:
        host = None
        if q.part == "search index":
            host = next((h for h in pages.get(q.page, []) if fold(q.text) in fold(h.text)), None)
        if host is None:
            out.append(q)
        else:
            host.index_keys += [k for k in q.keys if k not in host.index_keys]
    return out


def strip_possessive(m: re.Match[str]) -> int:
    """The end of a word without its possessive ('s)."""
    w = m.group()
    return m.end() - 2 if len(w) > 2 and w[-2] in "'’" and w[-1] in "sS" else m.end()


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    """A span without leading or trailing punctuation, bullets and possessive 's."""
    while s < e and not text[s].isalnum():
        s += 1
    lead = re.match(r"(?:(?:the|a|an)\s+)+", text[s:e], re.I)
    if lead and lead.end() < e - s:
        s += lead.end()
    while e > s and not text[e - 1].isalnum():
        e -= 1
    if e - s > 2 and text[e - 2] in "'’" and text[e - 1] in "sS":
        e -= 2
    return s, e


def merge(spans: list[tuple[int, int, str]]) -> dict[tuple[int, int], set[str]]:
    out: list[list] = []
    for s, e, k in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
            out[-1][2].add(k)
        else:
            out.append([s, e, {k}])
    return {(s, e): ks for s, e, ks in out}


@dataclass(frozen=True)
class Occurrence:
    """One flagged span of one passage: its words, its sentence, its page, part and kinds."""

    page: str
    text: str
    context: str
    part: str
    kinds: frozenset[str]


def collect(occurrences: list[Occurrence]) -> list[Question]:
    """One question per page and words, holding every occurrence (in the order found)."""
    found: dict[tuple[str, str], Question] = {}
    for o in occurrences:
        q = found.setdefault((o.page, fold(o.text)), Question(o.text, o.page, [], o.context, o.part))
        q.kinds = [k for k in KINDS if k in set(q.kinds) | o.kinds]
        key = occurrence_key(o.page, o.text, o.context)
        if key not in q.keys:
            q.keys.append(key)
            q.contexts.append(o.context)
    return fold_index_into_pages(list(found.values()))


def valid_spans(value: object) -> bool:
    """Remembered flags of a passage as written: ``[start, end, [kind, ...]]`` rows."""
    return isinstance(value, list) and all(
        isinstance(r, list)
        and len(r) == 3
        and isinstance(r[0], int)
        and isinstance(r[1], int)
        and isinstance(r[2], list)
        and all(isinstance(k, str) for k in r[2])
        for r in value
    )


def valid_rows(value: object) -> bool:
    """Remembered questions of a page as written: ``[page, text, context, part, [kind, ...]]`` rows."""
    return isinstance(value, list) and all(
        isinstance(r, list)
        and len(r) == 5
        and all(isinstance(x, str) for x in r[:4])
        and isinstance(r[4], list)
        and all(isinstance(k, str) for k in r[4])
        for r in value
    )
