"""Data, not code: each shared word list is one data file, and every module reads that file."""

from __future__ import annotations

import re

import pytest

from redaction import vocabulary
from redaction.filters import PLACE_PREFIXES, STREET_SUFFIX
from redaction.names import KNOWN_LABEL, TITLE_RX
from redaction.pseudonyms import category
from redaction.recognizers.street_address import SUFFIX
from redaction.register import HONORIFICS, STREET, person_variants, place_replacement
from redaction.sources import REVIEW_TYPES
from site_builder.reviews.catalogue import TYPE_NAMES, TYPE_PLURALS


def test_when_street_suffixes_read_then_every_module_uses_the_one_list():
    sx = vocabulary.street_suffixes()
    for word in sx.every:
        assert re.fullmatch(SUFFIX, word), word
        assert STREET.fullmatch(word), word
    for word in sx.streets:
        assert STREET_SUFFIX.match(word), word
    for word in sx.also_names:  # "Tom Green" stays a person
        assert not STREET_SUFFIX.match(word), word
    for short in sx.short:
        assert re.fullmatch(SUFFIX, short), short


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        ("Hollyhedge Court", "a nearby street"),
        ("Cape Hill", "a nearby street"),
        ("Crosskeys Snooker Hall", "[place withheld]"),
    ],
)
def test_when_declared_place_then_replacement_by_its_last_word(place, expected):
    assert place_replacement(place) == expected


def test_when_honorifics_read_then_titles_variants_and_stripping_agree():
    assert vocabulary.honorifics() == HONORIFICS
    for h in HONORIFICS:
        assert TITLE_RX.match(f"{h} Okafor"), h
    assert {f"{h} Okafor" for h in HONORIFICS} <= person_variants("Chidi Okafor", [])


@pytest.mark.parametrize(
    ("age", "review_type", "expected"),
    [
        (0, "lcspr", "Baby"),
        (1, "lcspr", "Baby"),
        (2, "lcspr", "Child"),
        (3, "sar", "Young Person"),
        (17, "lcspr", "Young Person"),
        (18, "lcspr", "Adult"),
        (None, "sar", "Adult"),
        (None, "lcspr", "Child"),
    ],
)
def test_when_age_then_pseudonym_category_from_the_data_file(age, review_type, expected):
    assert category(age, review_type) == expected


@pytest.mark.parametrize(
    ("text", "label"), [("Adult D", True), ("Young Person K", True), ("Person B", True), ("Adult Day", False)]
)
def test_when_label_then_known_label_pattern_from_the_data_file(text, label):
    assert bool(KNOWN_LABEL.fullmatch(text)) is label


def test_when_review_types_read_then_schema_and_catalogue_agree():
    assert tuple(vocabulary.review_types()) == REVIEW_TYPES
    assert set(TYPE_NAMES) == set(TYPE_PLURALS) == set(REVIEW_TYPES)


def test_when_place_prefixes_read_then_filter_uses_them():
    assert vocabulary.place_prefixes() == PLACE_PREFIXES
    assert {"low", "great", "bishop's"} <= PLACE_PREFIXES
