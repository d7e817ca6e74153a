"""The review page's HTML: every open question in its sentence with its three answers, and every
published document's redacted text with each replacement marked (the original on hover, on focus
and in a side column). Plain forms and buttons: it works from the keyboard and without scripts."""

from __future__ import annotations

import html
import re
from typing import Any

from redaction.words import counted

STYLE = """
body{font:1rem/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff}
header,main{max-width:72rem;margin:auto;padding:0 1rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#ffdd00;padding:.5rem}
:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
.question{border:1px solid #767676;border-radius:4px;padding:.75rem 1rem;margin:0 0 1rem}
.question h3{margin:.2rem 0}.kind{font-size:.9rem;background:#eef;padding:0 .4rem;border-radius:3px}
blockquote{margin:.5rem 0;padding:.5rem 1rem;background:#f3f2f1;border-left:4px solid #505a5f}
mark{background:#ffdd00;color:#000}
button{font:inherit;margin:.25rem .5rem .25rem 0;padding:.35rem .8rem;border:2px solid #1d70b8;
 background:#fff;color:#1d70b8;border-radius:4px;cursor:pointer}
button:hover,button:focus{background:#1d70b8;color:#fff}
.flash{background:#cce2d8;border-left:4px solid #00703c;padding:.5rem 1rem}
.doc{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,1fr);gap:1rem}
.text{white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:.9rem}
.rep{background:#d2e2f1;border-bottom:2px solid #1d70b8}.rep .was{display:none}
.rep:hover .was,.rep:focus .was{display:inline;background:#fff;color:#d4351c}
table{border-collapse:collapse;font-size:.9rem}
td,th{border-bottom:1px solid #b1b4b6;padding:.2rem .4rem;text-align:left}
"""
ANSWERS = (
    ("public", "Public word", "p", "Add to the partnership's allowlist.yaml: never asked again"),
    ("person", "A person: redact", "r", "Add to the private register: replaced in every document from the next build"),
    ("once", "This occurrence only", "o", "Publish here only: recorded in decisions.yaml"),
)


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def in_sentence(context: str, text: str) -> str:
    """The sentence, escaped, with the question's words marked."""
    m = re.search(re.escape(" ".join(text.split())).replace(r"\ ", r"\s+"), context, re.I)
    if m is None:
        return f"{esc(context)} (<mark>{esc(text)}</mark>)"
    return f"{esc(context[: m.start()])}<mark>{esc(m.group())}</mark>{esc(context[m.end() :])}"


NOT_A_PERSON = {"older date", "reference number", "address", "named place"}


def can_be_a_person(q: dict[str, Any]) -> bool:
    """Only a name can go in the register: its words become variants replaced everywhere."""
    text = str(q.get("text", ""))
    kinds = set(q.get("kinds") or [q.get("kind")])
    return not (kinds & NOT_A_PERSON) and not any(c.isdigit() for c in text) and len(text.split()) <= 4


def question_html(i: int, q: dict[str, Any], token: str) -> str:
    more = f" · {counted(q['occurrences'], 'occurrence')} on this page" if q.get("occurrences", 1) > 1 else ""
    person = can_be_a_person(q)
    buttons = "".join(
        f'<button type="submit" name="answer" value="{value}" title="{esc(help_)}" aria-describedby="h{i}-{value}">'
        f"{esc(label)}</button>"
        f'<span id="h{i}-{value}" hidden>{esc(help_)}</span>'
        for value, label, _key, help_ in ANSWERS
        if value != "person" or person
    )
    if not person:
        buttons += (
            "<p>Dates, numbers, addresses and named places cannot go in the register (each of their words "
            "would be hidden everywhere): edit the source, or declare a place under the review's places.</p>"
        )
    kind = f'<span class="kind">{esc(q["kind"])}</span>'
    return f"""<li class="question" id="q{i}"><h3 id="t{i}">{esc(q["text"])} {kind}</h3>
<p>Page <code>{esc(q["page"])}</code> · source <code>{esc(q["source"])}</code>{more}</p>
<blockquote>{in_sentence(str(q.get("context", "")), str(q["text"]))}</blockquote>
<form method="post" action="/answer" aria-labelledby="t{i}">
<input type="hidden" name="token" value="{esc(token)}"><input type="hidden" name="text" value="{esc(q["text"])}">
<input type="hidden" name="key" value="{esc(q["keys"][0])}"><input type="hidden" name="page" value="{esc(q["page"])}">
<label for="role{i}">Role or mark if it is a person (optional)</label>
<input id="role{i}" name="role" placeholder="[name withheld]" size="30">
<div role="group" aria-label="Answer">{buttons}</div></form></li>"""


def document_html(i: int, doc: dict[str, Any]) -> str:
    parts = []
    for seg in doc.get("segments", []):
        if "r" in seg:
            parts.append(
                f'<span class="rep" tabindex="0" title="original: {esc(seg["o"])}">{esc(seg["r"])}'
                f'<span class="was"> (was: {esc(seg["o"])})</span></span>'
            )
        else:
            parts.append(esc(seg.get("t", "")))
    rows = "".join(
        f"<tr><td>{esc(r['line'])}</td><td>{esc(r['o'])}</td><td>{esc(r['r'])}</td></tr>"
        for r in doc.get("replacements", [])
    )
    count = counted(len(doc.get("replacements", [])), "replacement")
    return f"""<details id="d{i}"><summary>{esc(doc.get("title") or doc["page"])} (<code>{esc(doc["source"])}</code>,
{count})</summary><div class="doc"><div class="text">{"".join(parts)}</div>
<aside aria-label="Replacements"><table><caption>Replacements</caption><thead><tr><th>Line</th><th>Original</th>
<th>Shown as</th></tr></thead><tbody>{rows}</tbody></table></aside></div></details>"""


def page_html(
    questions: list[dict[str, Any]], docs: list[dict[str, Any]], token: str, reviewer: str, flash: str
) -> str:
    items = "".join(question_html(i, q, token) for i, q in enumerate(questions))
    body = (
        f"<ol>{items}</ol>"
        if questions
        else "<p>No open questions: rebuild to publish (<code>openness build</code>).</p>"
    )
    note = f'<p class="flash" role="status">{esc(flash)}</p>' if flash else '<p role="status"></p>'
    documents = "".join(document_html(i, d) for i, d in enumerate(docs))
    return f"""<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">
<title>Review before publication ({len(questions)} open)</title><style>{STYLE}</style></head><body>
<a class="skip" href="#questions">Skip to the questions</a>
<header><h1>Review before publication</h1><p>Answering as <strong>{esc(reviewer)}</strong>. Public words go to
<code>allowlist.yaml</code>, single occurrences to <code>decisions.yaml</code> (commit both), people to the private
register. Rebuild to apply them. This page is private: do not share its address.</p></header>
<main><section id="questions" aria-labelledby="qh" tabindex="-1">
<h2 id="qh">Open questions ({len(questions)})</h2>{note}{body}</section>
<section aria-labelledby="dh"><h2 id="dh">Redacted documents</h2>{documents or "<p>No documents.</p>"}</section></main>
</body></html>"""
