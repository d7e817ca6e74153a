"""Rebuild speed of a grown partnership against bare MkDocs and bare spaCy NER (issue 14).

Grows a temporary partnership project (this repository's content/ and mkdocs.yml; openness.yml
with 'gate: {questions: warn}' and, as public_contacts, the phone numbers and e-mail addresses the
corpora's expect.json keep as public) to N documents by repeating labelled corpora, each copy dated
364 days earlier than the one before (see benchmarks/rebuild_corpus.py). Every document's analysed
text is made distinct, so the content-hash caches cannot make the cold build look fast. A review
the publication rules refuse is withheld in the copy and named on stderr, and so is each source
behind a page the publication gate blocks (benchmarks/rebuild_settle.py; minutes become drafts),
found by untimed builds before the timing. Then, in one run, each step a subprocess of this
interpreter, as a user runs it (python -m site_builder.cli -v --project DIR build --as-of DATE):

  cold build           .openness/ and site/ deleted first (best of --cold-repeat)
  rebuild, no change   nothing edited since the build before
  rebuild, one edit    one word of one published minutes file changed (a new word each time)
  rebuild, new name    an invented full name added to another published document (new each time)
  bare mkdocs          the build's own 'mkdocs build --strict --quiet' with its generated config,
                       over the staged docs of the last build, into a temporary folder
  bare NER, 1 and 2    spaCy nlp.pipe with only the NER (model and exclusions from
                       redaction/data/recognizers.yaml) over the analysed texts of the published
                       documents, in one process and in two; the model load is timed apart

Rebuilds and bare MkDocs are interleaved, best of --repeat each, so a busy machine slows both
alike. Builds run with PYTHONHASHSEED=0 (the redaction output still depends on set order). Peak
memory is the largest resident set of any one process of a step (ru_maxrss of the step's children,
read by a small wrapper process). Prints one line per step, then the ratios; --json prints the
same as JSON. A failed build: one line on stderr, exit status 2.

Default corpora: every tests/corpus/*/ holding minutes/, reviews/ and expect.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.rebuild_corpus import BenchError, Grown, new_project, preflight  # noqa: E402
from benchmarks.rebuild_measure import Step, bare_ner, timed  # noqa: E402
from benchmarks.rebuild_settle import settle  # noqa: E402
from redaction.analyzer import load_config  # noqa: E402
from redaction.markdown_view import plain_view  # noqa: E402
from redaction.sources import FRONT, Minutes  # noqa: E402
from site_builder import model_server  # noqa: E402
from site_builder.generator import MkDocs, generated_config  # noqa: E402
from site_builder.project import Project  # noqa: E402

WORDS = ("this", "that", "each", "our", "its", "any", "one", "some", "such", "their", "every", "another")
NAMES = (
    "Thaddeus Quillfeather", "Perpetua Hollowbrook", "Barnaby Wrenfield", "Ottoline Marchwood",
    "Ignatius Pembleton", "Clementine Ashgrove", "Leopold Fernsby", "Wilhelmina Tarrow",
    "Erasmus Kettlewell", "Rosamund Quarrington", "Peregrine Oddsworth", "Hepzibah Lanthorne",
)  # fmt: skip
STEPS = ("cold build", "rebuild, no change", "rebuild, one edit", "rebuild, new name", "bare mkdocs")


def default_corpora() -> list[Path]:
    return sorted(
        d
        for d in (ROOT / "tests" / "corpus").iterdir()
        if all((d / n).exists() for n in ("minutes", "reviews", "expect.json"))
    )


def one_word_edit(text: str, word: str) -> str:
    """``text`` with the first 'the' of its body replaced by ``word``."""
    m = FRONT.match(text)
    start = m.end() if m else 0
    body, n = re.subn(r"\bthe\b", word, text[start:], count=1)
    if not n:
        raise BenchError("the minutes file chosen for the edit has no 'the' in its body")
    return text[:start] + body


def chosen_documents(grown: Grown) -> tuple[str, str]:
    """Two published documents: a minutes file to edit and another one to give a new name."""
    published = [src for src, _ in grown.stage.published]
    minutes = [s.rel for s in published if isinstance(s, Minutes)]
    others = [s.rel for s in published if not minutes or s.rel != minutes[0]]
    if not minutes or not others:
        raise BenchError("the grown project publishes no minutes, or only one document: use more --docs")
    return minutes[0], (minutes[1:] or others)[0]


def build_command(project: Path, as_of: dt.date) -> list[str]:
    return [sys.executable, "-m", "site_builder.cli", "-v", "--project", str(project), "build", "--as-of", str(as_of)]


def measure(args: argparse.Namespace, project: Path, tmp: Path, grown: Grown) -> dict[str, Any]:
    build = build_command(project, args.as_of)
    steps = {name: Step() for name in STEPS}
    for _ in range(args.cold_repeat):
        shutil.rmtree(project / ".openness", ignore_errors=True)
        shutil.rmtree(project / "site", ignore_errors=True)
        timed(steps["cold build"], "the cold build", build)
    staging = Project(project).staging
    config = tmp / "mkdocs.bare.yml"  # written beside the staging, then moved out of the project
    shutil.move(generated_config(Project(project), tmp / "bare-site", staging, MkDocs()), config)
    edit_rel, name_rel = chosen_documents(grown)
    edit_text = (project / edit_rel).read_text(encoding="utf-8")
    name_text = (project / name_rel).read_text(encoding="utf-8").rstrip("\n")
    for r in range(args.repeat):
        timed(steps["rebuild, no change"], "the rebuild with no change", build)
        (project / edit_rel).write_text(one_word_edit(edit_text, WORDS[r]), encoding="utf-8")
        timed(steps["rebuild, one edit"], f"the rebuild after editing {edit_rel}", build)
        sentence = f"{NAMES[r]}, the practice lead, presented the report."
        (project / name_rel).write_text(f"{name_text}\n\n{sentence}\n", encoding="utf-8")
        timed(steps["rebuild, new name"], f"the rebuild after a new name in {name_rel}", build)
        timed(steps["bare mkdocs"], "the bare mkdocs build", MkDocs().command(config), cwd=staging)
    nlp = load_config()["nlp"]
    views = [plain_view(t) for t in grown.stage.texts]
    ner = {w: bare_ner(views, nlp["model"], list(nlp["exclude"]), w, args.repeat) for w in (1, 2)}
    words = sum(len(t.split()) for t in grown.stage.texts)
    mk = steps["bare mkdocs"].seconds
    return {
        "documents": grown.documents,
        "published": len(grown.stage.published),
        "analysed_texts": len(grown.stage.texts),
        "words": words,
        "distinct_texts": grown.distinct,
        "edition_sentences": grown.changed,
        "held_back": grown.held_back,
        "edited": edit_rel,
        "new_name_in": name_rel,
        "steps": {
            name: {"seconds": s.seconds, "runs": s.runs, "peak_mb": s.peak_kb / 1024, "log": s.notes}
            for name, s in steps.items()
        },
        "bare_ner": {
            f"{w} process{'es' if w > 1 else ''}": {"seconds": sec, "words_per_s": words / sec, "model_load_s": load}
            for w, (sec, load) in ner.items()
        },
        "ratios": {
            "one edit / bare mkdocs (target <= 1.3)": steps["rebuild, one edit"].seconds / mk,
            "new name / bare mkdocs": steps["rebuild, new name"].seconds / mk,
            "no change / bare mkdocs": steps["rebuild, no change"].seconds / mk,
            "cold build words/s / bare NER 1 process words/s (target >= 1.0)": ner[1][0] / steps["cold build"].seconds,
            "bare NER 2 processes / 1 process (speed)": ner[1][0] / ner[2][0],
        },
        "peak_memory_mb": max(s.peak_kb for s in steps.values()) / 1024,
        "model_server": {"on": model_server.enabled(), "peak_mb": server_peak_mb()},
    }


def server_peak_mb() -> float:
    """The largest resident set a running model server has had (0: none runs). It outlives the
    builds, so no build step's peak counts it."""
    command = ["pgrep", "-u", str(os.geteuid()), "-f", "site_builder.model_server"]
    out = subprocess.run(command, capture_output=True, text=True)
    peak = 0
    for pid in out.stdout.split():
        try:
            status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
        except OSError:
            continue
        peak = max([peak, *(int(ln.split()[1]) for ln in status.splitlines() if ln.startswith("VmHWM:"))])
    return peak / 1024


def report(r: dict[str, Any]) -> None:
    print(f"documents: {r['documents']} ({r['published']} published; {r['analysed_texts']} analysed texts)")
    print(f"words: {r['words']:,} (in the analysed texts of the published documents)")
    made = f"{r['edition_sentences']} given an edition sentence"
    print(f"distinct texts: {r['distinct_texts']} of {r['documents']} ({made})")
    for rel in r["held_back"]:
        print(f"held back: {rel}")
    for name, s in r["steps"].items():
        runs = ", ".join(f"{t:.1f}" for t in s["runs"])
        print(f"{name:<20} {s['seconds']:7.2f} s  (runs: {runs})  peak {s['peak_mb']:,.0f} MB  [{s['log']}]")
    for name, n in r["bare_ner"].items():
        print(
            f"{'bare NER, ' + name:<20} {n['seconds']:7.2f} s  {n['words_per_s']:,.0f} words/s  "
            f"(model load {n['model_load_s']:.1f} s, not timed)"
        )
    for name, v in r["ratios"].items():
        print(f"{name}: {v:.2f}")
    print(f"peak memory: {r['peak_memory_mb']:,.0f} MB (largest single process of any build step)")
    server = r["model_server"]
    state = f"on, its peak {server['peak_mb']:,.0f} MB" if server["on"] else "off (OPENNESS_MODEL_SERVER=0)"
    print(f"model server (kept between builds): {state}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=200, help="documents in the grown project (default 200)")
    ap.add_argument("--corpus", type=Path, action="append", help="a corpus folder (repeatable)")
    ap.add_argument("--repeat", type=int, default=3, help=f"best of K rebuilds and bare runs (1-{len(WORDS)})")
    ap.add_argument("--cold-repeat", type=int, default=1, help="best of K cold builds (default 1)")
    ap.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date.today(), help="build date")
    ap.add_argument("--keep", type=Path, help="build the project in this new folder and keep it")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--no-model-server", action="store_true", help="builds load the models themselves every time")
    args = ap.parse_args()
    if args.no_model_server:
        os.environ[model_server.OFF] = "0"
    if not 1 <= args.repeat <= len(WORDS) or args.cold_repeat < 1 or args.docs < 2:
        ap.error(f"--repeat must be 1 to {len(WORDS)}, --cold-repeat at least 1, --docs at least 2")
    corpora = args.corpus or default_corpora()
    try:
        with tempfile.TemporaryDirectory(prefix="rebuild-") as tmp:
            project = args.keep.resolve() if args.keep else Path(tmp) / "partnership"
            if project.exists():
                raise BenchError(f"--keep {args.keep} already exists: name a new folder")
            project.mkdir(parents=True)
            grown = new_project(project, corpora, args.docs, args.as_of)
            held = settle(project, build_command(project, args.as_of), args.as_of)
            if held:  # what is published has changed: the texts are taken again
                stage, _ = preflight(project, args.as_of)
                grown = dataclasses.replace(grown, stage=stage, held_back=[*grown.held_back, *held])
            result = measure(args, project, Path(tmp), grown)
    except BenchError as exc:
        print(f"rebuild: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
