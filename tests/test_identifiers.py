"""Identifier layouts and disguises (issue 11): each recogniser's rows that must be caught and rows
that must stay (meeting dates, service numbers, budgets, acronyms, appendix markers)."""

from __future__ import annotations

import pytest
from helpers import drama_mobile, nhs_number, nhs_number_bad_checksum

from redaction import recognizers as R


def found(recognizer, text: str) -> list[str]:
    return sorted({text[r.start : r.end] for r in recognizer.analyze(text, recognizer.supported_entities, None)})


def rows(*items):
    return pytest.mark.parametrize(("text", "expected"), items, ids=[repr(t)[1:-1][:50] for t, _ in items])


def grouped(digits: str, sizes: tuple[int, ...], sep: str = " ") -> str:
    out, pos = [], 0
    for n in sizes:
        out.append(digits[pos : pos + n])
        pos += n
    return sep.join(out)


GOOD, BAD = nhs_number(11, ""), nhs_number_bad_checksum(11, "")


@rows(
    (f"call {drama_mobile(123, '077 0090 0{:03d}')} now", [drama_mobile(123, "077 0090 0{:03d}")]),
    (f"mobile {drama_mobile(318, '(07700) 900{:03d}')}", [drama_mobile(318, "(07700) 900{:03d}")]),
    (f"ring {drama_mobile(5, '+44 (0)7700 900{:03d}')}", [drama_mobile(5, "+44 (0)7700 900{:03d}")]),
    (f"ring {drama_mobile(44, '0044 7700 900{:03d}')}", [drama_mobile(44, "0044 7700 900{:03d}")]),
    ("office (0113) 496 0542.", ["(0113) 496 0542"]),
    (f"tel {drama_mobile(77, '07700.900.{:03d}')}.", [drama_mobile(77, "07700.900.{:03d}")]),
    ("dated 01.02.2024", []),
    ("office 0044 113 496 0542", ["0044 113 496 0542"]),
    ("Childline 0800 1111", []),
    ("the 2024/25 budget", []),
    ("a meeting on 11 March 2024", []),
    ("(07700 900123", []),
)
def test_when_phone_layout_then_found_or_kept(text, expected):
    assert found(R.UkPhoneRecognizer(), text) == expected


@rows(
    (f"NHS {grouped(GOOD, (4, 3, 3))}", [grouped(GOOD, (4, 3, 3))]),
    (f"NHS {grouped(GOOD, (2, 2, 2, 2, 2))}", [grouped(GOOD, (2, 2, 2, 2, 2))]),
    (f"number {GOOD} on file", [GOOD]),
    (f"NHS {grouped(GOOD, (3, 3, 4), '.')}", [grouped(GOOD, (3, 3, 4), ".")]),
    (f"NHS {grouped(GOOD, (3, 3, 4), '.')[:-1]}", []),
    (f"NHS {grouped(BAD, (4, 3, 3))}", []),
    (f"NHS {grouped(BAD, (2, 2, 2, 2, 2))}", []),
    (f"number {BAD} on file", []),
    ("0113 496 054", []),
)
def test_when_nhs_number_grouping_then_found_only_with_valid_checksum(text, expected):
    assert found(R.NhsNumberRecognizer(), text) == expected


@rows(
    ("Her date of birth on the referral was 12 March 2011.", ["12 March 2011"]),
    ("birth date recorded as 03/04/2012", ["03/04/2012"]),
    ("date of birth given as 4 May 2009", ["4 May 2009"]),
    ("The twins were born on 3 March 2012 and 14 June 2014.", ["14 June 2014", "3 March 2012"]),
    ("DOBs 12/03/2011, 14/06/2013 and 01/01/2015", ["01/01/2015", "12/03/2011", "14/06/2013"]),
    ("We were given her date of birth. It is 14/03/2011.", ["14/03/2011"]),
    ("date of birth 12 03 2011", ["12 03 2011"]),
    ("He was born in Leeds. The Board met on 12 March 2025.", []),
    ("The date of birth was not recorded. The review met on 3 May 2024.", []),
    ("Date of next meeting: 11 March 2024", []),
)
def test_when_date_of_birth_form_then_found_or_kept(text, expected):
    assert found(R.DateOfBirthRecognizer(), text) == expected


@rows(
    ("Home Office reference (B7845123)", ["B7845123"]),
    ("tenancy ref: TEN-004417", ["TEN-004417"]),
    ("crime number is 06/123456/25", ["06/123456/25"]),
    ("case number LA/2025/0143", ["LA/2025/0143"]),
    ("HO ref H1234567/2", ["H1234567/2"]),
    ("police reference [SM-2291-4471]", ["SM-2291-4471"]),
    ("crime number shown as CN 55102", ["55102"]),
    ("financial year 2024/25", []),
    ("the court hearing in 2025", []),
    ("section 47 enquiries", []),
)
def test_when_reference_after_cue_then_found_or_kept(text, expected):
    assert found(R.CaseReferenceRecognizer(), text) == expected


@rows(
    ("write to jo.smith [at] leeds [dot] gov [dot] uk today", ["jo.smith [at] leeds [dot] gov [dot] uk"]),
    ("faith.hart(at)example(dot)org", ["faith.hart(at)example(dot)org"]),
    ("contact jo dot smith at leeds dot gov dot uk.", ["jo dot smith at leeds dot gov dot uk"]),
    ("staff at leeds.gov.uk", []),
    ("we met at home. dot the i's", []),
    ("Kerry at the Hub dot com", []),
)
def test_when_disguised_email_then_found_or_kept(text, expected):
    assert found(R.ObfuscatedEmailRecognizer(), text) == expected


@rows(
    ("the plan[AB1] was agreed [JMcK12]", ["[AB1]", "[JMcK12]"]),
    ("see [1], Appendix [A1] and [Draft2]", []),
)
def test_when_word_comment_anchor_then_found_or_kept(text, expected):
    assert found(R.CommentAnchorRecognizer(), text) == expected
