"""Copy ``content/`` assets into staging without hidden data.

Images are re-saved with Pillow from their pixels alone: EXIF (camera, GPS, author), XMP, IPTC,
PNG text chunks, GIF and JPEG comments never travel. A file that does not open as the image its
name says is refused. Styles, scripts and SVG must be UTF-8 text (the publication gate reads them
like pages); anything else is refused with one line naming the file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from redaction.errors import SourceError

#: Image formats by suffix, as Pillow names them.
IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WEBP", ".ico": "ICO"}
TEXT_ASSETS = {".css", ".js", ".svg"}
#: Fonts are copied as they are: they hold glyphs, not partnership content.
COPIED = {".woff", ".woff2"}


def pixel_copy(im: Image.Image) -> Image.Image:
    """A new image holding ``im``'s pixels, palette and transparency, and nothing else: no EXIF,
    XMP, IPTC, ICC profile, text chunk or comment can travel in it."""
    clean = Image.frombytes(im.mode, im.size, im.tobytes())
    if im.mode == "P" and im.getpalette():
        clean.putpalette(im.getpalette() or [])
    if isinstance(im.info.get("transparency"), int | bytes):
        clean.info["transparency"] = im.info["transparency"]
    return clean


def strip_image(source: Path, target: Path, rel: str) -> None:
    """Write ``source`` to ``target`` with its pixels only (no metadata of any kind)."""
    fmt = IMAGE_FORMATS[source.suffix.lower()]
    try:
        with Image.open(source) as im:
            if im.format != fmt and not (fmt == "JPEG" and im.format == "MPO"):
                raise SourceError(f"is not a {fmt} image (it is {im.format or 'unknown'})", file=rel)
            im.load()
            frames = getattr(im, "n_frames", 1)
            if frames > 1:
                raise SourceError("is an animated image; publish a still image instead", file=rel)
            clean = pixel_copy(im)
            options = {"quality": 92} if fmt in ("JPEG", "WEBP") else {}
            if fmt == "GIF" and "transparency" in clean.info:
                options["transparency"] = clean.info["transparency"]
            clean.save(target, format=fmt, **options)
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise SourceError(
            f"cannot be read as an image ({type(exc).__name__}); refusing to publish it", file=rel
        ) from None


def check_text_asset(source: Path, rel: str) -> None:
    data = source.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise SourceError("is not UTF-8 text; save it as UTF-8 so the publication gate can read it", file=rel) from None
    if "\0" in text:
        raise SourceError("holds NUL bytes; save it as plain UTF-8 text", file=rel)


def copy_asset(source: Path, target: Path, rel: str) -> None:
    """Copy one ``content/`` asset into the staging folder, cleaned as its kind needs."""
    target.parent.mkdir(parents=True, exist_ok=True)
    suffix = source.suffix.lower()
    if suffix in IMAGE_FORMATS:
        strip_image(source, target, rel)
    elif suffix in TEXT_ASSETS:
        check_text_asset(source, rel)
        shutil.copyfile(source, target)
    elif suffix in COPIED:
        shutil.copyfile(source, target)
    else:
        raise SourceError(f"cannot be published ('{suffix}')", file=rel)
