"""The ``openness`` command. Each sub-command's docstring is its ``--help`` text.

Exit codes: 0 success (clean); 1 the build or check was blocked (bad source, personal data found,
failed publication rule); 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import logging
import os
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from redaction.errors import ConfigError, GateBlocked, OpennessError
from redaction.words import counted
from site_builder.project import Project

log = logging.getLogger("openness")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date in the form YYYY-MM-DD") from None


def cmd_init(args: argparse.Namespace) -> int:
    """Create a new partnership's folder, ready to build.

    Writes content/ pages carrying the partnership's name (an accessibility statement following
    the GOV.UK model among them; gaps to fill are marked "[to fill: ...]"), mkdocs.yml,
    openness.yml (with the pre-publication checklist required), policy.yaml with every meeting
    type and no dates, empty minutes/ and reviews/ (each with a README showing an example, never
    published), and a .gitignore for the private register, .openness/, site/ and previews. Runs
    'git init' when DIR is not already in a repository. A folder holding other files is refused:
    nothing is ever overwritten. In an existing openness project, only missing .gitignore lines,
    minutes/, reviews/ and the repository are added.

    DIR           the new folder (created if needed)
    --name NAME   the partnership's name, e.g. "Fernleigh Safeguarding Partnership"
    """
    from site_builder.init import init_project

    result = init_project(Path(args.dir), args.name)
    for rel in result.created:
        sys.stdout.write(f"created {rel}\n")
    for note in result.notes:
        sys.stdout.write(f"note: {note}\n")
    sys.stdout.write(
        f"next: cd {result.root}, fill the [to fill: ...] gaps in content/, add minutes and reviews, "
        "then run 'openness build'\n"
    )
    return 0


def future_into_site(project: Project, args: argparse.Namespace) -> None:
    """Refuse a build for a later date into the published site: it would publish embargoed reviews."""
    if args.as_of is None or args.as_of <= dt.date.today() or args.preview is not None:
        return
    published = project.default_site_dir().resolve()
    if args.site_dir is None or args.site_dir.absolute().resolve() == published:
        raise ConfigError(
            f"--as-of {args.as_of.isoformat()} is after today: a build for a later date would publish embargoed "
            "reviews into the site you deploy; add --preview DIR to read it, or --site-dir DIR for another folder",
            file=published,
        )


def cmd_build(args: argparse.Namespace) -> int:
    """Stage, build, check and publish the site.

    Reads minutes/ and reviews/, applies the publish policy, redacts what is published into the
    staging folder (.openness/docs), builds the site with MkDocs into a temporary folder, runs the
    publication gate on it, and only then replaces the site folder. On any failure the previous
    site is left exactly as it was and the exit status is non-zero.

    The publication gate also asks questions about what it cannot vouch for (unknown words,
    names, repeats of replaced text, older dates). A build with open questions stops (exit 1)
    unless openness.yml sets 'gate: {questions: warn}'; answer them with 'openness review'.
    A summary (documents, replacements, questions) is printed after every build.

    --site-dir DIR   where to publish the site (default: site/ in the project folder)
    --as-of DATE     build as if today were DATE (YYYY-MM-DD), to preview embargoed reviews. A
                     date after today needs --preview DIR (or a --site-dir other than the
                     published site), so embargoed reviews never reach the folder you deploy
    --generator mkdocs|zensical
                     the static site generator (default: 'generator:' in openness.yml, else mkdocs)
    --preview DIR    build into DIR whatever the questions, to read the result: nothing is
                     published and the staging folder is not replaced. DIR must lie outside the
                     site folder, the project's content/ minutes/ reviews/ .openness/, and must
                     not be or hold the project folder.
    """
    from site_builder import model_server
    from site_builder.prestart import Prestarted

    project = Project.find(args.project)
    future_into_site(project, args)
    prestarted = Prestarted.for_project(project)  # first: it loads the models while the rest imports

    from site_builder.build import build
    from site_builder.outcome import Summary

    summary = Summary()
    if args.preview is not None:
        summary.preview = args.preview
    try:
        site = build(
            project,
            args.site_dir or project.default_site_dir(),
            args.as_of or dt.date.today(),
            preview=args.preview,
            summary=summary,
            prestarted=prestarted,
            generator=args.generator,
        )
        summary.outcome = (
            f"preview written (nothing published): {site}" if args.preview is not None else f"site published: {site}"
        )
    except OpennessError:
        summary.outcome = "nothing published: the previous site is unchanged"
        raise
    finally:
        if summary.project is not None:
            sys.stdout.write("\n".join(summary.lines()) + "\n")
        if (prestarted is None or not prestarted.server) and Prestarted.worth_keeping(project):
            model_server.spawn()  # the next build finds the models loaded (site_builder/model_server.py)
    log.info("site ready: open %s in a browser, or run 'openness serve'", site / "index.html")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Preview the site with live reload: edit a source and the page is redacted again and reloads.

    Only redacted pages are served. A source error is shown as one line and the preview keeps the
    last good pages until it is fixed. Stop with Ctrl+C.

    --address HOST:PORT   where to serve (default: 127.0.0.1:8000)
    --as-of DATE          preview as if today were DATE (YYYY-MM-DD)
    """
    from site_builder.lock import project_lock
    from site_builder.preview import serve
    from site_builder.preview_process import check_port_free, parse_address

    project = Project.find(args.project)
    check_port_free(*parse_address(args.address))  # before anything is created or locked
    with project_lock(project.work, "serve"):
        return serve(project, args.address, args.as_of or dt.date.today())


def cmd_redact(args: argparse.Namespace) -> int:
    """Print the redacted text of one minutes or review file, then every replacement made.

    For a comms officer to review before publication. The report shows what was replaced, on
    which line, by which recogniser and with what score. Nothing is written to the site.

    FILE   a Markdown source in minutes/ or reviews/
    """
    from site_builder.build import redact_one
    from site_builder.context import load_context

    project = Project.find(args.project)
    text, replacements = redact_one(load_context(project, dt.date.today()), Path(args.file))
    sys.stdout.write(text.rstrip() + "\n\n--- replacements ---\n")
    for r in replacements:
        sys.stdout.write(
            f"line {r.line}: {r.original!r} -> {r.replacement!r} ({r.entity}, {r.recognizer}, score {r.score:.2f})\n"
        )
    sys.stdout.write(counted(len(replacements), "replacement") + "\n")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Scan a built site and block it if it still holds personal data.

    Reads every output file (pages, search index, sitemaps, feeds, scripts) and every file name
    for declared people and places, NHS/NI/phone numbers, e-mail addresses, postcodes and dates of
    birth, checks the redaction stamp of every minutes and review page, and looks for person
    names with the NER (openness.yml 'gate: {names: block|warn|approve}', default warn).
    Open questions (see 'openness build') block too, unless 'gate: {questions: warn}'.
    Findings and questions are masked. Exit 0 when clean, 1 when blocked, 2 on a usage or
    configuration error.

    SITE_DIR   the built site to scan (default: site/)
    """
    from site_builder.build import check, require_site, site_to_check
    from site_builder.context import load_context
    from site_builder.gate import load_gate_config
    from site_builder.gate.entries import read_site
    from site_builder.gate.memo import GateMemos
    from site_builder.lock import project_lock
    from site_builder.outcome import site_questions
    from site_builder.publish import recover
    from site_builder.stage import promote

    project = Project.find(args.project)
    site = site_to_check(project, Path(args.site_dir) if args.site_dir else project.default_site_dir())
    with project_lock(project.work, "check"):
        # A build killed after its swap, before its promotion: finish it, so a good live site passes.
        recover(project.work, site, lambda staged: promote(project, staged))
        require_site(site)
        config = load_gate_config(project)
        ctx = load_context(project, dt.date.today())  # read once: the gate and its questions share it
        entries = read_site(site)  # and the site too
        memos = GateMemos(project.cache / "gate")
        report = check(ctx, site, config, entries, memos)
        questions = [] if report.blocked else site_questions(ctx, entries, memos)
        memos.save()
    for f in report.findings:  # every finding is masked: the output never repeats what was found
        sys.stdout.write(f.line() + "\n")
    sys.stdout.write(report.summary() + "\n")
    if report.blocked:
        raise GateBlocked(f"{counted(len(report.blocking), 'finding')}: publication blocked", file=site)
    from site_builder.gate.report import mask

    for q in questions:
        sys.stdout.write(f"{q.page}: question ({q.kind}): {mask(q.text)}  [source: {q.source}]\n")
    if questions and config.questions == "block":
        raise GateBlocked(f"{counted(len(questions), 'open question')}: answer them with 'openness review'", file=site)
    sys.stdout.write(
        "clean: no personal data found" + (f", {counted(len(questions), 'question')} open\n" if questions else "\n")
    )
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    """List every review: its state, what is missing before it can go live, and its go-live date.

    Checklist items not yet ticked are "recommended", or missing before the review can go live when
    openness.yml says 'checklist: required'. Minutes marked 'status: draft' are listed last: they
    are never published until approved.

    --as-of DATE   report as if today were DATE (YYYY-MM-DD)
    """
    from site_builder.context import load_context
    from site_builder.reviews.status import status_report

    project = Project.find(args.project)
    sys.stdout.write(status_report(load_context(project, args.as_of or dt.date.today())))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Import a Word document (.docx) as a minutes or review source, with no hidden data.

    Writes minutes/MEETING-DATE.md or reviews/TYPE-TITLE.md and never overwrites a file. Before
    conversion it drops comments, tracked changes (deleted text is dropped, inserted text kept),
    hidden text, document properties (author, last modified by, company), headers, footers and
    image metadata, and reports what it dropped by kind and count, never the values. Images are
    saved without metadata beside the Word file, not published. Text blacked out in Word becomes
    ██ blocks. A .doc, a password-protected or a macro-enabled file is refused.

    FILE                the .docx to import
    --meeting KEY       minutes: the meeting type (default: read from "Meeting Name:" in the document)
    --date DATE         minutes: the meeting date; reviews: the publication date (YYYY-MM-DD; default:
                        read from "Meeting Date & Time: Monday 11 March 2024 ..." in the document)
    --title TEXT        the page title (default: meeting name and date, or the review's first heading)
    --review-type TYPE  import a review (lcspr, sar, partnership, single-agency, rapid-review); it is
                        written as a draft with a people: stub for you to complete
    """
    from site_builder.importer import import_docx

    project = Project.find(args.project)
    result = import_docx(project, Path(args.file), args.meeting, args.date, args.title, args.review_type)
    for line in result.report():
        sys.stdout.write(line + "\n")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    """Answer the publication gate's questions on a private page, or list them.

    Serves a page on 127.0.0.1 (a random port, a secret token in its address; other hosts and
    requests without the token are refused). It shows every open question of the last build
    (or --preview build) in its sentence, with three answers:
      Public word            -> allowlist.yaml (commit it): never asked again, never redacted
      A person: redact       -> the private register (register.yaml): replaced everywhere from the
                                next build, by the role you type or [name withheld]
      This occurrence only   -> decisions.yaml (commit it): this page and sentence only
    (a date, number, address or named place cannot go in the register: each of its words would be
    hidden everywhere; edit the source instead), and every published document's redacted text,
    each replacement marked with its original.
    Each answer records who gave it (--reviewer, else git config user.name) and when.
    Rebuild afterwards: answered questions are gone.

    --json            print the open questions as a JSON array (text, source, page, kind, ...)
                      and exit. It holds the words asked about: for the person at the keyboard,
                      never for CI logs.
    --reviewer NAME   who is answering (default: git config user.name)
    --port N          port to listen on (default: a random free port)
    """
    import json

    from site_builder.review.queue import open_questions

    project = Project.find(args.project)
    if args.json:
        sys.stdout.write(json.dumps(open_questions(project), indent=1, ensure_ascii=False) + "\n")
        return 0
    from site_builder.gate.answers import reviewer
    from site_builder.review.server import ReviewServer, run

    open_questions(project)  # fails early (one line) when nothing was built yet
    server = ReviewServer(project, reviewer(args.reviewer, project.root), args.port)
    sys.stdout.write(f"Review page (private, this computer only): {server.url}\nStop with Ctrl+C.\n")
    sys.stdout.flush()
    return run(server)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "init": cmd_init,
    "build": cmd_build,
    "serve": cmd_serve,
    "redact": cmd_redact,
    "check": cmd_check,
    "status": cmd_status,
    "import": cmd_import,
    "review": cmd_review,
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
        if name == "init":
            sp.add_argument("dir", metavar="DIR")
            sp.add_argument("--name", metavar="NAME")
        elif name == "build":
            sp.add_argument("--site-dir", type=Path)
            sp.add_argument("--as-of", type=_date)
            sp.add_argument("--preview", type=Path, metavar="DIR")
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
        elif name == "import":
            from redaction.sources import REVIEW_TYPES

            sp.add_argument("file")
            sp.add_argument("--meeting")
            sp.add_argument("--date", type=_date)
            sp.add_argument("--title")
            sp.add_argument("--review-type", choices=REVIEW_TYPES)
        elif name == "review":
            sp.add_argument("--json", action="store_true")
            sp.add_argument("--reviewer")
            sp.add_argument("--port", type=int, default=0)
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
    except KeyboardInterrupt:
        sys.stderr.write("openness: stopped; the previous site is unchanged\n")
        return 130
    except OSError as exc:  # disk full, permissions, a folder that vanished: one line, never a traceback
        where = f"{exc.filename}: " if exc.filename else ""
        sys.stderr.write(f"openness: error: {where}{exc.strerror or exc}; the previous site is unchanged\n")
        return 1
    except Exception as exc:  # a bug: still one line, and still fail closed
        log.info("internal error", exc_info=True)
        sys.stderr.write(
            f"openness: error: internal error ({type(exc).__name__}); nothing was published. "
            "Run with -v to see details and report it\n"
        )
        return 1


def run() -> NoReturn:
    """The console script: :func:`main`, then leave without tearing the interpreter down.

    Once the command is done and its files are written and closed, freeing every object one by
    one (the gate's memos, the word lists) took about 0.3 s of each build. So the threads the
    command left are joined, the exit handlers run (logging flushes; a stopped model process is
    reaped), the standard streams are flushed, and the process ends there."""
    code = main()
    try:
        for thread in threading.enumerate():
            if thread is not threading.main_thread() and not thread.daemon:
                thread.join()
    except KeyboardInterrupt:
        code = 130
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said on it
            code = code or 1
    os._exit(code)


if __name__ == "__main__":
    run()
