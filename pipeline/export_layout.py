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

# Row order of the exports: the article's first appearance, then the row's own number.
_LOCAL_NUMBER = "CAST(regexp_extract({col}, ':[a-z](\\d+)$', 1) AS BIGINT)"
BY_ARTICLE = "JOIN articles a USING (article_id)"
ORDER = {
    "articles": ("", "t.seq"),
    "rejects": ("", "t.seq"),
    "sentences": (BY_ARTICLE, "a.seq, t.sentence_idx"),
    "mentions": (BY_ARTICLE, "a.seq, " + _LOCAL_NUMBER.format(col="t.mention_id")),
    "quotes": (BY_ARTICLE, "a.seq, " + _LOCAL_NUMBER.format(col="t.quote_id")),
    "claims": (BY_ARTICLE, "a.seq, " + _LOCAL_NUMBER.format(col="t.claim_id")),
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
    ``high`` (None: to the end), stored at rowids ``first`` to ``last``."""

    low: int
    high: int | None
    first: int
    last: int


def parquet_options(name: str) -> str:
    """The ``COPY`` options of a table's Parquet: zstd, and row groups as above."""
    rows = PARQUET_ARTICLE_ROW_GROUP_ROWS if name == "articles" else PARQUET_ROW_GROUP_ROWS
    return f"FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE {rows}"


def seq_column(join: str) -> str:
    """The record position a table's export orders by: the article's, or its own."""
    return "a.seq" if join == BY_ARTICLE else "t.seq"
