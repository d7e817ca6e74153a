"""Score a built site against a labelled corpus's expect.json, with no file outside this repository.

The shared tool (../shared/tools/leakscan.py) is the reference measure and is used when present;
this scorer lets the in-repository corpora be checked on a clean clone without it. It counts:

* ``leaks``: a sensitive string (any case, any white space, tags removed or spaced, entities and
  URL escapes undone; identifiers also with separators removed) found in any site file or path;
* ``token_leaks``: one word of a labelled full name found, when that word is nowhere public in the
  corpus (outside labelled spans) or in a keep phrase;
* ``markers_leaked``: a sentence of a document that must not be published, found anywhere;
* ``keep``: public phrases of published documents still present.

Usage: python benchmarks/leakscore.py --expect CORPUS/expect.json --corpus CORPUS SITE_DIR
The summary line has the same fields as the shared tool's.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import re
import sys
import urllib.parse
from pathlib import Path

IDENTIFIERS = {"PHONE", "NHS_NUMBER", "NI_NUMBER", "POSTCODE", "DATE_OF_BIRTH", "REFERENCE"}
SKIP_TOKENS = {"mr", "mrs", "ms", "miss", "mx", "dr", "cllr", "dci", "dc", "ds", "pc", "sgt", "the", "sir", "dame"}
BINARY = {".png", ".jpg", ".jpeg", ".gif", ".ico", ".webp", ".woff", ".woff2", ".ttf", ".otf", ".pdf", ".zip"}
THEME = re.compile(r"^assets/(?:javascripts/(?:lunr/|bundle\.|workers/)|stylesheets/(?:main|palette)\.)")
TAG = re.compile(r"<[^>]{0,2000}>")
QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\xa0": " "})


def fold(text: str) -> str:
    for _ in range(2):
        text = html.unescape(text)
        text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
        if "%" in text:
            text = urllib.parse.unquote(text)
    text = re.sub("[\u200b\u200c\u200d\u2060\ufeff\u00ad]", "", text).translate(QUOTES)
    return text.casefold()


def readings(raw: str) -> list[str]:
    text = fold(raw)
    return [" ".join(t.split()) for t in (text, TAG.sub(" ", text), TAG.sub("", text))]


def site_texts(site: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    paths = []
    for f in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = f.relative_to(site).as_posix()
        if THEME.match(rel):
            continue
        paths.append(re.sub(r"[-_/.]+", " ", rel))
        if f.suffix.lower() in BINARY:
            continue
        data = f.read_bytes()
        if f.suffix == ".gz":
            data = gzip.decompress(data)
        out[rel] = readings(data.decode("utf-8", errors="ignore"))
    out["<paths>"] = readings("\n".join(paths))
    return out


def pattern(text: str) -> re.Pattern[str]:
    body = re.escape(" ".join(fold(text).split())).replace(r"\ ", r"\s*")
    return re.compile(rf"(?<!\w){body}(?!\w)")


def found_in(site: dict[str, list[str]], text: str, identifier: bool = False) -> list[str]:
    rx = pattern(text)
    hits = [name for name, views in site.items() if any(rx.search(v) for v in views)]
    compact = re.sub(r"[^0-9a-z]", "", fold(text))
    if identifier and len(compact) >= 7:
        hits += [n for n, v in site.items() if n not in hits and compact in re.sub(r"[^0-9a-z]", "", v[2])]
    return hits


def public_text(corpus: Path, labels: dict[str, list[dict[str, object]]]) -> str:
    parts = []
    for doc in sorted(corpus.rglob("*.md")):
        rel = doc.relative_to(corpus).as_posix()
        chars = list(doc.read_text(encoding="utf-8"))
        for lab in labels.get(rel, []):
            for i in range(int(str(lab["start"])), int(str(lab["end"]))):
                chars[i] = " "
        body = "".join(chars)
        if body.startswith("---"):
            end = body.find("\n---", 3)
            body = body[end + 4 :] if end != -1 else body
        parts.append(body)
    return " ".join(fold("\n".join(parts)).split())


def score(expect: dict, corpus: Path | None, site_dir: Path) -> tuple[dict[str, list], str, bool]:
    site = site_texts(site_dir)
    result: dict[str, list] = {"leaks": [], "token_leaks": [], "markers": [], "missing_keeps": []}
    seen: set[str] = set()
    for item in expect["sensitive"]:
        key = fold(item["text"])
        if key in seen:
            continue
        seen.add(key)
        hits = found_in(site, item["text"], item.get("label") in IDENTIFIERS)
        if hits:
            result["leaks"].append({**item, "found_in": hits[:5]})
    if corpus is not None:
        public = public_text(corpus, expect.get("labels", {}))
        keep_words = " ".join(fold(k["text"]) for k in expect.get("keep", []))
        tokens = set()
        for item in expect["sensitive"]:
            parts = re.findall(r"[^\W\d_][\w'\-]*", fold(item["text"])) if item.get("label") == "PERSON" else []
            for tok in parts if len(parts) >= 2 else []:
                rx = pattern(tok)
                if len(tok) >= 3 and tok not in SKIP_TOKENS and tok not in seen and not rx.search(public + keep_words):
                    tokens.add((tok, item["doc"]))
        for tok, doc in sorted(tokens):
            hits = found_in(site, tok)
            if hits:
                result["token_leaks"].append({"text": tok, "doc": doc, "found_in": hits[:5]})
    markers = expect.get("unpublished_markers", [])
    for item in markers:
        hits = found_in(site, item["text"])
        if hits:
            result["markers"].append({**item, "found_in": hits[:5]})
    unpublished = {m["doc"] for m in markers}
    keeps = [k for k in expect.get("keep", []) if k["doc"] not in unpublished]
    result["missing_keeps"] = [k for k in keeps if not found_in(site, k["text"])]
    kept = len(keeps) - len(result["missing_keeps"])
    rate = kept / len(keeps) if keeps else 1.0
    summary = (
        f"leaks={len(result['leaks'])} token_leaks={len(result['token_leaks'])} sensitive={len(seen)} "
        f"markers_leaked={len(result['markers'])}/{len(markers)} keep={kept}/{len(keeps)} ({rate:.1%}) "
        f"files={len(site) - 1}"
    )
    clean = not (result["leaks"] or result["token_leaks"] or result["markers"])
    return result, summary, clean and rate >= 0.97


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("site", type=Path)
    ap.add_argument("--expect", type=Path, required=True)
    ap.add_argument("--corpus", type=Path)
    args = ap.parse_args()
    expect = json.loads(args.expect.read_text(encoding="utf-8"))
    result, summary, ok = score(expect, args.corpus, args.site)
    for f in result["leaks"]:
        print(f"LEAK   {f.get('label', '?'):15} {f['text']!r} ({f['doc']}) in {', '.join(f['found_in'])}")
    for f in result["token_leaks"]:
        print(f"TOKEN  {'PERSON part':15} {f['text']!r} ({f['doc']}) in {', '.join(f['found_in'])}")
    for f in result["markers"]:
        print(f"POLICY unpublished text ({f['doc']}): {f['text'][:60]!r} in {', '.join(f['found_in'])}")
    for f in result["missing_keeps"]:
        print(f"LOST   public text missing: {f['text']!r} ({f['doc']})")
    print(summary)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
