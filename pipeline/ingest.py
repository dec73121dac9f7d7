"""Ingest: files, folders and globs of Dutch articles in; ``Article`` or ``Reject`` records out.

A dump of millions of articles always contains some broken records. A run must never stop
on one, and an analyst must be able to account for every input record, so each record
becomes exactly one ``Article`` or one ``Reject`` with a reason that names the problem.
Everything is streamed: one record is in memory at a time; the issued ids and the hash of
every body (to rename a repeated id and mark a repeated body) are kept on disk
(``newsclaims.seen``).
"""

from __future__ import annotations

import csv
import glob
import hashlib
import io
import itertools
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from newsclaims import dates, readers
from newsclaims.readers import Item, Raw
from newsclaims.records import Article, Reject
from newsclaims.seen import SeenIndex
from newsclaims.streams import DamagedStream, open_binary, read_sample
from newsclaims.urls import OUTPUT_SET_MARKERS, InputPath, expand_url, is_url

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
JSON_SUFFIXES = (".json",)
CSV_SUFFIXES = (".csv",)
SUPPORTED = TEXT_SUFFIXES + JSONL_SUFFIXES + JSON_SUFFIXES + CSV_SUFFIXES
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class FieldMap:
    """Which record fields hold what; the first present, non-empty name wins."""

    id: tuple[str, ...] = ("id", "article_id", "doc_id")
    date: tuple[str, ...] = ("date", "published_at", "published", "pubdate")
    title: tuple[str, ...] = ("title", "headline")
    text: tuple[str, ...] = ("text", "body", "content")
    url: tuple[str, ...] = ("url", "link")
    source: tuple[str, ...] = ("source", "publisher")
    categories: tuple[str, ...] = ("categories", "category", "section", "tags")
    author: tuple[str, ...] = ("author", "authors", "byline")

    def renamed(self, overrides: dict[str, str]) -> FieldMap:
        """Put user-named fields first (``--field text=article_body``)."""
        unknown = set(overrides) - set(self.__dataclass_fields__)
        if unknown:
            raise ValueError(f"unknown field(s) {sorted(unknown)}; known: {self.names()}")
        values = {k: (v, *getattr(self, k)) for k, v in overrides.items()}
        return FieldMap(**{**self.__dict__, **values})

    @staticmethod
    def names() -> list[str]:
        return list(FieldMap.__dataclass_fields__)


def normalise_text(text: str) -> str:
    """NFC and ``\\n`` line ends: one canonical body that every offset refers to."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def parse_date(raw: object) -> tuple[str | None, str | None]:
    """The date as precise as the input gives it (``2018-12`` stays ``2018-12``) and the
    timestamp with offset when one was given; ``newsclaims.dates.parse`` has the layouts.

    Returns ``(date, timestamp)``; ``(None, None)`` for empty input; raises ``ValueError``
    with the offending value when the text is no date this function understands.
    """
    parsed = dates.parse(raw)
    return parsed.partial, parsed.published_at


@dataclass
class InputFiles:
    """What the inputs expand to: files to read, inputs that are rejects, folders skipped."""

    files: list[InputPath] = field(default_factory=list)
    problems: list[Reject] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def is_output_folder(folder: Path) -> bool:
    """A folder holding a newsclaims output set: its tables must never be read as input."""
    return all((folder / name).is_file() for name in OUTPUT_SET_MARKERS)


def find_inputs(inputs: Iterable[str | Path], exclude: Iterable[Path] = ()) -> InputFiles:
    """Files, folders (recursively, supported types only) and globs, in a stable order.

    Folders are walked without hidden entries (``.staging-*``, ``.git``) and without
    output folders (``exclude``, i.e. ``--out``, and any folder holding a newsclaims
    manifest), so a run never reads its own tables back in as articles. A URL
    (``s3://bucket/news/``) is expanded the same way through fsspec (``newsclaims.urls``).
    """
    found = InputFiles()
    excluded = [Path(p).resolve() for p in exclude]

    def outside(path: Path) -> bool:
        resolved = path.resolve()
        return not any(resolved == ex or ex in resolved.parents for ex in excluded)

    for item in inputs:
        text = str(item)
        if is_url(text):
            files, problems, skipped = expand_url(text, _kind)
            found.files.extend(files)
            found.problems += [Reject(where, "input", why) for where, why in problems]
            found.skipped += skipped
            continue
        path = Path(text)
        if path.is_dir():
            if not outside(path):
                found.problems.append(Reject(text, "input", "is the output folder; not read"))
                continue
            found.files.extend(_walk(path, outside, found))
        elif path.is_file():
            if outside(path):
                found.files.append(path)
            else:
                reason = "inside the output folder; output files are never read as input"
                found.problems.append(Reject(text, "input", reason))
        elif glob.has_magic(text):
            matched = sorted(Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file())
            if not matched:
                found.problems.append(Reject(text, "input", "glob matches no files"))
            kept = [p for p in matched if outside(p) and not is_output_folder(p.parent)]
            found.skipped += [f"{p} (output table)" for p in matched if p not in kept]
            found.files.extend(kept)
        else:
            found.problems.append(Reject(text, "input", "no such file or directory"))
    found.files = list(dict.fromkeys(found.files))
    return found


def _walk(top: Path, outside: object, found: InputFiles) -> list[Path]:
    files: list[Path] = []

    def unreadable(exc: OSError) -> None:
        where = exc.filename or str(top)
        found.problems.append(Reject(str(where), "input", f"cannot read folder: {exc.strerror}"))

    for folder, dirs, names in os.walk(top, onerror=unreadable):
        here = Path(folder)
        keep = []
        for name in sorted(dirs):
            sub = here / name
            if name.startswith("."):
                continue
            if not outside(sub) or is_output_folder(sub):  # type: ignore[operator]
                found.skipped.append(f"{sub} (output folder)")
                continue
            keep.append(name)
        dirs[:] = keep
        for name in sorted(names):
            path = here / name
            if not name.startswith(".") and _kind(path) is not None:
                files.append(path)
    return sorted(files)


def expand_inputs(
    inputs: Iterable[str | Path], exclude: Iterable[Path] = ()
) -> tuple[list[InputPath], list[Reject]]:
    """``find_inputs`` as (files, rejects), for callers that need no more."""
    found = find_inputs(inputs, exclude)
    return found.files, found.problems


def _kind(path: InputPath) -> str | None:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    for kind, suffixes in (
        ("txt", TEXT_SUFFIXES),
        ("jsonl", JSONL_SUFFIXES),
        ("json", JSON_SUFFIXES),
        ("csv", CSV_SUFFIXES),
    ):
        if name.endswith(suffixes):
            return kind
    return None


def count_records(files: Iterable[InputPath]) -> int | None:
    """How many records the files hold, for a progress bar with an end; None for CSV and
    .json (rows can span lines, arrays hold many records on one line)."""
    total = 0
    for path in files:
        kind = _kind(path)
        if kind in ("csv", "json"):
            return None
        if kind == "txt":
            total += 1
        elif kind == "jsonl":
            try:
                with open_binary(path) as stream:
                    total += sum(1 for line in stream if line.strip())
            except (OSError, EOFError, DamagedStream):
                total += 1  # unreadable: one reject
    return total


def _printable(text: str) -> str:
    """Text that can be written as UTF-8 (lone surrogates become ``\\udXXX`` escapes)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _as_text(value: object) -> str:
    """A field as text: strings as they are, other JSON values as their JSON text
    (``true``, ``["x"]``), never Python's ``True`` or ``['x']``."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


@dataclass
class Ingestor:
    """Turns raw records into articles, tracking ids and bodies already seen."""

    fields: FieldMap = field(default_factory=FieldMap)
    # issued ids and first bodies, in a bounded-memory index (``newsclaims.seen``)
    seen: SeenIndex = field(default_factory=SeenIndex)

    def read(
        self, inputs: Iterable[str | Path], exclude: Iterable[Path] = ()
    ) -> Iterator[Article | Reject]:
        """Every record of every input, as an Article or a Reject, in input order."""
        found = find_inputs(inputs, exclude)
        yield from found.problems
        for path in found.files:
            for raw in self._records(path):
                yield raw if isinstance(raw, Reject) else self._article(raw)

    # The two halves of ``read`` for a reader that splits the work (a Dask worker reads a
    # range of a file's items, the driver validates them in input order: issue 13): the
    # items of one file as they come, and the validation that issues ids. ``read`` is
    # exactly ``items`` then ``article`` over every file.

    def items(self, path: InputPath) -> Iterator[Item]:
        """The raw items of one file, unvalidated, in order: a ``Raw`` record or the
        ``Reject`` of a record (or of the whole file) that could not be read. The file
        yields at least one item; closing the iterator closes the file."""
        return self._records(path)

    def jsonl_items(self, path: InputPath, offset: int, line: int) -> Iterator[Item]:
        """The raw items of a plain (uncompressed) JSON Lines file from byte ``offset``,
        which must be the start of line number ``line``: the same items, line numbers and
        default ids as ``items`` yields from there, without reading what comes before.
        No whole-file checks (sample, binary content) are made: the caller made them."""
        with path.open("rb") as fh:
            fh.seek(offset)
            lines = itertools.chain(itertools.repeat(b"\n", line - 1), fh)
            yield from self._reader(path, "jsonl", lines, b"")  # type: ignore[arg-type]

    def article(self, raw: Raw) -> Article | Reject:
        """Validate one raw record as ``read`` does: the ``Article`` with its unique id and
        its duplicate status in everything this ``Ingestor`` has seen, or its ``Reject``."""
        return self._article(raw)

    def _records(self, path: InputPath) -> Iterator[Item]:
        """The records of one file; whatever happens, the file yields at least one item."""
        source = _printable(str(path))
        kind = _kind(path)
        if kind is None:
            yield Reject(source, "file", f"unsupported file type {path.suffix!r}; use {SUPPORTED}")
            return
        try:
            sample, damage = read_sample(path, readers.SAMPLE_BYTES)
        except OSError as exc:
            yield Reject(source, "file", f"cannot read file: {exc.strerror or exc}")
            return
        if damage is not None and not sample:
            yield Reject(source, "file", str(damage))
            return
        binary = readers.binary_reason(sample)
        if binary is not None:
            yield Reject(source, "file", binary)
            return
        last, count = "file", 0
        try:
            with open_binary(path) as stream:
                for item in self._reader(path, kind, stream, sample):
                    last, count = item.record, count + 1
                    if item.source != source:  # a file name that is not valid UTF-8
                        item = replace(item, source=source)
                    yield item
        except DamagedStream as exc:
            where = "file" if last == "file" else f"after {last}"
            kept = "records before it were kept, " if count else ""
            yield Reject(source, where, f"cannot read file: {exc}; {kept}the rest is lost")
            return
        except Exception as exc:  # unreadable, truncated, or a reader bug
            where = "file" if last == "file" else f"after {last}"
            yield Reject(source, where, f"cannot read file: {type(exc).__name__}: {exc}")
            return
        if count == 0:
            yield Reject(source, "file", "empty file: no records")

    def _reader(
        self, path: InputPath, kind: str, stream: BinaryIO, sample: bytes
    ) -> Iterator[Item]:
        if kind == "txt":
            return readers.read_text(path, stream)
        if kind == "json" and sample.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
            return readers.read_json_array(path, stream)
        if kind in ("json", "jsonl"):
            return readers.read_jsonl(path, stream)
        known = {n.lower() for names in self.fields.__dict__.values() for n in names}
        text = sample.decode("utf-8-sig", errors="surrogateescape")

        def open_text() -> io.TextIOWrapper:
            return io.TextIOWrapper(
                open_binary(path), encoding="utf-8-sig", errors="surrogateescape", newline=""
            )

        csv.field_size_limit(2**31 - 1)  # article bodies can exceed the 128 KiB default
        return iter(readers.CsvReader(path, open_text, text, self.fields.text, known))

    def _get(self, raw: Raw, names: tuple[str, ...]) -> object | None:
        key = self._name(raw, names)
        return None if key is None else raw.fields[key]

    def _name(self, raw: Raw, names: tuple[str, ...]) -> str | None:
        """The first of ``names`` that the record fills."""
        for name in names:
            value = raw.fields.get(name)
            if value is not None and _as_text(value).strip() != "":
                return name
        return None

    def _article(self, raw: Raw) -> Article | Reject:
        """Validate one record; any failure, foreseen or not, is a reject for that record."""
        try:
            return self._validate(raw)
        except Exception as exc:  # one record never stops a run
            return Reject(
                raw.source, raw.record, f"cannot read record: {type(exc).__name__}: {exc}"
            )

    def _validate(self, raw: Raw) -> Article | Reject:
        warnings: list[str] = []
        id_key = self._name(raw, self.fields.id)
        raw_id = raw.fields[id_key] if id_key else None
        article_id = _as_text(raw_id).strip() if raw_id is not None else raw.default_id
        names = ("text", "title", "url", "source", "date", "categories", "author")
        used = {name: self._name(raw, getattr(self.fields, name)) for name in names}
        values = {name: raw.fields[key] if key else None for name, key in used.items()}
        for name, value in (("id", article_id), *values.items()):
            bad = _SURROGATE.search(value) if isinstance(value, str) else None
            if bad:
                return Reject(
                    raw.source,
                    raw.record,
                    f"{name} is not valid Unicode: lone surrogate U+{ord(bad.group()):04X} at "
                    f"character {bad.start()} (a \\ud800-\\udfff escape or a byte not UTF-8)",
                    _printable(article_id),
                )
        body = values["text"]
        if body is None:
            return Reject(raw.source, raw.record, "empty body (no text)", article_id)
        if not isinstance(body, str):
            return Reject(
                raw.source, raw.record, f"text is a {type(body).__name__}, not a string", article_id
            )
        if "\x00" in body:
            warnings.append(f"removed {body.count(chr(0))} NUL characters from the text")
            body = body.replace("\x00", "")
        text = normalise_text(body)
        if not text:
            return Reject(raw.source, raw.record, "empty body (only whitespace)", article_id)
        try:
            when = dates.parse(values["date"])
        except ValueError as exc:
            when = dates.ParsedDate()
            warnings.append(f"{exc}; date left empty")
        unique = self.seen.issue(article_id)
        if unique != article_id:
            warnings.append(f"duplicate article_id {article_id!r}; renamed to {unique!r}")
        digest = hashlib.sha1(text.encode("utf-8")).digest()
        first = self.seen.first_with_body(digest, unique)
        title, url, publisher = values["title"], values["url"], values["source"]
        return Article(
            article_id=unique,
            source=raw.source,
            record=raw.record,
            text=text,
            date=when.date,
            date_precision=when.precision,
            published_at=when.published_at,
            title=normalise_text(_as_text(title)) if title is not None else None,
            url=_as_text(url) if url is not None else None,
            publisher=_as_text(publisher) if publisher is not None else None,
            categories=_categories(values["categories"]),
            author=_author(values["author"]),
            status="ok" if first == unique else f"duplicate_of:{first}",
            warnings=tuple(warnings),
            n_chars=len(text),
            extra=_extra(raw, {key for key in (*used.values(), id_key) if key}),
        )


def _categories(value: object) -> tuple[str, ...]:
    """A list of categories (or one category as text) as a tuple of non-empty strings."""
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    return tuple(t for t in (_printable(_as_text(v)).strip() for v in items) if t)


def _author(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return ", ".join(_printable(_as_text(v)).strip() for v in value if v) or None
    return _printable(_as_text(value)).strip() or None


def _extra(raw: Raw, used: set[str]) -> str | None:
    """The record's fields that no column took, as JSON text (``None`` when none)."""
    rest = {
        k: v
        for k, v in raw.fields.items()
        if k not in used and v is not None and not (isinstance(v, str) and not v.strip())
    }
    if not rest:
        return None
    text = json.dumps(rest, ensure_ascii=False)
    return text if not _SURROGATE.search(text) else json.dumps(rest)


def read_articles(
    inputs: Iterable[str | Path], fields: FieldMap | None = None
) -> Iterator[Article | Reject]:
    """Convenience wrapper: a fresh Ingestor over the inputs."""
    return Ingestor(fields or FieldMap()).read(inputs)
