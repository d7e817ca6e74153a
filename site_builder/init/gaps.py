"""Gaps ``openness init`` left in the content pages (``[to fill: ...]``) that are still unfilled.

They are not errors (a partnership may publish a first site before every detail is known), but a
build says, once, which pages still have them, so none is published by oversight."""

from __future__ import annotations

import re
from pathlib import Path

from redaction.words import counted

GAP = re.compile(r"\[to fill:[^\]]*\]")


def unfilled_gaps(content: Path) -> str | None:
    """One line naming each content page that still has gaps, with how many; None when none has."""
    pages = []
    for path in sorted(content.rglob("*.md")) if content.is_dir() else []:
        try:
            count = len(GAP.findall(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            continue  # the build itself reports an unreadable page
        if count:
            pages.append(f"{path.relative_to(content.parent).as_posix()} ({counted(count, 'gap')})")
    if not pages:
        return None
    return f"content pages still have gaps marked [to fill: ...]: {', '.join(pages)}"
