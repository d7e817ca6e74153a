"""Create a new partnership's folder from the templates beside this module.

The folder gets content pages carrying the partnership's name (gaps to fill are marked
``[to fill: ...]``), mkdocs.yml, openness.yml (checklist required), a policy.yaml with every meeting
type and no dates, empty minutes/ and reviews/ (each with a README that is never read as a source),
a .gitignore for everything private, and a git repository when it is not already in one.

User files are never overwritten: a folder that holds anything else is refused, and a folder
that is already an openness project only gets what it lacks of the safety files (.gitignore
lines, minutes/, reviews/, a repository).
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from redaction.errors import ConfigError
from redaction.policy import DEFAULT_POLICY
from site_builder.init.gitcheck import in_repository

log = logging.getLogger(__name__)
TEMPLATES = Path(__file__).parent / "templates"
PLACEHOLDER = "[to fill: partnership name]"
#: Entries a folder may hold and still count as empty (a freshly cloned, empty repository).
EMPTY_ENOUGH = {".git"}


@dataclass
class InitResult:
    root: Path
    created: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def check_name(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > 120 or any(c in name for c in "<>{}[]`|#"):
        raise ConfigError(
            "the partnership name must be plain text of 1 to 120 characters, without < > { } [ ] ` | #",
            key="--name",
        )
    return name


def is_project(root: Path) -> bool:
    """An openness project: mkdocs.yml with openness.yml, minutes/ or reviews/ beside it."""
    return (root / "mkdocs.yml").is_file() and any((root / n).exists() for n in ("openness.yml", "minutes", "reviews"))


def fill(text: str, name: str) -> str:
    return text.replace("{{ name_yaml }}", json.dumps(name, ensure_ascii=False)).replace("{{ name }}", name)


def policy_text(name: str) -> str:
    """The bundled policy's meeting types (which carry no dates) under a header for this partnership."""
    default = DEFAULT_POLICY.read_text(encoding="utf-8")
    body = default[default.index("meetings:") :]
    return fill((TEMPLATES / "policy-header.yaml").read_text(encoding="utf-8"), name) + body


def planned_files(name: str) -> dict[str, str]:
    """Every file of a new project, by relative path."""
    files: dict[str, str] = {}
    for path in sorted(TEMPLATES.rglob("*")):
        rel = path.relative_to(TEMPLATES).as_posix()
        if path.is_file() and rel not in ("policy-header.yaml", "gitignore"):
            files[rel] = fill(path.read_text(encoding="utf-8"), name)
    files["policy.yaml"] = policy_text(name)
    files[".gitignore"] = (TEMPLATES / "gitignore").read_text(encoding="utf-8")
    return files


def add_ignores(root: Path, result: InitResult) -> None:
    """Append the template's ignore lines that an existing .gitignore lacks (nothing is removed)."""
    path = root / ".gitignore"
    template = (TEMPLATES / "gitignore").read_text(encoding="utf-8")
    have = set(path.read_text(encoding="utf-8").splitlines()) if path.is_file() else set()
    wanted = [ln for ln in template.splitlines() if ln and not ln.startswith("#") and ln not in have]
    if not path.is_file():
        path.write_text(template, encoding="utf-8")
        result.created.append(".gitignore")
    elif wanted:
        text = path.read_text(encoding="utf-8")
        sep = "" if text.endswith("\n") or not text else "\n"
        path.write_text(text + sep + "# added by openness init: private files\n" + "\n".join(wanted) + "\n")
        result.notes.append(f".gitignore: added {', '.join(wanted)}")


def git_init(root: Path, result: InitResult) -> None:
    git = shutil.which("git")
    if git is None:
        result.notes.append("git is not installed: no repository created (the .gitignore is ready for one)")
        return
    if in_repository(root):
        return
    proc = subprocess.run([git, "init", "-q", str(root)], capture_output=True, text=True, check=False, timeout=60)
    if proc.returncode != 0:
        raise ConfigError(f"git init failed: {' '.join(proc.stderr.split())[:300]}", file=root)
    result.notes.append("created a git repository: keep it private; publish only the built site/")


def init_project(root: Path, name: str | None) -> InitResult:
    """Create (or complete) the partnership folder ``root``. Raises ConfigError when it cannot."""
    root = root.resolve()
    result = InitResult(root)
    if root.exists() and not root.is_dir():
        raise ConfigError("exists and is not a folder", file=root)
    entries = {p.name for p in root.iterdir()} if root.is_dir() else set()
    if is_project(root):
        for folder in ("minutes", "reviews"):
            if not (root / folder).exists():
                (root / folder).mkdir()
                result.created.append(f"{folder}/")
        add_ignores(root, result)
        git_init(root, result)
        result.notes.append("already an openness project: nothing else was changed")
        return result
    if entries - EMPTY_ENOUGH:
        raise ConfigError(
            f"is not empty and is not an openness project ({len(entries - EMPTY_ENOUGH)} entries, e.g. "
            f"'{sorted(entries - EMPTY_ENOUGH)[0]}'): choose a new or empty folder; nothing was written",
            file=root,
        )
    if name is None:
        name = PLACEHOLDER
        result.notes.append(
            f"no --name given: pages say '{PLACEHOLDER}'; replace it in mkdocs.yml, openness.yml and content/"
        )
    else:
        name = check_name(name)
    files = planned_files(name)
    root.mkdir(parents=True, exist_ok=True)
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as fh:  # "x": never overwrite, even in a race
            fh.write(text)
        result.created.append(rel)
    git_init(root, result)
    log.info("created %s", root)
    return result
