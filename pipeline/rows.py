"""Rows: where extractor records become table rows of one article.

The extractors work on a bare ``Doc`` and know nothing of articles: their records carry
local ids (``m3``, ``q1``, ``c0``) and no article id or date. This stage, and only this
stage, stamps the article's id and date on them and turns local ids into the global ones
the tables use (``ARTICLE:m3``), references included (a claim's ``quote_id``).
"""

from __future__ import annotations

from typing import Any, TypeVar

from newsclaims.namekeys import fold_once
from newsclaims.records import Article, Claim, Mention, Quote

R = TypeVar("R")


def global_id(article_id: str, local_id: str | None) -> str | None:
    """``q1`` of article ``nos-12`` -> ``nos-12:q1``; ``None`` stays ``None``."""
    return None if local_id is None else f"{article_id}:{local_id}"


def stamped(record: R, **changes: Any) -> R:
    """``dataclasses.replace`` for the flat frozen records, without running ``__init__``.

    Why: every mention, quote and claim of a run is stamped here once, in the main process;
    ``replace`` goes through the frozen ``__init__`` (one ``object.__setattr__`` a field),
    about 3 us a record against 0.8 us for a copy of the instance dict. The records have
    no ``__post_init__`` and no ``InitVar``, so the copy is the same value. A name that is
    no field of the record raises ``TypeError``, as ``replace`` does.
    """
    values = vars(record)
    unknown = changes.keys() - values.keys()
    if unknown:
        raise TypeError(f"{type(record).__name__} has no field {sorted(unknown)[0]!r}")
    new = object.__new__(type(record))
    fields = vars(new)
    fields.update(values)
    fields.update(changes)
    return new


def stamp_mention(m: Mention, article: Article) -> Mention:
    aid = article.article_id
    return stamped(m, mention_id=global_id(aid, m.mention_id), article_id=aid)


def stamp_quote(q: Quote, article: Article) -> Quote:
    aid = article.article_id
    return stamped(q, quote_id=global_id(aid, q.quote_id), article_id=aid, date=article.date)


def stamp_claim(c: Claim, article: Article) -> Claim:
    aid = article.article_id
    return stamped(
        c,
        claim_id=global_id(aid, c.claim_id),
        article_id=aid,
        quote_id=global_id(aid, c.quote_id),
        date=article.date,
    )


def entity_rows(article_id: str, entities: Any) -> list[dict[str, Any]]:
    """``article_entities`` rows from an article's ``ArticleEntities``, with the catalog's
    folded name keys."""
    out = []
    for idx, ent in enumerate(entities.entities):
        names = ent.names()
        out.append(
            {
                "article_id": article_id,
                "entity_idx": idx,
                "entity_id": ent.entity_id,
                "catalog_name": ent.catalog_name,
                "catalog_key": fold_once(ent.catalog_name),
                "label": ent.label,
                "n_mentions": len(ent.mentions),
                "names": list(names),
                "name_keys": [fold_once(n) for n in names],
            }
        )
    return out
