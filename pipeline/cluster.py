"""Runs on a Dask cluster, with the tables of a one-process run (issue 13).

Why Dask and why this shape: archives of millions of articles need more than the cores of
one machine, and the users already run Dask (on a laptop, on SLURM through dask-jobqueue,
on Kubernetes through dask-kubernetes); Dask is pure Python and the same API everywhere.
The work is embarrassingly parallel per article except for three corpus-wide rules of
``Ingestor``: article ids made unique across all inputs (``ID~N``), repeated bodies marked
``duplicate_of:ID`` and not analysed, and the order of every record. So the work is split:

* **workers** read their partition of the inputs themselves (``newsclaims.partitions``: a
  file and a range of its items; the driver never sends an article), validate and analyse
  it with ``newsclaims.process.process`` exactly as a local run does, with a
  partition-local ``Ingestor``, and return, per item in order, the reader's ``Reject`` or
  the raw record with what the analysis made of it (an ``Extraction`` of the article under
  its local id, the reason its extraction failed, or nothing when it was not analysed);
  an article whose body the dataset holds, analysed at this run's version, is not parsed
  (``HELD``: the bodies are broadcast once per run, see ``newsclaims.cluster_worker``);
* **the driver** consumes the partitions in input order and passes every raw record
  through its own ``Ingestor`` (the same code and the same state as a local run, so ids,
  duplicates, warnings and rejects come out identical), then stamps the worker's rows with
  the final article id. A record that is a duplicate within its partition is a duplicate
  in the whole run too (its first occurrence is earlier), so a worker never skips an
  article the driver needs; an article a worker analysed that turns out to repeat a body
  of an earlier partition is dropped by the driver.

The result is a drop-in for ``process()``: an iterator of ``Extraction | Article | Reject``
in input order, written by the run loop as locally. The driver keeps a window of partitions
in flight and holds one partition's results at a time. A worker that dies mid-partition
loses only that task: the scheduler runs it again elsewhere, and the driver reads each
partition's result exactly once, in order, so no record is lost or doubled. Each worker
loads the spaCy pipeline once (``newsclaims.cluster_worker``, a per-process cache).

Nothing here is imported by a local run: ``distributed`` is imported only in ``connect``.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsclaims.cluster_worker import (
    Held,
    HeldBodies,
    Item,
    ModelSpec,
    PartitionResult,
    analyse_articles,
    analyse_partition,
    warm,
)
from newsclaims.ingest import FieldMap, Ingestor, find_inputs
from newsclaims.partitions import ANCHOR_EVERY, DEFAULT_PARTITION_SIZE, Partition, index_files, plan
from newsclaims.records import Article, Reject
from newsclaims.rows import global_id, stamp_claim, stamp_quote
from newsclaims.urls import InputPath

if TYPE_CHECKING:
    from distributed import Client, Future

    from newsclaims.process import Extraction

SCHEDULER_ENV_VAR = "DASK_SCHEDULER_ADDRESS"
_HINT_CHUNK = 256  # files per counting task


class ClusterError(RuntimeError):
    """A cluster that cannot be reached or a partition result the driver cannot use."""


# --- connecting ---------------------------------------------------------------------------


def describe(cluster: str) -> str:
    """What ``--cluster`` names, for messages and the manifest."""
    kind, _, arg = cluster.partition(":")
    if kind == "local":
        return f"LocalCluster with {arg or os.cpu_count()} worker processes"
    if cluster == "env":
        return f"scheduler at ${SCHEDULER_ENV_VAR} ({os.environ.get(SCHEDULER_ENV_VAR, 'unset')})"
    return f"scheduler {cluster}"


@contextmanager
def connect(cluster: str) -> Iterator[Client]:
    """A Dask client for ``--cluster``: ``local[:N]`` starts a LocalCluster of N worker
    processes with one thread each (spaCy holds the GIL); ``env`` uses the scheduler at
    ``$DASK_SCHEDULER_ADDRESS``; a ``.json`` file is a scheduler file (``dask scheduler
    --scheduler-file``, dask-jobqueue, dask-mpi); anything else is a scheduler address
    (``tcp://HOST:8786``). The cluster the client starts is stopped on exit."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ClusterError(
            f"--cluster needs Dask ({exc}); install it with: pip install 'newsclaims[cluster]'"
        ) from exc

    kind, _, arg = cluster.partition(":")
    if kind == "local":
        try:
            n_workers = int(arg) if arg else os.cpu_count() or 1
        except ValueError:
            raise ClusterError(f"--cluster {cluster!r}: use local:N with N a number") from None
        if n_workers < 1:
            raise ClusterError(f"--cluster {cluster!r}: N must be at least 1")
        import dask

        with (
            dask.config.set(QUIET_CLUSTER),
            LocalCluster(
                n_workers=n_workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
            ) as local,
            Client(local) as client,
        ):
            yield client
        return
    if cluster == "env":
        address = os.environ.get(SCHEDULER_ENV_VAR)
        if not address:
            raise ClusterError(f"--cluster env: ${SCHEDULER_ENV_VAR} is not set")
        cluster = address
    try:
        if cluster.endswith(".json") and Path(cluster).is_file():
            client = Client(scheduler_file=cluster, timeout="30s")
        else:
            client = Client(cluster, timeout="30s")
    except OSError as exc:
        raise ClusterError(f"cannot reach the Dask scheduler {cluster}: {exc}") from exc
    with client:
        yield client


# --- on the driver ------------------------------------------------------------------------


def restamp(ex: Extraction, article: Article) -> Extraction:
    """The worker's rows of an article under its final id (``newsclaims.rows`` stamps them
    again from their local ids), with the counts the worker found."""
    from newsclaims.process import Extraction

    counted = replace(article, n_sentences=ex.article.n_sentences, n_tokens=ex.article.n_tokens)
    old, new = ex.article.article_id, article.article_id
    if old == new and ex.article.date == article.date:
        return Extraction(counted, ex.sentences, ex.entities, ex.quotes, ex.claims)
    prefix = global_id(old, "") or ""

    def local(stamped: str | None) -> str | None:
        if stamped is None:
            return None
        if not stamped.startswith(prefix):
            raise ClusterError(f"row id {stamped!r} is not of article {old!r}")
        return stamped[len(prefix) :]

    return Extraction(
        counted,
        [replace(s, article_id=new) for s in ex.sentences],
        ex.entities,
        [stamp_quote(replace(q, quote_id=local(q.quote_id) or ""), article) for q in ex.quotes],
        [
            stamp_claim(
                replace(c, claim_id=local(c.claim_id) or "", quote_id=local(c.quote_id)), article
            )
            for c in ex.claims
        ],
    )


# Dask's housekeeping, made rarer for the LocalCluster this module starts (the workers get
# it from their nanny); an existing cluster keeps its own settings (README). Idle for 20 s,
# with the defaults each of 2 workers used 0.5-0.6 s of CPU and the driver 0.7 s; with these
# 0.05 s and 0.13 s, mostly the workers' profiler sampling the task's deep spaCy stack
# every 10 ms (the driver's CPU on 1,000 NOS articles: 6.0-8.6 s before, 5.1-6.2 s after;
# words/s did not rise beyond noise). The dashboard stays, without its profile tab.
# The nanny's MALLOC_TRIM_THRESHOLD_=65536 turned off glibc's adaptive mmap threshold, so
# every temporary array of the model's layers was mapped and unmapped again: on 500 NOS
# articles the two workers took 2.4 million minor page faults and 4.9 s of system CPU
# (32.6 s in all) against 65,000-71,000 and 0.7-1.0 s (28.0-28.3 s) without it, and ran
# 10,585 words/s against 12,129-12,192.
QUIET_CLUSTER = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.scheduler.work-stealing-interval": "1s",
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,  # glibc's default
    # a local scheduler's debug log of task transitions lives in the driver (issue 13)
    "distributed.admin.low-level-log-length": 100,
}
PARTITIONS_PER_THREAD = 16  # for a small input (see auto_size)
AUTO_PARTITION_MAX = 32  # articles: the driver holds a partition's rows (see auto_size)


def auto_size(
    hints: list[int | None], threads: int, limit: int | None = None, *, seekable: bool = True
) -> int:
    """Items per partition when none is asked for: about ``PARTITIONS_PER_THREAD``
    partitions per worker thread for a small input, never more than ``AUTO_PARTITION_MAX``
    and never below 20. Not ``seekable`` (a large file that every partition reads from its
    start, such as a ``.jsonl.gz``): at most ``DEFAULT_PARTITION_SIZE``, so that the
    records read and dropped stay few next to the ones analysed.

    Why that many: a worker that has finished its last partition waits for the others, on
    average half a partition. On 1,000 NOS articles with 2 workers, in three alternating
    turns, 32 articles a partition ran 10,132, 10,625 and 10,788 words/s, 125 (four a
    thread) 10,027, 10,018 and 9,562, and ``--processes 2`` (which hands out batches of
    64) 12,190, 12,347 and 12,688.

    Why no more for a large input: the driver receives a whole partition's rows at once,
    so its memory grew with the partition, and the partition with the input. Driver peak
    while analysing 5,000 NOS articles: 336 MiB with 157 articles a partition, 291 MiB with
    32 (about what 1,000 articles reach), at 9,870 words/s against 8,775 and 10,376 with
    157. A million articles make 31,250 tasks; the driver keeps only a few in flight."""
    total = sum(h if h is not None else DEFAULT_PARTITION_SIZE for h in hints)
    if limit is not None:
        total = min(total, limit)
    per_partition = -(-total // (PARTITIONS_PER_THREAD * max(threads, 1)))
    most = AUTO_PARTITION_MAX if seekable else DEFAULT_PARTITION_SIZE
    return max(20, min(most, per_partition))


def finish(article: Article, outcome: Extraction | str) -> Item:
    """What the local run yields for an analysed article, from the worker's outcome."""
    if isinstance(outcome, str):  # its extraction failed on the worker
        return Reject(article.source, article.record, outcome, article.article_id)
    return restamp(outcome, article)


@dataclass
class ClusterAnalysis:
    """Ingest, parse and extract on a Dask cluster; ``process`` is the drop-in for
    ``newsclaims.process.process`` over ``Ingestor.read`` of the same inputs."""

    client: Client
    model: ModelSpec = None
    fields: FieldMap = field(default_factory=FieldMap)
    batch_size: int = 64
    partition_size: int | None = None  # None: auto_size
    window: int | None = None
    keep: int = 1024
    on_partition: Callable[[int, int], None] | None = None  # (done, total), for a progress bar
    info: dict[str, Any] = field(default_factory=dict)
    size: int = 0
    partitions: int = 0
    done: int = 0
    analysed: int = 0  # articles parsed in partitions this run
    held: int = 0  # articles the workers did not parse: the dataset holds their body
    on_demand: int = 0  # articles analysed one at a time (not from a partition)
    _outcomes: dict[int, tuple[Article, Extraction | str]] = field(default_factory=dict, repr=False)
    _held: Future | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if isinstance(self.model, Path) or (
            isinstance(self.model, str) and Path(self.model).exists()
        ):
            self.model = str(Path(self.model).resolve())  # workers may start elsewhere
        elif self.model is None and os.environ.get("NEWSCLAIMS_MODEL"):
            self.model = os.environ["NEWSCLAIMS_MODEL"]

    def load(self, timeout: float = 600) -> dict[str, Any]:
        """Load the pipeline on every worker there is now (later workers load it with their
        first partition); the model name, version and components, for the manifest."""
        workers = list(self.client.scheduler_info()["workers"])
        run = os.urandom(4).hex()
        futures = [
            self.client.submit(
                warm, self.model, workers=[w], pure=False, key=f"newsclaims-warm-{w}-{run}"
            )
            for w in workers
        ]
        infos = self.client.gather(futures) if futures else []
        if not infos:  # no worker yet (a job queue): load on the first that comes
            infos = [self.client.submit(warm, self.model, pure=False).result(timeout)]
        self.info = infos[0]
        return self.info

    def describe(self) -> dict[str, Any]:
        """Where the run was analysed, for the manifest."""
        workers = self.client.scheduler_info().get("workers", {})
        return {
            "scheduler": str(self.client.scheduler.address) if self.client.scheduler else "",
            "workers": len(workers),
            "threads": self._threads(),
            "partitions": self.partitions,
            "partition_size": self.size,
        }

    def _threads(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def plan(self, files: list[InputPath], limit: int | None = None) -> list[Partition]:
        """Partitions over the files; the files are counted (and plain JSON Lines indexed
        for seeking) where they are read, on the workers."""
        paths = [str(p) for p in files]
        chunks = [paths[i : i + _HINT_CHUNK] for i in range(0, len(paths), _HINT_CHUNK)]
        futures = [self.client.submit(index_files, c, pure=False, priority=10) for c in chunks]
        indexed = [index for f in futures for index in f.result()]
        counts = [index.count for index in indexed]
        seekable = all(ix.anchors or (ix.count or 0) <= ANCHOR_EVERY for ix in indexed)
        self.size = self.partition_size or auto_size(
            counts, self._threads(), limit, seekable=seekable
        )
        return list(plan(indexed, self.size, limit))

    def records(
        self,
        inputs: Iterable[str | Path],
        exclude: Iterable[Path] = (),
        *,
        ingestor: Ingestor | None = None,
        limit: int | None = None,
        on_partition: Callable[[int, int], None] | None = None,
        held: Iterable[str] = (),
    ) -> Iterator[Article | Reject]:
        """Every record of the inputs as ``ingestor.read(inputs, exclude)`` yields it (the
        first ``limit``), read and analysed by the workers; ``analyse`` then yields what
        ``process`` would have made of them. A record's raw fields go through the driver's
        ``Ingestor``, so ids, duplicates, warnings and rejects are the local run's.
        ``held``: text SHA-1s (hex) of the bodies the dataset holds analysed at this run's
        version; the workers do not parse them (a consumer that needs one after all gets
        it analysed on demand by ``analyse``)."""
        found = find_inputs(inputs, exclude)
        ingestor = ingestor if ingestor is not None else Ingestor(self.fields)
        on_partition = on_partition or self.on_partition
        self.analysed = self.held = self.on_demand = 0
        bodies = HeldBodies.of(held)
        self._held = (
            self.client.scatter(bodies, broadcast=True, hash=False) if len(bodies) else None
        )
        yielded = 0
        for problem in found.problems:
            if limit is not None and yielded >= limit:
                return
            yielded += 1
            yield problem
        rest = None if limit is None else limit - yielded
        parts = self.plan(found.files, rest)
        self.partitions, self.done = len(parts), 0
        if on_partition is not None:
            on_partition(0, self.partitions)
        for result in self._results(parts):
            for entry in result.entries:
                if limit is not None and yielded >= limit:
                    return
                yielded += 1
                if isinstance(entry, Reject):
                    yield entry
                    continue
                raw, outcome = entry
                record = ingestor.article(raw)
                held_here = isinstance(outcome, Held)  # not parsed: analyse() may ask again
                if isinstance(record, Article) and record.analysed and not held_here:
                    if outcome is None:
                        raise ClusterError(
                            f"{record.source} {record.record}: no partition analysed this "
                            "article, the first with its body (results out of order?)"
                        )
                    self._keep(record, outcome)
                yield record  # a duplicate here that a worker analysed: its rows are dropped
            self.done += 1
            self.analysed += result.analysed
            self.held += result.held
            if on_partition is not None:
                on_partition(self.done, self.partitions)

    def _keep(self, article: Article, outcome: Extraction | str) -> None:
        """Remember an article's outcome until ``analyse`` asks for it; the oldest are
        forgotten (a consumer that skips articles, such as a dataset that holds them
        already, never asks), so memory stays bounded."""
        self._outcomes[id(article)] = (article, outcome)
        while len(self._outcomes) > max(self.keep, 1):
            del self._outcomes[next(iter(self._outcomes))]

    def analyse(self, records: Iterable[Article | Reject]) -> Iterator[Item]:
        """The drop-in for ``process(records, language)`` over records from ``records``:
        the workers' outcomes, stamped with the final ids. An article whose outcome is
        not at hand (not from ``records``, or read too far ahead) is analysed on a worker
        now, one at a time."""
        for record in records:
            if isinstance(record, Reject) or not record.analysed:
                yield record
                continue
            kept = self._outcomes.pop(id(record), None)
            if kept is not None and kept[0] is record:
                yield finish(record, kept[1])
                continue
            self.on_demand += 1
            future = self.client.submit(
                analyse_articles, [record], self.model, self.batch_size, pure=False
            )
            yield from future.result()

    def process(
        self,
        inputs: Iterable[str | Path],
        exclude: Iterable[Path] = (),
        *,
        ingestor: Ingestor | None = None,
        limit: int | None = None,
        on_partition: Callable[[int, int], None] | None = None,
    ) -> Iterator[Item]:
        """``process(Ingestor.read(inputs, exclude))`` of a local run, on the cluster."""
        yield from self.analyse(
            self.records(inputs, exclude, ingestor=ingestor, limit=limit, on_partition=on_partition)
        )

    def _results(self, parts: list[Partition]) -> Iterator[PartitionResult]:
        """Partition results in order, a window of them in flight; the futures still
        pending when the consumer stops are cancelled."""
        window = self.window or 2 * self._threads() + 1
        todo = iter(parts)
        pending: deque[Future] = deque()

        def fill() -> None:
            while len(pending) < window:
                part = next(todo, None)
                if part is None:
                    return
                pending.append(
                    self.client.submit(
                        analyse_partition,
                        part,
                        self.model,
                        self.fields,
                        self.batch_size,
                        self._held,
                        pure=False,
                        key=f"newsclaims-partition-{part.index}-{os.urandom(4).hex()}",
                    )
                )

        try:
            fill()
            while pending:
                future = pending.popleft()
                result: PartitionResult = future.result()
                future.release()
                fill()
                yield result
        finally:
            for future in pending:
                future.cancel()
            self._held = None  # the broadcast bodies are released with the last reference


@contextmanager
def cluster_analysis(
    cluster: str | Client,
    *,
    model: ModelSpec = None,
    fields: FieldMap | None = None,
    batch_size: int = 64,
    partition_size: int | None = None,
) -> Iterator[ClusterAnalysis]:
    """A ``ClusterAnalysis`` on ``--cluster`` (or on a client the caller holds), with the
    pipeline loaded on every worker: what a run needs before its first record."""
    if isinstance(cluster, str):
        with (
            connect(cluster) as client,
            cluster_analysis(
                client,
                model=model,
                fields=fields,
                batch_size=batch_size,
                partition_size=partition_size,
            ) as analysis,
        ):
            yield analysis
        return
    analysis = ClusterAnalysis(cluster, model, fields or FieldMap(), batch_size, partition_size)
    analysis.load()
    yield analysis


def cluster_process(
    inputs: Iterable[str | Path],
    client: Client,
    *,
    model: ModelSpec = None,
    fields: FieldMap | None = None,
    exclude: Iterable[Path] = (),
    batch_size: int = 64,
    partition_size: int | None = None,
    limit: int | None = None,
    on_partition: Callable[[int, int], None] | None = None,
) -> Iterator[Item]:
    """``process(Ingestor(fields).read(inputs, exclude), ...)`` computed on ``client``."""
    analysis = ClusterAnalysis(client, model, fields or FieldMap(), batch_size, partition_size)
    yield from analysis.process(inputs, exclude, limit=limit, on_partition=on_partition)
