"""Whole-corpus regression: each labelled corpus, built as a partnership site, leaks nothing.

``../shared/corpus/dev`` is the shared development corpus; ``tests/corpus/hard``, ``blind``, ``third`` and
``fourth`` were written independently of the redaction code, in the same format, to catch rules
that only fit the dev corpus. ``anonymised_own`` holds reviews that arrive already anonymised
(``labels:``, pseudonym-only people, ``people: anonymised``; issue 12), written by the author of that
code: its labels and pseudonyms must all survive. Each build takes some seconds: this is the slowest test.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = {
    "dev": SHARED / "corpus" / "dev",
    "hard": ROOT / "tests" / "corpus" / "hard",
    "blind": ROOT / "tests" / "corpus" / "blind",
    "third": ROOT / "tests" / "corpus" / "third",
    "fourth": ROOT / "tests" / "corpus" / "fourth",
    "anonymised_own": ROOT / "tests" / "corpus" / "anonymised_own",
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CORPORA))
def test_when_corpus_is_built_then_leakscan_finds_no_leak_and_keeps_97_percent(name: str) -> None:
    corpus = CORPORA[name]
    if not (corpus / "expect.json").is_file():
        pytest.skip(f"corpus {name} not present at {corpus}")
    leakscan = SHARED / "tools" / "leakscan.py"
    if not leakscan.is_file():
        pytest.skip("../shared/tools/leakscan.py not present")
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "corpus_leakscan.py"),
            "--corpus",
            str(corpus),
            "--as-of",
            "2026-11-22",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    summary = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr
    assert proc.returncode == 0, f"{name}: {summary}\n{proc.stdout[-3000:]}"
    assert "leaks=0 token_leaks=0" in summary
    assert "markers_leaked=0/" in summary
