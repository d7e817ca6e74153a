"""Issue 3 end to end: the Analyzer's findings through the Redactor, as site_builder.stage.prepare does it.

Names found by the engine (not declared anywhere) must disappear wherever they stand in the
Markdown; declared people get their pseudonym; public words survive untouched.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest
from helpers import drama_mobile, nhs_number

from redaction.markdown_view import plain_view
from redaction.redactor import Redactor, full_names, name_column_findings, person_findings_kept
from redaction.register import build_register
from redaction.sources import Person, Review


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def redact(analyzer, allowlist, text: str, people=(), places=(), review_type: str = "lcspr") -> str:
    """Redact one document the way ``site_builder.stage.prepare`` does."""
    review = Review(
        Path("reviews/r.md"),
        "reviews/r.md",
        "Review",
        "",
        review_type=review_type,
        status="approved",
        publish_on=dt.date(2024, 1, 1),
        people=[Person(**p) for p in people],
        places=list(places),
    )
    register = build_register([review], None, allowlist)
    findings = analyzer.analyse([text])[0]
    names = full_names(
        person_findings_kept(findings, plain_view(text), allowlist, set()) + name_column_findings(text, allowlist),
        allowlist,
    )
    return Redactor(register, allowlist).redact(text, findings, names).text


def rows(*items):
    return pytest.mark.parametrize(("text", "names", "kept"), items, ids=[repr(i[0])[1:-1][:60] for i in items])


# --- names nobody declared: found by the engine, wherever they stand ------------------------------


@rows(
    ("CHIDI OKAFOR attended the strategy meeting.", ["Chidi", "Okafor"], ["attended the strategy meeting."]),
    (
        "Bogdan Ionescu attended. Later bogdan said he was scared.",
        ["Bogdan", "Ionescu"],
        ["said he was scared."],
    ),
    (
        "Bogdan Ionescu's daughter called the police.",
        ["Bogdan", "Ionescu"],
        ["'s daughter called the police."],
    ),
    (
        "Lily-Mae Ashdown-Price was seen by the school nurse.",
        ["Lily", "Mae", "Ashdown", "Price"],
        ["was seen by the school nurse."],
    ),
    (
        "Siobhan O'Connell spoke to the social worker.",
        ["Siobhan", "O'Connell", "Connell"],
        ["spoke to the social worker."],
    ),
    ("Kacper Zieliński was interviewed by police.", ["Kacper", "Zielinski"], ["was interviewed by police."]),
    (
        "Farhiya Hassan was excluded from school in May.",
        ["Farhiya", "Hassan"],
        ["was excluded from school in May."],
    ),
    (
        "Chidi Okafor presented the report to the Board.",
        ["Chidi", "Okafor"],
        ["presented the report to the Board."],
    ),
    (
        "The report was written by Chidi\nOkafor in May.",
        ["Chidi", "Okafor"],
        ["The report was written by", "in May."],
    ),
    (
        "<span>Bogdan Ionescu</span> attended the meeting.",
        ["Bogdan", "Ionescu"],
        ["<span>", "</span> attended the meeting."],
    ),
    (
        "| Name | Role |\n|---|---|\n| Chidi Okafor | Social Worker |\n",
        ["Chidi", "Okafor"],
        ["| Name | Role |\n|---|---|\n| ", " | Social Worker |\n"],
    ),
    (
        "## Statement from Farhiya Hassan\n\nIt was read aloud.\n",
        ["Farhiya", "Hassan"],
        ["## Statement from ", "It was read aloud."],
    ),
    (
        "Read [Bogdan Ionescu's statement](statement.pdf) first.",
        ["Bogdan", "Ionescu"],
        ["Read [", "'s statement](statement.pdf) first."],
    ),
    (
        "Contact [the family](mailto:farhiya.hassan@example.org) today.",
        ["Farhiya", "Hassan"],
        ["Contact [the family](mailto:", ") today."],
    ),
    (
        '<a href="mailto:chidi.okafor@example.org">Chidi Okafor</a>',
        ["Chidi", "Okafor"],
        ['<a href="mailto:', "</a>"],
    ),
    ("![Kacper Zieliński at the beach](photo.png)", ["Kacper", "Zielinski"], ["![", "](photo.png)"]),
    (
        '<img src="photo.png" alt="Bogdan Ionescu in his garden">',
        ["Bogdan", "Ionescu"],
        ['<img src="photo.png" alt="', ' in his garden">'],
    ),
    (
        "The plan was agreed.[^1]\n\n[^1]: Confirmed by Farhiya Hassan on the phone.\n",
        ["Farhiya", "Hassan"],
        ["The plan was agreed.[^1]", "[^1]: Confirmed by ", " on the phone."],
    ),
    ("**Chidi Okafor** chaired the meeting.", ["Chidi", "Okafor"], ["**", " chaired the meeting."]),
    ("DCI Whitfield presented the profile.", ["Whitfield"], ["presented the profile."]),
    (
        "Chidi Okafor chaired. Later Okafor said the plan was agreed.",
        ["Chidi", "Okafor"],
        ["said the plan was agreed."],
    ),
    (
        "Chidi Okafor chaired the meeting. CO said the plan was agreed.",
        ["Chidi", "Okafor", "CO"],
        ["said the plan was agreed."],
    ),
    ("AM provided some examples.", ["AM"], ["provided some examples."]),
    ("Action: RM to write to schools.", ["RM"], ["Action:", "to write to schools."]),
)
def test_when_undeclared_name_then_removed_and_markup_kept(analyzer, allowlist, text, names, kept):
    out = redact(analyzer, allowlist, text)
    for name in names:
        if name.isupper():  # initials: case matters ("CO" said, not "co-ordinated")
            assert not re.search(rf"(?<!\w){name}(?!\w)", out), out
        else:
            assert not re.search(rf"(?<!\w){re.escape(fold(name))}(?!\w)", fold(out)), out
    for piece in kept:
        assert piece in out, out
    assert "withheld]" in out


# --- declared people and places: their pseudonym, everywhere --------------------------------------

DECLARED = [
    {"name": "Farhiya Hassan", "aliases": ("Farhi",), "pseudonym": "Rose", "age": 14},
    {"name": "Bogdan Ionescu", "relation": "grandfather"},
    {"name": "Tobiah Quennell", "age": 1},
    {"name": "Maisie Quennell-Ward", "age": 16},
    {"name": "Zofia Wiśniewska", "age": 40},
]
PLACES = ["Larkspur Primary School", "Quenby Road", "Hollowmere"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("## Statement from Farhiya Hassan\n", "## Statement from Rose\n"),
        ("| Farhiya Hassan | Year 9 |\n", "| Rose | Year 9 |\n"),
        ("[Farhiya's statement](statement.pdf)", "[Rose's statement](statement.pdf)"),
        ("<em>Farhi</em> was quiet.", "<em>Rose</em> was quiet."),
        ('<img src="p.png" alt="Farhiya Hassan">', '<img src="p.png" alt="Rose">'),
        ("Seen by Farhiya\nHassan today.", "Seen by Rose today."),
        ("FARHIYA HASSAN – LOW RISK", "Rose – LOW RISK"),
        ("farhiya was hungry.", "Rose was hungry."),
        ("Ms Hassan was not at home.", "Rose was not at home."),
        ("[^1]: Said by Bogdan Ionescu.", "[^1]: Said by Rose's grandfather."),
        ("Mr Ionescu lived alone.", "Rose's grandfather lived alone."),
        ("Tobiah Quennell was a baby.", "Baby A was a baby."),
        ("Maisie Quennell-Ward was 16.", "Young Person B was 16."),
        ("Zofia Wisniewska, his carer, called.", "Adult C, his carer, called."),
        ("Zofia Wiśniewska called.", "Adult C called."),
        ("Larkspur Primary School made a referral.", "the school made a referral."),
        ("They lived on Quenby Road.", "They lived on a nearby street."),
        ("They moved to Hollowmere.", "They moved to [place withheld]."),
    ],
    ids=lambda v: repr(v)[1:-1][:50],
)
def test_when_declared_person_or_place_then_replaced_by_its_label(analyzer, allowlist, text, expected):
    assert redact(analyzer, allowlist, text, DECLARED, PLACES) == expected


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ('<a href="mailto:farhiya.hassan@example.org">email</a>', ["farhiya", "hassan"]),
        ("Quennell was seen by both.", ["quennell"]),
        ("The Quennell family moved.", ["quennell"]),
    ],
    ids=["declared_mailto", "shared_surname", "shared_surname_family"],
)
def test_when_declared_name_in_awkward_place_then_gone(analyzer, allowlist, text, gone):
    out = redact(analyzer, allowlist, text, DECLARED, PLACES)
    for word in gone:
        assert word not in fold(out), out


# --- identifiers end to end -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The child was born on 3 July 2021.", "The child was born on [date of birth withheld]."),
        ("DOB 14/02/2019", "DOB [date of birth withheld]"),
        (f"Her NHS number is {nhs_number(11)}.", "Her NHS number is [NHS number withheld]."),
        (f"Call {drama_mobile(352)}.", "Call [phone number withheld]."),
        (
            "He was charged (crime reference 41/33817/25).",
            "He was charged (crime reference [reference withheld]).",
        ),
        ("NI number AB 12 34 56 C", "NI number [NI number withheld]"),
        ("She lived at 12 Kittiwake Road.", "She lived at [address withheld]."),
        ("Write to farhiya.hassan@example.org.", "Write to [email withheld]."),
        ("The Board met on 11 March 2024.", "The Board met on 11 March 2024."),
        ("The 2024/25 budget was agreed.", "The 2024/25 budget was agreed."),
        ("NHS number 000 000 0000", "NHS number 000 000 0000"),
        ("NI number QQ 12 34 56 A", "NI number QQ 12 34 56 A"),
    ],
    ids=lambda v: repr(v)[1:-1][:50],
)
def test_when_identifier_then_replaced_by_a_visible_mark(analyzer, allowlist, text, expected):
    assert redact(analyzer, allowlist, text) == expected


# --- public words survive -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Suffolk Constabulary shared the data.",
        "Children with SEND were discussed.",
        "Duties under the Care Act 2014 apply.",
        "The meeting was held in Ipswich.",
        "Healthwatch Suffolk presented the survey.",
        "## Agenda Items for Discussion\n",
        "Gender: female",
        "HMIP published its report.",
        "MAPPA arrangements were reviewed.",
        "The MASH said it would respond.",
        "The GP referred her to CAMHS and the ICB was told.",
        "The LCSPR and the SAR were presented to the LIG by CYPS.",
        "Barnardo's ran the service.",
        "The Independent Chair thanked the Designated Nurse.",
        "| Role | Organisation |\n|---|---|\n| Head of Service | Probation Service |\n",
    ],
    ids=lambda v: repr(v)[1:-1][:50],
)
def test_when_public_words_then_text_unchanged(analyzer, allowlist, text):
    assert redact(analyzer, allowlist, text) == text
