"""Shared fixtures: one spaCy-backed Analyzer per session, one built synthetic partnership per session.

Tests that need a project to modify take ``partnership_copy`` (a copy of the built project, with its
site, staging folder and warm analysis cache), so the expensive build runs once.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
# No build of the suite leaves a model server behind (site_builder/model_server.py); the tests of
# the server start their own, in a folder of their own, and stop it.
os.environ["OPENNESS_MODEL_SERVER"] = "0"

from helpers import AS_OF, make_partnership


@pytest.fixture(scope="session")
def allowlist():
    from redaction.allowlist import Allowlist

    return Allowlist.load()


@pytest.fixture(scope="session")
def analyzer(allowlist):
    """The whole analysis engine (loads the spaCy model once per session)."""
    from redaction.analyzer import Analyzer

    return Analyzer(allowlist)


@pytest.fixture(scope="session")
def built_partnership(tmp_path_factory) -> Path:
    """The synthetic partnership (tests/helpers.py), built once with ``--as-of`` AS_OF. Do not modify."""
    from site_builder.cli import main

    root = make_partnership(tmp_path_factory.mktemp("built") / "project")
    code = main(["--project", str(root), "build", "--as-of", AS_OF.isoformat()])
    if code != 0:
        pytest.fail(f"the synthetic partnership did not build (exit {code}); see the captured stderr")
    return root


@pytest.fixture
def partnership_copy(built_partnership, tmp_path) -> Path:
    """A private copy of the built synthetic partnership, safe to modify."""
    dest = tmp_path / "project"
    shutil.copytree(built_partnership, dest, symlinks=True)
    return dest
