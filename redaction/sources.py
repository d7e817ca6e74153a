"""Read and validate the Markdown sources: ``minutes/*.md`` and ``reviews/*.md``.

Everything is gathered and validated before anything is written (as pelican does), so one bad
file stops the build before the staging folder or the site is touched.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from redaction.errors import SourceError
from redaction.memo import Memo, digest
from redaction.schema import (
    Choice,
    Date,
    Integer,
    Mapping_,
    Option,
    Text,
    TextList,
    ValidationError,
    load_yaml,
    validate,
)
from redaction.schema_people import ANONYMISED, TO_COMPLETE, People
from redaction.vocabulary import review_types
from redaction.words import counted

log = logging.getLogger(__name__)

REVIEW_TYPES = tuple(review_types())
REVIEW_STATUSES = ("draft", "approved", "withheld")
#: The longest source read: spaCy analyses at most 1,000,000 characters at once, and a source's
#: title and summary are analysed with its body. Longer files are refused, never cut.
MAX_SOURCE_CHARS = 900_000
#: Files a partnership may keep in the source folders that are not sources.
IGNORED_NAMES = {".gitkeep", "README.md"}

MINUTES_STATUSES = ("draft", "approved")
MINUTES_SCHEMA: dict[str, Option] = {
    "title": Text(),
    "meeting": Text(),
    "date": Date(),
    "status": Choice(MINUTES_STATUSES, required=False, default="approved"),
}
PERSON_SCHEMA: dict[str, Option] = {
    "name": Text(required=False),  # optional when a pseudonym is given (a review that arrives anonymised)
    "aliases": TextList(required=False, default=[]),
    "pseudonym": Text(required=False),
    "age": Integer(minimum=0, maximum=130, required=False),
    "relation": Text(required=False, default="subject"),
}
REVIEW_SCHEMA: dict[str, Option] = {
    "title": Text(),
    "review_type": Choice(REVIEW_TYPES),
    "status": Choice(REVIEW_STATUSES),
    "publish_on": Date(),
    "people": People(Mapping_(PERSON_SCHEMA)),
    "labels": TextList(required=False, default=[]),
    "places": TextList(required=False, default=[]),
    "national_panel_notified": Date(required=False),
    "withheld_reason": Text(required=False),
    "themes": TextList(required=False, default=[]),
    "summary": Text(required=False),
    "easy_read": Text(required=False),
    "checklist": Option(required=False, default={}),
}


@dataclass(frozen=True)
class Person:
    name: str | None = None  # None: a pseudonym only (the review arrived anonymised)
    aliases: tuple[str, ...] = ()
    pseudonym: str | None = None
    age: int | None = None
    relation: str = "subject"


@dataclass
class Source:
    path: Path
    rel: str
    title: str
    body: str
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Minutes(Source):
    meeting: str = ""
    date: dt.date = dt.date.min
    status: str = "approved"  # a draft is never published, whatever its meeting type


@dataclass
class Review(Source):
    review_type: str = ""
    status: str = ""
    publish_on: dt.date = dt.date.min
    people: list[Person] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)  # letter labels the text already uses (AA, BB)
    anonymised: bool = False  # ``people: anonymised``: the text holds no real names
    people_to_complete: bool = False  # ``people: to-complete``: the import's stub (drafts only)
    national_panel_notified: dt.date | None = None
    withheld_reason: str | None = None
    themes: list[str] = field(default_factory=list)
    summary: str | None = None
    easy_read: str | None = None
    easy_read_text: str = ""  # the Easy Read version's Markdown body (raw: redacted like the review)
    checklist: dict[str, Any] = field(default_factory=dict)


FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?$\n?", re.S | re.M)


def split_front_matter(text: str, rel: str, memo: Memo | None = None) -> tuple[dict[str, Any], str]:
    """Return (front matter mapping, body). Errors name the file and the YAML line. With ``memo``,
    YAML parsed before (the same text) is not parsed again; it is validated again all the same."""
    m = FRONT.match(text)
    if not m:
        raise SourceError("has no YAML front matter (the file must start with a line '---')", file=rel)
    key = digest("front matter", yaml.__version__, m.group(1)) if memo is not None else ""
    known = memo.get(key) if memo is not None else None
    if isinstance(known, dict):
        return copy.deepcopy(known), text[m.end() :]
    try:
        data = load_yaml(m.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        problem = getattr(exc, "problem", None) or "malformed YAML"
        raise SourceError(f"malformed YAML front matter: {problem}", file=rel, line=line) from None
    if not isinstance(data, dict):
        raise SourceError("front matter must be a mapping of keys to values", file=rel)
    if memo is not None and _same_in_json(data):
        memo.put(key, data)
    return data, text[m.end() :]


def _same_in_json(data: dict[str, Any]) -> bool:
    """Whether ``data`` comes back from JSON unchanged (no number keys, sets or bytes)."""
    try:
        return bool(json.loads(json.dumps(data)) == data)
    except (TypeError, ValueError):
        return False


def read_text(path: Path, rel: str) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot be read: {exc.strerror}", file=rel) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); save it as UTF-8", file=rel
        ) from None
    if len(text) > MAX_SOURCE_CHARS:
        raise SourceError(
            f"is too long to redact safely ({len(text):,} characters; the most is {MAX_SOURCE_CHARS:,}): "
            "split it into several files",
            file=rel,
        )
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def _validated(schema: dict[str, Option], data: dict[str, Any], rel: str) -> dict[str, Any]:
    """Front matter checked against ``schema``: an unknown key is an error (a mistyped ``status:``
    must not let a draft through), with the closest known key suggested."""
    try:
        return validate(schema, data, allow_unknown=False)
    except ValidationError as exc:
        raise SourceError(str(exc), file=rel, key=exc.key) from None


def load_minutes(path: Path, rel: str, memo: Memo | None = None) -> Minutes:
    data, body = split_front_matter(read_text(path, rel), rel, memo)
    v = _validated(MINUTES_SCHEMA, data, rel)
    extra = {k: val for k, val in v.items() if k not in MINUTES_SCHEMA}
    return Minutes(path, rel, v["title"], body, extra, meeting=v["meeting"], date=v["date"], status=v["status"])


def load_review(path: Path, rel: str, memo: Memo | None = None) -> Review:
    data, body = split_front_matter(read_text(path, rel), rel, memo)
    v = _validated(REVIEW_SCHEMA, data, rel)
    if v["people"] == TO_COMPLETE and v["status"] != "draft":
        raise SourceError(
            f"'{TO_COMPLETE}' is the import's stub: list each person (pseudonym, relation) or write "
            f"'people: {ANONYMISED}' before the review can be {v['status']}",
            file=rel,
            key="people",
        )
    anonymised = v["people"] == ANONYMISED
    people = [
        Person(p["name"], tuple(p["aliases"]), p["pseudonym"], p["age"], p["relation"])
        for p in (v["people"] if isinstance(v["people"], list) else [])
    ]
    if not isinstance(v["checklist"], dict):
        raise SourceError("must be a mapping of checklist item to true/false", file=rel, key="checklist")
    extra = {k: val for k, val in v.items() if k not in REVIEW_SCHEMA}
    return Review(
        path,
        rel,
        v["title"],
        body,
        extra,
        review_type=v["review_type"],
        status=v["status"],
        publish_on=v["publish_on"],
        people=people,
        places=v["places"],
        labels=v["labels"],
        anonymised=anonymised,
        people_to_complete=v["people"] == TO_COMPLETE,
        national_panel_notified=v["national_panel_notified"],
        withheld_reason=v["withheld_reason"],
        themes=v["themes"],
        summary=v["summary"],
        easy_read=v["easy_read"],
        checklist=v["checklist"],
    )


def refuse_links(project: Path, folder: str) -> None:
    """Any symbolic link in ``project/folder`` (the folder itself included) is an error naming it:
    a link can pull in a file that was never meant to be published, such as unpublished minutes."""
    root = project / folder
    if root.is_symlink():
        raise SourceError("is a symbolic link; openness reads only real files and folders", file=folder)
    if not root.is_dir():
        return
    for dirpath, dirs, files in os.walk(root):
        for name in sorted([*dirs, *files]):
            path = Path(dirpath) / name
            if path.is_symlink():
                rel = path.relative_to(project).as_posix()
                raise SourceError(
                    "is a symbolic link; openness reads only real files and folders: copy the file in instead",
                    file=rel,
                )


def source_files(project: Path, folder: str) -> list[tuple[Path, str]]:
    """Every file under ``project/folder``; anything that is not a Markdown source is an error."""
    refuse_links(project, folder)
    root = project / folder
    if not root.is_dir():
        return []
    out = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(project).as_posix()
        if path.name in IGNORED_NAMES or path.is_dir():
            continue
        if path.suffix.lower() != ".md":
            raise SourceError(
                f"is not a Markdown source ('{path.suffix or path.name}'): only .md files may be "
                f"placed in {folder}/; convert it to Markdown or move it out",
                file=rel,
            )
        out.append((path, rel))
    return out


EASY_READ_SUFFIX = ".easy-read.md"


def attach_easy_read(reviews: list[Review], files: list[tuple[Path, str]]) -> None:
    """Give each review the Easy Read file its ``easy_read:`` names (``*.easy-read.md`` in reviews/).

    An Easy Read file is not a review: it has no front matter of its own (or only a title) and is
    published, redacted, beside its review. A missing file, or one no review names, is an error."""
    by_name = {rel.removeprefix("reviews/"): (path, rel) for path, rel in files}
    claimed: set[str] = set()
    for review in reviews:
        if not review.easy_read:
            continue
        name = review.easy_read.removeprefix("reviews/")
        if not name.endswith(EASY_READ_SUFFIX) or name not in by_name:
            raise SourceError(
                f"names '{review.easy_read}', which is not a *{EASY_READ_SUFFIX} file in reviews/",
                file=review.rel,
                key="easy_read",
            )
        path, rel = by_name[name]
        text = read_text(path, rel)
        if FRONT.match(text):
            _, text = split_front_matter(text, rel)
        review.easy_read_text = text
        claimed.add(name)
    for name, (_, rel) in sorted(by_name.items()):
        if name not in claimed:
            raise SourceError("is an Easy Read file that no review names in its easy_read: key", file=rel)


def gather(project: Path, memo: Memo | None = None) -> tuple[list[Minutes], list[Review]]:
    """Read and validate every source. The first problem stops everything. ``memo``: front
    matter parsed by an earlier command (by its text)."""
    minutes = [load_minutes(p, rel, memo) for p, rel in source_files(project, "minutes")]
    review_files = source_files(project, "reviews")
    easy = [(p, rel) for p, rel in review_files if rel.endswith(EASY_READ_SUFFIX)]
    reviews = [load_review(p, rel, memo) for p, rel in review_files if not rel.endswith(EASY_READ_SUFFIX)]
    attach_easy_read(reviews, easy)
    log.info("gathered %s and %s", counted(len(minutes), "minutes file"), counted(len(reviews), "review"))
    return minutes, reviews
