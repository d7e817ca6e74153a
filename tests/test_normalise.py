"""The shared Unicode normalisation (redaction/normalise.py), used before analysis and by the gate."""

from __future__ import annotations

import pytest

from redaction.normalise import normalise_text, normalise_with_offsets


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("M\u0430ry Smith", "Mary Smith"),  # Cyrillic a inside a Latin word
        ("\u041cariya Petrova", "Mariya Petrova"),  # Cyrillic capital M
        ("\u03a4om Okafor", "Tom Okafor"),  # Greek capital tau
        ("Prit\u200bchard", "Pritchard"),  # zero-width space
        ("Sa\u2063rah", "Sarah"),  # invisible separator
        ("\u202eZainab\u202c", "Zainab"),  # bidi controls
        ("Jo\u034fhn", "John"),  # combining grapheme joiner
        ("Jo\ufe0fhn", "John"),  # variation selector
        ("J\u0332ohn", "John"),  # combining mark left after NFC
        ("Zielin\u0301ski", "Zieliński"),  # a real accent composes and stays
        ("\uff2d\uff41\uff52\uff59", "Mary"),  # full-width letters
        ("K a i B e v a n said", "Kai Bevan said"),
        ("M-a-r-y", "Mary"),
        ("J O H N", "JOHN"),
        ("Bishnu<br>gurung", "Bishnugurung"),
        ("Mar<br/>garet", "Margaret"),
    ],
)
def test_when_disguised_text_then_normalised(text, expected):
    assert normalise_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Москва and Αθήνα stay in their own scripts",
        "café, naïve, Nguyễn Văn Minh, Siân, Małgorzata",
        "Options A B C and e.g. a b c",
        "Name<br>Address",
        "MASH, LADO, SEND, ICB, CAMHS met on 3 March 2025.",
    ],
)
def test_when_ordinary_text_then_unchanged(text):
    assert normalise_text(text) == text


def test_when_characters_removed_then_offsets_point_into_the_source():
    source = "Ma\u200bry met K a i."
    text, offsets = normalise_with_offsets(source)
    assert text == "Mary met Kai."
    assert len(offsets) == len(text)
    assert [source[i] for i in offsets] == list(text)
