"""Issue 12 (item 1): ``openness import FILE.docx``. The tests build their own Word files holding
each kind of hidden data (tests/docx_factory.py), import them, and check that none of it reaches
the written source, the extracted images or a built site, and that the report names each kind."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx_factory import (
    HIDDEN,
    INSERTED,
    REAL_NAMES,
    every_kind_of_hidden_data,
    meeting_header,
    real_style_minutes,
    save,
)
from helpers import new_project, site_texts
from PIL import Image

from site_builder.cli import main

KINDS = [
    "comments",
    "comment anchors",
    "tracked deletions",
    "tracked insertions (accepted)",
    "hidden text",
    "document properties",
    "headers",
    "footers",
    "image metadata",
    "blacked-out text",
    "links to local files",
]


def run(capsys, project: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--project", str(project), "import", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def project(tmp_path) -> Path:
    return new_project(tmp_path / "project")


def test_when_docx_holds_every_kind_of_hidden_data_then_none_reaches_the_source_and_each_kind_is_reported(
    project, tmp_path, capsys
):
    doc = every_kind_of_hidden_data(tmp_path / "board.docx")
    code, out, err = run(capsys, project, str(doc))
    assert code == 0, err
    source = (project / "minutes" / "childrens-board-2024-03-11.md").read_text(encoding="utf-8")
    for kind, value in HIDDEN.items():
        assert value.lower() not in source.lower(), kind
        assert value.lower() not in out.lower(), f"the report repeats a {kind} value"
    assert INSERTED in source  # an insertion is accepted as it stands
    assert "██████" in source and "[REDACTED]" in source  # redaction blocks stay redacted
    for kind in KINDS:
        assert kind in out, (kind, out)
    images = list((tmp_path / "board-images").iterdir())
    assert len(images) == 1
    data = images[0].read_bytes()
    assert b"Zorb" not in data
    with Image.open(io.BytesIO(data)) as im:
        assert not im.getexif() and "exif" not in im.info


def test_when_imported_minutes_are_built_then_no_hidden_data_reaches_the_site(project, tmp_path, capsys):
    run(capsys, project, str(every_kind_of_hidden_data(tmp_path / "board.docx")))
    code, _, err = run(capsys, project, str(real_style_minutes(tmp_path / "april.docx")))
    assert code == 0, err
    site = tmp_path / "site"
    assert main(["--project", str(project), "build", "--site-dir", str(site), "--as-of", "2025-01-15"]) == 0
    texts = site_texts(site)
    everything = "\n".join(texts.values()).lower() + "\n".join(texts).lower()
    for kind, value in HIDDEN.items():
        assert value.lower() not in everything, kind
    for word in REAL_NAMES:  # the attendee table's names are redacted like any others
        assert not re.search(rf"\b{word.lower()}\b", everything), word
    page = next(t for p, t in texts.items() if p.startswith("minutes/childrens-board/2024-04-09/"))
    assert "<table>" in page and "<li>Filming on wards" in page and "<th" in page
    assert "in June." in page and "Actions/Decisions" in page
    assert 'href="https://www.gov.uk/government/publications/working-together' in page


def test_when_real_style_minutes_are_imported_then_tables_lists_and_links_survive(project, tmp_path, capsys):
    code, _, _ = run(capsys, project, str(real_style_minutes(tmp_path / "april.docx")))
    assert code == 0
    source = (project / "minutes" / "childrens-board-2024-04-09.md").read_text(encoding="utf-8")
    assert "| Role | Organisation | Name |" in source
    assert "<ul><li>Filming on wards: national guidance was circulated.</li>" in source
    assert "[Working Together to Safeguard Children](https://www.gov.uk/" in source
    assert "title: Children's Board – 9 April 2024" in source


def plain(
    tmp_path: Path,
    name: str = "plain.docx",
    meeting: str | None = "Children's Board",
    when: str | None = "Monday 11 March 2024",
) -> Path:
    d = docx.Document()
    if meeting and when:
        meeting_header(d, meeting, when)
    elif when:
        d.add_paragraph(f"Meeting Date & Time: {when}")
    d.add_paragraph("The Board met.")
    return save(d, tmp_path / name, custom=None)


@pytest.mark.parametrize(
    ("make", "args", "message"),
    [
        (lambda p: p / "old.doc", [], "Word 97-2003 .doc"),
        (lambda p: p / "locked.docx", [], "password-protected"),
        (lambda p: p / "macros.docm", [], "macro-enabled"),
        (lambda p: p / "vba.docx", [], "holds macros"),
        (lambda p: p / "notes.txt", [], "only .docx files"),
        (lambda p: p / "broken.docx", [], "not a readable .docx"),
        (lambda p: plain(p, meeting=None), [], "missing --meeting"),
        (lambda p: plain(p, meeting=None, when=None), ["--meeting", "childrens-board"], "missing --date"),
        (lambda p: plain(p), ["--meeting", "exec"], "'exec' is not a meeting type"),
        (
            lambda p: plain(p, meeting=None, when=None),
            ["--review-type", "sar", "--date", "2025-01-01"],
            "missing --title",
        ),
    ],
    ids=[
        "doc",
        "encrypted",
        "docm",
        "vba_inside",
        "not_word",
        "damaged",
        "no_meeting",
        "no_date",
        "bad_meeting",
        "review_no_title",
    ],
)
def test_when_file_cannot_be_imported_then_one_line_error_and_nothing_written(
    project, tmp_path, capsys, make, args, message
):
    path = make(tmp_path)
    if not path.exists():
        if path.name == "locked.docx":
            path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
        elif path.name == "vba.docx":
            data = plain(tmp_path, "base.docx").read_bytes()
            buf = io.BytesIO()
            with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as out:
                for item in src.infolist():
                    out.writestr(item, src.read(item))
                out.writestr("word/vbaProject.bin", b"\0" * 32)
            path.write_bytes(buf.getvalue())
        elif path.name == "macros.docm":
            path.write_bytes(plain(tmp_path, "base.docx").read_bytes())
        else:
            path.write_bytes(b"not a word file at all")
    code, out, err = run(capsys, project, str(path), *args)
    assert code != 0
    assert message in err, err
    assert err.count("\n") == 1 and str(path.name) in err
    assert "Traceback" not in err
    assert not list((project / "minutes").iterdir()) and not list((project / "reviews").iterdir())


def test_when_source_already_exists_then_import_refuses_and_names_it(project, tmp_path, capsys):
    existing = project / "minutes" / "childrens-board-2024-03-11.md"
    existing.write_text("---\ntitle: x\nmeeting: childrens-board\ndate: 2024-03-11\n---\nOriginal\n", encoding="utf-8")
    code, _, err = run(capsys, project, str(plain(tmp_path)))
    assert code != 0
    assert "minutes/childrens-board-2024-03-11.md" in err and "already exists" in err
    assert existing.read_text(encoding="utf-8").endswith("Original\n")


def test_when_review_is_imported_then_it_is_a_draft_with_a_people_stub_and_the_import_says_so(
    project, tmp_path, capsys
):
    d = docx.Document()
    d.add_heading("Safeguarding Adult Review: Adult AA", 1)
    d.add_paragraph("AA lived alone and was known to services.")
    doc = save(d, tmp_path / "sar.docx")
    code, out, err = run(capsys, project, str(doc), "--date", "2025-06-01")
    assert code == 0, err
    source = (project / "reviews" / "sar-safeguarding-adult-review-adult-aa.md").read_text(encoding="utf-8")
    assert "review_type: sar" in source and "status: draft" in source and "people: to-complete" in source
    assert "people:" in out and "to-complete" in out
    assert main(["--project", str(project), "status"]) == 0
    assert "replace the import's 'to-complete' stub" in capsys.readouterr().out
    # The stub cannot be approved until the officer completes it.
    (project / "reviews" / "sar-safeguarding-adult-review-adult-aa.md").write_text(
        source.replace("status: draft", "status: approved"), encoding="utf-8"
    )
    assert main(["--project", str(project), "build", "--site-dir", str(tmp_path / "site")]) != 0
    assert "key 'people'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Meeting Date & Time: Monday 11 March 2024 13.00-15.00", "2024-03-11"),
        ("Date: 3rd of June 2025", "2025-06-03"),
        ("Meeting date: 09/04/2024", "2024-04-09"),
        ("Date of meeting: Tuesday, April 9, 2024", "2024-04-09"),
        ("Meeting Date:\n\n2024-10-08 (via Teams)", "2024-10-08"),
        ("Date: 31 February 2024", None),
    ],
)
def test_when_document_states_the_meeting_date_then_it_is_read(text, expected):
    from site_builder.importer.frontmatter import MEETING_DATE, parse_date

    m = MEETING_DATE.search(text)
    got = parse_date(m.group(1)) if m else None
    assert (got.isoformat() if got else None) == expected


def test_when_docx_has_footnotes_and_formatting_then_markdown_keeps_them(project, tmp_path, capsys):
    from docx_factory import add_footnotes, footnote_reference

    d = docx.Document()
    meeting_header(d)
    d.add_heading("Learning", 2)
    p = d.add_paragraph("The review found ")
    p.add_run("three").bold = True
    p.add_run(" themes, one ")
    p.add_run("urgent").italic = True
    p.add_run(".")
    footnote_reference(p)
    d.add_paragraph("Second level", style="List Number")
    buf = io.BytesIO()
    d.save(buf)
    doc = tmp_path / "notes.docx"
    doc.write_bytes(add_footnotes(buf.getvalue(), {1: "Working Together 2023, chapter 4."}))
    code, out, err = run(capsys, project, str(doc))
    assert code == 0, err
    source = (project / "minutes" / "childrens-board-2024-03-11.md").read_text(encoding="utf-8")
    assert "## Learning" in source
    assert "The review found **three** themes, one *urgent*.[^1]" in source
    assert "[^1]: Working Together 2023, chapter 4." in source
    assert "1. Second level" in source
    assert HIDDEN["deleted"] not in source and "tracked deletions" in out


def test_when_text_is_hidden_through_a_style_then_it_is_dropped(project, tmp_path, capsys):
    from docx.enum.style import WD_STYLE_TYPE

    d = docx.Document()
    meeting_header(d)
    secret = d.styles.add_style("Secret", WD_STYLE_TYPE.CHARACTER)
    secret.font.hidden = True
    note = d.styles.add_style("Secret Note", WD_STYLE_TYPE.PARAGRAPH)
    note.font.hidden = True
    p = d.add_paragraph("Shown. ")
    p.add_run("zorbstylehiddenrun", style="Secret")
    d.add_paragraph("zorbstylehiddenparagraph", style="Secret Note")
    code, out, err = run(capsys, project, str(save(d, tmp_path / "styled.docx", custom=None)))
    assert code == 0, err
    source = (project / "minutes" / "childrens-board-2024-03-11.md").read_text(encoding="utf-8")
    assert "Shown." in source and "zorbstyle" not in source
    assert "hidden text (2)" in out
