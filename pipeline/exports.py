"""Exports: the files analysts load, regenerated from the store after every run.

CSV and JSONL go through the same writers as always (``newsclaims.tables``: CSV guard,
``|``-joined lists, whole numbers without ``.0``), Parquet is written by DuckDB itself
with the store's types (dates as dates, lists as lists). Every export reads the store in
one canonical order (first appearance of the article, then the row's number), so a
dataset built in several runs exports the same bytes as one built in a single run.
"""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from newsclaims.store import Store
from newsclaims.tables import TABLES, OutputSet

# Tables whose rows are ordered by the position where their record first appeared (the
# entity catalog is not: it is aggregated over every article, so it is always rewritten).
APPENDABLE = ("articles", "sentences", "mentions", "claims", "quotes", "rejects")


def _convert(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "date" and isinstance(value, date):
        return value.isoformat()
    if kind == "datetime" and isinstance(value, datetime):
        return value.isoformat()
    if kind == "object" and isinstance(value, str):
        return json.loads(value)
    return value


def export(
    store: Store, outputs: OutputSet, *, resume_from: Path | None = None, since: int | None = None
) -> dict[str, int]:
    """Write every table of the store into the staged output set; returns row counts.

    ``resume_from`` (the committed set) and ``since`` (the first position this run gave a
    record) are for a run that only added records: each table whose rows all follow the
    earlier ones starts from a copy of its committed CSV and JSONL and gets only the new
    rows, the same bytes a full export writes, at a fraction of the cost.
    """
    counts: dict[str, int] = {}
    for name, table in TABLES.items():
        columns = [c.name for c in table.columns]
        kinds = [c.type for c in table.columns]
        special = [i for i, k in enumerate(kinds) if k in ("date", "datetime", "object")]
        writer = outputs[name]
        start = None
        # A link made or undone across articles changes ids in rows already exported.
        restated = name in store.restated
        if resume_from is not None and since is not None and name in APPENDABLE and not restated:
            old = [resume_from / f"{name}.{ext}" for ext in ("csv", "jsonl")]
            start = since if writer.resume(*old) else None
        for values in store.rows(name, columns, since=start):
            if special:
                values = list(values)
                for i in special:
                    values[i] = _convert(kinds[i], values[i])
            writer.write_values(values)
        counts[name] = writer.count
        store.copy_parquet(name, columns, outputs.staging / f"{name}.parquet")
    return counts


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
