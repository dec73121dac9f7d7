"""Assemble the report: tables -> aggregations -> SVG charts -> one HTML page (Jinja2).

The page is a template (``template.html.j2``) filled with plain dicts and lists, so the
layout can change without touching the numbers; the charts arrive as finished ``<svg>``
elements and are the only markup marked safe, everything from the dataset is escaped.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd

from newsclaims import __version__
from newsclaims.report import aggregate as agg
from newsclaims.report import charts
from newsclaims.report.data import load_manifest, load_tables

CLAIM_ROWS = 200  # rows of a unit's claims table; the chart always shows every claim
KIND_ROWS = 30  # rows of the reject and warning tables
TABLES = ("articles", "entities", "mentions", "claims", "quotes", "rejects")  # no sentences


@dataclass
class Options:
    """What the reader chose; written at the top of the page."""

    units: list[str] = field(default_factory=list)  # empty: the most frequent people units
    n_units: int = 3
    top: int = 15
    per_label: int = 10


@dataclass
class Report:
    path: Path
    seconds: float
    bytes: int
    units: list[str]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _num(value: Any) -> str:
    """1,200,000 / 0.33 / 1,234.5: whole numbers without decimals, others with up to two."""
    if _blank(value):
        return ""
    value = float(value)
    if value.is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _text(value: Any) -> str:
    return "" if _blank(value) else str(value)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: "" if _blank(v) else v for k, v in r.items()} for r in frame.to_dict("records")]


def _claims_section(tables: dict[str, pd.DataFrame], opts: Options) -> dict[str, Any]:
    chosen = bool(opts.units)
    units = opts.units or agg.default_units(tables["claims"], opts.n_units)
    rows = agg.claims_over_time(tables["claims"], tables["articles"], units)
    panels = []
    for i, unit in enumerate(units):
        part = rows[rows["unit"] == unit]
        table = [
            {
                "date": _text(r.date) or agg.NO_DATE,
                "value": _num(r.value) if r.shape == "point" else f"{_num(r.low)}–{_num(r.high)}",
                "hedge": r.hedge,
                "cue": _text(r.cue),
                "text": r.text,
                "source": _text(r.source) or "(the article)",
                "title": _text(r.title) or r.article_id,
                "article_id": r.article_id,
                "url": _text(r.url),
            }
            for r in part.head(CLAIM_ROWS).itertuples()
        ]
        panels.append(
            {
                "unit": unit,
                "svg": charts.claims_chart(part, unit, f"claims-{i}"),
                "rows": table,
                "total": len(part),
            }
        )
    how = "chosen with --unit" if chosen else f"the {opts.n_units} most frequent people units"
    return {"units": units, "how": how, "panels": panels}


def _speakers_section(tables: dict[str, pd.DataFrame], opts: Options) -> dict[str, Any]:
    top = agg.top_speakers(tables["quotes"], tables["entities"], opts.top)
    topics = agg.speaker_topics(
        tables["quotes"], tables["mentions"], tables["entities"], top["entity_id"]
    )
    about = {
        sid: ", ".join(f"{r.name} ({r.quotes})" for r in group.itertuples())
        for sid, group in topics.groupby("speaker_entity_id", sort=False)
    }
    groups = []
    for label, title in (("PER", "People"), ("ORG", "Organisations")):
        part = top[top["label"] == label]
        series = {kind: part[kind].tolist() for kind in agg.QUOTE_KINDS}
        svg = charts.hbar(
            part["name"].tolist(),
            series,
            f"{title}: most quoted",
            f"speakers-{label}",
            colours=charts.KIND_COLOURS,
            xlabel="quotes",
        )
        rows = [dict(r, about=about.get(r["entity_id"], "")) for r in _records(part)]
        groups.append({"label": label, "title": title, "svg": svg, "rows": rows})
    return {"groups": groups}


def _entities_section(tables: dict[str, pd.DataFrame], opts: Options) -> dict[str, Any]:
    top = agg.top_entities(tables["entities"], opts.per_label)
    panels = []
    for label in [*agg.LABELS, *sorted(set(top["label"]) - set(agg.LABELS))]:
        part = top[top["label"] == label]
        if part.empty:
            continue
        svg = charts.hbar(
            part["name"].tolist(),
            {"mentions": part["n_mentions"].tolist()},
            f"{label}: most mentioned",
            f"entities-{label}",
            xlabel="mentions",
        )
        panels.append({"label": label, "svg": svg, "rows": _records(part)})
    pairs = agg.cooccurring_pairs(tables["mentions"], tables["entities"], opts.top)
    names = [f"{r.name_a} + {r.name_b}" for r in pairs.itertuples()]
    pairs_svg = charts.hbar(
        names,
        {"articles": pairs["articles"].tolist()},
        "Named together in the most articles",
        "pairs",
        xlabel="articles naming both",
    )
    return {"panels": panels, "pairs_svg": pairs_svg, "pairs": _records(pairs)}


def _run_section(
    tables: dict[str, pd.DataFrame], manifest: dict[str, Any], opts: Options
) -> dict[str, Any]:
    sources = agg.articles_per_source(tables["articles"], opts.top)
    months = agg.articles_per_month(tables["articles"])
    rejects = agg.rejects_by_reason(tables["rejects"])
    warnings = agg.warnings_by_kind(tables["articles"])
    counts = manifest.get("counts", {})
    return {
        "counts": counts,
        "sources_svg": charts.hbar(
            sources["source"].tolist(),
            {
                "analysed": sources["analysed"].tolist(),
                "duplicates": sources["duplicates"].tolist(),
            },
            "Articles per source",
            "sources",
            colours={"analysed": charts.BAR_COLOUR, "duplicates": "#b0b0b0"},
            xlabel="articles",
        ),
        "sources": _records(sources),
        "months_svg": charts.columns(
            months["month"].tolist(),
            months["articles"].tolist(),
            "Analysed articles per month",
            "months",
        ),
        "months": _records(months),
        "rejects_svg": charts.hbar(
            rejects["reason"].head(KIND_ROWS).tolist(),
            {"records": rejects["count"].head(KIND_ROWS).tolist()},
            f"Rejected records by reason ({int(rejects['count'].sum())})",
            "rejects",
            colours={"records": "#c0392b"},
            xlabel="records",
        ),
        "rejects": _records(rejects.head(KIND_ROWS)),
        "warnings_svg": charts.hbar(
            warnings["warning"].head(KIND_ROWS).tolist(),
            {"articles": warnings["count"].head(KIND_ROWS).tolist()},
            f"Warnings by kind ({int(warnings['count'].sum())})",
            "warnings",
            colours={"articles": "#e07b00"},
            xlabel="warnings",
        ),
        "warnings": _records(warnings.head(KIND_ROWS)),
    }


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("newsclaims.report", ""),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["num"] = _num
    return env


def render(out: Path, opts: Options | None = None) -> tuple[str, list[str]]:
    """The report page for the dataset in ``out``, and the units it shows."""
    opts = opts or Options()
    out = Path(out)
    tables = load_tables(out, TABLES)
    manifest = load_manifest(out)
    claims = _claims_section(tables, opts)
    analysed = int((tables["articles"]["status"] == "ok").sum())
    dates = agg.when(tables["articles"]["date"]).dropna()
    context = {
        "version": __version__,
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "dataset": str(out),
        "manifest": manifest,
        "sizes": {name: len(frame) for name, frame in tables.items()},
        "analysed": analysed,
        "period": (
            f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else agg.NO_DATE
        ),
        "filters": [
            ("claims units", f"{', '.join(claims['units']) or '(none)'} ({claims['how']})"),
            ("claims per table", f"the first {CLAIM_ROWS} by date (the chart shows all)"),
            ("speakers", f"named people and organisations, top {opts.top} per label"),
            ("entities", f"top {opts.per_label} per label; top {opts.top} pairs"),
            ("articles", "all articles of the dataset; duplicates counted, not analysed"),
        ],
        "claims": claims,
        "speakers": _speakers_section(tables, opts),
        "entities": _entities_section(tables, opts),
        "run": _run_section(tables, manifest, opts),
    }
    return _environment().get_template("template.html.j2").render(**context), claims["units"]


def build_report(out: Path, html: Path | None = None, opts: Options | None = None) -> Report:
    """Write the report of the dataset in ``out`` to ``html`` (default ``out/report.html``)."""
    started = time.perf_counter()
    page, units = render(out, opts)
    target = Path(html) if html is not None else Path(out) / "report.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.write_text(page, encoding="utf-8")
    partial.replace(target)
    return Report(target, time.perf_counter() - started, target.stat().st_size, units)
