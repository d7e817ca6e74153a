"""The ``mkdocs serve`` child of ``openness serve``: started in its own process group, its output
cleaned of upstream notices, and stopped with everything it started.

- **Address.** ``HOST:PORT`` is checked, and the port is tried before anything starts, so a port
  in use is one line suggesting ``--address``, not a traceback from the server.
- **Output.** Upstream banners (Material's end-of-life notice), "pages not in nav" lists and
  routine INFO lines mean nothing to a comms officer and are hidden. Warnings, errors and anything
  else the child prints (a traceback from a broken theme) are kept; "Serving on" becomes the
  preview's address.
- **Stopping.** The child runs in a new session; Ctrl-C (SIGINT), SIGTERM and SIGHUP stop the
  whole group (SIGTERM, then SIGKILL after a grace period), so nothing is left on the port.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import signal
import socket
import subprocess
import threading
from collections.abc import Callable, Iterable, Iterator

from redaction.errors import ConfigError

log = logging.getLogger("site_builder.preview")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
LEVEL = re.compile(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL)\s*-\s*(?:\[[\d:]+\]\s*)?(.*)$")
#: Upstream notices with no meaning for the user (matched on the ANSI-free line).
NOISE = (
    re.compile(r"^\s*│"),  # the boxed banner of Material for MkDocs ("reaches end of life", "Zensical")
    re.compile(r"NO_MKDOCS_2_WARNING|MkDocs 2\.0|end of life|zensical", re.I),
)
NAV_NOTICE = re.compile(r'not included in the "nav" configuration', re.I)
SERVING = re.compile(r"Serving on (\S+)")
GRACE_SECONDS = 5.0


class Stop(Exception):
    """Raised in the main thread by SIGTERM/SIGHUP, handled like Ctrl-C."""


def parse_address(address: str) -> tuple[str, int]:
    host, sep, port = address.rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ConfigError(f"'{address}' is not an address in the form HOST:PORT, e.g. 127.0.0.1:8000", key="--address")
    return host, int(port)


def check_port_free(host: str, port: int) -> None:
    """Bind the port as the server will (address reuse on, as Python's HTTP servers do); refuse
    with one line suggesting --address when something already listens there."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise ConfigError(f"cannot serve on '{host}': unknown host name", key="--address") from None
    family, _, _, _, sockaddr = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(sockaddr)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ConfigError(
                    f"port {port} on {host} is already in use (is another preview running?): stop it, "
                    f"or choose another port, e.g. --address {host}:{port + 1 if port < 65535 else 8001}",
                    key="--address",
                ) from None
            raise ConfigError(f"cannot serve on {host}:{port}: {exc.strerror}", key="--address") from None


def clean_lines(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """(logging level, message) for each line of the server's output worth showing."""
    in_list = False
    for raw in lines:
        line = ANSI.sub("", raw).rstrip()
        if in_list and line.lstrip().startswith("- "):
            continue
        in_list = False
        if not line.strip() or any(p.search(line) for p in NOISE):
            continue
        m = LEVEL.match(line)
        if m is None:
            yield logging.ERROR, line  # not a log line: a traceback or a crash message, always kept
            continue
        level, text = m.groups()
        if NAV_NOTICE.search(text):
            in_list = True
            continue
        serving = SERVING.search(text)
        if serving:
            yield logging.WARNING, f"preview at {serving.group(1)} (redacted pages only; stop with Ctrl+C)"
        elif level in ("WARNING", "ERROR", "CRITICAL"):
            yield getattr(logging, level), f"{level.lower()}: {text}"


def relay(stream: Iterable[str]) -> None:
    for level, message in clean_lines(stream):
        log.log(level, "%s", message)


def stop_group(proc: subprocess.Popen[str]) -> None:
    """Stop the child and everything in its process group: SIGTERM, then SIGKILL after a grace."""
    for sig, wait in ((signal.SIGTERM, GRACE_SECONDS), (signal.SIGKILL, GRACE_SECONDS)):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=wait)
            break
        except subprocess.TimeoutExpired:
            continue
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)  # anything the server started that outlived it


@contextlib.contextmanager
def stop_signals() -> Iterator[None]:
    """While serving, SIGTERM and SIGHUP raise :class:`Stop` in the main thread and Ctrl-C raises
    KeyboardInterrupt; the previous handlers are restored afterwards."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        raise Stop(signal.Signals(signum).name)

    saved: dict[int, Callable[..., object] | int | None] = {}
    for sig in (signal.SIGTERM, signal.SIGHUP):
        saved[sig] = signal.signal(sig, handler)
    # Ctrl-C stops the preview even where the shell started it with SIGINT ignored (a background job).
    saved[signal.SIGINT] = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        for signum, old in saved.items():
            signal.signal(signum, old if old is not None else signal.SIG_DFL)


def run_server(cmd: list[str]) -> int:
    """Run the server until it exits or the user stops it; returns its exit status (0 when stopped)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, start_new_session=True
    )
    reader = threading.Thread(target=relay, args=(proc.stdout,), daemon=True)
    reader.start()
    try:
        while proc.poll() is None:
            reader.join(0.2)
        reader.join(2)
        return proc.returncode
    except (KeyboardInterrupt, Stop):
        log.warning("preview stopped")
        return 0
    finally:
        with ignoring_interrupts():  # a second Ctrl-C while stopping must not leave the child running
            stop_group(proc)


@contextlib.contextmanager
def ignoring_interrupts() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    saved = {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for signum, old in saved.items():
            signal.signal(signum, old if old is not None else signal.SIG_DFL)
