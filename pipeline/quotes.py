"""Quotes and attributed statements (spec §3). INTERFACE STUB: to be implemented."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from pipeline.entities import ArticleEntities
from pipeline.records import Article


@dataclass(frozen=True)
class Quote:
    """One direct, partial or indirect statement with its resolved speaker."""

    quote_id: str
    article_id: str
    sentence_idx: int
    start: int
    end: int
    text: str
    kind: str
    speaker: str | None
    speaker_text: str | None
    speaker_entity_id: str | None
    cue: str | None
    resolution: str | None
    date: str | None


def extract_quotes(doc: Doc, article: Article, entities: ArticleEntities) -> list[Quote]:
    """All quotes of one article, in text order, ids ``{article_id}:q{n}``."""
    return []
