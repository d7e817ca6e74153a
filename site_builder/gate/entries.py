"""Every file of a built site read once, with a hash of its bytes; its views made only when needed.

The gate's checks and its questions share one list of entries, so a site is read from disk once
per command. An entry whose remembered results (``memo``) still hold is never decoded at all:
its bytes are hashed, and that is all (a stamped page's stamp is still checked every time).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.gate.memo import digest
from site_builder.gate.reading import Passage, html_passages
from site_builder.gate.scan import HTML_SUFFIXES, SiteFile, decode_text, is_search_index, path_view, read_file
from site_builder.sitedir import MARKER

#: How :func:`site_builder.sitedir.new_build_id` writes a build id in the marker.
BUILD_ID = re.compile(rb'"build": "\d{8}T\d{6}Z-[0-9a-f]{8}"')


@dataclass
class SiteEntry:
    """One output file (or empty folder) of a site."""

    site_dir: Path
    rel: str
    path: Path
    data: bytes | None  # None for an empty folder
    _file: SiteFile | None = field(default=None, repr=False)
    _passages: list[Passage] | None = field(default=None, repr=False)

    @functools.cached_property
    def digest(self) -> str:
        """A hash of the path and bytes. The build id in the site's marker file is a fresh token
        of digits and hex every build (it cannot hold anything personal), so it is left out: an
        unchanged site's marker is then remembered like any other unchanged file."""
        data = self.data if self.data is not None else b"\0folder"
        if self.rel == MARKER:
            data = BUILD_ID.sub(b'"build": ""', data, count=1)
        return digest(self.rel, data)

    @property
    def is_html(self) -> bool:
        """Read as a page, as :func:`~site_builder.gate.scan.read_file` does (``.html.gz`` too)."""
        suffix = self.path.suffix if self.path.suffix != ".gz" else Path(self.path.stem).suffix
        return self.data is not None and suffix.lower() in HTML_SUFFIXES

    @property
    def is_search_index(self) -> bool:
        return self.data is not None and is_search_index(self.rel)

    @property
    def file(self) -> SiteFile:
        """The file with every view the detectors search (made on first use)."""
        if self._file is None:
            if self.data is None:
                self._file = SiteFile(self.rel, self.path, "binary", path_view=path_view(self.rel))
            else:
                self._file = read_file(self.site_dir, self.path, self.data)
        return self._file

    def text_only(self, kind: str) -> SiteFile | None:
        """The file as its text alone, read as ``kind`` (``html`` for a page's stamp, ``data`` for
        a search index's passages): no views made unless they already were. None when it is not
        text of that kind."""
        if self._file is not None or self.data is None or self.path.suffix == ".gz":
            return self.file if self.file.kind == kind else None
        text = decode_text(self.data)
        return None if text is None else SiteFile(self.rel, self.path, kind, raw=text)

    @property
    def passages(self) -> list[Passage]:
        """What an HTML page shows a reader, passage by passage (parsed once)."""
        if self._passages is None:
            self._passages = html_passages(self.file)
        return self._passages


def read_site(site_dir: Path) -> list[SiteEntry]:
    """Every file under ``site_dir`` (hidden ones too) and every empty folder, in a stable order."""
    out = []
    for path in sorted(site_dir.rglob("*")):
        rel = path.relative_to(site_dir).as_posix()
        if path.is_file():
            out.append(SiteEntry(site_dir, rel, path, path.read_bytes()))
        elif path.is_dir() and not any(path.iterdir()):  # an empty folder's name is published too
            out.append(SiteEntry(site_dir, rel, path, None))
    return out
