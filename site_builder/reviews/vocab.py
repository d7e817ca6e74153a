"""Review vocabularies kept as data: the themes (``themes.yaml``) and the pre-publication checklist.

The default themes are ``redaction/data/themes.yaml``; a partnership may replace them with a
``themes.yaml`` beside its mkdocs.yml. The checklist items (Appendix 3 of the practice review
guidance) are ``checklist.yaml`` beside this module.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from redaction.errors import ConfigError
from redaction.policy import DEFAULT_POLICY
from redaction.schema import load_data
from redaction.sources import REVIEW_TYPES

log = logging.getLogger(__name__)

DEFAULT_THEMES = DEFAULT_POLICY.parent / "themes.yaml"
CHECKLIST = Path(__file__).parent / "checklist.yaml"


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    text: str
    after_publication: bool = False
    types: tuple[str, ...] = ()  # the review types it applies to; empty: every type

    def applies_to(self, review_type: str) -> bool:
        return not self.types or review_type in self.types


def _read_mapping(path: Path, key: str) -> dict[str, Any]:
    try:
        data = load_data(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read: {exc}", file=path) from None
    if not isinstance(data, dict) or not isinstance(data.get(key), dict) or not data[key]:
        raise ConfigError(f"needs a non-empty '{key}' mapping", file=path, key=key)
    return data[key]


def themes_file(project_root: Path | None) -> Path:
    if project_root is not None and (project_root / "themes.yaml").is_file():
        return project_root / "themes.yaml"
    return DEFAULT_THEMES


def load_themes(project_root: Path | None = None) -> dict[str, str]:
    """Theme key -> label, in the order of the file."""
    path = themes_file(project_root)
    out: dict[str, str] = {}
    for key, label in _read_mapping(path, "themes").items():
        if not isinstance(label, str) or not label.strip():
            raise ConfigError("each theme needs a label (text)", file=path, key=f"themes.{key}")
        out[str(key)] = label.strip()
    return out


def load_checklist(path: Path = CHECKLIST) -> list[ChecklistItem]:
    """The pre-publication checklist items, in order (each with the review types it applies to)."""
    items = []
    for key, entry in _read_mapping(path, "items").items():
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
            raise ConfigError("each item needs a 'text'", file=path, key=f"items.{key}")
        types = entry.get("types", [])
        if not isinstance(types, list) or any(t not in REVIEW_TYPES for t in types):
            raise ConfigError(
                f"'types' must list review types ({', '.join(REVIEW_TYPES)})", file=path, key=f"items.{key}"
            )
        items.append(ChecklistItem(str(key), entry["text"], bool(entry.get("after_publication", False)), tuple(types)))
    return items


def checklist_for(review_type: str, items: list[ChecklistItem]) -> list[ChecklistItem]:
    """The items that apply to one review type, in order."""
    return [i for i in items if i.applies_to(review_type)]
