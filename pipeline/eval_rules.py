"""The matching rules of the annotation spec §4, one small function per rule.

They are written here, apart from the extractors, on purpose: the scorer must not share
code with what it scores. If the pipeline's own name folding or compound splitting
changed, a shared helper would silently move the yardstick together with the thing
measured. Each rule is a pure function so its unit tests can be a table of cases.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

Span = tuple[int, int]
NameOrNames = str | Sequence[str] | None

# ` date 2018-12 ` and similar: the header of a seed file, which is not part of the body.
_HEADER = re.compile(r"\A\s*date\s+\d\S*[ \t]*\n?[ \t]*")
# A word: letters/digits, with apostrophes and hyphens inside ("Abdul-Mahdi", "'s-Gravenhage").
_WORD = re.compile(r"\w+(?:['-]\w+)*")


def fold(text: str) -> str:
    """Case- and accent-insensitive form: "Erdoğan" and "erdogan" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().replace("’", "'").replace("‘", "'").split())


def words(name: str) -> list[str]:
    """The folded words of a name; a hyphenated name is one word, edge punctuation goes."""
    return _WORD.findall(fold(name))


def _options(names: NameOrNames) -> list[str]:
    if names is None:
        return []
    return [names] if isinstance(names, str) else [n for n in names if n]


def names_match(system: NameOrNames, gold: NameOrNames) -> bool:
    """Spec §4 name rule, for speakers and sources: either name contains the other's last
    word as a whole word, case- and accent-insensitive; a gold list means any of its names.

    Whole words, not substrings: "Jansen" matches "Piet Jansen", "Jans" does not match
    "Jansen". Two nulls agree (nothing was attributed and nothing should be); a null
    against a name does not.
    """
    if gold is None or system is None:
        return gold is None and system is None
    for sys_name in _options(system):
        sys_words = words(sys_name)
        for gold_name in _options(gold):
            gold_words = words(gold_name)
            if not sys_words or not gold_words:
                continue
            if gold_words[-1] in sys_words or sys_words[-1] in gold_words:
                return True
    return False


def named_part(name: str) -> str:
    """The named part of a hyphenated compound: "YPG-militie" -> "YPG", "IS-strijders" ->
    "IS"; a name whose last part is capitalised ("Abdul-Mahdi") is not a compound."""
    head, sep, tail = name.strip().rpartition("-")
    if sep and head.strip() == head and head and tail[:1].islower():
        return head
    return name


def entity_keys(name: str) -> set[str]:
    """Folded forms a name may be matched by: itself and, for a compound, its named part."""
    return {fold(name), fold(named_part(name))} - {""}


def entity_matches(system_name: str, gold: dict[str, Any]) -> bool:
    """Spec §4 entity name rule: the system name matches the gold name or one of its
    aliases, case- and accent-insensitive, a hyphenated compound also by its named part.
    The compound rule is applied on both sides: matching is symmetric."""
    gold_keys: set[str] = set()
    for name in [gold.get("name") or "", *(gold.get("aliases") or [])]:
        gold_keys |= entity_keys(name)
    return bool(entity_keys(system_name) & gold_keys)


def body_start(text: str) -> int:
    """Offset of the article body: after a ` date YYYY-MM ` header if the text still has one."""
    match = _HEADER.match(text)
    return match.end() if match else 0


def locate(text: str, span: str, n: int = 1) -> Span | None:
    """Character span of the n-th (1-based) occurrence of ``span`` in the article body,
    as offsets into ``text``; None when there is no n-th occurrence."""
    if not span:
        return None
    start = body_start(text) - 1
    for _ in range(max(n, 1)):
        start = text.find(span, start + 1)
        if start < 0:
            return None
    return start, start + len(span)


def overlap(a: Span, b: Span) -> int:
    """Number of characters two half-open spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def spans_match(gold: Span, system: Span, min_share: float = 0.0) -> bool:
    """Claims (``min_share`` 0): any overlap. Quotes (0.5): overlap at least half of the
    shorter span."""
    ov = overlap(gold, system)
    shorter = min(gold[1] - gold[0], system[1] - system[0])
    return ov > 0 and ov >= min_share * shorter


def match_pairs(
    n_gold: int,
    n_system: int,
    ok: Callable[[int, int], bool],
    weight: Callable[[int, int], float] | None = None,
) -> list[tuple[int, int]]:
    """One-to-one matching of gold items to system items with as many pairs as possible.

    ``ok(gi, si)`` says whether a pair may match, ``weight(gi, si)`` how good it is. The
    pairs start from "best pair first" (largest overlap), which is the obvious alignment;
    greedy alone can cost a match (a long system span taking the one gold span a short one
    also fitted), so augmenting paths (Kuhn) then add every match still possible. The count
    of matches, hence P/R/F1, is the maximum and does not depend on the order items come in;
    the greedy pairs are only rearranged where a further match needs it.
    """
    options: list[list[int]] = [
        [si for si in range(n_system) if ok(gi, si)] for gi in range(n_gold)
    ]
    score = weight or (lambda gi, si: 0.0)
    owner: dict[int, int] = {}  # system index -> gold index
    taken: set[int] = set()
    ranked = sorted((-score(gi, si), gi, si) for gi in range(n_gold) for si in options[gi])
    for _, gi, si in ranked:
        if gi not in taken and si not in owner:
            owner[si] = gi
            taken.add(gi)

    def augment(gi: int, seen: set[int]) -> bool:
        for si in options[gi]:
            if si in seen:
                continue
            seen.add(si)
            if si not in owner or augment(owner[si], seen):
                owner[si] = gi
                return True
        return False

    for gi in range(n_gold):
        if gi not in taken:
            augment(gi, set())
    return sorted((gi, si) for si, gi in owner.items())


def match_spans(
    gold: Sequence[Span], system: Sequence[Span], *, min_share: float = 0.0
) -> list[tuple[int, int]]:
    """(gold index, system index) pairs of a one-to-one span matching, larger overlaps
    preferred; see ``spans_match`` for when two spans may match."""
    return match_pairs(
        len(gold),
        len(system),
        lambda gi, si: spans_match(gold[gi], system[si], min_share),
        lambda gi, si: overlap(gold[gi], system[si]),
    )


def _num_equal(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-3, abs_tol=1e-3)


def value_correct(system: dict[str, Any], gold: dict[str, Any]) -> bool:
    """The value when gold gives one ("een derde" 0.3333 within rounding), else low and high
    (ranges and vague plurals)."""
    if gold.get("value") is not None:
        return _num_equal(system.get("value"), gold["value"])
    return _num_equal(system.get("low"), gold.get("low")) and _num_equal(
        system.get("high"), gold.get("high")
    )


def unit_correct(system: str | None, gold: str | None) -> bool:
    """Unit lemmas compare case- and accent-insensitively; null only equals null."""
    return fold(system or "") == fold(gold or "")
