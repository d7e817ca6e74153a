"""Where a capital comes from: a word's position, or a name.

At the start of a passage (heading, list item, table cell), of a sentence, after a colon, or at
the start of a link's text, every word is capitalised, so the capital says nothing. There a given
name that is also an ordinary word ("Who we are", "Will the Board", "Hope is not a plan") is asked
about only when the words around it say it is a person: a possessive, a surname or a hyphenated
second name, "who"/"aged" after it, or a verb a person does ("Dawn said", "Grace was seen").
``data/questions.yaml`` gives the reasoning and the verbs (``person_verbs``).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from site_builder.gate.dates import MONTHS
from site_builder.gate.spans import covers
from site_builder.gate.vocabulary import Vocabulary, fold

SENTENCE_END = re.compile(r"[.!?:;•·|\n]\s*[\"'“‘(\[]*\s*$|^[\s\"'“‘(\[*#>-]*$")
FUNCTION_WORDS = frozenset("a an and at by for from in of on or the to with as is was be".split())
PERSON_AFTER = re.compile(r"[ \t]*,?[ \t]*(?:who|whose|aged)\b")
VERB_AFTER = re.compile(r"[ \t]+(?:(?:has|had|was|is|will|would|could)[ \t]+)?([a-z]+)\b")
Words = list[re.Match[str]]
Spans = list[tuple[int, int]]


def positional(text: str, s: int, starts: Collection[int] = ()) -> bool:
    """Is the word at ``text[s]`` capitalised by its place: the start of a passage, of a sentence,
    after a colon, or the start of a link's text (``starts``)?"""
    return s in starts or SENTENCE_END.search(text[:s]) is not None


def named_here(vocab: Vocabulary, verbs: Collection[str], text: str, words: Words, i: int, known: Spans) -> bool:
    """Does anything say that the name-word ``words[i]`` is a name, whatever its capital?"""
    w = words[i].group()
    bare = re.sub(r"['’]s$", "", w)
    if bare != w or not vocab.is_also_word(bare) or not vocab.is_common(bare):
        return True  # "Dawn's mother"; a name that is not listed as a word ("John", "Kerry")
    if surname_follows(text, words, i, known) or hyphen_name(text, words, i):
        return True
    rest = text[words[i].end() : words[i].end() + 40]
    verb = VERB_AFTER.match(rest)
    return PERSON_AFTER.match(rest) is not None or (verb is not None and verb.group(1) in verbs)


def hyphen_name(text: str, words: Words, i: int) -> bool:
    """Joined by a hyphen to a capitalised word: "Summer-Rose"; not "April-June"."""
    if i + 1 >= len(words) or text[words[i].end() : words[i + 1].start()] != "-":
        return False
    nxt = words[i + 1].group()
    both_months = fold(words[i].group()) in MONTHS and fold(nxt) in MONTHS
    return nxt[0].isupper() and not both_months


def surname_follows(text: str, words: Words, i: int, known: Spans) -> bool:
    """Is word ``i`` followed, in the same sentence, by a capitalised word no public phrase holds?"""
    if i + 1 >= len(words):
        return False
    nxt = words[i + 1]
    gap = text[words[i].end() : nxt.start()]
    return (
        gap == " "
        and nxt.group()[0].isupper()
        and fold(nxt.group()) not in FUNCTION_WORDS
        and not covers(known, nxt.start(), nxt.end())
    )


def month_in_date(words: Words, i: int) -> bool:
    """A month beside a number ("14 May", "May 2025"): part of a date, not a name."""
    if fold(words[i].group()) not in MONTHS:
        return False
    near = [words[j].group() for j in (i - 1, i + 1) if 0 <= j < len(words)]
    return any(any(c.isdigit() for c in w) for w in near)
