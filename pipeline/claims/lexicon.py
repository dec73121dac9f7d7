"""The claim lexicons: hedges, units and their categories, context word lists.

A unit's category (people, money, ...) is what analysts group on; the few Dutch plural
rules in ``lemma_guess`` make it independent of a lemmatizer trained on little data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsclaims import lexicon
from newsclaims.entities.names import demonyms
from newsclaims.plurals import attested_singular


@dataclass(frozen=True)
class _Hedges:
    pattern: re.Pattern[str]
    qualifier: dict[str, str]
    duration_block: frozenset[str]


@cache
def _hedges() -> _Hedges:
    raw = lexicon.toml("hedges.toml")
    qualifier = {p.lower(): q for q, phrases in raw["qualifiers"].items() for p in phrases}
    phrases = sorted(qualifier, key=len, reverse=True)
    fillers = sorted(raw["fillers"]["words"], key=len, reverse=True)
    alt = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    fill = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in fillers)
    pattern = re.compile(
        rf"(?:^|(?<=[\s(„“\"'‘]))(?P<cue>{alt})(?P<fill>(?:\s+(?:{fill}))*)\s*$", re.IGNORECASE
    )
    return _Hedges(pattern, qualifier, frozenset(raw["durations_block"]["hedges"]))


@dataclass(frozen=True)
class _Units:
    exact: dict[str, str]
    suffix: dict[str, str]  # units of four letters or more, found as the end of a compound
    symbols: dict[str, str]
    money_scales: frozenset[str]
    money_scale_then: frozenset[str]
    money_plurals: frozenset[str]
    default_currency: str


@cache
def _units() -> _Units:
    raw = lexicon.toml("units.toml")
    exact: dict[str, str] = {}
    for category, items in raw["category"].items():
        for item in items:
            exact.setdefault(item.lower(), category)
    suffix = {k: v for k, v in exact.items() if len(k) >= 4}
    elided = raw["elided"]
    scales = frozenset(w.lower() for w in elided["money_scales"])
    then = frozenset(w.lower() for w in elided["money_scale_then"])
    plurals = frozenset(w.lower() for w in elided["money_plurals"])
    symbols = dict(raw["symbols"])
    return _Units(exact, suffix, symbols, scales, then, plurals, elided["default_currency"])


@cache
def _context() -> dict[str, frozenset[str]]:
    raw = lexicon.toml("claims.toml")
    return {k: frozenset(w.lower() for w in v) for k, v in raw.items()}


@cache
def _attribution() -> dict[str, list[str]]:
    return {k: [w.lower() for w in v] for k, v in lexicon.toml("attribution.toml").items()}


@cache
def _person_roles() -> frozenset[str]:
    """The attribution layer's person roles ("speelster", "zanger"), read once."""
    return lexicon.words("quote_roles.txt")


@cache
def category_of(unit: str | None) -> str:
    """people, money, percent, distance, duration or other, from the unit lemma; a
    compound by its longest known ending ("melkveehouder" -> "houder" -> people); a person
    role of the attribution layer's list (``quote_roles.txt``) is people too. The
    endings are looked up one by one, longest first: a scan of the list for each new word
    made a third of a million ``endswith`` calls per 500 articles."""
    if not unit:
        return "other"
    units = _units()
    u = unit.lower()
    if u in units.exact:
        return units.exact[u]
    if u in demonyms():  # "Venezolanen", "Belgen", "Koerden" (see entities.names.demonyms)
        return "people"
    roles = _person_roles()
    if u in roles:
        return "people"
    for i in range(1, len(u) - 3):
        category = units.suffix.get(u[i:])
        if category is not None:
            return category
        if len(u) - i >= 6 and u[i:] in roles:  # "tennisspeelster", not "arts" in "kunstarts"
            return "people"
    return "other"


def _known_unit(word: str) -> bool:
    return category_of(word) != "other"


def lemma_guess(word: str, model_lemma: str | None = None) -> str:
    """The unit lemma: the model's lemma, unless a plural rule gives a known unit or the
    news attests another singular.

    The first model versions lemmatise unevenly; for the units the analysts group on
    (strijders, jaren, weken, kinderen) a few Dutch plural rules are more reliable, and for
    other plurals the singular written in the news ("pillen" -> "pil", not "pill").
    """
    w = word.lower()
    lemma = (model_lemma or word).lower()
    if w.endswith("jes") and not lemma.endswith("je"):
        lemma = w[:-1]  # groepjes -> groepje, not groep
    candidates = [lemma, w]
    if w.endswith("'s") or w.endswith("’s"):
        candidates.append(w[:-2])
    if w.endswith("n"):
        candidates.append(w[:-1])  # jongeren -> jongere, doden -> dode
    if w.endswith("eren"):
        candidates.append(w[:-4])  # kinderen -> kind
    if w.endswith("s"):
        candidates.append(w[:-1])
    if w.endswith("en"):
        stem = w[:-2]
        candidates.append(stem)
        if len(stem) > 2 and stem[-1] == stem[-2]:
            candidates.append(stem[:-1])  # mannen -> man
        if len(stem) > 2 and stem[-2] in "aeou" and stem[-1] not in "aeiou":
            candidates.append(stem[:-1] + stem[-2] + stem[-1])  # jaren -> jaar, weken -> week
        if stem.endswith("v"):
            candidates.append(stem[:-1] + "f")
        if stem.endswith("z"):
            candidates.append(stem[:-1] + "s")
    if w.endswith("ën"):
        candidates.append(w[:-2])  # parlementariërs handled by -s
    for c in candidates:
        if c and _known_unit(c):
            return c
    # "Venezolanen", "raceronden": the singular the news writes, where the model's lemma
    # is no singular the news writes (see ``plurals``); a compound by its last part
    found = attested_singular(w, lemma)
    if found is None and "-" in w:
        first, last = w.rsplit("-", 1)
        part = attested_singular(last, lemma.rsplit("-", 1)[-1] if "-" in lemma else None)
        found = f"{first}-{part}" if part else None  # "aso-azc's" -> "aso-azc"
    if found is None and word[:1].isupper() and lemma == w:
        found = _name_singular(w)  # "vier Tinkerbells", "twee Ferrari's": a name's plural
    return found or lemma


def _name_singular(w: str) -> str | None:
    """The singular of a name counted in the plural, which the lemmatizer does not know:
    "ferrari's" -> "ferrari", "tinkerbells" -> "tinkerbell", "oscars" -> "oscar". Not an
    "-es" ("mercedes" is both) or "-ss" ending."""
    if w.endswith(("'s", "’s")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "es")) and len(w) > 3:
        return w[:-1]
    return None
