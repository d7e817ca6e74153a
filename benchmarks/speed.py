"""Redaction speed against bare spaCy NER, on the same texts in the same run.

Bare: ``nlp.pipe`` with only the ``ner`` component of the same model. Ours: the whole redaction of
each text (Presidio with every configured recogniser, register, propagation, replacement), with
the analysis cache off. Both are timed best-of-N over the same corpus; the ratio is ours / bare
in words per second (1.0 = as fast as bare NER).

Usage: python benchmarks/speed.py [--corpus DIR] [--repeat N] [--copies K]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402

from redaction.allowlist import Allowlist  # noqa: E402
from redaction.analyzer import Analyzer, load_config  # noqa: E402
from redaction.engine import AnalysisCache  # noqa: E402
from redaction.markdown_view import plain_view, strip_comments  # noqa: E402
from redaction.redactor import Redactor  # noqa: E402
from redaction.register import build_register  # noqa: E402
from redaction.sources import gather  # noqa: E402


def best_of(repeat: int, func) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        func()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--copies", type=int, default=3, help="how many times the corpus is repeated per run")
    ap.add_argument("--workers", type=int, default=2, help="also time a cold-cache analysis on this many processes")
    args = ap.parse_args()
    minutes, reviews = gather(args.corpus)
    texts = [s.title + "\n\n" + strip_comments(s.body) for s in [*minutes, *reviews]] * args.copies
    words = sum(len(t.split()) for t in texts)
    nlp_cfg = load_config()["nlp"]
    bare = spacy.load(nlp_cfg["model"], exclude=nlp_cfg["exclude"])
    views = [plain_view(t) for t in texts]
    allowlist = Allowlist.load()
    analyzer = Analyzer(allowlist)
    redactor = Redactor(build_register(reviews, None, allowlist), allowlist)

    def run_bare() -> None:
        for _ in bare.pipe(views, batch_size=8):
            pass

    def run_ours() -> None:
        for text, findings in zip(texts, analyzer.analyse(texts), strict=True):
            redactor.redact(text, findings, set())

    run_bare(), run_ours()  # warm up both
    # Interleaved, best of N each: a busy machine slows both alike instead of one of them.
    t_bare = t_ours = float("inf")
    for _ in range(args.repeat):
        t_bare = min(t_bare, best_of(1, run_bare))
        t_ours = min(t_ours, best_of(1, run_ours))
    ratio = t_bare / t_ours
    print(f"texts={len(texts)} words={words}")
    print(f"bare spaCy NER: {words / t_bare:,.0f} words/s")
    print(f"redaction:      {words / t_ours:,.0f} words/s")
    print(f"ratio={ratio:.2f} of bare NER speed (target >= 0.80)")
    if args.workers > 1:
        with tempfile.TemporaryDirectory() as tmp:
            cache = AnalysisCache(Path(tmp))
            t = time.perf_counter()
            cache.analyse(texts, workers=args.workers)
            t_par = time.perf_counter() - t
        print(
            f"build analysis on {args.workers} processes (model loaded once per process, cold cache): "
            f"{words / t_par:,.0f} words/s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
