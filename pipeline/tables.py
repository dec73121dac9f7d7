"""Tables: the one definition of every output table, and the writers generated from it.

Each table is defined by the record dataclass its rows come from (field names and types),
plus a description per field and its keys. From that single definition come the CSV and
JSONL writers, ``datapackage.json`` (Frictionless Table Schema) and ``SCHEMA.md``, so the
documentation cannot drift from what is written. Only this module touches output files;
every file is written to a temporary name and renamed into place, so a crashed run never
leaves a half-written table that looks complete.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from newsclaims.records import Article, CatalogEntity, Claim, Mention, Quote, Reject, Sentence

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

    @property
    def columns(self) -> list[Column]:
        hints = typing.get_type_hints(self.row_type)
        cols = []
        for f in dataclasses.fields(self.row_type):
            if f.name in self.exclude:
                continue
            ftype, required = _frictionless_type(hints[f.name])
            cols.append(
                Column(f.name, ftype, self.docs[f.name], required, f.name in self.jsonl_only)
            )
        return cols

    def csv_columns(self) -> list[Column]:
        return [c for c in self.columns if not c.jsonl_only]


def _frictionless_type(hint: Any) -> tuple[str, bool]:
    """Python annotation -> (Table Schema type, required)."""
    required = True
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType) and type(None) in args:
        required = False
        hint = next(a for a in args if a is not type(None))
    if typing.get_origin(hint) in (tuple, list):
        return "array", required
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
                "date": "publication date, ISO 8601; partial dates stay partial (2018-12)",
                "title": "headline, when the input has one",
                "url": "URL, when the input has one",
                "publisher": "the record's own source/publisher field, when it has one",
                "status": "ok, or duplicate_of:ARTICLE_ID when the body repeats an earlier one",
                "warnings": "problems that did not stop the article (unparseable date, id renamed)",
                "n_chars": "length of the text in characters",
                "n_sentences": "number of sentences (0 for duplicates: not analysed)",
                "n_tokens": "number of spaCy tokens, whitespace excluded",
            },
            jsonl_only=("text",),
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
            "Corpus-wide entity catalog: one row per distinct entity over all articles.",
            ("entity_id",),
            {
                "entity_id": "stable id: a hash of the canonical name (after the alias table)",
                "name": "canonical name: the alias table's name, else the fullest form used",
                "label": "PER, ORG, LOC or MISC (the most frequent label of its mentions)",
                "aliases": "other names it goes by in the articles (CSV: separated by |)",
                "n_mentions": "number of mentions over all articles",
                "n_articles": "number of articles it is mentioned in",
                "first_date": "earliest article date it is mentioned in",
                "last_date": "latest article date it is mentioned in",
            },
        ),
        Table(
            "mentions",
            Mention,
            "Every entity mention in every analysed article.",
            ("mention_id",),
            {
                "mention_id": "ARTICLE_ID:mN, N counting mentions in text order",
                "article_id": _ID,
                "entity_id": "the entity in the catalog",
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


def to_row(table: Table, record: Any) -> dict[str, Any]:
    """A record as a dict in the table's column order."""
    return {c.name: getattr(record, c.name) for c in table.columns}


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (tuple, list)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else repr(value)
    return value


def _json_value(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


class TableWriter:
    """Writes one table as CSV and JSONL side by side, atomically on ``close()``."""

    def __init__(self, table: Table, out_dir: Path) -> None:
        self.table = table
        self.count = 0
        self._targets = [out_dir / f"{table.name}.csv", out_dir / f"{table.name}.jsonl"]
        self._tmp = [p.with_name(f".{p.name}.tmp") for p in self._targets]
        self._csv_fh: TextIO = self._tmp[0].open("w", encoding="utf-8", newline="")
        self._jsonl_fh: TextIO = self._tmp[1].open("w", encoding="utf-8")
        self._csv_cols = [c.name for c in table.csv_columns()]
        self._csv = csv.DictWriter(self._csv_fh, fieldnames=self._csv_cols, extrasaction="ignore")
        self._csv.writeheader()

    def write(self, record: Any) -> None:
        row = to_row(self.table, record)
        self._csv.writerow({k: _csv_value(row[k]) for k in self._csv_cols})
        self._jsonl_fh.write(
            json.dumps({k: _json_value(v) for k, v in row.items()}, ensure_ascii=False) + "\n"
        )
        self.count += 1

    def write_all(self, records: Iterable[Any]) -> None:
        for record in records:
            self.write(record)

    def close(self) -> None:
        for fh in (self._csv_fh, self._jsonl_fh):
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
        for tmp, target in zip(self._tmp, self._targets, strict=True):
            os.replace(tmp, target)

    def abort(self) -> None:
        for fh in (self._csv_fh, self._jsonl_fh):
            fh.close()
        for tmp in self._tmp:
            tmp.unlink(missing_ok=True)


class OutputSet:
    """All tables of one run, opened together and committed together."""

    def __init__(self, out_dir: Path) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        self.out_dir = out_dir
        self.writers = {name: TableWriter(t, out_dir) for name, t in TABLES.items()}

    def __getitem__(self, name: str) -> TableWriter:
        return self.writers[name]

    def counts(self) -> dict[str, int]:
        return {name: w.count for name, w in self.writers.items()}

    def close(self, manifest: dict[str, Any]) -> None:
        for writer in self.writers.values():
            writer.close()
        write_json_atomic(self.out_dir / "datapackage.json", datapackage())
        write_text_atomic(self.out_dir / "SCHEMA.md", schema_markdown())
        write_json_atomic(self.out_dir / "manifest.json", manifest)

    def abort(self) -> None:
        for writer in self.writers.values():
            writer.abort()


def write_text_atomic(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def write_json_atomic(path: Path, data: Any) -> None:
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n")


def datapackage() -> dict[str, Any]:
    """Frictionless Data Package describing the CSV tables (JSONL mirrors them)."""
    resources = []
    for table in TABLES.values():
        schema: dict[str, Any] = {
            "fields": [
                {
                    "name": c.name,
                    "type": c.type,
                    "description": c.description,
                    "constraints": {"required": True} if c.required else {},
                }
                for c in table.csv_columns()
            ],
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


def schema_markdown() -> str:
    """SCHEMA.md: every table and field, generated from the same definitions as the writers."""
    lines = [
        "# newsclaims output tables",
        "",
        "Each table is written as `NAME.csv` and `NAME.jsonl` with the same fields "
        "(lists are `|`-separated in CSV, arrays in JSONL; empty CSV cells are null). "
        "`datapackage.json` holds the same schema as a Frictionless Data Package. "
        "This file is generated from `pipeline/tables.py`; do not edit it by hand.",
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
        lines += ["", "| field | type | required | description |", "|---|---|---|---|"]
        for c in table.columns:
            note = " (JSONL only)" if c.jsonl_only else ""
            req = "yes" if c.required else "no"
            lines.append(f"| `{c.name}` | {c.type} | {req} | {c.description}{note} |")
        lines.append("")
    return "\n".join(lines)
