"""Draft minutes are never published; approved minutes cannot be dated after the build; the
pre-publication checklist is per review type and, when openness.yml requires it, holds a review back."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from helpers import new_project, write_source

from redaction.errors import ConfigError, PolicyError, SourceError
from redaction.sources import Review, load_review
from site_builder.context import load_context
from site_builder.project import Project
from site_builder.reviews.rules import check_reviews, review_problems
from site_builder.reviews.vocab import load_checklist, load_themes
from site_builder.stage import prepare

D = dt.date.fromisoformat
AS_OF = D("2026-11-22")
CHECKLIST = load_checklist()
THEMES = load_themes()
MINUTES = {"title": "Children's Board", "meeting": "childrens-board", "date": "2026-10-13"}
PRE_PUBLICATION = {
    "lcspr": [
        "learning-materials",
        "proofread",
        "comms-strategy",
        "final-qa",
        "partners-briefed",
        "press-statement-shared",
        "family-advised",
        "national-panel-sent",
        "embargoed-copies-sent",
    ],
    "sar": [
        "learning-materials",
        "proofread",
        "comms-strategy",
        "final-qa",
        "partners-briefed",
        "press-statement-shared",
        "family-advised",
        "scie-sent",
        "embargoed-copies-sent",
    ],
    "rapid-review": ["learning-materials", "proofread", "final-qa", "embargoed-copies-sent"],
}


def project_with(tmp_path: Path, sources: dict[str, dict[str, object]], settings: str = "") -> Project:
    root = new_project(tmp_path / "p")
    if settings:
        (root / "openness.yml").write_text(settings, encoding="utf-8")
    for rel, front in sources.items():
        write_source(root / rel, front, "# Heading\n\nThe Board agreed the plan.\n")
    return Project(root)


def published(project: Project) -> list[str]:
    return sorted(src.rel for src, _ in prepare(load_context(project, AS_OF), redact=False).published)


@pytest.mark.parametrize(
    ("status", "date", "is_published"),
    [
        (None, "2026-10-13", True),
        ("approved", "2026-10-13", True),
        ("draft", "2026-10-13", False),
        ("draft", "2027-02-09", False),
    ],
    ids=["no_status_is_approved", "approved", "past_draft", "future_draft"],
)
def test_when_minutes_status_then_only_approved_published(
    tmp_path: Path, status: str | None, date: str, is_published: bool
) -> None:
    front = {**MINUTES, "date": date, **({"status": status} if status else {})}
    project = project_with(tmp_path, {"minutes/cb.md": front})
    assert published(project) == (["minutes/cb.md"] if is_published else [])


def test_when_approved_minutes_dated_after_build_date_then_error_names_file_and_date(tmp_path: Path) -> None:
    project = project_with(tmp_path, {"minutes/cb.md": {**MINUTES, "date": "2026-11-23"}})
    with pytest.raises(PolicyError) as exc:
        published(project)
    assert (exc.value.file, exc.value.key) == ("minutes/cb.md", "date")
    assert "status: draft" in exc.value.one_line()


def review(review_type: str, ticked: list[str], status: str = "approved", publish_on: str = "2026-11-01") -> dict:
    front: dict[str, object] = {
        "title": "Review",
        "review_type": review_type,
        "status": status,
        "publish_on": publish_on,
        "people": [{"name": "Odile Marchbanks", "age": 9}],
    }
    if review_type == "lcspr":
        front["national_panel_notified"] = "2026-10-01"
    if ticked:
        front["checklist"] = dict.fromkeys(ticked, True)
    return front


@pytest.mark.parametrize("review_type", sorted(PRE_PUBLICATION))
def test_when_review_type_then_pre_publication_items_follow_the_guidance(review_type: str) -> None:
    items = [i.key for i in CHECKLIST if i.applies_to(review_type) and not i.after_publication]
    assert items == PRE_PUBLICATION[review_type]


def test_when_checklist_required_and_items_unticked_then_build_names_review_and_items(tmp_path: Path) -> None:
    ticked = PRE_PUBLICATION["sar"][:-2]
    project = project_with(tmp_path, {"reviews/sar.md": review("sar", ticked)}, "checklist: required\n")
    with pytest.raises(SourceError) as exc:
        published(project)
    line = exc.value.one_line()
    assert (exc.value.file, exc.value.key) == ("reviews/sar.md", "checklist")
    assert "2 items are not ticked: scie-sent, embargoed-copies-sent" in line


@pytest.mark.parametrize(
    ("settings", "review_type", "ticked", "status", "publish_on", "is_published"),
    [
        ("checklist: required\n", "sar", PRE_PUBLICATION["sar"], "approved", "2026-11-01", True),
        ("checklist: required\n", "lcspr", PRE_PUBLICATION["lcspr"], "approved", "2026-11-01", True),
        ("checklist: required\n", "rapid-review", PRE_PUBLICATION["rapid-review"], "approved", "2026-11-01", True),
        ("checklist: required\n", "sar", [], "approved", "2027-03-01", False),  # embargoed: not yet due
        ("checklist: required\n", "sar", [], "draft", "2026-11-01", False),
        ("checklist: recommended\n", "sar", [], "approved", "2026-11-01", True),
        ("", "lcspr", [], "approved", "2026-11-01", True),  # no setting, no checklist: builds as before
    ],
    ids=["sar_ticked", "lcspr_ticked", "rapid_ticked", "embargoed", "draft", "recommended", "setting_off"],
)
def test_when_checklist_setting_then_review_goes_live_or_waits(
    tmp_path: Path,
    settings: str,
    review_type: str,
    ticked: list[str],
    status: str,
    publish_on: str,
    is_published: bool,
) -> None:
    project = project_with(tmp_path, {"reviews/r.md": review(review_type, ticked, status, publish_on)}, settings)
    assert published(project) == (["reviews/r.md"] if is_published else [])


def test_when_national_panel_item_ticked_on_a_sar_then_listed_not_blocking() -> None:
    project_review = load_review_from(review("sar", ["national-panel-sent"]))
    problems = review_problems(project_review, AS_OF, THEMES, CHECKLIST)
    assert [(p.key, p.blocking) for p in problems] == [("checklist", False)]
    check_reviews([project_review], AS_OF, THEMES, CHECKLIST)  # does not raise


def test_when_checklist_item_misspelt_then_blocking_with_suggestion() -> None:
    problems = review_problems(load_review_from(review("sar", ["proofred"])), AS_OF, THEMES, CHECKLIST)
    assert problems[0].blocking and "did you mean 'proofread'?" in problems[0].message


def test_when_settings_checklist_value_unknown_then_config_error(tmp_path: Path) -> None:
    project = project_with(tmp_path, {}, "checklist: on\n")
    with pytest.raises(ConfigError) as exc:
        published(project)
    assert exc.value.key == "checklist"


def load_review_from(front: dict) -> Review:
    with tempfile.TemporaryDirectory() as tmp:
        path = write_source(Path(tmp) / "r.md", front, "Body\n")
        return load_review(path, "reviews/r.md")
