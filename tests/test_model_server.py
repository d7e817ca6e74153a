"""The model server kept between builds (site_builder/model_server.py, issue 14): it answers what
the build would work out itself, only its own user with its key can use it, it ends when idle or
when its socket goes, and when it cannot answer the build loads the models itself."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import ended, wait_until

from site_builder import model_server, model_server_process
from site_builder.gate import identifiers, names
from site_builder.prestart import Prestarted

pytestmark = pytest.mark.slow
TEXTS = [
    "Priya Okonkwo-Hale, the designated nurse, met Baby M's mother at Larkspur Road on 3 May 2024.",
    "The Board noted the MASH report. Call 07700 900123 or write to Tomasz Wrenfield.",
]


def _server_pids() -> list[int]:
    """The servers of this test's folder (by the XDG_RUNTIME_DIR they were started with)."""
    mine = f"XDG_RUNTIME_DIR={os.environ['XDG_RUNTIME_DIR']}".encode()
    out = subprocess.run(["pgrep", "-f", "site_builder.model_server"], capture_output=True, text=True)
    pids = []
    for pid in map(int, out.stdout.split()):
        try:
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if mine in environ and not ended(pid):
            pids.append(pid)
    return pids


@pytest.fixture
def runtime(monkeypatch) -> Iterator[Path]:
    """A folder of this test's own for the server (short: a socket's path is limited), the
    server turned on, and every server of this folder stopped afterwards."""
    base = Path(tempfile.mkdtemp(prefix="om", dir="/tmp"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(base))
    monkeypatch.setenv(model_server.OFF, "1")
    yield base
    for pid in _server_pids():
        os.kill(pid, 9)
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def running(runtime: Path) -> model_server.Address:
    model_server.spawn()
    addr = model_server.Address.here()
    assert addr is not None
    assert wait_until(addr.socket.exists), "the server made its socket"
    return addr


def test_when_no_server_runs_then_there_is_nothing_to_connect_to(runtime: Path) -> None:
    assert model_server.connect() is None


def test_when_the_server_runs_then_its_answers_are_the_builds_own(running, analyzer, allowlist) -> None:
    conn = model_server.connect()
    assert conn is not None
    early = Prestarted(conn)
    try:
        assert early.server
        found = early.analyse(TEXTS)
        assert found == analyzer.analyse(TEXTS) and any(found)
        assert early.persons(TEXTS) == names.read_persons(TEXTS)
        hits = early.identifiers(allowlist, TEXTS[1])
        assert hits == identifiers.raw_matches(identifiers.identifier_recognizers(allowlist), TEXTS[1]) and hits
    finally:
        early.close()
    again = model_server.connect()  # a second build: the same server
    assert again is not None
    try:
        assert Prestarted(again).analyse(TEXTS[:1]) == analyzer.analyse(TEXTS[:1])
    finally:
        again.close()


def test_when_the_key_is_not_the_servers_then_it_refuses(running) -> None:
    running.key.write_bytes(os.urandom(32))  # the server keeps the key it started with
    assert model_server.connect() is None


def test_when_the_folder_is_open_to_others_then_no_server_is_used_or_started(runtime: Path) -> None:
    folder = model_server.private_folder()
    assert folder is not None
    folder.chmod(0o755)
    assert model_server.private_folder() is None
    model_server.spawn()
    time.sleep(1)
    assert not list(folder.glob("*.sock")) and model_server.connect() is None


def test_when_turned_off_then_no_server_is_started(runtime: Path, monkeypatch) -> None:
    monkeypatch.setenv(model_server.OFF, "0")
    model_server.spawn()
    time.sleep(1)
    assert not list(runtime.rglob("*.sock"))


def test_when_its_socket_is_removed_then_the_server_ends(running) -> None:
    pids = _server_pids()
    running.socket.unlink()
    assert pids
    assert wait_until(lambda: not _server_pids(), 15)


def test_when_two_start_then_one_serves(running) -> None:
    """The second holds no lock, so it ends at once; the first still answers."""
    proc = subprocess.run([sys.executable, "-m", "site_builder.model_server_process"], timeout=60, capture_output=True)
    assert proc.returncode == 0
    conn = model_server.connect()
    assert conn is not None
    conn.close()


def test_when_idle_then_the_server_ends(runtime: Path) -> None:
    assert model_server.Address.here() is not None
    code = "import site_builder.model_server_process as m; m.IDLE = 1; m.Address.here().make_key(); m.serve()"
    proc = subprocess.run([sys.executable, "-c", code], timeout=120, capture_output=True)
    assert proc.returncode == 0
    addr = model_server.Address.here()
    assert addr is not None and not addr.socket.exists()  # it leaves no socket to knock on


def test_when_the_server_dies_then_the_build_works_it_out(running, analyzer) -> None:
    conn = model_server.connect()
    assert conn is not None
    early = Prestarted(conn)
    assert early.analyse(TEXTS[:1]) is not None
    for pid in _server_pids():
        os.kill(pid, 9)
    assert early.analyse(TEXTS) is None  # no answer: the caller works it out itself


def test_when_a_project_is_built_twice_then_the_second_build_uses_the_server(partnership_copy: Path, runtime) -> None:
    from helpers import AS_OF

    build = [sys.executable, "-m", "site_builder.cli", "-v", "--project", str(partnership_copy), "build"]
    build += ["--as-of", AS_OF.isoformat()]
    first = subprocess.run(build, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr[-800:]
    addr = model_server.Address.here()
    assert addr is not None and wait_until(addr.socket.exists)
    minutes = sorted((partnership_copy / "minutes").glob("*.md"))
    edited = next(m for m in minutes if "\nThe " in m.read_text(encoding="utf-8"))
    edited.write_text(edited.read_text(encoding="utf-8").replace("\nThe ", "\nOur ", 1), encoding="utf-8")
    second = subprocess.run(build, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stderr[-800:]
    assert "models: kept loaded by the model server of an earlier build" in second.stderr
    assert "analysed 1 document" in second.stderr
    third = subprocess.run(build, capture_output=True, text=True, timeout=600)  # no change: nothing waits
    assert third.returncode == 0, third.stderr[-800:]
    assert "analysed" not in third.stderr
    assert "MkDocs ran in its process started early" in third.stderr  # started at once, beside the server


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to connect as another user")
def test_when_another_user_connects_then_it_is_not_this_user() -> None:
    """The server's peer check, past the folder's permissions: a socket anyone may reach."""
    import socket
    from multiprocessing.connection import Connection

    folder = Path(tempfile.mkdtemp(prefix="om", dir="/tmp"))
    folder.chmod(0o755)
    path = str(folder / "s.sock")
    server = socket.socket(socket.AF_UNIX)
    server.settimeout(30)
    server.bind(path)
    os.chmod(path, 0o777)
    server.listen(1)
    code = f"import socket, time; s = socket.socket(socket.AF_UNIX); s.connect({path!r}); time.sleep(3)"
    system_python = shutil.which("python3", path="/usr/bin:/bin") or pytest.skip("no system Python")
    other = subprocess.Popen([system_python, "-c", code], user=65534)
    try:
        conn, _ = server.accept()
        assert model_server_process.same_user(Connection(conn.detach())) is False
        mine = socket.socket(socket.AF_UNIX)
        mine.connect(path)
        conn, _ = server.accept()
        assert model_server_process.same_user(Connection(conn.detach())) is True
        mine.close()
    finally:
        other.kill()
        server.close()
        shutil.rmtree(folder)


def test_when_a_caller_stops_half_way_then_others_are_still_answered(running, analyzer) -> None:
    import socket

    stuck = socket.socket(socket.AF_UNIX)
    stuck.connect(str(running.socket))  # connected, and never answers the challenge
    try:
        started = time.monotonic()
        conn = model_server.connect()
        assert conn is not None and time.monotonic() - started < model_server.CONNECT_WITHIN
        early = Prestarted(conn)
        assert early.analyse(TEXTS[:1]) == analyzer.analyse(TEXTS[:1])
        early.close()
    finally:
        stuck.close()
