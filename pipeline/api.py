"""The Python API for notebooks: one text in, its entities, claims and quotes out.

    import newsclaims
    found = newsclaims.extract("Volgens de politie waren er zo'n 2000 mensen.", date="2019-05")
    found.claims[0].value            # 2000.0
    frames = found.to_frames()       # pandas DataFrames, one per table, typed as the tables

The same pipeline and components as ``newsclaims run``: the text becomes an ``Article``,
goes through ``nlp`` with the extractor components, and comes back as the rows the tables
would hold for it, with the ids an article called ``text`` would get.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsclaims.records import Article, Claim, Mention, Quote, Sentence

if TYPE_CHECKING:
    import pandas as pd
    from spacy.language import Language


@dataclass(frozen=True)
class Extracted:
    """One text's rows: what the tables would hold for it."""

    article: Article
    sentences: list[Sentence]
    mentions: list[Mention]
    claims: list[Claim]
    quotes: list[Quote]

    def to_frames(self) -> dict[str, pd.DataFrame]:
        """Each table as a DataFrame, columns in table order (empty tables keep columns)."""
        import pandas as pd

        tables: dict[str, tuple[type, list[Any]]] = {
            "articles": (Article, [self.article]),
            "sentences": (Sentence, self.sentences),
            "mentions": (Mention, self.mentions),
            "claims": (Claim, self.claims),
            "quotes": (Quote, self.quotes),
        }
        frames = {}
        for name, (row_type, rows) in tables.items():
            columns = [f.name for f in dataclasses.fields(row_type)]
            frames[name] = pd.DataFrame([dataclasses.astuple(r) for r in rows], columns=columns)
        return frames


@lru_cache(maxsize=4)
def _pipeline(model: str | None) -> Language:
    from newsclaims import nlp

    return nlp.load(model)


def extract(
    text: str, date: str | None = None, model: str | Path | None = None, article_id: str = "text"
) -> Extracted:
    """Entities, numeric claims and quotes of one Dutch text (the model loads once per name).

    ``date`` (ISO, may be partial: "2019-05") is stamped on claims and quotes as in the
    tables; ``model`` is a path or package name as for ``--model``.
    """
    from newsclaims import components
    from newsclaims.ingest import normalise_text
    from newsclaims.process import extraction_from

    body = normalise_text(text)
    article = Article(article_id, "api", "text", body, date=date, n_chars=len(body))
    language = _pipeline(str(model) if model is not None else None)
    doc = language(body)
    errors = components.errors_of(doc)
    if errors:
        raise ValueError("; ".join(errors))
    found = extraction_from(doc, article)
    return Extracted(found.article, found.sentences, found.mentions, found.claims, found.quotes)
