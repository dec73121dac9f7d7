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

Reading a segment that does not start at the beginning of a file reads (and parses) the
items before it, which costs about one JSON parse per skipped line: small next to the NLP
(about 10^-4 of an article's analysis per skipped record), but it grows with the number of
partitions per file; see ``read_segment``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsclaims.ingest import Ingestor, count_records
from newsclaims.readers import Item

DEFAULT_PARTITION_SIZE = 500


@dataclass(frozen=True)
class Segment:
    """Items ``start`` to ``stop`` (exclusive; ``None``: to the end) of one input file."""

    path: str
    start: int = 0
    stop: int | None = None


@dataclass(frozen=True)
class Partition:
    """One task's work: segments in input order, and how many items they probably hold."""

    index: int
    segments: tuple[Segment, ...]
    expected: int | None


def count_hints(paths: Sequence[str]) -> list[int | None]:
    """Items per file as ``count_records`` sees them (``None``: unknown); runs where the
    files are, i.e. on a worker."""
    return [count_records([Path(p)]) for p in paths]


def plan(
    files: Iterable[tuple[str, int | None]], size: int, limit: int | None = None
) -> Iterator[Partition]:
    """Partitions of about ``size`` items over (path, item count hint) pairs, in order.

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

    for path, count in files:
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
            segments.append(Segment(path, start, start + take))
            start += take
            filled += take
            planned += take
            yield emit()
            if limit is not None and planned >= limit:
                break
        else:
            segments.append(Segment(path, start, None))
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

    ``Ingestor._records`` is reused unchanged (sample checks, damaged streams, readers,
    the rejects that end a file), and the items before ``start`` are read and dropped.
    A reader that could start at a line (JSON Lines at a byte offset with its line number)
    would make that skip free; see the report of issue 13.
    """
    records = ingestor._records(Path(segment.path))
    try:
        yield from itertools.islice(records, segment.start, segment.stop)
    finally:
        records.close()  # closes the file when the segment ends before the file does


def read_partition(ingestor: Ingestor, partition: Partition) -> Iterator[Item]:
    """Every item of a partition, segment after segment."""
    for segment in partition.segments:
        yield from read_segment(ingestor, segment)
