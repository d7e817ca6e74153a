"""Repeats: strings the redactor replaced in this build, found again in the output (the questions'
**repeat** kind, :mod:`site_builder.gate.questions`).

The replaced strings become two sets of alternatives: several words (any case, any spacing) and
single words or parts of replaced names (as written). A passage's questions depend on the build's
replacements only through the matches of these alternatives. So a remembered answer carries the
version of the alternatives it was worked out with, and stands under other alternatives when
none of those added or removed since matches anywhere in its text: an alternative that matches at
no position never wins at any position, and taking away one that matches nowhere changes no match.
A new name in one document then asks again only about the passages where a part of it stands.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from site_builder.gate.memo import Memo, digest
from site_builder.gate.position import FUNCTION_WORDS
from site_builder.gate.vocabulary import VERY_COMMON, WORD, fold, zipf

if TYPE_CHECKING:
    from site_builder.gate.vocabulary import Vocabulary

Patterns = tuple[re.Pattern[str] | None, re.Pattern[str] | None]
VERSION_OF, ALTERNATIVES = "repeats-version-of:", "repeats-alternatives:"


@dataclass(frozen=True)
class Alternatives:
    """What is asked about again: ``whole`` strings of several words, ``single`` words."""

    whole: frozenset[str]
    single: frozenset[str]

    @classmethod
    def of(cls, originals: Iterable[str], vocab: Vocabulary) -> Alternatives:
        """Replaced strings (several words: any case) and single words or parts of replaced names
        (as written: "Hope" is asked about, "hope" is not)."""
        whole, single = set(), set()
        for o in originals:
            o = " ".join(o.split())
            if len(o) < 2 or not any(c.isalpha() for c in o):
                continue
            ws = WORD.findall(o)
            if any(s == 0 and e == len(o) for s, e in vocab.partnership.spans(o)):
                continue  # the partnership says it is public, whatever the redactor took it for
            if len(ws) > 1 and not any(s == 0 and e == len(o) for s, e in vocab.known_spans(o)):
                whole.add(o)
            for w in ws:
                lw = fold(w)
                if len(w) < 2 or lw in vocab.titles or lw in FUNCTION_WORDS or w in vocab.acronyms:
                    continue
                if len(ws) == 1 and vocab.is_common(w) and not vocab.is_name(w):
                    continue  # an ordinary word the redactor took for a name ("Who"): not a name part
                if len(ws) > 1 and (len(w) < 3 or not w[0].isupper() or vocab.known_spans(w)):
                    continue
                if zipf(fold(w)) >= VERY_COMMON and not vocab.is_name(w):
                    continue  # "Who" of "Who Desmond": a word, not a part of the name
                single.add(w)
        return cls(frozenset(whole), frozenset(single - whole))

    @functools.cached_property
    def version(self) -> str:
        return digest(sorted(self.whole), sorted(self.single))

    def patterns(self) -> Patterns:
        return patterns_of(self.whole, self.single)

    def data(self) -> list[list[str]]:
        return [sorted(self.whole), sorted(self.single)]

    @classmethod
    def from_data(cls, data: Any) -> Alternatives | None:
        ok = isinstance(data, list) and len(data) == 2 and all(isinstance(p, list) for p in data)
        if not ok or not all(isinstance(s, str) for part in data for s in part):
            return None
        return cls(frozenset(data[0]), frozenset(data[1]))


def patterns_of(whole: Iterable[str], single: Iterable[str]) -> Patterns:
    """The matchers: longest first, whole words only; several words in any case and spacing."""
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(whole, key=len, reverse=True))
    palt = "|".join(re.escape(w) for w in sorted(single, key=len, reverse=True))
    return (
        re.compile(rf"(?<![\w])(?:{alt})(?![\w])", re.I) if alt else None,
        re.compile(rf"(?<![\w])(?:{palt})(?![\w])") if palt else None,
    )


class Versions:
    """The alternatives' versions an ask memo has seen, and whether an answer worked out under
    one of them stands under this build's (``current``: this build's alternatives, worked out
    only when a remembered answer has another version, or when none is remembered for ``key``,
    the digest of this build's replacements and vocabulary)."""

    def __init__(self, memo: Memo, key: str, current: Callable[[], Alternatives]) -> None:
        self.memo, self.key, self._current = memo, key, current
        self._since: dict[str, Patterns | None] = {}

    @functools.cached_property
    def version(self) -> str:
        known = self.memo.get(VERSION_OF + self.key)
        if isinstance(known, str) and Alternatives.from_data(self.memo.get(ALTERNATIVES + known)) is not None:
            return known
        alternatives = self._current()
        self.memo.put(VERSION_OF + self.key, alternatives.version)
        self.memo.put(ALTERNATIVES + alternatives.version, alternatives.data())
        return alternatives.version

    def stands(self, version: str, texts: Callable[[], list[str]]) -> bool:
        """Whether an answer worked out under ``version`` stands now for a passage (or page) of
        ``texts``: the same version, or none of the alternatives added or removed since matches."""
        if version == self.version:
            return True
        if version not in self._since:
            old = Alternatives.from_data(self.memo.get(ALTERNATIVES + version))
            now = self._current()
            self._since[version] = None if old is None else patterns_of(now.whole ^ old.whole, now.single ^ old.single)
        changed = self._since[version]
        if changed is None:
            return False
        return not any(p is not None and p.search(t) for p in changed for t in texts())


def remembered(entry: Any, versions: Versions, texts: Callable[[], list[str]], valid: Callable[[Any], bool]) -> Any:
    """The value of a remembered ``[version, value]`` entry when ``valid`` and standing for
    ``texts``, else None (a damaged entry is worked out again)."""
    if not (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str) and valid(entry[1])):
        return None
    return entry[1] if versions.stands(entry[0], texts) else None


def texts_of(passages: Iterable[Any]) -> Callable[[], list[str]]:
    """The texts of ``passages`` (anything with a ``text``), when asked for."""
    return lambda: [p.text for p in passages]
