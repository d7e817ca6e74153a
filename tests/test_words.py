"""Counted words: "1 review", "2 reviews", never "review(s)"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from redaction.words import counted

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("count", "word", "plural", "expected"),
    [
        (0, "review", None, "0 reviews"),
        (1, "review", None, "1 review"),
        (2, "review", None, "2 reviews"),
        (1, "finding", None, "1 finding"),
        (3, "identity", None, "3 identities"),
        (2, "day", None, "2 days"),
        (2, "minutes file", None, "2 minutes files"),
        (1, "minutes", None, "1 minutes"),
        (2, "match", None, "2 matches"),
        (2, "file changed", "files changed", "2 files changed"),
        (1, "file changed", "files changed", "1 file changed"),
    ],
)
def test_when_count_then_word_agrees(count: int, word: str, plural: str | None, expected: str) -> None:
    assert counted(count, word, plural) == expected


def test_when_tool_source_read_then_no_message_writes_word_with_bracketed_s() -> None:
    """No message of the tool says 'review(s)'."""
    offenders = []
    for path in sorted((ROOT / "site_builder").rglob("*.py")) + sorted((ROOT / "redaction").rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"[a-z]\(s\)(?![?*+{])", line) and ('"' in line or "'" in line):
                offenders.append(f"{path.relative_to(ROOT)}:{n}")
    assert offenders == []
