"""Dates of birth, found by their context ("DOB 14/02/2019", "born on 3 July 2021").

A date on its own is public (a meeting on 11 March 2024 stays); only a date introduced as a
date of birth is personal data.
"""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redaction.recognizers.base import RegexRecognizer

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DATE = (
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})"
    r"|\d{1,2} \d{1,2} (?:19|20)\d\d"
    rf"|\d{{1,2}}[\-/ ]{MONTH}[\-/ ](?:\d{{4}}|\d{{2}})"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?\s+\d{{4}}"
    rf"|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})"
)
INTRO = (
    r"(?:\bDOBs?\b|\bD\.O\.B\b\.?|\bd\.o\.b\b\.?|\bdates?\s+of\s+birth\b|\bbirth\s*dates?\b"
    r"|(?<![\w.])b\.(?=\s*\d)"
    r"|['’]s\s+birth\b(?:,?\s+on)?|\bborn\b(?:\s+(?:in|at)\s+[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,2})?(?:\s+on)?(?:\s+the)?)"
)


#: What every way of introducing a date of birth below holds (INTRO, LIST_INTRO, PREVIOUS_CUE):
#: a text without any is searched no further (the introduced-date pattern, tried at every
#: position of every page, took seconds of a cold build's gate).
CUES = re.compile(r"dob|d\.o\.b|birth|born|(?<![\w.])b\.\s*\d", re.I)
DATE_RX = re.compile(rf"(?<![\w/.\-]){DATE}(?![\w/\-])")
PREVIOUS_CUE = re.compile(r"\b(?:DOB|D\.O\.B|date\s+of\s+birth|birth\s*date)\b", re.I)
LIST_INTRO = re.compile(r"\b(?:dates\s+of\s+birth|DOBs|dates?\s+of\s+birth\s+of|birth\s*dates|born)\b|\bDOB\b", re.I)
CLAUSE_END = re.compile(r"[.!?](?:\s|$)|\n\s*\n|\)")
NEGATION = re.compile(r"\b(?:not|no|unknown|missing|never|without)\b", re.I)
SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n\s*\n")
# Words between the cue and the date: "date of birth on the referral was", "birth date recorded as".
FILLER = r"(?:[^.\n\d]{0,40}?\b(?i:is|was|as|of|on|reads?|shows?)\b)?"


class DateOfBirthRecognizer(RegexRecognizer):
    ENTITY = "DATE_OF_BIRTH"
    PATTERNS: ClassVar[list[tuple[str, str, float]]] = [
        ("introduced date", rf"(?i:{INTRO}){FILLER}[\s:=\-–(,]*(?:(?i:is|was|of)\s+)?(?P<x>{DATE})", 0.9),
    ]
    FLAGS = 0

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if not CUES.search(text):
            return []  # every pattern below starts at one of the cues: none, nothing to find
        results = super().analyze(text, entities, nlp_artifacts)
        found = {(r.start, r.end) for r in results}
        # "dates of birth (Robin: 2013-02-08; Alex: 2011-06-30)": every date in the clause after the intro.
        for intro in LIST_INTRO.finditer(text):
            clause = CLAUSE_END.search(text, intro.end())
            stop = min(clause.start() if clause else len(text), intro.end() + 160)
            for m in DATE_RX.finditer(text, intro.end(), stop):
                if (m.start(), m.end()) not in found:
                    found.add((m.start(), m.end()))
                    results.append(
                        RecognizerResult(
                            self.ENTITY,
                            m.start(),
                            m.end(),
                            0.85,
                            recognition_metadata={
                                "recognizer_name": type(self).__name__,
                                "pattern_name": "dates listed",
                            },
                        )
                    )
        # "We were given her date of birth. It is 14/03/2011.": a cue whose sentence holds no date
        # introduces the first date of the next sentence.
        for cue in PREVIOUS_CUE.finditer(text):
            end = SENTENCE_END.search(text, cue.end())
            if end is None or DATE_RX.search(text, cue.end(), end.start()):
                continue
            start = max(text.rfind(".", 0, cue.start()), text.rfind("\n", 0, cue.start()))
            if NEGATION.search(text, start + 1, end.start()):
                continue  # "The date of birth was not recorded."
            nxt = SENTENCE_END.search(text, end.end())
            stop = min(nxt.start() if nxt else len(text), end.end() + 160)
            date = DATE_RX.search(text, end.end(), stop)
            if date and date.span() not in found:
                found.add(date.span())
                results.append(self._result(date.start(), date.end(), "date after a cue in the sentence before"))
        return results

    def _result(self, start: int, end: int, pattern: str) -> RecognizerResult:
        return RecognizerResult(
            self.ENTITY,
            start,
            end,
            0.8,
            recognition_metadata={"recognizer_name": type(self).__name__, "pattern_name": pattern},
        )
