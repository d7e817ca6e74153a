"""content/: only Markdown and web assets are published; comments never are; bad files fail closed;
a blocked build leaves the staging folder and manifest as they were."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import AS_OF, site_texts, tree_hashes

from site_builder.cli import main


def build(project: Path) -> int:
    return main(["--project", str(project), "build", "--as-of", AS_OF.isoformat()])


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("downloads/review-draft.pdf", b"%PDF-1.4 Jane Doe DOB 03/04/2011"),
        ("team/notes.docx", b"PK\x03\x04 word"),
        ("data/figures.csv", b"name,phone\nJane,07700 900123\n"),
    ],
)
def test_when_content_holds_an_unreadable_kind_then_build_fails_naming_it(
    partnership_copy: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes
) -> None:
    before = tree_hashes(partnership_copy / "site")
    target = partnership_copy / "content" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    assert build(partnership_copy) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"content/{name}" in err[0]
    assert tree_hashes(partnership_copy / "site") == before


def test_when_content_page_has_a_comment_then_it_never_reaches_the_site(partnership_copy: Path) -> None:
    about = partnership_copy / "content" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n<!-- draft: zebrafinchcomment -->\n", encoding="utf-8")
    assert build(partnership_copy) == 0
    assert not any("zebrafinchcomment" in t for t in site_texts(partnership_copy / "site").values())


def test_when_content_page_is_not_utf8_then_one_line_error(
    partnership_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (partnership_copy / "content" / "bad.md").write_bytes(b"# Caf\xe9\n")
    assert build(partnership_copy) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "content/bad.md" in err[0] and "UTF-8" in err[0]


def test_when_the_gate_blocks_then_staging_and_manifest_are_unchanged(
    partnership_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work = partnership_copy / ".openness"
    before = {**tree_hashes(work / "docs"), "manifest": (work / "manifest.json").read_bytes()}
    about = partnership_copy / "content" / "about.md"
    # A declared person's name typed into a hand-written page: the gate must block.
    about.write_text(about.read_text(encoding="utf-8") + "\nThanks to Farhiya Hassan.\n", encoding="utf-8")
    assert build(partnership_copy) == 1
    assert "blocked" in capsys.readouterr().err
    after = {**tree_hashes(work / "docs"), "manifest": (work / "manifest.json").read_bytes()}
    assert after == before
    assert not (work / "next").exists()


CONFIDENTIAL = (
    "The group weighed three options for the interim staffing plan and agreed that the second option, "
    "which moves two senior practitioners into the front door team for six months, should go to the "
    "finance board with the revised cost model before any announcement is made to staff."
)


@pytest.mark.parametrize(
    ("source", "front"),
    [
        ("minutes/executive-group-2024-05-07.md", "title: Executive Group\nmeeting: executive-group\ndate: 2024-05-07"),
        (
            "reviews/draft-staffing-review.md",
            "title: Single-agency review\nreview_type: single-agency\nstatus: draft\npublish_on: 2024-06-01\n"
            "people:\n  - name: Ottoline Prewer",
        ),
    ],
)
def test_when_a_page_repeats_text_of_an_unpublished_source_then_the_gate_blocks(
    partnership_copy: Path, capsys: pytest.CaptureFixture[str], source: str, front: str
) -> None:
    (partnership_copy / source).write_text(f"---\n{front}\n---\n\n{CONFIDENTIAL}\n", encoding="utf-8")
    assert build(partnership_copy) == 0  # the unpublished source alone publishes nothing
    copied = " ".join(CONFIDENTIAL.split()[5:35])  # thirty words pasted into a public page
    about = partnership_copy / "content" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + f"\n\n{copied}\n", encoding="utf-8")
    assert build(partnership_copy) == 1
    err = capsys.readouterr().err
    assert "text of an unpublished document" in err
    assert copied not in err and "interim staffing plan" not in err
