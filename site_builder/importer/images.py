"""Images embedded in a ``.docx``: re-encoded from their pixels alone, so no metadata travels
(EXIF with camera, GPS position and dates; XMP; ICC profiles; PNG text chunks; JPEG comments).

They are written beside the imported Word file (``NAME-images/``), not into ``minutes/`` or
``reviews/``: the build reads only Markdown there, and an image must be checked by a person before
it is published. A format Pillow cannot read (EMF, WMF, SVG...) is refused.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from redaction.errors import SourceError
from site_builder.assets_clean import pixel_copy

METADATA_KEYS = ("exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "iptc", "adobe")
FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "BMP": "png", "TIFF": "png", "WEBP": "png"}


def had_metadata(im: Image.Image) -> bool:
    text = getattr(im, "text", None) or {}
    return bool(set(im.info) & set(METADATA_KEYS) or text or len(im.getexif()))


def pixels_only(data: bytes) -> tuple[bytes, str, bool]:
    """(image bytes without metadata, file extension, whether the original held metadata)."""
    try:
        with Image.open(io.BytesIO(data)) as im:
            im.load()
            fmt = im.format or ""
            if fmt not in FORMATS:
                raise SourceError(f"holds an image in a format that cannot be checked ({fmt or 'unknown'})")
            meta = had_metadata(im)
            clean = pixel_copy(im)
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise SourceError(f"holds an image that cannot be read ({type(exc).__name__})") from None
    ext = FORMATS[fmt]
    if ext == "jpg" and clean.mode not in ("RGB", "L", "CMYK"):
        clean = clean.convert("RGB")
    out = io.BytesIO()
    save_as = {"png": "PNG", "jpg": "JPEG", "gif": "GIF"}[ext]
    kwargs = {"transparency": clean.info["transparency"]} if "transparency" in clean.info and ext != "jpg" else {}
    clean.save(out, save_as, **kwargs)  # no exif=, icc_profile=, pnginfo=: nothing but pixels
    return out.getvalue(), ext, meta


@dataclass
class ImageWriter:
    """Writes each image of one import into ``folder`` (created on the first image)."""

    folder: Path
    source: Path
    dropped: Counter[str]
    written: list[Path] = field(default_factory=list)

    def add(self, data: bytes) -> Path:
        try:
            clean, ext, meta = pixels_only(data)
        except SourceError as exc:
            raise SourceError(exc.message + ": remove it or save it as PNG or JPEG in Word", file=self.source) from None
        if meta:
            self.dropped["image metadata"] += 1
        target = self.folder / f"image-{len(self.written) + 1}.{ext}"
        if target.exists():
            raise SourceError("already exists: move it away, or import into a new folder", file=target)
        self.written.append(target)
        self.pending[target] = clean
        return target

    def __post_init__(self) -> None:
        self.pending: dict[Path, bytes] = {}

    def write(self) -> None:
        """Write the images (after the source itself has been written)."""
        if not self.pending:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for target, data in self.pending.items():
            with open(target, "xb") as fh:
                fh.write(data)
