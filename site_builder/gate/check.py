"""Scan every output file for registered identities and unstamped source pages (first version)."""
from __future__ import annotations

import html
import json
import logging
import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from redaction.register import Register, fold_keep_length
from site_builder.project import Project

log = logging.getLogger(__name__)
STAMP = re.compile(r'<meta name="openness-redaction" content="([^"]*)"')


@dataclass
class Finding:
    file: str
    kind: str
    masked: str


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)

    @property
    def blocked(self) -> bool:
        return bool(self.findings)


def mask(text: str) -> str:
    return " ".join(w[0] + "*" * (len(w) - 1) for w in text.split())


def normalise(text: str) -> str:
    for _ in range(2):
        text = html.unescape(text)
        text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
        text = urllib.parse.unquote(text)
    return text


def check_site(project: Project, site_dir: Path, register: Register) -> Report:
    report = Report()
    manifest_path = project.work / "manifest.json"
    stamps = set(json.loads(manifest_path.read_text())).__class__() if False else set()
    if manifest_path.is_file():
        stamps = set(json.loads(manifest_path.read_text(encoding="utf-8")).values())
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        for s, e, _ in register.find(normalise(rel)):
            report.findings.append(Finding(rel, "identity in file name", mask(rel[s:e])))
        if path.suffix in {".png", ".jpg", ".ico", ".woff", ".woff2", ".gz", ".svg"}:
            continue
        text = normalise(path.read_text(encoding="utf-8", errors="ignore"))
        plain = re.sub(r"<[^>]+>", "", text)
        for s, e, ident in register.find(plain):
            if e - s < 3:
                continue
            report.findings.append(Finding(rel, "registered identity", mask(plain[s:e])))
        top = rel.split("/", 1)[0]
        if path.suffix == ".html" and top in ("minutes", "reviews") and not rel.endswith(f"{top}/index.html"):
            m = STAMP.search(text)
            if not m or m.group(1) not in stamps:
                if "/index.html" != rel[-11:] or rel.count("/") > 3:
                    report.findings.append(Finding(rel, "page without a valid redaction stamp", ""))
    _ = fold_keep_length
    return report
