"""Compaction of a dataset's Parquet parts: one file per table, the replaced rows gone.

Why: every run adds a file (or more) per per-article table (``newsclaims.store_parts``),
and a row a later run replaced stays in its file, hidden by a tombstone, until every
article of its run is replaced. A dataset grown by a run a day reads hundreds of files
per table after a year, through views that list them all and an anti join over every
tombstone. ``newsclaims compact`` writes each table's live rows into one new part
(DuckDB's ``COPY``, on one thread under the store's cap: a scan, no sort), lists the new
parts in place of all the old ones in one transaction, drops the tombstones, and deletes
the old files once that has committed. Tables, views, ids and exports are the same
before and after; only the files under ``newsclaims.parts/`` change.

The new parts belong to the last run that wrote parts (their rows carry its id, so a later
run's tombstones and ``PartCatalog.drop_replaced_runs`` treat them as that run's rows), as
files numbered after its own. Like a run, a compaction holds the output folder's lock, and
one killed before its commit leaves the dataset as it was: its files are listed nowhere
and the next open of the store deletes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsclaims.outdir import OutputFolder
from newsclaims.store import DB_NAME, QUERY_MEMORY_LIMIT, Store
from newsclaims.store_parts import (
    ARTICLE_ROWS,
    PARTS_TABLE,
    TOMBSTONES,
    RunParts,
    next_file_number,
)
from newsclaims.tables import SET_FILES


@dataclass(frozen=True, slots=True)
class TableCompaction:
    """One table's parts before and after: files, and rows stored (replaced ones too)."""

    table: str
    files_before: int
    files_after: int
    rows_before: int
    rows_after: int


def compact(out_dir: Path) -> list[TableCompaction]:
    """Rewrite the per-article tables of the dataset in ``out_dir`` one part each (see the
    module docstring). A dataset already in one part per table without replaced rows is
    left as it is. Raises ``FileNotFoundError`` without a dataset and
    ``newsclaims.outdir.OutputLocked`` while a run holds the folder."""
    if not (out_dir / DB_NAME).is_file():
        raise FileNotFoundError(f"no dataset in {out_dir} (no {DB_NAME}): run newsclaims first")
    folder = OutputFolder(out_dir, SET_FILES).open()
    try:
        store = Store(out_dir)
        try:
            return _compact(store)
        finally:
            store.close()
    finally:
        folder.abort()  # the lock; the staging folder it made stays unused


def _compact(store: Store) -> list[TableCompaction]:
    con, catalog = store.con, store.parts
    before = {
        name: con.execute(
            f'SELECT count(*), coalesce(sum(n_rows), 0) FROM "{PARTS_TABLE}" WHERE table_name = ?',
            [name],
        ).fetchone()
        or (0, 0)
        for name in ARTICLE_ROWS
    }
    (tombstones,) = con.execute(f'SELECT count(*) FROM "{TOMBSTONES}"').fetchone() or (0,)
    (run_id,) = con.execute(f'SELECT max(run_id) FROM "{PARTS_TABLE}"').fetchone() or (None,)
    if run_id is None or (not tombstones and all(n <= 1 for n, _ in before.values())):
        return [TableCompaction(name, n, n, rows, rows) for name, (n, rows) in before.items()]
    run = RunParts(
        store.root, int(run_id), catalog.schemas, first=next_file_number(store.root, run_id)
    )
    after: dict[str, int] = {}
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(f"SET memory_limit = '{QUERY_MEMORY_LIMIT}'")
        with store.one_thread():
            for name in ARTICLE_ROWS:
                after[name] = run.copy(con, name, catalog.live_rows_sql(name, int(run_id)))
        old = catalog.relist(run.close())
        catalog.views(temp=False)
        catalog.views(temp=True)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        run.discard()
        catalog.views(temp=True)
        raise
    con.execute("CHECKPOINT")
    for path in old:
        path.unlink(missing_ok=True)
    return [TableCompaction(name, n, 1, rows, after[name]) for name, (n, rows) in before.items()]
