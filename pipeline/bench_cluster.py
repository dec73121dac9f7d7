"""Benchmark of ``--cluster``: same tables as one process, speed against ``--processes``,
driver memory (issue 13's closing note).

    python -m newsclaims.bench_cluster ../shared/corpora/news_nl/nos_2019.jsonl \
        --limit 1000 --workers 2 --json build/eval/bench_cluster.json

Each run is a separate ``python`` process, so that its peak memory (``ru_maxrss`` of that
process: the driver, with the LocalCluster's scheduler inside it; the worker processes are
not counted) and its timings are its own. Words per second are the run's own figure (from
the first record to the tables, the model already loaded: on the driver for
``--processes``, on every worker for ``--cluster``), so both sides are timed alike; the wall
time of the whole command is given too. On a busy machine repeat (``--repeat``) and read
the spread.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TABLE_SUFFIXES = (".csv", ".jsonl", ".md", ".parquet")
MODES = ("one", "processes", "cluster")


def _child(
    mode: str, inputs: str, out: str, model: str | None, n: int, size: int, rerun: bool = False
) -> None:
    """One run in this process; prints its figures as one JSON line. The peak memory is
    taken twice: at the last record (the analysis, what the cluster changes) and at the
    end (the dataset's export included). With ``rerun``, a second run over the same inputs
    into the same dataset follows (after the peaks are taken): its seconds, and for the
    cluster what the workers parsed and skipped (the dataset holds every article)."""
    from newsclaims import nlp
    from newsclaims.runner import run

    started = time.perf_counter()
    peak = [0]
    again: dict[str, Any] = {}

    def on_record(_stats: Any) -> None:
        peak[0] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    if mode == "cluster":
        from newsclaims.cluster import cluster_analysis

        with cluster_analysis(f"local:{n}", model=model, partition_size=size or None) as analysis:
            stats = run([inputs], Path(out), cluster=analysis, on_record=on_record)
            usage = resource.getrusage(resource.RUSAGE_SELF)
            workers = {"parsed_on_workers": analysis.analysed, "held_on_workers": analysis.held}
            if rerun:
                second = run([inputs], Path(out), cluster=analysis)
                again = {
                    "rerun_seconds": second.seconds,
                    "rerun_parsed_on_workers": analysis.analysed + analysis.on_demand,
                    "rerun_held_on_workers": analysis.held,
                }
    else:
        language = nlp.load(model)
        stats = run([inputs], Path(out), language=language, n_process=n, on_record=on_record)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        workers = {}
        if rerun:
            second = run([inputs], Path(out), language=language, n_process=n)
            again = {"rerun_seconds": second.seconds}
    print(
        json.dumps(
            {
                "mode": mode,
                "n": n,
                "seconds": stats.seconds,
                "wall_seconds": time.perf_counter() - started,
                "words": stats.words,
                "articles": stats.articles,
                "words_per_second": stats.words_per_second,
                "driver_peak_rss_analysis_mib": peak[0] / 1024,
                "driver_peak_rss_mib": usage.ru_maxrss / 1024,
                "driver_cpu_seconds": usage.ru_utime + usage.ru_stime,
                **workers,
                **again,
            }
        )
    )


def _spawn(
    mode: str, inputs: Path, out: Path, model: str | None, n: int, size: int, rerun: bool = False
) -> dict:
    cmd = [sys.executable, "-m", "newsclaims.bench_cluster", "--child", mode, str(inputs)]
    cmd += ["--out", str(out), "--workers", str(n), "--partition-size", str(size)]
    if rerun:
        cmd.append("--rerun")
    if model:
        cmd += ["--model", model]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{mode} run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _tables(folder: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.suffix in TABLE_SUFFIXES or p.name == "datapackage.json"
    }


def _first_lines(source: Path, limit: int, target: Path) -> Path:
    with source.open("rb") as fh, target.open("wb") as out:
        out.writelines(itertools.islice(fh, limit))
    return target


def benchmark(
    corpus: Path,
    *,
    limits: tuple[int, ...] = (1000,),
    workers: int = 2,
    model: str | None = None,
    partition_size: int = 0,
    repeat: int = 1,
    modes: tuple[str, ...] = MODES,
    rerun: bool = False,
) -> dict[str, Any]:
    """Per limit: one process, ``--processes N`` and ``--cluster local:N``, ``repeat``
    times each (interleaved, so that a change in the machine's load hits all three)."""
    report: dict[str, Any] = {"corpus": str(corpus), "workers": workers, "runs": []}
    with tempfile.TemporaryDirectory() as tmp:
        for limit in limits:
            inputs = _first_lines(corpus, limit, Path(tmp) / f"first_{limit}.jsonl")
            entry: dict[str, Any] = {"limit": limit, **{m: [] for m in modes}}
            outs: dict[str, Path] = {}
            for turn in range(repeat):
                for mode in modes:
                    n = 1 if mode == "one" else workers
                    out = Path(tmp) / f"{mode}-{limit}-{turn}"
                    entry[mode].append(_spawn(mode, inputs, out, model, n, partition_size, rerun))
                    outs[mode] = out
            tables = {m: _tables(outs[m]) for m in modes}
            first = tables[modes[0]]
            entry["identical"] = all(tables[m] == first for m in modes)
            entry["differing_tables"] = sorted(
                {k for m in modes for k in first if tables[m].get(k) != first[k]}
            )
            best = {m: max(r["words_per_second"] for r in entry[m]) for m in modes}
            if "cluster" in best and "processes" in best:
                entry["cluster_vs_processes"] = best["cluster"] / best["processes"]
            report["runs"].append(entry)
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("--limit", type=int, action="append", help="first N lines (repeatable)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--model")
    parser.add_argument("--partition-size", type=int, default=0, help="0: automatic")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--modes", default=",".join(MODES), help="of one,processes,cluster")
    parser.add_argument(
        "--rerun", action="store_true", help="time a second run over the same inputs too"
    )
    parser.add_argument("--json")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(
            args.child,
            args.corpus,
            args.out,
            args.model,
            args.workers,
            args.partition_size,
            args.rerun,
        )
        return
    report = benchmark(
        Path(args.corpus),
        limits=tuple(args.limit or (1000,)),
        workers=args.workers,
        model=args.model,
        partition_size=args.partition_size,
        repeat=args.repeat,
        modes=tuple(args.modes.split(",")),
        rerun=args.rerun,
    )
    text = json.dumps(report, indent=1)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
