"""Issue 9: never lose a partnership's files, never publish by accident.

Site-folder safety, crash-safe publishing (real subprocesses killed with real signals), one build
at a time, symlinks, leftovers, audit kept on a blocked build, world-readable output, and errors
that never repeat personal data.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from helpers import AS_OF, tree_hashes, write_source

from site_builder.cli import main
from site_builder.lock import project_lock
from site_builder.sitedir import MARKER, read_marker, site_files

REPO = Path(__file__).resolve().parents[1]
BUILD = ["build", "--as-of", AS_OF.isoformat()]


def run_cli(project: Path, *args: str, prelude: str = "", timeout: int = 240) -> subprocess.CompletedProcess[str]:
    """``openness --project PROJECT ARGS`` in a real subprocess, after ``prelude`` (Python code)."""
    code = textwrap.dedent(prelude) + textwrap.dedent(f"""
        import sys
        from site_builder.cli import main
        sys.exit(main({["--project", str(project), *args]!r}))
    """)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, env=env)


def project_files(root: Path) -> dict[str, str]:
    """Hashes of the partnership's own files (everything but the site and private working files)."""
    return {k: v for k, v in tree_hashes(root).items() if not k.startswith(("site/", ".openness/"))}


# --- 1. The site folder can never be the project -------------------------------------------------


@pytest.mark.parametrize(
    "site_arg",
    [".", "..", "minutes", "reviews/out", "content", ".openness/site", "/"],
    ids=["project", "parent", "minutes", "inside-reviews", "content", "private", "root"],
)
def test_when_site_dir_is_or_holds_the_project_then_refused_and_nothing_deleted(
    partnership_copy, capsys, monkeypatch, site_arg
):
    monkeypatch.chdir(partnership_copy)
    before = tree_hashes(partnership_copy)
    code = main(["--project", str(partnership_copy), *BUILD, "--site-dir", site_arg])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) == 1 and err.startswith("openness: error:")
    assert tree_hashes(partnership_copy) == before


def test_when_site_dir_holds_files_no_build_wrote_then_refused(partnership_copy, tmp_path, capsys):
    target = tmp_path / "documents"
    target.mkdir()
    (target / "budget.md").write_text("the partnership's own file", encoding="utf-8")
    code = main(["--project", str(partnership_copy), *BUILD, "--site-dir", str(target)])
    assert code == 2
    assert "budget.md" in capsys.readouterr().err
    assert (target / "budget.md").read_text(encoding="utf-8") == "the partnership's own file"


def test_when_a_file_is_added_to_a_built_site_then_the_next_build_refuses_to_delete_it(partnership_copy, capsys):
    cname = partnership_copy / "site" / "CNAME"
    cname.write_text("openness.example\n", encoding="utf-8")
    code = main(["--project", str(partnership_copy), *BUILD])
    assert code == 2
    assert "CNAME" in capsys.readouterr().err
    assert cname.is_file()


def test_when_built_then_the_site_carries_a_marker_listing_every_file(built_partnership):
    site = built_partnership / "site"
    marker = read_marker(site)
    assert marker is not None and marker["files"] == site_files(site)


def test_when_site_dir_is_an_empty_folder_then_built_there(partnership_copy, tmp_path):
    target = tmp_path / "public"
    target.mkdir()
    assert main(["--project", str(partnership_copy), *BUILD, "--site-dir", str(target)]) == 0
    assert (target / "index.html").is_file() and (target / MARKER).is_file()


def test_when_built_then_site_is_world_readable(built_partnership):
    site = built_partnership / "site"
    modes = {stat.S_IMODE(p.stat().st_mode) for p in [site, *site.rglob("*")] if p.is_dir()}
    assert modes == {0o755}
    assert {stat.S_IMODE(p.stat().st_mode) for p in site.rglob("*") if p.is_file()} == {0o644}


# --- 2. Crash-safe publishing ---------------------------------------------------------------------


def _siblings(project: Path) -> list[str]:
    return sorted(p.name for p in project.glob(".site-*"))


@pytest.mark.slow
def test_when_build_killed_while_generating_then_old_site_intact_and_leftovers_cleared(partnership_copy):
    before = tree_hashes(partnership_copy / "site")
    src = partnership_copy / "minutes" / "childrens-board-2024-03-11.md"
    src.write_text(src.read_text(encoding="utf-8") + "\nA new closing paragraph.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-m", "site_builder.cli", "--project", str(partnership_copy), *BUILD]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    tmp = partnership_copy / ".openness" / "tmp"
    while time.monotonic() < deadline and not (tmp.is_dir() and any(tmp.iterdir())):
        if proc.poll() is not None:
            pytest.fail("the build ended before it reached the generator")
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert tree_hashes(partnership_copy / "site") == before
    assert _siblings(partnership_copy) == []
    result = run_cli(partnership_copy, "check")
    assert result.returncode == 0, result.stderr
    assert "removed a temporary folder left by an interrupted command" in result.stderr
    assert not any(tmp.iterdir())


@pytest.mark.slow
def test_when_killed_right_after_the_swap_then_new_site_complete_and_check_passes(partnership_copy):
    kill_after_exchange = """
        import os, signal
        import site_builder.publish as publish
        _original = publish._exchange
        def _exchange(a, b):
            _original(a, b)
            os.kill(os.getpid(), signal.SIGKILL)
        publish._exchange = _exchange
    """
    old_build = read_marker(partnership_copy / "site")
    result = run_cli(partnership_copy, *BUILD, prelude=kill_after_exchange)
    assert result.returncode == -signal.SIGKILL
    site = partnership_copy / "site"
    marker = read_marker(site)
    assert marker is not None and old_build is not None and marker["build"] != old_build["build"]
    assert marker["files"] == site_files(site)  # complete: every file the new build wrote
    check = run_cli(partnership_copy, "check")
    assert check.returncode == 0, check.stdout + check.stderr  # a good live site is never blocked
    assert "finished promoting" in check.stderr


@pytest.mark.slow
def test_when_killed_between_the_two_renames_then_next_command_restores_the_old_site(partnership_copy):
    kill_between = """
        import errno, os, signal
        import site_builder.publish as publish
        def _no_exchange(a, b):
            raise OSError(errno.EINVAL, "exchange not supported here")
        publish._exchange = _no_exchange
        publish._between_renames = lambda: os.kill(os.getpid(), signal.SIGKILL)
    """
    before = tree_hashes(partnership_copy / "site")
    result = run_cli(partnership_copy, *BUILD, prelude=kill_between)
    assert result.returncode == -signal.SIGKILL
    check = run_cli(partnership_copy, "check")
    assert "restored the previous site" in check.stderr
    assert check.returncode == 0, check.stdout + check.stderr
    assert tree_hashes(partnership_copy / "site") == before
    assert _siblings(partnership_copy) == []


def test_when_build_blocked_then_audit_staging_and_manifest_unchanged(partnership_copy, capsys):
    work = partnership_copy / ".openness"
    before = {k: v for k, v in tree_hashes(work).items() if k.startswith(("audit/", "docs/", "manifest"))}
    assert any(k.startswith("audit/") for k in before)
    (partnership_copy / "content" / "leak.md").write_text("Call 07700 900 123 today.\n", encoding="utf-8")
    assert main(["--project", str(partnership_copy), *BUILD]) == 1
    after = {k: v for k, v in tree_hashes(work).items() if k.startswith(("audit/", "docs/", "manifest"))}
    assert after == before


# --- 3. One build at a time ----------------------------------------------------------------------


@pytest.mark.parametrize("command", [BUILD, ["check"], ["serve"]], ids=["build", "check", "serve"])
def test_when_another_command_holds_the_lock_then_refused_naming_it(partnership_copy, capsys, command):
    before = tree_hashes(partnership_copy)
    with project_lock(partnership_copy / ".openness", "build"):
        code = main(["--project", str(partnership_copy), *command])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) == 1
    assert f"process {os.getpid()}" in err and "'openness build'" in err
    assert tree_hashes(partnership_copy) == before


# --- 4. Symlinks ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("link", "target_kind"),
    [
        ("minutes/linked.md", "file"),
        ("reviews/more", "folder"),
        ("content/extra.md", "file"),
        ("content/pics", "folder"),
    ],
)
def test_when_symlink_in_a_source_folder_then_error_naming_it(partnership_copy, capsys, link, target_kind):
    inside = partnership_copy / "minutes" / "executive-group-2024-04-02.md"
    target = inside if target_kind == "file" else partnership_copy / "minutes"
    path = partnership_copy / link
    path.symlink_to(target, target_is_directory=target_kind == "folder")
    before = tree_hashes(partnership_copy / "site")
    code = main(["--project", str(partnership_copy), *BUILD])
    err = capsys.readouterr().err
    assert code == 1
    assert link in err and "symbolic link" in err
    assert tree_hashes(partnership_copy / "site") == before


def test_when_easy_read_repeats_unpublished_minutes_then_blocked(partnership_copy, capsys):
    body = (
        "The executive group agreed in private that the budget for the independent scrutineer would be "
        "reduced next year, and asked the business manager to draft a confidential paper on the options.\n"
    )
    write_source(
        partnership_copy / "minutes" / "executive-group-2024-05-07.md",
        {"title": "Executive Group", "meeting": "executive-group", "date": "2024-05-07"},
        body,
    )
    review = partnership_copy / "reviews" / "lcspr-farhiya-hassan.md"  # live on AS_OF
    text = review.read_text(encoding="utf-8").replace(
        "status: approved", "status: approved\neasy_read: copy.easy-read.md", 1
    )
    review.write_text(text, encoding="utf-8")
    (partnership_copy / "reviews" / "copy.easy-read.md").write_text(body, encoding="utf-8")
    before = tree_hashes(partnership_copy / "site")
    assert main(["--project", str(partnership_copy), *BUILD]) == 1
    assert "unpublished" in capsys.readouterr().err
    assert tree_hashes(partnership_copy / "site") == before


# --- 8. Errors never repeat personal data ---------------------------------------------------------


@pytest.mark.parametrize("key", ["publish_on", "date"])
def test_when_a_bad_date_holds_a_name_then_the_error_does_not_print_it(partnership_copy, capsys, key):
    folder = "reviews" if key == "publish_on" else "minutes"
    path = next(p for p in sorted((partnership_copy / folder).glob("*.md")) if "easy-read" not in p.name)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [f"{key}: Quenby Marchetti" if ln.startswith(f"{key}:") else ln for ln in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["--project", str(partnership_copy), *BUILD]) == 1
    err = capsys.readouterr().err
    assert key in err and "Quenby" not in err and "Marchetti" not in err


def test_when_meeting_type_holds_a_name_then_the_error_does_not_print_it(partnership_copy, capsys):
    write_source(partnership_copy / "minutes" / "x.md", {"title": "T", "meeting": "Quenby", "date": "2025-01-01"}, "x")
    assert main(["--project", str(partnership_copy), *BUILD]) == 1
    err = capsys.readouterr().err
    assert "minutes/x.md" in err and "Quenby" not in err


def test_when_context_holds_lower_case_name_or_obfuscated_email_then_masked():
    from site_builder.gate.report import Hit, context

    text = "the officer wrote that quenby marchetti [at] example [dot] org had called about it"
    start = text.index("had")
    shown = context(text, Hit("text", start, start + 3, "x"), [(start, start + 3)])
    assert "quenby" not in shown and "marchetti" not in shown
    assert "called about it" in shown  # common words still give the context


# --- 7. Limits, not tracebacks --------------------------------------------------------------------

BOMB = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(9)
)


@pytest.mark.parametrize("where", ["front matter", "openness.yml", "mkdocs.yml"])
def test_when_yaml_aliases_explode_then_refused_within_a_second(partnership_copy, capsys, where):
    if where == "front matter":
        target = partnership_copy / "minutes" / "bomb.md"
        target.write_text(
            f"---\ntitle: T\nmeeting: childrens-board\ndate: 2025-01-01\n{BOMB}---\n\nx\n", encoding="utf-8"
        )
    elif where == "openness.yml":
        target = partnership_copy / "openness.yml"
        target.write_text(BOMB, encoding="utf-8")
    else:
        target = partnership_copy / "mkdocs.yml"
        target.write_text(target.read_text(encoding="utf-8") + "\n" + BOMB.replace("a:", "zz_a:", 1), encoding="utf-8")
    before = tree_hashes(partnership_copy / "site")
    started = time.monotonic()
    code = main(["--project", str(partnership_copy), *BUILD])
    assert time.monotonic() - started < 5  # the refusal itself; the rest is start-up
    err = capsys.readouterr().err.strip()
    assert code in (1, 2) and len(err.splitlines()) == 1 and target.name in err
    assert "alias" in err
    assert tree_hashes(partnership_copy / "site") == before


def test_when_yaml_bomb_parsed_then_refused_in_well_under_a_second():
    from redaction.schema import YamlBombError, load_yaml

    started = time.monotonic()
    with pytest.raises(YamlBombError):
        load_yaml(BOMB)
    assert time.monotonic() - started < 1


def test_when_source_is_5mb_then_refused_with_one_line(partnership_copy, capsys):
    words = ("The board noted the report and agreed the actions. " * 100_000)[:5_000_000]
    write_source(
        partnership_copy / "minutes" / "huge.md",
        {"title": "T", "meeting": "childrens-board", "date": "2025-01-01"},
        words,
    )
    before = tree_hashes(partnership_copy / "site")
    assert main(["--project", str(partnership_copy), *BUILD]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "minutes/huge.md" in err and "too long" in err
    assert tree_hashes(partnership_copy / "site") == before


@pytest.mark.parametrize("side", ["staging", "site"])
def test_when_disk_is_full_then_one_line_and_old_site_kept(partnership_copy, capsys, monkeypatch, side):
    import errno

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(partnership_copy / ".openness" / "x"))

    if side == "staging":
        monkeypatch.setattr("site_builder.stage.write", full)
    else:
        monkeypatch.setattr("site_builder.publish.make_world_readable", full)
    before = tree_hashes(partnership_copy / "site")
    assert main(["--project", str(partnership_copy), *BUILD]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "No space left on device" in err
    assert tree_hashes(partnership_copy / "site") == before
    assert not any((partnership_copy / ".openness" / "tmp").iterdir())


def test_when_an_unexpected_error_happens_then_one_line_no_traceback(partnership_copy, capsys, monkeypatch):
    def bug(*_args, **_kwargs):
        raise KeyError("boom")

    monkeypatch.setattr("site_builder.build.check_site", bug)
    before = tree_hashes(partnership_copy / "site")
    assert main(["--project", str(partnership_copy), *BUILD]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "internal error" in err and "Traceback" not in err
    assert tree_hashes(partnership_copy / "site") == before


# --- issue 13, item 5: previews never touch the site ------------------------------------------------


@pytest.mark.parametrize("site_arg", [None, "site"], ids=["default", "the-published-site-named"])
def test_when_as_of_is_after_today_into_the_published_site_then_refused(
    partnership_copy, capsys, monkeypatch, site_arg
):
    import datetime as dt

    monkeypatch.chdir(partnership_copy)
    later = (dt.date.today() + dt.timedelta(days=90)).isoformat()
    before = tree_hashes(partnership_copy)
    argv = ["--project", str(partnership_copy), "build", "--as-of", later]
    code = main(argv + (["--site-dir", site_arg] if site_arg else []))
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1 and "--preview" in err
    assert tree_hashes(partnership_copy) == before


def test_when_as_of_is_after_today_with_another_site_dir_then_built_there_not_in_site(partnership_copy, tmp_path):
    import datetime as dt

    later = (dt.date.today() + dt.timedelta(days=90)).isoformat()
    before = tree_hashes(partnership_copy / "site")
    other = tmp_path / "embargo-check"
    code = main(["--project", str(partnership_copy), "build", "--as-of", later, "--site-dir", str(other)])
    assert code in (0, 1)  # questions may stop it; either way the published site is untouched
    assert tree_hashes(partnership_copy / "site") == before
