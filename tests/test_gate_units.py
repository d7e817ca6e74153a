"""Unit tests of the publication gate's parts: normalising, masking, identifiers, stamps, approvals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from redaction.allowlist import Allowlist
from site_builder.gate.approvals import Approval, page_key
from site_builder.gate.identifiers import IdentifierScanner, contact_key
from site_builder.gate.report import Hit, context, mask
from site_builder.gate.scan import normalise, path_view, text_views
from site_builder.gate.stamps import docs_paths, staged_body


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ottoline&nbsp;Brackwater", "Ottoline Brackwater"),
        ("&#79;ttoline", "Ottoline"),
        ("\\u004fttoline", "Ottoline"),
        ("Ottoline%20Brackwater", "Ottoline Brackwater"),
        ("Ottoline%2520Brackwater", "Ottoline Brackwater"),  # double encoded
        ("Otto\u200bline", "Ottoline"),
        ("O\u2019Rourke", "O'Rourke"),
    ],
)
def test_when_text_is_encoded_then_normalise_decodes(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize(
    ("html", "view", "expected"),
    [
        ("Cal<b>lum</b> Ridley", "untagged", "Callum Ridley"),
        ("<td>Ann</td><td>Lee</td>", "spaced", "Ann Lee"),
    ],
)
def test_when_words_split_by_tags_then_a_view_joins_them(html: str, view: str, expected: str) -> None:
    views = {v.name: v.text for v in text_views(html)}
    assert " ".join(views[view].split()) == " ".join(expected.split())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Callum Ridley", "C***** R*****"),
        ("07700 900123", "0**** 9*****"),
        ("ottie.b1979@example.org", "o****.b****@e******.o**"),
    ],
)
def test_when_masked_then_only_first_characters_remain(text: str, expected: str) -> None:
    assert mask(text) == expected


def test_when_context_cuts_a_span_then_the_span_is_still_masked() -> None:
    text = "x" * 50 + " Ottoline Brackwater met Callum Ridley " + "y" * 50
    first = text.index("Ottoline")
    other = text.index("Callum")
    hit = Hit("text", first, first + len("Ottoline Brackwater"), "k")
    snippet = context(text, hit, [(hit.start, hit.end), (other, other + len("Callum Ridley"))])
    assert "Brackwater" not in snippet and "Ridley" not in snippet and "Callum" not in snippet


@pytest.mark.parametrize(
    ("rel", "expected"),
    [
        ("people/ottoline-brackwater/index.html", "people ottoline brackwater index html"),
        ("a/Ottoline%20Brackwater.png", "a Ottoline Brackwater png"),
    ],
)
def test_when_path_is_read_then_separators_are_spaces(rel: str, expected: str) -> None:
    assert path_view(rel).text == expected


@pytest.fixture(scope="module")
def scanner() -> IdentifierScanner:
    return IdentifierScanner(Allowlist.load((), ("01632 960 000", "team@marlowevale.example")))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("NHS number 999 004 2421", None),  # checksum fails
        ("Mobile 07700 900123.", "phone number"),
        ("Call +44 7700 900123 now", "phone number"),
        ("Email ottie.b1979@example.org today", "e-mail address"),
        ("NI number JG 10 37 42 A", "NI number"),
        ("lives at SW1A 2AA", "postcode"),
        ("DOB 14/02/2019", "date of birth"),
        ("the meeting on 14/02/2019", None),
        ("Telephone: 01632 960000", None),  # public contact, spaced differently
    ],
)
def test_when_identifier_in_text_then_scanner_decides(scanner: IdentifierScanner, text: str, kind: str | None) -> None:
    kinds = {h.kind for h in scanner.scan(text, "text")}
    assert (kind in kinds) if kind else not kinds, kinds


@pytest.mark.parametrize(
    ("value", "key"),
    [("01632 960 000", "01632960000"), ("+44 1632 960000", "01632960000"), ("Team@Example.org", "team@example.org")],
)
def test_when_contact_compared_then_key_ignores_spacing(value: str, key: str) -> None:
    assert contact_key(value) == key


@pytest.mark.parametrize(
    ("rel", "expected"),
    [
        (
            "minutes/b/2025/2025-01-14/index.html",
            [
                "minutes/b/2025/2025-01-14.md",
                "minutes/b/2025/2025-01-14/index.md",
                "minutes/b/2025/2025-01-14/README.md",
            ],
        ),
        ("minutes/index.html", ["minutes/index.md", "minutes.md", "minutes/README.md"]),
        ("reviews/x.html", ["reviews/x.md"]),
    ],
)
def test_when_html_path_then_docs_paths_are_candidates(rel: str, expected: list[str]) -> None:
    assert sorted(docs_paths(rel)) == sorted(expected)


def test_when_staged_file_has_front_matter_then_body_is_what_was_hashed(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_text('---\ntitle: "T"\nopenness_redaction: "v2 x"\n---\n\n# T\n\nBody\n', encoding="utf-8")
    assert staged_body(page) == "# T\n\nBody\n"


@pytest.mark.parametrize(
    ("text", "page", "covered"),
    [
        ("Dr Asha Fenwick", "about/index.html", True),
        ("asha  fenwick", "/about/", True),
        ("Asha Fenwick", "minutes/index.html", False),
        ("Asha Fenton", "about/index.html", False),
    ],
)
def test_when_approval_checked_then_name_and_page_must_match(text: str, page: str, covered: bool) -> None:
    a = Approval("Asha Fenwick", "about/", "Comms", dt.date(2026, 1, 1), "Independent Scrutineer")
    assert a.covers(text, page) is covered


def test_when_page_key_then_index_and_slashes_are_ignored() -> None:
    assert page_key("/about/index.html") == page_key("about/") == page_key("about") == "about"


def test_when_spans_are_indexed_then_covers_answers_as_a_pass_over_every_span():
    import random

    from site_builder.gate.spans import Spans, covers

    rng = random.Random(14)
    for _ in range(300):
        spans = [(a, a + rng.randint(0, 12)) for a in (rng.randint(0, 40) for _ in range(rng.randint(0, 8)))]
        indexed = Spans(spans)
        for s in range(0, 50, 3):
            for e in range(s, s + 15, 2):
                assert indexed.covers(s, e) == covers(list(spans), s, e) == any(a <= s and e <= b for a, b in spans)


def test_when_more_texts_than_the_process_memory_holds_then_every_text_still_gets_its_spans(monkeypatch):
    """Found at 2,000 documents: clearing the in-process memory mid-call lost texts already read."""
    from site_builder.gate import names

    monkeypatch.setattr(names, "CACHE_SIZE", 3)
    monkeypatch.setattr(names, "_SEEN", {})
    monkeypatch.setattr(names, "read_persons", lambda texts: [[(0, len(t))] for t in texts])
    finder = names.PersonFinder()
    assert finder(["a", "bb"]) == [[(0, 1)], [(0, 2)]]
    assert finder(["a", "ccc", "dddd", "bb", "a"]) == [[(0, 1)], [(0, 3)], [(0, 4)], [(0, 2)], [(0, 1)]]
    assert finder.read == 4  # "a" and "bb" once each
