"""Turn a document and its findings into redacted Markdown and an audit of every replacement.

Analysis (cached) says where names and identifiers may be; this module decides. It
1. drops person findings that sit inside public phrases or are made of public words only;
2. adds every variant of every registered person and place (even where the NER saw nothing);
3. propagates names: each part of a full name found anywhere in the build, and its initials, is
   found again wherever it stands alone ("Vesey", "MV");
4. merges overlapping findings and replaces each with a pseudonym, a role or a visible mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from redaction.abbreviations import document_abbreviations
from redaction.allowlist import STOP_WORDS, Allowlist, fold
from redaction.apply import MARKS, PRIORITY, Redacted, Replacement, apply, merge
from redaction.context import ambiguous_part, in_quotes, used_publicly
from redaction.decisions import (
    decided_singles,
    email_names,
    one_decision,
    place_use_of_surname,
    short_form_findings,
)
from redaction.engine import Finding
from redaction.filters import in_public_phrase, keep_title, person_findings_kept
from redaction.markdown_view import plain_view, url_spans
from redaction.names import (
    full_names,
    initials_of,
    name_column_findings,
    name_parts,
    short_forms,
    strip_title,
    surname_parts,
)
from redaction.public_terms import PublicSpans, honour_public
from redaction.readability import RepeatedRelations
from redaction.register import Identity, Register, fold_keep_length
from redaction.relevance import RelevanceIndex, doc_keys
from redaction.schools import school_findings
from redaction.text_rules.cues import in_a_date
from redaction.text_rules.initials import person_context
from redaction.trie import trie_pattern

__all__ = [
    "MARKS",
    "Redacted",
    "Redactor",
    "Replacement",
    "full_names",
    "name_column_findings",
    "person_findings_kept",
]


@dataclass(frozen=True)
class NamesIndex:
    wholes: re.Pattern[str] | None
    parts: re.Pattern[str] | None
    initials: re.Pattern[str] | None
    middle: re.Pattern[str] | None
    ambiguous: set[str]
    surnames: set[str]
    known_parts: set[str]
    owners: dict[str, frozenset[str]]  # initials -> every full name written with them
    short: re.Pattern[str] | None


class Redactor:
    def __init__(self, register: Register, allowlist: Allowlist) -> None:
        self.register = register
        self.allowlist = allowlist
        self.labels = {i.replacement for i in register.identities if i.kind == "declared" and "[" not in i.replacement}
        self._index_cache: dict[frozenset[str], NamesIndex] = {}
        self._relations = RepeatedRelations(self.labels)
        self.repeatable = sorted({i.replacement for i in register.identities if i.kind != "place"}, key=len)
        self._title_before = re.compile(rf"(?<![\w]){allowlist.title_pattern}[ \t]+$")
        self.declared_givens = {
            w[0] for i in register.identities if i.kind == "declared" and (w := strip_title(i.name, allowlist).split())
        }

    def lower_case_counts(self, view: str, pos: int, word: str, urls: list[tuple[int, int]] | None) -> bool:
        """Whether a known name part written in lower case is the name: a given name ("mihaela"), or
        any part inside a quoted message or an address; an ordinary word only there and if it is not
        short ("devon u need to..." but not "i hope")."""
        if fold(word) in STOP_WORDS:
            return False
        quoted = in_quotes(view, pos) or any(s <= pos < e for s, e in urls or ())
        if self.allowlist.is_common_word(word):
            return quoted and len(word) >= 5
        return self.allowlist.is_first_name(word) or quoted

    def public_spans(
        self, text: str, view: str, terms: frozenset[str] = frozenset(), names: frozenset[str] = frozenset()
    ) -> PublicSpans:
        """What is public in this document: ``terms`` (a review's labels and pseudonyms), the
        abbreviations it defines or implies (never the initials of a full name in ``names``) and
        the partnership's own allowlist entries."""
        defined, implied = document_abbreviations(text, view, self.allowlist)
        named = set(self._names_index(names).owners)
        return PublicSpans.find(view, terms | defined | (implied - named), self.allowlist)

    def names_in(self, text: str, findings: list[Finding], terms: frozenset[str] = frozenset()) -> set[str]:
        """The full names one document holds (they are looked for in every document of the build)."""
        return self.decisions_in(text, findings, terms)[0]

    def decisions_in(
        self, text: str, findings: list[Finding], terms: frozenset[str] = frozenset()
    ) -> tuple[set[str], set[str]]:
        """The full names and the one-word names one document decided on (including the names
        inside its e-mail addresses); both are looked for in every document of the build. What is
        public in the document (``terms``, its defined abbreviations, the allowlist) never counts."""
        view = plain_view(text)
        kept = person_findings_kept(findings, view, self.allowlist, set(), text)
        kept = honour_public(
            kept + name_column_findings(text, self.allowlist),
            view,
            self.public_spans(text, view, terms),
            self.allowlist,
            set(),
        )
        full, single = email_names(findings, self.allowlist)
        return full_names(kept, self.allowlist) | full, decided_singles(kept, self.allowlist, self.labels) | single

    def redact_all(
        self,
        texts: list[str],
        analyses: list[list[Finding]],
        kinds: list[str] | None = None,
        terms: list[frozenset[str]] | None = None,
    ) -> list[Redacted]:
        """Redact a whole build: names found in any document are looked for in all of them (each
        document with the names that can matter to it: ``redaction.relevance``).
        ``kinds`` says which texts are reviews (where a named school identifies the child);
        ``terms`` are the words public in each text (a review's labels and pseudonyms)."""
        terms = terms or [frozenset()] * len(texts)
        decided = [self.decisions_in(t, f, p) for t, f, p in zip(texts, analyses, terms, strict=True)]
        index = RelevanceIndex(
            set().union(*(n for n, _ in decided)), set().union(*(s for _, s in decided)), self.allowlist
        )
        kinds = kinds or ["minutes"] * len(texts)
        out = []
        for text, findings, kind, public in zip(texts, analyses, kinds, terms, strict=True):
            names, singles = index.for_doc(doc_keys(plain_view(text)))
            out.append(self.redact(text, findings, names, kind, singles, public))
        return out

    def _names_index(self, names: frozenset[str]) -> NamesIndex:
        """Everything derived from a set of full names, computed once per set (the set is the same
        for almost every document of a build)."""
        cached = self._index_cache.get(names)
        if cached is not None:
            return cached
        parts: set[str] = set()
        inits: set[str] = set()
        for n in names:
            parts |= name_parts(n, self.allowlist)
            inits |= initials_of(n)
        wholes = [n for n in names if len(n.split()) >= 2]
        pairs = {i for i in inits if len(i) == 2 and i.isupper()}
        shorts = {f for n in names for f in short_forms(n, self.allowlist)}

        def rx(body: str, edge: str = r"\w") -> re.Pattern[str] | None:
            return re.compile(rf"(?<![{edge}])(?:{body})(?![{edge}])") if body else None

        index = NamesIndex(
            wholes=rx(trie_pattern(fold_keep_length(n) for n in wholes)) if wholes else None,
            parts=rx("|".join(re.escape(fold_keep_length(p)) for p in sorted(parts, key=len, reverse=True))),
            initials=rx("|".join(re.escape(i) for i in sorted(inits, key=len, reverse=True)), r"\w&\-"),
            middle=rx("|".join(f"{i[0]}[A-Z]{i[1]}" for i in sorted(pairs)), r"\w&\-"),
            ambiguous={p for p in parts if ambiguous_part(p, self.allowlist)},
            surnames=surname_parts(names, self.allowlist),
            known_parts=parts,
            owners=_owners(names),
            short=rx("|".join(re.escape(f) for f in sorted(shorts - parts, key=len, reverse=True))),
        )
        if len(self._index_cache) > 8:
            self._index_cache.clear()
        self._index_cache[names] = index
        return index

    def propagate(self, view: str, names: set[str], urls: list[tuple[int, int]] | None = None) -> list[Finding]:
        idx = self._names_index(frozenset(names))
        out = []
        folded = fold_keep_length(view)
        if idx.wholes:
            for m in idx.wholes.finditer(folded):
                out.append(Finding(m.start(), m.end(), "PERSON", "PropagatedName", 0.85, view[m.start() : m.end()]))
        if idx.parts:
            for m in idx.parts.finditer(folded):
                original = view[m.start() : m.end()]
                if not original[0].isupper() and not self.lower_case_counts(view, m.start(), original, urls):
                    continue
                if in_a_date(view, m.start(), m.end()):
                    continue  # "10 June 2025", though a June Heath attended
                ambiguous = original in idx.ambiguous
                if (
                    ambiguous or original in idx.surnames or not self.allowlist.is_first_name(original)
                ) and used_publicly(view, m.start(), m.end(), self.allowlist, strict=not ambiguous):
                    continue  # "County Hall, Preston" and "in Nelson" stay; "Preston said" goes
                if in_public_phrase(Finding(m.start(), m.end(), "PERSON", "", 0, original), view, self.allowlist):
                    continue  # "Sarah's Law", though a Sarah Okafor attended
                out.append(Finding(m.start(), m.end(), "PERSON", "PropagatedName", 0.8, original))
        if idx.short:  # "Pip said", "thanks to Becky and the team": a short form where it acts as a person
            for m in idx.short.finditer(view):
                if person_context(view, m.start(), m.end()):
                    out.append(Finding(m.start(), m.end(), "PERSON", "PropagatedShortForm", 0.7, m.group()))
        if idx.initials:
            for m in idx.initials.finditer(view):
                # An initialism that is also an acronym ("TB") counts only where it acts like a person.
                if self.allowlist.is_acronym(m.group()) and not person_context(view, m.start(), m.end()):
                    continue
                out.append(Finding(m.start(), m.end(), "INITIALS", "PropagatedInitials", 0.75, m.group()))
        if idx.middle:  # with a middle initial the minutes never spelled out: Carl Dudley -> "CJD agreed"
            for m in idx.middle.finditer(view):
                strong = person_context(view, m.start(), m.end(), strong=True)
                if strong or person_context(view, m.start(), m.end()) in ("alone in a cell", "after a name cue"):
                    out.append(Finding(m.start(), m.end(), "INITIALS", "PropagatedInitials", 0.7, m.group()))
        return out

    def register_findings(self, view: str) -> list[tuple[Finding, Identity]]:
        return [
            (Finding(s, e, "PLACE" if i.kind == "place" else "PERSON", "RegisterRecognizer", 1.0, view[s:e]), i)
            for s, e, i in self.register.find(view, quoted=lambda pos: in_quotes(view, pos))
        ]

    def redact(
        self,
        text: str,
        findings: list[Finding],
        global_names: set[str],
        kind: str = "minutes",
        global_singles: set[str] | None = None,
        terms: frozenset[str] = frozenset(),
    ) -> Redacted:
        view = plain_view(text)
        public = self.public_spans(text, view, terms, frozenset(global_names))
        known = self._names_index(frozenset(global_names))
        urls = url_spans(text)
        kept = person_findings_kept(findings, view, self.allowlist, known.known_parts, text, known.surnames)
        # In an address or an id only known names count: the model's guesses there ("img x png") do not.
        kept = [f for f in kept if f.entity not in ("PERSON", "INITIALS") or not any(s <= f.start < e for s, e in urls)]
        kept += name_column_findings(text, self.allowlist)
        if kind == "review":  # a review is about one family: the school it names is theirs
            kept += school_findings(view, self.allowlist)
        # A family's chosen pseudonym ("Alfie") already in the text is public, not a name to hide.
        kept = [f for f in kept if not (f.entity == "PERSON" and strip_title(f.text, self.allowlist) in self.labels)]
        kept = honour_public(kept, view, public, self.allowlist, set())
        emailed, emailed_single = email_names(findings, self.allowlist)
        names = global_names | full_names(kept, self.allowlist) | emailed
        givens = {w[0] for n in names if (w := n.split())} | self.declared_givens
        kept += short_form_findings(view, givens, self.allowlist, self.labels)
        kept = honour_public(kept, view, public, self.allowlist, set())
        singles = decided_singles(kept, self.allowlist, self.labels) | emailed_single
        kept = [keep_title(f, view, self.allowlist) for f in kept]
        reg = [
            (f, i)
            for f, i in self.register_findings(view)
            if not in_public_phrase(f, view, self.allowlist) and not place_use_of_surname(f, i, view, self.allowlist)
        ]
        identity_of = {(f.start, f.end): i for f, i in reg}
        all_findings = [f for f, _ in reg] + kept + self.propagate(view, names, urls)
        all_findings += one_decision(
            view,
            (singles, (global_singles or set()) - singles),
            self._names_index(frozenset(names)).known_parts,
            self.allowlist,
            lambda pos, word: self.lower_case_counts(view, pos, word, urls),
        )
        # Labels, pseudonyms, defined abbreviations, allowlist entries and public contacts stay.
        all_findings = honour_public(all_findings, view, public, self.allowlist, set(identity_of))
        initials_owner = self._names_index(frozenset(names)).owners
        clusters = [self.with_title(c, view, identity_of) for c in merge(all_findings)]
        red = apply(text, view, clusters, lambda c: self.replacement_for(c, identity_of, initials_owner), urls)
        red.text = self._relations.drop(red.text)
        for label in self.repeatable:  # "the Designated Doctor (the Designated Doctor)" -> once
            if f"{label} ({label})" in red.text:
                red.text = red.text.replace(f"{label} ({label})", label)
        return red

    def with_title(
        self, cluster: list[Finding], view: str, identity_of: dict[tuple[int, int], Identity]
    ) -> list[Finding]:
        """A register replacement (a role, a pseudonym) takes the title before the name with it:
        "DI Joanna Prewitt" -> "the Detective Inspector", not "DI the Detective Inspector"."""
        if not any((f.start, f.end) in identity_of for f in cluster):
            return cluster
        start = min(f.start for f in cluster)
        m = self._title_before.search(view, max(0, start - 40), start)
        if not m:
            return cluster
        return [
            *cluster,
            Finding(m.start(), start, cluster[0].entity, "TitleOfRegistered", 1.0, view[m.start() : start]),
        ]

    def replacement_for(
        self,
        cluster: list[Finding],
        identity_of: dict[tuple[int, int], Identity],
        initials_owner: dict[str, frozenset[str]],
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
            # Initials that several people share stand for no one in particular: no one's label.
            idents = [self.register.identity_for(n) for n in initials_owner[best.text]]
            labels = {i.replacement if i is not None else None for i in idents}
            if len(labels) == 1 and (label := labels.pop()) is not None:
                return label
        if best.entity in ("PERSON", "INITIALS"):
            ident = self.register.identity_for(strip_title(best.text, self.allowlist))
            if ident is not None and ident.kind != "place":
                return ident.replacement
        return MARKS.get(best.entity, "[withheld]")


def _owners(names: frozenset[str]) -> dict[str, frozenset[str]]:
    """Initials -> the full names that can be written with them."""
    out: dict[str, set[str]] = {}
    for n in names:
        for i in initials_of(n):
            out.setdefault(i, set()).add(n)
    return {i: frozenset(ns) for i, ns in out.items()}
