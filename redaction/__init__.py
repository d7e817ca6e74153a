"""Redaction stage: finds and replaces personal data in Markdown sources before publication.

This package never imports MkDocs: it reads Markdown and writes Markdown, so any static site
generator (MkDocs, Zensical, ...) can build the public site from its output.
"""

from __future__ import annotations

ENGINE_VERSION = "1"
