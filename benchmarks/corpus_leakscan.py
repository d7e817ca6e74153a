"""Build a labelled corpus (default ../shared/corpus/dev) as a partnership site and score it.

The corpus's minutes/ and reviews/ are copied beside this project's content/ and mkdocs.yml in a
temporary folder, staged and generated (the publication gate is not run here, so that every leak
the redactor lets through is counted by leakscan rather than stopped), then
``../shared/tools/leakscan.py`` scans the site. Its summary line is the result.

When ``../shared/tools/leakscan.py`` is missing, ``benchmarks/leakscore.py`` (this repository's own
scorer, same summary fields) is used, so the in-repository corpora can be scored on a clean clone.

A corpus may hold a review that the publication rules refuse (an LCSPR whose publish_on is fewer
than seven working days after the National Panel was notified): the build stops, as it must. With
``--hold-back-refused`` the refused review is then marked ``status: withheld`` in the temporary copy
(what a partnership does: hold it back and fix the date), each one named on stderr, and the rest is
built and scored; the review's text must then not appear anywhere on the site.

With ``--gate`` the whole ``openness build`` runs instead (stage, generate, publication gate, with
the gate's questions only warning), as a partnership would; ``--generator zensical`` builds with
Zensical instead of MkDocs.

Usage: python benchmarks/corpus_leakscan.py [--corpus DIR] [--as-of YYYY-MM-DD] [--keep-site DIR]
       [--hold-back-refused] [--generator mkdocs|zensical] [--gate]
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from redaction.errors import OpennessError  # noqa: E402
from site_builder.build import build  # noqa: E402
from site_builder.context import load_context  # noqa: E402
from site_builder.generator import build_site  # noqa: E402
from site_builder.project import Project  # noqa: E402
from site_builder.stage import stage_project  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    ap.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date.today())
    ap.add_argument("--leakscan", type=Path, default=ROOT.parent / "shared" / "tools" / "leakscan.py")
    ap.add_argument("--keep-site", type=Path, help="copy the built site here")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--hold-back-refused", action="store_true", help="withhold reviews the publication rules refuse")
    ap.add_argument("--generator", choices=("mkdocs", "zensical"), default=None)
    ap.add_argument("--gate", action="store_true", help="run the whole build, publication gate included")
    args = ap.parse_args()
    leakscan = args.leakscan if args.leakscan.is_file() else ROOT / "benchmarks" / "leakscore.py"
    with tempfile.TemporaryDirectory() as tmp:
        proj = Path(tmp) / "partnership"
        proj.mkdir()
        for name in ("minutes", "reviews"):
            shutil.copytree(args.corpus / name, proj / name)
        shutil.copytree(ROOT / "content", proj / "content")
        shutil.copy2(ROOT / "mkdocs.yml", proj / "mkdocs.yml")
        project = Project(proj)
        if args.gate:
            (proj / "openness.yml").write_text("gate:\n  questions: warn\n", encoding="utf-8")
        site = proj / "site"
        while True:
            try:
                if args.gate:
                    build(project, site, args.as_of, generator=args.generator)
                else:
                    stage_project(load_context(project, args.as_of))
                    build_site(project, site, generator=args.generator)
                break
            except OpennessError as exc:
                held = args.hold_back_refused and hold_back(proj, exc)
                print(f"corpus_leakscan: {'held back' if held else 'build failed'}: {exc.one_line()}", file=sys.stderr)
                if not held:
                    return 2
        if args.keep_site:
            shutil.rmtree(args.keep_site, ignore_errors=True)
            shutil.copytree(site, args.keep_site)
            shutil.copytree(project.audit, args.keep_site.with_name(args.keep_site.name + "-audit"), dirs_exist_ok=True)
        cmd = [
            sys.executable,
            str(leakscan),
            "--expect",
            str(args.corpus / "expect.json"),
            "--corpus",
            str(args.corpus),
            "--min-keep",
            "0.97",
            str(site),
        ] + (["--json"] if args.json else [])
        if leakscan.name == "leakscore.py":
            cmd.remove("--min-keep")
            cmd.remove("0.97")
        return subprocess.call(cmd)


def hold_back(project: Path, exc: OpennessError) -> bool:
    """Mark the review a publication rule refused as withheld (in the temporary copy only)."""
    if not exc.file or not exc.file.startswith("reviews/") or exc.key not in ("publish_on", "national_panel_notified"):
        return False
    path = project / exc.file
    text = path.read_text(encoding="utf-8")
    held = re.sub(
        r"^status:[ \t]*approved[ \t]*$",
        "status: withheld\nwithheld_reason: refused by the publication rules",
        text,
        count=1,
        flags=re.M,
    )
    if held == text:
        return False
    path.write_text(held, encoding="utf-8")
    return True


if __name__ == "__main__":
    sys.exit(main())
