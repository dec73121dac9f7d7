"""``newsclaims run``: inputs in, the dataset in ``--out`` out, with a progress bar.

The command parses options, shows progress and turns the run's exceptions into one line
and an exit code; everything else is ``newsclaims.run`` (``newsclaims.runner``).
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from newsclaims.analysis import WorkerDied
from newsclaims.cli.common import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_LOCKED,
    EXIT_NOTHING_ANALYSED,
    EXIT_TERMINATED,
    EXIT_USAGE,
    SETTINGS,
    ModelOpt,
    ProcessesOpt,
    app,
    common_options,
    err,
    out_option,
    say,
)
from newsclaims.ingest import FieldMap, count_records, find_inputs
from newsclaims.nlp import ModelError, resolve_model
from newsclaims.outdir import OutputLocked, Terminated


def model_path(model: str | None) -> str:
    """Where the model comes from, for ``--verbose`` (the error comes later, from the run)."""
    try:
        return str(resolve_model(model))
    except ModelError:
        return f"{model or 'default'} (not found)"


def stats_load(out_dir: Path) -> str:
    """Model load time as the manifest recorded it (``-`` when no model was loaded)."""
    try:
        manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "-"
    seconds = manifest.get("timings", {}).get("model_load_seconds")
    return "-" if seconds is None else f"{seconds}s"


def parse_fields(pairs: list[str]) -> FieldMap:
    overrides = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key or not value:
            raise typer.BadParameter(
                f"{pair!r}: use NAME=COLUMN, e.g. text=article_body", param_hint="--field"
            )
        overrides[key.strip()] = value.strip()
    try:
        return FieldMap().renamed(overrides)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--field") from exc


@app.command()
@common_options
def run(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Article files, folders or globs: .txt (optional ' date YYYY-MM ' header), "
            ".jsonl/.ndjson (one article per line), .json (a JSON array of articles, or "
            "one per line) or .csv with a header row (delimiter detected); any of them may "
            "be gzip-compressed (.gz). Hidden files and output folders are not read. "
            "URLs (s3://bucket/news/, gs://.../*.jsonl.gz, file://...) are read through "
            "fsspec (pip install 'newsclaims\\[cluster]' plus the store's package, e.g. s3fs).",
            show_default=False,
        ),
    ],
    out_dir: Annotated[Path, out_option("The dataset folder: its store and tables.")] = Path(
        "outputs"
    ),
    model: ModelOpt = None,
    processes: ProcessesOpt = 1,
    batch_size: Annotated[
        int,
        typer.Option("--batch-size", min=1, help="Articles per spaCy batch; memory grows with it."),
    ] = 64,
    field: Annotated[
        list[str] | None,
        typer.Option(
            "--field",
            "-f",
            help="Rename an input field, NAME=COLUMN, repeatable. NAME is one of "
            + ", ".join(FieldMap.names())
            + " (defaults cover id, date/published_at, title, text/body, url, "
            "source/publisher, categories/category/section/tags, author/byline; other "
            "fields are kept per article in the JSON column extra).",
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option("--limit", min=1, help="Stop after this many input records (for trials)."),
    ] = None,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress",
            help="Progress bar with articles per second (default: on when stderr is a terminal).",
        ),
    ] = None,
    csv_guard: Annotated[
        bool,
        typer.Option(
            "--csv-guard/--no-csv-guard",
            help="Prefix CSV cells starting with = + - @ (formulas in a spreadsheet) with ' ; "
            "JSONL always keeps the raw text.",
        ),
    ] = True,
    rebuild: Annotated[
        bool,
        typer.Option(
            "--rebuild",
            help="Analyse every article again, the ones already in the dataset included "
            "(from their stored text).",
        ),
    ] = False,
    cluster: Annotated[
        str | None,
        typer.Option(
            "--cluster",
            help="Analyse on Dask (same tables): local:N starts N worker processes here; "
            "tcp://HOST:8786 uses a running scheduler, a .json path a scheduler file, 'env' "
            "$DASK_SCHEDULER_ADDRESS. Workers read the inputs at the same paths. Needs "
            "pip install 'newsclaims\\[cluster]'.",
        ),
    ] = None,
    partition_size: Annotated[
        int | None,
        typer.Option(
            "--partition-size",
            min=1,
            help="With --cluster: input records per task (large files are cut, small ones "
            "grouped). Default: sixteen per worker, at most 32 (500 for a large .gz, "
            "which every task reads from its start).",
        ),
    ] = None,
) -> None:
    """Add article dumps to the dataset in --out and export its tables (see SCHEMA.md).

    The folder's newsclaims.duckdb is the store of record: articles it already holds with
    the same text and versions are not analysed again. Every input record ends up either
    in articles (duplicates marked, not analysed twice) or in rejects with the reason; bad
    records never stop the run. The CSV, JSONL and Parquet files are regenerated from the
    store after each run.
    """
    from newsclaims.runner import RunStats
    from newsclaims.runner import run as run_pipeline

    fields = parse_fields(field or [])
    if cluster is not None and processes > 1:
        err.print("[red]error:[/] --processes and --cluster exclude each other")
        raise typer.Exit(EXIT_USAGE)
    found = find_inputs(inputs, exclude=[out_dir])
    files, problems = found.files, found.problems
    if not files:
        for p in problems:
            err.print(f"[red]error:[/] {p.source}: {p.reason}", markup=False, highlight=False)
        err.print("[red]error:[/] no input files found")
        raise typer.Exit(EXIT_USAGE)
    for p in problems:
        say("warning", f"{p.source}: {p.reason} (recorded in rejects)")
    for skipped in found.skipped:
        say("note", f"not read: {skipped}")

    show = (sys.stderr.isatty() if progress is None else progress) and not SETTINGS.quiet
    shown = ", ".join(map(str, files[:5])) + (" ..." if len(files) > 5 else "")
    say("debug", f"inputs: {len(files)} files: {shown}")
    say(
        "debug",
        f"model: {model_path(model)}; processes {processes}, batch size {batch_size}"
        + (f", cluster {cluster}" if cluster else ""),
    )
    bar = Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} articles/s"),
        TextColumn("rejects {task.fields[rejects]}"),
        TimeElapsedColumn(),
        console=err,
        disable=not show,
        transient=False,
    )
    # a URL's files are not fetched twice for a total: the bar then counts without an end
    local = all(isinstance(f, Path) for f in files)
    total = count_records(files) if show and local else None
    if limit is not None:
        total = min(total, limit) if total is not None else limit
    task = bar.add_task("articles", total=total, rate=0.0, rejects=0)

    def tick(stats: RunStats) -> None:
        elapsed = bar.tasks[task].elapsed or 0.0
        rate = stats.records / elapsed if elapsed else 0.0
        bar.update(task, completed=stats.records, rate=rate, rejects=stats.rejects)

    def partitions_done(done: int, total: int) -> None:
        if parts is not None:
            rate = bar.tasks[task].fields["rate"]
            bar.update(parts, completed=done, total=total, rate=rate)

    parts = None
    try:
        with bar, ExitStack() as stack:
            analysis = None
            if cluster is not None:
                from newsclaims.cluster import cluster_analysis, describe

                say("note", f"analysing on {describe(cluster)}")
                analysis = stack.enter_context(
                    cluster_analysis(
                        cluster,
                        model=model,
                        fields=fields,
                        batch_size=batch_size,
                        partition_size=partition_size,
                    )
                )
                parts = bar.add_task("partitions", total=None, rate=0.0, rejects="")
                analysis.on_partition = partitions_done
                bar.reset(task)  # articles per second from the first record, not the start-up
            stats = run_pipeline(
                inputs,
                out_dir,
                model=model,
                n_process=processes,
                batch_size=batch_size,
                fields=fields,
                limit=limit,
                on_record=tick,
                csv_guard=csv_guard,
                rebuild=rebuild,
                cluster=analysis,
            )
    except OutputLocked as exc:
        say("error", str(exc))
        raise typer.Exit(EXIT_LOCKED) from None
    except KeyboardInterrupt:
        say("error", f"interrupted; the tables in {out_dir} are as they were before this run")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except Terminated:
        say("error", f"terminated; the tables in {out_dir} are as they were before this run")
        raise typer.Exit(EXIT_TERMINATED) from None
    except ModelError as exc:
        say("error", str(exc))
        raise typer.Exit(EXIT_FAILED) from exc
    except (OSError, WorkerDied) as exc:
        say("error", f"{exc}; the tables in {out_dir} are as they were before this run")
        raise typer.Exit(EXIT_FAILED) from exc
    except Exception as exc:  # a bug: one line, and the traceback only on request
        if os.environ.get("NEWSCLAIMS_TRACEBACK"):
            raise
        say(
            "error",
            f"run failed: {type(exc).__name__}: {exc}; the tables in {out_dir} are as they "
            f"were (set NEWSCLAIMS_TRACEBACK=1 for the traceback)",
        )
        raise typer.Exit(EXIT_FAILED) from exc
    say(
        "info",
        f"{stats.records} records: {stats.analysed} analysed, {stats.unchanged} already in "
        f"the dataset, {stats.duplicates} duplicates, {stats.rejects} rejected, "
        f"{stats.warnings} warnings; dataset: "
        f"{stats.tables.get('mentions', 0)} mentions, {stats.tables.get('entities', 0)} "
        f"entities, {stats.tables.get('claims', 0)} claims, {stats.tables.get('quotes', 0)} "
        f"quotes in {stats.seconds:.1f}s ({stats.words_per_second:,.0f} words/s) -> {out_dir}",
    )
    say("debug", f"manifest: {out_dir / 'manifest.json'}; model load {stats_load(out_dir)}")
    if stats.rejects:
        say("note", f"see {out_dir / 'rejects.csv'} for the rejected records")
    if stats.analysed == 0 and stats.unchanged == 0:
        reasons = "; ".join(f"{n}x {r}" for r, n in stats.reject_reasons.most_common(3))
        say(
            "error",
            f"no record could be analysed: {stats.records} records read, {stats.rejects} "
            f"rejected" + (f" (most often: {reasons})" if reasons else "") + "; "
            f"the tables in {out_dir} hold the rejects",
        )
        raise typer.Exit(EXIT_NOTHING_ANALYSED)
