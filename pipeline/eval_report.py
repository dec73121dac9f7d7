"""Scorecards for people: error counts on the console, gold sets side by side.

``make eval`` scores each gold set on its own (the old dev set of seeds and NOS articles
about IS and politics, and the broad set from every other section) because a figure
averaged over both would hide that the pipeline was tuned on the first. This module puts
the saved scorecards next to each other::

    python -m newsclaims.eval_report dev=build/eval/scorecard_dev.json \\
        broad=build/eval/scorecard_broad.json --md build/eval/scorecards.md
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from newsclaims.eval_errors import CLASSES, Errors, describe, to_json, to_markdown

# (row label, path into a scorecard dict, kind of figure); the figures the brief asks for.
ROWS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("entities P", ("entities", "overall", "precision"), "prf"),
    ("entities R", ("entities", "overall", "recall"), "prf"),
    ("entities F1", ("entities", "overall", "f1"), "prf"),
    ("claims F1", ("claims", "overall", "f1"), "prf"),
    ("claims value acc", ("claims", "fields", "value"), "acc"),
    ("claims qualifier acc", ("claims", "fields", "qualifier"), "acc"),
    ("claims unit acc", ("claims", "fields", "unit"), "acc"),
    ("claims source acc", ("claims", "fields", "source"), "acc"),
    ("quotes direct+partial F1", ("quotes", "by_kind", "direct+partial", "f1"), "prf"),
    ("  speaker acc", ("quotes", "fields", "speaker (direct+partial)"), "acc"),
    ("quotes indirect F1", ("quotes", "by_kind", "indirect", "f1"), "prf"),
    ("  speaker acc", ("quotes", "fields", "speaker (indirect)"), "acc"),
)


def _dig(card: dict[str, Any], path: tuple[str, ...]) -> Any:
    node: Any = card
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def figure(card: dict[str, Any], path: tuple[str, ...], kind: str) -> str:
    """One cell: "0.812" for P/R/F1, "0.812 (65/80)" for an accuracy, "-" when absent."""
    node = _dig(card, path)
    if node is None:
        return "-"
    if kind == "acc":
        return f"{node['accuracy']:.3f} ({node['right']}/{node['total']})"
    return f"{float(node):.3f}"


def side_by_side(cards: dict[str, dict[str, Any]]) -> list[list[str]]:
    """Header row plus one row per figure, one column per named scorecard."""
    rows = [["figure", *cards]]
    rows.append(["articles", *(str(c.get("articles", "-")) for c in cards.values())])
    for label, path, kind in ROWS:
        rows.append([label, *(figure(c, path, kind) for c in cards.values())])
    return rows


def to_markdown_table(rows: list[list[str]]) -> str:
    head, *body = rows
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in body]
    return "\n".join(lines) + "\n"


def error_table(errors: Errors, examples: int = 0) -> Group:
    """Error counts per class, in report order, with what each class means; with
    ``examples``, the first few of each class below it as one line each (a table cell
    would wrap them beyond reading)."""
    table = Table(title="errors by class (--errors-out FILE lists every item)")
    table.add_column("class")
    table.add_column("n", justify="right")
    table.add_column("meaning")
    for kind, _ in errors.ordered():
        table.add_row(kind, str(errors.totals[kind]), CLASSES.get(kind, ""))
    parts: list[Any] = [table]
    for kind, items in errors.ordered() if examples else []:
        parts.append(Text(f"{kind} ({errors.totals[kind]})", style="bold"))
        parts += [Text(f"  - {describe(kind, item)}") for item in items[:examples]]
    return Group(*parts)


def write_errors(errors: Errors, path: Path, title: str) -> None:
    """Markdown for a ``.md`` path, JSON otherwise."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = to_markdown(errors, title) if path.suffix.lower() == ".md" else to_json(errors)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Saved scorecards side by side.")
    parser.add_argument("cards", nargs="+", metavar="NAME=SCORECARD.json")
    parser.add_argument("--md", type=Path, help="Also write the table as Markdown here.")
    args = parser.parse_args(argv)
    cards = {}
    for item in args.cards:
        name, sep, path = item.partition("=")
        if not sep:
            parser.error(f"expected NAME=FILE, got {item!r}")
        cards[name] = json.loads(Path(path).read_text(encoding="utf-8"))
    rows = side_by_side(cards)
    table = Table(title="newsclaims scorecards, gold sets side by side")
    for i, col in enumerate(rows[0]):
        table.add_column(col, justify="left" if i == 0 else "right")
    for row in rows[1:]:
        table.add_row(*row)
    Console().print(table)
    if args.md is not None:
        args.md.parent.mkdir(parents=True, exist_ok=True)
        text = "# newsclaims scorecards\n\n" + to_markdown_table(rows)
        args.md.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
