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
            raise ValidationError(f"'{text}' is not a date in the form YYYY-MM-DD")
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValidationError(f"'{text}' is not a real calendar date") from None


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


class TextDateLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so the schema can check them and name the key
    (PyYAML itself would crash on 2025-02-30 with no key and no file)."""


TextDateLoader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str) -> Any:
    """Parse YAML safely, with dates left as text."""
    return yaml.load(text, Loader=TextDateLoader)


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
