"""Numeric claims on hand-annotated Docs: no model needed, every field checked."""

from __future__ import annotations

import re

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from newsclaims.claims import Claim, category_of, extract_claims, lemma_guess
from newsclaims.claims.exclusions import _number_next
from newsclaims.entities import ArticleEntities, extract_entities
from newsclaims.quotes import Quote
from newsclaims.records import Article
from newsclaims.rows import stamp_claim
from tests.test_numbers import dutch_words

# A tiny hand lexicon standing in for the tagger and lemmatizer.
NOUNS = {
    "strijders": "strijder",
    "IS-strijders": "IS-strijder",
    "burgers": "burger",
    "euro": "euro",
    "procent": "procent",
    "kilometer": "kilometer",
    "dagen": "dag",
    "weken": "week",
    "mensen": "mens",
    "doden": "dode",
    "gewonden": "gewonde",
    "landen": "land",
    "militairen": "militair",
    "vluchtelingen": "vluchteling",
    "helikopters": "helikopter",
    "graden": "graad",
    "sterren": "ster",
    "ster": "ster",
    "grens": "grens",
    "leger": "leger",
    "minister": "minister",
    "persbureau": "persbureau",
    "gebied": "gebied",
    "dorpen": "dorp",
    "boeren": "boer",
}
VERBS = {
    "zegt": "zeggen",
    "meldt": "melden",
    "schat": "schatten",
    "zijn": "zijn",
    "vielen": "vallen",
    "stierven": "sterven",
    "kwamen": "komen",
    "sprak": "spreken",
    "heeft": "hebben",
    "kost": "kosten",
    "kon": "kunnen",
    "vertrekken": "vertrekken",
    "aangekomen": "aankomen",
}
ADPS = {"in", "van", "op", "om", "over", "met", "door", "naar", "volgens", "binnen", "tot"}
DETS = {"de", "het", "een"}


_BLANK = spacy.blank("nl")
_BLANK.add_pipe("sentencizer")


@pytest.fixture(scope="module")
def blank() -> Language:
    return _BLANK


def annotate(language: Language, text: str, ents: dict[str, str] | None = None) -> Doc:
    """Tokenise, then tag from the hand lexicon and mark the named entities given."""
    doc = language(text)
    for t in doc:
        if t.text in NOUNS:
            t.pos_, t.lemma_ = "NOUN", NOUNS[t.text]
        elif t.text in VERBS:
            t.pos_, t.lemma_ = "VERB", VERBS[t.text]
        elif re.fullmatch(r"[\d.,]+", t.text):
            t.pos_, t.lemma_ = "NUM", t.text
        elif t.lower_ in ADPS:
            t.pos_, t.lemma_ = "ADP", t.lower_
        elif t.lower_ in DETS:
            t.pos_, t.lemma_ = "DET", t.lower_
        elif t.is_punct:
            t.pos_, t.lemma_ = "PUNCT", t.text
        else:
            t.pos_, t.lemma_ = "X", t.lower_
    spans = []
    for name, label in (ents or {}).items():
        for m in re.finditer(re.escape(name), text):
            span = doc.char_span(m.start(), m.end(), label=label)
            if span is not None and not any(
                s.start < span.end and span.start < s.end for s in spans
            ):
                spans.append(span)
    doc.ents = sorted(spans, key=lambda s: s.start)
    return doc


def run(doc: Doc, quotes: list[Quote] | None = None, aid: str = "art1") -> list[Claim]:
    article = Article(article_id=aid, source="test", record="r", text=doc.text, date="2019-05")
    entities = extract_entities(doc)
    return [stamp_claim(c, article) for c in extract_claims(doc, entities, quotes or [])]


def only(claims: list[Claim], text: str) -> Claim:
    found = [c for c in claims if c.text == text]
    assert len(found) == 1, [c.text for c in claims]
    return found[0]


def test_hedged_count_with_entity_and_volgens_source(blank: Language) -> None:
    text = (
        "Terreurgroep Islamitische Staat (IS) heeft volgens de Verenigde Naties nog "
        "zo'n 14.000 IS-strijders in het gebied."
    )
    doc = annotate(
        blank, text, {"Islamitische Staat": "ORG", "IS": "ORG", "Verenigde Naties": "ORG"}
    )
    claims = run(doc)
    c = only(claims, "zo'n 14.000 IS-strijders")
    assert (c.value, c.low, c.high) == (14000.0, None, None)
    assert (c.qualifier, c.cue) == ("approx", "zo'n")
    assert (c.unit, c.counted, c.category) == ("strijder", "IS-strijders", "people")
    article_entities = extract_entities(doc)
    is_entity = article_entities.resolve("IS")
    assert is_entity is not None and c.subject_entity_id == is_entity.entity_id
    assert c.source == "Verenigde Naties"
    assert c.source_entity_id == article_entities.resolve("Verenigde Naties").entity_id  # type: ignore[union-attr]
    assert c.quote_id is None
    assert c.claim_id == "art1:c0" and c.date == "2019-05" and c.sentence_idx == 0


def test_subject_after_van_and_source_naar_schatting_van(blank: Language) -> None:
    text = "Er zijn naar schatting van het Rode Kruis 300 strijders van terreurgroep Al-Shabaab."
    doc = annotate(blank, text, {"Rode Kruis": "ORG", "Al-Shabaab": "ORG"})
    c = only(run(doc), "300 strijders")
    entities = extract_entities(doc)
    shabaab, red_cross = entities.resolve("Al-Shabaab"), entities.resolve("Rode Kruis")
    assert shabaab is not None and red_cross is not None
    assert c.subject_entity_id == shabaab.entity_id
    assert (c.source, c.source_entity_id) == ("Rode Kruis", red_cross.entity_id)


def test_years_dates_times_ages_identifiers_and_article_are_not_claims(blank: Language) -> None:
    text = (
        "In 2016 stierven 40 mensen. Op 3 maart 2019 om 14.30 uur sprak de 45-jarige minister "
        "over Artikel 50 en een grens van 600 kilometer. De Boeing 737 kwamen om 8 uur."
    )
    claims = run(annotate(blank, text))
    assert [c.text for c in claims] == ["40 mensen", "600 kilometer"]
    assert [c.category for c in claims] == ["people", "distance"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the age (range) of the people just named is no claim, both numbers of a range
        ("Het is voor mensen tussen de 40 en de 55 jaar.", []),
        ("Kinderen onder de 12 jaar mogen gratis naar binnen.", []),
        ("Ze stopte met 30 jaar.", []),  # "met N jaar" closing the phrase: at that age
        # durations stay claims
        ("Hij werkte met 3 jaar vertraging.", ["3 jaar"]),
        ("Er wachten 300 kinderen al 2 jaar op een plek.", ["300 kinderen", "2 jaar"]),
        ("Het duurde tussen de 2 en 3 jaar.", ["tussen de 2 en 3 jaar"]),
    ],
)
def test_an_age_of_the_people_named_is_no_claim(
    blank: Language, text: str, expected: list[str]
) -> None:
    assert [c.text for c in run(annotate(blank, text))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a list that opens and closes with "miljoen": the bare numbers between share it
            "Veertig miljoen, vijftig, zestig, zeventig miljoen euro werd geboden.",
            [4e7, 5e7, 6e7, 7e7],
        ),
        ("Er werd 3 miljoen, 7, 9, 12 miljoen euro geboden.", [3e6, 7e6, 9e6, 1.2e7]),
        # only when the list opens with the scale too
        ("Er kwamen 40 en 60 miljoen euro binnen.", [40.0, 6e7]),
        # no list: a bare number after a scaled one keeps its value
        ("Hij kreeg 3 miljoen, zij kreeg er 5.", [3e6, 5.0]),
    ],
)
def test_a_list_s_scale_holds_for_the_bare_numbers_inside_it(
    blank: Language, text: str, expected: list[float]
) -> None:
    assert [c.value for c in run(annotate(blank, text))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("De twee duelleerden om plek vier.", ["twee"]),  # a position
        ("Verstappen naar plek drie\n\nHamilton startte razendsnel.", []),  # a heading's end
        ("Na de herstart (ronde 53 van 66) won hij.", []),  # position N of M: M too
        ("Daarna duurde het 66 dagen.", ["66 dagen"]),  # a count stays
    ],
)
def test_positions_are_not_claims(blank: Language, text: str, expected: list[str]) -> None:
    assert [c.text for c in run(annotate(blank, text))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a year right before another number: the counted noun is the other number's
        ("vanaf 2021 twee winkelgebieden", True),
        ("in 2019 40 doden", True),
        ("2021 euro", False),  # a count that looks like a year keeps its noun
        ("2014 een nieuwe wet", False),  # the article "een" is no number
        ("2021. Twee", False),  # not within the sentence
    ],
)
def test_a_year_before_another_number_is_no_count(text: str, expected: bool) -> None:
    year = re.search(r"\d{4}", text)
    assert year is not None
    assert _number_next(text, year.end()) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # days listed before the day their month follows are a date, like it
        ("Het festival is op 12, 14 en 16 mei.", []),
        ("Het duel is op 7 en 8 februari in Den Haag.", []),
        ("Er vielen 3 en 4 burgers.", ["3", "4 burgers"]),  # not before a month: counts
    ],
)
def test_listed_days_before_their_month_are_a_date(
    blank: Language, text: str, expected: list[str]
) -> None:
    assert [c.text for c in run(annotate(blank, text))] == expected


@pytest.mark.parametrize(
    ("text", "tags", "expected"),
    [
        # a child's age after "van"
        ("Het ging om een man en hun zoon van 13.", {"zoon": "NOUN"}, []),
        ("Het ging om een groep van 13.", {"groep": "NOUN"}, ["13"]),  # a group: a count
        # a list's number between sentences
        ("Het gemiddelde is 31 procent. 2. Vliegen is duur.", {}, ["31 procent"]),
        # a name or heading opening the sentence and its number
        ("Dota 2 is een spel.", {"Dota": "PROPN"}, []),
        ("Ruim 2 procent.", {"Ruim": "ADV"}, ["Ruim 2 procent"]),  # not an adverb
    ],
)
def test_ages_list_numbers_and_names_are_no_counts(
    blank: Language, text: str, tags: dict[str, str], expected: list[str]
) -> None:
    doc = annotate(blank, text)
    for t in doc:
        if t.text in tags:
            t.pos_ = tags[t.text]
    assert [c.text for c in run(doc)] == expected


def test_another_number_counts_the_noun_after_it(blank: Language) -> None:
    """Not the year before it, over an adjective: "in 2019 gemiddeld 9,5 procent"."""
    doc = annotate(blank, "De lonen stegen in 2018 en 2019 gemiddeld 9,5 procent.")
    for t in doc:
        if t.text == "gemiddeld":
            t.pos_ = "ADJ"
    assert [c.text for c in run(doc)] == ["9,5 procent"]


def test_scores_clock_halves_plates_ordinals_and_prepositions_are_not_claims(
    blank: Language,
) -> None:
    text = (
        "Het werd 2-1 na de 1-1 bij rust. Om half vier stond het kenteken 12 AB op de weg. "
        "Een tweede poging volgde. Ze praten over twee mensen. Een honderd-meter-race."
    )
    claims = run(annotate(blank, text))
    assert [c.text for c in claims] == ["twee mensen"]
    assert claims[0].qualifier == "exact"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ze won met 7-6 (1), 4-6, 6-4 van Kvitová.", []),  # sets: "4-6" is no range
        ("Ze verloor van Mladenovic: 4-6, 6-2, 1-6.", []),
        ("Servië verloor zaterdag met 2-4 van Portugal.", []),
        ("Hij had de bezoekers al op 0-1 gezet.", []),
        ("Ze zorgden weer voor een 1-2.", []),  # a one-two finish
        ("Ze moest buigen voor Manchester United: 1-3.", []),  # a result ends the sentence
        ("Het duurt 4-6 weken.", ["4-6 weken"]),  # a range of something counted
    ],
)
def test_a_pair_of_digits_is_a_score_in_a_list_of_sets_or_after_met(
    blank: Language, text: str, expected: list[str]
) -> None:
    assert [c.text for c in run(annotate(blank, text))] == expected


def test_ranges_and_vague_plurals(blank: Language) -> None:
    text = "Er vielen tussen 20 en 30 doden en honderden tot duizenden gewonden. Tientallen dorpen."
    claims = run(annotate(blank, text))
    r = only(claims, "tussen 20 en 30 doden")
    assert (r.value, r.low, r.high, r.qualifier, r.unit) == (None, 20, 30, "range", "dode")
    v = only(claims, "honderden tot duizenden gewonden")
    assert (v.low, v.high, v.qualifier, v.unit, v.category) == (
        200,
        9999,
        "range",
        "gewonde",
        "people",
    )
    t = only(claims, "Tientallen dorpen")
    assert (t.low, t.high, t.qualifier, t.category) == (20, 99, "approx", "other")


@pytest.mark.parametrize(
    ("sentence", "span", "value", "qualifier", "cue"),
    [
        (
            "Er zijn Meer dan 300 duizend burgers.",
            "Meer dan 300 duizend burgers",
            300000,
            "more_than",
            "Meer dan",
        ),
        ("Er zijn ruim zeventig burgers.", "ruim zeventig burgers", 70, "more_than", "ruim"),
        ("Er zijn bijna een miljoen mensen.", "bijna een miljoen mensen", 1e6, "almost", "bijna"),
        (
            "Er zijn minstens tien helikopters.",
            "minstens tien helikopters",
            10,
            "at_least",
            "minstens",
        ),
        ("Het is nog geen 5 procent.", "nog geen 5 procent", 5, "less_than", "nog geen"),
        ("Ze vertrekken binnen zes dagen.", "binnen zes dagen", 6, "at_most", "binnen"),
        ("Ze vertrekken over drie weken.", "drie weken", 3, "exact", None),
        (
            "Er zijn naar schatting onder meer 4.000 boeren.",
            "naar schatting onder meer 4.000 boeren",
            4000,
            "approx",
            "naar schatting",
        ),
        ("Er zijn 80 landen.", "80 landen", 80, "exact", None),
    ],
)
def test_hedges(
    blank: Language, sentence: str, span: str, value: float, qualifier: str, cue: str | None
) -> None:
    c = only(run(annotate(blank, sentence)), span)
    assert (c.value, c.qualifier, c.cue) == (value, qualifier, cue)


def test_hedged_range_keeps_the_hedge(blank: Language) -> None:
    c = only(run(annotate(blank, "Het wordt hooguit 14 of 15 graden.")), "hooguit 14 of 15 graden")
    assert (c.low, c.high, c.qualifier, c.unit) == (14, 15, "at_most", "graad")


def test_money_and_percent_symbols(blank: Language) -> None:
    claims = run(annotate(blank, "Het kost 3 miljoen euro. Het kost € 2,5 miljoen. Steun is 40%."))
    assert (only(claims, "3 miljoen euro").value, only(claims, "3 miljoen euro").category) == (
        3e6,
        "money",
    )
    eur = only(claims, "€ 2,5 miljoen")
    assert (eur.value, eur.unit, eur.category) == (2.5e6, "euro", "money")
    pct = only(claims, "40%")
    assert (pct.value, pct.unit, pct.category) == (40, "procent", "percent")


# More than the 200 characters a bare number looks back without "de" before it.
_FAR = "Het was een lange reis door het gebied en iedereen was erg moe van alles. " * 3


def test_fraction_counts_what_follows_van(blank: Language) -> None:
    c = only(run(annotate(blank, "Nu is de helft van de strijders weg.")), "de helft")
    assert (c.value, c.unit, c.category) == (0.5, "strijder", "people")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Melk met één en met twee sterren.", [("één", "ster"), ("twee sterren", "ster")]),
        (  # a list names its unit once, at the end: every item shares it
            "Veertig, vijftig, zestig euro betaalden ze.",
            [("Veertig", "euro"), ("vijftig", "euro"), ("zestig euro", "euro")],
        ),
        (  # an amount with a scale word after money: the same money
            "Hij kostte 70 miljoen euro. Vorig jaar was dat nog 40 miljoen.",
            [("70 miljoen euro", "euro"), ("40 miljoen", "euro")],
        ),
        (  # without a scale word a bare number after money stays without a unit
            "Hij kostte 70 euro. Vorig jaar waren het er 40.",
            [("70 euro", "euro"), ("40", None)],
        ),
        (  # "de tien": the group of ten named before, however far back
            "Er kwamen tien vluchtelingen aan. " + _FAR + "Zondag gingen de tien weg.",
            [("tien vluchtelingen", "vluchteling"), ("tien", "vluchteling")],
        ),
        (  # "die" and "deze" point back too, past a count of another size
            "Er kwamen tien vluchtelingen aan. " + _FAR + "Daar zaten 40 boeren. Die tien bleven.",
            [("tien vluchtelingen", "vluchteling"), ("40 boeren", "boer"), ("tien", "vluchteling")],
        ),
        (  # "de groep van tien" too
            "Er kwamen tien vluchtelingen aan. " + _FAR + "De groep van tien heeft geen papieren.",
            [("tien vluchtelingen", "vluchteling"), ("tien", "vluchteling")],
        ),
        (  # "van" alone points back at nothing
            "Er kwamen tien vluchtelingen aan. " + _FAR + "Hij won met een score van tien.",
            [("tien vluchtelingen", "vluchteling"), ("tien", None)],
        ),
        (  # another size is another group
            "Er kwamen tien vluchtelingen aan. " + _FAR + "Zondag gingen de twee weg.",
            [("tien vluchtelingen", "vluchteling"), ("twee", None)],
        ),
        (  # digits after "de" are a name as often as a group: "De 737 is een toestel"
            "Er kwamen 737 vluchtelingen aan. " + _FAR + "Zondag gingen de 737 weg.",
            [("737 vluchtelingen", "vluchteling"), ("737", None)],
        ),
        (  # a plural scale word with nothing counted: money, in euros by default
            "Het kost miljoenen per maand om het bedrijf overeind te houden.",
            [("miljoenen", "euro")],
        ),
        (  # ... or in the currency counted last, however far back
            "Het kostte 20 miljoen dollar. " + _FAR + "Nu verdient het bedrijf miljarden.",
            [("20 miljoen dollar", "dollar"), ("miljarden", "dollar")],
        ),
        (  # a plural noun after it is counted
            "Hij heeft miljoenen fans.",
            [("miljoenen fans", "fan")],
        ),
        (  # a singular scale word alone is no amount of money
            "Het kost een miljoen per maand.",
            [("een miljoen", None)],
        ),
        (  # a scale word, then "aan" and what it buys: money, in euros by default
            "Volgens hem kost het plan 1000 miljard aan kosten.",
            [("1000 miljard", "euro")],
        ),
        (  # ... or in the currency the article counted in last
            "Er ging 20 euro heen en 5 dollar terug. " + _FAR + "Toen 3 miljard aan boetes.",
            [("20 euro", "euro"), ("5 dollar", "dollar"), ("3 miljard", "dollar")],
        ),
        (  # "aan" closing the clause is a verb's particle: "er kwamen 3 miljoen aan"
            "Daarna kwamen er 3 miljoen aan.",
            [("3 miljoen", None)],
        ),
        (  # without "de", "die" or "deze" a far bare number stays without a unit
            "Er kwamen tien vluchtelingen aan. " + _FAR + "Zondag gingen er tien weg.",
            [("tien vluchtelingen", "vluchteling"), ("tien", None)],
        ),
    ],
)
def test_bare_number_shares_the_unit_of_its_neighbours(
    blank: Language, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert [(c.text, c.unit) for c in run(annotate(blank, text))] == expected


def test_source_from_quote_covering_the_claim(blank: Language) -> None:
    text = 'Minister Jansen: "Er zijn 500 vluchtelingen aangekomen in het gebied." Daarna niets.'
    doc = annotate(blank, text, {"Jansen": "PER"})
    start = text.index("Er zijn")
    end = text.index('." Daarna') + 1
    quote = Quote(
        quote_id="q0",  # extractor records carry local ids
        article_id="",
        sentence_idx=0,
        start=start,
        end=end,
        text=text[start:end],
        kind="direct",
        speaker="Piet Jansen",
        speaker_text="Minister Jansen",
        speaker_entity_id="E123",
        cue=":",
        resolution="colon",
        date="2019-05",
    )
    c = only(run(doc, [quote]), "500 vluchtelingen")
    assert (c.source, c.source_entity_id, c.quote_id) == ("Piet Jansen", "E123", "art1:q0")
    # outside the quote, no source
    c2 = only(run(doc, []), "500 vluchtelingen")
    assert (c2.source, c2.quote_id) == (None, None)


def test_source_from_next_sentence_dat_meldt(blank: Language) -> None:
    text = "Er zijn 500 vluchtelingen aangekomen. Dat meldt persbureau Reuters. Er zijn 7 doden."
    claims = run(annotate(blank, text, {"Reuters": "ORG"}))
    assert only(claims, "500 vluchtelingen").source == "Reuters"
    assert only(claims, "500 vluchtelingen").source_entity_id is not None
    # the report goes on in the sentence after its attribution (``report_before_source``)
    assert only(claims, "7 doden").source == "Reuters"


def _parsed(
    words: list[str],
    spaces: list[bool],
    heads: list[int],
    deps: list[str],
    pos: list[str],
    lemmas: list[str],
) -> Doc:
    return Doc(
        _BLANK.vocab,
        words=words,
        spaces=spaces,
        heads=heads,
        deps=deps,
        pos=pos,
        lemmas=lemmas,
        sent_starts=[True] + [False] * (len(words) - 1),
    )


def test_reporting_verb_subject_and_nummod_head() -> None:
    # "Het leger schat dat er 300 door de VN getelde vluchtelingen zijn."
    words = [
        "Het",
        "leger",
        "schat",
        "dat",
        "er",
        "300",
        "door",
        "de",
        "VN",
        "getelde",
        "vluchtelingen",
        "zijn",
        ".",
    ]
    heads = [1, 2, 2, 11, 11, 10, 8, 8, 9, 10, 11, 2, 2]
    deps = [
        "det",
        "nsubj",
        "ROOT",
        "mark",
        "advmod",
        "nummod",
        "case",
        "det",
        "obl",
        "amod",
        "nsubj",
        "ccomp",
        "punct",
    ]
    pos = [
        "DET",
        "NOUN",
        "VERB",
        "SCONJ",
        "ADV",
        "NUM",
        "ADP",
        "DET",
        "PROPN",
        "ADJ",
        "NOUN",
        "AUX",
        "PUNCT",
    ]
    lemmas = [
        "het",
        "leger",
        "schatten",
        "dat",
        "er",
        "300",
        "door",
        "de",
        "VN",
        "tellen",
        "vluchteling",
        "zijn",
        ".",
    ]
    spaces = [True] * 11 + [False, False]
    doc = _parsed(words, spaces, heads, deps, pos, lemmas)
    [c] = run(doc)
    assert c.text == "300 door de VN getelde vluchtelingen"
    assert (c.unit, c.category, c.source) == ("vluchteling", "people", "leger")


@pytest.mark.parametrize(
    ("words", "pos", "unit"),
    [
        (  # the parser hung the noun elsewhere: the phrase before it is read by its form
            ["Er", "zijn", "twee", "voor", "de", "hand", "liggende", "opties", "."],
            ["ADV", "VERB", "NUM", "ADP", "DET", "NOUN", "VERB", "NOUN", "PUNCT"],
            "optie",
        ),
        (
            ["Er", "zijn", "drie", "door", "de", "VN", "getelde", "kampen", "."],
            ["ADV", "VERB", "NUM", "ADP", "DET", "PROPN", "ADJ", "NOUN", "PUNCT"],
            "kamp",
        ),
        (  # a plain prepositional phrase: its adjective belongs to its own noun
            ["Er", "zijn", "twee", "voor", "de", "Russische", "club", "."],
            ["ADV", "VERB", "NUM", "ADP", "DET", "ADJ", "NOUN", "PUNCT"],
            None,
        ),
    ],
)
def test_a_number_counts_the_noun_after_an_adjective_phrase(
    words: list[str], pos: list[str], unit: str | None
) -> None:
    n = len(words)
    heads = [1, 1, 1] + [2] * (n - 4) + [1]  # the number heads the rest, as the parser had it
    deps = ["advmod", "ROOT", "nsubj"] + ["nmod"] * (n - 4) + ["punct"]
    doc = _parsed(
        words, [True] * (n - 2) + [False, False], heads, deps, pos, [w.lower() for w in words]
    )
    [c] = run(doc)
    assert c.unit == unit


@pytest.mark.parametrize(
    ("counted", "unit"),
    [
        ("Ferrari's", "ferrari"),  # a name the tagger could not place (X): still counted
        ("ritzeges", "ritzege"),
        ("t/m", None),  # no word
    ],
)
def test_a_number_counts_the_unplaced_word_it_modifies(counted: str, unit: str | None) -> None:
    # "Hij had twee <counted> achter zich .", "twee" a nummod of the X-tagged word
    words = ["Hij", "had", "twee", counted, "achter", "zich", "."]
    heads = [1, 1, 3, 1, 5, 1, 1]
    deps = ["nsubj", "ROOT", "nummod", "obj", "case", "obl", "punct"]
    pos = ["PRON", "VERB", "NUM", "X", "ADP", "PRON", "PUNCT"]
    lemmas = ["hij", "hebben", "twee", counted.lower(), "achter", "zich", "."]
    doc = _parsed(words, [True] * 5 + [False, False], heads, deps, pos, lemmas)
    [c] = run(doc)
    assert c.unit == unit


@pytest.mark.parametrize(
    ("word", "model_lemma", "unit"),
    [
        ("Tinkerbells", "tinkerbells", "tinkerbell"),  # a name in the plural
        ("Ferrari's", "ferrari's", "ferrari"),
        ("Oscars", None, "oscar"),
        ("Mercedes", "mercedes", "mercedes"),  # "-es": singular and plural alike
        ("tinkerbells", "tinkerbells", "tinkerbells"),  # lowercase: no name
        ("Boeings", "boeing", "boeing"),  # the lemmatizer's answer stands
    ],
)
def test_a_counted_name_in_the_plural(word: str, model_lemma: str | None, unit: str) -> None:
    assert lemma_guess(word, model_lemma) == unit


@pytest.mark.parametrize(
    ("unit", "category"),
    [
        ("speelster", "people"),  # a person role of the attribution layer (quote_roles.txt)
        ("tennisspeelster", "people"),  # a compound ending in one
        ("zanger", "people"),
        ("helikopter", "other"),
        ("kopman", "people"),  # "vijf kopmannen": "man" alone is too short an ending
        ("volger", "people"),  # audiences and customers ("13 miljoen volgers")
        ("achtervolger", "people"),
        ("abonnee", "people"),
        ("stofzuigerverkoper", "people"),
        ("handlanger", "people"),
        ("gastland", "other"),
    ],
)
def test_a_count_of_a_person_role_is_people(unit: str, category: str) -> None:
    assert category_of(unit) == category


def test_lemma_and_category_helpers() -> None:
    assert lemma_guess("jaren", "jaren") == "jaar"
    assert lemma_guess("weken") == "week"
    assert lemma_guess("kinderen") == "kind"
    assert lemma_guess("groepjes", "groep") == "groepje"
    assert category_of("melkveehouder") == "people"
    assert category_of("kilometer") == "distance"
    assert category_of("eurocent") == "money"
    assert category_of("helikopter") == "other"
    assert category_of(None) == "other"
    assert category_of("venezolaan") == "people"  # the generated demonyms
    assert category_of("koerd") == "people"  # the hand-written ones
    assert category_of("weekeind") == "duration"  # "drie weekeinden"
    assert category_of("tennisser") == "people"  # sport: "dertig tennissers"
    assert category_of("wielrenner") == "people"  # by its ending
    assert category_of("peuter") == "people"  # ages: "twee peuters"
    assert category_of("drugsdealer") == "people"  # crime, by its ending


def test_ids_order_and_spans(blank: Language) -> None:
    text = "Er zijn 5 doden. Er zijn 6 gewonden en 7 vluchtelingen."
    claims = run(annotate(blank, text), aid="x")
    assert [c.claim_id for c in claims] == ["x:c0", "x:c1", "x:c2"]
    assert [c.sentence_idx for c in claims] == [0, 1, 1]
    assert all(text[c.start : c.end] == c.text for c in claims)


# --- property-based ---------------------------------------------------------------------


def _check(claims: list[Claim], text: str, aid: str | None = None) -> None:
    """Invariants; ``aid`` given for stamped rows, None for the extractor's local records."""
    prefix = f"{aid}:" if aid else ""
    assert [c.claim_id for c in claims] == [f"{prefix}c{i}" for i in range(len(claims))]
    assert [c.start for c in claims] == sorted(c.start for c in claims)
    for c in claims:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start : c.end] == c.text
        if c.low is not None and c.high is not None:
            assert c.low <= c.high
            if c.value is not None:
                assert c.low <= c.value <= c.high
        assert c.qualifier in {
            "exact",
            "approx",
            "more_than",
            "less_than",
            "at_least",
            "at_most",
            "almost",
            "range",
        }
        assert c.category in {"people", "money", "percent", "distance", "duration", "other"}


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_breaks(text: str) -> None:
    doc = _BLANK(text)
    Article("p", "t", "r", text)
    claims = extract_claims(doc, ArticleEntities("p", ()), [])
    _check(claims, text)


_HEDGES = ["", "zo'n ", "ruim ", "Minder dan ", "naar schatting ", "bijna ", "tot ", "tussen "]
_NOUNS = ["strijders", "IS-strijders", "euro", "procent", "dagen", "mensen", "dorpen", "%", ""]
_FILLERS = [
    "Het leger zegt dat",
    "Volgens de Verenigde Naties zijn er",
    "In 2014 kwamen",
    "Dat meldt persbureau Reuters.",
    "Op 3 maart om 14.30 uur waren er",
    '"Er zijn',
    "Er vielen",
]


@st.composite
def articles(draw: st.DrawFn) -> str:
    sentences = []
    for _ in range(draw(st.integers(1, 6))):
        n = draw(st.integers(0, 2_000_000))
        number = draw(
            st.sampled_from(
                [
                    str(n),
                    f"{n:,}".replace(",", "."),
                    dutch_words(n % 999_999 + 1),
                    f"{n % 100} tot {n % 100 + 5}",
                    "honderden tot duizenden",
                    "tientallen",
                    f"{n % 1000},5 miljoen",
                    "een derde",
                ]
            )
        )
        sentence = " ".join(
            part
            for part in (
                draw(st.sampled_from(_FILLERS)),
                draw(st.sampled_from(_HEDGES)) + number,
                draw(st.sampled_from(_NOUNS)),
            )
            if part
        )
        sentences.append(sentence + draw(st.sampled_from([".", '."', ", aldus Jansen.", "!"])))
    paragraphs = draw(
        st.lists(st.sampled_from([" ", "\n\n"]), min_size=len(sentences), max_size=len(sentences))
    )
    return "".join(s + sep for s, sep in zip(sentences, paragraphs, strict=True)).strip()


@settings(max_examples=80, deadline=None)
@given(articles(), st.data())
def test_real_looking_articles_never_break(text: str, data: st.DataObject) -> None:
    doc = annotate(_BLANK, text, {"Verenigde Naties": "ORG", "Reuters": "ORG", "Jansen": "PER"})
    # random (possibly odd) quotes over the text
    quotes = []
    for i in range(data.draw(st.integers(0, 3))):
        a = data.draw(st.integers(0, len(text)))
        b = data.draw(st.integers(a, len(text)))
        speaker = data.draw(st.sampled_from([None, "Jansen", "de minister"]))
        quotes.append(
            Quote(
                f"r:q{i}",
                "r",
                0,
                a,
                b,
                text[a:b],
                "direct",
                speaker,
                speaker,
                None,
                None,
                None,
                None,
            )
        )
    Article("r", "t", "r", text)
    claims = extract_claims(doc, extract_entities(doc), quotes)
    _check(claims, text)
    for c in claims:
        inside = [q for q in quotes if q.start <= c.start and c.end <= q.end and q.speaker]
        if inside:
            assert c.quote_id is not None and c.source is not None


def test_with_the_bundled_model(bundled_nlp: Language) -> None:
    """Smoke test through the real pipeline; assertions only on what the text decides."""
    text = "Volgens de politie zijn zo'n 2000 mensen geëvacueerd. In 2018 waren het er 300."
    doc = bundled_nlp(text)
    claims = run(doc)
    first = next(c for c in claims if c.value == 2000)
    assert (first.qualifier, first.cue) == ("approx", "zo'n")
    assert first.text.startswith("zo'n 2000")
    assert all(c.value != 2018 for c in claims)
    _check(claims, text, "art1")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a rank or position, in digits or words
        ("Zij is de nummer zeven van de wereld en heeft 40 mensen in dienst.", ["40 mensen"]),
        ("Hij ging van plaats vier naar drie en reed 600 kilometer.", ["600 kilometer"]),
        ("Bij bocht drie kon hij 40 mensen passeren.", ["40 mensen"]),  # before the verb
        ("Op 3-3 in set vier kon hij 40 mensen passeren.", ["40 mensen"]),  # a tennis set
        ("Bij bocht drie mensen zien is mooi.", ["drie mensen"]),  # a noun follows: counted
        ("Kinderen uit groep acht in het land. Het is dag 61 van het proces.", []),
        ("De op twee na jongste winnaar kreeg 40 euro.", ["40 euro"]),  # "op N na": a rank
        # "per dag 40 euro" counts: a unit follows the number
        ("Ze betalen per dag 40 euro.", ["40 euro"]),
        # ages without "jaar"
        ("De helft is jonger dan 25. Ze moeten weg als ze 21 worden.", ["De helft"]),
        ("Ik sprak met mevrouw Ans de Wit van 96 jaar over 300 burgers.", ["300 burgers"]),
        # a date after a weekday; "één voor één"
        ("Er wordt gewerkt van dinsdag 23 tot vrijdag 26 april.", []),
        ("Eén voor één somt hij de 40 doden op.", ["40 doden"]),
    ],
)
def test_ranks_ages_weekday_dates_and_one_by_one_are_not_claims(
    blank: Language, text: str, kept: list[str]
) -> None:
    assert [c.text for c in run(annotate(blank, text))] == kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Europa acht zich gebonden aan 300 mensen.", ["300 mensen"]),  # "achten"
        ("Er kwamen acht vluchtelingen aan.", ["acht vluchtelingen"]),
    ],
)
def test_a_verb_that_is_also_a_number_word_is_no_claim(
    blank: Language, text: str, kept: list[str]
) -> None:
    assert [c.text for c in run(annotate(blank, text))] == kept


@pytest.mark.parametrize(
    ("words", "heads", "deps", "pos", "unit"),
    [
        (  # "Hij won er vier in totaal.": "in totaal" is an adverbial, it counts nothing
            ["Hij", "won", "er", "vier", "in", "totaal", "."],
            [1, 1, 1, 5, 5, 1, 1],
            ["nsubj", "ROOT", "advmod", "nummod", "case", "obl", "punct"],
            ["PRON", "VERB", "ADV", "NUM", "ADP", "NOUN", "PUNCT"],
            None,
        ),
        (  # "het totaal van vier boeren": the noun after "van"
            ["Het", "totaal", "van", "vier", "boeren", "."],
            [1, 1, 4, 4, 1, 1],
            ["det", "ROOT", "case", "nummod", "nmod", "punct"],
            ["DET", "NOUN", "ADP", "NUM", "NOUN", "PUNCT"],
            "boer",
        ),
    ],
)
def test_in_totaal_counts_nothing(
    words: list[str], heads: list[int], deps: list[str], pos: list[str], unit: str | None
) -> None:
    doc = _parsed(words, [True] * (len(words) - 2) + [False, False], heads, deps, pos, words)
    claims = run(doc)
    assert [c.unit for c in claims] == [unit]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("De stand na de eerste set is 114\n\nDaarna won Ajax de wedstrijd.", [(114.0, None)]),
        ("Er kwamen 25 miljoen toeristen\n\nDe stad is vol.", [(25_000_000.0, "toerist")]),
    ],
)
def test_a_paragraph_break_is_never_what_a_number_counts(
    bundled_nlp: Language, text: str, values: list[tuple[float, str | None]]
) -> None:
    """The bundled model tags whitespace tokens SPACE (its attribute ruler): the treebanks
    it learned from hold none, and its tagger had called "\\n\\n" a noun."""
    doc = bundled_nlp(text)
    assert all(t.pos_ == "SPACE" for t in doc if t.is_space)
    claims = run(doc)
    assert [(c.value, c.unit) for c in claims] == values
    assert not any(c.text != c.text.strip() for c in claims)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # digits before a capitalised word in the singular: a name the number belongs to
        ("De 737 Max mag weer vliegen.", []),
        ("Hij woont op 10 Downing Street.", []),
        # or a heading run into the text (a regional paper's numbered sections)
        ("De zaak loopt. 6 Uitstel Na de crash beloofde Boeing een update.", []),
        # a plural, a place's adjective or a unit counts as ever
        ("Hij won 58 Emmy's in zijn loopbaan.", [58.0]),
        ("Zo'n 85 Nederlandse jihadi's kwamen om.", [85.0]),
        ("Er kwamen 40 Amsterdammers.", [40.0]),
        # numbers in words count names too: "zes Crystal Globes"
        ("Hij won zes Crystal Globes.", [6.0]),
    ],
)
def test_digits_before_a_name_are_part_of_it(
    blank: Language, text: str, expected: list[float]
) -> None:
    assert [c.value for c in run(annotate(blank, text))] == expected
