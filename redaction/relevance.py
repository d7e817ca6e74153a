"""Which of a build's names can matter to one document.

A full name found anywhere in a build is looked for in every document (its parts, initials and
short forms: ``Redactor.propagate``), and so is a one-word name decided anywhere. A name none of
whose forms occurs in a document cannot change that document's redaction, so each document is
redacted with the names that can matter to it, and its cached redaction stays valid when a name
that cannot matter to it is added elsewhere (``redaction.redaction_cache``).

The test is deliberately wider than the matchers: a document's *keys* are its word tokens (folded,
lower case), its raw word tokens (for initials, which match in exact case), the outer letters of
its three-capital tokens (a middle initial: "CJD" for Carl Dudley) and its capitalised words (for
prefixes and suffixes of a given name). Every matcher's hit implies that all the keys of one of
the name's *requirements* are among the document's keys; a name is relevant when one requirement
is met. Nothing is assumed about how a name is written beyond what the matchers themselves use.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from redaction.allowlist import Allowlist
from redaction.decisions import CAPITALISED
from redaction.names import WORD, initials_of, short_forms
from redaction.register import fold_keep_length

TOKEN = re.compile(r"\w+")
Requirement = tuple[str, ...]


def doc_keys(view: str) -> frozenset[str]:
    """The keys of a document's plain-text view (see the module docstring)."""
    keys = {"w:" + t for t in TOKEN.findall(fold_keep_length(view))}
    raw = set(TOKEN.findall(view))
    keys |= {"r:" + t for t in raw}
    keys |= {"m:" + t[0] + t[2] for t in raw if len(t) == 3 and t.isupper()}
    keys |= {"c:" + m.group().lower() for m in CAPITALISED.finditer(view)}
    return frozenset(keys)


def _words(text: str) -> Requirement:
    return tuple(sorted({"w:" + t for t in TOKEN.findall(fold_keep_length(text))}))


def name_requirements(name: str, allowlist: Allowlist) -> set[Requirement]:
    """What a document must hold for ``name`` to be found in it by any matcher."""
    reqs: set[Requirement] = {_words(name)}  # the whole name
    for word in WORD.findall(name):  # its parts, hyphenated pieces included
        for piece in {word, *word.split("-")}:
            reqs.add(_words(piece))
    for form in short_forms(name, allowlist):  # "Pip" for Philippa
        reqs.add(_words(form))
    for init in initials_of(name):  # "AM", "A.M.", "J-P": exact case
        reqs.add(tuple(sorted({"r:" + t for t in TOKEN.findall(init)})))
        if len(init) == 2 and init.isupper():
            reqs.add(("m:" + init,))
    if words := name.split():  # prefixes and suffixes of the given name used as a person
        given = words[0].lower()
        for k in range(3, len(given)):
            reqs |= {("c:" + given[:k],), ("c:" + given[-k:],)}
    return {r for r in reqs if r}


class RelevanceIndex:
    """The names and one-word names of a build, indexed by the keys that make them relevant."""

    def __init__(self, names: Iterable[str], singles: Iterable[str], allowlist: Allowlist) -> None:
        self._by_key: dict[str, list[tuple[Requirement, str, bool]]] = defaultdict(list)
        for name in names:
            for req in name_requirements(name, allowlist):
                self._by_key[req[0]].append((req, name, False))
        for single in singles:
            req = _words(single)
            if req:
                self._by_key[req[0]].append((req, single, True))

    def for_doc(self, keys: frozenset[str]) -> tuple[set[str], set[str]]:
        """The full names and the one-word names that can matter to a document with ``keys``."""
        names: set[str] = set()
        singles: set[str] = set()
        for key in keys:
            for req, value, single in self._by_key.get(key, ()):
                if (value in singles if single else value in names) or not all(k in keys for k in req[1:]):
                    continue
                (singles if single else names).add(value)
        return names, singles
