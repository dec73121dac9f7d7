"""Byte streams of input files that survive damage: what was readable is kept.

``gzip.open`` loses the records decompressed just before a damaged block and raises
``zlib.error`` (not ``OSError``), which stopped whole runs. ``GzipRaw`` decompresses in
small steps, hands out every byte decoded before the damage and only then raises
``DamagedStream`` with the byte offset in the compressed file, so a reader keeps the
records before the damage and rejects the rest with a reason that says where it broke.
"""

from __future__ import annotations

import io
import zlib
from typing import BinaryIO

from newsclaims.urls import InputPath

CHUNK = 1 << 16
_RETRY_STEP = 64  # on damage, re-feed the failing chunk in steps this small to keep more
_GZIP_MAGIC = b"\x1f\x8b"


class DamagedStream(Exception):
    """A compressed stream that cannot be decoded past ``offset`` (compressed bytes)."""

    def __init__(self, offset: int, detail: str, decoded: int) -> None:
        super().__init__(
            f"damaged gzip stream (detected at byte {offset} of the compressed file, "
            f"after {decoded} bytes of content): {detail}"
        )
        self.offset = offset
        self.decoded = decoded


class GzipRaw(io.RawIOBase):
    """Decompressed bytes of a (multi-member) gzip file; raises ``DamagedStream`` only
    after every byte decoded before the damage has been read."""

    def __init__(self, fh: BinaryIO) -> None:
        self._fh = fh
        self._d = zlib.decompressobj(wbits=31)
        self._buf = bytearray()
        self._consumed = 0  # compressed bytes fed so far
        self._decoded = 0  # decompressed bytes handed out so far
        self._error: DamagedStream | None = None
        self._done = False
        self._seen_data = False

    def readable(self) -> bool:
        return True

    def readinto(self, b: memoryview | bytearray) -> int:  # type: ignore[override]
        while not self._buf:
            if self._error is not None:
                raise self._error
            if self._done:
                return 0
            self._fill()
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        del self._buf[:n]
        self._decoded += n
        return n

    def close(self) -> None:
        self._fh.close()
        super().close()

    def _damage(self, offset: int, detail: str) -> None:
        self._error = DamagedStream(offset, detail, self._decoded + len(self._buf))

    def _fill(self) -> None:
        chunk = self._fh.read(CHUNK)
        if not chunk:
            self._done = True
            if self._seen_data and not self._d.eof:
                self._damage(self._consumed, "the file ends in the middle of the stream")
            return
        self._seen_data = True
        self._feed(chunk)

    def _feed(self, data: bytes) -> None:
        while data:
            if self._d.eof:  # next member; NUL padding after the last one is tolerated
                rest = data.lstrip(b"\x00")
                self._consumed += len(data) - len(rest)
                data = rest
                if not data:
                    return
                if not data.startswith(_GZIP_MAGIC[: len(data)]):
                    self._damage(self._consumed, "data after the end of the gzip stream")
                    return
                self._d = zlib.decompressobj(wbits=31)
            backup = self._d.copy()
            try:
                self._buf += self._d.decompress(data)
            except zlib.error:
                self._d = backup
                self._salvage(data)
                return
            used = len(data) - len(self._d.unused_data)
            self._consumed += used
            data = self._d.unused_data if self._d.eof else b""

    def _salvage(self, data: bytes) -> None:
        """Re-feed a chunk that failed in small steps: keep what decodes, note where not."""
        for start in range(0, len(data), _RETRY_STEP):
            piece = data[start : start + _RETRY_STEP]
            try:
                self._buf += self._d.decompress(piece)
            except zlib.error as exc:
                detail = str(exc).removeprefix("Error -3 while decompressing data: ")
                if self._consumed + start == 0:
                    detail = f"not a readable gzip file ({detail})"
                self._damage(self._consumed + start, detail)
                return
            if self._d.eof:  # a member ended inside the piece: let _feed go on
                rest = self._d.unused_data + data[start + _RETRY_STEP :]
                self._consumed += start + len(piece) - len(self._d.unused_data)
                self._feed(rest)
                return
        self._consumed += len(data)


def open_binary(path: InputPath) -> BinaryIO:
    """A buffered binary stream of the (decompressed) file, so dumps are never read whole."""
    fh = path.open("rb")
    if path.name.lower().endswith(".gz"):
        return io.BufferedReader(GzipRaw(fh), buffer_size=CHUNK)  # type: ignore[return-value]
    return fh


def read_sample(path: InputPath, size: int) -> tuple[bytes, DamagedStream | None]:
    """The first ``size`` decompressed bytes (fewer if the stream breaks first)."""
    data = bytearray()
    with open_binary(path) as stream:
        raw = getattr(stream, "raw", stream)
        try:
            while len(data) < size:
                piece = raw.read(size - len(data))
                if not piece:
                    break
                data += piece
        except DamagedStream as exc:
            return bytes(data), exc
    return bytes(data), None
