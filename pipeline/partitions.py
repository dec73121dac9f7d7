"""Partitions: the inputs cut into pieces of work that any machine can read by itself.

A distributed run (``newsclaims.cluster``) must give the tables of a one-process run, and
a worker must be able to read its share of the inputs without the driver sending it any
article. A partition is therefore not a list of articles but a list of *segments*: a file
path and a range of the items that ``Ingestor`` reads from that file (``[start, stop)``,
``stop=None`` meaning "to the end of the file"). Item numbers are positions in exactly the
sequence a local run reads (records and per-record rejects alike), so a worker reading a
segment sees the same items, with the same line numbers and default ids, as the local run.

How many items a file holds is only a hint for cutting it (``count_records``: non-blank
lines of JSON Lines, one for a .txt file, unknown for CSV and JSON arrays). The last
segment of every file runs to the end of the file, so a hint that is too low loses
nothing, and one that is too high only makes empty partitions: correctness never depends on
the count. Small files are grouped into one partition; a file of unknown count is one
segment of its own.

Reaching a segment that does not start at the beginning of a file costs nothing for plain
JSON Lines files: the counting pass notes the byte offset and line number of every
``ANCHOR_EVERY``-th record, and the worker starts reading there (with the same line
numbers, so the same default ids and reject places). Other files (gzip, CSV, JSON arrays)
are read from their start and the items before the segment dropped, about one JSON parse
per skipped record; see ``read_segment``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from newsclaims.ingest import JSONL_SUFFIXES, Ingestor, count_records
from newsclaims.readers import SAMPLE_BYTES, Item, binary_reason
from newsclaims.streams import read_sample
from newsclaims.urls import InputPath, input_path

DEFAULT_PARTITION_SIZE = 500
ANCHOR_EVERY = 64

Anchor = tuple[int, int, int]  # (item number, byte offset of its line, its line number)


@dataclass(frozen=True)
class Segment:
    """Items ``start`` to ``stop`` (exclusive; ``None``: to the end) of one input file."""

    path: str
    start: int = 0
    stop: int | None = None
    anchor: Anchor | None = None  # where to start reading, at or before ``start``


@dataclass(frozen=True)
class Partition:
    """One task's work: segments in input order, and how many items they probably hold."""

    index: int
    segments: tuple[Segment, ...]
    expected: int | None


@dataclass(frozen=True)
class FileIndex:
    """How many items a file probably holds (``None``: unknown) and where some start."""

    path: str
    count: int | None
    anchors: tuple[Anchor, ...] = ()

    def anchor(self, item: int) -> Anchor | None:
        """The last anchor at or before ``item`` (none for the file's first records)."""
        found = None
        for anchor in self.anchors:
            if anchor[0] > item:
                break
            found = anchor
        return found


def seekable(path: InputPath) -> bool:
    """A plain JSON Lines file whose first bytes are text: the reader can start anywhere
    in it at a line, with no whole-file check to miss."""
    if not path.name.lower().endswith(JSONL_SUFFIXES):
        return False
    if str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace") != str(path):
        return False
    try:
        sample, damage = read_sample(path, SAMPLE_BYTES)
    except OSError:
        return False
    return damage is None and bool(sample) and binary_reason(sample) is None


def index_file(path: InputPath, every: int = ANCHOR_EVERY) -> FileIndex:
    """Items of one file as ``count_records`` counts them, with anchors when seekable."""
    if not seekable(path):
        return FileIndex(str(path), count_records([path]))
    anchors: list[Anchor] = []
    items = offset = 0
    try:
        with path.open("rb") as fh:
            for number, line in enumerate(fh, start=1):
                if line.strip():
                    if items and items % every == 0:
                        anchors.append((items, offset, number))
                    items += 1
                offset += len(line)
    except OSError:
        return FileIndex(str(path), count_records([path]))
    return FileIndex(str(path), items, tuple(anchors))


def index_files(paths: Sequence[str]) -> list[FileIndex]:
    """``index_file`` of each path; runs where the files are, i.e. on a worker."""
    return [index_file(input_path(p)) for p in paths]


def plan(files: Iterable[FileIndex], size: int, limit: int | None = None) -> Iterator[Partition]:
    """Partitions of about ``size`` items over indexed files, in order.

    A file larger than ``size`` is cut into several partitions; small files share one.
    With ``limit``, planning stops once the hints cover that many items (the last segment
    of a file is open, so the items up to the limit are always covered).
    """
    if size < 1:
        raise ValueError("partition size must be at least 1")
    index = 0
    segments: list[Segment] = []
    filled = 0
    planned = 0

    def emit() -> Partition:
        nonlocal index, segments, filled
        part = Partition(index, tuple(segments), filled)
        index, segments, filled = index + 1, [], 0
        return part

    for index_ in files:
        path, count = index_.path, index_.count
        if limit is not None and planned >= limit:
            break
        if count is None:  # unknown: the file is a segment of its own
            if segments:
                yield emit()
            segments.append(Segment(path))
            planned += size
            filled = size
            yield emit()
            continue
        start = 0
        while count - start > size - filled:
            take = size - filled
            segments.append(Segment(path, start, start + take, index_.anchor(start)))
            start += take
            filled += take
            planned += take
            yield emit()
            if limit is not None and planned >= limit:
                break
        else:
            segments.append(Segment(path, start, None, index_.anchor(start)))
            filled += count - start
            planned += count - start
            if filled >= size:
                yield emit()
            continue
        # the limit was reached inside this file: its last planned segment stays closed,
        # which is enough, as the items after it are beyond the limit
    if segments:
        yield emit()


def read_segment(ingestor: Ingestor, segment: Segment) -> Iterator[Item]:
    """The items of one segment, read exactly as ``Ingestor.read`` reads the whole file.

    From an anchor, ``Ingestor.jsonl_items`` reads the file from that line on, with the
    whole file's line numbers and default ids. Otherwise ``Ingestor.items`` reads the file
    from its start (sample checks, damaged streams, the rejects that end a file, all as in
    a local run) and the items before ``start`` are dropped.
    """
    stop = segment.stop
    path = input_path(segment.path)
    if segment.anchor is not None and segment.start >= segment.anchor[0] > 0:
        first, offset, line = segment.anchor
        items = ingestor.jsonl_items(path, offset, line)
        start, stop = segment.start - first, None if stop is None else stop - first
    else:
        items, start = ingestor.items(path), segment.start
    try:
        yield from itertools.islice(items, start, stop)
    finally:
        close = getattr(items, "close", None)
        if close is not None:
            close()  # closes the file when the segment ends before the file does


def read_partition(ingestor: Ingestor, partition: Partition) -> Iterator[Item]:
    """Every item of a partition, segment after segment."""
    for segment in partition.segments:
        yield from read_segment(ingestor, segment)
