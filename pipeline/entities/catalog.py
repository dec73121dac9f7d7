"""The corpus-wide entity catalog: one row per referent over all articles.

Each article labels its referents once; the catalog adds the articles' labels (weighted
by mentions) and links a lone surname to the full name of the one person of that surname
it knows ("Trump" -> "Donald Trump"), when exactly one fits.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from newsclaims.entities.extract import ArticleEntities
from newsclaims.namekeys import fold
from newsclaims.records import CatalogEntity


@dataclass
class _CatalogEntry:
    name: str
    labels: Counter[str] = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    n_mentions: int = 0
    n_articles: int = 0
    first_date: str | None = None
    last_date: str | None = None


class Catalog:
    """Corpus-wide entities aggregated article by article; ids come from ``entity_id_for``.

    Only aggregates are kept (one entry per distinct entity), so memory grows with the
    number of entities, not with the number of articles.
    """

    def __init__(self) -> None:
        self._entries: dict[str, _CatalogEntry] = {}

    def add(self, found: ArticleEntities, date: str | None) -> None:
        for ent in found.entities:
            entry = self._entries.setdefault(ent.entity_id, _CatalogEntry(ent.catalog_name))
            entry.labels[ent.label] += len(ent.mentions)
            entry.aliases.update(n for n in ent.names() if fold(n) != fold(entry.name))
            entry.n_mentions += len(ent.mentions)
            entry.n_articles += 1
            if date:
                entry.first_date = min(filter(None, (entry.first_date, date)))
                entry.last_date = max(filter(None, (entry.last_date, date)))

    def __len__(self) -> int:
        return len(self._entries)

    def rows(self) -> list[CatalogEntity]:
        """Most-mentioned first; ties by name and id, so the order is deterministic."""
        rows = [
            CatalogEntity(
                entity_id=eid,
                name=e.name,
                label=max(sorted(e.labels), key=lambda lab: e.labels[lab]),
                aliases=tuple(sorted(e.aliases, key=fold)),
                n_mentions=e.n_mentions,
                n_articles=e.n_articles,
                first_date=e.first_date,
                last_date=e.last_date,
            )
            for eid, e in self._entries.items()
        ]
        return sorted(rows, key=lambda r: (-r.n_mentions, fold(r.name), r.entity_id))
