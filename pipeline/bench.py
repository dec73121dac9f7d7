"""Benchmark: end-to-end words per second against raw spaCy on the same texts and model.

Each stage runs in a fresh (forked) child process so that its peak memory is its own and
neither stage profits from the other's warm caches beyond what the OS file cache gives.
"""

from __future__ import annotations

import multiprocessing as mp
import resource
import statistics
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from pathlib import Path
from typing import Any

import spacy

from newsclaims import nlp
from newsclaims.analysis import limit_blas_threads
from newsclaims.bench_clock import StageClock, clock_pipeline, in_run_ratio
from newsclaims.ingest import read_articles
from newsclaims.records import Article


def _articles(path: Path, limit: int) -> list[Article]:
    records = (r for r in read_articles([path]) if isinstance(r, Article) and r.analysed)
    return list(islice(records, limit))


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> float:
    """CPU seconds of this process (not its workers): with one process the stage's whole
    work, steadier than wall time on a shared machine; with more, the main process's share
    (what it takes from the workers on a machine with as many cores as workers)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _raw(
    path: Path, limit: int, model: str | None, batch_size: int, n_process: int
) -> dict[str, Any]:
    """Plain ``nlp.pipe`` over the same texts: the model exactly as ``spacy.load`` gives it
    (none of newsclaims' steps), on the same numpy ops and, with workers, the same BLAS
    threads per worker as the run (``analysis.blas_threads``), so that the ratio measures
    newsclaims' own work and not a thread setting."""
    texts = [a.text for a in _articles(path, limit)]
    nlp.use_numpy_matmul()
    language = spacy.load(nlp.resolve_model(model))
    if n_process > 1:  # spaCy's workers fork from here: the run's BLAS threads per worker
        limit_blas_threads(n_process)
    started, cpu = time.perf_counter(), _cpu_seconds()
    docs = language.pipe(texts, batch_size=batch_size, n_process=n_process)
    words = sum(sum(1 for t in doc if not t.is_space) for doc in docs)
    return {
        "seconds": time.perf_counter() - started,
        "cpu_seconds": _cpu_seconds() - cpu,
        "words": words,
        "articles": len(texts),
        "peak_rss_mib": _peak_mib(),
        "model": nlp.model_info(language)["name"],
    }


def _end_to_end(
    path: Path, limit: int, model: str | None, batch_size: int, n_process: int
) -> dict[str, Any]:
    """The whole run (ingest, NLP with extractors, tables) timed like the raw stage; with one
    process also where its time went (``bench_clock``)."""
    from newsclaims.runner import run

    clock = StageClock()
    with tempfile.TemporaryDirectory() as tmp:
        language = nlp.load(model)
        if n_process == 1:
            clock_pipeline(language, clock)
        _import_table_layer()
        started, cpu = time.perf_counter(), _cpu_seconds()
        stats = run(
            [str(path)],
            Path(tmp),
            language=language,
            batch_size=batch_size,
            limit=limit,
            n_process=n_process,
        )
        seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "words": stats.words,
        "articles": stats.analysed,
        "peak_rss_mib": _peak_mib(),
        "stage_seconds": {name: round(s, 3) for name, s in sorted(clock.seconds.items())},
        "in_run_ratio": in_run_ratio(clock.seconds, seconds) if clock.seconds else None,
    }


def _import_table_layer() -> None:
    """Import what the table layer imports on its first row, before the clock starts.

    pyarrow loads its pandas bridge on the first conversion from Python objects, 0.3-0.4 s
    once per process whatever the size of the dump; the raw stage's imports (spaCy, numpy)
    are not timed either, so both stages time the work on the texts, not start-up.
    """
    import duckdb
    import pyarrow as pa

    pa.array([0])
    duckdb.connect().close()


def _in_child(func: Any, *args: Any) -> dict[str, Any]:
    """Run one stage in a fresh process (not a daemonic pool worker: it may start its own
    workers for ``n_process > 1``). Forked, not spawned: a spawned process makes spaCy's
    workers spawn too, and those lose the floret vectors' strings (E018); the parent has
    loaded no model, so the fork starts as clean as a spawn."""
    with ProcessPoolExecutor(1, mp_context=mp.get_context("fork")) as pool:
        return pool.submit(func, *args).result()


def paired_ratio(raw: list[float], full: list[float]) -> float:
    """The median over the turns of raw seconds / end-to-end seconds of the same turn.

    [20.9, 24.5, 25.1] against [26.8, 27.6, 28.4]: the fastest of each give 0.78, the
    turns 0.78, 0.89, 0.88, and their median 0.88 (see ``benchmark``)."""
    return statistics.median(r / f if f else 0.0 for r, f in zip(raw, full, strict=True))


def _median_of(values: Any) -> float | None:
    """The median of the values that are there (None where no sample had one)."""
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def benchmark(
    path: Path,
    *,
    limit: int = 1000,
    model: str | None = None,
    batch_size: int = 64,
    processes: tuple[int, ...] = (1,),
    repeat: int = 1,
) -> dict[str, Any]:
    """Raw ``nlp.pipe`` vs the whole pipeline (ingest, NLP, extractors, tables), for each
    number of processes: raw with ``n_process=N`` against ``newsclaims run -p N``.

    With ``repeat`` > 1 the two stages alternate (raw, end to end, raw, ...) and each keeps
    its fastest sample, as ``timeit`` does: on a shared or virtual machine one sample of
    either stage can be slowed by a neighbour by a fifth, and alternating keeps a slow
    minute from falling on one stage only. Every sample's seconds are kept in the result.

    ``paired_ratio`` is the median, over the turns, of raw seconds / end-to-end seconds of
    the same turn (the two stages run one after the other). On this kind of machine the
    fastest raw sample can fall in a quiet minute that no end-to-end sample had (samples of
    one stage differ by up to 20%): a pair shares its minute, so the paired median moves
    less with the neighbours than the ratio of the two fastest.

    ``in_run_ratio`` (one process only) needs no raw run at all: the median, over the
    end-to-end samples, of the share of the run spent in the tokenizer and the model's own
    components (``bench_clock``), which share every minute with the rest of the run.
    """
    model = str(nlp.resolve_model(model))
    runs = []
    for n in processes:
        samples: dict[str, list[dict[str, Any]]] = {"raw": [], "full": []}
        for _ in range(max(1, repeat)):
            samples["raw"].append(_in_child(_raw, path, limit, model, batch_size, n))
            samples["full"].append(_in_child(_end_to_end, path, limit, model, batch_size, n))
        raw, full = (min(samples[k], key=lambda r: r["seconds"]) for k in ("raw", "full"))
        for stage, key in ((raw, "raw"), (full, "full")):
            stage["words_per_second"] = raw["words"] / stage["seconds"] if stage["seconds"] else 0
            stage["samples_seconds"] = [round(r["seconds"], 2) for r in samples[key]]
        ratio = raw["seconds"] / full["seconds"] if full["seconds"] else 0.0
        paired = paired_ratio(
            [r["seconds"] for r in samples["raw"]], [r["seconds"] for r in samples["full"]]
        )
        cpu = min(r["cpu_seconds"] for r in samples["raw"]) / max(
            min(r["cpu_seconds"] for r in samples["full"]), 1e-9
        )
        runs.append(
            {
                "processes": n,
                "raw_spacy": raw,
                "end_to_end": full,
                "ratio": ratio,
                "paired_ratio": paired,
                "cpu_ratio": cpu,
                "in_run_ratio": _median_of(r.get("in_run_ratio") for r in samples["full"]),
            }
        )
    return {
        "input": str(path),
        "articles": runs[0]["raw_spacy"]["articles"],
        "words": runs[0]["raw_spacy"]["words"],
        "model": runs[0]["raw_spacy"]["model"],
        "runs": runs,
    }
