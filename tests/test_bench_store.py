"""``bench_store``: the end of a run over copies of a stored dataset (issue 13's figures at
100,000 articles come from it)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
from spacy.language import Language

from newsclaims import bench_store
from newsclaims.runner import run

TEXT = 'Minister Eric Wiebes zei dat Nederland investeert. "We gaan door," zei Wiebes.'


def _dataset(tmp_path: Path, nlp: Language, n: int) -> Path:
    dump = tmp_path / "in.jsonl"
    rows = [{"id": f"a{i}", "date": "2019-11-05", "text": f"{TEXT} Nummer {i}."} for i in range(n)]
    dump.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    run([str(dump)], out, language=nlp)
    return out


def test_copies_every_article_row_with_new_ids_and_positions(
    tmp_path: Path, tiny_nlp: Language
) -> None:
    source = _dataset(tmp_path, tiny_nlp, 3)
    target = tmp_path / "copy"
    target.mkdir()
    db = bench_store.Store(target)
    db.begin()
    assert bench_store.copy_articles(db, source, 2) == 6
    ids = [r[0] for r in db.con.execute("SELECT article_id FROM articles ORDER BY seq").fetchall()]
    seqs = [r[0] for r in db.con.execute("SELECT seq FROM articles ORDER BY seq").fetchall()]
    mention = db.con.execute("SELECT min(mention_id) FROM mentions").fetchone()[0]
    db.rollback()
    db.close()
    assert ids == ["0#a0", "0#a1", "0#a2", "1#a0", "1#a1", "1#a2"] and len(set(seqs)) == 6
    assert mention.startswith("0#a0:m")  # the row number the exports order by stays last


def test_measures_catalog_exports_and_commit_and_leaves_nothing(
    tmp_path: Path, tiny_nlp: Language
) -> None:
    source = _dataset(tmp_path, tiny_nlp, 2)
    work = tmp_path / "work"
    work.mkdir()
    result = bench_store.bench_store(source, 3, work)
    assert result["articles"] == 6
    for step in ("catalog", "exports", "commit"):
        assert set(result[step]) == {"seconds", "peak_above_mib", "before_mib", "after_mib"}
        assert result[step]["seconds"] >= 0 and result[step]["peak_above_mib"] >= 0
    assert list(work.iterdir()) == []
    with duckdb.connect(str(source / "newsclaims.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2  # untouched


def test_a_folder_without_a_dataset_is_exit_2(tmp_path: Path) -> None:
    assert bench_store.main([str(tmp_path)]) == 2
