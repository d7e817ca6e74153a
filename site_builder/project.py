"""A partnership's project folder: ``content/ minutes/ reviews/ mkdocs.yml`` (and optional
``policy.yaml``, ``openness.yml``, private ``register.yaml``). Private working files live in
``.openness/`` (git-ignored): the staging docs, the analysis cache and the audit reports."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from redaction.errors import ConfigError
from redaction.schema import (
    Choice,
    ListOf,
    Mapping_,
    Option,
    Text,
    TextList,
    ValidationError,
    load_bounded,
    load_yaml,
    validate,
)

LINK_SCHEMA: dict[str, Option] = {"title": Text(), "url": Text()}
#: The banner at the top of every page: where to go when worried about someone.
HELP_SCHEMA: dict[str, Option] = {
    "heading": Text(required=False, default="Worried about a child or an adult?"),
    "emergency": Text(required=False, default="In an emergency call 999"),
    "links": ListOf(Mapping_(LINK_SCHEMA), required=False, default=[]),
}
SETTINGS_SCHEMA: dict[str, Option] = {
    "partnership": Text(required=False),
    "logo": Text(required=False),  # site_builder.branding
    "primary_colour": Text(required=False),
    "help": Mapping_(HELP_SCHEMA, required=False),
    "generator": Choice(("mkdocs", "zensical"), required=False),  # site_builder.generator
    "public_contacts": TextList(required=False, default=[]),
    "allowlist": TextList(required=False, default=[]),
    "register": Text(required=False, default="register.yaml"),
    "gate": Option(required=False, default={}),  # validated by site_builder.gate.config
    # recommended: `openness status` lists unticked items; required: a review cannot go live without them
    "checklist": Choice(("recommended", "required"), required=False, default="recommended"),
}


class _Lenient(yaml.SafeLoader):
    """Reads mkdocs.yml with its ``!ENV`` and ``!!python/name`` tags kept as plain values."""


_Lenient.add_multi_constructor(
    "",
    lambda loader, suffix, node: (
        loader.construct_scalar(node)
        if isinstance(node, yaml.ScalarNode)
        else loader.construct_sequence(node)
        if isinstance(node, yaml.SequenceNode)
        else loader.construct_mapping(node)
    ),
)


def format_date(d: dt.date) -> str:
    """Dates as GOV.UK writes them: 11 March 2024."""
    return f"{d.day} {d:%B %Y}"


def slugify(text: str, limit: int = 80) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "page"


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def find(cls, root: Path | None = None) -> Project:
        root = (root or Path.cwd()).resolve()
        if not (root / "mkdocs.yml").is_file():
            raise ConfigError(
                "no mkdocs.yml here: run openness in a project folder (content/ minutes/ reviews/ mkdocs.yml)",
                file=root,
            )
        return cls(root)

    @property
    def work(self) -> Path:
        return self.root / ".openness"

    @property
    def staging(self) -> Path:
        return self.work / "docs"

    @property
    def next_staging(self) -> Path:
        """A build's staged docs and manifest before the gate has passed them."""
        return self.work / "next"

    @property
    def cache(self) -> Path:
        return self.work / "cache"

    @property
    def audit(self) -> Path:
        return self.work / "audit"

    @property
    def register_file(self) -> Path:
        return self.root / str(self.settings.get("register", "register.yaml"))

    @functools.cached_property
    def settings(self) -> dict[str, Any]:
        """``openness.yml``: partnership name, public contacts, extra public terms, gate mode."""
        path = self.root / "openness.yml"
        if not path.is_file():
            return {}
        try:
            data = load_yaml(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"cannot read settings: {exc}", file=path) from None
        if not isinstance(data, dict):
            raise ConfigError("must be a mapping", file=path)
        try:
            return validate(SETTINGS_SCHEMA, data, allow_unknown=False)
        except ValidationError as exc:
            raise ConfigError(str(exc), file=path, key=exc.key) from None

    @property
    def checklist_required(self) -> bool:
        """``checklist: required`` in openness.yml: reviews go live only with their checklist ticked."""
        return self.settings.get("checklist") == "required"

    @functools.cached_property
    def mkdocs_config(self) -> dict[str, Any]:
        """``mkdocs.yml`` read as plain data (its ``!ENV``/``!!python`` tags kept as values)."""
        path = self.root / "mkdocs.yml"
        try:
            data = load_bounded(path.read_text(encoding="utf-8"), _Lenient) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"cannot read: {exc}", file=path) from None
        if not isinstance(data, dict):
            raise ConfigError("must be a mapping", file=path)
        return data

    @property
    def public_contacts(self) -> list[str]:
        """Contact details the site publishes on purpose: ``public_contacts`` in openness.yml and
        ``extra.public_contacts`` in mkdocs.yml (which travels with the site's own pages)."""
        extra = self.mkdocs_config.get("extra") or {}
        from_site = extra.get("public_contacts", []) if isinstance(extra, dict) else []
        if not isinstance(from_site, list):
            raise ConfigError("must be a list", file=self.root / "mkdocs.yml", key="extra.public_contacts")
        return [str(c) for c in [*self.settings.get("public_contacts", []), *from_site]]

    def default_site_dir(self) -> Path:
        return self.root / "site"
