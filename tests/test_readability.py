"""Redacted text still reads well: registered roles take their title, relations are not repeated,
a replacement is not repeated in brackets, ranks stay before a withheld name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from redaction.readability import drop_repeated_relations
from redaction.redactor import Redactor
from redaction.register import build_register
from redaction.sources import Person, Review

REGISTER = """people:
  - name: Joanna Prewitt
    initials: [JP]
    role: the Detective Inspector
"""


@pytest.fixture
def redactor(tmp_path: Path, allowlist) -> Redactor:
    review = Review(
        Path("reviews/r.md"),
        "reviews/r.md",
        "Review",
        "",
        review_type="lcspr",
        status="approved",
        publish_on=dt.date(2024, 1, 1),
        people=[
            Person("Nadia Abdullahi", ("Nadia",), "Rose", 14, "subject"),
            Person("Hodan Warsame", (), None, None, "mother"),
        ],
    )
    (tmp_path / "register.yaml").write_text(REGISTER, encoding="utf-8")
    return Redactor(build_register([review], tmp_path / "register.yaml", allowlist), allowlist)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DI Joanna Prewitt presented the update.", "the Detective Inspector presented the update."),
        ("The lead (JP) agreed.", "The lead (the Detective Inspector) agreed."),
        ("Joanna Prewitt (JP) presented.", "the Detective Inspector presented."),
        ("Nadia lived with her mother, Hodan Warsame, in a flat.", "Rose lived with her mother in a flat."),
        ("Ms Hodan Warsame said she was worried.", "Rose's mother said she was worried."),
        ("DCI Ivor Quenby presented.", "DCI [name withheld] presented."),
        ("Dr Ivor Quenby presented.", "Dr [name withheld] presented."),
        # a rare title narrows down who it is: it goes with the name
        ("Professor Ivor Quenby presented.", "[name withheld] presented."),
        ("Reverend Ivor Quenby presented.", "[name withheld] presented."),
    ],
)
def test_when_text_is_redacted_then_it_reads_naturally(analyzer, redactor: Redactor, text: str, expected: str) -> None:
    findings = analyzer.analyse([text])[0]
    assert redactor.redact_all([text], [findings])[0].text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("her older brother, Sam's sibling, came", "her older brother came"),
        ("Sam's mother, Sam's mother, said", "Sam's mother said"),
        ("her aunt, Sam's mother, said", "her aunt, Sam's mother, said"),  # a different relation stays
    ],
)
def test_when_a_relation_is_repeated_in_apposition_then_it_is_dropped(text: str, expected: str) -> None:
    assert drop_repeated_relations(text, {"Sam's mother", "Sam's sibling"}) == expected
