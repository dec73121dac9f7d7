"""The run: ingest -> Dutch NLP -> extractors -> tables, streamed article by article.

Rejects and duplicates travel through ``nlp.pipe`` as empty texts alongside the real
articles, so every record comes out in input order whatever the batch size or number of
processes: output is deterministic for the same input and model.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from newsclaims import nlp
from newsclaims.claims import extract_claims
from newsclaims.entities import AliasTable, ArticleEntities, extract_entities
from newsclaims.quotes import extract_quotes
from newsclaims.records import Article, Claim, Mention, Quote, Reject, Sentence
from newsclaims.rows import stamp_claim, stamp_mention, stamp_quote


@dataclass(frozen=True)
class Extraction:
    """Everything found in one analysed article."""

    article: Article
    sentences: list[Sentence]
    entities: ArticleEntities
    quotes: list[Quote]
    claims: list[Claim]

    @property
    def mentions(self) -> list[Mention]:
        return [stamp_mention(m, self.article) for m in self.entities.mentions]


def analyse(doc: Doc, article: Article, aliases: AliasTable | None = None) -> Extraction:
    """Run every extractor over one parsed article; pure, so it is easy to test."""
    sentences = (
        [Sentence(article.article_id, i, s.start_char, s.end_char) for i, s in enumerate(doc.sents)]
        if doc.has_annotation("SENT_START")
        else [Sentence(article.article_id, 0, 0, len(doc.text))]
    )
    entities = extract_entities(doc, aliases)
    quotes = extract_quotes(doc, entities)
    claims = extract_claims(doc, entities, quotes)
    counted = replace(
        article,
        n_sentences=len(sentences),
        n_tokens=sum(1 for t in doc if not t.is_space),
    )
    return Extraction(
        counted,
        sentences,
        entities,
        [stamp_quote(q, article) for q in quotes],
        [stamp_claim(c, article) for c in claims],
    )


def _stream(
    records: Iterable[Article | Reject],
) -> Iterator[tuple[str, Article | Reject]]:
    for record in records:
        text = record.text if isinstance(record, Article) and record.analysed else ""
        yield text, record


def process(
    records: Iterable[Article | Reject],
    language: Language,
    *,
    n_process: int = 1,
    batch_size: int = 64,
    aliases: AliasTable | None = None,
) -> Iterator[Extraction | Article | Reject]:
    """Parse and extract, in input order: an ``Extraction`` per analysed article, the
    duplicate ``Article`` as is, and a ``Reject`` for bad records and failed extractions."""
    for doc, record in nlp.pipe(
        language, _stream(records), batch_size=batch_size, n_process=n_process
    ):
        if isinstance(record, Reject) or not record.analysed:
            yield record
            continue
        try:
            yield analyse(doc, record, aliases)
        except Exception as exc:  # one bad article must not stop a run of millions
            where = traceback.extract_tb(exc.__traceback__)[-1]
            yield Reject(
                record.source,
                record.record,
                f"extraction failed: {type(exc).__name__}: {exc} "
                f"(at {Path(where.filename).name}:{where.lineno})",
                record.article_id,
            )
