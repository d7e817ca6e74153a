"""Practice reviews: publication rules, catalogue pages, feeds and the ``openness status`` report.

- :mod:`.rules`: working days, the seven-working-day rule, withheld and retention rules;
- :mod:`.vocab`: the themes and the pre-publication checklist, kept as data;
- :mod:`.catalogue`: review pages, learning briefings, the catalogue, its filters and archive;
- :mod:`.feeds`: the Atom feed of publications and the iCalendar feed of board meetings;
- :mod:`.status`: the per-review status report.
"""
