"""An e-mail address written to dodge a scraper, read back as a plain one (no engine imports):
"jo [dot] smith [at] leeds [dot] gov [dot] uk" -> "jo.smith@leeds.gov.uk"."""

from __future__ import annotations

import re

# "@" disguised: a bracketed "at" ("[at]", "(at)") or the word "at" between spaces.
AT = r"(?:\s*[\[({<]\s*(?i:at)\s*[\])}>]\s*|\s+(?i:at)\s+)"
# "." disguised, or plain.
DOT = r"(?:\s*[\[({<]\s*(?i:dot)\s*[\])}>]\s*|\s+(?i:dot)\s+|\.)"
SPLIT_DOT = re.compile(DOT)


def plain_address(text: str) -> str:
    """ "jo [dot] smith [at] leeds [dot] gov [dot] uk" -> "jo.smith@leeds.gov.uk"."""
    local, domain = re.split(AT, text, maxsplit=1)
    return ".".join(SPLIT_DOT.split(local)) + "@" + ".".join(SPLIT_DOT.split(domain))
