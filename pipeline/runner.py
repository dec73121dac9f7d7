"""The run: inputs -> ingest -> ``process`` (NLP and extractors) -> the dataset in ``--out``.

This is the library form of ``newsclaims run``: the CLI parses options and calls ``run``;
``run`` owns the output folder, the store transaction and the manifest,
``newsclaims.incremental`` decides what needs the model and writes rows to the store,
``newsclaims.process`` owns the analysis and ``newsclaims.exports`` the files. The output
folder is locked before anything is read (a second run is refused at once), the model is
loaded only when an article needs it, and SIGINT/SIGTERM are turned into exceptions so
that the staged tables are always removed and the store transaction rolled back.

Order of the commit: the exported set is switched in (manifest last), then the store
commits, still inside the set's commit and under the lock: a failed store commit puts the
previous set back. A run killed between the two leaves newer files than the store; the
next run sees that the store does not hold what the manifest says, analyses those
articles again and regenerates the files.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import os
import platform
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacy import about as spacy_about
from spacy.language import Language

from newsclaims import __version__, nlp
from newsclaims.exports import export as export_tables
from newsclaims.incremental import DatasetRun, analysis_version, counts_json, data_files
from newsclaims.ingest import FieldMap, Ingestor, InputFiles, find_inputs
from newsclaims.outdir import MANIFEST, handle_signals
from newsclaims.process import process
from newsclaims.records import Article, Reject
from newsclaims.seen import SeenIndex
from newsclaims.store import CLUSTER_FLUSH_ROWS, FLUSH_ROWS, Store
from newsclaims.store_schema import DB_NAME, RunRecord
from newsclaims.tables import OutputSet, schema_markdown
from newsclaims.urls import InputPath, RemoteFile, describe_remote

if TYPE_CHECKING:
    from newsclaims.cluster import ClusterAnalysis

_REASON_KIND = re.compile(r"[:(;]| at | in | after ")


@dataclass
class RunStats:
    """Counts and timings for the manifest and the command line summary."""

    records: int = 0
    articles: int = 0
    analysed: int = 0
    duplicates: int = 0
    rejects: int = 0
    words: int = 0
    seconds: float = 0.0
    warnings: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    tables: dict[str, int] = field(default_factory=dict)
    reject_reasons: Counter[str] = field(default_factory=Counter)

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def count_reject(self, reject: Reject) -> None:
        self.rejects += 1
        self.reject_reasons[reason_kind(reject.reason)] += 1


def reason_kind(reason: str) -> str:
    """The kind of a reject reason without its details ("malformed JSON: ..." -> "malformed
    JSON"), so that a summary can say why most records were rejected."""
    return _REASON_KIND.split(reason, maxsplit=1)[0].strip() or reason[:60]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def describe_input(path: InputPath) -> dict[str, Any]:
    """Size and SHA-256 of one input (a URL's: size and the store's checksum,
    ``urls.describe_remote``); an unreadable file is listed as such (its records are in
    rejects), never a reason to lose the run."""
    try:
        if isinstance(path, RemoteFile):
            return describe_remote(path)
        return {"path": str(path), "bytes": path.stat().st_size, "sha256": file_sha256(path)}
    except OSError as exc:
        return {"path": str(path), "unreadable": exc.strerror or str(exc)}


def run(
    inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    model: str | None = None,
    n_process: int = 1,
    batch_size: int = 64,
    fields: FieldMap | None = None,
    limit: int | None = None,
    on_record: Callable[[RunStats], None] | None = None,
    language: Language | None = None,
    csv_guard: bool = True,
    rebuild: bool = False,
    cluster: ClusterAnalysis | None = None,
) -> RunStats:
    """Add the inputs to the dataset in ``out_dir`` (its DuckDB file is the store of
    record) and regenerate the exported tables from it; the store changes in one
    transaction and the tables appear all at once (see ``newsclaims.outdir``), or neither
    changes. Raises ``OutputLocked`` when another run holds ``out_dir``;
    ``KeyboardInterrupt``/``Terminated`` on SIGINT/SIGTERM, after undoing both. With
    ``cluster`` (``newsclaims.cluster``) the workers of a Dask cluster read and analyse the
    inputs; the dataset and the tables are the same.

    ``inputs``: files or folders (one path or several); ``out_dir``: the dataset's folder.
    Example: ``newsclaims.run("data/", "outputs/", n_process=2)``."""
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    inputs = [os.fspath(path) for path in inputs]
    out_dir = Path(out_dir)
    with handle_signals():
        outputs = OutputSet(out_dir, csv_guard=csv_guard)
        store: Store | None = None
        try:
            store = Store(out_dir, flush_rows=FLUSH_ROWS if cluster is None else CLUSTER_FLUSH_ROWS)
            settings = {
                "model": model,
                "processes": n_process,
                "batch_size": batch_size,
                "limit": limit,
                "rebuild": rebuild,
                "fields": dataclasses.asdict(fields or FieldMap()),
            }
            job = _Job(inputs, outputs, store, model, language, fields, limit, settings)
            job.cluster = cluster
            stats = job.run(n_process, batch_size, on_record, rebuild)
        except BaseException:
            if store is not None:
                store.rollback()
            outputs.abort()
            raise
        finally:
            if store is not None:
                store.close()
    return stats


@dataclass
class _Job:
    """One run into the dataset: store transaction, analysis of what is new, exports."""

    inputs: list[str]
    outputs: OutputSet
    store: Store
    model: str | None
    language: Language | None
    fields: FieldMap | None
    limit: int | None
    settings: dict[str, Any]
    stats: RunStats = field(default_factory=RunStats)
    load_seconds: float | None = None
    pipe_names: list[str] | None = None
    cluster: ClusterAnalysis | None = None  # workers read and analyse: same records

    def run(
        self,
        n_process: int,
        batch_size: int,
        on_record: Callable[[RunStats], None] | None,
        rebuild: bool,
    ) -> RunStats:
        started_at, started = datetime.now(UTC), time.perf_counter()
        info = nlp.model_info(self.language) if self.language else None
        if info is None:
            info = self.cluster.info["model"] if self.cluster else model_meta(self.model)
        version = analysis_version(info)
        self.store.begin()
        dataset = DatasetRun(self.store, version, self.store.next_run_id(), rebuild)
        committed = _exports_state(self.outputs.out_dir)
        current = committed == (self.store.last_change(), self.outputs.csv_guard)
        found = find_inputs(self.inputs, [self.outputs.out_dir])
        info = self._analyse(dataset, info, n_process, batch_size, on_record) or info
        if self.cluster is not None:
            self.settings["cluster"] = self.cluster.describe()
        if self.limit is None:
            dataset.forget_fixed_rejects(
                [*(str(p) for p in found.files), *(p.source for p in found.problems)]
            )
        changed = dataset.changes.wrote or rebuild
        if changed:
            self.store.rebuild_catalog(since=dataset.first_position)
        state = dataset.run_id if changed else self.store.last_change()
        export = changed or not current
        stats = self.stats
        stats.new, stats.changed, stats.unchanged = (
            dataset.changes.new,
            dataset.changes.changed,
            dataset.changes.unchanged,
        )
        if export:
            appended = current and dataset.changes.only_added and _same_layout(self.outputs)
            stats.tables = export_tables(
                self.store,
                self.outputs,
                resume_from=self.outputs.out_dir if appended else None,
                since=dataset.first_position,
            )
        else:
            stats.tables = self.store.counts()
        stats.seconds = time.perf_counter() - started
        manifest = _manifest(found, info, self.pipe_names, stats, self.settings)
        manifest["settings"]["csv_guard"] = self.outputs.csv_guard
        manifest["timings"]["model_load_seconds"] = _rounded(self.load_seconds)
        manifest["dataset"] = {
            "database": DB_NAME,
            "run_id": dataset.run_id,
            "state": state,
            "analysis_version": version,
        }
        self.store.record_run(
            RunRecord(
                run_id=dataset.run_id,
                started_at=started_at.isoformat(),
                finished_at=datetime.now(UTC).isoformat(),
                seconds=round(stats.seconds, 3),
                model_load_seconds=_rounded(self.load_seconds),
                tool_version=__version__,
                model=f"{info.get('name', '')} {info.get('version', '')}".strip(),
                analysis_version=version,
                rebuild=rebuild,
                changed=changed,
                inputs=json.dumps(manifest["inputs"], ensure_ascii=False),
                settings=json.dumps(manifest["settings"], ensure_ascii=False),
                counts=counts_json(stats, dataset.changes, stats.tables),
            )
        )
        if export:  # the store commits once the new set is in place (newsclaims.outdir)
            self.outputs.close(manifest, on_commit=self.store.commit)
        else:
            self.store.commit()
            self.outputs.abort()  # the exported set already shows this state
        return stats

    def _analyse(
        self,
        dataset: DatasetRun,
        info: dict[str, str],
        n_process: int,
        batch_size: int,
        on_record: Callable[[RunStats], None] | None,
    ) -> dict[str, str] | None:
        """Read every record; load the model at the first article that needs it and
        store what it finds. Returns the loaded model's info (None: not loaded). The
        ingest's index of issued ids and bodies, and the index of the stored articles, live
        as long as the reading."""
        seen = SeenIndex(dataset.body_hashes())
        try:
            ingestor = Ingestor(self.fields or FieldMap(), seen=seen)
            return self._read(dataset, ingestor, n_process, batch_size, on_record)
        finally:
            seen.close()
            dataset.close()

    def _read(
        self,
        dataset: DatasetRun,
        ingestor: Ingestor,
        n_process: int,
        batch_size: int,
        on_record: Callable[[RunStats], None] | None,
    ) -> dict[str, str] | None:
        stats = self.stats
        records: Iterable[Article | Reject] = (
            ingestor.read(self.inputs, exclude=[self.outputs.out_dir])
            if self.cluster is None
            else self.cluster.records(
                self.inputs,
                [self.outputs.out_dir],
                ingestor=ingestor,
                limit=self.limit,
                held=dataset.held_bodies(),  # the workers do not parse these again
            )
        )
        if self.limit is not None:
            records = itertools.islice(records, self.limit)

        def tick() -> None:
            if on_record is not None:
                on_record(stats)

        pending = dataset.select(records, stats, tick)
        first = next(pending, None)
        if first is None:
            return None
        if self.cluster is not None:  # loaded on the workers when the cluster started
            self.pipe_names = self.cluster.info["pipeline"]
            for item in self.cluster.analyse(itertools.chain([first], pending)):
                dataset.write(item, stats)
                tick()
            return dict(self.cluster.info["model"])
        loading = time.perf_counter()
        language = self.language if self.language is not None else nlp.load(self.model)
        self.load_seconds = time.perf_counter() - loading
        self.pipe_names = language.pipe_names
        stream = itertools.chain([first], pending)
        for item in process(stream, language, n_process=n_process, batch_size=batch_size):
            dataset.write(item, stats)
            tick()
        return nlp.model_info(language)


def _rounded(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds, 3)


def _same_layout(outputs: OutputSet) -> bool:
    """Whether the committed files have this version's columns and formats."""
    try:
        committed = (outputs.out_dir / "SCHEMA.md").read_text(encoding="utf-8")
    except OSError:
        return False
    return committed == schema_markdown()


def _exports_state(out_dir: Path) -> tuple[int | None, bool] | None:
    """(store state, CSV guard) the committed exports show; None when there are none."""
    try:
        manifest = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        return manifest["dataset"]["state"], bool(manifest["settings"]["csv_guard"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def model_meta(model: str | None) -> dict[str, str]:
    """Name and version of the pipeline without loading it (its ``meta.json``)."""
    resolved = nlp.resolve_model(model)
    path = Path(resolved) if isinstance(resolved, Path) else None
    if path is None:
        import spacy

        path = spacy.util.get_package_path(str(resolved))
    try:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        meta = {"name": str(resolved)}
    return nlp.meta_info(meta)


def _manifest(
    found: InputFiles,
    info: dict[str, str],
    pipe_names: list[str] | None,
    stats: RunStats,
    settings: dict[str, Any],
) -> dict[str, Any]:
    return {
        "tool": {"name": "newsclaims", "version": __version__},
        "model": info,
        "pipeline": pipe_names,  # null: nothing needed the model, so it was not loaded
        "created_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "settings": dict(settings),
        "environment": {
            "python": platform.python_version(),
            "spacy": spacy_about.__version__,
            "platform": platform.platform(terse=True),
        },
        "data_files": data_files(),
        "inputs": [describe_input(p) for p in found.files],
        "skipped_inputs": found.skipped,
        "counts": {
            "records": stats.records,
            "articles": stats.articles,
            "analysed": stats.analysed,
            "duplicates": stats.duplicates,
            "new": stats.new,
            "changed": stats.changed,
            "unchanged": stats.unchanged,
            "rejects": stats.rejects,
            "reject_reasons": dict(stats.reject_reasons.most_common()),
            "warnings": stats.warnings,
            "tables": stats.tables,
        },
        "timings": {
            "seconds": round(stats.seconds, 3),
            "words": stats.words,
            "words_per_second": round(stats.words_per_second, 1),
        },
    }
