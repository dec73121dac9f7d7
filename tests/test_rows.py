"""Stamping records and turning them into store rows: the fast paths equal the plain ones."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from newsclaims.incremental import record_row
from newsclaims.records import Article, Claim, Mention, Quote, Sentence
from newsclaims.rows import stamped
from newsclaims.tabledefs import TABLES

_MENTION = Mention("m1", "", "E1", "Wiebes", 0, 0, 6, "Wiebes", "PER")
_SENTENCE = Sentence("a1", 0, 0, 20)


def _record(record_type: type) -> Any:
    """One record of the type with a value of the right kind in every field."""
    values: dict[str, Any] = {}
    for f in dataclasses.fields(record_type):
        kind = str(f.type)
        values[f.name] = (
            3
            if "int" in kind
            else 2.5
            if "float" in kind
            else ("a", "b")
            if "tuple" in kind
            else None
            if "None" in kind and "str" not in kind
            else "x"
        )
    return record_type(**values)


@pytest.mark.parametrize(
    ("record", "changes"),
    [
        (_MENTION, {"mention_id": "a1:m1", "article_id": "a1"}),
        (_SENTENCE, {"sentence_idx": 4}),
        (_record(Quote), {"quote_id": "a1:q0", "article_id": "a1", "date": "2019-05-01"}),
        (_record(Claim), {"claim_id": "a1:c0", "article_id": "a1"}),
        (_record(Article), {"n_sentences": 7, "n_tokens": 120}),
    ],
)
def test_stamped_is_replace(record: Any, changes: dict[str, Any]) -> None:
    new = stamped(record, **changes)
    assert new == dataclasses.replace(record, **changes)
    assert type(new) is type(record) and new is not record
    with pytest.raises(dataclasses.FrozenInstanceError):
        new.article_id = "other"  # still frozen


def test_stamped_refuses_a_field_the_record_does_not_have() -> None:
    with pytest.raises(TypeError, match="no field 'quote_id'"):
        stamped(_MENTION, quote_id="q1")


@pytest.mark.parametrize(
    ("table", "record"),
    [
        ("mentions", _MENTION),
        ("sentences", _SENTENCE),
        ("quotes", _record(Quote)),
        ("claims", _record(Claim)),
        ("articles", _record(Article)),
    ],
)
def test_record_row_copies_every_column_with_lists_for_tuples(table: str, record: Any) -> None:
    row = record_row(table, record, run_id="r1")
    assert list(row)[: len(TABLES[table].columns)] == [c.name for c in TABLES[table].columns]
    for c in TABLES[table].columns:
        value = getattr(record, c.name)
        assert row[c.name] == (list(value) if isinstance(value, tuple) else value)
    assert row["run_id"] == "r1"
    assert not any(isinstance(v, tuple) for v in row.values())
