"""Readers: one input file in, raw records or rejects out, whatever state the file is in.

Each reader turns a file into ``Raw`` records (fields not yet validated) and ``Reject``s.
Nothing a file holds may raise out of a reader: a bad line, a damaged stream, a deep JSON
value or a quote that never closes becomes a reject with the place and the reason, and
the records around it are still read. ``newsclaims.ingest`` validates the fields.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO, TextIO

from newsclaims.records import Reject
from newsclaims.urls import InputPath

SAMPLE_BYTES = 1 << 16
_CSV_DELIMITERS = ",;\t|"
_DATE_HEADER = re.compile(r"\A\s*date\s+(\d\S*)[ \t]*\n?[ \t]*")
MAX_RESTARTS = 1000  # each unterminated quote re-reads the file up to its line


@dataclass
class Raw:
    """A record before validation: where it came from and its fields."""

    source: str
    record: str
    fields: dict[str, object]
    default_id: str


Item = Raw | Reject


def stem(path: InputPath) -> str:
    name = path.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    return name.rsplit(".", 1)[0] if "." in name else name


def decode(data: bytes) -> str:
    """UTF-8 (a BOM is dropped); ``ValueError`` names the first bad byte and its offset."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise ValueError(f"not valid UTF-8: byte 0x{bad} at offset {exc.start}") from exc


def binary_reason(sample: bytes) -> str | None:
    """Why a file is no text at all (UTF-16, NUL bytes), judged on its first bytes."""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16 encoded file; convert it to UTF-8"
    nul = sample.find(b"\x00")
    if nul < 0:
        return None
    # A stray NUL is a damaged record (handled per record); many (30 %) or NULs amid bytes
    # that are not UTF-8 make a file that is no text at all (an image, a zeroed block).
    try:
        sample.decode("utf-8")
        utf8 = True
    except UnicodeDecodeError as exc:
        utf8 = exc.start >= len(sample) - 3  # only the sample's cut-off last character
    if not utf8 or sample.count(b"\x00") * 10 >= len(sample) * 3:
        return f"binary file, not text: NUL byte at offset {nul}"
    return None


def read_text(path: InputPath, stream: BinaryIO) -> Iterator[Item]:
    """A .txt file is one record: an optional `` date YYYY-MM `` header, then the body."""
    data = stream.read()
    reason = binary_reason(data)
    if reason is None:
        try:
            text = decode(data)
        except ValueError as exc:
            reason = str(exc)
        else:
            fields: dict[str, object] = {}
            header = _DATE_HEADER.match(text)
            if header:
                fields["date"] = header.group(1)
                text = text[header.end() :]
            fields["text"] = text
            yield Raw(str(path), "file", fields, stem(path))
            return
    yield Reject(str(path), "file", reason, stem(path))


def _json_object(obj: object, raw: Raw) -> Item:
    if not isinstance(obj, dict):
        return Reject(
            raw.source, raw.record, f"JSON value is a {type(obj).__name__}, not an object"
        )
    raw.fields = obj
    return raw


def read_jsonl(path: InputPath, stream: BinaryIO) -> Iterator[Item]:
    """One JSON object per line; a bad line is one reject, the next line is read."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            obj = json.loads(decode(line))
        except RecursionError:
            yield Reject(str(path), where, "JSON nested too deeply to read")
            continue
        except ValueError as exc:  # JSONDecodeError, bad UTF-8, int over 4300 digits
            reason = (
                str(exc) if str(exc).startswith("not valid UTF-8") else f"malformed JSON: {exc}"
            )
            yield Reject(str(path), where, reason)
            continue
        yield _json_object(obj, Raw(str(path), where, {}, f"{stem(path)}-{number}"))


def read_json_array(path: InputPath, stream: BinaryIO) -> Iterator[Item]:
    """A JSON array of article objects, streamed item by item (dumps can be large)."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape")
    decoder = json.JSONDecoder()
    buf, pos, base, eof, item = "", 0, 0, False, 0

    def more() -> None:
        nonlocal buf, pos, base, eof
        chunk = text.read(max(SAMPLE_BYTES, len(buf) - pos))
        eof = not chunk
        base += pos
        buf, pos = buf[pos:] + chunk, 0

    def skip_space() -> str:
        nonlocal pos
        while True:
            while pos < len(buf) and buf[pos] in " \t\r\n":
                pos += 1
            if pos < len(buf) or eof:
                return buf[pos] if pos < len(buf) else ""
            more()

    def rest(why: str) -> Reject:
        where = f"after item {item}" if item else "file"
        return Reject(str(path), where, f"{why} at character {base + pos}; rest of file not read")

    if skip_space() != "[":
        yield rest("not a JSON array")
        return
    pos += 1
    expect_value = True
    while True:
        char = skip_space()
        if char == "]":
            pos += 1
            if skip_space():
                yield Reject(str(path), f"after item {item}", "data after the end of the array")
            return
        if char == "":
            yield rest("the array is not closed")
            return
        if not expect_value:
            if char != ",":
                yield rest(f"expected ',' or ']' after item {item}, found {char!r}")
                return
            pos += 1
            expect_value = True
            continue
        try:
            obj, end = decoder.raw_decode(buf, pos)
        except RecursionError:
            yield rest(f"item {item + 1}: JSON nested too deeply to read")
            return
        except ValueError as exc:
            if not eof:
                more()
                continue
            yield rest(f"malformed JSON in item {item + 1}: {exc.args[0].split(':')[0]}")
            return
        if end == len(buf) and not eof:  # a number may go on in the next chunk
            more()
            continue
        item += 1
        pos = end
        expect_value = False
        yield _json_object(obj, Raw(str(path), f"item {item}", {}, f"{stem(path)}-{item}"))


def sniff_delimiter(sample: str, known: set[str]) -> str:
    """The delimiter: the one whose first row names the most known fields, else what
    ``csv.Sniffer`` says, else a comma."""
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=_CSV_DELIMITERS).delimiter
    except csv.Error:
        sniffed = ","
    first = sample.splitlines()[0] if sample else ""
    best, best_score = sniffed, 0
    for delim in dict.fromkeys([sniffed, *_CSV_DELIMITERS]):
        names = {n.strip().lower() for n in first.split(delim)}
        score = len(names & known)
        if score > best_score:
            best, best_score = delim, score
    return best


class CsvReader:
    """Rows of a CSV file as records, tolerant of what real exports get wrong.

    Strict quoting makes a broken row visible: a bad row becomes a reject naming its line
    and reading goes on; a quote that never closes would swallow the rest of the file, so
    that row is rejected and reading starts again on the line after it.
    """

    def __init__(
        self,
        path: InputPath,
        open_text: Callable[[], TextIO],
        sample: str,
        text_fields: tuple[str, ...],
        known: set[str],
    ) -> None:
        self.path = path
        self.open_text = open_text
        self.delimiter = sniff_delimiter(sample, known)
        self.text_fields = text_fields
        self.known = known
        self.first_row: list[str] = []

    def _rows(self, start_line: int) -> Iterator[tuple[int, int, list[str] | csv.Error]]:
        """(first line, last line, row or error) from physical line ``start_line`` on."""
        with self.open_text() as fh:
            lines = (line for n, line in enumerate(fh, start=1) if n >= start_line)
            reader = csv.reader(lines, delimiter=self.delimiter, strict=True)
            done = 0
            while True:
                try:
                    row: list[str] | csv.Error = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    row = exc
                first, done = start_line + done, reader.line_num
                yield first, start_line + done - 1, row

    def __iter__(self) -> Iterator[Item]:
        source = str(self.path)
        header: list[str] | None = None
        number = 0
        start, restarts = 1, 0
        while True:
            restart = None
            for first, last, row in self._rows(start):
                if isinstance(row, csv.Error):
                    number += 1
                    if "unexpected end of data" in str(row):
                        reason = (
                            f"unterminated quote: the record starting at line {first} never "
                            f"closes its quote (runs to line {last}); reading resumes at line "
                            f"{first + 1}"
                        )
                        yield Reject(source, f"row {number}", reason)
                        restart = first + 1
                        break
                    yield Reject(source, f"row {number}", f"malformed CSV at line {last}: {row}")
                    continue
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue  # blank line: no record
                if header is None and number == 0:
                    names = [n.strip() for n in row]
                    if {n.lower() for n in names} & self.known:
                        header = names
                        number = 1
                        continue
                    header, self.first_row = [], row
                number += 1
                yield self._record(source, number, first, header, row)
            if restart is None:
                break
            restarts += 1
            if restarts > MAX_RESTARTS:
                number += 1
                why = f"over {MAX_RESTARTS} unterminated quotes; lines from {restart} on not read"
                yield Reject(source, f"row {number}", why)
                break
            start = restart
        if number == 0:
            yield Reject(source, "file", "empty CSV file: no header and no rows")
        elif number == 1 and header:
            yield Reject(source, "file", "CSV file has a header but no rows")

    def _record(
        self, source: str, number: int, line: int, header: list[str], row: list[str]
    ) -> Item:
        where = f"row {number}"
        if not header:
            return Reject(
                source,
                where,
                f"CSV has no header row naming its columns: the first row {_short(self.first_row)} "
                f"names no known field; add a header with a text column "
                f"({', '.join(self.text_fields)}) or rename one with --field text=COLUMN",
            )
        if not any(name in header for name in self.text_fields):
            return Reject(
                source,
                where,
                f"CSV has no text column (looked for {list(self.text_fields)}; "
                f"columns are {header})",
            )
        values = dict(zip(header, row, strict=False))
        bad = next(
            (k for k, v in values.items() if any("\udc80" <= c <= "\udcff" for c in v)), None
        )
        if bad is not None:
            return Reject(source, where, f"column {bad!r} is not valid UTF-8 (line {line})")
        return Raw(source, where, dict(values), f"{stem(self.path)}-{number}")


def _short(row: list[str]) -> str:
    text = repr([v[:30] for v in row[:6]])
    return text[:200]
