"""The output folder: one run at a time, and a run's tables appear as a set or not at all.

Analysts read ``OUT/articles.csv`` and friends by name, so the visible names stay put and
the set is switched file by file, made safe by a journal and a commit marker:

1. A run takes an exclusive ``flock`` on the folder itself (no lock file to go stale); a
   second run into the same folder is refused with ``OutputLocked``.
2. It writes every file of its set into ``OUT/.staging-<pid>-<random>/``.
3. Commit: ``OUT/.previous-<token>/commit.json`` records which files the old set and the
   new set hold; the old ``manifest.json`` is moved aside first (from here on the folder
   holds no manifest, so an incomplete set is recognisable), then the old files, then the
   new files are renamed in, and the new ``manifest.json`` last: the commit point.
4. Any failure during the commit rolls the old set back in; a run killed mid-commit is
   rolled back by the next run into the folder (``recover``), which also removes what a
   killed run left behind, under the lock.

SIGINT and SIGTERM become exceptions in the run's process (``handle_signals``), so the
clean-up above runs; forked NLP workers ignore SIGINT and leave on SIGTERM without a
traceback, and they close their copy of the lock so that it dies with the run.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import secrets
import shutil
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
JOURNAL = "commit.json"
STAGING = ".staging-"
PREVIOUS = ".previous-"
_SIGNALS = {signal.SIGINT, signal.SIGTERM}
_held_locks: set[int] = set()  # lock fds of this process, closed in forked children


def _close_locks_in_child() -> None:
    for fd in list(_held_locks):
        with contextlib.suppress(OSError):
            os.close(fd)
    _held_locks.clear()


os.register_at_fork(after_in_child=_close_locks_in_child)

# Indirection so that the reliability tests can inject a failure at each rename.
_rename = os.replace


class OutputLocked(Exception):
    """Another run holds the output folder."""


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so that ``finally``/``except`` clean-up runs."""


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def signals_blocked() -> Iterator[None]:
    """Hold SIGINT/SIGTERM back (in the main thread) while the set is being switched."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


@contextlib.contextmanager
def handle_signals() -> Iterator[None]:
    """SIGINT -> ``KeyboardInterrupt``, SIGTERM -> ``Terminated`` in this process, once.

    Handlers are inherited by forked workers: there SIGINT is ignored (the parent stops
    them in order, so no worker prints a traceback) and SIGTERM ends the worker quietly.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    owner = os.getpid()
    fired: list[int] = []

    def handler(signum: int, _frame: object) -> None:
        if os.getpid() != owner:
            if signum == signal.SIGTERM:
                os._exit(128 + signum)
            return
        if fired:
            return  # clean-up is already under way
        fired.append(signum)
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise Terminated(signum)

    previous = {sig: signal.signal(sig, handler) for sig in _SIGNALS}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


class OutputFolder:
    """The lock, the staging folder and the set commit of one run into ``out_dir``."""

    def __init__(self, out_dir: Path, set_files: Iterable[str]) -> None:
        self.out_dir = out_dir
        self.set_files = list(dict.fromkeys([*set_files, MANIFEST]))
        self.token = f"{os.getpid()}-{secrets.token_hex(4)}"
        self.staging = out_dir / f"{STAGING}{self.token}"
        self._fd: int | None = None

    def open(self) -> OutputFolder:
        """Lock the folder, clean up after earlier killed runs, create the staging folder."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.out_dir, os.O_RDONLY | os.O_DIRECTORY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise OutputLocked(
                    f"output folder {self.out_dir} is in use by another newsclaims run; "
                    f"wait for it to finish or choose another --out"
                ) from exc
            raise
        self._fd = fd
        _held_locks.add(fd)
        try:
            recover(self.out_dir, self.set_files)
            self.staging.mkdir()
        except BaseException:
            self.release()
            raise
        return self

    def release(self) -> None:
        if self._fd is not None:
            _held_locks.discard(self._fd)
            os.close(self._fd)  # closing the last fd releases the flock
            self._fd = None

    def abort(self) -> None:
        """Drop the staged set; the visible set stays as it was."""
        with signals_blocked():
            shutil.rmtree(self.staging, ignore_errors=True)
            self.release()

    def commit(self, names: list[str], on_commit: Callable[[], None] | None = None) -> None:
        """Switch the visible set to the staged files ``names`` (``manifest.json`` last).

        ``on_commit`` (the dataset store's commit) runs right after the manifest is in
        place, still under the lock: if it fails, the previous set is put back.
        """
        if MANIFEST not in names:
            raise ValueError("a set needs its manifest.json: it is the commit marker")
        with signals_blocked():
            prev = self.out_dir / f"{PREVIOUS}{self.token}"
            prev.mkdir()
            old = [n for n in self.set_files if (self.out_dir / n).exists()]
            _write_json(prev / JOURNAL, {"old": old, "new": names})
            _fsync_dir(prev)
            try:
                if MANIFEST in old:
                    _rename(self.out_dir / MANIFEST, prev / MANIFEST)
                for name in old:
                    if name != MANIFEST:
                        _rename(self.out_dir / name, prev / name)
                for name in names:
                    if name != MANIFEST:
                        _rename(self.staging / name, self.out_dir / name)
                _fsync_dir(self.out_dir)
                _rename(self.staging / MANIFEST, self.out_dir / MANIFEST)  # commit point
                _fsync_dir(self.out_dir)
                if on_commit is not None:
                    on_commit()
            except BaseException:
                rollback(self.out_dir, prev)
                raise
            else:
                shutil.rmtree(prev, ignore_errors=True)
            finally:
                shutil.rmtree(self.staging, ignore_errors=True)
                self.release()


def _write_json(path: Path, data: Any) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        json.dump(data, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def rollback(out_dir: Path, prev: Path) -> None:
    """Put the set recorded in ``prev`` back; idempotent, so a crash here is also safe."""
    try:
        journal = json.loads((prev / JOURNAL).read_text(encoding="utf-8"))
        old, new = list(journal["old"]), list(journal["new"])
    except (OSError, ValueError, KeyError, TypeError):
        old, new = [], []  # no journal: nothing was moved yet
    for name in new:
        if name not in old:
            (out_dir / name).unlink(missing_ok=True)
    for name in [n for n in old if n != MANIFEST] + [MANIFEST]:
        if (prev / name).exists():
            os.replace(prev / name, out_dir / name)
    _fsync_dir(out_dir)
    shutil.rmtree(prev, ignore_errors=True)


def recover(out_dir: Path, set_files: Iterable[str] = ()) -> list[str]:
    """Finish what killed runs left: roll back an unfinished commit, remove staging
    folders and temporary files. Call only while holding the folder's lock."""
    done: list[str] = []
    for prev in sorted(out_dir.glob(f"{PREVIOUS}*")):
        if (out_dir / MANIFEST).exists():  # the commit point was passed, or never reached
            shutil.rmtree(prev, ignore_errors=True)
            done.append(f"removed {prev.name}")
        else:
            rollback(out_dir, prev)
            done.append(f"rolled back the unfinished commit in {prev.name}")
    for staging in sorted(out_dir.glob(f"{STAGING}*")):
        shutil.rmtree(staging, ignore_errors=True)
        done.append(f"removed {staging.name}")
    names = list(set_files)
    for tmp in sorted(out_dir.glob(".*.tmp")):  # `.NAME.tmp` and `.NAME.<token>.tmp`
        base = tmp.name[1:-4]
        if any(base == n or base.startswith(f"{n}.") for n in names):
            tmp.unlink(missing_ok=True)
            done.append(f"removed {tmp.name}")
    return done
