"""Command line: ``newsclaims run``, ``sql``, ``evaluate``, ``bench``, ``bench-dataset``
and ``schema``.

Only this module knows about arguments, exit codes and the terminal. Exit codes (README):
0 success; 1 the run or evaluation failed (also: disk full, model missing); 2 usage error
(bad options, no inputs); 3 the run finished but no record could be analysed; 4 the
output folder is in use by another run; 130 interrupted (SIGINT); 143 terminated (SIGTERM).
Messages go to stderr unwrapped, one line each, so that logs can be searched by line.
"""

from __future__ import annotations

import os
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from newsclaims import __version__
from newsclaims.ingest import FieldMap, count_records, find_inputs
from newsclaims.nlp import MODEL_ENV_VAR, ModelError
from newsclaims.outdir import OutputLocked, Terminated
from newsclaims.tables import write_json_atomic

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_NOTHING_ANALYSED, EXIT_LOCKED = 0, 1, 2, 3, 4
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143

app = typer.Typer(
    name="newsclaims",
    help=(
        "Dutch news articles in, clean tables out: named entities, numeric claims "
        "(value, bounds, hedge, what is counted, who says so) and quotes (with speakers).\n\n"
        "Typical use:  newsclaims run data/ --out outputs/   then look at outputs/SCHEMA.md."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, soft_wrap=True)
out = Console()

ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        "-m",
        help=f"spaCy pipeline: an installed package name (e.g. nl_core_news_sm) or a path. "
        f"Default: ${MODEL_ENV_VAR}, else the bundled model in models/.",
    ),
]


def _version(value: bool) -> None:
    if value:
        out.print(f"newsclaims {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Dutch news articles in, entity, claim and quote tables out."""


def _parse_fields(pairs: list[str]) -> FieldMap:
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
def run(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Article files, folders or globs: .txt (optional ' date YYYY-MM ' header), "
            ".jsonl/.ndjson (one article per line), .json (a JSON array of articles, or "
            "one per line) or .csv with a header row (delimiter detected); any of them may "
            "be gzip-compressed (.gz). Hidden files and output folders are not read.",
            show_default=False,
        ),
    ],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for the tables.")] = Path(
        "outputs"
    ),
    model: ModelOpt = None,
    processes: Annotated[
        int,
        typer.Option(
            "--processes", "-p", min=1, help="spaCy worker processes (nlp.pipe n_process)."
        ),
    ] = 1,
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
            "pip install 'newsclaims[cluster]'.",
        ),
    ] = None,
    partition_size: Annotated[
        int | None,
        typer.Option(
            "--partition-size",
            min=1,
            help="With --cluster: input records per task (large files are cut, small ones "
            "grouped). Default: four per worker for small inputs, at most 500.",
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

    fields = _parse_fields(field or [])
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
        _say("warning", f"{p.source}: {p.reason} (recorded in rejects)")
    for skipped in found.skipped:
        _say("note", f"not read: {skipped}")

    show = sys.stderr.isatty() if progress is None else progress
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
    total = count_records(files) if show else None
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

                _say("note", f"analysing on {describe(cluster)}")
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
        _say("error", str(exc))
        raise typer.Exit(EXIT_LOCKED) from None
    except KeyboardInterrupt:
        _say("error", f"interrupted; the tables in {out_dir} are as they were before this run")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except Terminated:
        _say("error", f"terminated; the tables in {out_dir} are as they were before this run")
        raise typer.Exit(EXIT_TERMINATED) from None
    except ModelError as exc:
        _say("error", str(exc))
        raise typer.Exit(EXIT_FAILED) from exc
    except OSError as exc:
        _say("error", f"{exc}; the tables in {out_dir} are as they were before this run")
        raise typer.Exit(EXIT_FAILED) from exc
    except Exception as exc:  # a bug: one line, and the traceback only on request
        if os.environ.get("NEWSCLAIMS_TRACEBACK"):
            raise
        _say(
            "error",
            f"run failed: {type(exc).__name__}: {exc}; the tables in {out_dir} are as they "
            f"were (set NEWSCLAIMS_TRACEBACK=1 for the traceback)",
        )
        raise typer.Exit(EXIT_FAILED) from exc
    err.print(
        f"{stats.records} records: {stats.analysed} analysed, {stats.unchanged} already in "
        f"the dataset, {stats.duplicates} duplicates, {stats.rejects} rejected, "
        f"{stats.warnings} warnings; dataset: "
        f"{stats.tables.get('mentions', 0)} mentions, {stats.tables.get('entities', 0)} "
        f"entities, {stats.tables.get('claims', 0)} claims, {stats.tables.get('quotes', 0)} "
        f"quotes in {stats.seconds:.1f}s ({stats.words_per_second:,.0f} words/s) -> {out_dir}"
    )
    if stats.rejects:
        _say("note", f"see {out_dir / 'rejects.csv'} for the rejected records")
    if stats.analysed == 0 and stats.unchanged == 0:
        reasons = "; ".join(f"{n}x {r}" for r, n in stats.reject_reasons.most_common(3))
        _say(
            "error",
            f"no record could be analysed: {stats.records} records read, {stats.rejects} "
            f"rejected" + (f" (most often: {reasons})" if reasons else "") + "; "
            f"the tables in {out_dir} hold the rejects",
        )
        raise typer.Exit(EXIT_NOTHING_ANALYSED)


def _say(level: str, message: str) -> None:
    """One unwrapped stderr line; the message itself is never read as rich markup."""
    style = {"error": "red", "warning": "yellow", "note": "yellow"}[level]
    err.print(f"[{style}]{level}:[/] ", end="")
    err.print(message, markup=False, highlight=False)


@app.command()
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
            "--outputs",
            "-o",
            exists=True,
            file_okay=False,
            help="Folder with the tables of a `newsclaims run` over the gold articles.",
        ),
    ] = Path("outputs"),
    json_out: Annotated[
        Path | None,
        typer.Option("--json", help="Also write the scorecard (with error examples) as JSON here."),
    ] = None,
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
        err.print(f"[red]error:[/] cannot evaluate: {exc}")
        raise typer.Exit(1) from exc
    result = card.as_dict()
    _print_scorecard(result)
    out.print(error_table(card.errors, show_errors))
    if errors_out is not None:
        write_errors(card.errors, errors_out, f"errors against {', '.join(card.gold_files)}")
        err.print(f"error lists written to {errors_out}")
    if json_out is not None:
        write_json_atomic(json_out, result)
        err.print(f"scorecard written to {json_out}")


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
    json_out: Annotated[Path | None, typer.Option("--json", help="Write results here.")] = None,
) -> None:
    """Run Microsoft Recognizers-Text's Dutch number specs through the number parser."""
    from newsclaims.eval_numbers import recognizers_pass_rate

    try:
        result = recognizers_pass_rate(shared)
    except FileNotFoundError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(1) from exc
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


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help='SQL, e.g. "SELECT * FROM claims_in_context".')],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="The dataset folder.")] = Path(
        "outputs"
    ),
    fmt: Annotated[str, typer.Option("--format", "-F", help="table, csv or jsonl.")] = "table",
    max_rows: Annotated[int, typer.Option("--max-rows", min=1, help="Rows in a table.")] = 50,
) -> None:
    """Answer a question straight from the dataset (its DuckDB file, opened read-only):
    the tables, runs and the views listed in SCHEMA.md."""
    from newsclaims.exports import QUERY_FORMATS, plain, write_query_result
    from newsclaims.store import QueryError, ask

    if fmt not in ("table", *QUERY_FORMATS):
        raise typer.BadParameter("use table, csv or jsonl", param_hint="--format")
    try:
        names, rows = ask(out_dir, query)
    except (FileNotFoundError, QueryError) as exc:
        _say("error", str(exc))
        raise typer.Exit(EXIT_USAGE if isinstance(exc, FileNotFoundError) else 1) from None
    if fmt != "table":
        write_query_result(names, rows, fmt, sys.stdout)
        return
    table = Table(*names)
    for row in rows[:max_rows]:
        table.add_row(*("" if v is None else str(plain(v)) for v in row))
    out.print(table)
    if len(rows) > max_rows:
        err.print(f"{len(rows)} rows, {max_rows} shown (--max-rows, or --format csv)")


@app.command()
def schema() -> None:
    """Print the documentation of every output table (the SCHEMA.md written with them)."""
    from newsclaims.tables import schema_markdown

    sys.stdout.write(schema_markdown())  # plain: rich would wrap the Markdown tables


@app.command()
def bench(
    input_file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="JSONL dump to benchmark on.")
    ],
    limit: Annotated[
        int, typer.Option("--limit", min=1, help="Benchmark on the first N articles.")
    ] = 1000,
    model: ModelOpt = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1)] = 64,
    processes: Annotated[
        list[int] | None,
        typer.Option(
            "--processes",
            "-p",
            min=1,
            help="Worker processes; repeat to measure several (default: 1).",
        ),
    ] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write results here.")] = None,
) -> None:
    """End-to-end words per second against raw spaCy ``nlp.pipe`` on the same texts, model
    and number of processes (raw: the model's own components; end to end: ingest, NLP,
    extractors and tables)."""
    from newsclaims.bench import benchmark

    try:
        result = benchmark(
            input_file,
            limit=limit,
            model=model,
            batch_size=batch_size,
            processes=tuple(processes or (1,)),
        )
    except ModelError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(1) from exc
    table = Table(
        title=f"speed on {result['articles']} articles, {result['words']:,} words "
        f"({input_file.name}, model {result['model']})"
    )
    for col in ("processes", "stage", "seconds", "words/s", "peak RSS MiB"):
        table.add_column(col, justify="left" if col == "stage" else "right")
    for run in result["runs"]:
        for name in ("raw_spacy", "end_to_end"):
            r = run[name]
            table.add_row(
                str(run["processes"]),
                name.replace("_", " "),
                f"{r['seconds']:.2f}",
                f"{r['words_per_second']:,.0f}",
                f"{r['peak_rss_mib']:.0f}",
            )
    out.print(table)
    for run in result["runs"]:
        out.print(
            f"{run['processes']} process(es): end to end runs at {run['ratio']:.2f}x "
            "raw spaCy speed"
        )
    if json_out is not None:
        write_json_atomic(json_out, result)


@app.command()
def report(
    out_dir: Annotated[
        Path, typer.Option("--out", "-o", help="Folder holding the tables of a run.")
    ] = Path("outputs"),
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
        _say("error", f"the report needs {missing_dependency()}: {INSTALL_HINT}")
        raise typer.Exit(EXIT_USAGE)
    from newsclaims.report.data import DatasetError
    from newsclaims.report.render import Options, build_report

    try:
        made = build_report(out_dir, html, Options(units=list(unit or []), top=top))
    except DatasetError as exc:
        _say("error", str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    err.print(
        f"report of {out_dir} ({', '.join(made.units) or 'no'} claims units) in "
        f"{made.seconds:.1f}s, {made.bytes / 1024:,.0f} KiB -> {made.path}"
    )


@app.command("bench-dataset")
def bench_dataset(
    corpus: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="JSONL corpus.")],
    work: Annotated[Path, typer.Option("--work", help="Scratch folder (emptied).")] = Path(
        "build/bench_dataset"
    ),
    unchanged: Annotated[int, typer.Option(min=1, help="Articles re-run unchanged.")] = 1000,
    base: Annotated[int, typer.Option(min=1, help="Articles in the dataset.")] = 5000,
    added: Annotated[int, typer.Option(min=1, help="Articles added to it.")] = 500,
    model: ModelOpt = None,
    processes: Annotated[int, typer.Option("--processes", "-p", min=1)] = 1,
    repeat: Annotated[int, typer.Option(min=1, help="Samples of the cheap runs.")] = 2,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write results here.")] = None,
) -> None:
    """Whole-process wall time of incremental runs on slices of a corpus: re-run of an
    unchanged dump vs its first run (target <= 5%), an addition to a dataset vs a fresh
    run on the addition alone (target <= 1.3x)."""
    from newsclaims.bench_dataset import SUMMARY_COLUMNS, benchmark, summary_rows

    try:
        result = benchmark(
            corpus, work, unchanged=unchanged, base=base, added=added, model=model,
            processes=processes, repeat=repeat,
        )  # fmt: skip
    except RuntimeError as exc:
        _say("error", str(exc))
        raise typer.Exit(EXIT_FAILED) from None
    table = Table(*SUMMARY_COLUMNS, title=f"incremental runs on slices of {corpus.name}")
    for row in summary_rows(result):
        table.add_row(*row)
    out.print(table)
    if json_out is not None:
        write_json_atomic(json_out, result)


def main() -> None:
    """Console entry point; typer turns usage errors into exit code 2."""
    app()


if __name__ == "__main__":
    main()
