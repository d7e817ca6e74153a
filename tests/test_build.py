"""Issue 2: what the built site may and may not contain, page URLs, dates, review embargo, caching.

All checks read one synthetic partnership (tests/helpers.py) built once per session; a second
build with ``--as-of`` is shared by the embargo tests of this module.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import unicodedata

import pytest
from helpers import (
    AS_OF,
    COMMENT_SENTINEL,
    DECLARED_WORDS,
    LCSPR_ROWS,
    MINUTES_ROWS,
    PUBLISHED_SENTINEL,
    SAR_ROWS,
    UNPUBLISHED_SENTINELS,
    site_texts,
    visible_text,
)

from redaction.engine import AnalysisCache
from redaction.sources import Review
from site_builder.cli import main
from site_builder.context import load_context
from site_builder.project import Project, format_date
from site_builder.reviews.rules import review_state
from site_builder.stage import prepare

LCSPR_PAGE = "reviews/2024/learning-from-rose/index.html"
SAR_PAGE = "reviews/2024/learning-from-adult-a/index.html"
MARCH_MINUTES = "minutes/childrens-board/2024-03-11/index.html"
JUNE_MINUTES = "minutes/childrens-board/2024-06-11/index.html"
#: Addresses of the earlier slug rule, kept as redirect pages.
OLD_ADDRESSES = {
    "reviews/lcspr/2024/local-child-safeguarding-practice-review-rose-exploitation-and-school-moves/index.html": (
        LCSPR_PAGE
    ),
    "reviews/sar/2024/safeguarding-adults-review-adult-a-discharge-and-living-alone/index.html": SAR_PAGE,
    "minutes/childrens-board/2024/2024-03-11/index.html": MARCH_MINUTES,
}
BOARD_INDEX = "minutes/childrens-board/index.html"
EMBARGO_DATE = dt.date(2025, 9, 1)  # publish_on of reviews/embargoed-review.md


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


@pytest.fixture(scope="module")
def site(built_partnership):
    return site_texts(built_partnership / "site")


@pytest.fixture(scope="module")
def embargo_lifted_site(built_partnership, tmp_path_factory):
    """The synthetic partnership rebuilt with ``--as-of`` the embargoed review's publish_on."""
    root = tmp_path_factory.mktemp("as-of") / "project"
    shutil.copytree(built_partnership, root, symlinks=True)
    assert main(["--project", str(root), "build", "--as-of", EMBARGO_DATE.isoformat()]) == 0
    return site_texts(root / "site")


# --- nothing unpublished leaks ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "sentinel", "published"),
    [
        *[(rel, word, False) for rel, word in UNPUBLISHED_SENTINELS.items()],
        ("minutes/childrens-board-2024-03-11.md (control)", PUBLISHED_SENTINEL, True),
        ("minutes/adults-board-2024-07-16.md (control)", "quokkaadults", True),
        ("minutes/childrens-board-2024-03-11.md (HTML comment)", COMMENT_SENTINEL, False),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_when_source_text_then_it_is_in_the_site_only_if_published(site, source, sentinel, published):
    in_text = sorted(rel for rel, text in site.items() if sentinel in text.lower())
    in_names = sorted(rel for rel in site if sentinel in rel.lower())
    if published:
        assert in_text, f"{sentinel!r} should be published (control row)"
    else:
        assert in_text == [], f"text of {source} leaked into {in_text}"
        assert in_names == []


@pytest.mark.parametrize("file", ["sitemap.xml", "sitemap.xml.gz", "search/search_index.json"])
def test_when_index_file_then_no_unpublished_text(site, file):
    assert file in site
    text = site[file].lower()
    assert not [s for s in UNPUBLISHED_SENTINELS.values() if s in text]


def test_when_unpublished_meeting_then_no_page_or_board_index(site):
    assert not [rel for rel in site if rel.startswith(("minutes/executive-group", "minutes/case-review-panel"))]


@pytest.mark.parametrize(
    "source",
    [
        "minutes/childrens-board-2024-03-11.md",
        "minutes/childrens-board-jane-doe.md",
        "minutes/adults-board-2024-07-16.md",
        "minutes/executive-group-2024-04-02.md",
        "minutes/case-review-panel-2024-02-20.md",
        "reviews/lcspr-farhiya-hassan.md",
        "reviews/sar-bogdan-ionescu.md",
        "reviews/embargoed-review.md",
        "reviews/withheld-review.md",
        "reviews/draft-review.md",
    ],
)
def test_when_source_file_then_never_copied_as_is_nor_named_in_a_site_path(built_partnership, source):
    raw = (built_partnership / source).read_bytes()
    stem = (built_partnership / source).stem.lower()
    site_dir = built_partnership / "site"
    copies = [p for p in site_dir.rglob("*") if p.is_file() and p.read_bytes() == raw]
    assert copies == []
    assert [p for p in site_dir.rglob("*") if stem in p.relative_to(site_dir).as_posix().lower()] == []


def test_when_built_then_the_site_holds_no_markdown_source(site):
    assert not [rel for rel in site if rel.endswith(".md")]


# --- declared people ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    LCSPR_ROWS + SAR_ROWS + MINUTES_ROWS,
    ids=[src.split(":")[0] for src, _ in LCSPR_ROWS + SAR_ROWS + MINUTES_ROWS],
)
def test_when_declared_person_in_source_then_replaced_by_pseudonym_in_site(site, source, expected):
    marker = source.split(":")[0] + ":"
    pages = [visible_text(text) for rel, text in site.items() if rel.endswith(".html")]
    pages = [p for p in pages if marker in p]
    assert len(pages) == 1, f"{marker} should be on exactly one page"
    assert expected in pages[0], pages[0][pages[0].find(marker) :][:160]


@pytest.mark.parametrize("word", DECLARED_WORDS)
def test_when_declared_name_or_place_word_then_absent_from_every_site_file(site, word):
    rx = re.compile(rf"(?<!\w){re.escape(fold(word))}(?!\w)")
    assert [rel for rel, text in site.items() if rx.search(fold(text))] == []
    assert [rel for rel in site if rx.search(fold(rel))] == []


@pytest.mark.parametrize(
    ("page", "label", "count"),
    [
        (SAR_PAGE, "Adult A", 5),  # Points 21, 22, 23 (twice) and 24
        (LCSPR_PAGE, "Young Person C", 3),  # Points 05, 06 and 16
        (LCSPR_PAGE, "Rose", 7),  # Points 01, 02, 03, 07, 11, 12 and 18
        (LCSPR_PAGE, "Baby A", 2),  # Points 09 and 17
    ],
)
def test_when_person_mentioned_repeatedly_then_same_label_everywhere_in_the_review(site, page, label, count):
    body = visible_text(site[page])
    body = body[body.find("Point ") :]
    assert body.count(label) == count


# --- URLs -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "page"),
    [
        ("minutes/childrens-board-2024-03-11.md", MARCH_MINUTES),
        ("minutes/childrens-board-jane-doe.md", JUNE_MINUTES),
        ("reviews/lcspr-farhiya-hassan.md", LCSPR_PAGE),
        ("reviews/sar-bogdan-ionescu.md", SAR_PAGE),
    ],
)
def test_when_source_published_then_url_comes_from_date_or_redacted_title(site, source, page):
    assert page in site


@pytest.mark.parametrize("word", ["jane", "doe", "farhiya", "hassan", "bogdan", "ionescu", "quokka"])
def test_when_source_file_named_after_a_person_then_no_site_path_holds_the_name(site, word):
    assert [rel for rel in site if re.search(rf"(?<![a-z]){word}(?![a-z])", rel.lower())] == []


# --- dates -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2024, 3, 11), "11 March 2024"),
        (dt.date(2024, 3, 1), "1 March 2024"),
        (dt.date(2025, 12, 25), "25 December 2025"),
        (dt.date(2026, 1, 9), "9 January 2026"),
    ],
)
def test_when_date_formatted_then_day_month_year_without_leading_zero(value, expected):
    assert format_date(value) == expected


@pytest.mark.parametrize(
    ("page", "phrase"),
    [
        (BOARD_INDEX, "11 March 2024"),
        (BOARD_INDEX, "11 June 2024"),
        (MARCH_MINUTES, "meeting held on 11 March 2024"),
        (JUNE_MINUTES, "meeting held on 11 June 2024"),
        (LCSPR_PAGE, "published 1 May 2024"),
        ("reviews/index.html", "published 1 May 2024"),
        ("reviews/index.html", "published 1 February 2024"),
    ],
)
def test_when_generated_page_then_dates_read_day_month_year(site, page, phrase):
    assert phrase.lower() in visible_text(site[page]).lower()


@pytest.mark.parametrize("page", [BOARD_INDEX, "reviews/index.html"])
def test_when_generated_index_then_no_iso_or_numeric_dates_in_its_text(site, page):
    text = visible_text(site[page])
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b", text)


# --- reviews: approved and due ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "publish_on", "as_of", "state"),
    [
        ("approved", dt.date(2024, 5, 1), dt.date(2024, 5, 1), "published"),
        ("approved", dt.date(2024, 5, 1), dt.date(2024, 6, 1), "published"),
        ("approved", dt.date(2024, 5, 1), dt.date(2024, 4, 30), "embargoed"),
        ("draft", dt.date(2024, 5, 1), dt.date(2024, 6, 1), "draft"),
        ("withheld", dt.date(2024, 5, 1), dt.date(2024, 6, 1), "withheld"),
    ],
)
def test_when_review_status_and_date_then_state(status, publish_on, as_of, state):
    review = Review(path=None, rel="reviews/r.md", title="t", body="", status=status, publish_on=publish_on)  # type: ignore[arg-type]
    assert review_state(review, as_of) == state


@pytest.mark.parametrize(
    ("label", "fixture", "published"),
    [
        ("before publish_on (--as-of 2025-01-15)", "site", False),
        ("on publish_on (--as-of 2025-09-01)", "embargo_lifted_site", True),
    ],
)
def test_when_as_of_then_embargoed_review_published_only_from_its_date(request, label, fixture, published):
    site = request.getfixturevalue(fixture)
    sentinel = UNPUBLISHED_SENTINELS["reviews/embargoed-review.md"]
    pages = [rel for rel, text in site.items() if rel.endswith(".html") and sentinel in text.lower()]
    assert bool(pages) is published
    if published:
        assert any(rel.startswith("reviews/2025/") for rel in pages)
        assert "Wilbur" not in "".join(site[rel] for rel in pages)


def test_when_as_of_later_then_withheld_and_draft_still_not_published(embargo_lifted_site):
    for rel in ("reviews/withheld-review.md", "reviews/draft-review.md"):
        sentinel = UNPUBLISHED_SENTINELS[rel]
        assert not [p for p, text in embargo_lifted_site.items() if sentinel in text.lower()]


def test_when_withheld_review_then_only_its_existence_is_listed(site):
    text = visible_text(site["reviews/index.html"])
    assert "Withheld reviews" in text
    assert not [rel for rel, page in site.items() if "quokkareason" in page.lower() or "stepfather" in page.lower()]


# --- caching -----------------------------------------------------------------------------------------------

TEXTS = [
    "Chidi Okafor chaired the meeting.",
    "The MASH said it would respond.",
    "Board minutes, 11 March 2024.",
]


def test_when_same_texts_analysed_twice_then_second_run_analyses_none(tmp_path, analyzer):
    first = AnalysisCache(tmp_path / "cache")
    first._analyzer = analyzer  # share the session's spaCy model
    findings = first.analyse(TEXTS, workers=1)
    second = AnalysisCache(tmp_path / "cache")
    again = second.analyse(TEXTS, workers=1)
    assert (first.analysed, second.analysed) == (len(TEXTS), 0)
    assert again == findings


def test_when_one_text_changes_then_only_it_is_analysed_again(tmp_path, analyzer):
    first = AnalysisCache(tmp_path / "cache")
    first._analyzer = analyzer
    first.analyse(TEXTS, workers=1)
    second = AnalysisCache(tmp_path / "cache")
    second._analyzer = analyzer
    second.analyse([*TEXTS[:2], TEXTS[2] + " Agreed."], workers=1)
    assert second.analysed == 1


def test_when_prepare_runs_twice_on_unchanged_project_then_second_analyses_none(partnership_copy, analyzer):
    project = Project.find(partnership_copy)
    shutil.rmtree(project.cache)
    cache = AnalysisCache(project.cache)
    cache._analyzer = analyzer
    first = prepare(load_context(project, AS_OF), cache)
    second = prepare(load_context(project, AS_OF))
    assert first.analysed == len(first.docs) == 5
    assert second.analysed == 0
    assert [d.body for d in second.docs] == [d.body for d in first.docs]


@pytest.mark.parametrize("count", [0, 1, 3])
def test_when_the_audit_is_written_then_it_reads_back_as_every_replacement(count: int) -> None:
    from dataclasses import asdict

    from redaction.apply import Replacement
    from site_builder.stage import audit_json

    rows = [
        Replacement(i, i + 5, i + 1, f'Zoë "{i}"\\n', "[name withheld]", "PERSON", "Register", 0.85)
        for i in range(count)
    ]
    text = audit_json("minutes/a.md", "minutes/a/b.md", rows)
    assert json.loads(text) == {
        "source": "minutes/a.md",
        "page": "minutes/a/b.md",
        "replacements": [asdict(r) for r in rows],
    }
    assert len(text.splitlines()) == 5 + (count + 1 if count else 0)  # one replacement a line
