"""Repairs to the NER's spans before clustering: names it cut in two.

The NER trained on CoNLL-2002 breaks Dutch surnames with particles ("Debbie" | "van" |
"Leiden") and coordinated compounds ("Nederlandse Voedsel-" | "en Warenautoriteit").
Spans are (start, end, label) token offsets over a ``DocTokens`` view.
"""

from __future__ import annotations

from functools import lru_cache

from newsclaims import lexicon
from newsclaims.entities.labels import (
    common_capitals,
    first_names,
    known_label,
    places,
    surnames,
    type_tail,
)
from newsclaims.entities.names import (
    ARABIC_PARTICLES,
    SURNAME_PARTICLES,
    is_name_joint,
    is_place_word,
    named_part,
    sentence_initial,
)
from newsclaims.entities.tokens import DocTokens, WordLabels
from newsclaims.nlp import known_names

_GLUED_PARTICLES = ("al-", "el-")  # "Fajis al-Sarradsch": an Arabic surname's article

TokenSpan = tuple[int, int, str]


def _capitalised_word(toks: DocTokens, i: int) -> bool:
    if i >= len(toks):
        return False
    text = toks[i].text
    return bool(text[:1].isupper() and text[1:2].islower())


def _glued_surname(toks: DocTokens, i: int) -> bool:
    """ "al-Sarradsch", "el-Sisi": a lowercase article glued to a capitalised surname."""
    if i >= len(toks):
        return False
    text = toks[i].text
    return text.startswith(_GLUED_PARTICLES) and text[3:4].isupper()


def surname_end(toks: DocTokens, start: int, end: int, label: str) -> int | None:
    """Where a one-word person's surname ends, if the NER cut it off.

    "Debbie van Leiden" tagged as "Debbie" (PER) and "Leiden" (LOC) -> the end of
    "Leiden"; "Nouri al Maliki", "Fajis al-Sarradsch" (Arabic particles); "correspondent
    Kjeld Duits" (no particle: the next word right after a known first name, unless it is
    a known name of its own). Only for a single capitalised word tagged PER, a known first
    name unless an Arabic article follows.
    """
    if label != "PER":
        return None
    words = [i for i in range(start, end) if toks[i].lower not in SURNAME_PARTICLES]
    if len(words) != 1 or not toks[start].text[1:].islower():
        return None
    i = end if end - start == 1 else start + 1
    begin = i
    if end - start == 1 and _glued_surname(toks, i):
        return i + 1  # "Fajis al-Sarradsch": any first name, the article marks the surname
    if (
        end - start == 1
        and i + 1 < len(toks)
        and toks[i].text in ARABIC_PARTICLES
        and _capitalised_word(toks, i + 1)
    ):
        return i + 2  # "Nouri al Maliki"
    if toks[start].lower not in first_names():
        return None  # "minister Bruins van Volksgezondheid" is no surname
    if end - start == 1 and _capitalised_word(toks, i) and toks[i].text not in known_names():
        return i + 1 if not toks[i].sent_start else None
    while True:
        while i < len(toks) and toks[i].lower in SURNAME_PARTICLES and toks[i].text.islower():
            i += 1
        if i == begin or i - begin > 3 or not _capitalised_word(toks, i):
            return None
        if is_name_joint(toks[i].text):
            i += 1  # "Doornik-van Rijsingen": a double name runs on
            begin = i - 1
            continue
        return i + 1


def coordinated_end(toks: DocTokens, start: int, end: int) -> int | None:
    """Where a name split by a coordinated compound ends.

    "Nederlandse Voedsel- en Warenautoriteit": the span stops at "Voedsel-"; the name
    runs on through "en" and the next capitalised word, also a hyphenated one whose last
    part is a name ("Veiligheidsregio Noord- en Oost-Gelderland"). Not for "PvdA- en
    SP-kiezers", where the hyphen stands for a lowercase head.
    """
    if not toks[end - 1].text.endswith("-") or end + 1 >= len(toks):
        return None
    if toks[end].lower not in {"en", "of"} or not _capitalised_word(toks, end + 1):
        return None
    return None if toks[end + 1].text.rsplit("-", 1)[-1][:1].islower() else end + 2


def double_name_end(toks: DocTokens, start: int, end: int) -> int | None:
    """Where a double surname ends that the NER cut after its hyphen: "Joke van der
    Meer-de" (PER) and "Vries" (MISC) -> the end of "Vries". The span ends in a joint
    (``is_name_joint``); the name runs on through up to two particles and one capitalised
    word."""
    if not is_name_joint(toks[end - 1].text):
        return None
    i = end
    while i < len(toks) and i - end < 2 and toks[i].text in SURNAME_PARTICLES:
        i += 1
    return i + 1 if _capitalised_word(toks, i) else None


def joined_name_end(toks: DocTokens, end: int, nxt: TokenSpan | None) -> int | None:
    """Where a name ends that the NER split at a Romance particle: "Teatro" (MISC),
    "alla", "Scala" (PER) -> the end of "Scala"; "Leger des Heils". One or two joining
    particles (``joining_particles.txt``) between the two spans, a capitalised word after
    them."""
    if nxt is None or not 0 < nxt[0] - end <= 2 or not _capitalised_word(toks, nxt[0]):
        return None
    joining = lexicon.words("joining_particles.txt")
    return nxt[1] if all(toks[i].text in joining for i in range(end, nxt[0])) else None


def kind_word_end(toks: DocTokens, end: int, nxt: TokenSpan | None) -> int | None:
    """Where a name ends that the NER split before the word saying what it is: "Comenius"
    (MISC) and "Lyceum" (ORG) -> the end of "Lyceum"; "Johan Cruijff" + "Arena". The next
    span touches this one and is one capitalised shape word of an organisation or place
    ("Lyceum", "Ziekenhuis", "Bank", "Airport"), not a compound that is a name of its own
    ("Amsterdamse" + "Weesperstraat")."""
    if nxt is None or nxt[0] != end or nxt[1] - nxt[0] != 1 or not _capitalised_word(toks, end):
        return None
    return nxt[1] if toks[end].lower in _kind_words() else None


@lru_cache(maxsize=1)
def _kind_words() -> frozenset[str]:
    """The shape words and suffixes of organisations and places, as whole words."""
    shape = lexicon.toml("entity_cues.toml")["shape"]
    return frozenset(
        w for label in ("ORG", "LOC") for key in ("words", "suffixes") for w in shape[label][key]
    )


def first_name_before(
    toks: DocTokens, start: int, end: int, label: str, nxt: TokenSpan | None
) -> int | None:
    """Where a person's name ends that the NER split into an unknown first name and the
    surname: "Sjinkie" (MISC) and "Knegt" (PER) -> the end of "Knegt". Only one MISC word
    right before a one-word person, and not a known name, a place, a word about a place or
    its people ("de Japanse Nagano", "Belg Michel") or a genitive ("Salvini's Lega")."""
    if nxt is None or label != "MISC" or end - start != 1 or nxt[2] != "PER":
        return None
    if nxt[0] != end or nxt[1] - nxt[0] != 1 or not _capitalised_word(toks, start):
        return None
    word = toks[start].text
    if not word.isalpha() or known_label(word) or is_place_word(word):
        return None
    return nxt[1]


def join_split_names(toks: DocTokens) -> list[TokenSpan]:
    """The doc's entity spans with cut names joined again (see the six rules above)."""
    ents = toks.ents()
    out: list[TokenSpan] = []
    skip_until = -1
    particles = lexicon.words("name_particles.txt")
    for k, (start, end, label) in enumerate(ents):
        if start < skip_until:
            continue
        nxt = ents[k + 1] if k + 1 < len(ents) else None
        person = first_name_before(toks, start, end, label, nxt)
        if person is not None:
            out.append((start, person, "PER"))
            skip_until = person
            continue
        joined = (
            surname_end(toks, start, end, label)
            or coordinated_end(toks, start, end)
            or double_name_end(toks, start, end)
            or joined_name_end(toks, end, nxt)
            or kind_word_end(toks, end, nxt)
        )
        if joined is not None and all(
            toks[i].lower in particles or not toks[i].punct for i in range(end, joined)
        ):
            out.append((start, joined, label))
            skip_until = joined
            continue
        out.append((start, end, label))
    return out


STREET = "LOC:street"


_STREET = ("straat", "weg", "laan", "plein", "gracht", "kade", "singel", "dreef", "steeg")


@lru_cache(maxsize=65536)
def _word_label(text: str) -> str | None:
    """What an untagged word names by itself: a known name's compound, or a street.

    "VVD-Kamerleden" -> ORG (see ``_compound_label``); "Vliegveldweg", "Hurksestraat" ->
    LOC: a capitalised word ending in a street noun, not a common word ("Snelweg" is one,
    and such a word still needs a place inside the sentence, see ``known_compounds``).
    """
    compound = _compound_label(text)
    if compound is not None:
        return compound
    low = text.lower()
    if (
        text[:1].isupper()
        and low[1:].isalpha()
        and text[1:].islower()
        and any(low.endswith(s) and len(low) > len(s) + 2 for s in _STREET)
        and low not in common_capitals()
    ):
        return STREET
    return None


@lru_cache(maxsize=65536)
def _compound_label(text: str) -> str | None:
    """The known label of a compound word's named part: "VVD-Kamerleden" -> ORG."""
    if "-" not in text[1:]:
        return None
    part = named_part(text)
    return known_label(part) if part != text else None


def overlay(spans: list[TokenSpan], names: list[TokenSpan]) -> list[TokenSpan]:
    """``spans`` with ``names`` in place of every span they overlap ("Bouwend Nederland"
    in place of the NER's "Nederland"), in order; of two names that overlap, the first."""
    if not names:
        return spans
    placed: list[TokenSpan] = []
    for name in names:
        if not any(name[0] < e and name[1] > b for b, e, _ in placed):
            placed.append(name)
    kept = [s for s in spans if not any(s[0] < e and s[1] > b for b, e, _ in placed)]
    return sorted(kept + placed)


def _opens_sentence(toks: DocTokens, i: int) -> bool:
    """The token starts a sentence or heading (not merely follows a comma or bracket)."""
    if i == 0 or toks[i].sent_start:
        return True
    before = toks[i - 1].text
    return before in {".", "!", "?", ":", '"', "'", "“", "‘"} or "\n" in before


_WORD_LABELS = WordLabels(_word_label)  # a known compound, a street


def known_compounds(toks: DocTokens) -> list[TokenSpan]:
    """Compound words the NER left untagged whose named part is a known name; streets.

    "Twee VVD-Kamerleden vonden ...", "de SP-kiezer": the gazetteer matches whole tokens
    only and the NER often passes over compounds, so the party would be missing from an
    article that names it only this way. Each such token becomes a mention with the
    gazetteer's label (spec §4 matches "YPG-militie" to "YPG"). Untagged street names
    inside a sentence ("dicht tussen de Vliegveldweg en ...") become places. Read from
    the doc's arrays, with the per-word answer cached, so no token object is made for
    other words.
    """
    if not len(toks):
        return []
    orths, iob = toks.table.orth, toks.table.ent_iob
    found = _WORD_LABELS.of(toks)
    if not found:
        return []
    out = []
    for i, orth in enumerate(orths):
        label = found.get(orth)
        if label is None or iob[i] in (1, 3):  # not a hit, or inside an entity already
            continue
        if label == STREET:  # a street only inside a sentence: "Snelweg dicht" is no name
            if _opens_sentence(toks, i):
                continue
            label = "LOC"
        out.append((i, i + 1, label))
    return out


def known_compounds_cut(toks: DocTokens, start: int, trimmed_start: int) -> list[TokenSpan]:
    """Known-name compounds among the words trimming cut off a mention's front.

    "(SP-Kamerlid Jasper van Dijk)" is one PER span to the NER; trimming keeps "Jasper van
    Dijk" and would lose the party: "SP-Kamerlid" becomes an ORG mention of its own.
    """
    out: list[TokenSpan] = []
    for i in range(start, trimmed_start):
        label = _compound_label(toks[i].text)
        if label is not None:
            out.append((i, i + 1, label))
    return out


def _institution(word: str) -> bool:
    """An institution noun, also as a compound head: "Universiteit", "Kunstacademie"."""
    return type_tail(word, "ORG")


def _plain_capital(toks: DocTokens, i: int) -> bool:
    """A capitalised word inside a sentence that is no name of its own."""
    text = toks[i].text
    low = text.lower()
    return (
        text[:1].isupper()
        and text[1:].islower()
        and not sentence_initial(toks, i)
        and low not in first_names()
        and low not in surnames()
        and low not in places()
        and known_label(text) is None
    )


def _acronym(toks: DocTokens, i: int) -> bool:
    """An all-capitals word, also opening a sentence (its capitals are not the sentence's):
    "TU" in "de TU Eindhoven", "TU Eindhoven opent ..."."""
    text = toks[i].text
    return len(text) > 1 and text.isupper() and text.isalpha()


@lru_cache(maxsize=1)
def _station_words() -> frozenset[str]:
    return frozenset(lexicon.toml("entity_cues.toml")["shape"]["LOC"]["station_words"])


def station_end(toks: DocTokens, end: int) -> int:
    """A place followed by a capitalised station word names the station, one place:
    "op Utrecht Centraal" -> "Utrecht Centraal", "naar Den Haag CS"; not "Centraal" opening
    a longer name ("het Centraal Bureau") or lowercase ("Utrecht centraal gelegen")."""
    if end >= len(toks) or toks[end].lower not in _station_words():
        return end
    if not toks[end].text[:1].isupper():
        return end
    after = end + 1
    if after < len(toks) and toks[after].text[:1].isupper() and not toks[after].punct:
        return end
    return after


def join_named_places(toks: DocTokens, spans: list[TokenSpan]) -> list[TokenSpan]:
    """A place the NER split off the name it belongs to, joined again; a station's name
    kept whole ("Utrecht Centraal", ``station_end``).

    "Technische Universiteit" + "Eindhoven", "Universiteit" + "Leiden": an institution
    noun right before a place names one organisation (ORG). "Ronde van" + "Frankrijk":
    a capitalised common word, "van" and a place name an event or body; the joined name
    is ORG for an institution noun ("Universiteit van Amsterdam"), else MISC, so the place
    is not counted as a place of the story.
    """
    out: list[TokenSpan] = []
    for start, end, label in spans:
        prev = out[-1] if out else None
        if prev is not None and start < prev[1]:
            continue  # a station word the NER tagged apart, now inside the station's name
        if label == "LOC":
            end = station_end(toks, end)
        if label != "LOC" or start == 0:
            out.append((start, end, label))
            continue
        touching = prev is not None and prev[1] == start
        before = toks[start - 1]
        if prev is not None and touching and _institution(before.text):
            out[-1] = (prev[0], end, "ORG")
        elif prev is not None and touching and before.lower == "van" and prev[2] != "PER":
            head = toks[prev[0]].text  # "Ronde van" tagged, "Frankrijk" apart
            out[-1] = (prev[0], end, "ORG" if _institution(head) else prev[2])
        elif (
            prev is not None
            and prev[1] == start - 1
            and before.lower == "van"
            and _institution(toks[start - 2].text)
        ):
            out[-1] = (prev[0], end, "ORG")  # "Universiteit" tagged, "van Amsterdam" apart
        elif (
            not touching
            and _institution(before.text)
            and (_plain_capital(toks, start - 1) or _acronym(toks, start - 1))
        ):
            out.append((start - 1, end, "ORG"))
        elif (
            start >= 2
            and before.lower == "van"
            and (prev is None or prev[1] < start - 1)
            and _plain_capital(toks, start - 2)
        ):
            head = toks[start - 2].text
            out.append((start - 2, end, "ORG" if _institution(head) else "MISC"))
        else:
            out.append((start, end, label))
    return out
