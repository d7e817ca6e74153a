"""The acceptance example end to end: the seven-working-day rule in the build, and what it publishes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import feedparser
import pytest

from redaction.errors import SourceError
from site_builder.project import Project

D = dt.date.fromisoformat
LCSPR = """---
title: "Local Child Safeguarding Practice Review: Child T – learning about neglect"
review_type: lcspr
status: approved
publish_on: {publish_on}
national_panel_notified: 2026-12-18
themes: [neglect]
summary: "Jordan Pemberton-Vasquez was a young child. The review looks at neglect."
people:
  - name: Jordan Pemberton-Vasquez
    aliases: [Jordan]
    pseudonym: Child T
    age: 6
    relation: subject
---

# Local Child Safeguarding Practice Review: Child T – learning about neglect

## Summary

Jordan was six years old when the school raised concerns about neglect.

## Learning

Practitioners should see the child's home.

## Recommendations

The Partnership should check that home visits happen.
"""
WITHHELD = """---
title: "Rapid Review: Baby Q – a secret title"
review_type: rapid-review
status: withheld
withheld_reason: "A secret reason."
publish_on: 2026-06-01
themes: [neglect]
people: anonymised
---

Secret withheld text.
"""


def project(tmp_path: Path, publish_on: str) -> Project:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test Partnership\nsite_url: https://example.org/\n", encoding="utf-8"
    )
    (tmp_path / "reviews").mkdir()
    (tmp_path / "reviews" / "lcspr.md").write_text(LCSPR.format(publish_on=publish_on), encoding="utf-8")
    (tmp_path / "reviews" / "withheld.md").write_text(WITHHELD, encoding="utf-8")
    return Project(tmp_path)


def test_when_publish_on_one_working_day_short_then_build_refused_with_earliest_date(tmp_path: Path) -> None:
    from site_builder.context import load_context
    from site_builder.stage import prepare

    with pytest.raises(SourceError) as err:
        prepare(load_context(project(tmp_path, "2026-12-30"), D("2027-01-05")))
    assert err.value.exit_code != 0
    message = err.value.one_line()
    assert message.startswith("reviews/lcspr.md: key 'publish_on'")
    assert "31 December 2026" in message and "2026-12-31" in message


@pytest.mark.slow
def test_when_publish_on_is_seventh_working_day_then_published_redacted(tmp_path: Path) -> None:
    from site_builder.context import load_context
    from site_builder.stage import stage_project

    proj = project(tmp_path, "2026-12-31")
    stage = stage_project(load_context(proj, D("2027-01-05")))
    docs = proj.staging
    staged = "\n".join(p.read_text(encoding="utf-8") for p in docs.rglob("*") if p.is_file())
    assert [d.source.rel for d in stage.docs] == ["reviews/lcspr.md"]
    for secret in ("Jordan", "Pemberton", "secret", "Secret", "Baby Q"):
        assert secret not in staged
    assert "Child T" in staged and "One review cannot be published" in staged
    feed = feedparser.parse((docs / "feed.xml").read_text(encoding="utf-8"))
    assert feed.bozo == 0 and len(feed.entries) == 1
    assert feed.entries[0].link.startswith("https://example.org/reviews/2026/")
    assert "Child T" in feed.entries[0].summary
    assert list(docs.glob("reviews/2026/*/briefing.md"))
