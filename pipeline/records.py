"""Typed records that flow between stages (ingest -> NLP -> extractors -> tables).

They live in one small module so that extractors can depend on the shape of an article
without importing the ingest machinery, and tables can depend on every record without
importing the extractors.
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
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    status: str = "ok"
    warnings: tuple[str, ...] = field(default_factory=tuple)
    n_chars: int = 0
    n_sentences: int = 0
    n_tokens: int = 0

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
