"""One exception hierarchy for the whole tool.

Every error that reaches a user is one line naming the file (and the key or line where known),
so a comms officer can find and fix the problem. Nothing is ever skipped silently.
"""

from __future__ import annotations

from pathlib import Path


class OpennessError(Exception):
    """Base class of every error the tool reports. ``exit_code`` is the process exit status."""

    exit_code = 2

    def __init__(
        self, message: str, *, file: Path | str | None = None, key: str | None = None, line: int | None = None
    ) -> None:
        self.message = message
        self.file = str(file) if file is not None else None
        self.key = key
        self.line = line
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = []
        if self.file:
            where.append(self.file + (f":{self.line}" if self.line else ""))
        if self.key:
            where.append(f"key '{self.key}'")
        prefix = ": ".join(where)
        text = " ".join(self.message.split())
        return f"{prefix}: {text}" if prefix else text


class SourceError(OpennessError):
    """A minutes or review source cannot be read or fails the schema."""

    exit_code = 1


class PolicyError(SourceError):
    """The publish policy is malformed, or a source names a meeting type it does not know."""


class ConfigError(OpennessError):
    """The project layout, the register or another configuration file is unusable (exit 2)."""

    exit_code = 2


class BuildError(OpennessError):
    """The static site generator failed."""

    exit_code = 1


class GateBlocked(OpennessError):
    """The publication gate found personal data (or an unstamped page) in the output."""

    exit_code = 1
