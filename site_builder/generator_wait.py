"""A generator process started before the staged folder is ready (issue 14).

The generator runs as its own process (:mod:`site_builder.generator`), and starting Python and
importing MkDocs, Jinja and Markdown costs about 0.3 s of every build. After an edit the build
spends longer than that waiting for the analysis of the changed document, with a core free. So,
while it waits, it starts ``python -m site_builder.generator_wait MODULE...``: a process that
imports those modules, then reads one request on its standard input, the command the build
would have run (``[python, -m, module, args...]``) and its folder, and runs that module as
``python -m`` would, in that folder, in that process. Its output and exit status are the
command's own.

It changes no result: the same module runs with the same arguments and folder (only already
imported, which Python does for any import). When the process is gone, or never says it began,
the build runs the command as a new process instead. With no request within
:data:`WAIT_WITHIN` seconds, or when its standard input closes (the build ended, however it
ended), it ends having done nothing.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import runpy
import select
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

#: Written on the process's standard output once it has the request, before the command runs.
STARTED = "openness-generator: started\n"
WAIT_WITHIN = 600.0
PACKAGE_ROOT = Path(__file__).resolve().parents[1]


class WaitingGenerator:
    """The parent's side: the process, and the one command it is asked to run."""

    def __init__(self, preload: Sequence[str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", __name__, *preload],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=PACKAGE_ROOT,  # the folder first on its path until the request: where this package is
        )

    def run(self, command: list[str], cwd: Path) -> subprocess.CompletedProcess[str] | None:
        """``command`` (``[python, -m, module, args...]``) run in ``cwd`` by the process, or None
        when it could not take it (gone, or ended before it began): the caller runs it itself."""
        if len(command) < 3 or command[1] != "-m" or self.proc.poll() is not None:
            self.close()
            return None
        request = json.dumps({"module": command[2], "args": command[3:], "cwd": str(cwd)}) + "\n"
        try:
            out, err = self.proc.communicate(request)
        except (OSError, ValueError):
            self.close()
            return None
        if not out.startswith(STARTED):
            return None
        return subprocess.CompletedProcess(command, self.proc.returncode, out[len(STARTED) :], err)

    def close(self) -> None:
        """Stop the process if it still waits (its standard input closes: it ends)."""
        if self.proc.poll() is not None:
            return
        try:
            if self.proc.stdin is not None:
                self.proc.stdin.close()
            self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()


def serve(preload: Sequence[str]) -> int:
    """The process: import ``preload``, wait for the request, run it as ``python -m`` would."""
    for name in preload:
        with contextlib.suppress(Exception):  # the command meets the same failure and reports it
            importlib.import_module(name)
    ready, _, _ = select.select([sys.stdin], [], [], WAIT_WITHIN)
    line = sys.stdin.readline() if ready else ""
    if not line.strip():
        return 0  # nothing asked: the build ended or ran the command itself
    request = json.loads(line)
    os.chdir(request["cwd"])
    sys.path[0] = os.getcwd()  # as for 'python -m' started in that folder
    sys.argv = [request["module"], *request["args"]]
    module = sys.modules.get(request["module"])
    # a package runs its __main__
    run = f"{request['module']}.__main__" if hasattr(module, "__path__") else request["module"]
    sys.modules.pop(run, None)  # it runs afresh as __main__, as in a new process
    sys.stdout.write(STARTED)
    sys.stdout.flush()
    try:
        runpy.run_module(request["module"], run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        sys.stderr.write(f"{exc.code}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(serve(sys.argv[1:]))
