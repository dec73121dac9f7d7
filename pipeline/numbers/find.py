"""The public API: ``find_numbers``, ``find_quantities`` (with ranges and vague plurals),
``parse_number``, and their slow reference twins for the equivalence tests.

Hand-written because no library parses Dutch number words and hedged quantities well: Dutch
writes numbers as one compound word ("tweeënveertigduizend") and mixes digits with scale
words ("1,2 miljard", "anderhalf miljoen"), which text2num and Recognizers-Text misread
in part (see ``newsclaims.numbers``).
"""

from __future__ import annotations

import math
import re
from functools import cache

from newsclaims.numbers.atoms import _Atom, _atoms
from newsclaims.numbers.parser import NumberMatch, _Expr, _match, _Parser
from newsclaims.numbers.windows import _barrier, _windows
from newsclaims.numbers.words import _lex

# --- numbers, ranges and vague plurals ------------------------------------------------


def _scan(
    text: str, atoms: list[_Atom], *, skip_barriers: bool = True
) -> list[tuple[_Expr, NumberMatch]]:
    """The single numbers among ``atoms`` (all of a text, or one window of it), greedily.

    A barrier atom starts no expression, so the fast path does not try; the reference
    path (``skip_barriers=False``) tries every atom, to keep that claim under test. An
    expression whose value is no finite float ("10^320", "1e400 miljoen") is skipped whole,
    so that neither it nor a piece of it ("miljoen") is reported.
    """
    parser = _Parser(text, atoms)
    found: list[tuple[_Expr, NumberMatch]] = []
    i = 0
    while i < len(atoms):
        e = None if skip_barriers and _barrier(atoms[i]) else parser.expr(i)
        if e is None:
            i += 1
            continue
        if not math.isfinite(e.value):  # "1e400 miljoen": not a number, nor is "miljoen"
            i = e.end_atom
            continue
        found.append((e, _match(text, atoms, e)))
        i = e.end_atom
    return found


def find_numbers(text: str) -> list[NumberMatch]:
    """Every single number in ``text`` (no ranges, no vague plurals), in text order."""
    return [m for atoms in _windows(text) for _, m in _scan(text, atoms)]


def _find_numbers_reference(text: str) -> list[NumberMatch]:
    """``find_numbers`` the slow, obvious way: one parse over all atoms (for tests)."""
    return [m for _, m in _scan(text, _atoms(text), skip_barriers=False)]


def parse_number(text: str) -> float | None:
    """The value of ``text`` when the whole (stripped) string is one number, else None."""
    stripped = text.strip()
    found = find_numbers(stripped)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped):
        return found[0].value
    return None


def find_quantities(text: str) -> list[NumberMatch]:
    """Numbers, ranges ("tussen 20 en 30", "20 tot 30", "20-30") and vague plurals.

    A range needs its upper bound above its lower one, so "2-1" (a score) and "1995-01"
    stay two numbers; "of" only makes a range of two close numbers ("vier of vijf").
    Only the windows around candidates are parsed (see ``_windows``); the result is the
    same as parsing all atoms, which ``_find_quantities_reference`` does.
    """
    return [q for atoms in _windows(text) for q in _quantities(text, atoms)]


def _find_quantities_reference(text: str) -> list[NumberMatch]:
    """``find_quantities`` the slow, obvious way: one parse over all atoms (for tests)."""
    return _quantities(text, _atoms(text), skip_barriers=False)


def _quantities(text: str, atoms: list[_Atom], *, skip_barriers: bool = True) -> list[NumberMatch]:
    """Numbers, ranges and vague plurals among ``atoms`` (all of a text, or one window)."""
    found = _scan(text, atoms, skip_barriers=skip_barriers)
    parser = _Parser(text, atoms)
    vague = _lex().vague
    # items: (first atom, end atom, match)
    items: list[tuple[int, int, NumberMatch]] = [(e.start_atom, e.end_atom, m) for e, m in found]
    taken = {k for e, _ in found for k in range(e.start_atom, e.end_atom)}
    k = 0
    while k < len(atoms):
        a = atoms[k]
        w = parser.words[k]  # the lowercased text of a word atom, None for others
        if w is not None and w in vague and k not in taken:
            low, high = vague[w]
            end = k + 1
            # "honderden miljoenen": the vague count of a vague scale multiplies its bounds
            nxt = parser.word(k + 1) if parser.next_ok(k + 1) else None
            if nxt in _lex().vague_scales and k + 1 not in taken:
                low, high = low * _lex().vague_scales[nxt], high * _lex().vague_scales[nxt]
                end = k + 2
            stop = atoms[end - 1].end
            items.append(
                (
                    k,
                    end,
                    NumberMatch(
                        a.start, stop, text[a.start : stop], None, low, high, "vague", True
                    ),
                )
            )
            k = end
            continue
        k += 1
    items.sort(key=lambda t: t[0])
    out: list[NumberMatch] = []
    i = 0
    while i < len(items):
        s1, e1, m1 = items[i]
        merged = None
        if i + 1 < len(items):
            s2, e2, m2 = items[i + 1]
            merged = _range(parser, text, atoms, (s1, e1, m1), (s2, e2, m2))
        if merged is not None:
            out.append(merged)
            i += 2
            continue
        out.append(m1)
        i += 1
    return [_few_of_scale(text, m) for m in out]


@cache
def _few_before() -> re.Pattern[str]:
    """The words for "a few" (``numbers.toml`` ``few``) ending right before a number."""
    words = "|".join(r"\s+".join(map(re.escape, w.split())) for w in _lex().few)
    return re.compile(rf"\b(?:{words})\s+$", re.IGNORECASE)


def _few_of_scale(text: str, m: NumberMatch) -> NumberMatch:
    """ "een paar honderd", "enkele duizend": a few of a scale is as vague as its plural
    ("honderden", 200-999), and the span takes the words in."""
    if m.kind != "number" or not m.words:
        return m
    bounds = _lex().vague.get(m.text.lower() + "en")  # "honderd" -> "honderden"
    before = _few_before().search(text, max(0, m.start - 12), m.start) if bounds else None
    if bounds is None or before is None:
        return m
    start = before.start()
    return NumberMatch(start, m.end, text[start : m.end], None, *bounds, "vague", True)


def _range(
    parser: _Parser,
    text: str,
    atoms: list[_Atom],
    a: tuple[int, int, NumberMatch],
    b: tuple[int, int, NumberMatch],
) -> NumberMatch | None:
    s1, e1, m1 = a
    s2, _e2, m2 = b
    between = [x.text.lower() for x in atoms[e1:s2]]
    if not between or any(not parser.adjacent(k) for k in range(e1 - 1, s2)):
        return None
    conn = " ".join(between)
    start_atom = s1
    if conn == "en" and s1 >= 1 and parser.next_ok(s1):
        k = s1 - 1
        if parser.is_word(k, "de") and k >= 1 and parser.next_ok(k):
            k -= 1
        if parser.word(k) not in _lex().range_open:
            return None
        start_atom = k
    elif conn == "tot" or conn == "tot en met":
        if s1 >= 1 and parser.word(s1 - 1) in _lex().range_from and parser.next_ok(s1):
            start_atom = s1 - 1
    elif conn not in _lex().range_links:
        return None
    if conn in ("-", "–") and m1.words != m2.words:
        return None
    if m1.kind == "vague" or m2.kind == "vague":
        if not (m1.kind == "vague" and m2.kind == "vague" and conn == "tot"):
            return None
        low, high = m1.low, m2.high
    else:
        if m1.value is None or m2.value is None or m1.suffix or m2.suffix:
            return None
        low, high = m1.value, m2.value
        if m2.scale and m2.scale >= 1000 and not m1.scale and low * m2.scale <= high:
            low *= m2.scale
        if conn == "of" and not (low < high <= 10 * max(low, 1)):
            return None
    if low is None or high is None or not low < high:
        return None
    start = atoms[start_atom].start
    end = m2.end
    return NumberMatch(
        start,
        end,
        text[start:end],
        None,
        low,
        high,
        "range",
        m1.words or m2.words,
        scale=m2.scale,
    )
