"""The dataset's store of record: one DuckDB file in the output folder, one transaction a run.

A run reads what the store already holds (text hash and analysis version per article, so
that known articles are not analysed again), writes the rows of what it analysed in bulk
(Arrow batches, never row-by-row inserts), derives the entity catalog from the stored
per-article referents in SQL, and records itself in ``runs``; all of it inside one
transaction, so a failed or killed run leaves the store exactly as it was (DuckDB only
makes a transaction durable at its commit). The exports are generated from the store
(``newsclaims.exports``) inside the same transaction, before it commits.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from newsclaims import catalog
from newsclaims import export_layout as layout
from newsclaims.export_layout import ORDER, Part, parquet_options, seq_column
from newsclaims.store_schema import (
    ARTICLE_ENTITIES,
    DB_NAME,
    DUCKDB_TYPES,
    VIEWS,
    KnownReject,
    RunRecord,
    all_tables,
    arrow_schema,
    create_table_sql,
    create_view_sql,
    store_columns,
)
from newsclaims.tabledefs import TABLES

# Rows of these tables belong to one article and are replaced when it is analysed again.
ARTICLE_ROWS = ("articles", "sentences", "mentions", "quotes", "claims", "article_entities")
# The stored instant as ISO 8601 text in the offset the input gave (minutes east of UTC).
_LOCAL_TIME = (
    "CASE WHEN t.published_at IS NULL THEN NULL ELSE "
    "strftime(t.published_at + to_minutes(coalesce(t.published_offset, 0)), "
    "'%Y-%m-%dT%H:%M:%S') || printf('%s%02d:%02d', "
    "CASE WHEN coalesce(t.published_offset, 0) < 0 THEN '-' ELSE '+' END, "
    "abs(coalesce(t.published_offset, 0)) // 60, abs(coalesce(t.published_offset, 0)) % 60) "
    "END"
)
# Rows buffered before a write. A cluster's driver holds nothing else, and there 20,000
# rows put 21 MiB on its peak; a local run holds the model, and a smaller buffer costs it
# about 2.4 ms a statement (0.1 s per 500 articles at 5,000).
FLUSH_ROWS = 20_000
CLUSTER_FLUSH_ROWS = 5_000
# DuckDB's memory while the run's one transaction writes (issue 13): its uncommitted rows
# spill to <file>.tmp beyond this instead of staying in memory, so the driver's memory
# does not grow with the articles of a run. Small, because DuckDB fills it before it
# spills: at 64 MB a cluster driver's memory still grew until about 6,000 articles (24
# MiB of DuckDB's at 800 articles, 55 at 2,900); at 16 MB it stops growing by about
# 1,200. 7.8 million rows (100,000 articles) went in through ``add`` under it.
WRITE_MEMORY_LIMIT = "16MB"
_WRITE_BYTES = int(WRITE_MEMORY_LIMIT.removesuffix("MB")) * 10**6  # DuckDB's MB: 10**6
_HELD = "SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory()"
# The run's whole-dataset queries (the catalog, the exports) run under a fixed cap too,
# so that DuckDB's own memory does not grow with the dataset, and each one alone: after a
# statement that leaves DuckDB holding more than the write cap, the cap is lowered to it,
# which evicts the blocks it read (``Store._whole_dataset``; kept cached, they made the
# driver grow with the dataset until the cap was full). They are shaped for it: the catalog works in
# steps of spillable tables with one-row aggregate states and updates only the rows a
# link moves (``newsclaims.catalog``: an UPDATE's undo stays in memory until the commit),
# and every export is written in parts of EXPORT_PART_ARTICLES articles, each sorted on
# its own, on one thread (DuckDB's sort failed under the cap with wide rows: 20,000
# articles with their texts at 64 MB; two threads also failed where one did not).
# Measured on stores made of the 5,000-article dataset repeated.
QUERY_MEMORY_LIMIT = "128MB"
# The commit moves the run's rows from DuckDB's spill file into the database a row group
# at a time, which needs more than the write cap (16 MB failed for a run of 100,000
# articles) but not the query cap: at 128 MB the commit kept what it moved cached, 93
# MiB at the end of a 5,000-article run; at 32 MB it peaked 21-24 MiB above the run's
# memory for 5,000 and for 100,000 articles alike.
COMMIT_MEMORY_LIMIT = "32MB"
LAYOUT = "store_layout"  # fingerprint of the DDL the file was created with


class Store:
    """The DuckDB file of one output folder; the caller holds the folder's lock."""

    # Tables whose rows from earlier runs the last catalog rebuild gave other entity ids.
    restated: frozenset[str] = frozenset()

    def __init__(
        self, out_dir: Path, *, read_only: bool = False, flush_rows: int = FLUSH_ROWS
    ) -> None:
        self.path = out_dir / DB_NAME
        self.flush_rows = flush_rows
        self.con = duckdb.connect(str(self.path), read_only=read_only)
        self._do("SET TimeZone = 'UTC'")
        self._buffers: dict[str, list[dict[str, Any]]] = {}
        self._buffered = 0
        self._replaced: set[str] = set()
        self._dropped: set[tuple[str, str]] = set()
        self._limit: str | None = None  # the memory cap last set (None: DuckDB's default)
        self._one_thread = False  # inside ``one_thread``
        if not read_only:
            self._create()

    def _create(self) -> None:
        """Create the tables and views, unless the file already holds this very layout
        (then the file is not written at all: a failed run leaves it byte for byte)."""
        tables = [create_table_sql(t) for t in all_tables().values()]
        views = [create_view_sql(v) for v in VIEWS]
        fingerprint = hashlib.sha1("\n".join(tables + views).encode("utf-8")).hexdigest()
        self._do(f"CREATE TABLE IF NOT EXISTS {LAYOUT} (fingerprint VARCHAR)")
        if self._scalar(f"SELECT max(fingerprint) FROM {LAYOUT}") == fingerprint:
            return
        self._do("BEGIN TRANSACTION")
        for statement in tables:
            self._do(statement)
        self._add_missing_columns()
        for statement in views:
            self._do(statement)
        self._do(f"DELETE FROM {LAYOUT}")
        self._do(f"INSERT INTO {LAYOUT} VALUES ('{fingerprint}')")
        self._do("COMMIT")

    def _add_missing_columns(self) -> None:
        """A dataset made by an earlier version gains the columns added since (null in
        its old rows); nothing is ever dropped."""
        for table in all_tables().values():
            rows = self.con.execute(f"PRAGMA table_info('{table.name}')").fetchall()
            present = {r[1] for r in rows}
            for c in store_columns(table):
                if c.name not in present:
                    kind = DUCKDB_TYPES[c.type]
                    self._do(f'ALTER TABLE "{table.name}" ADD COLUMN "{c.name}" {kind}')

    # -- transaction ------------------------------------------------------------------

    def begin(self) -> None:
        self._do("BEGIN TRANSACTION")
        self._cap(WRITE_MEMORY_LIMIT)

    def _cap(self, limit: str) -> None:
        """Set DuckDB's memory cap, unless it is set already: a ``SET`` costs the next
        statement about 1.5 ms, and the end of a run has about fifty statements."""
        if self._limit != limit:
            self._do(f"SET memory_limit = '{limit}'")
            self._limit = limit

    @contextlib.contextmanager
    def _whole_dataset(self, limit: str | None = None) -> Iterator[None]:
        """Run one query over the whole dataset under ``limit`` (``QUERY_MEMORY_LIMIT``),
        then, if DuckDB holds more than ``WRITE_MEMORY_LIMIT``, lower the cap to it again.
        DuckDB keeps every block a query read cached up to its cap; lowering the cap
        evicts them (they are on disk), so that between queries the driver does not hold
        the dataset: after the exports of 5,000 stored articles DuckDB held 54 MiB of
        them, and the driver's memory grew with the dataset until the cap was full (issue
        13). A cap left raised over a small dataset is lowered before the next write
        (``flush``)."""
        self._cap(limit or QUERY_MEMORY_LIMIT)
        try:
            yield
        finally:
            # an aborted transaction, or rows that cannot spill: stay at the higher cap
            with contextlib.suppress(duckdb.Error):
                if self._scalar(_HELD) > _WRITE_BYTES:
                    self._cap(WRITE_MEMORY_LIMIT)

    def commit(self) -> None:
        self.flush()
        with self._whole_dataset(COMMIT_MEMORY_LIMIT):
            self._do("COMMIT")
            self._do("CHECKPOINT")

    def rollback(self) -> None:
        self._buffers.clear()
        self._buffered = 0
        with contextlib.suppress(duckdb.Error):  # no transaction open: nothing to undo
            self._do("ROLLBACK")

    def close(self) -> None:
        self.con.close()

    # -- what is there ----------------------------------------------------------------

    def known_articles(self, batch: int = 10_000) -> Iterator[tuple[str, str, str, str, int]]:
        """(article_id, text_sha1, analysis_version, status, seq) of every stored article,
        fetched ``batch`` rows at a time (``newsclaims.seen.KnownArticles`` keeps them on
        disk: a run into a large dataset does not hold them in memory)."""
        cursor = self.con.cursor()
        try:
            cursor.execute(
                "SELECT article_id, text_sha1, analysis_version, status, seq FROM articles"
            )
            while rows := cursor.fetchmany(batch):
                yield from rows
        finally:
            cursor.close()

    def _do(self, sql: str) -> None:
        """Run a statement to the end (DuckDB wants every result consumed)."""
        self.con.execute(sql).fetchall()

    def _scalar(self, sql: str) -> Any:
        rows = self.con.execute(sql).fetchall()
        return rows[0][0] if rows else None

    def next_seq(self) -> int:
        top = self._scalar(
            "SELECT greatest((SELECT max(seq) FROM articles), (SELECT max(seq) FROM rejects))"
        )
        return 0 if top is None else int(top) + 1

    def next_run_id(self) -> int:
        top = self._scalar("SELECT max(run_id) FROM runs")
        return 1 if top is None else int(top) + 1

    def last_change(self) -> int | None:
        """The id of the last run that changed a table (what the exports must show)."""
        top = self._scalar("SELECT max(run_id) FROM runs WHERE changed")
        return None if top is None else int(top)

    def counts(self) -> dict[str, int]:
        return {name: int(self._scalar(f'SELECT count(*) FROM "{name}"')) for name in TABLES}

    # -- writes -----------------------------------------------------------------------

    def known_rejects(self) -> dict[tuple[str, str], KnownReject]:
        rows = self.con.execute(
            "SELECT source, record, reason, article_id, seq FROM rejects"
        ).fetchall()
        return {(r[0], r[1]): KnownReject(r[2], r[3], r[4]) for r in rows}

    def drop_reject(self, source: str, record: str) -> None:
        """The stored reject at (source, record) goes (replaced, or its record is fixed)."""
        self._dropped.add((source, record))

    def add(self, table: str, row: dict[str, Any]) -> None:
        """Buffer one row (all store columns of ``table``); flushed in bulk."""
        self._buffers.setdefault(table, []).append(row)
        self._buffered += 1
        if self._buffered >= self.flush_rows:
            self.flush()

    def replace_article(self, article_id: str) -> None:
        """The article's stored rows (if any) go before its new rows are written."""
        self._replaced.add(article_id)

    def _with_table(self, name: str, table: pa.Table, sql: str) -> None:
        """Run ``sql`` with the Arrow ``table`` readable as ``name``. Not ``con.register``:
        a table registered while a transaction is open stays alive until the transaction
        ends, so every batch of a run stayed in memory until its commit (issue 13)."""
        self.con.from_arrow(table).query(name, sql).fetchall()

    def flush(self) -> None:
        if self._buffered or self._replaced or self._dropped:
            self._cap(WRITE_MEMORY_LIMIT)
        if self._replaced:
            ids = pa.table({"article_id": pa.array(sorted(self._replaced), pa.string())})
            for name in ARTICLE_ROWS:
                self._with_table(
                    "_replaced",
                    ids,
                    f'DELETE FROM "{name}" WHERE article_id IN (SELECT article_id FROM _replaced)',
                )
            self._replaced.clear()
        if self._dropped:
            keys = sorted(self._dropped)
            pairs = pa.table(
                {
                    "source": pa.array([k[0] for k in keys], pa.string()),
                    "record": pa.array([k[1] for k in keys], pa.string()),
                }
            )
            self._with_table(
                "_dropped",
                pairs,
                "DELETE FROM rejects WHERE (source, record) IN "
                "(SELECT (source, record) FROM _dropped)",
            )
            self._dropped.clear()
        tables = all_tables()
        for name, rows in self._buffers.items():
            if not rows:
                continue
            schema = arrow_schema(tables[name])
            batch = _arrow_table(rows, schema)
            for column in catalog.REDIRECTED.get(name, ()):  # the twin: the row's own id
                own = catalog.own_column(column)
                batch = batch.set_column(schema.get_field_index(own), own, batch[column])
            self._with_table("_batch", batch, f'INSERT INTO "{name}" BY NAME SELECT * FROM _batch')
        self._buffers.clear()
        self._buffered = 0

    def rebuild_catalog(self, since: int | None = None) -> None:
        """The entity catalog, aggregated from every stored article's referents, with the
        links across articles applied to every entity id (``newsclaims.catalog``): the
        same rows as a run over every article at once. ``restated`` names the tables
        where rows of records before position ``since`` (earlier runs') changed ids, so
        that their exports are written anew."""
        self.flush()
        with self.one_thread():  # its hash tables per thread: 3-4 MiB less peak, not slower
            self.restated = catalog.rebuild(self.con, since, each=self._whole_dataset)

    def record_run(self, run: RunRecord) -> None:
        self.flush()
        row = dataclasses.asdict(run)
        names = ", ".join(f'"{n}"' for n in row)
        marks = ", ".join("?" for _ in row)
        self.con.execute(f'INSERT INTO "runs" ({names}) VALUES ({marks})', list(row.values()))

    # -- reads ------------------------------------------------------------------------

    def export_exprs(self, name: str, *, typed: bool = False) -> dict[str, str]:
        """SQL of each column of export table ``name``, over its table aliased ``t``. Text
        exports (``typed`` false) write ``published_at`` in the input's own offset."""
        return {
            c.name: _LOCAL_TIME if (c.name == "published_at" and not typed) else f't."{c.name}"'
            for c in TABLES[name].columns
        }

    def select_list(self, name: str, columns: list[str], *, typed: bool = False) -> str:
        """The plain select list of ``columns`` of export table ``name``."""
        exprs = self.export_exprs(name, typed=typed)
        return ", ".join(f'{exprs[c]} AS "{c}"' for c in columns)

    def export_query(
        self, name: str, select: str, *, since: int | None = None, part: Part | None = None
    ) -> str:
        """SQL for the rows of export table ``name`` in their canonical order, with the
        select list ``select``; ``since``: only the rows of records first seen at that
        position or later; ``part``: only that part's rows (``export_parts``)."""
        join, order = ORDER[name]
        seq = seq_column(join)
        where = [] if since is None else [f"{seq} >= {int(since)}"]
        if part is not None:
            where += [f"{seq} >= {part.low}", f"t.rowid BETWEEN {part.first} AND {part.last}"]
            where += [] if part.high is None else [f"{seq} < {part.high}"]
        condition = f" WHERE {' AND '.join(where)}" if where else ""
        return f'SELECT {select} FROM "{name}" t {join}{condition} ORDER BY {order}'

    def export_parts(self, name: str, *, since: int | None = None) -> list[Part | None]:
        """The parts an export of table ``name`` is written in, in order: the rows of up
        to EXPORT_PART_ARTICLES consecutive records each, so that each part's sort fits
        the cap however large the dataset (``[None]``: the whole table at once, for the
        entity catalog, which has no record order). A part also bounds the rowids of its
        rows, which lets DuckDB skip the row groups of other parts (rows are stored
        mostly in arrival order) instead of scanning the table once a part."""
        join, _ = ORDER[name]
        if name == "entities":
            return [None]
        records = "rejects" if name == "rejects" else "articles"
        where = "" if since is None else f" WHERE seq >= {int(since)}"
        size = layout.EXPORT_PART_ARTICLES
        if self._scalar(f"SELECT count(*) FROM {records}{where}") <= size:
            return [None]  # one part: no numbering (4 ms a table)
        numbered = (
            f"SELECT seq, (row_number() OVER (ORDER BY seq) - 1) // {size}"
            f" AS part FROM {records}{where}"
        )
        seq = seq_column(join)
        with self._whole_dataset():
            found = self.con.execute(
                f"WITH n AS ({numbered}) SELECT n.part, min(n.seq), min(t.rowid), max(t.rowid) "
                f'FROM "{name}" t {join} JOIN n ON n.seq = {seq} GROUP BY n.part ORDER BY n.part'
            ).fetchall()
        parts: list[Part | None] = [
            Part(low, found[i + 1][1] if i + 1 < len(found) else None, first, last)
            for i, (_, low, first, last) in enumerate(found)
        ]
        return parts or [None]  # no rows: one empty part, which still writes a header

    def rows(self, name: str, columns: list[str], *, batch: int = 10_000) -> Iterator[tuple]:
        """Rows in export order, read in the run's own transaction (a cursor would be a
        separate connection that cannot see the rows this run has not committed yet)."""
        with self._whole_dataset():
            result = self.con.execute(self.export_query(name, self.select_list(name, columns)))
            while True:
                chunk = result.fetchmany(batch)
                if not chunk:
                    break
                yield from chunk

    @contextlib.contextmanager
    def one_thread(self) -> Iterator[None]:
        """DuckDB on one thread while the block runs (an export's sorts under the cap: see
        QUERY_MEMORY_LIMIT), then on its default again. Set once for all the ``COPY``s of
        an export, not around each one: the two settings cost 1.3 ms a ``COPY``, 42 of
        them for 500 articles."""
        if self._one_thread:
            yield
            return
        self._do("SET threads = 1")
        self._one_thread = True
        try:
            yield
        finally:
            self._one_thread = False
            with contextlib.suppress(duckdb.Error):  # an aborted transaction: no setting
                self._do("RESET threads")

    def copy_text(self, query: str, path: Path, options: str) -> int:
        """Write a query's rows to ``path`` with DuckDB's ``COPY`` and its ``options`` (CSV
        or Parquet), on one thread; returns the number of rows. A failed write (a full
        disk) raises ``OSError`` naming the file."""
        target = _quoted(path)
        try:
            with self.one_thread(), self._whole_dataset():
                rows = self._copy(f"COPY ({query}) TO '{target}' ({options})")
        except duckdb.IOException as exc:
            raise _write_error(exc, path) from exc
        return int(rows[0][0]) if rows and rows[0] else 0

    def _copy(self, sql: str) -> list[tuple]:
        return self.con.execute(sql).fetchall()

    def copy_parquet(self, name: str, path: Path, part: Part | None = None) -> None:
        """Table ``name`` (or one part of it) as Parquet, with the store's types (dates as
        dates, lists as lists)."""
        select = self.select_list(name, [c.name for c in TABLES[name].columns], typed=True)
        self.copy_text(self.export_query(name, select, part=part), path, parquet_options(name))

    def join_parquet(self, name: str, parts: list[Path], path: Path) -> None:
        """One Parquet file of table ``name`` at ``path`` holding the rows of the files
        ``parts`` (each written by ``copy_parquet``), in their order (one scan of several
        files keeps it; a ``UNION ALL`` of one scan a file did not), in row groups of the
        same size."""
        files = ", ".join(f"'{_quoted(p)}'" for p in parts)
        self.copy_text(f"SELECT * FROM read_parquet([{files}])", path, parquet_options(name))

    def query(self, sql: str) -> tuple[list[str], list[tuple]]:
        cursor = self.con.execute(sql)
        names = [d[0] for d in cursor.description or []]
        return names, cursor.fetchall()


def _arrow_table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    """A batch of rows as an Arrow table in the system allocator's memory, not pyarrow's
    default pool (mimalloc), which kept what the batches had used: on a cluster driver
    that was 10-19 MiB of its peak, growing with the articles of a run (issue 13). The
    batch lives only until DuckDB has copied it. The rows go to Arrow as one struct array,
    converted in C++ (a missing key is a null): a third of the time of one Python list a
    column."""
    rows_array = pa.array(rows, type=pa.struct(list(schema)), memory_pool=pa.system_memory_pool())
    return pa.Table.from_struct_array(rows_array)


def _quoted(path: Path) -> str:
    """A path inside a SQL string literal."""
    return str(path).replace("'", "''")


def _write_error(exc: duckdb.Error, path: Path) -> OSError:
    """DuckDB's failed write as the ``OSError`` the rest of the table layer raises."""
    message = " ".join(str(exc).split())
    code = errno.ENOSPC if "No space left" in message else errno.EIO
    detail = os.strerror(code) if code == errno.ENOSPC else message
    return OSError(code, f"cannot write {path}: {detail}")


class QueryError(Exception):
    """The query failed (bad SQL, or the file is locked by a run in progress)."""


def ask(out_dir: Path, sql: str) -> tuple[list[str], list[tuple]]:
    """Answer one SQL query from the dataset in ``out_dir``, opened read-only; a bad query
    or a store locked by a run in progress raises ``QueryError`` with DuckDB's message."""
    if not (out_dir / DB_NAME).is_file():
        raise FileNotFoundError(
            f"no dataset in {out_dir}: {out_dir / DB_NAME} does not exist "
            f"(run `newsclaims run INPUTS --out {out_dir}` first)"
        )
    try:
        store = Store(out_dir, read_only=True)
    except duckdb.Error as exc:
        raise QueryError(" ".join(str(exc).split())) from exc
    try:
        return store.query(sql)
    except duckdb.Error as exc:
        raise QueryError(" ".join(str(exc).split())) from exc
    finally:
        store.close()


__all__ = [
    "ARTICLE_ENTITIES",
    "DB_NAME",
    "QueryError",
    "Store",
    "ask",
    "store_columns",
]
