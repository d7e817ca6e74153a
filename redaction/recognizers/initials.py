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
from redaction.recognizers.cues import DASH_AFTER, LINE_START, WHO_AFTER

CANDIDATE = re.compile(
    r"(?<![\w&.\-])([A-Z][A-Z]{1,3}|[A-Z](?:Ma?c|[a-z]{1,2})?[A-Z][A-Z]?|[A-Z]-[A-Z]{1,3}|[A-Z]{1,2}O['’][A-Z])(?![\w&\-])"
)
VERBS = (
    "said|says|explained|confirmed|provided|noted|agreed|asked|gave|reported|presented|will|would|to|has|had|"
    "was|is|highlighted|advised|stated|raised|suggested|added|outlined|updated|informed|welcomed|thanked|queried|"
    "responded|described|shared|commented|emphasised|emphasized|felt|offered|questioned|clarified|acknowledged|"
    "proposed|reminded|observed|undertook|agreed|led|chaired|joined|left|attended|circulated|introduced|"
    "recommended|requested|summarised|summarized|replied|wondered|reflected|advised|assured|expressed|"
    "believed|considered|confirmed|gave|spoke|talked|took|made|set|sent|met|and|also|then|further"
)
DEFINITION = re.compile(r"((?:[A-Z][\w'’\-]*\s+(?:(?:and|of|for|the|in|on|to|&)\s+)*){1,8})\(\s*([A-Z]{2,6})\s*\)")
AFTER = re.compile(rf"[ \t]*(?:\)\s*)?(?:,\s*)?(?:{VERBS})\b")
CUE_BEFORE = re.compile(
    r"(?:\b(?:Action|Actions|Lead|Owner|By|Attendee|Apologies)\s*[:\-–]\s*"
    r"|\b(?:by|with|from|and|to|thanked)\s+)$",
    re.I,
)


REPORTING = re.compile(
    r"[ \t]*(?:\)\s*)?(?:,\s*)?(?:said|says|explained|confirmed|provided|noted|agreed|asked|gave|"
    r"reported|presented|highlighted|advised|stated|raised|suggested|added|outlined|updated|"
    r"informed|welcomed|thanked|queried|responded|described|shared|commented|emphasised|felt|"
    r"offered|questioned|clarified|acknowledged|proposed|reminded|observed|undertook|led|chaired|"
    r"recommended|requested|summarised|replied|reflected|assured|expressed|spoke|attended|"
    r"pointed|accepted|argued|warned|cautioned|challenged)\b"
)


def person_context(text: str, start: int, end: int, strong: bool = False) -> str | None:
    """Why the token at ``text[start:end]`` stands for a person, or None: "AM said", "(KW)",
    "Action: RM", "agreed with KW.", a cell of its own, "RP/SNB"."""
    before = text[max(0, start - 30) : start]
    rest = text[end : end + 40]
    if re.search(r"\b(?:the|a|an|our|their|its|this|each|per|of)\s+$", before, re.I):
        return None
    if strong:
        # For words that are also places, ordinary words or acronyms: a reporting verb, a possessive
        # role, or a list of initials ("CJD/SNB") will do; a bare cell or a bracket will not.
        if REPORTING.match(rest) or re.match(r"['’]s\s+(?:view|role|team)", rest):
            return "before a reporting verb"
        if APPOSITION.match(rest) or WHO_AFTER.match(rest):
            return "before a role in apposition"
        if PRONOUN_AFTER.match(rest):
            return "before a verb and he or she"  # "SW hoped that she could attend"
        if re.match(r"/[A-Z][A-Za-z]{1,3}\b", rest) or re.search(r"\b[A-Z][A-Za-z]{1,3}/$", before):
            return "in a list"
        return None
    if APPOSITION.match(rest) or WHO_AFTER.match(rest):
        return "before a role in apposition"  # "SW, the Designated Nurse, said"; "DA, who chairs"
    if PRONOUN_AFTER.match(rest):
        return "before a verb and he or she"
    if LINE_START.search(before) and DASH_AFTER.match(rest):
        return "owner of an action line"  # "- CP – report on the merged service"
    if before.endswith("(") and rest.startswith(")"):
        return "in brackets"
    if CUE_BEFORE.search(before) and re.match(r"\s*(?:[.,;:)/–-]|\n|and\b|to\b|$)", rest):
        return "after a name cue"
    if AFTER.match(rest):
        return "before a verb"
    if re.match(r"['’]s\s+(?:team|role|view|report|service|staff|department|behalf)\b", rest):
        return "possessive"
    if re.match(r"\s*&\s*[A-Z]", rest) or re.search(r"[A-Z]\.?\s*&\s*$", before):
        return "in a list"
    if re.search(r"(?:^|\n)[ \t]*$", before) and re.match(r"[ \t]*(?:\n|$)", rest):
        return "alone in a cell"
    if re.match(r"/[A-Z][A-Za-z]{1,3}\b", rest) or re.search(r"\b[A-Z][A-Za-z]{1,3}/$", before):
        return "in a list"
    if re.match(r"[ \t]*/[ \t]*[A-Z]", rest) or re.search(r"[A-Z][\w'’\-]*[ \t]*/[ \t]*$", before):
        return "in a list of people"  # "DCI Threlfall / Pip", "TW / LH"
    return None


# "SW hoped that she...", "DA thought he...": a verb, then he or she, in the same clause.
PRONOUN_AFTER = re.compile(r"[ \t]+[a-z]+(?:ed|s)[ \t]+(?:that[ \t]+)?(?:she|he|they)\b")
# "SW, the Designated Nurse," / "SW (Designated Nurse)": a role in apposition after the initials.
APPOSITION = re.compile(r",[ \t]+(?:the|our|their|a)[ \t]+(?:[A-Z][\w'’\-]*[ \t]+){0,4}[A-Z][\w'’\-]*[ \t]*[,)]")


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
