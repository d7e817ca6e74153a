"""The process that loads the models early (site_builder/prestart.py, issue 14): it gives exactly
what the build would work out itself, and when it cannot answer the build works it out itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ended, wait_until

from redaction.engine import AnalysisCache
from site_builder.gate import names
from site_builder.gate.names import PersonFinder
from site_builder.prestart import Prestarted

pytestmark = pytest.mark.slow
TEXTS = [
    "Priya Okonkwo-Hale, the designated nurse, met Baby M's mother at Larkspur Road on 3 May 2024.",
    "The Board noted the MASH report. Call 07700 900123 or write to Tomasz Wrenfield.",
    "No names here: the partnership agreed the annual report.",
]


@pytest.fixture
def prestarted():
    p = Prestarted()
    yield p
    p.close()


def test_when_the_process_analyses_then_the_findings_are_the_builds_own(prestarted, analyzer) -> None:
    early = prestarted.analyse(TEXTS)
    assert early is not None
    assert early == analyzer.analyse(TEXTS)
    assert any(early)  # the texts hold names and a number: an empty answer would prove nothing


def test_when_the_process_reads_persons_then_the_spans_are_the_gates_own(prestarted) -> None:
    early = prestarted.persons(TEXTS)
    assert early is not None
    assert early == names.read_persons(TEXTS)
    assert early[0]


def test_when_asked_twice_then_it_answers_twice(prestarted) -> None:
    assert prestarted.analyse(TEXTS[:1]) is not None
    assert prestarted.persons(TEXTS[1:]) is not None
    assert prestarted.answered == 2


def test_when_the_process_is_dead_then_it_gives_no_answer(prestarted) -> None:
    prestarted._proc.kill()
    prestarted._proc.join()
    assert not prestarted.alive
    assert prestarted.analyse(TEXTS) is None
    assert prestarted.persons(TEXTS) is None


def test_when_the_process_is_dead_then_the_analysis_is_worked_out_in_the_build(
    prestarted, analyzer, tmp_path: Path
) -> None:
    prestarted._proc.kill()
    prestarted._proc.join()
    cache = AnalysisCache(tmp_path / "cache", prestarted)
    cache._analyzer = analyzer  # the session's model: seen to be used below
    assert cache.analyse(TEXTS) == analyzer.analyse(TEXTS)
    assert cache.analysed == len(TEXTS)


def test_when_the_process_dies_while_asked_then_the_gate_reads_itself(prestarted) -> None:
    class Dying:
        def persons(self, texts: list[str]) -> list[list[tuple[int, int]]] | None:
            prestarted._proc.kill()
            prestarted._proc.join()
            return prestarted.persons(texts)

    finder = PersonFinder(None, Dying())
    assert finder(["Wilhelmina Thackeray-Osei chaired."]) == names.read_persons(["Wilhelmina Thackeray-Osei chaired."])
    assert finder.read == 1


def test_when_closed_then_the_process_is_gone(prestarted) -> None:
    prestarted.close()
    assert not prestarted._proc.is_alive()
    assert prestarted.analyse(TEXTS) is None


def test_when_while_waiting_is_set_then_it_runs_once_while_the_build_waits(prestarted) -> None:
    calls: list[int] = []
    prestarted.while_waiting = lambda: calls.append(1)
    prestarted.analyse(TEXTS[:1])
    prestarted.analyse(TEXTS[1:2])
    assert calls == [1]


IDENTIFIER_TEXT = "Ring 07700 900123 or 0116 496 0123, NHS 943 476 5919, tomasz@example.org, LE1 6ZZ, born 3 May 2011."


def test_when_the_process_scans_identifiers_then_the_hits_are_the_gates_own(prestarted) -> None:
    from redaction.allowlist import Allowlist
    from site_builder.gate.identifiers import IdentifierScanner

    allowlist = Allowlist.load(public_contacts=("0116 496 0123",))
    own = IdentifierScanner(allowlist)._scan(IDENTIFIER_TEXT)
    early = IdentifierScanner(allowlist, prestarted)._scan(IDENTIFIER_TEXT)
    assert early == own
    assert {k for _, _, k in own} >= {"phone number", "NHS number", "e-mail address", "postcode"}
    assert prestarted.answered == 1
    assert IdentifierScanner(allowlist, prestarted)._scan("Call 07700 900456.") == [(5, 17, "phone number")]
    assert prestarted.answered == 2  # the allowlist went once; the recognisers were built from it


def test_when_the_process_cannot_scan_then_the_gate_scans_itself(prestarted) -> None:
    from redaction.allowlist import Allowlist
    from site_builder.gate.identifiers import IdentifierScanner

    allowlist = Allowlist.load()
    prestarted.close()
    assert prestarted.identifiers(allowlist, IDENTIFIER_TEXT) is None
    assert IdentifierScanner(allowlist, prestarted)._scan(IDENTIFIER_TEXT) == IdentifierScanner(allowlist)._scan(
        IDENTIFIER_TEXT
    )


def test_when_the_process_does_not_answer_in_time_then_the_build_does_the_work(prestarted, monkeypatch) -> None:
    import os
    import signal

    from site_builder import prestart

    os.kill(prestarted._proc.pid, signal.SIGSTOP)  # wedged: alive, never answering
    monkeypatch.setattr(prestart, "ANSWER_WITHIN", 0.5)
    assert prestarted.analyse(TEXTS) is None
    assert not prestarted.alive  # stopped, and not asked again


def test_when_the_build_is_killed_then_the_process_ends_too(tmp_path: Path) -> None:
    """A build killed with SIGKILL closes no pipe itself: the process must see the pipe close."""
    import os
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "build.py"
    script.write_text(
        "import sys, time\n"
        "from site_builder.prestart import Prestarted\n"
        "p = Prestarted()\n"
        "print(p._proc.pid, flush=True)\n"
        "p.analyse(['Warm up.'])\n"
        "time.sleep(60)\n",
        encoding="utf-8",
    )
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    child = int(proc.stdout.readline())
    time.sleep(1)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    if not wait_until(lambda: ended(child), 30, every=0.2):  # its reaper was the killed build
        os.kill(child, signal.SIGKILL)
        pytest.fail("the model process outlived the build")
