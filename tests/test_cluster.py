"""Runs on a Dask cluster give what one process gives, record for record (issue 13).

One LocalCluster of two worker processes serves the module; each worker builds the tiny
test pipeline itself (a loader callable travels to it, the pipeline does not).
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsclaims.ingest import FieldMap, Ingestor
from newsclaims.partitions import (
    FileIndex,
    Partition,
    Segment,
    index_file,
    plan,
    read_partition,
)
from newsclaims.process import process

distributed = pytest.importorskip("distributed")

from conftest import build_tiny_nlp  # noqa: E402

from newsclaims.cluster import (  # noqa: E402
    ClusterAnalysis,
    ClusterError,
    auto_size,
    cluster_process,
    connect,
    describe,
)
from newsclaims.cluster_worker import model_key  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    with (
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def _messy(folder: Path) -> list[str]:
    """Inputs with every global rule at work across files and partitions: ids repeated in
    other files, bodies repeated far apart, rejects of every kind, several formats."""
    folder.mkdir()
    body = "Volgens Eric Wiebes gaan er in 2030 zo'n {} windmolens in Zeeland staan."
    lines = [
        {"id": "a", "text": body.format(10), "date": "2019-03-01"},
        {"id": "a", "text": body.format(20), "date": "2019-03-02"},
        {"id": "b", "text": body.format(10)},  # repeats a's body
        "not json",
        {"id": "c", "text": "   "},
        {"id": "a~2", "text": body.format(30), "date": "gisteren"},
        {"id": "d", "text": "Greenpeace zegt: 'Nederland moet 40 procent minder uitstoten.'"},
    ]
    with (folder / "one.jsonl").open("w", encoding="utf-8") as fh:
        for line in lines:
            fh.write((line if isinstance(line, str) else json.dumps(line)) + "\n\n")
    with gzip.open(folder / "two.jsonl.gz", "wt", encoding="utf-8") as fh:
        for n in range(7):
            fh.write(json.dumps({"id": "a" if n % 3 == 0 else f"g{n}", "text": body.format(n)}))
            fh.write("\n")
    (folder / "three.csv").write_text(
        'id,text\nb,"Wiebes zegt dat 5 mensen, zegt hij, komen."\ne,\nf,' + body.format(20) + "\n",
        encoding="utf-8",
    )
    (folder / "four.json").write_text(
        json.dumps([{"id": "h", "text": body.format(3)}, {"id": "h", "text": body.format(4)}]),
        encoding="utf-8",
    )
    (folder / "five.txt").write_text(" date 2019-10 \n" + body.format(1), encoding="utf-8")
    (folder / "six.jsonl").write_text("", encoding="utf-8")
    return [str(folder), str(DATA), str(folder / "missing.jsonl")]


def _local(inputs: list[str]) -> list[object]:
    return list(process(Ingestor(FieldMap()).read(inputs), build_tiny_nlp(), batch_size=3))


def _indexed(*pairs: tuple[str, int | None]) -> list[FileIndex]:
    return [FileIndex(path, count) for path, count in pairs]


def test_plan_cuts_files_and_groups_small_ones() -> None:
    files = _indexed(("a", 5), ("b", 1), ("c", 1), ("d", None), ("e", 0), ("f", 3))
    parts = list(plan(files, 2))
    assert [p.segments for p in parts] == [
        (Segment("a", 0, 2),),
        (Segment("a", 2, 4),),
        (Segment("a", 4, None), Segment("b", 0, None)),
        (Segment("c", 0, None),),
        (Segment("d"),),
        (Segment("e", 0, None), Segment("f", 0, 2)),
        (Segment("f", 2, None),),
    ]
    assert [p.index for p in parts] == list(range(7))
    # the last segment of a file is open: a low count loses nothing
    assert next(plan(_indexed(("a", 1)), 5)).segments == (Segment("a", 0, None),)
    limited = list(plan(_indexed(("a", 5), ("b", 9)), 2, limit=3))
    assert [s for p in limited for s in p.segments] == [Segment("a", 0, 2), Segment("a", 2, 4)]
    anchored = FileIndex("a", 10, ((3, 30, 4), (6, 60, 8)))
    starts = [(s.start, s.anchor) for p in plan([anchored], 4) for s in p.segments]
    assert starts == [(0, None), (4, (3, 30, 4)), (8, (6, 60, 8))]


@pytest.mark.parametrize(
    ("hints", "threads", "limit", "seekable", "expected"),
    [
        ([1000], 2, None, True, 32),  # sixteen partitions per worker thread
        ([600], 2, None, True, 20),  # never below 20
        ([3, 1], 8, None, True, 20),
        ([10**6], 2, 800, True, 25),  # the limit counts, not the whole file
        ([5000], 2, None, True, 32),  # no bigger for a larger input: the driver holds one
        ([10**6, None], 64, None, True, 32),
        ([5000], 2, None, False, 157),  # each partition of a .gz reads it from the start
        ([10**6], 2, None, False, 500),
    ],
)
def test_partition_size_by_default_balances_small_inputs_and_stays_small(
    hints: list[int | None], threads: int, limit: int | None, seekable: bool, expected: int
) -> None:
    assert auto_size(hints, threads=threads, limit=limit, seekable=seekable) == expected


def test_partitions_read_the_same_items_as_the_whole_file(tmp_path: Path) -> None:
    inputs = _messy(tmp_path / "in")
    seekable = tmp_path / "in" / "seek.jsonl"  # blank lines, bad lines, long ones
    seekable.write_text(
        "".join(
            ("\n" * (n % 3)) + (json.dumps({"text": "x" * n}) if n % 5 else "{bad") + "\n"
            for n in range(40)
        ),
        encoding="utf-8",
    )
    files = sorted(Path(inputs[0]).iterdir())
    for path in files:
        whole = list(Ingestor()._records(path))
        index = index_file(path, every=3)
        assert index.count is None or index.count >= len(whole) - 1
        assert bool(index.anchors) == (path.name in ("one.jsonl", "seek.jsonl"))
        for size in (1, 2, 3, 7):
            low = FileIndex(str(path), len(whole) - 1, index.anchors)  # a count too low
            got = [item for p in plan([low], size) for item in read_partition(Ingestor(), p)]
            assert got == whole, (path.name, size)
    extra = Partition(0, (Segment(str(files[0]), 99, None),), 0)
    assert list(read_partition(Ingestor(), extra)) == []  # a count too high: empty


@pytest.mark.parametrize("size", [1, 2, 5, 500])
def test_cluster_gives_the_records_of_one_process(
    tmp_path: Path, client: distributed.Client, size: int
) -> None:
    inputs = _messy(tmp_path / "in")
    expected = _local(inputs)
    seen: list[tuple[int, int]] = []
    got = list(
        cluster_process(
            inputs,
            client,
            model=build_tiny_nlp,
            batch_size=2,
            partition_size=size,
            on_partition=lambda done, total: seen.append((done, total)),
        )
    )
    assert got == expected
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1] > 0
    # the rules were at work: renamed ids, duplicates across partitions, rejects
    ids = [getattr(getattr(r, "article", r), "article_id", None) for r in got]
    assert {"a~2", "a~3", "a~4"} <= set(ids)
    assert any(getattr(r, "status", "").startswith("duplicate_of:") for r in got)


def test_limit_stops_where_one_process_stops(tmp_path: Path, client: distributed.Client) -> None:
    inputs = _messy(tmp_path / "in")
    expected = _local(inputs)[:9]
    got = list(cluster_process(inputs, client, model=build_tiny_nlp, partition_size=2, limit=9))
    assert got == expected


def _same_files(a: Path, b: Path) -> list[str]:
    """The files of two output folders that differ (the manifest and the store's binary
    file, which hold times, aside); the names compared come first."""
    names = sorted(
        p.name
        for p in a.iterdir()
        if p.is_file() and p.name != "manifest.json" and not p.name.startswith("newsclaims.")
    )
    assert "claims.csv" in names and "entities.jsonl" in names
    return [n for n in names if (a / n).read_bytes() != (b / n).read_bytes()]


def test_run_tables_are_byte_identical(tmp_path: Path, client: distributed.Client) -> None:
    """``run(cluster=...)`` writes the same bytes as a one-process run, and a second run on
    the cluster finds the dataset unchanged."""
    from newsclaims.runner import run

    inputs = _messy(tmp_path / "in")[:2]
    run(inputs, tmp_path / "local", language=build_tiny_nlp())
    analysis = ClusterAnalysis(client, build_tiny_nlp, partition_size=3)
    analysis.load()
    stats = run(inputs, tmp_path / "dask", cluster=analysis)  # type: ignore[call-arg]
    assert stats.analysed > 5
    assert _same_files(tmp_path / "local", tmp_path / "dask") == []
    again = run(inputs, tmp_path / "dask", cluster=analysis)  # type: ignore[call-arg]
    assert again.new == again.changed == 0 and again.unchanged > 5
    assert _same_files(tmp_path / "local", tmp_path / "dask") == []


def test_workers_read_url_inputs_themselves(tmp_path: Path, client: distributed.Client) -> None:
    """Inputs named by URL (``file://`` here, ``s3://`` alike through fsspec) are listed by
    the driver and read, partition by partition, by the workers: the same tables as one
    process reading the same URLs."""
    from newsclaims.runner import run

    folder = Path(_messy(tmp_path / "in")[0])
    inputs = [folder.as_uri() + "/", folder.as_uri() + "/missing.jsonl"]
    run(inputs, tmp_path / "local", language=build_tiny_nlp())
    analysis = ClusterAnalysis(client, build_tiny_nlp, partition_size=2)
    analysis.load()
    stats = run(inputs, tmp_path / "dask", cluster=analysis)  # type: ignore[call-arg]
    assert stats.analysed > 5 and analysis.partitions > 3
    assert _same_files(tmp_path / "local", tmp_path / "dask") == []
    sources = (tmp_path / "dask" / "rejects.csv").read_text(encoding="utf-8")
    assert folder.as_uri() + "/one.jsonl,line 7," in sources
    assert folder.as_uri() + "/missing.jsonl,input,no such file or directory" in sources


def test_a_rerun_parses_nothing_the_dataset_holds(
    tmp_path: Path, client: distributed.Client
) -> None:
    """Workers skip the bodies the dataset holds (broadcast once), with ids renamed across
    partitions and files; a new dump is parsed alone; every table stays the local run's."""
    from newsclaims.runner import run

    inputs = _messy(tmp_path / "in")[:2]
    extra = tmp_path / "extra.jsonl"
    extra.write_text(
        json.dumps({"id": "a", "text": "Rutte zegt dat er 7 nieuwe windmolens komen."}) + "\n",
        encoding="utf-8",
    )
    analysis = ClusterAnalysis(client, build_tiny_nlp, partition_size=3)
    analysis.load()
    first = run(inputs, tmp_path / "dask", cluster=analysis)  # type: ignore[call-arg]
    # workers also parse bodies that repeat one of an earlier partition (dropped later)
    assert analysis.analysed >= first.analysed > 5 and analysis.held == 0
    again = run(inputs, tmp_path / "dask", cluster=analysis)  # type: ignore[call-arg]
    assert again.analysed == 0 and again.unchanged == first.articles
    assert analysis.analysed == analysis.on_demand == 0
    assert analysis.held >= first.analysed
    run(inputs, tmp_path / "local", language=build_tiny_nlp())
    assert _same_files(tmp_path / "local", tmp_path / "dask") == []
    more = run([*inputs, str(extra)], tmp_path / "dask", cluster=analysis)  # type: ignore[call-arg]
    assert more.analysed == 1 and (analysis.analysed, analysis.on_demand) == (1, 0)
    run([*inputs, str(extra)], tmp_path / "local", language=build_tiny_nlp())
    assert _same_files(tmp_path / "local", tmp_path / "dask") == []
    rebuilt = run(inputs, tmp_path / "dask", cluster=analysis, rebuild=True)  # type: ignore[call-arg]
    assert analysis.held == 0 and rebuilt.analysed >= first.analysed


def test_held_bodies_are_found_by_text() -> None:
    import hashlib

    from newsclaims.cluster_worker import HeldBodies

    texts = ["een", "twee", "drie"]
    held = HeldBodies.of(hashlib.sha1(t.encode()).hexdigest() for t in texts[:2])
    assert len(held) == 2 and "een" in held and "twee" in held
    assert "drie" not in held and None not in held and "drie" not in HeldBodies.of([])


@Language.factory("newsclaims_test_crash", default_config={"marker": ""})
def _make_crash(nlp: Language, name: str, marker: str) -> object:
    """Kills its worker process at its second document, once per marker file."""
    seen = [0]

    def crash(doc: Doc) -> Doc:
        seen[0] += 1
        if seen[0] == 2 and not Path(marker).exists():
            Path(marker).write_text(str(os.getpid()), encoding="utf-8")
            os._exit(1)
        return doc

    return crash


@dataclass(frozen=True)
class CrashingTiny:
    """The tiny pipeline with a component that kills the worker in mid-partition once."""

    marker: str

    def __call__(self) -> Language:
        language = build_tiny_nlp()
        language.add_pipe("newsclaims_test_crash", config={"marker": self.marker})
        return language


def test_a_worker_killed_mid_partition_loses_nothing(
    tmp_path: Path, client: distributed.Client
) -> None:
    inputs = _messy(tmp_path / "in")
    expected = _local(inputs)
    marker = tmp_path / "killed"
    loader = CrashingTiny(str(marker))
    got = list(cluster_process(inputs, client, model=loader, partition_size=4, batch_size=2))
    assert marker.exists(), "no worker was killed"
    assert got == expected


def test_local_workers_keep_glibcs_own_memory_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    """``--cluster local:N`` starts its workers without the nanny's MALLOC_TRIM_THRESHOLD_
    (which cost the workers a sixth more CPU in page faults), and with its other settings.
    A nanny writes its settings into the starting process's own environment, which every
    later worker inherits: the module's other cluster did, a command line run has none."""
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    with connect("local:1") as client:
        env = client.run(lambda: {k: os.environ.get(k) for k in _ENV})
    assert list(env.values()) == [{"MALLOC_TRIM_THRESHOLD_": None, "OPENBLAS_NUM_THREADS": "1"}]


_ENV = ("MALLOC_TRIM_THRESHOLD_", "OPENBLAS_NUM_THREADS")


def test_model_specs_and_descriptions(
    client: distributed.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DASK_SCHEDULER_ADDRESS", raising=False)
    assert model_key(None) == "model:None"
    assert model_key(build_tiny_nlp).endswith(":build_tiny_nlp")
    assert model_key(CrashingTiny("x")) != model_key(CrashingTiny("y"))
    assert describe("local:3") == "LocalCluster with 3 worker processes"
    assert "tcp://h:8786" in describe("tcp://h:8786")
    for bad in ("local:x", "local:0", "env"):
        with pytest.raises(ClusterError), connect(bad):
            pass
    analysis = ClusterAnalysis(client, build_tiny_nlp)
    info = analysis.load()
    assert "newsclaims_claims" in info["pipeline"]


def test_a_consumer_that_skips_articles_gets_the_rest_right(
    tmp_path: Path, client: distributed.Client
) -> None:
    """As a dataset does: some articles are held already and never go to the analysis;
    others (from the store) were never in a partition and are analysed there and then."""
    from newsclaims.records import Article

    inputs = _messy(tmp_path / "in")
    expected = [r for n, r in enumerate(_local(inputs)) if n % 3]
    analysis = ClusterAnalysis(client, build_tiny_nlp, partition_size=3, keep=2)
    records = (r for n, r in enumerate(analysis.records(inputs)) if n % 3)
    assert list(analysis.analyse(records)) == expected
    stored = Article("s1", "store", "row 1", "Wiebes zegt dat 12 mensen komen.", "2019-01-02")
    assert list(analysis.analyse([stored])) == list(process([stored], build_tiny_nlp()))
    assert not analysis._outcomes or len(analysis._outcomes) <= 2


def test_a_run_without_cluster_never_imports_dask(tmp_path: Path) -> None:
    """Nor fsspec: without a URL among the inputs the default path stays as it was."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from conftest import build_tiny_nlp\n"
        "from newsclaims.cli import app\n"
        "from newsclaims.runner import run\n"
        f"run([{str(DATA)!r}], __import__('pathlib').Path({str(tmp_path / 'out')!r}),"
        " language=build_tiny_nlp())\n"
        "assert not {'dask', 'distributed', 'fsspec'} & set(sys.modules), 'imported'\n"
    )
    tests = str(Path(__file__).resolve().parent)
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tests, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]


def test_command_line_cluster_gives_the_same_tables(
    tmp_path: Path, client: distributed.Client
) -> None:
    """``newsclaims run --cluster ADDRESS`` against a running scheduler (the module's)."""
    from typer.testing import CliRunner

    from newsclaims.cli import app

    model = tmp_path / "tiny"
    build_tiny_nlp().to_disk(model)
    runner = CliRunner()
    common = ["run", str(DATA), "--model", str(model), "--no-progress"]
    local = runner.invoke(app, [*common, "--out", str(tmp_path / "a")])
    address = str(client.scheduler.address)
    dask = runner.invoke(
        app, [*common, "--out", str(tmp_path / "b"), "--cluster", address, "--partition-size", "2"]
    )
    assert local.exit_code == 0 and dask.exit_code == 0, dask.output
    assert _same_files(tmp_path / "a", tmp_path / "b") == []
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["settings"]["cluster"]["workers"] == 2
    both = runner.invoke(app, [*common, "--cluster", address, "--processes", "2"])
    assert both.exit_code == 2
