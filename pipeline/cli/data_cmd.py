"""Commands over a dataset: ``newsclaims sql``, ``schema`` and ``report``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from newsclaims.cli.common import (
    EXIT_FAILED,
    EXIT_USAGE,
    app,
    common_options,
    out,
    out_option,
    say,
)


@app.command()
@common_options
def sql(
    query: Annotated[str, typer.Argument(help='SQL, e.g. "SELECT * FROM claims_in_context".')],
    out_dir: Annotated[Path, out_option("The dataset folder.")] = Path("outputs"),
    fmt: Annotated[str, typer.Option("--format", "-F", help="table, csv or jsonl.")] = "table",
    max_rows: Annotated[int, typer.Option("--max-rows", min=1, help="Rows in a table.")] = 50,
) -> None:
    """Answer a question straight from the dataset (its DuckDB file, opened read-only):
    the tables, runs and the views listed in SCHEMA.md."""
    from newsclaims.ask import QueryError, ask
    from newsclaims.exports import QUERY_FORMATS, plain, write_query_result

    if fmt not in ("table", *QUERY_FORMATS):
        raise typer.BadParameter("use table, csv or jsonl", param_hint="--format")
    try:
        names, rows = ask(out_dir, query)
    except (FileNotFoundError, QueryError) as exc:
        say("error", str(exc))
        raise typer.Exit(
            EXIT_USAGE if isinstance(exc, FileNotFoundError) else EXIT_FAILED
        ) from None
    if fmt != "table":
        write_query_result(names, rows, fmt, sys.stdout)
        return
    table = Table(*names)
    for row in rows[:max_rows]:
        table.add_row(*("" if v is None else str(plain(v)) for v in row))
    out.print(table)
    if len(rows) > max_rows:
        say("info", f"{len(rows)} rows, {max_rows} shown (--max-rows, or --format csv)")


@app.command()
@common_options
def schema() -> None:
    """Print the documentation of every output table (the SCHEMA.md written with them)."""
    from newsclaims.tables import schema_markdown

    sys.stdout.write(schema_markdown())  # plain: rich would wrap the Markdown tables


@app.command()
@common_options
def report(
    out_dir: Annotated[Path, out_option("The dataset folder.")] = Path("outputs"),
    html: Annotated[
        Path | None, typer.Option("--html", help="Write the page here (default: OUT/report.html).")
    ] = None,
    unit: Annotated[
        list[str] | None,
        typer.Option(
            "--unit",
            "-u",
            help="Unit of the claims over time (lemma: strijder, euro); repeatable. "
            "Default: the most frequent people units.",
        ),
    ] = None,
    top: Annotated[
        int, typer.Option("--top", min=1, help="Speakers per label, pairs, sources shown.")
    ] = 15,
) -> None:
    """One offline HTML page of the dataset: claims over time, speakers, entities, the run."""
    from newsclaims.report import INSTALL_HINT, missing_dependency

    if missing_dependency():
        say("error", f"the report needs {missing_dependency()}: {INSTALL_HINT}")
        raise typer.Exit(EXIT_USAGE)
    from newsclaims.report.data import DatasetError
    from newsclaims.report.render import Options, build_report

    try:
        made = build_report(out_dir, html, Options(units=list(unit or []), top=top))
    except DatasetError as exc:
        say("error", str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    say(
        "info",
        f"report of {out_dir} ({', '.join(made.units) or 'no'} claims units) in "
        f"{made.seconds:.1f}s, {made.bytes / 1024:,.0f} KiB -> {made.path}",
    )
