"""The gate's memory between builds: results keyed by hashes of everything they were computed from.

A rebuild after one edit changes a few pages; the gate still reads every output file, but what it
worked out for a page whose bytes (and whose rules) are unchanged is taken from here instead of
being worked out again. Keys hash the content itself, so a remembered result is as strict as a
new scan: a changed byte, rule, name or word list is a different key.

One JSON file per kind of result in the private ``.openness/cache/gate/``, read once per command
and written back (whole, then renamed into place) with only the entries that command used, so it
never grows past one site's worth. A damaged file is an empty memo: everything is worked out again.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import logging
import os
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def digest(*parts: Any) -> str:
    """A 128-bit hex hash of ``parts`` (text, bytes, or anything JSON can write)."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part if isinstance(part, bytes) else json.dumps(part, ensure_ascii=False, sort_keys=True).encode()
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


class Memo:
    """Remembered results of one kind (``get``/``put`` by key); ``save`` keeps the used ones."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._old: dict[str, Any] = {}
        self._new: dict[str, Any] = {}
        self.hits = self.misses = 0
        if path is not None and path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                log.info("%s: unreadable; worked out again", path.name)
                data = {}
            self._old = data if isinstance(data, dict) else {}

    def get(self, key: str) -> Any:
        if key in self._new:
            self.hits += 1
            return self._new[key]
        if key in self._old:
            self.hits += 1
            self._new[key] = self._old[key]
            return self._new[key]
        self.misses += 1
        return None

    def put(self, key: str, value: Any) -> None:
        self._new[key] = value

    def save(self) -> None:
        """Write the entries used or added since loading (nothing when there is no path)."""
        if self.path is None or (not self._new and not self._old):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f"{self.path.name}.tmp{os.getpid()}")
        tmp.write_text(json.dumps(self._new, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        tmp.replace(self.path)


class GateMemos:
    """Every memo of one command: NER spans per text, and per-file results of each check."""

    KINDS = ("ner", "scan", "names", "ask", "unpublished")

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.memos = {k: Memo(folder / f"{k}.json" if folder else None) for k in self.KINDS}
        self.finder: Any = None  # the command's one PersonFinder (site_builder.gate.names.finder_for)

    def __getitem__(self, kind: str) -> Memo:
        return self.memos[kind]

    def save(self) -> None:
        for memo in self.memos.values():
            memo.save()


@functools.cache
def gate_version() -> str:
    """Hash of the gate's code and data and of the redaction code and data it reads (word lists,
    recognisers), and of the installed word-frequency list: remembered results of an older gate
    are never used."""
    from redaction.redaction_cache import code_version

    package = Path(__file__).parent
    files = sorted([*package.rglob("*.py"), *(p for p in (package / "data").rglob("*") if p.is_file())])
    parts: list[Any] = [code_version(), _installed("wordfreq"), _installed("nh3")]
    parts += [(p.relative_to(package).as_posix(), p.read_bytes()) for p in files]
    return digest(*(p if not isinstance(p, tuple) else p[0].encode() + b"\0" + p[1] for p in parts))


def _installed(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return ""
