"""``newsclaims bench`` (end to end against raw spaCy) and ``bench-dataset`` (incremental
runs): measurements live in commands, never in timed unit tests."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from newsclaims.cli.common import (
    EXIT_FAILED,
    JsonOpt,
    ModelOpt,
    ProcessesOpt,
    app,
    common_options,
    out,
    say,
)
from newsclaims.nlp import ModelError
from newsclaims.tables import write_json_atomic


@app.command()
@common_options
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
    repeat: Annotated[
        int,
        typer.Option(
            "--repeat",
            min=1,
            help="Samples per stage, alternating raw and end to end; the fastest of each counts, "
            "and the median of each turn's raw/end-to-end ratio is given too.",
        ),
    ] = 1,
    json_out: JsonOpt = None,
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
            repeat=repeat,
        )
    except ModelError as exc:
        say("error", str(exc))
        raise typer.Exit(EXIT_FAILED) from exc
    table = Table(
        title=f"speed on {result['articles']} articles, {result['words']:,} words "
        f"({input_file.name}, model {result['model']})"
    )
    for col in ("processes", "stage", "seconds", "words/s", "main CPU s", "peak RSS MiB"):
        table.add_column(col, justify="left" if col == "stage" else "right")
    for run in result["runs"]:
        for name in ("raw_spacy", "end_to_end"):
            r = run[name]
            table.add_row(
                str(run["processes"]),
                name.replace("_", " "),
                f"{r['seconds']:.2f}",
                f"{r['words_per_second']:,.0f}",
                f"{r['cpu_seconds']:.2f}",
                f"{r['peak_rss_mib']:.0f}",
            )
    out.print(table)
    for run in result["runs"]:
        samples = ""
        if repeat > 1:
            raw_s, e2e_s = (run[k]["samples_seconds"] for k in ("raw_spacy", "end_to_end"))
            samples = (
                f" (fastest of {repeat}: raw {raw_s} s, end to end {e2e_s} s; "
                f"median of the {repeat} turns' own ratios {run['paired_ratio']:.2f}x)"
            )
        in_run = ""
        if run.get("in_run_ratio") is not None:
            in_run = (
                f"; within the end-to-end runs, the tokenizer and the model took "
                f"{run['in_run_ratio']:.2f} of the time (median)"
            )
        out.print(
            f"{run['processes']} process(es): end to end runs at {run['ratio']:.2f}x "
            f"raw spaCy speed{samples}; main-process CPU {run['cpu_ratio']:.2f}x{in_run}"
        )
    if json_out is not None:
        write_json_atomic(json_out, result)


@app.command("bench-dataset")
@common_options
def bench_dataset(
    corpus: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="JSONL corpus.")],
    work: Annotated[Path, typer.Option("--work", help="Scratch folder (emptied).")] = Path(
        "build/bench_dataset"
    ),
    unchanged: Annotated[int, typer.Option(min=1, help="Articles re-run unchanged.")] = 1000,
    base: Annotated[int, typer.Option(min=1, help="Articles in the dataset.")] = 5000,
    added: Annotated[int, typer.Option(min=1, help="Articles added to it.")] = 500,
    model: ModelOpt = None,
    processes: ProcessesOpt = 1,
    repeat: Annotated[int, typer.Option(min=1, help="Samples of the cheap runs.")] = 2,
    json_out: JsonOpt = None,
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
        say("error", str(exc))
        raise typer.Exit(EXIT_FAILED) from None
    table = Table(*SUMMARY_COLUMNS, title=f"incremental runs on slices of {corpus.name}")
    for row in summary_rows(result):
        table.add_row(*row)
    out.print(table)
    if json_out is not None:
        write_json_atomic(json_out, result)
