"""Dutch number-word morphology: the lexicon, compound cardinals, fractions, ordinals.

Compounds ("tweeënveertigduizend", "vijfentwintighonderdzevenenzeventig") are cut into
morphemes from ``lexicon/numbers.toml`` and checked for Dutch compound order, so that
ordinary words that merely contain number morphemes are not numbers.

Hand-written because no library parses Dutch number words and hedged quantities well: Dutch
writes numbers as one compound word ("tweeënveertigduizend") and mixes digits with scale
words ("1,2 miljard", "anderhalf miljoen"), which text2num and Recognizers-Text misread
in part (see ``newsclaims.numbers``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

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
    few: tuple[str, ...]  # "een paar" honderd
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
        few=tuple(raw["words"]["few"]),
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
