"""Claim sources pinned rule by rule (``SOURCE_RULES``, plus the covering quote), with a
meta-test that removes each rule in turn; and numbers too large for a float.

Model-free docs: the tiny pipeline, and for the parse-reading rule a doc built by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from spacy.tokens import Doc

from newsclaims.claims import extract_claims, sources
from newsclaims.entities import extract_entities
from newsclaims.quotes import extract_quotes
from tests.conftest import build_tiny_nlp

_NL = build_tiny_nlp(
    [
        {"label": "PER", "pattern": "Wiebes"},
        {"label": "ORG", "pattern": "Greenpeace"},
        {"label": "ORG", "pattern": "VN"},
    ]
)


def _parsed_schat() -> Doc:
    """ "Greenpeace schat het aantal op 40 scholen ." with a hand-made parse: no "dat", so no
    indirect quote covers the number and only the verb's subject can be the source."""
    words = ["Greenpeace", "schat", "het", "aantal", "op", "40", "scholen", "."]
    heads = [1, 1, 3, 1, 6, 6, 1, 1]
    deps = ["nsubj", "ROOT", "det", "obj", "case", "nummod", "obl", "punct"]
    pos = ["PROPN", "VERB", "DET", "NOUN", "ADP", "NUM", "NOUN", "PUNCT"]
    ents = ["B-ORG"] + ["O"] * 7
    return Doc(_NL.vocab, words=words, heads=heads, deps=deps, pos=pos, ents=ents)


# (rule, doc maker, with quotes, expected (claim text, source) rows)
CASES: list[tuple[str, Callable[[], Doc], bool, list[tuple[str, str | None]]]] = [
    (
        "covering_quote",
        lambda: _NL('"Er zijn nu 40 scholen dicht in de stad", zegt Wiebes.'),
        True,
        [("40", "Wiebes")],
    ),
    (
        "preposition_source",
        lambda: _NL("Volgens Greenpeace zijn 40 scholen dicht."),
        False,
        [("40", "Greenpeace")],
    ),
    ("verb_subject_source", _parsed_schat, False, [("40 scholen", "Greenpeace")]),
    (
        "next_sentence_source",
        lambda: _NL("Er gaan 40 scholen dicht. Dat meldt Greenpeace."),
        False,
        [("40", "Greenpeace")],
    ),
    (
        "report_before_source",
        lambda: _NL("Er gaan scholen dicht. Dat meldt Greenpeace. Het gaat om 40 scholen."),
        False,
        [("40", "Greenpeace")],
    ),
]


def _rows(make: Callable[[], Doc], with_quotes: bool) -> list[tuple[str, str | None]]:
    doc = make()
    entities = extract_entities(doc)
    quotes = extract_quotes(doc, entities) if with_quotes else []
    return [(c.text, c.source) for c in extract_claims(doc, entities, quotes)]


@pytest.mark.parametrize(
    ("rule", "make", "with_quotes", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_source_rule_case(
    rule: str, make: Callable[[], Doc], with_quotes: bool, expected: list[tuple[str, str | None]]
) -> None:
    assert _rows(make, with_quotes) == expected


def test_every_source_rule_has_a_case() -> None:
    assert {r.__name__ for r in sources.SOURCE_RULES} <= {c[0] for c in CASES}


@pytest.mark.parametrize("rule", sources.SOURCE_RULES, ids=lambda r: r.__name__)
def test_removing_a_source_rule_breaks_a_case(monkeypatch: pytest.MonkeyPatch, rule: Any) -> None:
    kept = tuple(r for r in sources.SOURCE_RULES if r is not rule)
    monkeypatch.setattr(sources, "SOURCE_RULES", kept)
    assert any(_rows(c[1], c[2]) != c[3] for c in CASES), f"no case fails without {rule.__name__}"


def test_without_quotes_the_quoted_number_has_no_source() -> None:
    assert _rows(CASES[0][1], False) == [("40", None)]


@pytest.mark.parametrize(
    "huge",
    ["10^400", "1e400", "1,5e+999", "9" * 400, "2 x 10^500"],
)
def test_number_too_large_for_a_float_drops_only_itself(huge: str) -> None:
    doc = _NL(f"Er zijn {huge} sterren.\n\nEr zijn 7 katten en 8 honden.")
    entities = extract_entities(doc)
    claims = extract_claims(doc, entities, extract_quotes(doc, entities))
    assert [c.value for c in claims] == [7.0, 8.0]


def test_issue_examples_give_both_a_quote_and_a_claim_source() -> None:
    """One lexicon: the same verb makes a quote and a claim source."""
    for text, cue in [
        ("Het ministerie deelde mee dat er 40 scholen dichtgaan.", "meedelen"),
        ("Greenpeace vindt dat er 300 extra agenten moeten komen.", "vinden"),
    ]:
        doc = _NL(text)
        entities = extract_entities(doc)
        [quote] = extract_quotes(doc, entities)
        assert quote.cue == cue
        [claim] = extract_claims(doc, entities, [])
        assert claim.value in (40.0, 300.0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the layer's "volgens" phrase: a description ends before the number
        ("Volgens de politie zijn 40 mensen aangehouden.", [("40 mensen", "politie")]),
        # a multi-word attributing preposition
        ("Er kwamen naar schatting van Greenpeace 300 mensen.", [("300 mensen", "Greenpeace")]),
        # the layer's "Dat heeft X gezegd." sentence: auxiliary, speaker, participle
        ("Er gaan 40 scholen dicht. Dat heeft Wiebes gisteren gezegd.", [("40", "Wiebes")]),
    ],
)
def test_sources_read_by_the_attribution_layer(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _rows(lambda: _NL(text), False) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # another attribution in between ends the report
        (
            "Er gaan scholen dicht. Dat meldt Greenpeace. Volgens Wiebes valt het mee. "
            "Het gaat om 40 scholen.",
            [("40", None)],
        ),
        # no plain report: a "Dat" sentence whose cue is neither right after it nor last
        (
            "Dat was twee jaar nadat het begon, meldt Greenpeace. Het ging om 40 scholen.",
            [("40", None)],
        ),
    ],
)
def test_a_report_before_ends_at_another_attribution(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    rows = _rows(lambda: _NL(text), False)
    assert [r for r in rows if r[0] == "40"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the number counts who speak: the article says how many, they do not state it
        (
            "Een ding is volgens de drie onderzoekers hetzelfde gebleven.",
            [("drie onderzoekers", None)],
        ),
        # a number in what they say is theirs
        (
            "Volgens de drie onderzoekers zijn er 40 scholen dicht.",
            [("drie onderzoekers", None), ("40", "drie onderzoekers")],
        ),
    ],
)
def test_a_number_in_the_speaker_phrase_is_not_the_speakers_claim(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _rows(lambda: _NL(text), True) == expected
