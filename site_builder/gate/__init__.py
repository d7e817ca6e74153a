"""The publication gate: reads what would be published and blocks it if anything personal remains."""

from __future__ import annotations

from site_builder.gate.check import check_site
from site_builder.gate.config import GateConfig, load_gate_config
from site_builder.gate.report import Finding, Report, mask

__all__ = ["Finding", "GateConfig", "Report", "check_site", "load_gate_config", "mask"]
