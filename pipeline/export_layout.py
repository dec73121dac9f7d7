"""How the exported tables lie in their files: the canonical row order, the parts an
export is written in, and the Parquet row groups.

The store queries in this order (``Store.export_query``, ``Store.export_parts``) and the
exports write what it returns (``newsclaims.exports``); the layout is kept here, apart from
the store's transaction and memory handling, so that it reads as one decision: a dataset
built in several runs exports the same bytes as one built at once, in parts that need the
same memory for any number of articles (issue 13).
"""

from __future__ import annotations

from dataclasses import dataclass

from newsclaims.tabledefs import TABLES

# Row order of the exports: the article's first appearance, then the row's own number.
# A row of an article's table carries its article's position (``article_seq``), so that a
# part's rows are found in the Parquet parts' row group statistics without a join.
_LOCAL_NUMBER = "CAST(regexp_extract({col}, ':[a-z](\\d+)$', 1) AS BIGINT)"
ORDER = {
    "articles": ("t.seq", "t.seq"),
    "rejects": ("t.seq", "t.seq"),
    "sentences": ("t.article_seq", "t.article_seq, t.sentence_idx"),
    "mentions": ("t.article_seq", "t.article_seq, " + _LOCAL_NUMBER.format(col="t.mention_id")),
    "quotes": ("t.article_seq", "t.article_seq, " + _LOCAL_NUMBER.format(col="t.quote_id")),
    "claims": ("t.article_seq", "t.article_seq, " + _LOCAL_NUMBER.format(col="t.claim_id")),
    "entities": ("", "t.n_mentions DESC, t.name_key, t.entity_id"),
}
# A part's sort holds its rows with their texts: in a 5,000-article run the driver's
# export peaked 75 MiB above its memory in parts of 5,000 and 27-39 in parts of 1,000,
# what a 1,000-article run peaks at too. More parts cost time: exporting 100,000 articles
# took 77 s instead of 48.
EXPORT_PART_ARTICLES = 1_000
# DuckDB's Parquet writer holds a row group in memory until it is full (122,880 rows by
# default: all 121,588 mentions of 5,000 articles). Readers (pandas, DuckDB, R's arrow)
# read the groups as one table. The articles carry their texts, 25 MB in 10,000 of them:
# their Parquet peaked 39 MiB above the driver's memory at 5,000 articles, 20 in groups of
# 1,000 (DuckDB fills a group a vector of 2,048 rows at a time).
PARQUET_ROW_GROUP_ROWS = 10_000
PARQUET_ARTICLE_ROW_GROUP_ROWS = 2_048


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a table's export: the rows of the records at positions ``low`` up to
    ``high`` (None: to the end)."""

    low: int
    high: int | None


def parquet_options(name: str) -> str:
    """The ``COPY`` options of a table's Parquet: zstd, and row groups as above."""
    rows = PARQUET_ARTICLE_ROW_GROUP_ROWS if name == "articles" else PARQUET_ROW_GROUP_ROWS
    return f"FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE {rows}"


# The stored instant as ISO 8601 text in the offset the input gave (minutes east of UTC).
_LOCAL_TIME = (
    "CASE WHEN t.published_at IS NULL THEN NULL ELSE "
    "strftime(t.published_at + to_minutes(coalesce(t.published_offset, 0)), "
    "'%Y-%m-%dT%H:%M:%S') || printf('%s%02d:%02d', "
    "CASE WHEN coalesce(t.published_offset, 0) < 0 THEN '-' ELSE '+' END, "
    "abs(coalesce(t.published_offset, 0)) // 60, abs(coalesce(t.published_offset, 0)) % 60) "
    "END"
)


def export_exprs(name: str, *, typed: bool = False) -> dict[str, str]:
    """SQL of each column of export table ``name``, over its table aliased ``t``. Text
    exports (``typed`` false) write ``published_at`` in the input's own offset."""
    return {
        c.name: _LOCAL_TIME if (c.name == "published_at" and not typed) else f't."{c.name}"'
        for c in TABLES[name].columns
    }


def select_list(name: str, columns: list[str], *, typed: bool = False) -> str:
    """The plain select list of ``columns`` of export table ``name``."""
    exprs = export_exprs(name, typed=typed)
    return ", ".join(f'{exprs[c]} AS "{c}"' for c in columns)


def export_query(
    name: str, select: str, *, since: int | None = None, part: Part | None = None
) -> str:
    """SQL for the rows of export table ``name`` in their canonical order, with the
    select list ``select``; ``since``: only the rows of records first seen at that
    position or later; ``part``: only that part's rows (``Store.export_parts``)."""
    seq, order = ORDER[name]
    where = [] if since is None else [f"{seq} >= {int(since)}"]
    if part is not None:
        where += [f"{seq} >= {part.low}"]
        where += [] if part.high is None else [f"{seq} < {part.high}"]
    condition = f" WHERE {' AND '.join(where)}" if where else ""
    return f'SELECT {select} FROM "{name}" t{condition} ORDER BY {order}'
