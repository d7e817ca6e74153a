"""The publish policy: the "what we publish" table is generated from the same data the build enforces."""

from __future__ import annotations

import shutil

import pytest
import yaml
from helpers import UNPUBLISHED_SENTINELS, site_texts, visible_text

from redaction.errors import ConfigError, PolicyError
from redaction.policy import DEFAULT_POLICY, load_policy
from site_builder.cli import main

EXEC_SENTINEL = UNPUBLISHED_SENTINELS["minutes/executive-group-2024-04-02.md"]


def _flipped_policy() -> dict:
    data = yaml.safe_load(DEFAULT_POLICY.read_text(encoding="utf-8"))
    data["meetings"]["executive-group"]["publish"] = True
    data["meetings"]["executive-group"]["what_we_publish"] = "Minutes of every meeting, from 2024."
    data["meetings"]["adults-board"]["publish"] = False
    data["meetings"]["adults-board"]["what_we_publish"] = "Nothing while the Board is reconstituted."
    return data


@pytest.fixture(scope="module")
def sites(built_partnership, tmp_path_factory):
    """(site as built with the default policy, site rebuilt after flipping two meetings)."""
    root = tmp_path_factory.mktemp("policy") / "project"
    shutil.copytree(built_partnership, root, symlinks=True)
    (root / "policy.yaml").write_text(yaml.safe_dump(_flipped_policy(), sort_keys=False), encoding="utf-8")
    assert main(["--project", str(root), "build", "--as-of", "2025-01-15"]) == 0
    return site_texts(built_partnership / "site"), site_texts(root / "site")


def _table_rows(page_html: str) -> list[str]:
    rows = []
    for row in page_html.split("<tr>")[1:]:
        rows.append(visible_text(row.split("</tr>")[0]))
    return rows


@pytest.mark.parametrize(
    ("meeting", "default_row", "flipped_row"),
    [
        (
            "Executive Group",
            "Executive Group No Nothing.",
            "Executive Group Yes Minutes of every meeting, from 2024.",
        ),
        (
            "Adults' Board",
            "Adults' Board Yes Minutes of every meeting",
            "Adults' Board No Nothing while the Board is reconstituted.",
        ),
        (
            "Children's Board",
            "Children's Board Yes Minutes of every meeting",
            "Children's Board Yes Minutes of every meeting",
        ),
        ("Case Review Panel", "Case Review Panel No Nothing.", "Case Review Panel No Nothing."),
    ],
)
def test_when_policy_flipped_then_openness_statement_table_follows(sites, meeting, default_row, flipped_row):
    default, flipped = (_table_rows(s["openness-statement/index.html"]) for s in sites)
    assert next(r for r in default if r.startswith(meeting)).startswith(default_row)
    assert next(r for r in flipped if r.startswith(meeting)).startswith(flipped_row)


@pytest.mark.parametrize(
    ("what", "in_default", "in_flipped"),
    [
        ("minutes/executive-group/2024/2024-04-02/index.html", False, True),
        ("minutes/executive-group/index.html", False, True),
        ("minutes/adults-board/2024/2024-07-16/index.html", True, False),
        ("minutes/adults-board/index.html", True, False),
        ("minutes/childrens-board/2024/2024-03-11/index.html", True, True),
    ],
)
def test_when_policy_flipped_then_build_publishes_accordingly(sites, what, in_default, in_flipped):
    default, flipped = sites
    assert (what in default, what in flipped) == (in_default, in_flipped)


@pytest.mark.parametrize(
    ("sentinel", "in_default", "in_flipped"),
    [
        (EXEC_SENTINEL, False, True),
        ("quokkaadults", True, False),
        (UNPUBLISHED_SENTINELS["minutes/case-review-panel-2024-02-20.md"], False, False),
    ],
)
def test_when_policy_flipped_then_text_follows_the_policy(sites, sentinel, in_default, in_flipped):
    found = [any(sentinel in text.lower() for text in s.values()) for s in sites]
    assert found == [in_default, in_flipped]


# --- loading the policy ---------------------------------------------------------------------------


def test_when_no_project_policy_then_default_policy_and_its_table(tmp_path):
    policy = load_policy(tmp_path)
    assert policy.path == DEFAULT_POLICY
    table = policy.what_we_publish_markdown().splitlines()
    assert table[0] == "| Meeting | Published on this site | What we publish |"
    assert len(table) == 2 + len(policy.meetings)
    for m in policy.meetings.values():
        assert f"| {m.name} | {'Yes' if m.publish else 'No'} | {m.what_we_publish} |" in table


@pytest.mark.parametrize(
    ("policy_text", "key"),
    [
        ("meetings:\n  board:\n    name: Board\n    publish: true\n    what_we_publish: All.\n", None),
        ("meetings: [", "no key: malformed YAML"),
        ("reviews: {}\n", "meetings"),
        ("meetings: {}\n", "meetings"),
        (
            "meetings:\n  board:\n    name: Board\n    publish: yes please\n    what_we_publish: All.\n",
            "meetings.board.publish",
        ),
        ("meetings:\n  board:\n    publish: true\n    what_we_publish: All.\n", "meetings.board.name"),
        (
            "meetings:\n  board:\n    name: Board\n    publish: true\n    what_we_publish: All.\n"
            "    next_meeting: 2026-02-30\n",
            "meetings.board.next_meeting",
        ),
        (
            "meetings:\n  board:\n    name: Board\n    publish: true\n    what_we_publish: All.\n"
            "reviews:\n  retention_days: 30\n",
            "reviews.retention_days",
        ),
    ],
    ids=[
        "valid",
        "malformed_yaml",
        "no_meetings",
        "empty_meetings",
        "publish_not_boolean",
        "missing_name",
        "impossible_next_meeting",
        "retention_too_short",
    ],
)
def test_when_project_policy_then_loaded_or_config_error_names_file_and_key(tmp_path, policy_text, key):
    (tmp_path / "policy.yaml").write_text(policy_text, encoding="utf-8")
    if key is None:
        assert list(load_policy(tmp_path).meetings) == ["board"]
        return
    with pytest.raises(ConfigError) as exc:
        load_policy(tmp_path)
    assert exc.value.file == str(tmp_path / "policy.yaml")
    if not key.startswith("no key"):
        assert exc.value.key == key
    assert "\n" not in exc.value.one_line()


@pytest.mark.parametrize(
    ("meeting", "ok"),
    [
        ("childrens-board", True),
        ("executive-group", True),
        ("Childrens-Board", False),
        ("parish-council", False),
        ("", False),
        (None, False),
    ],
)
def test_when_minutes_meeting_type_then_known_or_policy_error(meeting, ok):
    policy = load_policy(None)
    if ok:
        assert policy.meeting(meeting, "minutes/m.md").key == meeting
    else:
        with pytest.raises(PolicyError) as exc:
            policy.meeting(meeting, "minutes/m.md")
        assert (exc.value.file, exc.value.key) == ("minutes/m.md", "meeting")
