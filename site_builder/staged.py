"""The result of the redaction stage, immutable: what is published, where, and its redacted text.

:func:`site_builder.stage.prepare` computes everything and then builds one :class:`Stage`; the
page builders (``pages``, ``minutes_pages``, ``opendata``, ``reviews``) only read it. This module
imports none of them, so they can name its types without an import cycle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from redaction.policy import Policy
from redaction.sources import Minutes, Review, Source
from site_builder.context import Context
from site_builder.project import Project

if TYPE_CHECKING:
    from redaction.apply import Redacted
    from redaction.register import Register


@dataclass(frozen=True)
class StagedDoc:
    """One published source: its page path in the docs folder (e.g.
    ``minutes/childrens-board/2025-01-14.md``), redacted title and body, and what was replaced."""

    source: Source
    path: str
    title: str
    body: str
    redacted: Redacted
    summary: str = ""  # a review's redacted front-matter summary
    easy_read: str = ""  # a review's redacted Easy Read version


def _frozen(mapping: Mapping[str, str] | None = None) -> Mapping[str, str]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class Stage:
    """What a build publishes, computed from one :class:`Context`."""

    context: Context
    published: tuple[tuple[Source, str], ...] = ()  # (source, page path or "" for a review)
    texts: tuple[str, ...] = ()  # what is analysed and redacted: per published source, then Easy Read
    docs: tuple[StagedDoc, ...] = ()
    redirects: Mapping[str, str] = field(default_factory=_frozen)  # older docs path -> current docs path
    analysed: int = 0  # texts analysed afresh (not found in the analysis cache)
    redacted_sources: tuple[str, ...] = ()  # sources (and Easy Read texts) redacted afresh, not from the cache

    def __post_init__(self) -> None:
        if not isinstance(self.redirects, MappingProxyType):
            object.__setattr__(self, "redirects", _frozen(self.redirects))

    @property
    def project(self) -> Project:
        return self.context.project

    @property
    def as_of(self) -> dt.date:
        return self.context.as_of

    @property
    def policy(self) -> Policy:
        return self.context.policy

    @property
    def minutes(self) -> tuple[Minutes, ...]:
        return self.context.minutes

    @property
    def reviews(self) -> tuple[Review, ...]:
        return self.context.reviews

    @property
    def register(self) -> Register:
        return self.context.register


@dataclass(frozen=True)
class Rendered:
    """Every staged file by docs path, and the integrity stamp of every stamped page (the manifest)."""

    files: Mapping[str, str]
    stamps: Mapping[str, str]
