"""``openness import FILE.docx``: a Word document in, a Markdown source out, with no hidden data.

The package is cleaned at the XML level first (:mod:`.parts`, :mod:`.hidden`), then converted by
mammoth to HTML and written as Markdown (:mod:`.markdown`). Images are re-encoded without their
metadata beside the Word file (:mod:`.images`). The source is checked exactly as a build reads it
before it is written, and an existing file is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import mammoth

from redaction.errors import SourceError
from redaction.policy import load_policy
from redaction.sources import load_minutes, load_review
from redaction.words import counted
from site_builder.importer.container import read_package, write_package
from site_builder.importer.frontmatter import Front, decide
from site_builder.importer.hidden import strip_text
from site_builder.importer.images import ImageWriter
from site_builder.importer.markdown import to_markdown
from site_builder.importer.parts import clean_settings, remove_parts
from site_builder.project import Project, slugify

log = logging.getLogger(__name__)
HEADING = re.compile(r"^#{1,2} (.+)$", re.M)


@dataclass
class ImportResult:
    source: str  # the written source, relative to the project: minutes/... or reviews/...
    front: Front
    dropped: Counter[str] = field(default_factory=Counter)
    images: list[Path] = field(default_factory=list)

    def report(self) -> list[str]:
        """What the import did, by kind and count: never a value."""
        lines = [f"wrote {self.source}"]
        dropped = [f"{kind} ({n})" for kind, n in sorted(self.dropped.items()) if n]
        lines.append("hidden data dropped: " + (", ".join(dropped) if dropped else "none found"))
        if self.images:
            folder = self.images[0].parent
            lines.append(f"{counted(len(self.images), 'image')} saved without metadata in {folder} (not published)")
        if self.front.kind == "review":
            lines.append(
                f"{self.source} is a draft with a 'people: to-complete' stub: list each person (pseudonym, "
                "relation, and a real name that must never appear) or write 'people: anonymised', then set status"
            )
        return lines


def convert(package: bytes, images: ImageWriter) -> tuple[str, str]:
    """(Markdown, plain text) of a cleaned package."""

    def image(img: Any) -> dict[str, str]:
        with img.open() as fh:
            target = images.add(fh.read())
        return {"src": target.name}

    result = mammoth.convert_to_html(
        io.BytesIO(package),
        convert_image=mammoth.images.img_element(image),
        include_embedded_style_map=False,
        external_file_access=False,  # a linked (not embedded) file is never read: offline, no local paths
    )
    for message in result.messages:
        log.info("mammoth: %s", message.message)
    raw = mammoth.extract_raw_text(io.BytesIO(package)).value
    return to_markdown(result.value, images.dropped), raw


def target_name(front: Front) -> str:
    if front.kind == "minutes":
        return f"minutes/{front.meeting}-{front.date.isoformat()}.md"
    return f"reviews/{front.review_type}-{slugify(front.title, 60)}.md"


def check_source(project: Project, rel: str, text: str) -> None:
    """Read the new source exactly as a build will; any problem stops the import."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(rel).name
        path.write_text(text, encoding="utf-8")
        if rel.startswith("minutes/"):
            load_policy(project.root).meeting(load_minutes(path, rel).meeting, rel)
        else:
            load_review(path, rel)


def import_docx(
    project: Project,
    file: Path,
    meeting: str | None = None,
    date: dt.date | None = None,
    title: str | None = None,
    review_type: str | None = None,
) -> ImportResult:
    parts = read_package(file)
    dropped: Counter[str] = Counter()
    remove_parts(parts, dropped)
    clean_settings(parts, dropped)
    strip_text(parts, dropped)
    images = ImageWriter(file.parent / f"{file.stem}-images", file, dropped)
    markdown, raw = convert(write_package(parts), images)
    heading = HEADING.search(markdown)
    first = heading.group(1).replace("\\", "").replace("**", "").strip() if heading else ""
    front = decide(raw, first, load_policy(project.root), meeting, date, title, review_type, str(file))
    rel = target_name(front)
    target = project.root / rel
    if target.exists():
        raise SourceError("already exists: the import never overwrites a source; move it away first", file=rel)
    text = front.yaml() + "\n" + markdown
    check_source(project, rel, text)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(target, "x", encoding="utf-8") as fh:
            fh.write(text)
    except FileExistsError:
        raise SourceError("already exists: the import never overwrites a source", file=rel) from None
    images.write()
    return ImportResult(rel, front, dropped, images.written)
