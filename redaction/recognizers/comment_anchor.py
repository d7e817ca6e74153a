"""Word comment anchors pasted into minutes: "[AB1]", "[JMcK12]" (a commenter's initials and the
comment's number). The anchor names the commenter, so it is removed whole. A bare number ("[1]"),
a single letter ("[A1]", an appendix) or a word ("[Draft2]") is not an anchor."""

from __future__ import annotations

from typing import ClassVar

from redaction.recognizers.base import RegexRecognizer

INITIALS = r"[A-Z](?:[A-Z]|Ma?c[A-Z]|['’][A-Z]|-[A-Z]){1,3}"


class CommentAnchorRecognizer(RegexRecognizer):
    ENTITY = "COMMENT_ANCHOR"
    PATTERNS: ClassVar[list[tuple[str, str, float]]] = [
        ("word comment anchor", rf"\[(?:{INITIALS})\d{{1,3}}\]", 0.9),
    ]
