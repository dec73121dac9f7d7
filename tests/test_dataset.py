"""The output folder as a growing dataset (issue 12): runs on dump A then dump B give the
same exported bytes as one run on both, unchanged articles are not analysed again (and
the model is not even loaded), changed ones are, a killed run leaves the dataset as it
was, and the exports are typed so that frictionless, pandas and DuckDB read them as meant.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from conftest import build_tiny_nlp
from spacy.language import Language

from newsclaims import incremental, nlp
from newsclaims.entities import Catalog
from newsclaims.ingest import FieldMap, read_articles
from newsclaims.process import Extraction, process
from newsclaims.runner import run
from newsclaims.store_schema import DB_NAME
from newsclaims.tables import SET_FILES

ROOT = Path(__file__).resolve().parent.parent
WIEBES = (
    "Minister Eric Wiebes zei dat Nederland zo'n 300 miljoen euro investeert. \"We gaan "
    'door met het plan," zei Wiebes.\n\nGreenpeace meldt dat 2000 mensen in Zeeland '
    "demonstreerden."
)
GREENPEACE = "Volgens Greenpeace wonen ruim 20.000 mensen in Zeeland. Wiebes reageerde niet."
ZEELAND = "In Zeeland staan 12 windmolens. Nederland wil er tientallen meer, zegt Eric Wiebes."
DUMP_A = [
    {
        "id": "a1",
        "date": "5 november 2019",
        "title": "Wiebes investeert",
        "categories": ["binnenland", "klimaat"],
        "author": "Jan Jansen",
        "views": 12,
        "text": WIEBES,
    },
    {"id": "a2", "date": "05-11-2019", "text": GREENPEACE, "source": "nos.nl"},
    {"id": "a3", "date": 1572962580, "text": ZEELAND},
    {"id": "a4", "title": "zonder tekst"},
]
DUMP_B = [
    {"id": "b1", "date": "2019-11", "text": ZEELAND + " Greenpeace is tegen."},
    {"id": "b2", "date": "2019", "text": WIEBES},  # the body of a1: a duplicate of it
    {"id": "b3", "date": "Tue, 05 Nov 2019 14:03:00 +0100", "text": GREENPEACE + " Nee."},
    "not an object",
]


def _jsonl(path: Path, rows: list[object]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def dumps(tmp_path: Path) -> tuple[Path, Path]:
    return _jsonl(tmp_path / "in" / "a.jsonl", DUMP_A), _jsonl(tmp_path / "in" / "b.jsonl", DUMP_B)


@pytest.fixture
def model_dir(tmp_path: Path) -> Path:
    """The tiny pipeline saved, so that runs (and child processes) load it by path."""
    path = tmp_path / "model"
    build_tiny_nlp().to_disk(path)
    return path


def _exports(out: Path) -> dict[str, bytes]:
    return {n: (out / n).read_bytes() for n in SET_FILES if n != "manifest.json"}


def _store(out: Path) -> dict[str, list[tuple]]:
    """Every table of the store, sorted, for comparing datasets by content."""
    con = duckdb.connect(str(out / DB_NAME), read_only=True)
    try:
        names = [r[0] for r in con.execute("SHOW TABLES").fetchall()]
        return {n: sorted(map(repr, con.execute(f'SELECT * FROM "{n}"').fetchall())) for n in names}
    finally:
        con.close()


def test_runs_on_a_then_b_export_the_bytes_of_one_run_on_both(
    tmp_path: Path, dumps: tuple[Path, Path], tiny_nlp: Language
) -> None:
    a, b = dumps
    run([str(a)], tmp_path / "grown", language=tiny_nlp)
    second = run([str(b)], tmp_path / "grown", language=tiny_nlp)
    assert (second.new, second.unchanged, second.duplicates) == (3, 0, 1)
    run([str(a), str(b)], tmp_path / "once", language=tiny_nlp)
    grown, once = _exports(tmp_path / "grown"), _exports(tmp_path / "once")
    assert set(grown) == {n for n in SET_FILES if n != "manifest.json"}
    for name in grown:
        assert grown[name] == once[name], f"{name} differs"
    articles = [json.loads(x) for x in grown["articles.jsonl"].decode().splitlines()]
    assert [x["article_id"] for x in articles] == ["a1", "a2", "a3", "b1", "b2", "b3"]
    assert articles[4]["status"] == "duplicate_of:a1"  # the stored body is known
    assert len(grown["rejects.jsonl"].decode().splitlines()) == 2
    assert grown["entities.csv"].count(b"\n") > 3


def test_catalog_from_the_store_equals_the_one_pass_catalog(
    tmp_path: Path, dumps: tuple[Path, Path], tiny_nlp: Language
) -> None:
    a, b = dumps
    run([str(a)], tmp_path / "out", language=tiny_nlp)
    run([str(b)], tmp_path / "out", language=tiny_nlp)
    catalog = Catalog()
    for item in process(read_articles([a, b]), tiny_nlp):
        if isinstance(item, Extraction):
            catalog.add(item.entities, item.article.date)
    expected = [json.loads(json.dumps(r.__dict__)) for r in catalog.rows()]
    # Across articles the catalog counts a2's and b3's lone "Wiebes" under "Eric Wiebes"
    # (newsclaims.catalog); the one-pass Catalog keeps the articles' own entities.
    expected = _linked(expected, "Wiebes", "Eric Wiebes")
    lines = (tmp_path / "out" / "entities.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x) for x in lines] == expected


def _linked(rows: list[dict], short: str, full: str) -> list[dict]:
    """Catalog rows with the entity named ``short`` counted under ``full`` (no article
    holds both, so articles add up)."""
    from newsclaims.entities import fold

    [gone] = [r for r in rows if r["name"] == short]
    [kept] = [r for r in rows if r["name"] == full]
    kept["aliases"] = sorted({*kept["aliases"], short, *gone["aliases"]}, key=fold)
    for key in ("n_mentions", "n_articles"):
        kept[key] += gone[key]
    kept["first_date"] = min(kept["first_date"], gone["first_date"])
    kept["last_date"] = max(kept["last_date"], gone["last_date"])
    rest = [r for r in rows if r is not gone]
    return sorted(rest, key=lambda r: (-r["n_mentions"], fold(r["name"]), r["entity_id"]))


def test_unchanged_rerun_analyses_nothing_and_loads_no_model(
    tmp_path: Path, dumps: tuple[Path, Path], model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, _ = dumps
    out = tmp_path / "out"
    first = run([str(a)], out, model=str(model_dir))
    before = _exports(out)

    def no_model(*_a: object, **_k: object) -> Language:
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(nlp, "load", no_model)
    again = run([str(a)], out, model=str(model_dir))
    assert first.analysed == 3 and (again.analysed, again.unchanged) == (0, 3)
    assert _exports(out) == before
    con = duckdb.connect(str(out / DB_NAME), read_only=True)
    runs = con.execute("SELECT run_id, changed, model_load_seconds FROM runs").fetchall()
    by_run = con.execute("SELECT DISTINCT run_id FROM articles").fetchall()
    con.close()
    assert [(r[0], r[1], r[2] is None) for r in runs] == [(1, True, False), (2, False, True)]
    assert by_run == [(1,)]


def test_changed_text_is_analysed_again_and_nothing_else(
    tmp_path: Path, dumps: tuple[Path, Path], tiny_nlp: Language
) -> None:
    a, _ = dumps
    run([str(a)], tmp_path / "out", language=tiny_nlp)
    edited = [dict(r, text=r["text"] + " Wiebes belde.") if r["id"] == "a2" else r for r in DUMP_A]
    _jsonl(a, edited)
    stats = run([str(a)], tmp_path / "out", language=tiny_nlp)
    assert (stats.analysed, stats.changed, stats.unchanged) == (1, 1, 2)
    run([str(a)], tmp_path / "fresh", language=tiny_nlp)
    assert _exports(tmp_path / "out") == _exports(tmp_path / "fresh")
    con = duckdb.connect(str(tmp_path / "out" / DB_NAME), read_only=True)
    runs = dict(con.execute("SELECT article_id, run_id FROM articles").fetchall())
    con.close()
    assert runs == {"a1": 1, "a2": 2, "a3": 1}


def test_new_version_and_rebuild_analyse_again(
    tmp_path: Path, dumps: tuple[Path, Path], tiny_nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = dumps
    out = tmp_path / "out"
    run([str(a)], out, language=tiny_nlp)
    monkeypatch.setattr(incremental, "__version__", "99.0")
    assert run([str(a)], out, language=tiny_nlp).analysed == 3
    assert run([str(a)], out, language=tiny_nlp).analysed == 0
    rebuilt = run([str(b)], out, language=tiny_nlp, rebuild=True)
    assert rebuilt.analysed == 3 + 2  # b1, b3 and every stored article (a1-a3)
    run([str(a), str(b)], tmp_path / "once", language=tiny_nlp)
    assert _exports(out) == _exports(tmp_path / "once")


KILLED_RUN = """
import os, signal, sys
from pathlib import Path
from newsclaims.runner import run

def on_record(stats):
    if stats.records == 2:
        os.kill(os.getpid(), signal.SIGKILL)

run([sys.argv[1]], Path(sys.argv[2]), model=sys.argv[3], on_record=on_record)
"""


def test_killed_run_leaves_the_dataset_as_it_was_and_the_rerun_completes(
    tmp_path: Path, dumps: tuple[Path, Path], model_dir: Path
) -> None:
    a, b = dumps
    out = tmp_path / "out"
    run([str(a)], out, model=str(model_dir))
    files, store = _exports(out), _store(out)
    child = subprocess.run(
        [sys.executable, "-c", KILLED_RUN, str(b), str(out), str(model_dir)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert any(p.name.startswith(".staging-") for p in out.iterdir())  # it was mid-run
    assert _store(out) == store
    assert _exports(out) == files
    run([str(b)], out, model=str(model_dir))
    run([str(a), str(b)], tmp_path / "once", model=str(model_dir))
    assert _exports(out) == _exports(tmp_path / "once")
    assert not any(p.name.startswith(".") for p in out.iterdir())


def test_frictionless_validates_the_exports(
    tmp_path: Path, dumps: tuple[Path, Path], tiny_nlp: Language
) -> None:
    frictionless = pytest.importorskip("frictionless")
    run([str(p) for p in dumps], tmp_path / "dumps", language=tiny_nlp)
    run([str(ROOT / "data")], tmp_path / "data", language=tiny_nlp)
    for out in (tmp_path / "dumps", tmp_path / "data"):
        report = frictionless.validate(str(out / "datapackage.json"))
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_pandas_and_duckdb_read_dates_as_dates(
    tmp_path: Path, dumps: tuple[Path, Path], tiny_nlp: Language
) -> None:
    pandas = pytest.importorskip("pandas")
    out = tmp_path / "out"
    run([str(p) for p in dumps], out, language=tiny_nlp)
    frame = pandas.read_parquet(out / "articles.parquet")
    assert pandas.api.types.is_datetime64_any_dtype(frame["date"]) or str(
        type(frame["date"].dropna().iloc[0])
    ).endswith("date'>")
    assert pandas.api.types.is_datetime64_any_dtype(
        pandas.read_csv(out / "articles.csv", parse_dates=["date"])["date"]
    )
    con = duckdb.connect()
    for source in ("articles.csv", "articles.parquet", "claims.csv", "entities.csv"):
        rel = con.execute(f"DESCRIBE SELECT * FROM '{out / source}'").fetchall()
        types = {r[0]: r[1] for r in rel}
        for column in ("date", "first_date"):
            if column in types:
                assert types[column] == "DATE", (source, types[column])
    con.close()
    con = duckdb.connect(str(out / DB_NAME), read_only=True)
    rows = con.execute(
        "SELECT article_id, date, date_precision, published_at FROM articles ORDER BY seq"
    ).fetchall()
    con.close()
    got = {r[0]: (r[1].isoformat() if r[1] else None, r[2], r[3]) for r in rows}
    assert got["a1"][:2] == ("2019-11-05", "day") and got["a2"][:2] == ("2019-11-05", "day")
    assert got["a3"][0] == "2019-11-05" and got["a3"][2] is not None  # epoch: an instant
    assert got["b1"][:2] == ("2019-11-01", "month") and got["b2"][:2] == ("2019-01-01", "year")
    assert got["b3"][2].isoformat() == "2019-11-05T13:03:00+00:00"


def test_input_fields_are_kept_and_can_be_mapped(tmp_path: Path, tiny_nlp: Language) -> None:
    dump = _jsonl(
        tmp_path / "x.jsonl",
        [{"id": "x", "text": WIEBES, "rubriek": ["sport"], "door": "Piet", "views": 3}],
    )
    fields = FieldMap().renamed({"categories": "rubriek", "author": "door"})
    run([str(dump)], tmp_path / "out", language=tiny_nlp, fields=fields)
    [row] = [json.loads(x) for x in (tmp_path / "out" / "articles.jsonl").read_text().splitlines()]
    assert (row["categories"], row["author"], row["extra"]) == (["sport"], "Piet", {"views": 3})
    csv_text = (tmp_path / "out" / "articles.csv").read_text(encoding="utf-8")
    assert ",sport,Piet," in csv_text and '"{""views"": 3}"' in csv_text


def test_views_answer_the_common_questions(
    tmp_path: Path, dumps: tuple[Path, Path], tiny_nlp: Language
) -> None:
    out = tmp_path / "out"
    run([str(p) for p in dumps], out, language=tiny_nlp)
    con = duckdb.connect(str(out / DB_NAME), read_only=True)
    claims = con.execute(
        "SELECT article_id, article_date, title, outlet FROM claims_in_context "
        "WHERE article_id = 'a1'"
    ).fetchall()
    quotes = con.execute(
        "SELECT speaker_entity, article_date FROM quotes_in_context WHERE article_id = 'a1'"
    ).fetchall()
    pairs = con.execute(
        "SELECT name_a, name_b FROM entity_cooccurrence WHERE article_id = 'a1'"
    ).fetchall()
    totals = con.execute("SELECT max(n_articles) FROM entity_pairs").fetchall()
    con.close()
    assert claims and all(c[2] == "Wiebes investeert" and str(c[1]) == "2019-11-05" for c in claims)
    assert ("Eric Wiebes", "2019-11-05") in [(q[0], str(q[1])) for q in quotes]
    assert any({"Eric Wiebes", "Greenpeace"} == set(p) for p in pairs)
    assert totals[0][0] >= 2
    schema = (out / "SCHEMA.md").read_text(encoding="utf-8")
    for view in ("claims_in_context", "quotes_in_context", "entity_cooccurrence", "runs"):
        assert view in schema


def test_sql_command_answers_from_the_dataset(
    tmp_path: Path, dumps: tuple[Path, Path], tiny_nlp: Language
) -> None:
    from typer.testing import CliRunner

    from newsclaims import cli

    out = tmp_path / "out"
    run([str(p) for p in dumps], out, language=tiny_nlp)
    query = "SELECT article_id, date FROM articles ORDER BY seq LIMIT 2"
    result = CliRunner().invoke(cli.app, ["sql", query, "--out", str(out), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["article_id,date", "a1,2019-11-05", "a2,2019-11-05"]
    table = CliRunner().invoke(cli.app, ["sql", "SELECT run_id FROM runs", "--out", str(out)])
    assert table.exit_code == 0 and "run_id" in table.output
    assert CliRunner().invoke(cli.app, ["sql", "SELECT 1", "--out", str(tmp_path)]).exit_code == 2
    assert CliRunner().invoke(cli.app, ["sql", "SELEC nope", "--out", str(out)]).exit_code == 1
