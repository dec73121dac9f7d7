"""What a number counts: the head noun (parse first, the next noun as fallback), the noun
after "van" for fractions, unit symbols, and the entity the counted thing belongs to.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsclaims.claims.lexicon import _known_unit, _units, lemma_guess
from newsclaims.entities import ArticleEntities, ArticleEntity
from newsclaims.numbers import NumberMatch
from newsclaims.plurals import attested_singular

_NOUNS = ("NOUN", "PROPN")

_NUM_DEPS = ("nummod", "det", "amod", "nmod", "fixed", "compound", "flat", "obl", "nsubj")

_NOT_BETWEEN = ("VERB", "AUX", "NUM", "CCONJ", "SCONJ")  # another number or clause in between

_BETWEEN = ("ADJ", "ADV", "NOUN", "PROPN", "NUM", "PUNCT", "X")

_GENERIC_HEADS = frozenset({"aantal", "totaal", "deel", "groot", "stuk"})
_HYPHENATED = re.compile(r"(?:[-‑][^\W\d_]+)+")  # "IS" + "-strijders"
_PERCENT_AFTER = re.compile(r"\s?%")
_WORD = re.compile(r"[^\W\d_]+(?:['’]s)?")  # letters, a plural 's: not "t/m"
_CURRENCY_BEFORE = re.compile(r"[€$£]\s?$")


def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span


def _hyphen_end(text: str, end: int) -> int:
    """Extend over a hyphenated continuation written without spaces ("IS" + "-strijders")."""
    m = _HYPHENATED.match(text, end)
    return m.end() if m else end


def _head_noun(doc: Doc, span: Span, sent: Span) -> Token | None:
    """The counted noun: a noun to the right the number attaches to, else the next noun."""
    limit = min(sent.end, span.end + 6)
    for t in reversed(span):
        h = t.head
        seen = 0
        while h.i in range(span.start, span.end) and h.head.i != h.i and seen < 4:
            h = h.head
            seen += 1
        between = doc[span.end : h.i] if h.i >= span.end else doc[0:0]
        loose = t.dep_ == "nummod"  # the parser says so: trust it over words in between
        # a word the tagger could not place (X) that the number modifies is what it counts:
        # "twee Ferrari's", "vier Tinkerbells"
        noun = h.pos_ in _NOUNS or (loose and h.pos_ == "X" and bool(_WORD.fullmatch(h.text)))
        if (
            t.dep_ in _NUM_DEPS
            and noun
            and span.end <= h.i < limit
            and (loose or all(x.pos_ in _BETWEEN for x in between))
            and not any(x.text in ",.;:()" or x.pos_ in _NOT_BETWEEN for x in between)
        ):
            return h
    nxt = doc[span.end] if span.end < sent.end else None
    if nxt is not None and lemma_guess(nxt.text, nxt.lemma_) in _units().exact:
        return nxt  # "11 cent", even when the tagger calls "cent" something else
    last_adj: Token | None = None
    for t in doc[span.end : limit]:
        if t.pos_ in _NOUNS or _unknown_compound_plural(t):
            return t
        participle = t.pos_ == "VERB" and "Part" in t.morph.get("VerbForm")
        if t.like_num and t.pos_ == "NUM":
            break  # another number counts what follows: "in 2019 gemiddeld 9,5 procent"
        if t.pos_ in ("ADJ", "NUM") or participle or t.lower_ in ("extra", "meer"):
            last_adj = t if t.pos_ == "ADJ" else last_adj
            continue  # "twee gesneuvelde militieleden", "duizend extra militairen"
        if t.text in ("-", "‑"):
            continue
        break
    # a nominalised adjective ("205 doden", "tien gewonden") counts when it is a known unit
    if last_adj is not None and _known_unit(lemma_guess(last_adj.text, last_adj.lemma_)):
        return last_adj
    return _after_adjective_phrase(doc, span.end, sent.end)


def _modifier(tok: Token) -> bool:
    """An adjective or a participle, which can close a phrase standing before a noun."""
    if tok.pos_ == "ADJ":
        return True
    return tok.pos_ == "VERB" and (
        "Part" in tok.morph.get("VerbForm") or tok.lower_.endswith(("end", "ende"))
    )


def _after_adjective_phrase(doc: Doc, start: int, end: int) -> Token | None:
    """The noun after an adjective phrase that opens with a preposition, which the parser
    did not attach to the number: "twee voor de hand liggende opties", "drie door de
    burgemeester aangewezen verdachten". The preposition's own noun comes first and the
    phrase ends in an adjective or participle right before the counted noun; a plain
    prepositional phrase ("2014 voor de Russische club") has no noun before its adjective.
    A finite verb, a conjunction, another number or punctuation inside means the number
    counts something else."""
    if start >= end or doc[start].pos_ != "ADP":
        return None
    own_noun = False  # the preposition's own noun ("hand"), before the modifier
    for i in range(start + 1, min(end, start + 7)):
        tok = doc[i]
        if tok.pos_ in _NOUNS and own_noun and _modifier(doc[i - 1]):
            return tok
        if tok.is_punct or not (_modifier(tok) or tok.pos_ in ("DET", "ADV", *_NOUNS)):
            return None
        own_noun = own_noun or tok.pos_ in _NOUNS
    return None


def _unknown_compound_plural(tok: Token) -> bool:
    """A compound the tagger does not know, ending in a plural the news writes: "twee
    VVD-Kamerleden" (tagged ADP), "twee aso-azc's" (SYM) count as nouns."""
    if "-" not in tok.text[1:-1] or tok.pos_ in ("VERB", "AUX"):
        return False
    return attested_singular(tok.text.rsplit("-", 1)[-1].lower()) is not None


def _van_noun(doc: Doc, tok: Token, sent: Span) -> Token | None:
    """The noun in "van (de) ... N" after a fraction or a generic head ("de helft van de ...")."""
    i = tok.i + 1
    while i < min(sent.end, tok.i + 3) and doc[i].lower_ != "van" and doc[i].pos_ in ("ADV", "ADP"):
        i += 1  # "een derde over van ..."
    if i >= sent.end or doc[i].lower_ != "van":
        return None
    for t in doc[i + 1 : min(sent.end, i + 6)]:
        if t.pos_ in _NOUNS and t.lower_ not in _GENERIC_HEADS:
            return t
        if t.pos_ in ("DET", "ADJ", "NUM", "NOUN", "ADV"):
            continue
        break
    return None


def _subject_entity(
    text: str, doc: Doc, entities: ArticleEntities, head: Token | None, head_end: int, sent: Span
) -> ArticleEntity | None:
    """The entity the counted thing belongs to: "IS-strijders", "strijders van IS"."""
    if head is None:
        return None
    word = text[head.idx : head_end]
    if "-" in word:
        named = word.split("-")[0]
        if named[:1].isupper():
            ent = entities.entity_at(head.idx, head.idx + len(named)) or entities.resolve(named)
            if ent is not None:
                return ent
    ent = entities.entity_at(head.idx, head_end)
    if ent is not None:
        return ent
    i = head.i + 1
    if i < sent.end and doc[i].lower_ == "van":
        stop = i + 1
        while stop < min(sent.end, i + 8) and doc[stop].pos_ not in ("VERB", "AUX", "PUNCT"):
            stop += 1
        if stop > i + 1:
            return entities.entity_at(doc[i + 1].idx, doc[stop - 1].idx + len(doc[stop - 1]))
    return None


def _unit_of(text: str, head: Token, head_end: int) -> str:
    word = text[head.idx : head_end]
    lemma = head.lemma_ or head.text
    if "-" in word:
        first, last = word.split("-", 1)[0], word.rsplit("-", 1)[-1]
        if first[:1].isupper() or first.isdigit():
            lemma_last = lemma.rsplit("-", 1)[-1] if "-" in lemma else None
            return lemma_guess(last, lemma_last)
        return lemma_guess(word, lemma if "-" in lemma else None)
    return lemma_guess(head.text, lemma)


def _counted(
    text: str, doc: Doc, q: NumberMatch, span: Span, sent: Span
) -> tuple[int, int, str | None, str | None, Token | None, int]:
    """(start, end, unit, counted, head token, head end) of what the number counts.

    A unit symbol ("40%", "€ 3 miljoen") is the unit itself; otherwise the head noun (the
    parse, then the next noun), or for a fraction the noun after "van" ("de helft van de
    strijders"), which stays outside the span as the spec's fraction spans do.
    """
    start, end = q.start, q.end
    symbol_after = _PERCENT_AFTER.match(text, end, end + 3)
    if symbol_after:
        return start, symbol_after.end(), _units().symbols["%"], "%", None, end
    symbol_before = _CURRENCY_BEFORE.search(text[max(sent.start_char, start - 2) : start])
    if symbol_before:
        symbol = symbol_before.group(0).strip()
        return start - len(symbol_before.group(0)), end, _units().symbols[symbol], symbol, None, end
    head = _head_noun(doc, span, sent)
    if head is not None and head.lower_ in _GENERIC_HEADS:
        in_all = head.i > 0 and doc[head.i - 1].lower_ == "in"  # "vier in totaal": adverbial
        head = _van_noun(doc, head, sent) or (None if in_all else head)  # "het aantal strijders"
    if head is not None:
        head_end = _hyphen_end(text, head.idx + len(head.text))
        unit = _unit_of(text, head, head_end)
        return start, max(end, head_end), unit, text[end:head_end].strip() or None, head, head_end
    if q.kind == "fraction":
        noun = _van_noun(doc, span[-1], sent)
        if noun is not None:
            unit = _unit_of(text, noun, _hyphen_end(text, noun.idx + len(noun.text)))
            return start, end, unit, noun.text, None, end
    return start, end, None, None, None, end
