"""One context per command: sources read once, an immutable stage, and no spaCy where nothing is analysed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import AS_OF, REPO, make_partnership, nhs_number

import redaction.register
import redaction.sources
from redaction.errors import OpennessError
from redaction.memo import Memo
from site_builder import context
from site_builder.cli import main
from site_builder.context import load_context
from site_builder.project import Project
from site_builder.stage import prepare

HEAVY = ("spacy", "presidio_analyzer", "thinc")


@pytest.fixture
def gathers(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every call of ``gather`` (the reading of all sources), wherever it is imported from."""
    calls: list[Path] = []
    real = redaction.sources.gather

    def counting(
        project: Path, memo: Memo | None = None
    ) -> tuple[list[redaction.sources.Minutes], list[redaction.sources.Review]]:
        calls.append(project)
        return real(project, memo)

    for module in list(sys.modules.values()):
        if getattr(module, "gather", None) is real:
            monkeypatch.setattr(module, "gather", counting)
    return calls


def test_when_check_runs_then_the_sources_are_read_once(partnership_copy: Path, gathers: list[Path]) -> None:
    assert main(["--project", str(partnership_copy), "check"]) in (0, 1)
    assert len(gathers) == 1


@pytest.mark.slow
def test_when_build_runs_then_the_sources_are_read_once(partnership_copy: Path, gathers: list[Path]) -> None:
    assert main(["--project", str(partnership_copy), "build", "--as-of", AS_OF.isoformat()]) in (0, 1)
    assert len(gathers) == 1


def test_when_status_and_redact_run_then_the_sources_are_read_once(
    partnership_copy: Path, gathers: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--project", str(partnership_copy), "status"]) == 0
    assert len(gathers) == 1
    source = next((partnership_copy / "minutes").rglob("*.md"))
    assert main(["--project", str(partnership_copy), "redact", str(source)]) == 0
    assert len(gathers) == 2
    capsys.readouterr()


def test_when_stage_is_changed_then_it_refuses(partnership_copy: Path) -> None:
    stage = prepare(load_context(Project.find(partnership_copy), AS_OF), redact=False)
    assert stage.published and len(stage.texts) >= len(stage.published)
    with pytest.raises(dataclasses.FrozenInstanceError):
        stage.docs = ()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        stage.context.minutes = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        stage.redirects["old.md"] = "new.md"  # type: ignore[index]
    with pytest.raises(AttributeError):
        stage.texts.append("more")  # type: ignore[attr-defined]


def test_when_context_is_asked_twice_then_register_is_built_once(partnership_copy: Path, monkeypatch) -> None:
    built: list[int] = []
    real = redaction.register.build_register

    def counting(*args, **kwargs):
        built.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(redaction.register, "build_register", counting)
    ctx = load_context(Project.find(partnership_copy), AS_OF)
    assert ctx.register is ctx.register
    assert ctx.allowlist is ctx.register.allowlist
    assert len(built) == 1


def test_when_register_file_is_broken_then_status_still_reports(tmp_path: Path) -> None:
    """Status reads no register (as before the context), so a broken one does not stop it."""
    root = make_partnership(tmp_path / "p")
    project = Project(root)
    project.register_file.write_text("people: [unclosed\n", encoding="utf-8")
    assert main(["--project", str(root), "status"]) == 0
    with pytest.raises(OpennessError) as err:
        _ = load_context(project, dt.date.today()).register
    assert project.register_file.name in err.value.one_line()


def test_when_cli_is_imported_and_status_runs_then_spacy_and_presidio_are_not_imported(tmp_path: Path) -> None:
    root = make_partnership(tmp_path / "p")
    code = (
        "import sys\n"
        "import site_builder.cli as cli\n"
        f"heavy = {HEAVY!r}\n"
        "assert not [m for m in heavy if m in sys.modules], 'imported by the CLI'\n"
        f"assert cli.main(['--project', {str(root)!r}, 'status']) == 0\n"
        "print('LOADED', [m for m in heavy if m in sys.modules])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert "LOADED []" in proc.stdout


def test_when_engine_register_and_context_are_imported_then_no_model_library_loads() -> None:
    code = "import sys, redaction.engine, redaction.register, site_builder.context, site_builder.reviews.status\n"
    code += f"print([m for m in {HEAVY!r} if m in sys.modules])\n"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_when_build_gate_and_redactor_are_imported_then_no_model_library_loads_until_a_page_is_scanned() -> None:
    """A fully cached build or check runs the redactor's and the gate's rules (``redaction.text_rules``)
    without Presidio or spaCy; the identifier scanner imports Presidio on its first scan."""
    code = (
        "import sys\n"
        "import site_builder.build, site_builder.gate.check, redaction.redactor, redaction.redaction_cache\n"
        "from redaction.allowlist import Allowlist\n"
        "from site_builder.gate.identifiers import IdentifierScanner\n"
        "scanner = IdentifierScanner(Allowlist.load())\n"
        f"print('BEFORE', [m for m in {HEAVY!r} if m in sys.modules])\n"
        f"hits = scanner.scan('NI number JG 10 37 42 A, NHS number {nhs_number(3)}', 'text')\n"
        "print('KINDS', sorted({h.kind for h in hits}))\n"
        "print('AFTER', 'presidio_analyzer' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert "BEFORE []" in proc.stdout
    assert "KINDS ['NHS number', 'NI number']" in proc.stdout
    assert "AFTER True" in proc.stdout


def test_when_staged_and_context_are_read_then_they_name_no_page_builder() -> None:
    """``staged`` and ``context`` name no page builder, so the page builders can name them."""
    for name in ("staged.py", "context.py"):
        text = (REPO / "site_builder" / name).read_text(encoding="utf-8")
        assert "site_builder.pages" not in text and "site_builder.reviews" not in text
    assert context.Context.__dataclass_params__.frozen  # type: ignore[attr-defined]
