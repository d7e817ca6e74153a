"""The analysis engine's cache in front of :mod:`redaction.analyzer` (Presidio on spaCy).

Analysis is the expensive step, so it is cached by the hash of the text plus the engine and config
version: an unchanged document is never analysed again. The spaCy model is loaded once per process
and only when something needs analysing (this module imports neither spaCy nor Presidio); many
documents are spread over every core.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from redaction import ENGINE_VERSION
from redaction.allowlist import DATA
from redaction.finding import Finding
from redaction.memo import write_json
from redaction.words import counted

if TYPE_CHECKING:
    from redaction.analyzer import Analyzer

log = logging.getLogger(__name__)
PARALLEL_MIN_DOCS = 6
__all__ = ["PARALLEL_MIN_DOCS", "AnalysisCache", "Finding", "config_version"]


@functools.cache
def config_version() -> str:
    """Hash of the engine version, every data file and the detection code: a change to any of them
    means cached analyses and stamps are out of date."""
    h = hashlib.sha256(ENGINE_VERSION.encode())
    package = DATA.parent
    files = [p for p in DATA.rglob("*") if p.is_file() and p.name != "policy.yaml"]
    files += [*package.glob("recognizers/*.py"), package / "engine.py", package / "analyzer.py"]
    files += [package / "finding.py", package / "markdown_view.py"]
    for path in sorted(files):
        h.update(path.relative_to(package).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


_WORKER: Analyzer | None = None


def _worker_init() -> None:
    from redaction.analyzer import Analyzer

    global _WORKER
    _WORKER = Analyzer()


def _worker_analyse(texts: list[str]) -> list[list[Finding]]:
    assert _WORKER is not None
    return _WORKER.analyse(texts)


class EarlyAnalysis(Protocol):
    """An analyser already loading in another process (``site_builder.prestart``)."""

    def analyse(self, texts: list[str]) -> list[list[Finding]] | None:
        """The findings, or None when it cannot give them (the caller then analyses itself)."""

    def close(self) -> None:
        """Stop it (it is not needed, or a pool takes over)."""


class AnalysisCache:
    """Findings per text on disk, keyed by the text's hash and the engine/config version."""

    def __init__(self, folder: Path | None, early: EarlyAnalysis | None = None) -> None:
        self.folder = folder
        self.early = early  # an analyser already loading in another process, for a few documents
        self.version = config_version()
        self.analysed = 0  # texts actually analysed in this process (for tests and logs)
        self._analyzer: Analyzer | None = None

    def key(self, text: str) -> str:
        return hashlib.sha256(f"{self.version}\0{text}".encode()).hexdigest()

    def _load(self, key: str) -> list[Finding] | None:
        if self.folder is None:
            return None
        path = self.folder / f"{key}.json"
        try:
            return [Finding(**f) for f in json.loads(path.read_text(encoding="utf-8"))]
        except (OSError, ValueError, TypeError):
            return None

    def _store(self, key: str, findings: list[Finding]) -> None:
        if self.folder is None:
            return
        write_json(self.folder / f"{key}.json", [asdict(f) for f in findings])

    def analyzer(self) -> Analyzer:
        if self._analyzer is None:
            from redaction.analyzer import Analyzer  # spaCy and Presidio load only here

            self._analyzer = Analyzer()
        return self._analyzer

    def analyse(self, texts: Sequence[str], workers: int | None = None) -> list[list[Finding]]:
        keys = [self.key(t) for t in texts]
        results: list[list[Finding] | None] = [self._load(k) for k in keys]
        todo = [i for i, r in enumerate(results) if r is None]
        if todo:
            workers = workers or min(2, os.cpu_count() or 1)
            pending = [texts[i] for i in todo]
            if workers > 1 and len(todo) >= PARALLEL_MIN_DOCS:
                if self.early is not None:
                    self.early.close()  # the pool below has a process on every core
                chunks = [pending[i::workers] for i in range(workers)]
                with ProcessPoolExecutor(max_workers=workers, initializer=_worker_init) as pool:
                    parts = list(pool.map(_worker_analyse, chunks))
                fresh: list[list[Finding]] = [[] for _ in pending]
                for w, part in enumerate(parts):
                    for j, findings in enumerate(part):
                        fresh[w + j * workers] = findings
            else:
                early = self.early.analyse(pending) if self.early is not None else None
                fresh = early if early is not None else self.analyzer().analyse(pending)
            for i, findings in zip(todo, fresh, strict=True):
                results[i] = findings
                self._store(keys[i], findings)
            self.analysed += len(todo)
            log.info("analysed %s; %d from cache", counted(len(todo), "document"), len(texts) - len(todo))
        return [r or [] for r in results]
