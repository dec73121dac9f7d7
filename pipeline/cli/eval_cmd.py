"""``newsclaims evaluate`` (spec §4 scorecard against gold) and ``newsclaims numbers``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from newsclaims.cli.common import EXIT_FAILED, JsonOpt, app, common_options, out, say
from newsclaims.tables import write_json_atomic


@app.command()
@common_options
def evaluate(
    gold: Annotated[
        list[Path],
        typer.Option(
            "--gold",
            "-g",
            exists=True,
            dir_okay=False,
            help="Gold JSONL file(s) in the format of the annotation spec; repeatable.",
        ),
    ],
    outputs: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            "--outputs",
            exists=True,
            file_okay=False,
            help="The dataset of a `newsclaims run` over the gold articles (--outputs: the "
            "old name, still accepted).",
        ),
    ] = Path("outputs"),
    json_out: JsonOpt = None,
    show_errors: Annotated[
        int, typer.Option("--errors", min=0, help="Print up to N error examples per failure kind.")
    ] = 0,
    errors_out: Annotated[
        Path | None,
        typer.Option(
            "--errors-out",
            help="Write every error by failure class here: Markdown for .md, else JSON.",
        ),
    ] = None,
) -> None:
    """Score a run's tables against gold answers (spec §4) and print a scorecard."""
    from newsclaims.eval_report import error_table, write_errors
    from newsclaims.evaluate import evaluate as run_evaluation

    try:
        card = run_evaluation(gold, outputs)
    except (FileNotFoundError, KeyError, ValueError) as exc:
        say("error", f"cannot evaluate: {exc}")
        raise typer.Exit(EXIT_FAILED) from exc
    result = card.as_dict()
    _print_scorecard(result)
    out.print(error_table(card.errors, show_errors))
    if errors_out is not None:
        write_errors(card.errors, errors_out, f"errors against {', '.join(card.gold_files)}")
        say("info", f"error lists written to {errors_out}")
    if json_out is not None:
        write_json_atomic(json_out, result)
        say("info", f"scorecard written to {json_out}")


def _print_scorecard(result: dict) -> None:
    table = Table(title=f"newsclaims scorecard ({result['articles']} gold articles)")
    for col in ("what", "precision", "recall", "F1", "tp / system / gold"):
        table.add_column(col, justify="left" if col == "what" else "right")

    def prf_row(name: str, d: dict) -> None:
        table.add_row(
            name,
            f"{d['precision']:.3f}",
            f"{d['recall']:.3f}",
            f"{d['f1']:.3f}",
            f"{d['tp']} / {d['system']} / {d['gold']}",
        )

    prf_row("entities", result["entities"]["overall"])
    for label, d in result["entities"]["by_label"].items():
        prf_row(f"  entities {label}", d)
    prf_row("claims", result["claims"]["overall"])
    for kind, d in result["quotes"]["by_kind"].items():
        prf_row(f"quotes {kind}", d)
    out.print(table)
    acc = Table(title="accuracy over matched pairs")
    acc.add_column("field")
    acc.add_column("accuracy", justify="right")
    acc.add_column("right / total", justify="right")
    for group in ("claims", "quotes"):
        for name, d in result[group]["fields"].items():
            acc.add_row(f"{group}: {name}", f"{d['accuracy']:.3f}", f"{d['right']} / {d['total']}")
    out.print(acc)
    if result["missing_articles"]:
        out.print(
            f"[yellow]{len(result['missing_articles'])} gold articles missing from the "
            f"outputs (counted as misses)[/]"
        )
    if result["unlocated_gold_spans"]:
        out.print(f"[yellow]{result['unlocated_gold_spans']} gold spans not found in the text[/]")


@app.command()
@common_options
def numbers(
    shared: Annotated[
        Path,
        typer.Option(
            "--shared",
            exists=True,
            file_okay=False,
            help="The shared folder holding corpora/recognizers_text_nl.",
        ),
    ] = Path("../shared"),
    json_out: JsonOpt = None,
) -> None:
    """Run Microsoft Recognizers-Text's Dutch number specs through the number parser."""
    from newsclaims.eval_numbers import recognizers_pass_rate

    try:
        result = recognizers_pass_rate(shared)
    except FileNotFoundError as exc:
        say("error", str(exc))
        raise typer.Exit(EXIT_FAILED) from exc
    table = Table(title="number parser on Recognizers-Text Dutch specs")
    for col in ("suite", "passed", "cases", "rate"):
        table.add_column(col, justify="left" if col == "suite" else "right")
    for label, key in (
        ("NumberModel, plain numbers", "number"),
        ("  excluding declared unsupported", "number_supported"),
        ("NumberModel, no number expected", "number_negative"),
        ("NumberRangeModel, two-sided", "range"),
        ("  excluding declared unsupported", "range_supported"),
    ):
        passed, cases = result[f"{key}_passed"], result[f"{key}_cases"]
        table.add_row(label, str(passed), str(cases), f"{passed / cases:.1%}" if cases else "-")
    out.print(table)
    for cls, n in sorted(result["unsupported_by_class"].items()):
        out.print(f"  unsupported by design: {cls} ({n} cases)")
    if json_out is not None:
        write_json_atomic(json_out, result)
