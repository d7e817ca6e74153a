"""A name introduced by a naming cue: "known as Jay", "known to outreach workers as "Lu"",
"likes to be called Becks", "preferred name: Kit", "goes by Tee". A quoted word counts in any case.
A public word, a title or a pseudonym label ("known as Adult F") is not a name."""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redaction.allowlist import STOP_WORDS
from redaction.recognizers.base import RegexRecognizer
from redaction.text_rules.cues import NAMING_CUE
from redaction.vocabulary import pseudonym_vocabulary


class NamingCueRecognizer(RegexRecognizer):
    ENTITY = "PERSON"

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        labels = {w.split()[0] for w in pseudonym_vocabulary().labels}
        results = []
        for m in NAMING_CUE.finditer(text):
            group = "quoted" if m.group("quoted") else "plain"
            word = m.group(group)
            if group == "plain" and re.match(r"[ \t]+[A-Z]", text[m.end(group) : m.end(group) + 2]):
                continue  # "known as Operation Quarry", "known as Making Safeguarding Personal": a title
            if (
                word.lower() in STOP_WORDS
                or word in labels
                or self.allowlist.is_public_word(word)
                or (word.isupper() and self.allowlist.is_acronym(word))
            ):
                continue
            results.append(
                RecognizerResult(
                    self.ENTITY,
                    m.start(group),
                    m.end(group),
                    0.9,  # above the model's 0.85: the engine keeps one finding per span
                    recognition_metadata={"recognizer_name": type(self).__name__, "pattern_name": "naming cue"},
                )
            )
        return results
