"""Keeps the language models loaded between builds, for the same user and the same code (issue 14).

Loading spaCy, its model and Presidio takes about two seconds, longer than the rest of a rebuild
after a one-word edit. So ``openness build`` leaves a process behind that keeps them loaded,
and the next build asks it instead of loading them again (:class:`site_builder.prestart.Prestarted`
speaks to both). It answers exactly what the process forked by a build answers: the same code
(:class:`site_builder.model_answers.Models`) over the texts it is sent.

Safety:

* It listens on a Unix socket in a folder only its user can enter (``$XDG_RUNTIME_DIR`` or the
  temporary folder, ``openness-UID``, mode 0700, owned by the user: anything else and no server is
  started or used). A caller must run as the same user (the socket's peer credentials, checked
  before anything is read), and the caller and the server must each prove they know a random key
  kept in a 0600 file there (the standard library's challenge, in the caller's own thread, so a
  caller that stops half-way holds up nobody). Only then is a request unpickled.
* Its name carries a hash of the Python it runs on, the hash seed, the code and data of the
  redaction and the gate, and the installed libraries' and model's versions: a build of other
  code never speaks to it.
* It keeps nothing of a build: the texts it is sent are analysed and dropped (spaCy's string
  table keeps the words it has seen, in the memory of this user's process).
* It ends after :data:`IDLE` seconds without a request, or when its socket is removed. It holds
  no terminal and no file of a project. ``OPENNESS_MODEL_SERVER=0`` turns it off: builds then
  load the models themselves, as before.

Anything wrong (no folder, no key, no answer within :data:`CONNECT_WITHIN` seconds, a refused
key) and the build loads the models in a process of its own, as it did without it.
"""

from __future__ import annotations

import functools
import os
import secrets
import stat
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from multiprocessing.connection import Client, Connection
from pathlib import Path

import yaml

from redaction.memo import digest, installed

OFF = "OPENNESS_MODEL_SERVER"
IDLE = 1200.0
CONNECT_WITHIN = 3.0
PACKAGE_ROOT = Path(__file__).resolve().parents[1]
MAX_SOCKET_PATH = 100  # a Unix socket's path holds at most 107 bytes


def enabled() -> bool:
    return os.environ.get(OFF, "1") != "0"


def private_folder() -> Path | None:
    """This user's folder for the server, made if missing; None unless it is a real folder owned
    by this user that nobody else can enter."""
    base = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    folder = Path(base) / f"openness-{os.geteuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        st = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.geteuid() or st.st_mode & 0o077:
        return None
    return folder


@functools.cache
def server_key() -> str:
    """Hash of what the answers depend on: the Python; the code and data of the redaction, of the
    gate and of the two modules that serve them; the installed versions of the libraries and of
    the model. Read from the files, not imported: a build asks before it imports them."""
    site_builder = Path(__file__).parent
    redaction = site_builder.parent / "redaction"
    folders = (redaction, site_builder / "gate")
    files = sorted(p for folder in folders for p in folder.rglob("*") if p.is_file() and p.suffix != ".pyc")
    files += [site_builder / f"{n}.py" for n in ("prestart", "model_server", "model_server_process", "model_answers")]
    config = yaml.safe_load((redaction / "data" / "recognizers.yaml").read_text(encoding="utf-8"))
    libraries = ("spacy", "thinc", "presidio-analyzer", "wordfreq", "nh3", str(config["nlp"]["model"]))
    versions = [installed(name) for name in libraries]
    names = [str(p.relative_to(site_builder.parent)) for p in files]
    seed = os.environ.get("PYTHONHASHSEED", "")  # a build with a fixed seed gets a server with it
    return digest(sys.executable, seed, *versions, *names, *(p.read_bytes() for p in files))[:24]


@dataclass(frozen=True)
class Address:
    """The server's socket, key file and lock file, in :func:`private_folder`."""

    socket: Path
    key: Path
    lock: Path

    @classmethod
    def here(cls) -> Address | None:
        folder = private_folder()
        try:
            name = f"models-{server_key()}"
        except (OSError, KeyError, TypeError, yaml.YAMLError):
            return None
        if folder is None:
            return None
        addr = cls(folder / f"{name}.sock", folder / f"{name}.key", folder / f"{name}.lock")
        return addr if len(str(addr.socket)) <= MAX_SOCKET_PATH else None

    def read_key(self) -> bytes | None:
        """The key, if its file is this user's and nobody else's."""
        try:
            fd = os.open(self.key, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            return None
        with os.fdopen(fd, "rb") as f:
            st = os.fstat(f.fileno())
            if st.st_uid != os.geteuid() or st.st_mode & 0o077:
                return None
            key = f.read()
        return key if len(key) == 32 else None

    def make_key(self) -> bytes | None:
        try:
            fd = os.open(self.key, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        except FileExistsError:
            return self.read_key()
        except OSError:
            return None
        with os.fdopen(fd, "wb") as f:
            f.write(secrets.token_bytes(32))
        return self.read_key()


def connect() -> Connection | None:
    """A connection to the running server, or None (none running, turned off, or no answer)."""
    folder = private_folder() if enabled() else None
    if folder is None or not any(folder.glob("models-*.sock")):
        return None  # none runs: not even the key is worked out
    addr = Address.here()
    key = addr.read_key() if addr is not None and addr.socket.exists() else None
    if addr is None or key is None:
        return None
    made: list[Connection] = []

    def attempt() -> None:
        try:
            made.append(Client(str(addr.socket), family="AF_UNIX", authkey=key))
        except Exception:  # refused, not there, or not a server: the build loads the models
            return

    thread = threading.Thread(target=attempt, name="openness-connect", daemon=True)
    thread.start()
    thread.join(CONNECT_WITHIN)  # a wedged server is never waited for: the build loads the models
    return made[0] if made else None


def spawn() -> None:
    """Start the server for the next build, if it is on and none runs (it checks that itself)."""
    addr = Address.here() if enabled() else None
    if addr is None or addr.make_key() is None:
        return
    try:
        subprocess.Popen(
            [sys.executable, "-m", "site_builder.model_server_process"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # not stopped with the build's terminal or process group
            cwd=PACKAGE_ROOT,
        )
    except OSError:
        return
