"""Incremental runs: which records of a new dump need the model, and their rows in the store.

A dataset grows run by run, and a re-run of a dump it already holds must cost next to
nothing. So every record is first compared with the store: an article with the same id,
the same text (SHA-1) and the same analysis version (tool, model and data files) is
skipped; a new or changed one goes to the model; rejects and duplicates need no model at
all. The model is loaded only when the first article that needs it turns up. Each record
keeps the position where it first appeared in the dataset, and everything derived across
articles (the entity catalog) is aggregated from the store afterwards, which is why runs on
dump A and then dump B give the same tables as one run on A and B.

Identity is the article id: a record whose id the store holds is the new version of that
article (within one run, repeated ids are still made unique by ``newsclaims.ingest``).
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from newsclaims import __version__
from newsclaims.records import Article, Reject
from newsclaims.rows import entity_rows
from newsclaims.seen import KnownArticles
from newsclaims.store import Store
from newsclaims.store_schema import KnownReject
from newsclaims.tabledefs import TABLES

PACKAGE_DIR = Path(__file__).resolve().parent
_ARTICLE_FIELDS = [f.name for f in fields(Article)]


@dataclass
class Changes:
    """What a run did to the dataset, beside the usual run counts."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    reanalysed_from_store: int = 0
    dropped: int = 0
    wrote: bool = False

    @property
    def only_added(self) -> bool:
        """Nothing stored was replaced or removed: every new row follows the old ones."""
        return not (self.changed or self.reanalysed_from_store or self.dropped)


def _data_paths() -> list[Path]:
    """The data and lexicon files the extractors read, in a fixed order."""
    return [
        path
        for folder in ("data", "lexicon")
        for path in sorted((PACKAGE_DIR / folder).glob("*"))
        if path.is_file() and path.suffix != ".py"
    ]


def data_files() -> dict[str, str]:
    """SHA-256 of each data and lexicon file the extractors read (alias table, gazetteer,
    label map, cue and hedge lists), by path inside the package: the manifest lists them
    so that a result can be traced to the exact language data that made it."""
    return {
        f"{path.parent.name}/{path.name}": hashlib.sha256(path.read_bytes()).hexdigest()
        for path in _data_paths()
    }


def data_fingerprint() -> str:
    """Short hash of the data and lexicon files the extractors read: editing the alias
    table or a lexicon makes earlier analyses stale."""
    digest = hashlib.sha1()
    for path in _data_paths():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def analysis_version(model: dict[str, str]) -> str:
    """What an analysis depends on: tool version, data files, model name and version."""
    return (
        f"newsclaims {__version__} data {data_fingerprint()}; "
        f"model {model.get('name', '')} {model.get('version', '')}"
    )


def utc_offset_minutes(stamp: str | None) -> int | None:
    """``2019-10-01T22:01:08+02:00`` -> 120: the offset the store keeps beside the instant."""
    if stamp is None:
        return None
    offset = datetime.fromisoformat(stamp).utcoffset()
    return None if offset is None else int(offset.total_seconds() // 60)


def text_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def record_row(table: str, record: Any, **provenance: Any) -> dict[str, Any]:
    """A record as a store row (lists for tuples) plus provenance columns.

    A record whose fields are the table's columns (every extractor record: the tables
    are defined from them) is copied from its instance dict in one step; this runs for
    every row of a run in the main process.
    """
    if _fields_are_columns(type(record), table):
        row = dict(vars(record))
        for name in _tuple_columns(table):
            value = row[name]
            if isinstance(value, tuple):
                row[name] = list(value)
    else:
        row = {}
        for c in TABLES[table].columns:
            value = getattr(record, c.name)
            row[c.name] = list(value) if isinstance(value, tuple) else value
    row.update(provenance)
    return row


@functools.cache
def _fields_are_columns(record_type: type, table: str) -> bool:
    names = [c.name for c in TABLES[table].columns]
    return is_dataclass(record_type) and [f.name for f in fields(record_type)] == names


@functools.cache
def _tuple_columns(table: str) -> tuple[str, ...]:
    """The columns whose values may be tuples in a record (lists, arrays, objects)."""
    return tuple(c.name for c in TABLES[table].columns if c.type in ("list", "array", "object"))


def article_from_store(values: dict[str, Any]) -> Article:
    """An ``Article`` rebuilt from its stored row, to analyse it again (``--rebuild``)."""
    kwargs: dict[str, Any] = {}
    for name in _ARTICLE_FIELDS:
        if name not in values:
            continue
        value = values[name]
        if isinstance(value, list):
            value = tuple(value)
        elif isinstance(value, datetime | date):
            value = value.isoformat()
        kwargs[name] = value
    return Article(**kwargs)


@dataclass
class DatasetRun:
    """One run's traffic between the records and the store."""

    store: Store
    version: str
    run_id: int
    rebuild: bool = False
    changes: Changes = field(default_factory=Changes)

    def __post_init__(self) -> None:
        self.known = KnownArticles(self.store.known_articles())
        self.known_rejects: dict[tuple[str, str], KnownReject] = self.store.known_rejects()
        self.seen_rejects: set[tuple[str, str]] = set()
        self.position = self.first_position = self.store.next_seq()
        self.pending: dict[str, tuple[int, str]] = {}
        # The ids this run read, for --rebuild only (a set growing with the run otherwise).
        self.seen: set[str] = set()

    def body_hashes(self) -> Iterator[tuple[bytes, str]]:
        """Bodies already in the dataset, the earliest article first, so that a repeated
        body in a new dump is marked a duplicate of the stored article, as in one run over
        both dumps."""
        return self.known.first_bodies()

    def held_bodies(self) -> list[str]:
        """Text SHA-1s of the stored articles analysed at this run's version: a record
        with one of these bodies is, as a rule, unchanged, so a cluster worker need not
        parse it (``select`` still decides; see ``newsclaims.cluster_worker``). Empty with
        ``--rebuild``, which analyses everything again."""
        return [] if self.rebuild else self.known.bodies_at(self.version)

    def close(self) -> None:
        """Delete the run's index of the stored articles (read: nothing asks it after the
        records)."""
        self.known.close()

    def select(
        self, records: Iterable[Article | Reject], stats: Any, tick: Callable[[], None]
    ) -> Iterator[Article]:
        """The articles that need the model, in input order; everything else is written
        (rejects, duplicates) or skipped (unchanged) on the way."""
        for record in records:
            position = self.position
            self.position += 1
            stats.records += 1
            if isinstance(record, Reject):
                stats.count_reject(record)
                self._reject(record, position)
            else:
                if self.rebuild:
                    self.seen.add(record.article_id)
                stats.articles += 1
                stats.warnings += len(record.warnings)
                if self._unchanged(record):
                    self.changes.unchanged += 1
                else:
                    yielded = self._stage(record, position, stats)
                    if yielded is not None:
                        yield yielded
            tick()
        if self.rebuild:
            yield from self._stored_articles(stats)

    def _reject(self, reject: Reject, position: int) -> None:
        """A reject the store holds as it is stays (with its place); else it is written."""
        key = (reject.source, reject.record)
        self.seen_rejects.add(key)
        known = self.known_rejects.get(key)
        if known is not None and (known.reason, known.article_id) == (
            reject.reason,
            reject.article_id,
        ):
            return
        if known is not None:
            self.store.drop_reject(*key)
            self.changes.dropped += 1
        seq = known.seq if known is not None else position
        self.store.add("rejects", record_row("rejects", reject, seq=seq, run_id=self.run_id))
        self.changes.wrote = True

    def forget_fixed_rejects(self, sources: Iterable[str]) -> None:
        """Stored rejects of inputs read again in full that this run did not find again:
        their records were fixed (or are gone), so they are no longer rejects."""
        read = set(sources)
        for key in self.known_rejects:
            if key[0] in read and key not in self.seen_rejects:
                self.store.drop_reject(*key)
                self.changes.dropped += 1
                self.changes.wrote = True

    def _unchanged(self, article: Article) -> bool:
        known = self.known.get(article.article_id)
        if known is None or self.rebuild:
            return False
        same_version = known.analysis_version == self.version or not article.analysed
        return (
            same_version
            and known.status == article.status
            and known.text_sha1 == text_sha1(article.text)
        )

    def _stage(self, article: Article, position: int, stats: Any) -> Article | None:
        known = self.known.get(article.article_id)
        seq = known.seq if known is not None else position
        if known is not None:
            self.changes.changed += 1
            self.store.replace_article(article.article_id)
        else:
            self.changes.new += 1
        self.changes.wrote = True
        sha = text_sha1(article.text)
        if article.analysed:
            self.pending[article.article_id] = (seq, sha)
            return article
        stats.duplicates += 1
        self.store.add("articles", self._article_row(article, seq, sha))
        return None

    def _stored_articles(self, stats: Any) -> Iterator[Article]:
        """``--rebuild``: stored articles this run's inputs did not hold, from their text."""
        columns = [c.name for c in TABLES["articles"].columns]
        rows = list(self.store.rows("articles", columns))
        for values in rows:
            article = article_from_store(dict(zip(columns, values, strict=True)))
            if article.article_id in self.seen or not article.analysed:
                continue
            known = self.known[article.article_id]
            self.store.replace_article(article.article_id)
            self.pending[article.article_id] = (known.seq, known.text_sha1)
            self.changes.reanalysed_from_store += 1
            self.changes.wrote = True
            yield article

    def _article_row(self, article: Article, seq: int, sha: str) -> dict[str, Any]:
        return record_row(
            "articles",
            article,
            seq=seq,
            text_sha1=sha,
            analysis_version=self.version,
            run_id=self.run_id,
            published_offset=utc_offset_minutes(article.published_at),
        )

    def write(self, item: Any, stats: Any) -> None:
        """Store what the model made of an article this run sent to it: an
        ``Extraction``, or a ``Reject`` when its extraction failed. Anything else (an
        analysis that also passes records through, such as duplicates and rejects already
        handled by ``select``) is ignored."""
        article_id = getattr(getattr(item, "article", item), "article_id", None)
        if article_id not in self.pending or isinstance(item, Article):
            return
        if isinstance(item, Reject):
            seq, _ = self.pending.pop(article_id)
            stats.articles -= 1  # counted as an article when read; it is a reject after all
            stats.count_reject(item)
            key = (item.source, item.record)
            self.seen_rejects.add(key)
            if key in self.known_rejects:
                self.store.drop_reject(*key)
                self.changes.dropped += 1
            self.store.add("rejects", record_row("rejects", item, seq=seq, run_id=self.run_id))
            return
        article = item.article
        seq, sha = self.pending.pop(article.article_id)
        stats.analysed += 1
        stats.words += article.n_tokens
        self.store.add("articles", self._article_row(article, seq, sha))
        for table, records in (
            ("sentences", item.sentences),
            ("mentions", item.mentions),
            ("quotes", item.quotes),
            ("claims", item.claims),
        ):
            for record in records:
                self.store.add(table, record_row(table, record))
        for row in entity_rows(article.article_id, item.entities):
            self.store.add("article_entities", row)


def counts_json(stats: Any, changes: Changes, tables: dict[str, int]) -> str:
    return json.dumps(
        {
            "records": stats.records,
            "articles": stats.articles,
            "new": changes.new,
            "changed": changes.changed,
            "unchanged": changes.unchanged,
            "reanalysed_from_store": changes.reanalysed_from_store,
            "analysed": stats.analysed,
            "duplicates": stats.duplicates,
            "rejects": stats.rejects,
            "warnings": stats.warnings,
            "tables": tables,
        },
        ensure_ascii=False,
    )
