"""Findings, the report, and masking: the gate's output never repeats what it found.

Every finding names its file and shows a short context in which the sensitive text, and every
other sensitive span the gate found in that file, is masked (``Callum Ridley`` becomes
``C***** R*****``; ``07700 900123`` becomes ``0**** 9*****``). The file name itself is masked
where it holds a finding, so CI logs never re-publish what the gate stopped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from redaction.words import counted

BLOCK, WARN, MASK_ONLY = "block", "warn", "mask"
ALNUM_RUN = re.compile(r"[^\W_]+")
CONTEXT_CHARS = 30


def mask(text: str) -> str:
    """Keep the first character of each run of letters or digits; star the rest."""
    return ALNUM_RUN.sub(lambda m: m.group()[0] + "*" * (len(m.group()) - 1), " ".join(text.split()))


@dataclass(frozen=True)
class Hit:
    """A raw detection: where in which view, what kind, how severe."""

    view: str
    start: int
    end: int
    kind: str
    severity: str = BLOCK
    detail: str = ""  # extra text shown after the kind, never sensitive


@dataclass
class Finding:
    """One reported problem: the file (masked), what was found (masked) and a masked context."""

    file: str
    kind: str
    masked: str
    context: str = ""
    severity: str = BLOCK

    def line(self) -> str:
        head = f"{self.file}: {self.kind}" + ("" if self.severity == BLOCK else " (warning)")
        out = f"{head}: {self.masked}" if self.masked else head
        return f"{out}  [{self.context}]" if self.context else out


@dataclass
class Report:
    """Everything the gate found; blocked when any finding has severity ``block``."""

    findings: list[Finding] = field(default_factory=list)
    files_scanned: int = 0
    files_vendored: int = 0
    #: Files whose content was searched in this run (the others were found clean before, with the
    #: same bytes and rules), and pages whose text was looked at for names in this run.
    searched: list[str] = field(default_factory=list)
    name_searched: list[str] = field(default_factory=list)
    ner_read: int = 0  # texts the NER read in this run (0: the model was not needed)

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == BLOCK]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != BLOCK]

    @property
    def blocked(self) -> bool:
        return bool(self.blocking)

    def summary(self) -> str:
        return (
            f"{counted(len(self.blocking), 'blocking finding')}, {counted(len(self.warnings), 'warning')} in "
            f"{counted(self.files_scanned, 'file')} "
            f"({counted(self.files_vendored, 'unchanged theme file')} not scanned)"
        )


NAME_LIKE = re.compile(r"(?<![\w])(?:[^\W\d_]*[A-Z][\w'’\-]*|\w*\d[\w/\-]*)")
WORD = re.compile(r"[^\W\d_]+")
#: A lower-case word in a finding's context is shown only when it is this common in English
#: (wordfreq's Zipf scale: 4.0 is once per 100,000 words) and is not a given name.
SHOWN_ZIPF = 4.0


def unsafe_words(text: str) -> list[tuple[int, int]]:
    """Spans of lower-case words that could be a name: rare words and given names (the gate's own
    gazetteer, short forms included), so a name written in lower case or inside an obfuscated
    e-mail (``ann [at] …``) never shows in a log."""
    from site_builder.gate.vocabulary import fold, tool_data, zipf

    names = tool_data()[2]
    return [m.span() for m in WORD.finditer(text) if fold(m.group()) in names or zipf(fold(m.group())) < SHOWN_ZIPF]


def masked_text(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with every span masked (spans may overlap)."""
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out, pos = [], 0
    for s, e in merged:
        s, e = max(s, pos), min(e, len(text))
        if s >= e:
            continue
        out += [text[pos:s], mask(text[s:e])]
        pos = e
    out.append(text[pos:])
    return "".join(out)


def context(text: str, hit: Hit, spans: list[tuple[int, int]]) -> str:
    """A one-line snippet around ``hit`` with every sensitive span in it masked.

    Spans cut by the window's edges are masked too, so no part of a finding shows unmasked.
    """
    lo, hi = max(0, hit.start - CONTEXT_CHARS), min(len(text), hit.end + CONTEXT_CHARS)
    for s, e in spans:  # widen the window so no span is cut in half
        if s < lo < e:
            lo = s
        if s < hi < e:
            hi = e
    local = [(max(s, lo) - lo, min(e, hi) - lo) for s, e in spans if s < hi and e > lo]
    # Anything else in the snippet that could be a name or a number is masked as well: a name the
    # gate did not recognise must not reach a CI log through the context of another finding.
    local += [m.span() for m in NAME_LIKE.finditer(text[lo:hi])] + unsafe_words(text[lo:hi])
    snippet = masked_text(text[lo:hi], local)
    snippet = " ".join(snippet.split())
    return ("…" if lo > 0 else "") + snippet + ("…" if hi < len(text) else "")
