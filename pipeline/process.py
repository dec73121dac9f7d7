"""The run: ingest -> Dutch NLP -> extractors -> tables, streamed article by article.

Rejects and duplicates travel through ``nlp.pipe`` as empty texts alongside the real
articles, so every record comes out in input order whatever the batch size or number of
processes: output is deterministic for the same input and model.
"""

from __future__ import annotations

import hashlib
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsclaims import __version__, nlp
from newsclaims.claims import extract_claims
from newsclaims.entities import AliasTable, ArticleEntities, Catalog, extract_entities
from newsclaims.ingest import FieldMap, Ingestor, expand_inputs
from newsclaims.quotes import extract_quotes
from newsclaims.records import Article, Claim, Mention, Quote, Reject, Sentence
from newsclaims.rows import stamp_claim, stamp_mention, stamp_quote
from newsclaims.tables import OutputSet


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


@dataclass
class RunStats:
    """Counts and timings for the manifest and the command line summary."""

    records: int = 0
    articles: int = 0
    analysed: int = 0
    duplicates: int = 0
    rejects: int = 0
    words: int = 0
    seconds: float = 0.0
    warnings: int = 0
    tables: dict[str, int] = field(default_factory=dict)

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


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


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run(
    inputs: list[str],
    out_dir: Path,
    *,
    model: str | None = None,
    n_process: int = 1,
    batch_size: int = 64,
    fields: FieldMap | None = None,
    limit: int | None = None,
    on_record: Callable[[RunStats], None] | None = None,
    language: Language | None = None,
) -> RunStats:
    """Process inputs into ``out_dir``; tables appear only when the whole run succeeded."""
    loading = time.perf_counter()
    language = language if language is not None else nlp.load(model)
    started = time.perf_counter()
    load_seconds = started - loading
    ingestor = Ingestor(fields or FieldMap())
    records: Iterable[Article | Reject] = ingestor.read(inputs)
    if limit is not None:
        records = (r for i, r in enumerate(records) if i < limit)
    stats = RunStats()
    catalog = Catalog()
    outputs = OutputSet(out_dir)
    try:
        for item in process(records, language, n_process=n_process, batch_size=batch_size):
            stats.records += 1
            if isinstance(item, Reject):
                stats.rejects += 1
                outputs["rejects"].write(item)
            elif isinstance(item, Article):
                stats.articles += 1
                stats.duplicates += 1
                stats.warnings += len(item.warnings)
                outputs["articles"].write(item)
            else:
                _write_extraction(outputs, catalog, item, stats)
            if on_record is not None:
                on_record(stats)
        outputs["entities"].write_all(catalog.rows())
        stats.seconds = time.perf_counter() - started
        stats.tables = outputs.counts()
        manifest = _manifest(inputs, language, stats, n_process, batch_size)
        manifest["timings"]["model_load_seconds"] = round(load_seconds, 3)
        outputs.close(manifest)
    except BaseException:
        outputs.abort()
        raise
    return stats


def _write_extraction(
    outputs: OutputSet, catalog: Catalog, ex: Extraction, stats: RunStats
) -> None:
    stats.articles += 1
    stats.analysed += 1
    stats.warnings += len(ex.article.warnings)
    stats.words += ex.article.n_tokens
    outputs["articles"].write(ex.article)
    outputs["sentences"].write_all(ex.sentences)
    outputs["mentions"].write_all(ex.mentions)
    outputs["quotes"].write_all(ex.quotes)
    outputs["claims"].write_all(ex.claims)
    catalog.add(ex.entities, ex.article.date)


def _manifest(
    inputs: list[str], language: Language, stats: RunStats, n_process: int, batch_size: int
) -> dict[str, Any]:
    files, _ = expand_inputs(inputs)
    return {
        "tool": {"name": "newsclaims", "version": __version__},
        "model": nlp.model_info(language),
        "pipeline": language.pipe_names,
        "created_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "settings": {"processes": n_process, "batch_size": batch_size},
        "inputs": [
            {"path": str(p), "bytes": p.stat().st_size, "sha256": file_sha256(p)} for p in files
        ],
        "counts": {
            "records": stats.records,
            "articles": stats.articles,
            "analysed": stats.analysed,
            "duplicates": stats.duplicates,
            "rejects": stats.rejects,
            "warnings": stats.warnings,
            "tables": stats.tables,
        },
        "timings": {
            "seconds": round(stats.seconds, 3),
            "words": stats.words,
            "words_per_second": round(stats.words_per_second, 1),
        },
    }
