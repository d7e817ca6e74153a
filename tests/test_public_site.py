"""The public site reads like a partnership's (issue 15): readable addresses and redirects the gate
keeps strict, branding and the help banner from settings, breadcrumbs and other meetings, index
pages that answer the question, open data that validates against its schemas, schema.org data."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from helpers import site_texts, visible_text
from test_build import JUNE_MINUTES, LCSPR_PAGE, MARCH_MINUTES, OLD_ADDRESSES, SAR_PAGE

from site_builder.addresses import review_slug, short_slug
from site_builder.branding import contrast
from site_builder.cli import main
from site_builder.redirects import TEMPLATE, redirect_page


@pytest.fixture(scope="module")
def site(built_partnership):
    return site_texts(built_partnership / "site")


# --- addresses ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (
            "Local Child Safeguarding Practice Review: Rose – online grooming and a child out of school",
            "learning-from-rose",
        ),
        ("Rapid Review: Baby J – ingestion of a parent's prescribed medicine", "learning-from-baby-j"),
        ("Partnership Review: Young Person L – domestic abuse", "learning-from-young-person-l"),
        ("Safeguarding Adults Review: self-neglect, hoarding and fire risk", "self-neglect-hoarding-and-fire-risk"),
        (
            "Safeguarding Adults Review: domestic abuse and a woman with a learning disability (DRAFT)",
            "domestic-abuse-and-a-woman",
        ),
        (
            "Local Child Safeguarding Practice Review: child criminal exploitation and missing episodes",
            "child-criminal-exploitation-and-missing-episodes",
        ),
        ("Learning from Baby Q", "learning-from-baby-q"),
        ("!!!", "review"),
    ],
)
def test_when_review_title_then_short_slug_from_its_subject_or_first_words(title: str, slug: str) -> None:
    assert review_slug(title) == slug


@pytest.mark.parametrize("limit", range(7, 60, 3))
def test_when_slug_limited_then_never_cut_inside_a_word_nor_ending_on_a_little_word(limit: int) -> None:
    text = "Neglect, school absence and a family new to the county of Marlowe Vale in the winter"
    slug = short_slug(text, max_len=limit, max_words=20)
    whole = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-").split("-")
    assert len(slug) <= limit
    assert slug.split("-") == whole[: len(slug.split("-"))]
    assert slug.split("-")[-1] not in {"and", "a", "to", "the", "of", "in"}


@pytest.mark.parametrize("page", [LCSPR_PAGE, SAR_PAGE, MARCH_MINUTES, JUNE_MINUTES])
def test_when_built_then_pages_live_at_short_addresses(site, page):
    assert page in site and "Page moved" not in site[page]


@pytest.mark.parametrize(("old", "new"), sorted(OLD_ADDRESSES.items()))
def test_when_address_changed_then_old_address_redirects_to_the_new_page(site, old, new):
    page = site[old]
    target = re.search(r'url=([^"]+)"', page)
    assert target is not None
    resolved = (Path(old).parent / target.group(1)).as_posix()
    parts: list[str] = []
    for part in resolved.split("/"):
        if part == "..":
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    assert "/".join(parts) + "/index.html" == new
    assert page == redirect_page(old, new, True)


def test_when_redirect_page_then_it_holds_nothing_but_the_address():
    page = TEMPLATE.format(url="../../x/")
    assert visible_text(page) == "Page moved This page has moved to a new address ."


# --- the gate keeps redirects strict -----------------------------------------------------------------


def run_check(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--project", str(project), "check", str(project / "site")])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_when_built_with_redirects_then_gate_passes(partnership_copy, capsys):
    code, out = run_check(partnership_copy, capsys)
    assert code == 0, out


def _first_redirect(site: Path) -> tuple[Path, str]:
    old = next(iter(OLD_ADDRESSES))
    return site / old, old


@pytest.mark.parametrize(
    ("case", "change"),
    [
        ("extra text", lambda t: t.replace("a new address</a>.", "a new address</a>. Rose was 14.")),
        (
            "leads to a page outside minutes and reviews",
            lambda t: t.replace("../../../2024/learning-from-rose/", "../../../../about/"),
        ),
        ("leads outside the site", lambda t: t.replace("../../../2024/learning-from-rose/", "../../../../../../")),
        ("leads to nowhere", lambda t: t.replace("learning-from-rose/", "learning-from-nobody/")),
        (
            "leads to another redirect",
            lambda t: t.replace(
                "../../../2024/learning-from-rose/", "../../../../minutes/childrens-board/2024/2024-03-11/"
            ),
        ),
    ],
)
def test_when_redirect_page_is_not_the_template_or_leads_astray_then_gate_blocks(
    partnership_copy, capsys, case, change
):
    path, rel = _first_redirect(partnership_copy / "site")
    text = path.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text, case
    path.write_text(changed, encoding="utf-8")
    code, out = run_check(partnership_copy, capsys)
    assert code == 1, out
    assert f"{rel}: page without a valid redaction stamp" in out


def test_when_redirect_leads_to_a_page_with_a_bad_stamp_then_gate_blocks(partnership_copy, capsys):
    target = partnership_copy / "site" / LCSPR_PAGE
    target.write_text(re.sub(r"sha256=[0-9a-f]{8}", "sha256=00000000", target.read_text(encoding="utf-8")))
    code, out = run_check(partnership_copy, capsys)
    assert code == 1
    assert "redirect leads to a page with a bad stamp" in out or f"{LCSPR_PAGE}: page without" in out


# --- branding and the help banner ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("colour", "ratio"), [("#ffffff", 1.0), ("#000000", 21.0), ("#767676", 4.54), ("#1b5e5a", 7.51)]
)
def test_when_colour_then_wcag_contrast_with_white(colour, ratio):
    assert contrast(colour, "#ffffff") == pytest.approx(ratio, abs=0.01)


def set_settings(project: Path, **values) -> None:
    path = project / "openness.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    data.update(values)
    path.write_text(yaml.safe_dump(data), encoding="utf-8")


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"primary_colour": "#5c9ad6"}, "key 'primary_colour': #5c9ad6 has a contrast ratio of 2.97:1 with white text"),
        ({"primary_colour": "#777777"}, "key 'primary_colour': #777777 has a contrast ratio of 4.47:1"),
        ({"primary_colour": "teal"}, "key 'primary_colour': 'teal' is not a colour"),
        ({"logo": "images/missing.svg"}, "key 'logo': no file content/images/missing.svg"),
        ({"generator": "hugo"}, "key 'generator'"),
    ],
)
def test_when_branding_setting_is_wrong_then_build_stops_naming_it(partnership_copy, capsys, settings, message):
    before = site_texts(partnership_copy / "site")
    set_settings(partnership_copy, **settings)
    code = main(["--project", str(partnership_copy), "build", "--as-of", "2026-11-22"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "openness.yml" in err and message in err
    assert site_texts(partnership_copy / "site") == before


def test_when_branding_set_then_name_logo_colour_and_banner_reach_every_page(partnership_copy, capsys):
    logo = partnership_copy / "content" / "images" / "logo.svg"
    logo.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(Path(__file__).parent.parent / "content" / "images" / "logo.svg", logo)
    set_settings(
        partnership_copy,
        partnership="Eastwick Bridge Safeguarding Partnership",
        logo="images/logo.svg",
        primary_colour="#1B5E5A",
        help={"links": [{"title": "Tell children's services", "url": "https://example.org/tell"}]},
    )
    assert main(["--project", str(partnership_copy), "build", "--as-of", "2026-11-22"]) == 0, capsys.readouterr().err
    site = site_texts(partnership_copy / "site")
    assert "--md-primary-fg-color: #1b5e5a" in site["assets/openness/brand.css"]
    for rel in ("index.html", MARCH_MINUTES, LCSPR_PAGE, "404.html"):
        page = site[rel]
        assert "Eastwick Bridge Safeguarding Partnership" in page
        assert "images/logo.svg" in page and "assets/openness/brand.css" in page
        banner = page.index('class="openness-help"')
        assert "Worried about a child or an adult?" in page[banner:] and "In an emergency call 999" in page
        assert 'href="https://example.org/tell"' in page
        assert page.index('class="md-skip"') < banner < page.index('<header class="md-header')


# --- navigation and index pages --------------------------------------------------------------------------


def test_when_minutes_page_then_breadcrumbs_and_other_meetings_of_the_board(site):
    march, june = visible_text(site[MARCH_MINUTES]), site[JUNE_MINUTES]
    start = site[MARCH_MINUTES].index('aria-label="You are here"')
    crumbs = visible_text("<" + site[MARCH_MINUTES][start : site[MARCH_MINUTES].index("</nav>", start)])
    assert crumbs.split() == ["Home", "Minutes", "Children's", "Board", "11", "March", "2024"]
    assert "Other meetings of this board" in march and "Next meeting: 11 June 2024" in march
    assert 'href="../2024-03-11/">11 March 2024</a>' in june and "Previous meeting" in visible_text(june)


def test_when_review_page_then_breadcrumbs_to_its_type(site):
    page = site[LCSPR_PAGE]
    crumbs = page[
        page.index('aria-label="You are here"') : page.index("</nav>", page.index('aria-label="You are here"'))
    ]
    assert "Practice reviews" in crumbs and "Local Child Safeguarding Practice Reviews" in crumbs
    assert 'aria-current="page"' in crumbs


def test_when_minutes_index_then_latest_meeting_of_each_board_with_dates_then_years(site):
    text = visible_text(site["minutes/index.html"])
    latest = text[text.index("Latest meetings") :]
    assert "Children's Board: 11 June 2024" in latest
    assert re.search(r"Adults' Board: (\d{1,2} \w+ \d{4}|no minutes have been published yet\.)", latest)
    board = text[text.index("Children's Board", text.index("Latest meetings") + 40) :]
    assert board.index("2024") < board.index("11 June 2024") < board.index("11 March 2024")


def test_when_reviews_catalogue_then_date_and_summary_once_and_type_not_repeated(site):
    text = visible_text(site["reviews/index.html"])
    assert text.count("published 1 May 2024") == 1 or text.count("Published 1 May 2024") == 1
    assert "Local Child Safeguarding Practice Review, published" not in text
    assert "Local Child Safeguarding Practice Review: Rose" not in text  # shown under its type heading
    for label in ("By type:", "By year:", "By theme:"):
        assert label in text


# --- open data ----------------------------------------------------------------------------------------------


SCHEMAS = Path(__file__).parent.parent / "site_builder" / "schemas"


@pytest.mark.parametrize("name", ["minutes", "reviews"])
def test_when_built_then_open_data_validates_against_its_published_schema(site, name):
    schema = json.loads(site[f"data/{name}.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(site[f"data/{name}.json"])
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    assert data[name], f"no {name} in the open data"
    rows = list(csv.DictReader(io.StringIO(site[f"data/{name}.csv"])))
    assert [r["url"] for r in rows] == [item["url"] for item in data[name]]
    assert list(rows[0]) == list(schema["properties"][name]["items"]["required"])
    for item in data[name]:
        assert item["url"].removesuffix("/") + "/index.html" in site, item["url"]


def test_when_open_data_schema_then_a_wrong_record_fails_it(site):
    schema = json.loads(site["data/reviews.schema.json"])
    data = json.loads(site["data/reviews.json"])
    data["reviews"][0]["published_date"] = "1 May 2024"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())


def test_when_open_data_then_redacted_titles_only_and_linked_from_its_page(site):
    reviews = json.loads(site["data/reviews.json"])["reviews"]
    assert any(r["title"].startswith("Local Child Safeguarding Practice Review: Rose") for r in reviews)
    blob = site["data/reviews.json"] + site["data/reviews.csv"] + site["data/minutes.json"]
    for raw in ("Farhiya", "Bogdan", "Hassan", "Ionescu", "lcspr-farhiya-hassan"):
        assert raw not in blob
    page = site["open-data/index.html"]
    for f in (
        "minutes.json",
        "minutes.csv",
        "minutes.schema.json",
        "reviews.json",
        "reviews.csv",
        "reviews.schema.json",
    ):
        assert f"data/{f}" in page


@pytest.mark.parametrize(("page", "kind"), [(LCSPR_PAGE, "Report"), (SAR_PAGE, "Report"), (MARCH_MINUTES, "Event")])
def test_when_review_or_minutes_page_then_schema_org_metadata(site, page, kind):
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', site[page], re.S)
    assert block is not None
    data = json.loads(block.group(1).replace("<\\/", "</"))
    assert data["@context"] == "https://schema.org" and data["@type"] == kind
    assert ("datePublished" if kind == "Report" else "startDate") in data


@pytest.mark.parametrize(
    ("rel", "inject"),
    [
        ("data/reviews.csv", lambda t: t + "A title,lcspr,x,2024-05-01,reviews/x/,Farhiya Hassan was 14.,\n"),
        ("data/reviews.json", lambda t: t.replace('"summary": "', '"summary": "Farhiya Hassan. ', 1)),
        ("data/minutes.json", lambda t: t.replace('"summary": "', '"summary": "Call 07700 900123. ', 1)),
        (MARCH_MINUTES, lambda t: t.replace('"@type": "Event",', '"@type": "Event", "about": "Farhiya Hassan",', 1)),
    ],
)
def test_when_open_data_or_schema_org_data_leaks_then_gate_blocks(partnership_copy, capsys, rel, inject):
    path = partnership_copy / "site" / rel
    text = path.read_text(encoding="utf-8")
    changed = inject(text)
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    code, out = run_check(partnership_copy, capsys)
    assert code == 1, out
    assert rel in out and "Farhiya" not in out and "900123" not in out
