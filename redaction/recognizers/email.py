"""E-mail addresses, with the public suffix list read from tldextract's bundled snapshot.

Presidio's EmailRecognizer calls ``tldextract.extract``, whose default extractor fetches the public
suffix list over the network on first use. Builds must never touch the network, so this subclass
validates with an extractor that has no URLs to fetch and no cache to write.

A role mailbox ("enquiries@", "safeguarding.partnership@": every part of the local part a role
word of ``data/allowlist/role_mailboxes.yaml``) belongs to a service and is public: it is not found.
"""

from __future__ import annotations

import functools
import re

import tldextract
from presidio_analyzer.predefined_recognizers import EmailRecognizer

from redaction.allowlist import DATA, load_yaml_file

OFFLINE_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@functools.cache
def role_words() -> frozenset[str]:
    data = load_yaml_file(DATA / "allowlist" / "role_mailboxes.yaml")
    return frozenset(str(w).casefold() for w in data.get("role_words", []) or [])


def is_role_mailbox(address: str) -> bool:
    """Whether every part of the address's local part is a generic role word."""
    local = address.strip().removeprefix("mailto:").partition("@")[0]
    parts = [p for p in re.split(r"[._\-+]", local.casefold()) if p]
    return bool(parts) and all(p in role_words() for p in parts)


#: Suffixes that are not mail domains: file names ("logo@2x.png" is an image) and RFC 2606's
#: ``.invalid``, which no mailbox can have (the calendar's event ids end in it).
FILE_SUFFIXES = frozenset(
    {"png", "jpg", "jpeg", "gif", "svg", "webp", "pdf", "css", "js", "html", "md", "docx", "invalid"}
)
TOP_LEVEL = re.compile(r"[a-z]{2,24}")


def has_mail_domain(address: str) -> bool:
    """A public suffix from the list, or failing that any alphabetic top-level label: an address
    at a private or reserved domain (``.example``, ``.local``, ``.internal``) or a mistyped one
    (``.con``) still belongs to a person. Fail closed: only file-name suffixes are not domains."""
    if OFFLINE_EXTRACT(address).suffix:
        return True
    tld = address.rstrip(".").rpartition(".")[2].casefold()
    return bool(TOP_LEVEL.fullmatch(tld)) and tld not in FILE_SUFFIXES


class OfflineEmailRecognizer(EmailRecognizer):
    def validate_result(self, pattern_text: str) -> bool:
        return has_mail_domain(pattern_text) and not is_role_mailbox(pattern_text)
