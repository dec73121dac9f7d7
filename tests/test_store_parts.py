"""The per-article rows as Parquet parts (issue 13): a run's files are listed by its
transaction or by nothing, replaced rows are left out and fully replaced runs dropped,
the writer makes row groups and closes files at fixed sizes, and a moved dataset still
reads where it is."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from spacy.language import Language

import newsclaims
from newsclaims import store_parts
from newsclaims.ask import ask
from newsclaims.runner import run
from newsclaims.store import Store
from newsclaims.store_schema import DB_NAME

TEXT = 'Minister Eric Wiebes zei dat Nederland investeert. "We gaan door," zei Wiebes.'


def _dump(path: Path, texts: dict[str, str]) -> Path:
    rows = [{"id": k, "date": "2019-11-05", "text": v} for k, v in texts.items()]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _texts(n: int, tag: str = "") -> dict[str, str]:
    return {f"a{i}": f"{TEXT} Nummer {i}{tag}." for i in range(n)}


def _files(out: Path) -> set[str]:
    root = out / store_parts.PARTS_DIR
    return {p.relative_to(root).as_posix() for p in root.glob("*/run-*.parquet")}


def _three_articles(tmp_path: Path, nlp: Language) -> Path:
    """A dataset made by one run over three articles."""
    out = tmp_path / "out"
    run([str(_dump(tmp_path / "a.jsonl", _texts(3)))], out, language=nlp)
    return out


def _listed(out: Path) -> set[str]:
    with duckdb.connect(str(out / DB_NAME), read_only=True) as con:
        return {r[0] for r in con.execute("SELECT file FROM store_parts").fetchall()}


def test_a_killed_runs_files_are_listed_nowhere_and_the_next_run_deletes_them(
    tmp_path: Path, tiny_nlp: Language
) -> None:
    out = _three_articles(tmp_path, tiny_nlp)
    before = _listed(out)
    store = Store(out)  # a run that wrote its rows and was killed before its commit
    store.begin()
    store.add("articles", {"article_id": "x", "source": "s", "record": "1", "seq": 9})
    store.publish()
    store.con.close()  # no commit, no rollback: as after SIGKILL
    assert _files(out) > before == _listed(out)  # its file is there, listed nowhere
    step = out / store_parts.PARTS_DIR / store_parts.CATALOG_SCRATCH / "own.parquet"
    step.parent.mkdir(exist_ok=True)
    step.write_bytes(b"")  # a step of the catalog it was rebuilding
    Store(out).close()  # what the next run does first
    assert _files(out) == before and not step.exists()
    assert list(newsclaims.open_dataset(out).articles["article_id"]) == ["a0", "a1", "a2"]


def test_changed_articles_leave_their_old_rows_and_a_replaced_run_its_files(
    tmp_path: Path, tiny_nlp: Language
) -> None:
    out = _three_articles(tmp_path, tiny_nlp)
    first = _files(out)
    run([str(_dump(tmp_path / "b.jsonl", {"a1": TEXT + " Anders."}))], out, language=tiny_nlp)
    with duckdb.connect(str(out / DB_NAME), read_only=True) as con:
        tombstones = con.execute("SELECT article_id, run_id FROM replaced_rows").fetchall()
    assert tombstones == [("a1", 1)] and first < _files(out)  # run 1 still holds a0, a2
    mentions = newsclaims.open_dataset(out).mentions
    assert sorted(set(mentions["article_id"])) == ["a0", "a1", "a2"]
    assert len(mentions[mentions["article_id"] == "a1"]) == len(
        mentions[mentions["article_id"] == "a0"]
    )  # a1's mentions once, from its new text
    changed = {k: v + " Weer anders." for k, v in _texts(3).items()}
    run([str(_dump(tmp_path / "c.jsonl", changed))], out, language=tiny_nlp)
    assert not any(
        f.startswith(("articles/run-000001", "mentions/run-000001")) for f in _files(out)
    )
    assert _files(out) == _listed(out)
    with duckdb.connect(str(out / DB_NAME), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM replaced_rows WHERE run_id = 1").fetchone() == (0,)


def test_the_writer_makes_row_groups_and_closes_files_at_fixed_sizes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_parts, "ROW_GROUP_ROWS", 4)
    monkeypatch.setattr(store_parts, "FILE_ROW_GROUPS", 2)
    store = Store(tmp_path, flush_rows=3)
    store.begin()
    for i in range(20):
        row = {"article_id": f"a{i:02d}", "source": "s", "record": str(i), "text": "t"}
        store.add("articles", {**row, "seq": i, "status": "ok", "n_chars": 1})
    store.commit()
    ids = [
        r[0] for r in store.con.execute("SELECT article_id FROM articles ORDER BY seq").fetchall()
    ]
    store.close()
    files = sorted((tmp_path / store_parts.PARTS_DIR / "articles").glob("run-*.parquet"))
    groups = [pq.ParquetFile(f).metadata.num_row_groups for f in files]
    sizes = [pq.ParquetFile(f).metadata.num_rows for f in files]
    assert ids == [f"a{i:02d}" for i in range(20)]
    # flushes of 3 rows make groups of 6 (at least 4), two groups a file, the last at commit
    assert groups == [2, 2] and sizes == [12, 8]
    group = pq.ParquetFile(files[0]).metadata.row_group(0)
    stats = {
        group.column(i).path_in_schema: group.column(i).statistics for i in range(group.num_columns)
    }
    assert stats["seq"] is not None and stats["text"] is None  # positions only: pushdown


def test_a_moved_dataset_reads_where_it_is(tmp_path: Path, tiny_nlp: Language) -> None:
    out = tmp_path / "out"
    run([str(_dump(tmp_path / "a.jsonl", _texts(2)))], out, language=tiny_nlp)
    moved = tmp_path / "moved"
    shutil.move(out, moved)
    assert ask(moved, "SELECT count(*) FROM mentions")[1][0][0] > 0
    assert len(newsclaims.open_dataset(moved).quotes) > 0
    own = duckdb.connect(str(moved / DB_NAME), read_only=True)
    with own, pytest.raises(duckdb.IOException):  # the file's own views: where it was
        own.execute("SELECT count(*) FROM mentions").fetchall()
    run([str(_dump(tmp_path / "b.jsonl", {"b0": TEXT}))], moved, language=tiny_nlp)
    with duckdb.connect(str(moved / DB_NAME), read_only=True) as con:
        assert con.execute("SELECT count(DISTINCT article_id) FROM mentions").fetchone() == (3,)
