"""What the browser tests and ``make screenshots`` share: find Chromium and node, build the example
site once, serve it on 127.0.0.1, and run ``audit.mjs`` (playwright-core driving Debian's
Chromium, with axe-core) over it. Nothing here downloads a browser or talks to another host."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
AUDIT = HERE / "audit.mjs"
AUDIT_TIMEOUT = 240  # seconds, for the whole node run


def chromium_path() -> str | None:
    for candidate in (
        os.environ.get("CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def missing_requirements() -> str | None:
    """Why the browser tests cannot run here, or None if they can."""
    if shutil.which("node") is None:
        return "node is not installed (the browser tests drive Chromium from node)"
    if chromium_path() is None:
        return (
            "Chromium is not installed: run tests/browser/setup.sh as root "
            "(apt-get install chromium), or set CHROMIUM to a Chromium binary"
        )
    for package in ("axe-core", "playwright-core"):
        if not (HERE / "node_modules" / package / "package.json").is_file():
            return f"npm package {package} is missing: run `npm ci` (or tests/browser/setup.sh) in tests/browser"
    return None


#: The day the golden screenshots were taken as if it were: fixed, so that "next meeting" lines and
#: which reviews are archived do not change the pictures as the calendar moves on.
GOLDEN_DAY = dt.date(2026, 12, 1)


def build_example_site(dest: Path, as_of: dt.date | None = None, generator: str | None = None) -> Path:
    """The example project plus real-style minutes imported from a Word file the tests build
    (issue 12), built from a copy so the repository's own minutes/ is never written to."""
    import sys

    from site_builder.build import build
    from site_builder.importer import import_docx
    from site_builder.project import Project

    sys.path.insert(0, str(ROOT / "tests"))
    from docx_factory import real_style_minutes

    project = dest.parent / f"{dest.name}-project"
    shutil.rmtree(project, ignore_errors=True)
    skip = shutil.ignore_patterns(".git", ".venv", "site", "tests", "benchmarks", "node_modules", "screenshots")
    shutil.copytree(ROOT, project, ignore=skip, symlinks=True)
    word = real_style_minutes(dest.parent / "imported-minutes.docx")
    import_docx(Project(project), word)
    return build(Project(project), dest, as_of=as_of or dt.date.today(), generator=generator)


def is_redirect(path: Path) -> bool:
    """A redirect page from an earlier address (site_builder.redirects), not a page of its own."""
    head = path.read_text(encoding="utf-8", errors="replace")[:400]
    return "<title>Page moved</title>" in head and 'http-equiv="refresh"' in head


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # a browser closing a page mid-download
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on a random port of 127.0.0.1; yields the base URL (ending in /)."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def site_pages(site: Path) -> list[str]:
    """Every page of the built site as a path relative to its root: "" for the home page,
    "minutes/" for minutes/index.html, "404.html"."""
    pages = []
    for f in sorted(site.rglob("*.html")):
        rel = f.relative_to(site).as_posix()
        if is_redirect(f):
            continue
        if f.name == "index.html":
            pages.append(rel[: -len("index.html")])
        elif rel == "404.html":
            pages.append(rel)
    return pages


def dated_pages(site: Path) -> list[str]:
    """Minutes and review pages: the ones with a date line (p.openness-meta) under their title."""
    return [
        p
        for p in site_pages(site)
        if p.startswith(("minutes/", "reviews/"))
        and 'class="openness-meta"'
        in (site / (p or "") / ("" if p.endswith(".html") else "index.html")).read_text(encoding="utf-8")
    ]


def search_probe(site: Path) -> tuple[str, str]:
    """A word from one set of minutes, and that page's location: the word appears on that page
    and on as few others as possible, so the search must list the page near the top."""
    mkdocs_index, zensical_index = site / "search" / "search_index.json", site / "search.json"
    if mkdocs_index.is_file():
        docs = json.loads(mkdocs_index.read_text(encoding="utf-8"))["docs"]
    else:  # Zensical: search.json at the root, its entries under "items"
        docs = json.loads(zensical_index.read_text(encoding="utf-8"))["items"]
    words_by_page: dict[str, set[str]] = {}
    for d in docs:
        page = d["location"].split("#", 1)[0]
        text = re.sub(r"<[^>]+>", " ", f"{d.get('title', '')} {d.get('text', '')}")
        words_by_page.setdefault(page, set()).update(w.lower() for w in re.findall(r"[A-Za-z]{7,}", text))
    spread = Counter(w for words in words_by_page.values() for w in words)
    minutes = sorted(p for p in words_by_page if re.fullmatch(r"minutes/[^/]+/\d{4}-\d{2}-\d{2}/", p))
    if not minutes:
        raise LookupError("the example site has no minutes pages")
    page = minutes[-1]
    word = min(sorted(words_by_page[page]), key=lambda w: (spread[w], -len(w)))
    return word, page


def run_audit(base_url: str, pages: list[str], *extra: str, timeout: int = AUDIT_TIMEOUT) -> dict:
    cmd = ["node", str(AUDIT), f"--chromium={chromium_path()}", *extra, base_url, *pages]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=HERE, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"audit.mjs failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}")
    return json.loads(proc.stdout)
