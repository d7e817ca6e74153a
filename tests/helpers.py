"""Helpers shared by the tests: synthetic identifiers, a synthetic partnership, site hashing.

Every person here is invented. Phone numbers come from Ofcom's drama ranges (07700 900000-900999,
01632 960000-960999); NHS numbers are built in the 999 test range with a valid Modulus 11 checksum.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import gzip
import hashlib
import html
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent


# --- synthetic identifiers -----------------------------------------------------------------------


def nhs_check_digit(nine: str) -> int | None:
    """The Modulus 11 check digit of nine digits, or None when the number cannot be issued (10)."""
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return None if check == 10 else check


def nhs_number(seed: int = 0, sep: str = " ") -> str:
    """A valid NHS number in the unissued 999 range, formatted 3-3-4 with ``sep``."""
    n = 999_000_000 + seed * 7919
    while True:
        nine = f"{n % 1_000_000_000:09d}"
        check = nhs_check_digit(nine)
        if check is not None and len(set(nine)) > 1:
            digits = nine + str(check)
            return sep.join((digits[:3], digits[3:6], digits[6:]))
        n += 1


def nhs_number_bad_checksum(seed: int = 0, sep: str = " ") -> str:
    """The same number as :func:`nhs_number` with its check digit changed."""
    good = nhs_number(seed, sep)
    last = int(good[-1])
    return good[:-1] + str((last + 1) % 10)


def drama_mobile(n: int, style: str = "07700 900{:03d}") -> str:
    assert 0 <= n <= 999
    return style.format(n)


# --- processes ------------------------------------------------------------------------------------


def wait_until(check: Callable[[], bool], seconds: float = 60.0, every: float = 0.1) -> bool:
    """Whether ``check()`` became true within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(every)
    return False


def ended(pid: int) -> bool:
    """Whether process ``pid`` has ended: gone, or a zombie its parent has not reaped."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as f:
            return f.read().split()[2] == "Z"
    except OSError:
        return True


# --- files and sites ------------------------------------------------------------------------------


def differing_files(a: Path, b: Path) -> list[str]:
    """Files that differ between two folders, or exist on one side only (relative paths)."""
    out: list[str] = []

    def walk(c: filecmp.dircmp[str], rel: str) -> None:
        out.extend(f"{rel}{n}" for n in c.left_only + c.right_only + c.diff_files + c.funny_files)
        for name, sub in c.subdirs.items():
            walk(sub, f"{rel}{name}/")

    walk(filecmp.dircmp(a, b), "")
    return out


def tree_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder`` (symlinks not followed), by relative path."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            out[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def site_texts(site: Path) -> dict[str, str]:
    """Every file of a built site as text (``.gz`` files decompressed), by relative path."""
    out = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        out[path.relative_to(site).as_posix()] = raw.decode("utf-8", errors="ignore")
    return out


def visible_text(page_html: str) -> str:
    """The text a reader sees in an HTML page, whitespace collapsed (scripts and styles dropped)."""
    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", page_html)
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(html.unescape(text).split())


def write_source(path: Path, front: dict[str, Any], body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    front_text = yaml.safe_dump(front, sort_keys=False, allow_unicode=True)
    path.write_text(f"---\n{front_text}---\n\n{body}", encoding="utf-8")
    return path


def new_project(root: Path) -> Path:
    """An empty partnership project: the example's content/ and mkdocs.yml, no sources."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    # The partnership's own public contact details (in the example content pages) are public.
    # The sources of these tests are full of invented words and names on purpose: the gate's
    # questions only warn here. They are tested, blocking, in test_questions.py.
    (root / "openness.yml").write_text(
        "public_contacts:\n  - safeguarding.partnership@marlowevale.example\n  - 01632 960 000\n"
        "gate:\n  questions: warn\n",
        encoding="utf-8",
    )
    (root / "minutes").mkdir()
    (root / "reviews").mkdir()
    return root


# --- the synthetic partnership --------------------------------------------------------------------

#: The build date of the synthetic site (``--as-of``).
AS_OF = dt.date(2025, 1, 15)

#: Lower-case words that appear only in sources that must never be published.
UNPUBLISHED_SENTINELS = {
    "minutes/executive-group-2024-04-02.md": "quokkaexecutive",
    "minutes/case-review-panel-2024-02-20.md": "quokkapanel",
    "reviews/embargoed-review.md": "quokkaembargoed",
    "reviews/withheld-review.md": "quokkawithheld",
    "reviews/draft-review.md": "quokkadraft",
}
COMMENT_SENTINEL = "quokkacomment"
PUBLISHED_SENTINEL = "quokkapublished"

#: Declared people of the published LCSPR, and the label each must get (see pseudonyms.py).
LCSPR_PEOPLE = [
    {"name": "Farhiya Hassan", "aliases": ["Farhi"], "pseudonym": "Rose", "age": 14, "relation": "subject"},
    {"name": "Ellis Thornbury", "age": 1, "relation": "subject"},
    {"name": "Priya Venkataraman", "age": 2, "relation": "subject"},
    {"name": "Kacper Zieliński", "age": 15, "relation": "subject"},
    {"name": "Chidi Okafor", "age": 34, "relation": "subject"},
    {"name": "Amara Hassan", "relation": "mother"},
    {"name": "Declan O'Connell", "relation": "father"},
]
LCSPR_PLACES = ["Larkspur Primary School", "Quenby Road", "Hollowmere"]

#: (sentence in the published LCSPR, sentence expected on the built page).
LCSPR_ROWS = [
    ("Point 01: Farhiya Hassan moved schools twice.", "Point 01: Rose moved schools twice."),
    ("Point 02: Farhi was quiet at home.", "Point 02: Rose was quiet at home."),
    ("Point 03: Farhiya said little at the meeting.", "Point 03: Rose said little at the meeting."),
    (
        "Point 04: Staff knew the family as the Venkataraman household.",
        "Point 04: Staff knew the family as the Child B household.",
    ),
    ("Point 05: Kacper's bedroom was cold.", "Point 05: Young Person C's bedroom was cold."),
    ("Point 06: KACPER ZIELIŃSKI – LOW RISK", "Point 06: Young Person C – LOW RISK"),
    ("Point 07: Mr O'Connell attended the conference.", "Point 07: Rose's father attended the conference."),
    ("Point 08: Chidi\nOkafor visited every week.", "Point 08: Adult D visited every week."),
    (
        "Point 09: Ellis Thornbury was seen by the health visitor.",
        "Point 09: Baby A was seen by the health visitor.",
    ),
    ("Point 10: Priya was two years old.", "Point 10: Child B was two years old."),
    ("Point 11: Amara Hassan called the police.", "Point 11: Rose's mother called the police."),
    ("Point 12: Declan O'Connell left the home.", "Point 12: Rose's father left the home."),
    ("Point 13: Larkspur Primary School made a referral.", "Point 13: the school made a referral."),
    ("Point 14: The family lived on Quenby Road.", "Point 14: The family lived on a nearby street."),
    ("Point 15: The family moved to Hollowmere.", "Point 15: The family moved to [place withheld]."),
    (
        "Point 16: The school wrote to Zielinski's carers.",
        "Point 16: The school wrote to Young Person C's carers.",
    ),
    ("Point 17: the note said ellis was hungry.", "Point 17: the note said Baby A was hungry."),
    ("Point 18: Farhiya's brother was not spoken to.", "Point 18: Rose's brother was not spoken to."),
]
SAR_PEOPLE = [
    {"name": "Bogdan Ionescu", "relation": "subject"},
    {"name": "Margit Albescu", "relation": "daughter"},
]
SAR_ROWS = [
    ("Point 21: Bogdan Ionescu lived alone.", "Point 21: Adult A lived alone."),
    ("Point 22: Mr Ionescu fell in the kitchen.", "Point 22: Adult A fell in the kitchen."),
    (
        "Point 23: Margit Albescu visited her father Bogdan.",
        "Point 23: Adult A's daughter visited her father Adult A.",
    ),
    ("Point 24: BOGDAN was discharged at night.", "Point 24: Adult A was discharged at night."),
]
#: (sentence in published minutes, sentence expected): the same labels as in the reviews.
MINUTES_ROWS = [
    (
        "Point 31: The Board discussed the review about Farhiya Hassan.",
        "Point 31: The Board discussed the review about Rose.",
    ),
    (
        "Point 32: Learning from the review about Bogdan Ionescu was shared.",
        "Point 32: Learning from the review about Adult A was shared.",
    ),
]
#: Every word of every declared name and place: none may appear anywhere in the site.
DECLARED_WORDS = sorted(
    {w for p in LCSPR_PEOPLE + SAR_PEOPLE for w in [p["name"], *p.get("aliases", [])] for w in w.split()}
    | {"Larkspur", "Quenby", "Hollowmere", "Zielinski"}
)


def _minutes(meeting: str, date: str, title: str, body: str) -> tuple[dict[str, Any], str]:
    return {"title": title, "meeting": meeting, "date": date}, body


def _review(
    title: str,
    review_type: str,
    status: str,
    publish_on: str,
    people: list[dict[str, Any]],
    places: list[str] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    front: dict[str, Any] = {
        "title": title,
        "review_type": review_type,
        "status": status,
        "publish_on": publish_on,
        "people": people,
    }
    if places:
        front["places"] = places
    front.update(extra)
    return front


def partnership_sources() -> dict[str, tuple[dict[str, Any], str]]:
    """Every source of the synthetic partnership: relative path -> (front matter, body)."""
    paragraphs = "\n\n".join
    s = UNPUBLISHED_SENTINELS
    return {
        "minutes/childrens-board-2024-03-11.md": _minutes(
            "childrens-board",
            "2024-03-11",
            "Children's Board – 11 March 2024",
            paragraphs(
                [
                    "# Children's Board",
                    "## 1. Minutes of the last meeting",
                    f"The minutes were agreed. {PUBLISHED_SENTINEL} budget figures were noted.",
                    f"<!-- {COMMENT_SENTINEL}: private note for the Partnership Manager only -->",
                    "## 2. Reviews",
                    *[src for src, _ in MINUTES_ROWS],
                    "The next meeting is in June.",
                ]
            )
            + "\n",
        ),
        "minutes/childrens-board-jane-doe.md": _minutes(
            "childrens-board",
            "2024-06-11",
            "Children's Board – 11 June 2024",
            paragraphs(
                [
                    "# Children's Board",
                    "## 1. Neglect strategy",
                    "The Board agreed the neglect strategy for consultation.",
                ]
            )
            + "\n",
        ),
        "minutes/adults-board-2024-07-16.md": _minutes(
            "adults-board",
            "2024-07-16",
            "Adults' Board – 16 July 2024",
            paragraphs(
                [
                    "# Adults' Board",
                    "## 1. Self-neglect",
                    "quokkaadults: the Board reviewed the self-neglect protocol.",
                ]
            )
            + "\n",
        ),
        "minutes/executive-group-2024-04-02.md": _minutes(
            "executive-group",
            "2024-04-02",
            f"Executive Group – {s['minutes/executive-group-2024-04-02.md']}",
            paragraphs(
                [
                    "# Executive Group",
                    f"{s['minutes/executive-group-2024-04-02.md']}: the budget variance was discussed.",
                ]
            )
            + "\n",
        ),
        "minutes/case-review-panel-2024-02-20.md": _minutes(
            "case-review-panel",
            "2024-02-20",
            "Case Review Panel – 20 February 2024",
            paragraphs(
                [
                    "# Case Review Panel",
                    f"{s['minutes/case-review-panel-2024-02-20.md']}: the panel discussed a referral.",
                ]
            )
            + "\n",
        ),
        "reviews/lcspr-farhiya-hassan.md": (
            _review(
                "Local Child Safeguarding Practice Review: Farhiya – exploitation and school moves",
                "lcspr",
                "approved",
                "2024-05-01",
                LCSPR_PEOPLE,
                LCSPR_PLACES,
                national_panel_notified="2024-04-15",
            ),
            paragraphs(["## Summary", *[src for src, _ in LCSPR_ROWS]]) + "\n",
        ),
        "reviews/sar-bogdan-ionescu.md": (
            _review(
                "Safeguarding Adults Review: Bogdan – discharge and living alone",
                "sar",
                "approved",
                "2024-02-01",
                SAR_PEOPLE,
            ),
            paragraphs(["## Summary", *[src for src, _ in SAR_ROWS]]) + "\n",
        ),
        "reviews/embargoed-review.md": (
            _review(
                f"Rapid review learning: {s['reviews/embargoed-review.md']} infant safety",
                "rapid-review",
                "approved",
                "2025-09-01",
                [{"name": "Wilbur Pennyfeather", "age": 0}],
            ),
            paragraphs(["## Summary", f"{s['reviews/embargoed-review.md']}: Wilbur Pennyfeather was a baby."]) + "\n",
        ),
        "reviews/withheld-review.md": (
            _review(
                f"Partnership review: {s['reviews/withheld-review.md']}",
                "partnership",
                "withheld",
                "2024-01-10",
                [{"name": "Tamsin Gorringe", "age": 16}],
                withheld_reason="quokkareason: criminal proceedings against the stepfather",
            ),
            paragraphs(["## Summary", f"{s['reviews/withheld-review.md']}: Tamsin Gorringe was 16."]) + "\n",
        ),
        "reviews/draft-review.md": (
            _review(
                f"Single-agency review: {s['reviews/draft-review.md']}",
                "single-agency",
                "draft",
                "2024-01-10",
                [{"name": "Horatio Quenell", "age": 40}],
            ),
            paragraphs(["## Summary", f"{s['reviews/draft-review.md']}: Horatio Quenell was 40."]) + "\n",
        ),
    }


def make_partnership(root: Path) -> Path:
    """Write the synthetic partnership into ``root`` (a new folder) and return it."""
    new_project(root)
    for rel, (front, body) in partnership_sources().items():
        write_source(root / rel, front, body)
    return root
