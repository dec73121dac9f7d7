"""Benchmark of incremental runs: what a re-run and an addition cost, whole process.

The dataset promise is that a second run on a dump it already holds costs almost nothing
(no model load, no analysis) and that adding a small dump to a large dataset costs about
what the small dump costs alone. Both are measured as an analyst meets them: the wall
time of whole ``newsclaims run`` processes (interpreter start, imports, model load,
exports), on slices of one JSONL corpus written to a work folder:

- ``unchanged``: a run on the first N articles into an empty folder, then the same run
  again; the second costs ``ratio`` of the first (target: 5% or less);
- ``addition``: a dataset of the first M articles, then M..M+K added to it, against a
  fresh run on those K articles alone (target: 1.3x or less).

On a shared machine one run can be slowed by others' work, so the cheap measurements are
repeated (``repeat``; additions into a fresh copy of the dataset, alternating with the
fresh runs) and the fastest of each is compared; every sample is in the result.

Not a test: it takes minutes with the real model (``make bench-dataset``).
"""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

UNCHANGED_TARGET = 0.05
ADDITION_TARGET = 1.3
SUMMARY_COLUMNS = ("measurement", "seconds", "against", "its seconds", "ratio", "target")


def write_slice(corpus: Path, target: Path, start: int, stop: int) -> int:
    """Lines ``start``..``stop`` of a JSONL corpus into ``target``; returns the count."""
    target.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with corpus.open("rb") as src, target.open("wb") as dst:
        for line in itertools.islice(src, start, stop):
            dst.write(line)
            n += 1
    return n


def timed_run(dump: Path, out: Path, extra: list[str]) -> dict[str, Any]:
    """Wall time of one whole ``newsclaims run`` process, with what the run reported."""
    cmd = [sys.executable, "-m", "newsclaims", "run", str(dump), "--out", str(out)]
    started = time.perf_counter()
    done = subprocess.run([*cmd, "--no-progress", *extra], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.strip()}")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {
        "seconds": round(seconds, 3),
        "summary": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "",
        "model_load_seconds": manifest.get("timings", {}).get("model_load_seconds"),
        "run_id": manifest.get("dataset", {}).get("run_id"),
    }


def benchmark(
    corpus: Path,
    work: Path,
    *,
    unchanged: int = 1000,
    base: int = 5000,
    added: int = 500,
    model: str | None = None,
    processes: int = 1,
    repeat: int = 2,
) -> dict[str, Any]:
    """Both measurements on slices of ``corpus``; ``work`` is emptied first."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    extra = ["-p", str(processes), *(["--model", model] if model else [])]
    first = work / f"first_{unchanged}.jsonl"
    write_slice(corpus, first, 0, unchanged)
    one = work / "unchanged"
    first_run = timed_run(first, one, extra)
    second_runs = [timed_run(first, one, extra) for _ in range(repeat)]
    second_run = min(second_runs, key=lambda r: r["seconds"])

    base_dump = work / f"base_{base}.jsonl"
    add_dump = work / f"added_{base}_{base + added}.jsonl"
    write_slice(corpus, base_dump, 0, base)
    n_added = write_slice(corpus, add_dump, base, base + added)
    grown = work / "dataset"
    shutil.copytree(one, grown)  # its first articles are known: only the rest is analysed
    build = timed_run(base_dump, grown, extra)
    additions, fresh_runs = [], []
    for i in range(repeat):
        target = work / f"added_{i}"
        shutil.copytree(grown, target)
        additions.append(timed_run(add_dump, target, extra))
        fresh_runs.append(timed_run(add_dump, work / f"fresh_{i}", extra))
    addition = min(additions, key=lambda r: r["seconds"])
    fresh = min(fresh_runs, key=lambda r: r["seconds"])
    return {
        "corpus": str(corpus),
        "processes": processes,
        "repeat": repeat,
        "unchanged": {
            "articles": unchanged,
            "first_run": first_run,
            "second_run": second_run,
            "second_run_samples": [r["seconds"] for r in second_runs],
            "ratio": round(second_run["seconds"] / first_run["seconds"], 4),
            "target": UNCHANGED_TARGET,
        },
        "addition": {
            "dataset_articles": base,
            "added_articles": n_added,
            "build_dataset": build,
            "add_to_dataset": addition,
            "fresh_run": fresh,
            "add_samples": [r["seconds"] for r in additions],
            "fresh_samples": [r["seconds"] for r in fresh_runs],
            "ratio": round(addition["seconds"] / fresh["seconds"], 3),
            "target": ADDITION_TARGET,
        },
    }


def summary_rows(result: dict[str, Any]) -> list[tuple[str, ...]]:
    """The two measurements as table rows (``SUMMARY_COLUMNS``)."""
    one, add = result["unchanged"], result["addition"]
    return [
        (
            f"re-run, {one['articles']} unchanged articles",
            f"{one['second_run']['seconds']:.2f}",
            "first run",
            f"{one['first_run']['seconds']:.2f}",
            f"{one['ratio']:.1%}",
            f"<= {one['target']:.0%}",
        ),
        (
            f"add {add['added_articles']} to {add['dataset_articles']}",
            f"{add['add_to_dataset']['seconds']:.2f}",
            "fresh run",
            f"{add['fresh_run']['seconds']:.2f}",
            f"{add['ratio']:.2f}x",
            f"<= {add['target']:.1f}x",
        ),
    ]
