"""Golden screenshots: the pages a member of the public lands on, at a phone's width (390px) and a
laptop's (1280px), compared with the pictures committed in golden/ within a tolerance.

``make screenshots-golden`` takes them again (after a change to the look, on purpose); look at
each picture and at ``git diff --stat tests/browser/golden`` before committing them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
WIDTHS = (390, 1280)
#: name -> page path (relative to the site root). Fixed addresses: they test the slug rule too.
PAGES = {
    "home": "",
    "minutes-index": "minutes/",
    "minutes-page": "minutes/childrens-board/2026-03-10/",
    "reviews-catalogue": "reviews/",
    "review-page": "reviews/2026/learning-from-rose/",
}
#: A pixel differs when any channel differs by more than this (anti-aliasing moves a little)...
CHANNEL_TOLERANCE = 48
#: ...and a picture matches when at most this many pixels differ. Chromium draws the same page
#: pixel for pixel the same from run to run, and one changed word moves a few hundred pixels, so
#: the allowance is counted in pixels, not as a share that a long page would dilute.
MAX_PIXELS = 64
#: Full-page heights may differ by a few pixels of rounding.
HEIGHT_TOLERANCE = 4


@dataclass
class Comparison:
    name: str
    matches: bool
    detail: str


def names() -> list[str]:
    return [f"{name}-{width}" for name in PAGES for width in WIDTHS]


def compare(name: str, golden: Path, shot: Path, diff_dir: Path | None = None) -> Comparison:
    """Compare a new screenshot with its golden picture; write a diff picture when they differ."""
    if not golden.is_file():
        return Comparison(name, False, f"no golden picture {golden.name}: run `make screenshots-golden`")
    with Image.open(golden) as g, Image.open(shot) as s:
        a, b = g.convert("RGB"), s.convert("RGB")
    if a.width != b.width or abs(a.height - b.height) > HEIGHT_TOLERANCE:
        return Comparison(name, False, f"size {b.width}x{b.height}, golden {a.width}x{a.height}")
    height = min(a.height, b.height)
    a, b = a.crop((0, 0, a.width, height)), b.crop((0, 0, b.width, height))
    diff = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > CHANNEL_TOLERANCE else 0)
    changed = diff.histogram()[255]
    if changed <= MAX_PIXELS:
        return Comparison(name, True, f"{changed} pixel(s) differ")
    if diff_dir is not None:
        diff_dir.mkdir(parents=True, exist_ok=True)
        Image.composite(Image.new("RGB", b.size, (255, 0, 0)), b, diff).save(diff_dir / f"{name}-diff.png")
    return Comparison(name, False, f"{changed} pixels differ (tolerance {MAX_PIXELS})")


def optimise(path: Path) -> None:
    """Store a golden picture as small as a lossless PNG gets (RGB, no alpha, optimised)."""
    with Image.open(path) as img:
        rgb = img.convert("RGB")
    rgb.save(path, optimize=True)
