"""``newsclaims.open_dataset``: typed frames from the store, the joins, the Parquet fallback.

The dataset is ``data/`` run through the tiny test pipeline (conftest), so these tests
need no model and take seconds.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

import newsclaims
from newsclaims import frames
from newsclaims.runner import run
from newsclaims.store import Store
from newsclaims.store_schema import STORE_TABLES
from newsclaims.tabledefs import TABLES
from tests.conftest import ROOT, build_tiny_nlp

DATA = ROOT / "data"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("frames") / "out"
    run(DATA, folder, language=build_tiny_nlp())
    return folder


@pytest.fixture(scope="module")
def ds(out: Path) -> frames.Dataset:
    return newsclaims.open_dataset(out)


def _parquet_only(out: Path, target: Path) -> Path:
    shutil.copytree(out, target)
    (target / "newsclaims.duckdb").unlink()
    return target


def test_open_dataset_is_the_public_name(ds: frames.Dataset) -> None:
    assert newsclaims.open_dataset is frames.open_dataset
    assert ds.backend == "duckdb"
    assert ds.names == [*TABLES, *STORE_TABLES]
    assert {"article_entities", "runs"} <= set(ds.names)


@pytest.mark.parametrize("name", [*TABLES, *STORE_TABLES])
def test_every_column_has_the_dtype_of_its_kind(ds: frames.Dataset, name: str) -> None:
    frame = ds.table(name)
    columns = frames.columns_of(name)
    assert list(frame.columns) == [c.name for c in columns]
    categorical = frames.CATEGORICAL.get(name, frozenset())
    assert categorical <= set(frame.columns)  # a renamed column cannot drop out silently
    for c in columns:
        dtype = frame[c.name].dtype
        if c.name in categorical:
            assert isinstance(dtype, pd.CategoricalDtype), c.name
        elif c.type == "string":
            assert isinstance(dtype, pd.StringDtype) and dtype.na_value is pd.NA, c.name
        elif c.type == "integer":
            assert dtype == "Int64", c.name
        elif c.type == "number":
            assert dtype == "Float64", c.name
        elif c.type == "boolean":
            assert dtype == "boolean", c.name
        elif c.type == "date":
            assert dtype == "datetime64[us]", c.name
        elif c.type == "datetime":
            assert str(dtype) == "datetime64[us, UTC]", c.name
        elif c.type == "list":
            assert all(isinstance(v, list) for v in frame[c.name]), c.name
        elif c.type == "object":
            assert all(v is None or isinstance(v, dict | list) for v in frame[c.name]), c.name
        else:
            pytest.fail(f"no expectation for {name}.{c.name} of type {c.type}")


def test_values_survive_the_typing(ds: frames.Dataset) -> None:
    articles = ds.articles.set_index("article_id")
    # a month-only date is the first of the month, and its precision says so
    month = articles.loc["2019-06_stikstof_boeren"]
    assert month["date"] == pd.Timestamp("2019-06-01") and month["date_precision"] == "month"
    day = articles.loc["voorbeeld-001"]
    assert day["date"] == pd.Timestamp("2019-11-05") and day["date_precision"] == "day"
    assert day["published_at"] == pd.Timestamp("2019-11-05 08:12", tz="UTC")
    assert articles.loc["voorbeeld-003", "status"] == "duplicate_of:voorbeeld-002"
    assert articles["text"].str.len().eq(articles["n_chars"]).all()
    # a range keeps its value missing (pd.NA, not NaN) and its bounds filled
    claims = ds.claims.set_index("text")
    span = claims.loc["tussen de 400 en 500 mensen"]
    assert span["value"] is pd.NA and (span["low"], span["high"]) == (400, 500)
    assert span["qualifier"] == "range"
    reject = ds.rejects.iloc[0]
    assert reject["article_id"] == "voorbeeld-004" and "empty body" in reject["reason"]
    run_row = ds.runs.iloc[0]
    assert ds.runs["run_id"].tolist() == [1] and ds.runs["changed"].tolist() == [True]
    assert run_row["counts"]["articles"] == len(articles)
    assert json.dumps(run_row["settings"])  # parsed JSON, plain Python values


def test_claims_with_context(ds: frames.Dataset) -> None:
    claims, joined = ds.claims, ds.claims_with_context()
    assert len(joined) == len(claims) > 0
    assert list(joined["claim_id"]) == list(claims["claim_id"])
    named = joined["source_entity_id"].notna()
    assert named.any() and (~named).any()
    assert joined.loc[named, ["source_entity", "source_label"]].notna().all().all()
    assert joined.loc[~named, "source_entity"].isna().all()
    entities = ds.entities.set_index("entity_id")
    for row in joined[named].itertuples():
        assert row.source_entity == entities.loc[row.source_entity_id, "name"]
    # the article's date and precision (claims.date is the article's date)
    pd.testing.assert_series_equal(joined["article_date"], joined["date"], check_names=False)
    assert isinstance(joined["date_precision"].dtype, pd.CategoricalDtype)
    assert isinstance(joined["source_label"].dtype, pd.CategoricalDtype)
    outlets = set(joined["outlet"].dropna())
    assert outlets == {"voorbeeld"} and joined["input_file"].notna().all()
    assert joined["title"].notna().any()


def test_quotes_with_speaker(ds: frames.Dataset) -> None:
    quotes, joined = ds.quotes, ds.quotes_with_speaker()
    assert len(joined) == len(quotes) > 0
    assert list(joined["quote_id"]) == list(quotes["quote_id"])
    named = joined["speaker_entity_id"].notna()
    assert named.any()
    assert joined.loc[named, ["speaker_entity", "speaker_label"]].notna().all().all()
    assert joined.loc[~named, "speaker_entity"].isna().all()
    assert set(joined.loc[named, "speaker_label"]) <= {"PER", "ORG", "LOC", "MISC"}
    pd.testing.assert_series_equal(joined["article_date"], joined["date"], check_names=False)
    assert joined.loc[joined["article_id"] == "voorbeeld-001", "outlet"].eq("voorbeeld").all()


def test_mentions_with_entity(ds: frames.Dataset) -> None:
    mentions, joined = ds.mentions, ds.mentions_with_entity()
    assert len(joined) == len(mentions) > 0
    assert joined[["catalog_name", "catalog_label", "article_date"]].notna().all().all()
    # a short form in one article is the catalog's full name
    wiebes = joined[joined["text"] == "Wiebes"]
    assert len(wiebes) and set(wiebes["catalog_name"]) == {"Eric Wiebes"}


def test_parquet_fallback_gives_the_same_frames(
    ds: frames.Dataset, out: Path, tmp_path: Path
) -> None:
    parquet = newsclaims.open_dataset(_parquet_only(out, tmp_path / "parquet"))
    assert parquet.backend == "parquet" and parquet.names == list(TABLES)
    for name in TABLES:
        pd.testing.assert_frame_equal(parquet.table(name), ds.table(name), obj=name)
    for join in ("claims_with_context", "quotes_with_speaker", "mentions_with_entity"):
        pd.testing.assert_frame_equal(getattr(parquet, join)(), getattr(ds, join)(), obj=join)
    with pytest.raises(frames.DatasetError, match="only in the store"):
        _ = parquet.runs


def test_a_frame_is_the_callers_own(ds: frames.Dataset) -> None:
    claims = ds.claims
    claims["value"] = 0.0
    del claims["text"]
    assert "text" in ds.claims and ds.claims["value"].isna().any()


def test_a_folder_without_a_dataset(ds: frames.Dataset, tmp_path: Path) -> None:
    with pytest.raises(frames.NoDatasetError, match=r"run `newsclaims run .*` first"):
        newsclaims.open_dataset(DATA)  # the inputs, not a dataset
    with pytest.raises(FileNotFoundError):  # also what a notebook user would catch
        newsclaims.open_dataset(tmp_path / "nowhere")
    with pytest.raises(KeyError, match="no table 'claim'"):
        ds.table("claim")


def test_the_dataset_holds_no_lock_and_sees_new_runs(out: Path, tmp_path: Path) -> None:
    folder = tmp_path / "grow"
    shutil.copytree(out, folder)
    opened = newsclaims.open_dataset(folder)
    assert len(opened.claims) > 0  # read once: the store is open for that read only
    run(DATA, folder, language=build_tiny_nlp())  # changes nothing: same articles
    assert len(opened.quotes) > 0
    extra = tmp_path / "extra.jsonl"
    extra.write_text('{"id": "x1", "text": "Er waren 40 mensen in Zeeland."}\n', "utf-8")
    run(extra, folder, language=build_tiny_nlp())  # a run would fail on a held lock
    with pytest.raises(frames.DatasetError, match="open_dataset again"):
        _ = opened.mentions
    assert "x1" in set(newsclaims.open_dataset(folder).articles["article_id"])


def test_a_store_that_lacks_a_column_says_what_to_do(out: Path, tmp_path: Path) -> None:
    import duckdb

    folder = tmp_path / "old"
    shutil.copytree(out, folder)
    con = duckdb.connect(str(folder / "newsclaims.duckdb"))
    # as if made by a version that kept the claims in a DuckDB table, before `cue`
    con.execute("CREATE TABLE old_claims AS SELECT * EXCLUDE (cue, article_seq) FROM claims")
    con.execute("DROP VIEW claims")
    con.execute("ALTER TABLE old_claims RENAME TO claims")
    con.execute("DELETE FROM store_parts WHERE table_name = 'claims'")
    con.close()
    opened = newsclaims.open_dataset(folder)
    assert len(opened.quotes) > 0  # the other tables still read
    with pytest.raises(frames.DatasetError, match="next `newsclaims run`"):
        _ = opened.claims
    Store(folder).close()  # what a run does first: the table becomes a part, `cue` null
    claims = newsclaims.open_dataset(folder).claims
    assert len(claims) > 0 and claims["cue"].isna().all()
