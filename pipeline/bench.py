"""Benchmark: end-to-end words per second against raw spaCy on the same texts and model.

Each stage runs in a fresh child process so that its peak memory is its own and neither
stage profits from the other's warm caches beyond what the OS file cache gives.
"""

from __future__ import annotations

import multiprocessing as mp
import resource
import tempfile
import time
from itertools import islice
from pathlib import Path
from typing import Any

from newsclaims import nlp
from newsclaims.ingest import read_articles
from newsclaims.records import Article


def _articles(path: Path, limit: int) -> list[Article]:
    records = (r for r in read_articles([path]) if isinstance(r, Article) and r.analysed)
    return list(islice(records, limit))


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _raw(path: Path, limit: int, model: str | None, batch_size: int) -> dict[str, Any]:
    texts = [a.text for a in _articles(path, limit)]
    language = nlp.load(model)
    started = time.perf_counter()
    words = sum(
        sum(1 for t in doc if not t.is_space) for doc in language.pipe(texts, batch_size=batch_size)
    )
    return {
        "seconds": time.perf_counter() - started,
        "words": words,
        "articles": len(texts),
        "peak_rss_mib": _peak_mib(),
        "model": nlp.model_info(language)["name"],
    }


def _end_to_end(path: Path, limit: int, model: str | None, batch_size: int) -> dict[str, Any]:
    from newsclaims.run import run

    with tempfile.TemporaryDirectory() as tmp:
        language = nlp.load(model)
        started = time.perf_counter()
        stats = run([str(path)], Path(tmp), language=language, batch_size=batch_size, limit=limit)
        seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "words": stats.words,
        "articles": stats.analysed,
        "peak_rss_mib": _peak_mib(),
    }


def _in_child(func: Any, *args: Any) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    with ctx.Pool(1) as pool:
        return pool.apply(func, args)


def benchmark(
    path: Path, *, limit: int = 1000, model: str | None = None, batch_size: int = 64
) -> dict[str, Any]:
    """Raw ``nlp.pipe`` vs the whole pipeline (ingest, NLP, extractors, tables)."""
    model = str(nlp.resolve_model(model))
    raw = _in_child(_raw, path, limit, model, batch_size)
    full = _in_child(_end_to_end, path, limit, model, batch_size)
    words = raw["words"]
    for stage in (raw, full):
        stage["words_per_second"] = words / stage["seconds"] if stage["seconds"] else 0.0
    return {
        "input": str(path),
        "articles": raw["articles"],
        "words": words,
        "model": raw["model"],
        "raw_spacy": raw,
        "end_to_end": full,
        "ratio": raw["seconds"] / full["seconds"] if full["seconds"] else 0.0,
    }
