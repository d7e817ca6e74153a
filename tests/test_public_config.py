"""Issue 12 (items 3 to 5): the configuration is honoured by every recogniser. Allowlist entries of
any length (two letters: exact case), public contact details, role mailboxes, abbreviations a
document defines, public-body abbreviations and laws or reports named after people stay; a real
name or identifier beside them is still replaced."""

from __future__ import annotations

import pytest

from redaction.allowlist import Allowlist
from redaction.redactor import Redactor
from redaction.register import build_register

CONTACTS = (
    "01632 960 000",
    "office.manager@marlowevale.org.uk",
    "IP1 2BX",
    "Endeavour House, 8 Russell Road, Ipswich",
)
TERMS = ("NW", "Marlowe Vale", "Eastwick Bridge Hub")


@pytest.fixture(scope="module")
def configured():
    return Allowlist.load(TERMS, CONTACTS)


def redact(analyzer, allowlist: Allowlist, text: str) -> str:
    findings = analyzer.analyse([text])[0]
    return Redactor(build_register([], None, allowlist), allowlist).redact_all([text], [findings])[0].text


def check(out: str, kept: list[str], gone: list[str]) -> None:
    for k in kept:
        assert k in out, out
    for g in gone:
        assert g not in out, out


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        ("Action: NW to circulate the plan. NW agreed.", ["NW to circulate", "NW agreed"], []),
        ("Action: nw to circulate the plan.", [], []),
        ("Action: JT to circulate the plan. JT agreed.", [], ["JT"]),
        (
            "| Name | Organisation |\n|---|---|\n| Marlowe Vale | Partnership |\n| Eastwick Bridge Hub | Charity |\n"
            "| Age UK | Charity |\n| Priyanka Dhaliwal | School |\n",
            ["| Marlowe Vale |", "| Eastwick Bridge Hub |", "| Age UK |"],
            ["Priyanka", "Dhaliwal"],
        ),
        (
            "Marlowe Vale welcomed the report; Marlowe Vale said more.",
            ["Marlowe Vale welcomed", "Marlowe Vale said"],
            [],
        ),
    ],
    ids=["two_letter_entry", "lower_case_is_not_the_entry", "other_initials_caught", "name_column", "any_recogniser"],
)
def test_when_allowlist_entry_then_every_recogniser_keeps_it(analyzer, configured, text, kept, gone):
    check(redact(analyzer, configured, text), kept, gone)


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        ("Call the partnership on 01632 960000 or 01632 960 000.", ["01632 960000", "01632 960 000"], []),
        ("Call the partnership on +44 1632 960000.", ["+44 1632 960000"], []),
        ("Write to Endeavour House, 8 Russell Road, Ipswich IP1 2BX.", ["8 Russell Road", "IP1 2BX"], []),
        ("Our office is at 8 Russell Road.", ["8 Russell Road"], []),
        (
            "E-mail office.manager@marlowevale.org.uk or OFFICE.MANAGER@marlowevale.org.uk.",
            ["office.manager@", "OFFICE.MANAGER@"],
            [],
        ),
        ("E-mail kwame.otieno@marlowevale.org.uk today.", [], ["kwame.otieno"]),
        ("Her mobile was 07700 900123 and she lived at IP4 5QT.", [], ["07700 900123", "IP4 5QT"]),
        ("The family lived at 14 Russell Road.", [], ["14 Russell Road"]),
    ],
    ids=[
        "phone_any_spacing",
        "phone_international",
        "office_address",
        "office_street",
        "email",
        "other_email",
        "other_phone_and_postcode",
        "other_house",
    ],
)
def test_when_public_contact_then_no_recogniser_replaces_it(analyzer, configured, text, kept, gone):
    check(redact(analyzer, configured, text), kept, gone)


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        ("Contact enquiries@marlowevale.org.uk or info@eastwick.gov.uk.", ["enquiries@", "info@"], []),
        (
            "Referrals: safeguarding@eastwick.gov.uk, lado-referrals@eastwick.gov.uk.",
            ["safeguarding@", "lado-referrals@"],
            [],
        ),
        ("She wrote from t.okonjo@eastwick.gov.uk.", [], ["t.okonjo@"]),
        ("Contact admin.tokonjo@eastwick.gov.uk.", [], ["tokonjo"]),
    ],
    ids=["enquiries_info", "safeguarding_lado", "personal", "role_word_and_name"],
)
def test_when_role_mailbox_then_public_by_default(analyzer, allowlist, text, kept, gone):
    check(redact(analyzer, allowlist, text), kept, gone)


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        (
            "The Case Review Panel (CRP) met. CRP agreed the plan. Action: CRP to report.",
            ["CRP agreed", "Action: CRP"],
            [],
        ),
        ("The CRP (Case Review Panel) met. CRP agreed the plan.", ["CRP agreed"], []),
        ("The case went to the Panel (CRP) in May. Action: CRP to write back.", ["Action: CRP"], []),
        ("A Rapid Review (RR) was held. RR said learning was clear.", ["RR said"], []),
        (
            "| Abbreviation | Meaning |\n|---|---|\n| CRP | Case Review Panel |\n| SRG | Strategic Review Group |\n\n"
            "SRG agreed the terms. CRP said yes.",
            ["SRG agreed", "CRP said"],
            [],
        ),
        ("Glossary\n\n- PLO: Public Law Outline\n\nAction: PLO to be started.", ["Action: PLO"], []),
        ("Kerry Lanham (KL) chaired. KL said the plan was agreed.", [], ["Kerry", "Lanham", "KL said"]),
        ("| Initials | Name |\n|---|---|\n| KL | Kerry Lanham |\n\nKL said yes.", [], ["Kerry", "Lanham"]),
        ("SCC agreed to fund the post. KCC and WSCC were consulted.", ["SCC agreed", "KCC and WSCC"], []),
        (
            "Reviews go to the Case Review Panel or the Safeguarding Adult Review Panel.\n\n"
            "| Stage | Owner |\n|---|---|\n| Summary | CRP/SARP |\n",
            ["CRP/SARP"],
            [],
        ),
        (
            "Rachel Robinson chaired the Rapid Review. Action: RR to circulate the notes.",
            [],
            ["Rachel", "Robinson", "RR to"],
        ),
    ],
    ids=[
        "long_first",
        "abbreviation_first",
        "short_form",
        "rapid_review",
        "glossary_table",
        "glossary_list",
        "person_initials_not_a_definition",
        "initials_table_not_a_glossary",
        "council_abbreviations",
        "implied_by_the_body_named_in_full",
        "initials_of_a_named_person_are_not_implied",
    ],
)
def test_when_document_defines_abbreviation_then_it_is_public(analyzer, allowlist, text, kept, gone):
    check(redact(analyzer, allowlist, text), kept, gone)


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        ("Disclosure under Clare's Law was refused. Sarah's Law was explained.", ["Clare's Law", "Sarah's Law"], []),
        (
            "Since the Munro review and the Laming inquiry, practice has changed.",
            ["Munro review", "Laming inquiry"],
            [],
        ),
        ("Following the Lucy Letby case, filming on wards was discussed.", ["Lucy Letby"], []),
        ("The Ockenden Review and Awaab's Law were noted.", ["Ockenden Review", "Awaab's Law"], []),
        ("Clare's Law was explained to Clare Dunmore by DC Ferrant.", ["Clare's Law"], ["Dunmore", "Ferrant"]),
    ],
    ids=["laws", "reviews_lower_case", "public_figure", "report_and_law", "real_name_beside_a_law"],
)
def test_when_law_or_report_named_after_a_person_then_it_stays(analyzer, allowlist, text, kept, gone):
    check(redact(analyzer, allowlist, text), kept, gone)


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        (
            "Individuals will be referred to as Baby (under 2), Young Person (3-17) or Adult (18+).",
            ["Young Person (3-17)"],
            [],
        ),
        (
            "Version\tDate\tAuthor\tNotes\nV0.1\tFeb 2021\tHoward Woldsmith\tFirst draft\n",
            ["First draft"],
            ["Woldsmith"],
        ),
    ],
    ids=["guidance_categories", "tab_is_a_cell_edge"],
)
def test_when_public_words_from_real_documents_then_they_stay(analyzer, allowlist, text, kept, gone):
    check(redact(analyzer, allowlist, text), kept, gone)
