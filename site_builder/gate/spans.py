"""Known spans of a passage, with a fast test of whether one of them covers a range.

The questions ask, for every word of every passage, whether one known span (a public phrase, a
contact, an approved term) holds it whole. With the spans sorted by start and the largest end seen
so far kept for each, that is one binary search instead of a pass over every span; the answer is
the same: some span with ``start <= s`` ends at or after ``e``.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable


class Spans(list[tuple[int, int]]):
    """A list of (start, end) spans; :meth:`covers` is exact. Do not change it after the first
    :meth:`covers` (the index is made then)."""

    _starts: list[int] | None = None
    _reach: tuple[int, ...] = ()

    def covers(self, s: int, e: int) -> bool:
        """Whether one span holds all of ``[s, e)``."""
        if self._starts is None:
            ordered = sorted(self)
            self._starts = [ks for ks, _ in ordered]
            self._reach = tuple(itertools.accumulate((ke for _, ke in ordered), max))
        i = bisect.bisect_right(self._starts, s)
        return i > 0 and self._reach[i - 1] >= e


def covers(spans: Iterable[tuple[int, int]], s: int, e: int) -> bool:
    """Whether one of ``spans`` holds all of ``[s, e)`` (fast for :class:`Spans`)."""
    if isinstance(spans, Spans):
        return spans.covers(s, e)
    return any(ks <= s and e <= ke for ks, ke in spans)
