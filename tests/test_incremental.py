"""Rebuilds do again only what changed: which documents are analysed and redacted anew after a
one-word edit, after a new name in one document, and after no change at all (no NER)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import AS_OF, nhs_number

from redaction.engine import AnalysisCache
from redaction.errors import SourceError
from redaction.markdown_view import plain_view
from redaction.public_terms import document_terms
from redaction.redactor import Redactor
from redaction.relevance import RelevanceIndex, doc_keys
from redaction.sources import Review
from site_builder.build import build
from site_builder.cli import main
from site_builder.context import load_context
from site_builder.outcome import Summary
from site_builder.project import Project
from site_builder.stage import prepare
from site_builder.staged import Stage

EDITED = "minutes/childrens-board-2024-03-11.md"
OTHER = "minutes/adults-board-2024-07-16.md"
NEW_NAME = "Thaddeus Quillfeather"


def _prepare(project: Project, analyzer, cache_on: bool = True) -> tuple[Stage, AnalysisCache]:
    cache = AnalysisCache(project.cache if cache_on else None)
    cache._analyzer = analyzer  # the session's spaCy model
    return prepare(load_context(project, AS_OF), cache), cache


def _append(project: Project, rel: str, text: str) -> None:
    path = project.root / rel
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text + "\n", encoding="utf-8")


@pytest.fixture
def warm(partnership_copy, analyzer) -> tuple[Project, Stage]:
    """A project whose caches hold this very state (built once), with one more document that
    mentions the surname used by the new-name test."""
    project = Project.find(partnership_copy)
    _append(project, OTHER, "The Quillfeather report was noted.")
    stage, _ = _prepare(project, analyzer)
    return project, stage


def test_when_nothing_changed_then_nothing_is_analysed_or_redacted_and_spacy_is_not_loaded(warm, analyzer):
    project, first = warm
    cache = AnalysisCache(project.cache)  # no model given: loading one would show as _analyzer
    second = prepare(load_context(project, AS_OF), cache)
    assert (second.analysed, second.redacted_sources) == (0, ())
    assert cache._analyzer is None
    assert [d.body for d in second.docs] == [d.body for d in first.docs]


def test_when_one_word_changes_then_only_that_document_is_analysed_and_redacted(warm, analyzer):
    project, _ = warm
    path = project.root / EDITED
    head, sep, body = path.read_text(encoding="utf-8").partition("\n---\n")
    assert " the " in body
    path.write_text(head + sep + body.replace(" the ", " this ", 1), encoding="utf-8")
    second, _ = _prepare(project, analyzer)
    assert second.analysed == 1
    assert second.redacted_sources == (EDITED,)


def test_when_a_new_name_is_added_then_only_documents_holding_a_part_of_it_are_redacted_again(warm, analyzer):
    project, _ = warm
    _append(project, EDITED, f"{NEW_NAME}, the practice lead, presented the report.")
    second, _ = _prepare(project, analyzer)
    assert second.analysed == 1
    holding = {src.rel for src, _ in second.published if any(part in src.body for part in NEW_NAME.split())} - {EDITED}
    assert OTHER in holding  # the document that already said "Quillfeather"
    assert sorted(second.redacted_sources) == sorted({EDITED} | holding)
    assert len(second.redacted_sources) < len(second.published)
    other = next(d for d in second.docs if d.source.rel == OTHER)
    assert "Quillfeather" not in other.body  # the name found in one document is hidden in the other


def test_when_cached_then_the_result_is_what_a_build_without_cache_gives(warm, analyzer):
    project, _ = warm
    _append(project, EDITED, f"{NEW_NAME}, the practice lead, presented the report.")
    cached, _ = _prepare(project, analyzer)
    fresh, _ = _prepare(project, analyzer, cache_on=False)
    assert len(fresh.redacted_sources) == len(fresh.texts)
    assert [(d.path, d.body, d.title) for d in cached.docs] == [(d.path, d.body, d.title) for d in fresh.docs]
    assert [d.redacted.replacements for d in cached.docs] == [d.redacted.replacements for d in fresh.docs]


def test_when_a_cache_entry_is_damaged_then_it_is_worked_out_again(warm, analyzer):
    project, first = warm
    entries = sorted((project.cache / "redaction").rglob("*.json"))
    assert entries
    for entry in entries:
        entry.write_text("{not json", encoding="utf-8")
    second, _ = _prepare(project, analyzer)
    assert len(second.redacted_sources) == len(second.texts)
    assert [d.body for d in second.docs] == [d.body for d in first.docs]


def test_when_the_register_changes_then_every_document_is_redacted_again(warm, analyzer):
    project, _ = warm
    register = project.register_file
    register.write_text(
        "people:\n  - name: Ottoline Brackenbury\n    role: the Family Support Worker\n", encoding="utf-8"
    )
    second, _ = _prepare(project, analyzer)
    assert second.analysed == 0
    assert len(second.redacted_sources) == len(second.texts)


CORPORA = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module")
def combined_corpus(tmp_path_factory) -> Project:
    """Every in-repository corpus the build accepts as it is, in one partnership (many names)."""
    root = tmp_path_factory.mktemp("combined")
    for name in ("hard", "third", "fourth", "fifth", "anonymised"):
        for kind in ("minutes", "reviews"):
            (root / kind).mkdir(exist_ok=True)
            for src in (CORPORA / name / kind).iterdir():
                (root / kind / f"{name}-{src.name}").write_bytes(src.read_bytes())
    (root / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    return Project.find(root)


def test_when_each_document_gets_only_its_relevant_names_then_redaction_equals_whole_build_names(
    combined_corpus, analyzer
):
    ctx = load_context(combined_corpus, dt.date(2026, 12, 1))
    stage = prepare(ctx, redact=False)
    texts = stage.texts
    analyses = analyzer.analyse(texts)
    sources = [s for s, _ in stage.published]
    sources += [s for s in sources if isinstance(s, Review) and s.easy_read_text]
    kinds = ["review" if isinstance(s, Review) else "minutes" for s in sources]
    terms = document_terms(sources, list(ctx.reviews))
    redactor = Redactor(ctx.register, ctx.allowlist)
    names: set[str] = set()
    singles: set[str] = set()
    for text, findings, public in zip(texts, analyses, terms, strict=True):
        full, single = redactor.decisions_in(text, findings, public)
        names |= full
        singles |= single
    assert len(names) > 100
    whole = [
        redactor.redact(t, f, names, k, singles, p) for t, f, k, p in zip(texts, analyses, kinds, terms, strict=True)
    ]
    filtered = redactor.redact_all(texts, analyses, kinds, terms)
    assert [(r.text, r.replacements) for r in filtered] == [(r.text, r.replacements) for r in whole]
    index = RelevanceIndex(names, singles, redactor.allowlist)
    relevant = [len(index.for_doc(doc_keys(plain_view(t)))[0]) for t in texts]
    assert sum(relevant) < len(names) * len(texts) / 3  # most names do not matter to most documents


# --- the whole build: what the gate and its questions search again --------------------------------


def _build(project: Project) -> Summary:
    summary = Summary()
    build(project, project.root / "site", AS_OF, summary=summary)
    assert summary.gate is not None
    return summary


@pytest.fixture
def built(partnership_copy) -> tuple[Project, Summary]:
    """A project built twice, so that every cache holds this very state."""
    project = Project.find(partnership_copy)
    _append(project, OTHER, "The Quillfeather report was noted.")
    _build(project)
    return project, _build(project)


def test_when_nothing_changed_then_the_build_analyses_redacts_and_reads_with_the_ner_nothing(built):
    _, again = built
    assert (again.analysed, again.redacted) == (0, ())
    assert again.gate.searched == []  # not even the marker: its build id is left out of its key
    assert again.gate.name_searched == []
    assert again.gate.ner_read == 0
    assert again.questions_worked_out == 0


def test_when_nothing_changed_then_no_spacy_model_is_loaded(built):
    project, _ = built
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "site_builder.cli",
            "-v",
            "--project",
            str(project.root),
            "build",
            "--as-of",
            "2025-01-15",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "searched 0 files again" in result.stderr
    assert "loaded spaCy model" not in result.stderr and "analysed" not in result.stderr


def test_when_one_word_changes_then_the_gate_searches_only_the_files_that_changed(built):
    project, _ = built
    path = project.root / EDITED
    head, sep, body = path.read_text(encoding="utf-8").partition("\n---\n")
    path.write_text(head + sep + body.replace(" the ", " this ", 1), encoding="utf-8")
    again = _build(project)
    assert (again.analysed, again.redacted) == (1, (EDITED,))
    page = "minutes/childrens-board/2024-03-11/index.html"
    assert page in again.gate.searched
    assert len(again.gate.searched) <= 6  # the page, the search index, the marker: not the site
    assert again.gate.files_scanned > 40  # every file is still read and hashed
    assert again.gate.name_searched == [page]
    assert 0 < again.gate.ner_read <= 3  # the changed paragraph (and the search index's copy of it)


def test_when_a_new_name_is_added_then_the_ner_reads_only_the_new_text(built):
    project, _ = built
    _append(project, EDITED, f"{NEW_NAME}, the practice lead, presented the report.")
    again = _build(project)
    assert again.analysed == 1
    assert set(again.redacted) == {EDITED, OTHER}
    assert 0 < again.gate.ner_read <= 4
    site = project.root / "site"
    assert not [p for p in site.rglob("*.html") if "Quillfeather" in p.read_text(encoding="utf-8")]


def test_when_a_remembered_page_is_changed_after_the_build_then_check_still_blocks_it(built):
    project, _ = built
    page = project.root / "site" / "minutes" / "childrens-board" / "2024-03-11" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</p>", " Call 07700 900123.</p>", 1), encoding="utf-8")
    code = main(["--project", str(project.root), "check"])
    assert code == 1


# --- front matter -------------------------------------------------------------------------------


def test_when_front_matter_is_unchanged_then_it_is_not_parsed_again_but_still_validated(partnership_copy, monkeypatch):
    from redaction import sources

    project = Project.find(partnership_copy)
    load_context(project, AS_OF)  # remembers every front matter (the copy has .openness/)
    parsed: list[str] = []
    real = sources.load_yaml
    monkeypatch.setattr(sources, "load_yaml", lambda text: parsed.append(text) or real(text))
    ctx = load_context(project, AS_OF)
    assert parsed == []
    assert len(ctx.minutes) + len(ctx.reviews) > 5
    path = project.root / EDITED
    text = path.read_text(encoding="utf-8")
    assert "date: '2024-03-11'" in text
    path.write_text(text.replace("date: '2024-03-11'", "date: '2024-02-30'"), encoding="utf-8")
    with pytest.raises(SourceError, match="date"):
        load_context(project, AS_OF)
    assert len(parsed) == 1  # only the changed file


def test_when_the_front_matter_memo_is_damaged_then_everything_is_parsed_again(partnership_copy):
    project = Project.find(partnership_copy)
    first = load_context(project, AS_OF)
    (project.cache / "front-matter.json").write_text("[not a mapping", encoding="utf-8")
    again = load_context(project, AS_OF)
    assert [m.rel for m in again.minutes] == [m.rel for m in first.minutes]
    assert [(r.rel, r.publish_on) for r in again.reviews] == [(r.rel, r.publish_on) for r in first.reviews]


def test_when_sources_are_unchanged_then_their_analysed_text_is_remembered_and_the_same(partnership_copy, monkeypatch):
    from redaction.memo import Memo
    from site_builder.reviews import text as text_module

    project = Project.find(partnership_copy)
    ctx = load_context(project, AS_OF)
    first = prepare(ctx, redact=False).texts  # remembers every analysed text (the copy has .openness/)
    normalised: list[str] = []
    real = text_module.normalise_source
    monkeypatch.setattr(text_module, "normalise_source", lambda t: normalised.append(t) or real(t))
    assert prepare(ctx, redact=False).texts == first
    assert normalised == []
    memo = Memo(None)
    fresh = [text_module.analysed_text(src, memo) for src in [*ctx.minutes, *ctx.reviews]]
    assert len(normalised) == len(fresh)  # worked out when not remembered
    assert all(t in fresh for t in first)


def test_when_the_code_changes_then_a_remembered_analysed_text_is_not_used(partnership_copy, monkeypatch):
    from redaction.memo import Memo
    from site_builder.reviews import text as text_module

    ctx = load_context(Project.find(partnership_copy), AS_OF)
    src = ctx.minutes[0]
    memo = Memo(None)
    right = text_module.analysed_text(src, memo)
    monkeypatch.setattr(text_module, "code_version", lambda: "other code")
    assert text_module.analysed_text(src, memo) == right
    assert memo.hits == 0 and memo.misses == 2


@pytest.mark.parametrize("leak", ["Farhiya Hassan", nhs_number(7)])
def test_when_one_search_index_entry_leaks_then_check_still_blocks_though_the_rest_is_remembered(built, leak):
    project, _ = built
    index = project.root / "site" / "search" / "search_index.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    assert len(data["docs"]) > 10
    data["docs"][len(data["docs"]) // 2]["text"] += f" {leak} "
    index.write_text(json.dumps(data), encoding="utf-8")
    assert main(["--project", str(project.root), "check"]) == 1


def test_when_a_search_index_is_found_clean_by_parts_then_only_its_new_parts_are_scanned(built, monkeypatch):
    from site_builder.gate import file_scan

    project, _ = built
    index = project.root / "site" / "search" / "search_index.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    data["docs"][3]["text"] += " An extra sentence about the board's work."
    index.write_text(json.dumps(data), encoding="utf-8")
    scanned: list[str] = []
    real = file_scan.FileScanner.hits

    def counting(self, f, path=True):  # type: ignore[no-untyped-def]
        scanned.append(f.rel)
        return real(self, f, path)

    monkeypatch.setattr(file_scan.FileScanner, "hits", counting)
    assert main(["--project", str(project.root), "check"]) == 0
    assert 1 < scanned.count("search/search_index.json") <= 5  # its path, and the parts holding entry 3


DETERMINISM = """
import datetime as dt, hashlib, sys
from pathlib import Path
from redaction.engine import AnalysisCache
from site_builder.context import load_context
from site_builder.project import Project
from site_builder.stage import prepare
project = Project.find(Path(sys.argv[1]))
cache = AnalysisCache(Path(sys.argv[2]))
cache.folder = Path(sys.argv[2])
stage = prepare(load_context(project, dt.date(2026, 12, 1)), cache)
assert cache.analysed == 0, "the analyses should all come from the cache"
print(hashlib.sha256("\\0".join(d.body for d in stage.docs).encode()).hexdigest())
"""


def test_when_the_hash_seed_changes_then_the_redaction_does_not(combined_corpus, analyzer, tmp_path):
    """Set order must never decide a replacement (it did once: initials shared by two people)."""
    ctx = load_context(combined_corpus, dt.date(2026, 12, 1))
    cache = AnalysisCache(tmp_path / "analyses")
    cache._analyzer = analyzer
    cache.analyse(list(prepare(ctx, redact=False).texts), workers=1)
    out = set()
    for seed in ("1", "2", "3"):
        own = tmp_path / f"seed-{seed}"  # a cache of its own: no redaction is read from another run
        shutil.copytree(tmp_path / "analyses", own)
        run = subprocess.run(
            [sys.executable, "-c", DETERMINISM, str(combined_corpus.root), str(own)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=False,
        )
        assert run.returncode == 0, run.stderr[-1500:]
        out.add(run.stdout.strip())
    assert len(out) == 1


def test_when_a_cached_decision_holds_the_wrong_types_then_it_is_worked_out_again(warm, analyzer):
    project, first = warm
    for entry in sorted((project.cache / "redaction").rglob("*.json")):
        data = json.loads(entry.read_text(encoding="utf-8"))
        if "names" in data:
            entry.write_text(json.dumps({"names": [1, 2], "singles": [], "keys": [None]}), encoding="utf-8")
    second, _ = _prepare(project, analyzer)
    assert [d.body for d in second.docs] == [d.body for d in first.docs]


@pytest.mark.parametrize("garbage", [7, [["x"]], {"text": 3}, [[1, 2, 3, 4, 5]]])
def test_when_the_gate_memory_is_damaged_then_the_build_works_it_out_again(built, garbage):
    project, before = built
    for memo in (project.cache / "gate").glob("*.json"):
        data = json.loads(memo.read_text(encoding="utf-8"))
        data["entries"] = {k: [run, garbage] for k, (run, _) in data["entries"].items()}
        memo.write_text(json.dumps(data), encoding="utf-8")
    again = _build(project)
    assert again.gate is not None and before.gate is not None
    assert [(f.file, f.kind, f.masked) for f in again.gate.findings] == [
        (f.file, f.kind, f.masked) for f in before.gate.findings
    ]
    assert sorted((q.page, q.text) for q in again.questions) == sorted((q.page, q.text) for q in before.questions)
