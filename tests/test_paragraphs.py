"""Paragraph-aware sentences: which line breaks end a sentence before the parser runs."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from newsclaims.paragraphs import PARAGRAPHS, add_paragraphs, mark_paragraphs


def _starts(text: str) -> list[str]:
    """The words the component marks as sentence starts."""
    doc = mark_paragraphs(spacy.blank("nl").make_doc(text))
    return [t.text for t in doc if t.is_sent_start and t.i > 0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Het kabinet valt.\n\nDe oppositie juicht.", ["De"]),  # blank line
        ("Het kabinet valt\n\nde oppositie juicht", ["de"]),  # blank line, whatever follows
        ('Eerste alinea.\n \n"Wij gaan door", zei ze.', ['"']),  # blank line with a space
        ("Geen akkoord\nHet kabinet praat door.", ["Het"]),  # heading line
        ("Tussenkop\n„Dit kan niet”, zegt hij.", ["„"]),  # heading, then a quote mark
        ("Het aantal steeg naar\n2000 deelnemers.", ["2000"]),  # digit after: a new line
        ("Dat zei de minister\ngisteren in Den Haag.", []),  # hard wrap: lower case goes on
        ("Hij zei het.\nDaarna ging hij.", []),  # final punctuation: left to the parser
        ("Een zin zonder breuk.", []),
    ],
)
def test_which_breaks_start_a_sentence(text: str, expected: list[str]) -> None:
    assert _starts(text) == expected


def test_the_white_space_of_a_break_stays_with_the_sentence_before() -> None:
    doc = mark_paragraphs(spacy.blank("nl").make_doc("Een.\n\nTwee."))
    space = next(t for t in doc if t.is_space)
    assert space.is_sent_start is False


def test_sentence_starts_set_before_the_step_are_kept() -> None:
    doc = spacy.blank("nl").make_doc("Een zin. Nog een.\n\nTwee.")
    doc[3].is_sent_start = True  # "Nog", as a sentencizer before the step would have it
    doc[1].is_sent_start = False
    mark_paragraphs(doc)
    assert [t.is_sent_start for t in doc] == [
        True,
        False,
        None,
        True,
        None,
        None,
        False,
        True,
        None,
    ]


def test_a_parsed_doc_is_refused_as_spacy_refuses_it() -> None:
    words = ["Een", ".", "\n\n", "Twee", "."]
    doc = Doc(
        spacy.blank("nl").vocab,
        words=words,
        spaces=[False, False, False, False, False],
        heads=[0, 0, 0, 3, 3],
        deps=["ROOT", "punct", "dep", "ROOT", "punct"],
    )
    with pytest.raises(ValueError, match="E043"):
        mark_paragraphs(doc)


@pytest.mark.parametrize(
    ("pipes", "expected"),
    [
        (["tagger", "ner", "parser"], ["tagger", PARAGRAPHS, "ner", "parser"]),
        (["tagger", "parser", "ner"], ["tagger", PARAGRAPHS, "parser", "ner"]),
        (["sentencizer", "entity_ruler"], ["sentencizer", PARAGRAPHS, "entity_ruler"]),
        (["entity_ruler"], ["entity_ruler", PARAGRAPHS]),
    ],
)
def test_the_step_goes_before_the_parser_and_ner(pipes: list[str], expected: list[str]) -> None:
    language = spacy.blank("nl")
    for name in pipes:
        language.add_pipe(name)
    add_paragraphs(language)
    add_paragraphs(language)  # once only
    assert language.pipe_names == expected


def test_the_parser_keeps_paragraph_starts(bundled_nlp: spacy.language.Language) -> None:
    assert PARAGRAPHS in bundled_nlp.pipe_names
    text = (
        "Zorgen\n\nIn de brief schrijft de minister dat het beter moet.\n\n"
        "Kritiek\nDe Kamer zwijgt."
    )
    sents = [s.text.strip() for s in bundled_nlp(text).sents]
    assert sents == [
        "Zorgen",
        "In de brief schrijft de minister dat het beter moet.",
        "Kritiek",
        "De Kamer zwijgt.",
    ]


@pytest.mark.parametrize(
    ("text", "starts", "expected"),
    [
        ("Een.\n\nTwee.", [0], (1, 1)),  # one sentence over a blank line
        ("Een.\n\nTwee.", [0, 3], (2, 0)),  # cut at the break
        ("Kop\nHet kabinet praat.", [0], (1, 1)),  # a heading glued on
        ("Hij zei het.\nDaarna ging hij.", [0], (1, 0)),  # a line break after a stop
    ],
)
def test_spanning_counts_sentences_over_a_break(
    text: str, starts: list[int], expected: tuple[int, int]
) -> None:
    from newsclaims.bench_paragraphs import spanning

    doc = spacy.blank("nl").make_doc(text)
    for tok in doc:
        tok.is_sent_start = tok.i in starts
    assert spanning(doc) == expected
