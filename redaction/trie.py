"""Compile many literal phrases into one fast regular expression.

Python's ``re`` tries every branch of a plain alternation at every position; with a thousand
phrases that dominates redaction time. Sharing prefixes in a trie makes each position cost
roughly one branch per character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

END = ""
#: White space between words of a phrase: spaces and at most one line break (a name broken across
#: a line joins; a paragraph, a table cell or the title/summary separator "\n\n" does not).
ONE_LINE_BREAK = r"(?:[ \t]+\n?[ \t]*|\n[ \t]*)"


def _node_regex(node: dict[str, dict]) -> str:
    optional = END in node
    branches = []
    for ch in sorted(k for k in node if k != END):
        piece = ONE_LINE_BREAK if ch == " " else re.escape(ch)
        branches.append(piece + _node_regex(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if optional else body


def trie_pattern(phrases: Iterable[str]) -> str:
    """A regex source matching any of ``phrases`` (spaces match any run of white space)."""
    root: dict[str, dict] = {}
    for phrase in phrases:
        node = root
        for ch in " ".join(phrase.split()):
            node = node.setdefault(ch, {})
        node[END] = {}
    return _node_regex(root) or "(?!)"
