"""Typed records that flow between stages (ingest -> NLP -> extractors -> tables).

They live in one small module, free of spaCy, so that extractors can depend on the shape
of an article without importing the ingest machinery, and tables (and any analyst's code)
can use every row type without loading spaCy or the extractors.

Extractors fill the row types with article-local values (``article_id`` empty, ids such as
``q3``); ``newsclaims.rows`` stamps the article id, the date and the global ids where the
records become rows, so the extractors work on any ``Doc``, with or without an article.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One input article; ``text`` is the NFC body every character offset refers to."""

    article_id: str
    source: str
    record: str
    text: str
    date: str | None = None
    date_precision: str | None = None
    published_at: str | None = None
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    categories: tuple[str, ...] = field(default_factory=tuple)
    author: str | None = None
    status: str = "ok"
    warnings: tuple[str, ...] = field(default_factory=tuple)
    n_chars: int = 0
    n_sentences: int = 0
    n_tokens: int = 0
    extra: str | None = None

    @property
    def analysed(self) -> bool:
        """Duplicates are listed in the articles table but not run through NLP twice."""
        return self.status == "ok"


@dataclass(frozen=True)
class Sentence:
    """A sentence boundary as the parser saw it; offsets index ``Article.text``."""

    article_id: str
    sentence_idx: int
    start: int
    end: int


@dataclass(frozen=True)
class Reject:
    """An input record that could not become an article, and why."""

    source: str
    record: str
    reason: str
    article_id: str | None = None


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity in an article; offsets index ``Article.text``."""

    mention_id: str
    article_id: str
    entity_id: str
    entity_name: str
    sentence_idx: int
    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True)
class CatalogEntity:
    """One row of the corpus-wide entity catalog."""

    entity_id: str
    name: str
    label: str
    aliases: tuple[str, ...]
    n_mentions: int
    n_articles: int
    first_date: str | None
    last_date: str | None


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
