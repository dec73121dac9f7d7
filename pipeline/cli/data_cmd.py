"""Commands over a dataset: ``newsclaims sql``, ``schema``, ``report`` and ``compact``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from newsclaims.cli.common import (
    EXIT_FAILED,
    EXIT_LOCKED,
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


@app.command()
@common_options
def compact(
    out_dir: Annotated[Path, out_option("The dataset folder.")] = Path("outputs"),
) -> None:
    """Rewrite the dataset's Parquet parts as one file per table, without the rows later
    runs replaced: after many runs, queries read fewer files. Tables, ids and exports stay
    the same; a compaction killed midway leaves the dataset as it was."""
    from newsclaims.compaction import compact as compact_dataset
    from newsclaims.outdir import OutputLocked

    try:
        done = compact_dataset(out_dir)
    except FileNotFoundError as exc:
        say("error", str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    except OutputLocked as exc:
        say("error", str(exc))
        raise typer.Exit(EXIT_LOCKED) from None
    table = Table("table", "files before", "files after", "rows before", "rows after")
    for t in done:
        table.add_row(
            t.table,
            str(t.files_before),
            str(t.files_after),
            f"{t.rows_before:,}",
            f"{t.rows_after:,}",
        )
    out.print(table)
    dropped = sum(t.rows_before - t.rows_after for t in done)
    files = sum(t.files_before for t in done), sum(t.files_after for t in done)
    say(
        "info", f"{out_dir}: {files[0]} part files -> {files[1]}, {dropped:,} replaced rows dropped"
    )
