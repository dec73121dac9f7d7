"""The shape of a speaker phrase: where it starts and ends, and whether it can be a speaker
at all. A speaker is a person, an organisation, a group or a description of one, never a
fragment of the clause ("Aanleiding voor het", "waarin hij", "ruim 3 miljoen euro").
A place adjective is a speaker phrase of one word: "de Iraanse waarschuwing" is Iran's;
a present participle is none ("Lachend noemt hij ...").
"""

from __future__ import annotations

from spacy.tokens import Token

from newsclaims.attribution.lexicon import CueLexicon
from newsclaims.attribution.roles import person_noun, plural_role, role_noun
from newsclaims.attribution.types import Speaker
from newsclaims.attribution.view import ArticleView
from newsclaims.entities.names import place_of_adjective
from newsclaims.plurals import singular_candidates

_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "X", "NUM"})
RELATIVE = frozenset(
    {
        "waarin", "waarmee", "waarop", "waarbij", "waardoor", "waarover", "waarna", "waaruit",
        "waarvan", "waaraan", "die", "wat",
    }
)  # fmt: skip
# Words that open a relative clause after the noun it tells about.
_RELATIVE_OPENERS = RELATIVE | {"dat", "wie", "welke", "waar", "wiens", "wier"}


def relative_subject(v: ArticleView, phrase: list[Token]) -> list[Token]:
    """ "…, waarin hij zei dat …": the subject of a relative clause is the pronoun after the
    relative word, not the relative word with it."""
    if len(phrase) >= 2 and phrase[0].lower_ in RELATIVE:
        rest = phrase[1:]
        if rest[0].lower_ in v.lex.pronouns:
            return rest[:1]
        if is_time_phrase(strip_edges(rest, v.lex), v.lex):
            return phrase[:1]  # "De regering, die eerder deze week zei": the relative word
        return rest
    return phrase


def before_relative_clause(v: ArticleView, tokens: list[Token]) -> list[Token]:
    """A description ends before the relative clause about it: "een politiedeskundige die
    vanwege zijn functie (anoniem wil blijven)", "directeur van de dierentuin waar Najin
    (leeft)", "een van de activisten die" -> "een politiedeskundige", "directeur van de
    dierentuin", "een van de activisten"."""
    for k in range(1, len(tokens)):
        if tokens[k].lower_ not in _RELATIVE_OPENERS:
            continue
        pos = v.pos[tokens[k - 1].i] if v.has_pos else "NOUN"
        nominalised = pos == "ADJ" and (k == 1 or v.pos[tokens[k - 2].i] == "DET")  # "een
        if pos in ("NOUN", "PROPN", "NUM") or nominalised:  # deskundige die"
            return tokens[:k]
    return tokens


def coordinated_subject(v: ArticleView, left: Token, right: Token) -> bool:
    """ "Rossi en andere ambtenaren benadrukten": a named subject coordinated with a
    description is one subject; the name heads it."""
    named = v.mention_in(left.idx, left.idx + len(left.text))
    return (
        named is not None
        and named.label in ("PER", "ORG")
        and (right.lower_ in ("andere", "een", "de", "het", "haar", "zijn", "diverse"))
    )


def apposed_name(v: ArticleView, a: int, b: int) -> list[Token]:
    """The tokens between two commas when they are exactly a person's name: "De burgemeester
    van Milaan, Giulia Rossi, zei": the apposed name."""
    toks = [t for t in v.toks[a + 1 : b] if not t.is_space]
    if not 1 <= len(toks) <= 5:
        return []
    ents = {id(v.mention_in(t.idx, t.idx + len(t.text))) for t in toks}
    ent = v.mention_in(toks[0].idx, toks[-1].idx + len(toks[-1].text))
    if ent is None or ent.label != "PER" or len(ents) != 1:
        return []
    return toks


def name_before_apposition(
    v: ArticleView, comma: int, sent_start: int, apposition: list[Token]
) -> list[Token]:
    """ "Wim de Groot, hoogleraar staatsrecht aan de Universiteit Leiden zegt …": a person
    named at the sentence start, then an apposition without a closing comma."""
    toks = [t for t in v.toks[sent_start:comma] if not t.is_space]
    toks = strip_edges(toks, v.lex)
    while toks and toks[-1].text == ")":  # "Eva Smit (45),"
        open_at = next((k for k in range(len(toks) - 1, -1, -1) if toks[k].text == "("), None)
        toks = toks[:open_at] if open_at else []
    if not 1 <= len(toks) <= 5 or not apposition:
        return []
    ent = v.mention_in(toks[0].idx, toks[-1].idx + len(toks[-1].text))
    if ent is None or ent.label != "PER":
        return []
    if any(v.mention_in(t.idx, t.idx + len(t.text)) is not ent for t in toks):
        return []
    if any(v.verbal_at(t.i) for t in apposition):
        return []  # "Jansen, die gisteren aankwam zei": a relative clause, not an apposition
    return toks


_FUNCTION_POS = frozenset({"DET", "ADP", "CCONJ", "SCONJ", "PRON", "AUX"})


def _rank_number(tokens: list[Token], k: int) -> bool:
    """A number that ranks a person, not an amount: "de nummer 2 van de partij", "de op
    twee na jongste winnaar"."""
    before = tokens[k - 1].lower_ if k else ""
    after = tokens[k + 1].lower_ if k + 1 < len(tokens) else ""
    return before == "nummer" or (before == "op" and after == "na")


def _counted_head(v: ArticleView, tokens: list[Token], pos: list[str], k: int) -> bool:
    """A number between a determiner and a plural noun for people, which ends the phrase or
    takes a complement, counts who speak ("de vier wethouders", "zes op de tien
    Nederlanders", "de twee partijen", "de twee initiatiefnemers van de webcam"); not an
    amount ("ruim 3 miljoen euro steun", "de 40 procent"), nor things ("De 220 meldingen
    komen overeen met ...")."""
    if k + 1 >= len(tokens) or pos[k + 1] not in ("NOUN", "PROPN"):
        return False
    if k + 2 < len(tokens) and pos[k + 2] != "ADP":
        return False  # the noun ends the phrase, or its complement follows ("… van de webcam")
    if pos[k - 1] != "DET" and tokens[k - 1].lower_ not in v.lex.determiners:
        return False
    head = tokens[k + 1]
    number = head.morph.get("Number")
    if not (number == ["Plur"] if number else head.lower_.endswith(("en", "s"))):
        return False
    low = head.lower_
    return (
        head.text[:1].isupper()  # "Nederlanders", "Belgen"
        or plural_role(v, low)
        or any(person_noun(v, w) or w in v.lex.org_nouns for w in singular_candidates(low))
        or (low.endswith(("den", "ten", "nen")) and low.startswith(("ge", "be", "ver")))
    )


def _nominalised_plural(v: ArticleView, tokens: list[Token], pos: list[str], k: int) -> bool:
    """A participle or adjective as a plural noun after a determiner or quantifier is who
    speaks ("veel betrokkenen", "de ondervraagden"), not a clause's verb; alone too right
    after "volgens" or a plural cue verb ("volgens ingewijden", "…, zeggen betrokkenen")."""
    low = tokens[k].lower_
    if k != len(tokens) - 1 or not low.endswith("en"):
        return False
    if k == 0:
        return participle_as_subject(v, tokens[0].i)
    before = tokens[k - 1].lower_
    return pos[k - 1] == "DET" or before in v.lex.determiners or before in v.lex.quantifiers


def participle_as_subject(v: ArticleView, i: int) -> bool:
    """A participle as a plural noun for people alone right after "volgens" or a plural cue
    verb is who speaks ("volgens ingewijden", "…, zeggen betrokkenen"), not a verb: no verb
    follows "volgens", and a plural cue after a comma, "zo" or "Dat", or opening its sentence,
    has its subject after it ("Dat meldden ingewijden"; not "in Amerikaanse media berichten
    verschenen dat …")."""
    prev = v.lower[i - 1] if i else ""
    if prev != "volgens":
        if i < 1 or i - 1 not in v.cue_tokens or not prev.endswith("en"):
            return False
        opens = i - 1 in v.sent_starts or v.lower[i - 2] in (",", "zo", "dat", "dit")
        if not opens:
            return False  # "in Amerikaanse media berichten verschenen dat …": a verb
    return v.lower[i].endswith(("den", "ten", "nen"))


def extended_attribute(v: ArticleView, j: int, limit: int) -> int | None:
    """ "de door de VS gesteunde Syrische Democratische Strijdkrachten": a prepositional
    phrase and an inflected participle between the article (before ``j``) and the noun.
    Returns the noun's token, or None when no participle and noun close it within six
    words and before any punctuation."""
    if v.lower[j] not in v.lex.prepositions and v.lower[j] != "van":
        return None
    for k in range(j + 1, min(limit - 1, j + 7)):
        if v.is_punct[k]:
            return None
        if attributive_participle(v, k):
            return k + 1
    return None


def attributive_participle(v: ArticleView, k: int) -> bool:
    """An inflected participle before its noun or name ("gesteunde rebellen", "gekomen
    oefenmeester"): an adjective in the phrase, not the clause's verb."""
    low = v.lower[k]
    if v.pos[k] != "VERB" or not low.endswith(("de", "te", "en")) or k + 1 >= v.n:
        return False
    return v.pos[k + 1] in ("NOUN", "PROPN", "ADJ") or v.words[k + 1][:1].isupper()


def is_fragment(v: ArticleView, tokens: list[Token]) -> bool:
    """A speaker is a person, an organisation, a group or a description of one; never a
    fragment: a lone adverb ("vaak"), a phrase with a verb or an auxiliary ("Je moet er niet
    aan", "werkgevers zijn daartegen"), a number ("ruim 3 miljoen euro financiering"), or
    one ending in a function word ("Aanleiding voor het")."""
    if not v.has_pos:
        return False
    pos = [v.pos[t.i] for t in tokens]
    if tokens[-1].lower_ in ("ander", "anderen", "beiden", "velen") and len(tokens) > 1:
        return False  # "een ander", "de beiden": a person all the same
    if pos == ["DET", "ADJ"] and (tokens[-1].lower_[-1] == "e" or tokens[0].lower_ == "de"):
        return False  # "een politiedeskundige", "de gewonde": an adjective as a noun; "de
        # gezagvoerder": a noun taken for an adjective, which has no -e after "de" only alone
    if pos[-1] in _FUNCTION_POS or tokens[-1].lower_ in v.lex.determiners:
        return True
    if len(tokens) == 1 and pos[0] in ("ADV", "ADJ", "NUM") and tokens[0].is_lower:
        # "volgens deskundigen": an adjective as a plural noun for people is who speaks
        low = tokens[0].lower_
        return not (low.endswith("n") and any(person_noun(v, w) for w in singular_candidates(low)))
    if any(
        p == "NUM" and not _rank_number(tokens, k) and not _counted_head(v, tokens, pos, k)
        for k, p in enumerate(pos)
        if k
    ):
        return True
    for k, p in enumerate(pos):
        if p == "AUX":
            return True  # "zijn stille getuigen die ons ...": a clause, whatever follows
        if _nominalised_plural(v, tokens, pos, k):
            return False
        if p == "VERB" and not (k + 1 < len(pos) and pos[k + 1] in ("NOUN", "ADJ")):
            return True  # a participle before its noun ("de getroffen bewoners") is fine
    return not any(
        p in ("NOUN", "PROPN", "X") or t.text[:1].isupper()
        for p, t in zip(pos, tokens, strict=True)
    )


def noun_phrase(v: ArticleView, tokens: list[Token]) -> list[Token]:
    """The noun phrase a speaker phrase starts with: "het Pentagon bekend 1500 extra
    militairen" -> "het Pentagon" (the rest belongs to the clause)."""
    if not v.has_pos:
        return tokens
    seen_name = False
    for k, tok in enumerate(tokens):
        p = v.pos[tok.i]
        if seen_name and p in ("ADV", "NUM", "VERB", "AUX", "SCONJ") and tok.is_lower:
            return tokens[:k]
        seen_name = seen_name or p == "PROPN"
    return tokens


def after_heading(tokens: list[Token]) -> list[Token]:
    """ "Dalende aantallen Het bestuur": a heading glued to the sentence; a capitalised
    article inside the phrase starts the real subject."""
    for k in range(len(tokens) - 1, 0, -1):
        if tokens[k].text in ("De", "Het", "Een") and not tokens[k - 1].is_punct:
            return tokens[k:]
    return tokens


def name_after_role(v: ArticleView, j: int, limit: int) -> list[Token]:
    """The person named after a role's prepositional complement, before any punctuation or
    verb: "woordvoerder van de bond Jan Smit" -> "Jan Smit"."""
    for k in range(j + 1, min(limit, j + 9)):
        if v.is_punct[k] or v.is_space[k] or v.is_mark[k] or v.verbal_at(k):
            return []
        ent = v.mention_in(v.idx[k], v.end_char(k))
        if ent is not None and ent.label == "PER":
            end = k
            while end + 1 < limit and v.mention_in(v.idx[end + 1], v.end_char(end + 1)) is ent:
                end += 1
            return v.toks[k : end + 1]
    return []


def strip_edges(tokens: list[Token], lex: CueLexicon) -> list[Token]:
    """Drop leading adverbs and trailing punctuation from a speaker phrase."""
    while tokens and (tokens[0].lower_ in lex.leading or tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


def place_speaker(v: ArticleView, tok: Token) -> Speaker | None:
    """The place a capitalised adjective stands for as a speaker: "de Iraanse waarschuwing
    dat ..." is Iran's (the article's entity when it names the place), not "Iraanse"."""
    place = place_of_adjective(tok.text)
    if place is None:
        return None
    ent = v.entities.resolve(place)
    if ent is not None:
        return Speaker(ent.name, tok.text, ent.entity_id, "explicit", tok.idx, ent.label)
    return Speaker(place, tok.text, None, "explicit", tok.idx, "LOC")


def is_manner_word(tok: Token) -> bool:
    """A present participle says how something is said, not who says it: "Lachend noemt
    hij ...", "Zuchtend: '…'" (the tagger may call it a name; the caller has checked that
    no entity is named there)."""
    word = tok.text
    return word.isalpha() and len(word) > 5 and word.lower().endswith(("end", "ende"))


def passive_agent(v: ArticleView, phrase: list[Token]) -> list[Token] | None:
    """The agent of a passive report, right before its participle: "Dat de school dichtgaat,
    wordt door de gemeente ontkend" -> "de gemeente". In the phrase before the cue, "door"
    follows a passive auxiliary (inside the phrase or just before it)."""
    k = 1 if phrase and phrase[0].lower_ in v.lex.auxiliaries else 0
    if len(phrase) < k + 2 or phrase[k].lower_ != "door" or phrase[k].i == 0:
        return None
    before = v.toks[phrase[k].i - 1]
    return phrase[k + 1 :] if before.lower_ in v.lex.auxiliaries else None


_DAY_PARTS = ("ochtend", "middag", "avond", "nacht")


def is_time_phrase(tokens: list[Token], lex: CueLexicon) -> bool:
    """The phrase only says when: "Vorige week", "Begin deze maand", "eerder deze week",
    "Eind februari", "twee jaar geleden", "donderdagavond" (a time noun, the rest modifiers
    or numbers). It is never a speaker, though the tagger calls its noun a noun."""
    found = False
    for tok in tokens:
        low = tok.lower_
        if low in lex.time_nouns or any(
            low.endswith(part) and low[: -len(part)] in lex.time_nouns for part in _DAY_PARTS
        ):
            found = True
        elif not (low in lex.time_modifiers or tok.like_num):
            return False
    return found


def looks_nominal(v: ArticleView, tokens: list[Token]) -> bool:
    """A phrase that can name a speaker: no preposition first, and a noun, a name or a
    mention in it ("de minister", "Rutte"; not "in 2019", "snel", "Vorige week")."""
    if not tokens or is_time_phrase(tokens, v.lex):
        return False
    first = tokens[0]
    if (first.pos_ == "ADP" if v.has_pos else first.lower_ in v.lex.stop) and not opens_person(
        v, first
    ):
        return False  # a preposition, not a surname's particle ("Op 't Einde", "Van Dijk")
    if any(v.mention_in(t.idx, t.idx + len(t.text)) for t in tokens):
        return True
    if len(tokens) == 1 and (tokens[0].lower_ in v.lex.leading or is_manner_word(tokens[0])):
        return False
    if v.has_pos:
        if len(tokens) == 1 and tokens[0].pos_ == "ADV":
            return False
        return tokens[0].pos_ not in ("VERB", "AUX", "SCONJ") and (
            any(t.pos_ in _NOMINAL for t in tokens) or any(t.text[:1].isupper() for t in tokens)
        )
    return True


def without_adverb_tail(v: ArticleView, words: list[Token]) -> list[Token]:
    """A description ends at its noun: "critici bijvoorbeeld", "de organisatie zelf", "de
    bestuurders ook", "Het bedrijf had eerder (al aangegeven)", "politieke partijen de
    afgelopen weken", "bestuurders vorige week" -> "critici", "organisatie", "bestuurders",
    "bedrijf", "politieke partijen" (a lowercase adverb, verb, article or time phrase
    after the noun belongs to the clause;
    not a participle before its noun: "Een via het kadaster opgevraagde koopakte")."""
    if not v.has_pos:
        return words
    for k in range(1, len(words)):
        if v.pos[words[k - 1].i] != "NOUN" or not words[k].is_lower:
            continue
        pos = v.pos[words[k].i]
        attributive = (
            words[k].lower_.endswith("e") and k + 1 < len(words) and v.pos[words[k + 1].i] == "NOUN"
        )
        if pos in ("ADV", "AUX", "DET") or (pos == "VERB" and not attributive):
            return words[:k]
        if is_time_phrase(words[k:], v.lex):  # "de president vorige week"
            return words[:k]
    return words


def opens_person(v: ArticleView, tok: Token) -> bool:
    """The capitalised token opens a person's mention ("Op" of "Op 't Einde", "Van" of "Van
    der Laan"), whatever the tagger calls it."""
    ent = v.mention_in(tok.idx, tok.idx + 1)
    return ent is not None and ent.label == "PER" and tok.text[:1].isupper()


_ANTECEDENT_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "DET"})
_RELATIVE_SUBJECTS = frozenset({"die", "dat"})
_POSSESSIVES = frozenset({"zijn", "haar", "hun"})
_LINKS = frozenset({"van", "op", "bij", "in", "uit", "aan"})  # "een ambtenaar op het ministerie"
_HEADS = frozenset({"NOUN", "PROPN"})


def relative_antecedent(v: ArticleView, i: int, sent_start: int) -> list[Token]:
    """The cue verb at ``i`` is in a relative clause whose subject is its relative pronoun
    ("…, aldus Bosz, die zei dat …", "een gesprek met een moeder, die vorige week zei dat
    …", "aan mensen die zeggen dat …"): the speaker is the noun phrase before the comma the
    clause opens with, or ending right before the pronoun ("Bosz", "een moeder", "mensen";
    not "omdat die zei": a demonstrative), read back over names, nouns, adjectives,
    articles, possessives and up to two links ("de commissaris van de koning René Paas",
    "een uitspraak van de Raad van State"), over a bracket right before the comma ("zijn
    neef Lucas (Ferry Doedens)"). Between the pronoun and the verb only an auxiliary,
    adverbs or a time phrase ("die heeft gezegd", "die vorige week nog zei"); the relative
    word is the subject, not an object fronted before a subject of its own ("…, die zei
    hij niet")."""
    if not v.has_pos:
        return []
    r = i - 1
    while r > sent_start and (v.pos[r] in ("ADV", "AUX") or v.toks[r].is_space):
        r -= 1
    if r > sent_start and v.lower[r] not in _RELATIVE_SUBJECTS:  # "die vorige week nog"
        r = next(
            (k for k in range(r, max(sent_start, i - 6), -1) if v.lower[k] in _RELATIVE_SUBJECTS),
            sent_start,
        )
        between = [t for t in v.toks[r + 1 : i] if not t.is_space and v.pos[t.i] != "ADV"]
        if not is_time_phrase(between, v.lex):
            return []
    if r <= sent_start or v.lower[r] not in _RELATIVE_SUBJECTS:
        return []
    # "…, die zei": before the comma; "aan mensen die zeggen": right before the pronoun (a
    # demonstrative, "omdat die zei", has no noun phrase there)
    end = r - 1 if v.words[r - 1] == "," else r
    if v.words[end - 1] == ")":
        opened = next(
            (k for k in range(end - 2, max(sent_start, end - 8), -1) if v.words[k] == "("), None
        )
        if opened is None:
            return []
        end = opened
    j, links = end - 1, 0
    while j >= sent_start and end - j <= 10:
        tok = v.toks[j]
        if v.mention_in(tok.idx, tok.idx + len(tok.text)) is not None:
            pass
        elif v.lower[j] in _LINKS and links < 2 and j > sent_start and v.pos[j - 1] in _HEADS:
            links += 1
        elif v.pos[j] not in _ANTECEDENT_POS and v.lower[j] not in _POSSESSIVES:
            break
        j -= 1
    phrase = strip_edges([t for t in v.toks[j + 1 : end] if not t.is_space], v.lex)
    return _speaking_part(v, phrase, plural=v.lower[i].endswith("en"))


def _speaking_part(v: ArticleView, phrase: list[Token], *, plural: bool) -> list[Token]:
    """The part of "X van Y" that can speak: "een uitspraak van de Raad van State", "de
    gedachte van de tweede president" -> "de Raad van State", "de tweede president"; a
    name, a role, a person's or an organisation's noun before the link keeps it all ("een
    oud-ambtenaar op het ministerie"), and so does a plural before a plural verb ("de
    ondertekenaars van de petitie die pleiten")."""
    for k, tok in enumerate(phrase):
        if k == 0 or tok.lower_ not in _LINKS or v.mention_in(tok.idx, tok.idx + 1) is not None:
            continue
        head = phrase[k - 1]
        if v.pos[head.i] != "NOUN" or v.mention_in(head.idx, head.idx + 1) is not None:
            return phrase
        if plural and head.lower_.endswith(("s", "en")):
            return phrase  # "De ondertekenaars van de petitie die pleiten": the plural
        low = head.lower_
        if (
            role_noun(v, low)
            or person_noun(v, low)
            or plural_role(v, low)
            or low in v.lex.org_nouns
        ):
            return phrase
        return _speaking_part(v, phrase[k + 1 :], plural=plural)
    return phrase
