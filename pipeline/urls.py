"""Inputs named by URL: ``s3://bucket/news/*.jsonl.gz``, ``gs://...``, ``https://...``,
``file:///archive/2019/``, read through fsspec by whoever reads them (the driver lists them,
a Dask worker reads its partition), so an archive in an object store needs no mount.

Why a small class and not fsspec's file objects throughout: the readers need three things
of an input file (its name, a binary stream that can seek, its text for the ``source``
column); a local file keeps ``pathlib.Path``, which has them, and ``RemoteFile`` gives a URL
the same three, so the readers and the partitions take either (the manifest asks the store
for a URL's size, ``describe_remote``).
fsspec is imported only when a URL is given (it comes with the ``cluster`` extra; a
backend such as ``s3fs`` or ``gcsfs`` is the user's choice, on every machine that reads).
Credentials are the backend's own (environment, ``~/.aws``, fsspec's config).

Differences from a local folder, on purpose:
- the manifest lists a remote file's size and the store's checksum (``ETag``, MD5), not a
  SHA-256: that would read the whole archive once more on the driver;
- the command line's progress bar has no end for remote inputs (counting them first on
  the driver would fetch them twice; a Dask worker counts the files it plans, as for
  local files).
"""

from __future__ import annotations

import glob
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

# "s3://b/k", "file:///x", "simplecache::s3://b/k"; never a local path (no "://" in one
# that a user types, and no Windows drive letter matches).
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+(?:://|::)")
# The files that make a folder an output set of newsclaims (never read back as input).
OUTPUT_SET_MARKERS = ("manifest.json", "datapackage.json")
# Checksums an object store reports, in the order they are taken.
_CHECKSUMS = ("ETag", "etag", "md5Hash", "md5", "crc32c", "checksum")


class UrlError(OSError):
    """A URL that cannot be read here: no fsspec, no backend for its scheme, a bad URL."""


def is_url(text: str) -> bool:
    """``s3://news/2019.jsonl`` is a URL, ``news/2019.jsonl`` and ``C:\\news`` are not."""
    return bool(_URL.match(text))


def filesystem(url: str) -> tuple[Any, str]:
    """fsspec's file system for ``url`` and the path on it; ``UrlError`` says what is missing."""
    try:
        from fsspec.core import url_to_fs
    except ImportError as exc:
        raise UrlError(
            "URL inputs need fsspec: pip install 'newsclaims[cluster]' (or fsspec)"
        ) from exc
    try:
        return url_to_fs(url)
    except ImportError as exc:  # fsspec names the package: "Install s3fs to access S3"
        raise UrlError(f"cannot read {url.split(':', 1)[0]}:// URLs here: {exc}") from exc
    except ValueError as exc:  # "Protocol not known: nosuch"
        raise UrlError(str(exc)) from exc


@dataclass(frozen=True)
class RemoteFile:
    """One input file named by URL, used where the readers take a ``Path``."""

    url: str

    def __str__(self) -> str:
        return self.url

    @property
    def name(self) -> str:
        """The last segment, as ``Path.name``: ``s3://b/2019.jsonl.gz`` -> ``2019.jsonl.gz``."""
        return self.url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name).suffix

    def open(self, mode: str = "rb") -> IO[bytes]:
        """A binary stream that can seek (fsspec reads ranges of an object as needed)."""
        if mode != "rb":
            raise ValueError("inputs are only read")
        fs, path = filesystem(self.url)
        try:
            return fs.open(path, "rb")  # type: ignore[no-any-return]
        except FileNotFoundError as exc:
            raise FileNotFoundError(2, "No such file or directory", self.url) from exc

    def info(self) -> dict[str, Any]:
        fs, path = filesystem(self.url)
        return dict(fs.info(path))


InputPath = Path | RemoteFile


def input_path(text: str) -> InputPath:
    """An input file named by ``text``, a URL or a local path (as a partition holds it)."""
    return RemoteFile(text) if is_url(text) else Path(text)


def describe_remote(file: RemoteFile) -> dict[str, Any]:
    """The manifest's entry of a remote input: its URL, size and the store's checksum."""
    info = file.info()
    entry: dict[str, Any] = {"path": file.url, "bytes": int(info.get("size") or 0)}
    checksum = next((info[k] for k in _CHECKSUMS if info.get(k)), None)
    if checksum is not None:
        entry["checksum"] = str(checksum).strip('"')
    return entry


# (files, problems as (input, reason), skipped folders)
Expansion = tuple[list[RemoteFile], list[tuple[str, str]], list[str]]


def expand_url(text: str, readable: Callable[[RemoteFile], object]) -> Expansion:
    """What one URL input names, as ``find_inputs`` expands a local one: a file, every
    file of a folder (recursively; hidden entries, output sets and files ``readable``
    rejects by name are left out), or the files a glob matches. Returns (files, problems as
    (input, reason), skipped folders).

    One listing per input, with the entries' details (no request per matched file), and a
    file is asked for before a folder: over HTTP, asking whether a dump is a folder would
    download it to look for links.
    """
    try:
        fs, path = filesystem(text)
        if glob.has_magic(path):
            listed = fs.glob(path, detail=True)
            matched = sorted(p for p, info in listed.items() if info.get("type") == "file")
            if not matched:
                return [], [(text, "glob matches no files")], []
            return [RemoteFile(fs.unstrip_protocol(p)) for p in matched], [], []
        if fs.isfile(path):
            return [RemoteFile(text)], [], []
        if fs.isdir(path):
            return _walk(fs, path, readable)
    except UrlError as exc:
        return [], [(text, str(exc))], []
    except OSError as exc:  # a store that refuses the listing (credentials, network)
        return [], [(text, f"cannot read: {exc.strerror or exc}")], []
    return [], [(text, "no such file or directory")], []


def _walk(fs: Any, top: str, readable: Callable[[RemoteFile], object]) -> Expansion:
    root = top.rstrip("/")
    found = sorted(fs.find(root))  # files only, every level
    names = set(found)
    folders = {p.rsplit("/", 1)[0] for p in found}
    outputs = [f for f in sorted(folders) if all(f"{f}/{m}" in names for m in OUTPUT_SET_MARKERS)]
    files, skipped = [], [f"{fs.unstrip_protocol(o)} (output folder)" for o in outputs]
    for p in found:
        parts = p[len(root) :].split("/")
        if any(part.startswith(".") for part in parts):
            continue
        if any(p == o or p.startswith(o + "/") for o in outputs):
            continue
        file = RemoteFile(fs.unstrip_protocol(p))
        if readable(file):
            files.append(file)
    return files, [], skipped
