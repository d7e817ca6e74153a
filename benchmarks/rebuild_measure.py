"""Timing helpers for ``benchmarks/rebuild.py``: one timed subprocess with its peak memory, and
bare spaCy NER on one or more processes with the model load kept out of the timing."""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from benchmarks.rebuild_corpus import ROOT, BenchError

# Runs the command, then writes its wall time and the largest resident set of any process it
# waited for (ru_maxrss of RUSAGE_CHILDREN, in KiB on Linux), so Python start-up is not timed.
WRAPPER = (
    "import json, resource, subprocess, sys, time\n"
    "t = time.perf_counter(); rc = subprocess.call(sys.argv[2:]); s = time.perf_counter() - t\n"
    "kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "open(sys.argv[1], 'w').write(json.dumps({'rc': rc, 'seconds': s, 'kb': kb}))\n"
    "sys.exit(rc)\n"
)


@dataclass
class Step:
    """Every timing of one step: best of them, the largest process and the last run's log notes."""

    runs: list[float] = field(default_factory=list)
    peak_kb: int = 0
    notes: str = ""

    @property
    def seconds(self) -> float:
        return min(self.runs)


def env() -> dict[str, str]:
    """This repository's code first, in the subprocesses too. The hash seed is fixed: the
    redaction of some texts depends on set order (which of two same-named people's labels is
    used), so with a random seed a page may differ, or be blocked, from one build to the next."""
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": str(ROOT) + (os.pathsep + path if path else ""), "PYTHONHASHSEED": "0"}


def timed(step: Step, what: str, cmd: list[str], cwd: Path | None = None) -> None:
    """Run ``cmd`` under the wrapper and add its time, memory and log notes to ``step``."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        proc = subprocess.run(
            [sys.executable, "-c", WRAPPER, str(report), *cmd], capture_output=True, text=True, cwd=cwd, env=env()
        )
        if proc.returncode != 0 or not report.is_file():
            lines = [ln.strip() for ln in (proc.stderr + proc.stdout).splitlines() if ln.strip()]
            errors = [ln for ln in lines if ln.startswith("openness: error:")] or lines or ["no output"]
            raise BenchError(f"{what} failed (exit {proc.returncode}): {errors[-1][:400]}")
        result = json.loads(report.read_text(encoding="utf-8"))
    step.runs.append(float(result["seconds"]))
    step.peak_kb = max(step.peak_kb, int(result["kb"]))
    step.notes = notes(proc.stdout + "\n" + proc.stderr)


def notes(log: str) -> str:
    """What the build's log (``-v``) says it analysed, staged and scanned."""
    out = []
    if m := re.search(r"analysed (\d+) documents?; (\d+) from cache", log):
        out.append(f"analysed {m[1]}, {m[2]} from cache")
    elif "staged" in log:
        out.append("no 'analysed' line logged")
    if m := re.search(r"staged (\d+) pages", log):
        out.append(f"staged {m[1]} pages")
    if m := re.search(r"^gate: (\d+ blocking.*)$", log, re.M):
        out.append(f"gate: {m[1]}")
    if "gate: loaded spaCy" in log:
        out.append("gate loaded spaCy")
    return "; ".join(out)


def _ner_worker(conn: Connection, model: str, exclude: list[str], texts: list[str]) -> None:
    """Load the model, say so (with the load time), then run the NER once per 'go'."""
    import spacy

    t = time.perf_counter()
    nlp = spacy.load(model, exclude=exclude)
    conn.send((time.perf_counter() - t, list(nlp.pipe_names)))
    while conn.recv() == "go":
        for _ in nlp.pipe(texts):
            pass
        conn.send("done")


def bare_ner(texts: list[str], model: str, exclude: list[str], workers: int, repeat: int) -> tuple[float, float]:
    """(best seconds, model load seconds) of spaCy NER over ``texts`` split between ``workers``
    processes, each loading the model before the clock starts."""
    shares: list[list[str]] = [[] for _ in range(workers)]
    sizes = [0] * workers
    for text in sorted(texts, key=len, reverse=True):  # balanced by length
        i = sizes.index(min(sizes))
        shares[i].append(text)
        sizes[i] += len(text)
    ctx = mp.get_context("fork")
    pipes = [ctx.Pipe() for _ in range(workers)]
    procs = [
        ctx.Process(target=_ner_worker, args=(child, model, exclude, share), daemon=True)
        for (_, child), share in zip(pipes, shares, strict=True)
    ]
    for p in procs:
        p.start()
    try:
        loaded = [conn.recv() for conn, _ in pipes]
        if any(names != ["ner"] for _, names in loaded):
            raise BenchError(f"bare NER: the model has pipes {loaded[0][1]}, not only 'ner'")
        best = float("inf")
        for _ in range(repeat):
            t = time.perf_counter()
            for conn, _ in pipes:
                conn.send("go")
            for conn, _ in pipes:
                conn.recv()
            best = min(best, time.perf_counter() - t)
        for conn, _ in pipes:
            conn.send("stop")
    except EOFError:
        raise BenchError(f"bare NER on {workers} process(es) failed: a worker stopped (model {model})") from None
    finally:
        for p in procs:
            p.join(timeout=10)
            if p.is_alive():
                p.terminate()
    return best, max(load for load, _ in loaded)
