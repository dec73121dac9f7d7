"""``extract_quotes``: the ordered rule tuple, continuation, and the ``Quote`` records.

``RULES`` is the whole precedence of the quote extractor: each rule is a pure function
``(view, found so far) -> new statements``; an earlier rule's span wins over a later one's.
Who said a direct quote is decided inside ``direct_and_partial`` by its own ordered
``ATTRIBUTION_RULES`` and ``SEQUENCE_RULES`` (``newsclaims.quotes.direct``).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from newsclaims.attribution.continuation import resolve_continuations
from newsclaims.attribution.marks import trimmed
from newsclaims.attribution.types import Found
from newsclaims.attribution.view import ArticleView, view_of
from newsclaims.entities import ArticleEntities
from newsclaims.quotes import direct, indirect, stances
from newsclaims.records import Quote

SpanRule = Callable[[ArticleView, tuple[Found, ...]], list[Found]]

RULES: tuple[SpanRule, ...] = (
    direct.direct_and_partial,
    direct.headline_colon,
    indirect.dat_clause,
    indirect.trailing_cue,
    indirect.trailing_aux_cue,
    indirect.that_sentence_before,
    indirect.volgens,
    indirect.noun_cues,
    indirect.fixed_phrases,
    indirect.zo_parenthetical,
    stances.zoals_parenthetical,
    stances.verb_preposition,
    stances.als_predicate,
    stances.object_statement,
    stances.stance_dat,
    stances.te_clauses,
    indirect.small_clause,
    indirect.weak_dat_clause,
)


def find_statements(view: ArticleView) -> list[Found]:
    """Every statement of the article, rule by rule in ``RULES`` order."""
    found: list[Found] = []
    for rule in RULES:
        found.extend(rule(view, tuple(found)))
    return found


def extract_quotes(doc: Doc, entities: ArticleEntities) -> list[Quote]:
    """All quotes of one article, in text order, local ids ``q{n}``."""
    if all(t.is_space for t in doc):
        return []
    view = view_of(doc, entities)
    quotes: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    for f, attr in resolve_continuations(view, find_statements(view)):
        start, end = trimmed(view.text, f.start, f.end)
        if end <= start or (start, end) in seen:
            continue
        seen.add((start, end))
        spk = attr.speaker
        quotes.append(
            Quote(
                quote_id="",
                article_id="",
                sentence_idx=view.sent_of[view.token_at(start)] if view.n else 0,
                start=start,
                end=end,
                text=view.text[start:end],
                kind=f.kind,
                speaker=spk.name,
                speaker_text=spk.text,
                speaker_entity_id=spk.entity_id,
                cue=attr.cue if spk.resolution != "continuation" or f.kind == "indirect" else None,
                resolution=spk.resolution,
                date=None,
            )
        )
    quotes = _outermost(quotes)
    quotes.sort(key=lambda q: (q.start, q.end))
    return [Quote(**{**q.__dict__, "quote_id": f"q{n}"}) for n, q in enumerate(quotes)]


def _outermost(quotes: list[Quote]) -> list[Quote]:
    """A reported clause inside another of the same speaker is part of that statement, not
    one of its own: "Een vrouw vertelt dat ze heeft geschreven dat ze het jammer vindt dat
    ..." is one statement, the outermost clause. A clause of another speaker inside it
    stays ("noemt de beschuldiging dat Iran ... bedreigt absurd": the accusation is the
    Americans')."""
    indirect = [q for q in quotes if q.kind == "indirect" and q.speaker is not None]
    inner = {
        id(q)
        for q in indirect
        for o in indirect
        if o is not q
        and o.start <= q.start
        and q.end <= o.end
        and (o.start, o.end) != (q.start, q.end)
        and o.speaker == q.speaker
    }
    return [q for q in quotes if id(q) not in inner] if inner else quotes
