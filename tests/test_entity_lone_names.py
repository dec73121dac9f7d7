"""Lone names and common nouns: the corpus word lists (``word_stats_build``) at work."""

from __future__ import annotations

from collections import Counter

import pytest
from spacy.tokens import Span

from newsclaims.entities import extract_entities
from newsclaims.entities.labels import decide, first_name_evidence, lone_name_evidence
from tests.conftest import build_tiny_nlp, entities_with_ents


def _labels(patterns: list[dict[str, str]], text: str) -> dict[str, set[str]]:
    found = extract_entities(build_tiny_nlp(patterns)(text))
    out: dict[str, set[str]] = {}
    for m in found.mentions:
        out.setdefault(m.entity_name, set()).add(m.label)
    return out


@pytest.mark.parametrize(
    ("name", "ner", "expected"),
    [
        ("Wilders", "ORG", "PER"),  # a known surname, the NER unsure
        ("Poetin", "LOC", "PER"),
        ("Ljubljana", "PER", "LOC"),  # a place the news writes after "in", "naar"
        ("Zwalkmo", "PER", "ORG"),  # no first name, no known surname: a brand or company
        ("Zwalkmo", "LOC", "LOC"),  # the rule only doubts the NER's PER
        ("Herman", "PER", "PER"),  # a lone first name stays a person
        ("Confucius", "ORG", "PER"),  # a person known by one name
        ("Madonna", "LOC", "PER"),
    ],
)
def test_lone_name(name: str, ner: str, expected: str) -> None:
    """ "Gisteren sprak Wilders in Ljubljana met Zwalkmo." (one word, no full name)."""
    ev = lone_name_evidence(name, {ner: 1.0})  # type: ignore[arg-type]
    ev[ner] += 1.0
    assert decide(ev) == expected


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        ({}, "ORG"),  # nothing else known: a brand or company ("Zwalkmo")
        ({"LOC": 1.0}, "LOC"),  # "in het dorp Zwalkmo"
        ({"LOC": 0.3}, "LOC"),  # "rond Zwalkmo"
        ({"MISC": 1.0}, "MISC"),  # "het programma Zwalkmo"
        ({"LOC": 0.3, "ORG": 1.0}, "ORG"),  # "de winkelketen Zwalkmo in ..."
    ],
)
def test_a_lone_non_person_is_what_its_context_says(
    context: dict[str, float], expected: str
) -> None:
    """The NER's PER on a lone word that is no first name or surname: the context's label,
    else an organisation."""
    ev = lone_name_evidence("Zwalkmo", {"PER": 1.0}, context)
    assert max(ev, key=ev.__getitem__) == expected


@pytest.mark.parametrize(
    ("name", "context", "expected"),
    [
        ("Zwalkmo", {"ORG": 0.6}, "ORG"),  # "de website van Zwalkmo": no place the news knows
        ("Zwalkmo", {"ORG": 0.6, "LOC": 0.3}, "ORG"),  # "de klanten van Zwalkmo in ..."
        ("Zwalkmo", {"ORG": 0.3, "LOC": 0.6}, "LOC"),  # the place evidence is stronger
        ("Zwalkmo", {}, "LOC"),  # nothing else known: the NER's place
        ("Ljubljana", {"ORG": 0.6}, "LOC"),  # a place the news knows stays one
    ],
)
def test_a_lone_non_place_is_an_organisation_when_its_context_says_so(
    name: str, context: dict[str, float], expected: str
) -> None:
    """The NER's LOC on a lone word the news does not write as a place: the context's ORG
    evidence (a role or type noun) decides, against the NER's vote."""
    ev = lone_name_evidence(name, {"LOC": 1.0}, context)
    ev["LOC"] += 1.0
    for label, weight in context.items():
        ev[label] += weight
    assert decide(ev) == expected


@pytest.mark.parametrize(
    ("name", "votes", "expected"),
    [
        # "Andy Murray ... Murray ... Murray": the NER's ORG for the lone surname outvoted
        # the full name's PER until "Andy" was a known first name
        ("Andy Murray", {"PER": 1.0, "ORG": 4.0}, "PER"),
        ("Demi Schuurs", {"PER": 1.0, "LOC": 3.0}, "PER"),
        ("Clément Lenglet", {"ORG": 1.0}, "PER"),
        ("Frenkie de Jong", {"MISC": 2.0}, "PER"),
        ("Donna Vekic", {"LOC": 1.0}, "PER"),
        ("Zwalkmo Murray", {"PER": 1.0, "ORG": 4.0}, "ORG"),  # no first name: the votes
    ],
)
def test_common_first_names_open_a_persons_name(
    name: str, votes: dict[str, float], expected: str
) -> None:
    """The hand-kept ``first_names_common.txt``: names the corpus lists missed."""
    total = sum(votes.values())
    ev = Counter({label: n / total for label, n in votes.items()})
    ev.update(first_name_evidence(name))
    assert decide(ev) == expected


@pytest.mark.parametrize(
    ("name", "per"),
    [
        ("Marco Turingschool", False),  # a school named after a person
        ("Anna Cruijff Arena", False),  # a stadium named after a person
        ("Herman Verlaan", True),  # a known surname that ends like a street ("-laan")
    ],
)
def test_first_name_yields_to_the_name_type(name: str, per: bool) -> None:
    assert bool(first_name_evidence(name)["PER"]) is per


@pytest.mark.parametrize(
    ("text", "pattern", "label", "kept"),
    [
        ("Het ministerie van Onderwijs, Wetenschap en Sport betaalt.", "Wetenschap", "ORG", False),
        ("Zij tekenden het Verdrag van Lissabon.", "Verdrag", "MISC", False),
        ("Dat zei staatssecretaris Snel gisteren.", "Snel", "PER", True),  # surnames are words
        ("Het ministerie van Onderwijs, Wetenschap en Sport betaalt.", "Sport", "ORG", True),
    ],
)
def test_common_noun_names_are_dropped(text: str, pattern: str, label: str, kept: bool) -> None:
    """A lone word the news mostly writes in lowercase is no referent, unless a person.

    ("Sport" is capitalised often enough in the news to stay off the list.)
    """
    got = _labels([{"label": label, "pattern": pattern}], text)
    assert (pattern in got) is kept


def _ents(patterns: list[dict[str, str]], text: str) -> dict[str, list[str]]:
    found = extract_entities(build_tiny_nlp(patterns)(text))
    return {e.name: [m.text for m in e.mentions] for e in found.entities}


@pytest.mark.parametrize(
    ("patterns", "text", "expected"),
    [
        (  # a heading word glued to the surname of a person named in full
            ["Anna Verhoef", "Topdag Verhoef"],
            "Anna Verhoef won gisteren.\n\nTopdag Verhoef, Jansen tweede\n\nZe was blij.",
            {"Anna Verhoef": ["Anna Verhoef", "Verhoef"]},
        ),
        (  # a particle opening the sentence stays: "Van Dijk"
            ["Henk van Dijk", "Van Dijk"],
            "Henk van Dijk kwam. Van Dijk zei niets.",
            {"Henk van Dijk": ["Henk van Dijk", "Van Dijk"]},
        ),
        (  # a double surname the article uses in full stays
            ["Eva Habers Jansen", "Habers Jansen"],
            "Eva Habers Jansen kwam. Habers Jansen zei niets.",
            {"Eva Habers Jansen": ["Eva Habers Jansen", "Habers Jansen"]},
        ),
    ],
)
def test_glued_word_before_a_surname(
    patterns: list[str], text: str, expected: dict[str, list[str]]
) -> None:
    got = _ents([{"label": "PER", "pattern": p} for p in patterns], text)
    for name, mentions in expected.items():
        assert got.get(name) == mentions, got


def test_an_acronym_is_no_surname(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "RAI" is not the surname "Rai": the surname list is for words written as names."""
    from newsclaims.entities import labels

    monkeypatch.setattr(labels, "surnames", lambda: frozenset({"rai"}))
    assert not lone_name_evidence("RAI", {"LOC": 1.0})["PER"]
    assert lone_name_evidence("Rai", {"LOC": 1.0})["PER"]


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # the NER passed over the compound: the gazetteer's party is found inside it
        ("Drie VVD-Kamerleden stemden tegen.", [], {"VVD": "ORG"}),
        # a title compound opening a person's span: the party gets its own mention
        ("Dat was fout (SP-Kamerlid Anna Verhoef), zei ze.", [(4, 7, "PER")], {"SP": "ORG"}),
        # "PVV-Kamerlid" tagged as a whole names the party, not a person or a work
        ("Het PVV-Kamerlid stemde tegen.", [(1, 2, "MISC")], {"PVV": "ORG"}),
    ],
)
def test_known_names_inside_compounds(
    text: str, ents: list[tuple[int, int, str]], expected: dict[str, str]
) -> None:

    doc = build_tiny_nlp([{"label": "MISC", "pattern": "niemand"}])(text)
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
    got = {e.name: e.label for e in extract_entities(doc).entities}
    for name, label in expected.items():
        assert got.get(name) == label, got


@pytest.mark.parametrize(
    ("words", "pos", "expected"),
    [
        (
            ["Bij", "Christie's", "was", "het", "druk"],
            ["ADP", "PROPN", "AUX", "PRON", "ADJ"],
            "Christie's",
        ),  # nothing for a genitive to govern: the "'s" is the name's
        (["Bij", "Christie's", "."], ["ADP", "PROPN", "PUNCT"], "Christie's"),
        (
            ["Christie's", "veiling", "was", "druk"],
            ["PROPN", "NOUN", "AUX", "ADJ"],
            "Christie",
        ),  # a genitive: "Christie's veiling"
    ],
)
def test_apostrophe_s_kept_unless_genitive(words: list[str], pos: list[str], expected: str) -> None:
    import spacy
    from spacy.tokens import Doc

    doc = Doc(spacy.blank("nl").vocab, words=words, pos=pos)
    i = next(i for i, w in enumerate(words) if w.startswith("Christie"))
    doc.ents = [Span(doc, i, i + 1, label="ORG")]
    assert [e.name for e in extract_entities(doc).entities] == [expected]


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # an institution noun right before a place: one organisation
        (
            "Zij werkt bij de Universiteit Utrecht sinds mei.",
            [(5, 6, "LOC")],
            {"Universiteit Utrecht": "ORG"},
        ),
        (
            "Volgens de Technische Hogeschool Delft klopt het.",
            [(2, 4, "ORG"), (4, 5, "LOC")],
            {"Technische Hogeschool Delft": "ORG"},
        ),
        # a public body named by its region: one organisation
        (
            "Dat meldt de Veiligheidsregio Utrecht vanochtend.",
            [(3, 4, "MISC"), (4, 5, "LOC")],
            {"Veiligheidsregio Utrecht": "ORG"},
        ),
        (
            "Het Waterschap Rivierenland sluit de dijk.",
            [(2, 3, "LOC")],
            {"Waterschap Rivierenland": "ORG"},
        ),
        # a capitalised common word "van" a place: an event, not the place
        ("Hij reed de Ronde van Spanje uit.", [(5, 6, "LOC")], {"Ronde van Spanje": "MISC"}),
        # at the start of a sentence the capital says nothing: the place stays
        ("Inwoners van Spanje lachen.", [(2, 3, "LOC")], {"Spanje": "LOC"}),
    ],
)
def test_places_joined_to_their_name(
    text: str, ents: list[tuple[int, int, str]], expected: dict[str, str]
) -> None:
    got = {e.name: e.label for e in entities_with_ents(text, ents).entities}
    assert got == expected, got


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # a place's adjective before a known place describes it
        ("Het Drentse Ruinerwold is geschokt.", [(1, 3, "LOC")], {"Ruinerwold": "LOC"}),
        ("Hij woont in het Schotse Edinburgh.", [(4, 6, "LOC")], {"Edinburgh": "LOC"}),
        # ... and before a name the article also uses without it
        (
            "De Chinese Zwalkmo groeit. Zwalkmo maakt telefoons.",
            [(1, 3, "ORG"), (5, 6, "ORG")],
            {"Zwalkmo": "ORG"},
        ),
        # no name without it: the adjective is part of the name
        ("De Gelderse Vallei is mooi.", [(1, 3, "LOC")], {"Gelderse Vallei": "LOC"}),
        ("De Chinese Zwalkmo groeit.", [(1, 3, "ORG")], {"Chinese Zwalkmo": "ORG"}),
    ],
)
def test_a_place_adjective_before_a_name_of_its_own(
    text: str, ents: list[tuple[int, int, str]], expected: dict[str, str]
) -> None:
    got = {e.name: e.label for e in entities_with_ents(text, ents).entities}
    assert got == expected, got


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Vondel Lyceum", "ORG"),  # the institution noun as the whole last word
        ("Sint Jozef College", "ORG"),
        ("Nederlands Instituut voor Vrede", "ORG"),
        ("Ellen van der Bank", None),  # a surname after a particle is no bank
    ],
)
def test_institution_nouns(name: str, expected: str | None) -> None:
    from newsclaims.entities.labels import shape_evidence

    ev = shape_evidence(name)
    assert (decide(ev) if ev else None) == expected


def test_a_sentence_initial_article_is_not_part_of_the_name() -> None:
    """ "Het Vondel Lyceum ..." at a sentence start, "het Vondel Lyceum" elsewhere."""
    text = "Het Vondel Lyceum opent. Zij zit op het Vondel Lyceum sinds mei."
    got = _ents(
        [
            {"label": "ORG", "pattern": "Het Vondel Lyceum"},
            {"label": "ORG", "pattern": "Vondel Lyceum"},
        ],
        text,
    )
    assert list(got) == ["Vondel Lyceum"], got


def test_an_acronym_institution_before_a_place() -> None:
    """ "de TU Delft": "TU" untagged, "Delft" a place; one organisation."""

    doc = build_tiny_nlp([{"label": "MISC", "pattern": "niemand"}])(
        "Volgens de TU Delft klopt het."
    )
    doc.ents = [Span(doc, 3, 4, label="LOC")]
    assert [(e.name, e.label) for e in extract_entities(doc).entities] == [("TU Delft", "ORG")]


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # an untagged street name inside a sentence is a place
        ("De bus rijdt niet over de Kanaalweg vandaag.", [], {"Kanaalweg": "LOC"}),
        ("Werk aan de weg (Kanaalweg) duurt lang.", [], {"Kanaalweg": "LOC"}),
        # at the start of a sentence the capital says nothing: no street
        ("Parkeerplaats dicht. Zij komt morgen.", [], {}),
        # in a list after a comma, a street the NER found is kept
        ("Wijken: Lievendaal, Kanaalstraat, Welschap.", [(4, 5, "LOC")], {"Kanaalstraat": "LOC"}),
    ],
)
def test_street_names(
    text: str, ents: list[tuple[int, int, str]], expected: dict[str, str]
) -> None:
    got = {e.name: e.label for e in entities_with_ents(text, ents).entities}
    assert got == expected, got
