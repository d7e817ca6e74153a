"""Publication rules: working days, the seven-working-day rule, withheld, vocabularies, retention."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from redaction.errors import SourceError
from redaction.sources import Review
from site_builder.reviews.rules import (
    add_working_days,
    check_reviews,
    display_state,
    earliest_publication,
    is_working_day,
    review_problems,
)
from site_builder.reviews.vocab import load_checklist, load_themes

D = dt.date.fromisoformat
THEMES = load_themes()
CHECKLIST = load_checklist()


def review(**kw: object) -> Review:
    base: dict[str, object] = {
        "review_type": "lcspr",
        "status": "approved",
        "publish_on": D("2026-12-31"),
        "national_panel_notified": D("2026-12-18"),
    }
    base.update(kw)
    return Review(Path("reviews/x.md"), "reviews/x.md", "A review", "body", **base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2026-12-18", True),  # Friday
        ("2026-12-19", False),  # Saturday
        ("2026-12-20", False),  # Sunday
        ("2026-12-25", False),  # Christmas Day
        ("2026-12-28", False),  # Boxing Day (substitute)
        ("2026-12-29", True),
        ("2027-01-01", False),  # New Year's Day
        ("2026-04-03", False),  # Good Friday
        ("2026-05-25", False),  # Spring bank holiday
    ],
)
def test_when_day_then_working_day_or_not(day: str, working: bool) -> None:
    assert is_working_day(D(day)) is working


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        ("2026-11-16", 7, "2026-11-25"),  # Monday: weekend inside
        ("2026-11-20", 1, "2026-11-23"),  # Friday -> Monday
        ("2026-11-21", 1, "2026-11-23"),  # Saturday -> Monday (the start never counts)
        ("2026-12-18", 7, "2026-12-31"),  # Christmas bank holidays skipped
        ("2026-04-01", 2, "2026-04-07"),  # Easter: Good Friday and Easter Monday skipped
    ],
)
def test_when_working_days_added_then_nth_working_day_after(start: str, count: int, expected: str) -> None:
    assert add_working_days(D(start), count) == D(expected)


@pytest.mark.parametrize(
    ("notified", "earliest"),
    [
        ("2026-12-18", "2026-12-31"),  # the acceptance example
        ("2026-05-06", "2026-05-15"),  # the example LCSPR: no bank holiday inside
        ("2026-05-15", "2026-05-27"),  # spring bank holiday on 25 May
    ],
)
def test_when_notified_then_earliest_publication(notified: str, earliest: str) -> None:
    assert earliest_publication(D(notified)) == D(earliest)


@pytest.mark.parametrize(
    ("publish_on", "allowed"),
    [
        ("2026-12-30", False),  # one working day short
        ("2026-12-31", True),  # the boundary: the seventh working day
        ("2027-01-04", True),
    ],
)
def test_when_lcspr_publish_on_then_seven_day_rule(publish_on: str, allowed: bool) -> None:
    problems = review_problems(review(publish_on=D(publish_on)), D("2027-01-05"), THEMES, CHECKLIST)
    assert (not problems) is allowed


def test_when_publish_on_too_early_then_error_names_file_key_and_earliest_date() -> None:
    with pytest.raises(SourceError) as err:
        check_reviews([review(publish_on=D("2026-12-30"))], D("2027-01-05"), THEMES, CHECKLIST)
    text = err.value.one_line()
    assert err.value.file == "reviews/x.md" and err.value.key == "publish_on"
    assert "national_panel_notified" in text and "31 December 2026" in text and "2026-12-31" in text


@pytest.mark.parametrize(
    ("kw", "as_of", "key", "blocking"),
    [
        ({"national_panel_notified": None}, "2027-01-05", "national_panel_notified", True),  # due: error
        ({"national_panel_notified": None}, "2026-12-01", "national_panel_notified", False),  # not due: status
        ({"national_panel_notified": None, "status": "draft"}, "2027-01-05", "national_panel_notified", False),
        (
            {"status": "withheld", "withheld_reason": None},
            "2027-01-05",
            "withheld_reason",
            False,
        ),  # listed by status, not fatal
        ({"themes": ["no-such-theme"]}, "2027-01-05", "themes", True),
        ({"checklist": {"no-such-item": True}}, "2027-01-05", "checklist", True),
        ({"checklist": {"proofread": "yes"}}, "2027-01-05", "checklist", True),
        ({"review_type": "sar", "national_panel_notified": None}, "2027-01-05", None, False),
    ],
)
def test_when_review_breaks_a_rule_then_problem_names_key(
    kw: dict[str, object], as_of: str, key: str | None, blocking: bool
) -> None:
    problems = review_problems(review(**kw), D(as_of), THEMES, CHECKLIST)
    if key is None:
        assert problems == []
    else:
        assert problems[0].key == key and problems[0].blocking is blocking


def test_when_unknown_theme_then_build_error_names_file_and_themes() -> None:
    with pytest.raises(SourceError) as err:
        check_reviews([review(themes=["neglect", "weather"])], D("2027-01-05"), THEMES, CHECKLIST)
    assert err.value.key == "themes" and "weather" in err.value.one_line()


@pytest.mark.parametrize(
    ("kw", "as_of", "state"),
    [
        ({"status": "draft"}, "2027-01-05", "draft"),
        ({"status": "withheld", "withheld_reason": "x"}, "2027-01-05", "withheld"),
        ({}, "2026-12-30", "embargoed"),
        ({}, "2026-12-31", "published"),
        ({}, "2027-12-31", "published"),  # day 365: still listed
        ({}, "2028-01-01", "archived"),  # day 366: archived
    ],
)
def test_when_review_and_date_then_display_state(kw: dict[str, object], as_of: str, state: str) -> None:
    assert display_state(review(**kw), D(as_of), 365) == state


def test_when_example_reviews_then_every_theme_is_in_the_vocabulary() -> None:
    from redaction.sources import gather

    _, reviews = gather(Path(__file__).parents[1])
    assert reviews and all(t in THEMES for r in reviews for t in r.themes)
