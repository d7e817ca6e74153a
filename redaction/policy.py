"""The publish policy: which meeting types are published, and when a review goes live.

The policy is YAML data (``data/policy.yaml``, or ``policy.yaml`` in a partnership's project
folder). The build enforces it and the "what we publish" table is generated from it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from redaction.errors import ConfigError, PolicyError
from redaction.schema import Date, Integer, Option, Text, ValidationError, load_yaml, validate
from redaction.sources import Minutes

log = logging.getLogger(__name__)

DEFAULT_POLICY = Path(__file__).parent / "data" / "policy.yaml"


class Boolean(Option):
    """``true`` or ``false``."""

    def validate(self, value: Any) -> bool:
        if not isinstance(value, bool):
            raise ValidationError("must be true or false")
        return value


MEETING_SCHEMA: dict[str, Option] = {
    "name": Text(),
    "publish": Boolean(),
    "board": Boolean(required=False, default=False),
    "what_we_publish": Text(),
    "next_meeting": Date(required=False),
}
REVIEW_SCHEMA: dict[str, Option] = {
    "show_withheld": Boolean(required=False, default=True),
    "retention_days": Integer(minimum=365, maximum=36500, required=False, default=365),
}


@dataclass(frozen=True)
class MeetingPolicy:
    key: str
    name: str
    publish: bool
    board: bool
    what_we_publish: str
    next_meeting: dt.date | None


@dataclass(frozen=True)
class Policy:
    path: Path
    meetings: dict[str, MeetingPolicy]
    show_withheld: bool
    retention_days: int

    def meeting(self, key: Any, file: Path | str) -> MeetingPolicy:
        """The policy for a minutes file's ``meeting``; unknown types stop the build."""
        if key not in self.meetings:
            known = ", ".join(sorted(self.meetings))
            raise PolicyError(f"is not a known meeting type (known: {known})", file=file, key="meeting")
        return self.meetings[key]

    def publishes(self, minutes: Minutes) -> bool:
        """Whether a minutes file reaches the site: its meeting type is published and it is approved
        (a draft never is). An unknown meeting type stops the build."""
        return self.meeting(minutes.meeting, minutes.rel).publish and minutes.status == "approved"

    def check_minutes(self, minutes: Iterable[Minutes], as_of: dt.date) -> None:
        """Every minutes file names a known meeting type, and no approved minutes are dated after
        the build date (a draft may be: it is written before the meeting it plans)."""
        for m in minutes:
            self.meeting(m.meeting, m.rel)
            if m.status == "approved" and m.date > as_of:
                raise PolicyError(
                    f"approved minutes dated {m.date.isoformat()}, after the build date {as_of.isoformat()}: "
                    "correct the date, or mark them 'status: draft' until the meeting has approved them",
                    file=m.rel,
                    key="date",
                )

    def what_we_publish_markdown(self) -> str:
        """The Openness Statement's table, generated from the same data the build enforces."""
        rows = ["| Meeting | Published on this site | What we publish |", "|---|---|---|"]
        for m in self.meetings.values():
            rows.append(f"| {m.name} | {'Yes' if m.publish else 'No'} | {m.what_we_publish} |")
        return "\n".join(rows)


def load_policy(project: Path | None = None) -> Policy:
    """Load the project's ``policy.yaml`` if it has one, otherwise the default policy."""
    path = DEFAULT_POLICY
    if project is not None and (project / "policy.yaml").is_file():
        path = project / "policy.yaml"
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read the publish policy: {exc}", file=path) from None
    if not isinstance(data, dict) or not isinstance(data.get("meetings"), dict) or not data["meetings"]:
        raise ConfigError("the publish policy needs a non-empty 'meetings' mapping", file=path, key="meetings")
    meetings = {}
    for key, entry in data["meetings"].items():
        try:
            v = validate(MEETING_SCHEMA, entry)
        except ValidationError as exc:
            raise ConfigError(str(exc), file=path, key=f"meetings.{key}.{exc.key or ''}".rstrip(".")) from None
        meetings[str(key)] = MeetingPolicy(
            str(key), v["name"], v["publish"], v["board"], v["what_we_publish"], v["next_meeting"]
        )
    try:
        reviews = validate(REVIEW_SCHEMA, data.get("reviews") or {})
    except ValidationError as exc:
        raise ConfigError(str(exc), file=path, key=f"reviews.{exc.key}") from None
    return Policy(path, meetings, reviews["show_withheld"], reviews["retention_days"])
