"""Plain text rules shared by the recognisers, the redactor and the gate: regular expressions and
small functions that import neither Presidio nor spaCy.

The recognisers in ``redaction.recognizers`` import these, never the other way round, so a build
with nothing to analyse (every document cached) runs the redactor's and the gate's rules without
loading an NLP engine.
"""
