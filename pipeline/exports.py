"""Exports: the files analysts load, regenerated from the store after every run.

DuckDB writes all three formats itself with ``COPY``: Parquet with the store's types
(dates as dates, lists as lists), CSV and JSONL from cells generated from the table
definition (``newsclaims.exportsql``: the CSV guard, ``|``-joined lists, whole numbers
without ``.0``, Python's JSON layout). Every export reads the store in one canonical order
(first appearance of the article, then the row's number), so a dataset built in several
runs exports the same bytes as one built in a single run.

A table is written in parts of 1,000 consecutive articles (``Store.export_parts``), each
sorted on its own under the store's memory cap and appended to the file (Parquet: joined
by one more ``COPY``), so that an export needs the same memory for any number of articles
(issue 13). The parts follow from the articles' positions alone, so they too are the same
however the dataset was built.
"""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from newsclaims.exportsql import csv_header, csv_select, jsonl_query
from newsclaims.store import Part, Store
from newsclaims.tables import TABLES, OutputSet, Table

# Tables whose rows are ordered by the position where their record first appeared (the
# entity catalog is not: it is aggregated over every article, so it is always rewritten).
APPENDABLE = ("articles", "sentences", "mentions", "claims", "quotes", "rejects")
# RFC 4180 with CRLF line ends, as Python's csv module writes; JSONL lines go out as a
# one-column CSV without quoting (a JSON line holds no raw line end or U+0001).
_CSV = "FORMAT csv, HEADER {header}, NEW_LINE '\r\n', COMMENT ''"
_LINES = "FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER E'\\x01'"
# Parquet files of parts read by one ``COPY`` when a table's Parquet is joined from them.
JOIN_FILES = 64


def export(
    store: Store, outputs: OutputSet, *, resume_from: Path | None = None, since: int | None = None
) -> dict[str, int]:
    """Write every table of the store into the staged output set; returns row counts.

    ``resume_from`` (the committed set) and ``since`` (the first position this run gave a
    record) are for a run that only added records: each table whose rows all follow the
    earlier ones starts from a copy of its committed CSV and JSONL and gets only the new
    rows, the same bytes a full export writes, at a fraction of the cost.
    """
    with store.one_thread():
        return _export(store, outputs, resume_from, since)


def _export(
    store: Store, outputs: OutputSet, resume_from: Path | None, since: int | None
) -> dict[str, int]:
    counts: dict[str, int] = {}
    staging = outputs.staging
    for name, table in TABLES.items():
        # A link made or undone across articles changes ids in rows already exported.
        earlier = None
        if resume_from is not None and since is not None and name in APPENDABLE:
            earlier = None if name in store.restated else _resume(table, resume_from, staging)
        start = since if earlier is not None else None
        whole = store.export_parts(name)
        parts = whole if start is None else store.export_parts(name, since=start)
        counts[name] = _write_text(store, table, outputs, start, parts) + (earlier or 0)
        _write_parquet(store, name, staging / f"{name}.parquet", whole)
    return counts


def _write_text(
    store: Store, table: Table, outputs: OutputSet, since: int | None, parts: list[Part | None]
) -> int:
    """The table's CSV and JSONL (only rows from ``since`` on, appended to the copies of
    the committed files, when ``since`` is given), written part by part
    (``Store.export_parts`` with the same ``since``); returns the rows written."""
    staging, name = outputs.staging, table.name
    exprs = store.export_exprs(name)
    written = 0
    for ext in ("csv", "jsonl"):
        target, written = staging / f"{name}.{ext}", 0
        for i, part in enumerate(parts):

            def ordered(select: str, part: Part | None = part) -> str:
                return store.export_query(name, select, since=since, part=part)

            query = (
                ordered(csv_select(table, exprs, guard=outputs.csv_guard))
                if ext == "csv"
                else jsonl_query(table, exprs, ordered)
            )
            first = since is None and i == 0  # a new file: the CSV's header, no append
            options = _CSV.format(header=str(first).lower()) if ext == "csv" else _LINES
            if first:
                written += store.copy_text(query, target, options)
                continue
            scratch = staging / f".{name}.{ext}.part"
            written += store.copy_text(query, scratch, options)
            with target.open("ab") as out, scratch.open("rb") as new:
                shutil.copyfileobj(new, out)
            scratch.unlink()
    return written


def _write_parquet(store: Store, name: str, target: Path, parts: list[Part | None]) -> None:
    """The table's Parquet: each part's sorted file first, then ``COPY``s that read those
    files in order and write them as one (DuckDB cannot append to a Parquet file). That
    read keeps the files' order without a sort, so it streams a row group at a time under
    the store's cap; pyarrow's pool, which joined the parts before, kept what it had read
    of every part (issue 13). A table of one part is joined too: DuckDB marks a column
    required when its statistics show no nulls, and what it knows of the statistics of
    the store's Parquet parts depends on how many files a table's rows lie in, that is on
    how the dataset was built; a joined file's columns have no such statistics and are
    all optional, however it was built."""
    scratch = [target.with_name(f".{name}.{i}.parquet.part") for i in range(len(parts))]
    try:
        for part, path in zip(parts, scratch, strict=True):
            store.copy_parquet(name, path, part)
        _join_parquet(store, name, scratch, target)
    finally:
        for path in scratch:
            path.unlink(missing_ok=True)


def _join_parquet(store: Store, name: str, files: list[Path], target: Path) -> None:
    """``files`` joined into ``target``, at most JOIN_FILES at a time: a read of many
    files holds each one's footer (60 KiB a file), so a larger table is joined in rounds,
    through files of groups of parts (each removed once the next round has read it, and
    whatever happens)."""
    made: list[Path] = []
    try:
        while len(files) > JOIN_FILES:
            groups = [files[i : i + JOIN_FILES] for i in range(0, len(files), JOIN_FILES)]
            files = [
                target.with_name(f".{target.name}.{len(made) + i}.part") for i in range(len(groups))
            ]
            made += files
            for group, path in zip(groups, files, strict=True):
                store.join_parquet(name, group, path)
                for done in set(group) & set(made):
                    done.unlink()
        store.join_parquet(name, files, target)
    finally:
        for path in made:
            path.unlink(missing_ok=True)


def _resume(table: Table, committed: Path, staging: Path) -> int | None:
    """Copy the committed CSV and JSONL of ``table`` into the staging folder to append to;
    returns their rows, or None (nothing copied) when they are missing or their header is
    not this version's."""
    paths = [committed / f"{table.name}.{ext}" for ext in ("csv", "jsonl")]
    if not all(p.is_file() for p in paths):
        return None
    with paths[0].open("rb") as fh:
        if fh.readline() != csv_header(table):
            return None
    rows = 0
    for path in paths:
        shutil.copyfile(path, staging / path.name)
    with paths[1].open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            rows += block.count(b"\n")
    return rows


QUERY_FORMATS = ("csv", "jsonl")


def plain(value: Any) -> Any:
    """Dates and times as ISO 8601 text; everything else as DuckDB returned it."""
    return value.isoformat() if isinstance(value, date | datetime) else value


def write_query_result(names: list[str], rows: list[tuple], fmt: str, stream: TextIO) -> None:
    """The answer to an SQL query as CSV (header row) or JSONL (one object a row)."""
    if fmt == "csv":
        writer = csv.writer(stream)
        writer.writerow(names)
        writer.writerows([plain(v) for v in row] for row in rows)
        return
    for row in rows:
        record = dict(zip(names, (plain(v) for v in row), strict=True))
        stream.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
