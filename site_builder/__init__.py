"""Builds the public site: stages redacted Markdown, runs the static site generator, checks, publishes."""

from __future__ import annotations
