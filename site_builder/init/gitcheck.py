"""Is anything private about to be committed? ``register.yaml`` holds staff names and ``.openness/``
the audit of every replacement, with the original names: both must be git-ignored and untracked.

Only git's own answers are used (``git ls-files``, ``git check-ignore --no-index``). Where git is
missing or the project is not in a repository there is nothing to commit, so nothing is said.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from pathlib import Path

log = logging.getLogger(__name__)

#: A register named like this is a synthetic sample, committed on purpose (register.example.yaml).
SAMPLE_SUFFIX = ".example.yaml"


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    git = shutil.which("git")
    if git is None:
        return None
    try:
        return subprocess.run([git, "-C", str(root), *args], capture_output=True, text=True, check=False, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None


def in_repository(root: Path) -> bool:
    proc = _git(root, "rev-parse", "--is-inside-work-tree")
    return proc is not None and proc.returncode == 0 and proc.stdout.strip() == "true"


def exposed(root: Path, rel: str, probe: str) -> str | None:
    """How ``rel`` could reach the repository ("tracked" or "not ignored"), or None when it cannot.
    ``probe`` is the path asked about (a file inside a folder, so folder patterns are honoured)."""
    tracked = _git(root, "ls-files", "--", rel)
    if tracked is not None and tracked.returncode == 0 and tracked.stdout.strip():
        return "tracked by git"
    ignored = _git(root, "check-ignore", "-q", "--no-index", "--", probe)
    if ignored is not None and ignored.returncode == 1:  # 0: ignored; 1: not ignored; 128: error
        return "not git-ignored"
    return None


def private_files_warning(root: Path, register: Path) -> str | None:
    """One line naming every private path that git would track or commit, or None."""
    if not in_repository(root):
        return None
    checks = [(".openness/", ".openness/audit/openness-probe.json")]
    names = {"register.yaml"}
    if register.resolve().is_relative_to(root.resolve()):  # one outside the folder is not ours to judge
        names.add(register.resolve().relative_to(root.resolve()).as_posix())
    checks += [(n, n) for n in sorted(names) if not n.endswith(SAMPLE_SUFFIX)]
    problems = [f"{rel} is {why}" for rel, probe in checks if (why := exposed(root, rel, probe))]
    if not problems:
        return None
    return (
        f"private files could be committed: {'; '.join(problems)}. They hold real names: add them to "
        ".gitignore (see 'openness init') and, if tracked, remove them with 'git rm --cached'"
    )
