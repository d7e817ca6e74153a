"""Results remembered between commands, keyed by hashes of everything they were computed from.

A :class:`Memo` is one JSON file in the private ``.openness/cache/``: read once per command and
written back whole (to a temporary file, then renamed into place) with only the entries that
command used, so it never grows past one project's worth. Keys hash the content itself, so a
remembered result is as strict as working it out again: a changed byte is a different key. A
damaged file is an empty memo: everything is worked out again.
"""

from __future__ import annotations

import hashlib
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
