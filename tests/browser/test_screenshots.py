"""Golden screenshots (issue 15): home, minutes index, a set of minutes, the reviews catalogue and a
review, at 390px and 1280px, against the pictures in golden/ with a tolerance (golden.py).

A failure writes each new picture and a diff (changed pixels in red) to the folder it names.
When the change is wanted, run `make screenshots-golden` and look at the new pictures."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import browser_harness as harness
import golden

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def shots(site_url, tmp_path_factory) -> Path:
    if os.environ.get("OPENNESS_BROWSER_GENERATOR", "mkdocs") != "mkdocs":
        pytest.skip("the golden pictures are of the MkDocs build")
    out = tmp_path_factory.mktemp("screenshots")
    pages = [f"{name}={path}" for name, path in golden.PAGES.items()]
    result = harness.run_audit(site_url, pages, f"--golden={out}")
    assert not result["thirdParty"], result["thirdParty"]
    return out


def test_every_golden_picture_is_committed():
    missing = [n for n in golden.names() if not (golden.GOLDEN / f"{n}.png").is_file()]
    assert not missing, f"no golden picture for {missing}: run `make screenshots-golden`"


@pytest.mark.parametrize("name", golden.names())
def test_page_looks_as_the_golden_picture(shots, name):
    result = golden.compare(name, golden.GOLDEN / f"{name}.png", shots / f"{name}.png", diff_dir=shots)
    assert result.matches, f"{name}: {result.detail}; new picture and diff in {shots}"


def test_comparison_notices_a_changed_page(shots, tmp_path):
    """The tolerance is not so loose that a visible change passes: a block painted over the
    header of a real screenshot is reported."""
    from PIL import Image, ImageDraw

    original = shots / "home-1280.png"
    changed = tmp_path / "changed.png"
    with Image.open(original) as img:
        img = img.convert("RGB")
        ImageDraw.Draw(img).rectangle((0, 0, img.width, 120), fill=(255, 0, 255))
        img.save(changed)
    assert golden.compare("home-1280", original, original).matches
    assert not golden.compare("home-1280", original, changed).matches
