"""Turn a document and its findings into redacted Markdown and an audit of every replacement.

Analysis (cached) says where names and identifiers may be; this module decides. It
1. drops person findings that sit inside public phrases or are made of public words only;
2. adds every variant of every registered person and place (even where the NER saw nothing);
3. propagates names: each part of a full name found anywhere in the build, and its initials, is
   found again wherever it stands alone ("Vesey", "MV");
4. merges overlapping findings and replaces each with a pseudonym, a role or a visible mark.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from redaction.allowlist import STOP_WORDS, Allowlist, fold
from redaction.engine import Finding
from redaction.markdown_view import TAG, plain_view
from redaction.recognizers.initials import person_context
from redaction.register import Identity, Register, fold_keep_length
from redaction.trie import trie_pattern

MARKS = {
    "PERSON": "[name withheld]",
    "INITIALS": "[name withheld]",
    "EMAIL_ADDRESS": "[email withheld]",
    "PHONE_NUMBER": "[phone number withheld]",
    "UK_NHS": "[NHS number withheld]",
    "UK_NINO": "[NI number withheld]",
    "UK_POSTCODE": "[postcode withheld]",
    "STREET_ADDRESS": "[address withheld]",
    "DATE_OF_BIRTH": "[date of birth withheld]",
    "CASE_REFERENCE": "[reference withheld]",
}
PRIORITY = {"RegisterRecognizer": 0, "PropagatedName": 2, "PropagatedInitials": 2}
NER = "SpacyRecognizer"
WORD = re.compile(r"[^\W\d_][\w'’\-]*")
STREET_SUFFIX = re.compile(
    r"^(?:Road|Street|Lane|Avenue|Drive|Close|Way|Court|Crescent|Place|Gardens|Grove|Terrace|"
    r"Walk|Mews|Rise|Row|Square|Yard|Parade|Estate)$"
)
TITLE_RX = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Cllr|Sir|Dame)\.?\s+")


@dataclass
class Replacement:
    """One entry of the private audit report."""

    start: int
    end: int
    line: int
    original: str
    replacement: str
    entity: str
    recognizer: str
    score: float


@dataclass
class Redacted:
    text: str
    replacements: list[Replacement] = field(default_factory=list)


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
    if len(parts) > 1:
        return {"".join(p[0].upper() for p in parts)}
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
    return plain | {".".join(c) + "." for c in plain if c.isupper()}  # "O.B." as well as "OB"


def ambiguous_part(word: str, allowlist: Allowlist) -> bool:
    """A name part that is also a place, a title or an ordinary word (Preston, Bishop, Hope)."""
    return (
        allowlist.is_place(word) or allowlist.is_common_word(word) or bool(re.fullmatch(allowlist.title_pattern, word))
    )


LOCATIVE = re.compile(
    r"\b(?:in|at|from|to|near|across|around|into|within|outside|throughout|between|via|towards?|"
    r"of|covering|serving|north|south|east|west|central|greater|the)\s+$",
    re.I,
)
STRICT_LOCATIVE = re.compile(r"\b(?:in|at|near|across|around|within|throughout|outside)\s+$")
LIST_BEFORE = re.compile(r"([^\W\d_][\w'’\-]*)\s*(?:,|\band\b|\bor\b|&)\s*$")
LIST_AFTER = re.compile(r"\s*(?:,|\band\b|\bor\b|&)\s*([^\W\d_][\w'’\-]*)")


def in_quotes(view: str, pos: int) -> bool:
    """Inside a quotation on the same line (messages and texts are quoted as written: "jaswant ji...")."""
    line = view[view.rfind("\n", 0, pos) + 1 : pos]
    return (line.count('"') + line.count("“") + line.count("”")) % 2 == 1


def org_follows(view: str, end: int, allowlist: Allowlist) -> bool:
    """An organisation word within the next three capitalised words: "Wood Green Academy",
    "The Dudley Group NHS Foundation Trust"."""
    pos = end
    for _ in range(3):
        m = NEXT_WORD.match(view, pos)
        if not m or not m.group(1)[0].isupper():
            return False
        if allowlist.is_org_word(m.group(1)):
            return True
        pos = m.end()
    return False


def used_publicly(view: str, start: int, end: int, allowlist: Allowlist, strict: bool = False) -> bool:
    """Whether a word that is both a name part and a place or ordinary word (Preston, Nelson, Hope)
    is used here as the place or the word: after "in", "at", "from"...; in a list of places
    ("Burnley and Nelson"); before an organisation word ("Royal Preston Hospital") or a year; inside
    a public phrase. Otherwise it is taken for the person, so a doubt is resolved by redacting.
    ``strict`` (for surnames not known as places) accepts only "in", "at", "near"... before it."""
    before = view[max(0, start - 40) : start]
    if re.search(rf"(?<![\w]){allowlist.title_pattern}\s+$", before) or TITLE_RX.match(view[start:end]):
        return False  # "Ms Preston", "DCI Nelson": a person
    if org_follows(view, end, allowlist):
        return True
    if strict:
        if re.match(r"['’]s\b", view[end : end + 2]):
            return False
        listed = any(
            m and allowlist.is_place(m.group(1)) for m in (LIST_BEFORE.search(before), LIST_AFTER.match(view, end))
        )
        return bool(STRICT_LOCATIVE.search(before)) or listed
    if LOCATIVE.search(before) and not re.match(r"['’]s\b", view[end : end + 2]):
        return True
    nxt = NEXT_WORD.match(view, end)
    if (nxt and allowlist.is_org_word(nxt.group(1))) or re.match(r"\s+(?:19|20)\d\d\b", view[end : end + 6]):
        return True
    prev = re.search(r"([^\W\d_][\w'’\-]*)\s+$", before)
    if (
        prev
        and (allowlist.is_org_word(prev.group(1)) or allowlist.is_place(prev.group(1)))
        and prev.group(1)[0].isupper()
    ):
        return True  # "Royal Preston", "East Lancaster"
    for m in (LIST_BEFORE.search(before), LIST_AFTER.match(view, end)):
        if m and (allowlist.is_place(m.group(1)) or allowlist.is_org_word(m.group(1))):
            return True
    return any(s <= start and end <= e and " " in view[s:e] for s, e in allowlist.protected_spans(view))


def _name_word(word: str, allowlist: Allowlist) -> bool:
    return (
        word[:1].isupper()
        and not word.isupper()
        and not allowlist.is_public_word(word)
        and not allowlist.is_common_word(word)
        and fold(word) not in STOP_WORDS
    )


NEXT_WORD = re.compile(r"(?:['’]s)?[ \t]+([^\W\d_][\w'’\-]*)")
SAINT_BEFORE = re.compile(r"\b(?:St|Saint|Ste)\.?[ \t]+$")
SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n\s*)$")


def extend_name(f: Finding, view: str, allowlist: Allowlist, text: str | None = None) -> Finding:
    """Grow a one-sided person span over adjacent name-shaped words ("Oliwia" + "Kowalczyk").

    Only plain spaces in the source join words (never markup such as ``[`` or a tag), and a
    sentence-initial word joins only when it is a known given name ("Read" never does)."""
    src = text if text is not None else view
    start, end = f.start, f.end
    for _ in range(2):
        m = re.search(r"([^\W\d_][\w'’\-]*)[ \t]+$", src[max(0, start - 40) : start])
        if not m or not _name_word(m.group(1), allowlist):
            break
        word_start = start - len(m.group())
        if SENTENCE_START.search(src[max(0, word_start - 3) : word_start]) and not allowlist.is_first_name(m.group(1)):
            break
        start = word_start
    for _ in range(2):
        m = re.match(r"[ \t]+([^\W\d_][\w'’\-]*)", src[end : end + 40])
        if not m or not _name_word(m.group(1), allowlist):
            break
        end += len(m.group())
    if (start, end) == (f.start, f.end):
        return f
    return Finding(start, end, f.entity, f.recognizer, f.score, view[start:end])


KNOWN_LABEL = re.compile(r"\b(?:Baby|Child|Young Person|Adult|Person)\s+[A-Z]\b")
NOT_NAME = re.compile(r"[\d@:/=#]")
BREAK = re.compile(r"\n[ \t]*\n|[ \t]\n|\n[ \t]")


def split_at_breaks(findings: Iterable[Finding], view: str) -> list[Finding]:
    """Cut person findings at paragraph, table-cell and tag boundaries ("Peggy\n\nMrs Houghton")."""
    out = []
    for f in findings:
        if f.entity != "PERSON" or not BREAK.search(f.text):
            out.append(f)
            continue
        pos = f.start
        for piece in BREAK.split(f.text):
            start = view.index(piece, pos) if piece else pos
            if piece.strip():
                out.append(Finding(start, start + len(piece), f.entity, f.recognizer, f.score, piece))
            pos = start + len(piece)
    return out


def trim(f: Finding, view: str) -> Finding | None:
    """Trim white space and a possessive ('s) from the ends of a span: "Bogdan Ionescu's" keeps
    its "'s" in the text, and a heading keeps its line break."""
    start, end = f.start, f.end
    while start < end and view[start].isspace():
        start += 1
    while end > start and view[end - 1].isspace():
        end -= 1
    if f.entity == "PERSON" and re.search(r"['’][sS]$", view[start:end]) and end - start > 2:
        end -= 2
    if start >= end:
        return None
    return (
        f if (start, end) == (f.start, f.end) else Finding(start, end, f.entity, f.recognizer, f.score, view[start:end])
    )


def surname_parts(names: Iterable[str], allowlist: Allowlist) -> set[str]:
    """Parts that stand after the first word of a full name ("Nelson" in "Stuart Nelson")."""
    out: set[str] = set()
    for n in names:
        words = WORD.findall(strip_title(n, allowlist))
        for w in words[1:]:
            out |= name_parts(w, allowlist)
    return out


def person_findings_kept(
    findings: Iterable[Finding],
    view: str,
    allowlist: Allowlist,
    known_parts: set[str],
    text: str | None = None,
    surnames: set[str] | None = None,
) -> list[Finding]:
    """Drop person findings that are public phrases, public words, or lone NER guesses."""
    protected = allowlist.protected_spans(view) + [m.span() for m in KNOWN_LABEL.finditer(view)]
    kept = []
    for found in split_at_breaks(findings, view):
        f = trim(found, view)
        if f is None:
            continue
        if f.entity == "PERSON" and f.recognizer != "RegisterRecognizer" and NOT_NAME.search(f.text):
            continue  # digits, '@', ':' ... ("Nelson BB9 7HX"): not a name
        if f.entity == "PERSON" and f.recognizer in (NER, "NameGazetteerRecognizer"):
            f = extend_name(f, view, allowlist, text)
        if f.entity not in ("PERSON", "INITIALS"):
            kept.append(f)
            continue
        if any(s <= f.start and f.end <= e for s, e in protected):
            continue
        words = WORD.findall(strip_title(f.text, allowlist))
        titled = f.recognizer == "TitledNameRecognizer" or bool(TITLE_RX.match(f.text))
        if not words or any(allowlist.is_acronym(w) for w in words if w.isupper()):
            continue
        if allowlist.all_public(words) and not (titled and not any(allowlist.is_org_word(w) for w in words)):
            continue  # "Healthwatch Suffolk" goes; "Ms Preston" stays a person
        if STREET_SUFFIX.search(words[-1]) and f.recognizer != "RegisterRecognizer":
            continue  # "Tansy Rise", "Millhouse Row": a street, not a person
        if f.recognizer != "RegisterRecognizer" and SAINT_BEFORE.search(view[max(0, f.start - 8) : f.start]):
            continue  # "St Catherine's Hospice": a saint's name in a place name
        nxt = NEXT_WORD.match(view, f.end)
        if f.entity == "PERSON" and nxt and allowlist.is_org_word(nxt.group(1)) and nxt.group(1)[0].isupper():
            continue  # "James Paget University Hospital", "Mary Seacole House": named after a person
        if (
            len(words) == 1
            and f.recognizer == "NameGazetteerRecognizer"
            and used_publicly(view, f.start, f.end, allowlist, strict=not ambiguous_part(words[0], allowlist))
        ):
            continue  # "services in Dudley and Walsall": the towns, though Dudley is also a given name
        if f.recognizer == NER:
            # An organisation word vetoes a spaCy guess ("Healthwatch Suffolk"), except a leading given
            # name ("April Jones"); places alone do not (many surnames are towns).
            rest = words[1:] if allowlist.is_first_name(words[0]) and len(words) > 1 else words
            if any(allowlist.is_org_word(w) for w in rest) or (
                all(allowlist.is_place(w) for w in words) and not titled
            ):
                continue
            if len(words) == 1 and not (
                (allowlist.is_first_name(words[0]) and not allowlist.is_common_word(words[0]))
                or words[0] in known_parts
                or TITLE_RX.match(f.text)
            ):
                continue  # a lone spaCy guess ("Said", "Gender") needs support
            if (
                len(words) == 1
                and (not allowlist.is_first_name(words[0]) or words[0] in (surnames or ()))
                and used_publicly(view, f.start, f.end, allowlist, strict=not ambiguous_part(words[0], allowlist))
            ):
                continue  # "a family in Nelson": the town, though a DCI Nelson exists
        kept.append(f)
    return kept


def keep_title(f: Finding, view: str, allowlist: Allowlist) -> Finding:
    """ "DCI Marcus Vesey" -> replace "Marcus Vesey" only: the rank is public and reads well."""
    if f.entity != "PERSON":
        return f
    m = re.match(rf"{allowlist.title_pattern}\s+", f.text)
    if not m or m.end() >= len(f.text):
        return f
    start = f.start + m.end()
    return Finding(start, f.end, f.entity, f.recognizer, f.score, view[start : f.end])


def in_public_phrase(f: Finding, view: str, allowlist: Allowlist) -> bool:
    """A one-word declared alias inside a public phrase of several words ("Liberty" in
    "Deprivation of Liberty Safeguards", "Clare" in "Clare's Law") is the phrase, not the person."""
    if " " in f.text.strip():
        return False
    return any(s <= f.start and f.end <= e and " " in view[s:e] for s, e in allowlist.protected_spans(view))


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
ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.M)


def name_column_findings(text: str, allowlist: Allowlist) -> list[Finding]:
    """Cells of a Markdown table column headed "Name" (attendee lists) are people."""
    out: list[Finding] = []
    rows = list(ROW.finditer(text))
    i = 0
    while i < len(rows):
        header = rows[i]
        cells = header.group().strip().strip("|").split("|")
        cols = [k for k, c in enumerate(cells) if NAME_HEADER.match(c)]
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
                    lead = len(cell) - len(cell.lstrip())
                    out.append(
                        Finding(start + lead, start + len(cell.rstrip()), "PERSON", "NameColumn", 0.9, cell.strip())
                    )
        i = j
    return out


class Redactor:
    def __init__(self, register: Register, allowlist: Allowlist) -> None:
        self.register = register
        self.allowlist = allowlist
        self.labels = {i.replacement for i in register.identities if i.kind == "declared" and "[" not in i.replacement}

    def names_in(self, text: str, findings: list[Finding]) -> set[str]:
        """The full names one document holds (they are looked for in every document of the build)."""
        kept = person_findings_kept(findings, plain_view(text), self.allowlist, set(), text)
        return full_names(kept + name_column_findings(text, self.allowlist), self.allowlist)

    def redact_all(self, texts: list[str], analyses: list[list[Finding]]) -> list[Redacted]:
        """Redact a whole build: names found in any document are looked for in all of them."""
        names: set[str] = set()
        for text, findings in zip(texts, analyses, strict=True):
            names |= self.names_in(text, findings)
        return [self.redact(text, findings, names) for text, findings in zip(texts, analyses, strict=True)]

    def propagate(self, view: str, names: set[str]) -> list[Finding]:
        parts: set[str] = set()
        inits: set[str] = set()
        for n in names:
            parts |= name_parts(n, self.allowlist)
            inits |= initials_of(n)
        out = []
        wholes = [n for n in names if len(n.split()) >= 2]
        if wholes:
            body = trie_pattern(fold_keep_length(n) for n in wholes)
            for m in re.finditer(rf"(?<![\w])(?:{body})(?![\w])", fold_keep_length(view)):
                out.append(Finding(m.start(), m.end(), "PERSON", "PropagatedName", 0.85, view[m.start() : m.end()]))
        place_parts = {p for p in parts if ambiguous_part(p, self.allowlist)}
        surnames = surname_parts(names, self.allowlist)
        if parts:
            folded = fold_keep_length(view)
            body = "|".join(re.escape(fold_keep_length(p)) for p in sorted(parts, key=len, reverse=True))
            for m in re.finditer(rf"(?<![\w])(?:{body})(?![\w])", folded):
                original = view[m.start() : m.end()]
                if not original[0].isupper() and (
                    self.allowlist.is_common_word(original)
                    or fold(original) in STOP_WORDS
                    or not (self.allowlist.is_first_name(original) or in_quotes(view, m.start()))
                ):
                    continue  # lower case: a given name ("mihaela"), or any part inside quoted words; never "row"
                if (
                    original in place_parts or original in surnames or not self.allowlist.is_first_name(original)
                ) and used_publicly(view, m.start(), m.end(), self.allowlist, strict=original not in place_parts):
                    continue  # "County Hall, Preston" and "in Nelson" stay; "Preston said" goes
                out.append(Finding(m.start(), m.end(), "PERSON", "PropagatedName", 0.8, original))
        if inits:
            body = "|".join(re.escape(i) for i in sorted(inits, key=len, reverse=True))
            for m in re.finditer(rf"(?<![\w&\-])(?:{body})(?![\w&\-])", view):
                # An initialism that is also an acronym ("TB") counts only where it acts like a person.
                if self.allowlist.is_acronym(m.group()) and not person_context(view, m.start(), m.end()):
                    continue
                out.append(Finding(m.start(), m.end(), "INITIALS", "PropagatedInitials", 0.75, m.group()))
            # With a middle initial the minutes never spelled out: Carl Dudley -> "CJD agreed".
            pairs = {i for i in inits if len(i) == 2 and i.isupper()}
            if pairs:
                body = "|".join(f"{i[0]}[A-Z]{i[1]}" for i in sorted(pairs))
                for m in re.finditer(rf"(?<![\w&\-])(?:{body})(?![\w&\-])", view):
                    strong = person_context(view, m.start(), m.end(), strong=True)
                    if strong or person_context(view, m.start(), m.end()) in ("alone in a cell", "after a name cue"):
                        out.append(Finding(m.start(), m.end(), "INITIALS", "PropagatedInitials", 0.7, m.group()))
        return out

    def register_findings(self, view: str) -> list[tuple[Finding, Identity]]:
        return [
            (Finding(s, e, "PLACE" if i.kind == "place" else "PERSON", "RegisterRecognizer", 1.0, view[s:e]), i)
            for s, e, i in self.register.find(view)
        ]

    def redact(self, text: str, findings: list[Finding], global_names: set[str]) -> Redacted:
        view = plain_view(text)
        known_parts = {p for n in global_names for p in name_parts(n, self.allowlist)}
        surnames = surname_parts(global_names, self.allowlist)
        kept = person_findings_kept(findings, view, self.allowlist, known_parts, text, surnames)
        kept += name_column_findings(text, self.allowlist)
        # A family's chosen pseudonym ("Alfie") already in the text is public, not a name to hide.
        kept = [f for f in kept if not (f.entity == "PERSON" and strip_title(f.text, self.allowlist) in self.labels)]
        names = global_names | full_names(kept, self.allowlist)
        kept = [keep_title(f, view, self.allowlist) for f in kept]
        reg = [(f, i) for f, i in self.register_findings(view) if not in_public_phrase(f, view, self.allowlist)]
        identity_of = {(f.start, f.end): i for f, i in reg}
        all_findings = [f for f, _ in reg] + kept + self.propagate(view, names)
        initials_owner = {i: n for n in names for i in initials_of(n)}
        clusters = merge(all_findings)
        return apply(text, view, clusters, lambda c: self.replacement_for(c, identity_of, initials_owner))

    def replacement_for(
        self, cluster: list[Finding], identity_of: dict[tuple[int, int], Identity], initials_owner: dict[str, str]
    ) -> str:
        longest = max(cluster, key=lambda f: (f.end - f.start, -PRIORITY.get(f.recognizer, 1)))
        if longest.entity in ("PERSON", "INITIALS", "PLACE"):
            for f in cluster:
                if (f.start, f.end) in identity_of:
                    return identity_of[(f.start, f.end)].replacement
        else:
            return MARKS.get(longest.entity, "[withheld]")  # "40 Marsh Lane" is an address, whoever Marsh is
        best = cluster[0]
        if best.entity == "INITIALS" and best.text in initials_owner:
            ident = self.register.identity_for(initials_owner[best.text])
            if ident is not None:
                return ident.replacement
        if best.entity in ("PERSON", "INITIALS"):
            ident = self.register.identity_for(strip_title(best.text, self.allowlist))
            if ident is not None and ident.kind != "place":
                return ident.replacement
        return MARKS.get(best.entity, "[withheld]")


def merge(findings: list[Finding]) -> list[list[Finding]]:
    """Group overlapping findings; each group is sorted best first (register, then score, then length)."""
    ordered = sorted(findings, key=lambda f: (f.start, -f.end))
    clusters: list[list[Finding]] = []
    end = -1
    for f in ordered:
        if clusters and f.start < end:
            clusters[-1].append(f)
            end = max(end, f.end)
        else:
            clusters.append([f])
            end = f.end
    return [sorted(c, key=lambda f: (PRIORITY.get(f.recognizer, 1), -(f.end - f.start), -f.score)) for c in clusters]


def apply(text: str, view: str, clusters: list[list[Finding]], choose) -> Redacted:
    """Replace each cluster's span in ``text``; markup inside the span (tags, ``**``) is kept."""
    tags = [m.span() for m in TAG.finditer(text)]
    pieces: list[str] = []
    audit: list[Replacement] = []
    pos = 0
    for cluster in clusters:
        start, end = min(f.start for f in cluster), max(f.end for f in cluster)
        replacement = choose(cluster)
        in_tag = any(s <= start < e for s, e in tags)
        if in_tag:
            replacement = html.escape(replacement, quote=True)
        pieces.append(text[pos:start])
        # Text fragments of the span are those the reader sees; markup between them stays.
        first = True
        i = start
        while i < end:
            j = i
            visible = (view[i] == text[i] and not view[i].isspace()) or (view[i].isspace() and text[i].isspace())
            while j < end and (
                ((view[j] == text[j] and not view[j].isspace()) or (view[j].isspace() and text[j].isspace())) == visible
            ):
                j += 1
            if visible:
                pieces.append(replacement if first else "")
                first = False
            else:
                pieces.append(text[i:j])
            i = j
        pos = end
        best = cluster[0]
        audit.append(
            Replacement(
                start,
                end,
                text.count("\n", 0, start) + 1,
                text[start:end],
                replacement,
                best.entity,
                "+".join(dict.fromkeys(f.recognizer for f in cluster)),
                best.score,
            )
        )
    pieces.append(text[pos:])
    return Redacted("".join(pieces), audit)
