"""The numbers behind every chart of the report, as plain DataFrame -> DataFrame functions.

Kept apart from drawing so that each aggregation is unit-tested on a tiny dataset with
known answers, and so that the table printed under a chart is exactly what was drawn.
Every function takes the DataFrames of ``report.data.load_tables`` and returns a new
frame sorted deterministically (count descending, then name), never mutating its input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePath

import numpy as np
import pandas as pd

LABELS = ("PER", "ORG", "LOC", "MISC")
SPEAKER_LABELS = ("PER", "ORG")
QUOTE_KINDS = ("direct", "partial", "indirect")
# Hedge classes drawn differently on the claims chart; qualifier -> class.
HEDGES = {
    "exact": "exact",
    "approx": "approx",
    "more_than": "more than",
    "at_least": "more than",
    "less_than": "less than",
    "at_most": "less than",
    "almost": "less than",
    "range": "range",
}
NO_DATE = "no date"


def when(dates: pd.Series) -> pd.Series:
    """ISO dates, partial ones included (2019-10, 2019), as Timestamps; NaT when unusable."""
    text = dates.astype("string").str.slice(0, 10)
    text = text.where(~text.str.fullmatch(r"\d{4}-\d{2}", na=False), text + "-01")
    text = text.where(~text.str.fullmatch(r"\d{4}", na=False), text + "-01-01")
    return pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")


def default_units(claims: pd.DataFrame, n: int = 3) -> list[str]:
    """The n most frequent units of people claims; of all claims when none counts people."""
    usable = claims[claims["unit"].notna()]
    people = usable[usable["category"] == "people"]
    counts = (people if len(people) else usable)["unit"].value_counts()
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [unit for unit, _ in ranked[:n]]


def claims_over_time(
    claims: pd.DataFrame, articles: pd.DataFrame, units: Iterable[str]
) -> pd.DataFrame:
    """One row per claim of the given units: where it goes on the chart and where it is from.

    ``shape`` is point (one value) or bar (a range or vague plural, low to high); ``hedge``
    is the qualifier's class (exact, approx, more than, less than, range).
    """
    units = list(units)
    rows = claims[claims["unit"].isin(units)].copy()
    info = articles[["article_id", "title", "url"]].drop_duplicates("article_id")
    rows = rows.merge(info, on="article_id", how="left")
    rows["when"] = when(rows["date"])
    # links only to web pages: a javascript: or file: URL in the data is shown as text
    rows["url"] = rows["url"].map(_web_page)
    bar = rows["value"].isna() & rows["low"].notna() & rows["high"].notna()
    rows["shape"] = bar.map({True: "bar", False: "point"})
    rows = rows[rows["value"].notna() | bar]
    rows["hedge"] = rows["qualifier"].map(HEDGES).fillna(rows["qualifier"])
    rows["unit"] = pd.Categorical(rows["unit"], categories=units, ordered=True)
    rows = rows.sort_values(["unit", "when", "article_id", "start"], na_position="last")
    columns = ["unit", "when", "date", "value", "low", "high", "shape", "hedge", "qualifier"]
    columns += ["cue", "text", "source", "article_id", "title", "url"]
    out = rows[columns].reset_index(drop=True)
    out["unit"] = out["unit"].astype(str)
    return out


def _web_page(url: object) -> str | None:
    return url if isinstance(url, str) and url.startswith(("http://", "https://")) else None


def _entity_info(entities: pd.DataFrame) -> pd.DataFrame:
    return entities[["entity_id", "name", "label"]].drop_duplicates("entity_id")


def top_speakers(quotes: pd.DataFrame, entities: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    """Most-quoted named people and organisations: quotes by kind, ``top`` per label."""
    named = quotes[quotes["speaker_entity_id"].notna()]
    named = named.merge(_entity_info(entities), left_on="speaker_entity_id", right_on="entity_id")
    named = named[named["label"].isin(SPEAKER_LABELS)]
    counts = (
        named.pivot_table(
            index=["entity_id", "name", "label"], columns="kind", aggfunc="size", fill_value=0
        )
        .reindex(columns=list(QUOTE_KINDS), fill_value=0)
        .reset_index()
    )
    counts.columns.name = None
    counts["total"] = counts[list(QUOTE_KINDS)].sum(axis=1)
    counts["order"] = counts["label"].map(SPEAKER_LABELS.index)  # people first
    counts = counts.sort_values(["order", "total", "name"], ascending=[True, False, True])
    counts = counts.groupby("label", sort=False).head(top)
    return counts[["entity_id", "name", "label", *QUOTE_KINDS, "total"]].reset_index(drop=True)


def speaker_topics(
    quotes: pd.DataFrame,
    mentions: pd.DataFrame,
    entities: pd.DataFrame,
    speaker_ids: Iterable[str],
    per_speaker: int = 5,
) -> pd.DataFrame:
    """For each speaker, the entities named inside their quotes, by number of quotes.

    A mention counts when it lies within the quote's span in the same article; the
    speaker never counts as their own topic.
    """
    ids = list(speaker_ids)
    said = quotes[quotes["speaker_entity_id"].isin(ids)]
    said = said[["quote_id", "article_id", "start", "end", "speaker_entity_id"]]
    inside = said.merge(
        mentions[["article_id", "start", "end", "entity_id"]],
        on="article_id",
        suffixes=("", "_m"),
    )
    inside = inside[
        (inside["start_m"] >= inside["start"])
        & (inside["end_m"] <= inside["end"])
        & (inside["entity_id"] != inside["speaker_entity_id"])
    ]
    pairs = inside.drop_duplicates(["quote_id", "entity_id"])
    counts = pairs.groupby(["speaker_entity_id", "entity_id"]).size().rename("quotes")
    counts = counts.reset_index().merge(_entity_info(entities), on="entity_id")
    order = {sid: i for i, sid in enumerate(ids)}
    counts["order"] = counts["speaker_entity_id"].map(order)
    counts = counts.sort_values(["order", "quotes", "name"], ascending=[True, False, True])
    counts = counts.groupby("speaker_entity_id", sort=False).head(per_speaker)
    return counts[["speaker_entity_id", "entity_id", "name", "label", "quotes"]].reset_index(
        drop=True
    )


def top_entities(entities: pd.DataFrame, top: int = 10) -> pd.DataFrame:
    """The ``top`` most mentioned entities of each label (PER, ORG, LOC, MISC order)."""
    rows = entities[["entity_id", "name", "label", "n_mentions", "n_articles"]].copy()
    rank = {label: i for i, label in enumerate(LABELS)}
    rows["order"] = rows["label"].map(rank).fillna(len(LABELS))
    rows = rows.sort_values(
        ["order", "label", "n_mentions", "n_articles", "name"],
        ascending=[True, True, False, False, True],
    )
    rows = rows.groupby("label", sort=False).head(top)
    return rows.drop(columns="order").reset_index(drop=True)


def cooccurring_pairs(
    mentions: pd.DataFrame, entities: pd.DataFrame, top: int = 15
) -> pd.DataFrame:
    """Entity pairs named in the most articles together, with their Jaccard overlap.

    ``articles`` is the number of articles naming both; ``jaccard`` that number over the
    articles naming either, which tells a real pairing from two entities that are simply
    everywhere.
    """
    seen = mentions[["article_id", "entity_id"]].drop_duplicates()
    columns = ["name_a", "label_a", "name_b", "label_b", "articles", "jaccard"]
    # integer codes: the self-join of a large run has millions of rows
    article, _ = pd.factorize(seen["article_id"])
    entity, ids = pd.factorize(seen["entity_id"])
    coded = pd.DataFrame({"article": article, "entity": entity})
    both = coded.merge(coded, on="article")
    both = both[both["entity_x"] < both["entity_y"]]
    if both.empty:
        return pd.DataFrame({c: [] for c in columns})
    n = len(ids)
    keys, counts = np.unique(
        both["entity_x"].to_numpy(np.int64) * n + both["entity_y"].to_numpy(), return_counts=True
    )
    counted = pd.Series(counts, index=keys)
    counted = counted[counted >= counted.nlargest(top).min()]  # candidates, ties included
    per_entity = np.bincount(entity, minlength=n)
    a, b = counted.index.to_numpy() // n, counted.index.to_numpy() % n
    pairs = pd.DataFrame(
        {"entity_id_a": ids[a], "entity_id_b": ids[b], "articles": counted.to_numpy()}
    )
    union = per_entity[a] + per_entity[b] - pairs["articles"].to_numpy()
    pairs["jaccard"] = (pairs["articles"] / union).round(3)
    info = _entity_info(entities).set_index("entity_id")
    for side in ("a", "b"):
        pairs[f"name_{side}"] = pairs[f"entity_id_{side}"].map(info["name"])
        pairs[f"label_{side}"] = pairs[f"entity_id_{side}"].map(info["label"])
    # name order within a pair, so the same pair reads the same way whatever the ids
    swap = pairs["name_a"] > pairs["name_b"]
    for col in ("name", "label"):
        a, b = pairs[f"{col}_a"].copy(), pairs[f"{col}_b"].copy()
        pairs.loc[swap, f"{col}_a"], pairs.loc[swap, f"{col}_b"] = b[swap], a[swap]
    pairs = pairs.sort_values(
        ["articles", "jaccard", "name_a", "name_b"], ascending=[False, False, True, True]
    ).head(top)
    return pairs[columns].reset_index(drop=True)


def source_name(articles: pd.DataFrame) -> pd.Series:
    """Where an article comes from: its own publisher field, else the folder of a one-article
    file (a .txt folder is one source), else the input file's name."""
    path = articles["source"].astype(str)
    folder = path.map(lambda p: str(PurePath(p).parent) if PurePath(p).parent.name else p)
    fallback = folder.where(articles["record"] == "file", path.map(lambda p: PurePath(p).name))
    return articles["publisher"].where(articles["publisher"].notna(), fallback)


def articles_per_source(articles: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    """Articles read per source: analysed and duplicates; sources past ``top`` as 'other'."""
    rows = pd.DataFrame({"source": source_name(articles), "duplicate": articles["status"] != "ok"})
    counts = rows.groupby("source")["duplicate"].agg(total="size", duplicates="sum")
    counts["analysed"] = counts["total"] - counts["duplicates"]
    counts = counts.reset_index().sort_values(["total", "source"], ascending=[False, True])
    if len(counts) > top:
        rest = counts.iloc[top - 1 :]
        other = {"source": f"other ({len(rest)} sources)"}
        other.update({c: int(rest[c].sum()) for c in ("total", "duplicates", "analysed")})
        counts = pd.concat([counts.iloc[: top - 1], pd.DataFrame([other])])
    return counts[["source", "analysed", "duplicates", "total"]].reset_index(drop=True)


def articles_per_month(articles: pd.DataFrame) -> pd.DataFrame:
    """Analysed articles per publication month, gaps filled with 0; undated ones last."""
    ok = articles[articles["status"] == "ok"]
    dates = when(ok["date"])
    months = dates.dt.to_period("M").dropna()
    counts = months.value_counts()
    rows: list[dict[str, object]] = []
    if len(counts):
        span = pd.period_range(counts.index.min(), counts.index.max(), freq="M")
        rows = [{"month": str(p), "articles": int(counts.get(p, 0))} for p in span]
    undated = int(dates.isna().sum())
    if undated:
        rows.append({"month": NO_DATE, "articles": undated})
    return pd.DataFrame(rows, columns=["month", "articles"])


def reason_kind(reason: str) -> str:
    """A reject reason or warning without its particulars (quoted names, numbers)."""
    kind = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", str(reason))
    return re.sub(r"\d+", "N", kind)


def _by_kind(texts: pd.Series, examples: pd.Series, column: str) -> pd.DataFrame:
    if texts.empty:
        return pd.DataFrame({c: [] for c in (column, "count", "example")})
    rows = pd.DataFrame({column: texts.map(reason_kind), "example": examples})
    counts = rows.groupby(column).agg(count=("example", "size"), example=("example", "first"))
    counts = counts.reset_index().sort_values(["count", column], ascending=[False, True])
    return counts[[column, "count", "example"]].reset_index(drop=True)


def rejects_by_reason(rejects: pd.DataFrame) -> pd.DataFrame:
    """Rejected records by kind of reason, with one example (source, record) each."""
    where = rejects["source"].astype(str) + " " + rejects["record"].astype(str)
    return _by_kind(rejects["reason"], where, "reason")


def warnings_by_kind(articles: pd.DataFrame) -> pd.DataFrame:
    """Article warnings (unparseable dates, renamed ids, ...) by kind, one example each."""
    rows = articles[["article_id", "warnings"]].explode("warnings").dropna(subset=["warnings"])
    example = rows["article_id"].astype(str) + ": " + rows["warnings"].astype(str)
    return _by_kind(rows["warnings"], example, "warning")
