"""Whole-corpus regression: each labelled corpus, built as a partnership site, leaks nothing.

``../shared/corpus/dev`` is the shared development corpus; ``tests/corpus/hard``, ``blind``, ``third`` and
``fourth`` were written independently of the redaction code, in the same format, to catch rules
that only fit the dev corpus. ``anonymised_own`` holds reviews that arrive already anonymised
(``labels:``, pseudonym-only people, ``people: anonymised``; issue 12): its labels and pseudonyms
must all survive. Each build takes some seconds: this is the slowest test.

Only the dev corpus needs ``../shared``. The in-repository corpora are scored by
``../shared/tools/leakscan.py`` when it is there, otherwise by ``benchmarks/leakscore.py``. A review
the publication rules refuse (the blind corpus's LCSPR published too early) stops the build; that is
checked on its own, and the rest of the corpus is then scored with the review held back.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from redaction.errors import OpennessError
from site_builder.context import load_context
from site_builder.project import Project
from site_builder.stage import stage_project

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = {
    "dev": SHARED / "corpus" / "dev",
    "hard": ROOT / "tests" / "corpus" / "hard",
    "blind": ROOT / "tests" / "corpus" / "blind",
    "third": ROOT / "tests" / "corpus" / "third",
    "fourth": ROOT / "tests" / "corpus" / "fourth",
    "anonymised_own": ROOT / "tests" / "corpus" / "anonymised_own",
    "anonymised": ROOT / "tests" / "corpus" / "anonymised",
    "fifth": ROOT / "tests" / "corpus" / "fifth",
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CORPORA))
def test_when_corpus_is_built_then_leakscan_finds_no_leak_and_keeps_97_percent(name: str) -> None:
    corpus = CORPORA[name]
    if name == "dev" and not (corpus / "expect.json").is_file():
        pytest.skip(f"the dev corpus lives in ../shared, not present at {corpus}")
    assert (corpus / "expect.json").is_file(), f"in-repository corpus {name} is missing"
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "corpus_leakscan.py"),
            "--corpus",
            str(corpus),
            "--as-of",
            "2026-11-22",
            "--hold-back-refused",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    summary = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr
    assert proc.returncode == 0, f"{name}: {summary}\n{proc.stdout[-3000:]}"
    assert "leaks=0 token_leaks=0" in summary
    assert "markers_leaked=0/" in summary


def test_when_blind_corpus_is_built_as_written_then_the_early_lcspr_stops_the_build(tmp_path: Path) -> None:
    corpus = CORPORA["blind"]
    for folder in ("minutes", "reviews"):
        shutil.copytree(corpus / folder, tmp_path / folder)
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    with pytest.raises(OpennessError) as caught:
        stage_project(load_context(Project(tmp_path), dt.date(2026, 11, 22)))
    assert caught.value.file == "reviews/lcspr-child-cannabis-cultivation.md"
    assert caught.value.key == "publish_on"
    assert not (tmp_path / "site").exists()
