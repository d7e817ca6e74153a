"""``openness init``: a new partnership's folder builds with its own name and none of the example
partnership's data; private files stay out of git; user files are never overwritten."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import REPO, site_texts, tree_hashes, write_source

from redaction.policy import DEFAULT_POLICY, load_policy
from site_builder.cli import main
from site_builder.init import init_project, private_files_warning

NAME = "Fernleigh Safeguarding Partnership"
GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed")
#: What only the example partnership publishes: names, places, contacts and its boards' dates.
SAMPLE_DATA = [
    "Marlowe",
    "marlowevale",
    "Eastwick",
    "Hollinsford",
    "Saltmarsh",
    "01632 960 000",
    "01632960000",
    "8 December 2026",
    "2026-12-08",
    "20261208",
    "19 January 2027",
    "2027-01-19",
    "20270119",
]
SAR_CHECKLIST = [
    "learning-materials",
    "proofread",
    "comms-strategy",
    "final-qa",
    "partners-briefed",
    "press-statement-shared",
    "family-advised",
    "scie-sent",
    "embargoed-copies-sent",
]


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


def add_sources(root: Path) -> None:
    write_source(
        root / "minutes/childrens-board-2026-10-13.md",
        {"title": "Children's Board – 13 October 2026", "meeting": "childrens-board", "date": "2026-10-13"},
        "# Children's Board\n\n## 1. Neglect strategy\n\nThe Board agreed the neglect strategy quokkafernminutes.\n",
    )
    write_source(
        root / "reviews/sar-discharge.md",
        {
            "title": "Safeguarding Adults Review: Adult A",
            "review_type": "sar",
            "status": "approved",
            "publish_on": "2026-09-01",
            "people": [{"name": "Ottoline Brackwater", "aliases": ["Ottie"], "relation": "subject"}],
            "checklist": dict.fromkeys(SAR_CHECKLIST, True),
        },
        "## Summary\n\nOttoline Brackwater lived alone. Ottie was discharged at night quokkafernreview.\n",
    )
    (root / "register.yaml").write_text(
        "people:\n  - name: Perpetua Hollowell\n    role: the safeguarding lead\n", encoding="utf-8"
    )


@pytest.mark.slow
@needs_git
def test_when_init_folder_gets_minutes_and_review_then_site_has_new_name_no_sample_data_and_git_stays_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    root = tmp_path / "fernleigh"
    assert main(["init", str(root), "--name", NAME]) == 0
    add_sources(root)
    capsys.readouterr()
    # The first build asks about the test's two marker words, as it would about any unknown word.
    assert main(["--project", str(root), "build", "--as-of", "2026-11-22"]) == 1
    assert "questions open: 2" in capsys.readouterr().out
    # The comms officer answers them once in 'openness review' (public words); the build then publishes.
    (root / "allowlist.yaml").write_text(
        "public:\n"
        "  - {text: quokkafernminutes, by: the comms officer, on: '2026-11-22'}\n"
        "  - {text: quokkafernreview, by: the comms officer, on: '2026-11-22'}\n",
        encoding="utf-8",
    )
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        assert main(["--project", str(root), "build", "--as-of", "2026-11-22"]) == 0
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert not any("private files" in w for w in warnings)
    gaps = [w for w in warnings if "[to fill: ...]" in w]  # the pages with gaps left to fill, named once
    assert len(gaps) == 1 and "content/accessibility.md (" in gaps[0]
    texts = site_texts(root / "site")
    everything = "\n".join(texts.values())
    assert NAME in texts["index.html"] and NAME in texts["accessibility/index.html"]
    assert "quokkafernminutes" in everything and "quokkafernreview" in everything
    assert "Ottoline" not in everything and "Brackwater" not in everything
    leaked = [s for s in SAMPLE_DATA if s.casefold() in everything.casefold()]
    assert leaked == []
    status = git(root, "status", "--porcelain", "--untracked-files=all")
    assert "register.yaml" not in status and ".openness" not in status and "site/" not in status
    assert "minutes/childrens-board-2026-10-13.md" in status  # the sources themselves are to be committed


def test_when_init_then_policy_has_every_meeting_type_and_no_dates(tmp_path: Path) -> None:
    init_project(tmp_path / "p", NAME)
    mine, bundled = load_policy(tmp_path / "p"), load_policy()
    assert list(mine.meetings) == list(bundled.meetings)
    assert all(m.next_meeting is None for m in mine.meetings.values())
    assert "next_meeting: 20" not in (tmp_path / "p" / "policy.yaml").read_text(encoding="utf-8")


def test_when_bundled_defaults_read_then_they_carry_no_dates() -> None:
    assert all(m.next_meeting is None for m in load_policy().meetings.values())
    assert "20" not in "".join(ln.split("#")[0] for ln in DEFAULT_POLICY.read_text(encoding="utf-8").splitlines())


def test_when_example_partnership_built_then_its_own_policy_keeps_its_next_meetings() -> None:
    policy = load_policy(REPO)
    assert {k: str(m.next_meeting) for k, m in policy.meetings.items() if m.next_meeting} == {
        "childrens-board": "2026-12-08",
        "adults-board": "2027-01-19",
    }


def test_when_init_then_pages_carry_the_name_and_the_accessibility_statement_follows_the_model(
    tmp_path: Path,
) -> None:
    root = tmp_path / "p"
    init_project(root, NAME)
    content = {p.name: p.read_text(encoding="utf-8") for p in (root / "content").glob("*.md")}
    assert all(NAME in text for name, text in content.items() if name != "practice-reviews.md")
    statement = content["accessibility.md"]
    for heading in (
        "## How accessible this website is",
        "## Feedback and contact information",
        "## Reporting accessibility problems with this website",
        "## Enforcement procedure",
        "## Technical information about this website's accessibility",
        "### Compliance status",
        "## Non-accessible content",
        "### Disproportionate burden",
        "## What we're doing to improve accessibility",
        "## Preparation of this accessibility statement",
    ):
        assert heading in statement
    assert statement.count("[to fill:") >= 10
    settings = (root / "openness.yml").read_text(encoding="utf-8")
    assert "checklist: required" in settings and f'partnership: "{NAME}"' in settings
    assert f'site_name: "{NAME}"' in (root / "mkdocs.yml").read_text(encoding="utf-8")


def test_when_init_then_source_folders_hold_only_an_example_that_is_not_a_source(tmp_path: Path) -> None:
    from redaction.sources import gather

    root = tmp_path / "p"
    init_project(root, NAME)
    assert [p.name for p in (root / "minutes").iterdir()] == ["README.md"]
    assert [p.name for p in (root / "reviews").iterdir()] == ["README.md"]
    assert "status: draft" in (root / "minutes" / "README.md").read_text(encoding="utf-8")
    assert gather(root) == ([], [])


def test_when_init_then_gitignore_covers_register_staging_site_and_previews(tmp_path: Path) -> None:
    init_project(tmp_path / "p", NAME)
    lines = (tmp_path / "p" / ".gitignore").read_text(encoding="utf-8").splitlines()
    for entry in ("register.yaml", ".openness/", "site/", "preview/", "previews/"):
        assert entry in lines


@pytest.mark.parametrize(
    ("existing", "name"),
    [("notes.txt", "a user's file"), ("minutes", "a folder"), ("mkdocs.yml", "another MkDocs site")],
)
def test_when_folder_not_empty_and_not_a_project_then_refused_one_line_and_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], existing: str, name: str
) -> None:
    root = tmp_path / "p"
    root.mkdir()
    target = root / existing
    if existing == "minutes":
        target.mkdir()
        (target / "board.docx").write_bytes(b"PK")
    else:
        target.write_text(name, encoding="utf-8")
    before = tree_hashes(root)
    assert main(["init", str(root), "--name", NAME]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(root) in err[0] and "not empty" in err[0]
    assert tree_hashes(root) == before and sorted(p.name for p in root.iterdir()) == [existing]


def test_when_folder_holds_only_a_git_repository_then_init_fills_it(tmp_path: Path) -> None:
    root = tmp_path / "p"
    (root / ".git").mkdir(parents=True)
    result = init_project(root, NAME)
    assert "mkdocs.yml" in result.created


@needs_git
def test_when_folder_is_already_a_project_then_only_missing_ignores_are_added(tmp_path: Path) -> None:
    root = tmp_path / "p"
    root.mkdir()
    (root / "mkdocs.yml").write_text("site_name: Mine\n", encoding="utf-8")
    (root / "minutes").mkdir()
    (root / ".gitignore").write_text("site/\n*.log", encoding="utf-8")
    result = init_project(root, NAME)
    assert (root / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: Mine\n"
    lines = (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["site/", "*.log"] and lines.count("site/") == 1
    assert "register.yaml" in lines and ".openness/" in lines
    assert not (root / "content").exists() and (root / "reviews").is_dir() and (root / ".git").is_dir()
    assert any("already an openness project" in n for n in result.notes)


def test_when_git_is_missing_then_init_skips_the_repository_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    result = init_project(tmp_path / "p", NAME)
    assert not (tmp_path / "p" / ".git").exists()
    assert any("git is not installed" in n for n in result.notes)
    assert private_files_warning(tmp_path / "p", tmp_path / "p" / "register.yaml") is None


def test_when_name_has_markup_then_refused(tmp_path: Path) -> None:
    from redaction.errors import ConfigError

    with pytest.raises(ConfigError):
        init_project(tmp_path / "p", "<script>Partnership")
    assert not (tmp_path / "p").exists()


# --- the build's warning about private files --------------------------------------------------------


@needs_git
@pytest.mark.parametrize(
    ("gitignore", "track", "expected"),
    [
        ("register.yaml\n.openness/\n", [], None),
        ("", [], ["register.yaml is not git-ignored", ".openness/ is not git-ignored"]),
        (".openness/\n", [], ["register.yaml is not git-ignored"]),
        ("register.yaml\n", [], [".openness/ is not git-ignored"]),
        ("register.yaml\n.openness/\n", ["register.yaml"], ["register.yaml is tracked by git"]),
        ("register.yaml\n.openness/\n", [".openness/audit/a.json"], [".openness/ is tracked by git"]),
    ],
    ids=[
        "ignored",
        "nothing_ignored",
        "register_not_ignored",
        "staging_not_ignored",
        "register_tracked",
        "audit_tracked",
    ],
)
def test_when_private_files_exposed_then_one_warning_names_them(
    tmp_path: Path, gitignore: str, track: list[str], expected: list[str] | None
) -> None:
    root = tmp_path / "p"
    root.mkdir()
    git(root, "init", "-q")
    (root / ".gitignore").write_text(gitignore, encoding="utf-8")
    (root / "register.yaml").write_text("people: []\n", encoding="utf-8")
    (root / ".openness" / "audit").mkdir(parents=True)
    (root / ".openness" / "audit" / "a.json").write_text("{}", encoding="utf-8")
    for rel in track:
        git(root, "add", "-f", rel)
    warning = private_files_warning(root, root / "register.yaml")
    if expected is None:
        assert warning is None
    else:
        assert warning is not None and "\n" not in warning
        assert all(e in warning for e in expected) and warning.count(" is ") == len(expected)


@needs_git
def test_when_register_is_the_committed_example_then_no_warning(tmp_path: Path) -> None:
    root = tmp_path / "p"
    root.mkdir()
    git(root, "init", "-q")
    (root / ".gitignore").write_text("register.yaml\n.openness/\n", encoding="utf-8")
    (root / "register.example.yaml").write_text("people: []\n", encoding="utf-8")
    git(root, "add", "register.example.yaml")
    assert private_files_warning(root, root / "register.example.yaml") is None


def test_when_project_is_not_in_a_repository_then_no_warning(tmp_path: Path) -> None:
    if (
        GIT is not None
        and subprocess.run(["git", "-C", str(tmp_path), "rev-parse"], capture_output=True).returncode == 0
    ):
        pytest.skip("the temporary folder is inside a git repository")
    assert private_files_warning(tmp_path, tmp_path / "register.yaml") is None


@pytest.mark.slow
@needs_git
def test_when_build_in_repository_without_ignores_then_warned_exactly_once(
    partnership_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    git(partnership_copy, "init", "-q")
    with caplog.at_level(logging.WARNING):
        assert main(["--project", str(partnership_copy), "build", "--as-of", "2025-01-15"]) == 0
    warnings = [r.getMessage() for r in caplog.records if "private files could be committed" in r.getMessage()]
    assert len(warnings) == 1 and "register.yaml" in warnings[0] and ".openness/" in warnings[0]


def test_when_gaps_filled_then_no_gap_warning(tmp_path: Path) -> None:
    from site_builder.init import unfilled_gaps

    root = tmp_path / "p"
    init_project(root, NAME)
    warning = unfilled_gaps(root / "content")
    assert warning is not None and "content/index.md (" in warning
    for page in (root / "content").glob("*.md"):
        page.write_text(re.sub(r"\[to fill:[^\]]*\]", "filled", page.read_text(encoding="utf-8")), encoding="utf-8")
    assert unfilled_gaps(root / "content") is None


def test_when_no_name_given_then_pages_carry_a_gap_to_fill_and_a_note(tmp_path: Path) -> None:
    from site_builder.init import unfilled_gaps

    result = init_project(tmp_path / "p", None)
    assert any("no --name given" in n for n in result.notes)
    assert "[to fill: partnership name]" in (tmp_path / "p" / "content" / "index.md").read_text(encoding="utf-8")
    assert 'site_name: "[to fill: partnership name]"' in (tmp_path / "p" / "mkdocs.yml").read_text(encoding="utf-8")
    warning = unfilled_gaps(tmp_path / "p" / "content")
    assert warning is not None and "content/privacy.md (" in warning


@needs_git
def test_when_folder_is_inside_a_repository_then_no_nested_repository_and_private_files_still_ignored(
    tmp_path: Path,
) -> None:
    git(tmp_path, "init", "-q")
    root = tmp_path / "partnerships" / "fernleigh"
    result = init_project(root, NAME)
    assert not (root / ".git").exists() and not any("git repository" in n for n in result.notes)
    (root / "register.yaml").write_text("people: []\n", encoding="utf-8")
    (root / ".openness").mkdir()
    (root / ".openness" / "a.json").write_text("{}", encoding="utf-8")
    status = git(tmp_path, "status", "--porcelain", "--untracked-files=all")
    assert "register.yaml" not in status and ".openness" not in status and "mkdocs.yml" in status
    assert private_files_warning(root, root / "register.yaml") is None
