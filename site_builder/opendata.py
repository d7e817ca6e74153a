"""Open data: every published minutes and review as JSON and CSV, with a JSON Schema for each,
and schema.org metadata (``Event`` for a meeting, ``Report`` for a review) on their pages.

Every value comes from the staged (redacted) documents: redacted titles and summaries, meeting
names from the publish policy, theme names, dates and page addresses. Files are written beside
each other in ``data/`` and listed on the "Open data" page; the publication gate reads them like
any other file.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from redaction.sources import Minutes, Review
from site_builder.project import format_date
from site_builder.reviews.catalogue import TYPE_NAMES, link
from site_builder.reviews.feeds import page_url, site_config
from site_builder.reviews.vocab import load_themes

if TYPE_CHECKING:
    from site_builder.staged import Stage, StagedDoc

SCHEMAS = Path(__file__).parent / "schemas"
PAGE = "open-data.md"
DATASETS = {
    "minutes": ["title", "board", "board_name", "meeting_date", "url", "summary", "themes"],
    "reviews": ["title", "review_type", "review_type_name", "published_date", "url", "summary", "themes"],
}


def _partnership(stage: Stage) -> str:
    name = stage.project.settings.get("partnership") or site_config(stage.project).get("site_name")
    return str(name or "Safeguarding Partnership")


def minutes_record(stage: Stage, doc: StagedDoc) -> dict[str, Any]:
    src = doc.source
    assert isinstance(src, Minutes)
    meeting = stage.policy.meetings[src.meeting]
    return {
        "title": doc.title,
        "board": src.meeting,
        "board_name": meeting.name,
        "meeting_date": src.date.isoformat(),
        "url": page_url(doc.path, site_config(stage.project)),
        "summary": f"Minutes of the {meeting.name} meeting held on {format_date(src.date)}.",
        "themes": [],
    }


def review_record(stage: Stage, doc: StagedDoc, themes: dict[str, str]) -> dict[str, Any]:
    src = doc.source
    assert isinstance(src, Review)
    return {
        "title": doc.title,
        "review_type": src.review_type,
        "review_type_name": TYPE_NAMES[src.review_type],
        "published_date": src.publish_on.isoformat(),
        "url": page_url(doc.path, site_config(stage.project)),
        "summary": doc.summary,
        "themes": [themes.get(t, t) for t in src.themes],
    }


def records(stage: Stage) -> dict[str, list[dict[str, Any]]]:
    themes = load_themes(stage.project.root)
    minutes = [minutes_record(stage, d) for d in stage.docs if isinstance(d.source, Minutes)]
    reviews = [review_record(stage, d, themes) for d in stage.docs if isinstance(d.source, Review)]
    minutes.sort(key=lambda r: (r["meeting_date"], r["url"]), reverse=True)
    reviews.sort(key=lambda r: (r["published_date"], r["url"]), reverse=True)
    return {"minutes": minutes, "reviews": reviews}


def to_csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items()})
    return out.getvalue()


def data_files(stage: Stage) -> dict[str, str]:
    """``data/minutes.json``, ``data/reviews.json``, their CSV twins and JSON Schemas."""
    out: dict[str, str] = {}
    for name, rows in records(stage).items():
        document = {
            "$schema": f"{name}.schema.json",
            "publisher": _partnership(stage),
            "generated": stage.as_of.isoformat(),
            name: rows,
        }
        out[f"data/{name}.json"] = json.dumps(document, indent=1, ensure_ascii=False) + "\n"
        out[f"data/{name}.csv"] = to_csv(rows, DATASETS[name])
        out[f"data/{name}.schema.json"] = (SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")
    return out


def json_ld(data: dict[str, Any]) -> str:
    """The JSON-LD text of a page (``</`` and ``<!--`` escaped so it can never end its script).

    It travels in the staged page's front matter (``openness_jsonld``) and the theme writes it in a
    ``<script type="application/ld+json">``: the page body is sanitised and may hold no script."""
    return json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/").replace("<!--", "<\\u0021--")


def minutes_json_ld(stage: Stage, doc: StagedDoc) -> str:
    record = minutes_record(stage, doc)
    return json_ld(
        {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": f"{record['board_name']} meeting",
            "startDate": record["meeting_date"],
            "eventStatus": "https://schema.org/EventScheduled",
            "description": record["summary"],
            "organizer": {"@type": "Organization", "name": _partnership(stage)},
            "inLanguage": "en-GB",
        }
    )


def review_json_ld(stage: Stage, doc: StagedDoc) -> str:
    record = review_record(stage, doc, load_themes(stage.project.root))
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Report",
        "name": record["title"],
        "genre": record["review_type_name"],
        "datePublished": record["published_date"],
        "publisher": {"@type": "Organization", "name": _partnership(stage)},
        "inLanguage": "en-GB",
    }
    if record["summary"]:
        data["abstract"] = record["summary"]
    if record["themes"]:
        data["keywords"] = record["themes"]
    return json_ld(data)


def open_data_page(stage: Stage) -> str:
    """The "Open data" page: what each file holds, with links to it and its schema."""
    here = PAGE
    counts = {k: len(v) for k, v in records(stage).items()}
    lines = [
        "# Open data",
        "",
        "You can reuse the list of our published minutes and practice reviews. The files are updated "
        "every time the website is. They hold only what the website already shows: titles, dates, "
        "summaries, themes and web addresses.",
        "",
    ]
    words = {"minutes": ("Minutes", "sets of minutes"), "reviews": ("Practice reviews", "reviews")}
    for name, columns in DATASETS.items():
        heading, noun = words[name]
        lines += [
            f"## {heading}",
            "",
            f"{counts[name]} {noun}. Download as [JSON]({link(here, f'data/{name}.json')}) or "
            f"[CSV]({link(here, f'data/{name}.csv')}). "
            f"The [JSON Schema]({link(here, f'data/{name}.schema.json')}) describes each field.",
            "",
            f"Fields: {', '.join(f'`{c}`' for c in columns)}.",
            "",
        ]
    lines += [
        "## Using the data",
        "",
        "Dates are written in the ISO 8601 form: year, month and day, joined by dashes. "
        "In the CSV files, themes are separated by semicolons. "
        "Web addresses are relative to the home page of this website unless they start with https.",
        "",
    ]
    return "\n".join(lines)
