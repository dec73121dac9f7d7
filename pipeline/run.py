"""The run: inputs -> ingest -> ``process`` (NLP and extractors) -> tables in ``--out``.

This is the library form of ``newsclaims run``: the CLI parses options and calls ``run``;
``run`` owns the output folder and the manifest, ``newsclaims.process`` owns the analysis.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from spacy.language import Language

from newsclaims import __version__, nlp
from newsclaims.entities import Catalog
from newsclaims.ingest import FieldMap, Ingestor, expand_inputs
from newsclaims.process import Extraction, process
from newsclaims.records import Article, Reject
from newsclaims.tables import OutputSet


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
