"""``openness review`` in real Chromium, from the keyboard: load the page, answer three questions
(public word, a person, this occurrence only), rebuild, and the questions are gone."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import browser_harness as harness
import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from helpers import REPO, write_source

WORDS = {"2026-05-12": "Wexcombe", "2026-07-14": "Tarnholt", "2026-09-08": "Brindlecote"}


def make_project(root: Path) -> Path:
    root.mkdir(parents=True)
    shutil.copytree(REPO / "content", root / "content")
    for name in ("mkdocs.yml", "allowlist.yaml"):
        shutil.copy2(REPO / name, root / name)
    settings = {
        "partnership": "Marlowe Vale Safeguarding Partnership",
        "public_contacts": ["safeguarding.partnership@marlowevale.example", "01632 960 000"],
        "allowlist": ["Marlowe Vale", "Eastwick Bridge", "Hollinsford", "Saltmarsh Quay"],
    }
    (root / "openness.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    (root / "reviews").mkdir()
    for day, word in WORDS.items():
        front = {"title": f"Children's Board – {day}", "meeting": "childrens-board", "date": day}
        body = f"# Children's Board\n\n## Item 1\n\nThe Board heard from the {word} forum about youth services.\n"
        write_source(root / f"minutes/childrens-board-{day}.md", front, body)
    return root


def open_questions(root: Path) -> list[dict[str, object]]:
    from site_builder.project import Project
    from site_builder.review.queue import open_questions as queue

    return queue(Project(root))


@pytest.mark.browser
def test_when_three_questions_answered_by_keyboard_then_rebuild_has_none(browser_ready, tmp_path: Path) -> None:
    from site_builder.cli import main
    from site_builder.project import Project
    from site_builder.review.server import ReviewServer

    root = make_project(tmp_path / "project")
    assert main(["--project", str(root), "build", "--as-of", "2026-11-22", "--preview", str(tmp_path / "p")]) == 0
    asked = {str(q["text"]) for q in open_questions(root)}
    assert set(WORDS.values()) <= asked, asked
    server = ReviewServer(Project(root), "A. Tester")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        proc = subprocess.run(
            ["node", str(Path(__file__).parent / "review.mjs"), server.url, "public,person,once",
             f"--chromium={harness.chromium_path()}"],
            capture_output=True, text=True, timeout=180, check=False,
        )  # fmt: skip
    finally:
        server.shutdown()
        server.server_close()
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["axe"] == [], result["axe"]
    assert len(result["answered"]) == 3 and all(result["focusVisible"]), result
    assert result["remaining"] == len(asked) - 3
    answered = set(result["answered"])
    assert answered <= asked and len(answered) == 3, answered
    register = yaml.safe_load((root / "register.yaml").read_text(encoding="utf-8"))["people"]
    assert register[0]["role"] == "the forum's chair" and register[0]["answered_by"] == "A. Tester"
    assert main(["--project", str(root), "build", "--as-of", "2026-11-22", "--preview", str(tmp_path / "p")]) == 0
    assert not answered & {str(q["text"]) for q in open_questions(root)}
