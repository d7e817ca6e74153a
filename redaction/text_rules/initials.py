"""When capital letters stand for a person: "AM said", "(KW)", "Action: RM", "SW, the Designated
Nurse," (no engine imports). Used by the initials recogniser and by the redactor."""

from __future__ import annotations

import re

from redaction.text_rules.cues import DASH_AFTER, LINE_START, WHO_AFTER

VERBS = (
    "said|says|explained|confirmed|provided|noted|agreed|asked|gave|reported|presented|will|would|to|has|had|"
    "was|is|highlighted|advised|stated|raised|suggested|added|outlined|updated|informed|welcomed|thanked|queried|"
    "responded|described|shared|commented|emphasised|emphasized|felt|offered|questioned|clarified|acknowledged|"
    "proposed|reminded|observed|undertook|agreed|led|chaired|joined|left|attended|circulated|introduced|"
    "recommended|requested|summarised|summarized|replied|wondered|reflected|advised|assured|expressed|"
    "believed|considered|confirmed|gave|spoke|talked|took|made|set|sent|met|and|also|then|further"
)
AFTER = re.compile(rf"[ \t]*(?:\)\s*)?(?:,\s*)?(?:{VERBS})\b")
CUE_BEFORE = re.compile(
    r"(?:\b(?:Action|Actions|Lead|Owner|By|Attendee|Apologies)\s*[:\-–]\s*"
    r"|\b(?:by|with|from|and|to|thanked)\s+)$",
    re.I,
)


REPORTING = re.compile(
    r"[ \t]*(?:\)\s*)?(?:,\s*)?(?:said|says|explained|confirmed|provided|noted|agreed|asked|gave|"
    r"reported|presented|highlighted|advised|stated|raised|suggested|added|outlined|updated|"
    r"informed|welcomed|thanked|queried|responded|described|shared|commented|emphasised|felt|"
    r"offered|questioned|clarified|acknowledged|proposed|reminded|observed|undertook|led|chaired|"
    r"recommended|requested|summarised|replied|reflected|assured|expressed|spoke|attended|"
    r"pointed|accepted|argued|warned|cautioned|challenged)\b"
)


def person_context(text: str, start: int, end: int, strong: bool = False) -> str | None:
    """Why the token at ``text[start:end]`` stands for a person, or None: "AM said", "(KW)",
    "Action: RM", "agreed with KW.", a cell of its own, "RP/SNB"."""
    before = text[max(0, start - 30) : start]
    rest = text[end : end + 40]
    if re.search(r"\b(?:the|a|an|our|their|its|this|each|per|of)\s+$", before, re.I):
        return None
    if strong:
        # For words that are also places, ordinary words or acronyms: a reporting verb, a possessive
        # role, or a list of initials ("CJD/SNB") will do; a bare cell or a bracket will not.
        if REPORTING.match(rest) or re.match(r"['’]s\s+(?:view|role|team)", rest):
            return "before a reporting verb"
        if APPOSITION.match(rest) or WHO_AFTER.match(rest):
            return "before a role in apposition"
        if PRONOUN_AFTER.match(rest):
            return "before a verb and he or she"  # "SW hoped that she could attend"
        if re.match(r"/[A-Z][A-Za-z]{1,3}\b", rest) or re.search(r"\b[A-Z][A-Za-z]{1,3}/$", before):
            return "in a list"
        return None
    if APPOSITION.match(rest) or WHO_AFTER.match(rest):
        return "before a role in apposition"  # "SW, the Designated Nurse, said"; "DA, who chairs"
    if PRONOUN_AFTER.match(rest):
        return "before a verb and he or she"
    if LINE_START.search(before) and DASH_AFTER.match(rest):
        return "owner of an action line"  # "- CP – report on the merged service"
    if before.endswith("(") and rest.startswith(")"):
        return "in brackets"
    if CUE_BEFORE.search(before) and re.match(r"\s*(?:[.,;:)/–-]|\n|and\b|to\b|$)", rest):
        return "after a name cue"
    if AFTER.match(rest):
        return "before a verb"
    if re.match(r"['’]s\s+(?:team|role|view|report|service|staff|department|behalf)\b", rest):
        return "possessive"
    if re.match(r"\s*&\s*[A-Z]", rest) or re.search(r"[A-Z]\.?\s*&\s*$", before):
        return "in a list"
    if re.search(r"(?:^|\n)[ \t]*$", before) and re.match(r"[ \t]*(?:\n|$)", rest):
        return "alone in a cell"
    if re.match(r"/[A-Z][A-Za-z]{1,3}\b", rest) or re.search(r"\b[A-Z][A-Za-z]{1,3}/$", before):
        return "in a list"
    if re.match(r"[ \t]*/[ \t]*[A-Z]", rest) or re.search(r"[A-Z][\w'’\-]*[ \t]*/[ \t]*$", before):
        return "in a list of people"  # "DCI Threlfall / Pip", "TW / LH"
    return None


# "SW hoped that she...", "DA thought he...": a verb, then he or she, in the same clause.
PRONOUN_AFTER = re.compile(r"[ \t]+[a-z]+(?:ed|s)[ \t]+(?:that[ \t]+)?(?:she|he|they)\b")
# "SW, the Designated Nurse," / "SW (Designated Nurse)": a role in apposition after the initials.
APPOSITION = re.compile(r",[ \t]+(?:the|our|their|a)[ \t]+(?:[A-Z][\w'’\-]*[ \t]+){0,4}[A-Z][\w'’\-]*[ \t]*[,)]")
