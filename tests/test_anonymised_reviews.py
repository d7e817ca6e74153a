"""Issue 12 (item 2): reviews that arrive anonymised. Declared labels and pseudonyms are public
everywhere in their review, whatever their length and in the possessive, for every recogniser
(the table name column too); a real name next to them is still found."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import write_source

from redaction.errors import SourceError
from redaction.public_terms import review_terms
from redaction.redactor import Redactor
from redaction.register import build_register
from redaction.sources import Person, Review, load_review


def review(people=(), labels=(), anonymised=False) -> Review:
    return Review(
        Path("reviews/r.md"),
        "reviews/r.md",
        "Review",
        "",
        review_type="partnership",
        status="approved",
        publish_on=dt.date(2024, 1, 1),
        people=[Person(**p) for p in people],
        labels=list(labels),
        anonymised=anonymised,
    )


def redact_review(analyzer, allowlist, text: str, rv: Review) -> str:
    register = build_register([rv], None, allowlist)
    findings = analyzer.analyse([text])[0]
    return (
        Redactor(register, allowlist).redact_all([text], [findings], ["review"], [frozenset(review_terms(rv))])[0].text
    )


LABELS = ["AA", "BB", "CC", "DD"]
PSEUDONYMS = [
    {"pseudonym": "Jay", "relation": "subject"},
    {"pseudonym": "Kit", "relation": "sibling"},
    {"pseudonym": "Mia", "relation": "mother"},
]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("AA said she felt nobody listened to her.", ["AA said"]),
        ("The school did not speak to AA's mother.", ["AA's mother"]),
        ("BB and CC were placed together; DD stayed at home.", ["BB and CC", "DD stayed"]),
        (
            "| Child | Age | Outcome |\n|---|---|---|\n| AA | 14 | Exploited |\n| BB | 15 | Missing |\n",
            ["| AA |", "| BB |"],
        ),
        ("| Name | Agency |\n|---|---|\n| AA | School |\n| CC | Police |\n", ["| AA |", "| CC |"]),
        ("Jay told the youth worker about the older men.", ["Jay told"]),
        ("# Learning from Jay's review\n\nJay was 15.", ["Jay's review", "Jay was 15"]),
        ("Kit, Jay's younger brother, was never asked.", ["Kit, Jay's younger brother"]),
        ("Mia called the police twice.", ["Mia called"]),
        ("JAY WAS NOT SEEN ALONE", ["JAY WAS"]),
    ],
)
def test_when_label_or_pseudonym_in_an_anonymised_review_then_it_stays(analyzer, allowlist, text, kept):
    out = redact_review(analyzer, allowlist, text, review(PSEUDONYMS, LABELS))
    for k in kept:
        assert k in out, out
    assert "[name withheld]" not in out, out


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("AA's social worker, Gwendolyn Marsh-Teague, closed the case.", ["Gwendolyn", "Marsh-Teague"], ["AA's"]),
        ("Jay Okonkwo-Blessed moved schools in Year 9.", ["Okonkwo-Blessed"], []),
        (
            "| Name | Role |\n|---|---|\n| Priyanka Dhaliwal | Teacher |\n| AA | Pupil |\n",
            ["Priyanka", "Dhaliwal"],
            ["| AA |"],
        ),
        ("DC Haverstock interviewed BB on 3 May.", ["Haverstock"], ["interviewed BB"]),
    ],
)
def test_when_a_real_name_stands_next_to_a_label_then_the_name_is_still_redacted(analyzer, allowlist, text, gone, kept):
    out = redact_review(analyzer, allowlist, text, review(PSEUDONYMS, LABELS))
    for g in gone:
        assert g not in out, out
    for k in kept:
        assert k in out, out


def test_when_labels_are_declared_in_another_review_then_they_are_not_public_here(analyzer, allowlist):
    text = "Action: JH to write to the school. JH said the plan was agreed."
    out = redact_review(analyzer, allowlist, text, review(PSEUDONYMS, LABELS))
    assert "JH" not in out


def test_when_a_person_has_name_and_pseudonym_then_the_name_goes_and_the_pseudonym_stays(analyzer, allowlist):
    rv = review([{"name": "Tobias Wrenfield", "pseudonym": "Sol", "relation": "subject"}])
    out = redact_review(analyzer, allowlist, "Sol's school knew. Tobias Wrenfield was 13. Sol left.", rv)
    assert "Tobias" not in out and "Wrenfield" not in out
    assert out.count("Sol") == 3, out


BASE = {"title": "Thematic review", "review_type": "partnership", "status": "approved", "publish_on": "2025-01-01"}


@pytest.mark.parametrize(
    ("front", "ok", "key"),
    [
        ({"people": "anonymised", "labels": ["AA", "BB"]}, True, None),
        ({"people": "anonymised"}, True, None),
        (
            {"people": [{"pseudonym": "Jay", "relation": "subject"}, {"pseudonym": "Kit", "relation": "sibling"}]},
            True,
            None,
        ),
        ({"people": [{"pseudonym": "Jay", "relation": "subject", "age": 15}], "labels": "AA"}, True, None),
        ({"people": []}, False, "people"),
        ({"people": [{"relation": "subject"}]}, False, "people[1].name"),
        ({"people": "nobody"}, False, "people"),
        ({"people": "anonymised", "labels": [""]}, False, "labels"),
        ({"people": "to-complete"}, False, "people"),
        ({"people": "to-complete", "status": "draft"}, True, None),
    ],
    ids=[
        "anonymised_with_labels",
        "anonymised",
        "pseudonyms_only",
        "labels_as_string",
        "empty_list",
        "no_name_no_pseudonym",
        "unknown_word",
        "empty_label",
        "stub_not_draft",
        "stub_draft",
    ],
)
def test_when_review_people_front_matter_then_valid_or_one_line_error(tmp_path, front, ok, key):
    path = write_source(tmp_path / "reviews/r.md", {**BASE, **front}, "Body\n")
    if ok:
        rv = load_review(path, "reviews/r.md")
        assert rv.anonymised == (front.get("people") == "anonymised")
        return
    with pytest.raises(SourceError) as exc:
        load_review(path, "reviews/r.md")
    assert (exc.value.file, exc.value.key) == ("reviews/r.md", key)
    line = exc.value.one_line()
    assert "\n" not in line
    if front.get("people") == []:
        assert "people: anonymised" in line


def test_when_people_is_anonymised_then_no_identity_is_registered(allowlist):
    rv = review([{"pseudonym": "Jay", "relation": "subject"}], ["AA"], anonymised=False)
    assert build_register([rv], None, allowlist).identities == []


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        (
            "The Board received the review. The family chose the name Jay; Mia attended.",
            ["name Jay;", "Mia attended"],
            [],
        ),
        ("The reviewer explained that Mia, Jay's mother, had asked for a letter.", ["Mia, Jay's mother"], []),
        ("Action: AA to circulate the notes. AA agreed.", [], ["AA to", "AA agreed"]),
        ("Jay Brightwater-Oyelaran presented the budget.", [], ["Brightwater-Oyelaran"]),
    ],
    ids=["pseudonyms_in_minutes", "pseudonym_possessive", "two_letter_label_is_initials_in_minutes", "real_surname"],
)
def test_when_minutes_discuss_an_anonymised_review_then_its_pseudonyms_stay(analyzer, allowlist, text, kept, gone):
    from redaction.public_terms import document_terms
    from redaction.sources import Minutes

    rv = review(PSEUDONYMS, LABELS)
    minutes = Minutes(Path("minutes/m.md"), "minutes/m.md", "Board", text)
    findings = analyzer.analyse([text])[0]
    terms = document_terms([minutes], [rv])
    out = Redactor(build_register([rv], None, allowlist), allowlist).redact_all([text], [findings], None, terms)[0].text
    for k in kept:
        assert k in out, out
    for g in gone:
        assert g not in out, out


def test_when_a_review_mentions_a_moses_basket_then_it_stays(analyzer, allowlist):
    rv = review([{"pseudonym": "Baby E", "relation": "subject"}])
    out = redact_review(analyzer, allowlist, "Baby E slept in a Moses basket; a moses basket was advised.", rv)
    assert "Moses basket" in out and "moses basket" in out


@pytest.mark.parametrize(
    ("text", "anonymised", "kept", "gone"),
    [
        ("AA said the school did not listen. BB agreed.", True, ["AA said", "BB agreed"], []),
        (
            "| Case | Age |\n|---|---|\n| AB | 14 |\n| CD | 15 |\n\nAB said nobody asked.",
            True,
            ["AB said", "| CD |"],
            [],
        ),
        ("Child KT was 9. KT said she was hungry.", True, ["Child KT", "KT said"], []),
        ("AB said nobody asked. DC Haverstock agreed.", True, [], ["AB said", "Haverstock"]),
        ("AA said the school did not listen.", False, [], ["AA said"]),
    ],
    ids=["doubled_letters", "label_table", "category_letters", "other_initials_and_names", "not_declared_anonymised"],
)
def test_when_review_declares_people_anonymised_then_its_letter_labels_stay(
    analyzer, allowlist, text, anonymised, kept, gone
):
    rv = review(anonymised=anonymised)
    rv.body = text
    out = redact_review(analyzer, allowlist, text, rv)
    for k in kept:
        assert k in out, out
    for g in gone:
        assert g not in out, out
