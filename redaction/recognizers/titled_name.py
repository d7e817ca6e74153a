"""A title or rank followed by a name: "DCI Whitfield", "Mrs O'Connell", "Cllr Beverley Huxtable".

The span includes the title, so "Dr Okonkwo" is replaced whole. Trailing words that are public
(roles, organisations, places) are not part of the name: "Named Nurse Practitioner" is no one.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redaction.allowlist import STOP_WORDS
from redaction.recognizers.base import RegexRecognizer

NAME_WORD = r"(?:[^\W\d_]['’]?)?[^\W\d_][\w'’\-]*"
# A line break inside a paragraph joins a name; a table-cell or tag boundary (" \n ") does not.
SEP = r"(?:[ \t]+|(?<=\S)\n(?=\S))"


class TitledNameRecognizer(RegexRecognizer):
    ENTITY = "PERSON"

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        pattern = re.compile(
            rf"(?<![\w])(?P<t>{self.allowlist.title_pattern})(?<!\w\w\w\.)(?P<n>(?:{SEP}{NAME_WORD}){{1,3}})"
        )
        results = []
        for m in pattern.finditer(text):
            words = list(re.finditer(NAME_WORD, m.group("n")))
            kept: list[re.Match[str]] = []
            for w in words:
                token = w.group()
                if not token[0].isupper() or self.allowlist.is_org_word(token) or token.lower() in STOP_WORDS:
                    break
                if kept and self.allowlist.is_common_word(token) and not self.allowlist.is_first_name(token):
                    break
                kept.append(w)
            if not kept:
                continue
            end = m.start("n") + kept[-1].end()
            results.append(
                RecognizerResult(
                    self.ENTITY,
                    m.start(),
                    end,
                    0.85,
                    recognition_metadata={"recognizer_name": type(self).__name__, "pattern_name": "title + name"},
                )
            )
        return results
