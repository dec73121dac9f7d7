"""``newsclaims compact``: one part per table, the replaced rows gone, the same tables and
exports before and after, and a failed compaction changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from spacy.language import Language
from typer.testing import CliRunner

from newsclaims import cli, compaction, store_parts
from newsclaims.cli.common import EXIT_USAGE
from newsclaims.runner import run
from newsclaims.store_parts import ARTICLE_ROWS, PARTS_DIR
from newsclaims.store_schema import DB_NAME

TEXT = 'Minister Eric Wiebes zei dat Nederland investeert. "We gaan door," zei Wiebes.'
EXPORTS = ["articles.csv", "mentions.csv", "quotes.csv", "claims.csv", "entities.csv"]


def _dump(path: Path, texts: dict[str, str]) -> str:
    rows = [{"id": k, "date": "2019-11-05", "text": v} for k, v in texts.items()]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def _texts(ids: range, tag: str = "") -> dict[str, str]:
    return {f"a{i}": f"{TEXT} Nummer {i}{tag}." for i in ids}


def _grown(tmp_path: Path, nlp: Language, name: str) -> Path:
    """A dataset of three runs: three articles, one of them changed, then one more."""
    out = tmp_path / name
    run([_dump(tmp_path / "1.jsonl", _texts(range(3)))], out, language=nlp)
    run([_dump(tmp_path / "2.jsonl", {"a1": TEXT + " Anders."})], out, language=nlp)
    run([_dump(tmp_path / "3.jsonl", _texts(range(3, 4)))], out, language=nlp)
    return out


def _state(out: Path) -> dict[str, object]:
    """Every per-article table's rows (sorted), the listed files and the tombstones."""
    with duckdb.connect(str(out / DB_NAME), read_only=True) as con:
        tables = {
            name: sorted(map(repr, con.execute(f'SELECT * FROM "{name}"').fetchall()))
            for name in ARTICLE_ROWS
        }
        files = sorted(r[0] for r in con.execute("SELECT file FROM store_parts").fetchall())
        dead = con.execute("SELECT count(*) FROM replaced_rows").fetchone()
    return {"tables": tables, "files": files, "tombstones": dead}


def _on_disk(out: Path) -> set[str]:
    root = out / PARTS_DIR
    return {p.relative_to(root).as_posix() for p in root.glob("*/run-*.parquet")}


def test_compaction_keeps_every_row_and_leaves_one_part_per_table(
    tmp_path: Path, tiny_nlp: Language
) -> None:
    out = _grown(tmp_path, tiny_nlp, "out")
    before = _state(out)
    assert before["tombstones"] == (1,) and len(before["files"]) > len(ARTICLE_ROWS)
    done = compaction.compact(out)
    after = _state(out)
    assert after["tables"] == before["tables"]  # a1's old rows were hidden, now gone
    assert after["tombstones"] == (0,) and len(after["files"]) == len(ARTICLE_ROWS)
    assert _on_disk(out) == set(after["files"])  # the old files deleted
    articles = next(t for t in done if t.table == "articles")
    assert (articles.files_before, articles.rows_before, articles.rows_after) == (3, 5, 4)
    assert compaction.compact(out) and _state(out) == after  # compact already: untouched


def test_runs_after_a_compaction_export_what_runs_without_one_export(
    tmp_path: Path, tiny_nlp: Language
) -> None:
    compacted, plain = (_grown(tmp_path, tiny_nlp, name) for name in ("c", "p"))
    compaction.compact(compacted)
    kept = set(_on_disk(compacted))
    changed = _texts(range(4), " opnieuw")  # every article changed, and one more
    changed["b0"] = TEXT
    for out in (compacted, plain):
        run([_dump(tmp_path / "4.jsonl", changed)], out, language=tiny_nlp)
    for name in EXPORTS:
        assert (compacted / name).read_bytes() == (plain / name).read_bytes(), name
    # the compacted parts' rows are the last run's: all replaced, their files dropped
    assert not kept & _on_disk(compacted)
    assert _state(compacted)["tables"] == _state(plain)["tables"]


def test_a_failed_compaction_changes_nothing(
    tmp_path: Path, tiny_nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = _grown(tmp_path, tiny_nlp, "out")
    before, files = _state(out), _on_disk(out)
    copy = store_parts.RunParts.copy
    calls = []

    def failing(self: store_parts.RunParts, con: object, name: str, query: str) -> int:
        calls.append(name)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return copy(self, con, name, query)

    monkeypatch.setattr(store_parts.RunParts, "copy", failing)
    with pytest.raises(OSError):
        compaction.compact(out)
    assert _state(out) == before and _on_disk(out) == files  # its two files deleted too


@pytest.mark.parametrize(
    ("make", "code"),
    [(False, EXIT_USAGE), (True, 0)],
    ids=["no dataset", "a dataset"],
)
def test_the_compact_command(tmp_path: Path, tiny_nlp: Language, make: bool, code: int) -> None:
    out = _grown(tmp_path, tiny_nlp, "out") if make else tmp_path / "none"
    result = CliRunner().invoke(cli.app, ["compact", "--out", str(out)])
    assert result.exit_code == code, result.output
    if make:
        assert "replaced rows dropped" in result.output and len(_on_disk(out)) == 6
