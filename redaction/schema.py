"""Front matter schema: one typed class per kind of value, each with a docstring.

Modelled on ``mkdocs.config.config_options``: a schema is a mapping of key to option; validation
returns the converted value or raises :class:`ValidationError`, which the caller turns into a
:class:`~redaction.errors.SourceError` naming the file and the key.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ValidationError(ValueError):
    """A value does not fit its option. ``key`` may name a nested key such as ``people[2].name``."""

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


class Option:
    """Base option: a key that must be present unless ``required`` is false."""

    def __init__(self, *, required: bool = True, default: Any = None) -> None:
        self.required = required
        self.default = default

    def validate(self, value: Any) -> Any:
        return value


class Text(Option):
    """A non-empty string (numbers are not accepted: quote them)."""

    def validate(self, value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise ValidationError("must be a non-empty text value")
        return value.strip()


class Date(Option):
    """A calendar date written YYYY-MM-DD that exists (2025-02-30 is refused)."""

    def validate(self, value: Any) -> dt.date:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        text = str(value).strip()
        if not DATE_RE.match(text):
            raise ValidationError("is not a date in the form YYYY-MM-DD")  # never echo the value
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValidationError("is not a real calendar date (YYYY-MM-DD)") from None


class Choice(Option):
    """One of a fixed set of strings."""

    def __init__(self, choices: Sequence[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.choices = tuple(choices)

    def validate(self, value: Any) -> str:
        if value not in self.choices:
            # The value itself is not echoed: a mistyped field may hold a name ("withheld until X's trial").
            raise ValidationError(f"must be one of: {', '.join(self.choices)}")
        return str(value)


class Integer(Option):
    """A whole number within ``[minimum, maximum]``."""

    def __init__(self, minimum: int = 0, maximum: int = 130, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.minimum, self.maximum = minimum, maximum

    def validate(self, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError("must be a whole number")
        if not self.minimum <= value <= self.maximum:
            raise ValidationError(f"must be between {self.minimum} and {self.maximum}")
        return value


class TextList(Option):
    """A list of non-empty strings (a single string is accepted as a list of one)."""

    def validate(self, value: Any) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise ValidationError("must be a list of text values")
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                raise ValidationError(f"item {i + 1} must be a non-empty text value")
            out.append(item.strip())
        return out


class Mapping_(Option):
    """A nested mapping validated against its own schema (used for each review person)."""

    def __init__(self, schema: Mapping[str, Option], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.schema = schema

    def validate(self, value: Any) -> dict[str, Any]:
        return validate(self.schema, value)


class ListOf(Option):
    """A list whose items are each validated by ``item``; errors name ``key[n].subkey``."""

    def __init__(self, item: Option, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.item = item

    def validate(self, value: Any) -> list[Any]:
        if not isinstance(value, list):
            raise ValidationError("must be a list")
        out = []
        for i, item in enumerate(value):
            try:
                out.append(self.item.validate(item))
            except ValidationError as exc:
                raise ValidationError(str(exc), f"[{i + 1}]" + (f".{exc.key}" if exc.key else "")) from None
        return out


def unknown_key_message(key: str, known: Iterable[str]) -> str:
    """Why ``key`` is refused, with the closest known key suggested (a typo is the usual cause)."""
    names = [str(k) for k in known]
    close = difflib.get_close_matches(key.lower(), names, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"unknown key{hint} (known: {', '.join(names)})"


def validate(schema: Mapping[str, Option], data: Any, allow_unknown: bool = True) -> dict[str, Any]:
    """Validate ``data`` against ``schema``. Unknown keys are kept as they are (front matter may
    carry extra optional keys) unless ``allow_unknown`` is false (settings: a typo is an error)."""
    if not isinstance(data, dict):
        raise ValidationError("must be a mapping of keys to values")
    if not allow_unknown:
        unknown = sorted(str(k) for k in data if k not in schema)
        if unknown:
            raise ValidationError(unknown_key_message(unknown[0], schema), unknown[0])
    out: dict[str, Any] = {k: v for k, v in data.items() if k not in schema}
    for key, option in schema.items():
        if key not in data or data[key] is None:
            if option.required:
                raise ValidationError("is missing", key)
            out[key] = option.default
            continue
        try:
            out[key] = option.validate(data[key])
        except ValidationError as exc:
            nested = (
                f"{key}{exc.key}" if exc.key and exc.key.startswith("[") else (f"{key}.{exc.key}" if exc.key else key)
            )
            raise ValidationError(str(exc), nested) from None
    return out


_SafeBase: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's C parser where installed


class TextDateLoader(_SafeBase):
    """Safe loader (libyaml's C parser where installed) that leaves dates as text, so the schema
    can check them and name the key (PyYAML itself would crash on 2025-02-30 with no key and no file)."""


TextDateLoader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

#: The most nodes a YAML document may expand to once its aliases are followed. Real front
#: matter and settings have a few hundred; "billion laughs" documents have billions.
MAX_EXPANDED_NODES = 100_000


class YamlBombError(yaml.YAMLError):
    """A YAML document whose aliases expand beyond :data:`MAX_EXPANDED_NODES`."""

    problem = "its aliases (&anchor / *alias) expand to too many values; refusing to read it"

    def __str__(self) -> str:
        return self.problem


def expanded_size(node: yaml.Node, limit: int = MAX_EXPANDED_NODES) -> int:
    """How many nodes ``node`` stands for with every alias expanded (stops counting past ``limit``)."""
    sizes: dict[int, int] = {}

    def size(n: yaml.Node) -> int:
        if id(n) in sizes:
            return sizes[id(n)]
        sizes[id(n)] = limit + 1  # a cycle counts as too large
        total = 1
        if isinstance(n, yaml.SequenceNode):
            total += sum(min(size(c), limit + 1) for c in n.value)
        elif isinstance(n, yaml.MappingNode):
            total += sum(min(size(k), limit + 1) + min(size(v), limit + 1) for k, v in n.value)
        sizes[id(n)] = min(total, limit + 1)
        return sizes[id(n)]

    return size(node)


def load_bounded(text: str, loader_class: Any) -> Any:
    """Parse one YAML document with ``loader_class``, refusing alias bombs before constructing it."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if expanded_size(node) > MAX_EXPANDED_NODES:
            raise YamlBombError()
        return loader.construct_document(node)
    finally:
        loader.dispose()


def load_data(text: str) -> Any:
    """Parse YAML safely with PyYAML's own types (dates as dates): the C parser where installed,
    alias bombs refused. For data files, settings and answers; front matter uses :func:`load_yaml`."""
    return load_bounded(text, _SafeBase)


def load_yaml(text: str) -> Any:
    """Parse YAML safely, with dates left as text and alias bombs refused."""
    return load_bounded(text, TextDateLoader)


def load_yaml_list(path: Path, key: str, what: str) -> list[Any]:
    """The list under ``key`` in the YAML file at ``path`` (a missing file is an empty list).
    Any problem is a :class:`~redaction.errors.ConfigError` naming the file and the key."""
    from redaction.errors import ConfigError

    if not path.is_file():
        return []
    try:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read {what}: {exc}", file=path) from None
    entries = data.get(key, []) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ConfigError(f"must hold a list under '{key}'", file=path, key=key)
    return entries
