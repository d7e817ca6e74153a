"""Reviewed approvals of person names the NER flags (``gate: {names: approve}``).

``approvals.yaml`` beside mkdocs.yml records who approved which name, on which page, when and why:

```yaml
approvals:
  - text: Dr Asha Fenwick
    page: about/            # site path of the page (``about/``, ``about/index.html``) or a glob (``*``)
    approved_by: J. Comms (communications officer)
    date: 2026-01-12
    reason: Independent Scrutineer, named in the published annual report
```

Every field is required; an approval without a reason or approver is a configuration error.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import logging
from dataclasses import dataclass
from pathlib import Path

from redaction.errors import ConfigError
from redaction.schema import load_yaml_list
from redaction.words import counted
from site_builder.gate.answers import TITLE
from site_builder.gate.vocabulary import fold

log = logging.getLogger(__name__)
FIELDS = ("text", "page", "approved_by", "date", "reason")


@dataclass(frozen=True)
class Approval:
    text: str
    page: str
    approved_by: str
    date: dt.date
    reason: str

    def covers(self, text: str, page: str) -> bool:
        """Same name (case, accents, spacing and a leading title aside) on a matching page."""
        return name_key(text) == name_key(self.text) and fnmatch.fnmatchcase(page_key(page), page_key(self.page))


def name_key(text: str) -> str:
    return fold(" ".join(TITLE.sub("", text.strip()).split()))


def page_key(page: str) -> str:
    """``about/index.html``, ``/about/`` and ``about`` all name the same page."""
    p = page.strip().strip("/")
    if p.endswith("index.html"):
        p = p[: -len("index.html")].rstrip("/")
    return p or "."


def load_approvals(path: Path | None) -> list[Approval]:
    """Read the approvals file; a missing file means no approvals."""
    if path is None:
        return []
    entries = load_yaml_list(path, "approvals", "approvals")
    out = []
    for i, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise ConfigError("must be a mapping", file=path, key=f"approvals[{i}]")
        for name in FIELDS:
            value = entry.get(name)
            if value is None or (isinstance(value, str) and not value.strip()):
                raise ConfigError("is required", file=path, key=f"approvals[{i}].{name}")
        when = entry["date"]
        if not isinstance(when, dt.date):
            try:
                when = dt.date.fromisoformat(str(when))
            except ValueError:
                raise ConfigError(
                    f"'{when}' is not a date (YYYY-MM-DD)", file=path, key=f"approvals[{i}].date"
                ) from None
        out.append(
            Approval(str(entry["text"]), str(entry["page"]), str(entry["approved_by"]), when, str(entry["reason"]))
        )
    log.info("%s read from %s", counted(len(out), "approval"), path.name)
    return out


def approved(approvals: list[Approval], text: str, page: str) -> Approval | None:
    return next((a for a in approvals if a.covers(text, page)), None)
