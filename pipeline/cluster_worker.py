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

Articles the dataset already holds are not parsed again: the driver broadcasts once per
run the bodies of its stored articles that are analysed at this run's analysis version
(``HeldBodies``: 8 bytes of the body's SHA-1 each, about 8 MB per million articles; the
ids a worker sees are provisional, the body is not), and a worker marks such an article
``HELD`` instead of analysing it. This is only a hint: the driver still decides with the
whole (id, text, version) comparison of a local run, and the rare held article it does
need (the same body, now under another id, and not a duplicate) is analysed on demand.
"""

from __future__ import annotations

import hashlib
import threading
import time
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable
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


@dataclass(frozen=True)
class Held:
    """Outcome of an article a worker did not analyse: the dataset holds its body."""


HELD = Held()
Outcome = Union["Extraction", str, Held, None]
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


def body_key(sha1: bytes) -> int:
    """The first 8 bytes of a body's SHA-1, as the number ``HeldBodies`` keeps."""
    return int.from_bytes(sha1[:8], "big")


@dataclass(frozen=True)
class HeldBodies:
    """The bodies of the articles a dataset holds analysed at this run's version, as a
    sorted array of 8-byte keys: compact to broadcast and to keep on every worker. A key
    that collides only makes a worker skip an article the driver then analyses on demand,
    so the tables never depend on it."""

    keys: array[int]

    @classmethod
    def of(cls, sha1_hex: Iterable[str]) -> HeldBodies:
        return cls(array("Q", sorted({body_key(bytes.fromhex(h)) for h in sha1_hex})))

    def __len__(self) -> int:
        return len(self.keys)

    def __contains__(self, text: object) -> bool:
        if not isinstance(text, str) or not self.keys:
            return False
        key = body_key(hashlib.sha1(text.encode("utf-8")).digest())
        at = bisect_left(self.keys, key)
        return at < len(self.keys) and self.keys[at] == key


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
    analysed: int = 0  # articles parsed here
    held: int = 0  # articles not parsed: the dataset holds their body


def analyse_partition(
    partition: Partition,
    model: ModelSpec,
    fields: FieldMap,
    batch_size: int,
    held: HeldBodies | None = None,
) -> PartitionResult:
    """Read, validate, parse and extract one partition (a Dask task).

    Validation uses a partition-local ``Ingestor``: its ids are provisional (the driver
    issues the final ones) and a body repeated inside the partition is not analysed twice.
    An article whose body is ``held`` is not analysed (``HELD``). Raw records travel back
    with only the fields the ``FieldMap`` names, which are all the driver's ``Ingestor``
    reads.
    """
    from newsclaims.partitions import read_partition
    from newsclaims.process import Extraction, process

    started = time.perf_counter()
    ingestor = Ingestor(fields)
    items = list(read_partition(ingestor, partition))
    records = [item if isinstance(item, Reject) else ingestor.article(item) for item in items]
    skip = [
        held is not None and isinstance(r, Article) and r.analysed and r.text in held
        for r in records
    ]
    todo = [r for r, skipped in zip(records, skip, strict=True) if not skipped]
    outcomes = iter(
        process(todo, worker_language(model), batch_size=batch_size)
        if any(isinstance(r, Article) and r.analysed for r in todo)
        else todo  # nothing to parse: the pipeline is not even needed
    )
    names = _field_names(fields)
    result = PartitionResult(partition.index, [], worker=_worker_name())
    for item, record, skipped in zip(items, records, skip, strict=True):
        if isinstance(item, Reject):
            next(outcomes)  # the reject itself, passed through
            result.entries.append(item)
            continue
        raw = replace(item, fields={k: v for k, v in item.fields.items() if k in names})
        outcome: Outcome = None
        if skipped:
            outcome = HELD
            result.held += 1
        else:
            out = next(outcomes)
            if isinstance(out, Extraction):
                result.words += out.article.n_tokens
                result.analysed += 1
                outcome = replace(out, article=replace(out.article, text=""))  # text in raw
            elif isinstance(record, Article) and record.analysed and isinstance(out, Reject):
                outcome = out.reason  # its extraction failed
                result.analysed += 1
        result.entries.append((raw, outcome))
    if next(outcomes, None) is not None:
        raise RuntimeError(f"partition {partition.index}: more outcomes than records")
    result.seconds = time.perf_counter() - started
    return result


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
