"""The gate's settings, from the ``gate:`` section of ``openness.yml``.

```yaml
gate:
  names: warn            # block | warn | approve: what a person name found by the NER does
  approvals: approvals.yaml   # reviewed approvals of names (used in approve mode)
  ner: true              # run the NER over page text at all
  questions: block       # block | warn: whether open questions stop a build
```

Declared identities, structured identifiers and missing or invalid stamps always block.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redaction.errors import ConfigError
from site_builder.project import Project

log = logging.getLogger(__name__)
NAME_MODES = ("block", "warn", "approve")
KNOWN_KEYS = {"names", "approvals", "ner", "questions"}
QUESTION_MODES = ("block", "warn")


@dataclass(frozen=True)
class GateConfig:
    names: str = "warn"
    approvals: Path | None = None
    ner: bool = True
    questions: str = "block"


def load_gate_config(project: Project) -> GateConfig:
    """Read and validate ``gate:``; a bad value is a :class:`ConfigError` (exit 2)."""
    where = project.root / "openness.yml"
    raw: Any = project.settings.get("gate") or {}
    if not isinstance(raw, dict):
        raise ConfigError("must be a mapping", file=where, key="gate")
    unknown = set(raw) - KNOWN_KEYS
    if unknown:
        raise ConfigError(
            f"unknown {'setting' if len(unknown) == 1 else 'settings'} {', '.join(sorted(map(str, unknown)))}; "
            f"known: {', '.join(sorted(KNOWN_KEYS))}",
            file=where,
            key="gate",
        )
    names = str(raw.get("names", "warn")).strip().lower()
    if names not in NAME_MODES:
        raise ConfigError(f"'{names}' is not one of {', '.join(NAME_MODES)}", file=where, key="gate.names")
    ner = raw.get("ner", True)
    if not isinstance(ner, bool):
        raise ConfigError("must be true or false", file=where, key="gate.ner")
    approvals = project.root / str(raw.get("approvals", "approvals.yaml"))
    questions = str(raw.get("questions", "block")).strip().lower()
    if questions not in QUESTION_MODES:
        raise ConfigError(f"'{questions}' is not one of {', '.join(QUESTION_MODES)}", file=where, key="gate.questions")
    return GateConfig(names=names, approvals=approvals, ner=ner, questions=questions)
