"""Is this word used as a person here? Context rules for words that are names and also places,
titles or ordinary words (Preston, Bishop, Hope), and for growing a one-sided name span."""

from __future__ import annotations

import re

from redaction.allowlist import STOP_WORDS, Allowlist, fold
from redaction.engine import Finding
from redaction.names import TITLE_RX


def ambiguous_part(word: str, allowlist: Allowlist) -> bool:
    """A name part that is also a place, a title or an ordinary word (Preston, Bishop, Hope)."""
    return (
        allowlist.is_place(word) or allowlist.is_common_word(word) or bool(re.fullmatch(allowlist.title_pattern, word))
    )


LOCATIVE = re.compile(
    r"\b(?:in|at|from|to|near|across|around|into|within|outside|throughout|between|via|towards?|"
    r"of|covering|serving|north|south|east|west|central|greater|the)\s+$",
    re.I,
)
STRICT_LOCATIVE = re.compile(r"\b(?:in|at|near|across|around|within|throughout|outside)\s+$")
LIST_BEFORE = re.compile(r"([^\W\d_][\w'’\-]*)\s*(?:,|\band\b|\bor\b|&)\s*$")
LIST_AFTER = re.compile(r"\s*(?:,|\band\b|\bor\b|&)\s*([^\W\d_][\w'’\-]*)")


def in_quotes(view: str, pos: int) -> bool:
    """Inside a quotation on the same line (messages and texts are quoted as written: "jaswant ji...")."""
    line = view[view.rfind("\n", 0, pos) + 1 : pos]
    return (line.count('"') + line.count("“") + line.count("”")) % 2 == 1


def org_follows(view: str, end: int, allowlist: Allowlist) -> bool:
    """An organisation word within the next three capitalised words: "Wood Green Academy",
    "The Dudley Group NHS Foundation Trust"."""
    pos = end
    for _ in range(3):
        m = NEXT_WORD.match(view, pos)
        if not m or not m.group(1)[0].isupper():
            return False
        if allowlist.is_org_word(m.group(1)):
            return True
        pos = m.end()
    return False


def used_publicly(view: str, start: int, end: int, allowlist: Allowlist, strict: bool = False) -> bool:
    """Whether a word that is both a name part and a place or ordinary word (Preston, Nelson, Hope)
    is used here as the place or the word: after "in", "at", "from"...; in a list of places
    ("Burnley and Nelson"); before an organisation word ("Royal Preston Hospital") or a year; inside
    a public phrase. Otherwise it is taken for the person, so a doubt is resolved by redacting.
    ``strict`` (for surnames not known as places) accepts only "in", "at", "near"... before it."""
    before = view[max(0, start - 40) : start]
    if re.search(rf"(?<![\w]){allowlist.title_pattern}\s+$", before) or TITLE_RX.match(view[start:end]):
        return False  # "Ms Preston", "DCI Nelson": a person
    if org_follows(view, end, allowlist):
        return True
    if strict:
        if re.match(r"['’]s\b", view[end : end + 2]):
            return False
        listed = any(
            m and allowlist.is_place(m.group(1)) for m in (LIST_BEFORE.search(before), LIST_AFTER.match(view, end))
        )
        return bool(STRICT_LOCATIVE.search(before)) or listed
    if LOCATIVE.search(before) and not re.match(r"['’]s\b", view[end : end + 2]):
        return True
    nxt = NEXT_WORD.match(view, end)
    possessive = re.match(r"['’]s\b", view[end : end + 2])
    if nxt and not possessive and nxt.group(1)[0].isupper() and allowlist.is_org_word(nxt.group(1)):
        return True  # "Royal Preston Hospital"; but "Devon's school" is a person's
    if re.match(r"\s+(?:19|20)\d\d\b", view[end : end + 6]):
        return True
    prev = re.search(r"([^\W\d_][\w'’\-]*)\s+$", before)
    if (
        prev
        and (allowlist.is_org_word(prev.group(1)) or allowlist.is_place(prev.group(1)))
        and prev.group(1)[0].isupper()
    ):
        return True  # "Royal Preston", "East Lancaster"
    for m in (LIST_BEFORE.search(before), LIST_AFTER.match(view, end)):
        if m and (allowlist.is_place(m.group(1)) or allowlist.is_org_word(m.group(1))):
            return True
    return any(s <= start and end <= e and " " in view[s:e] for s, e in allowlist.protected_spans(view))


def _name_word(word: str, allowlist: Allowlist) -> bool:
    return (
        word[:1].isupper()
        and not word.isupper()
        and not allowlist.is_public_word(word)
        and not allowlist.is_common_word(word)
        and fold(word) not in STOP_WORDS
    )


NEXT_WORD = re.compile(r"(?:['’]s)?[ \t]+([^\W\d_][\w'’\-]*)")
SAINT_BEFORE = re.compile(r"\b(?:St|Saint|Ste)\.?[ \t]+$")
SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n\s*)$")


def extend_name(f: Finding, view: str, allowlist: Allowlist, text: str | None = None) -> Finding:
    """Grow a one-sided person span over adjacent name-shaped words ("Oliwia" + "Kowalczyk").

    Only plain spaces in the source join words (never markup such as ``[`` or a tag), and a
    sentence-initial word joins only when it is a known given name ("Read" never does)."""
    src = text if text is not None else view
    start, end = f.start, f.end
    for _ in range(2):
        m = re.search(r"([^\W\d_][\w'’\-]*) +$", src[max(0, start - 40) : start])  # a tab is a cell edge
        if not m or not _name_word(m.group(1), allowlist):
            break
        word_start = start - len(m.group())
        if SENTENCE_START.search(src[max(0, word_start - 3) : word_start]) and not allowlist.is_first_name(m.group(1)):
            break
        start = word_start
    for _ in range(2):
        m = re.match(r" +([^\W\d_][\w'’\-]*)", src[end : end + 40])
        if not m or not _name_word(m.group(1), allowlist):
            break
        end += len(m.group())
    while (m := re.match(r"-[^\W\d_][\w'’]*", src[end : end + 30])) and m.group()[1].isupper():
        end += len(m.group())  # "Stacey" + "-Lou": a hyphenated name is one name
    while (m := re.search(r"[^\W\d_][\w'’]*-$", src[max(0, start - 30) : start])) and m.group()[0].isupper():
        start -= len(m.group())
    if (start, end) == (f.start, f.end):
        return f
    return Finding(start, end, f.entity, f.recognizer, f.score, view[start:end])
