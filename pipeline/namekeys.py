"""Name keys: the folding that makes "Erdoğan" and "erdogan" one name, and the entity id
made from it.

Kept apart from ``newsclaims.entities`` (which loads spaCy) because the store and the
catalog fold names too and must not import the extractors: one folding for the whole
tool, so the keys the extractors write and the ones the catalog compares never drift.
"""

from __future__ import annotations

import functools
import hashlib
import unicodedata


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case- and accent-insensitive key, so "Erdoğan" and "erdogan" are one name.

    Cached: an article folds the same few names dozens of times (clustering, labels,
    linking, rows), and names recur across articles; 64k keys are a few MiB.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().replace("’", "'").split())


def entity_id_for(key: str) -> str:
    """Stable id from a folded canonical key: same name, same id, in every run."""
    return "E" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
