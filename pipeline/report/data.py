"""The report's only door to the dataset: ``load_tables(out)`` -> one DataFrame per table.

Everything else in the report works on these DataFrames and never opens a file. The rows
come from the project's one typed loader, ``newsclaims.frames`` (the DuckDB store, else
the Parquet exports; typed by the table definitions), so the report reads exactly what
``newsclaims.open_dataset`` gives an analyst. The report's aggregations and template were
written for plain NumPy/object columns (ISO date text, None for missing text, float NaN
for missing numbers), so ``plain`` turns the typed frames into those, in one place.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from newsclaims.frames import DatasetError, open_dataset

__all__ = ["SKIP", "TABLES", "DatasetError", "load_manifest", "load_tables", "plain"]

TABLES = ("articles", "sentences", "entities", "mentions", "claims", "quotes", "rejects")
# Columns the report never uses; dropped at load time (the article text is most of the bytes).
SKIP = {"articles": ("text",), "sentences": (), "mentions": ("text",)}


def load_manifest(out: Path) -> dict[str, Any]:
    """The run's ``manifest.json`` (counts, timings, inputs), or {} when there is none."""
    path = Path(out) / "manifest.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def plain(column: pd.Series) -> pd.Series:
    """A typed column as the report's code expects it: dates as ISO text, text and
    categories as objects with None, nullable numbers as NumPy (NaN when missing)."""
    dtype = column.dtype
    missing = column.isna()
    if isinstance(dtype, pd.CategoricalDtype | pd.StringDtype | pd.BooleanDtype):
        return column.astype(object).where(~missing, None)
    if isinstance(dtype, pd.Int64Dtype) and not missing.any():
        return column.astype("int64")
    if isinstance(dtype, pd.Int64Dtype | pd.Float64Dtype):
        return pd.Series(column.to_numpy("float64", na_value=np.nan), index=column.index)
    if isinstance(dtype, pd.DatetimeTZDtype):
        return column.map(lambda v: None if pd.isna(v) else v.isoformat()).astype(object)
    if pd.api.types.is_datetime64_dtype(dtype):
        return column.dt.strftime("%Y-%m-%d").astype(object).where(~missing, None)
    return column


def load_tables(out: Path, names: Iterable[str] = TABLES) -> dict[str, pd.DataFrame]:
    """The tables ``names`` (default: all) of the dataset in ``out`` as DataFrames, columns
    as in docs/SCHEMA.md.

    A folder with no dataset raises ``DatasetError`` (``NoDatasetError``: run
    ``newsclaims run`` first).
    """
    dataset = open_dataset(out)
    tables: dict[str, pd.DataFrame] = {}
    for name in names:
        frame = dataset.table(name)
        frame = frame.drop(columns=[c for c in SKIP.get(name, ()) if c in frame])
        tables[name] = pd.DataFrame({c: plain(frame[c]) for c in frame}, index=frame.index)
    return tables
