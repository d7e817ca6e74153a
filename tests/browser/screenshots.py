"""``make screenshots``: the home page, a set of minutes and a practice review at 390px (a phone)
and 1280px (a laptop), and the minutes and review as printed, as PNGs in screenshots/.

Builds the example site into a temporary folder, serves it on 127.0.0.1 and photographs it with
Debian's Chromium (tests/browser/audit.mjs --screenshots)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import browser_harness as harness


def main() -> int:
    reason = harness.missing_requirements()
    if reason:
        print(f"screenshots: cannot run: {reason}", file=sys.stderr)
        return 1
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
