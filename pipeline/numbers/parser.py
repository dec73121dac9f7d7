"""The expression parser: joins adjacent atoms into numbers, fractions and decimals.

``3`` + ``miljoen`` + ``en`` + ``een half``; "twee derde", "een komma vijf", "één op de
vijf", "min 5". Ranges and vague plurals are built on top of its output in ``find``.

Hand-written because no library parses Dutch number words and hedged quantities well: Dutch
writes numbers as one compound word ("tweeënveertigduizend") and mixes digits with scale
words ("1,2 miljard", "anderhalf miljoen"), which text2num and Recognizers-Text misread
in part (see ``newsclaims.numbers``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from newsclaims.numbers.atoms import _Atom
from newsclaims.numbers.words import (
    _combine,
    _lex,
    _Part,
    cardinal_parts,
    cardinal_word,
    denominator_word,
    fixed_word,
)

# --- expressions --------------------------------------------------------------------------


@dataclass(frozen=True)
class NumberMatch:
    """One numeric expression in a text; ``value`` or ``low``/``high`` (ranges, vague plurals).

    ``kind`` is number, fraction, range or vague; ``suffix`` marks digit numbers written
    with a letter multiplier ("10k", "5G"), which in news are usually identifiers.
    ``scale`` is the trailing scale word's value ("3 miljoen" -> 1e6), used to spread a
    scale over both ends of a range ("3 tot 4 miljoen").
    """

    start: int
    end: int
    text: str
    value: float | None
    low: float | None = None
    high: float | None = None
    kind: str = "number"
    words: bool = False
    suffix: bool = False
    scale: float | None = None
    slash: bool = False


@dataclass
class _Expr:
    start_atom: int
    end_atom: int  # exclusive
    value: float
    kind: str = "number"
    words: bool = False
    scale: float | None = None
    last_part: float | None = None  # value of the last cardinal atom (fraction numerator)
    head: float | None = None  # value without the last cardinal atom


class _Parser:
    """Joins adjacent atoms into number expressions; every method returns None on failure."""

    def __init__(self, text: str, atoms: list[_Atom]) -> None:
        self.text = text
        self.atoms = atoms
        # lowercased once: ``word`` is the parser's most frequent call
        self.words = [a.text.lower() if a.kind == "word" else None for a in atoms]

    # helpers
    def adjacent(self, i: int) -> bool:
        """Atom i and i+1 are separated by spaces only (not a line break)."""
        if i + 1 >= len(self.atoms):
            return False
        gap = self.text[self.atoms[i].end : self.atoms[i + 1].start]
        return gap.strip() == "" and "\n" not in gap

    def word(self, i: int) -> str | None:
        if 0 <= i < len(self.words):
            return self.words[i]
        return None

    def is_word(self, i: int, *options: str) -> bool:
        return self.word(i) in options

    def next_ok(self, i: int) -> bool:
        """Atom i is the one after the previous atom and directly follows it."""
        return 0 < i < len(self.atoms) and self.adjacent(i - 1)

    # cardinals
    def card_atom(self, i: int) -> tuple[float, float | None, bool, tuple[_Part, ...]] | None:
        """(value, trailing scale, is_word, parts) of one cardinal atom; bare "een" is not one."""
        if i >= len(self.atoms):
            return None
        a = self.atoms[i]
        if a.kind == "num" and not a.slash:
            return (a.value or 0.0), None, False, (((a.value or 0.0), False),)
        w = self.word(i)
        if w is None or w == "een":
            return None
        if w in _lex().scales:
            return _lex().scales[w], _lex().scales[w], True, ((_lex().scales[w], True),)
        parts = cardinal_parts(w)
        card = cardinal_word(w)
        if card is None or parts is None:
            return None
        return card[0], card[1], True, parts

    def scale_word(self, i: int) -> float | None:
        w = self.word(i)
        if w is None:
            return None
        if w in _lex().scales:
            return _lex().scales[w]
        if w in _lex().counting:
            return _lex().counting[w]
        return None

    def card_seq(self, i: int) -> _Expr | None:
        """Cardinal atoms that belong together: "3 miljoen", "tweeduizend en twee"."""
        parts: list[_Part] = []
        j = i
        words = False
        last_part: float | None = None
        head_parts: list[_Part] = []
        trailing: float | None = None
        first = self.card_atom(i)
        if first is None:
            if self.is_word(i, "een") and self.next_ok(i + 1) and self.scale_word(i + 1):
                first = (1.0, None, True, ((1.0, False),))
            else:
                return None
        value, trailing, is_word, first_parts = first
        parts.extend(first_parts)
        words = words or is_word
        last_part = value
        j = i + 1
        while j < len(self.atoms) and self.next_ok(j):
            scale = self.scale_word(j)
            if scale is not None and (trailing is None or scale > (trailing or 0) or scale < 100):
                head_parts = list(parts)
                parts.append((scale, True))
                trailing = scale
                words = True
                j += 1
                continue
            k = j
            if self.is_word(j, "en") and self.next_ok(j + 1):
                k = j + 1
            nxt = self.card_atom(k)
            if (
                trailing is not None
                and nxt is not None
                and nxt[2]
                and first[2]
                and nxt[0] < trailing
                and (self.scale_word(k) or 0) < trailing  # "tweeduizend honderd"
            ):
                if (
                    k > j
                    and trailing >= 1e6
                    and self.next_ok(k + 1)
                    and denominator_word(self.word(k + 1) or "")
                ):
                    break  # "zes miljoen en twee derde": the fraction is of a million
                head_parts = list(parts)
                parts.extend(nxt[3])
                last_part = nxt[0]
                trailing = nxt[1]
                j = k + 1
                continue
            break
        expr = _Expr(i, j, _combine(parts), words=words, scale=trailing, last_part=last_part)
        expr.head = _combine(head_parts) if head_parts and parts[-1][1] is False else None
        if j == i + 1:  # one atom: all of it is the numerator of a following fraction
            expr.head = 0.0
        return expr

    # fractions
    def fraction(self, i: int) -> _Expr | None:
        """ "een derde", "twee derde", "driekwart", "een half miljoen", "anderhalf", "½"."""
        if i >= len(self.atoms):
            return None
        a = self.atoms[i]
        value: float | None = None
        j = i + 1
        if a.kind == "num" and a.slash:
            value = a.value
        elif a.kind == "word":
            w = a.text.lower()
            fixed = fixed_word(w)
            if fixed is not None:
                value = fixed
            elif w in ("een", "één", "eén") or cardinal_word(w) is not None:
                numer = 1.0 if w in ("een", "één", "eén") else cardinal_word(w)[0]  # type: ignore[index]
                k = i + 1
                if (
                    k + 1 < len(self.atoms)
                    and self.atoms[k].text in ("-", "/")
                    and self.next_ok(k)
                    and self.next_ok(k + 1)
                ):
                    k += 1
                w2 = self.word(k)
                if w2 is not None and self.next_ok(k):
                    denom = denominator_word(w2)
                    if denom:
                        value = numer / denom
                        j = k + 1
        elif a.kind == "num" and a.value is not None and len(a.text) == 1 and not a.text.isdigit():
            value = a.value  # ½
        if value is None:
            return None
        scale = self.scale_word(j) if self.next_ok(j) else None
        if scale is not None:
            return _Expr(i, j + 1, value * scale, kind="number", words=True, scale=scale)
        return _Expr(i, j, value, kind="fraction", words=True)

    # whole expression
    def expr(self, i: int) -> _Expr | None:
        atom = self.atoms[i]
        start = i
        if (self.word(i) in _lex().minus or (atom.text in "-−–" and atom.kind == "other")) and (
            self.next_ok(i + 1)
            and (i == 0 or not (self.atoms[i - 1].kind == "num" and self.adjacent(i - 1)))
            and not (i > 0 and self.atoms[i - 1].end == atom.start)
        ):
            inner = self.core(i + 1)
            if inner is None and self.is_word(i + 1, "een"):
                inner = _Expr(i + 1, i + 2, 1.0, words=True)
            if inner is not None and (atom.kind == "word" or self.atoms[i + 1].kind == "num"):
                inner.start_atom = start
                inner.value = -inner.value
                return inner
        return self.core(i)

    def core(self, i: int) -> _Expr | None:
        if i >= len(self.atoms):
            return None
        if self.is_word(i, "de") and self.is_word(i + 1, "helft") and self.next_ok(i + 1):
            return _Expr(i, i + 2, 0.5, kind="fraction", words=True)
        frac = self.fraction(i)
        card = self.card_seq(i)
        if frac is not None and (card is None or frac.end_atom >= card.end_atom):
            return self.tail(frac)
        if card is None:
            if self.atoms[i].kind == "word" and self.word(i) in ("één", "eén"):
                return self.tail(_Expr(i, i + 1, 1.0, words=True, last_part=1.0, head=0.0))
            if self.is_word(i, "een"):
                one = _Expr(i, i + 1, 1.0, words=True, last_part=1.0, head=0.0)
                tailed = self.tail(one)
                return tailed if tailed.end_atom > i + 1 else None
            return None
        return self.tail(card)

    def tail(self, e: _Expr) -> _Expr:
        """Extend a parsed number with a fraction, decimal words or a ratio that follows."""
        j = e.end_atom
        if not self.next_ok(j):
            return e
        w = self.word(j)
        # "twintig vijfde": the last cardinal is the numerator
        if e.kind == "number" and w is not None and e.last_part is not None:
            denom = denominator_word(w)
            if denom and e.head is not None and self.atoms[j - 1].kind == "word":
                e.value = e.head + e.last_part / denom
                e.end_atom = j + 1
                e.kind = "fraction" if e.head == 0 else "number"
                return e
        if e.kind == "number":
            frac = self.fraction(j)
            if frac is not None and frac.kind == "fraction" and e.words:
                e.value += frac.value
                e.end_atom = frac.end_atom
                return e
        if w == "en" and self.next_ok(j + 1):
            frac = self.fraction(j + 1)
            if frac is not None:
                if frac.kind == "fraction" and e.scale and e.scale >= 1e6:
                    e.value += frac.value * e.scale
                else:
                    e.value += frac.value
                e.end_atom = frac.end_atom
                return e
        if w in _lex().decimal_point and e.words:
            digits = ""
            k = j + 1
            while self.next_ok(k):
                card = cardinal_word(self.word(k) or "") if self.word(k) else None
                if card is None or card[0] > 9 or card[1] is not None:
                    break
                digits += str(int(card[0]))
                k += 1
            if digits:
                e.value += float("0." + digits)
                e.end_atom = k
                return e
        if w in _lex().ratio and self.next_ok(j + 1) and e.value >= 1:
            k = j + 1
            if self.is_word(k, "de") and self.next_ok(k + 1):
                k += 1
            denom = self.card_seq(k)
            if denom is not None and e.value < denom.value < math.inf:  # not "2 op 1e400"
                e.value = e.value / denom.value
                e.end_atom = denom.end_atom
                e.kind = "fraction"
                return e
        return e


def _match(text: str, atoms: list[_Atom], e: _Expr, **kw: Any) -> NumberMatch:
    start = atoms[e.start_atom].start
    end = atoms[e.end_atom - 1].end
    suffix = any(a.suffix for a in atoms[e.start_atom : e.end_atom])
    slash = any(a.slash for a in atoms[e.start_atom : e.end_atom])
    fields: dict[str, Any] = {
        "value": e.value,
        "kind": e.kind,
        "words": e.words,
        "suffix": suffix,
        "scale": e.scale,
        "slash": slash,
    }
    fields.update(kw)
    return NumberMatch(start, end, text[start:end], **fields)
