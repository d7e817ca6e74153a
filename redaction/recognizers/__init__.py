"""The project's own recognisers, one per file. Which ones run is data: ``data/recognizers.yaml``."""

from __future__ import annotations

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
