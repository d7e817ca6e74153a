"""``openness serve`` as a user runs it: a real subprocess, real signals and a real port. Ctrl-C
and SIGTERM stop everything it started with no traceback; a port in use is one line suggesting
--address; upstream banners and nav notices are hidden, real errors kept."""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from helpers import REPO

from site_builder.init import init_project
from site_builder.preview_process import clean_lines, parse_address

START_TIMEOUT = 120.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


def port_closed(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def processes_mentioning(text: str) -> list[int]:
    """Process ids whose command line mentions ``text`` (the project folder: unique per test)."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if text in (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="ignore"):
                    out.append(int(entry.name))
            except OSError:
                continue
    return out


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "serve-project"
    init_project(root, "Fernleigh Safeguarding Partnership")
    return root


def start(project: Path, port: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("NO_MKDOCS_2_WARNING", None)  # the banner must be hidden by openness itself
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "site_builder.cli",
            "--project",
            str(project),
            "serve",
            "--address",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # its own process group, like a shell job: Ctrl-C goes to the whole group
    )


def wait_until_serving(proc: subprocess.Popen[str], port: int) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"serve exited early ({proc.returncode}): {proc.communicate()[1][-2000:]}")
        if answers(port):
            return
        time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGKILL)
    pytest.fail("serve did not answer in time")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("how", "sig"),
    [("ctrl_c", signal.SIGINT), ("sigterm", signal.SIGTERM)],
    ids=["ctrl_c_to_the_group", "sigterm_to_openness_only"],
)
def test_when_serve_is_stopped_then_everything_stops_without_traceback(project: Path, how: str, sig: int) -> None:
    port = free_port()
    proc = start(project, port)
    try:
        wait_until_serving(proc, port)
        assert len(processes_mentioning(str(project))) >= 2, "openness and its mkdocs serve child both run"
        if how == "ctrl_c":
            os.killpg(proc.pid, sig)  # what a terminal does on Ctrl-C: the foreground group gets SIGINT
        else:
            proc.send_signal(sig)  # a service manager stops only the process it started
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "preview stopped" in err
    deadline = time.monotonic() + 10
    while processes_mentioning(str(project)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert processes_mentioning(str(project)) == []
    assert port_closed(port)
    # the user saw the address, and none of the upstream notices
    assert f"preview at http://127.0.0.1:{port}/" in err
    for noise in ("end of life", "Zensical", "NO_MKDOCS_2_WARNING", '"nav"', "minutes/adults-board/index.md"):
        assert noise not in err


def test_when_port_in_use_then_one_line_suggesting_address_and_exit_2(project: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = start(project, port)
        _, err = proc.communicate(timeout=60)
    lines = err.strip().splitlines()
    assert proc.returncode == 2
    assert len(lines) == 1 and "Traceback" not in err
    assert f"port {port}" in lines[0] and "--address 127.0.0.1:" in lines[0]
    assert not (project / ".openness").exists(), "the port is checked before anything starts"


@pytest.mark.parametrize(
    ("address", "ok"),
    [("127.0.0.1:8000", True), ("localhost:8001", True), ("8000", False), ("127.0.0.1:http", False), (":8000", False)],
)
def test_when_address_given_then_parsed_or_refused(address: str, ok: bool) -> None:
    from redaction.errors import ConfigError

    if ok:
        assert parse_address(address)[1] in (8000, 8001)
    else:
        with pytest.raises(ConfigError):
            parse_address(address)


UPSTREAM_OUTPUT = """\
\x1b[33m │  \x1b[1mMaterial for MkDocs reaches end of life on May 5, 2027.\x1b[0m
\x1b[33m │\x1b[0m  Zensical is its maintained successor, built by the same team.

\x1b[90m  To disable this warning, set NO_MKDOCS_2_WARNING=1.\x1b[0m
INFO    -  Building documentation...
INFO    -  Cleaning site directory
INFO    -  The following pages exist in the docs directory, but are not included in the "nav" configuration:
  - minutes/adults-board/index.md
  - reviews/archive.md
WARNING -  Doc file 'index.md' contains a link 'nowhere.md', but the target is not found among documentation files.
INFO    -  Documentation built in 1.08 seconds
INFO    -  [14:37:35] Watching paths for changes: '.openness/preview-docs'
INFO    -  [14:37:35] Serving on http://127.0.0.1:8000/
ERROR   -  Config value 'theme': Unrecognised theme name: 'materiall'.
Traceback (most recent call last):
OSError: [Errno 28] No space left on device
"""


def test_when_server_output_cleaned_then_notices_hidden_and_real_problems_kept() -> None:
    shown = list(clean_lines(UPSTREAM_OUTPUT.splitlines()))
    assert shown == [
        (
            logging.WARNING,
            "warning: Doc file 'index.md' contains a link 'nowhere.md', but the target is not found among "
            "documentation files.",
        ),
        (logging.WARNING, "preview at http://127.0.0.1:8000/ (redacted pages only; stop with Ctrl+C)"),
        (logging.ERROR, "error: Config value 'theme': Unrecognised theme name: 'materiall'."),
        (logging.ERROR, "Traceback (most recent call last):"),
        (logging.ERROR, "OSError: [Errno 28] No space left on device"),
    ]
