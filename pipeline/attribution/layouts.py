"""Attribution layouts without a subject-verb pair of their own: "volgens X …", and a
statement followed by "Dat meldt X." / "Dat heeft X gisteren gezegd." in the next sentence.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Token

from newsclaims.attribution.marks import is_mark_text
from newsclaims.attribution.roles import person_noun, role_noun
from newsclaims.attribution.speakers import apposition, phrase_after, speaker_from_tokens
from newsclaims.attribution.types import Attribution
from newsclaims.attribution.view import ArticleView


def volgens_phrase(v: ArticleView, k: int, s_end: int) -> list[Token]:
    """The source after "volgens": a noun phrase up to a verb, punctuation or adverb."""
    out: list[Token] = []
    seen_head = False
    skip = 0  # past "op de" of a proportion
    for j in range(k + 1, min(s_end, k + 9)):
        if j < skip:
            continue
        tok = v.toks[j]
        if tok.is_punct or tok.is_space or is_mark_text(tok.text):
            break
        open_np = bool(out) and (
            out[-1].pos_ in ("DET", "ADJ", "NUM")
            or out[-1].lower_ in ("de", "het", "een", "van")
            or out[-1].lower_ in v.lex.quantifiers  # "volgens veel betrokkenen"
        )
        if _proportion(v, out, j, s_end):
            out += v.toks[j : j + 2]  # "volgens zes op de tien Nederlanders"
            skip = j + 2
            continue
        finite = tok.is_lower and (tok.lower_ in v.lex.auxiliaries or tok.pos_ in ("VERB", "AUX"))
        if finite and out and (out[-1].text[:1].isupper() or _plural_adjective(out[-1])):
            break  # "volgens De Rijke heeft Bertens …": a name, then the verb
        if tok.is_lower and tok.lower_ not in ("van", "en") and _name_ends(v, out):
            break  # "volgens Baudet kosten de plannen …": the verb, whatever its tag
        if v.has_pos and open_np and tok.pos_ not in ("ADP", "SCONJ", "CCONJ"):
            seen_head = seen_head or tok.pos_ in ("NOUN", "PROPN", "X", "VERB")
        elif v.has_pos:
            pos = tok.pos_
            if not out and pos == "VERB" and tok.is_lower and tok.lower_.endswith("en"):
                pos = "NOUN"  # no verb follows "volgens": "volgens ingewijden", a participle
            if pos in ("VERB", "AUX", "SCONJ", "CCONJ") and not (
                tok.lower_ == "en" and out and out[-1].text[:1].isupper()
            ):
                break
            if pos == "ADP" and tok.lower_ != "van":
                break
            if seen_head and pos in ("ADV", "ADJ", "NUM", "DET"):
                break  # a new constituent: "volgens de provincie honderden ..."
            if seen_head and _second_noun(v, out, tok):
                break  # "volgens een speciale Kamercommissie verandering in komen"
            if pos in ("NOUN", "PROPN", "X", "PRON"):
                seen_head = True
        elif (
            tok.lower_ in v.lex.stop
            or tok.lower_ in v.lex.auxiliaries
            or (out and out[-1].text[:1].isupper() and tok.is_lower)
        ):
            break  # without a tagger: a capitalized name ends at the next lowercase word
        out.append(tok)
        if len(out) == 1 and tok.lower_ in v.lex.pronouns:
            break  # "volgens hen"
    if out and v.has_pos and out[-1].lower_ == "van":
        out = out[:-1]
    phrase = _through_name(v, out, s_end)
    # "volgens de hoofdredacteur van de Van Dale, Ton van den Boon, zijn ...": the name
    named = apposition(v, phrase, phrase[-1].i + 1) if phrase else None
    return named or phrase


def _second_noun(v: ArticleView, out: list[Token], tok: Token) -> bool:
    """A lowercase noun or verb right after the phrase's noun, or an auxiliary whatever its
    tag, is the clause going on: "volgens de politie rondging", "volgens onderzoekers zijn
    straffen laag" (the verb "zijn", not the possessive)."""
    last = out[-1]
    if not tok.is_lower or last.pos_ not in ("NOUN", "PROPN"):
        return False
    if last.text.endswith(("'s", "’s")) or last.lower_.endswith(("se", "sche")):
        return False  # "volgens Lola's baasje", "volgens Australische media"
    if person_noun(v, last.text) or role_noun(v, tok.lower_):
        return False  # "de campagneleider plastic van Greenpeace", "emeritus hoogleraar"
    return tok.pos_ in ("NOUN", "VERB") or tok.lower_ in v.lex.auxiliaries


def _plural_adjective(tok: Token) -> bool:
    """An adjective as a plural noun ends the phrase: "volgens sommige deskundigen is …"."""
    return tok.pos_ == "ADJ" and tok.lower_.endswith("en")


def _proportion(v: ArticleView, out: list[Token], j: int, s_end: int) -> bool:
    """ "zes op de tien": a share of a group, the phrase runs on to the group."""
    return (
        bool(out)
        and v.has_pos
        and out[-1].pos_ == "NUM"
        and v.lower[j] == "op"
        and j + 2 < s_end
        and v.lower[j + 1] == "de"
        and v.toks[j + 2].pos_ == "NUM"
    )


def _name_ends(v: ArticleView, out: list[Token]) -> bool:
    """The phrase so far ends with the last word of a person's or organisation's name."""
    if not out or not out[-1].text[:1].isupper() or out[-1].text.endswith(("'s", "’s")):
        return False  # "volgens Callimachi's bron": a genitive, its noun follows
    last = out[-1]
    ent = v.mention_in(last.idx, last.idx + len(last.text))
    if ent is None or ent.label not in ("PER", "ORG"):
        return False
    nxt = last.i + 1
    return nxt >= v.n or v.mention_in(v.toks[nxt].idx, v.toks[nxt].idx + 1) is not ent


def _through_name(v: ArticleView, phrase: list[Token], s_end: int) -> list[Token]:
    """The phrase runs on to the end of a name it stops inside: "volgens het Syrisch
    Observatorium voor de Mensenrechten zijn ..." stopped at the preposition "voor"."""
    if not phrase:
        return phrase
    last = phrase[-1]
    for m_start, m_end, _ in v.mentions:
        if m_start <= last.idx < m_end and v.end_char(last.i) < m_end:
            stop = last.i + 1
            while stop < s_end and v.idx[stop] < m_end:
                stop += 1
            return phrase + v.toks[last.i + 1 : stop]
    return phrase


def is_nonagent(v: ArticleView, phrase: list[Token]) -> bool:
    if not phrase:
        return True
    head = phrase[-1].lower_
    if any(
        t.lower_ in ("hun", "zijn", "haar", "mijn", "onze", "ons", "jouw", "uw") for t in phrase[:1]
    ):
        return True
    return any(head == w or head.endswith(w) for w in v.lex.nonagents)


def that_sentence(v: ArticleView, s_start: int, s_end: int) -> Attribution | None:
    """ "Dat meldt X." / "Dat heeft X gisteren gezegd.": a statement about the one before."""
    content = [j for j in range(s_start, s_end) if not v.is_space[j] and not v.is_mark[j]]
    if len(content) < 3 or len(content) > 40 or v.lower[content[0]] not in ("dat", "dit"):
        return None
    toks = [v.toks[j] for j in content]  # Token objects only for the sentences that qualify
    verb = toks[1]
    if verb.i in v.cue_tokens:
        lemma = v.cue_tokens[verb.i]
        phrase = phrase_after(v, verb.i, s_end)
    elif verb.lower_ in v.lex.auxiliaries:
        cues = [t for t in toks[2:] if t.i in v.cue_tokens]
        if not cues or _comma_outside_brackets(toks[2:], cues[0].i):
            return None  # "Dat heeft X gezegd", not "Dat was twee jaar nadat ..., schrijft Y"
        lemma = v.cue_tokens[cues[0].i]
        phrase = []
        for t in toks[2:]:
            if t.i == cues[0].i or t.lower_ in v.lex.stop or t.is_punct:
                break
            phrase.append(t)
    else:
        return None
    if not phrase:
        return None
    return Attribution(lemma, speaker_from_tokens(v, phrase, verb.idx))


def _comma_outside_brackets(toks: list[Token], before: int) -> bool:
    """A comma before token ``before`` that is not inside brackets: "Dat heeft minister
    Grapperhaus (Justitie en Veiligheid, CDA) laten weten" has none."""
    depth = 0
    for t in toks:
        if t.i >= before:
            break
        depth += (t.text == "(") - (t.text == ")")
        if t.text == "," and depth <= 0:
            return True
    return False


def next_that_sentence(v: ArticleView, close_at: int) -> Attribution | None:
    """A quote followed by "Dat zei X." in the same paragraph."""
    para = v.para_of(close_at)
    k = max(0, v.sentence_of_token(v.token_at(close_at))[0])
    first = bisect_left(v.sent_starts, k)
    for s_start, s_end in v.sents[first:]:
        content = [j for j in range(s_start, s_end) if not v.is_space[j] and not v.is_mark[j]]
        if not content or v.idx[content[-1]] <= close_at:
            continue
        at = v.idx[content[0]]
        if at <= close_at or v.para_of(at) != para:
            return None
        between = v.text[close_at + 1 : at]
        if any(ch.isalnum() for ch in between):
            return None
        return that_sentence(v, s_start, s_end)
    return None
