"""Shared base for the project's recognisers.

Presidio passes one set of regex flags to every pattern recogniser; ours need their own (initials
are case-sensitive, postcodes are not), so each class compiles its ``PATTERNS`` with its ``FLAGS``
and checks its ``CONTEXT`` words itself, in a window of text before the match.
"""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redaction.allowlist import Allowlist


class RegexRecognizer(EntityRecognizer):
    """A recogniser made of class constants: ``ENTITY``, ``PATTERNS`` (name, regex, score),
    ``CONTEXT`` (words that must appear within ``CONTEXT_CHARS`` before the match, when
    ``CONTEXT_REQUIRED``) and ``FLAGS``. Subclasses refine matches in :meth:`validate_result`."""

    ENTITY: ClassVar[str] = ""
    PATTERNS: ClassVar[list[tuple[str, str, float]]] = []
    CONTEXT: ClassVar[list[str]] = []
    CONTEXT_REQUIRED: ClassVar[bool] = False
    CONTEXT_CHARS: ClassVar[int] = 40
    FLAGS: ClassVar[int] = 0

    def __init__(self, allowlist: Allowlist | None = None, **_: object) -> None:
        self.allowlist = allowlist or Allowlist.load()
        self._patterns = [(n, re.compile(p, self.FLAGS), s) for n, p, s in self.PATTERNS]
        self._context = (
            re.compile(r"(?<![\w])(?:" + "|".join(re.escape(c) for c in self.CONTEXT) + r")(?![\w])", re.I)
            if self.CONTEXT
            else None
        )
        super().__init__(supported_entities=[self.ENTITY], name=type(self).__name__, supported_language="en")

    def load(self) -> None:  # nothing to load: patterns are compiled in __init__
        pass

    def has_context(self, text: str, start: int) -> bool:
        if self._context is None:
            return False
        window = text[max(0, start - self.CONTEXT_CHARS) : start]
        return bool(self._context.search(window))

    def validate_result(self, text: str, match: re.Match[str]) -> bool:
        """Return False to drop a match (checksums, allowlists, ...)."""
        return True

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        for name, pattern, score in self._patterns:
            for m in pattern.finditer(text):
                start, end = m.span("x") if "x" in pattern.groupindex else m.span()
                if start == end:
                    continue
                if self.CONTEXT_REQUIRED and not self.has_context(text, m.start()):
                    continue
                if not self.validate_result(text, m):
                    continue
                results.append(
                    RecognizerResult(
                        self.ENTITY,
                        start,
                        end,
                        score,
                        recognition_metadata={"recognizer_name": type(self).__name__, "pattern_name": name},
                    )
                )
        return results
