"""Initials standing for a person: "AM provided some examples", "(KW)", "Action: RM".

Acronyms are never initials: the acronym allowlist (MASH, SEND, CYPS, ICB, GP, ...) and any
acronym the text defines ("Customer First (CF)") are skipped. Initials of the names found in the
same document ("Tomasz Zieliński" -> "TZ") are added later by the redactor.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redaction.recognizers.base import RegexRecognizer
from redaction.text_rules.initials import person_context

CANDIDATE = re.compile(
    r"(?<![\w&.\-])([A-Z][A-Z]{1,3}|[A-Z](?:Ma?c|[a-z]{1,2})?[A-Z][A-Z]?|[A-Z]-[A-Z]{1,3}|[A-Z]{1,2}O['’][A-Z])(?![\w&\-])"
)
DEFINITION = re.compile(r"((?:[A-Z][\w'’\-]*\s+(?:(?:and|of|for|the|in|on|to|&)\s+)*){1,8})\(\s*([A-Z]{2,6})\s*\)")
DOTTED = re.compile(r"(?<![\w.])[A-Z]\.[ ]?[A-Z]\.(?:[ ]?[A-Z]\.)?(?![\w])")
SMALL = {"and", "of", "for", "the", "in", "on", "to", "&"}


class InitialsRecognizer(RegexRecognizer):
    ENTITY = "INITIALS"

    def defined_acronyms(self, text: str, person_spans: list[tuple[int, int]]) -> set[str]:
        """Acronyms the text defines: capitalised words followed by their initials in brackets."""
        found = set()
        for m in DEFINITION.finditer(text):
            words = [w for w in m.group(1).split() if w.lower() not in SMALL]
            acronym = m.group(2)
            letters = "".join(p[0] for w in words for p in w.split("-") if p)
            if acronym not in letters:
                continue  # the bracketed letters are not the initials of the words before them
            start = m.start(1)
            if any(s <= start < e or s < m.end(1) <= e for s, e in person_spans):
                continue  # "Kerry Lanham (KL)": a person's initials, not a definition
            found.add(acronym)
        return found

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        persons = [
            (e.start_char, e.end_char)
            for e in (nlp_artifacts.entities if nlp_artifacts else [])
            if e.label_ == "PERSON"
        ]
        defined = self.defined_acronyms(text, persons)
        results = []
        for m in DOTTED.finditer(text):
            if person_context(text, m.start(), m.end()):
                results.append(self._result(m.start(), m.end(), "dotted initials"))
        for m in CANDIDATE.finditer(text):
            token = m.group(1)
            if self.allowlist.is_acronym(token) or token in defined or token.upper() in defined:
                continue
            if token.isupper() and len(token) == 4:
                continue  # four capitals are far more often an acronym than initials
            pattern = person_context(text, m.start(), m.end())
            if pattern:
                results.append(
                    RecognizerResult(
                        self.ENTITY,
                        m.start(),
                        m.end(),
                        0.7,
                        recognition_metadata={"recognizer_name": type(self).__name__, "pattern_name": pattern},
                    )
                )
        return results

    def _result(self, start: int, end: int, pattern: str) -> RecognizerResult:
        return RecognizerResult(
            self.ENTITY,
            start,
            end,
            0.7,
            recognition_metadata={"recognizer_name": type(self).__name__, "pattern_name": pattern},
        )
