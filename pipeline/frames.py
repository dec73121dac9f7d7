"""Typed pandas DataFrames of a dataset, for notebooks: ``newsclaims.open_dataset(out)``.

    import newsclaims
    ds = newsclaims.open_dataset("results/")
    ds.claims                      # one DataFrame per table, typed as the tables declare
    ds.claims_with_context()       # each claim with its article and its source entity

Every column's dtype comes from the one table definition (``newsclaims.tabledefs``), so
an analyst never re-types what the tool already knows: dates are ``datetime64`` (beside
``date_precision``, which says how much of the date the input gave), lists are Python
lists, JSON objects are dicts, numbers and flags are pandas' nullable ``Int64``,
``Float64`` and ``boolean`` (a missing value stays missing instead of turning an integer
column into floats), text is ``string`` and closed vocabularies are ``category``.

The rows come from the store of record, ``OUT/newsclaims.duckdb`` (read-only, in the
exports' canonical order), or from the Parquet exports when the folder has no store (a
copied or downloaded set); both go through one Arrow -> pandas conversion, so both give
the same frames. Tables are read when first asked for, each over a short read-only
connection, so an open ``Dataset`` never holds the store's lock against the next run.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from newsclaims.store_schema import DB_NAME, STORE_TABLES, store_columns
from newsclaims.tabledefs import LIST_TYPE, TABLES, Column, Table

# Columns that hold a closed vocabulary (labels, kinds, qualifiers, hedges, categories,
# precisions), declared here once: they load as ``category``, so that value_counts and
# groupby are cheap and a typo in a filter shows up as an unknown category.
CATEGORICAL: dict[str, frozenset[str]] = {
    "articles": frozenset({"date_precision"}),
    "entities": frozenset({"label"}),
    "mentions": frozenset({"label"}),
    "claims": frozenset({"qualifier", "category"}),
    "quotes": frozenset({"kind", "resolution"}),
    "article_entities": frozenset({"label"}),
}
# Table Schema type -> pandas dtype. Lists (Python lists) and objects (parsed JSON) are
# converted value by value; everything else by pyarrow in bulk (``_ARROW_TO_PANDAS``).
DATE_DTYPE = "datetime64[us]"
DATETIME_DTYPE = "datetime64[us, UTC]"
PANDAS_TYPES: dict[str, Any] = {
    "string": pd.StringDtype(),
    "integer": pd.Int64Dtype(),
    "number": pd.Float64Dtype(),
    "boolean": pd.BooleanDtype(),
    "date": DATE_DTYPE,
    "datetime": DATETIME_DTYPE,
    LIST_TYPE: object,
    "object": object,
}
_ARROW_TO_PANDAS: dict[pa.DataType, Any] = {
    pa.string(): pd.StringDtype(),
    pa.large_string(): pd.StringDtype(),
    pa.int64(): pd.Int64Dtype(),
    pa.float64(): pd.Float64Dtype(),
    pa.bool_(): pd.BooleanDtype(),
}
ALL_TABLES: dict[str, Table] = {**TABLES, **STORE_TABLES}


class DatasetError(Exception):
    """The dataset cannot be read (missing table, store locked, changed since opened)."""


class NoDatasetError(DatasetError, FileNotFoundError):
    """The folder holds neither a store nor Parquet exports: no ``newsclaims run`` yet."""


def columns_of(name: str) -> list[Column]:
    """The columns a frame has: the exported ones (the same from the store and from
    Parquet); the store-only tables (``runs``, ``article_entities``) with their own."""
    table = ALL_TABLES[name]
    return store_columns(table) if name in STORE_TABLES else list(table.columns)


def dtypes_of(name: str) -> dict[str, Any]:
    """The pandas dtype of every column of table ``name`` (lists and JSON: ``object``)."""
    categorical = CATEGORICAL.get(name, frozenset())
    return {
        c.name: "category" if c.name in categorical else PANDAS_TYPES[c.type]
        for c in columns_of(name)
    }


def to_frame(name: str, table: pa.Table) -> pd.DataFrame:
    """The Arrow rows of table ``name`` (from the store or from Parquet) as a typed frame."""
    columns = columns_of(name)
    plain = pa.table(
        {c.name: _storage(table.column(c.name)) for c in columns if c.type != LIST_TYPE}
    )
    frame = plain.to_pandas(types_mapper=_ARROW_TO_PANDAS.get, date_as_object=False)
    for c in columns:
        if c.type == LIST_TYPE:  # a missing list is an empty one, as in the exports
            values = table.column(c.name).to_pylist()
            frame[c.name] = pd.Series([v or [] for v in values], dtype=object)
        elif c.type == "object":
            values = frame[c.name].to_numpy(dtype=object, na_value=None)
            frame[c.name] = pd.Series([_json(v) for v in values], dtype=object)
    return frame[[c.name for c in columns]].astype(dtypes_of(name))


def _storage(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Parquet's JSON extension type read as its text (the store hands out plain text)."""
    if isinstance(column.type, pa.ExtensionType):
        chunks = [chunk.storage for chunk in column.chunks]
        return pa.chunked_array(chunks, type=column.type.storage_type)
    return column


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


class Dataset:
    """The tables of one dataset as typed DataFrames, read on first use and kept.

    Tables: ``articles``, ``sentences``, ``entities``, ``mentions``, ``claims``,
    ``quotes``, ``rejects``, and from the store only ``article_entities`` (each article's
    referents, what the catalog is aggregated from) and ``runs``. Frames are shallow
    copies (pandas copy-on-write): changing one never changes what the next call returns.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = path / DB_NAME
        self.backend = "duckdb" if self.db.is_file() else "parquet"
        self._frames: dict[str, pd.DataFrame] = {}
        self._stamp = self._read(self._last_run) if self.backend == "duckdb" else None

    @property
    def names(self) -> list[str]:
        """The tables this dataset can give (Parquet exports lack the store-only ones)."""
        return list(ALL_TABLES if self.backend == "duckdb" else TABLES)

    def table(self, name: str) -> pd.DataFrame:
        """Table ``name`` as a typed DataFrame (columns in schema order, canonical rows)."""
        if name not in ALL_TABLES:
            raise KeyError(f"no table {name!r}; tables: {', '.join(ALL_TABLES)}")
        if name not in self._frames:
            self._frames[name] = to_frame(name, self._arrow(name))
        return self._frames[name].copy(deep=False)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table this dataset can give, by name."""
        return {name: self.table(name) for name in self.names}

    articles = property(lambda self: self.table("articles"), doc=TABLES["articles"].description)
    sentences = property(lambda self: self.table("sentences"), doc=TABLES["sentences"].description)
    entities = property(lambda self: self.table("entities"), doc=TABLES["entities"].description)
    mentions = property(lambda self: self.table("mentions"), doc=TABLES["mentions"].description)
    claims = property(lambda self: self.table("claims"), doc=TABLES["claims"].description)
    quotes = property(lambda self: self.table("quotes"), doc=TABLES["quotes"].description)
    rejects = property(lambda self: self.table("rejects"), doc=TABLES["rejects"].description)
    article_entities = property(
        lambda self: self.table("article_entities"), doc=ALL_TABLES["article_entities"].description
    )
    runs = property(lambda self: self.table("runs"), doc=ALL_TABLES["runs"].description)

    # -- joins ---------------------------------------------------------------------------
    # In pandas on the typed frames, so that they are the same from the store and from
    # Parquet; left joins on unique keys, so a join has exactly the rows of its table.

    def claims_with_context(self) -> pd.DataFrame:
        """Each claim with its article (date, date precision, outlet, input file, title,
        URL) and its source and counted thing as catalog entities (name and label)."""
        out = self._with_article(self.claims)
        out = self._with_entity(out, "source_entity_id", "source_entity", "source_label")
        return self._with_entity(out, "subject_entity_id", "subject_entity", "subject_label")

    def quotes_with_speaker(self) -> pd.DataFrame:
        """Each quote with its speaker as a catalog entity (name, label) and its article."""
        out = self._with_entity(self.quotes, "speaker_entity_id", "speaker_entity", "speaker_label")
        return self._with_article(out)

    def mentions_with_entity(self) -> pd.DataFrame:
        """Each mention with its catalog entity (corpus-wide name and label, beside the
        article's own ``entity_name`` and the NER ``label``) and its article."""
        out = self._with_entity(self.mentions, "entity_id", "catalog_name", "catalog_label")
        return self._with_article(out)

    def _with_article(self, frame: pd.DataFrame) -> pd.DataFrame:
        a = self.articles
        context = pd.DataFrame(
            {
                "article_id": a["article_id"],
                "article_date": a["date"],
                "date_precision": a["date_precision"],
                "outlet": a["publisher"],
                "input_file": a["source"],
                "title": a["title"],
                "url": a["url"],
            }
        )
        return frame.merge(context, on="article_id", how="left", validate="many_to_one")

    def _with_entity(self, frame: pd.DataFrame, key: str, name: str, label: str) -> pd.DataFrame:
        e = self.entities[["entity_id", "name", "label"]]
        e = e.rename(columns={"entity_id": key, "name": name, "label": label})
        return frame.merge(e, on=key, how="left", validate="many_to_one")

    # -- reading -------------------------------------------------------------------------

    def _arrow(self, name: str) -> pa.Table:
        columns = [c.name for c in columns_of(name)]
        if self.backend == "parquet":
            file = self.path / f"{name}.parquet"
            if name in STORE_TABLES:
                raise DatasetError(f"{name} is kept only in the store ({self.db}); not in Parquet")
            if not file.is_file():
                raise DatasetError(f"{file} is missing; run `newsclaims run` again to export it")
            import pyarrow.parquet as pq

            return pq.read_table(file, columns=columns)
        return self._read(lambda store: self._query(store, name, columns))

    def _query(self, store: Any, name: str, columns: list[str]) -> pa.Table:
        if self._last_run(store) != self._stamp:
            raise DatasetError(
                f"{self.db} changed since it was opened (a run committed); "
                "call newsclaims.open_dataset again"
            )
        if name in STORE_TABLES:
            keys = ", ".join(f'"{k}"' for k in ALL_TABLES[name].primary_key)
            cols = ", ".join(f'"{c}"' for c in columns)
            sql = f'SELECT {cols} FROM "{name}" ORDER BY {keys}'
        else:
            sql = store.export_query(name, store.select_list(name, columns, typed=True))
        return store.con.sql(sql).to_arrow_table()

    @staticmethod
    def _last_run(store: Any) -> int | None:
        return store.last_change()

    def _read(self, fn: Callable[[Any], Any]) -> Any:
        """``fn(store)`` over a read-only connection opened for this read alone."""
        import duckdb

        from newsclaims.store import Store

        try:
            store = Store(self.path, read_only=True)
        except duckdb.Error as exc:
            reason = " ".join(str(exc).split())
            raise DatasetError(
                f"cannot open {self.db} read-only ({reason}); a run may be "
                "writing it: try again when it has finished"
            ) from exc
        try:
            return fn(store)
        except duckdb.Error as exc:  # e.g. a store from an older version, columns missing
            reason = " ".join(str(exc).split())
            raise DatasetError(
                f"cannot read {self.db} ({reason}); a store made by an older newsclaims "
                "is brought up to date by the next `newsclaims run` into it"
            ) from exc
        finally:
            store.close()

    def __repr__(self) -> str:
        return f"<newsclaims Dataset {self.path} ({self.backend}): {', '.join(self.names)}>"


def open_dataset(path: str | PathLike[str]) -> Dataset:
    """The dataset ``newsclaims run`` wrote into ``path``, its tables as typed DataFrames.

    Reads the DuckDB store when there is one, else the Parquet exports; a folder with
    neither raises ``NoDatasetError`` (a ``FileNotFoundError``).
    """
    folder = Path(path)
    if not (folder / DB_NAME).is_file() and not (folder / "articles.parquet").is_file():
        raise NoDatasetError(
            f"no dataset in {folder}: neither {DB_NAME} nor articles.parquet is there "
            f"(run `newsclaims run INPUTS --out {folder}` first)"
        )
    return Dataset(folder)
