"""Dutch number parser: digits, number words, fractions, ranges and vague plurals.

Usable on its own (``find_numbers``, ``find_quantities``, ``parse_number``); the claim
extractor builds on it. It is deliberately *generic*: it finds every numeric expression,
including years and identifiers; deciding that "2014" is a year or "Artikel 50" a name is
the claim extractor's job, because it needs the context (the parse, the next word).

Why hand-written rather than text2num: Dutch writes numbers as one compound word
("tweeënveertigduizend", "vijfentwintighonderdzevenenzeventig") and mixes digits with
scale words ("12 miljoen", "1,2 miljard", "anderhalf miljoen"); text2num misreads some of
these mixed forms. Compounds are split into morphemes from ``lexicon/numbers.toml`` and
validated, so that ordinary words that merely contain number morphemes are not numbers.

The text is first cut into *atoms* (a digit number, a word, a punctuation mark) and a small
recursive parser joins adjacent atoms into expressions, e.g. ``3`` + ``miljoen`` + ``en`` +
``een half``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

from newsclaims import lexicon

# --- lexicon ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Lexicon:
    cardinals: dict[str, float]
    scales: dict[str, float]
    counting: dict[str, float]
    denominators: dict[str, float]
    fixed: dict[str, float]
    vague: dict[str, tuple[float, float]]
    suffixes: dict[str, float]
    morphemes: tuple[str, ...]  # longest first
    minus: frozenset[str]
    decimal_point: frozenset[str]
    ratio: frozenset[str]
    vague_scales: dict[str, float]  # "miljoenen" after "honderden"
    range_open: frozenset[str]  # "tussen" X en Y
    range_from: frozenset[str]  # "van" X tot Y
    range_links: frozenset[str]  # X "tot" Y, X "à" Y, X "-" Y


@cache
def _lex() -> _Lexicon:
    raw = lexicon.toml("numbers.toml")
    cardinals = {k: float(v) for k, v in raw["cardinals"].items()}
    scales = {k: float(v) for k, v in raw["scales"].items()}
    morphemes = tuple(sorted([*cardinals, *scales, "en", "ën"], key=len, reverse=True))
    return _Lexicon(
        cardinals=cardinals,
        scales=scales,
        counting={k: float(v) for k, v in raw["counting_nouns"].items()},
        denominators={k: float(v) for k, v in raw["denominators"].items()},
        fixed={k: float(v) for k, v in raw["fixed"].items()},
        vague={k: (float(v[0]), float(v[1])) for k, v in raw["vague"].items()},
        suffixes={k: float(v) for k, v in raw["suffixes"].items()},
        morphemes=morphemes,
        minus=frozenset(raw["words"]["minus"]),
        decimal_point=frozenset(raw["words"]["decimal_point"]),
        ratio=frozenset(raw["words"]["ratio"]),
        vague_scales={k: float(v) for k, v in raw["vague_scales"].items()},
        range_open=frozenset(raw["ranges"]["open"]),
        range_from=frozenset(raw["ranges"]["from"]),
        range_links=frozenset(raw["ranges"]["links"]),
    )


# --- compound words -----------------------------------------------------------------------

_Part = tuple[float, bool | None]  # (value, is_scale); None: a finished group ("tweehonderd")


def _segment(word: str) -> list[list[str]]:
    """All ways to cut ``word`` into number morphemes (usually exactly one)."""
    lex = _lex()
    out: list[list[str]] = []

    def rec(pos: int, acc: list[str]) -> None:
        if len(out) > 4:
            return
        if pos == len(word):
            out.append(list(acc))
            return
        for m in lex.morphemes:
            if word.startswith(m, pos):
                acc.append(m)
                rec(pos + len(m), acc)
                acc.pop()

    rec(0, [])
    return out


def _valid(morphs: list[str]) -> list[_Part] | None:
    """Check Dutch compound order and drop the connecting "en"; None when not a number.

    Allowed: unit + en + tens ("tweeëntwintig"), scale + [en] + smaller ("honderdenzes"),
    number + scale ("driehonderd"). Not allowed: two plain numbers in a row ("tweedrie"),
    a trailing "en" ("honderden" is a vague plural, not 100).
    """
    lex = _lex()
    parts: list[_Part] = []
    prev: str | None = None
    pending_en = False
    for i, m in enumerate(morphs):
        if m in ("en", "ën"):
            if prev is None or pending_en or i == len(morphs) - 1:
                return None
            pending_en = True
            prev_is_unit = prev in lex.cardinals and 1 <= lex.cardinals[prev] <= 9
            prev_is_scale = prev in lex.scales
            if not (prev_is_unit or prev_is_scale):
                return None
            continue
        if m in lex.scales:
            if pending_en:
                return None
            parts.append((lex.scales[m], True))
        else:
            value = lex.cardinals[m]
            if m == "nul" and len(morphs) > 1:
                return None
            if prev is not None and prev not in lex.scales:
                # plain after plain: only "unit en tens"
                tens = value >= 20 and value % 10 == 0 and value < 100
                if not (pending_en and tens):
                    return None
            elif pending_en and prev is not None and prev in lex.scales:
                pass  # "honderdenzes"
            parts.append((value, False))
        pending_en = False
        prev = m
    return parts or None


def _combine(parts: list[_Part]) -> float:
    """Value of a morpheme/atom sequence: scales multiply what precedes them.

    ``big`` is the largest scale already folded into ``total``: a larger one multiplies the
    whole ("honderdduizend miljoen"), a smaller one only the current group ("vijf miljard
    tweehonderd miljoen"). Counting nouns (dozijn) multiply only the last plain group.
    """
    total = 0.0
    current = 0.0
    small = 0.0  # plain numbers since the last scale
    big = 0.0
    for value, is_scale in parts:
        if is_scale is None:
            current += value
            small = 0.0
            continue
        if not is_scale:
            current += value
            small += value
            continue
        if value < 100:  # dozijn, gros
            current = current - small + (small or 1) * value
        elif value == 100:
            current = (current or 1) * value
        elif value > big:
            total = (total + current) * value if (total + current) else value
            big = value
            current = 0.0
        else:
            total += (current or 1) * value
            current = 0.0
        small = 0.0
    return total + current


@cache
def cardinal_parts(word: str) -> tuple[_Part, ...] | None:
    """The morphemes of one cardinal word as parts ("tweeduizend" -> 2, x1000)."""
    w = word.lower()
    if w in _lex().counting:
        return ((_lex().counting[w], True),)
    for morphs in _segment(w):
        parts = _valid(morphs)
        if parts is not None:
            return tuple(parts)
    return None


@cache
def cardinal_word(word: str) -> tuple[float, float | None] | None:
    """(value, trailing scale) of one cardinal word ("tweeduizend" -> (2000, 1000))."""
    parts = cardinal_parts(word)
    if parts is None:
        return None
    trailing = parts[-1][0] if parts[-1][1] else None
    return _combine(list(parts)), trailing


@cache
def denominator_word(word: str) -> float | None:
    """Denominator of a fraction word: "derde" 3, "kwart" 4, "achtsten" 8, "honderdste" 100.

    "tweede" is never a half in Dutch ("een tweede poging" is a second attempt).
    """
    lex = _lex()
    w = word.lower()
    if w in lex.denominators and w != "helft":
        return lex.denominators[w]
    stem = w[:-1] if w.endswith(("sten", "den")) else w
    for suffix in ("ste", "de"):
        if stem.endswith(suffix) and len(stem) > len(suffix) + 2:
            card = cardinal_word(stem[: -len(suffix)])
            if card is not None and card[0] >= 3 and (suffix == "ste") == _takes_ste(card[0]):
                return card[0]
    return None


def _takes_ste(value: float) -> bool:
    """Dutch ordinals: -ste after 1, 8 and from 20 on (except 100x+2..19), else -de."""
    rest = value % 100
    if value >= 100 and (rest == 0 or rest >= 20 or rest in (1, 8)):
        return True
    return rest in (1, 8) or rest >= 20


@cache
def fixed_word(word: str) -> float | None:
    """Words that are a fractional value by themselves: anderhalf, driekwart, tweeënhalf."""
    lex = _lex()
    w = word.lower()
    if w in lex.fixed:
        return lex.fixed[w]
    for half in ("half", "halve"):
        if w.endswith(half):
            stem = w[: -len(half)]
            if stem.endswith(("en", "ën")):
                card = cardinal_word(stem[:-2])
                if card is not None:
                    return card[0] + 0.5
    for denom in ("kwart", "derde"):
        if w.endswith(denom) and len(w) > len(denom):
            card = cardinal_word(w[: -len(denom)])
            if card is not None and card[0] < lex.denominators[denom]:
                return card[0] / lex.denominators[denom]
    return None


# --- atoms --------------------------------------------------------------------------------

_NUM_CORE = (
    r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?"  # 20.000  1.234,56
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)(?:,\d+)?"  # 1 234 567
    r"|\d+(?:,\d+)?"  # 3,5  2000
    r"|,\d+)"  # ,08
)
_ATOM = re.compile(
    r"(?P<num>(?<!\w)" + _NUM_CORE + r"(?P<exp>[eE][+-]?\d+|\^[+-]*\d+)?"
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
        if exp.startswith("^"):
            sign = -1 if exp.count("-") % 2 else 1
            value = value ** (sign * int(exp.lstrip("^+-")))
        else:
            value = value * 10 ** int(exp[1:])
    if m.group("slash_n"):
        denominator = int(m.group("slash_d"))
        if denominator:
            value += int(m.group("slash_n")) / denominator
    suffix = m.group("suf")
    if suffix:
        value *= _lex().suffixes[suffix.strip().lower()]
    return value


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
    whitespace ("1 234", "3 1/2", "10 k"), always right after a digit."""
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
            if denom is not None and denom.value > e.value:
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


def _scan(
    text: str, atoms: list[_Atom], *, skip_barriers: bool = True
) -> list[tuple[_Expr, NumberMatch]]:
    """The single numbers among ``atoms`` (all of a text, or one window of it), greedily.

    A barrier atom starts no expression, so the fast path does not try; the reference
    path (``skip_barriers=False``) tries every atom, to keep that claim under test.
    """
    parser = _Parser(text, atoms)
    found: list[tuple[_Expr, NumberMatch]] = []
    i = 0
    while i < len(atoms):
        e = None if skip_barriers and _barrier(atoms[i]) else parser.expr(i)
        if e is None or not math.isfinite(e.value):
            i += 1
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
    return out


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
