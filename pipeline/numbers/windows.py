"""Candidate windows: the stretches of a text around seeds that the parser has to read.

Hand-written because no library parses Dutch number words and hedged quantities well: Dutch
writes numbers as one compound word ("tweeënveertigduizend") and mixes digits with scale
words ("1,2 miljard", "anderhalf miljoen"), which text2num and Recognizers-Text misread
in part (see ``newsclaims.numbers``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

from newsclaims.numbers.atoms import _Atom, _atoms, _merge_slash_atoms, _raw_atoms
from newsclaims.numbers.words import _lex, cardinal_word, denominator_word, fixed_word

# --- windows: parse only around candidates ---------------------------------------------
#
# Tokenising and parsing every word of an article costs more than everything else the
# claim extractor does, yet only a few words in a hundred have to do with numbers. The
# fast path therefore finds *seeds* with C-speed string searches and parses only a window
# of atoms around each. This is exact, not a heuristic, because of two facts about the
# parser:
#
# * Every expression, range and vague plural contains a *strong* atom: a digit number, a
#   single numeric character ("½"), or a strong word (``_strong``). Weak words ("een",
#   "en", "tot", "de", "-") only ever join strong ones.
# * A *barrier* atom (``_barrier``: any word or mark the parser never tests for) is never
#   part of an expression or a range connector, and the parser's look-behinds and
#   look-aheads only test it for what it is not ("num", "/", a link word). So whatever
#   lies beyond a barrier cannot change the result on this side of it.
#
# A window therefore runs from a barrier before a seed to the first barrier after it, and
# parsing it gives exactly the matches a full parse gives between those two barriers.
# ``tests/test_numbers_speed_equivalence.py`` compares both paths on random soups.

# Characters that may be a numeric atom: decimal digits, and every letter with a numeric
# value ("½", "²", "Ⅻ", "三"), which all lie in these ranges (checked by a test).
_SEED_CHAR = re.compile(r"[\d\xb2\xb3\xb9\xbc-\xbe\u0250-\u1fff\u2070-\U0010ffff]")
_LETTER = re.compile(r"[^\W\d_]")  # the letters of a "word" atom
_LETTERS = re.compile(r"[^\W\d_]+")
_WINDOW_JOIN = 40  # characters: a seed this close to the last window extends it


@cache
def _strong(word: str) -> bool:
    """A lowercased word that can carry a number on its own (or starts "min een",
    "een komma een"): the seeds of windows."""
    lex = _lex()
    if word in lex.vague or word in lex.scales or word in lex.counting or word == "helft":
        return True
    if word in lex.minus or word in lex.decimal_point:
        return True
    if word != "een" and cardinal_word(word) is not None:
        return True
    return fixed_word(word) is not None or denominator_word(word) is not None


@cache
def _weak_texts() -> frozenset[str]:
    """Lowercased atom texts the parser tests for besides strong words: never barriers."""
    lex = _lex()
    texts = {"een", "één", "eén", "en", "de", "helft", "-", "−", "–", "/"}
    texts |= lex.minus | lex.decimal_point | lex.ratio | lex.range_open | lex.range_from
    texts |= set(lex.vague_scales)
    for link in lex.range_links:
        texts |= set(link.split())
    return frozenset(texts)


def _barrier(atom: _Atom) -> bool:
    """No expression, range or look-around of the parser can reach across this atom."""
    return atom.kind != "num" and _barrier_text(atom.text)


@cache
def _barrier_text(text: str) -> bool:
    low = text.lower()
    return low not in _weak_texts() and not _strong(low)


@cache
def _seed_prefixes() -> tuple[str, ...]:
    """Every strong word starts with one of these (none is a prefix of another)."""
    lex = _lex()
    words = {*lex.cardinals, *lex.scales, *lex.counting, *lex.fixed, *lex.denominators}
    words |= {*lex.vague, *lex.vague_scales, "helft", *lex.minus, *lex.decimal_point}
    return tuple(sorted(w for w in words if not any(w != v and w.startswith(v) for v in words)))


def _seeds(text: str, low: str) -> list[int]:
    """Start positions of the possible strong atoms, ascending (a superset is harmless).

    Words are found with ``str.find`` on the lowercased text (one pass per prefix, far
    faster than a regex alternation tried at every character), then checked in full.
    """
    seeds = [
        m.start()
        for m in _SEED_CHAR.finditer(text)
        if m.group() in "0123456789" or unicodedata.numeric(m.group(), None) is not None
    ]
    for prefix in _seed_prefixes():
        i = low.find(prefix)
        while i >= 0:
            if i == 0 or not _LETTER.match(text, i - 1):
                word = _LETTERS.match(text, i)
                if word is not None and _strong(word.group().lower()):
                    seeds.append(i)
            i = low.find(prefix, i + 1)
    seeds.sort()
    return seeds


def _boundary_before(text: str, pos: int, floor: int) -> int:
    """The last token boundary at or before ``pos`` that is easy to prove: ``floor``, or
    the end of a whitespace run not preceded by a digit. Only digit numbers contain
    whitespace ("1 234", "3 1/2", "10 k"), right after a digit, except the space after
    the times sign of "2 x 10^6": that one is never searched from, because the atom's
    first digit is an earlier seed and a window only ends at a barrier, never inside a
    digit atom, so the seed "10" is always already covered."""
    j = pos
    while j > floor:
        if not text[j - 1].isspace():  # str.isspace is exactly regex \s
            j -= 1
            continue
        k = j - 1
        while k > 0 and text[k - 1].isspace():
            k -= 1
        if k == 0 or not text[k - 1].isdecimal():  # str.isdecimal is exactly regex \d
            return j
        j = k
    return floor


def _windows(text: str) -> Iterator[list[_Atom]]:
    """Slash-merged atom lists, barrier to barrier, that hold every strong atom of ``text``.

    Windows follow each other in text order and share at most a barrier atom, so their
    matches concatenate to the full parse's. Text whose lowercasing changes its length
    ("İ") cannot be searched by offsets and is parsed whole.
    """
    low = text.lower()
    if len(low) != len(text):
        yield _atoms(text)
        return
    seeds = _seeds(text, low)
    floor = 0  # a token boundary: the text start or the start of a barrier atom
    done = 0  # seeds before this are covered
    n = 0
    while n < len(seeds):
        p = seeds[n]
        if p < done:
            n += 1
            continue
        q = _boundary_before(text, p, floor)
        while True:
            raw: list[_Atom] = []
            first = 0  # index of the window's opening barrier in raw
            opened = q == 0  # the text start needs no barrier before it
            reached = closed = False
            for atom in _raw_atoms(text, q):
                raw.append(atom)
                barrier = _barrier(atom)
                if not reached:
                    if atom.start < p:
                        if barrier:
                            first, opened = len(raw) - 1, True
                        continue
                    if not opened:
                        break
                    reached = True
                if barrier and atom.start >= p:
                    while n < len(seeds) and seeds[n] < atom.end:
                        n += 1
                    if n < len(seeds) and seeds[n] - atom.end < _WINDOW_JOIN:
                        p = seeds[n]  # the next seed is near: keep going
                        continue
                    closed = True
                    break
            if opened:
                break
            # no barrier between q and the seed: start further back
            k = q
            while k > floor and text[k - 1].isspace():
                k -= 1
            q = _boundary_before(text, k, floor)
        window = raw[first:]
        yield _merge_slash_atoms(text, window)
        if not closed:
            return
        floor, done = window[-1].start, window[-1].end
