"""The analysis of texts in worker processes: same analyses, same order, as in one
process; a dead worker ends the run with a clear error instead of a hang."""

from __future__ import annotations

import gc
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from spacy.language import Language

from newsclaims.analysis import (
    Analysis,
    WorkerDied,
    analyse,
    analysis_of,
    blas_threads,
    frozen_heap,
    limit_blas_threads,
)
from newsclaims.runner import run

TEXTS = [
    "Minister Rutte zei dat er 300 extra agenten komen.",
    "",
    '"We gaan door", zegt Jansen.',
    "Volgens de politie waren er zo'n 20.000 demonstranten.",
    "Het ministerie deelde mee dat er 40 scholen dichtgaan.",
]


@pytest.mark.parametrize(("n_process", "batch_size"), [(2, 1), (2, 2), (3, 64)])
def test_workers_give_the_analyses_of_one_process_in_input_order(
    tiny_nlp: Language, n_process: int, batch_size: int
) -> None:
    one = list(analyse(tiny_nlp, TEXTS, n_process=1))
    many = list(analyse(tiny_nlp, TEXTS, n_process=n_process, batch_size=batch_size))
    assert many == one
    assert [max((e for _, e in a.sentences), default=0) for a in many] == [len(t) for t in TEXTS]


@pytest.mark.parametrize(
    "text",
    [
        TEXTS[0],
        'Eerste zin.  Tweede zin!\n\nDerde alinea, met "citaat".  ',  # spaces, breaks
        "Een",  # one token
        " ",  # only white space
    ],
)
def test_an_analysis_is_what_the_rows_need_from_the_doc(tiny_nlp: Language, text: str) -> None:
    doc = tiny_nlp(text)
    found = analysis_of(doc)
    assert isinstance(found, Analysis)
    assert found.n_tokens == len([t for t in doc if not t.is_space])
    assert found.sentences == tuple((s.start_char, s.end_char) for s in doc.sents)
    assert found.errors == ()


def test_an_analysis_without_sentence_marks_is_one_sentence(tiny_nlp: Language) -> None:
    doc = tiny_nlp.make_doc("Geen parser. Dus een zin.")
    assert analysis_of(doc).sentences == ((0, len(doc.text)),)


@Language.component("test_dies_on_kill")
def _dies_on_kill(doc):  # type: ignore[no-untyped-def]
    if doc.text == "KILL":
        os._exit(9)  # as the OOM killer would: no exception, no clean-up
    return doc


def test_a_dead_worker_ends_the_analysis_with_worker_died(tiny_nlp: Language) -> None:
    tiny_nlp.add_pipe("test_dies_on_kill", first=True)
    texts = [*TEXTS, "KILL", *TEXTS]
    with pytest.raises(WorkerDied, match="worker process died"):
        list(analyse(tiny_nlp, texts, n_process=2, batch_size=1))


def test_a_pool_broken_before_the_next_batch_is_sent_is_worker_died_too(
    tiny_nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker that dies fast breaks the pool before the next ``submit``: that must end
    the run the same way as a batch that never came back."""

    def broken(self: object, *args: object, **kwargs: object) -> None:
        raise BrokenProcessPool("A child process terminated abruptly")

    monkeypatch.setattr(ProcessPoolExecutor, "submit", broken)
    with pytest.raises(WorkerDied, match="worker process died"):
        list(analyse(tiny_nlp, TEXTS, n_process=2, batch_size=1))


def test_a_run_whose_worker_dies_leaves_the_dataset_as_it_was(
    tmp_path: Path, tiny_nlp: Language
) -> None:
    data = tmp_path / "in.jsonl"
    data.write_text('{"id": "a", "text": "Jansen zei dat het klopt."}\n', encoding="utf-8")
    out = tmp_path / "out"
    run([str(data)], out, language=tiny_nlp)
    before = {p.name: p.read_bytes() for p in sorted(out.glob("*.*sv"))}
    data.write_text(
        '{"id": "a", "text": "Jansen zei dat het klopt."}\n{"id": "b", "text": "KILL"}\n',
        encoding="utf-8",
    )
    tiny_nlp.add_pipe("test_dies_on_kill", first=True)
    with pytest.raises(WorkerDied):
        run([str(data)], out, language=tiny_nlp, n_process=2, batch_size=1)
    assert {p.name: p.read_bytes() for p in sorted(out.glob("*.*sv"))} == before


@pytest.mark.parametrize(
    ("cores", "n_process", "threads"), [(2, 2, 1), (2, 1, 2), (8, 2, 4), (8, 3, 2), (2, 4, 1)]
)
def test_blas_threads_share_the_cores_among_workers(
    monkeypatch: pytest.MonkeyPatch, cores: int, n_process: int, threads: int
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    assert blas_threads(n_process) == threads


def _blas_pool_sizes(n_process: int) -> list[int]:
    from threadpoolctl import threadpool_info

    limit_blas_threads(n_process)
    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


def test_a_worker_s_blas_runs_its_share_of_the_threads() -> None:
    import multiprocessing as mp

    many = (os.cpu_count() or 1) * 4  # more workers than cores: one thread each
    with ProcessPoolExecutor(1, mp_context=mp.get_context("fork")) as pool:
        sizes = pool.submit(_blas_pool_sizes, many).result()
    assert sizes, "numpy's BLAS was not found"
    assert set(sizes) == {1}


def test_the_heap_is_frozen_while_texts_are_analysed_and_let_go_after(tiny_nlp: Language) -> None:
    gc.unfreeze()  # whatever an earlier test left frozen: start from a heap nobody froze
    texts = iter(TEXTS)
    analyses = analyse(tiny_nlp, texts, n_process=1, batch_size=1)
    next(analyses)
    assert gc.get_freeze_count() > 0  # the model and the imports stay out of collections
    list(analyses)
    assert gc.get_freeze_count() == 0


def test_a_heap_the_caller_froze_stays_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with frozen_heap():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
