"""``openness status``: state, what is missing before going live, and the go-live date, per review."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from site_builder.context import load_context
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
    found = {s.rel: s for s in statuses(load_context(project, D("2026-11-22")))}[f"reviews/{name}"]
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
    found = {s.rel: s for s in statuses(load_context(project, D("2026-11-22")))}[f"reviews/{name}"]
    text = "\n".join(found.missing + [f"checklist: {c}" for c in found.checklist])
    assert all(p in text for p in present) and not any(a in text for a in absent)


def test_when_notified_then_note_gives_earliest_publication_date(project: Project) -> None:
    found = {s.rel: s for s in statuses(load_context(project, D("2026-11-22")))}["reviews/notified.md"]
    assert any("10 February 2027 (2027-02-10)" in a for a in found.after)


def test_when_report_printed_then_paths_and_types_but_no_titles_names_or_reasons(project: Project) -> None:
    report = status_report(load_context(project, D("2026-11-22")))
    assert "reviews/withheld.md — Rapid review learning (2026)" in report
    assert "state: archived" in report and "after publication, checklist: family-sent-copy" in report
    for secret in ("Jordan", "Pemberton", "Title of", "Trial"):
        assert secret not in report


def test_when_checklist_not_required_then_items_are_recommended_not_missing(project: Project) -> None:
    report = status_report(load_context(project, D("2026-11-22")))
    block = report.split("reviews/embargoed.md")[1].split("\n\n")[0]
    recommended = block.split("recommended before it goes live (pre-publication checklist):")[1]
    assert "family-advised" in recommended and "national-panel-sent" in recommended
    assert "missing before it can go live:\n    - national_panel_notified" in block
    assert "checklist:" not in block.split("recommended before")[0]


def test_when_checklist_required_then_items_are_missing_before_going_live(project: Project) -> None:
    (project.root / "openness.yml").write_text("checklist: required\n", encoding="utf-8")
    report = status_report(load_context(Project(project.root), D("2026-11-22")))
    block = report.split("reviews/embargoed.md")[1].split("\n\n")[0]
    assert "recommended" not in block
    missing = block.split("missing before it can go live:")[1]
    assert "checklist: family-advised" in missing and "checklist: proofread" not in missing


def test_when_required_and_live_review_unticked_then_status_says_it_blocks_the_build(project: Project) -> None:
    (project.root / "openness.yml").write_text("checklist: required\n", encoding="utf-8")
    found = {s.rel: s for s in statuses(load_context(Project(project.root), D("2026-11-22")))}["reviews/published.md"]
    assert any(m.startswith("checklist: scie-sent") and m.endswith("[blocks the build]") for m in found.missing)
    assert not any("national-panel" in m for m in found.missing)


@pytest.mark.parametrize(
    ("review_type", "present", "absent"),
    [
        ("sar", "scie-sent", "national-panel-sent"),
        ("lcspr", "national-panel-sent", "scie-sent"),
        ("rapid-review", "proofread", "press-statement-shared"),
        ("single-agency", "family-advised", "national-panel-sent"),
    ],
)
def test_when_review_type_then_its_own_checklist_items(
    project: Project, review_type: str, present: str, absent: str
) -> None:
    path = project.root / "reviews" / "draft.md"
    path.write_text(path.read_text(encoding="utf-8").replace("review_type: lcspr", f"review_type: {review_type}"))
    found = {s.rel: s for s in statuses(load_context(project, D("2026-11-22")))}["reviews/draft.md"]
    keys = [c.split(":")[0] for c in found.checklist]
    assert present in keys and absent not in keys


def test_when_minutes_are_drafts_then_status_lists_them_by_file_type_and_date(project: Project) -> None:
    (project.root / "minutes").mkdir()
    front = "---\ntitle: Secret agenda title\nmeeting: childrens-board\ndate: 2027-05-04\n{extra}---\nBody.\n"
    (project.root / "minutes" / "cb-draft.md").write_text(front.format(extra="status: draft\n"), encoding="utf-8")
    (project.root / "minutes" / "cb-old.md").write_text(
        front.format(extra="").replace("2027-05-04", "2026-01-06"), encoding="utf-8"
    )
    report = status_report(load_context(project, D("2026-11-22")))
    assert "Draft minutes (not published until approved): 1" in report
    assert "minutes/cb-draft.md — Children's Board, 4 May 2027 (2027-05-04)" in report
    assert "cb-old.md" not in report and "Secret agenda" not in report
