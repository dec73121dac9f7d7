"""What a run's ingest has seen so far: the article ids it issued and the first article of
every body, in a private SQLite file on disk instead of Python sets.

The ingest renames a repeated id (``a`` then ``a~2``) and marks a repeated body a duplicate
of the first article with that body, so it must remember every id and every body hash of
the run, and of the dataset the run adds to. In a ``set`` and a ``dict`` that was about 400
bytes an article in the process that reads the records (a cluster's driver too): 0.4 GB a
million articles, the one part of the driver's memory that grew with the input (issue 13).
Here it is an indexed table in a temporary file that SQLite deletes when the index is
closed, with a page cache of 2 MB: the memory stays the same for any number of records.

Why SQLite (the standard library's) and not the run's DuckDB store: each record needs one
look-up or insert of one row, in input order, before the record can be written. SQLite
answers one from its B-tree in a few microseconds (about 16 µs a record for both tables,
measured over a million records, at a steady 20 MiB of memory); a DuckDB statement costs
about a millisecond, which over a million records is a quarter of an hour.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_PRAGMAS = (
    "PRAGMA journal_mode = OFF",  # a scratch file: nothing to recover after a crash
    "PRAGMA synchronous = OFF",
    "PRAGMA cache_size = -2048",  # KiB: the bound on the index's memory
)
_SCHEMA = (
    # every issued id, and for an id issued more than once the last suffix handed out
    "CREATE TABLE ids (id TEXT PRIMARY KEY, last_suffix INTEGER NOT NULL) WITHOUT ROWID",
    # the first article id with each body (SHA-1 of the normalised text)
    "CREATE TABLE bodies (digest BLOB PRIMARY KEY, article_id TEXT NOT NULL) WITHOUT ROWID",
)


@dataclass(frozen=True, slots=True)
class Known:
    """What the store knows of one article."""

    text_sha1: str
    analysis_version: str
    status: str
    seq: int


def _scratch(*statements: str) -> sqlite3.Connection:
    """A private SQLite database on disk ("" as its name: SQLite deletes it when the
    connection closes) with a bounded page cache, and the given tables."""
    con = sqlite3.connect("", isolation_level=None, check_same_thread=False)
    for statement in (*_PRAGMAS, *statements):
        con.execute(statement)
    return con


class SeenIndex:
    """Issued ids and first bodies; opened on first use (so that an unused index costs no
    file, and a forked process never shares a parent's connection)."""

    def __init__(self, bodies: Iterable[tuple[bytes, str]] = ()) -> None:
        self._con: sqlite3.Connection | None = None
        self._bodies = bodies

    @property
    def con(self) -> sqlite3.Connection:
        if self._con is None:
            con = _scratch(*_SCHEMA)
            # the dataset's stored bodies, the earliest article first (it stays the one)
            con.executemany("INSERT OR IGNORE INTO bodies VALUES (?, ?)", self._bodies)
            self._con, self._bodies = con, ()
        return self._con

    def issue(self, article_id: str) -> str:
        """The id, or ``ID~N`` with the smallest N above the last one handed out for it that
        was never issued: deterministic for the same input order, and never equal to an id
        issued before (``a~2``, ``a``, ``a`` become ``a~2``, ``a``, ``a~3``)."""
        con = self.con
        if con.execute("INSERT OR IGNORE INTO ids VALUES (?, 1)", (article_id,)).rowcount:
            return article_id
        (n,) = con.execute("SELECT last_suffix FROM ids WHERE id = ?", (article_id,)).fetchone()
        while True:
            n += 1
            candidate = f"{article_id}~{n}"
            if con.execute("INSERT OR IGNORE INTO ids VALUES (?, 1)", (candidate,)).rowcount:
                break
        con.execute("UPDATE ids SET last_suffix = ? WHERE id = ?", (n, article_id))
        return candidate

    def first_with_body(self, digest: bytes, article_id: str) -> str:
        """The first article id seen with this body: ``article_id`` when it is the first."""
        con = self.con
        if con.execute("INSERT OR IGNORE INTO bodies VALUES (?, ?)", (digest, article_id)).rowcount:
            return article_id
        row = con.execute("SELECT article_id FROM bodies WHERE digest = ?", (digest,)).fetchone()
        return str(row[0])

    def close(self) -> None:
        """Delete the index (a closed index opens a new, empty one when used again)."""
        if self._con is not None:
            self._con.close()
            self._con = None


class KnownArticles:
    """What the store knew of each stored article when the run began (its body hash,
    analysis version, status and position), looked up by id for every record the run
    reads: whether the record is unchanged, and where a changed one goes. Read from the
    store once, in batches, into the same kind of bounded file: held in a ``dict`` it was
    366 bytes a stored article, for the whole run, in every run into a large dataset."""

    def __init__(self, rows: Iterable[tuple[str, str, str, str, int]] = ()) -> None:
        """``rows``: (article_id, text_sha1, analysis_version, status, seq) per article."""
        self._con = _scratch(
            "CREATE TABLE known (article_id TEXT PRIMARY KEY, text_sha1 TEXT NOT NULL, "
            "analysis_version TEXT NOT NULL, status TEXT NOT NULL, seq INTEGER NOT NULL) "
            "WITHOUT ROWID"
        )
        self._con.executemany("INSERT INTO known VALUES (?, ?, ?, ?, ?)", rows)

    def get(self, article_id: str) -> Known | None:
        row = self._con.execute(
            "SELECT text_sha1, analysis_version, status, seq FROM known WHERE article_id = ?",
            (article_id,),
        ).fetchone()
        return None if row is None else Known(*row)

    def __getitem__(self, article_id: str) -> Known:
        known = self.get(article_id)
        if known is None:
            raise KeyError(article_id)
        return known

    def first_bodies(self) -> Iterator[tuple[bytes, str]]:
        """(body hash, article id) of every stored article with status ok, earliest first."""
        rows = self._con.execute(
            "SELECT text_sha1, article_id FROM known WHERE status = 'ok' ORDER BY seq"
        )
        for sha, article_id in rows:
            yield bytes.fromhex(sha), article_id

    def bodies_at(self, version: str) -> list[str]:
        """The body hashes of the stored articles with status ok analysed at ``version``."""
        rows = self._con.execute(
            "SELECT text_sha1 FROM known WHERE status = 'ok' AND analysis_version = ?",
            (version,),
        )
        return [sha for (sha,) in rows]

    def close(self) -> None:
        self._con.close()
