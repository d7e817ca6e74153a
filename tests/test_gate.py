"""The publication gate end to end: build one clean site per session, inject one leak per test.

The session site is the dev corpus (``/work/shared/corpus/dev``) with this project's content and
mkdocs.yml; if that corpus cannot be built (a source rule or the gate refuses it) the example
project's own minutes and reviews stand in, and a warning says why. Every person here is
invented: phone numbers come from Ofcom's drama ranges, NHS numbers are generated with a valid
checksum, names are made up (and declared in a synthetic private register).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import shutil
import subprocess
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from redaction.errors import OpennessError
from site_builder.cli import main

REPO = Path(__file__).resolve().parent.parent
DEV_CORPUS = Path("/work/shared/corpus/dev")
AS_OF = dt.date(2026, 11, 22)
STAFF = "Ottoline Brackwater"  # declared in the synthetic register.yaml below
SPLIT_NAME = "Cal<b>lum</b> Ridley"
MOBILE = "07700 900123"
EMAIL = "ottie.b1979@example.org"
NER_NAME = "Harriet Quennell"  # not declared anywhere: only the NER can see it
SETTINGS = {
    "public_contacts": ["safeguarding.partnership@marlowevale.example", "01632 960 000"],
    "allowlist": ["Eastwick Bridge", "Hollinsford", "Saltmarsh Quay"],
    "gate": {"questions": "warn"},  # these tests are about what the gate blocks; questions: test_questions.py
}  # the partnership's towns
REGISTER = {
    "people": [
        {"name": STAFF, "aliases": ["Ottie Brackwater"], "initials": ["OB"], "role": "the designated nurse"},
        {"name": "Callum Ridley", "role": "a practitioner"},
    ]
}
MINUTES_PAGE = re.compile(r"^minutes/[^/]+/\d{4}-\d{2}-\d{2}/index\.html$")


def nhs_number(seed: int) -> str:
    """A synthetic NHS number (999 range) with a valid Modulus 11 checksum."""
    n = seed
    while True:
        nine = f"999{n:06d}"
        check = 11 - sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            digits = nine + str(check)
            return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
        n += 1


NHS = nhs_number(4242)


def make_project(root: Path, sources: Path) -> Path:
    for folder in ("minutes", "reviews"):
        shutil.copytree(sources / folder, root / folder)
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copy2(REPO / "allowlist.yaml", root / "allowlist.yaml")  # the example pages' public words
    (root / "openness.yml").write_text(yaml.safe_dump(SETTINGS), encoding="utf-8")
    (root / "register.yaml").write_text(yaml.safe_dump(REGISTER), encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def gate_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built project (sources, staging folder, manifest and site/). Do not modify: copy it."""
    from site_builder.build import build
    from site_builder.project import Project

    problems = []
    for sources in (DEV_CORPUS, REPO):
        if not (sources / "minutes").is_dir():
            continue
        root = make_project(tmp_path_factory.mktemp("gate") / "project", sources)
        try:
            build(Project(root), root / "site", as_of=AS_OF)
        except OpennessError as exc:
            problems.append(f"{sources}: {exc.one_line()}")
            continue
        if problems:
            warnings.warn("gate tests use the example project: " + "; ".join(problems), stacklevel=1)
        return root
    pytest.fail("no corpus could be built: " + "; ".join(problems))


@pytest.fixture
def project(gate_project: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "project"
    shutil.copytree(gate_project, dest, symlinks=True)
    return dest


def run_check(project: Path, capsys: pytest.CaptureFixture[str], site: Path | None = None) -> tuple[int, str]:
    code = main(["--project", str(project), "check", str(site or project / "site")])
    out = capsys.readouterr()
    return code, out.out + out.err


def minutes_pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("index.html")) if MINUTES_PAGE.match(p.relative_to(site).as_posix())]


def a_minutes_page(site: Path) -> Path:
    return minutes_pages(site)[0]


def edit(path: Path, change: Callable[[str], str]) -> None:
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def in_article(leak: str) -> Callable[[Path], str]:
    def inject(site: Path) -> str:
        page = a_minutes_page(site)
        edit(page, lambda t: t.replace("</article>", f"<p>Present: {leak}, chair.</p></article>", 1))
        return page.relative_to(site).as_posix()

    return inject


def in_title(site: Path) -> str:
    page = a_minutes_page(site)
    edit(page, lambda t: re.sub(r"<title>", f"<title>{STAFF} – ", t, count=1))
    return page.relative_to(site).as_posix()


def in_alt(site: Path) -> str:
    page = a_minutes_page(site)
    edit(page, lambda t: t.replace("</article>", f'<img src="x.png" alt="Photo of {STAFF}"></article>', 1))
    return page.relative_to(site).as_posix()


def in_comment(site: Path) -> str:
    page = site / "about" / "index.html"
    edit(page, lambda t: t.replace("</body>", f"<!-- reviewed by {STAFF} --></body>", 1))
    return "about/index.html"


def in_search_index(escaped: bool) -> Callable[[Path], str]:
    def inject(site: Path) -> str:
        path = site / "search" / "search_index.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        marker = "@@LEAK@@"
        data["docs"][0]["text"] += f" Contact {marker} for details."
        text = json.dumps(data)
        leak = "".join(f"\\u{ord(c):04x}" for c in STAFF) if escaped else STAFF
        path.write_text(text.replace(marker, leak), encoding="utf-8")
        return "search/search_index.json"

    return inject


def in_sitemap(gz: bool) -> Callable[[Path], str]:
    def inject(site: Path) -> str:
        slug = STAFF.lower().replace(" ", "-")
        xml = (site / "sitemap.xml").read_text(encoding="utf-8")
        xml = xml.replace("</urlset>", f"<url><loc>https://example.org/people/{slug}/</loc></url></urlset>")
        if gz:
            (site / "sitemap.xml.gz").write_bytes(gzip.compress(xml.encode("utf-8")))
            return "sitemap.xml.gz"
        (site / "sitemap.xml").write_text(xml, encoding="utf-8")
        return "sitemap.xml"

    return inject


def in_file_name(site: Path) -> str:
    target = site / "assets" / "images" / f"{STAFF.replace(' ', '%20')}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"\x89PNG\r\n\x1a\n")
    return "assets/images/"


def in_script(site: Path) -> str:
    (site / "assets" / "extra.js").write_text(f'var contact="{STAFF}";', encoding="utf-8")
    return "assets/extra.js"


def in_vendored_bundle(site: Path) -> str:
    bundle = next((site / "assets" / "javascripts").glob("bundle.*.min.js"))
    with bundle.open("a", encoding="utf-8") as f:
        f.write(f"\n/* {MOBILE} */")
    return bundle.relative_to(site).as_posix()


LEAKS: dict[str, tuple[Callable[[Path], str], str]] = {
    "page_text": (in_article(STAFF), STAFF),
    "title": (in_title, STAFF),
    "alt_text": (in_alt, STAFF),
    "html_comment": (in_comment, STAFF),
    "search_index_plain": (in_search_index(False), STAFF),
    "search_index_json_escaped": (in_search_index(True), STAFF),
    "sitemap": (in_sitemap(False), STAFF.split()[1]),
    "sitemap_gz": (in_sitemap(True), STAFF.split()[1]),
    "file_name": (in_file_name, STAFF),
    "script": (in_script, STAFF),
    "name_split_by_tag": (in_article(SPLIT_NAME), "Callum Ridley"),
    "initials_in_page_text": (in_article("OB"), "Present: OB"),
    "entity_encoded": (in_article("".join(f"&#{ord(c)};" for c in STAFF)), STAFF),
    "nhs_number": (in_article(f"NHS number {NHS}"), NHS),
    "email": (in_article(EMAIL), EMAIL),
    "mobile": (in_article(MOBILE), MOBILE),
    "mobile_in_vendored_bundle": (in_vendored_bundle, MOBILE),
}


def test_when_site_is_clean_then_check_exits_0(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_check(project, capsys)
    assert code == 0, out
    assert "clean" in out


@pytest.mark.parametrize("leak", sorted(LEAKS))
def test_when_leak_injected_then_check_exits_1_and_names_file(
    leak: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inject, sensitive = LEAKS[leak]
    where = inject(project / "site")
    code, out = run_check(project, capsys)
    assert code == 1, out
    assert where.rsplit("/", 1)[0] in out or where in out, out
    assert sensitive.lower() not in out.lower()
    assert sensitive.replace(" ", "").lower() not in out.replace(" ", "").lower()


def test_when_file_name_leaks_then_the_file_name_is_masked(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    in_file_name(project / "site")
    code, out = run_check(project, capsys)
    assert code == 1
    assert "assets/images/O******* B*********.png" in out, out


def test_when_context_holds_other_leaks_then_all_are_masked(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    in_article(f"{STAFF} ({MOBILE}, {EMAIL}, NHS number {NHS})")(project / "site")
    code, out = run_check(project, capsys)
    assert code == 1
    for sensitive in (STAFF, MOBILE, EMAIL, NHS, "Brackwater", "900123", "1979"):
        assert sensitive not in out, sensitive
    assert "O******* B*********" in out


def test_when_public_contact_is_published_then_it_passes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    in_article("01632 960 000 or safeguarding.partnership@marlowevale.example")(project / "site")
    code, out = run_check(project, capsys)
    assert code == 0, out


# --- stamps ----------------------------------------------------------------------------------------


def unstamped_copy(site: Path) -> str:
    source = a_minutes_page(site)
    target = source.parent.parent / "2099-01-01" / "index.html"
    target.parent.mkdir()
    text = source.read_text(encoding="utf-8")
    target.write_text(re.sub(r'<meta name="openness-redaction"[^>]*>', "", text), encoding="utf-8")
    return target.relative_to(site).as_posix()


def stamp_from_another_page(site: Path) -> str:
    donor, victim = minutes_pages(site)[:2]
    meta = re.compile(r'<meta name="openness-redaction"[^>]*>')
    stamp = meta.search(donor.read_text(encoding="utf-8"))
    assert stamp is not None
    edit(victim, lambda t: meta.sub(stamp.group(), t))
    return victim.relative_to(site).as_posix()


def copied_page_with_its_stamp(site: Path) -> str:
    source = a_minutes_page(site)
    target = source.parent.parent / "2099-01-02" / "index.html"
    target.parent.mkdir()
    shutil.copy2(source, target)
    return target.relative_to(site).as_posix()


def stamp_from_old_config(site: Path) -> str:
    page = a_minutes_page(site)
    edit(page, lambda t: re.sub(r"config=[0-9a-f]+", "config=0000000000000000", t, count=1))
    return page.relative_to(site).as_posix()


def generated_index_unstamped(site: Path) -> str:
    page = site / "minutes" / "index.html"
    edit(page, lambda t: re.sub(r'<meta name="openness-redaction"[^>]*>', "", t))
    return "minutes/index.html"


STAMP_CASES: dict[str, Callable[[Path], str]] = {
    "page_without_stamp": unstamped_copy,
    "stamp_copied_from_another_page": stamp_from_another_page,
    "page_copied_with_its_stamp": copied_page_with_its_stamp,
    "stamp_from_old_config": stamp_from_old_config,
    "generated_index_without_stamp": generated_index_unstamped,
}


@pytest.mark.parametrize("case", sorted(STAMP_CASES))
def test_when_stamp_invalid_then_check_exits_1(case: str, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    where = STAMP_CASES[case](project / "site")
    code, out = run_check(project, capsys)
    assert code == 1, out
    assert f"{where}: page without a valid redaction stamp" in out, out


def test_when_staged_page_changed_after_stamping_then_check_exits_1(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    staged = next((project / ".openness" / "docs" / "minutes").rglob("20*.md"))
    edit(staged, lambda t: t + "\nAn extra line added after redaction.\n")
    code, out = run_check(project, capsys)
    assert code == 1
    assert "stamp does not match the staged redacted page" in out


def test_when_site_built_by_plain_mkdocs_from_raw_sources_then_blocked(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = tmp_path / "raw"
    for folder in ("minutes", "reviews"):
        shutil.copytree(project / folder, raw / folder)
    (raw / "index.md").write_text("# Home\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    settings = {
        "site_name": "Raw",
        "docs_dir": str(raw),
        "site_dir": str(tmp_path / "out"),
        "theme": {"name": "material"},
    }
    config.write_text(yaml.safe_dump(settings), encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config)], check=True, capture_output=True
    )
    code, out = run_check(project, capsys, tmp_path / "out")
    assert code == 1
    assert "page without a valid redaction stamp" in out
    assert "declared person" in out or "registered staff name" in out


# --- person names found by the NER -----------------------------------------------------------------


def set_gate(project: Path, **gate: object) -> None:
    settings = yaml.safe_load((project / "openness.yml").read_text(encoding="utf-8"))
    settings["gate"] = {"questions": "warn", **gate}
    (project / "openness.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")


def approve(project: Path, text: str, page: str) -> None:
    entry = {
        "text": text,
        "page": page,
        "approved_by": "A. Officer (communications)",
        "date": "2026-11-20",
        "reason": "Independent chair, named in the published annual report",
    }
    (project / "approvals.yaml").write_text(yaml.safe_dump({"approvals": [entry]}), encoding="utf-8")


@pytest.mark.parametrize(
    ("mode", "approved_page", "expected"),
    [
        ("warn", None, 0),
        ("block", None, 1),
        ("approve", None, 1),
        ("approve", "minutes/*", 0),
        ("approve", "about/", 1),  # approved elsewhere only
    ],
)
def test_when_ner_name_in_page_then_mode_decides(
    mode: str, approved_page: str | None, expected: int, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_gate(project, names=mode)
    if approved_page:
        approve(project, f"Dr {NER_NAME}", approved_page)
    in_article(f"Dr {NER_NAME}")(project / "site")
    code, out = run_check(project, capsys)
    assert code == expected, out
    assert NER_NAME not in out
    if mode == "warn":
        assert "person name found by NER (warning)" in out


def test_when_ner_name_only_in_script_then_not_reported(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    set_gate(project, names="block")
    (project / "site" / "assets" / "extra.js").write_text(f'var chair="Dr {NER_NAME}";', encoding="utf-8")
    code, out = run_check(project, capsys)
    assert code == 0, out


@pytest.mark.parametrize(
    ("settings", "approvals"),
    [
        ({"gate": {"names": "sometimes"}}, None),
        ({"gate": {"unknown": 1}}, None),
        ({"gate": {"names": "approve"}}, {"approvals": [{"text": "Dr X Y", "page": "*"}]}),
        (
            {"gate": {"names": "approve"}},
            {"approvals": [{"text": "Dr X Y", "page": "*", "approved_by": "A", "date": "yesterday", "reason": "r"}]},
        ),
    ],
)
def test_when_gate_config_invalid_then_exit_2(
    settings: dict[str, object], approvals: dict[str, object] | None, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    current = yaml.safe_load((project / "openness.yml").read_text(encoding="utf-8"))
    (project / "openness.yml").write_text(yaml.safe_dump(current | settings), encoding="utf-8")
    if approvals is not None:
        (project / "approvals.yaml").write_text(yaml.safe_dump(approvals), encoding="utf-8")
    code, _ = run_check(project, capsys)
    assert code == 2


def test_when_site_dir_missing_then_exit_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run_check(project, capsys, project / "no-such-site")
    assert code == 2
