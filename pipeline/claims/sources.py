"""Who states a number (spec §2 "source"): the quote that covers it, else the shared
attribution layer: "volgens X", the subject of a reporting verb of the one cue lexicon,
"Dat meldt X." in the next sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from newsclaims.attribution.anaphora import last_person_before, resolve_anaphor
from newsclaims.attribution.layouts import that_sentence, volgens_phrase
from newsclaims.attribution.speakers import speaker_from_tokens
from newsclaims.attribution.types import Speaker
from newsclaims.attribution.view import ArticleView
from newsclaims.claims.lexicon import _attribution
from newsclaims.records import Quote


@dataclass(frozen=True)
class _Source:
    name: str | None
    entity_id: str | None
    quote_id: str | None = None


def _from_speaker(view: ArticleView, spk: Speaker) -> _Source | None:
    """A source from the attribution layer's speaker; a pronoun resolves to the nearest
    fitting mention before it ("volgens hem" -> the person named last)."""
    if spk.name is None and spk.resolution == "pronoun":
        spk = resolve_anaphor(view, spk, [], [])
    if spk.name is None:
        return None
    return _Source(spk.name, spk.entity_id)


def _governs(marker: Token, claim_tokens: Span) -> bool:
    """The clause an attribution phrase belongs to contains the claim (when parsed)."""
    if not marker.doc.has_annotation("DEP"):
        return True
    clause = marker.head.head if marker.dep_ == "case" else marker.head
    if clause.dep_ in ("parataxis", "conj") and clause.head.i != clause.i:
        clause = clause.head
    return claim_tokens[0] in list(clause.subtree)


@cache
def _prepositions() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The attributing prepositions as word tuples by first word, longest first
    ("naar" -> ("naar", "schatting", "van"), ...): a token is only compared with the
    phrases that start with it."""
    words = sorted(
        (tuple(p.split()) for p in _attribution()["prepositions"]), key=len, reverse=True
    )
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in words:
        by_first.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(phrases) for first, phrases in by_first.items()}


def preposition_source(view: ArticleView, sent: Span, claim_tokens: Span) -> _Source | None:
    """ "Volgens de VN zijn 20.000 mensen gevlucht", "naar schatting van de politie": the
    phrase after an attributing preposition of the claim's clause, read by the attribution
    layer's ``volgens_phrase``."""
    lower = view.lower
    prepositions = _prepositions()
    for k in range(sent.start, sent.end):
        for words in prepositions.get(lower[k], ()):
            if tuple(lower[k : k + len(words)]) != words:
                continue
            last = k + len(words) - 1
            phrase = volgens_phrase(view, last, sent.end)
            if phrase and phrase[0].i < claim_tokens.start:
                phrase = [t for t in phrase if t.i < claim_tokens.start]  # "volgens de VN 40 …"
            if not phrase or any(claim_tokens.start <= t.i < claim_tokens.end for t in phrase):
                continue
            if k > 0 and not _governs(view.toks[k], claim_tokens):
                continue
            found = _from_speaker(view, speaker_from_tokens(view, phrase, view.idx[k]))
            if found is not None:
                return found
            break
    return None


def verb_subject_source(view: ArticleView, sent: Span, claim_tokens: Span) -> _Source | None:
    """ "De VN schat het aantal op 20.000", "..., zegt de VN": the parser's subject of the
    nearest reporting verb (a cue of the one lexicon) whose clause holds the number."""
    doc, entities = view.doc, view.entities
    best: tuple[int, _Source] | None = None
    c0 = claim_tokens[0].i
    for i in sorted(k for k in view.cue_tokens if sent.start <= k < sent.end):
        t = view.toks[i]
        if not view.verbal_at(i):
            continue
        scope = t.head if t.dep_ == "parataxis" else t
        if not any(x.i == c0 for x in scope.subtree):
            continue
        for child in t.children:
            if child.dep_ not in ("nsubj", "nsubj:pass"):
                continue
            sub = doc[child.left_edge.i : child.right_edge.i + 1]
            if sub.start_char < claim_tokens.end_char and claim_tokens.start_char < sub.end_char:
                continue
            if child.pos_ == "PRON":
                if child.lower_ in ("hij", "zij"):
                    person = last_person_before(entities, child.idx)
                    src = _Source(person.name, person.entity_id) if person else None
                else:
                    continue
            else:
                src = _from_speaker(view, speaker_from_tokens(view, list(sub), t.idx))
            if src is None:
                continue
            dist = abs(t.i - claim_tokens.start)
            if best is None or dist < best[0]:
                best = (dist, src)
    return best[1] if best else None


def next_sentence_source(view: ArticleView, sent: Span, claim_tokens: Span) -> _Source | None:
    """ "Er gaan 40 scholen dicht. Dat meldt de NOS.": the attribution sentence right after,
    read by the attribution layer's ``that_sentence``."""
    if sent.end >= view.n:
        return None
    nxt = view.spacy_sentence(sent.end)
    that = that_sentence(view, nxt.start, nxt.end)
    return _from_speaker(view, that.speaker) if that is not None else None


REPORT_REACH = 2  # sentences back to a "Dat meldt X." whose report a claim continues


def report_before_source(view: ArticleView, sent: Span, claim_tokens: Span) -> _Source | None:
    """ "Minder dan duizend strijders zijn nog actief. Dat schrijft Reuters. Daarmee is nog
    maar een derde over ...": the report goes on after its attribution sentence, in its
    paragraph or at the start of the next, until another sentence attributes something."""
    para = view.para_of(view.idx[sent.start])
    k = sent.start
    for _ in range(REPORT_REACH):
        if k <= 0:
            return None
        before = view.spacy_sentence(k - 1)
        if para - view.para_of(view.idx[before.start]) > 1:
            return None
        that = that_sentence(view, before.start, before.end)
        if that is not None:
            return _from_speaker(view, that.speaker)
        words = range(before.start, before.end)
        if any(j in view.cue_tokens or view.lower[j] in _ATTRIBUTING for j in words):
            return None  # something else is attributed in between
        k = before.start
    return None


_ATTRIBUTING = frozenset({"aldus", "volgens"})


SourceRule = Callable[[ArticleView, Span, Span], "_Source | None"]

# The claim's source when no quote with a known speaker covers it: first answer wins.
SOURCE_RULES: tuple[SourceRule, ...] = (
    preposition_source,
    verb_subject_source,
    next_sentence_source,
    report_before_source,
)


def _in_speaker(view: ArticleView, quote: Quote, start: int, end: int) -> bool:
    """The number counts the quote's speakers ("Een ding is volgens de drie geïnterviewden
    hetzelfde gebleven"): the article says how many spoke, they do not state it."""
    written = quote.speaker_text
    if not written:
        return False
    at = view.text.find(written, quote.start, quote.end)
    return at >= 0 and at <= start and end <= at + len(written)


def _source(
    view: ArticleView,
    quotes: Sequence[Quote],
    sent: Span,
    claim_tokens: Span,
    start: int,
    end: int,
) -> _Source:
    """ "Er zijn 40 scholen dicht", zegt De Vries.: the speaker of the innermost quote covering
    the claim, else the first answer of ``SOURCE_RULES``."""
    inside = sorted(
        (
            q
            for q in quotes
            if q.start <= start and end <= q.end and not _in_speaker(view, q, start, end)
        ),
        key=lambda q: q.end - q.start,
    )
    # the innermost quote whose speaker is known, else the innermost one
    quote = next((q for q in inside if q.speaker), inside[0] if inside else None)
    if quote is not None and quote.speaker:
        return _Source(quote.speaker, quote.speaker_entity_id, quote.quote_id)
    found = next(
        (f for rule in SOURCE_RULES if (f := rule(view, sent, claim_tokens)) is not None), None
    )
    quote_id = quote.quote_id if quote else None
    if found is None:
        return _Source(None, None, quote_id)
    return _Source(found.name, found.entity_id, quote_id)
