"""``make screenshots``: the home page, a set of minutes and a practice review at 390px (a phone)
and 1280px (a laptop), and the minutes and review as printed, as PNGs in screenshots/.

``make screenshots-golden`` (``--golden``): take the golden pictures of tests/browser/golden/ again
(golden.py), as of the fixed day the screenshot tests build for, and say which changed. Look at
them before committing them.

Builds the example site into a temporary folder, serves it on 127.0.0.1 and photographs it with
Debian's Chromium (tests/browser/audit.mjs --screenshots / --golden)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import browser_harness as harness
import golden


def take_golden() -> int:
    with tempfile.TemporaryDirectory(prefix="openness-golden-") as tmp:
        site = harness.build_example_site(Path(tmp) / "site", as_of=harness.GOLDEN_DAY)
        shots = Path(tmp) / "shots"
        with harness.serve(site) as url:
            pages = [f"{name}={path}" for name, path in golden.PAGES.items()]
            result = harness.run_audit(url, pages, f"--golden={shots}")
        golden.GOLDEN.mkdir(exist_ok=True)
        for name in golden.names():
            old, new = golden.GOLDEN / f"{name}.png", shots / f"{name}.png"
            verdict = golden.compare(name, old, new) if old.is_file() else None
            if verdict is None or not verdict.matches:  # a picture within tolerance is kept as it was
                golden.optimise(new)
                new.replace(old)
            state = (
                "new"
                if verdict is None
                else (f"unchanged ({verdict.detail})" if verdict.matches else f"CHANGED ({verdict.detail})")
            )
            print(f"{old.relative_to(harness.ROOT)}: {state}")
    if result["thirdParty"]:
        print(f"screenshots: requests to other hosts: {result['thirdParty']}", file=sys.stderr)
        return 1
    print("Look at every picture before committing: git diff --stat tests/browser/golden")
    return 0


def main() -> int:
    reason = harness.missing_requirements()
    if reason:
        print(f"screenshots: cannot run: {reason}", file=sys.stderr)
        return 1
    if "--golden" in sys.argv[1:]:
        return take_golden()
    out = harness.ROOT / "screenshots"
    with tempfile.TemporaryDirectory(prefix="openness-screenshots-") as tmp:
        site = harness.build_example_site(Path(tmp) / "site")
        dated = harness.dated_pages(site)
        minutes = next(p for p in dated if p.startswith("minutes/"))
        review = next(p for p in dated if p.startswith("reviews/"))
        with harness.serve(site) as url:
            result = harness.run_audit(url, ["", minutes, review], f"--screenshots={out}")
    for f in result["screenshots"]:
        print(Path(f).relative_to(harness.ROOT))
    if result["thirdParty"]:
        print(f"screenshots: requests to other hosts: {result['thirdParty']}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
