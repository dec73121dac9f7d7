"""One SQL query answered from a dataset, for ``newsclaims sql``: the store opened
read-only (so a run in progress is reported, not waited for), DuckDB's errors as one
``QueryError`` with its message."""

from __future__ import annotations

from pathlib import Path

import duckdb

from newsclaims.store import Store
from newsclaims.store_schema import DB_NAME


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
