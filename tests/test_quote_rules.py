"""Every quote rule pinned: one ``(text, expected)`` case per rule of the ordered tuples, and a
meta-test that removes each rule in turn and checks that some case then fails.

The docs are model-free (a blank Dutch pipeline with a sentencizer and an entity ruler; the
few rules that read part-of-speech tags get tags by hand), so the cases pin the rules, not a
model version.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import numpy
import pytest
from spacy.attrs import DEP, HEAD
from spacy.tokens import Doc

from newsclaims.attribution import continuation
from newsclaims.attribution.lexicon import cue_lexicon
from newsclaims.attribution.phrases import is_manner_word, is_time_phrase, without_adverb_tail
from newsclaims.entities import extract_entities
from newsclaims.quotes import direct, extract, extract_quotes
from newsclaims.records import Quote
from tests.conftest import build_tiny_nlp

Row = tuple[str, str, str | None, str | None]

_NL = build_tiny_nlp(
    [
        {"label": "PER", "pattern": "Jan de Vries"},
        {"label": "PER", "pattern": "Eric Wiebes"},
        {"label": "PER", "pattern": "Wiebes"},
        {"label": "ORG", "pattern": "Greenpeace"},
        {"label": "LOC", "pattern": "Groningen"},
        {"label": "ORG", "pattern": "Stichting voor de Dijken"},
        {"label": "ORG", "pattern": "Greenpeace-activisten"},  # as the NER tags such compounds
    ]
)


# A word's tag, or (tag, dependency label, head word) for the rules that read the parse.
Tags = dict[str, str | tuple[str, str, str]]


def _doc(text: str, tags: Tags | None = None) -> Doc:
    """The tiny pipeline's doc; with ``tags``, every token gets a tag (listed words their own,
    punctuation PUNCT, the rest X) so that the rules reading the tagger can be pinned. Words
    tagged with an arc get a parse: a word that heads itself is its sentence's ROOT, and
    every word without an arc hangs under its sentence's root as ``dep``."""
    doc = _NL(text)
    if tags is None:
        return doc
    arcs = {w: t for w, t in tags.items() if isinstance(t, tuple)}
    for tok in doc:
        tag = tags.get(tok.lower_, "PUNCT" if tok.is_punct else "X")
        tok.pos_ = tag[0] if isinstance(tag, tuple) else tag
    if arcs:
        heads = numpy.zeros((len(doc), 2), dtype="uint64")
        for sent in doc.sents:
            words = {t.lower_: t.i for t in sent}
            roots = [t.i for t in sent if t.lower_ in arcs and arcs[t.lower_][1] == "ROOT"]
            root = roots[0] if roots else sent.start
            for tok in sent:
                arc = arcs.get(tok.lower_)
                dep, head = (arc[1], words[arc[2]]) if arc and tok.i != root else ("dep", root)
                if tok.i == root:
                    dep = "ROOT"
                offset = (head - tok.i) % (1 << 64)  # to_array's wrap of a negative offset
                heads[tok.i] = (offset, doc.vocab.strings.add(dep))
        doc.from_array([HEAD, DEP], heads)
    return doc


def _rows(text: str, tags: Tags | None = None) -> list[Row]:
    doc = _doc(text, tags)
    return [(q.text, q.kind, q.speaker, q.cue) for q in extract_quotes(doc, extract_entities(doc))]


# (rule, text, part-of-speech tags or None, expected rows)
CASES: list[tuple[str, str, Tags | None, list[Row]]] = [
    (
        "direct_and_partial",
        '"We sluiten de fabriek aan het eind van het jaar", zegt Jan de Vries.',
        None,
        [("We sluiten de fabriek aan het eind van het jaar", "direct", "Jan de Vries", "zeggen")],
    ),
    (
        "headline_colon",
        "Wiebes: gaswinning moet nu stoppen\n\nDe rest van het verhaal volgt later.",
        None,
        [("gaswinning moet nu stoppen", "direct", "Wiebes", ":")],
    ),
    (
        "dat_clause",
        "Greenpeace zegt dat de dijk veel te zwak is.",
        None,
        [("de dijk veel te zwak is.", "indirect", "Greenpeace", "zeggen")],
    ),
    (
        "dat_clause",  # "noemen het <judgement> dat": the judgement is part of the statement
        "Greenpeace noemt het zeer gevaarlijk dat de dijk zwak is.",
        {"noemt": "VERB", "zeer": "ADV", "gevaarlijk": "ADJ", "is": "AUX"},
        [("het zeer gevaarlijk dat de dijk zwak is.", "indirect", "Greenpeace", "noemen")],
    ),
    (
        "dat_clause",  # "het" before a noun: "dat" opens a relative clause, no statement
        "Greenpeace noemt het aantal keren dat de dijk brak.",
        {"noemt": "VERB", "aantal": "NOUN", "brak": "VERB"},
        [],
    ),
    (
        "dat_clause",  # a separable verb's particle right before a far "dat"
        "Greenpeace en Wiebes spraken gisteren in het provinciehuis van Groningen na lang "
        "overleg af dat de dijk wordt versterkt.",
        None,
        [("de dijk wordt versterkt.", "indirect", "Greenpeace", "afspreken")],
    ),
    (
        "trailing_cue",
        "De gaswinning in Groningen stopt al in 2024, zegt Wiebes.",
        None,
        [("De gaswinning in Groningen stopt al in 2024", "indirect", "Wiebes", "zeggen")],
    ),
    (
        "that_sentence_before",
        "Het aantal aardbevingen is dit jaar flink gedaald. Dat meldt Greenpeace.",
        None,
        [
            (
                "Het aantal aardbevingen is dit jaar flink gedaald.",
                "indirect",
                "Greenpeace",
                "melden",
            )
        ],
    ),
    (
        "volgens",
        "Volgens Greenpeace is de dijk op drie plaatsen veel te zwak.",
        None,
        [("is de dijk op drie plaatsen veel te zwak.", "indirect", "Greenpeace", "volgens")],
    ),
    (
        "volgens",  # the source runs on to the end of a name with a preposition inside
        "Volgens de Stichting voor de Dijken is de dijk veel te zwak.",
        None,
        [("is de dijk veel te zwak.", "indirect", "Stichting voor de Dijken", "volgens")],
    ),
    (
        "noun_cues",
        "Er kwam een waarschuwing van Greenpeace dat de dijk op drie plaatsen breekt.",
        None,
        [("de dijk op drie plaatsen breekt.", "indirect", "Greenpeace", "waarschuwing")],
    ),
    (
        "fixed_phrases",
        "Wiebes heeft naar eigen zeggen alle gasvelden gesloten.",
        {"heeft": "AUX", "gesloten": "VERB", "wiebes": "PROPN"},
        [
            (
                "Wiebes heeft naar eigen zeggen alle gasvelden gesloten.",
                "indirect",
                "Wiebes",
                "naar eigen zeggen",
            )
        ],
    ),
    (
        "zo_parenthetical",
        "De dijk, zo concludeert Greenpeace in een nieuw rapport, is op drie plaatsen te zwak.",
        None,
        [("is op drie plaatsen te zwak.", "indirect", "Greenpeace", "concluderen")],
    ),
    (
        "te_clauses",
        "Vorige week kondigde Eric Wiebes aan alle gasvelden te sluiten.",
        None,
        [("alle gasvelden te sluiten", "indirect", "Eric Wiebes", "aankondigen")],
    ),
    (
        "te_clauses",  # "gaf aan ... te ...": the particle verb aangeven
        "Greenpeace gaf aan de dijk snel te willen versterken.",
        {"greenpeace": "PROPN", "gaf": "VERB", "aan": "ADP", "de": "DET", "dijk": "NOUN"}
        | {"snel": "ADV", "te": "ADP", "willen": "VERB", "versterken": "VERB"},
        [("de dijk snel te willen versterken", "indirect", "Greenpeace", "aangeven")],
    ),
    (
        "te_clauses",  # advice: "adviseert X ... te ..."
        "Daarnaast adviseert Greenpeace de dijk eerder te versterken.",
        None,
        [("de dijk eerder te versterken.", "indirect", "Greenpeace", "adviseren")],
    ),
    (
        "trailing_aux_cue",
        "Het verloop kost de sector elk jaar veel geld, heeft Greenpeace berekend.",
        None,
        [("Het verloop kost de sector elk jaar veel geld", "indirect", "Greenpeace", "berekenen")],
    ),
    (
        "small_clause",
        "Wiebes noemt de nieuwe boete onredelijk hoog.",
        {"wiebes": "PROPN", "noemt": "VERB", "de": "DET", "boete": "NOUN", "hoog": "ADJ"},
        [("de nieuwe boete onredelijk hoog.", "indirect", "Wiebes", "noemen")],
    ),
    (
        "before_colon",
        'Wiebes zei: "We sluiten alle gasvelden in Groningen."',
        None,
        [("We sluiten alle gasvelden in Groningen.", "direct", "Wiebes", "zeggen")],
    ),
    (
        "after_aldus",
        '"We sluiten alle gasvelden in Groningen", aldus Wiebes.',
        None,
        [("We sluiten alle gasvelden in Groningen", "direct", "Wiebes", "aldus")],
    ),
    (
        "after_copula",
        '"Waar blijft de trein nu weer?", was de reactie van Greenpeace.',
        None,
        [("Waar blijft de trein nu weer?", "direct", "Greenpeace", "reactie")],
    ),
    (  # the document is the cue, its author the speaker
        "after_document",
        '"Het water staat hoog", staat in een verklaring van Greenpeace.',
        None,
        [("Het water staat hoog", "direct", "Greenpeace", "verklaring")],
    ),
    (
        "after_cue",
        '"Het water staat tot aan de dijk", meldt Greenpeace.',
        None,
        [("Het water staat tot aan de dijk", "direct", "Greenpeace", "melden")],
    ),
    (
        "after_inverted_verb",
        '"Dat wordt nog heel lastig", lacht Wiebes.',
        {"lacht": "VERB", "wordt": "AUX", "wiebes": "PROPN"},
        [("Dat wordt nog heel lastig", "direct", "Wiebes", "lacht")],
    ),
    (
        "after_parenthesis",
        "Op sociale media was er kritiek. 'Dit is echt een slecht plan' (Kamerlid Jan de Vries), "
        "'Hier moeten we nog eens goed over nadenken' (Greenpeace).",
        None,
        [
            ("Dit is echt een slecht plan", "direct", "Jan de Vries", None),
            ("Hier moeten we nog eens goed over nadenken", "direct", "Greenpeace", None),
        ],
    ),
    (
        "that_sentence_after",
        '"De kosten lopen veel te hoog op." Dat heeft Jan de Vries gisteren gezegd.',
        None,
        [("De kosten lopen veel te hoog op.", "direct", "Jan de Vries", "zeggen")],
    ),
    (
        "sentence_cue",
        'Wiebes zei dat het "een zwarte dag voor Groningen" was.',
        None,
        [
            ('het "een zwarte dag voor Groningen" was.', "indirect", "Wiebes", "zeggen"),
            ("een zwarte dag voor Groningen", "partial", "Wiebes", "zeggen"),
        ],
    ),
    (
        "sentence_subject",
        '"Het is goed zo", zegt Jan de Vries. Greenpeace is \'geschokt over de ernst van de '
        "meldingen'.",
        {"greenpeace": ("PROPN", "nsubj", "geschokt"), "geschokt": ("ADJ", "ROOT", "geschokt")},
        [
            ("Het is goed zo", "direct", "Jan de Vries", "zeggen"),
            ("geschokt over de ernst van de meldingen", "partial", "Greenpeace", None),
        ],
    ),
    (
        "split_second_half",
        '"Dit is het eerste deel", zegt Wiebes, "en dit is het tweede deel."',
        None,
        [
            ("Dit is het eerste deel", "direct", "Wiebes", "zeggen"),
            ("en dit is het tweede deel.", "direct", "Wiebes", "zeggen"),
        ],
    ),
    (
        "share_list_attribution",
        '"Dit is echt te gek voor woorden", "schandalig" en "wat een slechte dag", zei Wiebes.',
        None,
        [
            ("Dit is echt te gek voor woorden", "direct", "Wiebes", "zeggen"),
            ("wat een slechte dag", "partial", "Wiebes", "zeggen"),
        ],
    ),
]

CASES += [
    (
        "zoals_parenthetical",
        "Jan de Vries won de rit. Hij viel daarna hard, waardoor hij, zoals de wielrenner het "
        "zelf omschreef, van top tot teen onder de modder zat.",
        None,
        [("van top tot teen onder de modder zat.", "indirect", "Jan de Vries", "omschrijven")],
    ),
    (
        "verb_preposition",
        "Retaildeskundige Jan de Vries spreekt van een kansrijk concept voor de regio.",
        None,
        [("een kansrijk concept voor de regio.", "indirect", "Jan de Vries", "spreken van")],
    ),
    (
        "verb_preposition",
        "In de Kamer pleit Greenpeace voor een hogere dijk bij Groningen.",
        None,
        [("een hogere dijk bij Groningen.", "indirect", "Greenpeace", "pleiten")],
    ),
    (
        "verb_preposition",  # an infinitive is an aim, not a statement
        "Greenpeace is in Den Haag om te pleiten voor een hogere dijk.",
        None,
        [],
    ),
    (
        "als_predicate",
        "Greenpeace omschrijft de dijk als een groot gevaar.",
        {"omschrijft": "VERB", "dijk": "NOUN", "als": "SCONJ"},
        [("een groot gevaar.", "indirect", "Greenpeace", "omschrijven")],
    ),
    (
        "object_statement",
        "Greenpeace meldt onder meer schade aan de dijk bij Groningen.",
        None,
        [("onder meer schade aan de dijk bij Groningen.", "indirect", "Greenpeace", "melden")],
    ),
    (
        "weak_dat_clause",
        "Greenpeace wil ook dat de dijk hoger wordt.",
        {"wil": "VERB", "ook": "ADV", "dat": "SCONJ", "wordt": "VERB"},
        [("de dijk hoger wordt.", "indirect", "Greenpeace", "willen")],
    ),
    (
        "stance_dat",
        "Wethouder Jan de Vries is van mening dat de toets beter later kan plaatsvinden.",
        None,
        [("de toets beter later kan plaatsvinden.", "indirect", "Jan de Vries", "van mening zijn")],
    ),
]

CASES += [
    (
        "repeated_headline",
        "'We zijn er nog niet'\n\nHet herstel gaat goed. \"Dit is een mooie stap, maar "
        'we zijn er nog niet", aldus Jan de Vries.',
        None,
        [
            ("We zijn er nog niet", "direct", "Jan de Vries", None),
            (
                "Dit is een mooie stap, maar we zijn er nog niet",
                "direct",
                "Jan de Vries",
                "aldus",
            ),
        ],
    ),
    (
        "introduced_before",
        '"We gaan dit jaar verhuizen naar de stad", zegt Wiebes. Ook Jan de Vries is geen '
        'voorstander. "Dan wordt het veel te druk in de straat."',
        None,
        [
            ("We gaan dit jaar verhuizen naar de stad", "direct", "Wiebes", "zeggen"),
            ("Dan wordt het veel te druk in de straat.", "direct", "Jan de Vries", None),
        ],
    ),
    (
        "introduced_group",
        '"We gaan dit jaar verhuizen naar de stad", zegt Wiebes. Veel omwonenden zijn boos. '
        '"Dan wordt het veel te druk in de straat."',
        {"veel": "DET", "omwonenden": "NOUN", "zijn": "AUX", "boos": "ADJ", "zegt": "VERB"},
        [
            ("We gaan dit jaar verhuizen naar de stad", "direct", "Wiebes", "zeggen"),
            ("Dan wordt het veel te druk in de straat.", "direct", "Veel omwonenden", None),
        ],
    ),
    (
        "introduced_after",
        '"Dit is echt belachelijk, die motoren in de koers."\n\nIn duidelijke woorden maakt '
        "Jan de Vries zijn punt.",
        None,
        [("Dit is echt belachelijk, die motoren in de koers.", "direct", "Jan de Vries", None)],
    ),
    (  # an interview: the answer after what the interviewer reports is the interviewee's
        "interview_answer",
        '"We gaan door", zegt Jan de Vries. Heeft u geoefend? "Ja, dat hoort erbij." '
        'Greenpeace zegt dat de dijk te zwak is. "Daar ben ik het niet mee eens." '
        'Wat vindt u daarvan? "Het is onzin."',
        None,
        [
            ("We gaan door", "direct", "Jan de Vries", "zeggen"),
            ("Ja, dat hoort erbij.", "direct", "Jan de Vries", None),
            ("de dijk te zwak is.", "indirect", "Greenpeace", "zeggen"),
            ("Daar ben ik het niet mee eens.", "direct", "Jan de Vries", None),
            ("Het is onzin.", "direct", "Jan de Vries", None),
        ],
    ),
    (
        "previous_speaker",
        '"We gaan gewoon door met boren", zegt Wiebes. "Er is geen andere keuze voor ons."',
        None,
        [
            ("We gaan gewoon door met boren", "direct", "Wiebes", "zeggen"),
            ("Er is geen andere keuze voor ons.", "direct", "Wiebes", None),
        ],
    ),
]

# the ordered rule tuples, by module attribute
TUPLES: list[tuple[Any, str]] = [
    (extract, "RULES"),
    (direct, "ATTRIBUTION_RULES"),
    (direct, "SEQUENCE_RULES"),
    (continuation, "CONTINUATION_RULES"),
]


def _all_rules() -> list[tuple[Any, str, Callable[..., Any]]]:
    return [(mod, name, rule) for mod, name in TUPLES for rule in getattr(mod, name)]


@pytest.mark.parametrize(("rule", "text", "tags", "expected"), CASES, ids=[c[0] for c in CASES])
def test_rule_case(rule: str, text: str, tags: dict[str, str] | None, expected: list[Row]) -> None:
    assert _rows(text, tags) == expected


def test_every_rule_has_a_case() -> None:
    names = {rule.__name__ for _, _, rule in _all_rules()}
    assert names == {c[0] for c in CASES}


@pytest.mark.parametrize(
    "target", _all_rules(), ids=[f"{name}-{rule.__name__}" for _, name, rule in _all_rules()]
)
def test_removing_a_rule_breaks_a_case(
    monkeypatch: pytest.MonkeyPatch, target: tuple[Any, str, Callable[..., Any]]
) -> None:
    mod, name, rule = target
    monkeypatch.setattr(mod, name, tuple(r for r in getattr(mod, name) if r is not rule))
    failing = [c[0] for c in CASES if _rows(c[1], c[2]) != c[3]]
    assert failing, f"no case fails without {rule.__name__}"


def test_rules_are_documented() -> None:
    for _, _, rule in _all_rules():
        assert rule.__doc__ and len(rule.__doc__.split()) > 5, rule.__name__


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a trailing "stelt X" attributes although "stellen" is a dat-only cue
        (
            "Het gasveld moet veel sneller dicht dan gepland, stelt Greenpeace.",
            [
                (
                    "Het gasveld moet veel sneller dicht dan gepland",
                    "indirect",
                    "Greenpeace",
                    "stellen",
                )
            ],
        ),
        # a trailing "laat X weten": the particle after the subject
        (
            "Het herstel gaat precies zoals het hoort, laat Wiebes weten.",
            [("Het herstel gaat precies zoals het hoort", "indirect", "Wiebes", "laten weten")],
        ),
        # an infinitive clause after a cue without particle runs to the clause end
        (
            "Wiebes zei dinsdag op de radio blij te zijn met het besluit van de rechter.",
            [
                (
                    "dinsdag op de radio blij te zijn met het besluit van de rechter.",
                    "indirect",
                    "Wiebes",
                    "zeggen",
                )
            ],
        ),
        (
            "Greenpeace denkt volgend jaar te beginnen met de bouw van een nieuw kantoor.",
            [
                (
                    "volgend jaar te beginnen met de bouw van een nieuw kantoor.",
                    "indirect",
                    "Greenpeace",
                    "denken",
                )
            ],
        ),
        # "zich (ervan) bewust zijn dat": a stated awareness, cued as annotated
        (
            "Wethouder Jan de Vries is zich ervan bewust dat de toets later moet.",
            [("de toets later moet.", "indirect", "Jan de Vries", "zich bewust zijn")],
        ),
        # a comparison ("dan veel mensen denken om …") and "denkt erover" are no statements
        ("Het is moeilijker dan veel mensen denken om een vergunning aan te vragen.", []),
        ("Greenpeace denkt erover een nieuw kantoor te openen in de stad.", []),
        # "zei dat 'het … te …'": the quote, not an infinitive clause
        (
            "Wiebes zei dat 'het niet nodig is om direct te stoppen met gas'.",
            [("het niet nodig is om direct te stoppen met gas", "partial", "Wiebes", "zeggen")],
        ),
    ],
)
def test_more_indirect_layouts(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a clause the same speaker reports inside a reported clause is part of it
            "Wiebes zei dat hij denkt dat er niets verkeerd is gegaan.",
            [("hij denkt dat er niets verkeerd is gegaan.", "indirect", "Wiebes", "zeggen")],
        ),
    ],
)
def test_a_statement_inside_the_same_speakers_statement_is_part_of_it(
    text: str, expected: list[Row]
) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a reported clause whose subject is not resolved takes the speaker before it but
            # keeps its own cue; a continued direct quote has none
            'Wiebes is blij. "Het gaat goed met de dijken." Toen die had geopperd dat het '
            "slecht gaat met de dijken.",
            [
                ("Het gaat goed met de dijken.", "direct", "Wiebes", None),
                ("het slecht gaat met de dijken.", "indirect", "Wiebes", "opperen"),
            ],
        ),
    ],
)
def test_a_continued_statement_keeps_its_own_cue(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Vorige week", True),
        ("Begin deze maand", True),
        ("eerder deze week", True),
        ("twee jaar geleden", True),
        ("Eind februari", True),
        ("donderdagavond", True),
        ("de minister", False),
        ("de week van de minister", False),  # a noun that is no time
        ("het", False),  # no time noun
    ],
)
def test_a_time_phrase(words: str, expected: bool) -> None:
    """ "Vorige week ontkenden de organisatoren ...": the phrase only says when."""
    assert is_time_phrase(list(_NL(words)), cue_lexicon()) is expected


@pytest.mark.parametrize(
    ("text", "tags", "expected"),
    [
        (  # a fronted time phrase: the subject follows the verb
            "Vorige week ontkenden de organisatoren dat het een politiek statement is.",
            {"vorige": "ADJ", "week": "NOUN", "ontkenden": "VERB", "organisatoren": "NOUN"},
            [("het een politiek statement is.", "indirect", "organisatoren", "ontkennen")],
        ),
        (
            "Begin deze maand oordeelde de koepel dat de subsidies weggegooid geld zijn.",
            {
                "begin": "NOUN",
                "deze": "DET",
                "maand": "NOUN",
                "oordeelde": "VERB",
                "koepel": "NOUN",
            },
            [("de subsidies weggegooid geld zijn.", "indirect", "koepel", "oordelen")],
        ),
        (  # a time phrase after the description is not part of it
            '"De woningbouw komt in de knel", zeiden bestuurders vorige week.',
            {"zeiden": "VERB", "bestuurders": "NOUN", "vorige": "ADJ", "week": "NOUN"},
            [("De woningbouw komt in de knel", "direct", "bestuurders", "zeggen")],
        ),
    ],
)
def test_a_time_phrase_is_no_speaker(text: str, tags: Tags, expected: list[Row]) -> None:
    assert _rows(text, tags) == expected


@pytest.mark.parametrize(
    ("text", "tags", "expected"),
    [
        (  # the relative clause about the speaker is not part of it
            '"Het klopt niet", zegt een patholoog die het lichaam onderzocht.',
            {"zegt": "VERB", "patholoog": "NOUN", "die": "PRON", "lichaam": "NOUN"},
            [("Het klopt niet", "direct", "een patholoog", "zeggen")],
        ),
        (
            '"We zijn optimistisch", zegt de directeur van de dierentuin waar Najin leeft.',
            {"zegt": "VERB", "directeur": "NOUN", "dierentuin": "NOUN", "waar": "ADV"},
            [("We zijn optimistisch", "direct", "directeur van de dierentuin", "zeggen")],
        ),
        (  # an adjective used as a noun is a description, not a fragment
            '"Het klopt niet", zegt een politiedeskundige die anoniem wil blijven.',
            {"zegt": "VERB", "een": "DET", "politiedeskundige": "ADJ", "die": "PRON"},
            [("Het klopt niet", "direct", "een politiedeskundige", "zeggen")],
        ),
        (  # a compound cut before "en" runs on to its other half
            '"We stappen naar de rechter", zeggen natuur- en milieuorganisaties.',
            {"zeggen": "VERB", "natuur-": "NOUN", "milieuorganisaties": "NOUN"},
            [("We stappen naar de rechter", "direct", "natuur- en milieuorganisaties", "zeggen")],
        ),
        (  # "waaruit" opens a relative clause with its own subject
            "Er kwam een rapport, waaruit de bond concludeert dat het werk te zwaar is.",
            {"rapport": "NOUN", "waaruit": "ADV", "bond": "NOUN", "concludeert": "VERB"},
            [("het werk te zwaar is.", "indirect", "bond", "concluderen")],
        ),
        (  # "volgens" and a name: the next lowercase word is the verb, whatever its tag
            "Volgens Jan de Vries kosten de plannen duizend euro.",
            {"volgens": "ADP", "kosten": "NOUN", "plannen": "NOUN", "duizend": "NUM"},
            [("kosten de plannen duizend euro.", "indirect", "Jan de Vries", "volgens")],
        ),
    ],
)
def test_a_description_ends_before_its_relative_clause(
    text: str, tags: Tags, expected: list[Row]
) -> None:
    assert _rows(text, tags) == expected


@pytest.mark.parametrize(
    ("text", "tags", "expected"),
    [
        (  # a relative pronoun as the cue's subject: the noun phrase before its comma
            "Het bericht kwam van een moeder, die zei dat de school dicht blijft.",
            {"een": "DET", "moeder": "NOUN", "die": "PRON", "zei": "VERB"},
            [("de school dicht blijft.", "indirect", "een moeder", "zeggen")],
        ),
        (  # a time phrase between the relative pronoun and the verb
            "Het plan komt van Jan de Vries, die vorige week zei dat de brug dicht blijft.",
            {"vorige": "ADJ", "week": "NOUN", "die": "PRON", "zei": "VERB"},
            [("de brug dicht blijft.", "indirect", "Jan de Vries", "zeggen")],
        ),
        (  # an auxiliary between them, and a name after "aldus"
            "De ploeg won, aldus Wiebes, die heeft gezegd dat de brug dicht blijft.",
            {"aldus": "ADV", "die": "PRON", "heeft": "AUX", "gezegd": "VERB"},
            [("de brug dicht blijft.", "indirect", "Wiebes", "zeggen")],
        ),
        (  # "X van Y" where X cannot speak: Y
            "Dat volgt uit een uitspraak van Greenpeace, die stelt dat de dijk te zwak is.",
            {"een": "DET", "uitspraak": "NOUN", "van": "ADP", "die": "PRON", "stelt": "VERB"},
            [("de dijk te zwak is.", "indirect", "Greenpeace", "stellen")],
        ),
        (  # a role before the link keeps the whole phrase
            "Het nieuws kwam van een ambtenaar op het ministerie, die zegt dat de brief weg is.",
            {
                "een": "DET",
                "ambtenaar": "NOUN",
                "op": "ADP",
                "het": "DET",
                "ministerie": "NOUN",
                "die": "PRON",
                "zegt": "VERB",
            },
            [("de brief weg is.", "indirect", "een ambtenaar op het ministerie", "zeggen")],
        ),
        (  # over a bracket right before the comma
            "Ze sprak met zijn neef Lucas (23), die denkt dat de brug dicht blijft.",
            {
                "zijn": "PRON",
                "neef": "NOUN",
                "lucas": "PROPN",
                "23": "NUM",
                "die": "PRON",
                "denkt": "VERB",
            },
            [("de brug dicht blijft.", "indirect", "Lucas", "denken")],
        ),
        (  # neuter: "dat"
            "Het plan komt van het ministerie, dat zegt dat de brief weg is.",
            {"het": "DET", "ministerie": "NOUN", "dat": "PRON", "zegt": "VERB"},
            [("de brief weg is.", "indirect", "ministerie", "zeggen")],
        ),
    ],
)
def test_a_relative_pronoun_speaks_for_the_phrase_before_its_comma(
    text: str, tags: Tags, expected: list[Row]
) -> None:
    assert _rows(text, tags) == expected


_RESTRICTIVE_TAGS: Tags = {
    "geld": "NOUN", "naar": "ADP", "mensen": "NOUN", "die": "PRON", "zeggen": "VERB",
    "kwam": "VERB", "van": "ADP", "de": "DET", "een": "DET", "ondertekenaars": "NOUN",
    "petitie": "NOUN", "stellen": "VERB", "uitspraak": "NOUN", "rechter": "NOUN",
    "stelt": "VERB", "belde": "VERB", "omdat": "SCONJ", "zei": "VERB",
}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # no comma: the noun right before the relative pronoun
        ("Er moet geld naar mensen die zeggen dat de school dicht blijft.", "mensen"),
        # a plural before a plural verb keeps its link
        ("Het kwam van de ondertekenaars van de petitie die stellen dat de brug dicht blijft.",
         "ondertekenaars van de petitie"),
        ("Het kwam van een uitspraak van de rechter die stelt dat de brug dicht blijft.",
         "rechter"),
        # no noun before it: a demonstrative, not a relative pronoun
        ("Jan de Vries belde omdat die zei dat de brug dicht blijft.", None),
    ],
)  # fmt: skip
def test_a_restrictive_relative_clause_speaks_for_its_noun(text: str, speaker: str | None) -> None:
    assert [row[2] for row in _rows(text, _RESTRICTIVE_TAGS)] == [speaker]


_HEN_TAGS: Tags = {
    "de": "DET", "advocaten": "NOUN", "vroegen": "VERB", "uitstel": "NOUN", "omdat": "SCONJ",
    "volgens": "ADP", "hen": "PRON", "is": "AUX", "sleutelfiguur": "NOUN", "van": "ADP",
    "begonnen": "VERB", "hun": "PRON", "betoog": "NOUN", "dit": "PRON", "betekent": "VERB",
    "dijk": "NOUN", "zwak": "ADJ", "te": "ADV", "dat": "SCONJ",
}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "hen" is plural: the group that is its own sentence's subject, not the person named
        ("De advocaten vroegen uitstel, omdat Jan de Vries volgens hen een sleutelfiguur is.",
         "advocaten"),
        # or the sentence before's, headed by its plural noun, not by the name after "van"
        ("De advocaten van Greenpeace begonnen hun betoog. Dit betekent volgens hen dat de dijk "
         "te zwak is.", "advocaten van Greenpeace"),
    ],
)  # fmt: skip
def test_volgens_hen_is_the_group_before(text: str, speaker: str) -> None:
    assert [row[2] for row in _rows(text, _HEN_TAGS)] == [speaker]


_PLURAL_CUE_TAGS: Tags = {
    "de": "DET", "fabriek": "NOUN", "sluit": "VERB", "zeggen": "VERB", "betrokkenen": "VERB",
    "het": "DET", "bedrijf": "NOUN", "werkt": "VERB", "overname": "NOUN", "dat": "PRON",
    "meldden": "VERB", "ingewijden": "VERB", "media": "NOUN", "berichten": "VERB",
    "verschenen": "VERB", "bleef": "VERB", "stil": "ADJ", "hoewel": "SCONJ", "in": "ADP",
    "eind": "NOUN", "dit": "DET", "jaar": "NOUN",
}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "tags", "speaker"),
    [
        # "de" and an adjective without -e, alone: a noun the tagger took for an adjective
        ('"We zijn blij", zei de gezagvoerder bij aankomst.',
         {"zei": "VERB", "de": "DET", "gezagvoerder": "ADJ", "bij": "ADP", "aankomst": "NOUN"},
         "gezagvoerder"),
        # an inflected adjective as a noun, as before
        ('"We zijn blij", zei een politiedeskundige.',
         {"zei": "VERB", "een": "DET", "politiedeskundige": "ADJ"}, "een politiedeskundige"),
    ],
)  # fmt: skip
def test_a_noun_tagged_as_an_adjective_speaks(text: str, tags: Tags, speaker: str) -> None:
    assert [row[2] for row in _rows(text, tags)] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a participle as a plural noun for people is a plural cue's subject, not a verb
        ("De fabriek sluit eind dit jaar, zeggen betrokkenen.", "betrokkenen"),
        ("Het bedrijf werkt aan een overname. Dat meldden ingewijden.", "ingewijden"),
        # not after a cue inside a clause: "berichten" is the subject there, "verschenen" its verb
        ("Hoewel in de media berichten verschenen dat de fabriek sluit, bleef het stil.", None),
    ],
)
def test_a_participle_after_a_plural_cue_is_its_subject(text: str, speaker: str | None) -> None:
    assert [row[2] for row in _rows(text, _PLURAL_CUE_TAGS)] == [speaker]


@pytest.mark.parametrize(
    ("text", "tags", "expected"),
    [
        (  # a description ends at its noun, before an adverb of the clause
            "Zo stellen critici bijvoorbeeld dat de dijk veel te zwak is.",
            {"zo": "ADV", "stellen": "VERB", "critici": "NOUN", "bijvoorbeeld": "ADV"},
            [("de dijk veel te zwak is.", "indirect", "critici", "stellen")],
        ),
    ],
)
def test_a_description_speaker_ends_at_its_noun(text: str, tags: Tags, expected: list[Row]) -> None:
    assert _rows(text, tags) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a description of one person by role is what a later "hij" refers to
            "Een woordvoerder van Greenpeace zegt dat de dijk te zwak is. Hij zegt dat het "
            "water stijgt.",
            [
                ("de dijk te zwak is.", "indirect", "Een woordvoerder van Greenpeace", "zeggen"),
                ("het water stijgt.", "indirect", "Een woordvoerder van Greenpeace", "zeggen"),
            ],
        ),
        (  # so is a role with no holder named before, which speaks for itself
            "De woordvoerder zegt dat de dijk te zwak is. Hij zegt dat het water stijgt.",
            [
                ("de dijk te zwak is.", "indirect", "woordvoerder", "zeggen"),
                ("het water stijgt.", "indirect", "woordvoerder", "zeggen"),
            ],
        ),
        (  # a thing is not
            "Een rapport van Greenpeace zegt dat de dijk te zwak is. Hij zegt dat het "
            "water stijgt.",
            [
                ("de dijk te zwak is.", "indirect", "Een rapport van Greenpeace", "zeggen"),
                ("het water stijgt.", "indirect", None, "zeggen"),
            ],
        ),
    ],
)
def test_he_refers_to_a_person_described_by_role(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


_APPOSITION_TAGS: Tags = {
    "zegt": "VERB", "de": "DET", "leider": "NOUN", "van": "ADP", "in": "ADP", "een": "DET",
    "verklaring": "NOUN", "aldus": "ADV", "coureur": "NOUN", "die": "PRON", "zag": "VERB",
    "winnen": "VERB", "het": "PRON", "is": "AUX", "schandalig": "ADJ", "op": "ADP",
    "baan": "NOUN",
}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the apposition ends at its name; a name after "van" in the phrase is not the speaker
        ('"Het is schandalig", zegt de leider van Greenpeace, Jan de Vries in een verklaring.',
         "Jan de Vries"),
        # a relative clause after the comma is no apposition
        ('"Het is schandalig", aldus de coureur van Greenpeace, die Jan de Vries op de baan zag '
         "winnen.", "coureur van Greenpeace"),
    ],
)  # fmt: skip
def test_a_named_apposition_after_the_speaker_phrase(text: str, speaker: str) -> None:
    assert [row[2] for row in _rows(text, _APPOSITION_TAGS)] == [speaker]


def test_a_capitalised_verb_form_inside_a_sentence_is_a_name_not_a_cue() -> None:
    """ "Denk" in a list of parties is the party DENK, not "denken"."""
    tags: Tags = {
        "deels": "ADV", "is": "AUX", "dat": "PRON", "een": "DET", "gevolg": "NOUN",
        "van": "ADP", "de": "DET", "opkomst": "NOUN", "partijen": "NOUN", "als": "ADP",
        "denk": "VERB", "en": "CCONJ", "nieuwe": "ADJ",
    }  # fmt: skip
    text = (
        "Deels is dat een gevolg van de opkomst van nieuwe partijen als Greenpeace, Denk, "
        "Groningen en Jan de Vries."
    )
    assert _rows(text, tags) == []


def test_a_person_by_role_as_the_clause_subject_speaks() -> None:
    """ "Zijn advocate" names no one and is no pronoun, but a person by role all the same."""
    tags: Tags = {
        "omschreef": ("VERB", "ROOT", "omschreef"),
        "advocate": ("NOUN", "nsubj", "omschreef"),
        "zijn": ("PRON", "nmod:poss", "advocate"),
        "de": "DET", "uitspraak": "NOUN", "als": "ADP",
    }  # fmt: skip
    text = 'Zijn advocate omschreef de uitspraak als "een klap in de strijd voor gelijkheid".'
    assert [row[2] for row in _rows(text, tags)] == ["Zijn advocate"]


def test_a_trailing_cue_that_attributes_its_statement_is_no_event_of_its_own() -> None:
    """The cue after the statement gives it its speaker; read again as an event, its subject
    came from before the verb and the next quote went to "onrust bij Greenpeace"."""
    text = (
        "De onrust bij Greenpeace, dat een directeur zoekt, heeft de ploeg niet geholpen, "
        'meent Jan de Vries. "Als het boven regent, druppelt het beneden."'
    )
    assert [row[2] for row in _rows(text)] == ["Jan de Vries", "Jan de Vries"]


@pytest.mark.parametrize(
    "text",
    [
        "Het artikel is overbodig. Daarom is het geschrapt. Dat heeft minister Jan de Vries "
        "(CDA) laten weten.",
        # a comma inside brackets does not end the speaker phrase (it does outside them)
        "Het artikel is overbodig. Daarom is het geschrapt. Dat heeft minister Jan de Vries "
        "(Justitie, CDA) laten weten.",
    ],
)
def test_dat_heeft_x_laten_weten_over_a_bracket(text: str) -> None:
    assert _rows(text) == [("Daarom is het geschrapt.", "indirect", "Jan de Vries", "laten weten")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "Die" opening a sentence: the last one named in the sentence before
            "Greenpeace sprak met Jan de Vries. Die zegt dat de dijk te zwak is.",
            [("de dijk te zwak is.", "indirect", "Jan de Vries", "zeggen")],
        ),
        (  # a thing or a description named there: nobody we know
            "Jan de Vries is boos. De politie vond een vertaler. Die zegt dat de dijk te zwak is.",
            [("de dijk te zwak is.", "indirect", None, "zeggen")],
        ),
    ],
)
def test_a_demonstrative_subject_is_the_last_one_named(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "ze" after a sentence naming a person and then an organisation: the person
            "Jan de Vries werkt bij Greenpeace. Ze zegt dat de dijk te zwak is.",
            [("de dijk te zwak is.", "indirect", "Jan de Vries", "zeggen")],
        ),
        (  # or the person of the organisation's own sentence, further back
            "Jan de Vries werkt bij Greenpeace. Vroeger was ze boos. Ze zegt dat de dijk te "
            "zwak is.",
            [("de dijk te zwak is.", "indirect", "Jan de Vries", "zeggen")],
        ),
        (  # a person named further back does not outweigh the organisation
            "Jan de Vries werkte ooit in Groningen. Het bestuur van Greenpeace vergaderde. Ze "
            "zegt dat de dijk te zwak is.",
            [("de dijk te zwak is.", "indirect", "Greenpeace", "zeggen")],
        ),
    ],
)
def test_she_prefers_the_person_named_just_before(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


def _quote(start: int, end: int, speaker: str | None, kind: str = "indirect") -> Quote:
    return Quote("", "", 0, start, end, "", kind, speaker, None, None, None, None, None)


@pytest.mark.parametrize(
    ("quotes", "kept"),
    [
        ([_quote(0, 50, "Wiebes"), _quote(20, 50, "Wiebes")], [(0, 50)]),  # one statement
        ([_quote(0, 50, "Wiebes"), _quote(20, 50, "Greenpeace")], [(0, 50), (20, 50)]),
        ([_quote(0, 50, "Wiebes"), _quote(20, 60, "Wiebes")], [(0, 50), (20, 60)]),  # overlap
        ([_quote(0, 50, "Wiebes"), _quote(20, 50, "Wiebes", "partial")], [(0, 50), (20, 50)]),
        ([_quote(0, 50, None), _quote(20, 50, None)], [(0, 50), (20, 50)]),  # unknown speakers
    ],
)
def test_only_the_outermost_statement_of_a_speaker_is_kept(
    quotes: list[Quote], kept: list[tuple[int, int]]
) -> None:
    assert [(q.start, q.end) for q in extract._outermost(quotes)] == kept


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        (
            "De politie vond drugs in de auto.",
            {"vond": "VERB", "politie": "NOUN", "drugs": "NOUN", "auto": "NOUN", "in": "ADP"},
        ),
        ("Het concert vindt morgen plaats.", {"vindt": "VERB", "concert": "NOUN"}),
    ],
)
def test_small_clause_is_not_every_find(text: str, tags: dict[str, str]) -> None:
    assert _rows(text, tags) == []


def test_volgens_a_name_ends_at_the_verb() -> None:
    text = "Volgens De Bakker heeft Wiebes vaak de neiging om te somber te praten."
    tags = {"volgens": "ADP", "de": "DET", "bakker": "ADJ", "heeft": "AUX"}
    rows = _rows(text, tags)
    assert [(kind, speaker) for _, kind, speaker, _ in rows] == [("indirect", "Bakker")]


def test_a_person_adjective_refers_back_even_when_tagged_as_a_name() -> None:
    nl = build_tiny_nlp(
        [{"label": "PER", "pattern": "Jan de Vries"}, {"label": "MISC", "pattern": "Engelse"}]
    )
    text = (
        '"We bouwen de brug in twee jaar", zegt Jan de Vries. '
        '"We creëren veel banen voor de hele regio", benadrukt de Engelse.'
    )
    doc = nl(text)
    for tok in doc:
        tok.pos_ = "ADJ" if tok.text == "Engelse" else ("PUNCT" if tok.is_punct else "X")
    speakers = [q.speaker for q in extract_quotes(doc, extract_entities(doc))]
    assert speakers == ["Jan de Vries", "Jan de Vries"]


@pytest.mark.parametrize(
    ("verb", "speaker"),
    [("noemden", "boze bewoners"), ("noemt", "Wiebes")],
)
def test_plural_ze_is_the_group_before(verb: str, speaker: str) -> None:
    text = (
        "Wiebes sprak de buurt toe. Ook de boze bewoners klaagden over het plan. "
        f"Ze {verb} het besluit 'volkomen onbegrijpelijk en slecht'."
    )
    tags = {"klaagden": "VERB", "bewoners": "NOUN", verb: "VERB", "sprak": "VERB"}
    rows = _rows(text, tags)
    assert [s for t, _, s, _ in rows if t.startswith("volkomen")] == [speaker]


_CLAUSE_TAGS = {
    "noemt": "VERB",
    "uitspraken": "NOUN",
    "minister": "NOUN",
    "zorgelijk": "ADJ",
    "reactie": "NOUN",
    "in": "ADP",
    "premier": "NOUN",
    "wiebes": "PROPN",
    "de": "DET",
    "van": "ADP",
    "een": "DET",
    "hij": "PRON",
    "boete": "NOUN",
    "disproportioneel": "ADJ",
    "ook": "ADV",
    "vindt": "VERB",
    "is": "AUX",
    "het": "PRON",
    "bang": "ADJ",
    "en": "CCONJ",
}


@pytest.mark.parametrize(
    ("text", "tagged", "expected"),
    [
        (
            "Voor een goed advies is veel kennis nodig, zegt onder meer hoogleraar Jan de Vries.",
            False,
            [("Voor een goed advies is veel kennis nodig", "indirect", "Jan de Vries", "zeggen")],
        ),
        # an inverted subject ends where the object starts
        (
            "In een reactie noemt premier Wiebes de uitspraken van de minister zorgelijk.",
            True,
            [("de uitspraken van de minister zorgelijk.", "indirect", "Wiebes", "noemen")],
        ),
        # a small clause ends at a colon before a quote
        (
            'Ook noemt hij de boete disproportioneel: "Het is schieten met een kanon op een mug."',
            True,
            [
                ("de boete disproportioneel", "indirect", None, "noemen"),
                ("Het is schieten met een kanon op een mug.", "direct", None, "noemen"),
            ],
        ),
        # "X vindt het zorgelijk en is bang dat …": the first verb's subject
        (
            "Jan de Vries vindt het zorgelijk en is bang dat de kinderen ondersneeuwen.",
            True,
            [("de kinderen ondersneeuwen.", "indirect", "Jan de Vries", "bang zijn")],
        ),
        # the copula further back, past the inverted subject, "er" and an aside
        (
            "Wiebes is minister. Toch is hij er net als Greenpeace van overtuigd dat de "
            "dijk te laag is.",
            True,
            [("de dijk te laag is.", "indirect", "Wiebes", "overtuigd zijn")],
        ),
        # a comma ends the clause: "laat, bang dat" has no copula of its own
        ("Wiebes was laat, bang dat de trein al weg zou zijn.", True, []),
        (
            "Wiebes wijst erop dat de kosten de komende jaren stijgen.",
            False,
            [("de kosten de komende jaren stijgen.", "indirect", "Wiebes", "wijzen op")],
        ),
        (
            "Greenpeace bevestigt aan de NOS een dergelijke boete te hanteren.",
            False,
            [
                (
                    "aan de NOS een dergelijke boete te hanteren.",
                    "indirect",
                    "Greenpeace",
                    "bevestigen",
                )
            ],
        ),
    ],
)
def test_cues_and_clause_edges(text: str, tagged: bool, expected: list[Row]) -> None:
    assert _rows(text, _CLAUSE_TAGS if tagged else None) == expected


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("De Syrische waarschuwing dat de grens dichtgaat, kwam laat.", "Syrië"),
        ("De Iraanse waarschuwing dat de voorraad groeit, kwam laat.", "Iran"),  # listed
        ("De Groningse waarschuwing dat de dijk breekt, kwam laat.", "Groningen"),  # the entity
    ],
)
def test_a_place_adjective_before_a_noun_cue_speaks_for_the_place(text: str, speaker: str) -> None:
    tags = {"syrische": "ADJ", "iraanse": "ADJ", "groningse": "ADJ", "waarschuwing": "NOUN"}
    assert [row[2] for row in _rows(text, tags)] == [speaker]


@pytest.mark.parametrize(
    ("text", "tags", "expected"),
    [
        # "stellen" and "vragen" are dat-only cues, but after a quote and a comma they attribute
        (
            '"We willen meer actie van de overheid", stelt Jan de Vries.',
            None,
            [("We willen meer actie van de overheid", "direct", "Jan de Vries", "stellen")],
        ),
        (
            '"Waarom duurt het zo lang?", vraagt Jan de Vries.',
            None,
            [("Waarom duurt het zo lang?", "direct", "Jan de Vries", "vragen")],
        ),
        # "X ..., maar zegt vaak dat": an adverb after the verb is no subject, X is
        (
            '"Het is goed zo", zegt Jan de Vries. Wiebes twijfelt, maar zegt vaak dat de dijk '
            "veel te zwak is.",
            {"vaak": "ADV", "twijfelt": "VERB", "zegt": "VERB", "wiebes": "PROPN"},
            [
                ("Het is goed zo", "direct", "Jan de Vries", "zeggen"),
                ("de dijk veel te zwak is.", "indirect", "Wiebes", "zeggen"),
            ],
        ),
        # "volgens ROLE, NAME, ...": the named apposition, and the statement after it
        (
            "Volgens de woordvoerder van Greenpeace, Jan de Vries, is de dijk veel te zwak.",
            None,
            [("is de dijk veel te zwak.", "indirect", "Jan de Vries", "volgens")],
        ),
        # a volgens clause that is more quote than not is still a statement of its own ...
        (
            'Volgens Greenpeace hoort "de relatief kleine groep die voor de onveiligheid zorgt" '
            "niet in de opvang.",
            None,
            [
                (
                    'hoort "de relatief kleine groep die voor de onveiligheid zorgt" niet in de '
                    "opvang.",
                    "indirect",
                    "Greenpeace",
                    "volgens",
                ),
                (
                    "de relatief kleine groep die voor de onveiligheid zorgt",
                    "partial",
                    "Greenpeace",
                    "volgens",
                ),
            ],
        ),
        # ... not one that is all quote but a word
        (
            'Volgens Greenpeace is het "een zwarte dag voor de hele provincie Groningen".',
            None,
            [
                (
                    "een zwarte dag voor de hele provincie Groningen",
                    "partial",
                    "Greenpeace",
                    "volgens",
                )
            ],
        ),
        # an organisation's compound with a plural role is the group, not the organisation
        (
            '"Dit kan zo niet langer door", zeggen Greenpeace-activisten in een brief.',
            None,
            [("Dit kan zo niet langer door", "direct", "Greenpeace-activisten", "zeggen")],
        ),
        # a cue noun with no owner: the clause's subject made the statement
        (
            "Greenpeace kwam met een verklaring dat de dijk veel te zwak is.",
            {"greenpeace": ("PROPN", "nsubj", "kwam"), "kwam": ("VERB", "ROOT", "kwam")},
            [("de dijk veel te zwak is.", "indirect", "Greenpeace", "verklaring")],
        ),
        # ... not a subject that names nobody
        (
            '"Het is goed zo", zegt Jan de Vries. De brief bevat de verklaring dat de dijk '
            "veel te zwak is.",
            {"brief": ("NOUN", "nsubj", "bevat"), "bevat": ("VERB", "ROOT", "bevat")},
            [
                ("Het is goed zo", "direct", "Jan de Vries", "zeggen"),
                ("de dijk veel te zwak is.", "indirect", "Jan de Vries", "verklaring"),
            ],
        ),
        # ... nor the subject of a passive clause: it is talked about
        (
            '"Het is goed zo", zegt Jan de Vries. Greenpeace werd door een lid "de grootste '
            'vervuiler van het land" genoemd.',
            {"greenpeace": ("PROPN", "nsubj", "werd"), "werd": ("AUX", "ROOT", "werd")},
            [
                ("Het is goed zo", "direct", "Jan de Vries", "zeggen"),
                ("de grootste vervuiler van het land", "partial", "Jan de Vries", None),
            ],
        ),
        # "worden" inside the statement makes nothing passive
        (
            "Greenpeace kwam met een verklaring dat de dijk veel te zwak zal worden.",
            {"greenpeace": ("PROPN", "nsubj", "kwam"), "kwam": ("VERB", "ROOT", "kwam")},
            [("de dijk veel te zwak zal worden.", "indirect", "Greenpeace", "verklaring")],
        ),
        # a group named by a plural role is a speaker (a description), other plurals not
        (
            '"Het is goed zo", zegt Jan de Vries. De officieren hadden zijn pleidooi "beschamend, '
            'lachwekkend en denigrerend" genoemd.',
            {"officieren": ("NOUN", "nsubj", "hadden"), "hadden": ("AUX", "ROOT", "hadden")},
            [
                ("Het is goed zo", "direct", "Jan de Vries", "zeggen"),
                ("beschamend, lachwekkend en denigrerend", "partial", "officieren", "noemen"),
            ],
        ),
        (
            '"Het is goed zo", zegt Jan de Vries. De brieven hadden zijn pleidooi "beschamend, '
            'lachwekkend en denigrerend" genoemd.',
            {"brieven": ("NOUN", "nsubj", "hadden"), "hadden": ("AUX", "ROOT", "hadden")},
            [
                ("Het is goed zo", "direct", "Jan de Vries", "zeggen"),
                ("beschamend, lachwekkend en denigrerend", "partial", "Jan de Vries", None),
            ],
        ),
        # a clause-final cue without a subject of its own in the parse: the clause's subject
        (
            '"Het is goed zo", zegt Jan de Vries. Greenpeace had zijn pleidooi "beschamend, '
            'lachwekkend en denigrerend" genoemd.',
            {"greenpeace": ("PROPN", "nsubj", "had"), "had": ("VERB", "ROOT", "had")},
            [
                ("Het is goed zo", "direct", "Jan de Vries", "zeggen"),
                ("beschamend, lachwekkend en denigrerend", "partial", "Greenpeace", "noemen"),
            ],
        ),
    ],
)
def test_subject_and_trailing_cues(text: str, tags: Tags | None, expected: list[Row]) -> None:
    assert _rows(text, tags) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Hoewel X verwacht dat ..., is ...": the comma and the finite verb open the main clause
        (
            "Hoewel Greenpeace niet verwacht dat de dijk op tijd klaar is, is de bond tevreden.",
            "de dijk op tijd klaar is",
        ),
        # ... not after a comma that opened an aside inside the statement
        (
            "Greenpeace verwacht dat de dijk, zoals die nu is, is te zwak voor de storm.",
            "de dijk, zoals die nu is, is te zwak voor de storm.",
        ),
    ],
)
def test_a_statement_ends_where_the_main_clause_resumes(text: str, expected: str) -> None:
    doc = _doc(text)
    for tok in doc:
        if tok.lower_ == "is":
            tok.pos_ = "AUX"
            tok.set_morph("VerbForm=Fin")
    spans = [q.text for q in extract_quotes(doc, extract_entities(doc)) if q.kind == "indirect"]
    assert spans == [expected]


_WISH_TAGS: Tags = {"wil": "VERB", "dat": "SCONJ", "niet": "ADV", "breekt": "VERB", "zegt": "VERB"}


@pytest.mark.parametrize(
    ("text", "tags", "expected"),
    [
        # "dat" as a determiner or a pronoun: no clause, no statement
        ("Greenpeace wil dat huis kopen.", {**_WISH_TAGS, "dat": "DET"}, []),
        ("Greenpeace wil dat niet.", {**_WISH_TAGS, "dat": "PRON"}, []),
        # another verb's "dat": "willen laten weten dat" is not a wish
        (
            "Greenpeace wil graag dat de dijk breekt.",
            {**_WISH_TAGS, "graag": "ADV"},
            [("de dijk breekt.", "indirect", "Greenpeace", "willen")],
        ),
        ("Greenpeace wil het laten weten dat de dijk breekt.", _WISH_TAGS, []),
        # a wish reported by someone else is theirs to say
        (
            "Greenpeace wil niet dat de dijk breekt. Dat zegt Wiebes.",
            _WISH_TAGS,
            [("Greenpeace wil niet dat de dijk breekt.", "indirect", "Wiebes", "zeggen")],
        ),
        # nobody named: "wie" is no speaker, and a wish continues nobody's quote
        ("Wie wil dat de dijk breekt?", _WISH_TAGS, []),
    ],
)
def test_a_wish_is_a_statement_only_with_its_own_dat_clause(
    text: str, tags: Tags, expected: list[Row]
) -> None:
    assert _rows(text, tags) == expected


_ALS_TAGS: Tags = {
    "toen": "SCONJ",
    "omdat": "SCONJ",
    "wiebes": "PROPN",
    "greenpeace": "PROPN",
    "de": "DET",
    "plannen": "NOUN",
    "dijk": "NOUN",
    "als": "SCONJ",
    "afdeed": "VERB",
    "bestempelt": "VERB",
    "werden": "AUX",
    "die": "PRON",
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the verb ends its clause: the subject opens it, the words before the verb are the
        # object, and a comparison's "als" opens nothing; one word is a statement
        (
            "Dat bleek toen Wiebes, net als Greenpeace, de plannen afdeed als onzin.",
            [("onzin.", "indirect", "Wiebes", "afdoen")],
        ),
        # a colon ends the predicate
        (
            "Greenpeace bestempelt de dijk als een gevaar: de zee komt eraan.",
            [("een gevaar", "indirect", "Greenpeace", "bestempelen")],
        ),
        # "zien ... als": regard as; not a comparison's "net als", not "partijen als X"
        # (such as) past an "om"
        (
            "Wiebes ziet het zelf vooral als promotie voor de dijk.",
            [("promotie voor de dijk.", "indirect", "Wiebes", "zien")],
        ),
        ("Wiebes zag net als Greenpeace een hoge dijk.", []),
        ("Wiebes zag in de dijk een middel om partijen als Greenpeace te weren.", []),
        # a passive names no speaker here
        ("Het ging mis omdat de plannen door Wiebes werden afgedaan als onzin.", []),
        # after a relative "die" the words before the verb are its object
        ("Er is kritiek van Wiebes, die de plannen afdeed als onzin.", []),
    ],
)
def test_an_als_predicate_is_what_the_subject_called_it(text: str, expected: list[Row]) -> None:
    assert _rows(text, _ALS_TAGS) == expected


def test_a_quoted_als_predicate_is_only_the_partial_quote() -> None:
    text = 'Greenpeace bestempelt de dijk als "een groot gevaar voor iedereen".'
    assert [(row[0], row[1]) for row in _rows(text, _ALS_TAGS)] == [
        ("een groot gevaar voor iedereen", "partial")
    ]


_OBJECT_TAGS: Tags = {
    "meldt": "VERB",
    "breekt": "VERB",
    "dijk": "NOUN",
    "schade": "NOUN",
    "personeel": "NOUN",
    "de": "DET",
    "het": "DET",
    "groningen": "PROPN",
    "greenpeace": "PROPN",
    "zich": "PRON",
    "van": "ADP",
    "aan": "ADP",
    "bij": "ADP",
    "onder": "ADP",
    "meer": "ADV",
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a subject set off by a comma (its bracket left out) reports the object; the noun
        # phrase before the comma is not a statement of "schade"
        (
            "Het personeel van Greenpeace (NL), meldt onder meer schade aan de dijk bij Groningen.",
            [
                (
                    "onder meer schade aan de dijk bij Groningen.",
                    "indirect",
                    "personeel van Greenpeace",
                    "melden",
                )
            ],
        ),
        ("Greenpeace meldt zich bij de dijk in Groningen.", []),  # reports for duty
        ("Dat meldt Greenpeace op basis van eigen bronnen.", []),  # the subject after the verb
        # a trailing cue attributes a clause, not a noun phrase
        (
            "De dijk breekt, meldt Greenpeace.",
            [("De dijk breekt", "indirect", "Greenpeace", "melden")],
        ),
        ("De dijk bij Groningen, meldt Greenpeace.", []),
    ],
)
def test_an_object_is_a_statement_only_after_a_subject(text: str, expected: list[Row]) -> None:
    assert _rows(text, _OBJECT_TAGS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the lead's quote returns in the interview: the speaker found after continuation
            '"Ik hoop dat we nog op tijd zijn." Het gaat over isolatie.\n\nDaar is ook Jan de '
            'Vries. "Ik maak me zorgen. Ik hoop dat we nog op tijd zijn."',
            [
                ("Ik hoop dat we nog op tijd zijn.", "direct", "Jan de Vries", None),
                (
                    "Ik maak me zorgen. Ik hoop dat we nog op tijd zijn.",
                    "direct",
                    "Jan de Vries",
                    None,
                ),
            ],
        ),
        (  # a cited term of a few words is no line from the interview
            "'Goedemorgen deze morgen!' Wie zo groet, kijkt tv.\n\nDaar is ook Jan de Vries. "
            '"Termen als Goedemorgen deze morgen kent iedereen."',
            [
                ("Goedemorgen deze morgen!", "direct", None, None),
                (
                    "Termen als Goedemorgen deze morgen kent iedereen.",
                    "direct",
                    "Jan de Vries",
                    None,
                ),
            ],
        ),
    ],
)
def test_a_repeated_lead_quote_is_the_later_speakers(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


_CALL_TAGS: Tags = {
    "de": "DET",
    "die": "DET",
    "artsen": ("NOUN", "nsubj", "roepen"),
    "vraag": ("NOUN", "nsubj", "hoopt"),
    "roepen": ("VERB", "ROOT", "roepen"),
    "hoopt": ("VERB", "ROOT", "hoopt"),
    "greenpeace": "PROPN",
    "op": "ADP",
    "om": "ADP",
    "met": "ADP",
    "door": "ADP",
    "een": "DET",
    "toelichting": "NOUN",
    "proeven": "NOUN",
    "te": "ADP",
    "komen": "VERB",
    "beantwoorden": "VERB",
    "doen": "VERB",
}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the parse's subject before the verb, not the name after it: who calls on whom
        ("De artsen roepen Greenpeace op om met een toelichting te komen.", "artsen"),
        # a demonstrative opens a fronted object: the name after the verb is the subject
        ("Die vraag hoopt Greenpeace te beantwoorden door proeven te doen.", "Greenpeace"),
    ],
)
def test_the_parsed_subject_before_the_verb_speaks(text: str, speaker: str) -> None:
    assert [row[2] for row in _rows(text, _CALL_TAGS)] == [speaker]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a trailing report takes the whole clause, its own "dat" clause with it
            "Wiebes dacht dat de dijk te laag was voor de storm, vertelde Greenpeace.",
            [
                (
                    "Wiebes dacht dat de dijk te laag was voor de storm",
                    "indirect",
                    "Greenpeace",
                    "vertellen",
                ),
            ],
        ),
        (  # more than who said it after the cue: the "dat" clause stays the statement
            "Wiebes dacht dat de dijk te laag was, vertelde Greenpeace gisteren in Den Haag.",
            [("de dijk te laag was", "indirect", "Wiebes", "denken")],
        ),
        (  # a cue that never trails its statement ("begrijpen"): no trailing report
            "Wiebes dacht dat de dijk te laag was, begrijpt Greenpeace.",
            [("de dijk te laag was", "indirect", "Wiebes", "denken")],
        ),
    ],
)
def test_a_dat_clause_yields_to_a_trailing_report(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a participle before a colon says how: the quote continues its speaker
            '"Ik train elke dag in de gym", zegt Jan de Vries.\n\nWat zegt de trainer?\n\n'
            'Lachend: "Ja, hij helpt me altijd heel erg goed."',
            [
                ("Ik train elke dag in de gym", "direct", "Jan de Vries", "zeggen"),
                ("Ja, hij helpt me altijd heel erg goed.", "direct", "Jan de Vries", None),
            ],
        ),
        (  # a name before a colon still speaks
            'Wiebes: "Ja, hij helpt me altijd heel erg goed."',
            [("Ja, hij helpt me altijd heel erg goed.", "direct", "Wiebes", ":")],
        ),
    ],
)
def test_a_manner_word_before_a_colon_is_no_speaker(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


_FIRST = ("Ik train elke dag in de gym", "direct", "Jan de Vries", "zeggen")
_QUOTE = '"Ik train elke dag in de gym", zegt Jan de Vries.\n\n'
_SECOND = "Ja, hij helpt me altijd heel erg goed."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a phrase opening with a preposition says how or where, not who
            _QUOTE + f'Deze maand, in Inzell: "{_SECOND}"',
            [_FIRST, (_SECOND, "direct", "Jan de Vries", None)],
        ),
        (
            _QUOTE + f'Dan, met een grijns: "{_SECOND}"',
            [_FIRST, (_SECOND, "direct", "Jan de Vries", None)],
        ),
        (  # a name's particle is no preposition (the phrase speaks: no NER here)
            _QUOTE + f'Van Veldhoven hierover: "{_SECOND}"',
            [_FIRST, (_SECOND, "direct", "Van Veldhoven hierover", ":")],
        ),
    ],
)
def test_a_prepositional_phrase_before_a_colon_is_no_speaker(
    text: str, expected: list[Row]
) -> None:
    tags: Tags = {"in": "ADP", "met": "ADP", "van": "ADP", "veldhoven": "PROPN"}
    assert _rows(text, tags) == expected


@pytest.mark.parametrize(
    ("word", "manner"),
    [
        ("Lachend", True),
        ("zuchtende", True),
        ("Roland", False),
        ("Wend", False),
        ("Hamilton", False),
    ],
)
def test_is_manner_word(word: str, manner: bool) -> None:
    assert is_manner_word(_NL(word)[0]) is manner


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a thing as the subject of a cue is no speaker: the quote stays the named one's
            '"We moeten nu doorpakken", zegt Jan de Vries. De blessure komt overeen met die '
            'van vorig jaar. "Ik voelde het gelukkig wel op tijd."',
            [
                ("We moeten nu doorpakken", "direct", "Jan de Vries", "zeggen"),
                ("Ik voelde het gelukkig wel op tijd.", "direct", "Jan de Vries", None),
            ],
        ),
        (  # a phrase that names someone is
            '"We moeten nu doorpakken", zegt Jan de Vries. De moeder van Wiebes vertelt hoe '
            'het ging. "Ik voelde het gelukkig wel op tijd."',
            [
                ("We moeten nu doorpakken", "direct", "Jan de Vries", "zeggen"),
                ("Ik voelde het gelukkig wel op tijd.", "direct", "moeder van Wiebes", None),
            ],
        ),
    ],
)
def test_a_speech_event_needs_a_subject_that_can_speak(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


_RUN_ON_TAGS: Tags = {
    "beloofde": "VERB",
    "de": "DET",
    "het": "DET",
    "een": "DET",
    "koper": "NOUN",
    "bedrijf": "NOUN",
    "karakter": "NOUN",
    "zelfstandige": "ADJ",
    "te": "ADP",
    "houden": "VERB",
    "overeind": "ADV",
    "van": "ADP",
}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a determiner after the subject's noun starts the object: the subject is "de koper"
        (
            "Ook beloofde de koper het zelfstandige karakter van het bedrijf overeind te houden.",
            "koper",
        ),
    ],
)
def test_the_subject_after_the_verb_ends_where_the_object_starts(text: str, speaker: str) -> None:
    assert [row[2] for row in _rows(text, _RUN_ON_TAGS)] == [speaker]


def test_an_acronym_is_no_stop_word_in_a_speaker_phrase() -> None:
    """ "OM" (the public prosecutor) is not the preposition "om"."""
    text = '"Een werkstraf past veel beter bij dit feit", laat het OM weten.'
    assert [row[2] for row in _rows(text)] == ["OM"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # no one of that role named before (the model-free doc has no entities): the role
        ("De rechter stelt dat de verdachte heeft gelogen.", "rechter"),
        ("Volgens de woordvoerder is de weg weer open.", "woordvoerder"),
    ],
)
def test_a_role_with_no_holder_speaks_for_itself(text: str, speaker: str) -> None:
    assert [row[2] for row in _rows(text)] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the agent of a passive report speaks, without its "door"
        ("De brand is onder controle. Dat is door de brandweer gemeld.", "brandweer"),
        ("De school gaat dicht. Dat wordt door het ministerie bevestigd.", "ministerie"),
    ],
)
def test_the_agent_of_a_passive_report_speaks(text: str, speaker: str) -> None:
    assert [row[2] for row in _rows(text)] == [speaker]


def test_the_agent_of_a_fronted_passive_report_speaks() -> None:
    """The parse hangs the fronted "dat" clause under the participle: the agent after the
    passive auxiliary is the speaker, not nobody."""
    tags: Tags = {
        "dat": ("SCONJ", "mark", "dichtgaat"),
        "de": "DET",
        "school": ("NOUN", "nsubj", "dichtgaat"),
        "dichtgaat": ("VERB", "advcl", "ontkend"),
        "wordt": ("AUX", "aux:pass", "ontkend"),
        "door": ("ADP", "case", "gemeente"),
        "gemeente": ("NOUN", "obl:agent", "ontkend"),
        "ontkend": ("VERB", "ROOT", "ontkend"),
    }
    rows = _rows("Dat de school dichtgaat, wordt door de gemeente ontkend.", tags)
    assert rows == [("de school dichtgaat", "indirect", "gemeente", "ontkennen")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a sport description refers back to the person named before, like any role
        (
            "Jan de Vries won de rit. Volgens de titelverdediger was het een zware dag.",
            "Jan de Vries",
        ),
        (
            "Jan de Vries viel. De negenvoudig wereldkampioen zegt dat hij snel terug is.",
            "Jan de Vries",
        ),
    ],
)
def test_a_sport_description_is_a_role(text: str, speaker: str) -> None:
    assert [row[2] for row in _rows(text)] == [speaker]


@pytest.mark.parametrize(
    ("text", "tags", "expected"),
    [
        (  # a separable cue before a colon: the cue is the verb, not the colon
            'Jan de Vries vult aan: "Juist daarom leggen we het vast."',
            None,
            [("Juist daarom leggen we het vast.", "direct", "Jan de Vries", "aanvullen")],
        ),
        (  # "dat" before a noun and no verb: a determiner, no reported clause
            "Vorige week bevestigde Jan de Vries dat bericht nog.",
            {"bevestigde": "VERB", "dat": "SCONJ", "bericht": "NOUN", "nog": "ADV"},
            [],
        ),
    ],
)
def test_defending_and_adding(text: str, tags: Tags | None, expected: list[Row]) -> None:
    assert _rows(text, tags) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "en" inside the reported clause's subject does not end it at a cue verb
            "Jan de Vries zegt dat hij en zijn vrouw geloven in persvrijheid.",
            [("hij en zijn vrouw geloven in persvrijheid.", "indirect", "Jan de Vries", "zeggen")],
        ),
        (  # a second report after "en" still ends the first
            "Jan de Vries zegt dat de wet deugt en Greenpeace denkt dat hij faalt.",
            [
                ("de wet deugt", "indirect", "Jan de Vries", "zeggen"),
                ("hij faalt.", "indirect", "Greenpeace", "denken"),
            ],
        ),
    ],
)
def test_a_reported_clause_ends_only_at_a_second_report(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


def test_an_invitation_to_explain_is_a_statement() -> None:
    """ "nodigt ... uit om ... te ...", like "roept ... op om ... te ..."."""
    rows = _rows("Minister Jan de Vries nodigt de fabrikant uit om uitleg te geven over de prijs.")
    assert rows == [("om uitleg te geven", "indirect", "Jan de Vries", "uitnodigen")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "Dat heeft X gezegd ...": the sentence before is X's
            "Prins Andrew zwaaide naar een vrouw. Dat heeft Jan de Vries gezegd in een interview.",
            [("Prins Andrew zwaaide naar een vrouw.", "indirect", "Jan de Vries", "zeggen")],
        ),
        (  # a comma before the cue: a statement of its own, not a report of the one before
            "Prins Andrew zwaaide naar een vrouw. Dat was twee jaar nadat Jan de Vries werd "
            "veroordeeld, schrijft de website.",
            [
                (
                    "Dat was twee jaar nadat Jan de Vries werd veroordeeld",
                    "indirect",
                    "website",
                    "schrijven",
                )
            ],
        ),
    ],
)
def test_a_dat_sentence_reports_the_one_before_only_as_a_plain_report(
    text: str, expected: list[Row]
) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a section before a heading's colon is no speaker, and the heading no quote
            "Voetbal: Nieuwe bondscoach voor wereldkampioen\n\nDe bond koos een Amerikaan.",
            [],
        ),
        ("Tip: vraag ernaar en praat erover\n\nZo gaat het beter.", []),
        # a sport the news seldom writes in running text (section_labels.txt)
        ("Darten: Wade pakt zijn vijfde titel van het jaar\n\nDe darter won.", []),
        (  # an adjective before a quote's colon says how: the quote continues its speaker
            'Jan de Vries kijkt terug. "Het was mooi", zegt Jan de Vries. '
            'Weemoedig: "Zoiets doet echt wat met je als boer."',
            [
                ("Het was mooi", "direct", "Jan de Vries", "zeggen"),
                ("Zoiets doet echt wat met je als boer.", "direct", "Jan de Vries", None),
            ],
        ),
        (  # a name still speaks
            "Wiebes: gaswinning moet nu stoppen\n\nDe rest van het verhaal volgt later.",
            [("gaswinning moet nu stoppen", "direct", "Wiebes", ":")],
        ),
    ],
)
def test_a_section_label_before_a_heading_colon_is_no_speaker(
    text: str, expected: list[Row]
) -> None:
    assert _rows(text, {"weemoedig": "ADJ"}) == expected


@pytest.mark.parametrize(
    ("words", "tags", "expected"),
    [
        ("critici bijvoorbeeld", ["NOUN", "ADV"], "critici"),
        ("bedrijf had eerder", ["NOUN", "AUX", "ADV"], "bedrijf"),  # a verb of the clause
        (
            "politieke partijen de afgelopen weken",
            ["ADJ", "NOUN", "DET", "VERB", "NOUN"],
            "politieke partijen",
        ),
        ("burgerinitiatief liep spaak", ["NOUN", "VERB", "NOUN"], "burgerinitiatief"),
        # a participle before its noun stays
        (
            "koopakte via het kadaster opgevraagde akte",
            ["NOUN", "ADP", "DET", "NOUN", "VERB", "NOUN"],
            "koopakte via het kadaster opgevraagde akte",
        ),
        ("De moeder van Uriël", ["DET", "NOUN", "ADP", "PROPN"], "De moeder van Uriël"),
        ("president vorige week", ["NOUN", "ADJ", "NOUN"], "president"),  # a time phrase
        ("bestuurders donderdagavond", ["NOUN", "NOUN"], "bestuurders"),
        ("rechter van het jaar", ["NOUN", "ADP", "DET", "NOUN"], "rechter van het jaar"),
    ],
)
def test_without_adverb_tail_ends_a_description_at_its_noun(
    words: str, tags: list[str], expected: str
) -> None:
    doc = _NL(words)
    for tok, tag in zip(doc, tags, strict=True):
        tok.pos_ = tag
    view = SimpleNamespace(has_pos=True, pos=[t.pos_ for t in doc], lex=cue_lexicon())
    kept = without_adverb_tail(view, list(doc))  # type: ignore[arg-type]
    assert " ".join(t.text for t in kept) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "de partij" speaking is the party its apposition named, not the last speaker
            "De VVD heeft schriftelijk vragen gesteld.\n\nGroenLinks, een andere partij uit het "
            "college, wil weten wat er is afgesproken. De partij vindt dat de boete te hoog is.",
            [("de boete te hoog is.", "indirect", "GroenLinks", "vinden")],
        ),
        (  # an organisation noun finds its organisation in an apposition too
            "Greenpeace, de organisatie van de actievoerders, protesteert. Shell is boos. "
            "De organisatie zegt dat de dijk te zwak is.",
            [("de dijk te zwak is.", "indirect", "Greenpeace", "zeggen")],
        ),
    ],
)
def test_a_noun_anaphor_finds_the_name_its_apposition_gave(text: str, expected: list[Row]) -> None:
    patterns = [
        {"label": "ORG", "pattern": w} for w in ("VVD", "GroenLinks", "Greenpeace", "Shell")
    ]
    doc = build_tiny_nlp(patterns)(text)
    rows = [(q.text, q.kind, q.speaker, q.cue) for q in extract_quotes(doc, extract_entities(doc))]
    assert rows == expected


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("ADP", "Van Dijk"),  # a surname's particle the tagger calls a preposition
        ("PROPN", "Van Dijk"),
    ],
)
def test_a_subject_opening_with_a_particle_is_no_prepositional_phrase(
    tag: str, expected: str
) -> None:
    text = "Het is bekend dat Van Dijk gisteren in de krant zei dat de dijk te zwak is."
    doc = build_tiny_nlp([{"label": "PER", "pattern": "Van Dijk"}])(text)
    for tok in doc:
        tok.pos_ = {
            "Van": tag,
            "Dijk": "PROPN",
            "dat": "SCONJ",
            "gisteren": "ADV",
            "in": "ADP",
            "krant": "NOUN",
            "zei": "VERB",
        }.get(tok.text, "PUNCT" if tok.is_punct else "X")
    quotes = extract_quotes(doc, extract_entities(doc))
    assert [(q.text, q.speaker) for q in quotes] == [("de dijk te zwak is.", expected)]


_GROUP_TAGS: Tags = {
    "veel": "DET",
    "omwonenden": "NOUN",
    "personeelsleden": "NOUN",
    "van": "ADP",
    "azc's": "NOUN",
    "reacties": "NOUN",
    "zijn": "AUX",
    "voelen": "VERB",
    "worden": "AUX",
    "boos": "ADJ",
    "ze": "PRON",
    "zegt": "VERB",
    "hoe": "ADV",
    "kiezers": "NOUN",
    "weten": "VERB",
}
_LAST = ("Dit is het einde", "direct", "Jan de Vries", "zeggen")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a quote right after a sentence about a group of people is that group's
            '"Dit is het einde", zegt Jan de Vries.\n\nVeel omwonenden zijn boos. '
            '"We worden gek van het lawaai."',
            [_LAST, ("We worden gek van het lawaai.", "direct", "Veel omwonenden", None)],
        ),
        (  # also through a plural "ze"; the group's head is the noun before "van"
            '"Dit is het einde", zegt Jan de Vries.\n\nPersoneelsleden van azc\'s voelen zich '
            'onveilig. Ze worden bedreigd. "Het waren incidenten."',
            [_LAST, ("Het waren incidenten.", "direct", "Personeelsleden van azc's", None)],
        ),
        (  # things do not speak: the quote continues its speaker
            '"Dit is het einde", zegt Jan de Vries.\n\nVeel reacties zijn boos. '
            '"We worden gek van het lawaai."',
            [_LAST, ("We worden gek van het lawaai.", "direct", "Jan de Vries", None)],
        ),
        (  # nor does the group in the interviewer's question
            '"Dit is het einde", zegt Jan de Vries.\n\nHoe kiezers weten wat ze kiezen? '
            '"We worden gek van het lawaai."',
            [_LAST, ("We worden gek van het lawaai.", "direct", "Jan de Vries", None)],
        ),
    ],
)
def test_a_quote_after_a_group_is_the_group_s(text: str, expected: list[Row]) -> None:
    assert _rows(text, _GROUP_TAGS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # one answer after a question makes no interview: the last speaker goes on
            '"We gaan door", zegt Jan de Vries. Heeft u geoefend? "Ja, dat hoort erbij." '
            'Greenpeace zegt dat de dijk te zwak is. "Daar ben ik het niet mee eens."',
            [
                ("We gaan door", "direct", "Jan de Vries", "zeggen"),
                ("Ja, dat hoort erbij.", "direct", "Jan de Vries", None),
                ("de dijk te zwak is.", "indirect", "Greenpeace", "zeggen"),
                ("Daar ben ik het niet mee eens.", "direct", "Greenpeace", None),
            ],
        ),
        (  # in an interview a person the text names as speaking since speaks
            '"We gaan door", zegt Jan de Vries. Heeft u geoefend? "Ja, dat hoort erbij." '
            'Wat vindt u? "Het is onzin." Dat klopt niet, zegt Eric Wiebes. "Het is waar."',
            [
                ("We gaan door", "direct", "Jan de Vries", "zeggen"),
                ("Ja, dat hoort erbij.", "direct", "Jan de Vries", None),
                ("Het is onzin.", "direct", "Jan de Vries", None),
                ("Dat klopt niet", "indirect", "Eric Wiebes", "zeggen"),
                ("Het is waar.", "direct", "Eric Wiebes", None),
            ],
        ),
    ],
)
def test_an_interview_answer_needs_an_interview(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


_PLURAL_TAGS: Tags = {
    "boeren": "NOUN",
    "uit": "ADP",
    "regio": "NOUN",
    "zijn": "AUX",
    "boos": "ADJ",
    "ze": "PRON",
    "zij": "PRON",
    "zeggen": "VERB",
    "omschrijven": "VERB",
    "groep": "NOUN",
    "van": "ADP",
    "tien": "NUM",
    "wil": "VERB",
    "zonder": "ADP",
    "papieren": "NOUN",
    "regels": "NOUN",
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a preposition inside the subject is no opening adverb: the head is "Boeren"
            "Boeren uit de regio zijn boos. Ze zeggen dat de regels te streng zijn.",
            [("de regels te streng zijn.", "indirect", "Boeren", "zeggen")],
        ),
        (  # a collective noun of people before "van" and a plural
            "Een groep van tien boeren zonder papieren wil weg. "
            "Ze zeggen dat de regels te streng zijn.",
            [("de regels te streng zijn.", "indirect", "groep van tien boeren", "zeggen")],
        ),
        (  # a plural verb of the "als" kind makes "zij" a group too
            "Boeren uit de regio zijn boos. Zij omschrijven de regels als te streng.",
            [("te streng.", "indirect", "Boeren", "omschrijven")],
        ),
    ],
)
def test_a_plural_pronoun_stands_for_the_group_before(text: str, expected: list[Row]) -> None:
    assert _rows(text, _PLURAL_TAGS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "zo" between the comma and the trailing cue
            "De gaswinning in Groningen stopt al in 2024, zo meldt Greenpeace.",
            [("De gaswinning in Groningen stopt al in 2024", "indirect", "Greenpeace", "melden")],
        ),
        (
            "De gaswinning in Groningen stopt al in 2024, zo laat Wiebes weten.",
            [("De gaswinning in Groningen stopt al in 2024", "indirect", "Wiebes", "laten weten")],
        ),
        (  # "zo" closing the statement itself stays in it
            "Dat is nu eenmaal zo, zegt Wiebes.",
            [("Dat is nu eenmaal zo", "indirect", "Wiebes", "zeggen")],
        ),
    ],
)
def test_a_trailing_cue_after_zo(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "tags", "expected"),
    [
        (  # a clause before the colon whose subject is a person introduces the person's words
            'Jan de Vries zoekt het vooral in samenwerking in de stad: "Samenwerken is eng."',
            {"zoekt": "VERB", "samenwerking": "NOUN", "stad": "NOUN"},
            [("Samenwerken is eng.", "direct", "Jan de Vries", ":")],
        ),
        (  # not a subject that names no one
            'Het is na al die jaren nog altijd heel erg duidelijk: "Dit gaat niet goed."',
            {"is": "AUX", "jaren": "NOUN", "duidelijk": "ADJ"},
            [("Dit gaat niet goed.", "direct", None, None)],
        ),
        (  # a participle between the article and the name is the name's
            '"Ik ben blij", zei een opgeluchte Jan de Vries.',
            {"zei": "VERB", "opgeluchte": "VERB"},
            [("Ik ben blij", "direct", "Jan de Vries", "zeggen")],
        ),
    ],
)
def test_a_person_before_a_colon_and_a_participle_before_a_name(
    text: str, tags: Tags, expected: list[Row]
) -> None:
    assert _rows(text, tags) == expected


def test_aldus_the_words_of_someone_are_theirs() -> None:
    """ "'Ik doe niet mee', aldus de verlossende woorden van Clinton": hers, not the words'."""
    rows = _rows('"Ik doe niet mee", aldus de woorden van Jan de Vries.')
    assert rows == [("Ik doe niet mee", "direct", "Jan de Vries", "aldus")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a number that ranks a person is no amount in the description
            '"Ik ben tevreden", zegt de nummer 2 van de partij.',
            [("Ik ben tevreden", "direct", "nummer 2 van de partij", "zeggen")],
        ),
        (
            '"Het was zwaar", zei de op twee na jongste winnaar.',
            [("Het was zwaar", "direct", "op twee na jongste winnaar", "zeggen")],
        ),
        (  # an amount is no speaker
            '"Het is duur", zegt ruim 3 miljoen euro financiering.',
            [("Het is duur", "direct", None, "zeggen")],
        ),
    ],
)
def test_a_ranking_number_in_a_description(text: str, expected: list[Row]) -> None:
    tags: Tags = {"zegt": "VERB", "zei": "VERB", "nummer": "NOUN", "2": "NUM", "partij": "NOUN"}
    tags |= {"op": "ADP", "twee": "NUM", "na": "ADP", "jongste": "ADJ", "winnaar": "NOUN"}
    tags |= {"ruim": "ADV", "3": "NUM", "miljoen": "NUM", "euro": "NOUN"}
    assert _rows(text, tags | {"financiering": "NOUN"}) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a place after the group's noun does not hide the group
            'Ouders in Groningen zijn boos. Ze worden niet gehoord. "We zijn het zat."',
            [("We zijn het zat.", "direct", "Ouders", None)],
        ),
        (  # the group's plural, not its collective noun, says whether it speaks
            "Een groep van tien boeren zonder papieren wil weg. Ze worden bedreigd. "
            '"Het is hier verschrikkelijk."',
            [("Het is hier verschrikkelijk.", "direct", "groep van tien boeren", None)],
        ),
    ],
)
def test_a_quote_after_a_plural_ze_is_the_group_s(text: str, expected: list[Row]) -> None:
    tags = _PLURAL_TAGS | {"ouders": "NOUN", "in": "ADP", "worden": "AUX", "gehoord": "VERB"}
    assert _rows(text, tags | {"bedreigd": "VERB", "we": "PRON", "het": "PRON"}) == expected


_COUNTED_TAGS: Tags = {
    "volgens": "ADP",
    "de": "DET",
    "het": "DET",
    "vier": "NUM",
    "zes": "NUM",
    "tien": "NUM",
    "220": "NUM",
    "op": "ADP",
    "wethouders": "NOUN",
    "twee": "NUM",
    "initiatiefnemers": "NOUN",
    "van": "ADP",
    "webcam": "NOUN",
    "nederlanders": "PROPN",
    "meldingen": "NOUN",
    "veel": "PRON",
    "sommige": "DET",
    "betrokkenen": "VERB",
    "ingewijden": "VERB",
    "deskundigen": "ADJ",
    "nederlandse": "ADJ",
    "is": "AUX",
    "ging": "VERB",
    "wachttijd": "NOUN",
    "gestegen": "VERB",
    "mis": "ADV",
    "onzin": "NOUN",
    "zeggen": "VERB",
    "zegt": "VERB",
    "dat": "SCONJ",
    "zijn": "AUX",
}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a number between the determiner and a plural for people counts the speakers
        ("Volgens de vier wethouders is de wachttijd gestegen.", "vier wethouders"),
        # a share of a group: the phrase runs on through "op de" to the group
        ("Volgens zes op de tien Nederlanders is het onzin.", "Nederlanders"),
        # a quantifier opens the phrase, a participle as a plural noun ends it
        ("Volgens veel betrokkenen ging het mis.", "veel betrokkenen"),
        # an adjective as a plural noun, after a determiner or after an adjective
        ("Volgens sommige deskundigen is het onzin.", "sommige deskundigen"),
        ("Volgens de Nederlandse deskundigen is het onzin.", "Nederlandse deskundigen"),
        # alone right after "volgens": a plural for people, a participle as a noun
        ("Volgens deskundigen is het onzin.", "deskundigen"),
        ("Volgens ingewijden is het onzin.", "ingewijden"),
        # things counted are no speakers, and no fragment of a number speaks either
        ("De 220 meldingen zeggen dat het onzin is.", None),
        # the counted noun may take a complement; a noun for people by its compound's end
        ("Volgens de twee initiatiefnemers van de webcam is het onzin.",
         "twee initiatiefnemers van de webcam"),
    ],
)  # fmt: skip
def test_a_counted_or_quantified_group_speaks(text: str, speaker: str | None) -> None:
    assert [row[2] for row in _rows(text, _COUNTED_TAGS)][:1] == [speaker]


_PAIRS_NL = build_tiny_nlp(
    [
        {"label": "PER", "pattern": "Ties Granzier"},
        {"label": "PER", "pattern": "Govert Sweep"},
        {"label": "PER", "pattern": "Jan de Vries"},
        {"label": "PER", "pattern": "Marie Smit"},
    ]
)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "het duo" is the last two people named together, ages in brackets between them
        (
            "Ties Granzier (20) en Govert Sweep (21) werden aangehouden. "
            "Het duo verklaarde dat ze de borden niet hadden gezien.",
            "Ties Granzier en Govert Sweep",
        ),
        # the pair named in the very statement "Dat heeft het duo laten weten" reports
        (
            "Jan de Vries en Marie Smit stoppen met de show. Dat heeft het duo laten weten.",
            "Jan de Vries en Marie Smit",
        ),
        (
            "Jan de Vries en Marie Smit stoppen. Beiden zeggen dat het tijd is.",
            "Jan de Vries en Marie Smit",
        ),
        # no two people named together: the description stays
        ("Jan de Vries sprak met de pers. Het duo zegt dat het goed gaat.", "duo"),
    ],
)
def test_a_pair_noun_speaks_for_the_two_people_named_together(text: str, speaker: str) -> None:
    doc = _PAIRS_NL(text)
    quotes = extract_quotes(doc, extract_entities(doc))
    assert [q.speaker for q in quotes] == [speaker]


_SECOND_NOUN_TAGS: Tags = {
    "volgens": "ADP",
    "de": "DET",
    "het": "DET",
    "een": "DET",
    "politie": "NOUN",
    "onderzoekers": "NOUN",
    "campagneleider": "NOUN",
    "plastic": "NOUN",
    "van": "ADP",
    "rondging": "VERB",
    "verandering": "NOUN",
    "commissie": "NOUN",
    "zijn": "PRON",  # the tagger's possessive, where it is the verb
    "straffen": "NOUN",
    "laag": "ADJ",
    "in": "ADP",
    "komen": "VERB",
    "moet": "AUX",
    "daar": "ADV",
    "is": "AUX",
    "dat": "SCONJ",
    "onzin": "NOUN",
    "vond": "VERB",
    "marechaussee": "NOUN",
    "kinderporno": "NOUN",
    "op": "ADP",
    "telefoon": "NOUN",
    "zijn_": "PRON",
    "hoopt": "VERB",
    "college": "NOUN",
    "financiële": "ADJ",
    "lasten": "NOUN",
    "te": "ADP",
    "verlichten": "VERB",
    "zegt": "VERB",
    "hoogleraar": "NOUN",
    "onderwijsrecht": "NOUN",
}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # after "volgens" and its noun, a second lowercase noun or verb is the clause's
        ("Hieronder het plaatje dat volgens de politie rondging op Snapchat.", "politie"),
        ("Daar moet volgens de commissie verandering in komen.", "commissie"),
        # "zijn" after the noun is the verb, whatever the tagger says
        ("Volgens onderzoekers zijn straffen in Nederland laag.", "onderzoekers"),
        # a role takes a field after it, the name in the apposition speaks
        (
            "Volgens de campagneleider plastic van Greenpeace, Meike Rijksen, is dat onzin.",
            "Meike Rijksen",
        ),
    ],
)
def test_a_second_noun_after_volgens_and_its_noun_ends_the_source(text: str, speaker: str) -> None:
    assert [row[2] for row in _rows(text, _SECOND_NOUN_TAGS)] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # after a determiner and its noun, a lowercase noun or adjective opens the object
        ("Met de fusie hoopt het college financiële lasten te verlichten.", "college"),
        # not after a role: its field, then the name
        ('"Dat is onzin", zegt de hoogleraar onderwijsrecht Jan de Vries.', "Jan de Vries"),
    ],
)
def test_the_subject_after_the_cue_ends_before_its_object(text: str, speaker: str) -> None:
    assert [row[2] for row in _rows(text, _SECOND_NOUN_TAGS)] == [speaker]


_PARTICIPLE_TAGS: Tags = {
    "zegt": "VERB",
    "zei": "VERB",
    "een": "DET",
    "de": "DET",
    "goed": "ADJ",
    "ingevoerde": "VERB",
    "bron": "NOUN",
    "drentse": "ADJ",
    "gedeputeerde": "VERB",
    "trainer": "NOUN",
    "opgeluchte": "VERB",
    "spelers": "NOUN",
    "toe": "ADP",
}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # an inflected participle after an adverb or adjective, before the noun, belongs to it
        ('"Ik ken jongens", zegt een goed ingevoerde bron.', "een goed ingevoerde bron"),
        ('"Het is een sergeantenrol", zei de Drentse gedeputeerde Jan de Vries.', "Jan de Vries"),
        # after the noun it does not: the object follows
        ('"Het gaat goed", zei de trainer opgeluchte spelers toe.', "trainer"),
    ],
)
def test_a_participle_before_the_speakers_noun_belongs_to_it(text: str, speaker: str) -> None:
    assert [row[2] for row in _rows(text, _PARTICIPLE_TAGS)] == [speaker]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "zo" opens the attribution after a quote: the verb after it is the cue
        (
            '"Ik reageerde op een renster", zo beschrijft Jan de Vries zijn val.',
            ("Jan de Vries", "beschrijven"),
        ),
        ('"Het is voorbij", zo zegt Eric Wiebes.', ("Eric Wiebes", "zeggen")),
        # without "zo" as before
        ('"Het is voorbij", zegt Eric Wiebes.', ("Eric Wiebes", "zeggen")),
    ],
)
def test_zo_before_the_cue_after_a_quote(text: str, expected: tuple[str, str]) -> None:
    assert [(row[2], row[3]) for row in _rows(text)] == [expected]


_OWN_SUBJECT_TAGS: Tags = {
    "stopt": "VERB",
    "steunt": "VERB",
    "maakt": "VERB",
    "zegt": "VERB",
    "met": "ADP",
    "de": "DET",
    "partij": "NOUN",
    "show": "NOUN",
    "hij": "PRON",
    "zo": "ADV",
    "bekend": "ADP",
}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a pronoun after the statement, no one named before: the statement's subject
        ("Jan de Vries stopt met de show, zo maakt hij bekend.", "Jan de Vries"),
        # a name after the statement's verb is its object, not who speaks
        ("De partij steunt Jan de Vries, zegt hij.", None),
        # a possessive description is not the person it belongs to
        ("Jan de Vries is overleden. Dat heeft zijn partij laten weten.", "zijn partij"),
    ],
)
def test_a_pronoun_after_its_statement_is_the_statements_subject(
    text: str, speaker: str | None
) -> None:
    assert [row[2] for row in _rows(text, _OWN_SUBJECT_TAGS)] == [speaker]


_WHEN_TAGS: Tags = {
    "de": "DET",
    "middenvelder": "NOUN",
    "werkte": "VERB",
    "af": "ADP",
    "en": "CCONJ",
    "hoopt": "VERB",
    "volgende": "ADJ",
    "week": "NOUN",
    "weer": "ADV",
    "aan": "ADP",
    "te": "ADP",
    "sluiten": "VERB",
}


def test_a_time_phrase_after_the_cue_is_no_speaker() -> None:
    """The subject is shared with the first verb; the words after the second are when."""
    text = "De middenvelder werkte af en hoopt volgende week weer aan te sluiten."
    assert [row[2] for row in _rows(text, _WHEN_TAGS)] in ([None], ["middenvelder"])


_ATTRIBUTE_TAGS: Tags = {
    "zeggen": "VERB",
    "zegt": "VERB",
    "de": "DET",
    "door": "ADP",
    "vs": "PROPN",
    "gesteunde": "VERB",
    "strijders": "NOUN",
    "van": "ADP",
    "gekomen": "VERB",
    "trainer": "NOUN",
    "het": "DET",
    "is": "AUX",
    "klaar": "ADJ",
}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a prepositional phrase and an inflected participle between article and noun
        ("Het is klaar, zeggen de door de VS gesteunde strijders.", "strijders"),
        ('"Het is klaar", zegt de van AZ gekomen trainer.', "trainer"),
    ],
)
def test_an_extended_attribute_before_the_speakers_noun(text: str, speaker: str) -> None:
    assert [row[2] for row in _rows(text, _ATTRIBUTE_TAGS)] == [speaker]
