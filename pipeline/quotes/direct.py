"""Direct and partial quotes: the quoted spans of the mark scanner, and who said each.

Each quote's attribution is the first answer of ``ATTRIBUTION_RULES``, an ordered tuple of
small pure rules ``(view, quote, standalone) -> Attribution | None``; then the
``SEQUENCE_RULES`` pass over the quotes in order ("…", zegt X, "…" and lists of quotes
sharing one attribution). The order of the tuples is the precedence, nothing else.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Token

from newsclaims import lexicon
from newsclaims.attribution.layouts import next_that_sentence, volgens_phrase
from newsclaims.attribution.marks import (
    FAMILY,
    MIN_QUOTE_WORDS,
    QuoteSpan,
    opens_quote_at,
    word_count,
)
from newsclaims.attribution.phrases import looks_nominal
from newsclaims.attribution.roles import name_in_phrase
from newsclaims.attribution.speakers import (
    names_someone,
    phrase_after,
    phrase_before,
    speaker_from_tokens,
    verb_speaker,
)
from newsclaims.attribution.subjects import colon_speaker, subject_speaker
from newsclaims.attribution.types import NO_SPEAKER, Attribution, Found, covered
from newsclaims.attribution.view import ArticleView
from newsclaims.entities.names import lowercase_words

_SENT_END = frozenset(".!?")

AttributionRule = Callable[[ArticleView, QuoteSpan, bool], Attribution | None]
SequenceRule = Callable[[ArticleView, list[tuple[QuoteSpan, Found]]], list[tuple[QuoteSpan, Found]]]


def standalone(v: ArticleView, q: QuoteSpan) -> bool:
    """Whether the quote stands on its own (direct) rather than inside a sentence (partial):
    it opens the sentence or paragraph, or follows a colon."""
    stripped = _prefix(v, q)[1].rstrip()
    if stripped.endswith((")", "),")):
        return True  # 'A' (X), 'B' (Y): a list of attributed quotes
    return (
        not stripped or stripped[-1] in _SENT_END or stripped[-1] in FAMILY or stripped[-1] == ":"
    )


def _prefix(v: ArticleView, q: QuoteSpan) -> tuple[int, str]:
    sent_start = v.sentence_of_token(v.token_at(q.open_at))[0]
    prefix_start = v.idx[sent_start] if sent_start < v.n else 0
    prefix_start = max(prefix_start, v.paras[v.para_of(q.open_at)][0])
    return prefix_start, v.text[prefix_start : q.open_at]


# --- attribution rules, in order -------------------------------------------------------------


def before_colon(v: ArticleView, q: QuoteSpan, alone: bool) -> Attribution | None:
    """X zegt: "…" / Minister Wiebes: "…": a cue verb or a short name before a colon."""
    prefix_start, prefix = _prefix(v, q)
    stripped = prefix.rstrip()
    if not stripped.endswith(":"):
        return None
    first = v.token_at(prefix_start)
    last = v.token_at(prefix_start + len(stripped) - 1)
    cue_idx = [k for k in range(first, last) if k in v.cue_tokens]
    if cue_idx:
        k = cue_idx[-1]
        return Attribution(v.cue_tokens[k], verb_speaker(v, k, first, last))
    tokens = [t for t in v.toks[first:last] if not t.is_space]
    if len(tokens) == 1 and (not looks_nominal(v, tokens) or _label_word(v, tokens)):
        return None  # "Lachend: '…'" says how, not who: the quote continues its speaker
    if _manner_phrase(tokens):
        return None  # "Dan, met een grijns: '…'": how again
    if 0 < len(tokens) <= 6:
        return Attribution(":", colon_speaker(v, tokens))
    tail = tokens[-6:]
    for k in range(len(tail)):
        if tail[k].text[:1].isupper() and name_in_phrase(v, tail[k:]):
            return Attribution(":", colon_speaker(v, tail[k:]))
    return _subject_before_colon(v, first, last)


def _subject_before_colon(v: ArticleView, first: int, last: int) -> Attribution | None:
    """ "Klaas Burger zoekt het vooral in samenwerking in de stad: '…'": a clause before the
    colon whose subject is a person (named, or "hij"/"zij") introduces the person's words."""
    verb = next((k for k in range(first + 1, last) if v.verbal_at(k)), None)
    if verb is None:
        return None
    subject = phrase_before(v, verb, first)
    if not subject:
        return None
    person = len(subject) == 1 and subject[0].lower_ in ("hij", "zij")
    named = v.mention_in(subject[0].idx, subject[-1].idx + len(subject[-1].text))
    if not person and (named is None or named.label != "PER"):
        return None
    return Attribution(":", speaker_from_tokens(v, subject, subject[0].idx))


def _manner_phrase(tokens: list[Token]) -> bool:
    """A short colon phrase that opens (after its last comma) with a preposition: "met een
    grijns", "Deze maand, in Inzell" say how, when or where, not who ("Van Veldhoven
    hierover" opens with a name's particle)."""
    if len(tokens) > 6:
        return False
    commas = [k for k, t in enumerate(tokens) if t.text == ","]
    rest = tokens[commas[-1] + 1 :] if commas else tokens
    return bool(rest) and rest[0].pos_ == "ADP" and rest[0].text.islower()


def _token_after(v: ArticleView, q: QuoteSpan) -> tuple[int, int] | None:
    """(token, sentence end) of the first word after the closing mark and a comma (the
    verb, when "zo" opens the attribution)."""
    if q.close_at is None:
        return None
    sent_end = v.sentence_of_token(v.token_at(q.close_at))[1]
    i = bisect_right(v.idx, q.close_at)
    while i < v.n and i < sent_end + 2:
        if not (v.words[i] == "," or v.is_space[i] or v.is_mark[i]):
            break
        i += 1
    if i >= min(v.n, sent_end + 2) or "\n" in v.text[q.close_at : v.idx[i]]:
        return None
    if v.lower[i] == "zo" and i + 1 < v.n and (i + 1 in v.cue_tokens or v.verbal_at(i + 1)):
        i += 1  # '"…", zo beschrijft Van Dijk haar crash': the verb after "zo"
    return i, v.sentence_of_token(i)[1]


def after_aldus(v: ArticleView, q: QuoteSpan, alone: bool) -> Attribution | None:
    """ "Het gaat goed", aldus De Vries / aldus de reactie van het ministerie (its author)."""
    at = _token_after(v, q)
    if at is None or v.lower[at[0]] != "aldus":
        return None
    i, s_end = at
    phrase = phrase_after(v, i, max(s_end, i + 1))
    head = next((k for k, t in enumerate(phrase) if t.lower_ in v.lex.copula_nouns), None)
    rest = phrase[head + 1 :] if head is not None else []
    if len(rest) > 1 and rest[0].lower_ == "van":  # "aldus de woorden van Clinton": hers
        return Attribution("aldus", speaker_from_tokens(v, rest[1:], rest[1].idx))
    return Attribution("aldus", speaker_from_tokens(v, phrase, v.idx[i]))


def after_copula(v: ArticleView, q: QuoteSpan, alone: bool) -> Attribution | None:
    """ "Eindelijk", was de reactie van De Vries / waren enkele reacties op sociale media."""
    at = _token_after(v, q)
    if at is None or v.lower[at[0]] not in v.lex.copula_verbs:
        return None
    i, s_end = at
    phrase: list[Token] = []
    for j in range(i + 1, min(s_end, i + 10)):
        if v.is_punct[j] or v.is_space[j] or v.is_mark[j]:
            break
        phrase.append(v.toks[j])
    heads = [k for k, t in enumerate(phrase) if v.lower[t.i] in v.lex.copula_nouns]
    if not heads:
        return None
    noun = phrase[heads[0]]
    rest = phrase[heads[0] + 1 :]
    cue = noun.lemma_ or noun.lower_
    if rest and rest[0].lower_ == "van" and len(rest) > 1:
        return Attribution(cue, speaker_from_tokens(v, rest[1:], rest[1].idx))
    return Attribution(cue, speaker_from_tokens(v, phrase, phrase[0].idx))


def after_document(v: ArticleView, q: QuoteSpan, alone: bool) -> Attribution | None:
    """ "…", staat in een verklaring van de familie / valt te lezen in een persbericht: the
    document is the cue ("verklaring"), its author after "van" the speaker; without one the
    quote continues whoever issued what the article was about."""
    at = _token_after(v, q)
    if at is None:
        return None
    i, s_end = at
    j = i + 1
    if v.lower[i] in ("valt", "viel", "is", "was") and v.lower[j : j + 2] == ["te", "lezen"]:
        j += 2
    elif v.lower[i] not in ("staat", "stond", "staan", "stonden"):
        return None
    if j + 2 >= s_end or v.lower[j] != "in" or v.lower[j + 1] not in ("een", "de", "het"):
        return None
    noun = j + 2
    if v.lower[noun] not in v.lex.documents:
        return None
    cue = v.lower[noun]
    if noun + 2 < s_end and v.lower[noun + 1] == "van":
        author = phrase_after(v, noun + 1, s_end)
        if author:
            return Attribution(cue, speaker_from_tokens(v, author, author[0].idx))
    return Attribution(cue, NO_SPEAKER)


def after_cue(v: ArticleView, q: QuoteSpan, alone: bool) -> Attribution | None:
    """ "We sluiten de fabriek", zegt Jan de Vries."""
    at = _token_after(v, q)
    if at is None:
        return None
    i, s_end = at
    lemma = v.cue_tokens.get(i)
    if lemma is None or v.lower[i] in v.lex.copula_verbs:
        return None  # "…", luidde de reactie: a copula, ``after_copula`` reads it
    if lemma in v.lex.dat_only and lemma not in v.lex.after_quote:
        return None  # "…", noemt hij het: only the verbs listed ``after_quote`` attribute
    after = phrase_after(v, i, max(s_end, i + 1))
    if not after:
        return None
    return Attribution(lemma, speaker_from_tokens(v, after, v.idx[i]))


def after_inverted_verb(v: ArticleView, q: QuoteSpan, alone: bool) -> Attribution | None:
    """ "Dat wordt lastig", lacht Jansen: after a quote and a comma, any finite verb followed
    by a name or pronoun attributes the quote, not only the listed cues."""
    at = _token_after(v, q)
    if at is None or q.close_at is None:
        return None
    i, s_end = at
    low = v.lower[i]
    if i in v.cue_tokens or low == "aldus" or low in v.lex.copula_verbs:
        return None  # the other rules decide these
    tok = v.toks[i]
    close_at = q.close_at
    comma = "," in v.text[close_at : tok.idx] or v.text[:close_at].rstrip().endswith(",")
    if not comma or not v.verbal_at(i) or not tok.is_lower:
        return None
    if low in v.lex.stop or low in v.lex.auxiliaries:
        return None
    after = phrase_after(v, i, max(s_end, i + 1))
    if not names_someone(v, after):
        return None
    return Attribution(tok.lemma_ or low, speaker_from_tokens(v, after, tok.idx))


def after_parenthesis(v: ArticleView, q: QuoteSpan, alone: bool) -> Attribution | None:
    """'Een brandweerman die blust met benzine' (PVV-Kamerlid Jan Jansen): a name in brackets
    right after the quote, as under tweets and statements; no cue word."""
    if q.close_at is None:
        return None
    i = bisect_right(v.idx, q.close_at)
    while i < v.n and v.is_space[i]:
        i += 1
    if i >= v.n or v.words[i] != "(" or "\n" in v.text[q.close_at : v.idx[i]]:
        return None
    close = next((j for j in range(i + 1, min(v.n, i + 10)) if v.words[j] == ")"), None)
    if close is None or close == i + 1:
        return None
    tokens = v.toks[i + 1 : close]
    named = any(v.mention_in(t.idx, t.idx + len(t.text)) for t in tokens)
    if not named and name_in_phrase(v, tokens) is None:
        return None
    spk = speaker_from_tokens(v, tokens, v.idx[i])
    return Attribution(None, spk) if spk.name is not None else None


def that_sentence_after(v: ArticleView, q: QuoteSpan, alone: bool) -> Attribution | None:
    """ "We gaan door." Dat zei De Vries gisteren.: the next sentence attributes the quote."""
    if not alone or q.close_at is None:
        return None
    return next_that_sentence(v, q.close_at)


def sentence_cue(v: ArticleView, q: QuoteSpan, alone: bool) -> Attribution | None:
    """De minister zei dat het "een zwarte dag voor Zeeland" was: a partial quote takes the cue
    (or "volgens X") of the sentence it sits in."""
    if alone:
        return None
    s_start, s_end = v.sentence_of_token(v.token_at(q.start))
    found = _sentence_attribution(v, s_start, s_end, (q.start, q.end))
    if found is None:
        s_start, s_end = v.sentence_of_token(v.token_at(q.open_at))
        found = _sentence_attribution(v, s_start, s_end, (q.start, q.end))
    return found


def sentence_subject(v: ArticleView, q: QuoteSpan, alone: bool) -> Attribution | None:
    """De FNV is 'geschokt over de ernst van de meldingen'.: a partial quote in a sentence
    without a cue is said by the sentence's subject when it names someone, not by the
    previous speaker."""
    if alone or not v.has_dep:
        return None
    s_start, s_end = v.sentence_of_token(v.token_at(q.open_at))
    spk = subject_speaker(v, s_start, s_end, q.open_at)
    return Attribution(None, spk) if spk is not None else None


def _sentence_attribution(
    v: ArticleView, s_start: int, s_end: int, exclude: tuple[int, int]
) -> Attribution | None:
    cues = [
        k
        for k in range(s_start, s_end)
        if k in v.cue_tokens
        and not exclude[0] <= v.idx[k] < exclude[1]
        and not v.in_quote(v.idx[k])
    ]
    if cues:
        k = cues[0]
        spk = verb_speaker(v, k, s_start, s_end)
        if spk.name is None and spk.resolution is None and v.has_dep:
            # "De officieren hadden zijn pleidooi 'beschamend' genoemd": the participle has
            # no subject of its own in the parse; the clause's subject said it
            spk = subject_speaker(v, s_start, s_end, exclude[0]) or spk
        return Attribution(v.cue_tokens[k], spk)
    for k in range(s_start, s_end):
        if v.lower[k] in ("volgens", "aldus") and not v.in_quote(v.idx[k]):
            phrase = volgens_phrase(v, k, s_end)
            if phrase:
                return Attribution(v.lower[k], speaker_from_tokens(v, phrase, v.idx[k]))
    return None


ATTRIBUTION_RULES: tuple[AttributionRule, ...] = (
    before_colon,
    after_aldus,
    after_copula,
    after_document,
    after_cue,
    after_inverted_verb,
    after_parenthesis,
    that_sentence_after,
    sentence_cue,
    sentence_subject,
)


# --- sequence rules, in order ----------------------------------------------------------------


def split_second_half(
    v: ArticleView, quotes: list[tuple[QuoteSpan, Found]]
) -> list[tuple[QuoteSpan, Found]]:
    """ "Dit is één", zegt De Vries, "en dit is twee.": the second half shares the attribution."""
    out: list[tuple[QuoteSpan, Found]] = []
    previous: tuple[QuoteSpan, Found] | None = None
    for q, f in quotes:
        if f.depth == 0:
            if previous is not None and _second_half(v, previous, q):
                f = replace(f, kind="direct", attribution=previous[1].attribution, headline=False)
            previous = (q, f)
        out.append((q, f))
    return out


def _second_half(v: ArticleView, previous: tuple[QuoteSpan, Found], q: QuoteSpan) -> bool:
    prev_q, prev_f = previous
    if prev_q.close_at is None or prev_f.attribution is None or prev_f.kind != "direct":
        return False
    between = v.text[prev_q.close_at + 1 : q.open_at]
    if "\n" in between or not between.rstrip().endswith(","):
        return False
    return 2 <= word_count(between) <= 8 and between.lstrip().startswith(",")


def share_list_attribution(
    v: ArticleView, quotes: list[tuple[QuoteSpan, Found]]
) -> list[tuple[QuoteSpan, Found]]:
    """ "Schandalig", "onbegrijpelijk" en "te laat", zei De Vries: every quote of the list gets
    the attribution after the last. Short quoted terms ("idioot") still link the chain."""
    index = {(q.start, q.end): k for k, (q, _) in enumerate(quotes)}
    out = list(quotes)
    outer = [q for q in v.scanned if q.depth == 0]
    carried: Attribution | None = None
    for k in range(len(outer) - 1, -1, -1):
        q = outer[k]
        at = index.get((q.start, q.end))
        linked = False
        if k + 1 < len(outer) and q.close_at is not None:
            between = v.text[q.close_at + 1 : outer[k + 1].open_at]
            words = [w for w in re.split(r"[\s,]+", between) if w]
            ended = (  # two sentences side by side, not items of a list
                v.text[q.start : q.end].rstrip()[-1:] in _SENT_END and not between.strip()
            )
            linked = (
                all(w.lower() in v.lex.list_joiners for w in words)
                and "\n" not in between
                and not ended
            )
        if not linked:
            carried = None
        if at is None:
            continue
        f = out[at][1]
        if f.attribution is None and carried is not None:
            f = replace(f, attribution=carried)
            out[at] = (out[at][0], f)
        if f.attribution is not None:
            carried = f.attribution
    return out


SEQUENCE_RULES: tuple[SequenceRule, ...] = (split_second_half, share_list_attribution)


# --- the span rules --------------------------------------------------------------------------


def direct_and_partial(v: ArticleView, found: tuple[Found, ...]) -> list[Found]:
    """ "We sluiten de fabriek", zegt De Vries.: every quoted statement, attributed."""
    quotes: list[tuple[QuoteSpan, Found]] = []
    for q in v.quote_spans:
        if q.depth > 0:
            quotes.append(
                (q, Found(q.start, q.end, "direct", Attribution(None, NO_SPEAKER), depth=1))
            )
            continue
        alone = standalone(v, q)
        attribution = next(
            (a for rule in ATTRIBUTION_RULES if (a := rule(v, q, alone)) is not None), None
        )
        p_start, p_end = v.paras[v.para_of(q.open_at)]
        headline = (
            q.open_at <= p_start + 1
            and (q.close_at is not None and not v.text[q.close_at + 1 : p_end].strip())
            and v.text[q.start : q.end].rstrip()[-1:] not in ".!?"
        )
        kind = "direct" if alone else "partial"
        quotes.append((q, Found(q.start, q.end, kind, attribution, headline=headline)))
    for rule in SEQUENCE_RULES:
        quotes = rule(v, quotes)
    return [f for _, f in quotes]


def _section_label(v: ArticleView, tokens: list[Token]) -> bool:
    """One word the news writes mostly in lowercase before a heading's colon, a section or
    sport (``section_labels.txt``) or an adjective: a section, topic or mood ("Voetbal:
    Nieuwe bondscoach voor wereldkampioen", "Darten: Wade pakt ...", "Weemoedig: Dat weten
    we niet"), not a speaker; a name the article tags stays one ("Wiebes: ...")."""
    if len(tokens) != 1 or not (tokens[0].lower_ in lowercase_words() or _label_word(v, tokens)):
        return False
    return v.mention_in(tokens[0].idx, tokens[0].idx + len(tokens[0].text)) is None


def _label_word(v: ArticleView, tokens: list[Token]) -> bool:
    """One word that labels what follows, a sport or section (``section_labels.txt``) or an
    adjective, and names no one: "Golf: ...", "Weemoedig: „Ach ja ...”" (how it was said;
    the quote continues its speaker)."""
    if len(tokens) != 1 or v.mention_in(tokens[0].idx, tokens[0].idx + len(tokens[0].text)):
        return False
    tok = tokens[0]
    return tok.lower_ in lexicon.words("section_labels.txt") or (
        v.has_pos and v.pos[tok.i] == "ADJ"
    )


def headline_colon(v: ArticleView, found: tuple[Found, ...]) -> list[Found]:
    """A short paragraph "Wiebes: we gaan door met gas" is a direct quote with cue ":"."""
    out: list[Found] = []
    for p_start, p_end in v.paras:
        para = v.text[p_start:p_end]
        if (
            ":" not in para
            or "\n" in para.strip()
            or para.rstrip()[-1:] in ".!?"
            or word_count(para) > 16
        ):
            continue
        m = re.match(r"\s*([^\W\d_][\w’'.\- ]{0,40}?):\s+(\S.*?)\s*$", para)
        if not m or word_count(m.group(2)) < MIN_QUOTE_WORDS or word_count(m.group(1)) > 4:
            continue
        if not m.group(1)[:1].isupper():
            continue
        s_start, s_end = p_start + m.start(2), p_start + m.end(2)
        if opens_quote_at(v.text, s_start) or covered(found, s_start, s_end):
            continue  # a quoted statement: the mark scanner has it
        first, last = v.token_at(p_start + m.start(1)), v.token_at(p_start + m.end(1) - 1) + 1
        tokens = [t for t in v.toks[first:last] if not t.is_space and t.text != ":"]
        if not tokens or _section_label(v, tokens):
            continue
        out.append(Found(s_start, s_end, "direct", Attribution(":", colon_speaker(v, tokens))))
    return out
