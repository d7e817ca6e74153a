"""Open a Word file for import, or refuse it with one line.

Refused: a Word 97-2003 ``.doc``; a password-protected file (Word encrypts a ``.docx`` into an
OLE compound file, whose signature is ``D0 CF 11 E0 A1 B1 1A E1``); a macro-enabled ``.docm`` (or a
``.docx`` that holds ``vbaProject.bin`` or declares a macro-enabled content type); anything that
is not a readable ``.docx`` package.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from redaction.errors import SourceError

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_BYTES = 200 * 1024 * 1024  # a package this large is not minutes or a review
MAX_PART_BYTES = 100 * 1024 * 1024


def read_package(path: Path) -> dict[str, bytes]:
    """Every part of the ``.docx`` at ``path``, by name. Raises :class:`SourceError` to refuse it."""
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise SourceError("is a Word 97-2003 .doc file: open it in Word, save it as .docx and import that", file=path)
    if suffix in (".docm", ".dotm"):
        raise SourceError("is a macro-enabled Word file (.docm): save it as a plain .docx and import that", file=path)
    if suffix != ".docx":
        raise SourceError(
            f"is not a Word .docx file ('{suffix or path.name}'): only .docx files can be imported", file=path
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot be read: {exc.strerror}", file=path) from None
    if raw.startswith(OLE_SIGNATURE):
        raise SourceError(
            "is password-protected (encrypted): remove the password in Word (File > Info > Protect Document) "
            "and import again",
            file=path,
        )
    if len(raw) > MAX_BYTES:
        raise SourceError("is too large to be minutes or a review (over 200 MB)", file=path)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            infos = z.infolist()
            if sum(i.file_size for i in infos) > MAX_BYTES or any(i.file_size > MAX_PART_BYTES for i in infos):
                raise SourceError("unpacks to more than 200 MB: not a plain Word document", file=path)
            parts = {i.filename: z.read(i) for i in infos if not i.is_dir()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, RuntimeError, ValueError):
        raise SourceError("is not a readable .docx file (it is damaged, or not a Word document)", file=path) from None
    if "word/document.xml" not in parts or "[Content_Types].xml" not in parts:
        raise SourceError("is not a Word document (no word/document.xml inside)", file=path)
    types = parts["[Content_Types].xml"].decode("utf-8", "replace").lower()
    if any(name.lower().endswith("vbaproject.bin") for name in parts) or "macroenabled" in types:
        raise SourceError(
            "holds macros (a macro-enabled document): save it as a plain .docx and import that", file=path
        )
    return parts


def write_package(parts: dict[str, bytes]) -> bytes:
    """The parts as a new ``.docx`` package, in memory."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in ["[Content_Types].xml", *sorted(n for n in parts if n != "[Content_Types].xml")]:
            z.writestr(name, parts[name])
    return out.getvalue()
