"""The shared attribution layer: one cue lexicon, cue matching, the article view, anaphora."""

from __future__ import annotations

import pytest

from newsclaims.attribution import ArticleView, cue_lexicon
from newsclaims.attribution.anaphora import last_person_before
from newsclaims.attribution.view import view_of
from newsclaims.entities import extract_entities
from tests.conftest import build_tiny_nlp

_NL = build_tiny_nlp(
    [
        {"label": "PER", "pattern": "Wiebes"},
        {"label": "PER", "pattern": "Jan de Vries"},
        {"label": "ORG", "pattern": "Greenpeace"},
    ]
)


def _view(text: str) -> ArticleView:
    doc = _NL(text)
    return ArticleView(doc, extract_entities(doc))


def _cues(text: str) -> list[tuple[str, str]]:
    view = _view(text)
    return [(view.words[i], lemma) for i, lemma in sorted(view.cue_tokens.items())]


def test_one_lexicon_holds_the_verbs_of_quotes_and_claim_sources() -> None:
    lemmas = cue_lexicon().lemmas
    assert {"zeggen", "meedelen", "vinden", "berekenen", "laten weten"} <= lemmas


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Het ministerie deelde mee dat er scholen dichtgaan.", [("deelde", "meedelen")]),
        ("Ze deelde de taart met haar zus.", []),  # the particle is missing: no cue
        ("Het is meegedeeld aan de raad.", [("meegedeeld", "meedelen")]),
        ("Het kabinet liet weten dat het doorgaat.", [("liet", "laten weten")]),
        ("Het is niet aan hem om te oordelen.", []),  # an infinitive, not a speech act
        ("Wiebes zegt dat het klopt.", [("zegt", "zeggen")]),
        # reporting verbs of the news beyond the spec's examples
        ("Wiebes verzekert dat het klopt.", [("verzekert", "verzekeren")]),
        ("Wiebes beklemtoonde dat het klopt.", [("beklemtoonde", "beklemtonen")]),
        ("Wiebes onderstreept dat het klopt.", [("onderstreept", "onderstrepen")]),
        ("Wiebes vermoedt dat het klopt.", [("vermoedt", "vermoeden")]),
        ("Wiebes suggereerde dat het klopt.", [("suggereerde", "suggereren")]),
        ("Wiebes oppert dat het klopt.", [("oppert", "opperen")]),
        ("De bewoners klaagden over het plan.", []),  # "klagen over": no statement cue
        ("Wiebes herhaalde dat het klopt.", [("herhaalde", "herhalen")]),
        ("Wiebes betwijfelt dat het klopt.", [("betwijfelt", "betwijfelen")]),
        ("Het planbureau adviseert dat de toets later komt.", [("adviseert", "adviseren")]),
        # a separable verb whose particle ends a long main clause, right before "dat"
        (
            "Vorige week spraken de Turkse president Erdogan en zijn Russische ambtgenoot "
            "Poetin in de Russische badplaats Sotsji af dat de milities vertrekken.",
            [("spraken", "afspreken")],
        ),
        (  # that far away, "af" without "dat" is no particle of this verb
            "Vorige week spraken de Turkse president Erdogan en zijn Russische ambtgenoot "
            "Poetin in de Russische badplaats Sotsji met elkaar af en toe.",
            [],
        ),
    ],
)
def test_cue_matching(text: str, expected: list[tuple[str, str]]) -> None:
    assert _cues(text) == expected


def test_view_values_are_computed_before_any_rule() -> None:
    text = (
        "De campagne 'Samen sterk in de wijk' begint.\n\n"
        "Wiebes zei: \"We sluiten alle velden.\" Het is 'gepauzeerd'."
    )
    view = _view(text)
    # the title of a work and a scare quote are not statements
    assert [text[s:e] for s, e in view.quoted] == ["We sluiten alle velden."]
    # sentences are cut at the paragraph break as well
    firsts = [view.words[s] for s, _ in view.sents if not view.is_space[s]]
    assert firsts[:2] == ["De", "Wiebes"]
    assert view.text == text


def test_view_of_reuses_the_view_of_the_same_doc() -> None:
    doc = _NL("Wiebes zegt dat het klopt.")
    entities = extract_entities(doc)
    assert view_of(doc, entities) is view_of(doc, entities)
    other = _NL("Wiebes zegt dat het klopt.")
    assert view_of(other, extract_entities(other)) is not view_of(doc, entities)


def test_last_person_before() -> None:
    text = "Jan de Vries en Greenpeace waren er. Wiebes ook. Hij zei niets."
    doc = _NL(text)
    entities = extract_entities(doc)
    person = last_person_before(entities, text.index("Hij"))
    assert person is not None and person.name == "Wiebes"
    assert last_person_before(entities, 0) is None


_NL_NOMINAL = build_tiny_nlp(
    [
        {"label": "PER", "pattern": "Marieke van Dam"},
        {"label": "ORG", "pattern": "Philips"},
        {"label": "ORG", "pattern": "Rabobank"},
    ]
)


def _speakers(text: str) -> list[tuple[str | None, str | None]]:
    from newsclaims.quotes import extract_quotes

    doc = _NL_NOMINAL(text)
    return [(q.speaker, q.resolution) for q in extract_quotes(doc, extract_entities(doc))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a role noun with a prepositional phrase refers back to the person named before
        (
            "Marieke van Dam won de rit. De renster van het Noorse team zei dat het zwaar was.",
            [("Marieke van Dam", "pronoun")],
        ),
        # an organisation noun refers back to the organisation named before
        (
            "Philips verkoopt zijn lampen. Het Nederlandse bedrijf meldt dat de winst daalt.",
            [("Philips", "pronoun")],
        ),
        (
            'De Rabobank opent drie kantoren. "We willen dichter bij de klant", zegt de bank.',
            [("Rabobank", "pronoun")],
        ),
        # nobody to refer back to: the description stays
        ("Het bedrijf meldt dat de winst daalt.", [("bedrijf", "explicit")]),
    ],
)
def test_nominal_anaphora(text: str, expected: list[tuple[str | None, str | None]]) -> None:
    assert _speakers(text) == expected


def test_description_introduced_with_a_name_resolves_to_that_name() -> None:
    text = (
        "Philips en Rabobank stegen. Volgens de bank Rabobank daalt de rente. "
        "Philips opende een fabriek en Philips groeit. De bank zegt dat het goed gaat."
    )
    assert _speakers(text)[-1] == ("Rabobank", "pronoun")


def test_person_named_after_a_role_and_its_complement() -> None:
    text = "De minister van Buitenlandse Zaken Marieke van Dam zegt dat het vredesoverleg doorgaat."
    assert _speakers(text) == [("Marieke van Dam", "explicit")]


def test_reflexive_pronoun_and_person_adjective_refer_back() -> None:
    text = (
        "Marieke van Dam won de rit. Volgens hemzelf ging het om een vergissing van de jury. "
        "De 34-jarige zegt dat ze volgend jaar terugkomt."
    )
    speakers = _speakers(text)
    assert speakers[-1] == ("Marieke van Dam", "pronoun")


def test_quote_after_a_sentence_naming_one_person_is_that_persons() -> None:
    text = (
        '"We gaan dit jaar nog verhuizen naar de stad", zegt Marieke van Dam. '
        'Ook Jan de Vries is geen voorstander. "Dan wordt het veel te druk in de straat."'
    )
    doc = _NL(text)
    from newsclaims.quotes import extract_quotes

    speakers = [q.speaker for q in extract_quotes(doc, extract_entities(doc))]
    assert speakers[-1] == "Jan de Vries"


def test_a_pronoun_in_the_sentence_before_keeps_the_speaker() -> None:
    text = (
        '"Ik heb niemand iets gedaan", zegt Jan de Vries. '
        "Neem Wiebes, die hij zou hebben bedreigd. "
        '"Maar ik ken die man niet eens van gezicht."'
    )
    doc = _NL(text)
    from newsclaims.quotes import extract_quotes

    assert [q.speaker for q in extract_quotes(doc, extract_entities(doc))] == [
        "Jan de Vries",
        "Jan de Vries",
    ]


_NL_SHAPES = build_tiny_nlp(
    [
        {"label": "PER", "pattern": "Marieke van Dam"},
        {"label": "PER", "pattern": "Jan de Vries"},
        {"label": "ORG", "pattern": "Philips"},
        {"label": "ORG", "pattern": "Philips-woordvoerder"},
    ]
)


def _shape_speakers(text: str) -> list[tuple[str | None, str | None]]:
    from newsclaims.quotes import extract_quotes

    doc = _NL_SHAPES(text)
    return [(q.speaker, q.resolution) for q in extract_quotes(doc, extract_entities(doc))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a description, then the name apposed between commas
        (
            "De directeur van het museum, Marieke van Dam, zei dat de zaal dichtgaat.",
            [("Marieke van Dam", "explicit")],
        ),
        # a name, then an apposition without a closing comma
        (
            "Marieke van Dam, hoogleraar staats- en bestuursrecht aan de universiteit zegt dat "
            "het verbod niet mag.",
            [("Marieke van Dam", "explicit")],
        ),
        # an age in brackets after the name
        (
            "Marieke van Dam (45), directeur van de school, zegt dat het plan slecht is.",
            [("Marieke van Dam", "explicit")],
        ),
        # a role with its complement after the verb, then the name
        (
            '"We zagen dit al lang aankomen", zegt woordvoerder van de bond Marieke van Dam.',
            [("Marieke van Dam", "explicit")],
        ),
        # the subject of a relative clause is the pronoun after "waarin"
        (
            "Marieke van Dam gaf een interview, waarin ze zei dat de winst dit jaar stijgt.",
            [("Marieke van Dam", "pronoun")],
        ),
        # a party or company role compound before a name: the person
        (
            "'Dit is een heel slecht plan voor de klant' (Philips-woordvoerder Marieke van Dam).",
            [("Marieke van Dam", "explicit")],
        ),
        # a named subject coordinated with a description: the name
        (
            "Marieke van Dam en andere ambtenaren benadrukten dat het besluit vaststaat.",
            [("Marieke van Dam", "explicit")],
        ),
        # a heading glued to the sentence: the subject starts at the capitalised article
        (
            "Nieuwe plannen Het bestuur zegt dat de school open blijft.",
            [("bestuur", "explicit")],
        ),
        # a compound ending in a role refers back like the role
        (
            "Marieke van Dam leidt het project. De omgevingsmanager van de provincie denkt dat "
            "de weg op tijd klaar is.",
            [("Marieke van Dam", "pronoun")],
        ),
    ],
)
def test_speaker_phrase_shapes(text: str, expected: list[tuple[str | None, str | None]]) -> None:
    assert _shape_speakers(text) == expected


def test_a_passive_cue_names_no_speaker_for_the_next_quote() -> None:
    text = (
        '"We werken elk weekend door", zegt Marieke van Dam. '
        "Op borden worden de verwachte rijtijden aangegeven. "
        '"Zo weet iedereen wat hem te wachten staat."'
    )
    assert [s for s, _ in _shape_speakers(text)] == ["Marieke van Dam", "Marieke van Dam"]


def test_a_colon_speaker_is_remembered_for_later_anaphora() -> None:
    text = (
        "Jan de Vries zegt dat het werk goed gaat. "
        'Marieke van Dam: "We werken elk weekend door." '
        "De woordvoerder denkt dat de weg op tijd klaar is."
    )
    assert _shape_speakers(text)[-1] == ("Marieke van Dam", "pronoun")


def test_a_nominalised_infinitive_is_no_cue() -> None:
    assert _cues("Het schrijven van het boek kostte hem drie jaar.") == []
    assert _cues("Hij zei niets.") == [("zei", "zeggen")]


@pytest.mark.parametrize(
    ("words", "tags", "fragment"),
    [
        (["vaak"], ["ADV"], True),
        (["Aanleiding", "voor", "het"], ["NOUN", "ADP", "DET"], True),
        (["ruim", "3", "miljoen", "euro", "steun"], ["ADV", "NUM", "NUM", "NOUN", "NOUN"], True),
        (["je", "moet", "er", "niet", "aan"], ["PRON", "AUX", "ADV", "ADV", "ADP"], True),
        (["de", "getroffen", "bewoners"], ["DET", "VERB", "NOUN"], False),
        (["werkgevers", "zijn", "daartegen"], ["NOUN", "AUX", "ADV"], True),
        (["zijn", "stille", "getuigen"], ["AUX", "ADJ", "NOUN"], True),  # an auxiliary, always
        (["Deskundigen"], ["ADJ"], False),
        (["een", "ander"], ["DET", "ADJ"], False),
        (["het", "hof"], ["DET", "NOUN"], False),
    ],
)
def test_a_speaker_is_never_a_fragment(words: list[str], tags: list[str], fragment: bool) -> None:
    from spacy.tokens import Doc

    from newsclaims.attribution.phrases import is_fragment

    doc = Doc(_NL.vocab, words=words, pos=tags)
    view = ArticleView(doc, extract_entities(doc))
    assert is_fragment(view, list(doc)) is fragment


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two quoted sentences side by side are no list: the second's attribution stays its own
        (
            '"De kosten zijn veel te hoog", zegt Jan de Vries. "Dat zeggen we al jaren." '
            '"Wij zien dat heel anders", zegt Marieke van Dam.',
            ["Jan de Vries", "Jan de Vries", "Marieke van Dam"],
        ),
        # of several people named right before a quote, the first (the subject)
        (
            "In een verklaring prijst Jan de Vries zijn collega Marieke van Dam. "
            '"Zij is een groot voorbeeld voor ons allemaal."',
            ["Jan de Vries"],
        ),
        # an age in brackets between the name and its complement
        (
            "Docent Marieke van Dam (31) van de school vindt dat de toets te vroeg komt.",
            ["Marieke van Dam"],
        ),
    ],
)
def test_sequences_and_introductions(text: str, expected: list[str]) -> None:
    assert [s for s, _ in _shape_speakers(text)] == expected


def test_a_person_opening_a_sentence_after_the_last_speaker_is_the_newer_antecedent() -> None:
    text = (
        '"Het is veel te duur voor de mensen", zegt Jan de Vries. Ook hoogleraar Marieke van '
        'Dam is kritisch. "We weten er nog veel te weinig van", vertelt ze.'
    )
    assert [s for s, _ in _shape_speakers(text)] == ["Jan de Vries", "Marieke van Dam"]
