"""Who states a number (spec §2 "source"): the quote that covers it, else the shared
attribution layer: "volgens X", the subject of a reporting verb of the one cue lexicon,
"Dat meldt X." in the next sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsclaims.attribution.anaphora import last_person_before
from newsclaims.attribution.view import ArticleView
from newsclaims.claims.counted import _tokens
from newsclaims.claims.lexicon import _attribution
from newsclaims.entities import ArticleEntities
from newsclaims.records import Quote


@dataclass(frozen=True)
class _Source:
    name: str | None
    entity_id: str | None
    quote_id: str | None = None


def _name_for(text: str, entities: ArticleEntities, start: int, end: int) -> _Source | None:
    """Canonical entity name for a source phrase, else the phrase as written (trimmed)."""
    phrase = text[start:end].strip(" ,.;:\"'“”„‘’()")
    if not phrase:
        return None
    ent = entities.entity_at(start, end) or entities.resolve(phrase)
    if ent is not None:
        return _Source(ent.name, ent.entity_id)
    words = phrase.split()
    drop = set(_attribution()["drop_leading"])
    while len(words) > 1 and words[0].lower() in drop:
        words.pop(0)
    if not words or words[0].lower() in drop:
        return None
    return _Source(" ".join(words), None)


def _phrase_after(doc: Doc, i: int, sent_end: int, max_len: int = 8) -> tuple[int, int] | None:
    """Token range of the noun phrase starting at token i (until a verb, comma or clause)."""
    j = i
    while j < min(sent_end, i + max_len):
        t = doc[j]
        if t.pos_ in ("VERB", "AUX", "SCONJ", "PRON", "NUM") and j > i:
            break
        if t.is_punct and t.text not in ("-", "'", "’"):
            break
        if t.lower_ in ("dat", "die", "om", "zijn", "is", "heeft", "hebben", "zijn", "er"):
            break
        j += 1
    return (i, j) if j > i else None


def _governs(marker: Token, claim_tokens: Span) -> bool:
    """The clause an attribution phrase belongs to contains the claim (when parsed)."""
    if not marker.doc.has_annotation("DEP"):
        return True
    clause = marker.head.head if marker.dep_ == "case" else marker.head
    if clause.dep_ in ("parataxis", "conj") and clause.head.i != clause.i:
        clause = clause.head
    return claim_tokens[0] in list(clause.subtree)


def preposition_source(view: ArticleView, sent: Span, claim_tokens: Span) -> _Source | None:
    """ "Volgens de VN zijn 20.000 mensen gevlucht", "naar schatting van de politie": the
    phrase after an attributing preposition of the claim's clause."""
    text, doc, entities = view.text, view.doc, view.entities
    attrib = _attribution()
    preps = sorted(attrib["prepositions"], key=len, reverse=True)
    sent_text = text[sent.start_char : sent.end_char].lower()
    # "volgens X", "naar schatting van X", "aldus X"
    for prep in preps:
        for m in re.finditer(rf"(?<![^\W\d_]){re.escape(prep)}\s+", sent_text):
            span = _tokens(doc, sent.start_char + m.end(), sent.start_char + m.end() + 1)
            if span is None:
                continue
            rng = _phrase_after(doc, span[0].i, sent.end)
            if rng is None:
                continue
            a, b = doc[rng[0]].idx, doc[rng[1] - 1].idx + len(doc[rng[1] - 1])
            if a < claim_tokens.start_char < b:
                b = claim_tokens.start_char  # "volgens de VN nog zo'n 20.000 ..."
            if a < claim_tokens.end_char and claim_tokens.start_char < b:
                continue
            if span[0].i > 0 and not _governs(doc[span[0].i - 1], claim_tokens):
                continue
            found = _name_for(text, entities, a, b)
            if found is not None:
                return found
    return None


def verb_subject_source(view: ArticleView, sent: Span, claim_tokens: Span) -> _Source | None:
    """ "De VN schat het aantal op 20.000", "..., zegt de VN": the parser's subject of the
    nearest reporting verb (a cue of the one lexicon) whose clause holds the number."""
    text, doc, entities = view.text, view.doc, view.entities
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
                src = _name_for(text, entities, sub.start_char, sub.end_char)
            if src is None:
                continue
            dist = abs(t.i - claim_tokens.start)
            if best is None or dist < best[0]:
                best = (dist, src)
    return best[1] if best else None


def _dat_meldt(view: ArticleView, sent: Span) -> _Source | None:
    """X when ``sent`` is an attribution sentence "Dat meldt X." / "Dat schrijft Reuters."."""
    text, doc, entities = view.text, view.doc, view.entities
    words = [t for t in sent if not t.is_punct]
    if len(words) < 3 or words[0].lower_ not in _attribution()["anaphora"]:
        return None
    verb = words[1]
    if verb.i not in view.cue_tokens:
        return None
    rng = _phrase_after(doc, verb.i + 1, sent.end, max_len=10)
    if rng is None:
        return None
    a, b = doc[rng[0]].idx, doc[rng[1] - 1].idx + len(doc[rng[1] - 1])
    return _name_for(text, entities, a, b)


def next_sentence_source(view: ArticleView, sent: Span, claim_tokens: Span) -> _Source | None:
    """ "Er gaan 40 scholen dicht. Dat meldt de NOS.": the attribution sentence right after."""
    if sent.end >= view.n:
        return None
    return _dat_meldt(view, view.spacy_sentence(sent.end))


SourceRule = Callable[[ArticleView, Span, Span], "_Source | None"]

# The claim's source when no quote with a known speaker covers it: first answer wins.
SOURCE_RULES: tuple[SourceRule, ...] = (
    preposition_source,
    verb_subject_source,
    next_sentence_source,
)


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
        (q for q in quotes if q.start <= start and end <= q.end), key=lambda q: q.end - q.start
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
