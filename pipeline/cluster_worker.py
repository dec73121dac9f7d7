"""The worker side of ``--cluster``: one pipeline per worker process, partitions analysed.

Why a module of its own: this is all a Dask worker runs (``newsclaims.cluster`` is the
driver), and it must be importable there without anything of the driver's. The pipeline
is loaded once per worker process and kept (``worker_language``), so a worker pays the
model's load time once however many partitions it analyses; a loader callable (a test's
tiny pipeline) or a model name or path travels to the worker, never the pipeline itself.
A partition is read with the ``Ingestor``'s own code and analysed with ``process()``
exactly as a local run does; what comes back is, per item in input order, the reader's
``Reject`` or the raw record with what the analysis made of it, for the driver to issue
the final ids.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from newsclaims.ingest import FieldMap, Ingestor
from newsclaims.partitions import Partition
from newsclaims.readers import Raw
from newsclaims.records import Article, Reject

if TYPE_CHECKING:
    from spacy.language import Language

    from newsclaims.process import Extraction

ModelSpec = Union[str, Path, Callable[[], "Language"], None]  # noqa: UP007 (a string type)
Outcome = Union["Extraction", str, None]
Entry = Reject | tuple[Raw, Outcome]
Item = Union["Extraction", Article, Reject]

_LANGUAGES: dict[str, Language] = {}
_LOCK = threading.Lock()


def model_key(model: ModelSpec) -> str:
    """Cache key of a model spec: the path or name, or the loader's qualified name."""
    if callable(model):
        name = getattr(model, "__qualname__", None) or f"{type(model).__qualname__}:{model!r}"
        return f"callable:{getattr(model, '__module__', '')}:{name}"
    return f"model:{model}"


def worker_language(model: ModelSpec) -> Language:
    """The pipeline for ``model`` in this process, loaded on first use and kept: one load
    per worker process, however many partitions it analyses."""
    from newsclaims import nlp

    key = model_key(model)
    with _LOCK:
        language = _LANGUAGES.get(key)
        if language is None:
            language = nlp.prepare(model()) if callable(model) else nlp.load(model)
            _LANGUAGES[key] = language
    return language


def warm(model: ModelSpec) -> dict[str, Any]:
    """Load the pipeline on this worker now; its name, version and components."""
    from newsclaims import nlp

    language = worker_language(model)
    return {
        "model": nlp.model_info(language),
        "pipeline": list(language.pipe_names),
        "meta": dict(language.meta),
    }


def _field_names(fields: FieldMap) -> frozenset[str]:
    return frozenset(n for name in FieldMap.names() for n in getattr(fields, name))


@dataclass
class PartitionResult:
    """What a worker made of one partition, entry by entry in input order."""

    index: int
    entries: list[Entry]
    words: int = 0
    seconds: float = 0.0
    worker: str = ""


def analyse_partition(
    partition: Partition, model: ModelSpec, fields: FieldMap, batch_size: int
) -> PartitionResult:
    """Read, validate, parse and extract one partition (a Dask task).

    Validation uses a partition-local ``Ingestor``: its ids are provisional (the driver
    issues the final ones) and a body repeated inside the partition is not analysed twice.
    Raw records travel back with only the fields the ``FieldMap`` names, which are all the
    driver's ``Ingestor`` reads.
    """
    from newsclaims.partitions import read_partition
    from newsclaims.process import Extraction, process

    started = time.perf_counter()
    language = worker_language(model)
    ingestor = Ingestor(fields)
    items = list(read_partition(ingestor, partition))
    records = [item if isinstance(item, Reject) else ingestor._article(item) for item in items]
    names = _field_names(fields)
    entries: list[Entry] = []
    words = 0
    outcomes = process(records, language, batch_size=batch_size)
    for item, record, out in zip(items, records, outcomes, strict=True):
        if isinstance(item, Reject):
            entries.append(item)
            continue
        raw = replace(item, fields={k: v for k, v in item.fields.items() if k in names})
        outcome: Outcome = None
        if isinstance(out, Extraction):
            words += out.article.n_tokens
            outcome = replace(out, article=replace(out.article, text=""))  # text is in raw
        elif isinstance(record, Article) and record.analysed and isinstance(out, Reject):
            outcome = out.reason  # its extraction failed
        entries.append((raw, outcome))
    return PartitionResult(
        partition.index, entries, words, time.perf_counter() - started, _worker_name()
    )


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except (ImportError, ValueError):
        return ""


def analyse_articles(articles: list[Article], model: ModelSpec, batch_size: int) -> list[Item]:
    """``process`` over articles the driver already holds (a Dask task): for articles that
    no partition analysed, such as those a dataset re-analyses from its store."""
    from newsclaims.process import process

    return list(process(articles, worker_language(model), batch_size=batch_size))
