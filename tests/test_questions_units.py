"""Unit tests of the gate's questions: which words and shapes are asked about, dates, reading the
site, the answers files and the preview folder rules. Every name here is invented."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from redaction.errors import ConfigError
from site_builder.gate import answers
from site_builder.gate.dates import full_dates
from site_builder.gate.names import persons
from site_builder.gate.question import occurrence_key
from site_builder.gate.questions import Asker
from site_builder.gate.reading import Passage, html_passages, search_passages
from site_builder.gate.scan import SiteFile
from site_builder.gate.vocabulary import Vocabulary
from site_builder.preview_dir import preview_dir
from site_builder.project import Project
from site_builder.sitedir import write_marker

DOC_DATE = dt.date(2025, 6, 10)


@pytest.fixture(scope="module")
def asker() -> Asker:
    vocab = Vocabulary.load(["Marlowe Vale"])
    vocab.add_public(["Young Person A", "[name withheld]"])
    return Asker(vocab, persons, ["Quillon Hartsby", "TZ"], {"p.html": DOC_DATE}, DOC_DATE)


def asked(asker: Asker, text: str) -> dict[str, set[str]]:
    spans = asker.flags(Passage("p.html", "text", text), persons([text])[0])
    return {text[s:e]: kinds for (s, e), kinds in spans.items()}


@pytest.mark.parametrize(
    ("text", "question", "kind"),
    [
        ("The Board thanked the Wexcombe forum for its report.", "Wexcombe", "unknown word"),
        ("the wexcombe forum met twice", "wexcombe", "unknown word"),
        ("Present: TZ (fire service).", "TZ", "repeat"),
        ("Present: QV (fire service).", "QV", "unknown word"),
        ("Case AB1 was closed.", "AB1", "unknown word"),
        ("Write to bo.quarrendale@example.org today.", "bo.quarrendale@example.org", "unknown word"),
        ("The report was written with Sarah and the team.", "Sarah", "name-word"),
        ("The chair said Hope would lead the work.", "Hope", "name-word"),
        ("Ms Preston said the plan was agreed.", "Ms Preston", "person name"),
        ("Hartsby said little.", "Hartsby", "repeat"),
        ("The child was born on 3 March 2019 in hospital.", "3 March 2019", "older date"),
        ("The family lived at 23 Hawthorn Drive for a year.", "23 Hawthorn Drive", "address"),
        ("She attended Castle Mead Academy until May.", "Castle Mead Academy", "named place"),
        ("The referral MASH/25/06119 was closed.", "MASH/25/06119", "reference number"),
        ("Councillor Beverley Quenby opened the meeting.", "Councillor Beverley Quenby", "name-word"),
        ("Contact O.B. in the team.", "O.B.", "unknown word"),
        ("Dean Cross said the plan was late.", "Dean Cross", "name-word"),
        ("Mr Bishop attended the meeting.", "Mr Bishop", "person name"),
        ("we asked bernie to come along", "bernie", "name-word"),
        ("The family lived in a rented house in Hawthorn Drive.", "Hawthorn Drive", "address"),
        ("Record 25000317760 was updated.", "25000317760", "reference number"),
    ],
)
def test_when_text_holds_something_unvouched_then_a_question_covers_it(
    asker: Asker, text: str, question: str, kind: str
) -> None:
    found = asked(asker, text)
    assert any(question in q and kind in kinds for q, kinds in found.items()), found


@pytest.mark.parametrize(
    "text",
    [
        "The Board met on 14th May 2025 at 10am and agreed the 2025/26 budget.",
        "Will the chair write to the council? Hope is not a plan.",
        "Young Person A's mother said the school had not called.",
        "Marlowe Vale Safeguarding Partnership published its annual report.",
        "The partnership prioritised the summarised chronologies.",
        "The meeting was held on 12 May 2025.",
        "GAS HEATER IN USE. ADVICE GIVEN.",
        "The NSPCC and Ofsted attended with the ICB.",
        "[name withheld] presented the report.",
        "Hope Street was closed for the market.",
    ],
)
def test_when_text_is_common_or_public_then_no_question(asker: Asker, text: str) -> None:
    assert asked(asker, text) == {}


def test_when_same_words_in_another_sentence_then_another_occurrence() -> None:
    a = occurrence_key("p.html", "Wexcombe", "The Wexcombe forum met.")
    assert a == occurrence_key("/p.html", "wexcombe", "The  Wexcombe forum met.")
    assert a != occurrence_key("p.html", "Wexcombe", "The Wexcombe forum did not meet.")
    assert a != occurrence_key("q.html", "Wexcombe", "The Wexcombe forum met.")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("born 07-Mar-1967", dt.date(1967, 3, 7)),
        ("on 14/10/2024", dt.date(2024, 10, 14)),
        ("the 3rd of March 2025", dt.date(2025, 3, 3)),
        ("March 4, 2019", dt.date(2019, 3, 4)),
        ("2025-01-29", dt.date(2025, 1, 29)),
    ],
)
def test_when_full_date_then_found(text: str, date: dt.date) -> None:
    assert [d for _, _, d in full_dates(text, DOC_DATE)] == [date]


@pytest.mark.parametrize("text", ["in May 2025", "31/02/2025", "version 2.3.1", "2025/26"])
def test_when_not_a_full_date_then_not_found(text: str) -> None:
    assert list(full_dates(text, DOC_DATE)) == []


def test_when_page_read_then_title_meta_alt_links_and_text_are_passages() -> None:
    raw = (
        "<html><head><title>Minutes – Wexcombe</title><meta name='description' content='About Quenby'>"
        "<script>var x='Hidden';</script></head><body><p>Text <a href='mailto:jo@example.org'>Jo Quill</a></p>"
        "<img src='a.png' alt='Photo of Ada Lorrimer'><table><tr><td>Ann</td><td>Lee</td></tr></table></body></html>"
    )
    parts = {(p.part, p.text) for p in html_passages(SiteFile("a/index.html", Path("x"), "html", raw=raw))}
    assert ("title", "Minutes - Wexcombe") in parts
    assert ("meta", "About Quenby") in parts
    assert ("alt", "Photo of Ada Lorrimer") in parts
    assert ("link address", "mailto:jo@example.org") in parts
    assert ("text", "Text Jo Quill") in parts
    assert ("text", "Ann") in parts and ("text", "Lee") in parts  # table cells stay apart
    assert not any("Hidden" in t for _, t in parts)


@pytest.mark.parametrize(
    ("rel", "raw"),
    [
        (
            "search/search_index.json",
            '{"config": {"lang": ["en"]}, "docs": [{"location": "a/", "title": "T", "text": "Wexcombe"}]}',
        ),
        ("search.json", '{"items": [{"location": "a/#x", "title": "T", "text": "<p>Wexcombe</p>"}]}'),
    ],
)
def test_when_search_index_read_then_texts_belong_to_their_page(rel: str, raw: str) -> None:
    passages = search_passages(SiteFile(rel, Path("x"), "data", raw=raw))
    assert Passage("a/index.html", "search index", "Wexcombe") in passages


def test_when_answer_appended_then_comments_and_earlier_entries_stay(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "allowlist.yaml").write_text("# our words\npublic:\n  - Wexcombe\n", encoding="utf-8")
    project = Project(tmp_path)
    answers.answer_public(project, "Quenby  Forum", "A. Tester")
    text = (tmp_path / "allowlist.yaml").read_text(encoding="utf-8")
    assert text.startswith("# our words\n")
    assert answers.public_terms(project) == ["Wexcombe", "Quenby Forum"]
    answers.answer_person(project, "Dr Ada Lorrimer", "A. Tester")
    person = yaml.safe_load((tmp_path / "register.yaml").read_text(encoding="utf-8"))["people"][0]
    assert (
        person["name"] == "Ada Lorrimer"
        and person["role"] == "[name withheld]"
        and person["answered_by"] == "A. Tester"
    )


def test_when_nobody_is_named_then_answering_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "none"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    with pytest.raises(ConfigError):
        answers.reviewer(None, tmp_path)  # no --reviewer and no git user name
    assert answers.reviewer("  A. Tester ", tmp_path) == "A. Tester"


@pytest.mark.parametrize("where", ["site", "site/x", ".", "..", "content", "reviews/x", ".openness"])
def test_when_preview_dir_inside_project_parts_then_refused(tmp_path: Path, where: str) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        preview_dir(Project(tmp_path), tmp_path / where, tmp_path / "site")


def test_when_preview_dir_elsewhere_then_accepted(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert preview_dir(Project(tmp_path / "p"), tmp_path / "look", tmp_path / "p" / "site") == (tmp_path / "look")


@pytest.mark.parametrize(("word", "common"), [("prioritised", True), ("colour", True), ("Hartsby", False)])
def test_when_british_or_derived_spelling_then_common(word: str, common: bool) -> None:
    vocab = Vocabulary.load()
    assert (vocab.is_common(word) or (word.islower() and vocab.is_derived(word))) is common


@pytest.mark.parametrize(
    ("text", "kinds", "allowed"),
    [
        ("Wexcombe", ["unknown word"], True),
        ("Cllr Beverley Quenby", ["person name", "name-word"], True),
        ("3 March 2019", ["older date"], False),
        ("23 Hawthorn Drive", ["address"], False),
        ("Castle Mead Academy", ["named place", "unknown word"], False),
    ],
)
def test_when_question_is_not_a_name_then_the_register_is_not_offered(
    text: str, kinds: list[str], allowed: bool
) -> None:
    from site_builder.review.page import can_be_a_person, question_html

    q = {"text": text, "kinds": kinds, "kind": kinds[0], "page": "p.html", "source": "s.md", "keys": ["k"]}
    assert can_be_a_person(q) is allowed
    assert ('value="person"' in question_html(0, q, "t")) is allowed


def test_when_preview_dir_holds_other_files_then_refused(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ConfigError):
        preview_dir(Project(tmp_path / "p"), tmp_path / "mine", tmp_path / "p" / "site")
    (tmp_path / "mine" / "notes.txt").unlink()
    (tmp_path / "mine" / "index.html").write_text("<p>an earlier preview</p>", encoding="utf-8")
    write_marker(tmp_path / "mine", "earlier-build")
    assert preview_dir(Project(tmp_path / "p"), tmp_path / "mine", tmp_path / "p" / "site") == tmp_path / "mine"


def word_questions(asker: Asker, passage: Passage) -> dict[str, set[str]]:
    """The questions of one passage from its words alone (no language model): the name-word rule."""
    spans = asker.flags(passage, [])
    return {passage.text[s:e]: kinds for (s, e), kinds in spans.items()}


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("Dawn said she was frightened at home.", "Dawn"),
        ("Kerry-Ann's mother was not at the meeting.", "Kerry-Ann"),
        ("Grace's mother telephoned the school.", "Grace"),
        ("Hope, who is nine, stays with her aunt.", "Hope"),
        ("Will attended the review meeting.", "Will"),
        ("Summer-Rose was seen by the nurse.", "Summer-Rose"),
        ("Grace was seen by the nurse on Monday.", "Grace"),
        ("John attended the review meeting.", "John"),
        ("The plan: Dawn told the teacher first.", "Dawn"),
        ("Dean Cross", "Dean Cross"),
        ("Afterwards Hope stayed with her aunt.", "Hope"),
    ],
)
def test_when_name_word_starts_a_sentence_but_context_says_name_then_asked(
    asker: Asker, text: str, question: str
) -> None:
    found = word_questions(asker, Passage("p.html", "text", text))
    assert any(question in q and "name-word" in kinds for q, kinds in found.items()), found


@pytest.mark.parametrize(
    "text",
    [
        "Who we are",
        "Who to talk to",
        "Very occasionally a review cannot be published when it is finished.",
        "Always book an interpreter when a parent needs one.",
        "Only 41% said they would know who to tell.",
        "The figures were low. Only 6% of victims were over 60.",
        "May the Board note the report.",
        "Will the chair write to the council?",
        "April-June 2025 figures were reviewed.",
        "Hope is not a plan.",
        "Cllr [name withheld] asked why the figures were higher.",
        "Actions: Will the chair write to the council?",
    ],
)
def test_when_ordinary_word_is_capitalised_by_its_position_then_no_question(asker: Asker, text: str) -> None:
    assert word_questions(asker, Passage("p.html", "text", text)) == {}


@pytest.mark.parametrize(
    ("raw", "asked"),
    [
        ("<p>Read <a href='x'>Hope for the future</a> to learn more.</p>", False),
        ("<p>Read <a href='x'>Who we are</a> first.</p>", False),
        ("<p>Read <a href='x'>Dawn said no</a> first.</p>", True),
        ("<p>Read the plan with Hope for the future.</p>", True),
        ("<table><tr><td>Always</td><td>Very often</td></tr></table>", False),
        ("<ul><li>Only in an emergency</li></ul><h2>Who to ask</h2>", False),
    ],
)
def test_when_word_starts_a_link_cell_or_item_then_its_capital_is_positional(
    asker: Asker, raw: str, asked: bool
) -> None:
    passages = html_passages(SiteFile("p.html", Path("x"), "html", raw=f"<html><body>{raw}</body></html>"))
    found = [q for p in passages for q in word_questions(asker, p)]
    assert bool(found) is asked, found


@pytest.mark.parametrize(("word", "name"), [("Who", False), ("Only", False), ("Very", False), ("Dawn", True)])
def test_when_word_list_is_not_a_gazetteer_then_its_words_are_not_names(word: str, name: bool) -> None:
    assert Vocabulary.load().is_name(word) is name


@pytest.mark.parametrize("title", ["Cllr", "Mrs", "Dr", "DCI", "Lady", "Chief Inspector"])
def test_when_honorific_or_rank_then_public_and_a_title(title: str) -> None:
    vocab = Vocabulary.load()
    assert title in vocab.acronyms or (0, len(title)) in vocab.known_spans(title)
    assert title.lower() in vocab.titles


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("The worker DR visited the family at home.", "DR"),
        ("The officer BR visited the family at home.", "BR"),
        ("Cllr Quenby asked about the figures.", "Cllr Quenby"),
    ],
)
def test_when_short_title_in_another_case_or_before_a_name_then_asked(asker: Asker, text: str, question: str) -> None:
    found = word_questions(asker, Passage("p.html", "text", text))
    assert any(question in q for q in found), found


def test_when_build_audit_given_then_a_minutes_page_names_its_minutes_file(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from site_builder.gate.ask import Audit, page_source, source_of
    from site_builder.gate.questions import Question

    (tmp_path / "minutes").mkdir()
    (tmp_path / "minutes" / "board-2026-03-10.md").write_text("Only 41% said they would know.\n", encoding="utf-8")
    doc = SimpleNamespace(
        path="minutes/board/2026/2026-03-10.md",
        source=SimpleNamespace(rel="minutes/board-2026-03-10.md"),
        redacted=SimpleNamespace(
            replacements=[SimpleNamespace(original="Quillon Hartsby", replacement="[name withheld]")]
        ),
    )
    audit = Audit.of_stage(SimpleNamespace(docs=[doc]))  # type: ignore[arg-type]
    assert audit.originals == ["Quillon Hartsby"] and audit.replacements == ["[name withheld]"]
    page = "minutes/board/2026/2026-03-10/index.html"
    src = page_source(page, audit.sources)
    q = Question("Only", page, ["name-word"], "Only 41% said they would know.", "text")
    assert source_of(q, src, tmp_path, "nav: [only the minutes]") == "minutes/board-2026-03-10.md"
    assert source_of(q, None, tmp_path, "nav: [only the minutes]") == "mkdocs.yml"


def test_when_review_has_easy_read_then_its_page_names_the_easy_read_file() -> None:
    from types import SimpleNamespace

    from site_builder.gate.ask import Audit, page_source

    audit = Audit(sources={"reviews/lcspr/2026/rose.md": "reviews/rose.md", "minutes/a.md": "minutes/a.md"})
    reviews = [SimpleNamespace(rel="reviews/rose.md", easy_read="rose.easy-read.md")]
    pages = audit.with_easy_read(reviews)  # type: ignore[arg-type]
    assert page_source("reviews/lcspr/2026/rose-easy-read/index.html", pages) == "reviews/rose.easy-read.md"
    assert page_source("reviews/lcspr/2026/rose/index.html", pages) == "reviews/rose.md"


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("Children's Board: 9 April 2019 (minutes)", False),  # the date of one of the partnership's meetings
        ("The child was born on 3 March 2019 in hospital.", True),  # any other older full date
    ],
)
def test_when_older_date_is_a_meeting_of_the_partnership_then_not_asked(text: str, asked: bool) -> None:
    meetings = frozenset({dt.date(2019, 4, 9)})
    asker = Asker(Vocabulary.load(), persons, [], {"p.html": DOC_DATE}, DOC_DATE, public_dates=meetings)
    kinds = set().union(*asker.flags(Passage("p.html", "text", text), []).values())
    assert ("older date" in kinds) is asked


# --- remembered questions under other replacements (site_builder/gate/repeats.py) --------------

REMEMBER_TEXTS = [
    "Thaddeus Quillfeather met the Board about the annual report.",
    "The Board agreed the annual report and thanked Quillon Hartsby.",
    "The partnership noted the budget for next year.",
]


def _asker_with(replaced: list[str], calls: list[str]) -> Asker:
    def ner(texts: list[str]) -> list[list[tuple[int, int]]]:
        calls.extend(texts)
        return persons(texts)

    return Asker(Vocabulary.load(["Marlowe Vale"]), ner, replaced, {"p.html": DOC_DATE}, DOC_DATE)


def _occurrences(asker: Asker, memo=None) -> list[tuple[str, str, frozenset[str]]]:
    passages = [Passage("p.html", "text", t) for t in REMEMBER_TEXTS]
    return sorted((o.text, o.context, o.kinds) for o in asker.occurrences(passages, memo))


@pytest.mark.parametrize(
    ("before", "after", "again"),
    [
        (["Quillon Hartsby"], ["Quillon Hartsby", "Thaddeus Quillfeather"], [REMEMBER_TEXTS[0]]),  # a new name
        (["Quillon Hartsby", "Thaddeus Quillfeather"], ["Thaddeus Quillfeather"], [REMEMBER_TEXTS[1]]),  # one gone
        (["Quillon Hartsby"], ["Quillon Hartsby"], []),  # the same replacements
    ],
)
def test_when_the_replacements_change_then_only_passages_where_a_change_stands_are_asked_again(
    before: list[str], after: list[str], again: list[str]
) -> None:
    from redaction.memo import Memo

    memo = Memo(None)
    _occurrences(_asker_with(before, []), memo)
    calls: list[str] = []
    remembered = _occurrences(_asker_with(after, calls), memo)
    assert calls == again  # the NER reads only the passages worked out again
    assert remembered == _occurrences(_asker_with(after, []))  # exactly what a build without memory asks
    assert any("repeat" in kinds for _, _, kinds in remembered) == bool(after)


def test_when_the_alternatives_of_a_remembered_version_are_lost_then_everything_is_asked_again() -> None:
    from redaction.memo import Memo
    from site_builder.gate.repeats import ALTERNATIVES

    memo = Memo(None)
    first = _asker_with(["Quillon Hartsby"], [])
    _occurrences(first, memo)
    memo.put(ALTERNATIVES + first.versions(memo).version, "damaged")
    calls: list[str] = []
    assert _occurrences(_asker_with(["Quillon Hartsby", "Thaddeus Quillfeather"], calls), memo)
    assert calls == REMEMBER_TEXTS
