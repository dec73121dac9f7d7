"""The report's only door to the dataset: ``load_tables(out)`` -> one DataFrame per table.

Everything else in the report works on these DataFrames and never opens a file, so that
pointing the report at another store (the DuckDB dataset, Parquet) means changing this
module alone. Today it reads the exported JSONL files (CSV when a JSONL file is missing),
typed by the run's own ``datapackage.json`` so that a column that is null in the first
thousand rows is not guessed wrong, and with pyarrow's JSON reader because pandas'
line-by-line reader is several times slower on the mentions of a large run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.json as pajson

TABLES = ("articles", "sentences", "entities", "mentions", "claims", "quotes", "rejects")
# Columns the report never uses; dropped at load time (the article text is most of the bytes).
SKIP = {"articles": ("text",), "sentences": (), "mentions": ("text",)}

_ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "array": pa.list_(pa.string()),
    "list": pa.list_(pa.string()),  # Table Schema list: `|`-joined in CSV, arrays in JSONL
}


class DatasetError(Exception):
    """The folder holds no dataset the report can read."""


def load_manifest(out: Path) -> dict[str, Any]:
    """The run's ``manifest.json`` (counts, timings, inputs), or {} when there is none."""
    path = Path(out) / "manifest.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def _schemas(out: Path) -> dict[str, list[tuple[str, str]]]:
    path = out / "datapackage.json"
    if not path.is_file():
        return {}
    package = json.loads(path.read_text(encoding="utf-8"))
    return {
        res["name"]: [(f["name"], f.get("type", "string")) for f in res["schema"]["fields"]]
        for res in package.get("resources", [])
        if "schema" in res
    }


def _arrow_schema(fields: list[tuple[str, str]] | None) -> pa.Schema | None:
    if not fields:
        return None
    # a JSON object column (`extra`) has no fixed type: left out, so the reader skips it
    return pa.schema([(n, _ARROW_TYPES.get(t, pa.string())) for n, t in fields if t != "object"])


def _empty(fields: list[tuple[str, str]] | None) -> pd.DataFrame:
    """A table without rows, its columns typed as the run declared them."""
    schema = _arrow_schema(fields)
    return schema.empty_table().to_pandas() if schema is not None else pd.DataFrame()


def _read_jsonl(path: Path, fields: list[tuple[str, str]] | None) -> pd.DataFrame:
    if path.stat().st_size == 0:
        return _empty(fields)
    schema = _arrow_schema(fields)
    options = None
    if schema is not None:
        options = pajson.ParseOptions(explicit_schema=schema, unexpected_field_behavior="ignore")
    return pajson.read_json(path, parse_options=options).to_pandas()


def _read_csv(path: Path, fields: list[tuple[str, str]] | None) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    for name, kind in fields or []:
        if name not in frame:
            continue
        if kind in ("integer", "number"):
            frame[name] = pd.to_numeric(frame[name], errors="coerce")
        elif kind in ("array", "list"):
            frame[name] = frame[name].map(lambda v: [] if pd.isna(v) else str(v).split("|"))
        elif kind == "string":  # undo the CSV formula guard
            frame[name] = frame[name].map(
                lambda v: v[1:] if isinstance(v, str) and v[:2] in ("'=", "'+", "'-", "'@") else v
            )
    return frame


def load_tables(out: Path, names: Iterable[str] = TABLES) -> dict[str, pd.DataFrame]:
    """The tables ``names`` (default: all) of the dataset in ``out`` as DataFrames, columns
    as in docs/SCHEMA.md.

    A table whose file is missing comes back empty with its columns; a folder with no
    articles table at all raises DatasetError.
    """
    out = Path(out)
    if not (out / "articles.jsonl").is_file() and not (out / "articles.csv").is_file():
        raise DatasetError(f"{out} holds no articles table (run `newsclaims run` first)")
    schemas = _schemas(out)
    tables: dict[str, pd.DataFrame] = {}
    for name in names:
        fields = schemas.get(name)
        jsonl, csv = out / f"{name}.jsonl", out / f"{name}.csv"
        if jsonl.is_file():
            frame = _read_jsonl(jsonl, fields)
        elif csv.is_file():
            frame = _read_csv(csv, fields)
        else:
            frame = _empty(fields)
        tables[name] = frame.drop(columns=[c for c in SKIP.get(name, ()) if c in frame])
    return tables
