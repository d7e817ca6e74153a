"""The words the gate can vouch for, read from the data files only (no redaction logic is reused).

* **Common English words**: ``wordfreq`` Zipf frequency at least ``common_zipf``
  (``site_builder/gate/data/questions.yaml`` explains the threshold).
* **Known public words and phrases**: ``redaction/data/allowlist/*.yaml`` (acronyms, legislation,
  organisations, places, roles and titles) and the partnership's own: ``partnership:`` and
  ``allowlist:`` in openness.yml, ``allowlist.yaml`` (answers given in ``openness review``), and the
  replacements the redactor wrote in this build (pseudonyms, roles, visible marks).
* **Name gazetteers**: the lists ``name_lists`` of ``questions.yaml`` names in
  ``redaction/data/names/`` (given names) and the short forms of ``nicknames.yaml``; the lists
  ``word_lists`` names (``common_words.txt``, ``function_words.txt``) say which are also words.
* **Titles**: ``titles`` of ``roles.yaml`` and the honorifics of ``vocabulary/honorifics.yaml``
  (public words themselves, and a sign that a name follows).

Phrases are matched case-insensitively, as whole words, by an index of first words; acronyms and
short titles only in the case they are listed in ("DI" is a rank, "Di" may be a name; "Dr" is a
title, "DR" may be someone's initials).
"""

from __future__ import annotations

import functools
import logging
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import redaction
from redaction.allowlist import fold
from redaction.errors import ConfigError
from redaction.schema import load_data
from site_builder.gate.spans import Spans

log = logging.getLogger(__name__)
DATA = Path(redaction.__file__).parent / "data"
SETTINGS = Path(__file__).parent / "data" / "questions.yaml"
PHRASE_KEYS = {
    "acronyms.yaml": ("acronyms",),
    "legislation.yaml": ("legislation",),
    "organisations.yaml": ("organisations", "organisation_words"),
    "places.yaml": ("places", "place_words"),
    "roles.yaml": ("roles",),  # its ``titles`` are read with the honorifics (tool_data)
}
PREFIXES = ("un", "re", "non", "pre", "over", "under", "mis", "dis", "co", "multi", "inter", "sub", "post")
SUFFIXES = (
    ("ied", "y"), ("ies", "y"), ("ied", "ie"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("d", ""),
    ("ers", ""), ("er", ""), ("er", "e"), ("ly", ""), ("ness", ""), ("ment", ""), ("able", ""), ("able", "e"),
    ("ised", "ise"), ("ises", "ise"), ("ising", "ise"), ("isation", "ise"), ("s", ""),
)  # fmt: skip
TOKEN = re.compile(r"[^\W_]+")
#: A word as the questions read it: letters and digits, with inner apostrophes ("Grace's").
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
VERY_COMMON = 4.5  # Zipf: about the 3,000 most frequent words (mum, email, person; not Jenkins 3.8)
SHORT_TITLE = 4  # titles this short ("Dr", "Cllr", "DI") are public only in their listed case


def tokens(text: str) -> list[tuple[str, int, int]]:
    return [(fold(m.group()), m.start(), m.end()) for m in TOKEN.finditer(text)]


def _yaml(path: Path) -> dict[str, Any]:
    data = load_data(path.read_text(encoding="utf-8")) if path.is_file() else None
    return data if isinstance(data, dict) else {}


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@functools.cache
def settings() -> dict[str, Any]:
    return _yaml(SETTINGS)


@functools.cache
def zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # imported when a word is first looked up (about 1 s)

    return float(zipf_frequency(word, "en"))


BRITISH = (
    (re.compile(r"is(e|ed|es|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"our(s|ed|ing|ite|ful)?$"), r"or\1"),
    (re.compile(r"tre(s)?$"), r"ter\1"),
    (re.compile(r"lful(ly)?$"), r"llful\1"),
    (re.compile(r"ogue(s)?$"), r"og\1"),
    (re.compile(r"yse(s|d)?$"), r"yze\1"),
)


def british(word: str) -> list[str]:
    """US spellings of a British word (wordfreq pools both, but ranks some by the US form)."""
    return [rx.sub(repl, word) for rx, repl in BRITISH if rx.search(word)]


@dataclass
class PhraseIndex:
    """Whole-word, case-insensitive phrase matching by the phrase's first word."""

    by_first: dict[str, list[tuple[str, ...]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, phrase: str) -> None:
        toks = tuple(t for t, _, _ in tokens(phrase))
        if toks and toks not in self.by_first[toks[0]]:
            self.by_first[toks[0]].append(toks)
            self.by_first[toks[0]].sort(key=len, reverse=True)

    def spans(self, text: str) -> list[tuple[int, int]]:
        toks = tokens(text)
        words = [t for t, _, _ in toks]
        out = []
        for i, (t, start, _) in enumerate(toks):
            for phrase in self.by_first.get(t, ()):
                if tuple(words[i : i + len(phrase)]) == phrase:
                    out.append((start, toks[i + len(phrase) - 1][2]))
                    break
        return out


@functools.cache
def theme_strings() -> tuple[str, ...]:
    """The theme's own interface text ("Initializing search", "Back to top"): the tool's words,
    read from the installed Material for MkDocs language file, never partnership content."""
    try:
        import material

        path = Path(material.__file__).parent / "templates" / "partials" / "languages" / "en.html"
        text = path.read_text(encoding="utf-8")
    except (ImportError, OSError):  # pragma: no cover - Material is a dependency
        return ()
    return tuple(m.group(1) for m in re.finditer(r'^\s*"[\w.]+":\s*"([^"#{}]+)"', text, re.M))


@functools.cache
def tool_data() -> tuple[PhraseIndex, frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Public phrases, exact-case acronyms, gazetteer names, names that are words, titles."""
    index = PhraseIndex()
    acronyms: set[str] = set()
    titles: set[str] = set()
    for fname, keys in PHRASE_KEYS.items():
        data = _yaml(DATA / "allowlist" / fname)
        for key in keys:
            for entry in data.get(key) or []:
                if key == "acronyms":
                    acronyms.add(str(entry))
                else:
                    index.add(str(entry))
    for phrase in [*theme_strings(), *(str(w) for w in settings().get("tool_words", []))]:
        index.add(phrase)
    honorifics = _yaml(DATA / "vocabulary" / "honorifics.yaml").get("honorifics") or []
    for entry in [*(_yaml(DATA / "allowlist" / "roles.yaml").get("titles") or []), *honorifics, *extra_titles()]:
        title = str(entry)  # "Cllr", "DCI", "Chief Inspector": public words, and a sign a name follows
        titles.add(fold(title).rstrip("."))
        if len(title.rstrip(".")) <= SHORT_TITLE and " " not in title:
            acronyms.update((title, title.rstrip(".")))  # in its own case: "Dr" is public, "DR" initials
        else:
            index.add(title)
    names_dir = DATA / "names"
    names = {fold(n) for f in settings().get("name_lists", []) for n in _lines(_listed(names_dir / str(f)))}
    nick = _yaml(names_dir / "nicknames.yaml").get("nicknames") or {}
    for full, short in nick.items():
        names |= {fold(str(full)), *(fold(str(s)) for s in short or [])}
    common = {fold(w) for f in settings().get("word_lists", []) for w in _lines(_listed(names_dir / str(f)))}
    return index, frozenset(acronyms), frozenset(names), frozenset(common), frozenset(titles)


def _listed(path: Path) -> Path:
    """A data file questions.yaml names: missing, the gate would silently know fewer names."""
    if not path.is_file():
        raise ConfigError("is named in the gate's questions.yaml but does not exist", file=path)
    return path


def extra_titles() -> list[str]:
    return [str(t) for t in settings().get("extra_titles", [])]


@dataclass
class Vocabulary:
    """Everything the gate accepts without asking, for one project and one build."""

    public: PhraseIndex
    acronyms: frozenset[str]
    names: frozenset[str]
    name_words: frozenset[str]
    titles: frozenset[str]
    common_zipf: float
    exact: set[str] = field(default_factory=set)  # public contacts and other exact strings
    partnership: PhraseIndex = field(default_factory=PhraseIndex)  # the partnership's own words
    inputs: list[list[str]] = field(default_factory=list)  # what it was made from (fingerprint)

    @classmethod
    def load(cls, partnership: Iterable[str] = (), exact: Iterable[str] = ()) -> Vocabulary:
        base, acronyms, names, name_words, titles = tool_data()
        index = PhraseIndex(defaultdict(list, {k: list(v) for k, v in base.by_first.items()}))
        extra_acronyms = set(acronyms)
        own = PhraseIndex()
        partnership, exact = list(partnership), list(exact)
        for term in partnership:
            term = term.strip()
            if not term:
                continue
            index.add(term)
            own.add(term)
            if term.isupper() or any(c.isupper() for c in term[1:]):
                extra_acronyms.add(term)
        threshold = float(settings().get("common_zipf", 3.0))
        inputs = [list(partnership), sorted(exact)]
        return cls(index, frozenset(extra_acronyms), names, name_words, titles, threshold, set(exact), own, inputs)

    def add_public(self, terms: Iterable[str]) -> None:
        terms = list(terms)
        self.inputs.append(sorted(set(terms)))  # what is public, not how often it was written
        for t in terms:
            if t.strip():
                self.public.add(t)

    @property
    def fingerprint(self) -> list[list[str]]:
        """What the vocabulary was made from (the packaged data is part of the gate's version)."""
        return self.inputs

    def known_spans(self, text: str) -> Spans:
        spans = Spans(self.public.spans(text))
        for e in self.exact:
            spans += [m.span() for m in re.finditer(re.escape(e), text, re.I)]
        return spans

    def is_common(self, word: str) -> bool:
        """A common English word (its plural or possessive too), by wordfreq."""
        w = fold(word)
        if zipf(w) >= self.common_zipf or any(zipf(v) >= self.common_zipf for v in british(w)):
            return True
        for suffix in ("'s", "s", "es"):
            if w.endswith(suffix) and len(w) - len(suffix) >= 3 and zipf(w[: -len(suffix)]) >= self.common_zipf:
                return True
        return False

    def is_derived(self, word: str) -> bool:
        """A lower-case word made of a common one: telephoned, chronologies, unread, childminders.
        Only for words written in lower case: a capitalised 'Underwood' is not under + wood."""
        w = fold(word)
        if len(w) < 5:
            return False
        stems = [w[len(p) :] for p in PREFIXES if w.startswith(p)]
        for suffix, repl in SUFFIXES:
            if w.endswith(suffix):
                stems.append(w[: -len(suffix)] + repl)
        stems += [s[len(p) :] for s in list(stems) for p in PREFIXES if s.startswith(p)]
        if any(len(s) >= 3 and self.is_common(s) for s in stems):
            return True
        return any(
            self.is_common(w[:i]) and self.is_common(w[i:]) and zipf(w[:i]) >= 4 and zipf(w[i:].rstrip("s")) >= 3.5
            for i in range(3, len(w) - 2)
        )

    def is_name(self, word: str) -> bool:
        w = fold(word)
        return w in self.names or (w.endswith("'s") and w[:-2] in self.names)

    def is_also_word(self, word: str) -> bool:
        """A given name that is also an ordinary word (Will, Hope, May): ``common_words.txt`` and
        ``function_words.txt`` (``word_lists`` in questions.yaml)."""
        w = fold(word).removesuffix("'s")
        return w in self.name_words
