"""The publication gate: reads what would be published and blocks it if anything personal remains."""
from __future__ import annotations

from site_builder.gate.check import Finding, Report, check_site

__all__ = ["Finding", "Report", "check_site"]
