"""Names: their parts, their initials, the full names a document holds, attendee-table names.

A full name found once ("Eilidh MacRae") is looked for again in its parts ("MacRae") and its
initials ("EM", "EMR"), across the whole build (see :mod:`redaction.redactor`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from redaction.allowlist import Allowlist, fold
from redaction.engine import Finding
from redaction.vocabulary import honorific_pattern, pseudonym_vocabulary

WORD = re.compile(r"[^\W\d_][\w'’\-]*")
TITLE_RX = re.compile(rf"^{honorific_pattern()}\.?\s+")
KNOWN_LABEL = re.compile(pseudonym_vocabulary().label_pattern())
NOT_NAME = re.compile(r"[\d@:/=#]")


def strip_title(text: str, allowlist: Allowlist) -> str:
    """'DCI Marcus Vesey' -> 'Marcus Vesey' (any title or rank in the roles allowlist)."""
    return re.sub(rf"^{allowlist.title_pattern}\s+", "", TITLE_RX.sub("", text.strip()))


def name_parts(name: str, allowlist: Allowlist) -> set[str]:
    """The words of a full name that identify on their own (not titles, not public words)."""
    words = WORD.findall(strip_title(name, allowlist))
    parts = set()
    for w in words:
        for p in {w, *w.split("-")}:
            # Place words are kept: many surnames are also towns (Thurlow, Pocklington, Lanham).
            if len(p) >= 3 and fold(p) not in allowlist.organisation_words and not allowlist.is_acronym(p):
                parts.add(p)
    return parts


def short_forms(name: str, allowlist: Allowlist) -> set[str]:
    """Short forms of a full name's given name ("Philippa Garside" -> Pip, Pippa)."""
    words = WORD.findall(strip_title(name, allowlist))
    return set(allowlist.short_forms(words[0])) - {words[0]} if len(words) >= 2 else set()


PARTICLES = {
    "van",
    "von",
    "de",
    "der",
    "den",
    "da",
    "di",
    "du",
    "del",
    "la",
    "le",
    "ni",
    "nic",
    "ní",
    "mac",
    "mc",
    "bin",
    "bint",
    "ibn",
    "al",
    "el",
    "ap",
    "ter",
    "ten",
    "st",
}


def _word_initials(word: str) -> set[str]:
    """How one word of a name can be written in initials: Dijk -> D; van -> v, V;
    MacLeod -> M, ML, MacL; Wiśniewska-Hart -> WH."""
    parts = [p for p in word.split("-") if p]
    if len(parts) > 1:  # Jean-Pierre -> JP or J-P
        return {"".join(p[0].upper() for p in parts), "-".join(p[0].upper() for p in parts)}
    w = parts[0] if parts else word
    if fold(w) in PARTICLES:
        return {w[0].lower(), w[0].upper()}
    out = {w[0].upper()}
    m = re.match(r"(Ma?c)([A-Z])", w)
    if m:
        out |= {m.group(1) + m.group(2), "M" + m.group(2)}
    return out


def initials_of(name: str) -> set[str]:
    """The initials a minute-taker may use for a full name (2 to 6 characters)."""
    words = [w for w in WORD.findall(TITLE_RX.sub("", name)) if w]
    if len(words) < 2 or len(words) > 5:
        return set()
    combos = {""}
    for w in words:
        combos = {c + i for c in combos for i in _word_initials(w)}
        if len(combos) > 64:
            break
    plain = {c for c in combos if 2 <= len(c) <= 6 and c[0].isupper()}
    return plain | {".".join(c) + "." for c in plain if c.isalpha() and c.isupper()}  # "O.B." as well as "OB"


def surname_parts(names: Iterable[str], allowlist: Allowlist) -> set[str]:
    """Parts that stand after the first word of a full name ("Nelson" in "Stuart Nelson")."""
    out: set[str] = set()
    for n in names:
        words = WORD.findall(strip_title(n, allowlist))
        for w in words[1:]:
            out |= name_parts(w, allowlist)
    return out


def full_names(findings: Iterable[Finding], allowlist: Allowlist) -> set[str]:
    """Person findings of two words or more (after any title): their parts identify alone."""
    out = set()
    for f in findings:
        name = strip_title(f.text, allowlist)
        words = name.split()
        if f.entity != "PERSON" or len(WORD.findall(name)) < 2 or NOT_NAME.search(name) or KNOWN_LABEL.search(name):
            continue
        if (
            all(w[0].isupper() or fold(w) in PARTICLES for w in words) and not all(w.isupper() for w in words[:1])
        ) or all(w.isupper() for w in words):
            out.add(" ".join(words))
    return out


NAME_HEADER = re.compile(r"^\s*(?:names?|attendees?|members?|present|person|officer|representative)\s*$", re.I)
# An action log's owner column: its cells are people when they hold a given name ("Faith", "dawn
# heath"); roles and bodies ("Chair", "ICB", "All") stay.
OWNER_HEADER = re.compile(
    r"^\s*(?:(?:action\s+)?owners?|leads?|by(?:\s+whom)?|who|responsible(?:\s+officer)?|action\s+by|assigned\s+to)\s*$",
    re.I,
)
ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.M)


def name_column_findings(text: str, allowlist: Allowlist) -> list[Finding]:
    """Cells of a Markdown table column headed "Name" (attendee lists) are people."""
    out: list[Finding] = []
    rows = list(ROW.finditer(text))
    i = 0
    while i < len(rows):
        header = rows[i]
        cells = header.group().strip().strip("|").split("|")
        cols = [k for k, c in enumerate(cells) if NAME_HEADER.match(c) or OWNER_HEADER.match(c)]
        owners = {k for k, c in enumerate(cells) if OWNER_HEADER.match(c)}
        j = i + 1
        while j < len(rows) and text[rows[j - 1].end() : rows[j].start()].strip() == "":
            j += 1
        if cols:
            for row in rows[i + 2 : j]:
                bars = [m.start() for m in re.finditer(r"\|", row.group())]
                for k in cols:
                    if k + 1 >= len(bars):
                        continue
                    start, end = row.start() + bars[k] + 1, row.start() + bars[k + 1]
                    cell = text[start:end]
                    words = WORD.findall(strip_title(cell, allowlist))
                    if not words or allowlist.all_public(words) or cell.strip().lower() in {"vacant", "tbc", "n/a"}:
                        continue
                    if k in owners and not any(allowlist.is_first_name(w) for w in words):
                        continue
                    lead = len(cell) - len(cell.lstrip())
                    out.append(
                        Finding(start + lead, start + len(cell.rstrip()), "PERSON", "NameColumn", 0.9, cell.strip())
                    )
        i = j
    return out
