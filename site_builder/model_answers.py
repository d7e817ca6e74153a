"""What a process with the language models loaded answers (issue 14): the process a build forks
(:mod:`site_builder.prestart`) and the model server kept between builds
(:mod:`site_builder.model_server`) run this same code over the texts they are sent."""

from __future__ import annotations

from typing import Any

from redaction.allowlist import Allowlist
from redaction.memo import digest

#: The reply when the work raised: the caller does it itself, and reports the error.
FAILED = "failed"


class Models:
    """What the process has loaded, and the answer to each kind of request (any error: FAILED,
    and the caller does the work itself and reports it)."""

    def __init__(self) -> None:
        from redaction.analyzer import Analyzer

        self.analyzer = Analyzer()  # the analysis is asked for first: the gate's modules load after it
        self.matchers: dict[str, Allowlist] = {}

    def phrase_matcher(self, phrases: list[str], contacts: list[str]) -> Allowlist:
        """An allowlist with these public phrases and contacts, its matchers compiled once (the
        model server keeps them for the builds after: compiling them takes half a second)."""
        key = digest(phrases, contacts)
        if key not in self.matchers:
            while len(self.matchers) >= 4:
                self.matchers.pop(next(iter(self.matchers)))
            self.matchers[key] = Allowlist(phrases=list(phrases), public_contacts=list(contacts))
        return self.matchers[key]

    @staticmethod
    def load_gate() -> None:
        """The gate's NER model (loaded on first use otherwise)."""
        from site_builder.gate import names

        names.ner_model()

    def answer(self, kind: str, payload: Any, caller: dict[str, Any]) -> Any:
        """The reply to one request. ``caller`` holds what one caller's requests share: the
        identifier recognisers built from the allowlist sent with its first identifiers request."""
        try:
            from site_builder.gate import identifiers, names

            if kind == "analyse":
                return self.analyzer.analyse(payload)
            if kind == "persons":
                return names.read_persons(payload)
            if kind == "protected":
                phrases, text = payload
                if phrases is not None:  # sent with the first text
                    caller["phrases"] = self.phrase_matcher(*phrases)
                return [list(span) for span in caller["phrases"].phrase_spans(text)]
            allowlist, text = payload
            if allowlist is not None:  # sent with the first text
                caller["recognizers"] = identifiers.identifier_recognizers(allowlist)
            return identifiers.raw_matches(caller.get("recognizers", []), text)
        except Exception:
            return FAILED
