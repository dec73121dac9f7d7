"""Inputs named by URL (``newsclaims.urls``): expanded and read like local files.

fsspec's in-memory file system stands in for an object store: the same calls reach it as
reach ``s3://`` through ``s3fs`` (listing, globbing, ranged reads with ``seek``).
"""

from __future__ import annotations

import gzip
import json
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

fsspec = pytest.importorskip("fsspec")

from conftest import build_tiny_nlp  # noqa: E402

from newsclaims.ingest import Ingestor, count_records, find_inputs  # noqa: E402
from newsclaims.partitions import FileIndex, index_file, plan, read_partition  # noqa: E402
from newsclaims.runner import describe_input, run  # noqa: E402
from newsclaims.urls import RemoteFile, input_path, is_url  # noqa: E402

BODY = "Volgens Eric Wiebes gaan er in 2030 zo'n {} windmolens in Zeeland staan."


@pytest.fixture
def bucket() -> Iterator[str]:
    """A fresh folder in fsspec's memory file system, removed afterwards."""
    fs = fsspec.filesystem("memory")
    root = f"/news-{uuid.uuid4().hex[:8]}"
    yield f"memory://{root}"
    if fs.exists(root):
        fs.rm(root, recursive=True)


def _put(url: str, data: bytes) -> None:
    with fsspec.open(url, "wb") as fh:
        fh.write(data)


def _lines(n: int) -> bytes:
    """``n`` JSON Lines records, ids r0, r1, ..."""
    records = [{"id": f"r{i}", "text": BODY.format(i), "date": "2019-03-01"} for i in range(n)]
    return "".join(json.dumps(r) + "\n" for r in records).encode()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("s3://archief/nos/2019.jsonl.gz", True),
        ("gs://bucket/news/", True),
        ("file:///data/news.jsonl", True),
        ("simplecache::s3://archief/x.jsonl", True),
        ("https://example.org/dump.jsonl", True),
        ("data/news.jsonl", False),
        ("/data/news.jsonl", False),
        ("C:\\news\\dump.jsonl", False),
        ("nieuws: archief.jsonl", False),
    ],
)
def test_what_counts_as_a_url(text: str, expected: bool) -> None:
    assert is_url(text) is expected
    assert isinstance(input_path(text), RemoteFile if expected else Path)


@pytest.mark.parametrize(
    ("url", "name", "suffix"),
    [
        ("s3://archief/nos/2019.jsonl.gz", "2019.jsonl.gz", ".gz"),
        ("https://example.org/dump.jsonl?sig=abc", "dump.jsonl", ".jsonl"),
        ("memory:///a/b", "b", ""),
    ],
)
def test_a_remote_file_is_named_as_a_path_would_be(url: str, name: str, suffix: str) -> None:
    assert (RemoteFile(url).name, RemoteFile(url).suffix, str(RemoteFile(url))) == (
        name,
        suffix,
        url,
    )


def test_a_folder_url_is_walked_like_a_local_folder(bucket: str) -> None:
    _put(f"{bucket}/2019/b.jsonl", _lines(2))
    _put(f"{bucket}/2019/a.txt", b"Een tekst.")
    _put(f"{bucket}/notes.md", b"# geen nieuws")  # not a supported type: not listed
    _put(f"{bucket}/.hidden/c.jsonl", _lines(1))
    _put(f"{bucket}/out/manifest.json", b"{}")  # an output set: never read back
    _put(f"{bucket}/out/datapackage.json", b"{}")
    _put(f"{bucket}/out/claims.csv", b"a,b\n")
    found = find_inputs([f"{bucket}/"])
    names = [str(f).split(bucket.removeprefix("memory://"))[1] for f in found.files]
    assert names == ["/2019/a.txt", "/2019/b.jsonl"]
    assert all(isinstance(f, RemoteFile) for f in found.files)
    assert found.problems == []
    assert [s.rsplit("/", 1)[-1] for s in found.skipped] == ["out (output folder)"]


@pytest.mark.parametrize(
    ("suffix", "reason"),
    [
        ("/nothing.jsonl", "no such file or directory"),
        ("/*.csv", "glob matches no files"),
    ],
)
def test_a_url_that_names_nothing_is_a_reject(bucket: str, suffix: str, reason: str) -> None:
    _put(f"{bucket}/a.jsonl", _lines(1))
    found = find_inputs([bucket + suffix])
    assert found.files == []
    assert [(p.source, p.record, p.reason) for p in found.problems] == [
        (bucket + suffix, "input", reason)
    ]


def test_a_scheme_nothing_can_read_is_a_reject_that_says_so() -> None:
    found = find_inputs(["nosuchscheme://bucket/news.jsonl"])
    assert found.files == []
    assert "nosuchscheme" in found.problems[0].reason


def test_without_fsspec_a_url_is_a_reject_that_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "fsspec.core", None)  # as if it were not installed
    found = find_inputs(["s3://archief/nos/2019.jsonl"])
    assert found.files == []
    assert "pip install 'newsclaims[cluster]'" in found.problems[0].reason


def test_a_glob_url_lists_its_files_in_order(bucket: str) -> None:
    _put(f"{bucket}/b.jsonl", _lines(1))
    _put(f"{bucket}/a.jsonl", _lines(1))
    _put(f"{bucket}/c.txt", b"Tekst.")
    found = find_inputs([f"{bucket}/*.jsonl"])
    assert [f.name for f in found.files] == ["a.jsonl", "b.jsonl"]


def test_partitions_of_a_remote_file_seek_and_read_the_same_items(bucket: str) -> None:
    url = f"{bucket}/big.jsonl"
    _put(url, _lines(25).replace(b"\n", b"\n\n", 3) + b"{bad\n")
    whole = list(Ingestor()._records(input_path(url)))
    index = index_file(input_path(url), every=4)
    assert index.count == 26 and index.anchors  # seekable: workers start mid-file
    for size in (1, 3, 7):
        got = [item for p in plan([index], size) for item in read_partition(Ingestor(), p)]
        assert got == whole, size
    assert [i.source for i in whole[:1]] == [url]


def test_compressed_and_counted(bucket: str) -> None:
    url = f"{bucket}/dump.jsonl.gz"
    _put(url, gzip.compress(_lines(3)))
    items = list(Ingestor()._records(RemoteFile(url)))
    assert [getattr(i, "fields", {}).get("id") for i in items] == ["r0", "r1", "r2"]
    assert index_file(RemoteFile(url)) == FileIndex(url, 3)  # counted where it is read
    assert count_records([RemoteFile(url)]) == 3


def test_the_manifest_lists_a_remote_input_without_reading_it_again(bucket: str) -> None:
    url = f"{bucket}/a.jsonl"
    _put(url, _lines(2))
    entry = describe_input(RemoteFile(url))
    assert entry["path"] == url and entry["bytes"] == len(_lines(2))
    assert "sha256" not in entry
    assert describe_input(RemoteFile(f"{bucket}/gone.jsonl"))["unreadable"]


def test_a_run_over_a_url_gives_the_tables_of_the_same_files_on_disk(
    bucket: str, tmp_path: Path
) -> None:
    local = tmp_path / "in"
    local.mkdir()
    (local / "a.jsonl").write_bytes(_lines(4) + b"not json\n")
    (local / "b.txt").write_text(" date 2019-10 \n" + BODY.format(7), encoding="utf-8")
    for f in local.iterdir():
        _put(f"{bucket}/{f.name}", f.read_bytes())
    run([str(local)], tmp_path / "disk", language=build_tiny_nlp())
    stats = run([bucket], tmp_path / "url", language=build_tiny_nlp())
    assert stats.analysed == 5 and stats.rejects == 1
    for name in ("claims", "entities", "mentions", "quotes", "sentences"):
        for ext in ("csv", "jsonl"):
            disk = (tmp_path / "disk" / f"{name}.{ext}").read_bytes()
            assert (tmp_path / "url" / f"{name}.{ext}").read_bytes() == disk, name
    # the same ids; the source names the URL the record came from
    disk_rows = (tmp_path / "disk" / "articles.csv").read_text(encoding="utf-8")
    url_rows = (tmp_path / "url" / "articles.csv").read_text(encoding="utf-8")
    assert url_rows == disk_rows.replace(str(local), "memory://" + bucket.split("://")[1])
