"""Redirect pages: the addresses of earlier versions keep working after the slug rule changed.

Each is a fixed page holding nothing but the new address (a relative link, derived from the
redacted title like the page itself): no title, summary or other text of any source. They are
written into the built site after the generator ran (so both generators get them) and before the
publication gate, which accepts such a page only when it matches this template exactly and points
at a stamped minutes or review page (:mod:`site_builder.gate.stamps`).
"""

from __future__ import annotations

import logging
import posixpath
from collections.abc import Mapping
from pathlib import Path

from redaction.words import counted

log = logging.getLogger(__name__)

TEMPLATE = """<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Page moved</title>
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={url}">
<link rel="canonical" href="{url}">
</head>
<body>
<p>This page has moved to <a href="{url}">a new address</a>.</p>
</body>
</html>
"""


def html_path(docs_path: str, directory_urls: bool) -> str:
    """Where the generator writes the HTML of a docs page (``a/b.md`` -> ``a/b/index.html``)."""
    stem = docs_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index") or not directory_urls:
        return stem + ".html"
    return stem + "/index.html"


def relative_url(from_html: str, to_html: str, directory_urls: bool) -> str:
    """The link from one HTML file to another, as the generator would write it."""
    target = to_html.removesuffix("index.html") if directory_urls and to_html.endswith("index.html") else to_html
    rel = posixpath.relpath(target or ".", posixpath.dirname(from_html) or ".")
    return rel + "/" if target.endswith("/") and not rel.endswith("/") else rel


def redirect_page(from_html: str, to_html: str, directory_urls: bool) -> str:
    return TEMPLATE.format(url=relative_url(from_html, to_html, directory_urls))


def write_redirects(site_dir: Path, redirects: Mapping[str, str], directory_urls: bool = True) -> int:
    """Write a redirect page for each older docs path whose HTML the site does not already have."""
    written = 0
    for old, new in sorted(redirects.items()):
        source, target = html_path(old, directory_urls), html_path(new, directory_urls)
        out = site_dir / source
        if out.exists() or not (site_dir / target).is_file():
            continue
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(redirect_page(source, target, directory_urls), encoding="utf-8")
        written += 1
    log.info("wrote %s from earlier addresses", counted(written, "redirect page"))
    return written
