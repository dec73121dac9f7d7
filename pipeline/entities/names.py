"""Name strings: folding, ids, titles, and trimming a mention down to the name itself.

Pure functions on strings and spaCy spans; the clustering and labelling live beside this.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache

from newsclaims import lexicon
from newsclaims.entities.tokens import DocTokens, positions
from newsclaims.namekeys import fold
from newsclaims.nlp import known_entity_patterns, known_names
from newsclaims.plurals import singular_candidates, written_singulars

ARABIC_PARTICLES = frozenset({"al", "el", "bin", "ibn"})  # lowercase, as written
# The particles of a surname as written inside a person's name ("Debbie van Leiden").
SURNAME_PARTICLES = (
    frozenset({"van", "de", "der", "den", "ter", "ten", "te", "'t", "op"}) | ARABIC_PARTICLES
)

_DEMONYM = re.compile(r"^[A-Z][a-zäëïöüé]+(?:se|sche)$")
_EDGE_PUNCT = "\"'“”„‘’‚«»()[]{}.,;:!?"
_CLITIC = re.compile(r"^['’][ts](?:\s+|-)(?=[A-Z])")  # "'t Harde", "’s-Hertogenbosch"
_COMMON_POS = frozenset({"NOUN", "ADJ", "VERB", "ADV", "ADP", "PRON", "DET", "AUX", "NUM"})


@cache
def _compound_titles() -> frozenset[str]:
    """The titles a long compound may end in: whole words of five letters or more."""
    return frozenset(t for t in lexicon.words("titles.txt") if len(t) >= 5 and t.isalpha())


@lru_cache(maxsize=65536)
def is_title(word: str) -> bool:
    """A role or title word, also as the head of a compound.

    "Boerenvoorman", "legerleider" and "SP-Kamerlid" are titles: the part after the last
    hyphen, or a long compound ending in a listed title, counts.
    """
    low = word.lower().rsplit("-", 1)[-1] if "-" in word[1:] else word.lower()
    titles, heads = lexicon.words("titles.txt"), _compound_titles()
    return (
        low in titles
        or word.lower() in titles
        or (len(low) > 8 and any(low[i:] in heads for i in range(len(low) - 4)))
    )


@lru_cache(maxsize=65536)
def clean_name(text: str) -> str:
    """Strip titles, roles, possessives and stray punctuation from a mention's text; a
    clitic article opening a name stays ("'t Harde", ``entities.clitics``)."""
    clitic = _CLITIC.match(text.strip())
    if clitic:
        rest = clean_name(text.strip()[clitic.end() :])
        return clitic.group(0) + rest if rest else ""
    initial = re.search(r"(?:^|\s)[A-Z]\.$", text.strip())  # "Melanie B." keeps its stop
    tokens = text.strip().strip(_EDGE_PUNCT).split()
    last_title = max((i for i, t in enumerate(tokens[:-1]) if is_title(t)), default=-1)
    tokens = tokens[last_title + 1 :]
    while len(tokens) > 1 and tokens[0][:1].islower():
        tokens.pop(0)
    if not tokens:
        return ""
    last = tokens[-1]
    for suffix in ("'s", "’s", "'", "’"):
        if last.endswith(suffix) and len(last) > len(suffix) + 1:
            tokens[-1] = last[: -len(suffix)]
            break
    if len(tokens[-1]) > 1 and tokens[-1].endswith("-"):
        tokens[-1] = tokens[-1].rstrip("-")  # "PvdA- en SP-kiezers" -> "PvdA"
    return " ".join(tokens).strip(_EDGE_PUNCT) + ("." if initial and len(tokens) > 1 else "")


@lru_cache(maxsize=65536)
def named_part(name: str) -> str:
    """The named part of a hyphenated compound: "IS-strijders" -> "IS", "YPG-militie" -> "YPG".

    Also before a capitalised title: "PVV-Kamerlid" -> "PVV" (a party, not a person);
    "Abdul-Mahdi" stays whole.
    """
    head, sep, tail = name.rpartition("-")
    if sep and head and not head.endswith(" ") and (tail[:1].islower() or _title_tail(tail)):
        return name if _double_surname_tail(tail) else head
    return name


def _double_surname_tail(tail: str) -> bool:
    """ "van der Veen" after "Wit-": particles and a surname, the second half of a double
    surname ("Els de Wit-van der Veen"), not a compound's head."""
    *particles, last = tail.split(" ")
    return bool(particles) and all(p in SURNAME_PARTICLES for p in particles) and last[:1].isupper()


def _title_tail(tail: str) -> bool:
    """A capitalised title as the head of a compound ("Kamerlid"), not a surname part."""
    return tail[:1].isupper() and tail[1:].islower() and tail.lower() in lexicon.words("titles.txt")


@lru_cache(maxsize=65536)
def only_titles(name: str) -> bool:
    """A mention that is nothing but a title or role: a common noun, no referent (spec §1).

    "Kamerlid", "Tweede Kamerleden", "Verkeersminister", "Amerikadeskundige"; not an
    acronym ("DRS") nor a name glued to a title ("D66-Onderwijsminister": its party).
    """
    words = name.split()
    if words[:1] in (["Tweede"], ["Eerste"]):
        words = words[1:]
    return bool(words) and all(
        is_title(w) and not w.isupper() and named_part(w) == w for w in words
    )


def is_compound_modifier(text: str) -> bool:
    """A name glued to a lowercase head, used as a modifier: "Apple-topman", "FNV-bestuurder"."""
    return named_part(text) != text


def is_name_joint(text: str) -> bool:
    """The first half of a Dutch double surname whose second half opens with a particle:
    "Wit-van" in "Els de Wit-van der Veen", "Meer-de" in "Joke van der Meer-de Vries".

    The hyphen joins two surnames (a married name), so the lowercase word after it is a
    name's particle, not the head of a compound ("Apple-topman")."""
    head, sep, tail = text.rpartition("-")
    return bool(sep) and head[:1].isupper() and tail in SURNAME_PARTICLES


def sentence_initial(toks: DocTokens, i: int) -> bool:
    """The token opens a sentence, a heading or a clause after punctuation."""
    if i == 0 or toks[i].sent_start:
        return True
    before = toks[i - 1]
    return before.punct or "\n" in before.text


HEADING_LETTERS = 6  # a heading or role word run into a name is longer than a first name


def glued_common_word(toks: DocTokens, start: int, end: int) -> bool:
    """A capitalised common word opening a sentence, glued to the name after it.

    "Superstart Hamilton", "Voormalige PvdA-": the tagger calls the first word a noun or
    adjective and the rest of the span proper nouns, so the first word is not part of it.
    So is a word the news writes in lowercase, a heading run into the sentence after it
    ("Standaarden Amsterdam Trade Bank ...", "Honkballer Jonathan Villar"), whatever the
    tagger says; not an inflected adjective ("Rode Kruis"), nor a short word (first names
    that are words too: "Ton Gommans", "Wil Helmus").
    """
    if end - start < 2 or not sentence_initial(toks, start):
        return False
    first = toks[start]  # without a tagger only a heading word is glued
    heading = (
        first.lower in lowercase_words()
        and len(first.text) >= HEADING_LETTERS  # not "Ton Gommans", "Team Ineos", "Plan B"
        and not first.lower.endswith("e")
        and first.lower not in lexicon.words("name_particles.txt")  # "Van Dijk", "Het Volk"
    )
    return (
        (first.pos in {"NOUN", "ADJ", "VERB", "ADV"} or heading)
        and not first.text.isupper()
        and not _DEMONYM.match(first.text)
        and toks.span_text(start, end) not in known_names()
        and all(toks[i].text[:1].isupper() for i in range(start + 1, end))
    )


def demonym_noun_before(toks: DocTokens, start: int, end: int) -> bool:
    """A people's noun before a name of two words or more ("Pool", "Fin", "Engelsman"), not
    an adjective, which is part of a name ("Nederlandse Vereniging van Banken")."""
    word = toks[start].text
    return (
        end - start >= 3
        and toks[start + 1].text[:1].isupper()
        and not word.lower().endswith(("se", "sche"))
        and is_place_word(word)
    )


def adjective_before_own_name(toks: DocTokens, start: int, end: int) -> bool:
    """A place's adjective before a name that stands on its own describes it ("which one");
    it is not part of the name, as a title is not: "het Drentse Ruinerwold" ->
    "Ruinerwold", "het Schotse Edinburgh" (known places); "de Chinese Huawei" -> "Huawei"
    when the article also names Huawei without it. Not before a word that is no name
    without it ("Europese Unie", "Gelderse Vallei", "Syrische Democratische
    Strijdkrachten"), nor in a known name ("Nederlandse Spoorwegen")."""
    if end - start < 2:
        return False
    word = toks[start].text
    if not word.endswith("e") or not is_place_word(word):
        return False
    rest = toks.span_text(start + 1, end)
    if toks.span_text(start, end) in known_names() or not rest[:1].isupper():
        return False
    if rest.lower() in _place_names():
        return True
    text = toks.doc.text
    return text.count(rest) > text.count(f"{word} {rest}")


def _article_before_acronym(toks: DocTokens, start: int, end: int) -> bool:
    """A capitalised article opening a sentence before an acronym is not the name's: "De TU
    Delft krijgt ..." -> "TU Delft", "Het UMC Utrecht" -> "UMC Utrecht"; a title-case word
    after it keeps it ("De Telegraaf", "Het Parool")."""
    if end - start < 2 or toks[start].text not in ("De", "Het"):
        return False
    word = toks[start + 1].text
    return len(word) > 1 and word.isupper() and word.isalpha()


def trim_span(toks: DocTokens, span_start: int, span_end: int) -> tuple[int, int]:
    """Drop titles, lowercase words, glued common words, a sentence's article before an
    acronym and compound modifiers at the edges.

    "de Iraakse premier Adel Abdul-Mahdi" -> "Adel Abdul-Mahdi"; "Iger Apple-topman" ->
    "Iger"; "Superstart Hamilton" -> "Hamilton"; "De TU Delft" -> "TU Delft"; "Pool Mateusz
    Polski" -> "Mateusz Polski". Token offsets in, token offsets out.
    """
    start = span_start
    titled = [i for i in range(span_start, span_end - 1) if is_title(toks[i].text)]
    if titled:
        start = titled[-1] + 1
    while (
        start < span_end - 1
        and (toks[start].text[:1].islower() or toks[start].punct)
        and not _CLITIC.match(toks.span_text(start, start + 2))
    ):
        start += 1
    if glued_common_word(toks, start, span_end) or _article_before_acronym(toks, start, span_end):
        start += 1
    if demonym_noun_before(toks, start, span_end) or adjective_before_own_name(
        toks, start, span_end
    ):
        start += 1  # "de Pool Mateusz Polski" (a people's noun), "het Drentse Ruinerwold"
    particles = lexicon.words("name_particles.txt")
    end = span_end
    for i in range(start + 1, span_end):
        text = toks[i].text
        if toks[i - 1].text.endswith("-") or _CLITIC.match(toks.span_text(i - 1, i + 1)):
            continue
        if (text[:1].islower() and toks[i].lower.split("-")[0] not in particles) or (
            is_compound_modifier(text) and not (is_name_joint(text) and i + 1 < span_end)
        ):
            end = i
            break
    while end > start + 1 and (
        (toks[end - 1].punct and toks[end - 1].text != ".") or toks[end - 1].lower in particles
    ):
        end -= 1
    if (
        end - start == 2
        and _DEMONYM.match(toks[start].text)
        and named_part(toks[start + 1].text).isupper()
    ):
        start += 1  # "Koerdische YPG" -> "YPG"; "Syrische Democratische Strijdkrachten" stays
    return start, end


def capitalised_common_word(toks: DocTokens, start: int, end: int) -> bool:
    """A lone sentence-initial word the tagger calls a common word ("Patrouilles", "God").

    Capitals at the start of a sentence make the NER see names everywhere; when the
    tagger says the only word is not a proper noun, the NER is more likely wrong.
    Names in the gazetteer or alias table are never dropped here, nor (see ``_cluster``)
    words whose form makes them a name: "Lievendaal, Sliffertsestraat, Welschap".
    """
    if end - start != 1 or not toks.has_pos:
        return False
    tok = toks[start]
    if tok.text in known_names() or named_part(tok.text) in known_names():
        return False  # "(SP-Kamerlid ...", "IS-strijders trokken ...": a known name inside
    at_start = tok.sent_start or start == 0 or toks[start - 1].punct
    return bool(at_start and tok.pos in _COMMON_POS and not tok.text.isupper())


@cache
def lowercase_words() -> frozenset[str]:
    """Words the news writes mostly in lowercase (generated, see ``word_stats_build``)."""
    return lexicon.words("lowercase_words.txt")


def lowercase_word_at_start(
    toks: DocTokens, start: int, end: int, label: str, person: Callable[[str], bool]
) -> bool:
    """A lone word where a sentence, heading or bracket opens that the news mostly writes
    in lowercase: that word, capitalised by its place, not a name.

    "(Vraatzucht en Bedrog)", "Afstel Zij stemden in januari ...", "Kletskoek.", "Steen
    des aanstoots was ...": the NER and the tagger both read such capitals as names. Not
    a known surname or first name the NER calls a person ("Bakker zegt ...": ``person``
    says which), nor a name in the gazetteer or alias table ("Trouw"), nor a word the
    article also writes with a capital inside a sentence ("Best krijgt ... De gemeente
    Best betaalt": the town).
    """
    if end - start != 1 or (label == "PER" and person(toks[start].lower)):
        return False
    tok = toks[start]
    if tok.lower not in lowercase_words() or tok.text in known_names():
        return False
    if not _at_opening(toks, start):
        return False
    words = toks.table.words  # the article writes it with a capital elsewhere: a name
    return all(_at_opening(toks, i) for i in positions(words, (tok.text,)))


def _at_opening(toks: DocTokens, i: int) -> bool:
    """The token opens a sentence, heading or bracket, where any word has a capital."""
    return toks[i].sent_start or i == 0 or toks[i - 1].punct or "\n" in toks[i - 1].text


def common_noun_name(
    toks: DocTokens, start: int, end: int, label: str, common: frozenset[str]
) -> bool:
    """A lone word the news mostly writes in lowercase, capitalised inside a name or title.

    "het ministerie van Onderwijs, Cultuur en Wetenschap" gives the NER "Onderwijs" and
    "Cultuur"; "het Verdrag van Lissabon" gives "Verdrag": common nouns, not referents
    (spec §1). ``common`` is the generated list (``word_stats_build``); names in the
    gazetteer or alias table ("Best", "Goes") are never dropped, nor what the NER calls a
    person: surnames are words too ("minister Snel").
    """
    if end - start != 1 or label == "PER":
        return False
    text = toks[start].text
    return text.lower() in common and text not in known_names()


@lru_cache(maxsize=1)
def _place_names() -> dict[str, str]:
    """Places by their lowercased name: the news's own list and the gazetteer's LOC names."""
    found = {name.lower(): name for name in lexicon.lines("places.txt")}
    found.update(
        (p["pattern"].lower(), p["pattern"]) for p in known_entity_patterns() if p["label"] == "LOC"
    )
    return found


@lru_cache(maxsize=1)
def _listed_adjectives() -> dict[str, str]:
    return {stem.lower(): place for stem, place in lexicon.pairs("place_adjectives.tsv")}


def _closed(stem: str) -> str:
    """The stem as written without the -e: "chines" -> "chinees" ("Chinese" of "Chinees"),
    "portuges" -> "portugees"; Dutch spelling writes a long vowel once in an open syllable."""
    if len(stem) > 3 and stem[-2] in "aeou" and stem[-3] not in "aeiou" and stem[-1] not in "aeiou":
        return stem[:-1] + stem[-2] + stem[-1]
    return stem


@lru_cache(maxsize=32768)
def place_of_adjective(text: str) -> str | None:
    """The place a capitalised adjective is of: "Iraanse" -> "Iran" and "Franse" ->
    "Frankrijk" (``place_adjectives.tsv``), "Syrische" -> "Syrië", "Afrikaanse" -> "Afrika",
    "Curaçaose" -> "Curaçao" (a place of ``places.txt`` or the gazetteer); else None."""
    low = text.lower()
    if not text[:1].isupper() or not low.endswith(("se", "sche")) or text in known_names():
        return None
    stem = low[:-1]  # "iraanse" -> "iraans", "franse" -> "frans"
    listed = _listed_adjectives().get(stem) or _listed_adjectives().get(_closed(stem))
    if listed is not None:
        return listed
    stems = [low[:-2], low[:-4]] + ([low[:-5] + "ië"] if low.endswith("ische") else [])
    places = _place_names()
    return next((places[stem] for stem in stems if len(stem) > 2 and stem in places), None)


@lru_cache(maxsize=32768)
def is_place_word(text: str) -> bool:
    """A lone word about a place or its people, not a referent itself (spec §1).

    A demonym, singular or plural ("Republikein", "Venezolanen", from the generated
    ``demonyms.txt`` and ``plurals.tsv``; "Koerden", "Fransen" from the hand-written
    ``demonyms_known.txt``), or a place's adjective ("Curaçaose",
    "Nederlandse" of Curaçao and Nederland; "Syrische" of Syrië; "Afrikaanse" of Afrika).
    Names in the gazetteer or alias table are never such a word.
    """
    low = text.lower()
    if text in known_names() or low in _place_names():  # "Zweden", "Polen": the country
        return False
    people = lexicon.words("demonyms.txt")
    if low in people or any(p in people for p in written_singulars(low)):
        return True
    listed = lexicon.words("demonyms_known.txt")
    if low in listed or any(p in listed for p in singular_candidates(low)):
        return True  # the hand-written list also by the spelling rules: "Koerden"
    return place_of_adjective(text) is not None


@lru_cache(maxsize=1)
def demonyms() -> frozenset[str]:
    """Every known demonym, lowercased: the generated list and the hand-written one (the
    union built once, not on every unit the claims look up)."""
    return lexicon.words("demonyms.txt") | lexicon.words("demonyms_known.txt")


def portfolio_end(toks: DocTokens, start: int, end: int, label: str) -> int:
    """Where a person's name ends that the NER ran on into a portfolio: "minister Schouten
    van Landbouw" -> "Schouten", "Hoekstra van Financiën" -> "Hoekstra" (the portfolio is
    part of the title, spec §1; its first words: ``portfolios.txt``). Only for a person:
    "Europees Hof van Justitie" is an organisation's whole name. "Ingrid van Engelshoven"
    keeps her particle: "Engelshoven" is no portfolio."""
    if label != "PER":
        return end
    portfolios = lexicon.words("portfolios.txt")
    for i in range(start + 1, end - 1):
        if toks[i].lower == "van" and toks[i + 1].lower in portfolios:
            return i
    return end


def is_portfolio(toks: DocTokens, start: int, name: str) -> bool:
    """A ministry's portfolio after an office noun and "van", not a referent (spec §1).

    "de minister van Buitenlandse Zaken", "het ministerie van Defensie", "Minister Bruins
    van Volksgezondheid" (up to two name words between office and "van"): the portfolio is
    part of the title. Office nouns: ``portfolio_titles.txt``. A place is never one
    ("de minister van Nederland" keeps Nederland).
    """
    if start < 2 or toks[start - 1].lower != "van" or name.lower() in _place_names():
        return False
    offices = lexicon.words("portfolio_titles.txt")
    for back in (2, 3, 4):
        if start - back < 0:
            return False
        word = toks[start - back]
        if word.lower in offices:
            return all(toks[i].text[:1].isupper() for i in range(start - back + 1, start - 1))
    return False


def glued_before_person(
    toks: DocTokens, start: int, end: int, names: frozenset[str], first: frozenset[str]
) -> bool:
    """A word opening a sentence or heading, glued to a person's surname.

    "Superstart Hamilton, Verstappen naar plek drie" in an article about "Lewis
    Hamilton": the NER reads "Superstart Hamilton" as one name, but "Superstart" is no
    first name, and "Hamilton" is the surname of a person the article names in full
    (``names``: the folded last one and two words of names opened by a known first name).
    The tagger often calls such a word a proper noun, so ``glued_common_word`` misses it.
    A particle ("Van Dijk") or the first part of a double surname the article uses in
    full ("Habben Jansen" of "Eddy Habben Jansen") stays.
    """
    if end - start != 2 or not sentence_initial(toks, start):
        return False
    word = toks[start].text
    return (
        word.lower() not in first
        and word.lower() not in lexicon.words("name_particles.txt")
        and word not in known_names()
        and not word.isupper()
        and not is_compound_modifier(word)
        and fold(toks[start + 1].text) in names
        and fold(word + " " + toks[start + 1].text) not in names
    )


_GOVERNED = frozenset({"NOUN", "ADJ", "PROPN", "NUM"})


def keeps_apostrophe_s(toks: DocTokens, end: int, text: str) -> bool:
    """A name ending in "'s" that is no genitive: the "'s" is part of the name.

    A Dutch genitive governs the noun after it ("Trump's beleid", "Anna's nieuwe fiets");
    "veilinghuis Sotheby's is ...", "bij McDonald's." have no noun to govern, so the name
    is "Sotheby's" itself. Needs the tagger; without it the "'s" goes, as before.
    """
    if not text.endswith(("'s", "’s")) or not toks.has_pos:
        return False
    return end >= len(toks) or toks[end].pos not in _GOVERNED
