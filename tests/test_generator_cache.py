"""The generator's page cache (site_builder/mkdocs_cache.py, issue 14): the same files as a plain
``mkdocs build``, byte for byte, and a remembered page is used only when every input is the same.

Whether a page came from the cache is seen by marking the remembered HTML of one page: the mark
shows in the output only when that entry was used."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import differing_files

from site_builder.generator import MkDocs, generated_config
from site_builder.project import Project

pytestmark = pytest.mark.slow
MARK = "<!-- remembered, not rendered -->"
PAGE = "about.md"


def _run(cmd: list[str], cwd: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env, check=False)
    assert proc.returncode == 0, proc.stderr[-800:]


class Setup:
    """A built partnership's staged docs, a config for them, and a cache folder."""

    def __init__(self, root: Path, tmp: Path) -> None:
        self.docs = tmp / "docs"
        shutil.copytree(Project(root).staging, self.docs)
        self.site = tmp / "site"
        self.config = tmp / "mkdocs.yml"
        shutil.move(generated_config(Project(root), self.site, self.docs, MkDocs()), self.config)
        self.cache = tmp / "cache"

    def cached(self) -> Path:
        shutil.rmtree(self.site, ignore_errors=True)
        cmd = MkDocs().command(self.config)
        _run([sys.executable, "-m", "site_builder.mkdocs_cache", str(self.cache), *cmd[3:]], self.docs)
        return self.site

    def plain(self, into: Path) -> Path:
        shutil.rmtree(self.site, ignore_errors=True)
        _run(MkDocs().command(self.config), self.docs)
        shutil.move(self.site, into)
        return into


def about_html(site: Path) -> str:
    return (site / "about" / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def setup(partnership_copy: Path, tmp_path: Path) -> Setup:
    s = Setup(partnership_copy, tmp_path)
    if not (s.docs / PAGE).is_file():
        pytest.fail(f"the synthetic partnership has no {PAGE}")
    return s


def entry_files(s: Setup, kind: str) -> list[Path]:
    return sorted((s.cache / kind).glob("*/*.json"))


def _mark_about(s: Setup) -> None:
    """Mark the remembered finished HTML of the about page."""
    about = about_html(s.site)
    found = [p for p in entry_files(s, "pages") if json.loads(p.read_text(encoding="utf-8"))["html"] == about]
    assert len(found) == 1, "the about page's finished HTML is remembered once"
    entry = json.loads(found[0].read_text(encoding="utf-8"))
    entry["html"] = about.replace("</body>", MARK + "</body>")
    found[0].write_text(json.dumps(entry), encoding="utf-8")


def test_when_built_with_and_without_the_cache_then_every_file_is_the_same(setup: Setup, tmp_path: Path) -> None:
    plain = setup.plain(tmp_path / "plain")
    assert differing_files(plain, setup.cached()) == []  # first build: everything rendered
    assert differing_files(plain, setup.cached()) == []  # second build: everything remembered
    page = setup.docs / PAGE
    page.write_text(page.read_text(encoding="utf-8").replace(" the ", " THE ", 1), encoding="utf-8")
    edited = setup.plain(tmp_path / "edited")
    assert differing_files(edited, setup.cached()) == []  # one page edited
    assert "THE" in about_html(setup.site)


def test_when_nothing_changed_then_the_remembered_page_is_used(setup: Setup) -> None:
    setup.cached()
    _mark_about(setup)
    assert MARK in about_html(setup.cached())


def test_when_the_page_changes_then_it_is_rendered_again(setup: Setup) -> None:
    setup.cached()
    _mark_about(setup)
    page = setup.docs / PAGE
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    html = about_html(setup.cached())
    assert MARK not in html and "One more sentence." in html


def test_when_another_page_title_changes_then_the_page_is_rendered_again(setup: Setup, tmp_path: Path) -> None:
    config = yaml.safe_load(setup.config.read_text(encoding="utf-8"))
    config["nav"] = [next(iter(item.values())) for item in config["nav"]]  # titles from the pages
    setup.config.write_text(yaml.safe_dump(config), encoding="utf-8")
    setup.cached()
    _mark_about(setup)
    other = setup.docs / "privacy.md"
    text = other.read_text(encoding="utf-8")
    assert text.count("\n# ") + text.startswith("# ") >= 1
    other.write_text(text.replace("# ", "# Renamed ", 1), encoding="utf-8")
    plain = setup.plain(tmp_path / "plain")
    assert "Renamed" in about_html(plain)  # the about page shows every page's title in its navigation
    assert MARK not in about_html(setup.cached())
    assert differing_files(plain, setup.site) == []


def test_when_a_page_is_added_then_the_page_is_rendered_again(setup: Setup, tmp_path: Path) -> None:
    setup.cached()
    _mark_about(setup)
    (setup.docs / "news.md").write_text("# News\n\nNothing yet.\n", encoding="utf-8")
    assert MARK not in about_html(setup.cached())
    assert differing_files(setup.plain(tmp_path / "plain"), setup.cached()) == []


def test_when_the_config_changes_then_the_page_is_rendered_again(setup: Setup) -> None:
    setup.cached()
    _mark_about(setup)
    setup.config.write_text(
        setup.config.read_text(encoding="utf-8").replace("site_name: ", "site_name: New ", 1), encoding="utf-8"
    )
    assert MARK not in about_html(setup.cached())


def test_when_another_plugin_is_configured_then_no_page_is_remembered(setup: Setup) -> None:
    setup.cached()
    _mark_about(setup)
    text = setup.config.read_text(encoding="utf-8")
    assert "plugins:\n" in text
    setup.config.write_text(text.replace("plugins:\n", "plugins:\n- tags\n", 1), encoding="utf-8")
    assert MARK not in about_html(setup.cached())


DAMAGE = {
    "not JSON": lambda entry: "{not json",
    "a value of the wrong kind": lambda entry: "5",
    "fields of the wrong kind": lambda entry: json.dumps({f: 5 for f in json.loads(entry)}),
    "missing": lambda entry: None,
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_when_the_cache_is_damaged_then_the_build_is_the_same(setup: Setup, tmp_path: Path, damage: str) -> None:
    plain = setup.plain(tmp_path / "plain")
    setup.cached()
    files = entry_files(setup, "pages") + entry_files(setup, "rendered")
    assert len(files) > 20
    for path in files:
        text = DAMAGE[damage](path.read_text(encoding="utf-8"))
        if text is None:
            path.unlink()
        else:
            path.write_text(text, encoding="utf-8")
    assert differing_files(plain, setup.cached()) == []
    assert differing_files(plain, setup.cached()) == []  # and the entries written again are sound


def test_when_built_again_then_entries_no_build_uses_are_deleted(setup: Setup) -> None:
    setup.cached()
    before = set(entry_files(setup, "pages"))
    page = setup.docs / PAGE
    for n in range(4):
        page.write_text(page.read_text(encoding="utf-8") + f"\nEdit {n}.\n", encoding="utf-8")
        setup.cached()
    after = set(entry_files(setup, "pages"))
    assert len(after) == len(before) + 2  # and the about page as the two builds before left it


def test_when_the_theme_shows_page_only_front_matter_then_only_on_its_own_page() -> None:
    """The navigation's key leaves out PAGE_ONLY_META, which is sound only while every template
    reads those keys from the page being built."""
    import re

    from site_builder.mkdocs_cache import HERE, PAGE_ONLY_META

    used = 0
    for template in (HERE / "theme").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for key in PAGE_ONLY_META:
            for m in re.finditer(rf"[\w.\[\]'\"]*{key}", text):
                used += 1
                assert m.group(0) == f"page.meta.{key}", f"{template.name}: {m.group(0)}"
    assert used >= len(PAGE_ONLY_META)


@pytest.mark.parametrize("blocker", ["cache", "cache/templates", "cache/pages"])
def test_when_the_cache_folder_cannot_be_used_then_the_build_is_the_same(
    setup: Setup, tmp_path: Path, blocker: str
) -> None:
    plain = setup.plain(tmp_path / "plain")
    target = tmp_path / blocker
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("a file where the cache wants a folder", encoding="utf-8")
    assert differing_files(plain, setup.cached()) == []
    assert differing_files(plain, setup.cached()) == []


def test_when_a_search_entry_is_not_plain_data_then_the_build_is_the_same(setup: Setup, tmp_path: Path) -> None:
    """Material writes the search index with ``default=str``; a date in a page's search boost is
    not JSON, so that page's entries are indexed by the plugin again instead of remembered."""
    (setup.docs / "boosted.md").write_text(
        "---\nsearch:\n  boost: 2024-01-01\n---\n\n# Boosted\n\nA page.\n", encoding="utf-8"
    )
    plain = setup.plain(tmp_path / "plain")
    assert differing_files(plain, setup.cached()) == []
    assert differing_files(plain, setup.cached()) == []
