"""``openness serve``'s re-staging: a source edit reaches the preview folder, redacted; a bad edit
keeps the last good pages."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from helpers import AS_OF

from site_builder.preview import restage, snapshot, sync
from site_builder.project import Project


def test_when_folders_differ_then_sync_copies_changes_and_removes_extras(tmp_path: Path) -> None:
    src, dest = tmp_path / "src", tmp_path / "dest"
    (src / "a").mkdir(parents=True)
    (src / "a" / "page.md").write_text("new", encoding="utf-8")
    (src / "same.md").write_text("same", encoding="utf-8")
    (dest / "old").mkdir(parents=True)
    (dest / "old" / "gone.md").write_text("x", encoding="utf-8")
    (dest / "same.md").write_text("same", encoding="utf-8")
    assert sync(src, dest) == 2  # one copied, one removed; the identical file untouched
    assert (dest / "a" / "page.md").read_text(encoding="utf-8") == "new"
    assert not (dest / "old").exists()
    assert sync(src, dest) == 0


def test_when_a_minutes_file_changes_then_preview_shows_it_redacted(partnership_copy: Path) -> None:
    project = Project(partnership_copy)
    docs = partnership_copy / ".openness" / "preview-docs"
    assert restage(project, AS_OF, docs)
    before = snapshot(project)
    minutes = sorted((partnership_copy / "minutes").glob("childrens-board-*.md"))[0]
    minutes.write_text(
        minutes.read_text(encoding="utf-8") + "\nDCI Ivy Quartermaine presented a new item.\n", encoding="utf-8"
    )
    assert snapshot(project) != before
    assert restage(project, AS_OF, docs)
    pages = "\n".join(p.read_text(encoding="utf-8") for p in docs.rglob("*.md"))
    assert "presented a new item" in pages
    assert "Quartermaine" not in pages


def test_when_an_edit_breaks_a_source_then_preview_keeps_last_good_pages(
    partnership_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = Project(partnership_copy)
    docs = partnership_copy / ".openness" / "preview-docs"
    assert restage(project, AS_OF, docs)
    good = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    (partnership_copy / "minutes" / "broken.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    with caplog.at_level(logging.ERROR):
        assert not restage(project, AS_OF, docs)
    assert "minutes/broken.md" in caplog.text
    assert {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()} == good
