"""The dataset's store of record: a DuckDB file and Parquet parts in the output folder.

A run reads what the store already holds (text hash and analysis version per article, so
that known articles are not analysed again), writes the rows of what it analysed in bulk
(the per-article tables as Parquet parts a row group at a time, ``newsclaims.store_parts``;
rejects as Arrow batches into DuckDB), derives the entity catalog from the stored
per-article referents in SQL, and records itself in ``runs``; all of it inside one DuckDB
transaction, which is also what lists the run's part files, so a failed or killed run
leaves the store exactly as it was (DuckDB only makes a transaction durable at its commit;
files nothing lists are deleted by the next run). The exports are generated from the store
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
from newsclaims import store_parts as parts
from newsclaims.export_layout import Part, parquet_options
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

ARTICLE_ROWS = parts.ARTICLE_ROWS
# Rows buffered before a write. A cluster's driver holds nothing else, and there 20,000
# rows put 21 MiB on its peak; a local run holds the model, and a smaller buffer costs it
# about 2.4 ms a statement (0.1 s per 500 articles at 5,000).
FLUSH_ROWS = 20_000
CLUSTER_FLUSH_ROWS = 5_000
# DuckDB's memory while a run writes (issue 13): the rows go to Parquet parts, DuckDB
# gets only rejects and tombstones, which spill to <file>.tmp beyond this.
WRITE_MEMORY_LIMIT = "16MB"
_WRITE_BYTES = int(WRITE_MEMORY_LIMIT.removesuffix("MB")) * 10**6  # DuckDB's MB: 10**6
_HELD = "SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory()"
# The run's whole-dataset queries (the catalog, the exports) run under a fixed cap, so
# that DuckDB's own memory does not grow with the dataset, and each one alone: after a
# statement that leaves DuckDB holding more than the write cap, the cap is lowered to it,
# which evicts what it read (``Store._whole_dataset``). They are shaped for it: the
# catalog works in steps of spillable tables with one-row aggregate states
# (``newsclaims.catalog``), and every export is written in parts of EXPORT_PART_ARTICLES
# articles, each sorted on its own, on one thread (DuckDB's sort failed under the cap
# with wide rows: 20,000 articles with their texts at 64 MB; two threads also failed).
QUERY_MEMORY_LIMIT = "128MB"
# The commit and its checkpoint write the catalog and the small tables: at 32 MB they
# peaked 21-24 MiB above the run's memory for 5,000 and for 100,000 articles alike.
COMMIT_MEMORY_LIMIT = "32MB"
_ALLOCATOR = (
    "SET allocator_flush_threshold = '1MB'",
    "SET allocator_bulk_deallocation_flush_threshold = '1MB'",
    "SET allocator_background_threads = true",
)
LAYOUT = "store_layout"  # fingerprint of the DDL the file was created with


class Store:
    """The DuckDB file and the Parquet parts of one output folder; the caller holds the
    folder's lock."""

    # Tables whose rows from earlier runs the last catalog rebuild gave other entity ids.
    restated: frozenset[str] = frozenset()

    def __init__(
        self, out_dir: Path, *, read_only: bool = False, flush_rows: int = FLUSH_ROWS
    ) -> None:
        self.path = out_dir / DB_NAME
        self.root = parts.parts_root(out_dir)
        self.flush_rows = flush_rows
        self.con = duckdb.connect(str(self.path), read_only=read_only)
        self._do("SET TimeZone = 'UTC'")
        self._do("SET parquet_metadata_cache = true")  # the views read the footers once
        # DuckDB keeps what it read of a file in its buffer pool for the next query, up to
        # the cap: over the parts that made the driver's memory grow with the dataset
        self._do("SET enable_external_file_cache = false")
        # ... and its allocator keeps freed memory for reuse up to 128 MB a thread (512 MB
        # in bulk): after each export query the driver held 1-2 MiB more, 38-42 MiB in
        # all by the end of the exports; returned at 1 MB, 16-21 MiB
        for setting in _ALLOCATOR:
            self._do(setting)
        self._buffers: dict[str, list[dict[str, Any]]] = {}
        self._buffered = 0
        self._replaced: set[str] = set()
        self._dropped: set[tuple[str, str]] = set()
        self._limit: str | None = None  # the memory cap last set (None: DuckDB's default)
        self._one_thread = False  # inside ``one_thread``
        self._run: parts.RunParts | None = None  # the parts of the run in progress
        self._article: tuple[str | None, int | None] = (None, None)  # last article row's
        self._unlisted: list[Path] = []  # files of parts dropped in this transaction
        self._pending = False  # rows or tombstones written since the last ``publish``
        self.parts = parts.PartCatalog(self.con, self.root)
        self._schemas = self.parts.schemas
        if not read_only:
            self._create()
            for orphan in parts.orphans(self.root, self.parts.listed()):
                orphan.unlink(missing_ok=True)
        self.parts.views(temp=True)

    def _create(self) -> None:
        """Create the tables, the parts' schema files and the views, unless the file
        already holds this very layout (then the file is not written at all: a failed run
        leaves it byte for byte)."""
        tables = [create_table_sql(t) for n, t in all_tables().items() if n not in ARTICLE_ROWS]
        views = [create_view_sql(v) for v in VIEWS]
        layout_of = [*tables, *parts.PARTS_DDL, *views, *(str(s) for s in self._schemas.values())]
        fingerprint = hashlib.sha1("\n".join(layout_of).encode("utf-8")).hexdigest()
        parts.write_schema_files(self.root, self._schemas)
        self._do(f"CREATE TABLE IF NOT EXISTS {LAYOUT} (fingerprint VARCHAR)")
        old = self.parts.stored_as_tables()
        if self._scalar(f"SELECT max(fingerprint) FROM {LAYOUT}") == fingerprint and not old:
            return
        self._do("BEGIN TRANSACTION")
        for statement in [*tables, *parts.PARTS_DDL]:
            self._do(statement)
        self._add_missing_columns()
        self.parts.views(temp=True)
        for name in old:
            self.parts.move_to_parts(name)
            self.parts.view(name, temp=True)
        self.parts.views(temp=False)
        for statement in views:
            self._do(statement)
        self._do(f"DELETE FROM {LAYOUT}")
        self._do(f"INSERT INTO {LAYOUT} VALUES ('{fingerprint}')")
        self._do("COMMIT")

    def _add_missing_columns(self) -> None:
        """A dataset made by an earlier version gains the columns added since (null in
        its old rows); nothing is ever dropped. (The parts' views read a column missing
        from older parts as null.)"""
        for table in all_tables().values():
            if table.name in ARTICLE_ROWS:
                continue
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
        self._run = parts.RunParts(self.root, self.next_run_id(), self._schemas)

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
        (``flush``). The run's own rows so far are part of the dataset it reads."""
        self.publish()
        self._cap(limit or QUERY_MEMORY_LIMIT)
        try:
            yield
        finally:
            # an aborted transaction, or rows that cannot spill: stay at the higher cap
            with contextlib.suppress(duckdb.Error):
                if self._scalar(_HELD) > _WRITE_BYTES:
                    self._cap(WRITE_MEMORY_LIMIT)

    def publish(self) -> None:
        """Make the run's rows so far readable in its transaction: close its part files,
        list them, drop the parts whose articles were all replaced, and point the views
        at the listed parts. Later rows go to new files."""
        self.flush()
        if not self._pending:
            return
        self._pending = False
        for part in self._run.close() if self._run is not None else []:
            self.parts.list_part(part)
        self._unlisted += self.parts.drop_replaced_runs()
        self.parts.views(temp=True)
        self.parts.views(temp=False)

    def commit(self) -> None:
        self.publish()
        with self._whole_dataset(COMMIT_MEMORY_LIMIT):
            self._do("COMMIT")
            self._do("CHECKPOINT")
        self._run = None
        for path in self._unlisted:
            path.unlink(missing_ok=True)
        self._unlisted.clear()

    def rollback(self) -> None:
        self._buffers.clear()
        self._buffered = 0
        with contextlib.suppress(duckdb.Error):  # no transaction open: nothing to undo
            self._do("ROLLBACK")
        self._unlisted.clear()
        if self._run is not None:
            self._run.discard()
            self._run = None
            with contextlib.suppress(duckdb.Error):  # the views of the committed parts
                self.parts.views(temp=True)

    def close(self) -> None:
        self.con.close()

    # -- what is there ----------------------------------------------------------------

    def known_articles(self, batch: int = 10_000) -> Iterator[tuple[str, str, str, str, int]]:
        """(article_id, text_sha1, analysis_version, status, seq) of every stored article,
        fetched ``batch`` rows at a time (``newsclaims.seen.KnownArticles`` keeps them on
        disk: a run into a large dataset does not hold them in memory)."""
        cursor = self.con.cursor()
        try:
            cursor.execute(self.parts.view_sql("articles", temp=True))
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
        self.publish()
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
        """Buffer one row (all store columns of ``table``); flushed in bulk. A row of an
        article's table follows its article's row, whose position it takes."""
        if table == "articles":
            self._article = (row["article_id"], row["seq"])
        elif table in ARTICLE_ROWS and row.get("article_seq") is None:
            article, seq = self._article
            row["article_seq"] = seq if article == row["article_id"] else None
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
            run_id = self._run.run_id if self._run is not None else self.next_run_id()
            self.parts.tombstone(sorted(self._replaced), run_id)
            self._replaced.clear()
            self._pending = True
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
            batch = parts.arrow_batch(rows, schema)
            for column in catalog.REDIRECTED.get(name, ()):  # the twin: the row's own id
                own = catalog.own_column(column)
                batch = batch.set_column(schema.get_field_index(own), own, batch[column])
            if name in ARTICLE_ROWS and self._run is not None:
                self._run.write(name, parts.as_part(batch, self._schemas[name], self._run.run_id))
                self._pending = True
            else:
                self._with_table(
                    "_batch", batch, f'INSERT INTO "{name}" BY NAME SELECT * FROM _batch'
                )
        self._buffers.clear()
        self._buffered = 0

    def copy_part(self, name: str, query: str) -> int:
        """Write the rows of ``query`` as one more part of the run (``RunParts.copy``);
        returns the rows written. For ``newsclaims.bench_store``."""
        if self._run is None:
            raise RuntimeError("copy_part needs a run: call begin() first")
        self._pending = True
        return self._run.copy(self.con, name, query)

    def rebuild_catalog(self, since: int | None = None) -> None:
        """The entity catalog, aggregated from every stored article's referents, with the
        links across articles applied to every entity id (``newsclaims.catalog``): the
        same rows as a run over every article at once. ``restated`` names the tables
        where rows of records before position ``since`` (earlier runs') changed ids, so
        that their exports are written anew."""
        self.publish()
        with self.one_thread():  # its hash tables per thread: 3-4 MiB less peak, not slower
            scratch = self.root / parts.CATALOG_SCRATCH
            scratch.mkdir(parents=True, exist_ok=True)
            self.restated = catalog.rebuild(
                self.con, since, scratch=scratch, each=self._whole_dataset
            )

    def record_run(self, run: RunRecord) -> None:
        self.flush()
        row = dataclasses.asdict(run)
        names = ", ".join(f'"{n}"' for n in row)
        marks = ", ".join("?" for _ in row)
        self.con.execute(f'INSERT INTO "runs" ({names}) VALUES ({marks})', list(row.values()))

    # -- reads ------------------------------------------------------------------------

    # The export queries' SQL is the layout's (``newsclaims.export_layout``).
    export_exprs = staticmethod(layout.export_exprs)
    select_list = staticmethod(layout.select_list)
    export_query = staticmethod(layout.export_query)

    def export_parts(self, name: str, *, since: int | None = None) -> list[Part | None]:
        """The parts an export of table ``name`` is written in, in order: the rows of up
        to EXPORT_PART_ARTICLES consecutive records each, so that each part's sort fits
        the cap however large the dataset (``[None]``: the whole table at once, for the
        entity catalog, which has no record order). A part's rows are found by their
        record's position, which the Parquet parts' row group statistics narrow down
        (rows are stored mostly in arrival order) instead of a scan of the table a part."""
        if name == "entities":
            return [None]
        self.publish()
        records = "rejects" if name == "rejects" else "articles"
        where = "" if since is None else f" WHERE seq >= {int(since)}"
        size = layout.EXPORT_PART_ARTICLES
        if self._scalar(f"SELECT count(*) FROM {records}{where}") <= size:
            return [None]  # one part: no numbering (4 ms a table)
        numbered = (
            f"SELECT seq, (row_number() OVER (ORDER BY seq) - 1) // {size}"
            f" AS part FROM {records}{where}"
        )
        with self._whole_dataset():
            found = self.con.execute(
                f"SELECT min(seq) FROM ({numbered}) GROUP BY part ORDER BY part"
            ).fetchall()
        lows = [int(r[0]) for r in found]
        parts_: list[Part | None] = [
            Part(low, lows[i + 1] if i + 1 < len(lows) else None) for i, low in enumerate(lows)
        ]
        return parts_ or [None]  # no rows: one empty part, which still writes a header

    def rows(self, name: str, columns: list[str], *, batch: int = 10_000) -> Iterator[tuple]:
        """Rows in export order, read in the run's own transaction (a cursor would be a
        separate connection that cannot see the rows this run has not committed yet)."""
        self.publish()
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
        target = parts.quoted(path)
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

    def join_parquet(self, name: str, files: list[Path], path: Path) -> None:
        """One Parquet file of table ``name`` at ``path`` holding the rows of the files
        ``files`` (each written by ``copy_parquet``), in their order (one scan of several
        files keeps it; a ``UNION ALL`` of one scan a file did not), in row groups of the
        same size."""
        listed = parts.path_list(files)
        self.copy_text(f"SELECT * FROM read_parquet([{listed}])", path, parquet_options(name))

    def query(self, sql: str) -> tuple[list[str], list[tuple]]:
        cursor = self.con.execute(sql)
        names = [d[0] for d in cursor.description or []]
        return names, cursor.fetchall()


def _write_error(exc: duckdb.Error, path: Path) -> OSError:
    """DuckDB's failed write as the ``OSError`` the rest of the table layer raises."""
    message = " ".join(str(exc).split())
    code = errno.ENOSPC if "No space left" in message else errno.EIO
    detail = os.strerror(code) if code == errno.ENOSPC else message
    return OSError(code, f"cannot write {path}: {detail}")


__all__ = [
    "ARTICLE_ENTITIES",
    "DB_NAME",
    "Store",
    "store_columns",
]
