"""The ``openness`` command line: --help for every command (datasette style), exit codes, one-line errors."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from site_builder import cli


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in cli.parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


COMMAND_NAMES = sorted(cli.COMMANDS)


def _documented_options() -> list[tuple[str, str]]:
    """(command, option string or positional metavar) for every argument each sub-parser defines."""
    rows = []
    for name, sub in _subparsers().items():
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            if action.option_strings:
                rows += [(name, opt) for opt in action.option_strings if opt.startswith("--")]
            else:
                rows.append((name, action.metavar or action.dest.upper()))
    return rows


def test_when_cli_parser_built_then_every_command_has_a_sub_parser():
    assert sorted(_subparsers()) == COMMAND_NAMES


@pytest.mark.parametrize(("command", "option"), _documented_options(), ids=lambda v: v)
def test_when_sub_command_defines_option_then_its_docstring_documents_it(command, option):
    doc = cli.COMMANDS[command].__doc__ or ""
    assert option in doc, f"'openness {command}' defines {option} but its docstring does not document it"


@pytest.mark.parametrize("command", COMMAND_NAMES)
def test_when_sub_command_has_docstring_then_it_has_a_summary_line_and_body(command):
    doc = cli.COMMANDS[command].__doc__ or ""
    first, _, rest = doc.partition("\n")
    assert first.strip().endswith(".") and rest.strip(), f"'openness {command}' needs a docstring summary and body"


@pytest.mark.parametrize("argv", [["--help"], *[[name, "--help"] for name in COMMAND_NAMES]], ids=" ".join)
def test_when_help_requested_then_exit_zero_and_usage_printed(capsys, argv):
    with pytest.raises(SystemExit) as exc:
        cli.main(argv)
    out = capsys.readouterr().out
    assert exc.value.code == 0
    assert out.startswith("usage: openness")
    if argv[0] == "--help":
        for name in COMMAND_NAMES:
            assert name in out
        assert "--project" in out and "--verbose" in out
    else:
        doc = cli.COMMANDS[argv[0]].__doc__ or ""
        assert " ".join(doc.splitlines()[0].split()) in " ".join(out.split())


def test_when_installed_entry_point_then_help_runs():
    exe = sys.executable.replace("python", "openness") if sys.executable.endswith("python") else None
    cmd = [exe, "--help"] if exe else [sys.executable, "-m", "site_builder.cli", "--help"]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "usage: openness" in proc.stdout


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["build", "--as-of", "2025-02-30"], 2),
        (["build", "--as-of", "tomorrow"], 2),
        (["no-such-command"], 2),
        ([], 2),
    ],
    ids=["impossible_as_of", "word_as_of", "unknown_command", "no_command"],
)
def test_when_bad_usage_then_argparse_exits_2(capsys, argv, code):
    with pytest.raises(SystemExit) as exc:
        cli.main(argv)
    assert exc.value.code == code
    assert "usage: openness" in capsys.readouterr().err


def test_when_project_has_no_mkdocs_yml_then_one_line_config_error_exit_2(tmp_path, capsys):
    code = cli.main(["--project", str(tmp_path), "build"])
    lines = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(lines) == 1
    assert str(tmp_path) in lines[0] and "mkdocs.yml" in lines[0]


@pytest.mark.parametrize(
    ("file", "text", "key"),
    [
        (
            "policy.yaml",
            "meetings:\n  childrens-board:\n    name: Children's Board\n    publish: maybe\n"
            "    what_we_publish: All.\n",
            "meetings.childrens-board.publish",
        ),
        (
            "policy.yaml",
            "meetings:\n  childrens-board:\n    name: Children's Board\n    publish: true\n"
            "    what_we_publish: All.\n    next_meeting: 2026-02-30\n",
            "meetings.childrens-board.next_meeting",
        ),
        ("openness.yml", "public_contacts: [\n", None),
        ("openness.yml", "review_date: 2026-02-30\n", None),
    ],
    ids=[
        "policy_publish_not_boolean",
        "policy_impossible_date",
        "settings_malformed",
        "settings_impossible_date",
    ],
)
def test_when_bad_configuration_then_one_line_error_exit_2_and_site_untouched(
    partnership_copy, capsys, file, text, key
):
    from helpers import tree_hashes

    before = tree_hashes(partnership_copy / "site")
    (partnership_copy / file).write_text(text, encoding="utf-8")
    capsys.readouterr()
    code = cli.main(["--project", str(partnership_copy), "build"])
    lines = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(lines) == 1, lines
    assert file in lines[0]
    if key:
        assert f"'{key}'" in lines[0]
    assert tree_hashes(partnership_copy / "site") == before
