"""Results remembered between commands, keyed by hashes of everything they were computed from.

A :class:`Memo` is one JSON file in the private ``.openness/cache/``: read once per command and
written back whole (to a temporary file, then renamed into place) with only the entries that
command used, so it never grows past one project's worth. Keys hash the content itself, so a
remembered result is as strict as working it out again: a changed byte is a different key. A
damaged file is an empty memo: everything is worked out again.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import os
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def digest(*parts: Any) -> str:
    """A 128-bit hex hash of ``parts`` (text, bytes, or anything JSON can write), each tagged with
    its kind and length so that no two different lists of parts hash alike."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        if isinstance(part, bytes):
            data = b"b" + part
        elif isinstance(part, str):
            data = b"s" + part.encode("utf-8", "surrogatepass")
        else:
            data = b"j" + json.dumps(part, ensure_ascii=False, sort_keys=True).encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def write_json(path: Path, data: Any) -> None:
    """Write ``data`` to ``path`` as JSON, whole or not at all: into a temporary file beside it,
    then renamed into place (its folder is made first)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
    tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    tmp.replace(path)


def installed(name: str) -> str:
    """The installed version of a distribution, or '' when it is not installed."""
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return ""


#: A remembered result unused in this many runs that used its memo is forgotten.
MAX_AGE = 50


class Memo:
    """Remembered results of one kind (``get``/``put`` by key). ``save`` keeps what this run used
    or added, and what earlier runs used within the last :data:`MAX_AGE` runs that used this memo
    (so a page's entries outlive builds that had no reason to read it, and the file stays bounded)."""

    def __init__(self, path: Path | None, max_age: int = MAX_AGE) -> None:
        self.path = path
        self.max_age = max_age
        self.run = 0
        self._old: dict[str, list[Any]] = {}  # key -> [run last used, value]
        self._new: dict[str, Any] = {}
        self.hits = self.misses = 0
        self._changed = False
        if path is not None and path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                log.info("%s: unreadable; worked out again", path.name)
                data = {}
            if isinstance(data, dict) and isinstance(data.get("run"), int) and isinstance(data.get("entries"), dict):
                self.run = data["run"]
                self._old = {k: v for k, v in data["entries"].items() if isinstance(v, list) and len(v) == 2}

    def get(self, key: str) -> Any:
        if key in self._new:
            self.hits += 1
            return self._new[key]
        if key in self._old:
            self.hits += 1
            self._new[key] = self._old[key][1]
            return self._new[key]
        self.misses += 1
        return None

    def put(self, key: str, value: Any) -> None:
        if key not in self._old or self._old[key][1] != value:
            self._changed = True
        self._new[key] = value

    def save(self) -> set[str]:
        """Write the entries back: not when there is no path, when this run used none of them
        (a run with no reason to look ages nothing), or when it used every entry and changed none.
        Returns the keys forgotten."""
        if self.path is None or not self._new or (not self._changed and self._new.keys() == self._old.keys()):
            return set()  # untouched by this run (nothing ages), or already exactly this
        run = self.run + 1
        entries = {
            k: [last, v] for k, (last, v) in self._old.items() if k not in self._new and run - last <= self.max_age
        }
        entries.update({k: [run, v] for k, v in self._new.items()})
        write_json(self.path, {"run": run, "entries": entries})
        return self._old.keys() - entries.keys()


class FileMemo:
    """A :class:`Memo` for large values: one file per entry (``xx/KEY.json`` under ``folder``),
    and a small memo of the keys (``index.json``) that decides, as a Memo does, what is kept.
    New values are written by ``save`` only, so a failed run leaves no file the index does not
    name. A missing or damaged entry file is a miss."""

    def __init__(self, folder: Path, max_age: int = MAX_AGE) -> None:
        self.folder = folder
        self.index = Memo(folder / "index.json", max_age)
        self._new: dict[str, Any] = {}
        self.hits = self.misses = 0

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> Any:
        if key in self._new:
            self.hits += 1
            return self._new[key]
        value = None
        if self.index.get(key) is not None:
            try:
                value = json.loads(self._file(key).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                value = None
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        self._new[key] = value
        self.index.put(key, 1)

    def save(self) -> None:
        for key, value in self._new.items():
            write_json(self._file(key), value)
        for key in self.index.save():
            self._file(key).unlink(missing_ok=True)
