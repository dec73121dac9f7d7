"""Rule tables for the entity package: labels, linking, span repairs (model-free)."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from newsclaims.entities import extract_entities, is_title
from newsclaims.entities.labels import (
    _tail,
    decide,
    first_name_evidence,
    known_label,
    shape_evidence,
    shape_pairs,
)
from newsclaims.entities.linking import part_host_fits, person_host_fits
from newsclaims.entities.names import is_place_word, lowercase_word_at_start, place_of_adjective
from newsclaims.entities.tokens import DocTokens
from tests.conftest import build_tiny_nlp, entities_with_ents


def _labels(patterns: list[dict[str, str]], text: str) -> dict[str, set[str]]:
    """Canonical name -> the labels its mentions carry."""
    found = extract_entities(build_tiny_nlp(patterns)(text))
    out: dict[str, set[str]] = {}
    for m in found.mentions:
        out.setdefault(m.entity_name, set()).add(m.label)
    return out


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Hurksestraat", "LOC"),
        ("Alan Turingschool", "ORG"),
        ("Songfestival", "MISC"),
        ("A12", "LOC"),
        ("Universiteit Leiden", "ORG"),
        ("The Lord of the Rings", "MISC"),
        ("Verdrag van Maastricht", "MISC"),  # a treaty word anywhere in the name
        ("Akkoord van Parijs", "MISC"),
        ("Jasper van Dijk", None),  # "Dijk" is a word, not a suffix
        ("Jabhat al-Nusra", "ORG"),  # an Arabic opening word: "front"
        ("Ras al-Ain", "LOC"),  # "cape"
        ("Tel", None),  # an opening word opens a longer name
        ("GroenLinksers", "MISC"),  # a known organisation's members
        ("Groenlinksers", "MISC"),  # in another case, for a name of five letters or more
        ("PVV-ers", "MISC"),
        ("Feyenoordsupporters", "MISC"),  # a plural for people after a name: a group
        ("Syriëgangers", "MISC"),
        ("Burgers", None),  # the people's word alone may be a surname
        ("Klimaatwet", "MISC"),  # a law
        ("Wet Gelijke Behandeling", "MISC"),
        ("PSV'er", "MISC"),
        ("Inger", None),  # not "ING" + "er": the name as written
        ("Stravinsky", "PER"),  # a surname's ending from the east of Europe
        ("Sjostakovitsj", "PER"),
        ("Ionescu", "PER"),
        ("Rostov", None),  # not "-ov": places end so too
        ("Helsinki", None),
        ("Buckingham Palace", "LOC"),  # a palace, a valley
        ("Jordaanvallei", "LOC"),
        ("Ocean Race", "MISC"),  # an event or award, as a whole word
        ("MTV Push Award", "MISC"),
        ("World Solar Challenge", "MISC"),
        ("The Tonight Show", "MISC"),
        ("Kamerdebat", "MISC"),  # as the end of a compound
        ("Algemene Beschouwingen", "MISC"),
        ("Fyre Festival", "MISC"),
        ("Halloween", "MISC"),  # a feast
        ("CO2", "MISC"),  # a substance
        ("Q3", "MISC"),  # a quarter
        ("Expertisecentrum PFAS", None),  # inside a name it says nothing
        ("Facebookpagina", "MISC"),  # a thing of a name
        ("Twitteraccount", "MISC"),
        ("Fideszcampagne", "MISC"),
        ("Grace", None),  # "race" is a whole word, not an ending
    ],
)
def test_shape_evidence(name: str, expected: str | None) -> None:
    ev = shape_evidence(name)
    assert (decide(ev) if ev else None) == expected


@pytest.mark.parametrize(
    ("word", "nouns", "expected"),
    [
        ("Vereniging", ("vereniging",), "vereniging"),  # the noun itself
        ("tennisvereniging", ("vereniging",), "vereniging"),  # a compound's head
        ("abcvereniging", ("vereniging",), "vereniging"),  # three letters before it
        ("abvereniging", ("vereniging",), None),  # two are not a compound
        ("schoolbus", ("school",), None),  # the head is the last part
        ("Disney-topman", ("topman",), "topman"),  # after a hyphen
        ("sportschool", ("school", "sportschool"), "school"),  # the first listed wins
        ("sportschool", ("sportschool", "school"), "sportschool"),
    ],
)
def test_a_listed_noun_is_the_word_or_its_compound_head(
    word: str, nouns: tuple[str, ...], expected: str | None
) -> None:
    assert _tail(word, nouns) == expected


@pytest.mark.parametrize(
    ("name", "per"),
    [("Herman Velvis", True), ("Mister Kitchen", False), ("Herman", False)],
)
def test_first_name_evidence(name: str, per: bool) -> None:
    assert bool(first_name_evidence(name)["PER"]) is per


@pytest.mark.parametrize(
    ("short", "host", "fits"),
    [
        ("iger", "bob iger", True),
        ("bob", "bob iger", True),
        ("knegts", "sjinkie knegt", True),
        ("van dijk", "jasper van dijk", True),
        ("dijk", "jasper van dijk", True),
        ("rutte", "bob iger", False),
        ("svens", "sven kramer", True),  # a first name's genitive: "Svens vader"
        ("peters", "peter smit", False),  # a surname of its own
    ],
)
def test_person_host_fits(short: str, host: str, fits: bool) -> None:
    assert person_host_fits(short.split(), host.split()) is fits


@pytest.mark.parametrize(
    ("short", "host", "fits"),
    [
        ("comenius", "comenius lyceum", True),
        ("haga lyceum", "cornelius haga lyceum", True),
        ("amsterdam", "vrije universiteit", False),
    ],
)
def test_part_host_fits(short: str, host: str, fits: bool) -> None:
    assert part_host_fits(short.split(), host.split()) is fits


@pytest.mark.parametrize(
    ("word", "title"),
    [
        ("SP-Kamerlid", True),
        ("kopman", True),
        ("Boerenvoorman", True),  # a long compound ending in a title
        ("legerleider", True),
        ("clubvoorzitter", True),
        ("Leider", True),
        ("Kleider", False),  # nine letters or more make a compound: not "k" + "leider"
        ("Hamilton", False),
        ("Sigmundleidern", False),  # the title must end the word
    ],
)
def test_is_title_also_after_a_hyphen(word: str, title: bool) -> None:
    assert is_title(word) is title


LABEL_CASES = [
    # a name between commas after a noun phrase headed by a title is that person
    (
        [{"label": "ORG", "pattern": "Safadi"}],
        "De Jordaanse minister van Buitenlandse Zaken, Safadi, noemt het plan slecht.",
        {"Safadi": {"PER"}},
    ),
    # not a list after a named title, nor a common noun's apposition
    (
        [{"label": "ORG", "pattern": "Natuur en Voedselkwaliteit"}],
        "Hij sprak met minister Schouten van Landbouw, Natuur en Voedselkwaliteit, en anderen.",
        {"Natuur en Voedselkwaliteit": {"ORG"}},
    ),
    # a type noun before the name outweighs the NER's label
    (
        [{"label": "LOC", "pattern": "Pixar"}],
        "Hij kocht animatiestudio Pixar voor veel geld.",
        {"Pixar": {"ORG"}},
    ),
    # a role "van" the name makes it an organisation
    (
        [{"label": "PER", "pattern": "Astana"}],
        "De kopman van Astana was boos. Later reed de kopman van Astana weg.",
        {"Astana": {"ORG"}},
    ),
    # a company's things "van" the name make it an organisation
    (
        [{"label": "LOC", "pattern": "Yarden"}],
        "De omzet van Yarden steeg. De website van Yarden lag eruit.",
        {"Yarden": {"ORG"}},
    ),
    # an event named by its form is MISC, whatever the NER said
    (
        [{"label": "ORG", "pattern": "Songfestival"}],
        "Het Songfestival komt naar Nederland.",
        {"Songfestival": {"MISC"}},
    ),
    # an asset manager or an event by its name's form
    (
        [{"label": "PER", "pattern": "Staatsbosbeheer"}],
        "Staatsbosbeheer kapt de bomen.",
        {"Staatsbosbeheer": {"ORG"}},
    ),
    (
        [{"label": "ORG", "pattern": "Global Entrepreneurship Summit"}],
        "Hij sprak op de Global Entrepreneurship Summit.",
        {"Global Entrepreneurship Summit": {"MISC"}},
    ),
    # a sports club's abbreviation makes an organisation
    (
        [{"label": "PER", "pattern": "RC Genk"}],
        "RC Genk verloor thuis.",
        {"RC Genk": {"ORG"}},
    ),
    # a venue is a place
    (
        [{"label": "ORG", "pattern": "Ziggo Dome"}],
        "Het concert was in de Ziggo Dome.",
        {"Ziggo Dome": {"LOC"}},
    ),
    # an app is its company; an estate, an area and a junction are places
    (
        [{"label": "MISC", "pattern": "Flitsmeister"}],
        "Via de navigatie-app Flitsmeister komen de berichten.",
        {"Flitsmeister": {"ORG"}},
    ),
    (
        [{"label": "PER", "pattern": "Zwalkmo"}],
        "Het gebeurde op bedrijventerrein Zwalkmo.",
        {"Zwalkmo": {"LOC"}},
    ),
    (
        [{"label": "MISC", "pattern": "Zwalkmo"}],
        "De file stond bij knooppunt Zwalkmo.",
        {"Zwalkmo": {"LOC"}},
    ),
]


@pytest.mark.parametrize(
    ("text", "numeral", "kept"),
    [
        # a Roman numeral split from the name or noun it numbers is no referent
        ("Het kabinet Rutte III viel.", "III", False),
        ("Vanavond deel II van ons onderzoek.", "II", False),
        # after a word that names nothing it may be one ("VI": Veronica Inside)
        ("Bij VI kijk je naar mannen.", "VI", True),
    ],
)
def test_a_roman_numeral_after_its_name_is_no_referent(text: str, numeral: str, kept: bool) -> None:
    from spacy.tokens import Span

    doc = build_tiny_nlp([{"label": "PER", "pattern": "Rutte"}])(text)
    for tok in doc:
        tok.pos_ = "ADP" if tok.lower_ == "bij" else "PROPN" if tok.text[:1].isupper() else "NOUN"
    at = next(t.i for t in doc if t.text == numeral)
    doc.ents = [*(e for e in doc.ents if e.start != at), Span(doc, at, at + 1, label="ORG")]
    names = {m.entity_name for m in extract_entities(doc).mentions}
    assert (numeral in names) is kept


@pytest.mark.parametrize(("patterns", "text", "expected"), LABEL_CASES)
def test_one_label_per_referent(
    patterns: list[dict[str, str]], text: str, expected: dict[str, set[str]]
) -> None:
    got = _labels(patterns, text)
    for name, labels in expected.items():
        assert got.get(name) == labels, got


@pytest.mark.parametrize(
    ("labels", "expected"),
    [(("PER", "ORG", "PER"), "PER"), (("ORG", "ORG", "LOC"), "ORG"), (("LOC", "PER"), "PER")],
)
def test_every_mention_gets_the_majority_label(labels: tuple[str, ...], expected: str) -> None:
    """ "Herman spreekt. Herman lacht. Herman zwijgt.": the NER's votes decide, for all.

    (A lone first name carries no evidence of its own; a known surname or an unknown word
    would, see ``test_lone_name``.)
    """
    doc = build_tiny_nlp([{"label": "MISC", "pattern": "niemand"}])(
        " ".join(f"Herman spreekt {i}." for i in range(len(labels)))
    )
    doc.ents = [
        Span(doc, t.i, t.i + 1, label=lab)
        for t, lab in zip((t for t in doc if t.text == "Herman"), labels, strict=True)
    ]
    found = extract_entities(doc)
    assert {m.label for m in found.mentions} == {expected}
    assert len(found.entities) == 1


LINK_CASES = [
    # a first name alone joins the full name, even with another label
    (
        [{"label": "PER", "pattern": "Bob Iger"}, {"label": "LOC", "pattern": "Bob"}],
        "Bob Iger stapt op. Volgens Bob was het tijd.",
        "Bob Iger",
        {"PER"},
    ),
    # a surname joins the full name; a genitive too
    (
        [
            {"label": "PER", "pattern": "Sjinkie Knegt"},
            {"label": "ORG", "pattern": "Knegt"},
            {"label": "PER", "pattern": "Knegts"},
        ],
        "Sjinkie Knegt traint weer. Knegt is blij. Knegts knie houdt het.",
        "Sjinkie Knegt",
        {"PER"},
    ),
    # a first name the NER cut from its surname with particles is joined again
    (
        [{"label": "PER", "pattern": "Debbie"}, {"label": "LOC", "pattern": "Leiden"}],
        "Dat zegt bestuurder Debbie van Leiden van de bond.",
        "Debbie van Leiden",
        {"PER"},
    ),
    # a shortened school name joins the full name
    (
        [{"label": "ORG", "pattern": "Comenius Lyceum"}, {"label": "MISC", "pattern": "Comenius"}],
        "Het Comenius Lyceum groeit. De rector van Comenius is tevreden.",
        "Comenius Lyceum",
        {"ORG"},
    ),
]


@pytest.mark.parametrize(("patterns", "text", "name", "labels"), LINK_CASES)
def test_short_forms_link_to_the_full_name(
    patterns: list[dict[str, str]], text: str, name: str, labels: set[str]
) -> None:
    got = _labels(patterns, text)
    assert set(got) - {"Nederland"} == {name}, got
    assert got[name] == labels


TRIM_CASES = [
    ([{"label": "PER", "pattern": "Iger Apple-topman"}], "Dat zei Iger Apple-topman Tim.", "Iger"),
    (
        [{"label": "ORG", "pattern": "Nederlandse Voedsel-"}],
        "Volgens de Nederlandse Voedsel- en Warenautoriteit mag het.",
        "Nederlandse Voedsel- en Warenautoriteit",
    ),
    ([{"label": "ORG", "pattern": "PvdA-"}], "Veel PvdA- en SP-kiezers twijfelen.", "PvdA"),
]


@pytest.mark.parametrize(("patterns", "text", "name"), TRIM_CASES)
def test_cut_and_glued_names_are_repaired(
    patterns: list[dict[str, str]], text: str, name: str
) -> None:
    assert name in _labels(patterns, text)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Nederlandse", True),  # the adjective of a place in the gazetteer
        ("Curaçaose", True),
        ("Syrische", True),  # "-ische" of "Syrië"
        ("Belg", True),  # a demonym of the generated list
        ("Venezolanen", True),  # a demonym's plural, through the plural table
        ("Nederland", False),  # the place itself
        ("Vries", False),
        ("Kamerleden", False),  # a plural, but of no demonym
        ("Gevangenisse", False),  # "-se", but no place before it
        ("Koerden", True),  # the hand-written list, its plural by the spelling rules
        ("Fransen", True),  # an irregular plural, listed as such
        ("Zweden", False),  # also the plural of "Zweed", but a place first
        ("Polen", False),
    ],
)
def test_a_lone_word_about_a_place_or_its_people_is_no_referent(word: str, expected: bool) -> None:
    assert is_place_word(word) is expected


def test_a_place_adjective_gives_no_entity() -> None:
    found = _labels([{"label": "LOC", "pattern": "Nederlandse"}], "De Nederlandse zei niets.")
    assert found == {}


@pytest.mark.parametrize(
    ("word", "place"),
    [
        ("Iraanse", "Iran"),  # listed in place_adjectives.tsv
        ("Franse", "Frankrijk"),
        ("Syrische", "Syrië"),  # "-ische" of a place in the gazetteer
        ("Curaçaose", "Curaçao"),  # "-se"
        ("Nederlandse", "Nederland"),
        ("Chinese", "China"),  # "Chinees" listed: one "e" in the open syllable
        ("Portugese", "Portugal"),
        ("Schotse", "Schotland"),
        ("Bossche", "Den Bosch"),
        ("Gevangenisse", None),
        ("syrische", None),  # lowercase: no proper adjective
    ],
)
def test_a_place_adjective_names_its_place(word: str, place: str | None) -> None:
    assert place_of_adjective(word) == place


_PORTFOLIOS = [
    {"label": "ORG", "pattern": "Buitenlandse Zaken"},
    {"label": "ORG", "pattern": "Defensie"},
    {"label": "ORG", "pattern": "Volksgezondheid"},
    {"label": "PER", "pattern": "Bruins"},
    {"label": "LOC", "pattern": "Nederland"},
    {"label": "ORG", "pattern": "Greenpeace"},
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("De minister van Buitenlandse Zaken zei niets.", {}),
        ("Het ministerie van Defensie zweeg.", {}),
        ("Minister Bruins van Volksgezondheid wacht af.", {"Bruins": {"PER"}}),
        ("De minister van Nederland kwam.", {"Nederland": {"LOC"}}),  # a place stays
        ("De directeur van Greenpeace zei niets.", {"Greenpeace": {"ORG"}}),  # no office
        ("De minister zei dat Defensie zweeg.", {"Defensie": {"ORG"}}),  # no "van"
    ],
)
def test_a_portfolio_after_an_office_is_no_referent(
    text: str, expected: dict[str, set[str]]
) -> None:
    assert _labels(_PORTFOLIOS, text) == expected


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Al Qaida", "ORG"),  # as the gazetteer writes it
        ("al-Qaida", "ORG"),  # another case and hyphenation of the same name
        ("AL-QAEDA", "ORG"),
        ("Groen Links", "ORG"),  # the gazetteer's "GroenLinks", spaced
        ("leiden", "LOC"),
        ("Nieuwsuur", "ORG"),  # news media are organisations (the NER says LOC)
        ("RTV Oost", "ORG"),  # regional broadcasters (the NER says PER)
        ("Tubantia", "ORG"),  # regional newspapers
        ("Provinciale Staten", "ORG"),  # a province's council (the NER says LOC)
        ("Gedeputeerde Staten", "ORG"),
        ("B en W", "ORG"),  # a municipality's executive
        ("Vries", None),  # no known name
    ],
)
def test_known_label_is_blind_to_case_accents_hyphens_and_spaces(
    name: str, label: str | None
) -> None:
    assert known_label(name) == label


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hij zei het tegen het weekblad Welt am Sonntag.", {"Welt am Sonntag": {"ORG"}}),
        ("Dat meldt het persbureau Welt am Sonntag.", {"Welt am Sonntag": {"ORG"}}),
    ],
)
def test_a_media_noun_before_a_name_types_it(text: str, expected: dict[str, set[str]]) -> None:
    assert _labels([{"label": "MISC", "pattern": "Welt am Sonntag"}], text) == expected


@pytest.mark.parametrize(
    ("patterns", "text", "expected"),
    [
        (  # no particle: the word right after a known first name
            [{"label": "PER", "pattern": "Kjeld"}, {"label": "MISC", "pattern": "Duits"}],
            "Dat zegt correspondent Kjeld Duits vanuit Tokio.",
            {"Kjeld Duits": {"PER"}},
        ),
        (  # an Arabic article, spaced: any first name
            [{"label": "PER", "pattern": "Nouri"}],
            "Het werd geleid door premier Nouri al Maliki in Bagdad.",
            {"Nouri al Maliki": {"PER"}},
        ),
        (  # an Arabic article glued to the surname
            [{"label": "PER", "pattern": "Fajis"}],
            "Het kabinet van Fajis al-Sarradsch viel.",
            {"Fajis al-Sarradsch": {"PER"}},
        ),
        (  # the next word is a known name of its own: two referents
            [{"label": "PER", "pattern": "Kjeld"}, {"label": "LOC", "pattern": "Nederland"}],
            "Toen kwam Kjeld Nederland binnen.",
            {"Kjeld": {"PER"}, "Nederland": {"LOC"}},
        ),
    ],
)
def test_a_first_name_cut_from_its_surname_is_joined(
    patterns: list[dict[str, str]], text: str, expected: dict[str, set[str]]
) -> None:
    assert _labels(patterns, text) == expected


def _mention_texts(patterns: list[dict[str, str]], text: str) -> dict[str, list[str]]:
    """Canonical name -> the texts of its mentions, checked against their offsets."""
    found = extract_entities(build_tiny_nlp(patterns)(text))
    out: dict[str, list[str]] = {}
    for m in found.mentions:
        assert text[m.start : m.end] == m.text
        out.setdefault(m.entity_name, []).append(m.text)
    return out


_TEAMS = [
    {"label": "ORG", "pattern": "Ajax"},
    {"label": "ORG", "pattern": "Feyenoord"},
    {"label": "ORG", "pattern": "Ajax-Feyenoord"},
    {"label": "ORG", "pattern": "Jumbo"},
    {"label": "ORG", "pattern": "Jumbo-Visma"},
    {"label": "LOC", "pattern": "Hurksestraat-Dillenburgstraat"},
    {"label": "LOC", "pattern": "Noord-Holland"},
    {"label": "LOC", "pattern": "Holland"},
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # both halves are named alone elsewhere: a match of two referents
            "Ajax won van Feyenoord. Na Ajax-Feyenoord was het stil.",
            {"Ajax": ["Ajax", "Ajax"], "Feyenoord": ["Feyenoord", "Feyenoord"]},
        ),
        (  # two street names by their form, named nowhere else
            "Brand op de hoek Hurksestraat-Dillenburgstraat.",
            {"Hurksestraat": ["Hurksestraat"], "Dillenburgstraat": ["Dillenburgstraat"]},
        ),
        (  # "Visma" is never named alone: one name with a hyphen
            "Jumbo wint. Jumbo-Visma won de Tour.",
            {"Jumbo": ["Jumbo"], "Jumbo-Visma": ["Jumbo-Visma"]},
        ),
        (  # "Noord" is no name of the article
            "Holland wint. In Noord-Holland regent het.",
            {"Holland": ["Holland"], "Noord-Holland": ["Noord-Holland"]},
        ),
        (  # one half alone is not enough
            "Na Ajax-Feyenoord was het stil.",
            {"Ajax-Feyenoord": ["Ajax-Feyenoord"]},
        ),
    ],
)
def test_a_pair_of_two_referents_is_split(text: str, expected: dict[str, list[str]]) -> None:
    assert _mention_texts(_TEAMS, text) == expected


@pytest.mark.parametrize(
    ("patterns", "text", "expected"),
    [
        (  # a lone first name coordinated with a full name shares its surname
            [{"label": "ORG", "pattern": "Michel"}, {"label": "PER", "pattern": "Ronald Mulder"}],
            "De broers Michel en Ronald Mulder reden hard.",
            {"Michel Mulder": {"PER"}, "Ronald Mulder": {"PER"}},
        ),
        (  # an unlisted first name the NER calls a person, no known surname
            [{"label": "PER", "pattern": "Kelsey"}, {"label": "PER", "pattern": "Garion Mulder"}],
            "Hij zit in dezelfde situatie als Kelsey en Garion Mulder.",
            {"Kelsey Mulder": {"PER"}, "Garion Mulder": {"PER"}},
        ),
        (  # but not the end of a name the NER cut
            [{"label": "PER", "pattern": "Michel"}, {"label": "PER", "pattern": "Karim Ansari"}],
            "Toen scoorden Sardar Michel en Karim Ansari.",
            {"Michel": {"PER"}, "Karim Ansari": {"PER"}},
        ),
        (  # nor a known surname used alone
            [{"label": "PER", "pattern": "Rutte"}, {"label": "PER", "pattern": "Wopke Hoekstra"}],
            "Het gesprek tussen Rutte en Wopke Hoekstra duurde lang.",
            {"Rutte": {"PER"}, "Wopke Hoekstra": {"PER"}},
        ),
        (  # not a word that is no first name
            [{"label": "ORG", "pattern": "Kinepolis"}, {"label": "PER", "pattern": "Vue Cinemas"}],
            "Kinepolis en Vue Cinemas zwijgen.",
            {"Kinepolis": {"ORG"}, "Vue Cinemas": {"ORG"}},  # "cinemas": a company word
        ),
        (  # not a surname the article gives in full elsewhere
            [
                {"label": "PER", "pattern": "Geraint Thomas"},
                {"label": "PER", "pattern": "Thomas"},
                {"label": "PER", "pattern": "Egan Bernal"},
            ],
            "Geraint Thomas won. Thomas en Egan Bernal reden samen.",
            {"Geraint Thomas": {"PER"}, "Egan Bernal": {"PER"}},
        ),
    ],
)
def test_a_first_name_shares_a_coordinated_surname(
    patterns: list[dict[str, str]], text: str, expected: dict[str, set[str]]
) -> None:
    assert _labels(patterns, text) == expected


@pytest.mark.parametrize(
    ("patterns", "text", "expected"),
    [
        (  # the coordinated part is itself hyphenated, with a name after the hyphen
            [{"label": "ORG", "pattern": "Veiligheidsregio Noord-"}],
            "De Veiligheidsregio Noord- en Oost-Gelderland waarschuwt.",
            {"Veiligheidsregio Noord- en Oost-Gelderland": {"ORG"}},
        ),
        (  # a plain capitalised word
            [{"label": "ORG", "pattern": "Nederlandse Voedsel-"}],
            "De Nederlandse Voedsel- en Warenautoriteit grijpt in.",
            {"Nederlandse Voedsel- en Warenautoriteit": {"ORG"}},
        ),
        (  # the hyphen stands for a lowercase head: no name runs on
            [{"label": "ORG", "pattern": "Ajax-"}],
            "De Ajax- en Feyenoord-fans zongen.",
            {"Ajax": {"ORG"}, "Feyenoord": {"ORG"}},
        ),
    ],
)
def test_a_name_runs_on_through_a_coordinated_compound(
    patterns: list[dict[str, str]], text: str, expected: dict[str, set[str]]
) -> None:
    assert _labels(patterns, text) == expected


@pytest.mark.parametrize(
    ("patterns", "text", "expected"),
    [
        (  # a group noun heads the compound: the named part is an organisation
            [{"label": "LOC", "pattern": "Houthi-rebellen"}],
            "De Houthi-rebellen vielen aan.",
            {"Houthi": {"ORG"}},
        ),
        (
            [{"label": "MISC", "pattern": "Peshmerga-strijders"}],
            "De Peshmerga-strijders rukten op.",
            {"Peshmerga": {"ORG"}},
        ),
        (  # a place the gazetteer knows stays a place: they fight there
            [{"label": "ORG", "pattern": "Syrië-strijders"}],
            "De Syrië-strijders keerden terug.",
            {"Syrië": {"LOC"}},
        ),
    ],
)
def test_a_group_noun_makes_the_named_part_an_organisation(
    patterns: list[dict[str, str]], text: str, expected: dict[str, set[str]]
) -> None:
    assert _labels(patterns, text) == expected


@pytest.mark.parametrize(
    ("patterns", "text", "expected"),
    [
        (  # a person's name ends before "van" and a portfolio
            [{"label": "PER", "pattern": "Schouten van Landbouw"}],
            "Minister Schouten van Landbouw wil minder uitstoot.",
            {"Schouten": {"PER"}},
        ),
        (  # a particle before a surname is no portfolio
            [{"label": "PER", "pattern": "Ingrid van Engelshoven"}],
            "Minister Ingrid van Engelshoven is blij.",
            {"Ingrid van Engelshoven": {"PER"}},
        ),
        (  # an organisation's whole name keeps it
            [{"label": "ORG", "pattern": "Europees Hof van Justitie"}],
            "Het Europees Hof van Justitie oordeelt anders.",
            {"Europees Hof van Justitie": {"ORG"}},
        ),
    ],
)
def test_a_persons_name_ends_before_a_portfolio(
    patterns: list[dict[str, str]], text: str, expected: dict[str, set[str]]
) -> None:
    assert _labels(patterns, text) == expected


@pytest.mark.parametrize(
    ("patterns", "text", "expected"),
    [
        (  # the NER's span covers the double surname: trimming keeps its second half
            [{"label": "PER", "pattern": "Els de Wit-van der Veen"}],
            "Wethouder Els de Wit-van der Veen zei dat het goed ging.",
            {"Els de Wit-van der Veen": {"PER"}},
        ),
        (  # the NER cut the name after the hyphen: the second half is joined again
            [
                {"label": "PER", "pattern": "Joke van der Meer-de"},
                {"label": "MISC", "pattern": "Vries"},
            ],
            "Volgens Joke van der Meer-de Vries is dat onzin.",
            {"Joke van der Meer-de Vries": {"PER"}},
        ),
        (  # a name glued to a lowercase head stays a compound modifier
            [{"label": "ORG", "pattern": "Apple-topman"}],
            "De Apple-topman zei niets.",
            {"Apple": {"ORG"}},
        ),
    ],
)
def test_a_double_surname_stays_whole(
    patterns: list[dict[str, str]], text: str, expected: dict[str, set[str]]
) -> None:
    assert _labels(patterns, text) == expected


@pytest.mark.parametrize(
    ("patterns", "text", "expected"),
    [
        (  # the NER split the name at a Romance particle: joined again
            [{"label": "MISC", "pattern": "Teatro"}, {"label": "PER", "pattern": "Scala"}],
            "De opera ging in première in het Teatro alla Scala.",
            {"Teatro alla Scala": {"ORG"}},
        ),
        (
            [{"label": "ORG", "pattern": "Leger"}, {"label": "ORG", "pattern": "Heils"}],
            "Het Leger des Heils vraagt meer geld.",
            {"Leger des Heils": {"ORG"}},
        ),
        (  # a particle inside the NER's span no longer ends the name
            [{"label": "LOC", "pattern": "La Planche des Belles Filles"}],
            "De etappe eindigt op La Planche des Belles Filles.",
            {"La Planche des Belles Filles": {"LOC"}},
        ),
        (  # a Dutch particle between two referents joins nothing
            [{"label": "PER", "pattern": "Ten Hag"}, {"label": "ORG", "pattern": "Ajax"}],
            "De keuze van Ten Hag van Ajax verraste.",
            {"Ten Hag": {"PER"}, "Ajax": {"ORG"}},
        ),
    ],
)
def test_a_name_runs_on_through_a_romance_particle(
    patterns: list[dict[str, str]], text: str, expected: dict[str, set[str]]
) -> None:
    assert _labels(patterns, text) == expected


@pytest.mark.parametrize(
    ("patterns", "text", "expected"),
    [
        (  # a title opening the sentence, inside the NER's span, still makes a person
            [{"label": "PER", "pattern": "Staatssecretaris Snel"}],
            "Staatssecretaris Snel huurde onderzoekers in.",
            {"Snel": {"PER"}},
        ),
        (  # a ruler's title
            [{"label": "PER", "pattern": "Kadhafi"}],
            "Het conflict begon na de val van dictator Kadhafi in 2011.",
            {"Kadhafi": {"PER"}},
        ),
        (  # a lowercase title inside the sentence, as before
            [{"label": "PER", "pattern": "Hoekstra"}],
            "Dat zei minister Hoekstra gisteren.",
            {"Hoekstra": {"PER"}},
        ),
    ],
)
def test_a_title_before_a_lone_name_makes_a_person(
    patterns: list[dict[str, str]], text: str, expected: dict[str, set[str]]
) -> None:
    assert _labels(patterns, text) == expected


_FAMILY = [
    {"label": "PER", "pattern": "Willem Holleeder"},
    {"label": "PER", "pattern": "Astrid Holleeder"},
    {"label": "PER", "pattern": "Astrid"},
    {"label": "PER", "pattern": "Holleeder"},
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the sister is called by her first name: the surname alone is her brother
            "Willem Holleeder en Astrid Holleeder zwijgen. Astrid lacht. Holleeder niet.",
            {
                "Willem Holleeder": ["Willem Holleeder", "Holleeder"],
                "Astrid Holleeder": ["Astrid Holleeder", "Astrid"],
            },
        ),
        (  # neither is called by a first name alone: the surname stays its own
            "Willem Holleeder en Astrid Holleeder zwijgen. Holleeder niet.",
            {
                "Willem Holleeder": ["Willem Holleeder"],
                "Astrid Holleeder": ["Astrid Holleeder"],
                "Holleeder": ["Holleeder"],
            },
        ),
    ],
)
def test_a_shared_surname_is_the_family_member_not_called_by_first_name(
    text: str, expected: dict[str, list[str]]
) -> None:
    assert _mention_texts(_FAMILY, text) == expected


_PEOPLE = [
    {"label": "PER", "pattern": "Joe Biden"},
    {"label": "PER", "pattern": "Viktor Shokin"},
    {"label": "PER", "pattern": "Biden Shokin"},
    {"label": "PER", "pattern": "Michael Jordan"},
    {"label": "PER", "pattern": "Jordan Henderson"},
    {"label": "PER", "pattern": "Jan Henderson"},
    {"label": "PER", "pattern": "Kiki Bertens"},
    {"label": "PER", "pattern": "Demi Schuurs"},
    {"label": "PER", "pattern": "Kiki Bertens/Demi Schuurs"},
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # two surnames side by side, each of another full name: two people
            "Joe Biden en Viktor Shokin. Hij was blij dat Biden Shokin ontslagen kreeg.",
            {
                "Joe Biden": ["Joe Biden", "Biden"],
                "Viktor Shokin": ["Viktor Shokin", "Shokin"],
            },
        ),
        (  # the first word is a first name: one person
            "Michael Jordan en Jan Henderson kijken. Jordan Henderson scoort.",
            {
                "Michael Jordan": ["Michael Jordan"],
                "Jan Henderson": ["Jan Henderson"],
                "Jordan Henderson": ["Jordan Henderson"],
            },
        ),
        (  # a doubles team written with a slash, both named alone
            "Kiki Bertens en Demi Schuurs spelen. Kiki Bertens/Demi Schuurs winnen.",
            {
                "Kiki Bertens": ["Kiki Bertens", "Kiki Bertens"],
                "Demi Schuurs": ["Demi Schuurs", "Demi Schuurs"],
            },
        ),
    ],
)
def test_two_people_written_as_one_name_are_split(
    text: str, expected: dict[str, list[str]]
) -> None:
    assert _mention_texts(_PEOPLE, text) == expected


@pytest.mark.parametrize(
    ("patterns", "text", "expected"),
    [
        (  # the article and a word for one of a place's people: a description
            [{"label": "PER", "pattern": "De Irakees"}, {"label": "PER", "pattern": "Baghdadi"}],
            "De Irakees Baghdadi leidde de groep.",
            {"Baghdadi": ["Baghdadi"]},
        ),
        (  # a suspect's initial alone is the suspect the article names in full
            [{"label": "PER", "pattern": "Cees H."}, {"label": "ORG", "pattern": "H."}],
            "De deal met Cees H. kwam uit. Later werd H. vrijgelaten.",
            {"Cees H.": ["Cees H.", "H."]},
        ),
        (  # a bare letter is nobody
            [{"label": "ORG", "pattern": "A"}, {"label": "ORG", "pattern": "B"}],
            "Het RIVM meet in polder A en in polder B de grond.",
            {},
        ),
    ],
)
def test_descriptions_initials_and_letters(
    patterns: list[dict[str, str]], text: str, expected: dict[str, list[str]]
) -> None:
    got = _mention_texts(patterns, text)
    assert {k: v for k, v in got.items() if k != "RIVM"} == expected


@pytest.mark.parametrize(
    ("patterns", "text", "expected"),
    [
        (  # the NER tagged the name once (its first word only: "Wilders was" trims to it)
            [{"label": "PER", "pattern": [{"TEXT": "Wilders"}, {"TEXT": "was"}]}],
            "Wilders was er. Later kwam de PVV-leider Wilders terug. Toen zweeg Wilders.",
            {"Wilders": ["Wilders", "Wilders", "Wilders"], "PVV": ["PVV-leider"]},
        ),
        (  # not a capitalised common word opening a sentence, nor lowercase
            [{"label": "PER", "pattern": [{"TEXT": "Staatssecretaris"}, {"TEXT": "Snel"}]}],
            "Staatssecretaris Snel zweeg. Snel daarna ging hij. Hij liep snel weg.",
            {"Snel": ["Snel"]},
        ),
    ],
)
def test_untagged_repetitions_of_a_name_are_mentions(
    patterns: list[dict[str, object]], text: str, expected: dict[str, list[str]]
) -> None:
    assert _mention_texts(patterns, text) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("patterns", "text", "expected"),
    [
        (  # an institution's abbreviation the NER tagged apart from its city
            [{"label": "ORG", "pattern": "UMC"}, {"label": "LOC", "pattern": "Utrecht"}],
            "Patiënten van het UMC Utrecht kregen een brief.",
            {"UMC Utrecht": {"ORG"}},
        ),
        (  # ... or left out, also when it opens the sentence
            [{"label": "LOC", "pattern": "Eindhoven"}],
            "TU Eindhoven opent vacatures voor vrouwen.",
            {"TU Eindhoven": {"ORG"}},
        ),
        (  # a sentence's article before an acronym is not part of the name
            [{"label": "ORG", "pattern": "De TU Delft"}],
            "De TU Delft krijgt meer geld.",
            {"TU Delft": {"ORG"}},
        ),
        (  # before a title-case word it is
            [{"label": "ORG", "pattern": "De Telegraaf"}],
            "De Telegraaf schrijft dat.",
            {"De Telegraaf": {"ORG"}},
        ),
        (  # a city and a station word name the station
            [{"label": "LOC", "pattern": "Utrecht"}],
            "Reizigers op Utrecht Centraal moesten wachten.",
            {"Utrecht Centraal": {"LOC"}},
        ),
        (
            [{"label": "LOC", "pattern": "Den Haag"}, {"label": "ORG", "pattern": "Centraal"}],
            "De trein naar Den Haag Centraal rijdt niet.",
            {"Den Haag Centraal": {"LOC"}},
        ),
        (  # not lowercase, not opening a longer name
            [{"label": "LOC", "pattern": "Utrecht"}],
            "Het huis in Utrecht centraal gelegen.",
            {"Utrecht": {"LOC"}},
        ),
        (
            [{"label": "LOC", "pattern": "Utrecht"}],
            "In Utrecht Centraal Beheer bezocht hij niemand.",
            {"Utrecht": {"LOC"}},
        ),
    ],
)
def test_institution_abbreviations_and_stations_keep_the_whole_name(
    patterns: list[dict[str, str]], text: str, expected: dict[str, set[str]]
) -> None:
    assert _labels(patterns, text) == expected


@pytest.mark.parametrize(
    ("patterns", "text", "expected"),
    [
        (  # the NER split the name before the word saying what it is
            [{"label": "MISC", "pattern": "Comenius"}, {"label": "ORG", "pattern": "Lyceum"}],
            "Het Comenius Lyceum kampt met dalende aantallen.",
            {"Comenius Lyceum": {"ORG"}},
        ),
        (  # a sports club's abbreviation before its city
            [{"label": "LOC", "pattern": "Monaco"}],
            "De spits van AS Monaco scoorde twee keer.",
            {"AS Monaco": {"ORG"}},
        ),
        (  # English names of armed units too
            [{"label": "ORG", "pattern": "Hezbollah"}, {"label": "LOC", "pattern": "Brigades"}],
            "De Hezbollah Brigades trokken zich terug.",
            {"Hezbollah Brigades": {"ORG"}},
        ),
        (
            [{"label": "LOC", "pattern": "Eindhoven"}, {"label": "LOC", "pattern": "Airport"}],
            "Het vliegtuig landde op Eindhoven Airport.",
            {"Eindhoven Airport": {"LOC"}},
        ),
        (  # a compound that is a name of its own stays apart
            [
                {"label": "MISC", "pattern": "Amsterdamse"},
                {"label": "LOC", "pattern": "Weesperstraat"},
            ],
            "Het gebeurde in de Amsterdamse Weesperstraat.",
            {"Weesperstraat": {"LOC"}},
        ),
        (  # a space between them: not touching
            [{"label": "ORG", "pattern": "Ajax"}, {"label": "ORG", "pattern": "Bank"}],
            "Ajax, Bank en anderen tekenden.",
            {"Ajax": {"ORG"}, "Bank": {"ORG"}},
        ),
    ],
)
def test_a_name_runs_on_through_the_word_saying_what_it_is(
    patterns: list[dict[str, str]], text: str, expected: dict[str, set[str]]
) -> None:
    assert _labels(patterns, text) == expected


@pytest.mark.parametrize(
    ("patterns", "text", "expected"),
    [
        (  # a first name "van" an organisation named by its kind word: two referents
            [{"label": "ORG", "pattern": "Nienke van Enik Recovery College"}],
            "Dat vertelt ervaringsdeskundige Nienke van Enik Recovery College.",
            {"Nienke": {"PER"}, "Enik Recovery College": {"ORG"}},
        ),
        (  # a surname with a particle stays whole
            [{"label": "PER", "pattern": "Jan van Dijk"}],
            "Dat vertelt Jan van Dijk.",
            {"Jan van Dijk": {"PER"}},
        ),
        (  # so does a name whose last word is no kind word
            [{"label": "PER", "pattern": "Jan van Hoge Veluwe"}],
            "Dat vertelt Jan van Hoge Veluwe.",
            {"Jan van Hoge Veluwe": {"PER"}},
        ),
        (  # a reader's signature: a person and her town
            [{"label": "PER", "pattern": "Fred Bos Winterswijk"}],
            "Zo is het maar net. Fred Bos Winterswijk",
            {"Fred Bos": {"PER"}, "Winterswijk": {"LOC"}},
        ),
        (  # not a surname with a particle before the place
            [{"label": "PER", "pattern": "Jan van Winterswijk"}],
            "Dat vertelt Jan van Winterswijk.",
            {"Jan van Winterswijk": {"PER"}},
        ),
        (  # nor a name without a known first name
            [{"label": "PER", "pattern": "Zwalk Bos Winterswijk"}],
            "Dat vertelt Zwalk Bos Winterswijk.",
            {"Zwalk Bos Winterswijk": {"PER"}},
        ),
    ],
)
def test_a_person_of_an_organisation_or_a_town_is_two_referents(
    patterns: list[dict[str, str]], text: str, expected: dict[str, set[str]]
) -> None:
    assert _labels(patterns, text) == expected


@pytest.mark.parametrize(
    ("patterns", "text", "expected"),
    [
        (  # the genitive of a one-word person is no referent of its own
            [
                {"label": "PER", "pattern": "Trump"},
                {"label": "ORG", "pattern": "Trumps"},
                {"label": "PER", "pattern": "Joe Biden"},
            ],
            "Trump zweeg. Het ging om Trumps rivaal Joe Biden.",
            {"Trump": {"PER"}, "Joe Biden": {"PER"}},
        ),
        (  # nor that of an organisation
            [{"label": "ORG", "pattern": "Facebook"}, {"label": "LOC", "pattern": "Facebooks"}],
            "Facebook zweeg. Facebooks topman sprak wel.",
            {"Facebook": {"ORG"}},
        ),
        (  # nor a surname the news knows ("Peters" beside "Peter")
            [{"label": "PER", "pattern": "Peter"}, {"label": "PER", "pattern": "Peters"}],
            "Peter zweeg. Toen sprak Peters.",
            {"Peter": {"PER"}, "Peters": {"PER"}},
        ),
    ],
)
def test_a_lone_persons_genitive_is_no_referent(
    patterns: list[dict[str, str]], text: str, expected: dict[str, set[str]]
) -> None:
    assert _labels(patterns, text) == expected


@pytest.mark.parametrize(
    ("patterns", "text", "expected"),
    [
        (  # a place the NER missed: the clitic opens its name
            [],
            "Hij verhuisde naar 't Harde.",
            {"'t Harde": {"LOC"}},
        ),
        (  # a place the NER called a person
            [{"label": "PER", "pattern": "Ven"}],
            "De boerderijen in 't Ven zijn gesloopt.",
            {"'t Ven": {"LOC"}},
        ),
        (  # the tokenizer's split of "'s-" is joined again, not trimmed away
            [],
            "Het gebeurde in 's-Gravenzande, vlak bij de kust.",
            {"'s-Gravenzande": {"LOC"}},
        ),
        (
            [],
            "De man uit ’s-Hertogenbosch werd aangehouden.",
            {"’s-Hertogenbosch": {"LOC"}},
        ),
        (  # a surname: particles between a first name and the clitic
            [{"label": "PER", "pattern": "Sophie"}],
            "Europarlementariër Sophie in 't Veld zei dat het niet kan.",
            {"Sophie in 't Veld": {"PER"}},
        ),
        (  # a known first name the NER missed
            [],
            "Directeur Freek op 't Einde zegt dat de school groeit.",
            {"Freek op 't Einde": {"PER"}},
        ),
        (  # the NER's whole name stays
            [{"label": "PER", "pattern": "Visser 't Hooft"}],
            "Oud-premier Visser 't Hooft sprak.",
            {"Visser 't Hooft": {"PER"}},
        ),
        (  # "'t" before a sentence's capital, no name tagged there
            [],
            "'t Is mooi weer vandaag.",
            {},
        ),
        (  # right after a capitalised word: that name's (or a genitive), no place
            [{"label": "PER", "pattern": "Max"}],
            "Dat is Max 's Vader niet.",
            {"Max": {"PER"}},
        ),
    ],
)
def test_a_clitic_article_opens_a_name(
    patterns: list[dict[str, str]], text: str, expected: dict[str, set[str]]
) -> None:
    assert _labels(patterns, text) == expected


@pytest.mark.parametrize(
    ("patterns", "text", "expected"),
    [
        (  # a name the NER missed after a noun saying what it is
            [],
            "Directeur Bakker van basisschool Samenspel is boos.",
            {"Samenspel": {"ORG"}},
        ),
        (  # the noun's head types it, also when the parser splits the sentence there
            [],
            "Zo gaat het. Bouwmarkt Hornbach en woonwinkel Loods5 bouwen er.",
            {"Hornbach": {"ORG"}, "Loods5": {"ORG"}},
        ),
        (  # a tagged name right after the untagged words ends the name
            [{"label": "LOC", "pattern": "Nederland"}],
            "Volgens branchevereniging Bouwend Nederland is dat zo.",
            {"Bouwend Nederland": {"ORG"}},
        ),
        (
            [],
            "Het verkeer op knooppunt Hoevelaken staat vast.",
            {"Hoevelaken": {"LOC"}},
        ),
        (  # a noun of a person's relation makes no name
            [],
            "Zijn dochter Anna woont daar.",
            {},
        ),
        (  # nor does a common word the news also capitalises
            [],
            "Het gaat om de provincie Zelf niet.",
            {},
        ),
        (  # a name the NER tagged keeps its own span and label
            [{"label": "PER", "pattern": "Erik"}],
            "Hij werkt bij het bedrijf van Erik.",
            {"Erik": {"PER"}},
        ),
    ],
)
def test_a_noun_saying_what_it_is_finds_a_missed_name(
    patterns: list[dict[str, str]], text: str, expected: dict[str, set[str]]
) -> None:
    assert _labels(patterns, text) == expected


@pytest.mark.parametrize(
    ("patterns", "text", "expected"),
    [
        (  # a word the news writes in lowercase, capitalised where a bracket opens
            [{"label": "LOC", "pattern": "Bedrog"}],
            "Zij komen in cirkel 8 (Bedrog) terecht.",
            {},
        ),
        (  # ... or a sentence: a heading run into the text
            [{"label": "LOC", "pattern": "Afstel"}],
            "Daarvoor heeft ze steun nodig. Afstel Zij stemden tegen.",
            {},
        ),
        (  # its shape does not make it a name ("-raad")
            [{"label": "ORG", "pattern": "Verraad"}],
            "In cirkel 9 (Verraad) zitten de anderen.",
            {},
        ),
        (  # inside a sentence the capital is the name's
            [{"label": "ORG", "pattern": "Afstel"}],
            "Het bedrijf Afstel groeit.",
            {"Afstel": {"ORG"}},
        ),
        (  # a known surname the NER calls a person stays: surnames are words too
            [{"label": "PER", "pattern": "Bakker"}],
            "Bakker zegt dat het klopt.",
            {"Bakker": {"PER"}},
        ),
        (  # an unknown one is the word ("Steen des aanstoots", tagged as a person)
            [{"label": "PER", "pattern": "Steen"}],
            "Het was geen warm bad. Steen des aanstoots was de wens van Slob.",
            {},
        ),
        (  # a known name stays
            [{"label": "ORG", "pattern": "Trouw"}],
            "Trouw meldt het.",
            {"Trouw": {"ORG"}},
        ),
        (  # so does a word the article writes with a capital inside a sentence too
            [{"label": "ORG", "pattern": "Afstel"}],
            "Afstel krijgt een prijs. Het bedrijf Afstel groeit.",
            {"Afstel": {"ORG"}},
        ),
    ],
)
def test_a_lowercase_word_capitalised_by_its_place_is_no_name(
    patterns: list[dict[str, str]], text: str, expected: dict[str, set[str]]
) -> None:
    assert _labels(patterns, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Afstel krijgt een prijs.", True),
        ("Afstel krijgt een prijs. Het bedrijf Afstel groeit.", False),  # a capital inside
        ("Afstel krijgt een prijs. Afstel groeit.", True),  # both open a sentence
        ("Het bedrijf Afstel groeit.", None),  # no opening: see the next token
    ],
)
def test_lowercase_word_at_start_reads_the_whole_article(text: str, expected: bool | None) -> None:
    toks = DocTokens(build_tiny_nlp([])(text))
    start = 0 if expected is not None else 2
    assert lowercase_word_at_start(toks, start, start + 1, "ORG", lambda w: False) is bool(expected)


@pytest.mark.parametrize(
    ("patterns", "text", "expected"),
    [
        (  # a title alone is a common noun, no referent
            [{"label": "ORG", "pattern": "Kamerleden"}],
            "Veel Kamerleden zijn boos.",
            {},
        ),
        (
            [{"label": "MISC", "pattern": "Tweede Kamerlid"}, {"label": "PER", "pattern": "Vera"}],
            "Dat zegt Tweede Kamerlid Vera in het programma.",
            {"Vera": {"PER"}},
        ),
        (  # a title compound too
            [{"label": "MISC", "pattern": "Verkeersminister"}],
            "De Verkeersminister wil dat niet.",
            {},
        ),
        (  # an acronym stays
            [{"label": "ORG", "pattern": "DRS"}],
            "Het bedrijf DRS groeit.",
            {"DRS": {"ORG"}},
        ),
    ],
)
def test_a_title_alone_is_no_name(
    patterns: list[dict[str, str]], text: str, expected: dict[str, set[str]]
) -> None:
    assert _labels(patterns, text) == expected


def test_a_surname_that_is_a_title_word_stays_a_mention() -> None:
    """A title word closing a person's full name in the article is that person's surname,
    whatever the NER calls it alone."""
    patterns = [{"label": "PER", "pattern": "Frits Spits"}, {"label": "PER", "pattern": "Spits"}]
    nlp = build_tiny_nlp(patterns)
    found = extract_entities(nlp("Frits Spits presenteert. Later zei Spits dat het mooi was."))
    assert [m.entity_name for m in found.mentions] == ["Frits Spits", "Frits Spits"]


@pytest.mark.parametrize(
    ("patterns", "text", "expected"),
    [
        (  # a surname alone, its particle capitalised inside a sentence, is the person
            [{"label": "PER", "pattern": "Freek"}],
            "Directeur Freek op 't Einde is blij. Het is bekend dat Op 't Einde dat zei.",
            ["Freek op 't Einde", "Freek op 't Einde"],
        ),
        (  # not a sentence's first word: a preposition there ("In 't Harde ...")
            [],
            "In 't Harde woont hij.",
            [],
        ),
    ],
)
def test_a_clitic_surname_alone_is_the_person(
    patterns: list[dict[str, str]], text: str, expected: list[str]
) -> None:
    found = extract_entities(build_tiny_nlp(patterns)(text))
    assert [m.entity_name for m in found.mentions] == expected


@pytest.mark.parametrize(
    ("patterns", "text", "expected"),
    [
        (  # a heading run into the sentence is not the name's first word
            [{"label": "ORG", "pattern": "Standaarden Amsterdam Trade Bank"}],
            "Dat was het. Standaarden Amsterdam Trade Bank zegt niets.",
            {"Amsterdam Trade Bank": {"ORG"}},
        ),
        (  # nor is a role word glued to a person opening a sentence
            [{"label": "PER", "pattern": "Honkballer Jonathan Villar"}],
            "Dat was het. Honkballer Jonathan Villar sloeg raak.",
            {"Jonathan Villar": {"PER"}},
        ),
        (  # a short first name that is also a word stays
            [{"label": "PER", "pattern": "Ton Gommans"}],
            "Dat was het. Ton Gommans schreef een brief.",
            {"Ton Gommans": {"PER"}},
        ),
        (  # so does a name's particle or article
            [{"label": "PER", "pattern": "Van Dijk"}],
            "Dat was het. Van Dijk schreef een brief.",
            {"Van Dijk": {"PER"}},
        ),
    ],
)
def test_a_heading_word_before_a_name_is_trimmed(
    patterns: list[dict[str, str]], text: str, expected: dict[str, set[str]]
) -> None:
    assert _labels(patterns, text) == expected


@pytest.mark.parametrize(
    ("patterns", "text", "expected"),
    [
        (  # a people's noun before a name is no part of it, and the name a person's
            [{"label": "MISC", "pattern": "Fin Kimi Räikkönen"}],
            "Het was de beurt aan de Fin Kimi Räikkönen.",
            {"Kimi Räikkönen": {"PER"}},
        ),
        (
            [{"label": "LOC", "pattern": "Pool Zbigniew Bródka"}],
            "Daarna reed de Pool Zbigniew Bródka.",
            {"Zbigniew Bródka": {"PER"}},
        ),
        (  # an adjective of a people is part of a name
            [{"label": "ORG", "pattern": "Nederlandse Vereniging van Banken"}],
            "Dat meldt de Nederlandse Vereniging van Banken.",
            {"Nederlandse Vereniging van Banken": {"ORG"}},
        ),
        (  # a people's noun with one word after it is left alone ("Brit Awards")
            [{"label": "MISC", "pattern": "Brit Awards"}],
            "Zij won bij de Brit Awards.",
            {"Brit Awards": {"MISC"}},
        ),
    ],
)
def test_a_people_s_noun_before_a_name_is_trimmed(
    patterns: list[dict[str, str]], text: str, expected: dict[str, set[str]]
) -> None:
    assert _labels(patterns, text) == expected


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("General Motors", "ORG"),  # English and German company, club and paper words
        ("Burisma Holdings", "ORG"),
        ("Young Boys", "ORG"),
        ("VfL Bochum", "ORG"),
        ("Daily Mail", "ORG"),
        ("Jan Post", None),  # "post" and "city" are not among them: surnames and places
        ("Mexico City", None),
    ],
)
def test_company_club_and_paper_words(name: str, label: str | None) -> None:
    assert {lab for lab, _ in shape_pairs(name)} == ({label} if label else set())


@pytest.mark.parametrize(
    ("text", "ents", "written", "expected"),
    [
        # an organisation by the start of its name, when only one fits
        ("Vue Cinemas opent. Vue zwijgt.", [(0, 2, "ORG")], "Vue", "Vue Cinemas"),
        (
            "Vue Cinemas en Vue Media openen.",
            [(0, 2, "ORG"), (3, 5, "ORG")],
            "Vue",
            None,  # two fit: neither
        ),
        ("Jan Smit lacht.", [(0, 2, "PER")], "Jan", None),  # a person's first name: no
    ],
)
def test_an_organisation_resolves_from_the_start_of_its_name(
    text: str, ents: list[tuple[int, int, str]], written: str, expected: str | None
) -> None:
    found = entities_with_ents(text, ents).resolve(written)
    assert (found.name if found else None) == expected


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        (  # a pair of people is no host for one of them: "Meghan" is Meghan Markle
            "Harry & Meghan trouwden. Meghan Markle lacht. Meghan zwijgt.",
            [(0, 3, "PER"), (5, 7, "PER"), (9, 10, "PER")],
            {"Harry & Meghan": 1, "Meghan Markle": 2},
        ),
        (  # one person: the first name joins the full name as ever
            "Meghan Markle lacht. Meghan zwijgt.",
            [(0, 2, "PER"), (4, 5, "PER")],
            {"Meghan Markle": 2},
        ),
    ],
)
def test_a_pair_of_people_hosts_no_short_form(
    text: str, ents: list[tuple[int, int, str]], expected: dict[str, int]
) -> None:
    got = {e.name: len(e.mentions) for e in entities_with_ents(text, ents).entities}
    assert got == expected, got


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # members of a parliament and of the American parties are titles before a name
        ("Congreslid Joyce Beatty lacht.", [(0, 3, "ORG")], {"Joyce Beatty"}),
        ("De Democraat Maxine Waters lacht.", [(1, 4, "MISC")], {"Maxine Waters"}),
        # a title dropped and only lowercase words left: no name at all
        ("De Republikein van de commissie lacht.", [(1, 5, "MISC")], set()),
    ],
)
def test_members_titles_and_nothing_but_lowercase(
    text: str, ents: list[tuple[int, int, str]], expected: set[str]
) -> None:
    assert {e.name for e in entities_with_ents(text, ents).entities} == expected
