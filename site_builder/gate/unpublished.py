"""Text from sources that must not be published, found again in the output.

Every run of twelve words from an unpublished source (a never-published meeting type, or a review
that is not live on the check date) is remembered, minus runs that also occur in published sources
(shared boilerplate). Any output file holding such a run is blocked: it catches a hand-copied page,
a content page that includes raw minutes, and a site built from the raw sources.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from redaction.markdown_view import strip_comments
from site_builder.context import Context
from site_builder.gate.memo import Memo, digest, in_process
from site_builder.reviews.rules import review_state

log = logging.getLogger(__name__)
RUN = 12
_SECRETS: dict[str, set[tuple[str, ...]]] = {}
WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[tuple[str, int, int]]:
    """Lower-cased words of ``text`` with their offsets (tags are skipped by the caller's view)."""
    return [(m.group().casefold(), m.start(), m.end()) for m in WORD.finditer(text)]


def runs(text: str) -> set[tuple[str, ...]]:
    ws = [w for w, _, _ in words(strip_comments(text))]
    return {tuple(ws[i : i + RUN]) for i in range(len(ws) - RUN + 1)}


@dataclass(frozen=True)
class UnpublishedText:
    """The twelve-word runs no output may contain: those of the ``hidden`` texts, less those that
    the ``shown`` (published) texts also hold."""

    hidden: tuple[str, ...]
    shown: tuple[str, ...] = ()
    #: Which hidden runs each published text holds, remembered by the texts' hashes (optional).
    memo: Memo | None = field(default=None, compare=False)

    @classmethod
    def of(cls, ctx: Context, memo: Memo | None = None) -> UnpublishedText:
        """The texts of the sources not published on ``ctx.as_of`` (and of those published)."""
        policy, minutes, reviews, as_of = ctx.policy, ctx.minutes, ctx.reviews, ctx.as_of
        hidden: list[str] = []
        shown: list[str] = []
        for m in minutes:
            publish = m.meeting in policy.meetings and policy.publishes(m)  # a draft is unpublished text
            (shown if publish else hidden).append(m.body)
        for r in reviews:
            live = review_state(r, as_of) == "published"
            (shown if live else hidden).append(r.body + "\n" + (r.summary or ""))
            if not live:
                hidden.append(r.easy_read_text)
            # A live review's Easy Read text is never counted as public: if it repeats an
            # unpublished source (a copy, a link), that text must still block.
            if r.withheld_reason:
                hidden.append(r.withheld_reason)
        return cls(tuple(hidden), tuple(shown), memo)

    @functools.cached_property
    def secret(self) -> set[tuple[str, ...]]:
        """The runs of the hidden texts that no published text holds. Only runs that start with
        the first word of a hidden run are looked up in a published text, and what each published
        text holds is remembered by its hash, so an unchanged archive is not read again."""
        return in_process(_SECRETS, digest(self.hidden, self.shown), self._secret)

    def _secret(self) -> set[tuple[str, ...]]:
        hidden: set[tuple[str, ...]] = set().union(*(runs(t) for t in self.hidden)) if self.hidden else set()
        if not hidden:
            return set()
        key = digest(sorted(" ".join(r) for r in hidden))
        firsts = {r[0] for r in hidden}
        public: set[tuple[str, ...]] = set()
        for text in self.shown:
            found = self.memo.get(digest(key, text)) if self.memo is not None else None
            if not isinstance(found, list):
                ws = [w for w, _, _ in words(strip_comments(text))]
                held = {tuple(ws[i : i + RUN]) for i in range(len(ws) - RUN + 1) if ws[i] in firsts}
                found = sorted(" ".join(r) for r in held & hidden)
                if self.memo is not None:
                    self.memo.put(digest(key, text), found)
            public |= {tuple(str(r).split(" ")) for r in found}
        return hidden - public

    @functools.cached_property
    def fingerprint(self) -> str:
        """A hash of the runs searched for, for the gate's memory: other runs, other results."""
        return digest(sorted(" ".join(r) for r in self.secret))

    def find(self, text: str) -> Iterable[tuple[int, int]]:
        """Spans of ``text`` that repeat an unpublished run (merged)."""
        if not self.secret:
            return []
        ws = words(text)
        spans: list[tuple[int, int]] = []
        for i in range(len(ws) - RUN + 1):
            if tuple(w for w, _, _ in ws[i : i + RUN]) in self.secret:
                start, end = ws[i][1], ws[i + RUN - 1][2]
                if spans and start <= spans[-1][1]:
                    spans[-1] = (spans[-1][0], end)
                else:
                    spans.append((start, end))
        return spans
