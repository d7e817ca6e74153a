"""The review queue: the open questions of the last build and the redacted documents they come from.

A build saves, privately in ``.openness/`` (git-ignored, never published):

* ``questions.json``: the questions it asked (``site_builder.gate.ask``);
* ``review-documents.json``: per published document its source, its page and its redacted text
  as segments, each replacement with the original it replaced (for the review page only).

An answer takes effect at once here (the queue re-reads the answer files), and in the site from
the next build on.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from redaction.errors import ConfigError
from site_builder.gate import answers
from site_builder.gate.ask import SAVED
from site_builder.gate.vocabulary import PhraseIndex, fold
from site_builder.project import Project

if TYPE_CHECKING:
    from site_builder.staged import Stage

log = logging.getLogger(__name__)
DOCUMENTS = "review-documents.json"


def segments(text: str, replacements: list[Any]) -> list[dict[str, str]]:
    """The redacted text as plain runs and replacements (``{"r": new, "o": original}``)."""
    out: list[dict[str, str]] = []
    pos = 0
    for r in sorted(replacements, key=lambda r: r.start):
        if r.start < pos or text[r.start : r.end] != r.original:
            continue  # offsets that do not fit this text: shown in the side column only
        out += [{"t": text[pos : r.start]}, {"r": r.replacement, "o": r.original}]
        pos = r.end
    out.append({"t": text[pos:]})
    return [s for s in out if s.get("t", "x")]


def save_documents(stage: Stage) -> Path:
    docs = []
    for doc, text in zip(stage.docs, stage.texts, strict=False):
        reps = doc.redacted.replacements
        docs.append(
            {
                "source": doc.source.rel,
                "page": doc.path,
                "title": doc.title,
                "segments": segments(text, reps),
                "replacements": [{"line": r.line, "o": r.original, "r": r.replacement} for r in reps],
            }
        )
    stage.project.work.mkdir(exist_ok=True)
    path = stage.project.work / DOCUMENTS
    path.write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
    return path


def _load(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise ConfigError("no questions yet: run 'openness build' (or 'openness build --preview DIR') first", file=path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read: {exc}", file=path) from None
    if not isinstance(data, list):
        raise ConfigError("must be a JSON list", file=path)
    return data


def documents(project: Project) -> list[dict[str, Any]]:
    path = project.work / DOCUMENTS
    return _load(path) if path.is_file() else []


def open_questions(project: Project) -> list[dict[str, Any]]:
    """The saved questions no answer given since covers."""
    public = PhraseIndex()
    for term in answers.public_terms(project):
        public.add(term)
    done, people = answers.decided(project), answers.register_names(project)
    out = []
    for q in _load(project.work / SAVED):
        text = str(q.get("text", ""))
        if any(s == 0 and e == len(text) for s, e in public.spans(text)):
            continue
        if fold(answers.TITLE.sub("", text)) in people:
            continue
        pairs = [(k, c) for k, c in zip(q.get("keys", []), q.get("contexts", []), strict=False) if k not in done]
        if not pairs:
            continue
        keys, contexts = [k for k, _ in pairs], [c for _, c in pairs]
        out.append(q | {"keys": keys, "contexts": contexts, "context": contexts[0], "occurrences": len(keys)})
    return out
