"""Build a labelled corpus (default ../shared/corpus/dev) as a partnership site and score it.

The corpus's minutes/ and reviews/ are copied beside this project's content/ and mkdocs.yml in a
temporary folder, staged and generated (the publication gate is not run here, so that every leak
the redactor lets through is counted by leakscan rather than stopped), then
``../shared/tools/leakscan.py`` scans the site. Its summary line is the result.

With ``--gate`` the whole ``openness build`` runs instead (stage, generate, publication gate), as a
partnership would; ``--generator zensical`` builds with Zensical instead of MkDocs.

Usage: python benchmarks/corpus_leakscan.py [--corpus DIR] [--as-of YYYY-MM-DD] [--keep-site DIR]
       [--generator mkdocs|zensical] [--gate]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from redaction.errors import OpennessError  # noqa: E402
from site_builder.build import build  # noqa: E402
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
    ap.add_argument("--generator", choices=("mkdocs", "zensical"), default=None)
    ap.add_argument("--gate", action="store_true", help="run the whole build, publication gate included")
    args = ap.parse_args()
    leakscan = args.leakscan
    with tempfile.TemporaryDirectory() as tmp:
        proj = Path(tmp) / "partnership"
        proj.mkdir()
        for name in ("minutes", "reviews"):
            shutil.copytree(args.corpus / name, proj / name)
        shutil.copytree(ROOT / "content", proj / "content")
        shutil.copy2(ROOT / "mkdocs.yml", proj / "mkdocs.yml")
        project = Project(proj)
        site = proj / "site"
        try:
            if args.gate:
                build(project, site, args.as_of, args.generator)
            else:
                stage_project(project, args.as_of)
                build_site(project, site, generator=args.generator)
        except OpennessError as exc:
            print(f"corpus_leakscan: build failed: {exc.one_line()}", file=sys.stderr)
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
        return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
