"""Questions: what the gate cannot vouch for, asked of a person before anything is published.

Over every passage the site shows (``reading``) a question is raised for

* an **unknown word**: not a common English word (wordfreq), not a known public word or phrase,
  not approved; written in capitals or with a capital inside (``TZ``, ``MacRae``) unless a listed
  acronym; with digits in it (``AB1``, ``CR2025``) unless a number (``14th``, ``10am``); inside an
  e-mail address or a link, the whole address is asked about;
* a **name-word**: a word of the name gazetteers, capitalised, outside any public phrase. At the
  start of a sentence, heading, list item, table cell or link text the capital is the position's,
  so an ordinary word there ("Who we are", "Will the Board") is asked about only when the context
  says it is a name ("Dawn said", "Grace's mother"): ``data/questions.yaml`` gives the rule;
* a **person name** spaCy finds, unless one public phrase or replacement covers all of it;
* a **repeat**: a string the redactor replaced in this build (or a part of a replaced name), found
  again anywhere in the output;
* an **older date**: a full date more than two years before its document's own date.

Flagged words next to each other, and the titles and capitalised words around them, form one
question ("Cllr Beverley Huxtable"), so an answer covers the whole name.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from site_builder.gate.dates import full_dates
from site_builder.gate.memo import Memo, digest, gate_version, in_process
from site_builder.gate.patterns import shaped
from site_builder.gate.position import FUNCTION_WORDS, month_in_date, named_here, positional
from site_builder.gate.question import (
    Occurrence,
    Question,
    collect,
    merge,
    sentence,
    strip_possessive,
    trim,
    valid_spans,
)
from site_builder.gate.reading import Passage
from site_builder.gate.repeats import Alternatives, Patterns, Versions, remembered, texts_of
from site_builder.gate.spans import covers
from site_builder.gate.vocabulary import VERY_COMMON, WORD, Vocabulary, fold, settings, zipf

log = logging.getLogger(__name__)
COMPOUND = re.compile(r"(?:mailto:|tel:|https?://|www\.)\S+|[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.I)
SCHEMES = frozenset(("mailto", "http", "https", "www", "tel"))


_REPEATS: dict[str, Patterns] = {}
_ALTERNATIVES: dict[str, Alternatives] = {}


@dataclass
class Asker:
    """Raises the questions for one build."""

    vocab: Vocabulary
    ner: Callable[[list[str]], list[list[tuple[int, int]]]]
    replaced: list[str] = field(default_factory=list)
    doc_dates: dict[str, dt.date] = field(default_factory=dict)
    today: dt.date = field(default_factory=dt.date.today)
    #: The dates of the partnership's own documents (meetings, publication days): an index page
    #: listing an older meeting names a meeting, not a birthday.
    public_dates: frozenset[dt.date] = frozenset()

    def __post_init__(self) -> None:
        conf = settings()
        self.caps_max = int(conf.get("caps_max", 5))
        suffixes = "|".join(sorted(map(re.escape, conf.get("number_suffixes", [])), key=len, reverse=True))
        self.number = re.compile(rf"^\d+(?:[.,:]\d+)*(?:{suffixes})?$", re.I)
        self.old_days = int(conf.get("older_date_days", 730))
        self.person_verbs = frozenset(str(v) for v in conf.get("person_verbs", []))
        self._versions: dict[int, Versions] = {}

    @functools.cached_property
    def alternatives(self) -> Alternatives:
        """What is asked about again, worked out once in this process for the same vocabulary
        and replacements (:func:`site_builder.warm.warm_gate` does it while the generator runs)."""
        return in_process(_ALTERNATIVES, self.replaced_key, lambda: Alternatives.of(self.replaced, self.vocab))

    @functools.cached_property
    def repeats(self) -> Patterns:
        """The repeat matchers, made when a passage is first flagged (a remembered site needs none)."""
        return in_process(_REPEATS, self.replaced_key, self.alternatives.patterns)

    @functools.cached_property
    def replaced_key(self) -> str:
        return digest(gate_version(), self.vocab.fingerprint, sorted(self.replaced))

    def versions(self, memo: Memo) -> Versions:
        """Which remembered answers of ``memo`` stand under this build's replacements."""
        if id(memo) not in self._versions:
            self._versions[id(memo)] = Versions(memo, self.replaced_key, lambda: self.alternatives)
        return self._versions[id(memo)]

    @functools.cached_property
    def fingerprint(self) -> str:
        """What the questions depend on besides a passage and its page's date (for the memo)."""
        dates = sorted(d.isoformat() for d in self.public_dates)
        version = [gate_version(), self.vocab.fingerprint, self.today.isoformat(), dates]  # replacements: Versions
        return digest(*version, getattr(self.ner, "version", ""))

    def ask(self, passages: list[Passage]) -> list[Question]:
        return collect(self.occurrences(passages))

    def occurrences(self, passages: list[Passage], memo: Memo | None = None) -> list[Occurrence]:
        """Every flagged span of ``passages``, in order; with ``memo``, a passage whose text,
        page date and rules are unchanged is not worked out again."""
        keys = [self.passage_key(p) for p in passages] if memo is not None else []
        known: list[Any] = [None] * len(passages)
        versions = self.versions(memo) if memo is not None else None
        for i, key in enumerate(keys):  # remembered: [version of the alternatives, spans]
            assert memo is not None and versions is not None
            known[i] = remembered(memo.get(key), versions, texts_of([passages[i]]), valid_spans)
            if known[i] is not None:
                memo.put(key, [versions.version, known[i]])
        todo = [p.text for p, k in zip(passages, known, strict=True) if k is None and p.part != "search index"]
        texts = list(dict.fromkeys(todo))
        people = dict(zip(texts, self.ner(texts), strict=True))
        out: list[Occurrence] = []
        for i, p in enumerate(passages):
            spans = known[i]
            if spans is None:
                flagged = self.flags(p, people.get(p.text, []))
                spans = [[s, e, sorted(kinds)] for (s, e), kinds in flagged.items()]
                if memo is not None and versions is not None:
                    memo.put(keys[i], [versions.version, spans])
            for s, e, kinds in spans:
                out.append(Occurrence(p.page, p.text[s:e].strip(), sentence(p.text, s, e), p.part, frozenset(kinds)))
        return out

    def passage_key(self, p: Passage) -> str:
        date = self.doc_dates.get(p.page)
        return digest(self.fingerprint, p.page, p.part, p.text, list(p.starts), date.isoformat() if date else "")

    def flags(self, p: Passage, people: list[tuple[int, int]]) -> dict[tuple[int, int], set[str]]:
        """Merged spans of ``p.text`` that need a question, each with its kinds."""
        text = p.text
        known = self.vocab.known_spans(text)
        spans: list[tuple[int, int, str]] = []
        words = list(WORD.finditer(text))
        for i, m in enumerate(words):
            kind = self.word_kind(text, m, words, i, known, p.starts)
            if kind:
                spans.append((*self.widen(text, words, i, known), kind))
        if p.part != "search index":  # the index runs table cells and headings together: its
            # words are checked one by one, its names and shapes on the pages themselves
            for s, e in people:
                s, e = trim(text, s, e)
                if e > s and not self.vouched(text, s, e, known):
                    spans.append((s, e, "person name"))
            spans += list(shaped(text, self.vocab, known))
        for rx, kind in zip(self.repeats, ("repeat", "repeat"), strict=True):
            if rx is not None:
                spans += [(m.start(), m.end(), kind) for m in rx.finditer(text)]
        today = self.doc_dates.get(p.page, self.today)
        for s, e, when in full_dates(text, today):
            if when in self.public_dates:
                continue
            if (today - when).days > self.old_days and not covers(known, s, e):
                spans.append((s, e, "older date"))
        for m in COMPOUND.finditer(text):  # a flagged word inside an address: ask about the address
            inside = [sp for sp in spans if m.start() <= sp[0] and sp[1] <= m.end()]
            if inside and not covers(known, m.start(), m.end()):
                spans += [(m.start(), m.end(), k) for _, _, k in inside]
        return merge(spans)

    def vouched(self, text: str, s: int, e: int, known: list[tuple[int, int]]) -> bool:
        """A person span is vouched for when one known span covers it, or when every word of it
        lies in a known span and none is a title ("Mr Preston" is a person even in Preston)."""
        if covers(known, s, e):
            return True
        ws = list(WORD.finditer(text, s, e))
        if ws and all(zipf(fold(w.group())) >= VERY_COMMON and not self.vocab.is_name(w.group()) for w in ws):
            return True  # "Mum", "Email", "Young Person": very common words, none a name
        if len(ws) > 1 and fold(ws[0].group()).rstrip(".") in self.vocab.titles:
            return False  # "Mr Preston", "DCI Bolton": a title and a name, whatever the name's other use
        everything = list(WORD.finditer(text))
        at = {w.start(): i for i, w in enumerate(everything)}
        return bool(ws) and all(
            (
                w.group() in self.vocab.acronyms
                or len(w.group()) == 1
                or covers(known, w.start(), strip_possessive(w))
                or (w.group().isupper() and self.vocab.is_common(w.group()) and self.shouted(everything, at[w.start()]))
            )
            for w in ws
        )

    def word_kind(
        self,
        text: str,
        m: re.Match[str],
        words: list[re.Match[str]],
        i: int,
        known: list,
        starts: tuple[int, ...] = (),
    ) -> str:
        s, e = m.start(), strip_possessive(m)
        if covers(known, s, e):
            return ""
        w = m.group()
        if fold(w) in SCHEMES and text[m.end() : m.end() + 1] in (":", "."):
            return ""
        if w.isdigit() or self.number.match(w):
            return ""
        if any(c.isdigit() for c in w):
            return "unknown word"
        bare = re.sub(r"['’]s$", "", w)
        if len(bare) < 2 or bare in self.vocab.acronyms:
            return ""  # a listed acronym or short title, in its listed case ("Cllr", "DCI")
        capsy = (bare.isupper() and len(bare) <= self.caps_max) or (
            not bare.isupper() and any(c.isupper() for c in bare[1:])
        )
        if capsy and self.shouted(words, i):
            capsy = False  # a line in capitals: its words are read as words
        if capsy:
            return "" if bare in self.vocab.acronyms or bare.rstrip("s") in self.vocab.acronyms else "unknown word"
        if bare[0].isupper() and self.vocab.is_name(bare):
            if positional(text, s, starts) and not named_here(self.vocab, self.person_verbs, text, words, i, known):
                return ""  # "Will the Board...", "Who we are"; not "Dean Cross said...", "Dawn's mum"
            if month_in_date(words, i):
                return ""
            return "name-word"
        lower_name = bare.islower() and self.vocab.is_name(bare) and not self.vocab.is_also_word(bare)
        if lower_name and zipf(fold(bare)) < VERY_COMMON:
            return "name-word"  # a given name written in lower case ("bernie"), not a word
        if self.vocab.is_common(bare) or (bare.islower() and self.vocab.is_derived(bare)):
            return ""
        return "unknown word"

    def shouted(self, words: list[re.Match[str]], i: int) -> bool:
        """Is word ``i`` among capitals of ordinary words ("GAS HEATER IN USE")?"""
        near = [words[j].group() for j in range(max(0, i - 2), min(len(words), i + 3)) if j != i]
        return any(w.isupper() and len(w) >= 4 and self.vocab.is_common(w) for w in near)

    def widen(self, text: str, words: list[re.Match[str]], i: int, known: list) -> tuple[int, int]:
        """Grow a flagged word over the titles and capitalised words around it (a whole name)."""
        lo = hi = i

        def joinable(a: re.Match[str], b: re.Match[str]) -> bool:
            gap = text[a.end() : b.start()]
            if "." in gap and len(a.group()) > 2:
                return False  # "J. Smith" is one name, "Quay. If" is not
            return len(gap) <= 2 and gap.strip(" .-'’") == "" and "\n" not in gap

        def name_like(w: re.Match[str], left: bool) -> bool:
            t = w.group()
            if not t[0].isupper() or fold(t) in FUNCTION_WORDS:
                return False
            if left and fold(t).rstrip(".") in self.vocab.titles:
                return True
            inside_known = covers(known, w.start(), w.end())
            return not inside_known

        while lo - 1 >= 0 and i - lo < 3 and joinable(words[lo - 1], words[lo]) and name_like(words[lo - 1], True):
            lo -= 1
        while (
            hi + 1 < len(words)
            and hi - i < 3
            and joinable(words[hi], words[hi + 1])
            and name_like(words[hi + 1], False)
        ):
            hi += 1
        return words[lo].start(), words[hi].end()
