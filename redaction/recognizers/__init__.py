"""The project's own recognisers, one per file. Which ones run is data: ``data/recognizers.yaml``.

Each is imported when first named (``recognizers.UkPhoneRecognizer``): they import Presidio. The
plain rules they share with the redactor and the gate live in ``redaction.text_rules``, which
imports no engine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from redaction.recognizers.action_owner import ActionOwnerRecognizer
    from redaction.recognizers.case_reference import CaseReferenceRecognizer
    from redaction.recognizers.comment_anchor import CommentAnchorRecognizer
    from redaction.recognizers.date_of_birth import DateOfBirthRecognizer
    from redaction.recognizers.email import OfflineEmailRecognizer
    from redaction.recognizers.initials import InitialsRecognizer
    from redaction.recognizers.naming_cue import NamingCueRecognizer
    from redaction.recognizers.nhs_number import NhsNumberRecognizer
    from redaction.recognizers.obfuscated_email import ObfuscatedEmailRecognizer
    from redaction.recognizers.person_names import NameGazetteerRecognizer
    from redaction.recognizers.street_address import StreetAddressRecognizer
    from redaction.recognizers.titled_name import TitledNameRecognizer
    from redaction.recognizers.uk_phone import UkPhoneRecognizer

#: recogniser class -> the module of this package that defines it
MODULES = {
    "ActionOwnerRecognizer": "action_owner",
    "CaseReferenceRecognizer": "case_reference",
    "CommentAnchorRecognizer": "comment_anchor",
    "DateOfBirthRecognizer": "date_of_birth",
    "OfflineEmailRecognizer": "email",
    "InitialsRecognizer": "initials",
    "NamingCueRecognizer": "naming_cue",
    "NhsNumberRecognizer": "nhs_number",
    "ObfuscatedEmailRecognizer": "obfuscated_email",
    "NameGazetteerRecognizer": "person_names",
    "StreetAddressRecognizer": "street_address",
    "TitledNameRecognizer": "titled_name",
    "UkPhoneRecognizer": "uk_phone",
}


def __getattr__(name: str) -> Any:
    if name not in MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{MODULES[name]}"), name)


__all__ = [
    "ActionOwnerRecognizer",
    "CaseReferenceRecognizer",
    "CommentAnchorRecognizer",
    "DateOfBirthRecognizer",
    "InitialsRecognizer",
    "NameGazetteerRecognizer",
    "NamingCueRecognizer",
    "NhsNumberRecognizer",
    "ObfuscatedEmailRecognizer",
    "OfflineEmailRecognizer",
    "StreetAddressRecognizer",
    "TitledNameRecognizer",
    "UkPhoneRecognizer",
]
