"""Fixtures for the browser tests: the example site built once, served on 127.0.0.1, and audited
once in Chromium (one node run for all pages; the tests then check its findings).

The site is built with MkDocs (the default). ``OPENNESS_BROWSER_GENERATOR=zensical`` runs the same
tests over the Zensical build (the golden screenshots are MkDocs', so those tests then skip)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import browser_harness as harness


@pytest.fixture(scope="session")
def browser_ready() -> None:
    reason = harness.missing_requirements()
    if reason:
        pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def example_site(browser_ready, tmp_path_factory) -> Path:
    # As of a fixed day, so the golden screenshots compare like with like whatever the date.
    return harness.build_example_site(
        tmp_path_factory.mktemp("browser") / "site", as_of=harness.GOLDEN_DAY, generator=generator()
    )


def generator() -> str | None:
    return os.environ.get("OPENNESS_BROWSER_GENERATOR") or None


@pytest.fixture(scope="session")
def site_url(example_site):
    with harness.serve(example_site) as url:
        yield url


@pytest.fixture(scope="session")
def pages(example_site) -> list[str]:
    return harness.site_pages(example_site)


@pytest.fixture(scope="session")
def dated_pages(example_site) -> list[str]:
    return harness.dated_pages(example_site)


@pytest.fixture(scope="session")
def search_probe(example_site) -> tuple[str, str]:
    return harness.search_probe(example_site)


@pytest.fixture(scope="session")
def sample_pages(pages, dated_pages) -> list[str]:
    """Pages that also get axe and the keyboard walk at 320px: home, 404, an index, a set of
    minutes and a review."""
    minutes = [p for p in dated_pages if p.startswith("minutes/")]
    reviews = [p for p in dated_pages if p.startswith("reviews/")]
    wanted = ["", "404.html", "minutes/", *minutes[:1], *reviews[:1]]
    return [p for p in wanted if p in pages]


@pytest.fixture(scope="session")
def audit(site_url, pages, dated_pages, sample_pages, search_probe) -> dict:
    word, _ = search_probe
    return harness.run_audit(
        site_url, pages, f"--search={word}", f"--print={','.join(dated_pages)}", f"--sample={','.join(sample_pages)}"
    )
