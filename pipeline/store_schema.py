"""The database side of the table definitions: DDL, provenance columns, runs and views.

The output folder is a dataset whose store of record is one DuckDB file. Its tables are
the export tables of ``newsclaims.tables`` (``TABLES``), created from the same
definitions, plus what only the store needs: provenance columns on ``articles`` and
``rejects`` (order of first appearance, text hash, analysis version, run), the per-article
referents the entity catalog is aggregated from, and a ``runs`` table. The DDL, the
Arrow schemas used for bulk inserts and the documentation all come from these
definitions, and the views answer the questions analysts ask most (claims and quotes in
their article's context, entities that occur together) without three-way joins.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from newsclaims.catalog import ENTITY_LINKS, own_columns
from newsclaims.tabledefs import TABLES, Column, Table

DB_NAME = "newsclaims.duckdb"

# Table Schema type -> DuckDB type; list columns hold strings, JSON columns JSON text.
DUCKDB_TYPES = {
    "string": "VARCHAR",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
    "list": "VARCHAR[]",
    "array": "VARCHAR[]",
    "date": "DATE",
    "datetime": "TIMESTAMPTZ",
    "object": "JSON",
}
# What Python hands DuckDB for each type (it casts text to DATE/TIMESTAMPTZ/JSON itself).
ARROW_TYPES = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "list": pa.list_(pa.string()),
    "array": pa.list_(pa.string()),
    "date": pa.string(),
    "datetime": pa.string(),
    "object": pa.string(),
}


@dataclass(frozen=True)
class ArticleEntityRow:
    """One referent of one article: what the entity catalog is aggregated from."""

    article_id: str
    entity_idx: int
    entity_id: str
    catalog_name: str
    catalog_key: str
    label: str
    n_mentions: int
    names: tuple[str, ...]
    name_keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class KnownReject:
    """What the store knows of one rejected record."""

    reason: str
    article_id: str | None
    seq: int


@dataclass(frozen=True)
class RunRecord:
    """One ``newsclaims run`` into the dataset (only committed runs are recorded)."""

    run_id: int
    started_at: str
    finished_at: str
    seconds: float
    model_load_seconds: float | None
    tool_version: str
    model: str
    analysis_version: str
    rebuild: bool
    changed: bool
    inputs: str
    settings: str
    counts: str


ARTICLE_ENTITIES = Table(
    "article_entities",
    ArticleEntityRow,
    "Store only: each article's referents as the entity extractor found them; the "
    "`entities` catalog is aggregated from these rows after every run.",
    ("article_id", "entity_idx"),
    {
        "article_id": "the article",
        "entity_idx": "0-based position of the referent in the article's entity list",
        "entity_id": "the entity in the catalog",
        "catalog_name": "the name the catalog uses for it (alias table, else article name)",
        "catalog_key": "case- and accent-folded catalog name (sort key, alias filter)",
        "label": "the referent's label in this article",
        "n_mentions": "its mentions in this article",
        "names": "every name the article uses for it",
        "name_keys": "the folded form of each of `names`",
    },
    foreign_keys=(("article_id", "articles", "article_id"),),
)

RUNS = Table(
    "runs",
    RunRecord,
    "Store only: every committed run into the dataset; a run that failed or was killed "
    "left no trace in the store.",
    ("run_id",),
    {
        "run_id": "1, 2, 3, ... in the order the runs committed",
        "started_at": "when the run started (UTC)",
        "finished_at": "when its transaction committed (UTC)",
        "seconds": "wall time from start to commit",
        "model_load_seconds": "time spent loading the model; null when nothing needed it",
        "tool_version": "newsclaims version",
        "model": "the spaCy pipeline (name and version)",
        "analysis_version": "tool and model version: an article analysed under another "
        "version is analysed again",
        "rebuild": "true for `--rebuild`: every article analysed again",
        "changed": "whether the run changed any table (false: every article was known)",
        "inputs": "JSON list of the input files with their size and SHA-256",
        "settings": "JSON object of the run's settings (processes, batch size, limit, ...)",
        "counts": "JSON object: records read, new, changed, unchanged, analysed, "
        "duplicates, rejects, warnings and the table sizes after the run",
    },
)
RUNS_TYPES = {
    "started_at": "datetime",
    "finished_at": "datetime",
    "inputs": "object",
    "settings": "object",
    "counts": "object",
}
STORE_TABLES = {t.name: t for t in (ARTICLE_ENTITIES, ENTITY_LINKS, RUNS)}

_ARTICLE_SEQ = Column(
    "article_seq", "integer", "the article's `seq`: its position, the export order", False
)
# Provenance columns the store keeps beside the exported columns; exports leave them out
# so that a dataset built in several runs exports the same bytes as one built in one.
PROVENANCE: dict[str, list[Column]] = {
    "articles": [
        Column("seq", "integer", "position of the record in the order of first appearance", True),
        Column("text_sha1", "string", "SHA-1 of the text: a changed text is analysed again", True),
        Column("analysis_version", "string", "tool and model version it was analysed with", True),
        Column("run_id", "integer", "the run that analysed (or listed) it; see `runs`", True),
        Column(
            "published_offset",
            "integer",
            "the UTC offset of `published_at` in the input, in minutes (the column holds "
            "the instant; CSV and JSONL show it in this offset)",
            False,
        ),
    ],
    "rejects": [
        Column("seq", "integer", "position of the record in the order of first appearance", True),
        Column("run_id", "integer", "the run that read the record; see `runs`", True),
    ],
    "entities": [
        Column("name_key", "string", "case- and accent-folded `name` (sort key)", False),
    ],
    # The article's position (the export order), and the id each referent had in its own
    # article, before the catalog's links.
    **{
        t: [_ARTICLE_SEQ, *own_columns(t)]
        for t in ("sentences", "mentions", "quotes", "claims", "article_entities")
    },
}


def store_columns(table: Table) -> list[Column]:
    """Every column the store holds for ``table``: its own, then provenance."""
    if table.name == "runs":
        return [
            Column(c.name, RUNS_TYPES.get(c.name, c.type), c.description, c.required)
            for c in table.columns
        ]
    return [*table.columns, *PROVENANCE.get(table.name, [])]


def all_tables() -> dict[str, Table]:
    return {**TABLES, **STORE_TABLES}


def create_table_sql(table: Table) -> str:
    cols = ",\n  ".join(
        f'"{c.name}" {DUCKDB_TYPES[c.type]}{" NOT NULL" if c.required else ""}'
        for c in store_columns(table)
    )
    return f'CREATE TABLE IF NOT EXISTS "{table.name}" (\n  {cols}\n)'


def arrow_schema(table: Table) -> pa.Schema:
    return pa.schema([(c.name, ARROW_TYPES[c.type]) for c in store_columns(table)])


@dataclass(frozen=True)
class View:
    """A named query over the store, documented with the schema."""

    name: str
    description: str
    sql: str


VIEWS = (
    View(
        "claims_in_context",
        "Every claim with its article's date, title, outlet, URL and categories, the "
        "sentence it stands in, and the source and counted thing as catalog entities.",
        """
        SELECT c.* EXCLUDE (own_source_entity_id, own_subject_entity_id),
               a.date AS article_date, a.date_precision, a.title, a.publisher AS outlet,
               a.url, a.categories,
               substr(a.text, s."start" + 1, s."end" - s."start") AS sentence,
               se.name AS source_entity, se.label AS source_label,
               su.name AS subject_entity, su.label AS subject_label
        FROM claims c
        JOIN articles a USING (article_id)
        LEFT JOIN sentences s ON s.article_id = c.article_id AND s.sentence_idx = c.sentence_idx
        LEFT JOIN entities se ON se.entity_id = c.source_entity_id
        LEFT JOIN entities su ON su.entity_id = c.subject_entity_id
        """,
    ),
    View(
        "quotes_in_context",
        "Every quote with its speaker as a catalog entity and its article's date, title "
        "and outlet.",
        """
        SELECT q.* EXCLUDE (own_speaker_entity_id),
               e.name AS speaker_entity, e.label AS speaker_label,
               a.date AS article_date, a.date_precision, a.title, a.publisher AS outlet,
               a.url, a.categories
        FROM quotes q
        JOIN articles a USING (article_id)
        LEFT JOIN entities e ON e.entity_id = q.speaker_entity_id
        """,
    ),
    View(
        "entity_cooccurrence",
        "Pairs of entities mentioned in the same article, one row per article and pair "
        "(entity_a's id sorts before entity_b's), with the article's date and outlet.",
        """
        WITH per_article AS (
            SELECT article_id, entity_id, count(*) AS n_mentions
            FROM mentions GROUP BY article_id, entity_id
        )
        SELECT x.article_id, a.date AS article_date, a.publisher AS outlet,
               x.entity_id AS entity_a, ea.name AS name_a, ea.label AS label_a,
               y.entity_id AS entity_b, eb.name AS name_b, eb.label AS label_b,
               x.n_mentions AS mentions_a, y.n_mentions AS mentions_b
        FROM per_article x
        JOIN per_article y ON x.article_id = y.article_id AND x.entity_id < y.entity_id
        JOIN articles a ON a.article_id = x.article_id
        JOIN entities ea ON ea.entity_id = x.entity_id
        JOIN entities eb ON eb.entity_id = y.entity_id
        """,
    ),
    View(
        "entity_pairs",
        "Entity co-occurrence over the whole dataset: pairs with the number of articles "
        "that mention both, most frequent first.",
        """
        SELECT entity_a, any_value(name_a) AS name_a, entity_b, any_value(name_b) AS name_b,
               count(*) AS n_articles, min(article_date) AS first_date,
               max(article_date) AS last_date
        FROM entity_cooccurrence
        GROUP BY entity_a, entity_b
        """,
    ),
)


def create_view_sql(view: View) -> str:
    return f'CREATE OR REPLACE VIEW "{view.name}" AS {" ".join(view.sql.split())}'
