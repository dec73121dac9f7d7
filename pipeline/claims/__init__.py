"""Numeric claims (spec §2): a quantity, its hedge, what it counts, and who says so.

The number parser (``newsclaims.numbers``) finds every numeric expression in the raw text;
this package decides which of them are claims (``exclusions``: not years, dates, clock
times, ages or identifiers), reads what each counts (``counted``), its hedge and category
(``lexicon``), and its source (``sources``: the quote covering it, else the attribution
layer shared with the quotes, ``newsclaims.attribution``). Hand-written: no library reads
Dutch number context (Recognizers-Text parses the numbers, not what they count or who says).
"""

from __future__ import annotations

from newsclaims.claims.extract import extract_claims
from newsclaims.claims.lexicon import category_of, lemma_guess
from newsclaims.records import Claim

__all__ = ["Claim", "category_of", "extract_claims", "lemma_guess"]
