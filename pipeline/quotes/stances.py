"""Indirect layouts without a "cue verb + dat" pair: "X spreekt van …", "X pleit voor …",
"X is bang dat …", "…, zoals X het omschreef, …", "X kondigde aan de troepen terug te
trekken" (an infinitive clause). Same contract as
``newsclaims.quotes.indirect``: pure rules ``(view, found so far) -> new statements`` that
never re-report a covered span.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsclaims.attribution.marks import is_mark_text, opens_only, word_count
from newsclaims.attribution.speakers import (
    dep_subject,
    names_someone,
    phrase_after,
    phrase_before,
    speaker_from_tokens,
    verb_speaker,
)
from newsclaims.attribution.types import Attribution, Found, Speaker, covered
from newsclaims.attribution.view import ArticleView
from newsclaims.quotes.common import (
    char_span,
    clause_end,
    dat_after,
    indirect_only,
    within_a_quote,
)

# copula + these words + "dat": a stated belief ("is bang dat", "is van mening dat"). The
# cue is the adjective with its copula, as annotated ("bang zijn", "overtuigd zijn", "van
# mening zijn").
_STANCE = {
    ("van", "mening"): "van mening zijn",
    ("bang",): "bang zijn",
    ("ervan", "overtuigd"): "overtuigd zijn",
    ("overtuigd",): "overtuigd zijn",
    ("bezorgd",): "bezorgd zijn",
    ("zeker",): "zeker zijn",
    ("ervan", "bewust"): "zich bewust zijn",  # "zijn zich ervan bewust dat"
    ("bewust",): "zich bewust zijn",
}
_COPULA = frozenset({"is", "was", "zijn", "waren", "blijft", "bleef"})
OPENER_REACH = 25  # words from a clause-final verb back to the word opening its clause
OBJECT_WORDS = 5  # words of an object that is a statement: "onder meer vechtpartijen met messen"
# words after an ``np_object`` cue that open no object statement
_NOT_AN_OBJECT = frozenset({"dat", "zich", "het", "er", "te", "om", "hij", "zij", "ze"})
ALS_REACH = 9  # words from an "als" verb to its "als": the object between them
_COMPARING = frozenset({"net", "zo", "even", "evenals", "precies"})  # "net als", "zo ... als"
COPULA_REACH = 10  # words between a copula and its stance word: subject, "er", an aside
_OMSCHRIJVEN = frozenset(
    {"omschreef", "omschreven", "omschrijft", "zei", "zegt", "noemde", "noemt", "verwoordde"}
)


def verb_preposition(v: ArticleView, found: tuple[Found, ...]) -> list[Found]:
    """Retaildeskundige Jan Smit spreekt van een kansrijk plan. / Klaver pleit voor een
    klimaatformatie.: the object of the verb's preposition (``cues.toml [prepositional]``)
    is the statement, said by the verb's subject."""
    found = indirect_only(found)
    out: list[Found] = []
    verbs = v.lex.prepositional
    for k, low in enumerate(v.lower):
        if low not in verbs or k + 1 >= v.n or v.in_quote(v.idx[k]):
            continue
        if k > 0 and v.words[k - 1] in ("te", "om"):
            continue  # "om te pleiten voor ...": an aim, not a statement ("Het OM pleit": is)
        lemma, prep = verbs[low]
        s_start, s_end = v.sentence_of_token(k)
        after = phrase_after(v, k, s_end) if v.lower[k + 1] != prep else []
        at = (after[-1].i + 1) if after else k + 1
        if at >= s_end or v.lower[at] != prep:
            continue
        start, end = char_span(v, at + 1, clause_end(v, at, s_end))
        if word_count(v.text[start:end]) < 2 or covered((*found, *out), start, end):
            continue
        spk = verb_speaker(v, k, s_start, s_end)
        if spk.name is None and spk.resolution is None:
            continue  # "er wordt gesproken van": nobody
        out.append(Found(start, end, "indirect", Attribution(lemma, spk)))
    return out


def als_predicate(v: ArticleView, found: tuple[Found, ...]) -> list[Found]:
    """Het OM betitelt de bedreiging als een aantasting van de democratie. / toen Klaver de
    plannen afdeed als broddelwerk: the predicate after "als" of a verb listed in
    ``cues.toml [predicative]`` is the statement (one word will do), up to the clause's
    end or a colon, said by the verb's subject. Not in a passive ("werden door de overheid
    afgedaan als bangmakerij"), not when the predicate is a quote (the partial quote is the
    statement), and not without a subject that names someone."""
    found = indirect_only(found)
    out: list[Found] = []
    for k, low in enumerate(v.lower):
        lemma = v.lex.predicative.get(low)
        if lemma is None or v.in_quote(v.idx[k]):
            continue
        s_start, s_end = v.sentence_of_token(k)
        at = _als_after(v, k, s_end)
        if at is None or _passive_before(v, s_start, k):
            continue
        stop = next((j for j in range(at + 1, s_end) if v.words[j] in (":", ";")), s_end)
        start, end = char_span(v, at + 1, clause_end(v, at, stop))
        if word_count(v.text[start:end]) < 1 or covered((*found, *out), start, end):
            continue
        if within_a_quote(v, start, end):
            continue
        final = at == k + 1  # the verb ends its clause: the words before it are its object
        spk = _final_verb_subject(v, k) if final else verb_speaker(v, k, s_start, s_end)
        if spk is None or (spk.name is None and spk.resolution is None):
            continue
        out.append(Found(start, end, "indirect", Attribution(lemma, spk)))
    return out


def _als_after(v: ArticleView, k: int, s_end: int) -> int | None:
    """The "als" of the verb at ``k``: right after it ("wat zij omschrijven als ...") or
    after its object, within ALS_REACH words and before any punctuation, other verb or
    "om" ("omschrijft het leven in de Formule 1 als een vliegveld"). Not a comparison's
    "als": "zag net als zijn trainer een oppermachtig Ajax"."""
    for j in range(k + 1, min(s_end, k + 1 + ALS_REACH)):
        if v.lower[j] == "als":
            return None if v.lower[j - 1] in _COMPARING else j
        if v.is_punct[j] or v.verbal_at(j) or v.lower[j] == "om":
            return None
    return None


def _final_verb_subject(v: ArticleView, k: int) -> Speaker | None:
    """The subject of a clause-final verb ("toen Klaver de plannen van het kabinet afdeed
    als ...", "in wat zij omschrijven als ..."): the name, pronoun or "de" + noun right
    after the conjunction that opens the clause, else the parser's (which often misses a
    verb in this order: "afdeed" as a noun). None after a relative "die": in "opponenten,
    die de uitspraken bestempelen als ..." the words after it are the object."""
    opener = next(
        (j for j in range(k - 1, max(-1, k - 1 - OPENER_REACH), -1) if _opens_clause(v, j)),
        None,
    )
    if opener is not None and v.lower[opener] == "die":
        return None
    subject = _first_phrase(v, opener + 1, k) if opener is not None else []
    subject = subject or dep_subject(v, k) or []
    if not subject:
        return None
    spk = speaker_from_tokens(v, subject, v.idx[k])
    return spk if spk.name is not None or spk.resolution is not None else None


def _opens_clause(v: ArticleView, j: int) -> bool:
    """A conjunction or relative pronoun that opens a clause; not a comparison's "als" or
    "dan" ("toen Klaver, net als Baudet, de plannen afdeed": Klaver)."""
    if v.lower[j] in ("als", "dan"):
        return False
    return v.pos[j] == "SCONJ" or v.lower[j] in ("wat", "die")


def _first_phrase(v: ArticleView, j: int, end: int) -> list[Token]:
    """Names or a pronoun from ``j`` ("Klaver", "zij"), or a determiner with the nouns after
    it ("de directie"), before ``end``."""
    toks: list[Token] = []
    if j < end and v.lower[j] in v.lex.determiners:
        toks.append(v.toks[j])
        j += 1
        wanted: tuple[str, ...] = ("NOUN", "PROPN")
    else:
        wanted = ("PROPN", "PRON")
    while j < end and v.pos[j] in wanted and v.lower[j] not in v.lex.non_speakers:
        toks.append(v.toks[j])
        j += 1
    return toks if toks and toks[-1].pos_ in wanted else []


def object_statement(v: ArticleView, found: tuple[Found, ...]) -> list[Found]:
    """Het personeel meldt onder meer vechtpartijen met messen tussen bewoners. / Experts
    verwachten de komende tijd een felle strijd om de kijker.: what a cue listed
    ``np_object`` reports as its object, a phrase of at least OBJECT_WORDS words up to the
    clause's end, when the subject stands before the verb and names someone. Not "Dat meldt
    de NOS" (the subject after the verb), "meldt zich", "verwacht het", "verwacht te" or a
    "dat" clause (``dat_clause``'s)."""
    found = indirect_only(found)
    out: list[Found] = []
    for k, lemma in sorted(v.cue_tokens.items()):
        if lemma not in v.lex.np_object or k + 1 >= v.n or v.in_quote(v.idx[k]):
            continue
        if v.lower[k + 1] in _NOT_AN_OBJECT or v.is_punct[k + 1] or v.is_mark[k + 1]:
            continue
        s_start, s_end = v.sentence_of_token(k)
        before = phrase_before(v, k, s_start) or _subject_before_comma(v, k, s_start)
        if not before or not names_someone(v, before) or _passive_before(v, s_start, k):
            continue
        end_tok = clause_end(v, k, s_end)
        if any(v.lower[j] == "dat" or v.is_mark[j] for j in range(k + 1, end_tok)):
            continue
        start, end = char_span(v, k + 1, end_tok)
        if word_count(v.text[start:end]) < OBJECT_WORDS or covered((*found, *out), start, end):
            continue
        spk = speaker_from_tokens(v, before, v.idx[k])
        if spk.name is None and spk.resolution is None:
            continue
        out.append(Found(start, end, "indirect", Attribution(lemma, spk)))
    return out


def _subject_before_comma(v: ArticleView, k: int, s_start: int) -> list[Token]:
    """ "Het personeel van het Centraal Orgaan opvang Asielzoekers (COA), meldt ...": a
    subject set off by a comma, when all the sentence has before the verb is that one noun
    phrase (no verb, no other comma; a bracket left out)."""
    if k - 1 <= s_start or v.words[k - 1] != ",":
        return []
    words = range(s_start, k - 1)
    if any(v.words[j] == "," or v.verbal_at(j) for j in words):
        return []
    inside = False
    toks: list[Token] = []
    for j in words:
        inside = (inside or v.words[j] == "(") and v.words[j] != ")"
        if not inside and v.words[j] != ")" and not v.is_space[j]:
            toks.append(v.toks[j])
    return toks


def _passive_before(v: ArticleView, s_start: int, k: int) -> bool:
    """A passive auxiliary (``cues.toml restrict.passive``) or an agent's "door" before the
    verb at ``k`` in its sentence: "Destijds werden ze door de overheid afgedaan als ..."."""
    return any(w in v.lex.passive or w == "door" for w in v.lower[s_start:k])


def _copula_before(v: ArticleView, first: int, s_start: int) -> int | None:
    """The copula of a stance word at ``first``, up to COPULA_REACH words before it in the
    same clause: "is bang dat", and with the subject, an "er" and an aside between them,
    "is hij er net als zijn collega's van overtuigd dat". A comma or a "dat" ends the
    clause: in "Ze was laat, bang dat ..." nobody is said to fear."""
    for j in range(first - 1, max(s_start - 1, first - 1 - COPULA_REACH), -1):
        if v.lower[j] in _COPULA:
            return j
        if v.words[j] in (",", ";", ":") or v.lower[j] == "dat":
            return None
    return None


def stance_dat(v: ArticleView, found: tuple[Found, ...]) -> list[Found]:
    """De wethouder is van mening dat de toets later moet. / Jansen is bang dat het misgaat.:
    a copula, a stance word and "dat"; the clause is the statement of the copula's subject."""
    found = indirect_only(found)
    out: list[Found] = []
    for k, low in enumerate(v.lower):
        if low != "dat" or k < 2 or v.in_quote(v.idx[k]):
            continue
        for words, lemma in _STANCE.items():
            first = k - len(words)
            if first < 1 or tuple(v.lower[first:k]) != words:
                continue
            s_start, s_end = v.sentence_of_token(k)
            cop = _copula_before(v, first, s_start)
            if cop is None:
                continue
            start, end = char_span(v, k + 1, clause_end(v, k, s_end))
            if word_count(v.text[start:end]) < 2 or covered((*found, *out), start, end):
                continue
            verb = cop
            if v.lower[cop - 1] == "en":  # "X vindt het zorgelijk en is bang dat": X
                verb = next((j for j in range(s_start, cop) if v.verbal_at(j)), cop)
            spk = verb_speaker(v, verb, s_start, s_end)
            if spk.name is None and spk.resolution is None:
                continue
            out.append(Found(start, end, "indirect", Attribution(lemma, spk)))
            break
    return out


def zoals_parenthetical(v: ArticleView, found: tuple[Found, ...]) -> list[Found]:
    """ "…, waardoor hij, zoals de schaatser het zelf omschreef, van top tot teen in brand
    stond.": the clause after the parenthetical is the statement of its subject."""
    found = indirect_only(found)
    out: list[Found] = []
    for k, low in enumerate(v.lower):
        if low != "zoals" or k == 0 or v.words[k - 1] != "," or v.in_quote(v.idx[k]):
            continue
        _, s_end = v.sentence_of_token(k)
        close = next((j for j in range(k + 1, min(s_end, k + 12)) if v.words[j] == ","), None)
        if close is None:
            continue
        verb = next((j for j in range(k + 1, close) if v.lower[j] in _OMSCHRIJVEN), None)
        if verb is None:
            continue
        subject = [
            t
            for t in v.toks[k + 1 : close]
            if t.i != verb and t.lower_ not in ("het", "zelf", "al", "ook", "eerder")
        ]
        subject = [t for t in subject if not t.is_punct][:6]
        if not subject:
            continue
        start, end = char_span(v, close + 1, clause_end(v, close + 1, s_end))
        if word_count(v.text[start:end]) < 3 or covered((*found, *out), start, end):
            continue
        spk = speaker_from_tokens(v, subject, v.idx[k])
        out.append(Found(start, end, "indirect", Attribution("omschrijven", spk)))
    return out


def te_clauses(v: ArticleView, found: tuple[Found, ...]) -> list[Found]:
    """ "X kondigde aan de troepen terug te trekken": the infinitive clause is the statement."""
    found = indirect_only(found)
    out: list[Found] = []
    doc = v.toks
    for k, lemma in sorted(v.cue_tokens.items()):
        if lemma not in v.lex.te_clause or v.in_quote(doc[k].idx):
            continue
        s_start, s_end = v.sentence_of_token(k)
        if dat_after(v, k, s_end) is not None:
            continue
        begin = _te_begin(v, k, lemma, s_end)
        if begin is None:
            continue
        te = next(
            (j for j in range(begin, min(s_end - 1, begin + 15)) if doc[j].lower_ == "te"), None
        )
        if te is None or any(v.words[j] in ",;:" or v.lower[j] == "dat" for j in range(begin, te)):
            continue  # "zei dat 'het niet nodig is om … te …'": the "dat" clause is it
        stop, words = te + 1, 0
        while stop < min(s_end, te + 6):  # the verb cluster: "te blijven vechten"
            tok = doc[stop]
            if is_mark_text(tok.text):
                stop += 1
                continue
            if tok.is_punct or tok.is_space or (words and not v.is_verbal(tok)):
                break
            words += 1
            stop += 1
        while (
            stop > te + 1
            and is_mark_text(doc[stop - 1].text)
            and opens_only(v.text, doc[stop - 1].idx)
        ):
            stop -= 1
        if lemma not in v.lex.particle:  # "zei blij te zijn met …": to the clause end
            stop = max(stop, clause_end(v, te, s_end))
        start, end = char_span(v, begin, stop)
        if word_count(v.text[start:end]) < 3 or covered((*found, *out), start, end):
            continue
        spk = verb_speaker(v, k, s_start, s_end)
        out.append(Found(start, end, "indirect", Attribution(lemma, spk)))
    return out


_NOT_A_STATEMENT = frozenset({"om", "erover", "eraan", "na", "erom"})


def _te_begin(v: ArticleView, k: int, lemma: str, s_end: int) -> int | None:
    """Where the infinitive clause of a cue starts: after its particle ("kondigde aan de
    troepen …"), else right after the verb and an inverted subject ("denkt het bedrijf
    volgend jaar te beginnen")."""
    particle = v.lex.particle.get(lemma)
    if particle is None:
        after = phrase_after(v, k, s_end)
        begin = after[-1].i + 1 if after and names_someone(v, after) else k + 1
        if begin >= s_end or v.is_punct[begin] or v.lower[begin] in _NOT_A_STATEMENT:
            return None  # "denkt erover …" considers; "… dan velen denken om …" compares
        return begin
    for j in range(k + 1, min(s_end, k + 12)):
        if v.is_punct[j] or v.is_mark[j]:
            return None
        if v.lower[j] == particle:
            return j + 1
    return None
