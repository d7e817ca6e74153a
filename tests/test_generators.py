"""The example site built both ways, MkDocs (the default) and Zensical (issue 15): each passes the
publication gate, and the gate knows each one's layout (Zensical's search index is ``search.json``
at the site root, MkDocs' is ``search/search_index.json``).

The Zensical build is skipped, saying why, only when Zensical is not installed (it is an optional
extra: ``pip install 'openness[zensical]'``)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import shutil
from pathlib import Path

import pytest
from helpers import site_texts

from site_builder.cli import main
from site_builder.gate.scan import is_reader_data, is_search_index
from site_builder.generator import GENERATORS, generated_config
from site_builder.project import Project

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 12, 1)
SEARCH_INDEX = {"mkdocs": "search/search_index.json", "zensical": "search.json"}
HAS_ZENSICAL = importlib.util.find_spec("zensical") is not None
GENERATOR_PARAMS = [
    "mkdocs",
    pytest.param(
        "zensical",
        marks=pytest.mark.skipif(
            not HAS_ZENSICAL, reason="zensical is not installed (pip install 'openness[zensical]')"
        ),
    ),
]


def example_copy(dest: Path) -> Path:
    for name in ("content", "minutes", "reviews"):
        shutil.copytree(REPO / name, dest / name)
    for name in (
        "mkdocs.yml",
        "openness.yml",
        "policy.yaml",
        "allowlist.yaml",
        "decisions.yaml",
        "register.example.yaml",
    ):
        shutil.copy2(REPO / name, dest / name)
    return dest


@pytest.fixture(scope="module")
def example_sites(tmp_path_factory) -> dict[str, dict[str, str]]:
    """The example project built with each installed generator (one copy, one warm cache)."""
    project = example_copy(tmp_path_factory.mktemp("example") / "project")
    out = {}
    for name in GENERATORS:
        if name == "zensical" and not HAS_ZENSICAL:
            continue
        site = project / f"site-{name}"
        args = ["--project", str(project), "build", "--as-of", AS_OF.isoformat(), "--site-dir", str(site)]
        assert main([*args, "--generator", name]) == 0, f"the example site did not build with {name}"
        assert main(["--project", str(project), "check", str(site)]) == 0, f"{name}: the gate refused the site"
        out[name] = site_texts(site)
    return out


@pytest.mark.parametrize("generator", GENERATOR_PARAMS)
def test_when_example_built_with_generator_then_gate_passes_and_layout_is_known(example_sites, generator):
    site = example_sites[generator]
    index = SEARCH_INDEX[generator]
    assert index in site and is_search_index(index) and is_reader_data(index)
    for rel in (
        "index.html",
        "minutes/childrens-board/2026-03-10/index.html",
        "reviews/2026/learning-from-rose/index.html",
    ):
        page = site[rel]
        assert 'class="openness-help"' in page, rel
        assert "assets/openness/openness.css" in page and "assets/openness/brand.css" in page
    assert 'name="openness-redaction"' in site["reviews/2026/learning-from-rose/index.html"]
    assert "Page moved" in site["minutes/childrens-board/2026/2026-03-10/index.html"]
    for name in ("minutes", "reviews"):
        json.loads(site[f"data/{name}.json"])
        assert f"data/{name}.csv" in site and f"data/{name}.schema.json" in site


@pytest.mark.skipif(not HAS_ZENSICAL, reason="zensical is not installed (pip install 'openness[zensical]')")
def test_when_both_generators_then_same_pages_and_same_open_data(example_sites):
    pages = {g: {r for r in s if r.endswith(".html")} for g, s in example_sites.items()}
    assert pages["mkdocs"] == pages["zensical"]
    for rel in ("data/minutes.csv", "data/reviews.csv", "feed.xml"):
        assert example_sites["mkdocs"][rel] == example_sites["zensical"][rel]


def test_when_generator_setting_then_it_is_used_and_flag_wins(tmp_path):
    project = example_copy(tmp_path / "project")
    (project / "openness.yml").write_text(
        (project / "openness.yml").read_text(encoding="utf-8") + "generator: zensical\n", encoding="utf-8"
    )
    proj = Project(project)
    from site_builder.generator import choose

    if HAS_ZENSICAL:
        assert choose(proj).name == "zensical"
    assert choose(proj, "mkdocs").name == "mkdocs"


def test_when_zensical_config_written_then_folders_are_relative_and_inside_it(tmp_path):
    project = Project(example_copy(tmp_path / "project"))
    docs = tmp_path / "project" / ".openness" / "next" / "docs"
    docs.mkdir(parents=True)
    config = generated_config(project, tmp_path / "out", docs, GENERATORS["zensical"]())
    text = config.read_text(encoding="utf-8")
    assert config.parent == docs.parent
    assert "docs_dir: docs\n" in text and "site_dir: zensical-site\n" in text
    assert "md_in_html" in text and "openness_help" in text


@pytest.mark.skipif(not HAS_ZENSICAL, reason="zensical is not installed (pip install 'openness[zensical]')")
def test_when_zensical_search_index_leaks_then_gate_blocks(tmp_path, capsys):
    """search.json at the root is read as text a reader sees: a registered name in it blocks."""
    project = example_copy(tmp_path / "project")
    site = project / "site"
    assert main(["--project", str(project), "build", "--as-of", AS_OF.isoformat(), "--generator", "zensical"]) == 0
    index = site / "search.json"
    index.write_text(
        index.read_text(encoding="utf-8").replace('"text":"', '"text":"Nadia Abdullahi ', 1), encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["--project", str(project), "check", str(site)]) == 1
    out = capsys.readouterr()
    assert "search.json" in out.out and "Abdullahi" not in out.out + out.err
