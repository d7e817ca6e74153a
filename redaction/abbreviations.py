"""Abbreviations a document defines: public wherever they stand in that document.

Real documents define them in several ways, and each counts:

* the long form first: "Case Review Panel (CRP)", "Department for Education (DfE)";
* the abbreviation first: "CRP (Case Review Panel)";
* a short form of the body: "the Panel (CRP)", "the Partnership (SSP)";
* a glossary: a table row or a list line, "| CRP | Case Review Panel |", "CRP: Case Review Panel";
* implied: the document names the body in full somewhere ("the Case Review Panel") and uses its
  initials elsewhere ("CRP/SARP"); the long form must hold an organisation word (Panel, Review,
  Board...) and the initials must not be those of a person named in the build.

A person's initials are never taken for a definition: "Kerry Lanham (KL)" or "| KL | Kerry Lanham |"
(the long form is a name: it starts with a given name and holds no organisation word).
"""

from __future__ import annotations

import functools
import re

from redaction.allowlist import Allowlist

ABBR = r"[A-Z][A-Za-z&]{0,6}[A-Z]s?"
SMALL = {"and", "of", "for", "the", "in", "on", "to", "&", "a", "an", "with", "at", "by"}
LONG = r"(?:[A-Z][\w'’\-]*[ \t]+(?:(?:and|of|for|the|in|on|to|&|with|at|by)[ \t]+)*){0,8}[A-Z][\w'’\-]*"
LONG_FIRST = re.compile(rf"({LONG})[ \t]*\([ \t]*({ABBR})[ \t]*\)")
ABBR_FIRST = re.compile(rf"(?<![\w])({ABBR})[ \t]*\([ \t]*({LONG})[ \t]*\)")
SHORT_FORM = re.compile(
    rf"\b(?:the|a|this|our)[ \t]+((?:[A-Z][\w'’\-]*[ \t]+){{0,2}}[A-Z][\w'’\-]*)[ \t]*\([ \t]*({ABBR})[ \t]*\)"
)
GLOSSARY_ROW = re.compile(rf"^[ \t]*\|?[ \t]*(?:\*\*)?({ABBR})(?:\*\*)?[ \t]*\|[ \t]*([^|\n]+?)[ \t]*\|", re.M)
HTML_ROW = re.compile(
    rf"<t[dh][^>]*>\s*(?:<p>)?\s*(?:<strong>)?({ABBR})(?:</strong>)?\s*(?:</p>)?\s*</t[dh]>\s*<t[dh][^>]*>\s*(?:<p>)?([^<]+)"
)
LIST_LINE = re.compile(rf"^[ \t]*(?:[-*•][ \t]+)?(?:\*\*)?({ABBR})(?:\*\*)?[ \t]*(?:[:=–—]|-[ \t])[ \t]*([^\n]+)", re.M)


def letters_match(abbr: str, long_form: str) -> bool:
    """The capitals of ``abbr`` are, in order, first letters of the long form's words (or their
    hyphenated parts): CRP ~ Case Review Panel, MASH ~ Multi-Agency Safeguarding Hub, DfE ~
    Department for Education."""
    caps = [c for c in abbr.rstrip("s") if c.isupper() or c == "&"]
    words = [w for w in re.findall(r"[\w'’\-]+", long_form) if w.lower() not in SMALL]
    firsts = [p[0].upper() for w in words for p in w.split("-") if p]
    if not caps or not firsts or caps[0] != firsts[0]:
        return False
    i = 0
    for c in caps:
        if c == "&":
            continue
        while i < len(firsts) and firsts[i] != c:
            i += 1
        if i == len(firsts):
            return False
        i += 1
    return True


def looks_like_person(long_form: str, allowlist: Allowlist) -> bool:
    """A long form that is a person's name: it starts with a given name (or a title) and holds no
    organisation word ("Kerry Lanham", "Dr Okafor")."""
    words = re.findall(r"[\w'’\-]+", long_form)
    if not words or any(allowlist.is_org_word(w) for w in words):
        return False
    return allowlist.is_first_name(words[0]) or words[0].rstrip(".") in ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr")


def defined_abbreviations(text: str, allowlist: Allowlist) -> set[str]:
    """Every abbreviation ``text`` defines, in any of the forms above."""
    found: set[str] = set()

    def add(abbr: str, long_form: str, need_letters: bool = True) -> None:
        long_form = long_form.strip().strip("*_ ")
        if looks_like_person(long_form, allowlist):
            return
        if need_letters and not letters_match(abbr, long_form):
            return
        found.add(abbr)

    for m in LONG_FIRST.finditer(text):
        add(m.group(2), m.group(1))
        words = m.group(1).split()  # "the work of the Case Review Panel (CRP)": the last words
        for k in range(1, len(words)):
            if letters_match(m.group(2), " ".join(words[k:])):
                add(m.group(2), " ".join(words[k:]))
                break
    for m in ABBR_FIRST.finditer(text):
        add(m.group(1), m.group(2))
    for m in SHORT_FORM.finditer(text):
        # "the Panel (CRP)": the body's short name; its word's initial is one of the letters.
        head = m.group(1).split()[-1]
        if head[0] in m.group(2) and (allowlist.is_org_word(head) or letters_match(m.group(2), m.group(1))):
            add(m.group(2), m.group(1), need_letters=False)
    for rx in (GLOSSARY_ROW, HTML_ROW, LIST_LINE):
        for m in rx.finditer(text):
            add(m.group(1), m.group(2))
    return found


CAPITALISED = re.compile(rf"(?<![\w'’]){LONG}")
TOKEN = re.compile(r"(?<![\w&\-])[A-Z]{2,6}(?![\w&\-])")


def implied_abbreviations(text: str, allowlist: Allowlist) -> set[str]:
    """Capitals in ``text`` that are the initials of a body's name written out in ``text``."""
    tokens = set(TOKEN.findall(text))
    if not tokens:
        return set()
    candidates: set[str] = set()
    for m in CAPITALISED.finditer(text):
        words = [w for w in m.group().split() if w.lower() not in SMALL]
        for i in range(len(words)):
            for j in range(i + 2, min(len(words), i + 6) + 1):
                part = words[i:j]
                if not any(allowlist.is_org_word(w) for w in part) or looks_like_person(" ".join(part), allowlist):
                    continue
                initials = "".join(p[0] for w in part for p in w.split("-") if p)
                if initials.isupper() and initials in tokens:
                    candidates.add(initials)
    return candidates


@functools.lru_cache(maxsize=64)
def document_abbreviations(text: str, view: str, allowlist: Allowlist) -> tuple[frozenset[str], frozenset[str]]:
    """(abbreviations a document defines, abbreviations it implies), computed once per document
    from its Markdown ``text`` (glossary tables) and its reading ``view`` (markup blanked)."""
    defined = defined_abbreviations(text, allowlist) | defined_abbreviations(view, allowlist)
    return frozenset(defined), frozenset(implied_abbreviations(view, allowlist))
