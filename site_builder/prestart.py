"""A process that loads the language models before the build knows it needs them (issue 14).

Loading spaCy, its model and Presidio takes longer than analysing one edited document, and the
gate's NER needs spaCy again once the site is generated. So ``openness build``, on a project built
before, starts this process first thing, on the other core, while it reads the sources, the
register and the caches. It loads the analyser, then the gate's NER model, and answers:

* ``analyse``: the analysis engine's findings for some texts (:class:`redaction.analyzer.Analyzer`);
* ``persons``: the gate's NER person spans for some texts (:func:`site_builder.gate.names.read_persons`);
* ``identifiers``: the gate's identifier recognisers' matches in a text
  (:func:`site_builder.gate.identifiers.raw_matches`), with the build's allowlist, sent once.

It is only a faster way to the same results: the same code runs over the same texts. When it
cannot answer (it failed to load, died, or the work raised) the caller does the work in its own
process, so any error is reported there as usual. The build stops it when the gate is done.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from redaction.allowlist import Allowlist
from redaction.finding import Finding
from site_builder import model_server
from site_builder.model_answers import FAILED, Models
from site_builder.project import Project

log = logging.getLogger(__name__)
#: Seconds to wait for an answer: it is asked only about a few documents (fewer than
#: ``redaction.engine.PARALLEL_MIN_DOCS``) or texts (under ``names.PARALLEL_CHARS`` characters).
ANSWER_WITHIN = 600.0


def _serve(conn: Connection, parents_end: Connection) -> None:
    """The process: load, then answer each request until the pipe closes (the build ended,
    however it ended). It logs nothing: what it does is reported by the build, and an error is
    met again by the build itself."""
    parents_end.close()  # else the pipe stays open here after the build is gone, and this never ends
    logging.disable(logging.CRITICAL)
    try:
        models, caller = Models(), dict[str, Any]()
        loaded = False
        while True:
            if not loaded and not conn.poll(0):
                models.load_gate()  # while nothing is asked of it
                loaded = True
            kind, payload = conn.recv()
            conn.send(models.answer(kind, payload, caller))
    except (EOFError, OSError, KeyboardInterrupt):
        return
    except Exception:
        try:
            conn.send(FAILED)
        except OSError:
            return


class Prestarted:
    """The process, started at once (``fork``: the parent's loaded modules are shared), or the
    model server kept from an earlier build (:mod:`site_builder.model_server`), when ``server``
    is a connection to it."""

    def __init__(self, server: Connection | None = None) -> None:
        self._proc: Any = None
        if server is not None:
            self._conn = server
        else:
            context = multiprocessing.get_context("fork")
            self._conn, child = context.Pipe()
            self._proc = context.Process(target=_serve, args=(child, self._conn), daemon=True, name="openness-models")
            self._proc.start()
            child.close()
        self.answered = 0
        self._allowlist: Allowlist | None = None  # the one the process has built its recognisers from
        self._phrases_of: Allowlist | None = None  # the one whose phrases the process has
        #: Called once, when the build first waits for an answer (it may load other things then).
        self.while_waiting: Callable[[], object] | None = None

    @property
    def server(self) -> bool:
        """Whether it speaks to the model server (else to a process of its own)."""
        return self._proc is None

    @classmethod
    def for_project(cls, project: Project) -> Prestarted | None:
        """For a project built before (few documents to analyse, few pages to read): the model
        server, if one runs; else a process started now, on a machine with a second core to run it."""
        if not project.cache.is_dir():
            return None
        if (server := model_server.connect()) is not None:
            log.info("models: kept loaded by the model server of an earlier build")
            return cls(server)
        if not cls.worth_keeping(project):
            return None
        try:
            return cls()
        except OSError:  # no process to be had: the build loads the models itself
            return None

    @staticmethod
    def worth_keeping(project: Project) -> bool:
        """Whether models loaded early pay here: a project built before, and a second core."""
        return project.cache.is_dir() and (os.cpu_count() or 1) >= 2

    @property
    def alive(self) -> bool:
        return (self._proc is None or self._proc.is_alive()) and not self._conn.closed

    def _ask(self, kind: str, payload: Any) -> Any:
        if not self.alive:
            return None
        try:
            self._conn.send((kind, payload))
            waiting, self.while_waiting = self.while_waiting, None
            if waiting is not None:
                waiting()
            if not self._conn.poll(ANSWER_WITHIN):
                raise TimeoutError  # a wedged process is never waited for longer than this
            reply = self._conn.recv()
        except (EOFError, OSError):  # TimeoutError is an OSError
            self.close()
            return None
        if not isinstance(reply, list):
            return None
        self.answered += 1
        return reply

    def analyse(self, texts: list[str]) -> list[list[Finding]] | None:
        """The analysis engine's findings for ``texts``, or None when the process cannot give them."""
        reply = self._ask("analyse", texts)
        if (
            reply is None
            or len(reply) != len(texts)
            or not all(isinstance(r, list) and all(isinstance(f, Finding) for f in r) for r in reply)
        ):
            return None
        return list(reply)

    def persons(self, texts: list[str]) -> list[list[tuple[int, int]]] | None:
        """The gate's NER person spans for ``texts``, or None when the process cannot give them."""
        reply = self._ask("persons", texts)
        try:
            if reply is None or len(reply) != len(texts):
                return None
            return [[(int(s), int(e)) for s, e in spans] for spans in reply]
        except (TypeError, ValueError):
            return None

    def identifiers(self, allowlist: Allowlist, text: str) -> list[tuple[int, int, str]] | None:
        """The gate's identifier recognisers' raw matches in ``text``, or None when the process
        cannot give them. The allowlist goes with the first text (the recognisers are built from it)."""
        first = self._allowlist is not allowlist
        reply = self._ask("identifiers", (allowlist if first else None, text))
        try:
            found = None if reply is None else [(int(s), int(e), str(k)) for s, e, k in reply]
        except (TypeError, ValueError):
            found = None
        if found is not None and first:
            self._allowlist = allowlist
        return found

    def protected_spans(self, allowlist: Allowlist, text: str) -> tuple[tuple[int, int], ...] | None:
        """:meth:`Allowlist.phrase_spans` of ``text``, or None when the process cannot give them.
        The phrases and contacts go with the first text."""
        first = self._phrases_of is not allowlist
        reply = self._ask("protected", ((allowlist.phrases, allowlist.public_contacts) if first else None, text))
        try:
            spans = None if reply is None else tuple((int(s), int(e)) for s, e in reply)
        except (TypeError, ValueError):
            spans = None
        if spans is not None and first:
            self._phrases_of = allowlist
        return spans

    def close(self) -> None:
        """Stop the process, whatever it is doing (the server: hang up)."""
        if self._proc is not None:
            if self._proc.is_alive():
                self._proc.terminate()
                self._proc.join(timeout=2)
                if self._proc.is_alive():  # stopped or wedged: SIGTERM waits, SIGKILL does not
                    self._proc.kill()
            self._proc.join(timeout=5)
        self._conn.close()
