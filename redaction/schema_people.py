"""A review's ``people:`` key: a list of people, or a word saying there is nobody to declare.

* a list of people, each with a ``name``, or a ``pseudonym`` only when the review arrived
  anonymised (the reviewer's text uses the pseudonym and never the name);
* ``anonymised``: the review holds no real names at all; its labels and pseudonyms are public;
* ``to-complete``: the stub ``openness import`` writes; valid only while the review is a draft.

An empty list is an error: it says neither who is in the review nor that nobody is.
"""

from __future__ import annotations

from typing import Any

from redaction.schema import ListOf, Option, ValidationError

ANONYMISED = "anonymised"
TO_COMPLETE = "to-complete"


class People(Option):
    """The people of a review (see the module docstring); each person is validated by ``item``."""

    def __init__(self, item: Option, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.list = ListOf(item)

    def validate(self, value: Any) -> list[Any] | str:
        if isinstance(value, str) and value.strip().lower() in (ANONYMISED, "anonymized"):
            return ANONYMISED
        if isinstance(value, str) and value.strip().lower() == TO_COMPLETE:
            return TO_COMPLETE
        if value == []:
            raise ValidationError(
                f"is an empty list: write 'people: {ANONYMISED}' if the review holds no real names, "
                "or list the subject (name or pseudonym, relation)"
            )
        if not isinstance(value, list):
            raise ValidationError(f"must be a list of people, or '{ANONYMISED}'")
        people = self.list.validate(value)
        for i, person in enumerate(people, 1):
            if not person.get("name") and not person.get("pseudonym"):
                raise ValidationError("needs a name, or a pseudonym when the review arrived anonymised", f"[{i}].name")
        return people
