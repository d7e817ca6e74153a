"""The answers a person gives to the gate's questions, kept in the partnership's own files.

* **Public word** -> ``allowlist.yaml`` beside mkdocs.yml (committed): ``public: [{text, by, on}]``.
  The redactor reads it too (with ``allowlist:`` of openness.yml), so the word is public everywhere.
* **A person: redact** -> the private register (``register.yaml``, git-ignored):
  ``people: [{name, role, answered_by, answered_on}]``. The role is the text readers see instead
  (``[name withheld]`` by default); the name is replaced in every document from the next build on.
* **This occurrence only** -> ``decisions.yaml`` (committed): ``occurrences: [{key, page, by, on}]``;
  the key hashes the page, the words and their sentence (``questions.occurrence_key``), so the same
  words elsewhere, or in a changed sentence, are asked about again.

Entries are appended as text, so comments and order in the files stay as people wrote them.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import subprocess
from pathlib import Path
from typing import Any

import yaml

from redaction.errors import ConfigError
from redaction.schema import load_data
from site_builder.gate.vocabulary import fold
from site_builder.project import Project

log = logging.getLogger(__name__)
ALLOWLIST = "allowlist.yaml"
DECISIONS = "decisions.yaml"
HEADERS = {
    ALLOWLIST: "# Public words and phrases, answered in 'openness review' (or added by hand): never redacted,\n"
    "# never asked about again. Commit this file.\npublic:\n",
    DECISIONS: "# Single occurrences a person has cleared in 'openness review' (page + hashed sentence).\n"
    "# Commit this file.\noccurrences:\n",
}
DEFAULT_ROLE = "[name withheld]"
TITLE = re.compile(r"^(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|Prof|Professor|Sir|Dame|Rev)\.?\s+)+", re.I)


def _read(path: Path, key: str) -> list[Any]:
    if not path.is_file():
        return []
    try:
        data = load_data(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read: {exc}", file=path) from None
    if not isinstance(data, dict) or not isinstance(data.get(key) or [], list):
        raise ConfigError(f"must hold a list under '{key}'", file=path, key=key)
    return list(data.get(key) or [])


def public_terms(project: Project) -> list[str]:
    """Every public word answered in ``allowlist.yaml`` (entries may be plain strings)."""
    path = project.root / ALLOWLIST
    out = []
    for i, entry in enumerate(_read(path, "public"), 1):
        text = entry.get("text") if isinstance(entry, dict) else entry
        if not isinstance(text, str) or not text.strip():
            raise ConfigError("needs a non-empty 'text'", file=path, key=f"public[{i}]")
        out.append(text.strip())
    return out


def decided(project: Project) -> set[str]:
    """The occurrence keys cleared once ("this occurrence only")."""
    path = project.root / DECISIONS
    return {str(e.get("key")) for e in _read(path, "occurrences") if isinstance(e, dict) and e.get("key")}


def register_names(project: Project) -> set[str]:
    """Folded names and aliases of the private register (answered as people, or written by hand)."""
    out = set()
    for e in _read(project.register_file, "people"):
        if isinstance(e, dict):
            out |= {fold(str(n)) for n in [e.get("name"), *(e.get("aliases") or [])] if n}
    return out


def reviewer(given: str | None, root: Path) -> str:
    """Who answers: ``--reviewer``, else ``git config user.name``; nobody is an error."""
    if given and given.strip():
        return given.strip()
    try:
        proc = subprocess.run(
            ["git", "config", "user.name"], cwd=root, capture_output=True, text=True, check=False, timeout=10
        )
        name = proc.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        name = ""
    if not name:
        raise ConfigError("say who is answering: --reviewer NAME (or set git config user.name)", file=root)
    return name


def _append(path: Path, key: str, entry: dict[str, str], header: str | None) -> None:
    """Append one list item as YAML text, checking that the file still reads as intended."""
    before = _read(path, key)
    item = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)
    item = "".join("  " + ln + "\n" for ln in item.splitlines())
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        if not re.search(rf"^{key}:", text, re.M):
            text = text.rstrip("\n") + f"\n{key}:\n"
        new = text if text.endswith("\n") else text + "\n"
        new += item
    else:
        new = (header or f"{key}:\n") + item
    after = load_data(new) or {}
    if (
        not isinstance(after, dict)
        or list(after.get(key) or [])[: len(before)] != before
        or len(after[key]) != len(before) + 1
    ):
        data = load_data(path.read_text(encoding="utf-8")) if path.is_file() else {}
        data = data if isinstance(data, dict) else {}
        data[key] = [*before, entry]
        new = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(new, encoding="utf-8")
    log.info("answer recorded in %s", path.name)


def today() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def answer_public(project: Project, text: str, who: str) -> None:
    _append(
        project.root / ALLOWLIST,
        "public",
        {"text": " ".join(text.split()), "by": who, "on": today()},
        HEADERS[ALLOWLIST],
    )


def answer_person(project: Project, text: str, who: str, role: str | None = None) -> None:
    name = TITLE.sub("", " ".join(text.split())).strip() or text.strip()
    entry = {"name": name, "role": (role or "").strip() or DEFAULT_ROLE, "answered_by": who, "answered_on": today()}
    _append(project.register_file, "people", entry, "# PRIVATE register of people: never commit.\npeople:\n")


def answer_once(project: Project, key: str, page: str, who: str) -> None:
    _append(
        project.root / DECISIONS,
        "occurrences",
        {"key": key, "page": page, "by": who, "on": today()},
        HEADERS[DECISIONS],
    )
