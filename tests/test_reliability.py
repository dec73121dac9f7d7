"""Issue 11, "nothing lost at dump scale": every bad-input, fault and repetition case.

Each case asserts the accounting (articles + rejects = records in), a specific reason,
and for runs: the exit code the README documents and a previous set left intact.
"""

from __future__ import annotations

import csv
import errno
import gzip
import json
import os
import shutil
import signal
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from newsclaims import cli, nlp, outdir
from newsclaims import runner as runmod
from newsclaims.ingest import read_articles
from newsclaims.outdir import OutputFolder, OutputLocked
from newsclaims.records import Article, Reject
from newsclaims.tables import SET_FILES, OutputSet
from tests.conftest import build_tiny_nlp

runner = CliRunner()
BODY = "Eric Wiebes zei dat zo'n 20.000 mensen in Nederland kwamen."


def _read(*paths: Path) -> tuple[list[Article], list[Reject]]:
    records = list(read_articles(paths))
    return [r for r in records if isinstance(r, Article)], [
        r for r in records if isinstance(r, Reject)
    ]


def _jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


# --- one bad record never stops a run -------------------------------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "s", "text": "ab\\ud800c"}', "text is not valid Unicode: lone surrogate U+D800"),
        ('{"id": "s", "title": "\\udc80", "text": "x"}', "title is not valid Unicode"),
        ('{"id": "s\\ud800", "text": "x"}', "id is not valid Unicode"),
        ('{"text": ' + "[" * 10_000 + "]" * 10_000 + "}", "nested too deeply"),
        ("{not json", "malformed JSON"),
        ('{"text": 1' + "0" * 5000 + "}", "malformed JSON"),
    ],
)
def test_bad_jsonl_record_is_one_reject(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(f'{{"id": "before", "text": "a"}}\n{line}\n{{"text": "after"}}\n')
    articles, rejects = _read(path)
    assert [a.text for a in articles] == ["a", "after"]
    [reject] = rejects
    assert reject.record == "line 2" and reason in reject.reason
    reject.article_id and reject.article_id.encode("utf-8")  # writable


def test_overflowing_date_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "d.jsonl", [{"text": "x", "date": "1 Jan 2019 99999999999999999999:00:00"}]
    )
    [article], [] = _read(path)
    assert article.date is None and "unparseable date" in article.warnings[0]


def _damaged_gzip(tmp_path: Path, n: int = 400) -> tuple[Path, int]:
    text = "".join(
        json.dumps({"id": f"g{i}", "text": f"Artikel {i}. " * 30}) + "\n" for i in range(n)
    )
    data = bytearray(gzip.compress(text.encode(), mtime=0))
    for i in range(len(data) // 2, len(data) // 2 + 8):
        data[i] ^= 0x5A
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(bytes(data))
    return path, n


@pytest.mark.parametrize("cut", ["damaged", "truncated"])
def test_damaged_gzip_keeps_records_before_the_damage(tmp_path: Path, cut: str) -> None:
    if cut == "damaged":
        path, n = _damaged_gzip(tmp_path)
    else:
        n = 300
        text = "".join(json.dumps({"text": f"Artikel {i}."}) + "\n" for i in range(n))
        path = tmp_path / "cut.jsonl.gz"
        path.write_bytes(gzip.compress(text.encode())[:-200])
    articles, rejects = _read(path)
    assert len(articles) > 0.25 * n  # what came before the damage is kept
    last = rejects[-1]
    assert last.record == f"after line {len(articles) + len(rejects) - 1}"
    assert "damaged gzip stream (detected at byte" in last.reason
    assert len(articles) + len(rejects) <= n + 1


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("nul.txt", b"\x00" * 500, "binary file, not text: NUL byte at offset 0"),
        ("nul.jsonl", b"\x00" * 500, "binary file"),
        ("img.csv", b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
        ("u16.txt", "Hallo".encode("utf-16"), "UTF-16"),
        ("notgz.jsonl.gz", b"plain text", "not a readable gzip file"),
        ("empty.jsonl", b"\n\n", "empty file"),
        ("empty.csv", b"", "empty CSV file"),
        ("head.csv", b"id,text\n", "header but no rows"),
        ("obj.json", b'{"a": 1}', "empty body"),
    ],
)
def test_files_that_hold_no_articles_are_rejected(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    (tmp_path / name).write_bytes(content)
    articles, [reject] = _read(tmp_path / name)
    assert articles == [] and reason in reject.reason


def test_unreadable_file_is_rejected_and_the_manifest_lists_it(
    tmp_path: Path, tiny_nlp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "in").mkdir()
    good = _jsonl(tmp_path / "in" / "good.jsonl", [{"text": BODY}])
    secret = tmp_path / "in" / "secret.jsonl"
    secret.write_text('{"text": "geheim"}\n')

    def denied(path: Path, *args: object, **kwargs: object) -> object:
        if path.name == "secret.jsonl":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    real_open = Path.open
    monkeypatch.setattr(Path, "open", denied)
    stats = runmod.run([str(tmp_path / "in")], tmp_path / "out", language=tiny_nlp)
    monkeypatch.undo()
    assert (stats.analysed, stats.rejects) == (1, 1)
    [reject] = [json.loads(x) for x in (tmp_path / "out" / "rejects.jsonl").open()]
    assert reject["reason"] == "cannot read file: Permission denied"
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    entries = {Path(e["path"]).name: e for e in manifest["inputs"]}
    assert entries["secret.jsonl"] == {"path": str(secret), "unreadable": "Permission denied"}
    assert entries["good.jsonl"]["path"] == str(good) and len(entries["good.jsonl"]["sha256"]) == 64


# --- ids ------------------------------------------------------------------------------


def test_ids_are_unique_whatever_the_input(tmp_path: Path) -> None:
    ids: list[object] = ["a~2", "a", "a", "a~3", True, ["x"], 7, 7.5, None]
    path = _jsonl(
        tmp_path / "d.jsonl", [{"id": i, "text": f"tekst {n}"} for n, i in enumerate(ids)]
    )
    articles, [] = _read(path)
    got = [a.article_id for a in articles]
    assert got == ["a~2", "a", "a~3", "a~3~2", "true", '["x"]', "7", "7.5", "d-9"]
    assert len(set(got)) == len(got)
    assert got == [a.article_id for a in _read(path)[0]]  # deterministic


# --- CSV ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "texts", "reasons"),
    [
        (
            'id;text\n1;"Hallo, wereld; echt"\n2;Twee, drie\n',
            ["Hallo, wereld; echt", "Twee, drie"],
            [],
        ),
        ("id\ttext\n1\tEen, twee\n", ["Een, twee"], []),
        ("1,Hallo wereld\n2,Nog een\n", [], ["no header row", "no header row"]),
        (
            'id,text\n1,"abc\n2,def\n3,ghi\n',
            ["def", "ghi"],
            ["unterminated quote: the record starting at line 2"],
        ),
        ('id,text\n1,"ab"c\n2,ok\n', ["ok"], ["malformed CSV at line 2"]),
        ("id,titel\n1,a\n2,b\n", [], ["no text column", "no text column"]),
    ],
)
def test_csv_dialects_and_damage(
    tmp_path: Path, content: str, texts: list[str], reasons: list[str]
) -> None:
    path = tmp_path / "d.csv"
    path.write_text(content, encoding="utf-8")
    articles, rejects = _read(path)
    assert [a.text for a in articles] == texts
    assert len(rejects) == len(reasons)
    for reject, reason in zip(rejects, reasons, strict=True):
        assert reason in reject.reason and str(path) == reject.source


def test_json_array_is_read_item_by_item(tmp_path: Path) -> None:
    items = [{"id": f"j{i}", "text": "x" * 70_000 + str(i)} for i in range(3)] + [5]
    (tmp_path / "a.json").write_text(json.dumps(items, indent=1), encoding="utf-8")
    articles, [reject] = _read(tmp_path / "a.json")
    assert [a.article_id for a in articles] == ["j0", "j1", "j2"]
    assert (reject.record, reject.reason) == ("item 4", "JSON value is a int, not an object")
    (tmp_path / "b.json").write_text('[{"text": "een"}, {"text": ', encoding="utf-8")
    [_article], [broken] = _read(tmp_path / "b.json")
    assert broken.record == "after item 1" and "rest of file not read" in broken.reason


# --- the output folder ------------------------------------------------------------------


def _set(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def _hidden(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith("."))


@pytest.fixture
def previous(tmp_path: Path, tiny_nlp: object) -> tuple[Path, Path, dict[str, bytes]]:
    """An input folder and an output folder that already holds a run's set."""
    inp = tmp_path / "in"
    inp.mkdir()
    _jsonl(inp / "a.jsonl", [{"id": "a", "text": BODY}])
    out = tmp_path / "out"
    runmod.run([str(inp)], out, language=tiny_nlp)
    _jsonl(inp / "a.jsonl", [{"id": "b", "text": BODY + " Anders."}])
    return inp, out, _set(out)


def test_out_inside_the_input_folder_is_never_read(tmp_path: Path, tiny_nlp: object) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    _jsonl(inp / "a.jsonl", [{"text": BODY}, {"text": "Tweede."}])
    (inp / "old").mkdir()
    for _ in range(3):
        stats = runmod.run([str(inp)], inp / "out", language=tiny_nlp)
        assert stats.records == 2
    runmod.run([str(inp)], inp / "old", language=tiny_nlp)
    assert runmod.run([str(inp)], inp / "out", language=tiny_nlp).records == 2  # nor old/
    assert (
        runmod.run(
            [str(inp / "out" / "articles.jsonl"), str(inp / "a.jsonl")],
            inp / "out",
            language=tiny_nlp,
        ).rejects
        == 1
    )


def _count_renames(monkeypatch: pytest.MonkeyPatch, out: Path, inp: Path, lang: object) -> int:
    calls: list[tuple[str, str]] = []
    real = outdir._rename

    def counting(a: Path, b: Path) -> None:
        calls.append((str(a), str(b)))
        real(a, b)

    monkeypatch.setattr(outdir, "_rename", counting)
    runmod.run([str(inp)], out, language=lang)
    monkeypatch.setattr(outdir, "_rename", real)
    return len(calls)


def test_commit_failure_at_each_rename_leaves_the_previous_set(
    previous: tuple[Path, Path, dict[str, bytes]], tiny_nlp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    inp, out, before = previous
    n = len(SET_FILES) * 2  # the old set aside (manifest first), the new set in (manifest last)
    real = outdir._rename
    for fail_at in range(n):

        def failing(a: Path, b: Path, fail_at: int = fail_at, seen: list[int] = [0]) -> None:  # noqa: B006
            if seen[0] == fail_at:
                raise OSError(errno.EIO, "injected failure")
            seen[0] += 1
            real(a, b)

        monkeypatch.setattr(outdir, "_rename", failing)
        with pytest.raises(OSError, match="injected"):
            runmod.run([str(inp)], out, language=tiny_nlp)
        assert _set(out) == before, f"set changed after a failure at rename {fail_at}"
    monkeypatch.setattr(outdir, "_rename", real)
    assert _count_renames(monkeypatch, out, inp, tiny_nlp) == n
    assert b'"b"' in (out / "articles.jsonl").read_bytes() and _hidden(out) == []


@pytest.mark.parametrize("crash_at", [0, 1, 16, 17, 18, 32, 33])
def test_crash_at_a_rename_is_rolled_back_by_the_next_run(
    previous: tuple[Path, Path, dict[str, bytes]],
    tiny_nlp: object,
    monkeypatch: pytest.MonkeyPatch,
    crash_at: int,
) -> None:
    inp, out, before = previous
    real, seen = outdir._rename, [0]

    class Crash(BaseException):
        pass

    def crashing(a: Path, b: Path) -> None:
        if seen[0] == crash_at:
            raise Crash
        seen[0] += 1
        real(a, b)

    monkeypatch.setattr(outdir, "_rename", crashing)
    monkeypatch.setattr(outdir, "rollback", lambda *_: None)  # as if killed: no clean-up
    monkeypatch.setattr(outdir.shutil, "rmtree", lambda *_a, **_k: None)
    with pytest.raises(Crash):
        runmod.run([str(inp)], out, language=tiny_nlp)
    monkeypatch.undo()
    assert _hidden(out)  # the killed run's journal and staging are still there
    folder = OutputFolder(out, SET_FILES).open()  # what the next run does first
    folder.abort()
    assert _set(out) == before and _hidden(out) == []


def test_disk_full_names_the_path_and_leaves_nothing(
    previous: tuple[Path, Path, dict[str, bytes]], tiny_nlp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    inp, out, before = previous
    import duckdb

    from newsclaims import store

    def full(self: store.Store, sql: str) -> list[tuple]:
        raise duckdb.IOException('Could not write file "x": No space left on device')

    monkeypatch.setattr(store.Store, "_copy", full)  # every export file is a COPY
    with pytest.raises(
        OSError, match=r"cannot write .*articles\.csv(\.part)?: No space left on device"
    ):
        runmod.run([str(inp)], out, language=tiny_nlp)
    assert _set(out) == before and _hidden(out) == []


def test_second_run_into_a_locked_folder_is_refused(tmp_path: Path) -> None:
    first = OutputSet(tmp_path / "out")
    with pytest.raises(OutputLocked, match="in use by another newsclaims run"):
        OutputSet(tmp_path / "out")
    first.abort()
    OutputSet(tmp_path / "out").abort()  # free again
    assert list((tmp_path / "out").iterdir()) == []


# --- the command line -------------------------------------------------------------------


@pytest.fixture
def tiny_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI with the tiny pipeline instead of loading a model (fast, no bundled model)."""
    monkeypatch.setattr(nlp, "load", lambda *_a, **_k: build_tiny_nlp())


def test_cli_exit_codes(tmp_path: Path, tiny_cli: None) -> None:
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("id,artikeltekst\n1,Een tekst die niemand leest.\n", encoding="utf-8")
    args = ["--no-progress"]
    nothing = runner.invoke(cli.app, ["run", str(wrong), "--out", str(tmp_path / "o"), *args])
    assert nothing.exit_code == cli.EXIT_NOTHING_ANALYSED == 3
    assert "no record could be analysed: 1 records read, 1 rejected" in nothing.output
    held = OutputFolder(tmp_path / "o", SET_FILES).open()
    locked = runner.invoke(cli.app, ["run", str(wrong), "--out", str(tmp_path / "o"), *args])
    held.abort()
    assert locked.exit_code == cli.EXIT_LOCKED == 4 and "in use by another" in locked.output
    long_dir = tmp_path / ("lange-map-" * 12)
    long_dir.mkdir()
    good = _jsonl(long_dir / "goed.jsonl", [{"text": BODY}, {"text": ""}])
    ok = runner.invoke(cli.app, ["run", str(good), "--out", str(tmp_path / "o2"), *args])
    assert ok.exit_code == 0, ok.output
    assert any(str(tmp_path / "o2" / "rejects.csv") in line for line in ok.output.splitlines())


def _fork_cli(args: list[str], setup: str, err: Path, new_session: bool = False) -> int:
    """``newsclaims run ARGS`` in a forked child (spaCy already imported: no start-up
    cost), with ``setup`` run first to install hooks; returns its exit status."""
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        code = 99
        try:
            if new_session:
                os.setsid()
            fh = err.open("w", encoding="utf-8")
            os.dup2(fh.fileno(), 2)
            sys.stderr = fh
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
            real_run = runmod.run

            def patched(*a: object, **k: object) -> object:
                k["language"] = build_tiny_nlp()
                k["on_record"] = scope["on_record"]
                return real_run(*a, **k)  # type: ignore[arg-type]

            scope: dict[str, object] = {"os": os, "signal": signal, "time": time, "outdir": outdir}
            exec(textwrap.dedent(setup), scope)
            runmod.run = patched  # type: ignore[assignment]
            try:
                cli.app([*args, "--no-progress"], prog_name="newsclaims")
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
        except BaseException:
            import traceback

            traceback.print_exc()
        finally:
            sys.stderr.flush()
            os._exit(code)
    return pid


def _children(jobs: list[tuple[str, list[str]]], tmp: Path, **kw: bool) -> list[tuple[int, str]]:
    """Run the children side by side; (exit code, stderr) each, -9 when SIGKILLed."""
    errs = [tmp / f"stderr{i}.txt" for i in range(len(jobs))]
    pids = [
        _fork_cli(["run", *args], setup, err, **kw)
        for (setup, args), err in zip(jobs, errs, strict=True)
    ]
    codes = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in pids]
    return [(code, err.read_text(encoding="utf-8")) for code, err in zip(codes, errs, strict=True)]


def _copy(out: Path, to: Path) -> Path:
    shutil.copytree(out, to)
    return to


HOOK = "def on_record(stats):\n    {}\n"
KILL_IN_COMMIT = """
real, seen = outdir._rename, [0]
def killing(a, b):
    if seen[0] == 17:  # old set moved aside, the new one not yet in
        os.kill(os.getpid(), signal.SIGKILL)
    seen[0] += 1
    real(a, b)
outdir._rename = killing
def on_record(stats):
    pass
"""


def test_signals_and_kills_leave_the_previous_set_and_the_next_run_cleans_up(
    previous: tuple[Path, Path, dict[str, bytes]], tmp_path: Path, tiny_nlp: object
) -> None:
    inp, out, before = previous
    cases = [
        (HOOK.format("os.kill(os.getpid(), signal.SIGINT)"), 130, "interrupted"),
        (HOOK.format("os.kill(os.getpid(), signal.SIGTERM)"), 143, "terminated"),
        (HOOK.format("os.kill(os.getpid(), signal.SIGKILL)"), -9, ""),
        (KILL_IN_COMMIT, -9, ""),
    ]
    outs = [_copy(out, tmp_path / f"out{i}") for i in range(len(cases))]
    jobs = [
        (body, [str(inp), "--out", str(o)]) for (body, _, _), o in zip(cases, outs, strict=True)
    ]
    results = _children(jobs, tmp_path)
    for (_, code, message), o, (got, stderr) in zip(cases, outs, results, strict=True):
        assert got == code, stderr
        assert "Traceback" not in stderr
        if message:  # one unwrapped line, clean-up done
            assert stderr.count("\n") == 1 and message in stderr and _hidden(o) == []
            assert _set(o) == before
        else:
            assert _hidden(o)  # SIGKILL: no clean-up possible, the next run does it
        runmod.run([str(inp)], o, language=tiny_nlp)
        assert b'"b"' in (o / "articles.jsonl").read_bytes() and _hidden(o) == []


def test_two_concurrent_runs(previous: tuple[Path, Path, dict[str, bytes]], tmp_path: Path) -> None:
    inp, out, _ = previous
    slow = HOOK.format("time.sleep(1)")
    results = sorted(_children([(slow, [str(inp), "--out", str(out)])] * 2, tmp_path))
    assert [code for code, _ in results] == [0, 4], results
    assert "in use by another newsclaims run" in results[1][1]
    manifest = json.loads((out / "manifest.json").read_text())
    assert {n: (out / n).stat().st_size for n in manifest["files"]} == manifest["files"]
    assert _hidden(out) == []


def test_sigint_with_worker_processes_prints_no_worker_traceback(
    previous: tuple[Path, Path, dict[str, bytes]], tmp_path: Path
) -> None:
    inp, out, before = previous
    _jsonl(inp / "more.jsonl", [{"text": f"{BODY} {i}"} for i in range(40)])
    hook = HOOK.format("stats.records == 3 and os.killpg(0, signal.SIGINT)")
    args = [str(inp), "--out", str(out), "--processes", "2", "--batch-size", "2"]
    [(code, stderr)] = _children([(hook, args)], tmp_path, new_session=True)
    assert code == 130, stderr
    assert "Traceback" not in stderr and stderr.count("\n") == 1
    assert _set(out) == before and _hidden(out) == []


# --- fuzz: no exception escapes, every record accounted for -----------------------------

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
_records = st.dictionaries(
    st.sampled_from(["id", "text", "title", "date", "body", "url", "x"]), _json_values, max_size=5
)
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(
    data=st.binary(max_size=400),
    name=st.sampled_from(["a.txt", "a.jsonl", "a.json", "a.csv", "a.jsonl.gz", "a.csv.gz"]),
    gz=st.booleans(),
)
def test_fuzz_random_bytes(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, name: str, gz: bool
) -> None:
    path = tmp_path_factory.mktemp("fz") / name
    path.write_bytes(gzip.compress(data) if gz and name.endswith(".gz") else data)
    records = list(read_articles([path]))
    assert records and all(isinstance(r, Article | Reject) for r in records)


@FUZZ
@given(rows=st.lists(_records | _json_values, max_size=8), array=st.booleans())
def test_fuzz_json_structures(
    tmp_path_factory: pytest.TempPathFactory, rows: list[object], array: bool
) -> None:
    folder = tmp_path_factory.mktemp("fz")
    if array:
        path = folder / "a.json"
        path.write_text(json.dumps(rows), encoding="utf-8")
    else:
        path = folder / "a.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    records = list(read_articles([path]))
    assert len(records) == max(len(rows), 1)  # an empty file is one reject
    assert records[0].record in ("file", "line 1", "item 1")


@FUZZ
@given(
    rows=st.lists(
        st.lists(
            # no NUL: a file that is mostly NULs is one "binary file" reject (tested above)
            st.text(
                st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=30
            ),
            min_size=2,
            max_size=2,
        ),
        min_size=1,
        max_size=6,
    ),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_fuzz_csv_structures(
    tmp_path_factory: pytest.TempPathFactory, rows: list[list[str]], delimiter: str
) -> None:
    path = tmp_path_factory.mktemp("fz") / "a.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(["id", "text"])
        writer.writerows(rows)
    records = list(read_articles([path]))
    assert len(records) == len(rows), [(r.record, getattr(r, "reason", "")) for r in records]
    assert all(r.record == f"row {i + 2}" for i, r in enumerate(records))


def test_stray_nul_characters_are_removed_with_a_warning(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "d.jsonl", [{"text": "ab\x00c"}, {"text": "\x00\x00"}])
    [article], [reject] = _read(path)
    assert article.text == "abc" and "removed 1 NUL characters" in article.warnings[0]
    assert "empty body" in reject.reason
