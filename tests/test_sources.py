"""Issue 2: every bad source gives one line naming the file (and key), a non-zero exit, and leaves the
previous site (and the staging folder) byte for byte as it was. Also the loaders' valid rows."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import tree_hashes, write_source

from redaction.errors import SourceError
from redaction.schema import Date, ValidationError
from redaction.sources import gather, load_minutes, load_review, source_files
from site_builder.cli import main

GOOD_MINUTES = {
    "title": "Children's Board – 10 September 2024",
    "meeting": "childrens-board",
    "date": "2024-09-10",
}
GOOD_REVIEW = {
    "title": "Partnership review: a new case",
    "review_type": "partnership",
    "status": "draft",
    "publish_on": "2024-12-01",
    "people": [{"name": "Odile Marchbanks", "age": 9}],
}


def _minutes(front: dict, body: str = "# Minutes\n\nThe Board met.\n") -> Callable[[Path], None]:
    return lambda root: write_source(root / "minutes/childrens-board-2024-09-10.md", front, body)


def _review(**changes) -> Callable[[Path], None]:
    return lambda root: write_source(root / "reviews/new-review.md", {**GOOD_REVIEW, **changes}, "## Summary\n")


def _raw(rel: str, data: bytes) -> Callable[[Path], None]:
    return lambda root: (root / rel).write_bytes(data)


def _outside_symlink(root: Path) -> None:
    outside = root.parent / "outside.md"
    outside.write_text("---\ntitle: t\nmeeting: childrens-board\ndate: 2024-09-10\n---\n\nOutside.\n", encoding="utf-8")
    os.symlink(outside, root / "minutes/outside.md")


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
DOCX = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml"

BAD_INPUTS = [
    # (id, writer, file named in the error, key named in the error or None)
    (
        "malformed_yaml",
        _raw(
            "minutes/childrens-board-2024-09-10.md",
            b"---\ntitle: \"Children's Board\nmeeting: [childrens-board\ndate: 2024-09-10\n---\n\nBody\n",
        ),
        "minutes/childrens-board-2024-09-10.md",
        None,
    ),
    (
        "missing_meeting",
        _minutes({k: v for k, v in GOOD_MINUTES.items() if k != "meeting"}),
        "minutes/childrens-board-2024-09-10.md",
        "meeting",
    ),
    (
        "unknown_meeting",
        _minutes({**GOOD_MINUTES, "meeting": "parish-council"}),
        "minutes/childrens-board-2024-09-10.md",
        "meeting",
    ),
    (
        "impossible_date",
        _minutes({**GOOD_MINUTES, "date": "2025-02-30"}),
        "minutes/childrens-board-2024-09-10.md",
        "date",
    ),
    (
        "non_utf8",
        _raw(
            "minutes/childrens-board-2024-09-10.md",
            "---\ntitle: Caf\u00e9 meeting\nmeeting: childrens-board\ndate: 2024-09-10\n---\n\nCaf\u00e9\n".encode(
                "latin-1"
            ),
        ),
        "minutes/childrens-board-2024-09-10.md",
        None,
    ),
    (
        "docx_in_minutes",
        _raw("minutes/board-minutes-september.docx", DOCX),
        "minutes/board-minutes-september.docx",
        None,
    ),
    ("png_in_minutes", _raw("minutes/whiteboard.png", PNG), "minutes/whiteboard.png", None),
    ("symlink_outside_project", _outside_symlink, "minutes/outside.md", None),
    (
        "review_person_without_name",
        _review(people=[{"age": 80, "relation": "subject"}]),
        "reviews/new-review.md",
        "people[1].name",
    ),
    (
        "misspelt_minutes_status",
        _minutes({**GOOD_MINUTES, "stauts": "draft"}),
        "minutes/childrens-board-2024-09-10.md",
        "stauts",
    ),
    (
        "approved_minutes_after_build_date",
        _minutes({**GOOD_MINUTES, "date": "2099-09-10"}),
        "minutes/childrens-board-2024-09-10.md",
        "date",
    ),
    (
        "misspelt_review_key",
        _review(publish_onn="2024-12-01"),
        "reviews/new-review.md",
        "publish_onn",
    ),
    (
        "unknown_review_type",
        _review(review_type="serious-case-review"),
        "reviews/new-review.md",
        "review_type",
    ),
]


@pytest.mark.parametrize(("case", "write_bad", "rel", "key"), BAD_INPUTS, ids=[row[0] for row in BAD_INPUTS])
def test_when_bad_source_then_one_line_error_non_zero_exit_and_previous_site_untouched(
    partnership_copy, capsys, case, write_bad, rel, key
):
    site, staging = partnership_copy / "site", partnership_copy / ".openness" / "docs"
    site_before, staging_before = tree_hashes(site), tree_hashes(staging)
    assert site_before, "the copied project has a built site"
    write_bad(partnership_copy)
    capsys.readouterr()

    code = main(["--project", str(partnership_copy), "build"])

    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert code != 0
    assert len(lines) == 1, f"expected exactly one line on stderr, got: {err!r}"
    assert rel in lines[0]
    if key is not None:
        assert f"'{key}'" in lines[0]
    assert tree_hashes(site) == site_before
    assert tree_hashes(staging) == staging_before
    assert not list(partnership_copy.glob(".site-*")), "no temporary site folder is left behind"


# --- loaders: valid and invalid rows ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-11", dt.date(2024, 3, 11)),
        ("2024-02-29", dt.date(2024, 2, 29)),
        (dt.date(2024, 3, 11), dt.date(2024, 3, 11)),
        ("2025-02-30", ValidationError),
        ("2025-02-29", ValidationError),
        ("2024-13-01", ValidationError),
        ("11/03/2024", ValidationError),
        ("11 March 2024", ValidationError),
        ("2024-3-11", ValidationError),
        (20240311, ValidationError),
    ],
    ids=str,
)
def test_when_date_value_then_parsed_or_refused(value, expected):
    if expected is ValidationError:
        with pytest.raises(ValidationError):
            Date().validate(value)
    else:
        assert Date().validate(value) == expected


@pytest.mark.parametrize(
    ("front", "key"),
    [
        (GOOD_MINUTES, None),
        ({**GOOD_MINUTES, "status": "draft"}, None),
        ({**GOOD_MINUTES, "status": "approved"}, None),
        ({**GOOD_MINUTES, "extra_key": "kept"}, "extra_key"),
        ({**GOOD_MINUTES, "status": "final"}, "status"),
        ({k: v for k, v in GOOD_MINUTES.items() if k != "title"}, "title"),
        ({k: v for k, v in GOOD_MINUTES.items() if k != "date"}, "date"),
        ({**GOOD_MINUTES, "title": ""}, "title"),
        ({**GOOD_MINUTES, "date": "2025-02-30"}, "date"),
    ],
    ids=[
        "valid",
        "valid_draft",
        "valid_approved",
        "unknown_key",
        "unknown_status",
        "missing_title",
        "missing_date",
        "empty_title",
        "impossible_date",
    ],
)
def test_when_minutes_front_matter_then_loaded_or_error_names_file_and_key(tmp_path, front, key):
    path = write_source(tmp_path / "minutes/x.md", front, "Body\n")
    if key is None:
        m = load_minutes(path, "minutes/x.md")
        assert (m.title, m.meeting, m.date, m.status) == (
            GOOD_MINUTES["title"],
            "childrens-board",
            dt.date(2024, 9, 10),
            front.get("status", "approved"),
        )
        return
    with pytest.raises(SourceError) as exc:
        load_minutes(path, "minutes/x.md")
    assert exc.value.file == "minutes/x.md"
    assert exc.value.key == key
    assert "\n" not in exc.value.one_line()


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({}, None),
        ({"people": [{"name": "Odile Marchbanks", "aliases": "Odie"}]}, None),
        ({"review_type": "lcspr"}, None),
        ({"review_type": "scr"}, "review_type"),
        ({"status": "published"}, "status"),
        ({"publish_on": "2024-02-30"}, "publish_on"),
        ({"people": [{"name": "Odile Marchbanks"}, {"age": 4}]}, "people[2].name"),
        ({"people": [{"name": "Odile Marchbanks", "age": 200}]}, "people[1].age"),
        ({"people": [{"name": "Odile Marchbanks", "age": "nine"}]}, "people[1].age"),
        ({"people": "Odile Marchbanks"}, "people"),
        ({"places": [""]}, "places"),
        ({"publish_date": "2024-12-01"}, "publish_date"),
    ],
    ids=[
        "valid",
        "valid_alias_string",
        "valid_lcspr",
        "unknown_type",
        "unknown_status",
        "impossible_publish_on",
        "second_person_no_name",
        "age_out_of_range",
        "age_not_number",
        "people_not_list",
        "empty_place",
        "unknown_key",
    ],
)
def test_when_review_front_matter_then_loaded_or_error_names_file_and_key(tmp_path, changes, key):
    path = write_source(tmp_path / "reviews/r.md", {**GOOD_REVIEW, **changes}, "## Summary\n")
    if key is None:
        r = load_review(path, "reviews/r.md")
        assert r.people[0].name == "Odile Marchbanks"
        return
    with pytest.raises(SourceError) as exc:
        load_review(path, "reviews/r.md")
    assert (exc.value.file, exc.value.key) == ("reviews/r.md", key)


@pytest.mark.parametrize(
    ("name", "data", "ok"),
    [
        ("README.md", b"# About this folder\n", True),
        (".gitkeep", b"", True),
        ("notes.txt", b"notes", False),
        ("minutes.MD", b"---\ntitle: t\nmeeting: childrens-board\ndate: 2024-01-01\n---\n", True),
        ("scan.pdf", b"%PDF-1.4", False),
        ("photo.jpg", b"\xff\xd8\xff", False),
    ],
    ids=[
        "readme_ignored",
        "gitkeep_ignored",
        "txt_refused",
        "upper_case_md_accepted",
        "pdf_refused",
        "jpg_refused",
    ],
)
def test_when_file_in_source_folder_then_accepted_ignored_or_refused(tmp_path, name, data, ok):
    (tmp_path / "minutes").mkdir()
    (tmp_path / "minutes" / name).write_bytes(data)
    if ok:
        source_files(tmp_path, "minutes")
    else:
        with pytest.raises(SourceError, match=re.escape(f"minutes/{name}")):
            source_files(tmp_path, "minutes")


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("---\ntitle: t\nmeeting: m\ndate: 2024-01-01\n---\nBody", True),
        ("\ufeff---\ntitle: t\nmeeting: m\ndate: 2024-01-01\n---\r\nBody", True),
        ("---\r\ntitle: t\r\nmeeting: m\r\ndate: 2024-01-01\r\n---\r\nBody", True),
        ("title: t\nBody", False),
        ("---\n- a list\n---\nBody", False),
    ],
    ids=["plain", "bom", "crlf", "no_front_matter", "front_matter_not_mapping"],
)
def test_when_front_matter_shape_then_read_or_refused(tmp_path, text, ok):
    path = tmp_path / "minutes" / "m.md"
    path.parent.mkdir()
    path.write_bytes(text.encode("utf-8"))
    if ok:
        assert load_minutes(path, "minutes/m.md").body.strip() == "Body"
    else:
        with pytest.raises(SourceError, match=re.escape("minutes/m.md")):
            load_minutes(path, "minutes/m.md")


def test_when_symlink_inside_project_then_error_naming_it(tmp_path):
    # Issue 9: even a link to a file inside the project is refused; it could pull in anything.
    (tmp_path / "minutes").mkdir()
    (tmp_path / "shared").mkdir()
    target = write_source(tmp_path / "shared/m.md", GOOD_MINUTES, "Body\n")
    os.symlink(target, tmp_path / "minutes/m.md")
    with pytest.raises(SourceError, match="symbolic link") as exc:
        gather(tmp_path)
    assert exc.value.file == "minutes/m.md"


@pytest.mark.parametrize(
    ("typo", "suggested"),
    [("stauts", "status"), ("Date", "date"), ("meetng", "meeting"), ("titel", "title")],
)
def test_when_minutes_key_misspelt_then_error_suggests_closest_known_key(tmp_path, typo, suggested):
    front = {**GOOD_MINUTES, "status": "draft"}
    front[typo] = front.pop(suggested)
    path = write_source(tmp_path / "minutes/x.md", front, "Body\n")
    with pytest.raises(SourceError) as exc:
        load_minutes(path, "minutes/x.md")
    assert exc.value.key == typo
    assert f"did you mean '{suggested}'?" in exc.value.one_line()


def test_when_review_key_unlike_any_known_then_error_lists_known_keys_without_suggestion(tmp_path):
    path = write_source(tmp_path / "reviews/r.md", {**GOOD_REVIEW, "zzzz": 1}, "## Summary\n")
    with pytest.raises(SourceError) as exc:
        load_review(path, "reviews/r.md")
    assert exc.value.key == "zzzz"
    assert "did you mean" not in exc.value.one_line() and "publish_on" in exc.value.one_line()
