"""The model server's own process (:mod:`site_builder.model_server` says what it is and how it is
kept safe): ``python -m site_builder.model_server_process``, started by a build."""

from __future__ import annotations

import fcntl
import logging
import os
import socket
import struct
import sys
import threading
import time
from multiprocessing import AuthenticationError
from multiprocessing.connection import Connection, Listener, answer_challenge, deliver_challenge
from pathlib import Path
from typing import Any

from site_builder.model_answers import Models
from site_builder.model_server import IDLE, Address, enabled


def same_user(conn: Connection) -> bool:
    """Whether the process at the other end of ``conn`` runs as this user."""
    with socket.socket(fileno=os.dup(conn.fileno())) as sock:
        creds = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return struct.unpack("3i", creds)[1] == os.geteuid()


class Served:
    """The loaded models, shared by the callers' threads: one request at a time."""

    def __init__(self) -> None:
        self.models: Models | None = None
        self.ready = threading.Event()
        self.busy = threading.Lock()
        self.last = time.monotonic()

    def load(self) -> None:
        try:
            self.models = Models()
            self.models.load_gate()
        except Exception:
            os._exit(1)  # callers see their connection close, and load the models themselves
        self.ready.set()

    def answer_all(self, conn: Connection, key: bytes) -> None:
        """Prove the key to the caller and have it prove it (the standard library's challenge, in
        this caller's own thread: a caller that stops half-way holds up nobody), then answer."""
        caller: dict[str, Any] = {}
        try:
            deliver_challenge(conn, key)
            answer_challenge(conn, key)
            while True:
                kind, payload = conn.recv()
                self.ready.wait()
                with self.busy:
                    assert self.models is not None
                    reply = self.models.answer(kind, payload, caller)
                    self.last = time.monotonic()
                conn.send(reply)
        except (EOFError, OSError, ValueError, AuthenticationError):
            return
        finally:
            conn.close()

    def watch(self, sock: Path, inode: int) -> None:
        """End the process when idle for :data:`IDLE` seconds, or when its socket is gone."""
        while True:
            time.sleep(2)
            try:
                gone = os.stat(sock).st_ino != inode
            except OSError:
                gone = True
            if gone:
                os._exit(0)
            if not self.busy.locked() and time.monotonic() - self.last > IDLE:
                sock.unlink(missing_ok=True)  # still its own: no other server binds while it holds the lock
                os._exit(0)


def serve() -> int:
    """The server: the one holder of its address's lock listens, loads, and answers each caller."""
    addr = Address.here() if enabled() else None
    key = addr.read_key() if addr is not None else None
    if addr is None or key is None:
        return 0
    lock = os.open(addr.lock, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return 0  # another server has it
    logging.disable(logging.CRITICAL)
    os.umask(0o077)
    addr.socket.unlink(missing_ok=True)  # the lock is ours: a socket there is a dead server's
    listener = Listener(str(addr.socket), family="AF_UNIX")  # the key is checked per caller, below
    served = Served()
    threading.Thread(target=served.load, daemon=True).start()
    threading.Thread(target=served.watch, args=(addr.socket, os.stat(addr.socket).st_ino), daemon=True).start()
    while True:
        try:
            conn = listener.accept()
        except OSError:
            continue
        if not same_user(conn):  # before anything is read from it
            conn.close()
            continue
        threading.Thread(target=served.answer_all, args=(conn, key), daemon=True).start()


if __name__ == "__main__":
    sys.exit(serve())
