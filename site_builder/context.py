"""What one command knows about a partnership, loaded once: settings, policy, sources, and (on
first use) the public words and the register of people.

``openness build``, ``check``, ``status``, ``redact`` and each rebuild of ``serve`` load one
:class:`Context` and pass it down, so the sources are read and parsed once per command. A context
is immutable: a change on disk means a new context (``serve`` loads one per rebuild).

Loading validates only what every command needs (the policy file, each source's front matter);
the rules a build adds (branding, minutes against the policy, publication rules) are checked by
the stage (:func:`site_builder.stage.prepare`), so ``openness status`` reports a review that a
build would refuse instead of failing on it.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from redaction.memo import Memo
from redaction.policy import Policy, load_policy
from redaction.sources import Minutes, Review, gather
from site_builder.project import Project

if TYPE_CHECKING:
    from redaction.allowlist import Allowlist
    from redaction.register import Register

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Context:
    """One command's view of the project as of ``as_of``.

    ``allowlist`` and ``register`` are read when first asked for (``openness status`` never asks,
    so a broken register file does not stop it, as before) and are then fixed for the context."""

    project: Project
    as_of: dt.date
    policy: Policy
    minutes: tuple[Minutes, ...]
    reviews: tuple[Review, ...]

    @functools.cached_property
    def allowlist(self) -> Allowlist:
        return load_allowlist(self.project)

    @functools.cached_property
    def register(self) -> Register:
        """Every declared person and place: each review's people (published or not) and the
        private register, so a name declared anywhere is looked for everywhere."""
        from redaction.register import build_register

        return build_register(list(self.reviews), self.project.register_file, self.allowlist)


def load_context(project: Project, as_of: dt.date) -> Context:
    """Read the policy and every source of ``project`` once. Raises on the first bad file."""
    policy = load_policy(project.root)
    # Front matter parsed by an earlier command is not parsed again (kept once a build has made .openness/).
    memo = Memo(project.cache / "front-matter.json" if project.work.is_dir() else None)
    minutes, reviews = gather(project.root, memo)
    memo.save()
    log.info("loaded %d minutes and %d reviews", len(minutes), len(reviews))
    return Context(project, as_of, policy, tuple(minutes), tuple(reviews))


def load_allowlist(project: Project) -> Allowlist:
    """The redactor's public words: the data files, ``allowlist:`` in openness.yml and the public
    words answered in ``openness review`` (``allowlist.yaml``)."""
    from redaction.allowlist import Allowlist
    from site_builder.gate.answers import public_terms

    s = project.settings
    terms = tuple([*(str(t) for t in s.get("allowlist", []) or []), *public_terms(project)])
    contacts = tuple(project.public_contacts)
    return Allowlist.load(terms, contacts)
