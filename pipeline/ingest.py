"""Ingest: files, folders and globs of Dutch articles in; ``Article`` or ``Reject`` records out.

A dump of millions of articles always contains some broken records. A run must never stop
on one, and an analyst must be able to account for every input record, so each record
becomes exactly one ``Article`` or one ``Reject`` with a reason that names the problem.
Everything is streamed: one record is in memory at a time, plus a set of body hashes for
duplicate detection.
"""

from __future__ import annotations

import csv
import glob
import gzip
import hashlib
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import BinaryIO

from newsclaims.records import Article, Reject

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
CSV_SUFFIXES = (".csv",)
SUPPORTED = TEXT_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES
_DATE_HEADER = re.compile(r"\A\s*date\s+(\d\S*)[ \t]*\n?[ \t]*")
_PARTIAL_DATE = re.compile(r"\A(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\Z")


@dataclass(frozen=True)
class FieldMap:
    """Which record fields hold what; the first present, non-empty name wins."""

    id: tuple[str, ...] = ("id", "article_id", "doc_id")
    date: tuple[str, ...] = ("date", "published_at", "published", "pubdate")
    title: tuple[str, ...] = ("title", "headline")
    text: tuple[str, ...] = ("text", "body", "content")
    url: tuple[str, ...] = ("url", "link")
    source: tuple[str, ...] = ("source", "publisher")

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
    """ISO 8601 date (partial dates stay partial) and the full timestamp when one was given.

    Returns ``(date, timestamp)``; ``(None, None)`` for empty input; raises ``ValueError``
    with the offending value when the text is no date this function understands.
    """
    if raw is None:
        return None, None
    text = str(raw).strip()
    if not text:
        return None, None
    match = _PARTIAL_DATE.match(text)
    if match:
        year, month, day = match.groups()
        if day:
            return date(int(year), int(month), int(day)).isoformat(), None
        if month:
            if not 1 <= int(month) <= 12:
                raise ValueError(f"month out of range in {text!r}")
            return f"{int(year):04d}-{int(month):02d}", None
        return f"{int(year):04d}", None
    try:
        stamp = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            stamp = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError) as exc:
            raise ValueError(f"unparseable date {text!r}") from exc
    return stamp.date().isoformat(), stamp.isoformat()


def expand_inputs(inputs: Iterable[str | Path]) -> tuple[list[Path], list[Reject]]:
    """Files, folders (recursively, supported types only) and globs, in a stable order."""
    files: list[Path] = []
    problems: list[Reject] = []
    for item in inputs:
        text = str(item)
        path = Path(text)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _kind(p) is not None)
            files.extend(found)
        elif path.is_file():
            files.append(path)
        elif glob.has_magic(text):
            matched = sorted(Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file())
            if not matched:
                problems.append(Reject(text, "input", "glob matches no files"))
            files.extend(matched)
        else:
            problems.append(Reject(text, "input", "no such file or directory"))
    unique = list(dict.fromkeys(files))
    return unique, problems


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    for kind, suffixes in (
        ("txt", TEXT_SUFFIXES),
        ("jsonl", JSONL_SUFFIXES),
        ("csv", CSV_SUFFIXES),
    ):
        if name.endswith(suffixes):
            return kind
    return None


def count_records(files: Iterable[Path]) -> int | None:
    """How many records the files hold, for a progress bar with an end; None for CSV,
    whose rows can span lines and cannot be counted without parsing them."""
    total = 0
    for path in files:
        kind = _kind(path)
        if kind == "csv":
            return None
        if kind == "txt":
            total += 1
        elif kind == "jsonl":
            try:
                with _open_binary(path) as stream:
                    total += sum(1 for line in stream if line.strip())
            except (OSError, EOFError):
                total += 1  # unreadable: one reject
    return total


def _stem(path: Path) -> str:
    name = path.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    return name.rsplit(".", 1)[0] if "." in name else name


def _open_binary(path: Path) -> BinaryIO:
    """A binary stream of the (decompressed) file, so dumps are never read whole."""
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise ValueError(f"{where}not valid UTF-8: byte 0x{bad} at offset {exc.start}") from exc


@dataclass
class _Raw:
    """A record before validation: where it came from and its fields."""

    source: str
    record: str
    fields: dict[str, object]
    default_id: str


@dataclass
class Ingestor:
    """Turns raw records into articles, tracking ids and bodies already seen."""

    fields: FieldMap = field(default_factory=FieldMap)
    seen_ids: dict[str, int] = field(default_factory=dict)
    seen_bodies: dict[bytes, str] = field(default_factory=dict)

    def read(self, inputs: Iterable[str | Path]) -> Iterator[Article | Reject]:
        """Every record of every input, as an Article or a Reject, in input order."""
        files, problems = expand_inputs(inputs)
        yield from problems
        for path in files:
            for raw in self._records(path):
                if isinstance(raw, Reject):
                    yield raw
                else:
                    yield self._article(raw)

    def _records(self, path: Path) -> Iterator[_Raw | Reject]:
        source = str(path)
        kind = _kind(path)
        if kind is None:
            yield Reject(source, "file", f"unsupported file type {path.suffix!r}; use {SUPPORTED}")
            return
        reader = {"txt": self._text_file, "jsonl": self._jsonl, "csv": self._csv}[kind]
        last = "file"
        try:
            with _open_binary(path) as stream:
                for item in reader(path, stream):
                    last = item.record
                    yield item
        except (OSError, EOFError, csv.Error) as exc:  # unreadable, truncated or not gzip
            detail = "not a readable gzip file" if isinstance(exc, gzip.BadGzipFile) else ""
            where = "file" if last == "file" else f"after {last}"
            yield Reject(source, where, f"cannot read file: {detail or type(exc).__name__}: {exc}")

    def _text_file(self, path: Path, stream: BinaryIO) -> Iterator[_Raw | Reject]:
        try:
            text = _decode(stream.read(), "")
        except ValueError as exc:
            yield Reject(str(path), "file", str(exc), _stem(path))
            return
        fields: dict[str, object] = {}
        header = _DATE_HEADER.match(text)
        if header:
            fields["date"] = header.group(1)
            text = text[header.end() :]
        fields["text"] = text
        yield _Raw(str(path), "file", fields, _stem(path))

    def _jsonl(self, path: Path, stream: BinaryIO) -> Iterator[_Raw | Reject]:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            where = f"line {number}"
            try:
                decoded = _decode(line, "")
            except ValueError as exc:
                yield Reject(str(path), where, str(exc))
                continue
            try:
                obj = json.loads(decoded)
            except ValueError as exc:
                yield Reject(str(path), where, f"malformed JSON: {exc}")
                continue
            if not isinstance(obj, dict):
                yield Reject(
                    str(path), where, f"JSON value is a {type(obj).__name__}, not an object"
                )
                continue
            yield _Raw(str(path), where, obj, f"{_stem(path)}-{number}")

    def _csv(self, path: Path, stream: BinaryIO) -> Iterator[_Raw | Reject]:
        csv.field_size_limit(2**31 - 1)  # article bodies can exceed the 128 KiB default
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
        reader = csv.DictReader(text)
        columns = reader.fieldnames or []
        has_text = any(name in columns for name in self.fields.text)
        for number, row in enumerate(reader, start=2):
            where = f"row {number}"
            if not has_text:
                yield Reject(
                    str(path),
                    where,
                    f"CSV has no text column (looked for {list(self.fields.text)}; "
                    f"columns are {columns})",
                )
                continue
            values = {k: v for k, v in row.items() if k is not None}
            bad = next(
                (k for k, v in values.items() if isinstance(v, str) and _has_surrogate(v)), None
            )
            if bad is not None:
                yield Reject(str(path), where, f"column {bad!r} is not valid UTF-8")
                continue
            yield _Raw(str(path), where, values, f"{_stem(path)}-{number}")

    def _get(self, raw: _Raw, names: tuple[str, ...]) -> object | None:
        for name in names:
            value = raw.fields.get(name)
            if value is not None and str(value).strip() != "":
                return value
        return None

    def _article(self, raw: _Raw) -> Article | Reject:
        warnings: list[str] = []
        body = self._get(raw, self.fields.text)
        raw_id = self._get(raw, self.fields.id)
        article_id = str(raw_id).strip() if raw_id is not None else raw.default_id
        if body is None:
            return Reject(raw.source, raw.record, "empty body (no text)", article_id)
        if not isinstance(body, str):
            return Reject(
                raw.source, raw.record, f"text is a {type(body).__name__}, not a string", article_id
            )
        text = normalise_text(body)
        if not text:
            return Reject(raw.source, raw.record, "empty body (only whitespace)", article_id)
        try:
            iso_date, _stamp = parse_date(self._get(raw, self.fields.date))
        except ValueError as exc:
            iso_date = None
            warnings.append(f"{exc}; date left empty")
        count = self.seen_ids.get(article_id, 0) + 1
        self.seen_ids[article_id] = count
        if count > 1:
            new_id = f"{article_id}~{count}"
            warnings.append(f"duplicate article_id {article_id!r}; renamed to {new_id!r}")
            article_id = new_id
            self.seen_ids[new_id] = 1
        digest = hashlib.sha1(text.encode("utf-8")).digest()
        first = self.seen_bodies.setdefault(digest, article_id)
        status = "ok" if first == article_id else f"duplicate_of:{first}"
        title = self._get(raw, self.fields.title)
        url = self._get(raw, self.fields.url)
        publisher = self._get(raw, self.fields.source)
        return Article(
            article_id=article_id,
            source=raw.source,
            record=raw.record,
            text=text,
            date=iso_date,
            title=normalise_text(str(title)) if title is not None else None,
            url=str(url) if url is not None else None,
            publisher=str(publisher) if publisher is not None else None,
            status=status,
            warnings=tuple(warnings),
            n_chars=len(text),
        )


def _has_surrogate(text: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in text)


def read_articles(
    inputs: Iterable[str | Path], fields: FieldMap | None = None
) -> Iterator[Article | Reject]:
    """Convenience wrapper: a fresh Ingestor over the inputs."""
    return Ingestor(fields or FieldMap()).read(inputs)
