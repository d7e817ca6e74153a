"""The console script (site_builder.cli.run) ends the process without tearing the interpreter
down (issue 14): what the command wrote still arrives whole, and its exit status is kept."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.cli import main

RUN = [sys.executable, "-c", "from site_builder.cli import run; run()"]


def test_when_a_command_writes_a_lot_to_a_pipe_then_all_of_it_arrives(partnership_copy: Path, capsys) -> None:
    assert main(["--project", str(partnership_copy), "review", "--json"]) in (0, 1)
    expected = capsys.readouterr().out
    assert len(expected) > 1000  # the synthetic partnership has open questions: a real amount of output
    command = [*RUN, "--project", str(partnership_copy), "review", "--json"]
    proc = subprocess.run(command, capture_output=True, text=True)
    assert proc.stdout == expected


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--project", "/nonexistent/openness-project", "build"], 2),
        (["build", "--as-of", "not-a-date"], 2),
        (["--help"], 0),
    ],
)
def test_when_the_command_ends_then_its_exit_status_is_kept(args: list[str], code: int, tmp_path: Path) -> None:
    proc = subprocess.run([*RUN, *args], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == code, proc.stderr
    assert "Traceback" not in proc.stderr


def test_when_a_build_is_blocked_then_the_status_is_one_and_the_error_is_one_line(partnership_copy: Path) -> None:
    minutes = sorted((partnership_copy / "minutes").glob("*.md"))[0]
    text = minutes.read_text(encoding="utf-8")
    minutes.write_text(text.replace("date:", "date: 2024-02-31\nold_date:", 1), encoding="utf-8")
    proc = subprocess.run([*RUN, "--project", str(partnership_copy), "build"], capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("openness: error:")]
    assert len(errors) == 1 and minutes.name in errors[0]
