"""One label per referent: the evidence of every mention and of the name itself, weighed.

The NER labels each mention on its own and often disagrees with itself ("Klaver" PER in
one sentence, ORG in the next). A referent gets one label per article: the NER's votes
(as shares, so a long article does not drown the other evidence), the gazetteer and alias
table, the shape of the name ("-straat", "-school", "-festival"), the noun typing it
("animatiestudio Pixar"), a role "van" it ("de kopman van Astana") and a known first name.
Each rule is a small pure function returning label weights.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from functools import cache, lru_cache

from newsclaims import lexicon
from newsclaims.entities.names import is_compound_modifier, is_title, named_part
from newsclaims.entities.tokens import DocTokens
from newsclaims.namekeys import fold
from newsclaims.nlp import PROJECT_LABELS, known_entity_patterns

LABEL_PRIORITY = ("PER", "ORG", "LOC", "MISC")
_ROAD = re.compile(r"^[ANE]\d{1,3}$")

W_NER = 1.0  # the NER's votes, as shares of the referent's mentions
W_KNOWN = 1.5  # gazetteer
W_ALIAS = 2.0  # alias table (user-curated)
W_SHAPE = 2.0  # the name's own form: "-straat", "-school", "-festival", "A12"
W_FIRST_NAME = 1.5  # "Herman Velvis": a known first name opens the name
W_SURNAME = 1.5  # "Samsom" alone: a word the news uses to close a first name
W_PLACE = 1.5  # "Malmö" alone: a word the news puts after "in", "naar", "uit"
W_NOT_PERSON = 1.2  # "Ikea" alone, PER by the NER: no first name, no known surname
W_NOT_PLACE = 1.0  # "de website van Ticketmaster", LOC by the NER: no place the news knows
W_TYPE = 1.0  # per mention: the noun before it ("animatiestudio Pixar")
W_ROLE = 0.6  # per mention: "de kopman van Astana", "Disney-topman"
W_GROUP = 1.5  # per mention: "Houthi-rebellen", the NER's label of a compound counts little
W_TITLE = 1.0  # per mention: a title before it ("minister Slob")
W_PREP = 0.3  # per mention: "in Duiven"
CONTEXT_CAP = 2.5  # context evidence of one label, over all mentions


@cache
def _cues() -> dict[str, dict[str, list[str]]]:
    return lexicon.toml("entity_cues.toml")


@cache
def first_names() -> frozenset[str]:
    """Known first names, lowercased: two generated files, see ``first_names_build`` and
    ``word_stats_build`` (names opening a titled person's name: "coureur Max Verstappen"),
    and common names kept by hand ("Andy", "Demi", "Clément")."""
    return lexicon.first_names()


@cache
def surnames() -> frozenset[str]:
    """Known surnames (generated file, see ``word_stats_build``), lowercased."""
    return lexicon.words("surnames.txt")


@cache
def mononyms() -> frozenset[str]:
    """Persons the news names by one word only ("Rembrandt", "Confucius"), lowercased."""
    return lexicon.words("mononyms.txt")


@cache
def places() -> frozenset[str]:
    """Place names read from the news (see ``word_stats_build``), lowercased."""
    return lexicon.words("places.txt")


@cache
def common_capitals() -> frozenset[str]:
    """Common words also written with a capital (see ``word_stats_build``), lowercased."""
    return lexicon.words("common_capitals.txt")


@cache
def _known_labels() -> dict[str, str]:
    return {p["pattern"]: p["label"] for p in known_entity_patterns()}


@cache
def _folded_labels() -> dict[str, str]:
    """Known names by a key blind to case, accents, hyphens and spaces, where all the names
    sharing a key have one label: "al-Qaida" finds "Al Qaida", "Groen Links" "GroenLinks"."""
    labels: dict[str, set[str]] = {}
    for pattern, label in _known_labels().items():
        labels.setdefault(_loose_key(pattern), set()).add(label)
    return {key: next(iter(found)) for key, found in labels.items() if len(found) == 1}


def _loose_key(name: str) -> str:
    """ "al-Qaida", "Al Qaida" -> "alqaida"; "Groen Links" -> "groenlinks"."""
    return "".join(fold(name).replace("-", " ").split())


def known_label(name: str) -> str | None:
    """The gazetteer's or alias table's label for a name as written ("Leiden" -> LOC), else
    for the same name written with another case, hyphenation or spacing ("al-Qaida" -> ORG)."""
    label = _known_labels().get(name)
    return label if label is not None else _folded_labels().get(_loose_key(name))


@cache
def _ranks(nouns: tuple[str, ...]) -> dict[str, int]:
    """Each noun of a list and its place in it (the first place of a repeated one)."""
    ranks: dict[str, int] = {}
    for i, noun in enumerate(nouns):
        ranks.setdefault(noun, i)
    return ranks


@lru_cache(maxsize=32768)
def _tail(word: str, nouns: tuple[str, ...]) -> str | None:
    """The listed noun a word is, or ends in as a compound head after at least three
    letters ("tennisvereniging" -> "vereniging"); of several, the first in the list. The
    word and its endings are looked up, not the list scanned: that scan was 150,000
    ``endswith`` calls per 500 articles."""
    low = word.lower().rsplit("-", 1)[-1]
    ranks = _ranks(nouns)
    found = [(ranks[s], s) for s in (low, *(low[i:] for i in range(3, len(low)))) if s in ranks]
    return min(found)[1] if found else None


@lru_cache(maxsize=32768)
def shape_pairs(name: str) -> tuple[tuple[str, float], ...]:
    """``shape_evidence`` as cached (label, weight) pairs."""
    return tuple(_shape_evidence(name).items())


def shape_evidence(name: str) -> Counter[str]:
    """Labels the name's own form implies (cached; see ``_shape_evidence``)."""
    return Counter(dict(shape_pairs(name)))


def _shape_evidence(name: str) -> Counter[str]:
    """Labels the name's own form implies.

    "Hurksestraat" -> LOC, "Alan Turingschool" -> ORG, "Songfestival" -> MISC,
    "A12" -> LOC (a road), "Universiteit Leiden" -> ORG, "US Open" -> MISC,
    "Jabhat al-Nusra" -> ORG, "Ras al-Ain" -> LOC (an opening word), "H" -> PER (a
    suspect the press names by an initial, "H."; a bare letter is no referent at all),
    "GroenLinksers" -> MISC (a known organisation's members), "Feyenoordsupporters" ->
    MISC (people).
    """
    out: Counter[str] = Counter()
    words = name.split()
    if not words:
        return out
    if len(name) == 1 and name.isupper():
        out["PER"] += W_SHAPE
        return out
    if _ROAD.match(words[-1]) and len(words) == 1:
        out["LOC"] += W_SHAPE
        return out
    last = words[-1].lower().rsplit("-", 1)[-1]
    particles = lexicon.words("name_particles.txt")
    lowered = {  # "Ellen van der Bank": a word after a particle is a surname, no "bank"
        w.lower() for i, w in enumerate(words) if i == 0 or words[i - 1].lower() not in particles
    }
    for label in _cues()["shape"]:
        suffix_hit = _has_suffix(last, label)
        suffix_hit = suffix_hit or (label == "ORG" and _institution_head(words, label))
        single, multi = _shape_words(label)
        word_hit = not single.isdisjoint(lowered) or any(w in fold(name) for w in multi)
        opening_hit = len(words) >= 2 and words[0].lower() in _openings(label)
        if suffix_hit or word_hit or opening_hit:
            out[label] += W_SHAPE
    if _is_work_title(words):
        out["MISC"] += W_SHAPE
    if len(words) == 1 and (_members_of(name) or _people_compound(name)):
        out["MISC"] += W_SHAPE
    if len(words) == 1 and words[0].lower() in _cues()["shape"]["MISC"]["alone"]:
        out["MISC"] += W_SHAPE  # "CO2", "PFAS", "Q3": a substance, a quarter
    return out


def _people_compound(word: str) -> bool:
    """One word whose end is a plural noun for people, after a name of at least three
    letters: a group, not an organisation or place ("Feyenoordsupporters",
    "Snapchatgebruikers", "Syriëgangers", "IJburgers"); "Burgers" alone may be a name."""
    low = word.lower()
    plurals, lengths = _people_plurals()
    return any(len(low) >= n + 3 and low[-n:] in plurals for n in lengths)


@cache
def _people_plurals() -> tuple[frozenset[str], tuple[int, ...]]:
    """The plurals ("-s", "-en") of the people nouns of five letters or more, with their
    lengths: one set look-up per length, not an ``endswith`` per noun (``_has_suffix``)."""
    plurals = frozenset(
        p + end for p in lexicon.people_nouns() if len(p) >= 5 for end in ("s", "en")
    )
    return plurals, tuple(sorted({len(x) for x in plurals}, reverse=True))


def _members_of(word: str) -> bool:
    """A known organisation's name with a people's ending: its members, not the
    organisation ("GroenLinksers", "D66'ers", "PSV'er", "PVV-ers" -> MISC, like
    "VVD'ers"). A short name as written ("Inger" is no member of ING); one of five letters
    or more in any case too ("Groenlinksers")."""
    known = _known_labels()
    for ending in ("'ers", "’ers", "-ers", "'er", "’er", "-er", "ers", "er"):
        base = word[: -len(ending)]
        if not word.endswith(ending) or len(base) < 2:
            continue
        label = known.get(base) or (known_label(base) if len(base) >= 5 else None)
        if label == "ORG":
            return True
    return False


@cache
def _suffixes(label: str) -> tuple[frozenset[str], tuple[int, ...]]:
    """The label's name suffixes as a set, with their lengths (longest first)."""
    suffixes = frozenset(_cues()["shape"][label]["suffixes"])
    return suffixes, tuple(sorted({len(x) for x in suffixes}, reverse=True))


def _has_suffix(word: str, label: str) -> bool:
    """The word ends in one of the label's suffixes after at least two letters of its own
    ("Hurksestraat", not "straat"): one set look-up per suffix length, not a test per
    suffix (there are hundreds)."""
    suffixes, lengths = _suffixes(label)
    if "" in suffixes and len(word) > 1:
        return True
    return any(len(word) > n + 1 and word[-n:] in suffixes for n in lengths if n)


def has_place_suffix(word: str) -> bool:
    """ "Hurksestraat", "Dillenburgstraat": the word ends in a LOC suffix (``_has_suffix``)."""
    return _has_suffix(word.lower(), "LOC")


@cache
def _openings(label: str) -> frozenset[str]:
    """The label's opening words: the first word of a name of two or more words types it
    ("Jabhat al-Nusra", "Ras al-Ain"; the Arabic words for front, cape ...)."""
    return frozenset(_cues()["shape"][label].get("opening", []))


@cache
def _shape_words(label: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The label's cue words: single words (matched against a name's words as a set) and
    phrases (matched inside the folded name): "universiteit"; "grand prix"."""
    words = _cues()["shape"][label]["words"]
    return frozenset(w for w in words if " " not in w), tuple(w for w in words if " " in w)


def _institution_head(words: list[str], label: str) -> bool:
    """The last word is itself one of the label's suffix nouns after a name: "Haga
    Lyceum", "Comenius College". Not after a particle: "Van der Bank" is a surname."""
    return (
        len(words) >= 2
        and words[-1][:1].isupper()
        and words[-1].lower() in _suffixes(label)[0]
        and words[-2].lower() not in lexicon.words("name_particles.txt")
    )


def _is_work_title(words: list[str]) -> bool:
    """An English title with lowercase function words: "The Lord of the Rings"."""
    starts = _cues()["shape"]["MISC"].get("work_title_starts", [])
    return (
        len(words) >= 4
        and words[0].lower() in starts
        and sum(1 for w in words if w in {"of", "the", "and", "in", "a"}) >= 2
    )


def first_name_evidence(name: str) -> Counter[str]:
    """A known first name opening a name of two or more words: "Herman Velvis" -> PER.

    Not when the name's own form types it otherwise: "Alan Turingschool" is a school and
    "Johan Cruijff Arena" a stadium, named after a person; but "Daniël Verlaan" keeps it,
    as a known surname ending like a street.
    """
    words = name.split()
    out: Counter[str] = Counter()
    if (
        len(words) >= 2
        and words[0].lower() in first_names()
        and words[-1][:1].isupper()
        and (words[-1].lower() in surnames() or not any(lab != "PER" for lab in shape_pairs(name)))
    ):
        out["PER"] += W_FIRST_NAME
    return out


def lone_name_evidence(
    name: str, ner: dict[str, float], context: Mapping[str, float] | None = None
) -> Counter[str]:
    """A referent named by one word only: is it a person, a place?

    Persons in the news are introduced by their full name; a lone word is a person when
    the news elsewhere uses it after a first name or a title ("Samsom" -> PER, even when
    the NER says ORG), when it is a person known by one name ("Rembrandt", ``mononyms``),
    or is itself a first name, and a place when the news puts it after
    "in", "naar" or "uit" ("Malmö" -> LOC). Any other lone word the NER calls a person is
    more likely a company, brand or club ("Ikea", "Vivera", "VW" -> ORG), or what its
    ``context`` evidence says when that is a place or a thing ("rond Kirkuk", "in
    Carlisle" -> LOC); a title before it ("minister Slob") still outweighs this. A lone
    word the NER calls a place that the news does not know as one is an organisation
    when its context says so more than it says place ("de website van Ticketmaster",
    "het platform Airbnb").
    """
    context = context or {}
    out: Counter[str] = Counter()
    if " " in name or not name[:1].isupper():
        return out
    low = name.lower()
    if (low in surnames() and not name.isupper()) or low in mononyms():  # "RAI" is no "Rai"
        out["PER"] += W_SURNAME
    elif low in places():
        out["LOC"] += W_PLACE
    elif low not in first_names() and ner.get("PER", 0.0) >= 0.5:
        out[_not_a_person(context)] += W_NOT_PERSON
    elif ner.get("LOC", 0.0) >= 0.5 and context.get("ORG", 0.0) > context.get("LOC", 0.0):
        out["ORG"] += W_NOT_PLACE
    return out


def _not_a_person(context: Mapping[str, float]) -> str:
    """What a lone word the NER wrongly calls a person is: what its context says ("in
    Carlisle", "rond Kirkuk" -> LOC), else an organisation."""
    label = max(("LOC", "MISC"), key=lambda lab: context.get(lab, 0.0))  # a tie: LOC
    return label if context.get(label, 0.0) > context.get("ORG", 0.0) else "ORG"


def _word_before(toks: DocTokens, i: int) -> str:
    return toks[i - 1].text if i > 0 else ""


def type_noun_evidence(toks: DocTokens, start: int) -> tuple[str, float] | None:
    """The noun just before a name types it.

    "entertainmentbedrijf Disney" -> ORG, "de wijk Strijp" -> LOC, "de film Ciske" -> MISC.
    """
    before = _word_before(toks, start)
    if not before[:1].islower():
        return None
    return _type_of(before)


@lru_cache(maxsize=32768)
def type_tail(word: str, label: str) -> bool:
    """The word is, or ends in, a shape noun of ``label``: "Universiteit", "Kunstacademie"."""
    cue = _cues()["shape"][label]
    low = word.lower()
    return low in cue["words"] or _tail(low, tuple(cue["suffixes"])) is not None


@lru_cache(maxsize=32768)
def _type_of(word: str) -> tuple[str, float] | None:
    for label, nouns in _cues()["type"].items():
        if _tail(word, tuple(nouns)):
            return (label, W_TYPE)
    return None


def role_evidence(toks: DocTokens, start: int, text: str) -> tuple[str, float] | None:
    """A role noun "van" the name, or the name glued to one, makes it an organisation.

    "de kopman van Astana", "de rector van het Comenius Lyceum" -> ORG; also the compound
    "Disney-topman" when the mention itself is one.
    """
    roles = tuple(_cues()["role"]["ORG"])
    if is_compound_modifier(text) and _tail(text.rsplit("-", 1)[-1], roles):
        return ("ORG", W_ROLE)
    i = start - 1
    if i >= 0 and toks[i].lower in {"de", "het"}:
        i -= 1
    if i >= 1 and toks[i].lower == "van" and _tail(toks[i - 1].text, roles):
        return ("ORG", W_ROLE)
    return None


def group_evidence(text: str) -> tuple[str, float] | None:
    """A group noun as the head of the mention's compound makes the named part the group's
    organisation: "Houthi-rebellen", "Peshmerga-strijders", "YPG-militie" -> ORG. Not for
    a name the gazetteer knows: "Syrië-strijders" fight in Syria."""
    if not is_compound_modifier(text):
        return None
    if not _tail(text.rsplit("-", 1)[-1], tuple(_cues()["group"]["ORG"])):
        return None
    return None if known_label(named_part(text)) is not None else ("ORG", W_GROUP)


def title_evidence(toks: DocTokens, start: int) -> tuple[str, float] | None:
    """A title or role word right before the name makes it a person: "minister Slob" -> PER.

    The word just before the trimmed name, so a title the NER put inside the span counts too.
    Lowercase, or capitalised only because it opens the sentence ("Staatssecretaris Snel
    (Financiën) huurde ..."): elsewhere a capitalised title may open an organisation's name
    or a job's ("'Raakvlakmanager Strategische Beheerorganisatie ...'").
    """
    if start == 0:
        return None
    before = toks[start - 1].text
    if is_title(before) and (before[:1].islower() or toks[start - 1].sent_start):
        return ("PER", W_TITLE)
    return None


def preposition_evidence(toks: DocTokens, start: int) -> tuple[str, float] | None:
    """A place preposition before the name: "in Duiven", "naar Malmö" -> a little LOC."""
    if _word_before(toks, start) in _cues()["preposition"]["LOC"]:
        return ("LOC", W_PREP)
    return None


def ner_vote(text: str) -> float:
    """One mention's vote weight; a compound word's label ("Apple-oprichter" MISC) counts little."""
    return 0.2 if named_part(text) != text or text.endswith("-") else 1.0


def ner_votes(votes: Mapping[str, float]) -> dict[str, float]:
    """The NER's labels (summed ``ner_vote`` weights) as shares.

    "Klaver" ORG, ORG, PER -> ORG 0.67, PER 0.33.
    """
    total = sum(votes.values()) or 1.0
    return {lab: W_NER * w / total for lab, w in votes.items()}


def apposed_title_evidence(toks: DocTokens, start: int, end: int) -> tuple[str, float] | None:
    """A name between commas after a noun phrase headed by a title is that person: "De
    Jordaanse minister van Buitenlandse Zaken, Safadi, noemt …", "de burgemeester van
    Milaan, Rossi, zei" -> PER (the title at most six words before the first comma, with
    its article; not a list after a named title, "minister Schouten van Landbouw, Natuur en
    Voedselkwaliteit, …", nor a common noun's apposition, "burgemeester van een grote stad,
    Newark, …")."""
    if start < 2 or end >= toks.n or toks[start - 1].text != "," or toks[end].text != ",":
        return None
    for j in range(start - 2, max(-1, start - 8), -1):
        if toks[j].punct:
            return None
        title = is_title(toks[j].text) and toks[j].text[:1].islower()
        if not title and toks[j].pos == "NOUN" and toks[j].text[:1].islower():
            return None  # "burgemeester van een grote stad, Newark": the city
        if title:
            opens = any(toks[k].lower in ("de", "het", "een") for k in range(max(0, j - 2), j))
            return ("PER", W_TITLE) if opens else None  # not "minister Schouten van Landbouw,"
    return None


def mention_context(toks: DocTokens, start: int, end: int, text: str) -> dict[str, float]:
    """All per-mention context evidence of one mention, summed per label."""
    out: dict[str, float] = {}
    for found in (
        type_noun_evidence(toks, start),
        role_evidence(toks, start, text),
        group_evidence(text),
        title_evidence(toks, start),
        apposed_title_evidence(toks, start, end),
        preposition_evidence(toks, start),
    ):
        if found is not None:
            out[found[0]] = out.get(found[0], 0.0) + found[1]
    return out


def decide(evidence: dict[str, float]) -> str:
    """The label with the most weight; ties go by ``LABEL_PRIORITY``."""
    if not evidence:
        return "MISC"
    best = max(evidence.values())
    return next(lab for lab in LABEL_PRIORITY if abs(evidence.get(lab, 0.0) - best) < 1e-9)


def cap_context(context: Mapping[str, float]) -> dict[str, float]:
    """Context evidence summed over mentions, capped per label so it cannot run away."""
    return {lab: min(w, CONTEXT_CAP) for lab, w in context.items() if lab in PROJECT_LABELS}
