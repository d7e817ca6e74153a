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
