"""Numbers that are not claims: years, dates, clock times, ages, scores, identifiers.

Decided on the context around the number (the words before and after, the parse), with
the word lists in ``lexicon/claims.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Container

from spacy.tokens import Doc, Span

from newsclaims.claims.lexicon import _context, category_of, lemma_guess
from newsclaims.entities.names import is_place_word
from newsclaims.numbers import NumberMatch, parse_number

_WORD_AFTER = re.compile(r"\s*-?\s*([^\W\d_]+)")

_NEXT_TOKEN = re.compile(r"\s+([^\s.,;:!?()]+)")

_WORD_BEFORE = re.compile(r"(?<![\w'’])([^\W\d_]+)\.?\s*$")

_CLOCK_AFTER = re.compile(r"[.:][0-5]\d(?!\d)")

_CLOCK_BEFORE = re.compile(r"(?<!\d)(?:[01]?\d|2[0-3])[.:]$")

_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")

# The context patterns of the rules below, compiled once (``re``'s own cache costs a
# look-up per call, and the rules run for every number of every article).
_AGE_VERB = re.compile(r"\s+(?:is|was|werd|wordt)\s+(?:hij|zij|ze)\b")  # "39 jaar is hij"
_WORD_VAN = re.compile(r"([^\W\d_]+)\s+van\s+$")  # "kinderen van" 13 jaar
_JAAR = re.compile(r"\s*jaar\b")
_MET = re.compile(r"\bmet\s+$")
_JAAR_CLOSES = re.compile(r"\s*jaar\s*(?:[.,;:!?)]|\n|$)")  # "met 14 jaar."
_WORD_NEXT = re.compile(r"\s*\w")
_LINE_END = re.compile(r"[^\S\n]*\n")
_RANK_LINK = re.compile(r"([^\W\d_]+)\s+\w+\s+(?:naar|tot|en|of|van)\s+$")  # "plaats vier naar" 3
_THAN = re.compile(r"\b(?:jonger|ouder)\s+dan\s+$")
_PRONOUN_END = re.compile(r"\b(?:ze|hij|zij|je|jij)\s+$")
_BECOME = re.compile(r"\s+(?:worden|wordt|werd|werden)\b")  # "als ze 21 worden"
_LEADING_ZERO = re.compile(r"0\d+")
_JARIG = re.compile(r"\s*-?\s*(?:jarige|jarig|jarigen)\b", re.IGNORECASE)
_OLD = re.compile(r"\s*(?:jaar|maanden|weken|dagen)\s+(?:oud|oude|jong)\b")
_DECADES = re.compile(r"\bjaren\s+(?:[^\W_]+\s+(?:en|of|tot)\s+)?$")
_SCORE_BEFORE = re.compile(r"\d\s?[-–]$")
# set scores around a digit pair: "7-6 (1), " before it, ", 6-4" after it
_PAIR_BEFORE = re.compile(r"\d\s?[-–]\s?\d+(?:\s*\(\d+\))?\s*,\s*$")
_PAIR_AFTER = re.compile(r"(?:\s*\(\d+\))?\s*,\s*\d+\s?[-–]\s?\d")
_COLON_BEFORE = re.compile(r":\s*$")
_SENTENCE_END = re.compile(r"\s*(?:[.!?]|$)")
_SCORE_AFTER = re.compile(r"[-–]\s?\d")
_HYPHEN_WORD = re.compile(r"[-–][^\W\d_]")
_HYPHEN_JARIG = re.compile(r"[-–](?:jarige|jarig)")
_LETTER_END = re.compile(r"[^\W\d_]\.?\s*$")
_NAME_HYPHEN = re.compile(r"[^\W\d_][-–]$")  # "F-16"
_CAPITAL_SPACE = re.compile(r"[A-Z]\s$")  # "A 12"
_PLATE = re.compile(r"\s+[A-Z]{1,4}(?![\w-])")  # "4267 AH"
_ONE_BY_ONE_AFTER = re.compile(r"\s+voor\s+[eé][eé]n\b", re.IGNORECASE)
_ONE_BY_ONE_BEFORE = re.compile(r"[eé][eé]n\s+voor\s+$", re.IGNORECASE)
_SERIAL = re.compile(r"[-–][A-Z0-9]")
_MORE_DIGITS = re.compile(r"\s*[.,]?\d")  # "192.168.1.2"
# More days of the month after a day: "op 12, 14 en 16 mei", "3 en 4 juni", "12 tot 14 juli".
_DAYS_THEN_MONTH = re.compile(
    r"(?:\s*,\s*\d{1,2})*\s*(?:,|en|tot|t/m|[-–])\s*\d{1,2}\s+([^\W\d_]+)"
)


def _next_word(text: str, end: int) -> str | None:
    m = _WORD_AFTER.match(text, end, min(len(text), end + 40))
    return m.group(1).lower() if m else None


def _prev_word(text: str, start: int) -> str | None:
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return m.group(1).lower() if m else None


def _number_next(text: str, end: int) -> bool:
    """Another number follows right after: "2021 twee", "2019 40"."""
    m = _NEXT_TOKEN.match(text, end, min(len(text), end + 30))
    return m is not None and parse_number(m.group(1)) is not None


def _is_year(q: NumberMatch) -> bool:
    return not q.words and _YEAR.fullmatch(q.text.strip()) is not None


def _is_age(text: str, start: int, end: int) -> bool:
    """ "N jaar" as an age: "39 jaar is hij", "kinderen van 13 jaar"."""
    if _AGE_VERB.match(text[end : end + 20]):
        return True
    m = _WORD_VAN.search(text[max(0, start - 40) : start])
    if m and m.group(1)[:1].isupper() and m.start(1) > 0:
        return True  # "mevrouw An de Vries van 96 jaar": a person's age
    return bool(m and category_of(lemma_guess(m.group(1))) == "people")


_AGE_OF = re.compile(
    r"([^\W\d_]+)\s+(?:van|tussen|onder|boven|tot|vanaf|tot en met)\s+(?:de\s+)?"
    r"(?:\d+\s+(?:en|tot|à)\s+(?:de\s+)?)?$"
)
_AGE_LOW = re.compile(r"\s+(?:en|tot|à)\s+(?:de\s+)?\d+\s+jaar\b")


def _age_of_people(text: str, start: int, end: int) -> bool:
    """An age (range) of the people just named: "kinderen onder de 12 jaar", "mensen
    tussen de 40 en de 55 jaar" (both numbers), "met 14 jaar" closing a phrase."""
    before = text[max(0, start - 60) : start].lower()
    after = text[end : end + 30]
    m = _AGE_OF.search(before)
    if (
        m
        and category_of(lemma_guess(m.group(1))) == "people"
        and (_JAAR.match(after) or _AGE_LOW.match(after))
    ):
        return True
    return bool(_MET.search(before) and _JAAR_CLOSES.match(after))


def _rank(text: str, q: NumberMatch, prev: str | None, nxt: str | None) -> bool:
    """ "de nummer zeven van de wereldranglijst", "van plaats vier naar drie", "groep acht",
    "ronde 53 van 66": a rank or position, when nothing counted follows the number."""
    ctx = _context()
    if prev == "op" and nxt == "na":
        return True  # "de op twee na jongste winnaar": a rank, whatever follows
    after = text[q.end : q.end + 3]
    ends = (
        nxt is None
        or nxt in ctx["rank_after"]
        or not _WORD_NEXT.match(after)
        or _LINE_END.match(after) is not None  # a heading ends: "naar plek drie"
    )
    if prev in ctx["rank_before"] and ends:
        return True
    before = text[max(0, q.start - 40) : q.start].lower()
    m = _RANK_LINK.search(before)
    return bool(m and m.group(1) in ctx["rank_before"] and ends)


def _age_context(before: str, after: str) -> bool:
    """An age without "jaar": "jonger dan 25", "als ze 21 worden"."""
    if _THAN.search(before.lower()):
        return True
    return bool(_PRONOUN_END.search(before.lower()) and _BECOME.match(after))


_LIST_BEFORE = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")
_LIST_AFTER = re.compile(r"[.)]\s+[A-Z]")


def _word_before_van(text: str, start: int) -> str:
    """The word before "van" right before ``start``: "zoon" in "hun zoon van 13"."""
    m = _WORD_VAN.search(text, max(0, start - 40), start)
    return m.group(1).lower() if m else ""


def _after_name(doc: Doc, span: Span, *, opening: bool = False) -> bool:
    """The number directly follows a capitalised word inside the sentence ("Beursplein 5");
    with ``opening``, a capitalised noun or name opening the sentence ("Dota 2 is een
    strategiespel", "Sport 21" as a heading), not an adverb or a preposition ("Bijna 300")."""
    if span.start == 0:
        return False
    prev = doc[span.start - 1]
    if not (prev.text[:1].isupper() and prev.is_alpha):
        return False
    if opening:
        return prev.is_sent_start and prev.pos_ in ("PROPN", "NOUN")
    return not prev.is_sent_start


_NAME_AFTER = re.compile(r" ([A-Z][^\W\d_]*[a-z])\b")


def _name_follows(text: str, q: NumberMatch, unit: str | None) -> bool:
    """Digits right before a capitalised word in the singular that is no unit: more than
    one of something takes the plural ("twee Ferrari's", "40 Amsterdammers"), so the word
    is a name the number belongs to ("de 737 Max", "787 Dreamliner", "10 Downing Street",
    "Radio 538 Top 40") or a heading run into the text ("... 5 Uitstel Na de crash").
    Not a number in words ("twee Grote Prijzen", "zes Crystal Globes"), nor one."""
    if q.words or q.value is None or q.value == 1 or q.kind != "number":
        return False
    m = _NAME_AFTER.match(text, q.end, min(len(text), q.end + 40))
    if m is None:
        return False
    word = m.group(1)
    plural = word.endswith(("s", "en")) or text[m.end() : m.end() + 1] in ("'", "’")  # Emmy's
    if plural or is_place_word(word):  # "85 Nederlandse jihadi's": an adjective of the count
        return False
    return category_of(unit) == "other" and category_of(word.lower()) == "other"


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
    """ "De rechtbank acht bewezen", "Europa acht zich gebonden": a verb form that is also a
    number word, by its tag or by the reflexive pronoun after it.

    Only for the listed homographs: the tagger's VERB on ordinary number words is not
    trusted (early models tag "dertien" as a verb).
    """
    if len(span) != 1 or span[0].lower_ not in _context()["verb_homographs"]:
        return False
    doc = span.doc
    reflexive = span.end < len(doc) and doc[span.end].lower_ in ("zich", "zichzelf")
    return span[0].pos_ in ("VERB", "AUX") or reflexive


def _day_of_a_list(q: NumberMatch, text: str, months: Container[str]) -> bool:
    """A day of the month listed before the day its month follows ("op 12, 14 en 16 mei",
    "3 en 4 juni"): a date like the last one."""
    if q.words or q.value is None or not 1 <= q.value <= 31:
        return False
    m = _DAYS_THEN_MONTH.match(text, q.end, min(len(text), q.end + 40))
    return m is not None and m.group(1).lower() in months


def _excluded(q: NumberMatch, text: str, ents: list[tuple[int, int]]) -> bool:
    """Not a claim: years/dates/clock times/ages/identifiers (decided on the context)."""
    ctx = _context()
    if q.suffix or q.slash:
        return True
    if q.kind in ("number", "fraction") and q.value is None:
        return True
    raw = q.text.strip()
    if not q.words and _LEADING_ZERO.fullmatch(raw):
        return True  # phone numbers, codes
    after = text[q.end : q.end + 20]
    before = text[max(0, q.start - 20) : q.start]
    nxt = _next_word(text, q.end)
    prev = _prev_word(text, q.start)
    if _JARIG.match(after):
        return True
    if _OLD.match(after):
        return True  # an age: "vijf maanden oude baby"
    if _DECADES.search(before.lower()):
        return True  # decades: "de jaren 70 en 80", "de jaren negentig"
    if before.endswith("(") and after.startswith(")") and not q.words:
        return True  # "Jan (34)"
    if nxt in ctx["months"] or prev in ctx["months"]:
        return True
    if _day_of_a_list(q, text, ctx["months"]):
        return True  # "op 12, 14 en 16 mei": days before their month
    if not q.words and (_CLOCK_AFTER.match(after) or _CLOCK_BEFORE.search(before)):
        return True
    if nxt in ctx["clock_after"] and prev in ctx["clock_before"]:
        return True
    if prev in ctx["clock_half"] and q.value is not None and q.value <= 12:
        return True  # "om half vier"
    if not q.words and (_SCORE_BEFORE.search(before) or _SCORE_AFTER.match(after)):
        return True  # a score or code: "1-0", "4-2-4" (real ranges were joined before this)
    if _HYPHEN_WORD.match(after) and not _HYPHEN_JARIG.match(after):
        return True  # a compound modifier: "honderd-kilometer-per-uur", "5-sterrenhotel"
    if not q.words and prev in ctx["identifier_before"] and _LETTER_END.search(before):
        return True
    if _NAME_HYPHEN.search(before) or _CAPITAL_SPACE.search(before[-2:]):
        return True  # "F-16", "COVID-19", "A 12"
    if _PLATE.match(after) and not q.words:
        return True  # a licence plate or type: "4267 AH", "737 MAX"
    if q.text.lower() in ("één", "eén") and prev == "de":
        return True  # "de één ... de ander" is a pronoun
    if _rank(text, q, prev, nxt) or _age_context(before, after):
        return True
    if _age_of_people(text, q.start, q.end):
        return True
    if not q.words and prev in ctx["weekdays"]:
        return True  # "dinsdag 23 tot vrijdag 26 april": a date
    if _ONE_BY_ONE_AFTER.match(after) or _ONE_BY_ONE_BEFORE.search(before):
        return True  # "één voor één": one by one
    if _SERIAL.match(after):
        return True  # "2-A", serial-like
    if _MORE_DIGITS.match(after) and not q.words:
        return True  # a partly parsed identifier ("192.168.1.2")
    # part of a name ("Apollo 11")
    return any(start < q.end and q.start < end for start, end in ents)


def _score(text: str, q: NumberMatch, prev: str) -> bool:
    """A pair of digits with nothing counted is a score, not a range, in a list of sets
    ("met 7-6 (1), 4-6, 6-4", "Mladenovic: 4-6, 6-2, 1-6"), after "met", "op", "bij" or "de"
    (``score_before``: "verloor met 2-4", "op 0-1 gezet") or as a result after a colon at the
    end of a sentence ("moest buigen voor Manchester United: 1-3."). "(beide 5-7)" zetels
    named before stays a range."""
    before = text[max(0, q.start - 24) : q.start]
    after = text[q.end : q.end + 24]
    if _PAIR_BEFORE.search(before) or _PAIR_AFTER.match(after):
        return True
    if prev in _context()["score_before"]:
        return True
    return bool(_COLON_BEFORE.search(before) and _SENTENCE_END.match(after))


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
    if _is_year(q) and _number_next(text, q.end):
        return True  # "vanaf 2021 twee winkelgebieden": the noun is the next number's
    short_year = not q.words and q.value is not None and 100 <= q.value <= 2100
    if unit is None and short_year and prev in ctx["year_before_strict"]:
        return True  # "dateert uit 759"
    if unit == "jaar" and _is_age(text, q.start, end):
        return True
    bare = unit is None and not q.words and q.value is not None
    if (
        bare
        and q.value <= 120
        and prev == "van"
        and _word_before_van(text, q.start) in ctx["age_of_van"]
    ):
        return True  # "hun zoon van 13": an age
    if (
        bare
        and q.value <= 30
        and _LIST_BEFORE.search(text, max(0, q.start - 3), q.start)
        and _LIST_AFTER.match(text, q.end)
    ):
        return True  # "… 31 procent. 2. Vliegen …": a list's number
    if bare and _after_name(doc, span, opening=True):
        return True  # "Dota 2 is een strategiespel": part of a name
    years = all(_YEAR.fullmatch(str(int(x))) for x in (q.low or 0, q.high or 0))
    if q.kind == "range" and unit is None and not q.words and years:
        return True  # "2014-2016"
    if unit is None and not q.words and _after_name(doc, span):
        return True  # "Beursplein 5", "CAC 40": part of a name or address
    if _name_follows(text, q, unit):
        return True  # "de 737 Max", "10 Downing Street", "5 Uitstel" (a heading after it)
    if q.kind == "range" and unit is None and not q.words and _score(text, q, prev):
        return True
    if unit is None and prev in ctx["rank_before"] and _verb_next(doc, span):
        return True  # a rank before the verb: "bij bocht drie kon ik de derde plaats innemen"
    return q.kind == "fraction" and _ordinal_adjective(doc, span, sent)


def _verb_next(doc: Doc, span: Span) -> bool:
    """The token after the number is a verb: "in ronde vier ging hij", "bocht drie kon"."""
    return span.end < len(doc) and doc[span.end].pos_ in ("VERB", "AUX")
