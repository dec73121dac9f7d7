"""The analysis of texts: texts in, one ``Analysis`` per text out, in this process or,
for ``--processes N``, in worker processes that each run the whole pipeline (parser and
extractors, in ``nlp.pipe``) over batches of texts and send back the ``Analysis``, not
the ``Doc``.

Why not ``nlp.pipe(n_process=N)``: spaCy's workers send every ``Doc`` back serialised and
the main process rebuilds it (``Doc.from_bytes``: the words it has not seen become new
lexemes, and every msgpack call looks up srsly's codec registry through the installed
packages' entry points), and with ``as_tuples`` the main process also tokenised every
text and pickled its record to the worker and back. On 300 NOS articles with two workers
that was about 3 s of the main process's CPU, CPU the workers need on a machine with as
many cores as workers. The rows of an article need only what an ``Analysis`` holds
(sentence offsets, token count, the extractors' records), a few kilobytes pickled.

Order: batches are submitted in input order and their results read in that order, so the
output does not depend on the number of processes or the batch size. At most two batches
per worker are in flight, so memory is bounded by the batch size, not by the input.

The workers are forked from the main process once the pipeline is loaded (the same
model, no reload; POSIX only, as spaCy's own multiprocessing on Linux). Each worker's BLAS
(numpy's OpenBLAS, which the model's layers run on) gets the cores divided by the number of
workers, not all of them: every worker starting a thread per core made 2 workers run 4
busy threads on 2 cores, and on 300 NOS articles a run with ``-p 2`` took 18.1 s instead of
13.3 s (``blas_threads``; ``threadpoolctl`` does the setting, as in scikit-learn). A worker that
dies (killed, out of memory) ends the run with ``WorkerDied``; the run's transaction is
then rolled back like any failed run, and the dataset stays as it was.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice, pairwise

from spacy.language import Language
from spacy.tokens import Doc

from newsclaims import components
from newsclaims.entities import ArticleEntities
from newsclaims.records import Claim, Quote
from newsclaims.tokentable import TokenTable, token_table

IN_FLIGHT_PER_WORKER = 2

# The pipeline the forked workers inherit (set in the main process before they start).
_LANGUAGE: list[Language] = []


@dataclass(frozen=True)
class Analysis:
    """One analysed text before it becomes an article's rows: sentence offsets, token
    count, the extractors' records with local ids (``q0``), and why extraction failed.
    Small and picklable: what a worker process sends back instead of the ``Doc``."""

    sentences: tuple[tuple[int, int], ...]
    n_tokens: int
    entities: ArticleEntities
    quotes: tuple[Quote, ...]
    claims: tuple[Claim, ...]
    errors: tuple[str, ...] = ()


def analysis_of(doc: Doc) -> Analysis:
    """What the rows of an article need from a doc the extractor components ran over.

    The sentences and the token count come from the doc's token table (``tokentable``),
    which the extractors read already, not from ``doc.sents`` (a ``Span`` per sentence)
    and one more ``to_array``: 0.04 s per 500 NOS articles in the main process."""
    table = token_table(doc)
    sentences = _sentences(table) if doc.has_annotation("SENT_START") else ((0, len(doc.text)),)
    return Analysis(
        sentences,
        table.n - sum(table.is_space),
        components.entities_of(doc),
        tuple(components.quotes_of(doc)),
        tuple(components.claims_of(doc)),
        tuple(components.errors_of(doc)),
    )


def _sentences(table: TokenTable) -> tuple[tuple[int, int], ...]:
    """Character offsets of the sentences, as ``doc.sents`` gives them: a sentence runs
    from a token marked as a start (the first token always is one) to the next, and ends
    where its last token's text ends."""
    n, idx, words, starts = table.n, table.idx, table.words, table.sent_start
    bounds = [0, *(i for i in range(1, n) if starts[i] == 1), n] if n else [0]
    return tuple((idx[a], idx[b - 1] + len(words[b - 1])) for a, b in pairwise(bounds))


def blas_threads(n_process: int) -> int:
    """BLAS threads per worker when ``n_process`` workers share this machine's cores."""
    return max(1, (os.cpu_count() or 1) // max(1, n_process))


def limit_blas_threads(n_process: int) -> None:
    """Size this process's BLAS thread pool for one of ``n_process`` workers (a forked
    child inherits the setting)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(blas_threads(n_process), user_api="blas")


class WorkerDied(RuntimeError):
    """A worker process ended before sending back its batch."""


def _analyse_batch(texts: list[str], batch_size: int) -> list[Analysis]:
    """In a worker: the analysis of every text of one batch, in order."""
    language = _LANGUAGE[0]
    return [analysis_of(doc) for doc in language.pipe(texts, batch_size=batch_size)]


def _batches(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    it = iter(texts)
    while batch := list(islice(it, size)):
        yield batch


_DIED = (
    "a worker process died before finishing its batch (killed, or out of memory?); "
    "run again, with fewer --processes if memory was short"
)


def _results(future: Future[list[Analysis]]) -> list[Analysis]:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise WorkerDied(_DIED) from exc


def _submit(pool: ProcessPoolExecutor, batch: list[str], batch_size: int) -> Future[list[Analysis]]:
    """Send a batch to the workers. A worker that died since the last batch was sent has
    broken the pool, and the next ``submit`` says so before any result does."""
    try:
        return pool.submit(_analyse_batch, batch, batch_size)
    except BrokenProcessPool as exc:
        raise WorkerDied(_DIED) from exc


def analyse(
    language: Language, texts: Iterable[str], *, n_process: int = 1, batch_size: int = 64
) -> Iterator[Analysis]:
    """One ``Analysis`` per text, in input order: in this process with ``n_process`` 1,
    else in ``n_process`` forked workers."""
    with frozen_heap():
        if n_process <= 1:
            for doc in language.pipe(texts, batch_size=batch_size):
                yield analysis_of(doc)
            return
        yield from _in_workers(language, texts, n_process, batch_size)


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Keep the objects that exist now (the loaded model, the imports) out of Python's
    cyclic garbage collection while texts are analysed, and let them back in afterwards.

    Every full collection walked the model's and the libraries' objects again, though
    none of them becomes garbage during a run: 0.33 s of collections per 500 NOS
    articles in one process, 0.11 s frozen. Forked workers inherit the frozen heap and no
    longer touch (and so copy) its pages when they collect (``gc.freeze``'s documented
    use). A caller that froze objects itself keeps them frozen.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _in_workers(
    language: Language, texts: Iterable[str], n_process: int, batch_size: int
) -> Iterator[Analysis]:
    _LANGUAGE[:] = [language]
    pool = ProcessPoolExecutor(
        n_process,
        mp_context=mp.get_context("fork"),
        initializer=limit_blas_threads,
        initargs=(n_process,),
    )
    try:
        pending: deque[Future[list[Analysis]]] = deque()
        for batch in _batches(texts, batch_size):
            pending.append(_submit(pool, batch, batch_size))
            if len(pending) >= IN_FLIGHT_PER_WORKER * n_process:
                yield from _results(pending.popleft())
        while pending:
            yield from _results(pending.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _LANGUAGE.clear()
