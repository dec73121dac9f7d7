"""The rows of each article as Parquet parts beside the DuckDB file, read through views.

Why not DuckDB tables (issue 13): a run wrote its rows into DuckDB inside the one
transaction that keeps a failed run from changing the dataset, and DuckDB's own memory
grew with the rows of that transaction, whatever its cap: +14.5 MiB at 1,000 articles,
+23.9 at 5,000, about 0.45 MiB per 1,000 articles beyond, in memory DuckDB does not
count (``duckdb_memory()`` stayed flat). Commits per batch, staging tables, loading
staged Parquet at the end, smaller row groups and the allocator's thresholds all moved
the growth to the commit, none removed it. A Parquet file written a row group at a time
holds only that row group and its footer: the driver stays flat however many articles a
run brings.

So the six per-article tables (``ARTICLE_ROWS``) are files, one set per run:
``newsclaims.parts/<table>/run-000007-0.parquet``. The DuckDB file keeps the rest
(rejects, the entity catalog and its links, the runs) and two small tables:

* ``store_parts``: the committed part files. A run's files are listed in its transaction,
  so a failed or killed run leaves files nothing lists; the next run deletes them.
* ``replaced_rows``: tombstones, (article, run) pairs whose rows a later run replaced (a
  changed text, a new analysis version). A part whose articles are all replaced is
  dropped, with its tombstones.

Each per-article table is a view of the same name over its parts, with every column of
the table as before: the tombstoned rows left out, and each entity id column computed
from the row's own id (``own_entity_id``, what its article gave) through the catalog's
links (``entity_links``), so that relinking a surname rewrites no row. The views name
the files by absolute path (DuckDB resolves a relative one against the reader's working
folder): every run writes them anew, and every connection ``newsclaims`` opens makes
temporary views of the same names for the folder where the dataset is now, so a moved
dataset still answers ``newsclaims sql`` and ``open_dataset``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsclaims import catalog
from newsclaims.store_schema import DUCKDB_TYPES, all_tables, arrow_schema, store_columns
from newsclaims.tabledefs import Table

PARTS_DIR = "newsclaims.parts"
# Rows of these tables belong to one article and are replaced when it is analysed again.
ARTICLE_ROWS = ("articles", "sentences", "mentions", "quotes", "claims", "article_entities")
RUN = "_run"  # the run that wrote a part's rows: a tombstone names (article, run)
CATALOG_SCRATCH = ".catalog"  # the entity catalog's steps, while a run rebuilds it
SCHEMA_FILE = "schema.parquet"  # a part without rows: the view's columns before any run
PARTS_TABLE = "store_parts"
TOMBSTONES = "replaced_rows"
PARTS_DDL = (
    f'CREATE TABLE IF NOT EXISTS "{PARTS_TABLE}" (table_name VARCHAR NOT NULL, '
    "run_id BIGINT NOT NULL, file VARCHAR NOT NULL, n_rows BIGINT NOT NULL)",
    f'CREATE TABLE IF NOT EXISTS "{TOMBSTONES}" (article_id VARCHAR NOT NULL, '
    "run_id BIGINT NOT NULL)",
)
# A row group is written when a table has this many rows waiting (or these bytes: the
# articles carry their texts), so that a cluster driver's small flushes do not make tiny
# groups; small, because what waits is the driver's: at 16,384 rows or 8 MiB the groups
# were still filling at 5,000 articles, and the driver's analysis grew 18.7 MiB from
# 1,000 to 5,000 articles (at these sizes 3.7). A file is closed after this many groups,
# so that its footer (which the writer holds until the file closes) stays small.
ROW_GROUP_ROWS = 4_096
ROW_GROUP_BYTES = 2**20
FILE_ROW_GROUPS = 64


def parts_root(out_dir: Path) -> Path:
    return out_dir / PARTS_DIR


def part_schema(table: Table, store_schema: pa.Schema) -> pa.Schema:
    """What a part of ``table`` holds: the store's columns without the catalog's entity
    ids (the view computes them from their ``own_`` twins), and the run."""
    computed = set(catalog.REDIRECTED.get(table.name, ()))
    fields = [f for f in store_schema if f.name not in computed]
    return pa.schema([*fields, pa.field(RUN, pa.int64())])


def as_part(batch: pa.Table, schema: pa.Schema, run_id: int) -> pa.Table:
    """A batch of store rows (``Store.flush``'s Arrow table, twins set) as part rows."""
    runs = pa.array([run_id] * batch.num_rows, pa.int64())
    columns = [batch[f.name] if f.name != RUN else runs for f in schema]
    return pa.Table.from_arrays(columns, schema=schema)


@dataclass
class _Open:
    """The file one table of a run is being written to, and its rows not yet written."""

    relative: str
    writer: pq.ParquetWriter
    groups: int = 0
    rows: int = 0
    waiting: list[pa.Table] = field(default_factory=list)

    def waiting_rows(self) -> int:
        return sum(t.num_rows for t in self.waiting)

    def waiting_bytes(self) -> int:
        return sum(t.nbytes for t in self.waiting)


@dataclass(frozen=True)
class WrittenPart:
    """A closed part file of the run: what ``store_parts`` lists once the run commits."""

    table: str
    run_id: int
    file: str  # relative to the parts folder
    n_rows: int


class RunParts:
    """The part files one run writes: a row group at a time, a file per table until it
    holds FILE_ROW_GROUPS groups. Nothing here is visible to a reader until the store
    lists the closed files (``Store.publish``)."""

    def __init__(
        self, root: Path, run_id: int, schemas: dict[str, pa.Schema], *, first: int = 0
    ) -> None:
        self.root = root
        self.run_id = run_id
        self.schemas = schemas
        self._open: dict[str, _Open] = {}
        self._closed: list[WrittenPart] = []
        self._files: list[Path] = []  # every file begun, for ``discard``
        self._next = first  # the number of the run's next file (``next_file_number``)

    def write(self, name: str, batch: pa.Table) -> None:
        """Queue a batch of part rows of table ``name`` (``as_part``)."""
        current = self._open.get(name) or self._begin(name)
        current.waiting.append(batch)
        full = current.waiting_rows() >= ROW_GROUP_ROWS
        if full or current.waiting_bytes() >= ROW_GROUP_BYTES:
            self._write_group(name, current)

    def reserve(self, name: str) -> str:
        """A new file of the run for table ``name`` (relative to the parts folder)."""
        relative = f"{name}/run-{self.run_id:06d}-{self._next}.parquet"
        self._next += 1
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        self._files.append(path)
        return relative

    def copy(self, con: Any, name: str, query: str) -> int:
        """Write the rows of ``query`` (the columns of a part of ``name``, in order: see
        ``part_schema``) with DuckDB's ``COPY`` as one more part; returns the rows."""
        relative = self.reserve(name)
        target = quoted(self.root / relative)
        options = f"FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE {ROW_GROUP_ROWS}"
        rows = con.execute(f"COPY ({query}) TO '{target}' ({options})")
        (count,) = rows.fetchone() or (0,)
        self._closed.append(WrittenPart(name, self.run_id, relative, int(count)))
        return int(count)

    def _begin(self, name: str) -> _Open:
        relative = self.reserve(name)
        path = self.root / relative
        schema = self.schemas[name]
        # statistics for the numbers only (the positions the exports filter on): a text
        # column's minimum and maximum, up to 4 KiB each a row group, serve no query
        numbers = [f.name for f in schema if pa.types.is_integer(f.type)]
        writer = pq.ParquetWriter(path, schema, compression="zstd", write_statistics=numbers)
        self._open[name] = _Open(relative, writer)
        return self._open[name]

    def _write_group(self, name: str, current: _Open) -> None:
        _flush_waiting(current)
        if current.groups >= FILE_ROW_GROUPS:
            self._close(name)

    def _close(self, name: str) -> None:
        current = self._open.pop(name)
        _flush_waiting(current)
        current.writer.close()
        self._closed.append(WrittenPart(name, self.run_id, current.relative, current.rows))

    def close(self) -> list[WrittenPart]:
        """Close every open file; the parts closed since the last call."""
        for name in list(self._open):
            self._close(name)
        closed, self._closed = self._closed, []
        return closed

    def discard(self) -> None:
        """Close and delete every file of the run (it failed: nothing lists them)."""
        for current in self._open.values():
            current.waiting.clear()
            current.writer.close()
        self._open.clear()
        for path in self._files:
            path.unlink(missing_ok=True)


def _flush_waiting(current: _Open) -> None:
    """Write a table's waiting rows as one row group."""
    if not current.waiting:
        return
    group = pa.concat_tables(current.waiting)
    current.waiting.clear()
    current.writer.write_table(group, row_group_size=max(group.num_rows, 1))
    current.groups += 1
    current.rows += group.num_rows


def write_schema_files(root: Path, schemas: dict[str, pa.Schema]) -> None:
    """One part without rows per table: the view has every column before any run, and a
    column added by a later version reads as null in older parts."""
    for name, schema in schemas.items():
        path = root / name / SCHEMA_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_file() and pq.read_schema(path).equals(schema):
            continue
        scratch = path.with_suffix(".tmp")
        pq.write_table(schema.empty_table(), scratch)
        os.replace(scratch, path)


def next_file_number(root: Path, run_id: int) -> int:
    """The number after the highest of run ``run_id``'s files in any table (0: none), so
    that more files of a run (``newsclaims.compaction``) never overwrite one."""
    numbers = [int(p.stem.rsplit("-", 1)[1]) for p in root.glob(f"*/run-{run_id:06d}-*.parquet")]
    return max(numbers, default=-1) + 1


def orphans(root: Path, listed: set[str]) -> list[Path]:
    """Part files no committed run lists (a failed or killed run's), and the catalog's
    scratch files a killed run left."""
    if not root.is_dir():
        return []
    found = sorted([*root.glob("*/run-*.parquet"), *(root / CATALOG_SCRATCH).glob("*")])
    return [p for p in found if p.relative_to(root).as_posix() not in listed]


_CAST = ("DATE", "TIMESTAMPTZ", "JSON")


def quoted(path: Path) -> str:
    """A path inside a SQL string literal."""
    return str(path).replace("'", "''")


def path_list(paths: list[Path]) -> str:
    """Files as a SQL list of string literals, by absolute path (``read_parquet([...])``)."""
    return ", ".join(f"'{quoted(p.resolve())}'" for p in paths)


def arrow_batch(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    """A batch of rows as an Arrow table in the system allocator's memory, not pyarrow's
    default pool (mimalloc), which kept what the batches had used: on a cluster driver
    that was 10-19 MiB of its peak, growing with the articles of a run (issue 13). The
    batch lives only until DuckDB or a part's row group has taken it. The rows go to
    Arrow as one struct array, converted in C++ (a missing key is a null): a third of the
    time of one Python list a column."""
    rows_array = pa.array(rows, type=pa.struct(list(schema)), memory_pool=pa.system_memory_pool())
    return pa.Table.from_struct_array(rows_array)


def view_sql(
    table: Table, columns: dict[str, str], root: Path, files: list[str], *, temp: bool
) -> str:
    """The view of ``table``: its store ``columns`` (name: DuckDB type) over the listed
    part ``files``, the tombstoned rows left out, entity ids through the catalog's links.
    Dates, instants and JSON are text in the parts (as the rows give them) and typed
    here, as an INSERT into a typed table did."""
    paths = [root / table.name / SCHEMA_FILE, *(root / f for f in files)]
    listed = path_list(paths)
    redirected = catalog.REDIRECTED.get(table.name, ())
    joins, select = [], []
    for column in columns:
        if column in redirected:
            link = f"l{len(joins)}"
            own = catalog.own_column(column)
            joins.append(f'LEFT JOIN entity_links {link} ON {link}.entity_id = p."{own}"')
            select.append(f'coalesce({link}.canonical_id, p."{own}") AS "{column}"')
        elif columns[column] in _CAST:
            select.append(f'CAST(p."{column}" AS {columns[column]}) AS "{column}"')
        else:
            select.append(f'p."{column}"')
    kind = "TEMP VIEW" if temp else "VIEW"
    return (
        f'CREATE OR REPLACE {kind} "{table.name}" AS SELECT {", ".join(select)} '
        f"FROM read_parquet([{listed}], union_by_name = true) p {' '.join(joins)} "
        f'ANTI JOIN "{TOMBSTONES}" d ON d.article_id = p.article_id AND d.run_id = p."{RUN}"'
    )


class PartCatalog:
    """What the DuckDB file knows of the parts: which files are committed, which rows are
    replaced, and the views over them. Runs its statements on the store's connection (in
    the store's transaction)."""

    def __init__(self, con: Any, root: Path) -> None:
        self.con = con
        self.root = root
        tables = all_tables()
        self.schemas = {n: part_schema(tables[n], arrow_schema(tables[n])) for n in ARTICLE_ROWS}

    def _do(self, sql: str, params: list[Any] | None = None) -> list[tuple]:
        return (
            self.con.execute(sql, params).fetchall() if params else self.con.execute(sql).fetchall()
        )

    def listed(self) -> set[str]:
        return {r[0] for r in self._do(f'SELECT file FROM "{PARTS_TABLE}"')}

    def list_part(self, part: WrittenPart) -> None:
        self._do(
            f'INSERT INTO "{PARTS_TABLE}" VALUES (?, ?, ?, ?)',
            [part.table, part.run_id, part.file, part.n_rows],
        )

    def files(self, name: str) -> list[str]:
        query = f'SELECT file FROM "{PARTS_TABLE}" WHERE table_name = ? ORDER BY run_id, file'
        return [r[0] for r in self._do(query, [name])]

    def view_sql(self, name: str, *, temp: bool) -> str:
        table = all_tables()[name]
        columns = {c.name: DUCKDB_TYPES[c.type] for c in store_columns(table)}
        return view_sql(table, columns, self.root, self.files(name), temp=temp)

    def view(self, name: str, *, temp: bool) -> None:
        self._do(self.view_sql(name, temp=temp))

    def views(self, *, temp: bool) -> None:
        """The per-article tables' views over their listed parts: temporary ones for this
        connection (the folder as it is now), or the file's own for other readers."""
        old = set(self.stored_as_tables())  # read-only, an earlier version's file
        for name in ARTICLE_ROWS:
            if name not in old:
                self.view(name, temp=temp)

    def stored_as_tables(self) -> list[str]:
        """Per-article tables a dataset of an earlier version holds as DuckDB tables."""
        rows = self._do(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'main' AND table_type = 'BASE TABLE'"
        )
        present = {r[0] for r in rows}
        return [name for name in ARTICLE_ROWS if name in present]

    def move_to_parts(self, name: str) -> None:
        """An earlier version's table as one part of run 0, then dropped (inside the
        layout's transaction: a failed move leaves the table, and an unlisted file). Its
        rows gain the columns added since as null, the article's position, and the own
        ids of the catalog's columns (an old row's id, if it had no twin)."""
        present = {r[1] for r in self._do(f"PRAGMA table_info('{name}')")}
        select = []
        for f in self.schemas[name]:
            column, linked = f.name, f.name.removeprefix("own_")
            if column == RUN:
                select.append(f'0::BIGINT AS "{RUN}"')
            elif column == "article_seq" and column not in present:
                position = "SELECT a.seq FROM articles a WHERE a.article_id = t.article_id"
                select.append(f'({position}) AS "article_seq"')
            elif column != linked and linked in present:
                own = f'"{column}"' if column in present else "NULL"
                select.append(f'coalesce({own}, "{linked}") AS "{column}"')
            else:
                select.append(f'"{column}"' if column in present else f'NULL AS "{column}"')
        relative = f"{name}/run-000000-0.parquet"
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        query = f'SELECT {", ".join(select)} FROM "{name}" t'
        (rows,) = self._do(f'SELECT count(*) FROM "{name}"')[0]
        self._do(f"COPY ({query}) TO '{quoted(target)}' (FORMAT parquet, COMPRESSION zstd)")
        self.list_part(WrittenPart(name, 0, relative, int(rows)))
        self._do(f'DROP TABLE "{name}"')

    def drop_replaced_runs(self) -> list[Path]:
        """Unlist the parts of runs whose every article a later run replaced, with their
        tombstones; returns their files, to delete once the transaction commits."""
        runs = self._do(
            f'SELECT p.run_id FROM "{PARTS_TABLE}" p '
            f"WHERE p.table_name = 'articles' GROUP BY p.run_id "
            f'HAVING sum(p.n_rows) = (SELECT count(*) FROM "{TOMBSTONES}" d '
            "WHERE d.run_id = p.run_id)"
        )
        unlisted: list[Path] = []
        for (run,) in runs:
            files = self._do(f'SELECT file FROM "{PARTS_TABLE}" WHERE run_id = ?', [run])
            unlisted += [self.root / f[0] for f in files]
            self._do(f'DELETE FROM "{PARTS_TABLE}" WHERE run_id = ?', [run])
            self._do(f'DELETE FROM "{TOMBSTONES}" WHERE run_id = ?', [run])
        return unlisted

    def live_rows_sql(self, name: str, run_id: int) -> str:
        """The rows of table ``name``'s listed parts that no tombstone hides, in the parts'
        own layout (own ids, dates as text), each as a row of run ``run_id``, in the
        order of the files (``newsclaims.compaction``)."""
        paths = [self.root / name / SCHEMA_FILE, *(self.root / f for f in self.files(name))]
        select = [
            f'{int(run_id)}::BIGINT AS "{RUN}"' if f.name == RUN else f'p."{f.name}"'
            for f in self.schemas[name]
        ]
        return (
            f"SELECT {', '.join(select)} "
            f"FROM read_parquet([{path_list(paths)}], union_by_name = true) p "
            f'ANTI JOIN "{TOMBSTONES}" d ON d.article_id = p.article_id AND d.run_id = p."{RUN}"'
        )

    def relist(self, written: list[WrittenPart]) -> list[Path]:
        """List ``written`` in place of every listed part and drop every tombstone (the
        parts hold no replaced row any more); returns the files no longer listed, to
        delete once the transaction commits."""
        old = [self.root / f for f in sorted(self.listed())]
        self._do(f'DELETE FROM "{PARTS_TABLE}"')
        self._do(f'DELETE FROM "{TOMBSTONES}"')
        for part in written:
            self.list_part(part)
        return old

    def tombstone(self, article_ids: list[str], run_id: int) -> None:
        """The listed rows of these articles are replaced: tombstones for the earlier
        runs that wrote them (not for ``run_id``, the run in progress)."""
        listed = self.files("articles")
        if not listed:
            return
        files = path_list([self.root / f for f in listed])
        ids = pa.table({"article_id": pa.array(article_ids, pa.string())})
        self.con.from_arrow(ids).query(
            "_replaced",
            f'INSERT INTO "{TOMBSTONES}" SELECT p.article_id, p."{RUN}" '
            f"FROM read_parquet([{files}]) p "
            f'ANTI JOIN "{TOMBSTONES}" d ON d.article_id = p.article_id AND d.run_id = p."{RUN}" '
            f'WHERE p."{RUN}" < {int(run_id)} '
            "AND p.article_id IN (SELECT article_id FROM _replaced)",
        ).fetchall()
