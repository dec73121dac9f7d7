"""Tables: the writers of the exported files, generated from the one table definition.

Every table is defined once, in ``newsclaims.tabledefs``; from that definition come the
CSV and JSONL writers here, ``datapackage.json`` and ``SCHEMA.md``
(``newsclaims.tabledocs``) and the database store (``newsclaims.store_schema``), so the
documentation cannot drift from what is written. Only the table layer (this module,
``newsclaims.exports`` and ``newsclaims.store``, with ``newsclaims.outdir`` for the
folder) touches output files: a run's files are staged and committed as one set, so a
crashed run never leaves a half-written or mixed set behind.

CSV cells that a spreadsheet would execute (``=HYPERLINK(...)``, ``@SUM(...)``) are
neutralised in the CSV files only, as OWASP advises; JSONL keeps the raw text.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import secrets
import shutil
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from newsclaims.outdir import MANIFEST, OutputFolder
from newsclaims.tabledefs import LIST_SEPARATOR, TABLES, Column, Table
from newsclaims.tabledocs import CSV_GUARD_DOC, datapackage, schema_markdown

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")
EXPORT_FORMATS = ("csv", "jsonl", "parquet")

__all__ = [
    "CSV_GUARD_DOC",
    "LIST_SEPARATOR",
    "SET_FILES",
    "TABLES",
    "Column",
    "OutputSet",
    "Table",
    "TableWriter",
    "datapackage",
    "guard_cell",
    "schema_markdown",
    "write_json_atomic",
    "write_text_atomic",
]


def guard_cell(text: str) -> str:
    """A text cell a spreadsheet would execute, made inert with a leading ``'``."""
    if text.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


# One encoder for every row: ``json.dumps`` with a non-default option builds a new encoder
# per call, which was a fifth of the cost of an export. Tuples are written as arrays.
_JSON = json.JSONEncoder(ensure_ascii=False)


def _csv_value(value: Any, guard: bool = True) -> Any:
    if value is None:
        return ""
    if isinstance(value, (tuple, list)):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    elif isinstance(value, dict):  # a JSON object column: its JSON text
        value = _JSON.encode(value)
    if isinstance(value, str):
        return guard_cell(value) if guard else value
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else repr(value)
    return value


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
        self._names = [c.name for c in table.columns]
        self._csv_index = [i for i, c in enumerate(table.columns) if not c.jsonl_only]
        self._csv_rows = csv.writer(self._csv_fh)
        self._guarded(self._csv_rows.writerow, [self._names[i] for i in self._csv_index])

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
        """One row from a record with the table's fields as attributes."""
        self.write_values([getattr(record, name) for name in self._names])

    def write_values(self, values: Sequence[Any]) -> None:
        """One row as values in the table's column order (the exports' path: no record
        object is made per row)."""
        guard = self.csv_guard
        self._guarded(
            self._csv_rows.writerow, [_csv_value(values[i], guard) for i in self._csv_index]
        )
        line = _JSON.encode(dict(zip(self._names, values, strict=True)))
        self._guarded(self._jsonl_fh.write, line + "\n")
        self.count += 1

    def resume(self, csv_path: Path, jsonl_path: Path) -> bool:
        """Start from the rows of earlier files of this table (the committed set), when
        only rows after them are new: copied, not written again. False (and nothing
        copied) when there are none or their header is not this writer's."""
        if self.count or not (csv_path.is_file() and jsonl_path.is_file()):
            return False
        self._csv_fh.flush()
        with csv_path.open("rb") as old_csv, jsonl_path.open("rb") as old_jsonl:
            if old_csv.readline() != self._paths[0].read_bytes():
                return False
            shutil.copyfileobj(old_csv, self._csv_fh.buffer)  # type: ignore[misc]
            self._jsonl_fh.flush()
            for block in iter(lambda: old_jsonl.read(1 << 20), b""):
                self._jsonl_fh.buffer.write(block)
                self.count += block.count(b"\n")
        return True

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
    *(f"{name}.{ext}" for name in TABLES for ext in EXPORT_FORMATS),
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

    @property
    def staging(self) -> Path:
        """Where the set is written before it is committed (Parquet goes here too)."""
        return self.folder.staging

    def close(
        self, manifest: dict[str, Any], on_commit: Callable[[], None] | None = None
    ) -> None:
        """Finish every file in the staging folder, then commit the set; ``on_commit``
        (the store's commit) runs once the new set is in place, and a failure there puts
        the previous set back."""
        staging = self.folder.staging
        for writer in self.writers.values():
            writer.close()
        _write_text(staging / "datapackage.json", _json_text(datapackage()))
        _write_text(staging / "SCHEMA.md", schema_markdown())
        names = [n for n in SET_FILES if n != MANIFEST and (staging / n).exists()]
        manifest = {**manifest, "files": {n: (staging / n).stat().st_size for n in names}}
        _write_text(staging / MANIFEST, _json_text(manifest))
        self.folder.commit([*names, MANIFEST], on_commit=on_commit)

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
