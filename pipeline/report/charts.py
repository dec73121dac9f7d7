"""Charts as static SVG text, drawn with matplotlib, to be inlined into the report page.

Why matplotlib SVG: the report must open offline, years later, from one file. A static
SVG needs no script at view time (nothing to inline, nothing that can fail in the browser,
no console errors), prints and zooms sharply, and with text kept as text
(``svg.fonttype = none``) a chart is 10-40 kB. Vega-Lite or Plotly would need their
runtime (~0.5-3.5 MB of JavaScript) inlined into every report for hover tooltips that
the tables under each chart already give. matplotlib is a single, widely packaged wheel,
so it is an optional extra (``newsclaims[report]``) rather than a core dependency.

Each function takes the frame of one ``report.aggregate`` function and returns
``<svg ...>...</svg>``; figures are built with ``matplotlib.figure.Figure`` (no pyplot
global state), and every element id is prefixed with the chart's name so that inlined
SVGs never share one.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence

import matplotlib
import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

WIDTH = 7.6  # inches; the page column is about 740 px wide
STYLE = {
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Helvetica", "Arial"],
    "font.size": 8.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#888888",
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "xtick.color": "#444444",
    "ytick.color": "#444444",
    "text.parse_math": False,  # a $ in a name is a dollar, not mathtext
}
HEDGE_STYLE = {  # class -> (colour, marker); ranges are drawn as bars
    "exact": ("#1b6ca8", "o"),
    "approx": ("#e07b00", "D"),
    "more than": ("#2a9d3f", "^"),
    "less than": ("#c0392b", "v"),
    "range": ("#7b4fa0", "s"),
}
KIND_COLOURS = {"direct": "#1b6ca8", "partial": "#6fa8dc", "indirect": "#e07b00"}
BAR_COLOUR = "#1b6ca8"
_DECIMALS = re.compile(r"(\d\.\d\d)\d+")


def _number(value: float, _pos: object = None) -> str:
    if value == 0 or not math.isfinite(value):
        return "0"
    if abs(value) >= 1e9:
        return f"{value / 1e9:g} mld"
    if abs(value) >= 1e6:
        return f"{value / 1e6:g} mln"
    return f"{value:,.0f}" if abs(value) >= 1 else f"{value:g}"


def to_svg(fig: Figure, salt: str) -> str:
    """The figure as an inline ``<svg>`` element: no XML prologue, no metadata block."""
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": salt, **STYLE}):
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    # matplotlib numbers its element ids per figure (figure_1, axes_1): prefix them, and
    # the references to them, with the chart's name so that ids are unique in the page
    text = re.sub(r'\bid="([^"]+)"', rf'id="{salt}-\1"', text)
    text = re.sub(r'(url\(#|href="#)([^")]+)', rf"\1{salt}-\2", text)
    # coordinates to 1/100 pt (matplotlib writes six decimals): a third less to download
    text = re.sub(r"<[^>]+>", lambda tag: _DECIMALS.sub(r"\1", tag.group(0)), text)
    return text.replace("<svg ", f'<svg role="img" aria-label="{salt}" ', 1)


def _figure(height: float) -> Figure:
    with matplotlib.rc_context(STYLE):
        return Figure(figsize=(WIDTH, height))


def _empty(ax: object, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", color="#666666", transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])


def claims_chart(rows: pd.DataFrame, unit: str, salt: str) -> str:
    """Claims of one unit on a date axis: points at their value, ranges and vague plurals
    as bars from low to high, colour and marker by hedge; log scale over wide spans."""
    with matplotlib.rc_context(STYLE):
        fig = _figure(3.1)
        ax = fig.add_subplot()
        dated = rows[rows["when"].notna()]
        undated = len(rows) - len(dated)
        title = f"{unit}: {len(rows)} claim{'' if len(rows) == 1 else 's'}"
        if undated:
            title += f" ({undated} without a date, not drawn)"
        ax.set_title(title)
        if dated.empty:
            _empty(ax, "no dated claims for this unit")
            return to_svg(fig, salt)
        seen: set[str] = set()
        for hedge, (colour, marker) in HEDGE_STYLE.items():
            part = dated[dated["hedge"] == hedge]
            points, bars = part[part["shape"] == "point"], part[part["shape"] == "bar"]
            label = hedge if len(part) else None
            if len(points):
                dots = ax.scatter(
                    points["when"],
                    points["value"],
                    s=26,
                    marker=marker,
                    color=colour,
                    edgecolor="white",
                    linewidth=0.5,
                    zorder=3,
                    label=label,
                )
                dots.set_urls(_urls(points))  # a click on a claim opens its article
                seen.add(hedge)
            if len(bars):
                lines = ax.vlines(
                    bars["when"],
                    bars["low"],
                    bars["high"],
                    color=colour,
                    linewidth=3,
                    alpha=0.65,
                    zorder=2,
                    label=None if hedge in seen else label,
                )
                lines.set_urls(_urls(bars))
                for end in ("low", "high"):  # caps, so that a narrow range stays visible
                    ax.scatter(bars["when"], bars[end], s=30, marker="_", color=colour, zorder=2)
                seen.add(hedge)
        values = pd.concat([dated["value"], dated["low"], dated["high"]]).dropna()
        positive = values[values > 0]
        if len(positive) == len(values) and positive.max() / positive.min() >= 100:
            ax.set_yscale("log")
        ax.yaxis.set_major_formatter(FuncFormatter(_number))
        ax.set_ylabel(unit)
        first, last = dated["when"].min(), dated["when"].max()
        if first == last:
            ax.set_xlim(first - pd.Timedelta(days=30), last + pd.Timedelta(days=30))
        locator = mdates.AutoDateLocator(maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, title="hedge")
        return to_svg(fig, salt)


def hbar(
    labels: Sequence[str],
    series: dict[str, Sequence[float]],
    title: str,
    salt: str,
    colours: dict[str, str] | None = None,
    xlabel: str = "",
) -> str:
    """Horizontal bars, the first label on top; several series are stacked with a legend."""
    n = max(len(labels), 1)
    with matplotlib.rc_context(STYLE):
        fig = _figure(0.55 + 0.2 * n if len(labels) else 0.8)
        ax = fig.add_subplot()
        ax.set_title(title)
        if not len(labels):
            _empty(ax, "nothing to show")
            return to_svg(fig, salt)
        positions = list(range(len(labels)))[::-1]
        left = [0.0] * len(labels)
        for name, values in series.items():
            colour = (colours or {}).get(name, BAR_COLOUR)
            ax.barh(positions, values, left=left, color=colour, height=0.7, label=name)
            left = [a + b for a, b in zip(left, values, strict=True)]
        ax.set_yticks(positions, [_short(label) for label in labels])
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.set_major_formatter(FuncFormatter(_number))
        ax.set_ylim(-0.6, len(labels) - 0.4)
        ax.set_xlabel(xlabel)
        ax.tick_params(axis="y", length=0)
        ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
        ax.set_axisbelow(True)
        if len(series) > 1:
            ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        return to_svg(fig, salt)


def columns(labels: Sequence[str], values: Sequence[float], title: str, salt: str) -> str:
    """Vertical bars over ordered categories (months); long axes get every n-th label."""
    with matplotlib.rc_context(STYLE):
        fig = _figure(2.4)
        ax = fig.add_subplot()
        ax.set_title(title)
        if not len(labels):
            _empty(ax, "nothing to show")
            return to_svg(fig, salt)
        positions = list(range(len(labels)))
        ax.bar(positions, values, color=BAR_COLOUR, width=0.8)
        step = max(1, math.ceil(len(labels) / 16))
        ax.set_xticks(positions[::step], list(labels)[::step], rotation=45, ha="right")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)
        ax.set_axisbelow(True)
        return to_svg(fig, salt)


def _urls(rows: pd.DataFrame) -> list[str | None]:
    return [url if isinstance(url, str) and url else None for url in rows["url"]]


def _short(label: str, limit: int = 42) -> str:
    label = str(label)
    return label if len(label) <= limit else label[: limit - 1] + "…"
