"""The scorer follows the annotation spec §4 rule by rule; each rule is a table of cases.

The texts are made up for these tests; nothing is taken from the gold files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsclaims import cli
from newsclaims.eval_errors import Errors, cue_words_near, label_conflicts, to_markdown
from newsclaims.eval_report import side_by_side, to_markdown_table
from newsclaims.eval_rules import (
    entity_matches,
    match_pairs,
    named_part,
    spans_match,
    unit_correct,
    words,
)
from newsclaims.evaluate import (
    PRF,
    evaluate,
    locate,
    match_spans,
    names_match,
    system_entities,
    value_correct,
)

# --- names (speakers and sources) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("system", "gold", "expected"),
    [
        ("Jansen", "Piet Jansen", True),  # the other's last word, as a whole word
        ("Piet Jansen", "Jansen", True),  # either direction
        ("Jans", "Jansen", False),  # a prefix is not a whole word
        ("Jansen", "Jans", False),
        ("Piet Jansen", "Jan Pietersen", False),
        ("Jan de Vries", "de Vries", True),
        ("JAN DE VRIES", "jan de vries", True),  # case-insensitive
        ("Erdoğan", "Recep Tayyip Erdogan", True),  # accent-insensitive
        ("Müller", "Thomas Muller", True),
        ("Vries", ["Piet", "Jan de Vries"], True),  # a list: any of its names
        ("Klaas", ["Piet", "Jan de Vries"], False),
        ("VN", "VN-onderzoekers", False),  # a hyphenated word is one word
        ("de woordvoerder van Jansen,", "Jansen", True),  # punctuation is not part of a word
        ("politie", "de politie", True),
        # symmetric, as the spec words it: "Jan" is its own last word, a word of the other
        ("Jan", "Jan de Vries", True),
        ("Jan", "Piet Jansen", False),
        (None, None, True),
        (None, "Jansen", False),
        ("Jansen", None, False),
        ("", "Jansen", False),
    ],
)
def test_names_match(system: Any, gold: Any, expected: bool) -> None:
    assert names_match(system, gold) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Piet Jansen", ["piet", "jansen"]),
        ("Abdul-Mahdi", ["abdul-mahdi"]),
        ("“Jansen”,", ["jansen"]),
        ("Erdoğan", ["erdogan"]),
    ],
)
def test_words(name: str, expected: list[str]) -> None:
    assert words(name) == expected


# --- entities ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("YPG-militie", "YPG"),
        ("IS-strijders", "IS"),
        ("Abdul-Mahdi", "Abdul-Mahdi"),  # capitalised tail: a name, not a compound
        ("Noord-Holland", "Noord-Holland"),
        ("Jansen", "Jansen"),
    ],
)
def test_named_part(name: str, expected: str) -> None:
    assert named_part(name) == expected


_GOLD_YPG = {"name": "YPG", "label": "ORG", "aliases": []}
_GOLD_IS = {"name": "Islamitische Staat", "label": "ORG", "aliases": ["IS"]}


@pytest.mark.parametrize(
    ("system", "gold", "expected"),
    [
        ("YPG-militie", _GOLD_YPG, True),  # hyphenated compound matches its named part
        ("YPG", {"name": "YPG-militie", "label": "ORG", "aliases": []}, True),  # symmetric
        ("ypg", _GOLD_YPG, True),
        ("YPG-Noord", _GOLD_YPG, False),  # capitalised tail: another name
        ("IS", _GOLD_IS, True),  # an alias
        ("islamitische staat", _GOLD_IS, True),
        ("Islamitische", _GOLD_IS, False),  # no partial names for entities
        ("Syrië", {"name": "Syrie", "label": "LOC", "aliases": []}, True),
        ("Damascus", {"name": "Syrië", "label": "LOC", "aliases": []}, False),
    ],
)
def test_entity_matches(system: str, gold: dict, expected: bool) -> None:
    assert entity_matches(system, gold) is expected


def _mention(eid: str, name: str, label: str, aid: str = "a1") -> dict:
    return {"article_id": aid, "entity_id": eid, "entity_name": name, "label": label, "text": name}


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (["LOC", "LOC", "ORG"], [("Irak", "LOC"), ("Irak", "ORG")]),  # every label, not majority
        (["LOC", "LOC"], [("Irak", "LOC")]),  # distinct pairs
        (["PER"], [("Irak", "PER")]),
    ],
)
def test_system_entities_take_every_label_of_every_mention(
    labels: list[str], expected: list[tuple[str, str]]
) -> None:
    assert system_entities([_mention("E1", "Irak", lab) for lab in labels]) == expected


def test_label_conflicts_lists_referents_with_two_labels() -> None:
    mentions = [_mention("E1", "Irak", "LOC"), _mention("E1", "Irak", "ORG")]
    mentions += [_mention("E2", "Jansen", "PER"), _mention("E2", "Jansen", "PER")]
    [conflict] = label_conflicts(mentions)
    assert conflict["name"] == "Irak" and conflict["labels"] == {"LOC": 1, "ORG": 1}


# --- spans ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "n", "expected"),
    [
        ("a b a b", "a", 1, (0, 1)),
        ("a b a b", "a", 2, (4, 5)),  # n picks the n-th occurrence
        ("a b a b", "a", 3, None),
        ("a b", "c", 1, None),
        (" date 2018-12 Het leger. Het leger", "Het leger", 1, (14, 23)),  # body after header
        (" date 2018-12 zo'n 20 man", "20", 1, (19, 21)),  # "2018-12" is not the body
        ("Het leger", "", 1, None),
    ],
)
def test_locate(text: str, span: str, n: int, expected: tuple[int, int] | None) -> None:
    assert locate(text, span, n) == expected


@pytest.mark.parametrize(
    ("gold", "system", "min_share", "expected"),
    [
        ((0, 10), (9, 40), 0.0, True),  # claims: any overlap
        ((0, 10), (10, 20), 0.0, False),  # touching is not overlapping
        ((0, 10), (5, 30), 0.5, True),  # quotes: overlap 5 = half of the shorter (10)
        ((0, 10), (6, 30), 0.5, False),  # overlap 4 < 5
        ((0, 100), (40, 50), 0.5, True),  # shorter span fully inside
        ((0, 10), (9, 40), 0.5, False),
    ],
)
def test_spans_match(
    gold: tuple[int, int], system: tuple[int, int], min_share: float, expected: bool
) -> None:
    assert spans_match(gold, system, min_share) is expected


@pytest.mark.parametrize(
    ("gold", "system", "min_share", "expected"),
    [
        ([(0, 10), (20, 30)], [(5, 25)], 0.0, [(0, 0)]),  # one-to-one
        ([(0, 10)], [(2, 8), (0, 10)], 0.0, [(0, 1)]),  # the larger overlap wins
        # greedy by overlap would pair system 0 with gold 0 and lose gold 1
        ([(0, 10), (12, 20)], [(5, 15), (8, 11)], 0.0, [(0, 1), (1, 0)]),
        ([(0, 10)], [(9, 40)], 0.5, []),
    ],
)
def test_match_spans(gold: list, system: list, min_share: float, expected: list) -> None:
    assert match_spans(gold, system, min_share=min_share) == expected


def test_match_pairs_finds_the_maximum_whatever_the_order() -> None:
    ok = {(0, 0), (0, 1), (1, 0)}
    assert len(match_pairs(2, 2, lambda g, s: (g, s) in ok)) == 2
    assert len(match_pairs(2, 2, lambda g, s: (g, s) in ok, lambda g, s: float(s == 0))) == 2


# --- claim fields -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("system", "gold", "expected"),
    [
        ({"value": 0.3333}, {"value": 0.33333}, True),  # "een derde"
        ({"value": 20000.0}, {"value": 20000}, True),
        ({"value": 2000.0}, {"value": 20000}, False),
        ({"low": 200, "high": 999}, {"value": None, "low": 200, "high": 999}, True),
        ({"value": 200}, {"value": None, "low": 200, "high": 999}, False),
        ({"low": 200, "high": 9999}, {"value": None, "low": 200, "high": 999}, False),
    ],
)
def test_value_correct(system: dict, gold: dict, expected: bool) -> None:
    assert value_correct(system, gold) is expected


@pytest.mark.parametrize(
    ("system", "gold", "expected"),
    [("strijder", "strijder", True), ("Euro", "euro", True), (None, "euro", False)],
)
def test_unit_correct(system: str | None, gold: str | None, expected: bool) -> None:
    assert unit_correct(system, gold) is expected


def test_prf_micro_counts() -> None:
    prf = PRF(tp=2, n_system=4, n_gold=2)
    assert (prf.precision, prf.recall) == (0.5, 1.0)
    assert prf.f1 == pytest.approx(2 / 3)


# --- error lists ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span_text", "expected"),
    [
        ("Jansen zegt dat het water stijgt.", "het water stijgt", ["zegt (before)"]),
        ("Het water stijgt, aldus Jansen.", "Het water stijgt", ["aldus (after)"]),
        (
            "Het water stijgt, zweert Jansen.",
            "Het water stijgt",
            ["zweert (after, not a system cue)"],
        ),
        ("Jansen zegt iets. Dan nog dit. Het water stijgt.", "Het water stijgt", []),
    ],
)
def test_cue_words_near(text: str, span_text: str, expected: list[str]) -> None:
    start = text.index(span_text)
    assert cue_words_near(text, (start, start + len(span_text))) == expected


def test_errors_count_past_the_limit_and_render_markdown() -> None:
    errors = Errors(limit=1)
    errors.add("entity_missed", article="a1", name="Jansen", label="PER", hint="")
    errors.add("entity_missed", article="a1", name="Pietersen", label="PER", hint="")
    assert errors.totals["entity_missed"] == 2 and len(errors.items["entity_missed"]) == 1
    md = to_markdown(errors)
    assert "## entity_missed (1 of 2)" in md and "Jansen PER" in md and "Pietersen" not in md


# --- the whole evaluation ---------------------------------------------------------------------

TEXT = (
    'Volgens de politie zijn er zo\'n 200 betogers. "We blijven hier tot het einde", zegt '
    "Jan de Vries. Hij schat dat er honderden mensen komen. Er staan 3 tenten."
)


def _write(out: Path, name: str, rows: list[dict]) -> None:
    with (out / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")


def _claim(gold_span: str, **fields: Any) -> dict:
    base = {"span": gold_span, "n": 1, "value": None, "low": None, "high": None}
    base |= {"qualifier": "exact", "unit": None, "category": "other", "source": None}
    return base | fields


def _sys_claim(text: str, **fields: Any) -> dict:
    start = TEXT.index(text)
    row = {"article_id": "a1", "start": start, "end": start + len(text), "text": text}
    row |= {"value": None, "low": None, "high": None, "qualifier": "exact", "unit": None}
    return row | {"category": "other", "source": None, "quote_id": None} | fields


def _sys_quote(text: str, kind: str, speaker: str | None, resolution: str = "explicit") -> dict:
    start = TEXT.index(text)
    return {
        "article_id": "a1",
        "quote_id": f"q-{start}",
        "start": start,
        "end": start + len(text),
        "text": text,
        "kind": kind,
        "speaker": speaker,
        "speaker_text": speaker,
        "cue": "zeggen",
        "resolution": resolution,
    }


@pytest.fixture
def scored(tmp_path: Path) -> dict:
    gold = {
        "id": "a1",
        "entities": [
            {"name": "Jan de Vries", "label": "PER", "aliases": ["De Vries"]},
            {"name": "Den Haag", "label": "LOC", "aliases": []},
        ],
        "claims": [
            _claim("zo'n 200 betogers", value=200, qualifier="approx", unit="betoger",
                   category="people", source="politie"),
            _claim("honderden mensen", low=200, high=999, qualifier="approx", unit="mens",
                   category="people", source="Jan de Vries"),
            _claim("3 tenten", value=3, unit="tent"),  # the article's own voice
        ],
        "quotes": [
            {"span": "We blijven hier tot het einde", "n": 1, "kind": "direct",
             "speaker": "Jan de Vries", "cue": "zeggen"},
            {"span": "er honderden mensen komen", "n": 1, "kind": "indirect",
             "speaker": "Jan de Vries", "cue": "schatten"},
        ],
    }  # fmt: skip
    missing = {"id": "gone", "entities": [{"name": "X", "label": "ORG"}], "claims": []}
    (tmp_path / "gold.jsonl").write_text(
        json.dumps(gold) + "\n" + json.dumps(missing | {"quotes": []}) + "\n", encoding="utf-8"
    )
    _write(tmp_path, "articles", [{"article_id": "a1", "text": TEXT}])
    _write(
        tmp_path,
        "mentions",
        [
            _mention("E1", "Jan de Vries", "PER"),
            _mention("E1", "Jan de Vries", "ORG"),  # the same referent, a second label
            _mention("E2", "politie", "ORG"),
            _mention("E3", "Iraakse", "MISC"),  # MISC is not scored
        ],
    )
    _write(
        tmp_path,
        "claims",
        [
            _sys_claim("200 betogers", value=200.0, unit="betoger", source="de politie"),
            _sys_claim("3 tenten", value=3.0, unit="tent", source="Jan de Vries"),
        ],
    )
    _write(
        tmp_path,
        "quotes",
        [
            _sys_quote("We blijven hier tot het", "direct", "Vries"),
            _sys_quote("Volgens de politie", "indirect", "politie"),
        ],
    )
    return evaluate([tmp_path / "gold.jsonl"], tmp_path).as_dict()


def test_entities_score_every_label_as_a_pair(scored: dict) -> None:
    ents = scored["entities"]["overall"]
    # system pairs: (Jan de Vries, PER) right, (Jan de Vries, ORG) wrong, (politie, ORG) wrong
    assert (ents["tp"], ents["system"], ents["gold"]) == (1, 3, 3)  # gold incl. missing article
    assert scored["entities"]["by_label"]["ORG"]["gold"] == 1  # the missing article's ORG
    [conflict] = scored["errors"]["entity_label_conflict"]
    assert conflict["name"] == "Jan de Vries" and conflict["gold"] == ["PER"]


def test_claims_source_only_where_gold_names_one(scored: dict) -> None:
    claims = scored["claims"]
    assert (claims["overall"]["tp"], claims["overall"]["system"], claims["overall"]["gold"]) == (
        2,
        2,
        3,
    )
    fields = claims["fields"]
    assert fields["value"]["accuracy"] == 1.0
    assert fields["qualifier"]["right"] == 1  # "200 betogers" exact, gold approx
    # "3 tenten" has a null gold source: its (wrong) system source is not counted
    assert (fields["source"]["right"], fields["source"]["total"]) == (1, 1)
    assert [e["span"] for e in scored["errors"]["claim_missed"]] == ["honderden mensen"]


def test_quotes_by_bucket_with_speaker_rule(scored: dict) -> None:
    quotes = scored["quotes"]["by_kind"]
    assert quotes["direct+partial"]["f1"] == 1.0
    assert (quotes["indirect"]["tp"], quotes["indirect"]["system"]) == (0, 1)
    assert scored["quotes"]["fields"]["speaker (direct+partial)"]["accuracy"] == 1.0
    [missed] = scored["errors"]["quote_missed (indirect)"]
    assert "schat (before)" in missed["cue_words"]
    assert scored["missing_articles"] == ["gone"]


def test_wrong_speaker_is_listed_with_its_resolution_path(tmp_path: Path) -> None:
    gold = {"id": "a1", "entities": [], "claims": [], "quotes": [
        {"span": "er honderden mensen komen", "n": 1, "kind": "indirect",
         "speaker": "Jan de Vries", "cue": "schatten"}]}  # fmt: skip
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    _write(tmp_path, "articles", [{"article_id": "a1", "text": TEXT}])
    _write(tmp_path, "mentions", [])
    _write(tmp_path, "claims", [])
    _write(tmp_path, "quotes", [_sys_quote("er honderden mensen komen", "indirect", "Vriesland")])
    card = evaluate([tmp_path / "gold.jsonl"], tmp_path).as_dict()
    assert card["quotes"]["fields"]["speaker (indirect)"]["accuracy"] == 0.0
    [error] = card["errors"]["quote_speaker"]
    assert (error["system"], error["gold"], error["resolution"]) == (
        "Vriesland",
        "Jan de Vries",
        "explicit",
    )


def test_entities_micro_average_over_articles(tmp_path: Path) -> None:
    golds = [
        {"id": "a1", "entities": [{"name": "Jansen", "label": "PER", "aliases": []}]},
        {"id": "a2", "entities": [
            {"name": f"Stad{i}", "label": "LOC", "aliases": []} for i in range(3)]},
    ]  # fmt: skip
    (tmp_path / "gold.jsonl").write_text(
        "".join(json.dumps(g | {"claims": [], "quotes": []}) + "\n" for g in golds),
        encoding="utf-8",
    )
    _write(tmp_path, "articles", [{"article_id": a, "text": "x"} for a in ("a1", "a2")])
    _write(
        tmp_path,
        "mentions",
        [_mention("E1", "Jansen", "PER"), _mention("E9", "Elders", "LOC", "a2")],
    )
    _write(tmp_path, "claims", [])
    _write(tmp_path, "quotes", [])
    ents = evaluate([tmp_path / "gold.jsonl"], tmp_path).entities
    # micro: 1 right of 2 system, of 4 gold; a macro average would give P 0.5, R 0.5
    assert (ents.precision, ents.recall) == (0.5, 0.25)


def test_cli_writes_error_lists_and_side_by_side(scored: dict, tmp_path: Path) -> None:
    md = tmp_path / "errors.md"
    result = CliRunner().invoke(
        cli.app,
        ["evaluate", "--gold", str(tmp_path / "gold.jsonl"), "--outputs", str(tmp_path),
         "--errors-out", str(md), "--errors", "1"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "quote_missed (indirect)" in result.output
    text = md.read_text(encoding="utf-8")
    assert "## entity_label_conflict (1)" in text and "schat (before)" in text
    rows = side_by_side({"dev": scored, "broad": scored})
    assert rows[0] == ["figure", "dev", "broad"]
    table = to_markdown_table(rows)
    assert "| claims source acc | 1.000 (1/1) | 1.000 (1/1) |" in table
