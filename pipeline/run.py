"""The run: inputs -> ingest -> ``process`` (NLP and extractors) -> tables in ``--out``.

This is the library form of ``newsclaims run``: the CLI parses options and calls ``run``;
``run`` owns the output folder and the manifest, ``newsclaims.process`` owns the analysis.
The output folder is locked before the model loads (a second run is refused at once), and
SIGINT/SIGTERM are turned into exceptions so that the staged tables are always removed.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from spacy.language import Language

from newsclaims import __version__, nlp
from newsclaims.entities import Catalog
from newsclaims.ingest import FieldMap, Ingestor, find_inputs
from newsclaims.outdir import handle_signals
from newsclaims.process import Extraction, process
from newsclaims.records import Article, Reject
from newsclaims.tables import OutputSet

_REASON_KIND = re.compile(r"[:(;]| at | in | after ")


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
    reject_reasons: Counter[str] = field(default_factory=Counter)

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def count_reject(self, reject: Reject) -> None:
        self.rejects += 1
        self.reject_reasons[reason_kind(reject.reason)] += 1


def reason_kind(reason: str) -> str:
    """The kind of a reject reason without its details ("malformed JSON: ..." -> "malformed
    JSON"), so that a summary can say why most records were rejected."""
    return _REASON_KIND.split(reason, maxsplit=1)[0].strip() or reason[:60]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def describe_input(path: Path) -> dict[str, Any]:
    """Size and SHA-256 of one input; an unreadable file is listed as such (its records
    are in rejects), never a reason to lose the run."""
    try:
        return {"path": str(path), "bytes": path.stat().st_size, "sha256": file_sha256(path)}
    except OSError as exc:
        return {"path": str(path), "unreadable": exc.strerror or str(exc)}


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
    csv_guard: bool = True,
) -> RunStats:
    """Process inputs into ``out_dir``; tables appear only when the whole run succeeded,
    all of them at once (see ``newsclaims.outdir``). Raises ``OutputLocked`` when another
    run holds ``out_dir``; ``KeyboardInterrupt``/``Terminated`` on SIGINT/SIGTERM, after
    removing the staged tables."""
    with handle_signals():
        outputs = OutputSet(out_dir, csv_guard=csv_guard)
        try:
            stats = _run(
                inputs, outputs, model, n_process, batch_size, fields, limit, on_record, language
            )
        except BaseException:
            outputs.abort()
            raise
    return stats


def _run(
    inputs: list[str],
    outputs: OutputSet,
    model: str | None,
    n_process: int,
    batch_size: int,
    fields: FieldMap | None,
    limit: int | None,
    on_record: Callable[[RunStats], None] | None,
    language: Language | None,
) -> RunStats:
    loading = time.perf_counter()
    language = language if language is not None else nlp.load(model)
    started = time.perf_counter()
    load_seconds = started - loading
    exclude = [outputs.out_dir]
    ingestor = Ingestor(fields or FieldMap())
    records: Iterable[Article | Reject] = ingestor.read(inputs, exclude=exclude)
    if limit is not None:
        records = (r for i, r in enumerate(records) if i < limit)
    stats = RunStats()
    catalog = Catalog()
    for item in process(records, language, n_process=n_process, batch_size=batch_size):
        stats.records += 1
        if isinstance(item, Reject):
            stats.count_reject(item)
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
    manifest = _manifest(inputs, exclude, language, stats, n_process, batch_size)
    manifest["settings"]["csv_guard"] = outputs.csv_guard
    manifest["timings"]["model_load_seconds"] = round(load_seconds, 3)
    outputs.close(manifest)
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
    inputs: list[str],
    exclude: list[Path],
    language: Language,
    stats: RunStats,
    n_process: int,
    batch_size: int,
) -> dict[str, Any]:
    found = find_inputs(inputs, exclude)
    return {
        "tool": {"name": "newsclaims", "version": __version__},
        "model": nlp.model_info(language),
        "pipeline": language.pipe_names,
        "created_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "settings": {"processes": n_process, "batch_size": batch_size},
        "inputs": [describe_input(p) for p in found.files],
        "skipped_inputs": found.skipped,
        "counts": {
            "records": stats.records,
            "articles": stats.articles,
            "analysed": stats.analysed,
            "duplicates": stats.duplicates,
            "rejects": stats.rejects,
            "reject_reasons": dict(stats.reject_reasons.most_common()),
            "warnings": stats.warnings,
            "tables": stats.tables,
        },
        "timings": {
            "seconds": round(stats.seconds, 3),
            "words": stats.words,
            "words_per_second": round(stats.words_per_second, 1),
        },
    }
