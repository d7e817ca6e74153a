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


DAY_BEFORE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?$")
YEAR_AFTER = re.compile(r",?[ \t]+(?:19|20)\d\d\b")


def in_a_date(view: str, start: int, end: int) -> bool:
    """A month that is also a given name (June, April, May) written as part of a date: "10 June 2025",
    "June 2022", "the 3rd of May"."""
    return bool(MONTHS.match(view[start:end])) and bool(
        DAY_BEFORE.search(view, max(0, start - 12), start) or YEAR_AFTER.match(view, end)
    )


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
# An action owner written "dawn h." / "Faith H." (a given name and an initial) or "j. hartley" /
# "g.parry" (an initial and a surname).
NAME_AND_INITIAL = (
    r"(?:[A-Za-z][a-z'’\-]{1,30}[ \t]+[A-Za-z]\.(?![\w])"
    r"|[A-Za-z]\.[ \t]?[A-Za-z][a-z'’]{1,30}(?:-[A-Za-z][a-z'’]{1,30})?(?![\w.]))"
)
# The owner at the start of an action line: "- d. heath – paper to the Executive", "CP – report".
LINE_START = re.compile(r"(?:^|\n)[ \t]*(?:[-*•+]|\d+\.)?[ \t]*$")
DASH_AFTER = re.compile(r"[ \t]*[–—-][ \t]")
OWNER_CUE = re.compile(
    r"\b(?:action|actions|owner|lead|leads|by|who|responsible|assigned\s+to)[ \t]*[:\-–][ \t]*$", re.I
)

# A telephone number that belongs to the partnership or a service, not a person: "the Partnership's
# public contact details ... 0161 496 0000", "Enquiries about this review: ...", "Contact for the
# Board: ...", "a direct number for professionals seeking consultation: ...".
ORGANISATION_NUMBER = re.compile(
    r"\b(?:Partnership['’]?s?|Board['’]?s?|switchboard|helpline|enquiries|consultation|public\s+contact|"
    r"reception|main\s+(?:office|number)|duty\s+(?:desk|line|team)|front\s+door|advice\s+line)\b",
    re.I,
)
PERSONAL_NUMBER = re.compile(
    r"\b(?:mobile|personal|home|his|her|their|mum|dad|mother|father|family|carer|reached|text(?:ed)?|whatsapp)\b"
)
POSSESSIVE_NAME = re.compile(r"\b([A-Z][a-z]+)['’]s\b")


def organisation_number(view: str, start: int) -> bool:
    """Whether the number at ``start`` is introduced, in its sentence, as an organisation's."""
    sentence = max(view.rfind(". ", 0, start), view.rfind("\n", 0, start), start - 120)
    before = view[sentence + 1 : start]
    if not ORGANISATION_NUMBER.search(before) or PERSONAL_NUMBER.search(before):
        return False
    # "Bridget's number", but not "the Partnership's number"
    return not any(not ORGANISATION_NUMBER.fullmatch(m.group()) for m in POSSESSIVE_NAME.finditer(before))
