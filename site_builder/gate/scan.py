"""Read every file of a built site and prepare the texts the detectors compare against.

Each file yields one or more *views*: the text after undoing HTML entities, JSON ``\\u`` escapes
and URL encoding (twice, for double encoding), with zero-width characters removed and quotes,
dashes and non-breaking spaces folded; then the same text with tags removed (``Cal<b>lum</b>`` reads
``Callum``) and with tags replaced by spaces (``<td>Ann</td><td>Lee</td>`` reads ``Ann Lee``).
File paths get a view of their own, with ``-``, ``_``, ``/`` and ``.`` read as spaces, because a
slug or a file name leaks as well as a page does. Offsets in findings are offsets into a view.

Files byte-identical to the copy shipped in the installed Material theme or Zensical (their
JavaScript and CSS bundles) are *vendored*: they hold no partnership content, so the content
detectors skip them (their file names are still checked). A vendored file that was changed in any
way is scanned.

Both generators' layouts are known: MkDocs writes its search index to ``search/search_index.json``,
Zensical to ``search.json`` at the site root. Either, and the open data files (``data/*.json`` and
``data/*.csv``), are text a reader sees (:func:`is_reader_data`).
"""

from __future__ import annotations

import base64
import binascii
import html
import logging
import re
import urllib.parse
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

log = logging.getLogger(__name__)

BINARY_SUFFIXES = {
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".ico",
    ".webp",
    ".avif",
    ".woff",
    ".woff2",
    ".ttf",
    ".eot",
    ".otf",
    ".pdf",
    ".zip",
    ".mp4",
    ".mp3",
    ".wasm",
}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
ICS_FOLD = re.compile(r"\r?\n[ \t]")
#: Search indexes, by generator: MkDocs (and Material) and Zensical.
SEARCH_INDEXES = ("search/search_index.json", "search.json")
OPEN_DATA = re.compile(r"^data/[^/]+\.(?:json|csv)$")
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
JSON_SIMPLE = re.compile(r"\\([/\"\\])")
TAG = re.compile(r"<!--.*?-->|<[^<>]{0,4000}>", re.S)
PATH_SEPARATORS = re.compile(r"[-_/.+]")
FOLD = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2011": "-",
        "\u2010": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
    }
)


def _json_char(m: re.Match[str]) -> str:
    return chr(int(m.group(1), 16))


def normalise(text: str) -> str:
    """Undo the encodings a leak can hide behind, then fold look-alike characters."""
    for _ in range(2):
        text = html.unescape(text)
        text = JSON_ESCAPE.sub(_json_char, text)
        text = JSON_SIMPLE.sub(r"\1", text)
        if "%" in text:
            text = urllib.parse.unquote(text)
    return ZERO_WIDTH.sub("", text).translate(FOLD)


@dataclass
class View:
    """One reading of a file (or of its path) that detectors search."""

    name: str  # "text", "untagged", "spaced" or "path"
    text: str


@dataclass
class SiteFile:
    """One output file: its site-relative path, its kind and its views."""

    rel: str
    path: Path
    kind: str  # "html", "data" (json/xml/feeds/js/css/text), "binary" or "vendored"
    raw: str = ""
    views: list[View] = field(default_factory=list)
    path_view: View = field(default_factory=lambda: View("path", ""))

    @property
    def is_html(self) -> bool:
        return self.kind == "html"


DATA_URI = re.compile(r"data:[\w/+.-]*(?:;[\w=.-]+)*;base64,([A-Za-z0-9+/=\s]{8,})", re.I)


def data_uri_text(text: str) -> str:
    """The decoded contents of every base64 ``data:`` URI in ``text`` that holds text."""
    out = []
    for m in DATA_URI.finditer(text):
        try:
            raw = base64.b64decode("".join(m.group(1).split()), validate=False)
        except (binascii.Error, ValueError):
            continue
        decoded = decode_text(raw)
        if decoded is not None:
            out.append(normalise(decoded))
    return "\n".join(out)


def text_views(text: str) -> list[View]:
    """The normalised text, and (when it holds tags) the text with tags removed and spaced out,
    and the decoded text of its ``data:`` URIs."""
    views = [View("text", text)]
    if "<" in text:
        views.append(View("untagged", TAG.sub("", text)))
        views.append(View("spaced", TAG.sub(" ", text)))
    if "data:" in text and (inner := data_uri_text(text)):
        views.append(View("data-uri", inner))
        if "<" in inner:
            views.append(View("data-uri spaced", TAG.sub(" ", inner)))
    return views


def path_view(rel: str) -> View:
    """The decoded path with separators read as spaces; same length as ``normalise(rel)``."""
    return View("path", PATH_SEPARATORS.sub(" ", normalise(rel)))


def is_search_index(rel: str) -> bool:
    return rel in SEARCH_INDEXES or rel.endswith("search_index.json")


def is_reader_data(rel: str) -> bool:
    """Data files whose text people read as it is: search indexes and the open data files."""
    return is_search_index(rel) or (OPEN_DATA.match(rel) is not None and not rel.endswith(".schema.json"))


@cache
def vendor_roots() -> tuple[Path, ...]:
    """Folders of installed themes whose assets the generators copy verbatim into a site."""
    roots = []
    try:
        import material

        roots.append(Path(material.__file__).parent / "templates")
    except ImportError:  # pragma: no cover - Material is a dependency
        pass
    try:
        import zensical

        roots.append(Path(zensical.__file__).parent / "templates")
    except ImportError:  # Zensical is optional
        pass
    try:
        import mkdocs

        roots.append(Path(mkdocs.__file__).parent / "themes" / "mkdocs")
    except ImportError:  # pragma: no cover
        pass
    return tuple(roots)


def is_vendored(rel: str, data: bytes) -> bool:
    """True when the file is byte-identical to the theme's own copy at the same path."""
    if not rel.endswith((".js", ".css", ".map", ".svg")):
        return False
    for root in vendor_roots():
        original = root / rel
        if original.is_file() and original.stat().st_size == len(data) and original.read_bytes() == data:
            return True
    return False


#: The most a ``.gz`` file is unpacked to: past this it is scanned as far as it got and blocked.
GZ_LIMIT = 256 * 1024 * 1024
TEXT_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def gunzip(data: bytes) -> tuple[bytes, bool]:
    """As much of a gzip stream as decompresses (up to :data:`GZ_LIMIT`); True if all of it did."""
    out = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        text = out.decompress(data, GZ_LIMIT)
    except zlib.error:
        return b"", False
    return text, out.eof and not out.unconsumed_tail


def decode_text(data: bytes) -> str | None:
    """Text in any common encoding: a BOM says which; NUL bytes in alternate places mean UTF-16
    without a BOM; leading NULs are padding. None when it is not text."""
    for bom, codec in TEXT_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    head = data[:4096]
    if b"\0" in head:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        codec = "utf-16-be" if even > odd * 4 else "utf-16-le" if odd > even * 4 else ""
        if codec and len(data) % 2 == 0:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                pass
        stripped = data.strip(b"\0")
        if b"\0" in stripped:
            return None
        data = stripped
    return data.decode("utf-8", errors="replace")


def decode(path: Path, data: bytes) -> str | None:
    """The file's text (``.gz`` unpacked as far as it goes), or None for binary content."""
    if path.suffix == ".gz":
        data, whole = gunzip(data)
        if not whole:
            log.warning("%s: only part of it unpacks; scanning that part", path.name)
    elif path.suffix.lower() in BINARY_SUFFIXES:
        return None
    return decode_text(data)


def read_file(site_dir: Path, path: Path, data: bytes | None = None) -> SiteFile:
    """One file of the site with its views (``data``: its bytes, when already read)."""
    rel = path.relative_to(site_dir).as_posix()
    data = path.read_bytes() if data is None else data
    suffix = path.suffix.lower() if path.suffix != ".gz" else Path(path.stem).suffix.lower()
    if is_vendored(rel, data):
        return SiteFile(rel, path, "vendored", path_view=path_view(rel))
    text = decode(path, data)
    if text is None:
        # A file that should be text but cannot be decoded is refused, never skipped.
        kind = "binary" if suffix in BINARY_SUFFIXES else "unreadable"
        return SiteFile(rel, path, kind, path_view=path_view(rel))
    if suffix == ".ics":  # RFC 5545 folds long lines: unfold, so a name split by a fold is whole again
        text = ICS_FOLD.sub("", text)
    kind = "html" if suffix in HTML_SUFFIXES else "data"
    return SiteFile(rel, path, kind, raw=text, views=text_views(normalise(text)), path_view=path_view(rel))


def iter_site(site_dir: Path) -> Iterator[SiteFile]:
    """Every file under ``site_dir`` (hidden ones too), in a stable order."""
    for path in sorted(site_dir.rglob("*")):
        if path.is_file():
            yield read_file(site_dir, path)
        elif path.is_dir() and not any(path.iterdir()):  # an empty folder's name is published too
            rel = path.relative_to(site_dir).as_posix()
            yield SiteFile(rel, path, "binary", path_view=path_view(rel))
