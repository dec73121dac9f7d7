"""Shared fixtures: a tiny spaCy pipeline built in the test, and the ../shared folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Span

from newsclaims import nlp
from newsclaims.entities import ArticleEntities, extract_entities

ROOT = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    """``../shared`` (or $SHARED_DIR); under CI its absence is an error, elsewhere a skip."""
    path = Path(os.environ.get("SHARED_DIR", ROOT.parent / "shared"))
    if not path.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"shared data folder {path} is missing; CI needs ../shared beside the repo")
        pytest.skip(f"shared data folder {path} not found (set SHARED_DIR)")
    return path


@pytest.fixture
def shared() -> Path:
    return shared_dir()


def build_tiny_nlp(patterns: list[dict] | None = None) -> Language:
    """A blank Dutch pipeline with a sentencizer and an entity_ruler, labels mapped.

    The ruler can emit nl_core_news_sm's labels (PERSON, GPE, NORP, ...) to test that both
    kinds of model go through the same label mapping.
    """
    language = spacy.blank("nl")
    language.add_pipe("sentencizer")
    ruler = language.add_pipe("entity_ruler")
    ruler.add_patterns(
        patterns
        or [
            {"label": "PER", "pattern": "Eric Wiebes"},
            {"label": "PER", "pattern": "Wiebes"},
            {"label": "ORG", "pattern": "Greenpeace"},
            {"label": "LOC", "pattern": "Nederland"},
            {"label": "LOC", "pattern": "Zeeland"},
        ]
    )
    return nlp.prepare(language)


def entities_with_ents(text: str, ents: list[tuple[int, int, str]]) -> ArticleEntities:
    """The entities of ``text`` (the tiny pipeline) with the NER's spans set by hand, as
    token offsets and labels: the extractor's rules without a model's guesses."""
    doc = build_tiny_nlp([{"label": "MISC", "pattern": "niemand"}])(text)
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
    return extract_entities(doc)


@pytest.fixture
def tiny_nlp() -> Language:
    return build_tiny_nlp()


@pytest.fixture(scope="session")
def bundled_nlp() -> Language:
    """The real bundled model; tests using it skip when it has not been built."""
    if not (nlp.BUNDLED_MODEL / "meta.json").exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"bundled model missing at {nlp.BUNDLED_MODEL}; it must be committed")
        pytest.skip("bundled model not present")
    return nlp.load()
