"""The driver's memory does not grow with the dataset (issue 13): DuckDB keeps a memory
cap for the whole run, the catalog rebuild and the exports included (they spill to disk
beyond it instead of using DuckDB's default of 80% of the RAM), and a run keeps no set
of every article id it read unless ``--rebuild`` needs one."""

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
    return str(con.execute("SELECT current_setting('memory_limit')").fetchone()[0])


def test_catalog_and_exports_run_under_the_memory_cap(
    tmp_path: Path, tiny_nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, str] = {}
    rebuild, rows, copy = catalog.rebuild, store.Store.rows, store.Store.copy_parquet

    def watched_rebuild(con: Any) -> frozenset[str]:
        seen["catalog"] = _limit(con)
        return rebuild(con)

    def watched_rows(self: store.Store, *args: Any, **kwargs: Any) -> Any:
        for row in rows(self, *args, **kwargs):
            seen["rows"] = _limit(self.con)
            yield row

    def watched_copy(self: store.Store, *args: Any) -> None:
        copy(self, *args)
        seen["parquet"] = _limit(self.con)

    monkeypatch.setattr(catalog, "rebuild", watched_rebuild)
    monkeypatch.setattr(store.Store, "rows", watched_rows)
    monkeypatch.setattr(store.Store, "copy_parquet", watched_copy)
    run([str(_dump(tmp_path / "in.jsonl", 3))], tmp_path / "out", language=tiny_nlp)
    limits = set(seen.values())
    assert set(seen) == {"catalog", "rows", "parquet"}
    assert len(limits) == 1
    # DuckDB shows the cap in its own units (64MB -> "61.0 MiB"): far below the default.
    value, unit = limits.pop().split()
    assert unit in ("KiB", "MiB") and float(value) <= 1024


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
