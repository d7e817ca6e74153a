"""Given names from a gazetteer of names used by many communities in the UK (``data/names``).

spaCy's small model misses many names that are not Anglo ("Jonas Petrauskas", "Hawa Abdi",
"Mihaela Radu") and all names written in capitals ("DESMOND ALDRIDGE"). This recogniser finds:

* a known given name followed by up to two name words (any case style: Title, CAPITALS, diacritics,
  hyphens, apostrophes: "Sinead O'Halloran", "Beatriz Gonçalves", "Lily-Mae Tooley");
* a known given name on its own, when it is not also an ordinary English word ("Ruby"), or when it
  is one but acts as a person here ("Faith said", "Ivy's mother", "her daughter, Dawn").
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redaction.recognizers.base import RegexRecognizer
from redaction.text_rules.cues import acts_as_person

WORD = re.compile(r"(?:[^\W\d_]['’])?[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*")


POSSESSIVE = re.compile(r"['’]s$")
WITHOUT_POSSESSIVE = re.compile(r"[^\W\d_][\w'’\-]*?(?=['’]s\b)")


def _is_name_shaped(token: str) -> bool:
    return token[0].isupper() and (token.isupper() or not token[1:].isupper() or len(token) <= 3)


class NameGazetteerRecognizer(RegexRecognizer):
    ENTITY = "PERSON"

    def _given(self, token: str) -> bool:
        parts = token.split("-")
        return self.allowlist.is_first_name(token) or all(self.allowlist.is_first_name(p) for p in parts)

    def _surname(self, token: str, caps: bool) -> bool:
        if (
            not token[0].isupper()
            or (caps and not token.isupper())
            or (not caps and token.isupper() and len(token) > 1)
        ):
            return False
        return not (self.allowlist.is_org_word(token) or self.allowlist.is_common_word(token))

    def _followed_by_name(self, tokens: list[re.Match[str]], i: int, text: str) -> bool:
        if i + 1 >= len(tokens) or not re.fullmatch(r" +", text[tokens[i].end() : tokens[i + 1].start()]):
            return False
        nxt = tokens[i + 1].group()
        return self._surname(nxt, tokens[i].group().isupper()) and not self.allowlist.is_place(nxt)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        tokens = list(WORD.finditer(text))
        results = []
        i = 0
        while i < len(tokens):
            tok = tokens[i].group()
            if POSSESSIVE.search(tok) and not self._given(tok) and self._given(tok[:-2]):
                bare = WITHOUT_POSSESSIVE.match(text, tokens[i].start())  # "Ivy's mother": the name alone
                if bare is not None:
                    tokens[i], tok = bare, bare.group()
            if (
                not (_is_name_shaped(tok) and self._given(tok))
                or self.allowlist.is_org_word(tok)
                or (self.allowlist.is_place(tok) and not self._followed_by_name(tokens, i, text))
            ):
                i += 1
                continue
            caps = tok.isupper() and len(tok) > 1
            j = i
            while j + 1 < len(tokens) and j - i < 2:
                gap = text[tokens[j].end() : tokens[j + 1].start()]
                if not re.fullmatch(r" +|\n", gap) or not self._surname(tokens[j + 1].group(), caps):
                    break
                j += 1
            common = self.allowlist.is_common_word(tok)
            if j > i and not (common and j == i + 1 and self.allowlist.is_common_word(tokens[j].group())):
                results.append(self._result(tokens[i].start(), tokens[j].end(), 0.75, "given name + surname"))
            elif j == i and not common and not caps and len(tok) > 2:
                results.append(self._result(tokens[i].start(), tokens[i].end(), 0.6, "given name"))
            elif j == i and common and not caps and acts_as_person(text, tokens[i].start(), tokens[i].end()):
                # "Faith said", "Ivy's mother": a given name that is also a word, acting as a person
                results.append(self._result(tokens[i].start(), tokens[i].end(), 0.6, "word name acting as a person"))
            i = j + 1
        return results

    def _result(self, start: int, end: int, score: float, pattern: str) -> RecognizerResult:
        return RecognizerResult(
            self.ENTITY,
            start,
            end,
            score,
            recognition_metadata={"recognizer_name": type(self).__name__, "pattern_name": pattern},
        )
