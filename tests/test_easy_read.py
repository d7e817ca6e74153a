"""Easy Read versions: published redacted beside their review, linked from it; bad links fail closed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from helpers import AS_OF, site_texts

from site_builder.cli import main

REVIEW = "reviews/sar-bogdan-ionescu.md"
EASY = "reviews/sar-bogdan-ionescu.easy-read.md"
EASY_TEXT = "# Easy Read\n\nThis is about a man. Bogdan Ionescu lived alone.\n\nHe needed help at home.\n"


def set_easy_read(project: Path, value: str | None) -> None:
    path = project / REVIEW
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    data = yaml.safe_load(front)
    if value is None:
        data.pop("easy_read", None)
    else:
        data["easy_read"] = value
    path.write_text(f"---\n{yaml.safe_dump(data, sort_keys=False)}---\n{body}", encoding="utf-8")


def build(project: Path) -> int:
    return main(["--project", str(project), "build", "--as-of", AS_OF.isoformat()])


def test_when_review_names_an_easy_read_file_then_it_is_published_redacted_and_linked(partnership_copy: Path) -> None:
    (partnership_copy / EASY).write_text(EASY_TEXT, encoding="utf-8")
    set_easy_read(partnership_copy, Path(EASY).name)
    assert build(partnership_copy) == 0
    texts = site_texts(partnership_copy / "site")
    pages = [p for p in texts if p.endswith("/easy-read/index.html") and "Page moved" not in texts[p]]
    assert len(pages) == 1
    page = texts[pages[0]]
    assert "He needed help at home." in page
    assert "Bogdan" not in page and "Ionescu" not in page
    review_pages = [p for p, t in texts.items() if "Easy Read version" in t and p.startswith("reviews/20")]
    assert any(p != pages[0] for p in review_pages)


@pytest.mark.parametrize(
    ("easy_file", "easy_key", "message"),
    [
        (None, "missing.easy-read.md", "easy_read"),  # names a file that does not exist
        (EASY, None, "no review names"),  # an Easy Read file nobody claims
        (None, "sar-bogdan-ionescu.md", "easy_read"),  # names a file that is not an Easy Read file
    ],
)
def test_when_easy_read_link_is_broken_then_build_fails_naming_the_file(
    partnership_copy: Path,
    capsys: pytest.CaptureFixture[str],
    easy_file: str | None,
    easy_key: str | None,
    message: str,
) -> None:
    before = sorted(p.read_bytes() for p in (partnership_copy / "site").rglob("*") if p.is_file())
    if easy_file:
        (partnership_copy / easy_file).write_text(EASY_TEXT, encoding="utf-8")
    set_easy_read(partnership_copy, easy_key)
    assert build(partnership_copy) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "reviews/" in err[0] and message in err[0]
    after = sorted(p.read_bytes() for p in (partnership_copy / "site").rglob("*") if p.is_file())
    assert before == after
