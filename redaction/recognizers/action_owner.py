"""Action owners written as a name and an initial, in any case: "Action: dawn h.", "| Faith H. |",
"cliff y. / RP", "j. hartley", "- g.parry – update the log". Minute-takers write owners this way
in action logs; the gazetteer and the model miss them in lower case or when the name is a word."""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redaction.allowlist import STOP_WORDS
from redaction.recognizers.base import RegexRecognizer
from redaction.text_rules.cues import DASH_AFTER, LINE_START, NAME_AND_INITIAL, OWNER_CUE

CANDIDATE = re.compile(rf"(?<![\w.])(?P<x>{NAME_AND_INITIAL})")


class ActionOwnerRecognizer(RegexRecognizer):
    ENTITY = "PERSON"

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = []
        for m in CANDIDATE.finditer(text):
            word = max(re.split(r"[ \t.]+", m.group("x")), key=len)
            if word.lower() in STOP_WORDS or self.allowlist.is_public_word(word):
                continue
            before = text[max(0, m.start() - 30) : m.start()]
            after = text[m.end() : m.end() + 3]
            alone = re.search(r"(?:^|\n)[ \t]*$", before) and re.match(r"[ \t]*(?:\n|$)", after)
            listed = re.search(r"[/,&][ \t]*$", before) or re.match(r"[ \t]*[/&]", after)
            leads = LINE_START.search(before) and DASH_AFTER.match(text, m.end())
            if OWNER_CUE.search(before) or alone or listed or leads or self.allowlist.is_first_name(word):
                results.append(
                    RecognizerResult(
                        self.ENTITY,
                        m.start("x"),
                        m.end("x"),
                        0.9,
                        recognition_metadata={
                            "recognizer_name": type(self).__name__,
                            "pattern_name": "name and initial",
                        },
                    )
                )
        return results
