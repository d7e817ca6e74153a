"""Cues that a word stands for a person, shared by recognisers and the redactor (no engine imports)."""

from __future__ import annotations

import re

# A word acts as a person (issue 11): it says, tells or asks something; it owns something ("Ivy's
# mother"); it stands in apposition to a relation ("her daughter, Dawn,"); "who" follows it.
ACTION_AFTER = re.compile(
    r"[ \t]*(?:\)[ \t]*)?(?:,[ \t]*)?(?:said|says|told|tells|asked|asks|explained|explains|agreed|confirmed|"
    r"reported|described|disclosed|wanted|wants|refused|missed|attended|went|moved|lives|lived|stayed|"
    r"replied|added|noted|felt|feels|shared|presented|raised|suggested|thanked|welcomed|commented|"
    r"highlighted|advised|stated|updated|informed|queried|responded|offered|questioned|clarified|"
    r"acknowledged|proposed|reminded|observed|led|chaired|recommended|requested|summarised|spoke|"
    r"emphasised|undertook|pointed|accepted|argued|warned|challenged|became|remained|started|"
    r"returned|ran|arrived|left|joined|admitted|denied|alleged|cried|screamed|hit|kicked|"
    r"has\s+been|had\s+been|was\s+(?:seen|found|taken|told|asked|spoken|visited|referred|known|"
    r"admitted|discharged|placed|moved|excluded|reported|missing|born)|is\s+(?:now|still|aged|known|"
    r"being|currently))\b"
)
POSSESSIVE_AFTER = re.compile(r"['’]s[ \t]+(?!(?:19|20)\d\d)[a-z]")
WHO_AFTER = re.compile(r"[ \t]*,?[ \t]*(?:who|whose)\b")
RELATION_BEFORE = re.compile(
    r"\b(?:mother|mum|father|dad|son|daughter|sister|brother|sibling|grandmother|grandfather|nan|"
    r"grandma|grandad|aunt|uncle|cousin|partner|boyfriend|girlfriend|husband|wife|carer|friend|"
    r"child|baby|niece|nephew|stepfather|stepmother|stepdad|stepmum)[ \t]*,?[ \t]+$",
    re.I,
)
MONTHS = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November|December)$")


def acts_as_person(view: str, start: int, end: int) -> str | None:
    """Why the capitalised word at ``view[start:end]`` acts as a person here, or None."""
    rest = view[end : end + 60]
    before = view[max(0, start - 30) : start]
    if MONTHS.match(view[start:end]):
        return None  # "May's meeting", "April said" is too rare to pay for
    if ACTION_AFTER.match(rest):
        return "subject of a verb"
    if POSSESSIVE_AFTER.match(rest):
        return "possessive"
    if WHO_AFTER.match(rest):
        return "before who"
    if RELATION_BEFORE.search(before):
        return "after a relation"
    return None


# A name introduced by a naming cue: "known as Jay", "known to staff as 'Lu'", "likes to be called
# Becks", "preferred name: Kit". A capitalised word, or any word in quotes.
NAMING_CUE = re.compile(
    r"\b(?:(?:also\s+)?known\s+(?:to\s+[^.,;:\n]{1,40}?\s+)?as|likes\s+to\s+be\s+called|prefers\s+to\s+be\s+called|"
    r"(?:wants|asked)\s+to\s+be\s+called|preferred\s+name(?:\s+(?:is|was))?\s*:?|goes\s+by|nick-?named|"
    r"nickname(?:\s+(?:is|was))?\s*:?|called\s+(?:herself|himself|themselves))[ \t]+"
    r"(?:(?P<q>[\"“'‘])(?P<quoted>[^\W\d_][\w'’\-]{1,30})[\"”'’]|(?P<plain>[A-Z][\w'’\-]{1,30}))",
    re.I,
)
# An action owner written "dawn h." or "Faith H." (a given name and the initial of a surname).
NAME_AND_INITIAL = r"[A-Za-z][a-z'’\-]{1,30}[ \t]+[A-Za-z]\.(?![\w])"
OWNER_CUE = re.compile(
    r"\b(?:action|actions|owner|lead|leads|by|who|responsible|assigned\s+to)[ \t]*[:\-–][ \t]*$", re.I
)
