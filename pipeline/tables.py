"""Tables: the output set of a run, its documentation, and the atomic file writes.

Every table is defined once, in ``newsclaims.tabledefs``; from that definition come the
CSV and JSONL cells (``newsclaims.exportsql``, written by ``newsclaims.exports``),
``datapackage.json`` and ``SCHEMA.md``
(``newsclaims.tabledocs``) and the database store (``newsclaims.store_schema``), so the
documentation cannot drift from what is written. Only the table layer (this module,
``newsclaims.exports`` and ``newsclaims.store``, with ``newsclaims.outdir`` for the
folder) touches output files: a run's files are staged and committed as one set, so a
crashed run never leaves a half-written or mixed set behind.

CSV cells that a spreadsheet would execute (``=HYPERLINK(...)``, ``@SUM(...)``) are
neutralised in the CSV files only, as OWASP advises; JSONL keeps the raw text.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsclaims.outdir import MANIFEST, OutputFolder
from newsclaims.tabledefs import LIST_SEPARATOR, TABLES, Column, Table
from newsclaims.tabledocs import CSV_GUARD_DOC, datapackage, schema_markdown

EXPORT_FORMATS = ("csv", "jsonl", "parquet")

__all__ = [
    "CSV_GUARD_DOC",
    "LIST_SEPARATOR",
    "SET_FILES",
    "TABLES",
    "Column",
    "OutputSet",
    "Table",
    "datapackage",
    "schema_markdown",
    "write_json_atomic",
    "write_text_atomic",
]


def _temp_name(path: Path) -> Path:
    """A temporary name beside ``path``, unique per process and call."""
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


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

    @property
    def staging(self) -> Path:
        """Where the set is written before it is committed (``newsclaims.exports``)."""
        return self.folder.staging

    def close(self, manifest: dict[str, Any], on_commit: Callable[[], None] | None = None) -> None:
        """Make the staged tables durable, add the documentation and the manifest, then
        commit the set; ``on_commit`` (the store's commit) runs once the new set is in
        place, and a failure there puts the previous set back."""
        staging = self.folder.staging
        for name in TABLES:
            for ext in EXPORT_FORMATS:
                _fsync(staging / f"{name}.{ext}")
        _write_text(staging / "datapackage.json", _json_text(datapackage()))
        _write_text(staging / "SCHEMA.md", schema_markdown())
        names = [n for n in SET_FILES if n != MANIFEST and (staging / n).exists()]
        manifest = {**manifest, "files": {n: (staging / n).stat().st_size for n in names}}
        _write_text(staging / MANIFEST, _json_text(manifest))
        self.folder.commit([*names, MANIFEST], on_commit=on_commit)

    def abort(self) -> None:
        self.folder.abort()


def _fsync(path: Path) -> None:
    """Flush a file another writer (DuckDB's ``COPY``) closed to the disk, if it is there."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _named(exc, path) from exc
    try:
        os.fsync(fd)
    except OSError as exc:
        raise _named(exc, path) from exc
    finally:
        os.close(fd)


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
