"""The shared token table: what it reads, and when a doc is read again."""

from __future__ import annotations

import pytest
import spacy

from newsclaims.tokentable import token_table

_NL = spacy.blank("nl")


@pytest.mark.parametrize(
    ("text", "words", "idx", "spaced"),
    [
        ("De minister zei", ["De", "minister", "zei"], [0, 3, 12], [1, 1, 0]),
        (
            '"Nee", zei ze.',
            ['"', "Nee", '"', ",", "zei", "ze", "."],
            [0, 1, 4, 5, 7, 11, 13],
            [0, 0, 0, 1, 1, 0, 0],
        ),
        ("", [], [], []),
    ],
)
def test_columns(text: str, words: list[str], idx: list[int], spaced: list[int]) -> None:
    table = token_table(_NL(text), fresh=True)
    assert (table.words, table.idx, table.spaced, table.n) == (words, idx, spaced, len(words))


def test_the_same_doc_shares_one_table_and_another_doc_gets_its_own() -> None:
    doc, other = _NL("Jan zegt nee."), _NL("Jan zegt nee.")
    first = token_table(doc)
    assert token_table(doc) is first
    assert token_table(other) is not first
    assert token_table(other).words == first.words


def test_fresh_reads_a_changed_doc_again() -> None:
    """Tags set after a pass (as a test or a user's component may) are seen by the next
    entity step, which asks for a fresh table; without it the kept table is reused."""
    doc = _NL("Jan zegt nee.")
    before = token_table(doc, fresh=True)
    doc[1].pos_ = "VERB"
    assert token_table(doc) is before
    again = token_table(doc, fresh=True)
    assert again is not before
    assert again.pos[1] != before.pos[1]
