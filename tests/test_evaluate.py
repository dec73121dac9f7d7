from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsclaims.evaluate import (
    PRF,
    evaluate,
    locate,
    match_spans,
    names_match,
    system_entities,
    value_correct,
)

TEXT = (
    'Volgens de politie zijn er zo\'n 200 betogers. "We blijven hier tot het einde", zegt '
    "Jan de Vries. Hij schat dat er honderden mensen komen."
)


def test_names_match_rule() -> None:
    assert names_match("Jan de Vries", "de Vries")
    assert names_match("Vries", ["Piet", "Jan de Vries"])
    assert names_match("Erdoğan", "Recep Erdogan")
    assert not names_match("Jan de Vries", "Piet Jansen")
    assert names_match(None, None)
    assert not names_match(None, "Jan")
    assert not names_match("Jan", None)


def test_locate_nth_occurrence() -> None:
    assert locate("a b a b", "a", 2) == (4, 5)
    assert locate("a b", "c") is None


def test_match_spans_one_to_one_and_min_share() -> None:
    assert match_spans([(0, 10), (20, 30)], [(5, 25)]) == [(0, 0)]
    assert match_spans([(0, 10)], [(9, 40)], min_share=0.5) == []
    assert match_spans([(0, 10)], [(2, 8)], min_share=0.5) == [(0, 0)]


def test_value_correct_uses_bounds_for_ranges() -> None:
    assert value_correct({"value": 0.3333}, {"value": 0.33333})
    assert value_correct({"low": 200, "high": 999}, {"value": None, "low": 200, "high": 999})
    assert not value_correct({"value": 200}, {"value": None, "low": 200, "high": 999})


def test_prf() -> None:
    prf = PRF(tp=2, n_system=4, n_gold=2)
    assert (prf.precision, prf.recall) == (0.5, 1.0)
    assert prf.f1 == pytest.approx(2 / 3)


def test_system_entities_majority_label() -> None:
    mentions = [
        {"entity_id": "E1", "entity_name": "Irak", "label": lab} for lab in ("LOC", "LOC", "ORG")
    ]
    assert system_entities(mentions) == [("Irak", "LOC")]


def _write(out: Path, name: str, rows: list[dict]) -> None:
    with (out / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")


def test_evaluate_end_to_end(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {
                "id": "a1",
                "entities": [
                    {"name": "Jan de Vries", "label": "PER", "aliases": []},
                    {"name": "Den Haag", "label": "LOC", "aliases": []},
                ],
                "claims": [
                    {
                        "span": "zo'n 200 betogers",
                        "n": 1,
                        "value": 200,
                        "low": None,
                        "high": None,
                        "qualifier": "approx",
                        "unit": "betoger",
                        "category": "people",
                        "source": "politie",
                    },
                    {
                        "span": "honderden mensen",
                        "n": 1,
                        "value": None,
                        "low": 200,
                        "high": 999,
                        "qualifier": "approx",
                        "unit": "mens",
                        "category": "people",
                        "source": "Jan de Vries",
                    },
                ],
                "quotes": [
                    {
                        "span": "We blijven hier tot het einde",
                        "n": 1,
                        "kind": "direct",
                        "speaker": "Jan de Vries",
                        "cue": "zeggen",
                    },
                    {
                        "span": "er honderden mensen komen",
                        "n": 1,
                        "kind": "indirect",
                        "speaker": "Jan de Vries",
                        "cue": "schatten",
                    },
                ],
            }
        )
        + "\n"
        + json.dumps(
            {
                "id": "missing",
                "entities": [{"name": "X", "label": "ORG"}],
                "claims": [],
                "quotes": [],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    _write(tmp_path, "articles", [{"article_id": "a1", "text": TEXT}])
    _write(
        tmp_path,
        "mentions",
        [
            {"article_id": "a1", "entity_id": "E1", "entity_name": "Jan de Vries", "label": "PER"},
            {"article_id": "a1", "entity_id": "E2", "entity_name": "politie", "label": "ORG"},
        ],
    )
    s200 = TEXT.index("zo'n 200")
    _write(
        tmp_path,
        "claims",
        [
            {
                "article_id": "a1",
                "start": s200 + 5,
                "end": s200 + 17,
                "text": "200 betogers",
                "value": 200.0,
                "low": None,
                "high": None,
                "qualifier": "exact",
                "unit": "betoger",
                "category": "people",
                "source": "de politie",
            },
        ],
    )
    q = TEXT.index("We blijven")
    _write(
        tmp_path,
        "quotes",
        [
            {
                "article_id": "a1",
                "start": q,
                "end": q + 29,
                "kind": "direct",
                "speaker": "De Vries",
                "cue": "zeggen",
                "text": "...",
            },
            {
                "article_id": "a1",
                "start": 0,
                "end": 10,
                "kind": "indirect",
                "speaker": "politie",
                "cue": "volgens",
                "text": "...",
            },
        ],
    )
    card = evaluate([gold], tmp_path).as_dict()
    assert card["missing_articles"] == ["missing"]
    ents = card["entities"]["overall"]
    assert (ents["tp"], ents["system"], ents["gold"]) == (1, 2, 3)
    claims = card["claims"]
    assert (claims["overall"]["tp"], claims["overall"]["gold"]) == (1, 2)
    assert claims["fields"]["value"]["accuracy"] == 1.0
    assert claims["fields"]["qualifier"]["accuracy"] == 0.0
    assert claims["fields"]["source"]["accuracy"] == 1.0
    quotes = card["quotes"]["by_kind"]
    assert quotes["direct+partial"]["f1"] == 1.0
    assert (quotes["indirect"]["tp"], quotes["indirect"]["system"]) == (0, 1)
    assert card["quotes"]["fields"]["speaker (direct+partial)"]["accuracy"] == 1.0
    assert any(e["span"] == "honderden mensen" for e in card["errors"]["claim_missed"])
