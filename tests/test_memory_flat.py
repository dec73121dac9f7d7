"""The driver's memory while a run writes does not grow with its articles (issue 13): the
run's inserts go to DuckDB under a memory cap (beyond it they spill to disk), while the
queries over the whole dataset (the catalog, the exports) get DuckDB's default back, as a
fixed cap made them fail on large datasets (``store.py``); and a run keeps no set of every
article id it read unless ``--rebuild`` needs one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from newsclaims import catalog, incremental, store
from newsclaims.runner import run

TEXT = 'Minister Eric Wiebes zei dat Nederland investeert. "We gaan door," zei Wiebes.'


def _dump(path: Path, n: int) -> Path:
    rows = [{"id": f"a{i}", "date": "2019-11-05", "text": f"{TEXT} Nummer {i}."} for i in range(n)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _limit(con: Any) -> str:
    """DuckDB's memory limit (a database-wide setting: a cursor sees it without touching a
    result the connection is streaming)."""
    return str(con.cursor().execute("SELECT current_setting('memory_limit')").fetchone()[0])


def test_writes_run_under_the_cap_and_whole_dataset_queries_under_the_default(
    tmp_path: Path, tiny_nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    import duckdb

    default = _limit(duckdb.connect())
    seen: dict[str, str] = {}
    rebuild, copy, flush = catalog.rebuild, store.Store._copy, store.Store.flush

    def watched_flush(self: store.Store) -> None:
        if self._buffered:  # a flush that writes rows
            seen.setdefault("write", _limit(self.con))
        flush(self)

    def watched_rebuild(con: Any) -> frozenset[str]:
        seen["catalog"] = _limit(con)
        return rebuild(con)

    def watched_copy(self: store.Store, sql: str) -> list[tuple]:
        # every export file (CSV, JSONL, Parquet) is one COPY
        seen["parquet" if "FORMAT parquet" in sql else "text"] = _limit(self.con)
        return copy(self, sql)

    monkeypatch.setattr(store.Store, "flush", watched_flush)
    monkeypatch.setattr(catalog, "rebuild", watched_rebuild)
    monkeypatch.setattr(store.Store, "_copy", watched_copy)
    run([str(_dump(tmp_path / "in.jsonl", 3))], tmp_path / "out", language=tiny_nlp)
    assert set(seen) == {"write", "catalog", "text", "parquet"}
    # DuckDB shows the cap in its own units (64MB -> "61.0 MiB"), far below the default.
    value, unit = seen.pop("write").split()
    assert unit in ("KiB", "MiB") and float(value) <= 1024
    assert set(seen.values()) == {default}


def test_a_run_keeps_no_set_of_the_ids_it_read_without_rebuild(
    tmp_path: Path, tiny_nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs: list[incremental.DatasetRun] = []
    init = incremental.DatasetRun.__post_init__

    def keep(self: incremental.DatasetRun) -> None:
        init(self)
        runs.append(self)

    monkeypatch.setattr(incremental.DatasetRun, "__post_init__", keep)
    dump = _dump(tmp_path / "in.jsonl", 3)
    run([str(dump)], tmp_path / "out", language=tiny_nlp)
    run([str(dump)], tmp_path / "out", language=tiny_nlp, rebuild=True)
    assert [len(r.seen) for r in runs] == [0, 3]
