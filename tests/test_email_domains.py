"""An e-mail address at a domain the public suffix list does not know still belongs to a person."""

from __future__ import annotations

import pytest

from redaction.recognizers.email import has_mail_domain, is_role_mailbox


@pytest.mark.parametrize(
    ("address", "is_mail"),
    [
        ("jo.prewitt@marlowevale-police.example", True),  # reserved test domain
        ("kai.obi@school.local", True),  # private network domain
        ("r.patel@leeds.gov.uk", True),
        ("amy.hart@gmail.con", True),  # mistyped top-level domain
        ("dawn@mail.internal", True),
        ("logo@2x.png", False),  # a file name, not an address
        ("banner@3x.jpg", False),
        ("x@y.1", False),
        ("childrens-board-2025-01-14@marlowe-vale.invalid", False),  # a calendar event id
    ],
)
def test_when_address_domain_then_mail_or_not(address, is_mail):
    assert has_mail_domain(address) is is_mail


@pytest.mark.parametrize(
    ("address", "role"),
    [
        ("enquiries@marlowevale.example", True),
        ("safeguarding.partnership@x.example", True),
        ("jo.smith@x.example", False),
    ],
)
def test_when_local_part_is_role_words_then_public(address, role):
    assert is_role_mailbox(address) is role
