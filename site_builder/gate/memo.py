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
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from redaction.memo import Memo, digest, installed

log = logging.getLogger(__name__)
T = TypeVar("T")
__all__ = ["GateMemos", "Memo", "digest", "gate_version", "in_process", "installed"]


class GateMemos:
    """Every memo of one command: NER spans per text, and per-file results of each check."""

    KINDS = ("ner", "scan", "names", "ask", "unpublished")

    def __init__(self, folder: Path | None, early: Any = None) -> None:
        self.folder = folder
        self.memos = {k: Memo(folder / f"{k}.json" if folder else None) for k in self.KINDS}
        self.finder: Any = None  # the command's one PersonFinder (site_builder.gate.names.finder_for)
        self.early = early  # the NER already loaded in another process (site_builder.prestart), if any

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
    parts: list[Any] = [code_version(), installed("wordfreq"), installed("nh3")]
    parts += [(p.relative_to(package).as_posix(), p.read_bytes()) for p in files]
    return digest(*(p if not isinstance(p, tuple) else p[0].encode() + b"\0" + p[1] for p in parts))


def in_process(store: dict[str, T], key: str, work: Callable[[], T], limit: int = 4) -> T:
    """``work()``, remembered in ``store`` for this process by ``key`` (a digest of everything the
    work reads), so a warm-up thread and the gate share it; ``store`` keeps at most ``limit``."""
    if key not in store:
        if len(store) >= limit:
            store.clear()
        store[key] = work()
    return store[key]
