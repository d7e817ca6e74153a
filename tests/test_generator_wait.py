"""The generator process started before the staged folder is ready (site_builder/generator_wait.py,
issue 14): it runs the build's own command with the command's own output and status, and when it
cannot, the build runs the command itself."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import differing_files, ended, wait_until

from site_builder.generator import MkDocs, generated_config
from site_builder.generator_wait import WaitingGenerator
from site_builder.project import Project

pytestmark = pytest.mark.slow


@pytest.fixture
def staged(partnership_copy: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    """The built partnership's staged docs, a generated config for them, and its site folder."""
    docs = tmp_path / "docs"
    shutil.copytree(Project(partnership_copy).staging, docs)
    site = tmp_path / "site"
    config = tmp_path / "mkdocs.yml"
    shutil.move(generated_config(Project(partnership_copy), site, docs, MkDocs()), config)
    return docs, config, site


@pytest.fixture
def waiting():
    w = WaitingGenerator(MkDocs.preload)
    yield w
    w.close()


def test_when_the_waiting_process_builds_then_every_file_is_the_plain_builds(
    staged: tuple[Path, Path, Path], waiting: WaitingGenerator, tmp_path: Path
) -> None:
    docs, config, site = staged
    command = MkDocs().command(config)
    subprocess.run(command, cwd=docs, capture_output=True, check=True)
    plain = shutil.move(site, tmp_path / "plain")
    proc = waiting.run(command, docs)
    assert proc is not None, "the waiting process took the command"
    assert proc.returncode == 0, proc.stderr[-800:]
    assert (site / "index.html").is_file()
    assert differing_files(Path(plain), site) == []


def test_when_the_command_fails_then_its_status_and_output_are_the_commands_own(
    staged: tuple[Path, Path, Path], waiting: WaitingGenerator, tmp_path: Path
) -> None:
    docs, _, _ = staged
    command = [*MkDocs().command(tmp_path / "missing.yml")]
    plain = subprocess.run(command, cwd=docs, capture_output=True, text=True, check=False)
    proc = waiting.run(command, docs)
    assert proc is not None
    assert plain.returncode != 0
    assert (proc.returncode, proc.stdout, proc.stderr) == (plain.returncode, plain.stdout, plain.stderr)


def test_when_the_process_is_gone_then_it_takes_no_command(staged: tuple[Path, Path, Path], waiting) -> None:
    docs, config, _ = staged
    waiting.proc.kill()
    waiting.proc.wait()
    assert waiting.run(MkDocs().command(config), docs) is None


def test_when_the_process_ended_before_it_began_then_it_takes_no_command(staged: tuple[Path, Path, Path]) -> None:
    """A process that fails before it reads the request never says it began: not the command's failure."""
    docs, config, _ = staged
    w = WaitingGenerator(["site_builder.no_such_module"])
    w.proc.stdin.close()  # it ends at once, having read nothing
    w.proc.wait(timeout=30)
    w.proc.stdin = None
    assert w.run(MkDocs().command(config), docs) is None


def test_when_nothing_is_asked_then_it_ends_having_done_nothing(staged: tuple[Path, Path, Path], waiting) -> None:
    _, _, site = staged
    waiting.close()
    assert waiting.proc.returncode == 0
    assert not site.exists()


def test_when_the_build_is_killed_then_the_waiting_process_ends_too(tmp_path: Path) -> None:
    script = tmp_path / "build.py"
    script.write_text(
        "import time\n"
        "from site_builder.generator import MkDocs\n"
        "from site_builder.generator_wait import WaitingGenerator\n"
        "w = WaitingGenerator(MkDocs.preload)\n"
        "print(w.proc.pid, flush=True)\n"
        "time.sleep(60)\n",
        encoding="utf-8",
    )
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    child = int(proc.stdout.readline())
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    if not wait_until(lambda: ended(child), 30, every=0.2):
        os.kill(child, signal.SIGKILL)
        pytest.fail("the waiting generator outlived the build")


def test_when_one_minutes_file_is_edited_then_the_generator_started_early_builds_the_site(
    partnership_copy: Path, caplog
) -> None:
    """The build starts it while it waits for the analysis of the edited file, and gives it the
    command; the site is the one the build generated before, with the edit."""
    import logging

    from helpers import AS_OF

    from site_builder.cli import main

    minutes = sorted((partnership_copy / "minutes").glob("*.md"))
    edited = next(m for m in minutes if "\nThe " in m.read_text(encoding="utf-8"))
    edited.write_text(edited.read_text(encoding="utf-8").replace("\nThe ", "\nOur ", 1), encoding="utf-8")
    caplog.set_level(logging.INFO)
    assert main(["--project", str(partnership_copy), "build", "--as-of", AS_OF.isoformat()]) == 0
    assert "MkDocs ran in its process started early" in caplog.messages
    pages = [p.read_text(encoding="utf-8") for p in (partnership_copy / "site").rglob("index.html")]
    assert any("<p>Our " in p for p in pages)
