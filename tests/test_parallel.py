"""Many new documents are analysed on every core, with the same findings as one process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from redaction.engine import PARALLEL_MIN_DOCS, AnalysisCache

TEXTS = [
    f"Item {i}. DCI Ivy Quartermaine{i % 3} presented the report. Call 07700 900{100 + i:03d} or write to "
    f"ivy{i}@example.org. The Board noted the Care Act 2014."
    for i in range(PARALLEL_MIN_DOCS + 2)
]


@pytest.mark.slow
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two cores")
def test_when_many_documents_are_new_then_two_processes_find_what_one_finds(tmp_path: Path) -> None:
    serial = AnalysisCache(tmp_path / "one").analyse(TEXTS, workers=1)
    parallel_cache = AnalysisCache(tmp_path / "two")
    parallel = parallel_cache.analyse(TEXTS, workers=2)
    assert parallel == serial
    assert parallel_cache.analysed == len(TEXTS)
    assert parallel_cache._analyzer is None  # the work ran in the worker processes, not here
    assert all(any(f.entity == "PHONE_NUMBER" for f in found) for found in parallel)
