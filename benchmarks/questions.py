"""How well the gate's questions cover what the redactor lets through, and what they cost.

Each labelled corpus (``../shared/corpus/dev`` and ``tests/corpus/*``) is copied beside this
project's content/ and mkdocs.yml and built with ``openness build --preview`` twice:

1. with the partnership's allowlist empty (only the public contacts of the example pages);
2. with only place and organisation names allowed: the corpus's ``keep`` strings labelled as a
   place, town, county, organisation, council, trust, hospital, police, fire or ambulance service,
   charity, body or partnership, plus the example partnership's own towns and name.

For each it prints

* **silent leaks**: labelled sensitive strings found in the site that no open question covers
  (a question covers a string on the same page when one holds the other) and that no blocking
  check of the gate reports (an identifier the gate blocks is not silent);
* **questions per 1,000 published words**: distinct question texts (one answer each) per 1,000
  words of the published documents and content pages.

It also prints what the gate alone would catch if the redactor had let everything through: the
questions are asked of the raw sources, and every labelled occurrence that no question covers and
no identifier check of the gate blocks is counted (``gate alone: uncovered=N/M``).

Usage: python benchmarks/questions.py [CORPUS ...] [--as-of YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus_leakscan import hold_back  # noqa: E402

from redaction.errors import OpennessError  # noqa: E402
from site_builder.cli import main as openness  # noqa: E402
from site_builder.context import load_context  # noqa: E402
from site_builder.gate.scan import iter_site, normalise  # noqa: E402
from site_builder.gate.vocabulary import fold  # noqa: E402
from site_builder.project import Project  # noqa: E402
from site_builder.stage import prepare  # noqa: E402

SHARED = ROOT.parent / "shared"
CORPORA = [SHARED / "corpus" / "dev", *sorted((ROOT / "tests" / "corpus").glob("*"))]
PLACE_OR_ORG = re.compile(
    r"place|town|county|organi[sz]ation|council|trust|hospital|police|fire|ambulance|charity|body|partnership|venue",
    re.I,
)
BLOCKED_LABELS = {"PHONE", "NHS_NUMBER", "NI_NUMBER", "POSTCODE", "EMAIL"}  # the gate's identifier blocks
WORD = re.compile(r"[^\W_]+")
SPACE = re.compile(r"\s+")


def project_for(corpus: Path, dest: Path, allow: list[str]) -> Path:
    for name in ("minutes", "reviews"):
        shutil.copytree(corpus / name, dest / name)
    shutil.copytree(ROOT / "content", dest / "content")
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    settings = {
        "public_contacts": ["safeguarding.partnership@marlowevale.example", "01632 960 000"],
        "allowlist": allow,
    }
    (dest / "openness.yml").write_text(json.dumps(settings), encoding="utf-8")
    return dest


def site_texts(site: Path, folded: bool = True) -> dict[str, str]:
    """Each file's reader text; folded (case- and accent-free) unless ``folded`` is False."""
    out = {}
    for f in iter_site(site):
        views = {v.name: v.text for v in f.views}
        text = normalise(views.get("spaced") or views.get("text") or "")
        out[f.rel] = SPACE.sub(" ", fold(text) if folded else text)
    return out


def covered(text: str, questions: list[dict[str, object]]) -> bool:
    t = fold(SPACE.sub(" ", text))
    for q in questions:
        qt = fold(SPACE.sub(" ", str(q["text"])))
        if qt and (qt in t or t in qt):
            return True
    return False


def measure(corpus: Path, allow: list[str], as_of: str, keep: Path | None) -> dict[str, object]:
    expect = json.loads((corpus / "expect.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        proj = project_for(corpus, Path(tmp) / "partnership", allow)
        held = hold_back_refused(proj, as_of)
        preview = Path(tmp) / "preview"
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = openness(["--project", str(proj), "build", "--preview", str(preview), "--as-of", as_of])
        if not (proj / ".openness" / "questions.json").is_file():  # stopped before the gate asked
            return {"exit": code, "failed": (err.getvalue().strip().splitlines() or ["no message"])[-1]}
        questions = json.loads((proj / ".openness" / "questions.json").read_text(encoding="utf-8"))
        docs = json.loads((proj / ".openness" / "review-documents.json").read_text(encoding="utf-8"))
        words = sum(len(WORD.findall("".join(s.get("t", s.get("r", "")) for s in d["segments"]))) for d in docs)
        words += sum(len(WORD.findall(p.read_text(encoding="utf-8"))) for p in (proj / "content").rglob("*.md"))
        texts, exact = site_texts(preview), site_texts(preview, folded=False)
        leaks = []
        for s in expect["sensitive"]:
            # Initials are a person's only in capitals: "JS" is not ".js", "DR" is not the title "Dr".
            initials = s["label"] == "INITIALS"
            wanted = SPACE.sub(" ", s["text"]) if initials else fold(SPACE.sub(" ", s["text"]))
            pattern = re.compile(r"(?<![\w])" + re.escape(wanted) + r"(?![\w])")
            for rel, text in (exact if initials else texts).items():
                if not pattern.search(text):
                    continue
                page = [q for q in questions if q["page"] == rel] if rel.endswith(".html") else questions
                if s["label"] not in BLOCKED_LABELS and not covered(s["text"], page):
                    leaks.append((s["text"], rel))
        if keep is not None:
            shutil.rmtree(keep, ignore_errors=True)
            shutil.copytree(proj, keep, ignore=shutil.ignore_patterns("cache"))
    distinct = len({fold(str(q["text"])) for q in questions})
    return {"exit": code, "questions": distinct, "words": words, "leaks": sorted(set(leaks)), "held": held}


def hold_back_refused(proj: Path, as_of: str) -> list[str]:
    """Withhold (in the temporary copy) each review the publication rules refuse, as a partnership
    would until it fixes the date, so the rest of the corpus is measured; returns their files."""
    import datetime as dt

    held: list[str] = []
    while True:
        try:
            prepare(load_context(Project(proj), dt.date.fromisoformat(as_of)), redact=False)
            return held
        except OpennessError as exc:
            if not hold_back(proj, exc):
                return held  # another error: the build itself reports it
            held.append(str(exc.file))


def gate_alone(corpus: Path) -> tuple[int, int, list[str]]:
    """Labelled occurrences in the raw sources that no question of the gate would cover."""
    from redaction.allowlist import Allowlist
    from redaction.sources import gather
    from site_builder.gate.identifiers import IdentifierScanner
    from site_builder.gate.names import persons
    from site_builder.gate.questions import Asker
    from site_builder.gate.reading import Passage
    from site_builder.gate.vocabulary import Vocabulary

    expect = json.loads((corpus / "expect.json").read_text(encoding="utf-8"))
    vocab = Vocabulary.load()
    identifiers = IdentifierScanner(Allowlist.load())
    minutes, reviews = gather(corpus)
    total, missed = 0, []
    for src in [*minutes, *reviews]:
        date = src.date if hasattr(src, "date") else src.publish_on  # type: ignore[union-attr]
        lines = [ln for ln in src.body.split("\n") if ln.strip()]
        people = dict(zip(lines, persons(lines), strict=True))
        asker = Asker(vocab, persons, [], {src.rel: date}, date)
        spans = {ln: list(asker.flags(Passage(src.rel, "text", ln), people[ln])) for ln in lines}
        for ln in lines:  # identifiers the gate blocks (dates of birth introduced as such...)
            spans[ln] += [(h.start, h.end) for h in identifiers.scan(ln, "text")]
        for s in expect["sensitive"]:
            if s["doc"] != src.rel or s["label"] in BLOCKED_LABELS:
                continue
            rx = re.compile(r"(?<![\w])" + re.escape(s["text"]) + r"(?![\w])")
            for ln in lines:
                for m in rx.finditer(ln):
                    total += 1
                    if not any(a < m.end() and m.start() < b for a, b in spans[ln]):
                        missed.append(s["text"])
    return total, len(missed), missed


def places_and_orgs(corpus: Path) -> list[str]:
    expect = json.loads((corpus / "expect.json").read_text(encoding="utf-8"))
    allowed = {k["text"] for k in expect.get("keep", []) if PLACE_OR_ORG.search(str(k.get("why", "")))}
    example = [
        "Marlowe Vale Safeguarding Partnership",
        "Marlowe Vale",
        "Eastwick Bridge",
        "Hollinsford",
        "Saltmarsh Quay",
    ]
    return sorted(allowed | set(example))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", nargs="*", type=Path)
    ap.add_argument("--as-of", default="2026-11-22")
    ap.add_argument("--keep", type=Path, help="keep each built project under this folder")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the leaks and the questions' texts")
    args = ap.parse_args()
    worst = 0
    for corpus in args.corpora or CORPORA:
        if not (corpus / "expect.json").is_file():
            continue
        for label, allow in (("empty allowlist", []), ("places+orgs allowed", places_and_orgs(corpus))):
            keep = args.keep / f"{corpus.name}-{'empty' if not allow else 'allowed'}" if args.keep else None
            r = measure(corpus, allow, args.as_of, keep)
            if "failed" in r:
                print(f"{corpus.name:8} {label:20} build failed (exit {r['exit']}), not measured: {r['failed']}")
                worst = max(worst, 1)
                continue
            rate = 1000 * int(r["questions"]) / max(1, int(r["words"]))  # type: ignore[call-overload]
            leaks = r["leaks"]
            assert isinstance(leaks, list)
            worst = max(worst, len(leaks))
            print(
                f"{corpus.name:8} {label:20} silent_leaks={len(leaks)} questions={r['questions']} "
                f"words={r['words']} per_1000_words={rate:.2f} exit={r['exit']}"
                + (f" held_back={','.join(r['held'])}" if r["held"] else "")  # type: ignore[arg-type]
            )
            if args.verbose:
                for text, rel in leaks:
                    print(f"    leak: {text!r} in {rel}")
        total, uncovered, missed = gate_alone(corpus)
        print(f"{corpus.name:8} gate alone on the raw sources: uncovered={uncovered}/{total} labelled occurrences")
        if args.verbose and missed:
            print(f"    uncovered: {sorted(set(missed))}")
    return 1 if worst else 0


if __name__ == "__main__":
    sys.exit(main())
