"""DuckDB's share of the driver's memory is capped, whatever the articles (issue 13): the
run's inserts go to DuckDB under a memory cap (beyond it they spill to disk), and so do
the queries over the whole dataset: the catalog in steps of spillable tables, the exports
in parts of a few thousand articles each, on one thread, Parquet in row groups of a fixed
size (``store.py``); and a run keeps no set of every article id it read unless
``--rebuild`` needs one."""

from __future__ import annotations

import contextlib
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from newsclaims import catalog, export_layout, exports, incremental, store, store_parts
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


def _mib(setting: str) -> float:
    value, unit = setting.split()  # DuckDB's own units: 64MB -> "61.0 MiB"
    return float(value) / (1024 if unit == "KiB" else 1) * (1024 if unit == "GiB" else 1)


def test_writes_and_whole_dataset_queries_run_under_caps(
    tmp_path: Path, tiny_nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, str] = {}
    threads: set[int] = set()
    rebuild, copy, flush = catalog.rebuild, store.Store._copy, store.Store.flush
    do = store.Store._do

    def watched_do(self: store.Store, sql: str) -> None:
        if sql == "COMMIT":
            seen["commit"] = _limit(self.con)
        do(self, sql)

    def watched_flush(self: store.Store) -> None:
        if self._buffered:  # a flush that writes rows
            seen.setdefault("write", _limit(self.con))
        flush(self)

    def watched_rebuild(con: Any, since: int | None = None, **kw: Any) -> frozenset[str]:
        @contextlib.contextmanager
        def each() -> Iterator[None]:
            with kw["each"]():  # every statement of the catalog runs under the query cap
                seen["catalog"] = _limit(con)
                setting = con.cursor().execute("SELECT current_setting('threads')").fetchone()
                threads.add(int(setting[0]))  # ... on one thread
                yield

        return rebuild(con, since, **{**kw, "each": each})

    def watched_copy(self: store.Store, sql: str) -> list[tuple]:
        # every export file (CSV, JSONL, Parquet) is written by COPYs
        seen["parquet" if "FORMAT parquet" in sql else "text"] = _limit(self.con)
        threads.add(
            int(self.con.cursor().execute("SELECT current_setting('threads')").fetchone()[0])
        )
        return copy(self, sql)

    monkeypatch.setattr(store.Store, "flush", watched_flush)
    monkeypatch.setattr(catalog, "rebuild", watched_rebuild)
    monkeypatch.setattr(store.Store, "_copy", watched_copy)
    monkeypatch.setattr(store.Store, "_do", watched_do)
    run([str(_dump(tmp_path / "in.jsonl", 3))], tmp_path / "out", language=tiny_nlp)
    assert set(seen) == {"write", "catalog", "text", "parquet", "commit"}
    assert _mib(seen.pop("write")) <= 64
    assert _mib(seen.pop("commit")) == _mib("30.5 MiB")  # COMMIT_MEMORY_LIMIT
    assert {_mib(v) for v in seen.values()} == {_mib("122.0 MiB")}  # QUERY_MEMORY_LIMIT
    assert threads == {1}


def test_a_small_run_sets_the_cap_only_when_it_changes(
    tmp_path: Path, tiny_nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each ``SET memory_limit`` slows the next statement: over a dataset that fits the
    write cap the cap is raised once for the end of the run, not around each of its
    fifty statements (it is lowered only when DuckDB holds more than the write cap)."""
    sets: list[str] = []
    threads: list[str] = []
    do = store.Store._do

    def watched_do(self: store.Store, sql: str) -> None:
        if sql.startswith("SET memory_limit"):
            sets.append(sql.split("'")[1])
        if sql in ("SET threads = 1", "RESET threads"):
            threads.append(sql)
        do(self, sql)

    monkeypatch.setattr(store.Store, "_do", watched_do)
    run([str(_dump(tmp_path / "in.jsonl", 3))], tmp_path / "out", language=tiny_nlp)
    assert sets == [store.WRITE_MEMORY_LIMIT, store.QUERY_MEMORY_LIMIT, store.COMMIT_MEMORY_LIMIT]
    # one thread for the catalog's statements, and once for the export's twenty-one COPYs
    assert threads == ["SET threads = 1", "RESET threads"] * 2


def test_one_thread_is_set_once_and_reset_after(tmp_path: Path) -> None:
    db = store.Store(tmp_path)
    try:
        default = db.con.execute("SELECT current_setting('threads')").fetchone()
        with db.one_thread():
            with db.one_thread():  # nested: still one thread
                assert db.con.execute("SELECT current_setting('threads')").fetchone() == (1,)
            assert db.con.execute("SELECT current_setting('threads')").fetchone() == (1,)
        assert db.con.execute("SELECT current_setting('threads')").fetchone() == default
    finally:
        db.close()


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.suffix in (".csv", ".jsonl")}


def _parquet(out: Path) -> dict[str, Any]:
    """Each Parquet table, every column optional: DuckDB marks a column required from
    its statistics (no nulls in it), which a file joined from parts does not have."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    def optional(table: pa.Table) -> pa.Table:
        return table.cast(pa.schema([f.with_nullable(True) for f in table.schema]))

    return {p.name: optional(pq.read_table(p)) for p in sorted(out.glob("*.parquet"))}


def test_exports_in_parts_equal_one_part(
    tmp_path: Path, tiny_nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parts of two articles (a run of 7 plus an appending run of 2, with a reject) give
    the same CSV and JSONL bytes and the same Parquet rows, types and order as one part."""
    first = _dump(tmp_path / "in.jsonl", 7)
    with first.open("a", encoding="utf-8") as fh:
        fh.write("not json\n")
    more = tmp_path / "more.jsonl"
    rows = [{"id": f"b{i}", "date": "2019-11-06", "text": f"{TEXT} Later {i}."} for i in range(2)]
    more.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    outs = {}
    default = (export_layout.EXPORT_PART_ARTICLES, export_layout.PARQUET_ROW_GROUP_ROWS)
    for size, group in (default, (2, 3)):
        monkeypatch.setattr(export_layout, "EXPORT_PART_ARTICLES", size)
        monkeypatch.setattr(export_layout, "PARQUET_ROW_GROUP_ROWS", group)
        monkeypatch.setattr(exports, "JOIN_FILES", 2)  # five parts: joined in three rounds
        out = tmp_path / f"out{size}"
        run([str(first)], out, language=tiny_nlp)
        run([str(first), str(more)], out, language=tiny_nlp)
        outs[size] = out
    one, many = outs.values()
    assert _files(one) == _files(many) and len(_files(one)) == 14
    assert not [p.name for p in many.iterdir() if p.name.startswith(".")]  # no part left
    assert b"\r\nb1," in _files(many)["articles.csv"]  # the appended rows are there
    for name, table in _parquet(one).items():
        assert _parquet(many)[name].equals(table), name
    parts = store.Store(many, read_only=True).export_parts("mentions")
    assert len(parts) == 5 and parts[0] is not None and parts[-1] is not None
    assert parts[0].high == parts[1].low and parts[-1].high is None


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


def _articles(db: store.Store, n: int, words: int = 0) -> int:
    """``n`` article rows, each with a text of ``words`` random words (which do not
    compress); returns the characters of their texts."""
    rng, chars = random.Random(13), 0
    for seq in range(n):
        text = " ".join(f"{rng.getrandbits(40):x}" for _ in range(words))
        row = {"article_id": f"a{seq}", "source": "t", "record": f"line {seq}", "text": text}
        chars += len(text)
        row |= {"date": "2019-11-05", "status": "ok", "n_chars": 0, "n_sentences": 0}
        row |= {"n_tokens": 0, "seq": seq, "text_sha1": "x", "analysis_version": "t"}
        db.add("articles", {**row, "run_id": 1})
        if seq % 200 == 199:
            db.flush()
    db.flush()
    return chars


def test_a_whole_dataset_query_leaves_no_dataset_in_memory(tmp_path: Path) -> None:
    """After an export DuckDB holds no more than the write cap: the run's rows are in
    Parquet parts, not in DuckDB, and a query that left more cached lowers the cap to it
    again, which evicts those blocks: the driver does not keep the dataset cached until
    the query cap is full (issue 13)."""
    db = store.Store(tmp_path)
    db.begin()
    chars = _articles(db, 2000, words=1000)
    db.copy_parquet("articles", tmp_path / "articles.parquet")
    held = db.con.execute("SELECT sum(memory_usage_bytes) FROM duckdb_memory()").fetchone()[0]
    copied = db.con.execute(f"SELECT count(*) FROM '{tmp_path / 'articles.parquet'}'").fetchone()
    assert held <= 16 * 2**20 < chars and copied == (2000,)
    db.rollback()
    db.close()


def test_parquet_is_written_in_row_groups_of_a_fixed_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DuckDB's Parquet writer holds a row group in memory until it is full: the export
    asks for groups of ``PARQUET_ARTICLE_ROW_GROUP_ROWS`` rows for the articles, which carry
    their texts (DuckDB fills them a vector of 2,048 rows at a time), and
    ``PARQUET_ROW_GROUP_ROWS`` for the other tables, not one group of up to 122,880 rows."""
    import pyarrow.parquet as pq

    layout = export_layout
    assert layout.PARQUET_ARTICLE_ROW_GROUP_ROWS == 2048 < layout.PARQUET_ROW_GROUP_ROWS
    db = store.Store(tmp_path)
    db.begin()
    _articles(db, 5000)
    db.copy_parquet("articles", tmp_path / "articles.parquet")
    db.rollback()
    db.close()
    meta = pq.ParquetFile(tmp_path / "articles.parquet").metadata
    sizes = [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
    assert sum(sizes) == 5000 and len(sizes) == 3 and max(sizes) == 2048


def test_the_row_writer_leaves_the_fold_cache_alone() -> None:
    """A cluster's driver writes every article's entity rows but extracts nothing: through
    ``fold``'s cache the row writer kept every name of the dump (issue 13)."""
    from types import SimpleNamespace

    from newsclaims.namekeys import fold, fold_once
    from newsclaims.rows import entity_rows

    ent = SimpleNamespace(
        entity_id="E1",
        catalog_name="Recep Tayyip Erdoğan",
        label="PER",
        mentions=[1, 2],
        names=lambda: ["Recep Tayyip Erdoğan", "Erdoğan"],
    )
    fold.cache_clear()
    rows = entity_rows("a1", SimpleNamespace(entities=[ent]))
    assert rows[0]["catalog_key"] == "recep tayyip erdogan" == fold_once("Recep Tayyip Erdoğan")
    assert rows[0]["name_keys"] == ["recep tayyip erdogan", "erdogan"]
    assert fold.cache_info().currsize == 0


@pytest.mark.parametrize("table", ["mentions", "article_entities", "claims", "quotes"])
def test_a_batch_in_the_system_allocator_equals_pyarrows_own(table: str) -> None:
    """``Store.flush`` builds its Arrow batches column by column in the system allocator
    (pyarrow's mimalloc pool kept what the batches had used); the table is the same as
    ``pa.Table.from_pylist`` makes, lists, nulls and missing keys included."""
    import pyarrow as pa

    from newsclaims.store_schema import all_tables, arrow_schema

    schema = arrow_schema(all_tables()[table])
    rows: list[dict[str, Any]] = []
    for i in range(3):
        row: dict[str, Any] = {}
        for f in schema:
            if pa.types.is_list(f.type):
                row[f.name] = [f"x{i}", "y"] if i else []
            elif pa.types.is_string(f.type):
                row[f.name] = None if i == 1 else f"v{i}"
            elif pa.types.is_integer(f.type):
                row[f.name] = i
            elif pa.types.is_floating(f.type):
                row[f.name] = i / 2
            elif pa.types.is_boolean(f.type):
                row[f.name] = bool(i)
        rows.append(row)
    assert store_parts.arrow_batch(rows, schema).equals(pa.Table.from_pylist(rows, schema=schema))


def test_a_store_writes_every_flush_rows_rows(tmp_path: Path) -> None:
    """A cluster's driver buffers fewer rows (``CLUSTER_FLUSH_ROWS``) than a local run
    (``FLUSH_ROWS``): the buffer is written, and emptied, at the store's own threshold."""
    assert store.CLUSTER_FLUSH_ROWS < store.FLUSH_ROWS
    db = store.Store(tmp_path, flush_rows=3)
    try:
        db.begin()
        row = {
            "source": "s",
            "record": "r",
            "reason": "x",
            "article_id": None,
            "seq": 0,
            "run_id": 1,
        }
        for i in range(2):
            db.add("rejects", {**row, "record": f"r{i}", "seq": i})
        assert db._buffered == 2
        db.add("rejects", {**row, "record": "r2", "seq": 2})
        assert db._buffered == 0
        assert db.con.execute("SELECT count(*) FROM rejects").fetchone() == (3,)
    finally:
        db.rollback()
        db.close()
