"""The speaker phrase of a cue: the subject before the verb ("De minister zegt"), after it
("…, zegt de minister"), the parser's ``nsubj`` when word order is inconclusive, and turning
a phrase into a ``Speaker`` (an entity, a proper name, a pronoun or role to resolve, or a
description). Word order first because the bundled parser's subject arcs are weak.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsclaims.attribution.anaphora import pair_before
from newsclaims.attribution.marks import APOSTROPHES, is_mark_text
from newsclaims.attribution.phrases import (
    RELATIVE,
    after_heading,
    apposed_name,
    before_relative_clause,
    coordinated_subject,
    extended_attribute,
    is_fragment,
    is_time_phrase,
    looks_nominal,
    name_after_role,
    name_before_apposition,
    noun_phrase,
    opens_person,
    passive_agent,
    relative_antecedent,
    relative_subject,
    strip_edges,
    without_adverb_tail,
)
from newsclaims.attribution.roles import (
    HEAD_ENDS,
    description_kind,
    is_role,
    name_in_phrase,
    nominal_anaphor,
    person_adjective,
    person_noun,
    plural_role,
)
from newsclaims.attribution.types import NO_SPEAKER, Speaker
from newsclaims.attribution.view import ArticleView
from newsclaims.entities import ArticleEntity

_CLAUSE_PUNCT = frozenset(",;:()–—")
_SENT_END = frozenset(".!?")
_DEMONSTRATIVES = frozenset({"die", "deze", "dat", "dit"})
_GOVERNING = frozenset({"van", "uit", "bij", "namens"})


def phrase_after(v: ArticleView, i: int, limit: int) -> list[Token]:
    """The speaker phrase after the cue verb at ``i``: "zegt de premier Adel Abdul-Mahdi over"."""
    out: list[Token] = []
    lemma = v.lex.form_lemma.get(v.toks[i].lower_, "")
    particle = v.lex.particle.get(lemma)
    end = min(limit, i + 10)  # nine words, not counting an extended attribute
    j = i
    while True:
        j += 1
        if j >= end:
            return out
        tok = v.toks[j]
        low = tok.lower_
        if len(out) == 1 and out[0].lower_ in ("de", "het", "een"):
            noun = extended_attribute(v, j, limit)  # "de door de VS gesteunde …"
            if noun is not None:
                end = min(limit, end + noun - j)
                j = noun - 1
                continue
        if not out and (
            (low == "onder" and j + 1 < limit and v.lower[j + 1] == "meer")
            or (low == "meer" and v.lower[j - 1] == "onder")
        ):
            continue  # "zegt onder meer hoogleraar X"
        if (
            low in ("de", "het", "een")
            and out
            and (out[-1].text[:1].isupper() or v.pos[out[-1].i] == "NOUN")
            and j + 1 < limit
            and v.words[j + 1][:1].islower()
        ):
            break  # "noemt premier Rutte de uitspraken …", "vond de rechter een boete …"
        if particle and low == particle:
            if not out:
                continue
            break  # "maakte het Pentagon bekend 1500 …": the particle ends the subject
        glued = (
            j > i + 1
            and not v.toks[j - 1].whitespace_
            and (v.words[j + 1][:1] if j + 1 < v.n else "").isalpha()
        )
        if tok.text in APOSTROPHES and glued:  # Co'tje
            out.append(tok)
            continue
        if tok.is_space or (tok.is_punct and low not in ("-", ".")) or is_mark_text(tok.text):
            break
        if low == "." and (not out or not out[-1].text[:1].isupper() or len(out[-1].text) > 2):
            break
        # an acronym is no stop word: "laat het OM weten"
        if (
            low in v.lex.stop
            and not tok.text.isupper()
            and not (low == "en" and out and out[-1].text[:1].isupper())
            and not (low in ("en", "of") and out and out[-1].text.endswith("-"))  # natuur- en
            and not (low == "op" and j + 2 < limit and v.lower[j + 2] == "na")  # "op twee
            and not (low == "na" and v.lower[j - 2] == "op")  # na jongste winnaar"
        ):
            if out and low in ("voor", "van", "bij", "namens") and is_role(v, out[-1]):
                named = name_after_role(v, j, limit)
                if named:
                    return named  # "zegt Europarlementariër voor de PvdD Anja de Wit"
            if out or low not in ("ook", "nog", "al", "wel", "eerder", "woensdag"):
                break
            continue
        attributive = (
            out
            and j + 1 < limit
            and (
                out[-1].lower_ in ("de", "het", "een")  # "een opgeluchte Van Gerwen"
                or (  # "een goed ingevoerde bron": before the noun, not after it
                    low.endswith(("de", "te"))
                    and v.pos[j] == "VERB"
                    and v.pos[out[-1].i] in ("ADJ", "ADV")
                )
            )
        )
        if attributive and (v.words[j + 1][:1].isupper() or v.pos[j + 1] == "NOUN"):
            out.append(tok)  # a participle before its noun or name
            continue
        if j in v.cue_tokens or (v.is_verbal(tok) and out and not tok.text[:1].isupper()):
            break
        if _object_after_subject(v, out, j):
            break  # "vond de marechaussee kinderporno", "hoopt het college financiële lasten"
        out.append(tok)
        if len(out) == 1 and low in v.lex.pronouns:
            return out  # "zei hij zijn aanhang ...": the pronoun is the whole subject
    return apposition(v, out, j) or out


def _object_after_subject(v: ArticleView, out: list[Token], j: int) -> bool:
    """After a determiner and its noun the subject is complete: a lowercase noun or
    adjective right after it opens the object or a predicate ("vond de marechaussee
    kinderporno op zijn telefoon", "hoopt het college financiële lasten te verlichten")."""
    return (
        len(out) >= 2
        and out[0].lower_ in v.lex.determiners
        and v.pos[out[-1].i] == "NOUN"
        and out[-1].is_lower
        and v.words[j][:1].islower()
        and v.pos[j] in ("NOUN", "ADJ")
        and not person_noun(v, out[-1].text)  # "de Rotterdamse hoogleraar onderwijsrecht …"
        and not person_noun(v, v.words[j])  # "de Leidse universitair docent"
        and not plural_role(v, v.lower[j])  # "citeert de krant experts van …": the object
    )


def apposition(v: ArticleView, phrase: list[Token], j: int) -> list[Token] | None:
    """ "vertelt een van de bezoekers, de 67-jarige Jan Smit, tegen ...", "zegt de leider van
    Republic, Graham Smith in een verklaring": the named apposition (a name after "van" in
    the phrase is not the speaker's)."""
    if j >= v.n or v.toks[j].text != ",":
        return None
    app: list[Token] = []
    for k in range(j + 1, min(v.n, j + 9)):
        tok = v.toks[k]
        if tok.is_punct or tok.is_space or is_mark_text(tok.text):
            break
        if app and tok.is_lower and v.pos[k] == "ADP" and not opens_person(v, tok):
            break  # "…, Graham Smith in een verklaring": the apposition ends at its name
        app.append(tok)
    if not app or app[0].lower_ in ("die", "dat", "wie", "welke") or v.is_verbal(app[0]):
        return None  # "de coureur van Red Bull, die Charles Leclerc … zag": a relative clause
    head = next((phrase[:k] for k, t in enumerate(phrase) if t.lower_ in _GOVERNING), phrase)
    if name_in_phrase(v, app) and not name_in_phrase(v, head):
        return app  # a name after "van" is no one's name: "de leider van Republic, Graham Smith"
    return None


def phrase_before(v: ArticleView, i: int, sent_start: int) -> list[Token]:
    """The clause material between the clause start and the cue verb at ``i``.

    "X, die gisteren aankwam, zei dat ..." and "X, de gezant van Y, zei ..." put a comma
    right before the verb; the subject is then the phrase before the first comma, or the
    name apposed to it ("De burgemeester van de stad, Giulia Rossi, zei"). A bracket after a
    name is skipped ("Eva Smit (45), docent, zegt").
    """
    k = i - 1
    while k >= sent_start and v.toks[k].is_space:
        k -= 1
    if k >= sent_start and v.toks[k].text == ",":
        commas = [j for j in range(sent_start, k) if v.toks[j].text == ","]
        first = commas[0] if commas else None
        if first is not None:
            head = _skip_brackets(v, phrase_before(v, first, sent_start), first, sent_start)
            apposed = apposed_name(v, first, commas[1] if len(commas) > 1 else k)
            if apposed and not names_someone(v, head):
                return apposed
            if looks_nominal(v, head):
                return head
        return []
    j = i - 1
    while j >= sent_start:
        tok = v.toks[j]
        if tok.text == ")":  # "Docent Eva Smit (31) van de school vindt": over the age
            opened = next(
                (x for x in range(j - 1, max(sent_start, j - 5) - 1, -1) if v.words[x] == "("), None
            )
            if opened is not None and opened > sent_start:
                j = opened - 1
                continue
        if tok.text in _CLAUSE_PUNCT or is_mark_text(tok.text) or tok.text in _SENT_END:
            break
        if tok.lower_ in ("en", "maar", "want", "terwijl"):
            left = v.toks[j - 1] if j > sent_start else None
            right = v.toks[j + 1] if j + 1 < i else None
            joins_names = (
                tok.lower_ == "en"
                and left is not None
                and right is not None
                and (
                    left.text.endswith("-")
                    or (left.text[:1].isupper() and right.text[:1].isupper())
                    or coordinated_subject(v, left, right)
                )
            )
            if not joins_names:  # "Noord- en Oost-Gelderland", "Bagdad en Damascus"
                break
        if tok.lower_ in RELATIVE and tok.lower_.startswith("waar") and j < i - 1:
            break  # "de passage waarin Cohen vertelde": the relative clause's own subject
        subordinator = tok.lower_ in ("dat", "die", "omdat", "als", "toen", "nadat", "zodat")
        if subordinator and j < i - 1 and v.has_pos and tok.pos_ == "SCONJ":
            break
        j -= 1
    raw = [t for t in v.toks[j + 1 : i] if not t.is_space]
    pp = raw and (raw[0].lower_ in v.lex.prepositions or (v.has_pos and raw[0].pos_ == "ADP"))
    if pp and not opens_person(v, raw[0]):  # "dat Op 't Einde zei": a surname's particle
        return []  # "In het bericht riep hij ...": a PP, the subject follows the verb
    if j >= sent_start and v.toks[j].text == ",":
        named = name_before_apposition(v, j, sent_start, raw)
        if named:
            return named
    phrase = strip_edges(raw, v.lex)
    phrase = relative_subject(v, phrase)
    while phrase and (
        phrase[-1].lower_ in v.lex.auxiliaries
        or (v.has_pos and phrase[-1].pos_ == "ADV" and phrase[-1].is_lower and len(phrase) > 1)
    ):
        phrase = phrase[:-1]  # "Het kabinet heeft laten weten", "De inspectie dus"
    if any(v.in_quote(t.idx) for t in phrase):
        return []
    return phrase


def _skip_brackets(v: ArticleView, head: list[Token], comma: int, sent_start: int) -> list[Token]:
    """ "Eva Smit (45), directeur van …, zegt": the phrase before an age in brackets."""
    if head:
        return head
    k = comma - 1
    while k > sent_start and v.toks[k].is_space:
        k -= 1
    if v.toks[k].text != ")":
        return head
    open_at = next(
        (j for j in range(k - 1, max(sent_start - 1, k - 6), -1) if v.words[j] == "("), None
    )
    if open_at is None or open_at <= sent_start:
        return head
    return phrase_before(v, open_at, sent_start)


def names_someone(v: ArticleView, tokens: list[Token]) -> bool:
    """A pronoun, an entity mention or a proper name: a likely subject."""
    if not tokens:
        return False
    if len(tokens) == 1 and tokens[0].lower_ in v.lex.pronouns:
        return True
    if any(v.mention_in(t.idx, t.idx + len(t.text)) for t in tokens):
        return True
    return name_in_phrase(v, tokens) is not None


def _conjoined(v: ArticleView, i: int, after: list[Token]) -> bool:
    """ "X heeft dyslexie en legt zijn volgers uit", "X ageert ertegen, maar zegt vaak dat
    ...": the verb shares the first subject (adverbs after it are no subject)."""
    k = i - 1
    while k > 0 and v.toks[k].is_space:
        k -= 1
    if v.toks[k].lower_ not in ("en", "maar"):
        return False
    if not after or all(v.pos[t.i] == "ADV" or t.dep_ == "advmod" for t in after):
        return True  # ("vaak" is an adjective to the tagger, an advmod to the parser)
    first = after[0]
    return (
        first.lower_ in ("zijn", "haar", "hun", "de", "het", "een")
        and first.lower_ not in v.lex.pronouns
    )


def dep_subject(v: ArticleView, i: int) -> list[Token] | None:
    """The parser's subject of the cue verb (or of its auxiliary's head), when it has one."""
    if not v.has_dep:
        return None
    tok = v.toks[i]
    heads = [tok] if tok.dep_ not in ("aux", "aux:pass") else [tok, tok.head]
    for head in heads:
        for child in head.children:
            if child.dep_ in ("nsubj", "nsubj:pass") and not v.in_quote(child.idx):
                span = [t for t in child.subtree if not v.in_quote(t.idx)]
                span = [t for t in span if abs(t.i - child.i) <= 8]
                return strip_edges(span, v.lex) or None
    return None


def speaker_from_tokens(v: ArticleView, tokens: list[Token], before: int) -> Speaker:
    """Name, pronoun or description from a subject phrase."""
    tokens = strip_edges(tokens, v.lex)
    # "Die zegt dat ...": a demonstrative subject, the last one named (``resolve_anaphor``)
    if len(tokens) == 1 and tokens[0].text in ("Die", "Deze") and tokens[0].is_sent_start:
        return Speaker(None, tokens[0].text, None, "pronoun", tokens[0].idx, "DEM")
    if not tokens or (len(tokens) == 1 and tokens[0].lower_ in v.lex.non_speakers):
        return NO_SPEAKER
    if not any(
        sum(ch.isalpha() for ch in t.text) > 1 and t.lower_ not in v.lex.determiners for t in tokens
    ):
        return NO_SPEAKER
    tokens = before_relative_clause(v, noun_phrase(v, after_heading(tokens)))
    if tokens[0].lower_ in v.lex.pronouns:
        tokens = tokens[:1]  # "ze het heel jammer": the pronoun is the subject
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    written = v.text[start:end]
    if len(tokens) == 1 and tokens[0].lower_ in v.lex.pronouns:
        low = tokens[0].lower_
        label = "PER" if low in v.lex.person_only else "PER|ORG"
        if low in v.lex.group_only or (low in ("ze", "zij") and _plural_verb(v, before)):
            label = "GROUP|ORG"  # "Ze noemden het …", "volgens hen": a group, not one person
        return Speaker(None, written, None, "pronoun", start, label)
    # an entity heading the phrase, not one inside "van X" / "uit X"
    for k, tok in enumerate(tokens):
        ent = v.mention_in(tok.idx, tok.idx + len(tok.text))
        if ent is None:
            continue
        governed = any(
            t.lower_ in ("van", "uit", "bij", "in", "op", "voor", "over", "tegen", "met")
            for t in tokens[:k]
        )
        tail = tok.text.rsplit("-", 1)[-1] if "-" in tok.text else ""
        if not governed and ent.label == "ORG" and tail and plural_role(v, tail):
            # "VN-onderzoekers", "PVV-Kamerleden": the group said it, not the organisation
            written = v.text[start : tok.idx + len(tok.text)]
            return Speaker(tok.text, written, None, "explicit", start, None)
        if ent.label == "ORG" and is_role(v, tok):
            person = _apposed_person(v, tokens)
            if person is not None:  # "PVV-Kamerlid Jan Smit": the member, not the party
                ent = person
        if not governed and ent.label in ("PER", "ORG"):
            last = max(t for t in tokens if v.mention_in(t.idx, t.idx + len(t.text)) is ent)
            written = v.text[start : last.idx + len(last.text)]  # without "woensdag" etc.
            return Speaker(ent.name, written, ent.entity_id, "explicit", start, ent.label)
        break
    adjective = (
        len(tokens) == 2
        and tokens[0].lower_ in v.lex.determiners
        and person_adjective(v, tokens[1])
    )
    name = None if adjective else name_in_phrase(v, tokens)
    if name:
        tail = v.text.rfind(name.split()[-1], start, end)
        if tail >= 0:
            written = v.text[start : tail + len(name.split()[-1])]
        ent = v.entities.resolve(name)
        if ent is not None:
            return Speaker(ent.name, written, ent.entity_id, "explicit", start, ent.label)
        return Speaker(name, written, None, "explicit", start, "PER")
    words = [t for t in tokens if t.lower_ not in v.lex.determiners]
    description = v.text[words[0].idx : end] if words else written
    if words and words[-1].lower_ in v.lex.roles and tokens[0].lower_ in v.lex.determiners:
        # "de rechter": the person of that role named before, else the role itself
        return Speaker(None, written, None, "pronoun", start, "PER", fallback=description)
    named = _apposed_person(v, tokens)
    if named is not None:  # "de Russische minister van Buitenlandse Zaken Sergej Lavrov"
        return Speaker(named.name, written, named.entity_id, "explicit", start, named.label)
    nominal = nominal_anaphor(v, tokens)
    if nominal is not None and nominal[1] == "PAIR":
        pair = pair_before(v, start)  # "het duo", "beiden": the two named together, if any
        if pair is not None:
            return Speaker(pair, written, None, "pronoun", start, "GROUP")
    elif nominal is not None:
        head, label = nominal
        return Speaker(None, written, None, "pronoun", start, label, head, description)
    if is_fragment(v, tokens):
        return NO_SPEAKER
    kept = without_adverb_tail(v, words)
    if is_time_phrase(kept, v.lex):
        return NO_SPEAKER  # "… en hoopt volgende week weer aan te sluiten": when, not who
    if kept is not words:  # "critici bijvoorbeeld" -> "critici"
        description = v.text[kept[0].idx : kept[-1].idx + len(kept[-1].text)]
    return Speaker(description, written, None, "explicit", start, description_kind(v, kept))


def _plural_verb(v: ArticleView, at: int) -> bool:
    """Whether the cue written at character ``at`` is a plural finite verb ("noemden",
    "zeggen"): its subject "ze" is then a group."""
    if at < 0 or not v.n:
        return False
    k = v.token_at(at)
    low = v.lower[k]
    cue = k in v.cue_tokens or low in v.lex.predicative  # "zij omschrijven (het) als"
    return cue and low.endswith("en") and v.idx[k] == at and not low.startswith("ge")


def _apposed_person(v: ArticleView, tokens: list[Token]) -> ArticleEntity | None:
    """A person named after a role and its complement, not as the object of a preposition:
    "de minister van Buitenlandse Zaken Sergej Lavrov" (but not "de renner van Trek")."""
    for k in range(1, len(tokens)):
        tok = tokens[k]
        ent = v.mention_in(tok.idx, tok.idx + len(tok.text))
        if ent is None or ent.label != "PER":
            continue
        before = tokens[k - 1].lower_
        if before in HEAD_ENDS or before in v.lex.determiners or before in v.lex.prepositions:
            continue
        if v.mention_in(tokens[k - 1].idx, tokens[k - 1].idx + 1) is ent:
            continue  # inside the same mention
        return ent
    return None


def verb_speaker(v: ArticleView, i: int, sent_start: int, sent_end: int) -> Speaker:
    """Subject of the cue verb at ``i``: the parse when it is plausible, else word order."""
    before = phrase_before(v, i, sent_start)
    after = phrase_after(v, i, sent_end)
    antecedent = relative_antecedent(v, i, sent_start)
    if antecedent and not names_someone(v, after):  # "…, aldus Bosz, die zei dat …"
        return speaker_from_tokens(v, antecedent, v.toks[i].idx)
    agent = passive_agent(v, before)
    if agent:  # "wordt door de gemeente ontkend"
        return speaker_from_tokens(v, agent, v.toks[i].idx)
    if looks_nominal(v, before) and not (
        len(before) == 1 and before[0].lower_ in ("dat", "dit", "het", "er")
    ):
        if names_someone(v, before) or not names_someone(v, after) or _parsed_subject(v, before, i):
            return speaker_from_tokens(v, before, v.toks[i].idx)
        return speaker_from_tokens(v, after, v.toks[i].idx)  # "Vorig jaar zei X"
    if after and not _conjoined(v, i, after):
        return speaker_from_tokens(v, after, v.toks[i].idx)
    if after or _conjoined(v, i, after):
        verbs = [t.i for t in v.toks[sent_start:i] if v.is_verbal(t) and t.i > sent_start]
        if verbs:
            first = phrase_before(v, verbs[0], sent_start)
            if looks_nominal(v, first):
                return speaker_from_tokens(v, first, v.toks[i].idx)
        if after:
            return speaker_from_tokens(v, after, v.toks[i].idx)
    dep = dep_subject(v, i)
    if dep:
        return speaker_from_tokens(v, dep, v.toks[i].idx)
    return NO_SPEAKER


def _parsed_subject(v: ArticleView, phrase: list[Token], i: int) -> bool:
    """The parse makes the phrase before the cue its subject ("De artsen roepen Essential
    Pharma op om ..."), and no demonstrative opens it (a fronted object as often as not:
    "Die vraag hoopt het Rijksvastgoedbedrijf te beantwoorden")."""
    first = phrase[0].i if phrase else 0
    opener = {v.lower[first], v.lower[first - 1] if first else ""}
    if not v.has_dep or not phrase or opener & _DEMONSTRATIVES:
        return False
    return any(t.dep_ == "nsubj" and t.head.i == i for t in phrase)
