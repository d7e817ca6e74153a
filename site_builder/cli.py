"""The ``openness`` command. Each sub-command's docstring is its ``--help`` text.

Exit codes: 0 success (clean); 1 the build or check was blocked (bad source, personal data found,
failed publication rule); 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from redaction.errors import GateBlocked, OpennessError
from site_builder.project import Project

log = logging.getLogger("openness")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date in the form YYYY-MM-DD") from None


def cmd_build(args: argparse.Namespace) -> int:
    """Stage, build, check and publish the site.

    Reads minutes/ and reviews/, applies the publish policy, redacts what is published into the
    staging folder (.openness/docs), builds the site with MkDocs into a temporary folder, runs the
    publication gate on it, and only then replaces the site folder. On any failure the previous
    site is left exactly as it was and the exit status is non-zero.

    --site-dir DIR          where to publish the site (default: site/ in the project folder)
    --as-of DATE            build as if today were DATE (YYYY-MM-DD), to preview embargoed reviews
    --generator mkdocs|zensical
                            the static site generator (default: 'generator:' in openness.yml, else mkdocs)
    """
    from site_builder.build import build

    project = Project.find(args.project)
    site = build(project, args.site_dir or project.default_site_dir(), args.as_of or dt.date.today(), args.generator)
    log.info("site ready: open %s in a browser, or run 'openness serve'", site / "index.html")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Preview the site with live reload: edit a source and the page is redacted again and reloads.

    Only redacted pages are served. A source error is shown as one line and the preview keeps the
    last good pages until it is fixed. Stop with Ctrl+C.

    --address HOST:PORT   where to serve (default: 127.0.0.1:8000)
    --as-of DATE          preview as if today were DATE (YYYY-MM-DD)
    """
    from site_builder.preview import serve

    project = Project.find(args.project)
    return serve(project, args.address, args.as_of or dt.date.today())


def cmd_redact(args: argparse.Namespace) -> int:
    """Print the redacted text of one minutes or review file, then every replacement made.

    For a comms officer to review before publication. The report shows what was replaced, on
    which line, by which recogniser and with what score. Nothing is written to the site.

    FILE   a Markdown source in minutes/ or reviews/
    """
    from site_builder.build import redact_one

    project = Project.find(args.project)
    text, replacements = redact_one(project, Path(args.file))
    sys.stdout.write(text.rstrip() + "\n\n--- replacements ---\n")
    for r in replacements:
        sys.stdout.write(
            f"line {r.line}: {r.original!r} -> {r.replacement!r} ({r.entity}, {r.recognizer}, score {r.score:.2f})\n"
        )
    sys.stdout.write(f"{len(replacements)} replacement(s)\n")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Scan a built site and block it if it still holds personal data.

    Reads every output file (pages, search index, sitemaps, feeds, scripts) and every file name
    for declared people and places, NHS/NI/phone numbers, e-mail addresses, postcodes and dates of
    birth, checks the redaction stamp of every minutes and review page, and looks for person
    names with the NER (openness.yml 'gate: {names: block|warn|approve}', default warn).
    Findings are masked. Exit 0 when clean, 1 when blocked, 2 on a usage or configuration error.

    SITE_DIR   the built site to scan (default: site/)
    """
    from site_builder.build import check

    project = Project.find(args.project)
    site = Path(args.site_dir) if args.site_dir else project.default_site_dir()
    report = check(project, site)
    for f in report.findings:  # every finding is masked: the output never repeats what was found
        sys.stdout.write(f.line() + "\n")
    sys.stdout.write(report.summary() + "\n")
    if report.blocked:
        raise GateBlocked(f"{len(report.blocking)} finding(s): publication blocked", file=site)
    sys.stdout.write("clean: no personal data found\n")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    """List every review: its state, what is missing before it can go live, and its go-live date.

    --as-of DATE   report as if today were DATE (YYYY-MM-DD)
    """
    from site_builder.reviews.status import status_report

    project = Project.find(args.project)
    sys.stdout.write(status_report(project, args.as_of or dt.date.today()))
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "build": cmd_build,
    "serve": cmd_serve,
    "redact": cmd_redact,
    "check": cmd_check,
    "status": cmd_status,
}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="openness", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--project", type=Path, default=None, help="project folder (default: current directory)")
    p.add_argument("-v", "--verbose", action="store_true", help="log progress")
    sub = p.add_subparsers(dest="command", required=True)
    for name, func in COMMANDS.items():
        doc = func.__doc__ or ""
        sp = sub.add_parser(
            name, help=doc.splitlines()[0], description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
        )
        sp.set_defaults(func=func)
        if name == "build":
            sp.add_argument("--site-dir", type=Path)
            sp.add_argument("--as-of", type=_date)
            sp.add_argument("--generator", choices=("mkdocs", "zensical"))
        elif name == "serve":
            sp.add_argument("--address", default="127.0.0.1:8000")
            sp.add_argument("--as-of", type=_date)
        elif name == "redact":
            sp.add_argument("file")
        elif name == "check":
            sp.add_argument("site_dir", nargs="?")
        elif name == "status":
            sp.add_argument("--as-of", type=_date)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(message)s")
    logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)
    try:
        return args.func(args)
    except OpennessError as exc:
        sys.stderr.write(f"openness: error: {exc.one_line()}\n")
        return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())
