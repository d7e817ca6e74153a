"""Readable pseudonyms for the people declared in a review.

* the ``pseudonym`` the family chose, when there is one;
* otherwise a category by age and a letter: Baby (under 2), Child (aged 2: the guidance names
  Baby for under-2s and Young Person for 3 to 17 and is silent on two-year-olds, so we use its
  neutral word), Young Person (3 to 17), Adult (18 and over); with no age, Adult in a SAR and
  Child otherwise. Letters run A, B, C... in the order people are declared, skipping the letters
  of the person's real initials so the letter gives nothing away;
* family members and others by their relation to the review's subject: "Sam's mother";
* the same label everywhere the person appears, in the review and in any minutes.
"""

from __future__ import annotations

import re
import string

from redaction.sources import Person, Review
from redaction.vocabulary import pseudonym_vocabulary

VOCABULARY = pseudonym_vocabulary()
KNOWN_LABEL = re.compile(VOCABULARY.label_pattern())
SUBJECT_RELATIONS = VOCABULARY.subject_relations


def category(age: int | None, review_type: str) -> str:
    """The label's first word, by age (data/vocabulary/pseudonyms.yaml)."""
    return VOCABULARY.category(age, review_type)


def review_labels(review: Review) -> dict[Person, str]:
    """Map each declared person of ``review`` to the label the public will read."""
    labels: dict[Person, str] = {}
    used_letters: set[str] = set()

    def next_letter(person: Person) -> str:
        initials = {w[0].upper() for w in (person.name or "").split() if w}
        for letter in string.ascii_uppercase:
            if letter not in used_letters and letter not in initials:
                used_letters.add(letter)
                return letter
        return "X"

    subjects = [p for p in review.people if p.relation.lower() in SUBJECT_RELATIONS]
    # A review already known by a label ("Adult D" in its title or text) keeps it for its subject.
    known = sorted(set(KNOWN_LABEL.findall(review.title + "\n" + review.body)))
    for i, p in enumerate(subjects):
        if not p.pseudonym and i == 0 and len(known) == 1:
            labels[p] = known[0]
            used_letters.add(known[0][-1])
            continue
        labels[p] = p.pseudonym or f"{category(p.age, review.review_type)} {next_letter(p)}"
    anchor = labels[subjects[0]] if subjects else None
    seen: dict[str, int] = {}
    for p in review.people:
        if p in labels:
            continue
        if p.pseudonym:
            labels[p] = p.pseudonym
            continue
        relation = p.relation.strip().lower() or "relative"
        base = f"{anchor}'s {relation}" if anchor else f"the {relation}"
        seen[base] = seen.get(base, 0) + 1
        labels[p] = base if seen[base] == 1 else f"{base} ({seen[base]})"
    return labels
