"""Numeric claims (spec §2): a quantity, its hedge, what it counts, and who says so.

The number parser (``newsclaims.numbers``) finds every numeric expression in the raw text;
this module decides which of them are claims (not years, dates, clock times, ages or
identifiers), and reads the context around each one: the hedge words just before it, the
counted noun after it (dependency parse first, the next noun as fallback), the entity the
counted thing belongs to, and the source (a quote covering it, or an attribution pattern
such as "volgens X" or a following "Dat meldt X"). Language knowledge lives in
``lexicon/hedges.toml``, ``units.toml``, ``attribution.toml``, ``cues.toml`` (the reporting
verbs, shared with the quotes) and ``claims.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from newsclaims import lexicon
from newsclaims.entities import ArticleEntities, ArticleEntity
from newsclaims.numbers import NumberMatch, find_quantities
from newsclaims.records import Claim, Quote

# --- lexicon ------------------------------------------------------------------------------


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
    suffix: tuple[tuple[str, str], ...]
    symbols: dict[str, str]


@cache
def _units() -> _Units:
    raw = lexicon.toml("units.toml")
    exact: dict[str, str] = {}
    for category, items in raw["category"].items():
        for item in items:
            exact.setdefault(item.lower(), category)
    suffix = tuple(
        sorted(((k, v) for k, v in exact.items() if len(k) >= 4), key=lambda kv: -len(kv[0]))
    )
    return _Units(exact, suffix, dict(raw["symbols"]))


@cache
def _context() -> dict[str, frozenset[str]]:
    raw = lexicon.toml("claims.toml")
    return {k: frozenset(w.lower() for w in v) for k, v in raw.items()}


@cache
def _attribution() -> dict[str, list[str]]:
    return {k: [w.lower() for w in v] for k, v in lexicon.toml("attribution.toml").items()}


@cache
def _reporting_verbs() -> frozenset[str]:
    """Lemmas of the one reporting-verb lexicon (``cues.toml``), shared with the quotes."""
    return frozenset(lexicon.toml("cues.toml")["verbs"])


def category_of(unit: str | None) -> str:
    """people, money, percent, distance, duration or other, from the unit lemma."""
    if not unit:
        return "other"
    units = _units()
    u = unit.lower()
    if u in units.exact:
        return units.exact[u]
    for suffix, category in units.suffix:
        if u.endswith(suffix):
            return category
    return "other"


def _known_unit(word: str) -> bool:
    return category_of(word) != "other"


def lemma_guess(word: str, model_lemma: str | None = None) -> str:
    """The unit lemma: the model's lemma, unless a plural rule gives a known unit.

    The first model versions lemmatise unevenly; for the units the analysts group on
    (strijders, jaren, weken, kinderen) a few Dutch plural rules are more reliable.
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
    return lemma


# --- exclusions ---------------------------------------------------------------------------

_WORD_AFTER = re.compile(r"\s*-?\s*([^\W\d_]+)")
_WORD_BEFORE = re.compile(r"(?<![\w'’])([^\W\d_]+)\.?\s*$")
_CLOCK_AFTER = re.compile(r"[.:][0-5]\d(?!\d)")
_CLOCK_BEFORE = re.compile(r"(?<!\d)(?:[01]?\d|2[0-3])[.:]$")
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")


def _next_word(text: str, end: int) -> str | None:
    m = _WORD_AFTER.match(text, end, min(len(text), end + 40))
    return m.group(1).lower() if m else None


def _prev_word(text: str, start: int) -> str | None:
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return m.group(1).lower() if m else None


def _is_year(q: NumberMatch) -> bool:
    return not q.words and _YEAR.fullmatch(q.text.strip()) is not None


def _is_age(text: str, start: int, end: int) -> bool:
    """ "N jaar" as an age: "39 jaar is hij", "kinderen van 13 jaar"."""
    if re.match(r"\s+(?:is|was|werd|wordt)\s+(?:hij|zij|ze)\b", text[end : end + 20]):
        return True
    m = re.search(r"([^\W\d_]+)\s+van\s+$", text[max(0, start - 40) : start])
    return bool(m and category_of(lemma_guess(m.group(1))) == "people")


def _after_name(doc: Doc, span: Span) -> bool:
    """The number directly follows a capitalised word inside the sentence ("Beursplein 5")."""
    if span.start == 0:
        return False
    prev = doc[span.start - 1]
    return prev.text[:1].isupper() and not prev.is_sent_start and prev.is_alpha


def _ordinal_adjective(doc: Doc, span: Span, sent: Span) -> bool:
    """ "een derde strafschop": an ordinal before a noun, not a fraction of something."""
    if span.end >= sent.end or span[0].lower_ != "een":
        return False
    nxt = doc[span.end]
    return nxt.pos_ in ("NOUN", "ADJ") and nxt.lower_ != "van"


def _tot_is_destination(doc: Doc, cue_start: int) -> bool:
    """ "tot" after a verb or an amount means "to" ("steeg 2 procent tot 40 euro",
    "trekken zich terug tot 30 kilometer"), not the upper bound "up to"."""
    span = doc.char_span(cue_start, cue_start + 3, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    prev = doc[span.start - 1]
    return prev.pos_ in ("VERB", "AUX", "NUM") or prev.text in ("%", "procent") or prev.like_num


def _verb_homograph(q: NumberMatch, span: Span) -> bool:
    """ "De rechtbank acht bewezen": a verb form that is also a number word.

    Only for the listed homographs: the tagger's VERB on ordinary number words is not
    trusted (early models tag "dertien" as a verb).
    """
    return (
        len(span) == 1
        and span[0].lower_ in _context()["verb_homographs"]
        and span[0].pos_ in ("VERB", "AUX")
    )


def _excluded(q: NumberMatch, text: str, doc: Doc) -> bool:
    """Not a claim: years/dates/clock times/ages/identifiers (decided on the context)."""
    ctx = _context()
    if q.suffix or q.slash:
        return True
    if q.kind in ("number", "fraction") and q.value is None:
        return True
    raw = q.text.strip()
    if not q.words and re.fullmatch(r"0\d+", raw):
        return True  # phone numbers, codes
    after = text[q.end : q.end + 20]
    before = text[max(0, q.start - 20) : q.start]
    nxt = _next_word(text, q.end)
    prev = _prev_word(text, q.start)
    if re.match(r"\s*-?\s*(?:jarige|jarig|jarigen)\b", after, re.IGNORECASE):
        return True
    if re.match(r"\s*(?:jaar|maanden|weken|dagen)\s+(?:oud|oude|jong)\b", after):
        return True  # an age: "vijf maanden oude baby"
    if re.search(r"\bjaren\s+(?:[^\W_]+\s+(?:en|of|tot)\s+)?$", before.lower()):
        return True  # decades: "de jaren 70 en 80", "de jaren negentig"
    if before.endswith("(") and after.startswith(")") and not q.words:
        return True  # "Jan (34)"
    if nxt in ctx["months"] or prev in ctx["months"]:
        return True
    if not q.words and (_CLOCK_AFTER.match(after) or _CLOCK_BEFORE.search(before)):
        return True
    if nxt in ctx["clock_after"] and prev in ctx["clock_before"]:
        return True
    if prev in ctx["clock_half"] and q.value is not None and q.value <= 12:
        return True  # "om half vier"
    if not q.words and (re.search(r"\d\s?[-–]$", before) or re.match(r"[-–]\s?\d", after)):
        return True  # a score or code: "1-0", "4-2-4" (real ranges were joined before this)
    if re.match(r"[-–][^\W\d_]", after) and not re.match(r"[-–](?:jarige|jarig)", after):
        return True  # a compound modifier: "honderd-kilometer-per-uur", "5-sterrenhotel"
    if not q.words and prev in ctx["identifier_before"] and re.search(r"[^\W\d_]\.?\s*$", before):
        return True
    if re.search(r"[^\W\d_][-–]$", before) or re.search(r"[A-Z]\s$", before[-2:]):
        return True  # "F-16", "COVID-19", "A 12"
    if re.match(r"\s+[A-Z]{1,4}(?![\w-])", after) and not q.words:
        return True  # a licence plate or type: "4267 AH", "737 MAX"
    if q.text.lower() in ("één", "eén") and prev == "de":
        return True  # "de één ... de ander" is a pronoun
    if re.match(r"[-–][A-Z0-9]", after):
        return True  # "2-A", serial-like
    if re.match(r"\s*[.,]?\d", after) and not q.words:
        return True  # a partly parsed identifier ("192.168.1.2")
    # part of a name ("Apollo 11")
    return any(ent.start_char < q.end and q.start < ent.end_char for ent in doc.ents)


# --- context ------------------------------------------------------------------------------

_NOUNS = ("NOUN", "PROPN")
_NUM_DEPS = ("nummod", "det", "amod", "nmod", "fixed", "compound", "flat", "obl", "nsubj")
_NOT_BETWEEN = ("VERB", "AUX", "NUM", "CCONJ", "SCONJ")  # another number or clause in between
_BETWEEN = ("ADJ", "ADV", "NOUN", "PROPN", "NUM", "PUNCT", "X")
_GENERIC_HEADS = frozenset({"aantal", "totaal", "deel", "groot", "stuk"})


def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span


def _hyphen_end(text: str, end: int) -> int:
    """Extend over a hyphenated continuation written without spaces ("IS" + "-strijders")."""
    m = re.match(r"(?:[-‑][^\W\d_]+)+", text[end:])
    return end + m.end() if m else end


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
        if (
            t.dep_ in _NUM_DEPS
            and h.pos_ in _NOUNS
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
        if t.pos_ in _NOUNS:
            return t
        participle = t.pos_ == "VERB" and "Part" in t.morph.get("VerbForm")
        if t.pos_ in ("ADJ", "NUM") or participle or t.lower_ in ("extra", "meer"):
            last_adj = t if t.pos_ == "ADJ" else last_adj
            continue  # "twee gesneuvelde militieleden", "duizend extra militairen"
        if t.text in ("-", "‑"):
            continue
        break
    # a nominalised adjective ("205 doden", "tien gewonden") counts when it is a known unit
    if last_adj is not None and _known_unit(lemma_guess(last_adj.text, last_adj.lemma_)):
        return last_adj
    return None


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


# --- sources ------------------------------------------------------------------------------


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


def _verb_lemma(tok: Token) -> str:
    """Lemma with its separable particle: "maakte ... bekend" -> "bekendmaken".

    The particle of a main-clause verb stands later in the sentence; it is looked for by
    word rather than only through the parse, which often attaches it elsewhere.
    """
    lemma = tok.lemma_.lower()
    verbs = _reporting_verbs()
    if lemma in verbs:
        return lemma
    for c in tok.sent[tok.i - tok.sent.start + 1 :]:
        is_particle = c.dep_ == "compound:prt" or c.lower_ in _attribution()["particles"]
        if is_particle and c.lower_ + lemma in verbs:
            return c.lower_ + lemma
    return lemma


def _pronoun_person(entities: ArticleEntities, before: int) -> _Source | None:
    """He/she as a source: the person mentioned last before that point."""
    best = None
    for ent in entities.entities:
        if ent.label != "PER":
            continue
        for m in ent.mentions:
            if m.end <= before and (best is None or m.end > best[0]):
                best = (m.end, ent)
    if best is None:
        return None
    return _Source(best[1].name, best[1].entity_id)


def _source_in_sentence(
    text: str, doc: Doc, entities: ArticleEntities, sent: Span, claim_tokens: Span
) -> _Source | None:
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
    # "X schat dat ...", "..., zegt X": the subject of a reporting verb
    verbs = _reporting_verbs()
    best: tuple[int, _Source] | None = None
    for t in sent:
        if _verb_lemma(t) not in verbs or t.pos_ not in ("VERB", "AUX"):
            continue
        scope = t.head if t.dep_ == "parataxis" else t
        if claim_tokens[0] not in list(scope.subtree):
            continue
        for child in t.children:
            if child.dep_ not in ("nsubj", "nsubj:pass"):
                continue
            sub = doc[child.left_edge.i : child.right_edge.i + 1]
            if sub.start_char < claim_tokens.end_char and claim_tokens.start_char < sub.end_char:
                continue
            if child.pos_ == "PRON":
                if child.lower_ in ("hij", "zij"):
                    src = _pronoun_person(entities, child.idx)
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


def _dat_meldt(text: str, doc: Doc, entities: ArticleEntities, sent: Span) -> _Source | None:
    """X when ``sent`` is an attribution sentence "Dat meldt X." / "Dat schrijft Reuters."."""
    words = [t for t in sent if not t.is_punct]
    if len(words) < 3 or words[0].lower_ not in _attribution()["anaphora"]:
        return None
    verb = words[1]
    if _verb_lemma(verb) not in _reporting_verbs():
        return None
    rng = _phrase_after(doc, verb.i + 1, sent.end, max_len=10)
    if rng is None:
        return None
    a, b = doc[rng[0]].idx, doc[rng[1] - 1].idx + len(doc[rng[1] - 1])
    return _name_for(text, entities, a, b)


def _source_next_sentence(
    text: str, doc: Doc, entities: ArticleEntities, sent: Span
) -> _Source | None:
    """ "Dat meldt X." / "Dat schrijft persbureau Reuters." right after the claim's sentence."""
    if sent.end >= len(doc):
        return None
    return _dat_meldt(text, doc, entities, doc[sent.end].sent)


def _source(
    text: str,
    doc: Doc,
    entities: ArticleEntities,
    quotes: Sequence[Quote],
    sent: Span,
    claim_tokens: Span,
    start: int,
    end: int,
) -> _Source:
    inside = sorted(
        (q for q in quotes if q.start <= start and end <= q.end), key=lambda q: q.end - q.start
    )
    # the innermost quote whose speaker is known, else the innermost one
    quote = next((q for q in inside if q.speaker), inside[0] if inside else None)
    if quote is not None and quote.speaker:
        return _Source(quote.speaker, quote.speaker_entity_id, quote.quote_id)
    found = _source_in_sentence(text, doc, entities, sent, claim_tokens) or _source_next_sentence(
        text, doc, entities, sent
    )
    quote_id = quote.quote_id if quote else None
    if found is None:
        return _Source(None, None, quote_id)
    return _Source(found.name, found.entity_id, quote_id)


# --- main ---------------------------------------------------------------------------------


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
    source: _Source = _Source(None, None)


def _hedge(text: str, sent_start: int, start: int) -> tuple[str, str, int] | None:
    """(qualifier, cue as written, cue start) of the hedge directly before ``start``."""
    pre = text[sent_start:start]
    m = _hedges().pattern.search(pre)
    if m is None:
        return None
    cue = m.group("cue")
    key = " ".join(cue.lower().split())
    return _hedges().qualifier[key], cue, sent_start + m.start("cue")


def _sentence(doc: Doc, span: Span) -> Span:
    if doc.has_annotation("SENT_START"):
        return span[0].sent
    return doc[:]


def extract_claims(doc: Doc, entities: ArticleEntities, quotes: Sequence[Quote]) -> list[Claim]:
    """All numeric claims of one article, in text order, local ids ``c{n}``."""
    text = doc.text
    has_sents = doc.has_annotation("SENT_START")
    sent_number = {s.start: i for i, s in enumerate(doc.sents)} if has_sents else {0: 0}
    drafts: list[_Draft] = []
    for q in find_quantities(text):
        if _excluded(q, text, doc):
            continue
        span = _tokens(doc, q.start, q.end)
        if span is None or _verb_homograph(q, span):
            continue
        sent = _sentence(doc, span)
        draft = _draft(text, doc, entities, q, span, sent)
        if draft is None:
            continue
        draft.sentence_idx = sent_number.get(sent.start, 0)
        draft.source = _source(text, doc, entities, quotes, sent, span, draft.start, draft.end)
        drafts.append(draft)
    _inherit_units(drafts, text)
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


def _counted(
    text: str, doc: Doc, q: NumberMatch, span: Span, sent: Span
) -> tuple[int, int, str | None, str | None, Token | None, int]:
    """(start, end, unit, counted, head token, head end) of what the number counts.

    A unit symbol ("40%", "€ 3 miljoen") is the unit itself; otherwise the head noun (the
    parse, then the next noun), or for a fraction the noun after "van" ("de helft van de
    strijders"), which stays outside the span as the spec's fraction spans do.
    """
    start, end = q.start, q.end
    symbol_after = re.match(r"\s?%", text[end : end + 3])
    if symbol_after:
        return start, end + symbol_after.end(), _units().symbols["%"], "%", None, end
    symbol_before = re.search(r"[€$£]\s?$", text[max(sent.start_char, start - 2) : start])
    if symbol_before:
        symbol = symbol_before.group(0).strip()
        return start - len(symbol_before.group(0)), end, _units().symbols[symbol], symbol, None, end
    head = _head_noun(doc, span, sent)
    if head is not None and head.lower_ in _GENERIC_HEADS:
        head = _van_noun(doc, head, sent) or head  # "het aantal strijders"
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


def _not_a_count(
    text: str, doc: Doc, q: NumberMatch, span: Span, sent: Span, unit: str | None, end: int
) -> bool:
    """Context checks that need the counted noun: years, ages, names, ordinals."""
    prev = _prev_word(text, q.start)
    ctx = _context()
    if unit is None and _is_year(q):
        return True  # "In 2014 kwamen ..."
    if _is_year(q) and prev in ("in", "sinds"):
        return True
    short_year = not q.words and q.value is not None and 100 <= q.value <= 2100
    if unit is None and short_year and prev in ctx["year_before_strict"]:
        return True  # "dateert uit 759"
    if unit == "jaar" and _is_age(text, q.start, end):
        return True
    years = all(_YEAR.fullmatch(str(int(x))) for x in (q.low or 0, q.high or 0))
    if q.kind == "range" and unit is None and not q.words and years:
        return True  # "2014-2016"
    if unit is None and not q.words and _after_name(doc, span):
        return True  # "Beursplein 5", "CAC 40": part of a name or address
    return q.kind == "fraction" and _ordinal_adjective(doc, span, sent)


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


def _inherit_units(drafts: list[_Draft], text: str) -> None:
    """A bare number shares the unit of a coordinated neighbour ("twee en drie sterren",
    "28 in plaats van 14 dagen"), else of a counted number shortly before it ("één ster ...
    die ene ster", "de drie")."""
    for d, nxt in pairwise(drafts):
        gap = text[d.end : nxt.start]
        close = len(gap) <= 16 and not re.search(r"[.;:!?()\n]", gap)
        if d.unit is None and nxt.unit is not None and close:
            d.unit, d.category = nxt.unit, nxt.category
    # backwards only from counts of people or things: measures are rarely elided
    for i, d in enumerate(drafts):
        if d.unit is not None:
            continue
        for prev in reversed(drafts[:i]):
            if d.start - prev.end > 200:
                break
            if prev.unit is not None and prev.category in ("people", "other"):
                d.unit, d.category = prev.unit, prev.category
                break
