"""Integrity stamps: every minutes and review page must come from the redaction stage.

The stage stamps each page it writes (source pages and the generated indexes) with
``v2 sha256=<hash of docs path + redacted Markdown> engine=<n> config=<hash>`` in its front
matter (``v1``, the text alone, is still accepted: the manifest binds it to its path); the
theme copies it into ``<meta name="openness-redaction">``; ``.openness/manifest.json`` maps each
docs path to its stamp. A page under ``minutes/`` or ``reviews/`` passes only when

1. it carries exactly one stamp, in the current format, engine and recogniser-config version;
2. the manifest holds that very stamp for the docs path this HTML page was built from;
3. the staged Markdown at that path still hashes (with its path) to the stamp.

So a raw source built by plain ``mkdocs build`` (no stamp), a page from an older build (old
config), a stamp copied from another page (other path, other hash) or a staged file changed after
redaction (hash) all block.

The one page there without a stamp that passes is a *redirect* from an earlier address
(``site_builder.redirects``): it must be byte for byte the fixed redirect template, holding no
text but one relative address, and that address must lead to a page of this site under
``minutes/`` or ``reviews/`` that is not itself a redirect and passes the rules above.
"""

from __future__ import annotations

import json
import logging
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from redaction import ENGINE_VERSION
from redaction.engine import config_version
from redaction.errors import ConfigError
from site_builder.gate.report import Hit
from site_builder.gate.scan import SiteFile
from site_builder.stage import STAMP_FORMAT, make_stamp

log = logging.getLogger(__name__)
STAMPED_SECTIONS = ("minutes", "reviews")
META = re.compile(r"<meta\b[^>]*\bname\s*=\s*[\"']openness-redaction[\"'][^>]*>", re.I)
CONTENT = re.compile(r"\bcontent\s*=\s*\"([^\"]*)\"|\bcontent\s*=\s*'([^']*)'", re.I)
STAMP = re.compile(
    r"^(?P<format>v[12]) sha256=(?P<sha>[0-9a-f]{64}) "
    r"engine=(?P<engine>\S+) config=(?P<config>\S+)$"
)
KIND = "page without a valid redaction stamp"
_URL = r"(?:\.\./)*(?:[a-z0-9][a-z0-9._-]*/)*(?:[a-z0-9][a-z0-9._-]*\.html)?"
REDIRECT = re.compile(
    r"<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>Page moved</title>\n"
    r"<meta name=\"robots\" content=\"noindex\">\n"
    rf"<meta http-equiv=\"refresh\" content=\"0; url=(?P<url>{_URL})\">\n"
    r"<link rel=\"canonical\" href=\"(?P=url)\">\n</head>\n<body>\n"
    r"<p>This page has moved to <a href=\"(?P=url)\">a new address</a>.</p>\n</body>\n</html>\n"
)


@dataclass
class StampChecker:
    """Checks stamps against the manifest and the staging folder of one project."""

    manifest: dict[str, str] | None
    staging: Path
    version: str

    @classmethod
    def for_project(cls, work: Path, staging: Path) -> StampChecker:
        path = work / "manifest.json"
        manifest = None
        if path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise ConfigError(f"cannot read the stamp manifest: {exc}", file=path) from None
            if not isinstance(data, dict):
                raise ConfigError("must be a JSON object of docs path -> stamp", file=path)
            manifest = {str(k): str(v) for k, v in data.items()}
        else:
            log.warning("no stamp manifest at %s: run 'openness build' first", path)
        return cls(manifest, staging, config_version())

    @staticmethod
    def needs_stamp(rel: str, kind: str) -> bool:
        """Minutes and review pages carry a stamp (``kind``: the file's kind, ``html`` for a page)."""
        return kind == "html" and rel.split("/", 1)[0] in STAMPED_SECTIONS

    def check(self, file: SiteFile) -> Hit | None:
        """None when ``file`` carries a valid stamp, else a hit explaining why not."""
        problem = self.problem(file)
        return None if problem is None else Hit("text", 0, 0, KIND, detail=problem)

    def problem(self, file: SiteFile) -> str | None:
        stamps = {self._content(m.group()) for m in META.finditer(file.raw)}
        if not stamps and REDIRECT.fullmatch(file.raw):
            return self.redirect_problem(file)
        if not stamps:
            return "no stamp (was it built by 'openness build' from the redacted staging folder?)"
        if len(stamps) > 1:
            return "more than one stamp"
        stamp = stamps.pop()
        m = STAMP.match(stamp)
        if m is None:
            return "stamp not in a known format"
        if m["engine"] != ENGINE_VERSION or m["config"] != self.version:
            return "stamp from another engine or recogniser configuration: rebuild"
        if self.manifest is None:
            return "no manifest (.openness/manifest.json): run 'openness build'"
        doc = next((d for d in docs_paths(file.rel) if d in self.manifest), None)
        if doc is None:
            return "page not in the manifest"
        if self.manifest[doc] != stamp:
            return "stamp does not match the manifest entry for this page"
        staged = self.staging / doc
        body = staged_body(staged)
        bound = doc if m["format"] == STAMP_FORMAT else None  # v1 hashed the text alone
        if body is None or make_stamp(body, self.version, bound) != stamp:
            return "stamp does not match the staged redacted page"
        return None

    def redirect_problem(self, file: SiteFile) -> str | None:
        """None when the redirect page ``file`` leads to a stamped page of the same site."""
        m = REDIRECT.fullmatch(file.raw)
        assert m is not None
        target = redirect_target(file.rel, m["url"])
        if target is None:
            return "redirect leads outside the site"
        root = file.path
        for _ in file.rel.split("/"):
            root = root.parent
        page = root / target
        if not page.is_file():
            return "redirect leads to a page that does not exist"
        target_file = SiteFile(target, page, "html", raw=page.read_text(encoding="utf-8", errors="replace"))
        if not self.needs_stamp(target_file.rel, target_file.kind) or REDIRECT.fullmatch(target_file.raw):
            return "redirect must lead to a minutes or review page"
        problem = self.problem(target_file)
        return None if problem is None else f"redirect leads to a page with a bad stamp ({problem})"

    @staticmethod
    def _content(meta: str) -> str:
        m = CONTENT.search(meta)
        return (m.group(1) or m.group(2) or "").strip() if m else ""


def docs_paths(rel: str) -> list[str]:
    """The docs (Markdown) paths an HTML page can have been built from."""
    stem = rel.removesuffix(".html").removesuffix(".htm")
    if stem.endswith("/index") or stem == "index":
        folder = stem.removesuffix("index").rstrip("/")
        return [f"{stem}.md", f"{folder}.md", f"{folder}/README.md"] if folder else [f"{stem}.md"]
    return [f"{stem}.md"]


def redirect_target(rel: str, url: str) -> str | None:
    """The site path a redirect at ``rel`` leads to, or None when it leaves the site."""
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(rel), url))
    if joined.startswith("..") or joined.startswith("/") or joined == ".":
        return None
    return joined if joined.endswith(".html") else f"{joined}/index.html"


def staged_body(path: Path) -> str | None:
    """The page text after its front matter, exactly as the stage hashed it."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    if not text.startswith("---\n"):
        return None
    _, sep, body = text[4:].partition("\n---\n\n")
    return body if sep else None
