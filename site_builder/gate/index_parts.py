"""A search index scanned in parts, so that one edited page does not mean reading it all again.

Every page's text is also in the search index (MkDocs: ``search/search_index.json``), which
therefore changes with any edit and grows with the archive. When it has the usual shape (a mapping
with a ``docs`` list), it is read as parts: its settings with the first two entries, and every run
of three neighbouring entries. Each part is written out as JSON again, so it holds exactly the
strings of the file (escapes are undone by the gate's reading in either case), and is scanned by
the same checks as a file. A part found clean before, with the same text and rules, is not scanned
again.

A match needs its words next to each other; between two entries stand the JSON keys and
punctuation of the next entry, so anything one entry and its neighbours could form together lies
inside one run of three. When any part has a finding, or most parts are new (a first build), the
whole file is scanned as before, so findings are reported exactly as for any other file.
"""

from __future__ import annotations

import json
from typing import Any

from site_builder.gate.scan import decode_text


def search_index_parts(data: bytes) -> list[str] | None:
    """The parts of a search index, or None when it is not a mapping with a ``docs`` list."""
    text = decode_text(data)
    if text is None:
        return None
    try:
        index: Any = json.loads(text)
    except ValueError:
        return None
    if not isinstance(index, dict) or not isinstance(index.get("docs"), list):
        return None
    docs = index["docs"]
    head = {k: v for k, v in index.items() if k != "docs"} | {"docs": docs[:2]}
    parts = [json.dumps(head, ensure_ascii=False)]
    parts += [json.dumps(docs[i : i + 3], ensure_ascii=False) for i in range(max(1, len(docs) - 2))]
    return parts
