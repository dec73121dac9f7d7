"""Documentation generated from the table definitions: ``datapackage.json`` and ``SCHEMA.md``.

Both describe what the writers write, from the same definitions (``newsclaims.tabledefs``
and, for the database, ``newsclaims.store_schema``), so they cannot drift from the files.
``datapackage.json`` must pass ``frictionless validate`` as written: list columns are
Table Schema ``list`` fields with the ``|`` delimiter the CSV uses and are never required
(an empty list is an empty cell), dates are ``date`` fields. The view columns in
``SCHEMA.md`` are read from DuckDB itself, from the same DDL the store is created with.
"""

from __future__ import annotations

import functools
from typing import Any

from newsclaims.store_parts import ARTICLE_ROWS, PARTS_DIR
from newsclaims.store_schema import (
    DB_NAME,
    PROVENANCE,
    STORE_TABLES,
    VIEWS,
    all_tables,
    create_table_sql,
    create_view_sql,
    store_columns,
)
from newsclaims.tabledefs import LIST_SEPARATOR, LIST_TYPE, TABLES, Column

CSV_GUARD_DOC = (
    "CSV cells that a spreadsheet would run as a formula (text starting with `=`, `+`, "
    "`-`, `@`, a tab or a carriage return, except plain numbers such as `-5`) are written "
    "with a leading `'` (OWASP CSV injection advice); JSONL holds the raw text, and "
    "`newsclaims run --no-csv-guard` writes CSV cells unchanged. Numeric columns are "
    "never altered."
)


def _field(c: Column) -> dict[str, Any]:
    out: dict[str, Any] = {"name": c.name, "type": c.type, "description": c.description}
    if c.type == LIST_TYPE:
        out.update(delimiter=LIST_SEPARATOR, itemType="string")
    out["constraints"] = {"required": True} if c.required else {}
    return out


def datapackage() -> dict[str, Any]:
    """Frictionless Data Package describing the CSV tables (JSONL and Parquet mirror them)."""
    resources = []
    for table in TABLES.values():
        schema: dict[str, Any] = {
            "fields": [_field(c) for c in table.csv_columns()],
            "primaryKey": list(table.primary_key),
            "missingValues": [""],
        }
        if table.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": f, "reference": {"resource": r, "fields": rf}}
                for f, r, rf in table.foreign_keys
            ]
        resources.append(
            {
                "name": table.name,
                "path": f"{table.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "encoding": "utf-8",
                "description": table.description,
                "schema": schema,
            }
        )
    return {"name": "newsclaims-output", "profile": "tabular-data-package", "resources": resources}


def _field_rows(columns: list[Column]) -> list[str]:
    lines = ["| field | type | required | description |", "|---|---|---|---|"]
    for c in columns:
        note = " (JSONL and Parquet only)" if c.jsonl_only else ""
        req = "yes" if c.required else "no"
        lines.append(f"| `{c.name}` | {c.type} | {req} | {c.description}{note} |")
    return lines


def view_columns() -> dict[str, list[tuple[str, str]]]:
    """(name, DuckDB type) of every view's columns, from an empty in-memory store."""
    import duckdb

    con = duckdb.connect()
    try:
        for table in all_tables().values():
            con.execute(create_table_sql(table)).fetchall()
        out = {}
        for view in VIEWS:
            con.execute(create_view_sql(view)).fetchall()
            rows = con.execute(f'DESCRIBE "{view.name}"').fetchall()
            out[view.name] = [(r[0], r[1]) for r in rows]
        return out
    finally:
        con.close()


def _database_section() -> list[str]:
    lines = [
        "## The database",
        "",
        f"`{DB_NAME}` in the output folder is the dataset's store of record: every file "
        "above is regenerated from it after each run. `newsclaims run NEW_DUMP --out OUT` "
        "adds to it: an article already stored with the same text and analysis version is "
        "not analysed again, a changed text or another version is, and `--rebuild` "
        "analyses every stored article again. A run changes the database in one "
        "transaction: a failed or killed run leaves it as it was. Open it with "
        f"`duckdb {DB_NAME}` (DuckDB CLI), `duckdb.connect('{DB_NAME}', read_only=True)` "
        'in Python, or ask `newsclaims sql "SELECT ..." --out OUT`.',
        "",
        f"The rows of the six per-article tables ({', '.join(f'`{n}`' for n in ARTICLE_ROWS)}) "
        f"are Parquet files in `{PARTS_DIR}/` beside it, one set per run, and the "
        "database reads them through views of the same names (so a run's memory does "
        "not grow with its articles). The views name the files by absolute path: after "
        "moving the output folder, `newsclaims sql` and `newsclaims.open_dataset` read it "
        "where it is, and the next run points the database's own views there again. "
        "`store_parts` lists the committed files; `replaced_rows` lists the (article, "
        "run) pairs a later run replaced, which the views leave out. After many runs, "
        "`newsclaims compact --out OUT` rewrites each table as one file without the "
        "replaced rows; the tables and exports stay the same.",
        "",
        "The tables above are in the database with the same columns and types (dates as "
        "DATE, `published_at` as TIMESTAMPTZ, lists as VARCHAR[], `extra` as JSON), "
        "plus these provenance columns, which the files leave out so that a dataset built "
        "over several runs exports the same bytes as one built in a single run:",
        "",
    ]
    for name, cols in PROVENANCE.items():
        lines += [f"- `{name}`: " + "; ".join(f"`{c.name}`: {c.description}" for c in cols)]
    lines.append("")
    for table in STORE_TABLES.values():
        lines += [f"### {table.name}", "", table.description, ""]
        lines += _field_rows(store_columns(table))
        lines.append("")
    columns = view_columns()
    for view in VIEWS:
        lines += [f"### view {view.name}", "", view.description, "", "| column | type |"]
        lines.append("|---|---|")
        lines += [f"| `{n}` | {t} |" for n, t in columns[view.name]]
        lines.append("")
    return lines


@functools.cache
def schema_markdown() -> str:
    """SCHEMA.md: every table and field, generated from the same definitions as the writers.

    Made once per process: the view columns come from an in-memory DuckDB (30-100 ms), and
    every run writes the file and an appending run compares it too."""
    lines = [
        "# newsclaims output tables",
        "",
        "Each table is written as `NAME.csv`, `NAME.jsonl` and `NAME.parquet` with the same "
        "fields (lists are `|`-separated in CSV, arrays in JSONL and Parquet; empty CSV "
        "cells are null; dates are ISO 8601 days, typed as dates in Parquet). "
        "`datapackage.json` holds the same schema as a Frictionless Data Package. "
        "This file is generated from `pipeline/tabledefs.py`; do not edit it by hand.",
        "",
        CSV_GUARD_DOC,
        "",
        "The tables of a run form one set: `manifest.json` is written last and lists every "
        "file with its size; a folder without `manifest.json` holds no complete set.",
        "",
    ]
    for table in TABLES.values():
        lines += [
            f"## {table.name}",
            "",
            table.description,
            "",
            f"Primary key: `{', '.join(table.primary_key)}`.",
        ]
        for f, r, rf in table.foreign_keys:
            lines.append(f"Foreign key: `{f}` -> `{r}.{rf}`.")
        lines.append("")
        lines += _field_rows(table.columns)
        lines.append("")
    lines += _database_section()
    return "\n".join(lines)
