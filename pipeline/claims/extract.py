"""``extract_claims``: numbers found by ``newsclaims.numbers``, filtered, measured, hedged,
sourced, and turned into ``Claim`` records with local ids."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from spacy.tokens import Doc, Span

from newsclaims import lexicon
from newsclaims.attribution.marks import paragraphs
from newsclaims.attribution.view import view_of
from newsclaims.claims.counted import _counted, _subject_entity, _tokens
from newsclaims.claims.exclusions import (
    _excluded,
    _not_a_count,
    _tot_is_destination,
    _verb_homograph,
)
from newsclaims.claims.lexicon import _context, _hedges, _units, category_of
from newsclaims.claims.sources import _Source, _source
from newsclaims.entities import ArticleEntities
from newsclaims.numbers import NumberMatch, find_quantities
from newsclaims.plurals import written_singulars
from newsclaims.records import Claim, Quote


@dataclass
class _Draft:
    """A claim being assembled; ids and sources are added once all claims are known."""

    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    cue: str | None
    unit: str | None
    counted: str | None
    category: str
    subject_entity_id: str | None
    sentence_idx: int = 0
    source: _Source = field(default_factory=lambda: _Source(None, None))


def _hedge(text: str, sent_start: int, start: int) -> tuple[str, str, int] | None:
    """(qualifier, cue as written, cue start) of the hedge directly before ``start``."""
    pre = text[sent_start:start]
    m = _hedges().pattern.search(pre)
    if m is None:
        return None
    cue = m.group("cue")
    key = " ".join(cue.lower().split())
    return _hedges().qualifier[key], cue, sent_start + m.start("cue")


# "10^400", "1e400": written powers the parser cannot hold in a float
_HUGE_POWER = re.compile(r"\d[\d.,]*\s?(?:\^|[eE]|x\s?10\^?)\s?[+-]?\d{3,}")


def _quantities(text: str) -> list[NumberMatch]:
    """The number parser's matches; a number too large for a float drops only itself.

    ``find_quantities`` raises ``OverflowError`` on "10^400" for the whole text, so such
    powers are blanked (same length, offsets kept) and the text parsed again; if it still
    overflows, each paragraph is parsed on its own and only the failing ones are dropped.
    """
    try:
        return list(find_quantities(text))
    except OverflowError:
        pass
    masked = _HUGE_POWER.sub(lambda m: " " * len(m.group(0)), text)
    try:
        return list(find_quantities(masked))
    except OverflowError:
        pass
    out: list[NumberMatch] = []
    for start, end in paragraphs(masked):
        try:
            found = find_quantities(masked[start:end])
        except OverflowError:
            continue
        out.extend(replace(q, start=q.start + start, end=q.end + start) for q in found)
    return out


def _finite(q: NumberMatch) -> bool:
    """Whether every value of the match is a finite float ("1e400" parses to inf)."""
    for x in (q.value, q.low, q.high):
        if x is None:
            continue
        try:
            if not math.isfinite(float(x)):
                return False
        except (OverflowError, ValueError):
            return False
    return True


def extract_claims(doc: Doc, entities: ArticleEntities, quotes: Sequence[Quote]) -> list[Claim]:
    """All numeric claims of one article, in text order, local ids ``c{n}``."""
    view = view_of(doc, entities)
    text = view.text
    ents = [(ent.start_char, ent.end_char) for ent in doc.ents]
    drafts: list[_Draft] = []
    for q in _quantities(text):
        if not _finite(q) or _excluded(q, text, ents):
            continue
        span = _tokens(doc, q.start, q.end)
        if span is None or _verb_homograph(q, span):
            continue
        sent = view.spacy_sentence(span.start)
        draft = _draft(text, doc, entities, q, span, sent)
        if draft is None:
            continue
        draft.sentence_idx = view.sent_of[sent.start] if view.n else 0
        draft.source = _source(view, quotes, sent, span, draft.start, draft.end)
        drafts.append(draft)
    for step in UNIT_STEPS:
        step(drafts, text)
    drafts.sort(key=lambda d: (d.start, d.end))
    return [
        Claim(
            claim_id=f"c{n}",
            article_id="",
            sentence_idx=d.sentence_idx,
            start=d.start,
            end=d.end,
            text=text[d.start : d.end],
            value=d.value,
            low=d.low,
            high=d.high,
            qualifier=d.qualifier,
            cue=d.cue,
            unit=d.unit,
            counted=d.counted,
            category=d.category,
            subject_entity_id=d.subject_entity_id,
            source=d.source.name,
            source_entity_id=d.source.entity_id,
            quote_id=d.source.quote_id,
            date=None,
        )
        for n, d in enumerate(drafts)
    ]


def _draft(
    text: str, doc: Doc, entities: ArticleEntities, q: NumberMatch, span: Span, sent: Span
) -> _Draft | None:
    start, end, unit, counted, head, head_end = _counted(text, doc, q, span, sent)
    if _not_a_count(text, doc, q, span, sent, unit, end):
        return None
    category = category_of(unit)
    qualifier, cue = "exact", None
    hedge = _hedge(text, sent.start_char, start)
    if hedge is not None:
        qual, cue_text, cue_start = hedge
        blocked = (cue_text.lower() in _hedges().duration_block and category == "duration") or (
            cue_text.lower() == "tot" and _tot_is_destination(doc, cue_start)
        )
        if not blocked:
            qualifier, cue, start = qual, cue_text, cue_start
    if q.kind == "range" and cue is None:
        qualifier = "range"
    elif q.kind == "vague" and cue is None:
        qualifier = "approx"
    subject = _subject_entity(text, doc, entities, head, head_end, sent)
    return _Draft(
        start=start,
        end=end,
        value=None if q.value is None else float(q.value),
        low=q.low,
        high=q.high,
        qualifier=qualifier,
        cue=cue,
        unit=unit,
        counted=counted,
        category=category,
        subject_entity_id=subject.entity_id if subject else None,
    )


_LIST_GAP = re.compile(r"\s*(?:,|,?\s+(?:en|of|tot))\s*")
_LETTER_RUNS = re.compile(r"[^\W\d_]+")
_WORDS = re.compile(r"\w+")
_CLAUSE_BREAK = re.compile(r"[.;:!?()\n]")
_WORD_THEN_WORD = re.compile(r"\s+(\w+)\s+[^\W\d_]")
_NEXT_WORD = re.compile(r"\s+(\w+)")


def _scale_word(text: str) -> float | None:
    """The large scale in a claim's text ("zeventig miljoen dollar" -> 1e6), if any."""
    scales = lexicon.toml("numbers.toml")["scales"]
    found = [float(scales[w]) for w in _LETTER_RUNS.findall(text.lower()) if w in scales]
    return found[0] if found and found[0] >= 1e6 else None


def _elided_scales(drafts: list[_Draft], text: str) -> None:
    """In a list that opens and closes with the same scale, the bare numbers between share
    it: "Veertig miljoen, vijftig, zestig, zeventig miljoen dollar" (50 and 60 million)."""
    i = 0
    while i < len(drafts):
        j = i
        while j + 1 < len(drafts) and _LIST_GAP.fullmatch(
            text[drafts[j].end : drafts[j + 1].start]
        ):
            j += 1
        first, last = drafts[i], drafts[j]
        scale = _scale_word(text[first.start : first.end])
        if j > i + 1 and scale and scale == _scale_word(text[last.start : last.end]):
            for d in drafts[i + 1 : j]:
                bare = _scale_word(text[d.start : d.end]) is None and d.value is not None
                if bare and d.value < 1000 and d.low is None and d.high is None:
                    d.value *= scale
        i = j + 1


def _inherit_group_size(drafts: list[_Draft], text: str) -> None:
    """ "de tien" after "tien Venezolanen", however far back: a bare number word after
    "de", "die" or "deze" (``anaphor_before``) or "de groep van" (``anaphor_group``) stands
    for the group of that size the article named before, the last count of people or
    things with the same value. Other bare numbers only look a sentence or two back
    (``_inherit_from_before``); so do digits ("De 737" is a Boeing, not 737 planes named
    before)."""
    before, groups = _context()["anaphor_before"], _context()["anaphor_group"]
    for i, d in enumerate(drafts):
        if d.unit is not None or d.value is None or any(map(str.isdigit, text[d.start : d.end])):
            continue
        words = _WORDS.findall(text[max(0, d.start - 20) : d.start].lower())
        group = len(words) >= 2 and words[-1] == "van" and words[-2] in groups
        if not words or (words[-1] not in before and not group):
            continue
        for prev in reversed(drafts[:i]):
            if prev.value == d.value and prev.unit and prev.category in ("people", "other"):
                d.unit, d.category = prev.unit, prev.category
                break


def _scaled_amounts(drafts: list[_Draft], text: str) -> None:
    """ "1000 miljard aan kosten", "miljarden aan Chinese producten": a number ending in a
    scale word with nothing counted, followed by "aan" (``money_scale_then``), is money,
    in the currency the article counted last before it, else the default (euro); so is
    one ending in a plural scale word with nothing counted ("het kost miljoenen per
    maand", ``money_plurals``)."""
    units = _units()
    for i, d in enumerate(drafts):
        if d.unit is not None:
            continue
        words = _WORDS.findall(text[d.start : d.end].lower())
        if not words or words[-1] not in units.money_scales:
            continue
        after = _WORD_THEN_WORD.match(text, d.end)  # "aan kosten"; not the particle: "kwamen aan."
        then = after is not None and after.group(1).lower() in units.money_scale_then
        if not then and (
            d.counted is not None
            or words[-1] not in units.money_plurals
            or _plural_noun_after(text, d.end)  # "zijn miljoenen fans": counted, not money
        ):
            continue
        last = next((p.unit for p in reversed(drafts[:i]) if p.category == "money"), None)
        d.unit, d.category = last or units.default_currency, "money"


def _plural_noun_after(text: str, end: int) -> bool:
    """The word after ``end`` is a plural noun the news writes ("fans", "mensen")."""
    word = _NEXT_WORD.match(text, end)
    return word is not None and bool(written_singulars(word.group(1).lower()))


def _share_with_neighbours(drafts: list[_Draft], text: str) -> None:
    """A bare number shares the unit of a coordinated neighbour after it ("twee en drie
    sterren", "28 in plaats van 14 dagen", "veertig, vijftig, zestig miljoen dollar")."""
    for d, nxt in reversed(list(pairwise(drafts))):  # from the end: a list's last names it
        gap = text[d.end : nxt.start]
        close = len(gap) <= 16 and not _CLAUSE_BREAK.search(gap)
        if d.unit is None and nxt.unit is not None and close:
            d.unit, d.category = nxt.unit, nxt.category


def _inherit_from_before(drafts: list[_Draft], text: str) -> None:
    """A bare number takes the unit of a counted number shortly before it ("één ster ...
    die ene ster", "de drie"), or of an amount of money before it when it has a scale word
    itself ("70 miljoen dollar ... Veertig miljoen")."""
    # backwards only from counts of people or things: measures are rarely elided; money
    # is, after a scale word ("70 miljoen dollar ... Veertig miljoen daarvan")
    scales = _units().money_scales
    for i, d in enumerate(drafts):
        if d.unit is not None:
            continue
        elided = ("people", "other")
        if any(w in scales for w in _WORDS.findall(text[d.start : d.end].lower())):
            elided = ("people", "other", "money")
        for prev in reversed(drafts[:i]):
            if d.start - prev.end > 200:
                break
            if prev.unit is not None and prev.category in elided:
                d.unit, d.category = prev.unit, prev.category
                break


# How a number without a counted noun gets its scale and unit, in this order (each step
# fills only what is still missing): a list's scale, a coordinated neighbour's unit, the group of
# that size named before ("de tien"), a count shortly before, a scaled amount "aan" goods.
UNIT_STEPS: tuple[Callable[[list[_Draft], str], None], ...] = (
    _elided_scales,
    _share_with_neighbours,
    _inherit_group_size,
    _inherit_from_before,
    _scaled_amounts,
)
