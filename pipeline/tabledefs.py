"""Table definitions: every output table, defined once, without any file or format code.

Each table is defined by the record dataclass its rows come from (field names and Python
types), a description per field, its keys and, where the Python type says less than an
analyst needs (a ``str`` that holds a date), the column's Table Schema type. From these
definitions come the CSV and JSONL writers (``newsclaims.tables``), the DuckDB store and
its DDL (``newsclaims.store_schema``), ``datapackage.json`` and ``SCHEMA.md``
(``newsclaims.tabledocs``), so none of them can drift from another.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from dataclasses import dataclass, field
from typing import Any

from newsclaims.records import Article, CatalogEntity, Claim, Mention, Quote, Reject, Sentence

# Table Schema types used: string, integer, number, boolean, date, datetime, object (a JSON
# object) and list (CSV: items joined by ``|``, JSONL and Parquet: arrays).
LIST_TYPE = "list"
LIST_SEPARATOR = "|"


@dataclass(frozen=True)
class Column:
    """One field of a table, as documented and as typed in the Table Schema."""

    name: str
    type: str
    description: str
    required: bool
    jsonl_only: bool = False


@dataclass(frozen=True)
class Table:
    """A table: its rows' dataclass, keys and per-field documentation."""

    name: str
    row_type: type
    description: str
    primary_key: tuple[str, ...]
    docs: dict[str, str]
    foreign_keys: tuple[tuple[str, str, str], ...] = ()
    jsonl_only: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    types: dict[str, str] = field(default_factory=dict)

    @functools.cached_property
    def columns(self) -> list[Column]:
        """The columns in field order (computed once: writers ask for them per row)."""
        hints = typing.get_type_hints(self.row_type)
        cols = []
        for f in dataclasses.fields(self.row_type):
            if f.name in self.exclude:
                continue
            ftype, required = _frictionless_type(hints[f.name])
            ftype = self.types.get(f.name, ftype)
            cols.append(
                Column(f.name, ftype, self.docs[f.name], required, f.name in self.jsonl_only)
            )
        return cols

    def csv_columns(self) -> list[Column]:
        return [c for c in self.columns if not c.jsonl_only]


def _frictionless_type(hint: Any) -> tuple[str, bool]:
    """Python annotation -> (Table Schema type, required). A list is never required: an
    empty list is an empty CSV cell, which the Table Schema reads as missing."""
    required = True
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType) and type(None) in args:
        required = False
        hint = next(a for a in args if a is not type(None))
    if typing.get_origin(hint) in (tuple, list):
        return LIST_TYPE, False
    return {str: "string", int: "integer", float: "number", bool: "boolean"}[hint], required


_ID = "identifier of the article: the record's own id, else the .txt file name without extension"
_SENT = "0-based index of the sentence (see sentences table) the span starts in"
_START = "character offset where the span starts in the article text (articles.jsonl `text`)"
_END = "character offset just after the span ends"


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "articles",
            Article,
            "One row per input article that could be read; duplicates are listed, not analysed.",
            ("article_id",),
            {
                "article_id": _ID + "; made unique with a ~N suffix on collision",
                "source": "input file the article was read from",
                "record": "where in the file: 'file', 'line N' (JSONL) or 'row N' (CSV)",
                "text": "the article body, Unicode NFC; every offset in every table indexes it",
                "date": "publication day; the first day of the month or year when the input "
                "gives no more (see date_precision)",
                "date_precision": "day, month or year: how much of `date` the input gave",
                "published_at": "publication time with its offset, when the input gives a time "
                "with an offset or an epoch (stored as the instant; exported in UTC)",
                "title": "headline, when the input has one",
                "url": "URL, when the input has one",
                "publisher": "the record's own source/publisher field (outlet), when it has one",
                "categories": "the record's categories/sections/tags (CSV: separated by |)",
                "author": "the record's author or byline, when it has one",
                "status": "ok, or duplicate_of:ARTICLE_ID when the body repeats an earlier one",
                "warnings": "problems that did not stop the article (unparseable date, id renamed)",
                "n_chars": "length of the text in characters",
                "n_sentences": "number of sentences (0 for duplicates: not analysed)",
                "n_tokens": "number of spaCy tokens, whitespace excluded",
                "extra": "the record's other fields, as a JSON object (null when none)",
            },
            jsonl_only=("text",),
            types={"date": "date", "published_at": "datetime", "extra": "object"},
        ),
        Table(
            "sentences",
            Sentence,
            "Sentence boundaries as the parser found them.",
            ("article_id", "sentence_idx"),
            {
                "article_id": _ID,
                "sentence_idx": "0-based sentence number in the article",
                "start": _START,
                "end": _END,
            },
            foreign_keys=(("article_id", "articles", "article_id"),),
        ),
        Table(
            "entities",
            CatalogEntity,
            "Corpus-wide entity catalog: one row per distinct entity over all articles. A "
            'person named only by a surname in some articles ("Rutte") is counted under '
            'the full name ("Mark Rutte") when exactly one longer name in the dataset ends '
            "with it on whole words and that name is a person's; an ambiguous surname (two "
            'different "... Johnson") stays its own row, and organisations, places and '
            "first names alone are never linked across articles. The links are remade from "
            "all articles after every run (store table `entity_links`), so a later dump can "
            "make or undo one.",
            ("entity_id",),
            {
                "entity_id": "stable id: a hash of the canonical name (after the alias table "
                "and the links across articles)",
                "name": "canonical name: the alias table's name, else the fullest form used",
                "label": "PER, ORG, LOC or MISC (the most frequent label of its mentions)",
                "aliases": "other names it goes by in the articles, linked surnames included "
                "(CSV: separated by |)",
                "n_mentions": "number of mentions over all articles, under any of its names",
                "n_articles": "number of articles it is mentioned in, under any of its names",
                "first_date": "earliest article date it is mentioned in",
                "last_date": "latest article date it is mentioned in",
            },
            types={"first_date": "date", "last_date": "date"},
        ),
        Table(
            "mentions",
            Mention,
            "Every entity mention in every analysed article.",
            ("mention_id",),
            {
                "mention_id": "ARTICLE_ID:mN, N counting mentions in text order",
                "article_id": _ID,
                "entity_id": "the entity in the catalog (a lone surname's mention points at "
                "the full name it is linked to)",
                "entity_name": "canonical name of the entity within this article (fullest form)",
                "sentence_idx": _SENT,
                "start": _START,
                "end": _END,
                "text": "the mention as written",
                "label": "label the NER gave this mention",
            },
            foreign_keys=(
                ("article_id", "articles", "article_id"),
                ("entity_id", "entities", "entity_id"),
            ),
        ),
        Table(
            "claims",
            Claim,
            "Numeric claims: a quantity of something, hedged, with its source.",
            ("claim_id",),
            {
                "claim_id": "ARTICLE_ID:cN, N counting claims in text order",
                "article_id": _ID,
                "sentence_idx": _SENT,
                "start": _START,
                "end": _END,
                "text": "the claim as written, from the first hedge word or number to the noun",
                "value": "the number, when one number is given (null for ranges, vague plurals)",
                "low": "lower bound for ranges and vague plurals (tientallen: 20)",
                "high": "upper bound for ranges and vague plurals (tientallen: 99)",
                "qualifier": "exact approx more_than less_than at_least at_most almost range",
                "cue": "the hedge words as written (zo'n, naar schatting), or null",
                "unit": "lemma of the head noun of what is counted (strijder, euro, procent)",
                "counted": "the counted noun as written (IS-strijders)",
                "category": "people, money, percent, distance, duration or other",
                "subject_entity_id": "entity the counted thing belongs to (IS-strijders: IS)",
                "source": "who states the number (name or description); null: the article itself",
                "source_entity_id": "the source in the entity catalog, when it is a named entity",
                "quote_id": "the quote the number stands in, when it does",
                "date": "the article's date",
            },
            types={"date": "date"},
            foreign_keys=(
                ("article_id", "articles", "article_id"),
                ("subject_entity_id", "entities", "entity_id"),
                ("source_entity_id", "entities", "entity_id"),
                ("quote_id", "quotes", "quote_id"),
            ),
        ),
        Table(
            "quotes",
            Quote,
            "Direct, partial and indirect (reported) statements with speakers.",
            ("quote_id",),
            {
                "quote_id": "ARTICLE_ID:qN, N counting quotes in text order",
                "article_id": _ID,
                "sentence_idx": _SENT,
                "start": _START,
                "end": _END,
                "text": "the quoted words without quotation marks; for indirect speech the clause",
                "kind": "direct, partial or indirect",
                "speaker": "canonical name of the speaker, or a description when no name exists",
                "speaker_text": "the speaker as written where the quote is attributed",
                "speaker_entity_id": "the speaker in the entity catalog, when a named entity",
                "cue": "lemma of the reporting verb or word (zeggen, volgens, aldus, ':')",
                "resolution": "how the speaker was found: explicit, pronoun, continuation, colon",
                "date": "the article's date",
            },
            types={"date": "date"},
            foreign_keys=(
                ("article_id", "articles", "article_id"),
                ("speaker_entity_id", "entities", "entity_id"),
            ),
        ),
        Table(
            "rejects",
            Reject,
            "Input records that could not become articles, and why.",
            ("source", "record"),
            {
                "source": "input file (or the input argument that matched nothing)",
                "record": "where: 'file', 'input', 'line N' or 'row N'",
                "reason": "what is wrong with the record",
                "article_id": "the record's id when it could be read",
            },
        ),
    )
}
