"""The gate's questions end to end: they block a build, warn mode, --preview, openness review
(--json and the private server), and answers that are never asked again.

The project is the example's content/ and mkdocs.yml (with the repository's own answers) and two
invented Children's Board minutes naming an invented local forum, "Wexcombe", that no word list
knows: the gate must ask about it. Everything here is invented.
"""

from __future__ import annotations

import http.client
import json
import shutil
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from helpers import REPO, tree_hashes, write_source

from site_builder.cli import main
from site_builder.sitedir import write_marker

AS_OF = "2026-11-22"
WORD = "Wexcombe"
MINUTES = {
    "minutes/childrens-board-2026-05-12.md": "The Board thanked the Wexcombe forum for its report on youth services.",
    "minutes/childrens-board-2026-09-08.md": "Members agreed to invite the Wexcombe forum to the next meeting.",
}


def make_project(root: Path, mode: str | None = None) -> Path:
    root.mkdir(parents=True)
    shutil.copytree(REPO / "content", root / "content")
    for name in ("mkdocs.yml", "allowlist.yaml"):
        shutil.copy2(REPO / name, root / name)
    settings: dict[str, object] = {
        "partnership": "Marlowe Vale Safeguarding Partnership",
        "public_contacts": ["safeguarding.partnership@marlowevale.example", "01632 960 000"],
        "allowlist": ["Marlowe Vale", "Eastwick Bridge", "Hollinsford", "Saltmarsh Quay"],
    }
    if mode:
        settings["gate"] = {"questions": mode}
    (root / "openness.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    (root / "reviews").mkdir()
    for rel, sentence in MINUTES.items():
        date = rel.rsplit("-", 3)[-3:]
        day = "-".join(date).removesuffix(".md")
        front = {"title": f"Children's Board – {day}", "meeting": "childrens-board", "date": day}
        write_source(root / rel, front, f"# Children's Board\n\n## Item 1\n\n{sentence}\n")
    return root


def build(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["--project", str(root), "build", "--as-of", AS_OF, *extra])
    out = capsys.readouterr()
    return code, out.out + out.err


def review_json(root: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    assert main(["--project", str(root), "review", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture(scope="module")
def asked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project after one preview build (its questions saved). Do not modify: copy it."""
    root = make_project(tmp_path_factory.mktemp("questions") / "project")
    code = main(["--project", str(root), "build", "--as-of", AS_OF, "--preview", str(root.parent / "preview")])
    assert code == 0
    return root


@pytest.fixture
def project(asked: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "project"
    shutil.copytree(asked, dest, symlinks=True)
    return dest


def test_when_questions_open_then_build_exits_1_and_old_site_is_untouched(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the previous site", encoding="utf-8")
    write_marker(project / "site", "earlier-build")  # a site an earlier build wrote
    before = tree_hashes(project / "site")
    code, out = build(project, capsys)
    assert code == 1, out
    assert tree_hashes(project / "site") == before
    assert "questions open: 1" in out and "openness review" in out
    assert "documents published: 2" in out and "replacements made:" in out
    assert WORD not in out  # the build's own output masks what it asks about


def test_when_questions_warn_then_build_publishes_and_says_so(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = yaml.safe_load((project / "openness.yml").read_text(encoding="utf-8"))
    (project / "openness.yml").write_text(yaml.safe_dump(settings | {"gate": {"questions": "warn"}}), encoding="utf-8")
    code, out = build(project, capsys)
    assert code == 0, out
    assert "questions open: 1" in out
    assert WORD in (project / "site" / "index.html").parent.joinpath("search", "search_index.json").read_text()


def test_when_preview_then_written_there_and_nothing_published(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the previous site", encoding="utf-8")
    before_site, before_work = tree_hashes(project / "site"), tree_hashes(project / ".openness" / "docs")
    code, out = build(project, capsys, "--preview", str(tmp_path / "look"))
    assert code == 0, out
    assert (tmp_path / "look" / "index.html").is_file()
    assert "preview (not published)" in out
    assert tree_hashes(project / "site") == before_site
    assert tree_hashes(project / ".openness" / "docs") == before_work  # staging not promoted


@pytest.mark.parametrize("where", ["site", "site/inner", ".", "..", "content/look", ".openness/look", "minutes/x"])
def test_when_preview_dir_is_not_allowed_then_exit_2(
    where: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tree_hashes(project)
    code, out = build(project, capsys, "--preview", str(project / where))
    assert code == 2, out
    assert tree_hashes(project) == before


def test_when_review_json_then_each_question_has_text_source_page_kind(
    asked: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    questions = review_json(asked, capsys)
    assert isinstance(questions, list) and questions
    for q in questions:
        assert {"text", "source", "page", "kind"} <= set(q)
    ours = [q for q in questions if WORD in str(q["text"])]
    assert {q["source"] for q in ours} == set(MINUTES)
    assert all(str(q["page"]).startswith("minutes/childrens-board/2026-") for q in ours)
    assert all("unknown word" in q["kinds"] for q in ours)  # type: ignore[operator]


def answer_all(root: Path, how: str) -> None:
    from site_builder.gate import answers
    from site_builder.project import Project
    from site_builder.review.queue import open_questions

    project = Project(root)
    for q in open_questions(project):
        if how == "public":
            answers.answer_public(project, str(q["text"]), "A. Tester")
        elif how == "person":
            answers.answer_person(project, str(q["text"]), "A. Tester", "the forum's chair")
        else:
            for key in [*q["keys"], *q.get("index_keys", [])]:  # type: ignore[misc]
                answers.answer_once(project, str(key), str(q["page"]), "A. Tester")


@pytest.mark.parametrize("how", ["public", "once", "person"])
def test_when_answered_once_then_never_asked_again(how: str, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer_all(project, how)
    assert review_json(project, capsys) == []  # gone from the queue at once
    code, out = build(project, capsys)
    assert code == 0, out
    assert review_json(project, capsys) == []  # and from the rebuilt site
    code, out = build(project, capsys)  # and again
    assert code == 0 and "questions open: 0" in out
    recorded = {"public": "allowlist.yaml", "once": "decisions.yaml", "person": "register.yaml"}[how]
    assert "A. Tester" in (project / recorded).read_text(encoding="utf-8")


def test_when_answered_as_a_person_then_redacted_in_every_document(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answer_all(project, "person")
    code, out = build(project, capsys)
    assert code == 0, out
    pages = sorted((project / "site" / "minutes" / "childrens-board").glob("2026-*/index.html"))
    assert len(pages) == 2
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert WORD not in text and "the forum&#39;s chair" in text.replace("'", "&#39;")
    for path in (project / "site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml"):
            assert WORD not in path.read_text(encoding="utf-8", errors="ignore"), path


def test_when_check_finds_open_questions_then_exit_1(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = yaml.safe_load((project / "openness.yml").read_text(encoding="utf-8"))
    (project / "openness.yml").write_text(yaml.safe_dump(settings | {"gate": {"questions": "warn"}}), encoding="utf-8")
    assert build(project, capsys)[0] == 0
    (project / "openness.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    code = main(["--project", str(project), "check"])
    out = capsys.readouterr().out
    assert code == 1
    assert "question (person name): W*******" in out and WORD not in out


# --- the review server -------------------------------------------------------------------------


@pytest.fixture
def server(project: Path) -> Iterator[object]:
    from site_builder.project import Project
    from site_builder.review.server import ReviewServer

    srv = ReviewServer(Project(project), "A. Tester")
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()


def request(srv: object, path: str, host: str | None = None, body: dict[str, str] | None = None) -> tuple[int, str]:
    port = srv.server_address[1]  # type: ignore[attr-defined]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Host": host or f"127.0.0.1:{port}"}
    data = None
    if body is not None:
        data = urllib.parse.urlencode(body)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request("POST" if body is not None else "GET", path, body=data, headers=headers)
    resp = conn.getresponse()
    return resp.status, resp.read().decode("utf-8")


def test_when_token_and_host_are_right_then_page_shows_questions(server: object) -> None:
    status, page = request(server, f"/?token={server.token}")  # type: ignore[attr-defined]
    assert status == 200
    assert WORD in page and "Public word" in page and "This occurrence only" in page


@pytest.mark.parametrize(
    ("path", "host"),
    [("/", None), ("/?token=wrong", None), ("/?token={token}", "evil.example:80"), ("/?token={token}", "127.0.0.1:1")],
)
def test_when_token_or_host_is_wrong_then_403(server: object, path: str, host: str | None) -> None:
    status, page = request(server, path.format(token=server.token), host)  # type: ignore[attr-defined]
    assert status == 403
    assert WORD not in page


def test_when_answer_posted_without_token_then_refused_and_nothing_written(server: object, project: Path) -> None:
    status, _ = request(server, "/answer", body={"token": "wrong", "text": WORD, "key": "x", "answer": "public"})
    assert status == 403
    assert WORD not in (project / "allowlist.yaml").read_text(encoding="utf-8")


def test_when_answer_posted_then_recorded_with_who_and_when(server: object, project: Path, capsys) -> None:
    q = next(q for q in review_json(project, capsys) if q["text"] == WORD)
    body = {"token": server.token, "text": WORD, "key": str(q["keys"][0]), "answer": "public"}  # type: ignore[attr-defined,index]
    status, _ = request(server, "/answer", body=body)
    assert status == 303
    entry = yaml.safe_load((project / "allowlist.yaml").read_text(encoding="utf-8"))["public"][-1]
    assert entry["text"] == WORD and entry["by"] == "A. Tester" and entry["on"]
    assert review_json(project, capsys) == []


def test_when_a_name_is_on_a_content_page_or_in_mkdocs_yml_then_it_is_a_question(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = project / "content" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOur new chair is Ottilie Wexford.\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("site_description: ", "site_description: Run by Bramwell Quince. "),
        encoding="utf-8",
    )
    code, out = build(project, capsys, "--preview", str(tmp_path / "look"))
    assert code == 0, out
    questions = review_json(project, capsys)
    about = {q["source"] for q in questions if "Wexford" in str(q["text"])}
    assert about == {"content/about.md"}
    config_questions = [q for q in questions if "Quince" in str(q["text"])]
    assert config_questions and {q["source"] for q in config_questions} == {"mkdocs.yml"}
