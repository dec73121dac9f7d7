"""Quotes and attributed statements with resolved speakers (spec §3).

Two layers, on purpose:

* ``scan_quotes(text)`` (``newsclaims.attribution.marks``) finds quoted spans from the
  quotation marks alone, a pure function of the text that can be property-tested;
* ``extract_quotes`` attributes those spans and finds indirect speech over the spaCy parse,
  through the shared attribution layer (``newsclaims.attribution``). The rules are explicit
  ordered tuples: ``extract.RULES`` (which statements), ``direct.ATTRIBUTION_RULES`` and
  ``direct.SEQUENCE_RULES`` (who said a quoted one). No library reads Dutch quotes and their
  attribution, so the rules are hand-written, each with a Dutch example in its docstring.

Modules: ``direct`` (direct and partial quotes), ``indirect`` (indirect speech), ``common``
(token-range helpers), ``extract`` (the rule tuple and the records); continuation of the
previous speaker lives in ``newsclaims.attribution.continuation``.
"""

from __future__ import annotations

from newsclaims.attribution.marks import (
    MIN_QUOTE_WORDS,
    QuoteSpan,
    is_statement,
    opens_quote_at,
    paragraphs,
    scan_quotes,
    word_count,
)
from newsclaims.quotes.extract import RULES, extract_quotes
from newsclaims.records import Quote

__all__ = [
    "MIN_QUOTE_WORDS",
    "RULES",
    "Quote",
    "QuoteSpan",
    "extract_quotes",
    "is_statement",
    "opens_quote_at",
    "paragraphs",
    "scan_quotes",
    "word_count",
]
