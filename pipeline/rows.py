"""Rows: where extractor records become table rows of one article.

The extractors work on a bare ``Doc`` and know nothing of articles: their records carry
local ids (``m3``, ``q1``, ``c0``) and no article id or date. This stage, and only this
stage, stamps the article's id and date on them and turns local ids into the global ones
the tables use (``ARTICLE:m3``), references included (a claim's ``quote_id``).
"""

from __future__ import annotations

from dataclasses import replace

from newsclaims.records import Article, Claim, Mention, Quote


def global_id(article_id: str, local_id: str | None) -> str | None:
    """``q1`` of article ``nos-12`` -> ``nos-12:q1``; ``None`` stays ``None``."""
    return None if local_id is None else f"{article_id}:{local_id}"


def stamp_mention(m: Mention, article: Article) -> Mention:
    aid = article.article_id
    return replace(m, mention_id=global_id(aid, m.mention_id), article_id=aid)


def stamp_quote(q: Quote, article: Article) -> Quote:
    aid = article.article_id
    return replace(q, quote_id=global_id(aid, q.quote_id), article_id=aid, date=article.date)


def stamp_claim(c: Claim, article: Article) -> Claim:
    aid = article.article_id
    return replace(
        c,
        claim_id=global_id(aid, c.claim_id),
        article_id=aid,
        quote_id=global_id(aid, c.quote_id),
        date=article.date,
    )
