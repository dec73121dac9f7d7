"""Benchmark of the end of a large run: catalog, exports and commit over many articles.

    python -m newsclaims.bench_store outputs/ --copies 20 --json build/eval/bench_store.json

The driver's memory at the end of a run (issue 13) depends on how many articles the
dataset holds, not on how they were analysed, and analysing 100,000 articles takes hours.
So this copies the article rows of a stored dataset ``copies`` times (new article ids and
positions, the same entity ids, so the catalog links across the copies as it would across
real articles) into a scratch store, as Parquet parts of one run (written by DuckDB's
``COPY``, not a row group at a time as a run writes them), then runs a run's last steps:
the catalog, the exports and the commit. For each it prints the seconds and the peak
memory above the memory before the step.

The peak of each step is the process's ``VmHWM`` after resetting it (Linux
``/proc/self/clear_refs``); elsewhere it is ``ru_maxrss``, which cannot be reset, so only
a step that raises the process's peak shows.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa

from newsclaims import exports
from newsclaims.store import ARTICLE_ROWS, QUERY_MEMORY_LIMIT, WRITE_MEMORY_LIMIT, Store
from newsclaims.store_schema import DB_NAME
from newsclaims.tables import OutputSet

# Columns that hold an article's own ids: a copy prefixes them (``3#nos-12:m4``), which
# keeps the row number at the end that the exports order by.
ID_COLUMNS = ("article_id", "mention_id", "quote_id", "claim_id")
_STATUS = Path("/proc/self/status")
_CLEAR = Path("/proc/self/clear_refs")


def _memory_mib() -> tuple[float, float]:
    """(resident now, peak) of this process in MiB."""
    if _STATUS.exists():
        values = {}
        for line in _STATUS.read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0]) / 1024
        return values["VmRSS"], values["VmHWM"]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return peak, peak


def _reset_peak() -> None:
    with contextlib.suppress(OSError):  # not Linux, or not allowed: the process's peak
        _CLEAR.write_text("5")


def measured(step: Callable[[], Any]) -> dict[str, float]:
    """Seconds of ``step`` and its peak memory above the memory before it (MiB)."""
    _reset_peak()
    before, _ = _memory_mib()
    started = time.perf_counter()
    step()
    seconds = time.perf_counter() - started
    after, peak = _memory_mib()
    return {
        "seconds": round(seconds, 2),
        "peak_above_mib": round(max(peak - before, 0.0), 1),  # the step freed memory: 0
        "before_mib": round(before, 1),
        "after_mib": round(after, 1),
    }


def copy_articles(store: Store, source: Path, copies: int) -> int:
    """Write every article row of the dataset in ``source`` ``copies`` times as Parquet
    parts of the open run of ``store``; returns the number of articles written."""
    con = store.con
    path = str(source / DB_NAME).replace("'", "''")
    con.execute(f"ATTACH '{path}' AS src (READ_ONLY)")
    try:
        stride = int(
            con.execute("SELECT coalesce(max(seq), 0) + 1 FROM src.articles").fetchone()[0]
        )
        con.execute(f"SET memory_limit = '{QUERY_MEMORY_LIMIT}'")
        articles = 0
        for k in range(copies):
            for table in ARTICLE_ROWS:
                types = dict(
                    con.execute(
                        f'SELECT column_name, column_type FROM (DESCRIBE src."{table}")'
                    ).fetchall()
                )
                select = []
                for column in store.parts.schemas[table].names:
                    if column == "_run":
                        select.append(f'{k + 1}::BIGINT AS "_run"')
                        continue
                    value = f'"{column}"'
                    if column in ID_COLUMNS or column.removeprefix("own_") in ID_COLUMNS:
                        value = f"'{k}#' || {value}"
                    elif column in ("seq", "article_seq"):
                        value = f"{value} + {k * stride}"
                    elif types.get(column) in ("DATE", "TIMESTAMP WITH TIME ZONE", "JSON"):
                        value = f"CAST({value} AS VARCHAR)"  # text in a part, as a run writes
                    select.append(f'{value} AS "{column}"')
                query = f'SELECT {", ".join(select)} FROM src."{table}"'
                rows = store.copy_part(table, query)
                articles += rows if table == "articles" else 0
        store.publish()
        return articles
    finally:
        con.execute(f"SET memory_limit = '{WRITE_MEMORY_LIMIT}'")
        con.execute("DETACH src")


def bench_store(source: Path, copies: int, work: Path | None = None) -> dict[str, Any]:
    """The end of a run over ``copies`` copies of the dataset in ``source``."""
    scratch = Path(tempfile.mkdtemp(prefix="bench_store_", dir=work))
    try:
        out = scratch / "out"
        outputs = OutputSet(out)
        store = Store(out)
        try:
            # a run has sent its rows through pyarrow, which loaded its pandas bridge (50
            # MiB, once per process) on the first: not the end of the run's memory
            pa.array(["warm"])
            store.begin()
            result: dict[str, Any] = {"source": str(source), "copies": copies}
            result["articles"] = copy_articles(store, source, copies)
            result["catalog"] = measured(lambda: store.rebuild_catalog(since=0))
            result["exports"] = measured(lambda: exports.export(store, outputs))
            result["commit"] = measured(store.commit)
            return result
        finally:
            outputs.abort()  # the tables are not kept: only their cost
            store.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset", type=Path, help="an output folder with a newsclaims.duckdb")
    parser.add_argument("--copies", type=int, default=20, help="copies of its articles")
    parser.add_argument("--work", type=Path, help="where the scratch store goes")
    parser.add_argument("--json", type=Path, help="write the result here too")
    args = parser.parse_args(argv)
    if not (args.dataset / DB_NAME).is_file():
        print(f"no dataset in {args.dataset} ({DB_NAME} missing)", file=sys.stderr)
        return 2
    result = bench_store(args.dataset, args.copies, args.work)
    print(f"{result['articles']:,} articles ({args.copies} copies of {args.dataset})")
    for step in ("catalog", "exports", "commit"):
        r = result[step]
        print(f"  {step:8s} {r['seconds']:7.2f} s  peak +{r['peak_above_mib']:.1f} MiB")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
