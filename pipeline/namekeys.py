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


def fold_once(text: str) -> str:
    """Case- and accent-insensitive key, so "Erdoğan" and "erdogan" are one name.

    Not cached: for the row writer, which folds each name of an article once. Through
    ``fold``'s cache it filled a cluster driver (which extracts nothing) with every name of
    the dump until the cache was full: 2.6 MiB more at 5,000 articles than at 1,000 (issue
    13), where folding each name again costs about 2 µs.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().replace("’", "'").split())


# Cached for the extractors: an article folds the same few names dozens of times
# (clustering, labels, linking), and names recur across articles; 64k keys are a few MiB.
fold = functools.lru_cache(maxsize=1 << 16)(fold_once)


def entity_id_for(key: str) -> str:
    """Stable id from a folded canonical key: same name, same id, in every run."""
    return "E" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
