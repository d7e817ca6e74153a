"""The review catalogue: its data, its filters (type, year, theme), archive, pages and briefings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from redaction.policy import load_policy
from redaction.redactor import Redacted
from redaction.sources import Review
from site_builder import pages
from site_builder.context import Context
from site_builder.project import Project
from site_builder.reviews import catalogue
from site_builder.reviews.catalogue import Entry, facets, filter_entries
from site_builder.reviews.review_page import briefing_sections
from site_builder.reviews.text import analysed_text, split_redacted
from site_builder.staged import Stage, StagedDoc

D = dt.date.fromisoformat
AS_OF = D("2026-11-22")
BODY = "# T\n\n## Summary\n\nS.\n\n## What happened\n\nRAW-EVENTS\n\n## Learning\n\nL1.\n\n## Recommendations\n\nR1.\n"


def entry(path: str, rtype: str, day: str, themes: tuple[str, ...], archived: bool = False) -> Entry:
    return Entry(path, path.upper(), rtype, D(day), themes, "", archived)


ITEMS = [
    entry("a", "lcspr", "2026-05-20", ("neglect", "education")),
    entry("b", "sar", "2026-01-10", ("neglect",)),
    entry("c", "sar", "2025-09-24", ("transitions",), archived=True),
    entry("d", "partnership", "2025-03-01", ("education",), archived=True),
]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["a", "b"]),
        ({"archived": None}, ["a", "b", "c", "d"]),
        ({"archived": True}, ["c", "d"]),
        ({"review_type": "sar"}, ["b"]),
        ({"review_type": "sar", "archived": None}, ["b", "c"]),
        ({"year": 2026}, ["a", "b"]),
        ({"year": 2025, "archived": None}, ["c", "d"]),
        ({"theme": "neglect"}, ["a", "b"]),
        ({"theme": "education", "archived": None}, ["a", "d"]),
        ({"theme": "neglect", "review_type": "lcspr", "year": 2026}, ["a"]),
        ({"theme": "missing"}, []),
    ],
)
def test_when_filters_then_matching_entries(filters: dict[str, object], expected: list[str]) -> None:
    assert [e.path for e in filter_entries(ITEMS, **filters)] == expected  # type: ignore[arg-type]


def test_when_facets_then_counts_per_type_year_and_theme() -> None:
    f = facets(ITEMS)
    assert f["type"] == {"lcspr": 1, "sar": 2, "partnership": 1}
    assert f["year"] == {"2026": 2, "2025": 2}
    assert f["theme"]["neglect"] == 2 and f["theme"]["missing"] == 0


def make_review(rel: str, rtype: str, status: str, day: str, themes: list[str]) -> Review:
    return Review(
        Path(rel),
        rel,
        f"RAW TITLE {rel}",
        BODY,
        review_type=rtype,
        status=status,
        publish_on=D(day),
        themes=themes,
        summary="RAW SUMMARY",
        withheld_reason="RAW REASON",
    )


def make_stage(tmp_path: Path) -> Stage:
    (tmp_path / "mkdocs.yml").write_text("site_name: Test Partnership\n", encoding="utf-8")
    published = [
        make_review("reviews/a.md", "lcspr", "approved", "2026-05-20", ["neglect", "education"]),
        make_review("reviews/c.md", "sar", "approved", "2025-09-24", ["transitions"]),
    ]
    others = [
        make_review("reviews/w.md", "rapid-review", "withheld", "2026-04-01", ["neglect"]),
        make_review("reviews/e.md", "partnership", "approved", "2099-01-01", ["neglect"]),
    ]
    ctx = Context(Project(tmp_path), AS_OF, load_policy(), (), (*published, *others))
    docs = [
        StagedDoc(
            r,
            f"reviews/{r.publish_on.year}/{slug}/index.md",
            f"Redacted {slug}",
            BODY,
            Redacted(BODY),
            summary=f"Sum {slug}.",
        )
        for r, slug in zip(published, ["a-title", "c-title"], strict=True)
    ]
    return Stage(ctx, docs=tuple(docs))


def test_when_stage_then_entries_come_from_redacted_docs_and_archive_by_retention(tmp_path: Path) -> None:
    items = catalogue.entries(make_stage(tmp_path))
    assert [(e.title, e.summary, e.archived) for e in items] == [
        ("Redacted a-title", "Sum a-title.", False),
        ("Redacted c-title", "Sum c-title.", True),
    ]


def test_when_catalogue_built_then_filter_pages_list_the_filtered_reviews(tmp_path: Path) -> None:
    out = catalogue.catalogue_pages(
        make_stage(tmp_path), {"neglect": "Neglect", "education": "Education", "transitions": "Transitions"}, withheld=1
    )
    assert "Redacted a-title" in out["reviews/theme/neglect.md"][1]
    assert "Redacted c-title" not in out["reviews/theme/neglect.md"][1]
    sar = out["reviews/type/sar.md"][1]
    assert "Redacted c-title" in sar and "In the archive" in sar
    assert set(out) >= {"reviews/year/2026.md", "reviews/year/2025.md", "reviews/archive.md", "reviews/index.md"}
    index = out["reviews/index.md"][1]
    assert "Redacted a-title" in index and "Redacted c-title" not in index and "archive" in index
    assert "One review cannot be published" in index


def test_when_pages_rendered_then_no_raw_or_unpublished_text(tmp_path: Path) -> None:
    stage = make_stage(tmp_path)
    out = pages.index_pages(stage)
    out.update({d.path: pages.source_page(stage, d) for d in stage.docs})
    text = "\n".join(out.values())
    for raw in ("RAW TITLE", "RAW SUMMARY", "RAW REASON", "reviews/w.md", "reviews/e.md"):
        assert raw not in text
    briefing = out["reviews/2026/a-title/briefing.md"]
    assert "## Learning" in briefing and "## Recommendations" in briefing and "RAW-EVENTS" not in briefing
    page = out["reviews/2026/a-title/index.md"]
    assert "Local Child Safeguarding Practice Review. Published 20 May 2026." in page  # the title does not say it
    assert "**In brief:** Sum a-title." in page and "a-title/briefing.md" in page and "RAW-EVENTS" in page
    assert "[Neglect](../../../reviews/theme/neglect.md)" in page


@pytest.mark.parametrize(
    ("body", "headings"),
    [
        (BODY, ["Learning", "Recommendations"]),
        ("## Summary\n\nx\n\n## Key learning\n\ny\n## What went well\n\nz\n", ["Key learning", "What went well"]),
        ("no sections at all", []),
    ],
)
def test_when_body_then_briefing_sections(body: str, headings: list[str]) -> None:
    assert [h for h, _ in briefing_sections(body)] == headings


@pytest.mark.parametrize(
    ("summary", "redacted", "expected"),
    [
        ("A summary.", "Title\n\nA summary.\n\n# Body\n\ntext", ("Title", "A summary.", "# Body\n\ntext")),
        (None, "Title\n\n# Body\n\ntext", ("Title", "", "# Body\n\ntext")),
        (
            "Two\n\nparagraphs",
            "Title\n\nTwo paragraphs\n\n# Body\n\ntext",
            ("Title", "Two paragraphs", "# Body\n\ntext"),
        ),
    ],
)
def test_when_summary_then_analysed_with_title_and_split_back(
    summary: str | None, redacted: str, expected: tuple[str, str, str]
) -> None:
    src = Review(Path("r.md"), "r.md", "Title", "# Body\n\ntext", summary=summary)
    assert analysed_text(src).count("\n\n") == redacted.count("\n\n")
    assert split_redacted(src, redacted) == expected
