"""Numeric claims (spec §2). INTERFACE STUB: to be implemented."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from pipeline.entities import ArticleEntities
from pipeline.quotes import Quote
from pipeline.records import Article


@dataclass(frozen=True)
class Claim:
    """One numeric expression with its bounds, hedge, counted thing and source."""

    claim_id: str
    article_id: str
    sentence_idx: int
    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    cue: str | None
    unit: str | None
    counted: str | None
    category: str
    subject_entity_id: str | None
    source: str | None
    source_entity_id: str | None
    quote_id: str | None
    date: str | None


def extract_claims(
    doc: Doc, article: Article, entities: ArticleEntities, quotes: Sequence[Quote]
) -> list[Claim]:
    """All numeric claims of one article, in text order, ids ``{article_id}:c{n}``."""
    return []
