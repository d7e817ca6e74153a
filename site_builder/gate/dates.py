"""Full dates (day, month and year) in published text: '14 March 2019', 'March 14th, 2019',
'14/03/2019', '14.3.19', '2019-03-14'. A date far older than its document is a likely date of birth."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

MONTHS = {
    m.lower(): i
    for i, names in enumerate(
        [
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sep", "Sept"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ],
        1,
    )
    for m in names
}
MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[89]|20)\d\d"
DATE = re.compile(
    rf"(?<![\w/.-])(?:(?P<d1>{DAY})(?:\s+of)?\s+(?P<m1>{MONTH}),?\s+(?P<y1>{YEAR})"
    rf"|(?P<m2>{MONTH})\s+(?P<d2>{DAY}),?\s+(?P<y2>{YEAR})"
    rf"|(?P<d3>[0-3]?\d)(?P<sep>[/.-])(?P<m3>[01]?\d)(?P=sep)(?P<y3>{YEAR}|\d\d)"
    rf"|(?P<d5>{DAY})-(?P<m5>{MONTH})-(?P<y5>{YEAR}|\d\d)"
    rf"|(?P<y4>{YEAR})-(?P<m4>[01]\d)-(?P<d4>[0-3]\d))(?![\w/]|\.\d|-\d)",
    re.I,
)


def _year(text: str, today: dt.date) -> int:
    if len(text) == 4:
        return int(text)
    yy = int(text)
    return 2000 + yy if 2000 + yy <= today.year else 1900 + yy


def full_dates(text: str, today: dt.date) -> Iterator[tuple[int, int, dt.date]]:
    """Every full date in ``text`` that is a real calendar date, with its span."""
    for m in DATE.finditer(text):
        g = m.groupdict()
        try:
            if g["m1"] or g["m2"]:
                month = MONTHS[(g["m1"] or g["m2"]).lower().rstrip(".")]
                day = int(re.sub(r"\D", "", g["d1"] or g["d2"]))
                year = int(g["y1"] or g["y2"])
            elif g["m5"]:
                month = MONTHS[g["m5"].lower().rstrip(".")]
                day, year = int(re.sub(r"\D", "", g["d5"])), _year(g["y5"], today)
            elif g["m3"]:
                day, month, year = int(g["d3"]), int(g["m3"]), _year(g["y3"], today)
            else:
                day, month, year = int(g["d4"]), int(g["m4"]), int(g["y4"])
            yield m.start(), m.end(), dt.date(year, month, day)
        except (ValueError, KeyError):
            continue
