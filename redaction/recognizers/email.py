"""E-mail addresses, with the public suffix list read from tldextract's bundled snapshot.

Presidio's EmailRecognizer calls ``tldextract.extract``, whose default extractor fetches the public
suffix list over the network on first use. Builds must never touch the network, so this subclass
validates with an extractor that has no URLs to fetch and no cache to write.
"""

from __future__ import annotations

import tldextract
from presidio_analyzer.predefined_recognizers import EmailRecognizer

OFFLINE_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


class OfflineEmailRecognizer(EmailRecognizer):
    def validate_result(self, pattern_text: str) -> bool:
        return bool(OFFLINE_EXTRACT(pattern_text).suffix)
