"""benchmarks/rebuild.py's own parts: dates moved by whole weeks, distinct copies, the timed step's
failure line. No build and no spaCy here (the benchmark itself is run by hand)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.rebuild import one_word_edit
from benchmarks.rebuild_corpus import BenchError, distinct_texts, grow, make_distinct, shift_dates
from benchmarks.rebuild_measure import Step, timed
from benchmarks.rebuild_settle import context_pattern, hold_back_source, page_key

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("text", "days", "expected"),
    [
        ("date: 2025-03-11", -364, "date: 2024-03-12"),
        ("Tuesday 11 March 2025, 10.00", -364, "Tuesday 12 March 2024, 10.00"),
        ("Tuesday 11 March 2025", -728, "Tuesday 14 March 2023"),
        ("on 1st June 2025 and 2nd June 2025", -364, "on 2nd June 2024 and 3rd June 2024"),
        ("figures for March 2025", -364, "figures for March 2024"),
        ("from January 2025", -364, "from January 2024"),
        ("ref 2025-13-40 and May 2025x", -364, "ref 2025-13-40 and May 2025x"),
        ("no date here", -364, "no date here"),
    ],
)
def test_when_dates_are_shifted_then_every_date_moves_and_nothing_else(text: str, days: int, expected: str) -> None:
    assert shift_dates(text, days) == expected


def test_when_a_date_moves_by_364_days_then_its_weekday_stays() -> None:
    for day in (dt.date(2025, 1, 6), dt.date(2024, 2, 29), dt.date(2025, 12, 31)):
        moved = dt.date.fromisoformat(shift_dates(day.isoformat(), -364 * 3))
        assert moved.weekday() == day.weekday() and (day - moved).days == 3 * 364


def minutes_file(folder: Path, name: str, body: str) -> None:
    (folder / "minutes").mkdir(parents=True, exist_ok=True)
    front = '---\ntitle: "Board"\nmeeting: childrens-board\ndate: 2025-03-11\n---\n'
    (folder / "minutes" / name).write_text(front + body, encoding="utf-8")


def test_when_a_corpus_is_grown_then_every_copy_has_its_own_name_dates_and_text(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    minutes_file(corpus, "dated.md", "Minutes of 10 December 2024 were agreed.\n")
    minutes_file(corpus, "undated.md", "The Board agreed the plan.\n")
    (corpus / "reviews").mkdir()
    project = tmp_path / "project"
    copies = grow([corpus], project, 5)
    assert [c.rel for c in copies] == [
        "minutes/c0-corpus-dated.md",
        "minutes/c0-corpus-undated.md",
        "minutes/c1-corpus-dated.md",
        "minutes/c1-corpus-undated.md",
        "minutes/c2-corpus-dated.md",
    ]
    c1 = (project / "minutes" / "c1-corpus-dated.md").read_text(encoding="utf-8")
    assert "date: 2024-03-12" in c1 and "Minutes of 12 December 2023 were agreed." in c1
    assert distinct_texts(project) == 4  # the undated copies have the same title and body
    assert make_distinct(project, copies) == 1
    assert distinct_texts(project) == 5
    assert "archive edition 1" in (project / "minutes" / "c1-corpus-undated.md").read_text(encoding="utf-8")


def test_when_a_minutes_file_is_edited_then_only_the_first_the_of_its_body_changes() -> None:
    text = "---\ntitle: the board\n---\nWe met. Then the chair and the clerk left.\n"
    assert one_word_edit(text, "our") == "---\ntitle: the board\n---\nWe met. Then our chair and the clerk left.\n"
    with pytest.raises(BenchError):
        one_word_edit("---\ntitle: x\n---\nNo article.\n", "our")


def test_when_a_timed_step_succeeds_then_its_time_and_memory_are_recorded() -> None:
    step = Step()
    timed(step, "a sleep", [sys.executable, "-c", "import time; time.sleep(0.2)"])
    assert 0.2 <= step.seconds < 5 and step.peak_kb > 1000


def test_when_a_timed_step_fails_then_one_line_names_the_step_and_the_error() -> None:
    cmd = [
        sys.executable,
        "-c",
        "import sys; print('x'); sys.stderr.write('openness: error: a.md: bad\\n'); sys.exit(1)",
    ]
    with pytest.raises(BenchError) as err:
        timed(Step(), "the cold build", cmd)
    assert str(err.value) == "the cold build failed (exit 1): openness: error: a.md: bad"


def test_when_the_project_cannot_be_built_then_the_benchmark_exits_2_with_one_line(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "rebuild.py"), "--docs", "20", "--as-of", "2000-01-01"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("rebuild: the grown project cannot be built: minutes/c0-")
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("page", "key"),
    [
        ("minutes/adults-board/2024-04-30/index.html", "minutes/adults-board/2024-04-30"),
        ("minutes/adults-board/2024-04-30.md", "minutes/adults-board/2024-04-30"),
        ("reviews/2024/alfie/index.md", "reviews/2024/alfie"),
        ("reviews/2024/alfie/briefing/index.html", "reviews/2024/alfie/briefing"),
        ("search/search_index.json", "search/search_index.json"),
    ],
)
def test_when_a_page_or_docs_path_is_keyed_then_both_give_the_same_key(page: str, key: str) -> None:
    assert page_key(page) == key


def test_when_a_masked_context_is_searched_then_only_text_of_the_same_shape_matches() -> None:
    rx = context_pattern("i** P******* R***** published 1* O****** 2***. P**** this")
    assert rx.search("Safeguarding Practice Review published 14 October 2025. Print this page")
    assert not rx.search("Safeguarding Practice Review published 14 October 2025. Printed this page")
    assert not rx.search("Safeguarding Practice Reviews published 14 October 2025. Print this page")


def test_when_sources_are_held_back_then_a_review_is_withheld_and_minutes_become_a_draft(tmp_path: Path) -> None:
    (tmp_path / "reviews").mkdir()
    minutes_file(tmp_path, "m.md", "Body.\n")
    review = '---\ntitle: "R"\nstatus: approved\nwithheld_reason: old\npublish_on: 2025-01-07\n---\nBody.\n'
    (tmp_path / "reviews" / "r.md").write_text(review, encoding="utf-8")
    hold_back_source(tmp_path, "minutes/m.md")
    hold_back_source(tmp_path, "reviews/r.md")
    m = (tmp_path / "minutes" / "m.md").read_text(encoding="utf-8")
    r = (tmp_path / "reviews" / "r.md").read_text(encoding="utf-8")
    assert m.endswith("date: 2025-03-11\nstatus: draft\n---\nBody.\n")
    assert r == (
        '---\ntitle: "R"\npublish_on: 2025-01-07\nstatus: withheld\n'
        "withheld_reason: blocked by the publication gate\n---\nBody.\n"
    )
