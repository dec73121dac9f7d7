"""Dutch number parser: digits, number words, fractions, ranges and vague plurals.

Usable on its own (``find_numbers``, ``find_quantities``, ``parse_number``); the claim
extractor builds on it. It is deliberately *generic*: it finds every numeric expression,
including years and identifiers; deciding that "2014" is a year or "Artikel 50" a name is
the claim extractor's job, because it needs the context (the parse, the next word).

Why hand-written: no library parses Dutch number words and hedged quantities well. Dutch
writes numbers as one compound word ("tweeënveertigduizend",
"vijfentwintighonderdzevenenzeventig") and mixes digits with scale words ("12 miljoen",
"1,2 miljard", "anderhalf miljoen"); text2num misreads some of these mixed forms, and
Recognizers-Text (whose Dutch specs ``newsclaims.eval_numbers`` runs against this parser)
misses ranges and vague plurals ("tussen de 20 en 30", "honderden miljoenen"). Compounds
are split into morphemes from ``lexicon/numbers.toml`` and validated, so that ordinary
words that merely contain number morphemes are not numbers.

One concern per module, in the order the text flows through them:

* ``words``: the lexicon and Dutch number-word morphology (compounds, ordinals, fractions);
* ``atoms``: the text cut into *atoms* (a digit number, a word, a punctuation mark);
* ``windows``: the stretches around candidate atoms, the only ones worth parsing;
* ``parser``: a small recursive parser that joins adjacent atoms into expressions, e.g.
  ``3`` + ``miljoen`` + ``en`` + ``een half``;
* ``find``: the API, with ranges and vague plurals built on the parser's numbers.
"""

from __future__ import annotations

from newsclaims.numbers.find import (
    _find_numbers_reference,
    _find_quantities_reference,
    find_numbers,
    find_quantities,
    parse_number,
)
from newsclaims.numbers.parser import NumberMatch
from newsclaims.numbers.windows import _SEED_CHAR, _seed_prefixes, _strong
from newsclaims.numbers.words import cardinal_parts, cardinal_word, denominator_word, fixed_word

__all__ = [
    "_SEED_CHAR",
    "NumberMatch",
    "_find_numbers_reference",
    "_find_quantities_reference",
    "_seed_prefixes",
    "_strong",
    "cardinal_parts",
    "cardinal_word",
    "denominator_word",
    "find_numbers",
    "find_quantities",
    "fixed_word",
    "parse_number",
]
