"""One Unicode normalisation for every reader of text: the redactor (before analysis) and the gate.

``normalise_text(text)`` undoes what hides a word from a program but not from a reader:

* composed forms (NFC), then every format character (Unicode category Cf: zero-width spaces and
  joiners, soft hyphens, bidi controls, U+2063 invisible separator...), the combining grapheme
  joiner (U+034F) and variation selectors are removed;
* combining marks left over a Latin, Greek or Cyrillic letter after NFC ("J̲ohn", stacked marks)
  are removed (real accents compose: "Zieliński" keeps its "ń");
* look-alike letters from other scripts inside a Latin word ("Mаry" with a Cyrillic "а") and
  full-width letters become their Latin letter. The table is the Unicode confusables data shipped
  by the maintained ``confusable-homoglyphs`` package;
* letters spaced out one by one ("M a r y", "M-a-r-y") and a word split by a line-break tag
  ("Mar<br>garet") are joined.

The result can be shorter than the input. ``normalise_with_offsets`` also returns, for each
character of the result, the offset of the input character it came from, for callers that must
report positions in the original text.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from pathlib import Path

import confusable_homoglyphs
from confusable_homoglyphs import categories

__all__ = ["normalise_text", "normalise_with_offsets"]

SCRIPTS_MAPPED = {"CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COMMON", "LATIN"}
INVISIBLE_MARKS = {"\u034f"} | {chr(c) for c in range(0xFE00, 0xFE10)} | {chr(c) for c in range(0x180B, 0x1810)}
SPACED = re.compile(
    r"(?<![\w.\-])([A-Z])([ .\-_])([a-z])(?:\2[a-z]){1,20}(?![\w])"  # "M a r y", "M-a-r-y"
    r"|(?<![\w])[A-Z](?: [A-Z]){3,20}(?![\w])"  # "J O H N"
)
BR_SPLIT = re.compile(r"(?<=[^\W\d_])<[bB][rR]\s*/?>(?=[a-z])")


@functools.cache
def _confusables() -> dict[str, str]:
    """Letters of other scripts (and styled letters) that look like one Latin letter."""
    path = Path(confusable_homoglyphs.__file__).parent / "confusables.json"
    table: dict[str, list[dict[str, str]]] = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for char, glyphs in table.items():
        if len(char) != 1 or char.isascii() or not char.isalpha() or categories.alias(char) not in SCRIPTS_MAPPED:
            continue
        for g in glyphs:
            c = g["c"]
            if len(c) == 1 and c.isascii() and c.isalpha():
                out[char] = c
                break
    for code in range(0xFF21, 0xFF5B):  # full-width Latin letters
        ch = chr(code)
        if ch.isalpha():
            out[ch] = unicodedata.normalize("NFKC", ch)
    return out


def _dropped(ch: str) -> bool:
    return ch in INVISIBLE_MARKS or unicodedata.category(ch) == "Cf" or 0xE0100 <= ord(ch) <= 0xE01EF


def _is_latin_like(ch: str) -> bool:
    if not ch.isalpha():
        return False
    if ch.isascii():
        return True
    name = unicodedata.name(ch, "")
    return name.startswith(("LATIN", "GREEK", "CYRILLIC"))


def _map_words(chars: list[str]) -> list[str]:
    """Replace look-alikes inside words that hold a Latin letter or are made only of look-alikes."""
    table = _confusables()
    out = list(chars)
    i = 0
    while i < len(chars):
        if not chars[i].isalpha():
            i += 1
            continue
        j = i
        while j < len(chars) and (chars[j].isalpha() or chars[j] in "'’-"):
            j += 1
        word = chars[i:j]
        letters = [c for c in word if c.isalpha()]
        latin = any(c.isascii() for c in letters)
        mappable = [c for c in letters if c in table]
        if mappable and (latin or len(mappable) == len(letters)):
            for k in range(i, j):
                out[k] = table.get(chars[k], chars[k])
        i = j
    return out


def normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the offset of its source character."""
    chars: list[str] = []
    src: list[int] = []
    pos = 0
    for piece in re.split(r"(\s+)", text):  # NFC per run: offsets stay near their source
        composed = unicodedata.normalize("NFC", piece) if not piece.isascii() else piece
        ratio = len(piece) / len(composed) if composed else 1
        for k, ch in enumerate(composed):
            chars.append(ch)
            src.append(pos + int(k * ratio))
        pos += len(piece)
    keep_chars: list[str] = []
    keep_src: list[int] = []
    for ch, s in zip(chars, src, strict=True):
        if _dropped(ch):
            continue
        if unicodedata.combining(ch) and keep_chars and _is_latin_like(keep_chars[-1]):
            continue
        keep_chars.append(ch)
        keep_src.append(s)
    keep_chars = _map_words(keep_chars)
    out = "".join(keep_chars)
    for rx in (BR_SPLIT, SPACED):
        pieces: list[str] = []
        offsets: list[int] = []
        last = 0
        for m in rx.finditer(out):
            pieces.append(out[last : m.start()])
            offsets += keep_src[last : m.start()]
            for k in range(m.start(), m.end()):
                if rx is SPACED and out[k].isalpha():
                    pieces.append(out[k])
                    offsets.append(keep_src[k])
            last = m.end()
        pieces.append(out[last:])
        offsets += keep_src[last:]
        out, keep_src = "".join(pieces), offsets
    return out, keep_src


@functools.lru_cache(maxsize=4096)
def _special(ch: str) -> bool:
    """A character the character-level passes would change (most accented letters are not)."""
    return _dropped(ch) or bool(unicodedata.combining(ch)) or ch in _confusables()


def _join_only(text: str) -> str:
    """The word-joining passes alone (for text with no special character)."""
    text = BR_SPLIT.sub("", text)
    return SPACED.sub(lambda m: "".join(c for c in m.group() if c.isalpha()), text)


def normalise_text(text: str) -> str:
    """``text`` with look-alikes, invisible characters, stray marks and spaced letters undone."""
    if text.isascii() or (
        unicodedata.is_normalized("NFC", text) and not any(_special(c) for c in set(text) if ord(c) > 127)
    ):
        return _join_only(text)
    return normalise_with_offsets(text)[0]
