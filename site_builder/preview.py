"""``openness serve``: a live preview that re-runs the redaction stage when a source changes.

MkDocs serves a preview folder of its own and reloads the browser when that folder changes. A
watcher thread polls the partnership's sources (content/, minutes/, reviews/, settings, policy,
register); on a change it stages again and copies what changed into the preview folder. A source
error is logged as its one-line message and the preview keeps the last good pages. Only redacted
pages are ever served. Starting, cleaning the output of and stopping the server is
:mod:`site_builder.preview_process`.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import logging
import shutil
import sys
import threading
from pathlib import Path

from redaction.errors import OpennessError
from redaction.words import counted
from site_builder.context import load_context
from site_builder.generator import generated_config
from site_builder.preview_process import Stop, check_port_free, parse_address, run_server, stop_signals
from site_builder.project import Project
from site_builder.stage import stage_project

log = logging.getLogger(__name__)
WATCHED = ("content", "minutes", "reviews", "openness.yml", "policy.yaml", "mkdocs.yml")


def snapshot(project: Project) -> dict[str, float]:
    """Modification times of every watched file (and the register), by path."""
    out: dict[str, float] = {}
    paths = [project.root / name for name in WATCHED] + [project.register_file]
    for root in paths:
        files = [root] if root.is_file() else sorted(root.rglob("*")) if root.is_dir() else []
        for f in files:
            if f.is_file():
                out[str(f)] = f.stat().st_mtime
    return out


def sync(src: Path, dest: Path) -> int:
    """Make ``dest`` equal to ``src``, touching only files that differ. Returns the number changed."""
    changed = 0
    dest.mkdir(parents=True, exist_ok=True)
    wanted = {p.relative_to(src) for p in src.rglob("*") if p.is_file()}
    for rel in sorted(wanted):
        target = dest / rel
        if not target.is_file() or not filecmp.cmp(src / rel, target, shallow=False):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src / rel, target)
            changed += 1
    for p in sorted(dest.rglob("*"), reverse=True):
        if p.is_file() and p.relative_to(dest) not in wanted:
            p.unlink()
            changed += 1
        elif p.is_dir() and not any(p.iterdir()):
            p.rmdir()
    return changed


def restage(project: Project, as_of: dt.date, docs: Path) -> bool:
    """Load the sources afresh (they have changed), stage them and copy what changed into ``docs``."""
    try:
        stage_project(load_context(project, as_of))
    except OpennessError as exc:
        log.error("openness: error: %s (the preview keeps the last good pages)", exc.one_line())
        return False
    changed = sync(project.staging, docs)
    log.info("restaged: %s", counted(changed, "file changed", "files changed"))
    return True


def watch(project: Project, as_of: dt.date, docs: Path, stop: threading.Event, interval: float = 1.0) -> None:
    seen = snapshot(project)
    while not stop.wait(interval):
        now = snapshot(project)
        if now != seen:
            seen = now
            restage(project, as_of, docs)


def serve(project: Project, address: str, as_of: dt.date) -> int:
    """Stage, then serve the preview until stopped (Ctrl-C, SIGTERM), restaging on every source
    change. The address is checked first; everything started is stopped on the way out."""
    host, port = parse_address(address)
    check_port_free(host, port)
    log.setLevel(logging.INFO)  # the preview's own progress is shown without --verbose
    docs = project.work / "preview-docs"
    stop = threading.Event()
    with stop_signals():
        try:
            if not restage(project, as_of, docs):
                return 1
            config = generated_config(project, project.work / "preview-site", docs_dir=docs)
            watcher = threading.Thread(target=watch, args=(project, as_of, docs, stop), daemon=True)
            watcher.start()
            return run_server([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"{host}:{port}"])
        except (KeyboardInterrupt, Stop):
            log.warning("preview stopped")
            return 0
        finally:
            stop.set()
