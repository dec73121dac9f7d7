"""The numbers behind each chart of the report, on a tiny hand-made dataset with known answers.

The frames follow docs/SCHEMA.md (only the columns the aggregations read); every expected
value below can be counted by eye from the rows in this file.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from newsclaims.report import aggregate as agg

NAN = math.nan


def articles() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article_id": ["a1", "a2", "a3", "a4", "a5"],
            "source": [
                "in/nos.jsonl",
                "in/nos.jsonl",
                "in/seeds/x.txt",
                "in/seeds/y.txt",
                "in/nos.jsonl",
            ],
            "record": ["line 1", "line 2", "file", "file", "line 3"],
            "publisher": ["nos.nl", None, None, None, "nos.nl"],
            "date": ["2014-09-12", "2014-11", None, "2015-01-03T10:00:00+01:00", "2014-09-12"],
            "title": ["Eén", "Twee", None, "Vier", "Eén"],
            "url": ["http://x/1", None, None, None, None],
            "status": ["ok", "ok", "ok", "ok", "duplicate_of:a1"],
            "warnings": [[], ["date 'gisteren' unparseable; date left empty"], [], [], []],
        }
    )


def entities() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "entity_id": ["E1", "E2", "E3", "E4", "E5"],
            "name": ["Rutte", "IS", "Syrië", "NOS", "Irak"],
            "label": ["PER", "ORG", "LOC", "ORG", "LOC"],
            "n_mentions": [5, 7, 3, 1, 3],
            "n_articles": [2, 3, 2, 1, 1],
        }
    )


def mentions() -> pd.DataFrame:
    rows = [  # article, entity, start, end
        ("a1", "E1", 0, 5),
        ("a1", "E2", 20, 22),
        ("a1", "E3", 30, 35),
        ("a1", "E3", 90, 95),
        ("a2", "E2", 10, 12),
        ("a2", "E3", 40, 45),
        ("a3", "E2", 3, 5),
        ("a3", "E1", 50, 55),
        ("a3", "E5", 60, 64),
    ]
    return pd.DataFrame(rows, columns=["article_id", "entity_id", "start", "end"])


def quotes() -> pd.DataFrame:
    rows = [  # id, article, start, end, kind, speaker entity
        ("q1", "a1", 15, 40, "direct", "E1"),  # names IS (E2) and Syrië (E3)
        ("q2", "a2", 5, 50, "indirect", "E1"),  # names IS and Syrië
        ("q3", "a3", 0, 10, "partial", "E1"),  # names IS
        ("q4", "a3", 45, 70, "direct", "E4"),  # names Rutte (E1) and Irak (E5)
        ("q5", "a1", 80, 99, "indirect", "E3"),  # a LOC speaker: not a person or org
        ("q6", "a2", 0, 3, "direct", None),  # unnamed speaker
        ("q7", "a3", 48, 56, "indirect", "E1"),  # names only the speaker himself
    ]
    return pd.DataFrame(
        rows, columns=["quote_id", "article_id", "start", "end", "kind", "speaker_entity_id"]
    )


def claims() -> pd.DataFrame:
    rows = [  # article, start, unit, category, value, low, high, qualifier, date
        ("a1", 1, "strijder", "people", 1000.0, NAN, NAN, "approx", "2014-09-12"),
        ("a2", 1, "strijder", "people", NAN, 20.0, 99.0, "approx", "2014-11"),
        ("a2", 2, "strijder", "people", NAN, 200.0, 300.0, "range", "2014-11"),
        ("a4", 1, "strijder", "people", 500.0, NAN, NAN, "more_than", "2015-01-03"),
        ("a3", 1, "strijder", "people", 40.0, NAN, NAN, "almost", None),
        ("a1", 2, "euro", "money", 5.0, NAN, NAN, "exact", "2014-09-12"),
        ("a1", 3, "vluchteling", "people", 10.0, NAN, NAN, "exact", "2014-09-12"),
        ("a1", 4, "strijder", "people", NAN, NAN, NAN, "exact", "2014-09-12"),  # no number
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "article_id",
            "start",
            "unit",
            "category",
            "value",
            "low",
            "high",
            "qualifier",
            "date",
        ],
    )
    frame["cue"] = None
    frame["text"] = "t"
    frame["source"] = None
    return frame


def test_when_reads_full_partial_and_timestamped_dates() -> None:
    got = agg.when(
        pd.Series(["2014-09-12", "2014-11", "2015", "2015-01-03T10:00:00+01:00", None, "x"])
    )
    assert [str(d.date()) if not pd.isna(d) else None for d in got] == [
        "2014-09-12",
        "2014-11-01",
        "2015-01-01",
        "2015-01-03",
        None,
        None,
    ]


def test_default_units_are_the_most_frequent_people_units() -> None:
    assert agg.default_units(claims(), 2) == ["strijder", "vluchteling"]
    money_only = claims().assign(category="money")
    assert agg.default_units(money_only, 1) == ["strijder"]  # no people: all claims
    assert agg.default_units(claims().iloc[0:0]) == []


def test_claims_over_time_points_bars_and_hedges() -> None:
    got = agg.claims_over_time(claims(), articles(), ["strijder"])
    # the claim without a number is dropped; dated claims by date, the undated one last
    assert got["article_id"].tolist() == ["a1", "a2", "a2", "a4", "a3"]
    assert got["shape"].tolist() == ["point", "bar", "bar", "point", "point"]
    assert got["hedge"].tolist() == ["approx", "approx", "range", "more than", "less than"]
    assert got.loc[1, ["low", "high"]].tolist() == [20.0, 99.0]
    assert str(got.loc[1, "when"].date()) == "2014-11-01"
    assert pd.isna(got.loc[4, "when"])
    assert got.loc[0, "url"] == "http://x/1" and got.loc[0, "title"] == "Eén"


def test_claims_over_time_links_only_web_pages() -> None:
    sly = articles().assign(url=["javascript:alert(1)", "https://x/2", None, "file:///etc", None])
    got = agg.claims_over_time(claims(), sly, ["strijder"])
    urls = got["url"].tolist()
    assert pd.isna(urls[0]) and urls[1:3] == ["https://x/2", "https://x/2"]
    assert pd.isna(urls[3])  # file:


def test_claims_over_time_keeps_the_order_of_the_units_asked_for() -> None:
    got = agg.claims_over_time(claims(), articles(), ["vluchteling", "strijder"])
    assert got["unit"].tolist()[0] == "vluchteling"
    assert set(got["unit"]) == {"vluchteling", "strijder"}


def test_top_speakers_counts_kinds_of_named_people_and_orgs() -> None:
    got = agg.top_speakers(quotes(), entities())
    assert got["name"].tolist() == ["Rutte", "NOS"]  # Syrië is a LOC, q6 has no entity
    rutte = got.iloc[0]
    assert (rutte["direct"], rutte["partial"], rutte["indirect"], rutte["total"]) == (1, 1, 2, 4)
    assert got.iloc[1][["direct", "total"]].tolist() == [1, 1]
    assert agg.top_speakers(quotes(), entities(), top=1)["label"].tolist() == ["PER", "ORG"]


def test_speaker_topics_are_entities_inside_their_quotes() -> None:
    got = agg.speaker_topics(quotes(), mentions(), entities(), ["E1", "E4"])
    rutte = got[got["speaker_entity_id"] == "E1"]
    assert list(zip(rutte["name"], rutte["quotes"], strict=True)) == [("IS", 3), ("Syrië", 2)]
    nos = got[got["speaker_entity_id"] == "E4"]
    assert list(zip(nos["name"], nos["quotes"], strict=True)) == [("Irak", 1), ("Rutte", 1)]
    assert agg.speaker_topics(quotes(), mentions(), entities(), ["E1"], 1)["name"].tolist() == [
        "IS"
    ]


def test_top_entities_per_label_in_label_order() -> None:
    got = agg.top_entities(entities(), top=1)
    assert list(zip(got["label"], got["name"], strict=True)) == [
        ("PER", "Rutte"),
        ("ORG", "IS"),
        ("LOC", "Syrië"),  # ties with Irak on mentions, named in more articles
    ]


def test_cooccurring_pairs_by_shared_articles_with_jaccard() -> None:
    got = agg.cooccurring_pairs(mentions(), entities())
    first = got.iloc[0]
    # IS+Syrië in a1, a2; IS+Rutte in a1, a3; IS is in 3 articles, Syrië in 2, Rutte in 2
    assert got[["name_a", "name_b", "articles"]].head(2).values.tolist() == [
        ["IS", "Rutte", 2],
        ["IS", "Syrië", 2],
    ]
    assert first["jaccard"] == pytest.approx(2 / 3, abs=1e-3)
    assert len(got) == 5  # a1: 3 pairs; a3: 3 pairs, one of them (IS, Rutte) shared
    assert agg.cooccurring_pairs(mentions().iloc[:1], entities()).empty


def test_articles_per_source_publisher_then_folder_then_file() -> None:
    got = agg.articles_per_source(articles())
    assert got.values.tolist() == [
        ["in/seeds", 2, 0, 2],  # ties with nos.nl on total: by name
        ["nos.nl", 1, 1, 2],
        ["nos.jsonl", 1, 0, 1],
    ]
    capped = agg.articles_per_source(articles(), top=2)
    assert capped["source"].tolist() == ["in/seeds", "other (2 sources)"]
    assert capped.iloc[1]["total"] == 3


def test_articles_per_month_fills_gaps_and_counts_undated() -> None:
    got = agg.articles_per_month(articles())
    assert got.values.tolist() == [
        ["2014-09", 1],
        ["2014-10", 0],
        ["2014-11", 1],
        ["2014-12", 0],
        ["2015-01", 1],
        [agg.NO_DATE, 1],
    ]


def test_rejects_by_reason_groups_particulars() -> None:
    rejects = pd.DataFrame(
        {
            "source": ["a.jsonl", "a.jsonl", "b.csv"],
            "record": ["line 3", "line 9", "row 2"],
            "reason": [
                "invalid JSON at character 17",
                "invalid JSON at character 4",
                "empty body (no text)",
            ],
        }
    )
    got = agg.rejects_by_reason(rejects)
    assert got.values.tolist() == [
        ["invalid JSON at character N", 2, "a.jsonl line 3"],
        ["empty body (no text)", 1, "b.csv row 2"],
    ]
    assert agg.rejects_by_reason(rejects.iloc[0:0]).empty


def test_warnings_by_kind() -> None:
    got = agg.warnings_by_kind(articles())
    assert got["warning"].tolist() == ["date '…' unparseable; date left empty"]
    assert got["count"].tolist() == [1]
    assert got["example"].tolist()[0].startswith("a2: ")
