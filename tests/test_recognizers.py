"""Issue 3: each recogniser's table of valid rows (found, with the exact span) and invalid rows (not found).

The project's recognisers (redaction/recognizers) and the presidio ones configured in
redaction/data/recognizers.yaml are called directly; rows where the NER or the thresholds matter go
through the whole engine (one Analyzer per session).
"""

from __future__ import annotations

import pytest
from helpers import drama_mobile, nhs_check_digit, nhs_number, nhs_number_bad_checksum
from presidio_analyzer.predefined_recognizers import UkNinoRecognizer, UkPostcodeRecognizer

from redaction import recognizers as R
from redaction.text_rules.nhs import nhs_checksum_ok


def found(recognizer, text: str) -> list[str]:
    """The distinct spans a recogniser reports (the engine merges duplicate spans anyway)."""
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return sorted({text[r.start : r.end] for r in results})


@pytest.fixture(scope="module")
def make(allowlist):
    def build(cls):
        if issubclass(cls, R.base.RegexRecognizer):
            return cls(allowlist=allowlist)
        return cls()

    return build


def rows(*items):
    """(text, expected spans) rows, with readable ids."""
    return pytest.mark.parametrize(("text", "expected"), items, ids=[repr(t)[1:-1][:50] for t, _ in items])


# --- the synthetic NHS number generator itself ----------------------------------------------------


@pytest.mark.parametrize("seed", range(20))
def test_when_generated_nhs_number_then_checksum_valid_and_bad_variant_invalid(seed):
    good = nhs_number(seed, "")
    assert nhs_checksum_ok(good)
    assert not nhs_checksum_ok(nhs_number_bad_checksum(seed, ""))
    assert nhs_check_digit(good[:9]) == int(good[9])


# --- NhsNumberRecognizer --------------------------------------------------------------------------


@rows(
    (f"NHS number {nhs_number(1)}", [nhs_number(1)]),
    (f"NHS no. {nhs_number(2, '')}", [nhs_number(2, "")]),
    (f"Her NHS number is {nhs_number(3, '-')}.", [nhs_number(3, "-")]),
    (f"{nhs_number(4)} was on the referral", [nhs_number(4)]),
    (f"NHS number {nhs_number_bad_checksum(1)}", []),
    (f"NHS number {nhs_number_bad_checksum(5, '')}", []),
    ("NHS number 000 000 0000", []),
    ("NHS number 999 999 9999", []),
    ("NHS number 123 456 789", []),
    (f"call {drama_mobile(123)}", []),
    ("reference 2024/123/4567", []),
)
def test_when_text_then_nhs_numbers_found(make, text, expected):
    assert found(make(R.NhsNumberRecognizer), text) == expected


# --- UkPhoneRecognizer ----------------------------------------------------------------------------


@rows(
    (f"mobile {drama_mobile(352)}", [drama_mobile(352)]),
    (f"mobile {drama_mobile(417, '07700900{:03d}')}", [drama_mobile(417, "07700900{:03d}")]),
    (f"ring {drama_mobile(789, '+44 7700 900{:03d}')}", [drama_mobile(789, "+44 7700 900{:03d}")]),
    (f"ring {drama_mobile(1, '+44 (0)7700 900{:03d}')} today", [drama_mobile(1, "+44 (0)7700 900{:03d}")]),
    ("office 01632 960 123", ["01632 960 123"]),
    ("office 01632 960456", ["01632 960456"]),
    ("mobile 07777 777777", []),
    ("mobile 07700 90012", []),
    ("budget 2024/25", []),
    ("number 12345678", []),
    ("a meeting on 11 March 2024", []),
)
def test_when_text_then_uk_phone_numbers_found(make, text, expected):
    assert found(make(R.UkPhoneRecognizer), text) == expected


# --- DateOfBirthRecognizer ------------------------------------------------------------------------


@rows(
    ("born on 3 July 2021", ["3 July 2021"]),
    ("DOB 14/02/2019", ["14/02/2019"]),
    ("d.o.b. 19.08.2009", ["19.08.2009"]),
    ("D.O.B. 2010-05-04", ["2010-05-04"]),
    ("Date of birth: 1st May 2016", ["1st May 2016"]),
    ("She was born the 5th of June 2020 in hospital.", ["5th of June 2020"]),
    ("date of birth is 04/11/2015", ["04/11/2015"]),
    ("a meeting on 11 March 2024", []),
    ("The report was published on 3 July 2021.", []),
    ("Date of next meeting: 11 March 2024", []),
    ("born in the UK in 2019", []),
)
def test_when_text_then_dates_of_birth_found(make, text, expected):
    assert found(make(R.DateOfBirthRecognizer), text) == expected


DOB_CUE_CASES = [
    "Born 3 July 2021 at home.",
    "Sam’s birth on 4 May 2019 was early.",
    "B. 12/03/2011, the younger child.",
    "b.  2011-06-30",
    "D.O.B 2010-05-04",
    "Her birthdate was 04/11/2015.",
    "We were given her date of birth. It is 14/03/2011.",
    "Dates of birth (Robin: 2013-02-08; Alex: 2011-06-30).",
    "The Board met on 11 March 2024 and 3 July 2021.",
    "Web. 12 pages; sub. 3 items.",
]


def test_when_no_cue_is_in_a_text_then_skipping_it_finds_what_searching_it_finds(make, monkeypatch) -> None:
    """The cue filter only saves time: over every corpus text in the repository and the cases
    above, the dates found with it are the dates found without it."""
    from pathlib import Path

    from redaction.recognizers import date_of_birth

    corpus = Path(__file__).parent / "corpus"
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*/*/*.md"))] + DOB_CUE_CASES
    assert len(texts) > 80
    recognizer = make(R.DateOfBirthRecognizer)
    with_filter = [found(recognizer, t) for t in texts]
    monkeypatch.setattr(date_of_birth, "CUES", __import__("re").compile(""))  # matches every text
    assert [found(recognizer, t) for t in texts] == with_filter
    assert sum(map(bool, with_filter)) >= 8  # the corpora and cases hold dates of birth to find


# --- CaseReferenceRecognizer ----------------------------------------------------------------------


@rows(
    ("crime reference 41/33817/25", ["41/33817/25"]),
    ("MASH ref 2025/004417", ["2025/004417"]),
    ("Case 25/017 was closed", ["25/017"]),
    ("crime number AB12345678", ["AB12345678"]),
    ("police log 38/19977/24 refers", ["38/19977/24"]),
    ("financial year 2024/25", []),
    ("the 2024/25 budget", []),
    ("Case 2024/25 budget", []),
    ("Referral 12/05/2024", []),
    ("ref 2024", []),
    ("section 47 enquiries", []),
)
def test_when_text_then_case_references_found(make, text, expected):
    assert found(make(R.CaseReferenceRecognizer), text) == expected


# --- StreetAddressRecognizer ----------------------------------------------------------------------


@rows(
    ("She lived at 12 Kittiwake Road with her aunt.", ["12 Kittiwake Road"]),
    ("Flat 4, 19 Larchwood Close", ["Flat 4, 19 Larchwood Close"]),
    ("moved to Flat 2 Marram House in May", ["Flat 2 Marram House"]),
    ("7a Sandpiper Mews", ["7a Sandpiper Mews"]),
    ("the Care Act 2014", []),
    ("within 20 school days", []),
    ("a flat on Ferrier Close", ["Ferrier Close"]),  # the street where a family lives identifies them
    ("the family lived on Thistledown Walk until", ["Thistledown Walk"]),
    ("the meeting on Ferrier Close", []),  # no home context: a street name alone stays
    ("2 Board Members", []),
)
def test_when_text_then_street_addresses_found(make, text, expected):
    assert found(make(R.StreetAddressRecognizer), text) == expected


# --- TitledNameRecognizer -------------------------------------------------------------------------


@rows(
    ("DCI Whitfield presented the profile.", ["DCI Whitfield"]),
    ("Mrs O'Connell attended.", ["Mrs O'Connell"]),
    ("Cllr Imogen Fairweather chaired.", ["Cllr Imogen Fairweather"]),
    ("Dr Nwosu said the plan was agreed.", ["Dr Nwosu"]),
    ("Ms Zielińska asked a question.", ["Ms Zielińska"]),
    ("The Chair thanked members.", []),
    ("Mr and Mrs were not named.", []),
    ("the Dr said so", []),
    ("The Chief Constable of Suffolk Constabulary spoke.", []),
)
def test_when_text_then_titled_names_found(make, text, expected):
    assert found(make(R.TitledNameRecognizer), text) == expected


# --- NameGazetteerRecognizer ----------------------------------------------------------------------


@rows(
    ("Chidi Okafor attended.", ["Chidi Okafor"]),
    ("BOGDAN IONESCU – LOW RISK", ["BOGDAN IONESCU"]),
    ("Kacper Zieliński was interviewed.", ["Kacper Zieliński"]),
    ("Siobhan O'Rourke spoke.", ["Siobhan O'Rourke"]),
    ("Lily-Mae Ashdown was seen.", ["Lily-Mae Ashdown"]),
    ("A message from Priya.", ["Priya"]),
    ("Suffolk Constabulary attended.", []),
    ("The MASH said it would respond.", []),
    ("Hope was expressed that it would improve.", []),
    ("Will the Board agree?", []),
)
def test_when_text_then_gazetteer_names_found(make, text, expected):
    assert found(make(R.NameGazetteerRecognizer), text) == expected


# --- InitialsRecognizer ---------------------------------------------------------------------------

ACRONYMS = ["MASH", "SEND", "CYPS", "ICB", "GP", "NHS", "SAR", "LCSPR", "CAMHS", "LIG"]


@rows(
    ("AM provided some examples.", ["AM"]),
    ("The report was updated by the social worker (KW).", ["KW"]),
    ("Action: RM", ["RM"]),
    ("JB and KL agreed to meet.", ["JB", "KL"]),
    ("Actions were agreed by TZ.", ["TZ"]),
    ("The MASH said it would respond.", []),
    ("Children with special needs (SEND) were discussed.", []),
    ("Customer First (CF) will lead the work.", []),
    ("I am here; it was 9 AM.", []),
    *[(f"{a} said it would respond.", []) for a in ACRONYMS],
    *[(f"The plan ({a}) was agreed.", []) for a in ACRONYMS],
)
def test_when_text_then_initials_found_and_acronyms_kept(make, text, expected):
    assert found(make(R.InitialsRecognizer), text) == expected


# --- OfflineEmailRecognizer -----------------------------------------------------------------------


@rows(
    ("write to farhiya.hassan@example.org today", ["farhiya.hassan@example.org"]),
    ("k.zielinski@nhs.net", ["k.zielinski@nhs.net"]),
    ("<chidi.okafor@example.co.uk>", ["chidi.okafor@example.co.uk"]),
    ("follow @MarloweVale", []),
    ("name at example dot org", []),
    ("user@localhost", []),
)
def test_when_text_then_emails_found_offline(make, text, expected):
    assert found(make(R.OfflineEmailRecognizer), text) == expected


# --- presidio recognisers configured in recognizers.yaml ------------------------------------------


@rows(
    ("NI number AB 12 34 56 C", ["AB 12 34 56 C"]),
    ("national insurance AB123456C", ["AB123456C"]),
    ("NI number QQ 12 34 56 A", []),
    ("NI number GB 12 34 56 A", []),
    ("NI number AB 12 34 56 E", []),
    ("a meeting on 11 March 2024", []),
)
def test_when_text_then_uk_ni_numbers_found(make, text, expected):
    assert found(make(UkNinoRecognizer), text) == expected


@rows(
    ("postcode IP1 2AN", ["IP1 2AN"]),
    ("lives at CO4 5HG", ["CO4 5HG"]),
    ("the A14 road", []),
    ("MASH 2024", []),
    ("budget 2024/25", []),
)
def test_when_text_then_uk_postcodes_found(make, text, expected):
    assert found(make(UkPostcodeRecognizer), text) == expected


# --- the whole engine -----------------------------------------------------------------------------


@rows(
    ("Chidi Okafor presented the report to the Board.", [("PERSON", "Chidi Okafor")]),
    ("The social worker, Farhiya Hassan, visited the family.", [("PERSON", "Farhiya Hassan")]),
    ("Bogdan Ionescu was discharged from hospital at night.", [("PERSON", "Bogdan Ionescu")]),
    ("The child was born on 3 July 2021.", [("DATE_OF_BIRTH", "3 July 2021")]),
    ("DOB 14/02/2019", [("DATE_OF_BIRTH", "14/02/2019")]),
    ("d.o.b. 19.08.2009", [("DATE_OF_BIRTH", "19.08.2009")]),
    ("He was charged (crime reference 41/33817/25).", [("CASE_REFERENCE", "41/33817/25")]),
    (f"Her NHS number is {nhs_number(7)}.", [("UK_NHS", nhs_number(7))]),
    (f"Call {drama_mobile(900)}.", [("PHONE_NUMBER", drama_mobile(900))]),
    ("NI number AB 12 34 56 C", [("UK_NINO", "AB 12 34 56 C")]),
    ("Her postcode is IP1 2AN.", [("UK_POSTCODE", "IP1 2AN")]),
    ("AM provided some examples.", [("INITIALS", "AM")]),
    ("Contact farhiya.hassan@example.org.", [("EMAIL_ADDRESS", "farhiya.hassan@example.org")]),
)
def test_when_engine_analyses_text_then_entity_found(analyzer, text, expected):
    findings = analyzer.analyse([text])[0]
    for entity, span in expected:
        assert any(f.entity == entity and span in f.text for f in findings), findings


@rows(
    ("The Board met on 11 March 2024.", ["DATE_OF_BIRTH"]),
    ("The budget for 2024/25 was agreed.", ["CASE_REFERENCE", "PHONE_NUMBER", "UK_NHS"]),
    ("NHS number 000 000 0000", ["UK_NHS", "PHONE_NUMBER"]),
    (f"NHS number {nhs_number_bad_checksum(7)}", ["UK_NHS"]),
    ("NI number QQ 12 34 56 A", ["UK_NINO"]),
    ("The MASH said it would respond.", ["INITIALS"]),
    ("Children with SEND (SEND) were discussed.", ["INITIALS"]),
    (
        "CAMHS and the ICB agreed; the GP and NHS were told; SAR and LCSPR to the LIG; CYPS noted.",
        ["INITIALS"],
    ),
)
def test_when_engine_analyses_public_text_then_entity_not_found(analyzer, text, expected):
    findings = analyzer.analyse([text])[0]
    assert [f for f in findings if f.entity in expected] == []
