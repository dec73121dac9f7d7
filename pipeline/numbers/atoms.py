"""Tokenising for the number parser: text cut into *atoms* (a digit number, a word, a mark).

Digit numbers are read here with Dutch conventions: a dot groups thousands ("20.000"), a
comma is the decimal point ("3,5"), spaces may group thousands ("1 234 567"); written
powers ("2e6", "10^3"), mixed fractions ("3 1/2") and letter multipliers ("10k") are part
of the atom.

Hand-written because no library parses Dutch number words and hedged quantities well: Dutch
writes numbers as one compound word ("tweeënveertigduizend") and mixes digits with scale
words ("1,2 miljard", "anderhalf miljoen"), which text2num and Recognizers-Text misread
in part (see ``newsclaims.numbers``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

from newsclaims.numbers.words import _lex

# --- atoms --------------------------------------------------------------------------------

_NUM_CORE = (
    r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?"  # 20.000  1.234,56
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)(?:,\d+)?"  # 1 234 567
    r"|\d+(?:,\d+)?"  # 3,5  2000
    r"|,\d+)"  # ,08
)
_ATOM = re.compile(
    r"(?P<num>(?<!\w)" + _NUM_CORE + r"(?P<exp>[eE][+-]?\d+|\^[+-]*\d+| ?[x×] ?10\^[+-]*\d+)?"
    r"(?:\s+(?P<slash_n>\d{1,2})/(?P<slash_d>\d{1,2})(?![\d/]))?"
    r"(?P<suf>\s{0,2}[kK]|[Gb])?(?!\w|,\d))"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<other>\S)"
)
_SLASH = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?![\d/])")


class _Atom(NamedTuple):
    """A digit number, a word or a mark; a tuple because thousands are made per article."""

    start: int
    end: int
    kind: str  # num, word, other
    text: str
    value: float | None = None
    suffix: bool = False
    slash: bool = False


def _num_value(m: re.Match[str]) -> float:
    raw = m.group("num")
    core = re.match(_NUM_CORE, raw)
    assert core is not None
    digits = re.sub(r"[.\s\u00a0\u202f]", "", core.group(0)).replace(",", ".")
    value = float("0" + digits if digits.startswith(".") else digits)
    exp = m.group("exp")
    if exp:
        value = _power(value, exp)
    if m.group("slash_n"):
        denominator = int(m.group("slash_d"))
        if denominator:
            value += int(m.group("slash_n")) / denominator
    suffix = m.group("suf")
    if suffix:
        value *= _lex().suffixes[suffix.strip().lower()]
    return value


# Exponent digits beyond this many are capped: 10**±999999 is far outside any float, and
# capping keeps "1e99999999" from building a 100-million-digit integer.
_MAX_EXPONENT_DIGITS = 6
# A positive power of ten above this overflows a float for every non-zero mantissa.
_MAX_POWER_OF_TEN = 700


def _power(value: float, exp: str) -> float:
    """``value`` with its written power: "e6", "E-3", "x 10^6" (times ten to it), "^2", "^-1".

    Never raises: a result that is no finite float ("10^320", "1e400", "0^-1") is
    ``math.inf``, which the scanner drops as a non-number while keeping the text's others.
    """
    if exp.lstrip(" x×").startswith("10^"):  # "2 x 10^6": the power of ten as "e"
        sign = "-" if exp.count("-") % 2 else "+"
        exp = "e" + sign + exp.rpartition("^")[2].lstrip("+-")
    digits = exp.lstrip("eE^+-")
    n = int(digits) if len(digits) <= _MAX_EXPONENT_DIGITS else 10**_MAX_EXPONENT_DIGITS
    if exp.startswith("^"):
        sign = -1 if exp.count("-") % 2 else 1
        try:
            return value ** (sign * n)
        except (OverflowError, ZeroDivisionError):
            return math.inf
    if exp[1:].startswith("-"):
        return value * 10**-n
    if not value:
        return value
    if n > _MAX_POWER_OF_TEN:
        return math.inf
    try:
        return value * 10**n
    except OverflowError:  # the integer 10**n is too large for a float
        return math.inf


def _raw_atoms(text: str, pos: int) -> Iterator[_Atom]:
    """Atoms from ``pos`` on, before slash merging.

    A generator with a start position, so that the fast path can tokenise just the stretch
    around a candidate: started at a token boundary it yields exactly the atoms a scan
    from the text start would (the regex lookbehinds still see the text before ``pos``).
    """
    while True:
        m = _ATOM.search(text, pos)
        if m is None:
            return
        pos = m.end()
        if m.group("num") is not None:
            slash = _SLASH.match(text, m.start())
            if slash and slash.end() > m.end() and int(slash.group(2)):
                value = int(slash.group(1)) / int(slash.group(2))
                yield _Atom(slash.start(), slash.end(), "num", slash.group(0), value, False, True)
                pos = slash.end()
                continue
            yield _Atom(m.start(), m.end(), "num", m.group(0), _num_value(m), bool(m.group("suf")))
        elif m.group("word") is not None:
            word = m.group("word")
            if len(word) == 1 and unicodedata.numeric(word, None) is not None:
                yield _Atom(m.start(), m.end(), "num", word, unicodedata.numeric(word))
            else:
                yield _Atom(m.start(), m.end(), "word", word)
        else:
            yield _Atom(m.start(), m.end(), "other", m.group(0))


def _atoms(text: str) -> list[_Atom]:
    """All atoms of ``text``: what the reference path parses (the fast path takes windows)."""
    return _merge_slash_atoms(text, list(_raw_atoms(text, 0)))


def _merge_slash_atoms(text: str, atoms: list[_Atom]) -> list[_Atom]:
    """Turn ``num / num`` written without spaces into one fraction atom ("-4/5", "3/4")."""
    out: list[_Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        if (
            i + 2 < len(atoms)
            and a.kind == "num"
            and atoms[i + 1].text == "/"
            and atoms[i + 2].kind == "num"
            and a.end == atoms[i + 1].start
            and atoms[i + 1].end == atoms[i + 2].start
            and _SLASH.fullmatch(text[a.start : atoms[i + 2].end])
            and (i + 3 >= len(atoms) or atoms[i + 3].text != "/")
            and (not out or out[-1].text != "/" or out[-1].end != a.start)
            and atoms[i + 2].value
        ):
            value = (a.value or 0) / (atoms[i + 2].value or 1)
            out.append(
                _Atom(
                    a.start,
                    atoms[i + 2].end,
                    "num",
                    text[a.start : atoms[i + 2].end],
                    value,
                    False,
                    True,
                )
            )
            i += 3
            continue
        out.append(a)
        i += 1
    return out
