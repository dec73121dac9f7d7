"""Tables: the one definition of every output table, and the writers generated from it.

Each table is defined by the record dataclass its rows come from (field names and types),
plus a description per field and its keys. From that single definition come the CSV and
JSONL writers, ``datapackage.json`` (Frictionless Table Schema) and ``SCHEMA.md``, so the
documentation cannot drift from what is written. Only this module (with
``newsclaims.outdir`` for the folder) touches output files: a run's tables are staged and
committed as one set, so a crashed run never leaves a half-written or mixed set behind.

CSV cells that a spreadsheet would execute (``=HYPERLINK(...)``, ``@SUM(...)``) are
neutralised in the CSV files only, as OWASP advises; JSONL keeps the raw text.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import json
import os
import re
import secrets
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from newsclaims.outdir import MANIFEST, OutputFolder
from newsclaims.records import Article, CatalogEntity, Claim, Mention, Quote, Reject, Sentence

LIST_SEPARATOR = "|"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")
CSV_GUARD_DOC = (
    "CSV cells that a spreadsheet would run as a formula (text starting with `=`, `+`, "
    "`-`, `@`, a tab or a carriage return, except plain numbers such as `-5`) are written "
    "with a leading `'` (OWASP CSV injection advice); JSONL holds the raw text, and "
    "`newsclaims run --no-csv-guard` writes CSV cells unchanged. Numeric columns are "
    "never altered."
)


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


def guard_cell(text: str) -> str:
    """A text cell a spreadsheet would execute, made inert with a leading ``'``."""
    if text.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _csv_value(value: Any, guard: bool = True) -> Any:
    if value is None:
        return ""
    if isinstance(value, (tuple, list)):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, str):
        return guard_cell(value) if guard else value
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else repr(value)
    return value


def _json_value(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _temp_name(path: Path) -> Path:
    """A temporary name beside ``path``, unique per process and call."""
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


class TableWriter:
    """Writes one table as CSV and JSONL side by side.

    With ``atomic`` (alone, e.g. in tests) each file goes to a unique temporary name and is
    renamed into place on ``close()``; inside an ``OutputSet`` the files are written
    straight into the run's staging folder, which is committed as a whole. A failed write
    (a full disk) raises ``OSError`` naming the file.
    """

    def __init__(
        self, table: Table, out_dir: Path, *, csv_guard: bool = True, atomic: bool = True
    ) -> None:
        self.table = table
        self.count = 0
        self.csv_guard = csv_guard
        self.targets = [out_dir / f"{table.name}.csv", out_dir / f"{table.name}.jsonl"]
        self._paths = [_temp_name(p) for p in self.targets] if atomic else list(self.targets)
        self._atomic = atomic
        self._csv_fh: TextIO = self._open(self._paths[0], newline="")
        self._jsonl_fh: TextIO = self._open(self._paths[1], newline="\n")
        self._csv_cols = [c.name for c in table.csv_columns()]
        self._csv = csv.DictWriter(self._csv_fh, fieldnames=self._csv_cols, extrasaction="ignore")
        self._guarded(self._csv.writeheader)

    def _open(self, path: Path, newline: str) -> TextIO:
        # backslashreplace: a lone surrogate that slipped through is escaped, never fatal
        try:
            return path.open("w", encoding="utf-8", errors="backslashreplace", newline=newline)
        except OSError as exc:
            raise _named(exc, path) from exc

    def _guarded(self, action: Any, *args: Any) -> None:
        try:
            action(*args)
        except OSError as exc:
            which = self._paths[1] if action == self._jsonl_fh.write else self._paths[0]
            raise _named(exc, which) from exc

    def write(self, record: Any) -> None:
        row = to_row(self.table, record)
        self._guarded(
            self._csv.writerow, {k: _csv_value(row[k], self.csv_guard) for k in self._csv_cols}
        )
        line = json.dumps({k: _json_value(v) for k, v in row.items()}, ensure_ascii=False)
        self._guarded(self._jsonl_fh.write, line + "\n")
        self.count += 1

    def write_all(self, records: Iterable[Any]) -> None:
        for record in records:
            self.write(record)

    def close(self) -> None:
        for fh, path in zip((self._csv_fh, self._jsonl_fh), self._paths, strict=True):
            try:
                fh.flush()
                os.fsync(fh.fileno())
                fh.close()
            except OSError as exc:
                raise _named(exc, path) from exc
        if self._atomic:
            for tmp, target in zip(self._paths, self.targets, strict=True):
                os.replace(tmp, target)

    def abort(self) -> None:
        for fh in (self._csv_fh, self._jsonl_fh):
            with contextlib.suppress(OSError):  # a full disk fails the flush; the file goes
                fh.close()
        if self._atomic:
            for tmp in self._paths:
                tmp.unlink(missing_ok=True)


def _named(exc: OSError, path: Path) -> OSError:
    """The same error, saying which file could not be written (disk full names a path)."""
    if exc.filename:
        return exc
    return type(exc)(exc.errno, f"cannot write {path}: {exc.strerror or exc}")


SET_FILES = [
    *(f"{name}.{ext}" for name in TABLES for ext in ("csv", "jsonl")),
    "datapackage.json",
    "SCHEMA.md",
    MANIFEST,
]


class OutputSet:
    """All tables of one run: staged together, committed together (or not at all).

    Opening it locks ``out_dir`` (``newsclaims.outdir.OutputLocked`` if another run holds
    it); ``close`` commits the set with the manifest as its last file, ``abort`` drops it.
    """

    def __init__(self, out_dir: Path, *, csv_guard: bool = True) -> None:
        self.out_dir = out_dir
        self.csv_guard = csv_guard
        self.folder = OutputFolder(out_dir, SET_FILES).open()
        self.writers: dict[str, TableWriter] = {}
        try:
            for name, table in TABLES.items():
                self.writers[name] = TableWriter(
                    table, self.folder.staging, csv_guard=csv_guard, atomic=False
                )
        except BaseException:
            self.abort()
            raise

    def __getitem__(self, name: str) -> TableWriter:
        return self.writers[name]

    def counts(self) -> dict[str, int]:
        return {name: w.count for name, w in self.writers.items()}

    def close(self, manifest: dict[str, Any]) -> None:
        """Finish every file in the staging folder, then commit the set."""
        staging = self.folder.staging
        for writer in self.writers.values():
            writer.close()
        _write_text(staging / "datapackage.json", _json_text(datapackage()))
        _write_text(staging / "SCHEMA.md", schema_markdown())
        names = [n for n in SET_FILES if n != MANIFEST]
        manifest = {**manifest, "files": {n: (staging / n).stat().st_size for n in names}}
        _write_text(staging / MANIFEST, _json_text(manifest))
        self.folder.commit([*names, MANIFEST])

    def abort(self) -> None:
        for writer in self.writers.values():
            writer.abort()
        self.folder.abort()


def _json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _write_text(path: Path, text: str) -> None:
    try:
        with path.open("w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise _named(exc, path) from exc


def write_text_atomic(path: Path, text: str) -> None:
    """Write via a uniquely named temporary file beside the target, then rename over it;
    the temporary file is removed if anything fails."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_name(path)
    try:
        _write_text(tmp, text)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_json_atomic(path: Path, data: Any) -> None:
    write_text_atomic(path, _json_text(data))


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
        lines += ["", "| field | type | required | description |", "|---|---|---|---|"]
        for c in table.columns:
            note = " (JSONL only)" if c.jsonl_only else ""
            req = "yes" if c.required else "no"
            lines.append(f"| `{c.name}` | {c.type} | {req} | {c.description}{note} |")
        lines.append("")
    return "\n".join(lines)
