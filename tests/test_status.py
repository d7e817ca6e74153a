"""``openness status``: state, what is missing before going live, and the go-live date, per review."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from site_builder.project import Project
from site_builder.reviews.status import status_report, statuses

D = dt.date.fromisoformat
FRONT = """---
title: "{title}"
review_type: {rtype}
status: {status}
publish_on: {publish_on}
people:
  - name: Jordan Pemberton-Vasquez
    pseudonym: Child T
{extra}---

Body about Jordan Pemberton-Vasquez.
"""
REVIEWS = {
    "draft.md": ("lcspr", "draft", "2027-03-01", ""),
    "embargoed.md": ("lcspr", "approved", "2027-03-01", "checklist:\n  proofread: true\n"),
    "notified.md": ("lcspr", "approved", "2027-03-01", "national_panel_notified: 2027-02-01\n"),
    "published.md": ("sar", "approved", "2026-06-01", ""),
    "archived.md": ("sar", "approved", "2025-01-01", "checklist:\n  posted-on-website: true\n"),
    "withheld.md": ("rapid-review", "withheld", "2026-06-01", 'withheld_reason: "Trial of Jordan\'s father."\n'),
}


@pytest.fixture
def project(tmp_path: Path) -> Project:
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    (tmp_path / "reviews").mkdir()
    for name, (rtype, status, day, extra) in REVIEWS.items():
        text = FRONT.format(title=f"Title of {name}", rtype=rtype, status=status, publish_on=day, extra=extra)
        (tmp_path / "reviews" / name).write_text(text, encoding="utf-8")
    return Project(tmp_path)


@pytest.mark.parametrize(
    ("name", "state", "go_live"),
    [
        ("draft.md", "draft", "not before approval; planned for 1 March 2027 (2027-03-01)"),
        ("embargoed.md", "embargoed", "1 March 2027 (2027-03-01)"),
        ("published.md", "published", "live since 1 June 2026 (2026-06-01)"),
        ("archived.md", "archived", "live since 1 January 2025 (2025-01-01), now in the archive"),
        ("withheld.md", "withheld", "not scheduled: withheld"),
    ],
)
def test_when_review_then_state_and_go_live_date(project: Project, name: str, state: str, go_live: str) -> None:
    found = {s.rel: s for s in statuses(project, D("2026-11-22"))}[f"reviews/{name}"]
    assert (found.state, found.go_live) == (state, go_live)


@pytest.mark.parametrize(
    ("name", "present", "absent"),
    [
        ("draft.md", ["status: approval", "national_panel_notified: missing", "checklist: proofread"], []),
        ("embargoed.md", ["national_panel_notified: missing", "checklist: family-advised"], ["checklist: proofread"]),
        ("notified.md", ["checklist: proofread"], ["national_panel_notified"]),
        ("published.md", [], ["checklist"]),
    ],
)
def test_when_review_then_missing_items_listed(
    project: Project, name: str, present: list[str], absent: list[str]
) -> None:
    found = {s.rel: s for s in statuses(project, D("2026-11-22"))}[f"reviews/{name}"]
    text = "\n".join(found.missing)
    assert all(p in text for p in present) and not any(a in text for a in absent)


def test_when_notified_then_note_gives_earliest_publication_date(project: Project) -> None:
    found = {s.rel: s for s in statuses(project, D("2026-11-22"))}["reviews/notified.md"]
    assert any("10 February 2027 (2027-02-10)" in a for a in found.after)


def test_when_report_printed_then_paths_and_types_but_no_titles_names_or_reasons(project: Project) -> None:
    report = status_report(project, D("2026-11-22"))
    assert "reviews/withheld.md — Rapid review learning (2026)" in report
    assert "state: archived" in report and "after publication, checklist: family-sent-copy" in report
    for secret in ("Jordan", "Pemberton", "Title of", "Trial"):
        assert secret not in report
